//! The report of a robust plan (spec v2 §6b): report.html's robust section ("Wat we nu
//! vastleggen", how each projection continues, regret and EVPI in words) and
//! report.xlsx's robust sheets, with figures that match summary.json and
//! commitment.csv; the rest of the report shows every projection, not one as if it
//! were the plan.

mod common;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use common::{summary, vector};

/// Plans `case` with `args` into a new folder; returns it (kept with the temp dir).
fn plan(case: &Path, args: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    assert_cmd::Command::cargo_bin("restock")
        .unwrap()
        .arg("plan")
        .arg(case)
        .args(args)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    (tmp, out)
}

/// A number as the Dutch page writes it: at most `decimals` decimals, trailing zeros
/// dropped, `.` between thousands and `,` as decimal mark.
fn nl(x: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, x.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let frac = frac.trim_end_matches('0');
    let sign = if x < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
        "-"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{frac}")
    }
}

/// Weighted dwelling-years as the page writes them: whole from 100 on.
fn amount(x: f64) -> String {
    if x.abs() >= 100.0 {
        nl(x, 0)
    } else {
        nl(x, 1)
    }
}

/// The text of the robust section, tags removed, entities of `'` and `&` decoded.
fn robust_section(html: &str) -> String {
    let start = html
        .find("<section id=\"robuust\">")
        .expect("report.html has a robust section");
    let end = start + html[start..].find("</section>").unwrap();
    let mut text = String::new();
    let mut in_tag = false;
    for c in html[start..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&#39;", "'").replace("&amp;", "&")
}

#[test]
fn robust_section_says_in_words_what_summary_json_holds() {
    // robust-regret: three variants (base, hoog, laag), criterion regret, one of two
    // periods committed.
    let (_tmp, out) = plan(&vector("robust-regret"), &[]);
    let s = summary(&out);
    let robust = &s["robust"];
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    let text = robust_section(&html);
    assert!(text.contains("Wat we nu vastleggen"), "{text}");
    assert!(
        text.contains("voor de eerste periode (2025–2030) besluiten we nu"),
        "{text}"
    );
    assert!(text.contains("Daarna (2031–2032) past het plan zich aan"));
    let words = [
        ("base", "de basisprojectie"),
        ("hoog", "de hoge projectie"),
        ("laag", "de lage projectie"),
    ];
    let mut checked = 0;
    for v in robust["variants"].as_array().unwrap() {
        let name = v["name"].as_str().unwrap();
        let (_, in_words) = words.iter().find(|(n, _)| *n == name).unwrap();
        let regret = v["regret"].as_f64().unwrap();
        let alone = v["mismatch_alone"].as_f64().unwrap();
        assert!(alone > 1.0 && regret > 1.0, "this vector has both: {v}");
        let pct = 100.0 * regret / alone;
        let sentence = format!(
            "Als {in_words} uitkomt, is dit plan {}\u{a0}% slechter dan het beste plan dat we \
             dan hadden kunnen kiezen ({} gewogen woningjaren meer mismatch).",
            nl(pct, 1),
            amount(regret)
        );
        assert!(text.contains(&sentence), "no «{sentence}» in:\n{text}");
        checked += 1;
    }
    assert_eq!(checked, 3);
    let e = robust["expected_mismatch"].as_f64().unwrap();
    let evpi = robust["evpi"].as_f64().unwrap();
    assert!(evpi > 1.0);
    let evpi_sentence = format!(
        "Met dit plan is de verwachte mismatch {} gewogen woningjaren. Als we vooraf wisten \
         welke projectie uitkomt, konden we voor elke projectie het beste plan kiezen en was \
         de verwachte mismatch {}. Zekerheid over de toekomst zou dus {} gewogen woningjaren \
         waard zijn ({}\u{a0}% van de verwachte mismatch)",
        amount(e),
        amount(e - evpi),
        amount(evpi),
        nl(100.0 * evpi / e, 1)
    );
    assert!(
        text.contains(&evpi_sentence),
        "no «{evpi_sentence}» in:\n{text}"
    );
    assert!(text.contains("Wat zekerheid over de toekomst waard zou zijn"));
    assert!(text.contains(&format!(
        "De grootste spijt is {} gewogen woningjaren.",
        amount(robust["max_regret"].as_f64().unwrap())
    )));

    // The commitment's total demolition is commitment.csv's, in whole dwellings.
    let commitment = std::fs::read_to_string(out.join("commitment.csv")).unwrap();
    let demolished: f64 = commitment
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(4).unwrap().parse::<f64>().unwrap())
        .sum();
    assert!(demolished > 1.0);
    assert!(
        text.contains(&format!(" totaal    {} ", nl(demolished.round(), 0))),
        "total demolition {demolished} not in:\n{text}"
    );

    // The rest of the report: every table has the projection column and every
    // projection's rows; the plan charts say which projection they show.
    for id in ["plan", "balans", "budget", "regio"] {
        let start = html.find(&format!("<section id=\"{id}\">")).unwrap();
        let section = &html[start..start + html[start..].find("</section>").unwrap()];
        assert!(section.contains("<th>Projectie</th>"), "{id}");
        for (name, _) in words {
            assert!(
                section.contains(&format!("<td>{name}</td>")),
                "{id} lacks {name}"
            );
        }
    }
    assert!(html.contains(
        "Sloop, transformatie, verkoop en nieuwbouw per gemeente, 2025–2032 — projectie de basisprojectie"
    ));
    assert!(!html.contains("dit rapport toont het plan van variant"));
    // The robust charts are on the page and in charts/.
    for stem in ["0a_commitment", "0b_fan"] {
        assert!(
            html.contains(&format!("<figure id=\"chart-{stem}\">")),
            "{stem}"
        );
        assert!(out.join("charts").join(format!("{stem}.svg")).is_file());
        assert!(out.join("charts").join(format!("{stem}.png")).is_file());
    }
}

