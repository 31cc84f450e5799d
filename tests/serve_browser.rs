//! The workbench page in a real browser: a `restock serve` started inside the test, and
//! headless Chromium driven through the DevTools protocol (headless_chrome) loads the
//! page, changes the budget, presses Bereken and sees the key figures and the charts
//! appear; a second budget changes them, and the runs table shows both runs.
//!
//! Chromium is found as /usr/bin/chromium or `chromium` on PATH, with the flags of
//! tests/report_browser.rs and a fresh profile. `.ci/run` installs it, so in CI
//! (`CI=true`) a missing browser fails the test; elsewhere the test prints a note and
//! passes. `RESTOCK_KEEP_SCREENSHOT=/some/file.png` keeps a screenshot of the page.

mod common;

use std::ffi::OsStr;
use std::path::Path;
use std::time::Duration;

use common::{chromium_or_skip, CHROMIUM_QUIET_FLAGS};
use headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption;
use headless_chrome::{Browser, LaunchOptions, Tab};
use restock::serve::{ServeOptions, Server};

const TIMEOUT: Duration = Duration::from_secs(120);

fn text(tab: &Tab, expression: &str) -> String {
    let value = tab
        .evaluate(expression, false)
        .expect("the page evaluates")
        .value
        .unwrap_or_default();
    value
        .as_str()
        .map(str::to_string)
        .unwrap_or_else(|| value.to_string())
}

/// Sets the budget control to `percent` and presses Bereken; waits for run `n`'s figures
/// and charts.
fn compute(tab: &Tab, percent: u32, n: usize) {
    tab.evaluate(
        &format!("document.getElementById('budget').value = '{percent}'"),
        false,
    )
    .expect("the budget is set");
    tab.wait_for_element("#bereken")
        .expect("the button")
        .click()
        .expect("Bereken is pressed");
    tab.wait_for_element_with_custom_timeout(&format!("#figures[data-run='{n}'] .figure"), TIMEOUT)
        .unwrap_or_else(|e| {
            panic!(
                "run {n} shows no figures: {e}; errors: {}",
                text(tab, "document.getElementById('errors').innerText")
            )
        });
    tab.wait_for_element_with_custom_timeout("#charts figure svg", TIMEOUT)
        .expect("the charts are shown");
}

#[test]
fn the_page_computes_a_plan_and_shows_figures_and_charts() {
    let Some(browser_path) = chromium_or_skip("the browser test of restock serve is skipped")
    else {
        return;
    };
    let server = Server::start(&ServeOptions {
        port: 0,
        cases_dir: Path::new("inputs").to_path_buf(),
        ..ServeOptions::default()
    })
    .expect("the server starts");
    let profile = tempfile::tempdir().unwrap();
    let args: Vec<&OsStr> = CHROMIUM_QUIET_FLAGS
        .iter()
        .chain(&["--hide-scrollbars"])
        .map(OsStr::new)
        .collect();
    let browser = Browser::new(
        LaunchOptions::default_builder()
            .path(Some(browser_path))
            .headless(true)
            .sandbox(false)
            .window_size(Some((1280, 2200)))
            .user_data_dir(Some(profile.path().to_path_buf()))
            .idle_browser_timeout(TIMEOUT)
            .args(args)
            .build()
            .expect("launch options"),
    )
    .expect("chromium starts");
    let tab = browser.new_tab().expect("a tab");
    tab.set_default_timeout(TIMEOUT);
    tab.navigate_to(&server.url())
        .expect("the page opens")
        .wait_until_navigated()
        .expect("the page loads");
    tab.wait_for_element("body[data-ready='1']")
        .expect("the cases are loaded");
    assert_eq!(text(&tab, "document.documentElement.lang"), "nl");
    assert_eq!(
        text(&tab, "document.getElementById('case').value"),
        "krimpregios"
    );
    assert!(text(&tab, "document.getElementById('case-figures').innerText").contains("34"));
    assert_eq!(
        text(&tab, "document.getElementById('bereken').innerText"),
        "Bereken"
    );

    compute(&tab, 80, 1);
    let figures_80 = text(&tab, "document.getElementById('figures').innerText");
    let chart_80 = text(
        &tab,
        "document.querySelector('#charts figure[data-chart=\"4_budget.svg\"]').innerHTML",
    );
    let charts = text(
        &tab,
        "String(document.querySelectorAll('#charts figure svg').length)",
    );
    assert!(charts.parse::<usize>().unwrap() >= 5, "{charts} charts");
    assert!(figures_80.contains("mismatch"), "{figures_80}");
    compute(&tab, 50, 2);
    let figures_50 = text(&tab, "document.getElementById('figures').innerText");
    let chart_50 = text(
        &tab,
        "document.querySelector('#charts figure[data-chart=\"4_budget.svg\"]').innerHTML",
    );
    assert_ne!(figures_50, figures_80, "the figures change with the budget");
    assert_ne!(
        chart_50, chart_80,
        "the budget chart changes with the budget"
    );
    assert!(
        figures_50.contains("t.o.v. de vorige berekening"),
        "the difference with the previous run: {figures_50}"
    );
    // The first figure is run 2's mismatch as its summary.json holds it.
    let mismatch = tab
        .evaluate(
            "fetch('/runs/2/summary.json').then(r => r.json()).then(s => \
             Number(s.mismatch).toLocaleString('nl-NL', { maximumFractionDigits: 0 }))",
            true,
        )
        .expect("summary.json")
        .value
        .unwrap_or_default();
    let mismatch = mismatch.as_str().unwrap_or_default().to_string();
    assert!(
        !mismatch.is_empty() && figures_50.starts_with(&mismatch),
        "{mismatch} in {figures_50}"
    );
    let runs = text(&tab, "document.getElementById('runs-table').innerText");
    assert!(runs.contains("#1") && runs.contains("#2"), "{runs}");
    // The scenario of run 2 says budget = 0.5, as a planner would write it.
    let toml = tab
        .evaluate(
            "fetch(document.querySelector('#downloads a').href).then(r => r.text())",
            true,
        )
        .expect("the scenario downloads")
        .value
        .unwrap_or_default();
    let toml = toml.as_str().unwrap_or_default().to_string();
    assert!(toml.contains("[factors]\nbudget = 0.5"), "{toml}");
    assert!(toml.contains("base = \"../inputs/krimpregios\""), "{toml}");

    // English without reloading: the runs stay.
    tab.wait_for_element("#lang-switch")
        .unwrap()
        .click()
        .unwrap();
    assert_eq!(
        text(&tab, "document.getElementById('bereken').innerText"),
        "Compute"
    );
    assert!(text(&tab, "document.getElementById('runs-table').innerText").contains("#2"));

    if let Ok(keep) = std::env::var("RESTOCK_KEEP_SCREENSHOT") {
        tab.wait_for_element("#lang-switch")
            .unwrap()
            .click()
            .unwrap();
        let png = tab
            .capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true)
            .expect("a screenshot");
        std::fs::write(&keep, png).expect("the screenshot is written");
    }
    server.stop().unwrap();
}
