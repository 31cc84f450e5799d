//! report.html in a real browser: headless Chromium opens the page of the fixed small
//! case (every chart, a README, boundaries for the map) and takes a screenshot, which
//! must have the window's size, must not be blank, and must show the inline charts.
//!
//! Chromium is found as /usr/bin/chromium or `chromium` on PATH. `.ci/run` installs it
//! when missing, so in CI (`CI=true`) a missing browser fails the test; on a developer's
//! machine without it the test prints a note and passes. To look at the screenshot,
//! set `RESTOCK_KEEP_SCREENSHOT=/some/file.png`.

mod chart_fixture;
mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chart_fixture::{case, plan, GEOJSON};
use common::{chromium_or_skip, CHROMIUM_QUIET_FLAGS};
use restock::chart::Lang;
use restock::report::{write_outputs, RunInfo};

const WIDTH: u32 = 1280;
const HEIGHT: u32 = 2000;
const TIMEOUT: Duration = Duration::from_secs(120);

/// Headless Chromium with a fresh `profile`, a window `width` × [`HEIGHT`] pixels and
/// nothing in the background; the caller adds what to do with which page.
fn headless(browser: &Path, profile: &Path, width: u32) -> Command {
    let mut cmd = Command::new(browser);
    cmd.args(["--headless", "--no-sandbox"])
        .args(CHROMIUM_QUIET_FLAGS)
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--window-size={width},{HEIGHT}"));
    cmd
}

/// Runs headless Chromium on `page`, writing a screenshot to `shot`; kills it after
/// [`TIMEOUT`].
fn screenshot(browser: &Path, page: &Path, profile: &Path, shot: &Path) {
    let mut child = headless(browser, profile, WIDTH)
        .arg("--hide-scrollbars")
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let started = Instant::now();
    loop {
        match child.try_wait().expect("chromium can be waited for") {
            Some(status) => {
                assert!(status.success(), "chromium failed: {status}");
                return;
            }
            None if started.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("chromium took longer than {TIMEOUT:?}");
            }
            None => std::thread::sleep(Duration::from_millis(100)),
        }
    }
}

/// The screenshot's size and its pixels as RGB.
fn decode(path: &Path) -> (u32, u32, Vec<[u8; 3]>) {
    let file = std::fs::File::open(path).expect("a screenshot was written");
    let mut reader = png::Decoder::new(file).read_info().expect("a PNG");
    let mut buffer = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buffer).expect("a PNG frame");
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    let channels = match info.color_type {
        png::ColorType::Rgb => 3,
        png::ColorType::Rgba => 4,
        other => panic!("unexpected PNG colour type {other:?}"),
    };
    let pixels = buffer[..info.buffer_size()]
        .chunks(channels)
        .map(|p| [p[0], p[1], p[2]])
        .collect();
    (info.width, info.height, pixels)
}

#[test]
fn report_html_renders_in_headless_chromium() {
    let Some(browser) = chromium_or_skip("report.html was not rendered in a browser") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let case = case();
    let run = RunInfo {
        timings: BTreeMap::new(),
        lang: Lang::Nl,
        case_readme: Some("# Proef\n\n**Bron: CBS.** Made-up numbers.\n".into()),
        boundaries_geojson: Some(GEOJSON.into()),
        ..RunInfo::default()
    };
    write_outputs(&case, &plan(&case), &out, &run).unwrap();
    let shot = dir.path().join("shot.png");
    screenshot(
        &browser,
        &out.join("report.html"),
        &dir.path().join("profile"),
        &shot,
    );

    if let Some(keep) = std::env::var_os("RESTOCK_KEEP_SCREENSHOT") {
        std::fs::copy(&shot, &keep).expect("the screenshot can be kept");
    }
    let (width, height, pixels) = decode(&shot);
    assert_eq!((width, height), (WIDTH, HEIGHT), "screenshot size");
    let colours: BTreeSet<[u8; 3]> = pixels.iter().copied().collect();
    assert!(
        colours.len() > 200,
        "only {} colours: the page looks blank",
        colours.len()
    );
    let white = pixels
        .iter()
        .filter(|p| p.iter().all(|&c| c >= 250))
        .count();
    assert!(
        (white as f64) < 0.99 * pixels.len() as f64,
        "{white} of {} pixels are white",
        pixels.len()
    );
    // The first chart is on screen: its plan line and markers in the plan's blue.
    let near = |p: &[u8; 3], q: [u8; 3]| p.iter().zip(q).all(|(&a, b)| a.abs_diff(b) <= 12);
    let blue = pixels.iter().filter(|p| near(p, [31, 102, 170])).count();
    assert!(
        blue > 500,
        "only {blue} pixels of the plan's blue: no chart drawn?"
    );
}

