//! Chart 6: a map of the municipalities, coloured by demolition alone (sales and
//! transformations are in chart 2, apart) over the whole horizon as a share of the base
//! stock, in classes of a sequential
//! palette with a legend. Municipalities of the boundaries file outside the case are
//! drawn grey for orientation; the map is zoomed to the case's municipalities.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::data::ChartData;
use super::format::Lang;
use super::geo::{self, Area, Boundaries, Bounds};
use super::style::{self, DrawResult};
use super::ChartKind;
use crate::labels;

/// Width of the legend column on the right.
const LEGEND_WIDTH: i32 = 470;
/// The picture's height.
const HEIGHT: u32 = 1400;
/// Municipalities with at most this many members get their names on the map.
const MAX_NAMED: usize = 15;

/// The share classes of the legend: "0 %", then classes up to round upper bounds set
/// near the quantiles of the shares, so a skewed distribution still shows its spread.
#[derive(Debug, Clone, PartialEq)]
pub struct Classes {
    /// Upper bounds of the classes above zero, as shares, strictly increasing (1–6).
    pub bounds: Vec<f64>,
}

/// Shares below this count as zero (no demolition or transformation).
const ZERO: f64 = 5e-5;

impl Classes {
    /// Classes for these shares (one per municipality of the case).
    pub fn for_shares(shares: &[f64]) -> Classes {
        let mut positive: Vec<f64> = shares.iter().copied().filter(|s| *s >= ZERO).collect();
        positive.sort_by(f64::total_cmp);
        let Some(&max) = positive.last() else {
            return Classes { bounds: vec![0.01] };
        };
        let count = positive.len().min(5);
        let mut bounds: Vec<f64> = (1..count)
            .map(|k| round_percent(positive[k * positive.len() / count] * 100.0, false) / 100.0)
            .collect();
        bounds.push(round_percent(max * 100.0, true) / 100.0);
        bounds.retain(|b| *b > 0.0);
        bounds.dedup_by(|a, b| (*a - *b).abs() < 1e-12);
        let mut increasing: Vec<f64> = Vec::new();
        for b in bounds {
            if increasing.last().is_none_or(|last| b > *last) {
                increasing.push(b);
            }
        }
        Classes { bounds: increasing }
    }

    /// The number of classes above zero.
    pub fn count(&self) -> usize {
        self.bounds.len()
    }

    /// The class of a share: `None` for (practically) zero, else 0..count.
    pub fn of(&self, share: f64) -> Option<usize> {
        if share < ZERO {
            return None;
        }
        Some(
            self.bounds
                .iter()
                .position(|b| share <= b + 1e-12)
                .unwrap_or(self.bounds.len() - 1),
        )
    }

    /// The colour of a class.
    pub fn colour(&self, class: Option<usize>) -> RGBColor {
        match class {
            None => style::MAP_NONE,
            Some(c) => {
                // Spread the classes over the ramp, always ending at its darkest.
                let offset = style::MAP_RAMP.len().saturating_sub(self.count());
                style::MAP_RAMP[(offset + c).min(style::MAP_RAMP.len() - 1)]
            }
        }
    }

    /// The legend text of a class, e.g. `2–4 %`.
    pub fn label(&self, class: Option<usize>, lang: Lang) -> String {
        let unit = lang.get(labels::PERCENT_SIGN);
        match class {
            None => format!("0{unit}"),
            Some(c) => {
                let lower = if c == 0 { 0.0 } else { self.bounds[c - 1] };
                format!(
                    "{}–{}{unit}",
                    lang.num(lower * 100.0, 2),
                    lang.num(self.bounds[c] * 100.0, 2)
                )
            }
        }
    }
}

/// A percentage rounded to a round number: to 0.1 below 1 %, to 0.5 below 10 %, to 1
/// below 20 % and to 5 above; `up` rounds upwards (for the highest bound).
fn round_percent(p: f64, up: bool) -> f64 {
    let step = if p < 1.0 {
        0.1
    } else if p < 10.0 {
        0.5
    } else if p < 20.0 {
        1.0
    } else {
        5.0
    };
    let q = p / step;
    let q = if up { (q - 1e-9).ceil() } else { q.round() };
    (q * step).max(step)
}

/// The picture size.
pub fn size(_data: &ChartData) -> (u32, u32) {
    (style::WIDTH, HEIGHT)
}

