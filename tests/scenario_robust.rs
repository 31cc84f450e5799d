//! `compare` and `sweep` of robust scenarios (spec v2 §6b): a robust scenario is solved
//! as one robust plan; compare shows its expected mismatch E, expected cost, worst
//! regret and EVPI, and sweep sweeps E.

use std::path::{Path, PathBuf};

fn vector(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/vectors")
        .join(name)
}

fn restock() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("restock").unwrap()
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * b.abs().max(1.0)
}

/// `restock plan` of the robust vector: its summary.json.
fn planned(dir: &Path) -> serde_json::Value {
    let out = dir.join("plan");
    restock()
        .arg("plan")
        .arg(vector("robust-regret"))
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    json(&out.join("summary.json"))
}

fn scenario(dir: &Path, name: &str, base: &Path) -> PathBuf {
    let file = dir.join(format!("{name}.toml"));
    std::fs::write(
        &file,
        format!("name = \"{name}\"\nbase = \"{}\"\n", base.display()),
    )
    .unwrap();
    file
}

#[test]
fn compare_shows_a_robust_scenario_with_its_expected_figures() {
    let tmp = tempfile::tempdir().unwrap();
    let plan = planned(tmp.path());
    let robust = scenario(tmp.path(), "robuust", &vector("robust-regret"));
    let plain = scenario(tmp.path(), "gewoon", &vector("total-small"));
    let out = tmp.path().join("cmp");
    let output = restock()
        .arg("compare")
        .arg(&plain)
        .arg(&robust)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let text = String::from_utf8(output.stdout).unwrap();
    let r = &plan["robust"];
    let e = r["expected_mismatch"].as_f64().unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with("Robuust scenario robuust"))
        .unwrap_or_else(|| panic!("{text}"));
    let nl = restock::lang::Lang::Nl;
    for (what, value) in [
        ("mismatch E", nl.int(e)),
        (
            "de verwachte",
            nl.meur(plan["gross_cost_eur"].as_f64().unwrap()),
        ),
        ("grootste spijt", nl.int(r["max_regret"].as_f64().unwrap())),
        ("EVPI", nl.int(r["evpi"].as_f64().unwrap())),
    ] {
        assert!(
            line.contains(&format!("{what} {value}")),
            "{what} {value} not in {line}"
        );
    }
    // comparison.csv: the total row's mismatch is E, the regions add up to it.
    let csv = std::fs::read_to_string(out.join("comparison.csv")).unwrap();
    let rows: Vec<Vec<&str>> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .filter(|r: &Vec<&str>| r[0] == "robuust")
        .collect();
    let total = rows.iter().find(|r| r[1] == "*").unwrap();
    assert!(close(total[3].parse().unwrap(), e), "{total:?} vs E {e}");
    assert!(close(
        total[7].parse().unwrap(),
        plan["gross_cost_eur"].as_f64().unwrap()
    ));
    let regions: f64 = rows
        .iter()
        .filter(|r| r[1] != "*")
        .map(|r| r[3].parse::<f64>().unwrap())
        .sum();
    assert!(
        (regions - e).abs() <= 1e-6 * e + 1e-3,
        "regions {regions} vs E {e}"
    );
    // The page: the robust table and the note on the charts.
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("Robuuste scenario&#39;s"), "robust table");
    assert!(html.contains("de grafieken gebruiken E als zijn mismatch"));
    // The robust scenario's own plan folder is a robust plan's.
    let plans = out.join("plans");
    assert!(plans.join("robuust/commitment.csv").is_file());
    let own = json(&plans.join("robuust/summary.json"));
    assert_eq!(own["robust"], plan["robust"]);
    assert!(!plans.join("gewoon/commitment.csv").exists());
}

#[test]
fn sweep_of_a_robust_case_sweeps_e() {
    let tmp = tempfile::tempdir().unwrap();
    let plan = planned(tmp.path());
    let out = tmp.path().join("sweep");
    let output = restock()
        .arg("sweep")
        .arg(vector("robust-regret"))
        .args(["--budget-factor", "0.5:1:0.5", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("Robuuste case: de mismatch van elk punt is de verwachte mismatch E"));
    let page = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(page.contains("robust-regret (robuust: verwachte mismatch E)"));
    let csv = std::fs::read_to_string(out.join("sweep.csv")).unwrap();
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let column = header.iter().position(|h| *h == "mismatch").unwrap();
    let at_one: Vec<&str> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect::<Vec<&str>>())
        .find(|r| r[1] == "1")
        .unwrap_or_else(|| panic!("{csv}"));
    let e = plan["robust"]["expected_mismatch"].as_f64().unwrap();
    let swept: f64 = at_one[column].parse().unwrap();
    assert!(close(swept, e), "sweep {swept} vs plan E {e}");
    let half: Vec<&str> = csv
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .collect::<Vec<&str>>();
    let less_money: f64 = half[column].parse().unwrap();
    assert!(less_money >= swept - 1e-6, "{less_money} < {swept}");
}