/// Runs headless Chromium on `page` and returns the DOM after its scripts ran.
fn dump_dom(browser: &Path, page: &Path, profile: &Path) -> String {
    let output = headless(browser, profile, WIDTH)
        .arg("--virtual-time-budget=5000")
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .expect("chromium starts");
    assert!(
        output.status.success(),
        "chromium failed: {:?}",
        output.status
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// What the probe script added to a page wrote into its `<pre id="probe">`, from the DOM
/// Chromium dumped.
fn probe_report(dom: &str) -> &str {
    let start = dom.find("<pre id=\"probe\">").expect("the probe ran") + 16;
    &dom[start..start + dom[start..].find("</pre>").unwrap()]
}

/// Checks one figure the probe measured, `WxH@LEFT-RIGHT` in pixels: larger than
/// 300×150 and inside a window `window` pixels wide. `what` names it in a failure, with
/// the probe's whole `report`.
#[track_caller]
fn check_figure(geometry: &str, window: u32, what: &str, report: &str) {
    let (size, span) = geometry.split_once('@').unwrap();
    let (w, h) = size.split_once('x').unwrap();
    let (left, right) = span.split_once('-').unwrap();
    let (w, h): (i64, i64) = (w.parse().unwrap(), h.parse().unwrap());
    let (left, right): (i64, i64) = (left.parse().unwrap(), right.parse().unwrap());
    assert!(w > 300 && h > 150, "{what} is too small: {report}");
    assert!(
        left >= 0 && right <= i64::from(window),
        "{what} is outside the window: {report}"
    );
}

/// A robust plan's report (spec v2 §6b) in a browser window of 1280 pixels: the page
/// does not scroll sideways (wide tables scroll in their own box), and every figure —
/// the robust charts first — has a visible size inside the window's width. A copy of
/// the page gets a script that measures this (report.html itself has none).
#[test]
fn robust_report_fits_the_window_in_headless_chromium() {
    let Some(browser) = chromium_or_skip("the robust report was not rendered") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let vector = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/vectors/robust-regret");
    let status = Command::new(env!("CARGO_BIN_EXE_restock"))
        .arg("plan")
        .arg(&vector)
        .arg("--out")
        .arg(&out)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("<section id=\"robuust\">"));
    let probe = "<script>\n\
        const d = document.documentElement;\n\
        const figures = [...document.querySelectorAll('figure svg')].map(s => {\n\
          const r = s.getBoundingClientRect();\n\
          return s.closest('figure').id + ':' + Math.round(r.width) + 'x' + Math.round(r.height) + '@' + Math.round(r.left) + '-' + Math.round(r.right);\n\
        });\n\
        const p = document.createElement('pre');\n\
        p.id = 'probe';\n\
        p.textContent = 'scroll=' + d.scrollWidth + ' client=' + d.clientWidth + '\\n' + figures.join('\\n');\n\
        document.body.appendChild(p);\n\
        </script>\n</body>";
    let probed = dir.path().join("probed.html");
    std::fs::write(&probed, html.replacen("</body>", probe, 1)).unwrap();
    let dom = dump_dom(&browser, &probed, &dir.path().join("profile"));
    let report = probe_report(&dom);
    let mut lines = report.lines();
    let widths: Vec<u32> = lines
        .next()
        .unwrap()
        .split(' ')
        .map(|kv| kv.split('=').nth(1).unwrap().parse().unwrap())
        .collect();
    assert!(
        widths[0] <= widths[1],
        "the page scrolls sideways: {report}"
    );
    let figures: Vec<&str> = lines.collect();
    assert!(
        figures[0].starts_with("chart-0a_commitment:") && figures[1].starts_with("chart-0b_fan:"),
        "{report}"
    );
    assert!(figures.len() >= 7, "{report}");
    for f in figures {
        let (_, geometry) = f.split_once(':').unwrap();
        check_figure(geometry, widths[1], f, report);
    }
}

/// The width of the window the council pages must fit without sideways scrolling.
const PAGE_WIDTH: u32 = 1400;

/// Opens a copy of `page` in headless Chromium at [`PAGE_WIDTH`] pixels with a script
/// that measures it, and returns what it found: whether the page or any table box
/// scrolls sideways, and every figure's size and place. Fails the test on either kind
/// of sideways scroll, on a figure smaller than 300×150 pixels or outside the window.
fn check_fits(browser: &Path, page: &Path, dir: &Path, name: &str) -> usize {
    let html = std::fs::read_to_string(page).unwrap();
    let probe = "<script>\n\
        const d = document.documentElement;\n\
        const boxes = [...document.querySelectorAll('.scroll, table')]\n\
          .filter(b => b.scrollWidth > b.clientWidth + 1)\n\
          .map(b => (b.closest('section') || {}).id + ':' + b.scrollWidth + '>' + b.clientWidth);\n\
        const figures = [...document.querySelectorAll('figure svg')].map(s => {\n\
          const r = s.getBoundingClientRect();\n\
          return Math.round(r.width) + 'x' + Math.round(r.height) + '@' + Math.round(r.left) + '-' + Math.round(r.right);\n\
        });\n\
        const p = document.createElement('pre');\n\
        p.id = 'probe';\n\
        p.textContent = d.scrollWidth + ' ' + d.clientWidth + '\\n' + boxes.join(' ') + '\\n' + figures.join('\\n');\n\
        document.body.appendChild(p);\n\
        </script>\n</body>";
    let probed = dir.join(format!("probed-{name}.html"));
    // The page's charts refer to files beside it; the copy sits in the same folder.
    std::fs::write(&probed, html.replacen("</body>", probe, 1)).unwrap();
    let output = headless(browser, &dir.join(format!("profile-{name}")), PAGE_WIDTH)
        .arg("--virtual-time-budget=5000")
        .arg("--dump-dom")
        .arg(format!("file://{}", probed.display()))
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .expect("chromium starts");
    assert!(output.status.success(), "chromium failed on {name}");
    let dom = String::from_utf8_lossy(&output.stdout).into_owned();
    let report = probe_report(&dom);
    let mut lines = report.lines();
    let widths: Vec<u32> = lines
        .next()
        .unwrap()
        .split(' ')
        .map(|w| w.parse().unwrap())
        .collect();
    assert!(
        widths[0] <= widths[1],
        "{name}: the page scrolls sideways: {report}"
    );
    let boxes = lines.next().unwrap_or("");
    assert!(
        boxes.trim().is_empty(),
        "{name}: tables behind a scroll bar: {boxes}"
    );
    let figures: Vec<&str> = lines.collect();
    for f in &figures {
        check_figure(f, widths[1], &format!("{name}: {f}"), report);
    }
    figures.len()
}

/// The plan, compare and sweep pages of the default case at 1400 pixels: no sideways
/// scroll bar, neither of the page nor of a table, and every figure visible inside the
/// window. In CI a missing browser fails the test.
#[test]
fn plan_compare_and_sweep_pages_fit_1400_pixels() {
    let Some(browser) = chromium_or_skip("the pages were not rendered") else {
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str], out: &Path| {
        let status = Command::new(env!("CARGO_BIN_EXE_restock"))
            .current_dir(root)
            .args(args)
            .arg("--out")
            .arg(out)
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "{args:?}");
    };
    let plan = dir.path().join("plan");
    run(&["plan"], &plan);
    let compare = dir.path().join("compare");
    run(
        &[
            "compare",
            "scenarios/basis.toml",
            "scenarios/budget-min20.toml",
            "scenarios/sterke-krimp.toml",
        ],
        &compare,
    );
    let sweep = dir.path().join("sweep");
    run(&["sweep", "--budget-factor", "0:2:0.25"], &sweep);
    let charts = check_fits(&browser, &plan.join("report.html"), &plan, "plan");
    assert!(charts >= 7, "{charts} figures in the plan report");
    let charts = check_fits(&browser, &compare.join("report.html"), &compare, "compare");
    assert_eq!(charts, 2);
    let charts = check_fits(&browser, &sweep.join("report.html"), &sweep, "sweep");
    assert_eq!(charts, 1);
}