/// Draws the map on `root` (any plotters backend).
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    data: &ChartData,
    boundaries: &Boundaries,
    lang: Lang,
) -> DrawResult<DB> {
    let share_of: std::collections::BTreeMap<&str, f64> = data
        .municipalities
        .iter()
        .map(|m| (m.code.as_str(), m.demolition_share()))
        .collect();
    let shares: Vec<f64> = share_of.values().copied().collect();
    let classes = Classes::for_shares(&shares);
    let (inside, outside): (Vec<&Area>, Vec<&Area>) = boundaries
        .areas
        .iter()
        .partition(|a| share_of.contains_key(a.code.as_str()));
    let missing = data.municipalities.len() - inside.len().min(data.municipalities.len());

    let subtitle = match lang {
        Lang::Nl => vec![
            format!(
                "Alleen sloop: gesloopte woningen over de hele planperiode, als aandeel van \
                 de voorraad in {}.",
                data.base_year
            ),
            "Verkoop en transformatie staan apart in grafiek 2.".to_string(),
        ],
        Lang::En => vec![
            format!(
                "Demolition only: dwellings demolished over the whole plan horizon, as a \
                 share of the stock in {}.",
                data.base_year
            ),
            "Sales and transformations are apart, in chart 2.".to_string(),
        ],
    };
    let top = style::header_height(subtitle.len()) as i32;
    root.fill(&WHITE)?;
    let (width, height) = root.dim_in_pixel();
    let map_box = (
        style::MARGIN,
        top + 10,
        width as i32 - LEGEND_WIDTH - 20,
        height as i32 - 30,
    );
    if let Some(view) = Bounds::of(inside.iter().copied()) {
        let view = view.fit(
            0.04,
            f64::from(map_box.2 - map_box.0),
            f64::from(map_box.3 - map_box.1),
        );
        let map_area = root.clone().shrink(
            (map_box.0, map_box.1),
            (
                (map_box.2 - map_box.0) as u32,
                (map_box.3 - map_box.1) as u32,
            ),
        );
        draw_areas(&map_area, &view, &inside, &outside, &share_of, &classes)?;
        // Shapes reaching beyond the map box are covered again by the margins.
        let white = WHITE.filled();
        let (w, h) = (width as i32, height as i32);
        for rect in [
            [(0, 0), (w, map_box.1)],
            [(0, map_box.3), (w, h)],
            [(0, 0), (map_box.0, h)],
            [(map_box.2, 0), (w, h)],
        ] {
            root.draw(&Rectangle::new(rect, white))?;
        }
    }
    style::titles(root, &ChartKind::Map.title(data, lang), &subtitle)?;
    style::kicker(root, &data.plan_title(lang))?;
    draw_legend(
        root,
        (map_box.2 + 40, top + 30),
        &classes,
        !outside.is_empty() && !inside.is_empty(),
        missing,
        data,
        lang,
    )?;
    root.present()
}

fn draw_areas<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    view: &Bounds,
    inside: &[&Area],
    outside: &[&Area],
    share_of: &std::collections::BTreeMap<&str, f64>,
    classes: &Classes,
) -> DrawResult<DB> {
    let mut chart =
        ChartBuilder::on(area).build_cartesian_2d(view.x0..view.x1, view.y0..view.y1)?;
    // Largest first, so enclaves drawn later stay visible; holes are painted white.
    let mut shapes: Vec<(&Area, RGBColor, f64)> = inside
        .iter()
        .map(|a| {
            let class = classes.of(share_of[a.code.as_str()]);
            (*a, classes.colour(class), geo::area_size(a))
        })
        .chain(
            outside
                .iter()
                .filter(|a| Bounds::of([**a]).is_some_and(|b| b.overlaps(view)))
                .map(|a| (*a, style::OUTSIDE, geo::area_size(a))),
        )
        .collect();
    shapes.sort_by(|a, b| b.2.total_cmp(&a.2).then_with(|| a.0.code.cmp(&b.0.code)));
    let ring_points = |ring: &[(f64, f64)]| -> Vec<(f64, f64)> {
        ring.iter().map(|p| geo::project(*p)).collect()
    };
    for (a, colour, _) in &shapes {
        for polygon in &a.polygons {
            for (i, ring) in polygon.iter().enumerate() {
                let fill = if i == 0 { *colour } else { WHITE };
                chart.draw_series(std::iter::once(Polygon::new(
                    ring_points(ring),
                    fill.filled(),
                )))?;
            }
        }
    }
    for (a, colour, _) in &shapes {
        let border = if *colour == style::OUTSIDE {
            WHITE.stroke_width(2)
        } else {
            RGBColor(110, 110, 110).stroke_width(1)
        };
        for ring in a.polygons.iter().flatten() {
            let mut points = ring_points(ring);
            if let Some(first) = points.first().copied() {
                points.push(first);
            }
            chart.draw_series(std::iter::once(PathElement::new(points, border)))?;
        }
    }
    if inside.len() <= MAX_NAMED {
        for a in inside {
            let Some(largest) = a
                .polygons
                .iter()
                .filter_map(|p| p.first())
                .max_by(|x, y| geo::ring_area(x).total_cmp(&geo::ring_area(y)))
            else {
                continue;
            };
            let b = Bounds::of([&Area {
                code: String::new(),
                name: None,
                polygons: vec![vec![largest.clone()]],
            }]);
            if let Some(b) = b {
                let centre = ((b.x0 + b.x1) / 2.0, (b.y0 + b.y1) / 2.0);
                let name = a.name.clone().unwrap_or_else(|| a.code.clone());
                let pixel = chart.backend_coord(&centre);
                let base = area.get_base_pixel();
                let fill = classes.colour(classes.of(share_of[a.code.as_str()]));
                area.draw_text(
                    &name,
                    &style::anchored(
                        style::SMALL_SIZE,
                        style::ink_on(fill),
                        HPos::Center,
                        VPos::Center,
                    ),
                    (pixel.0 - base.0, pixel.1 - base.1),
                )?;
            }
        }
    }
    Ok(())
}

