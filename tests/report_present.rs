//! The default case's Dutch report as a council reads it: its own title, the Dutch
//! summary of the case (no build commands, no hashes outside the collapsed technical
//! details), whole dwellings, one number format, the headline unit explained once.

mod common;

use std::fs;

use assert_cmd::Command;
use common::root;

/// The page's text outside `<details>`, tags removed.
fn visible_text(html: &str) -> String {
    let mut rest = html;
    let mut out = String::new();
    while let Some(start) = rest.find("<details>") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("</details>").expect("closed") + start;
        rest = &rest[end + "</details>".len()..];
    }
    out.push_str(rest);
    // Drop the style block and the inline charts, then the tags.
    let style_end = out.find("</style>").map_or(0, |i| i + 8);
    let mut text = String::new();
    let mut depth_svg = false;
    let mut in_tag = false;
    let body = &out[style_end..];
    let mut i = 0;
    while i < body.len() {
        if body[i..].starts_with("<svg") {
            depth_svg = true;
        }
        if depth_svg && body[i..].starts_with("</svg>") {
            depth_svg = false;
            i += 6;
            continue;
        }
        let c = body[i..].chars().next().unwrap();
        if !depth_svg {
            if c == '<' {
                in_tag = true;
                text.push(' ');
            } else if c == '>' {
                in_tag = false;
            } else if !in_tag {
                text.push(c);
            }
        }
        i += c.len_utf8();
    }
    text
}

#[test]
fn the_default_case_reads_as_a_dutch_report() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    Command::cargo_bin("restock")
        .unwrap()
        .current_dir(root())
        .arg("plan")
        .arg("--out")
        .arg(&out)
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "Krimpregio’s 2019: woningvoorraad en huishoudens tot 2050",
        ));
    let html = fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("<h1>Krimpregio’s 2019: woningvoorraad en huishoudens tot 2050</h1>"));
    assert!(!html.contains("<h1>krimpregios</h1>"));
    let text = visible_text(&html);
    // The Dutch summary of the case, not the engineers' README.
    assert!(text.contains("Deze case beschrijft 34 gemeenten in 8 krimpregio’s"));
    for english in [
        "cargo run",
        "The municipalities of",
        "regenerate",
        "SHA-256",
        "Things a planner",
    ] {
        assert!(
            !text.contains(english),
            "{english:?} outside the technical details"
        );
    }
    // The technical details are there, collapsed.
    assert!(html.contains("<details>\n<summary><h2>Technische gegevens</h2></summary>"));
    assert!(html.contains("optimaal"));
    // The unit, once, with the case's thresholds.
    assert_eq!(text.matches("Wat is een gewogen woningjaar?").count(), 1);
    assert!(
        text.contains("boven 8\u{a0}% van de vraag weegt 4 keer")
            || text.contains("boven 8 % van de vraag weegt 4 keer")
    );
    // Whole dwellings in the key figures: "Woningen gesloopt 14.140", no decimals.
    let demolished = text.split("Woningen gesloopt").nth(1).unwrap();
    let value: String = demolished
        .trim_start()
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();
    assert!(
        value.chars().all(|c| c.is_ascii_digit() || c == '.'),
        "{value}"
    );
    // Shadow prices whole: the budget table has no "272,646".
    assert!(!text.contains("272,646"));
}

#[test]
fn a_case_without_leesmij_shows_its_readme() {
    let tmp = tempfile::tempdir().unwrap();
    let case = tmp.path().join("case");
    fs::create_dir(&case).unwrap();
    for entry in fs::read_dir(root().join("inputs/example")).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().unwrap() != "LEESMIJ.md" {
            fs::copy(&path, case.join(path.file_name().unwrap())).unwrap();
        }
    }
    let out = tmp.path().join("out");
    Command::cargo_bin("restock")
        .unwrap()
        .args([
            "plan",
            case.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .assert()
        .success();
    let html = fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("The numbers in this folder are made up"));
    // With LEESMIJ.md the Dutch page shows the Dutch summary; the English page the README.
    let out_en = tmp.path().join("out-en");
    Command::cargo_bin("restock")
        .unwrap()
        .current_dir(root())
        .args([
            "plan",
            "inputs/example",
            "--lang",
            "en",
            "--out",
            out_en.to_str().unwrap(),
        ])
        .assert()
        .success();
    let en = fs::read_to_string(out_en.join("report.html")).unwrap();
    assert!(en.contains("The numbers in this folder are made up"));
    assert!(!en.contains("De cijfers in deze case zijn verzonnen"));
}
