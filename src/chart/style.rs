//! What every chart shares: sizes, colours, the title block, legends and the grid of
//! small multiples. Sizes are plotters font sizes in pixels of a 1600 px wide picture:
//! printed at A4 text width (16 cm) the smallest label is still about 6 pt, and in
//! report.html, scaled to the page, at least 14 px.

use plotters::chart::MeshStyle;
use plotters::coord::ranged1d::ValueFormatter;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::font::FAMILY;

/// The width of every chart in pixels.
pub const WIDTH: u32 = 1600;
/// The height of the title block (title and subtitle) in pixels.
pub const HEADER: u32 = 136;
/// The left and right margin of the title block and legends.
pub const MARGIN: i32 = 40;

/// Font size of a chart's title.
pub const TITLE_SIZE: f64 = 44.0;
/// Font size of a chart's subtitle and notes.
pub const SUBTITLE_SIZE: f64 = 28.0;
/// Font size of axis labels and legends.
pub const LABEL_SIZE: f64 = 27.0;
/// Font size of tick labels and values in small multiples.
pub const SMALL_SIZE: f64 = 24.0;
/// Font size of numbers written on bars in small multiples.
pub const NOTE_SIZE: f64 = 22.0;
/// Font size of a panel's title in small multiples.
pub const PANEL_TITLE_SIZE: f64 = 30.0;

/// Text colour.
pub const INK: RGBColor = RGBColor(33, 33, 33);
/// Secondary text colour (subtitles, notes).
pub const MUTED: RGBColor = RGBColor(90, 90, 90);
/// Grid lines.
pub const GRID: RGBColor = RGBColor(225, 225, 225);
/// Axis lines.
pub const AXIS: RGBColor = RGBColor(120, 120, 120);

/// Demand (households plus frictional vacancy).
pub const DEMAND: RGBColor = RGBColor(20, 20, 20);
/// The do-nothing reference.
pub const DO_NOTHING: RGBColor = RGBColor(150, 150, 150);
/// The plan.
pub const PLAN: RGBColor = RGBColor(31, 102, 170);
/// Demolition (sloop).
pub const DEMOLISH: RGBColor = RGBColor(178, 34, 34);
/// Transformation (herstructurering).
pub const TRANSFORM: RGBColor = RGBColor(232, 145, 36);
/// Sales (verkoop): dwellings sold, apart from demolition.
pub const SALE: RGBColor = RGBColor(118, 84, 168);
/// New build.
pub const NEW_BUILD: RGBColor = RGBColor(46, 139, 87);
/// Budget available.
pub const BUDGET: RGBColor = RGBColor(166, 200, 228);
/// Money spent.
pub const SPENT: RGBColor = RGBColor(24, 72, 128);
/// Shadow prices.
pub const SHADOW: RGBColor = RGBColor(196, 78, 0);
/// Municipalities outside the case on the map.
pub const OUTSIDE: RGBColor = RGBColor(218, 218, 218);

/// Colours of segments in file order (Okabe–Ito, safe for colour-blind readers).
pub const SEGMENT_COLOURS: [RGBColor; 8] = palette([
    0x0072b2, 0xe69f00, 0x009e73, 0xcc79a7, 0x56b4e9, 0xd55e00, 0xf0e442, 0x787878,
]);
/// The map's sequential colours for the share classes (ColorBrewer OrRd), light to dark.
pub const MAP_RAMP: [RGBColor; 6] =
    palette([0xfdd49e, 0xfdbb84, 0xfc8d59, 0xef6548, 0xd7301f, 0x990000]);
/// Municipalities of the case without demolition or transformation on the map.
pub const MAP_NONE: RGBColor = palette([0xfff7ec])[0];

/// Colours written as `0xrrggbb`, the form in which palettes are published.
const fn palette<const N: usize>(hex: [u32; N]) -> [RGBColor; N] {
    let mut colours = [RGBColor(0, 0, 0); N];
    let mut i = 0;
    while i < N {
        let [_, r, g, b] = hex[i].to_be_bytes();
        colours[i] = RGBColor(r, g, b);
        i += 1;
    }
    colours
}

/// The colour of segment `s`.
pub fn segment_colour(s: usize) -> RGBColor {
    SEGMENT_COLOURS[s % SEGMENT_COLOURS.len()]
}