#[test]
fn robust_section_in_english() {
    let (_tmp, out) = plan(&vector("robust-regret"), &["--lang", "en"]);
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    let text = robust_section(&html);
    assert!(text.contains("What we commit to now"), "{text}");
    assert!(text.contains("If the high projection comes true, this plan is "));
    assert!(text.contains("What certainty about the future would be worth"));
    assert!(html.contains("<th>Projection</th>"));
}

/// The files of an xlsx (a zip) by name.
fn unzip(path: &Path) -> BTreeMap<String, String> {
    let bytes = std::fs::read(path).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut files = BTreeMap::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().map(|n| n.to_string()).unwrap();
        let mut text = String::new();
        if file.read_to_string(&mut text).is_ok() {
            files.insert(name, text);
        }
    }
    files
}

#[test]
fn workbook_has_the_commitment_and_projection_sheets() {
    let (_tmp, out) = plan(&vector("robust-weights"), &[]);
    let s = summary(&out);
    let files = unzip(&out.join("report.xlsx"));
    let workbook = &files["xl/workbook.xml"];
    let vastleggen = workbook
        .find("name=\"Vastleggen\"")
        .expect("a Vastleggen sheet");
    let projecties = workbook
        .find("name=\"Projecties\"")
        .expect("a Projecties sheet");
    assert!(vastleggen < projecties);
    // The sheets in order: samenvatting, Vastleggen, Projecties, ...
    let projections = &files["xl/worksheets/sheet3.xml"];
    let robust = &s["robust"];
    for v in robust["variants"].as_array().unwrap() {
        for key in ["mismatch", "mismatch_alone", "regret", "gross_cost_eur"] {
            let value = v[key].as_f64().unwrap();
            assert!(
                projections.contains(&format!("<v>{value}</v>")),
                "{key} {value} of {} not in the Projecties sheet",
                v["name"]
            );
        }
    }
    for key in ["expected_mismatch", "max_regret", "evpi"] {
        let value = robust[key].as_f64().unwrap();
        assert!(
            projections.contains(&format!("<v>{value}</v>")),
            "{key} {value}"
        );
    }
    // The committed demolition per municipality in whole dwellings.
    let commitment = std::fs::read_to_string(out.join("commitment.csv")).unwrap();
    let mut per_municipality: BTreeMap<String, f64> = BTreeMap::new();
    for line in commitment.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        *per_municipality.entry(cells[0].to_string()).or_default() +=
            cells[4].parse::<f64>().unwrap();
    }
    let sheet = &files["xl/worksheets/sheet2.xml"];
    let strings = &files["xl/sharedStrings.xml"];
    for code in per_municipality.keys() {
        assert!(strings.contains(&format!("<t>{code}</t>")), "{code}");
    }
    let biggest = per_municipality.values().copied().fold(0.0, f64::max);
    assert!(biggest >= 1.0);
    assert!(
        sheet.contains(&format!("<v>{}</v>", biggest.round())),
        "{biggest}"
    );
    // The table sheets have the projection column.
    assert!(strings.contains("<t>Projectie</t>"));
}

/// The shared strings of a workbook, in index order.
fn shared_strings(files: &BTreeMap<String, String>) -> Vec<String> {
    files["xl/sharedStrings.xml"]
        .split("<si>")
        .skip(1)
        .map(|si| {
            let start = si
                .find("<t")
                .and_then(|t| si[t..].find('>').map(|e| t + e + 1));
            let end = si.find("</t>");
            match (start, end) {
                (Some(a), Some(b)) if a <= b => si[a..b].to_string(),
                _ => String::new(),
            }
        })
        .collect()
}

/// The first cell of every row of a sheet, as text (shared strings resolved).
fn first_cells(sheet: &str, strings: &[String]) -> Vec<String> {
    sheet
        .split("<row ")
        .skip(1)
        .map(|row| {
            let cell = &row[row.find("<c ").expect("a cell")..];
            let value = cell
                .split_once("<v>")
                .and_then(|(_, v)| v.split_once("</v>"))
                .map(|(v, _)| v)
                .unwrap_or_default();
            let tag = &cell[..cell.find('>').unwrap()];
            if tag.contains("t=\"s\"") {
                strings[value.parse::<usize>().unwrap()].clone()
            } else {
                value.to_string()
            }
        })
        .collect()
}

#[test]
fn robust_funders_sheet_names_the_projection_it_shows() {
    // krimpregios has funders and households variants.
    let case = Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs/krimpregios");
    let (_tmp, out) = plan(&case, &["--robust"]);
    let s = summary(&out);
    let first = s["robust"]["variants"][0]["name"]
        .as_str()
        .expect("the first projection's name")
        .to_string();
    let files = unzip(&out.join("report.xlsx"));
    let workbook = &files["xl/workbook.xml"];
    let names: Vec<&str> = workbook
        .split("<sheet name=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    let index = names
        .iter()
        .position(|n| *n == "wie betaalt wat")
        .expect("a funders sheet");
    let sheet = &files[&format!("xl/worksheets/sheet{}.xml", index + 1)];
    let cells = first_cells(sheet, &shared_strings(&files));
    assert_eq!(cells[0], "Projectie", "the header's first column");
    assert!(cells.len() > 1, "rows under the header");
    for cell in &cells[1..] {
        assert_eq!(cell, &first, "every row names the first projection");
    }
}