fn draw_legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    (x, y): (i32, i32),
    classes: &Classes,
    with_outside: bool,
    missing: usize,
    data: &ChartData,
    lang: Lang,
) -> DrawResult<DB> {
    let head = style::anchored(style::LABEL_SIZE, style::INK, HPos::Left, VPos::Top);
    let label = style::anchored(style::LABEL_SIZE, style::INK, HPos::Left, VPos::Center);
    let note = style::anchored(style::SMALL_SIZE, style::MUTED, HPos::Left, VPos::Top);
    root.draw_text(lang.get(labels::DEMOLITION_TRANSFORMATION), &head, (x, y))?;
    let second = match lang {
        Lang::Nl => format!("aandeel van de voorraad {}", data.base_year),
        Lang::En => format!("share of the {} stock", data.base_year),
    };
    root.draw_text(&second, &head, (x, y + 34))?;
    let mut rows: Vec<(RGBColor, String)> = (0..classes.count())
        .rev()
        .map(|c| (classes.colour(Some(c)), classes.label(Some(c), lang)))
        .collect();
    rows.push((classes.colour(None), classes.label(None, lang)));
    if with_outside {
        rows.push((
            style::OUTSIDE,
            lang.get(labels::OUTSIDE_THE_CASE).to_string(),
        ));
    }
    let mut cy = y + 100;
    for (colour, text) in rows {
        root.draw(&Rectangle::new(
            [(x, cy - 18), (x + 56, cy + 18)],
            colour.filled(),
        ))?;
        root.draw(&Rectangle::new(
            [(x, cy - 18), (x + 56, cy + 18)],
            RGBColor(110, 110, 110).stroke_width(1),
        ))?;
        root.draw_text(&text, &label, (x + 72, cy))?;
        cy += 48;
    }
    if missing > 0 {
        let text = match lang {
            Lang::Nl => format!("{missing} gemeente(n) zonder grens"),
            Lang::En => format!("{missing} municipality(-ies) without a boundary"),
        };
        root.draw_text(&text, &note, (x, cy + 10))?;
        cy += 40;
        root.draw_text(lang.get(labels::IN_BOUNDARIES_GEOJSON), &note, (x, cy + 10))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_follow_the_quantiles_in_round_steps() {
        let shares: Vec<f64> = (1..=100).map(|i| f64::from(i) * 0.001).collect();
        let c = Classes::for_shares(&shares);
        assert_eq!(c.bounds, [0.02, 0.04, 0.06, 0.08, 0.1]);
        assert_eq!(c.of(0.0), None);
        assert_eq!(c.of(0.02), Some(0));
        assert_eq!(c.of(0.1), Some(4));
        assert_eq!(c.of(0.5), Some(4));
        assert_eq!(c.label(Some(0), Lang::Nl), "0–2 %");
        assert_eq!(c.label(Some(1), Lang::En), "2–4%");
        assert_eq!(c.label(None, Lang::En), "0%");
        assert_eq!(Classes::for_shares(&[0.0]).bounds, [0.01]);
        let one = Classes::for_shares(&[0.0, 0.034]);
        assert_eq!(one.bounds, [0.035]);
        assert_eq!(one.colour(Some(0)), style::MAP_RAMP[5]);
    }
}