/// Dark text on light fills, white text on dark ones.
pub fn ink_on(fill: RGBColor) -> RGBColor {
    let RGBColor(r, g, b) = fill;
    let luminance = 0.2126 * f64::from(r) + 0.7152 * f64::from(g) + 0.0722 * f64::from(b);
    if luminance > 150.0 {
        INK
    } else {
        WHITE
    }
}

/// A text style of the chart font.
pub fn text(size: f64, colour: RGBColor) -> TextStyle<'static> {
    let mut style = TextStyle::from((FAMILY, size).into_font());
    style.color = colour.to_backend_color();
    style
}

/// A text style anchored at `h`, `v`.
pub fn anchored(size: f64, colour: RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    text(size, colour).pos(Pos::new(h, v))
}

/// The result type of drawing on a backend.
pub type DrawResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// Fills the picture white and writes the title and the subtitle lines at the top;
/// returns the area below the title block.
pub fn header<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    subtitle: &[String],
) -> Result<DrawingArea<DB, Shift>, DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    titles(root, title, subtitle)?;
    Ok(root.split_vertically(header_height(subtitle.len())).1)
}

/// Writes the title and the subtitle lines at the top (on what is already drawn).
pub fn titles<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    subtitle: &[String],
) -> DrawResult<DB> {
    // A long title (e.g. with the projection of a robust plan) shrinks to fit the width.
    let room = f64::from(root.dim_in_pixel().0) - 2.0 * f64::from(MARGIN);
    let width = root
        .estimate_text_size(title, &text(TITLE_SIZE, INK))?
        .0
        .max(1);
    let size = if f64::from(width) > room {
        (TITLE_SIZE * room / f64::from(width)).floor()
    } else {
        TITLE_SIZE
    };
    root.draw_text(
        title,
        &anchored(size, INK, HPos::Left, VPos::Top),
        (MARGIN, 26),
    )?;
    for (i, line) in subtitle.iter().enumerate() {
        root.draw_text(
            line,
            &anchored(SUBTITLE_SIZE, MUTED, HPos::Left, VPos::Top),
            (MARGIN, 78 + 36 * i as i32),
        )?;
    }
    Ok(())
}

/// Writes the plan's title small and muted in the bottom right corner, so a chart copied
/// into a presentation still says which plan it shows.
pub fn kicker<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, text: &str) -> DrawResult<DB> {
    if text.is_empty() {
        return Ok(());
    }
    let (width, height) = root.dim_in_pixel();
    root.draw_text(
        text,
        &anchored(NOTE_SIZE, MUTED, HPos::Right, VPos::Bottom),
        (width as i32 - MARGIN / 2, height as i32 - 8),
    )
}

/// The height of the title block for `lines` subtitle lines.
pub fn header_height(lines: usize) -> u32 {
    HEADER.max(78 + 36 * lines as u32 + 22)
}

/// How a legend entry is drawn.
#[derive(Debug, Clone, Copy)]
pub enum Mark {
    /// A filled box.
    Box(RGBColor),
    /// A line.
    Line(RGBColor),
    /// A dashed line.
    Dashed(RGBColor),
    /// A short vertical dotted line (a year marker).
    Vertical(RGBColor),
    /// A sample of text in a colour (e.g. the shadow price numbers).
    Sample(RGBColor, &'static str),
}

/// Draws the legend `entries` in the strip `legend_area` with its first row at `top`,
/// then presents the picture: the last step of every chart with a legend at the bottom.
pub fn legend_and_present<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    legend_area: &DrawingArea<DB, Shift>,
    entries: &[(Mark, String)],
    top: i32,
) -> DrawResult<DB> {
    legend(legend_area, entries, (MARGIN, top), WIDTH as i32 - 40)?;
    root.present()
}

/// The width of one legend entry: its mark, a gap, its label and the space after it.
fn entry_width<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    mark: &Mark,
    label: &str,
) -> Result<i32, DrawingAreaErrorKind<DB::ErrorType>> {
    let style = anchored(LABEL_SIZE, INK, HPos::Left, VPos::Center);
    Ok(mark_width(area, mark)? + 10 + area.estimate_text_size(label, &style)?.0 as i32 + 36)
}

