//! The workbench page of `restock serve`: one HTML page, its script and its style, all
//! embedded in the binary (no CDN, nothing fetched from the internet). The style starts
//! from the plan report's ([`crate::report::page`]: the same fonts, tables and figures,
//! and the chart font embedded, so the inline charts look as in report.html). The words
//! of the page are in the script, in Dutch and English; the page opens in `lang` and
//! switches without reloading (the runs made so far stay).

use std::sync::OnceLock;

use crate::lang::Lang;
use crate::report::page::{font_face, PLAN_CSS};

/// The page's script: plain JavaScript, no framework.
pub const APP_JS: &str = include_str!("assets/app.js");
/// The page's own CSS rules, after the report's.
const APP_CSS: &str = include_str!("assets/app.css");
/// The page's HTML; `{lang}` is replaced by the language code.
const PAGE_HTML: &str = include_str!("assets/index.html");

/// The page's CSS: the embedded chart font, the report's rules and the page's own.
pub fn app_css() -> &'static str {
    static CSS: OnceLock<String> = OnceLock::new();
    CSS.get_or_init(|| format!("{}{PLAN_CSS}{APP_CSS}", font_face()))
}

/// The page in `lang` (the script's words follow `<html lang>`).
pub fn html(lang: Lang) -> String {
    PAGE_HTML.replace("{lang}", lang.code())
}
