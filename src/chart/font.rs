//! The one font of every chart, embedded in the binary, and the backend adapter that
//! makes SVG and PNG text look alike.
//!
//! The font is Liberation Sans 2 (SIL Open Font License 1.1, see
//! assets/fonts/LICENSE-LiberationSans.txt): an open font with the metrics of Arial, so an
//! SVG opened where Liberation Sans is not installed falls back to Arial or Helvetica with
//! the same text widths, and labels keep their places. Nothing is looked up on the
//! system: plotters measures text with this font through ab_glyph, and [`TextFit`] draws
//! it into bitmaps itself.
//!
//! Why an adapter: plotters' ab_glyph text puts the baseline half a font size below the
//! anchor in bitmaps, while its SVG text uses CSS offsets (`dy` of `0.76em` or `0.5ex`)
//! and a font size of `size / 1.24` that fits no real font. [`TextFit`] wraps any backend:
//! on a bitmap it rasterises text with ab_glyph at the positions the SVG convention
//! gives, and on SVG it writes the font size that this font really has at plotters'
//! size. The same chart code then draws the same picture to both.

use std::sync::OnceLock;

use ab_glyph::{Font, FontRef, PxScale, ScaleFont};
use plotters::prelude::*;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontFamily,
    FontStyle, FontTransform,
};

/// The bytes of the embedded font (Liberation Sans Regular 2.1.5).
pub static FONT_BYTES: &[u8] = include_bytes!("../../assets/fonts/LiberationSans-Regular.ttf");

/// The font family of every text in the charts, as plotters knows it and as SVG files
/// name it: the embedded font first, then metric-compatible fallbacks.
pub const FAMILY: &str = "Liberation Sans, Arial, Helvetica, sans-serif";

/// The name report.html gives the embedded font in its `@font-face` rule.
pub const CSS_FAMILY: &str = "Liberation Sans";

/// Registers the embedded font with plotters (once per process) and returns it parsed.
pub fn font() -> &'static FontRef<'static> {
    static FONT: OnceLock<FontRef<'static>> = OnceLock::new();
    FONT.get_or_init(|| {
        // The bytes are compiled in: a failure here is a build error, not a user's.
        let _ = plotters::style::register_font(FAMILY, FontStyle::Normal, FONT_BYTES);
        FontRef::try_from_slice(FONT_BYTES).expect("the embedded font parses")
    })
}

/// Plotters' font size (the height from descender to ascender, in pixels) per em of the
/// embedded font: ascender − descender over units per em.
fn size_per_em() -> f64 {
    let f = font();
    f64::from(f.height_unscaled() / f.units_per_em().unwrap_or(2048.0))
}

/// Which kind of backend [`TextFit`] wraps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A vector backend that writes text as text (SVG).
    Vector,
    /// A pixel backend: text is rasterised by [`TextFit`].
    Raster,
}

/// A drawing backend that forwards everything to `inner` but draws text the same way on
/// SVG and on bitmaps (see the module documentation).
pub struct TextFit<DB> {
    inner: DB,
    target: Target,
}

impl<DB: DrawingBackend> TextFit<DB> {
    /// Wraps `inner`, which is a vector or a raster backend.
    pub fn new(inner: DB, target: Target) -> Self {
        font();
        TextFit { inner, target }
    }
}

/// A text style that reports another size (to set SVG's font-size to the real em).
struct Resized<'s, S> {
    style: &'s S,
    size: f64,
}

impl<S: BackendTextStyle> BackendTextStyle for Resized<'_, S> {
    type FontError = S::FontError;

    fn color(&self) -> BackendColor {
        self.style.color()
    }
    fn size(&self) -> f64 {
        self.size
    }
    fn transform(&self) -> FontTransform {
        self.style.transform()
    }
    fn style(&self) -> FontStyle {
        self.style.style()
    }
    fn anchor(&self) -> plotters_backend::text_anchor::Pos {
        self.style.anchor()
    }
    fn family(&self) -> FontFamily<'_> {
        self.style.family()
    }
    fn layout_box(&self, text: &str) -> Result<((i32, i32), (i32, i32)), Self::FontError> {
        self.style.layout_box(text)
    }
    fn draw<E, F: FnMut(i32, i32, BackendColor) -> Result<(), E>>(
        &self,
        text: &str,
        pos: BackendCoord,
        draw: F,
    ) -> Result<Result<(), E>, Self::FontError> {
        self.style.draw(text, pos, draw)
    }
}