/// The width of a legend entry's mark.
fn mark_width<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    mark: &Mark,
) -> Result<i32, DrawingAreaErrorKind<DB::ErrorType>> {
    let style = anchored(LABEL_SIZE, INK, HPos::Left, VPos::Center);
    Ok(match mark {
        Mark::Sample(_, sample) => area.estimate_text_size(sample, &style)?.0 as i32,
        Mark::Vertical(_) => 12,
        _ => 40,
    })
}

/// How many rows [`legend`] needs for `entries` from [`MARGIN`] up to `max_x` (the same
/// wrapping), to size the area before drawing.
pub fn legend_rows<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[(Mark, String)],
    max_x: i32,
) -> Result<u32, DrawingAreaErrorKind<DB::ErrorType>> {
    let (x0, mut x, mut rows) = (MARGIN, MARGIN, 1);
    for (mark, label) in entries {
        let width = entry_width(area, mark, label)?;
        if x > x0 && x + width > max_x {
            x = x0;
            rows += 1;
        }
        x += width;
    }
    Ok(rows)
}

/// Draws a legend as one row of entries starting at (x, y) (the row's vertical centre);
/// wraps to a new row at `max_x`. Returns the y of the last row.
pub fn legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[(Mark, String)],
    (x0, y0): (i32, i32),
    max_x: i32,
) -> Result<i32, DrawingAreaErrorKind<DB::ErrorType>> {
    let style = anchored(LABEL_SIZE, INK, HPos::Left, VPos::Center);
    let (mut x, mut y) = (x0, y0);
    for (mark, label) in entries {
        let mark_w = mark_width(area, mark)?;
        let width = entry_width(area, mark, label)?;
        if x > x0 && x + width > max_x {
            x = x0;
            y += 40;
        }
        match *mark {
            Mark::Box(c) => {
                area.draw(&Rectangle::new([(x, y - 11), (x + 40, y + 11)], c.filled()))?;
            }
            Mark::Line(c) => stroke(area, [(x, y), (x + 40, y)], c, 4)?,
            Mark::Dashed(c) => {
                for i in 0..3 {
                    let s = x + i * 15;
                    stroke(area, [(s, y), (s + 9, y)], c, 4)?;
                }
            }
            Mark::Vertical(c) => {
                for i in 0..4 {
                    let s = y - 16 + i * 9;
                    stroke(area, [(x + 5, s), (x + 5, s + 5)], c, 3)?;
                }
            }
            Mark::Sample(c, sample) => {
                area.draw_text(
                    sample,
                    &anchored(LABEL_SIZE, c, HPos::Left, VPos::Center),
                    (x, y),
                )?;
            }
        }
        area.draw_text(label, &style, (x + mark_w + 10, y))?;
        x += width;
    }
    Ok(y)
}

/// Rows and columns of a grid of `n` small multiples, at most four columns.
pub fn grid(n: usize) -> (usize, usize) {
    match n {
        0 | 1 => (1, 1),
        2 => (1, 2),
        3 => (1, 3),
        4 => (2, 2),
        5 | 6 => (2, 3),
        _ => (n.div_ceil(4), 4),
    }
}

/// The height of one panel in a grid with `rows` rows.
pub fn panel_height(rows: usize) -> u32 {
    if rows == 1 {
        640
    } else {
        440
    }
}

/// Draws a vertical dotted line from `top` to `bottom` at x (pixel coordinates).
pub fn dotted_vertical<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    x: i32,
    top: i32,
    bottom: i32,
    colour: RGBColor,
) -> DrawResult<DB> {
    let mut y = top;
    while y < bottom {
        stroke(area, [(x, y), (x, (y + 6).min(bottom))], colour, 3)?;
        y += 12;
    }
    Ok(())
}

/// Draws a straight line between two points (pixel coordinates) in `colour`, `width`
/// pixels wide.
pub fn stroke<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    [from, to]: [(i32, i32); 2],
    colour: RGBColor,
    width: u32,
) -> DrawResult<DB> {
    area.draw(&PathElement::new(
        vec![from, to],
        colour.stroke_width(width),
    ))
}

/// Draws a stock without any action (one point per year) as the dashed grey line of
/// every stock chart.
pub fn do_nothing_line<DB, CT>(
    chart: &mut ChartContext<'_, DB, CT>,
    points: Vec<(i32, f64)>,
) -> DrawResult<DB>
where
    DB: DrawingBackend,
    CT: CoordTranslate<From = (i32, f64)>,
{
    chart.draw_series(DashedLineSeries::new(
        points,
        14,
        10,
        DO_NOTHING.stroke_width(4),
    ))?;
    Ok(())
}

