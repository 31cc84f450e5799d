//! Reading funders (spec v2 §3): funding.csv and the `funder` columns through the binary.
//! Every validation rule gives exit 2, file, line and column, all problems at once, and
//! leaves the previous outputs untouched; the unpayable-item warning names municipality,
//! action and segment; the Dutch spelling reads as the plain one.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use common::{copy_files, plan_into, restock, root, snapshot};
use restock::input::{read_case, ReadOptions};
use restock::solve::{solve, SolveOptions};

fn vector() -> PathBuf {
    root().join("tests/data/vectors/funders")
}

/// A copy of the funders vector in `dir`.
fn copy_vector(dir: &Path) {
    copy_files(&vector(), dir);
}

/// Each rule of funding.csv and the funder columns, through `restock plan`: exit 2, every
/// message naming file, line and column, and the previous output folder byte-identical.
#[test]
fn bad_funding_is_refused_with_file_line_and_column_and_nothing_is_lost() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    restock()
        .arg("plan")
        .arg(vector())
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let before = snapshot(&out);
    assert!(before.contains_key("funding.csv"), "funding.csv is written");

    type Edit = fn(&str) -> String;
    // (file, edit, lines every one of which the error output must contain)
    let cases: Vec<(&str, Edit, Vec<&str>)> = vec![
        (
            "funding.csv",
            |t| t.replacen("gemeente,new_build", "gemeenten,new_build", 1),
            vec!["funding.csv, line 6, column funder: unknown funder 'gemeenten'", "did you mean 'gemeente'?"],
        ),
        (
            "funding.csv",
            |t| t.replacen("Rijk,demolish,koop", "provincie,demolish,koop", 1),
            vec!["funding.csv, line 7, column funder: unknown funder 'provincie'", "the funders are: Rijk, corporatie, gemeente"],
        ),
        (
            "funding.csv",
            |t| t.replacen("gemeente,demolish,,", "gemeente,sloop,,", 1),
            vec!["funding.csv, line 5, column action: unknown action 'sloop'", "demolish, new_build, transform"],
        ),
        (
            "funding.csv",
            |t| t.replacen("Rijk,demolish,koop", "Rijk,demolish,kopp", 1),
            vec!["funding.csv, line 7, column segment: unknown segment 'kopp'", "did you mean 'koop'?"],
        ),
        (
            "funding.csv",
            |t| t.replacen("Rijk,demolish,koop,0.7", "Rijk,demolish,koop,1.5", 1),
            vec!["funding.csv, line 7, column max_share: max_share '1.5' must be a share above 0 and at most 1"],
        ),
        (
            "funding.csv",
            |t| t.replacen("Rijk,demolish,koop,0.7", "Rijk,demolish,koop,0", 1),
            vec!["funding.csv, line 7, column max_share: max_share '0' must be a share above 0"],
        ),
        (
            "funding.csv",
            |t| format!("{t}gemeente,demolish,,0.5\n"),
            vec!["funding.csv, line 9: duplicate rule for funder 'gemeente', action demolish and every segment: already on line 5"],
        ),
        (
            "budgets.csv",
            |t| t.replacen("Regio A,2025,0.0,gemeente", "Regio A,2025,0.0,corporatie", 1),
            vec!["budgets.csv, line 3: duplicate budget of funder 'corporatie' for region 'Regio A' in 2025: already on line 2"],
        ),
        // Several problems in funding.csv and another file: all in one run.
        (
            "funding.csv",
            |t| {
                t.replacen("gemeente,new_build", "gemeenten,new_build", 1)
                    .replacen("Rijk,demolish,koop,0.7", "Rijk,slopen,koop,2", 1)
            },
            vec![
                "funding.csv, line 6, column funder",
                "funding.csv, line 7, column action",
                "funding.csv, line 7, column max_share",
            ],
        ),
    ];
    for (i, (file, edit, needles)) in cases.iter().enumerate() {
        let case = tmp.path().join(format!("case{i}"));
        copy_vector(&case);
        let text = fs::read_to_string(case.join(file)).unwrap();
        let edited = edit(&text);
        assert_ne!(edited, text, "case {i}: the edit changes {file}");
        fs::write(case.join(file), edited).unwrap();
        let output = restock()
            .arg("plan")
            .arg(&case)
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "case {i}: {stderr}");
        for needle in needles {
            assert!(
                stderr.contains(needle),
                "case {i}: {needle:?} not in\n{stderr}"
            );
        }
        assert!(
            snapshot(&out) == before,
            "case {i}: the previous outputs changed"
        );
    }
}