impl<DB: DrawingBackend> DrawingBackend for TextFit<DB> {
    type ErrorType = DB::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.present()
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.fill_polygon(vert, style)
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        match self.target {
            Target::Vector => {
                // SVG writes font-size = size / 1.24; make that the font's real em.
                let resized = Resized {
                    style,
                    size: style.size() / size_per_em() * 1.24,
                };
                self.inner.draw_text(text, &resized, pos)
            }
            Target::Raster => rasterise(&mut self.inner, text, style, pos),
        }
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        self.inner.estimate_text_size(text, style)
    }

    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.blit_bitmap(pos, size, src)
    }
}

/// Draws `text` pixel by pixel with the embedded font, anchored as SVG anchors it:
/// `text-anchor` start/middle/end horizontally; the baseline 0.76 em below a top anchor,
/// half an x-height below a centre anchor, half an x-height above a bottom anchor.
fn rasterise<DB: DrawingBackend, S: BackendTextStyle>(
    backend: &mut DB,
    text: &str,
    style: &S,
    pos: BackendCoord,
) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
    let color = style.color();
    if color.alpha == 0.0 || text.is_empty() {
        return Ok(());
    }
    let f = font();
    let scaled = f.as_scaled(PxScale::from(style.size() as f32));
    let em = style.size() as f32 / size_per_em() as f32;
    let x_height = {
        let g = scaled.scaled_glyph('x');
        scaled
            .outline_glyph(g)
            .map_or(0.53 * em, |o| -o.px_bounds().min.y)
    };
    // Caret positions with kerning, then the anchor.
    let mut carets = Vec::with_capacity(text.len());
    let mut x = 0f32;
    let mut previous = None;
    for c in text.chars() {
        let id = scaled.glyph_id(c);
        if let Some(p) = previous {
            x += scaled.kern(p, id);
        }
        carets.push((id, x));
        x += scaled.h_advance(id);
        previous = Some(id);
    }
    let anchor = style.anchor();
    let dx = match anchor.h_pos {
        HPos::Left => 0.0,
        HPos::Center => -x / 2.0,
        HPos::Right => -x,
    };
    let baseline = match anchor.v_pos {
        VPos::Top => 0.76 * em,
        VPos::Center => 0.5 * x_height,
        VPos::Bottom => -0.5 * x_height,
    };
    let transform = style.transform();
    let (w, h) = backend.get_size();
    for (id, caret) in carets {
        let glyph =
            id.with_scale_and_position(scaled.scale(), ab_glyph::point(caret + dx, baseline));
        let Some(outline) = f.outline_glyph(glyph) else {
            continue;
        };
        let bounds = outline.px_bounds();
        let mut pixels = Vec::new();
        outline.draw(|gx, gy, coverage| {
            if coverage > 0.0 {
                pixels.push((
                    bounds.min.x as i32 + gx as i32,
                    bounds.min.y as i32 + gy as i32,
                    coverage.min(1.0),
                ));
            }
        });
        for (lx, ly, coverage) in pixels {
            let (tx, ty) = transform.transform(lx, ly);
            let (px, py) = (pos.0 + tx, pos.1 + ty);
            if px >= 0 && py >= 0 && (px as u32) < w && (py as u32) < h {
                backend.draw_pixel(
                    (px, py),
                    BackendColor {
                        alpha: color.alpha * f64::from(coverage),
                        rgb: color.rgb,
                    },
                )?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_font_has_the_liberation_metrics() {
        // hhea ascender 1854, descender -434, 2048 units per em.
        assert!((size_per_em() - 2288.0 / 2048.0).abs() < 1e-9);
    }
}