/// Draws a stock with a plan (one point per year) as a solid line in `colour`, `width`
/// pixels wide, with a dot at every year.
pub fn plan_line<DB, CT>(
    chart: &mut ChartContext<'_, DB, CT>,
    points: Vec<(i32, f64)>,
    colour: RGBColor,
    width: u32,
) -> DrawResult<DB>
where
    DB: DrawingBackend,
    CT: CoordTranslate<From = (i32, f64)>,
{
    chart.draw_series(LineSeries::new(
        points.iter().copied(),
        colour.stroke_width(width),
    ))?;
    chart.draw_series(
        points
            .into_iter()
            .map(|p| Circle::new(p, 6, colour.filled())),
    )?;
    Ok(())
}

/// Year ticks for a time axis from `first` (the base year, always labelled) to `last`:
/// the base year, then every multiple of a round step (5 or 10 years) far enough from it.
pub fn year_ticks(first: i32, last: i32) -> Vec<i32> {
    let span = (last - first).max(1);
    let step = if span > 20 { 10 } else { 5 };
    let mut ticks = vec![first];
    let mut year = (first / step + 1) * step;
    while year <= last {
        if year - first > step / 2 {
            ticks.push(year);
        }
        year += step;
    }
    ticks
}

/// Top margin of a panel's plot under its title: room for the label of the highest tick.
pub const PANEL_TOP: u32 = 22;

/// Writes a panel's title centred at the top of `area`; returns the area below it.
pub fn panel_title<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
) -> Result<DrawingArea<DB, Shift>, DrawingAreaErrorKind<DB::ErrorType>> {
    let (width, _) = area.dim_in_pixel();
    area.draw_text(
        title,
        &anchored(PANEL_TITLE_SIZE, INK, HPos::Center, VPos::Top),
        (width as i32 / 2, 6),
    )?;
    Ok(area.split_vertically(46).1)
}

/// The grid every chart uses: no minor lines, light major lines, grey axes.
pub fn quiet_mesh<'m, 'a, 'b, X, Y, XT, YT, DB>(
    mesh: &'m mut MeshStyle<'a, 'b, X, Y, DB>,
) -> &'m mut MeshStyle<'a, 'b, X, Y, DB>
where
    X: Ranged<ValueType = XT> + ValueFormatter<XT>,
    Y: Ranged<ValueType = YT> + ValueFormatter<YT>,
    DB: DrawingBackend,
{
    mesh.light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .axis_style(AXIS)
}

/// The y range of a line chart of `values`: their range padded by `share` of it (at
/// least 1 % of the top and 1), never below 0; 0–1 without values.
pub fn padded_range(values: impl Iterator<Item = f64>, share: f64) -> (f64, f64) {
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
        (a.min(v), b.max(v))
    });
    let (lo, hi) = if lo.is_finite() { (lo, hi) } else { (0.0, 1.0) };
    let pad = ((hi - lo) * share).max(hi.abs() * 0.01).max(1.0);
    ((lo - pad).max(0.0), hi + pad)
}

/// The chart builder of a full-width line chart on `plot_area`, with label areas of
/// `x_labels` and `y_labels` pixels.
pub fn line_chart<DB: DrawingBackend>(
    plot_area: &DrawingArea<DB, Shift>,
    x_labels: u32,
    y_labels: u32,
) -> ChartBuilder<'_, '_, DB> {
    let mut builder = ChartBuilder::on(plot_area);
    builder
        .margin_left(MARGIN as u32)
        .margin_right(60)
        .margin_top(20)
        .margin_bottom(10)
        .x_label_area_size(x_labels)
        .y_label_area_size(y_labels);
    builder
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn palettes_read_hex_as_rgb() {
        assert_eq!(SEGMENT_COLOURS[0], RGBColor(0, 114, 178));
        assert_eq!(SEGMENT_COLOURS[7], RGBColor(120, 120, 120));
        assert_eq!(MAP_RAMP[0], RGBColor(253, 212, 158));
        assert_eq!(MAP_RAMP[5], RGBColor(153, 0, 0));
        assert_eq!(MAP_NONE, RGBColor(255, 247, 236));
    }
}