/// An action possible in the case that no combination of funders can pay in full
/// (Σ σ < 1) is a warning naming the municipalities, the action and the segment. Here
/// the common funder "" may only demolish koop, so new build of koop and nultreden can
/// be paid only by the gemeente, up to 50 %; new build of huur_corporatie is paid by the
/// corporatie in full and raises no warning.
#[test]
fn an_action_no_funder_can_pay_in_full_is_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let case = tmp.path().join("case");
    copy_vector(&case);
    let funding = fs::read_to_string(case.join("funding.csv")).unwrap();
    fs::write(
        case.join("funding.csv"),
        format!("{funding},demolish,koop,0.1\n"),
    )
    .unwrap();
    let output = restock()
        .args(["validate", "--lang", "en"])
        .arg(&case)
        .output()
        .unwrap();
    // The warnings are on stderr, as for every command that reads a case.
    let stdout = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}");
    for needle in [
        "no combination of funders can pay new_build of segment 'koop' in full (the \
         max_share of the funders that may pay it sum to 0.5), so it stays 0 in: GM9000 \
         Gemeente 0, GM9001 Gemeente 1, GM9002 Gemeente 2, GM9003 Gemeente 3, GM9004 \
         Gemeente 4, GM9005 Gemeente 5",
        "new_build of segment 'nultreden'",
    ] {
        assert!(stdout.contains(needle), "{needle:?} not in\n{stdout}");
    }
    assert!(!stdout.contains("segment 'huur_corporatie'"), "{stdout}");
    assert!(!stdout.contains("demolish of segment"), "{stdout}");

    // The shipped vector itself: the common funder may pay everything, no warning.
    let output = restock()
        .args(["validate", "--lang", "en"])
        .arg(vector())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("warnings:       none"), "{stdout}");
}

/// funding.csv and budgets.csv in the Dutch spreadsheet spelling (`;`, decimal comma,
/// BOM, Windows-1252 with a funder named "Rijk – één fonds") give the plain vector's
/// optimum.
#[test]
fn dutch_spelling_of_funders_reads_as_the_plain_one() {
    let tmp = tempfile::tempdir().unwrap();
    let case = tmp.path().join("case");
    copy_vector(&case);
    let name = "Rijk – één fonds";
    let to_cp1252 = |text: &str| -> Vec<u8> {
        text.chars()
            .map(|c| match c {
                '–' => 0x96,
                'é' => 0xE9,
                c if c.is_ascii() => c as u8,
                c => panic!("{c} not in the test's table"),
            })
            .collect()
    };
    let dutch = |text: &str| -> String {
        text.lines()
            .map(|line| {
                line.split(',')
                    .map(|cell| match cell.parse::<f64>() {
                        Ok(_) if cell.contains('.') => cell.replace('.', ","),
                        _ => cell.replace("Rijk", name),
                    })
                    .collect::<Vec<_>>()
                    .join(";")
            })
            .collect::<Vec<_>>()
            .join("\r\n")
    };
    let funding = fs::read_to_string(case.join("funding.csv")).unwrap();
    fs::write(case.join("funding.csv"), to_cp1252(&dutch(&funding))).unwrap();
    let budgets = fs::read_to_string(case.join("budgets.csv")).unwrap();
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(dutch(&budgets).as_bytes());
    fs::write(case.join("budgets.csv"), bytes).unwrap();

    let read = read_case(&case, &ReadOptions::default()).expect("Dutch spelling reads");
    let plain = read_case(&vector(), &ReadOptions::default()).unwrap();
    assert!(
        read.funders.names.iter().any(|n| n == name),
        "{:?}",
        read.funders.names
    );
    assert!(
        read.warnings
            .iter()
            .any(|w| w.to_string().contains("Windows-1252")),
        "{:?}",
        read.warnings
    );
    let shares = |c: &restock::case::Case| -> Vec<f64> {
        c.funders
            .rules
            .as_ref()
            .unwrap()
            .iter()
            .map(|r| r.max_share)
            .collect()
    };
    assert_eq!(shares(&read), shares(&plain));
    let a = solve(&read, &SolveOptions::default()).unwrap();
    let b = solve(&plain, &SolveOptions::default()).unwrap();
    assert!((a.stage1_mismatch - b.stage1_mismatch).abs() <= 1e-9 * b.stage1_mismatch);
}

/// A case whose files name no funder (G = {""}), with a funding.csv: the rules are
/// checked, then ignored with a warning, and the case is the v1 case.
#[test]
fn funding_without_funders_is_ignored_with_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let case = tmp.path().join("case");
    fs::create_dir_all(&case).unwrap();
    for entry in fs::read_dir(root().join("tests/data/vectors/total-small")).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, case.join(path.file_name().unwrap())).unwrap();
    }
    fs::write(
        case.join("funding.csv"),
        "funder,action,segment,max_share\n,demolish,,0.5\n",
    )
    .unwrap();
    let read = read_case(&case, &ReadOptions::default()).expect("reads");
    assert!(!read.funders.active());
    assert!(
        read.warnings.iter().any(|w| w
            .to_string()
            .starts_with("funding.csv: no row of budgets.csv")),
        "{:?}",
        read.warnings
    );
    fs::write(case.join("funding.csv"), "funder,action\nRijk,demolish\n").unwrap();
    match read_case(&case, &ReadOptions::default()) {
        Err(restock::Error::Input(errors)) => {
            assert_eq!(errors.len(), 1, "{errors:?}");
            let text = errors[0].to_string();
            assert!(
                text.starts_with("funding.csv, line 2, column funder: unknown funder 'Rijk'"),
                "{text}"
            );
        }
        other => panic!("expected an input error, got {other:?}"),
    }
}

/// G = {""}: a case whose budgets.csv and transformations.csv have a `funder` column that
/// is blank everywhere writes exactly the files of the same case without the column (v1):
/// no funder column in budget.csv, no funding.csv, no `funders` in summary.json.
#[test]
fn blank_funder_columns_give_the_v1_outputs_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    let plain = root().join("tests/data/vectors/carry-over");
    let blank = tmp.path().join("blank");
    fs::create_dir_all(&blank).unwrap();
    for entry in fs::read_dir(&plain).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, blank.join(path.file_name().unwrap())).unwrap();
    }
    for file in ["budgets.csv", "transformations.csv"] {
        let text = fs::read_to_string(blank.join(file)).unwrap();
        let with_column: Vec<String> = text
            .lines()
            .enumerate()
            .map(|(i, line)| format!("{line},{}", if i == 0 { "funder" } else { "" }))
            .collect();
        fs::write(blank.join(file), with_column.join("\n") + "\n").unwrap();
    }
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    plan_into(&plain, &a);
    plan_into(&blank, &b);
    let (a, b) = (snapshot(&a), snapshot(&b));
    assert!(!b.contains_key("funding.csv"));
    for name in [
        "plan.csv",
        "transformations.csv",
        "balance.csv",
        "budget.csv",
    ] {
        assert!(a[name] == b[name], "{name} differs");
    }
    let summary = |files: &BTreeMap<String, Vec<u8>>| -> serde_json::Value {
        let mut v: serde_json::Value = serde_json::from_slice(&files["summary.json"]).unwrap();
        for key in ["timings", "inputs_sha256", "peak_memory_mib", "case"] {
            v.as_object_mut().unwrap().remove(key);
        }
        v
    };
    assert_eq!(summary(&a), summary(&b));
    assert!(summary(&b).get("funders").is_none());
}
