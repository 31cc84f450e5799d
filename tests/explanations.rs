//! Why the plan does what it does (explain.rs, explanations.csv): one tiny case per
//! limiting factor whose answer is derived by hand in the comments, the sign of the duals
//! for both solvers, funders, `--by-region` and `--integer`, and the default case: a row
//! for every municipality and period, and `capacity` only where the plan removes the full
//! C2 amount of some segment.

mod common;

use std::path::Path;

use common::{assert_close, one_municipality, segment};
use restock::case::{Case, Funders, SegmentCosts};
use restock::explain::{explain, Explanation, Factor, Other};
use restock::input::{read_case, ReadOptions};
use restock::plan::Plan;
use restock::solve::{solve, SolveOptions, SolverChoice};

fn solved(case: &Case, solver: SolverChoice) -> Plan {
    let options = SolveOptions {
        solver,
        ..SolveOptions::default()
    };
    solve(case, &options).expect("case solves")
}

fn only(case: &Case, solver: SolverChoice) -> (Plan, Explanation) {
    let plan = solved(case, solver);
    let mut all = explain(case, &plan);
    assert_eq!(all.len(), 1, "one municipality, one period");
    (plan, all.remove(0))
}

const SOLVERS: [SolverChoice; 2] = [SolverChoice::Highs, SolverChoice::Clarabel];

/// `budget`. 1000 dwellings, 900 households in 2030 (no friction, one tier of weight 1):
/// a surplus of 100. C2 allows 2 % × 10 years × 1000 = 200 removals, so the cap does not
/// bind; the budget of €500,000 pays 500,000 / 10,000 = 50 demolitions. Left: a surplus
/// of 50 for 10 years, Z1 = 500. One dwelling fewer saves 10 weighted dwelling-years
/// (the removal value, the dual of C1, for both solvers: this checks its sign); one more
/// million demolishes 100 more dwellings, 100 × 10 = 1000 weighted dwelling-years per
/// million (the marginal rate, although only 50 are left).
#[test]
fn budget_binds() {
    for solver in SOLVERS {
        let mut case = one_municipality(1000.0, 900.0);
        case.budget_eur = vec![vec![500_000.0]];
        let (plan, why) = only(&case, solver);
        assert_close(plan.demolish[0][0][0], 50.0, "demolished");
        let value = plan.removal_value[0][0][0];
        assert!(
            (value - 10.0).abs() < 1e-5,
            "{solver:?}: removal value {value}"
        );
        assert_eq!(why.factor, Factor::Budget, "{solver:?}");
        assert!((why.budget_shadow_price - 1000.0).abs() < 1e-3, "{why:?}");
        assert!(why.funders.is_empty());
        assert!((why.plan.surplus - 50.0).abs() < 1e-4);
    }
}

/// `capacity`. 1000 dwellings, 700 households: a surplus of 300, money plenty (€1
/// billion). C2 lets 200 go in the period, so 200 are demolished and 100 stay: the cap,
/// not the money, is what limits (the budget's shadow price is 0).
#[test]
fn removal_cap_binds() {
    for solver in SOLVERS {
        let case = one_municipality(1000.0, 700.0);
        let (plan, why) = only(&case, solver);
        assert_close(plan.demolish[0][0][0], 200.0, "demolished");
        assert_eq!(why.factor, Factor::Capacity, "{solver:?}");
        assert_eq!(why.capacity_segments, vec![0]);
        assert!(why.budget_shadow_price < 1e-6);
    }
}

/// `stock`. Total mode with two segments: A has 100 dwellings, B 900 that cannot be
/// demolished (no cost row: say listed buildings). 500 households: a surplus of 500.
/// With a removal share of 20 % a year C2 allows 2 × 100 = 200 of A, more than there
/// are, so all 100 of A go (C3: nothing left) and 400 stay in surplus. Money is plenty.
#[test]
fn nothing_left_to_remove() {
    for solver in SOLVERS {
        let mut case = one_municipality(1000.0, 500.0);
        case.settings.max_removal_share_per_year = 0.2;
        case.segments.push(segment("B"));
        case.stock0 = vec![vec![100.0, 900.0]];
        case.costs[0].push(None);
        let (plan, why) = only(&case, solver);
        assert_close(plan.demolish[0][0][0], 100.0, "demolished");
        assert_eq!(why.factor, Factor::Stock, "{solver:?}");
        assert_eq!(why.stock_segments, vec![0]);
        assert!(why.capacity_segments.is_empty());
    }
}

/// `none`, twice. (1) 1000 dwellings and 1000 households: no mismatch. (2) 1000
/// dwellings, 1100 households, new building not allowed (no new_build_eur): a shortage
/// of 100, but the only action, demolition, would make it worse (one dwelling fewer
/// adds 10 years × weight 2 = 20 weighted dwelling-years: the removal value is −20), so
/// no action would lower the mismatch.
#[test]
fn nothing_to_do_or_nothing_that_helps() {
    for solver in SOLVERS {
        let case = one_municipality(1000.0, 1000.0);
        let (_, why) = only(&case, solver);
        assert_eq!(why.factor, Factor::None, "{solver:?}: balanced");

        let mut case = one_municipality(1000.0, 1100.0);
        case.costs[0][0] = Some(SegmentCosts {
            demolish_eur: 10_000.0,
            new_build_eur: None,
        });
        let (plan, why) = only(&case, solver);
        assert!(
            (plan.removal_value[0][0][0] + 20.0).abs() < 1e-5,
            "{solver:?}"
        );
        assert_eq!(
            why.factor,
            Factor::None,
            "{solver:?}: shortage, nothing helps"
        );
        assert!(!why.useful_action);
        assert!((why.plan.shortage - 100.0).abs() < 1e-4);
    }
}

/// `other`: the new-build cap. 1000 dwellings, 1200 households: a shortage of 200; C4
/// allows 1 % × 10 × 1000 = 100 new dwellings, money is plenty. 100 are built, 100 stay
/// short: neither the budget nor C2/C3 but C4 limits.
#[test]
fn new_build_cap_is_other() {
    let case = one_municipality(1000.0, 1200.0);
    let (plan, why) = only(&case, SolverChoice::Highs);
    assert_close(plan.new_build[0][0][0], 100.0, "built");
    assert_eq!(why.factor, Factor::Other);
    assert_eq!(why.other, Some(Other::NewBuildCapacity));
}

/// With funders the binding budget is a funder's. The case of tests/funders.rs
/// `c6f_one_funder_binds`: the corporatie (€200,000) may pay only demolition, the
/// provincie (€1,000,000) only new building. 20 are demolished; the corporatie's budget
/// binds (shadow price 1000), the provincie's does not: the explanation names the
/// corporatie alone.
#[test]
fn a_funders_budget_binds() {
    use restock::case::{FundedAction, FundingRule};
    let mut case = one_municipality(1000.0, 900.0);
    case.budget_eur = vec![vec![1_200_000.0]];
    case.funders = Funders {
        names: vec!["corporatie".into(), "provincie".into()],
        rules: Some(vec![
            FundingRule {
                funder: 0,
                action: FundedAction::Demolish,
                segment: None,
                max_share: 1.0,
            },
            FundingRule {
                funder: 1,
                action: FundedAction::NewBuild,
                segment: None,
                max_share: 1.0,
            },
        ]),
        budget_eur: vec![vec![vec![200_000.0], vec![1_000_000.0]]],
        sale_receiver: vec![],
    };
    for solver in SOLVERS {
        let (plan, why) = only(&case, solver);
        assert_close(plan.demolish[0][0][0], 20.0, "demolished");
        assert_eq!(why.factor, Factor::Budget, "{solver:?}");
        assert_eq!(
            why.funders,
            vec![0],
            "{solver:?}: the corporatie's budget binds"
        );
        assert!((why.binding_price - 1000.0).abs() < 1e-3, "{why:?}");
    }
}

fn default_case() -> Case {
    read_case(Path::new("inputs/krimpregios"), &ReadOptions::default()).expect("reads")
}

/// The plan removes the full C2 amount of some segment of municipality m in period p.
fn removes_full_c2(case: &Case, plan: &Plan, m: usize, p: usize) -> bool {
    (0..case.segments.len()).any(|s| {
        let removed = plan.demolish[m][s][p]
            + case
                .transformations
                .iter()
                .enumerate()
                .filter(|(_, k)| k.from == s)
                .map(|(k, _)| plan.transform[m][k][p])
                .sum::<f64>();
        let cap =
            case.settings.max_removal_share_per_year * case.periods[p].years() * case.stock0[m][s];
        cap > 0.0 && cap - removed <= 1e-6 * cap.max(1.0)
    })
}

/// Every municipality and period of the default case has one explanation, in plan.csv's
/// order; wherever it says `capacity` the plan removes the full C2 amount of some
/// segment; wherever it says `budget` the region (or a funder there) has a shadow price.
/// Also solved region by region: the same factors.
#[test]
fn default_case_every_row_and_capacity_means_full_c2() {
    let case = default_case();
    let plan = solved(&case, SolverChoice::Highs);
    let all = explain(&case, &plan);
    assert_eq!(all.len(), case.municipalities.len() * case.periods.len());
    let mut i = 0;
    for m in 0..case.municipalities.len() {
        for p in 0..case.periods.len() {
            assert_eq!((all[i].municipality, all[i].period), (m, p));
            i += 1;
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    for why in &all {
        seen.insert(why.factor);
        let (m, p) = (why.municipality, why.period);
        if why.factor == Factor::Capacity {
            assert!(
                removes_full_c2(&case, &plan, m, p),
                "{} {p}: capacity without a full C2",
                case.municipalities[m].name
            );
        }
        if why.factor == Factor::Budget {
            assert!(why.binding_price > 0.0 && !why.funders.is_empty());
        }
    }
    assert!(seen.contains(&Factor::Budget), "{seen:?}");

    // With a hundred times the money the removal cap limits where the surplus is
    // largest (Sluis, Simpelveld in 2020–2024): `capacity` must appear, and only where
    // C2 is used in full.
    let mut rich = case.clone();
    for r in 0..rich.regions.len() {
        rich.scale_budget(r, 100.0);
    }
    let rich_plan = solved(&rich, SolverChoice::Highs);
    let all_rich = explain(&rich, &rich_plan);
    let capacity: Vec<&Explanation> = all_rich
        .iter()
        .filter(|e| e.factor == Factor::Capacity)
        .collect();
    assert!(!capacity.is_empty());
    for why in capacity {
        assert!(removes_full_c2(
            &rich,
            &rich_plan,
            why.municipality,
            why.period
        ));
        assert!(!why.capacity_segments.is_empty());
    }

    let options = SolveOptions {
        by_region: true,
        ..SolveOptions::default()
    };
    let by_region = restock::decompose::solve_by_region(&case, &options).expect("solves");
    let again = explain(&case, &by_region);
    assert_eq!(again.len(), all.len());
    for why in &again {
        if why.factor == Factor::Capacity {
            assert!(removes_full_c2(
                &case,
                &by_region,
                why.municipality,
                why.period
            ));
        }
    }
}

/// `--integer`: the shadow prices and removal values come from the LP relaxation; the
/// hand case of `removal_cap_binds` with a fractional cap (1005 dwellings: C2 = 201)
/// still says capacity, and a cap of 200.5 (1002.5 dwellings) reached to within one
/// dwelling (200 removed) counts as full.
#[test]
fn integer_plans_are_explained() {
    for stock in [1005.0, 1002.5] {
        let case = one_municipality(stock, 700.0);
        let options = SolveOptions {
            integer: true,
            ..SolveOptions::default()
        };
        let plan = solve(&case, &options).expect("solves");
        let why = explain(&case, &plan).remove(0);
        assert_eq!(why.factor, Factor::Capacity, "stock {stock}: {why:?}");
    }
}

/// `restock plan` on the default case writes explanations.csv: the header, one row per
/// municipality and period in plan.csv's order, a factor from the documented words, the
/// region's shadow price as budget.csv has it, and a Dutch sentence naming the
/// municipality; `capacity` only where plan.csv removes the full C2 amount.
/// report.html has the "waarom" section with a paragraph per region, report.xlsx the
/// sheet; `--lang en` gives English sentences.
#[test]
fn the_default_case_writes_explanations_csv_and_the_waarom_section() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    assert_cmd::Command::cargo_bin("restock")
        .unwrap()
        .args(["plan", "inputs/krimpregios", "--out"])
        .arg(&out)
        .assert()
        .success();
    let case = default_case();
    let text = std::fs::read_to_string(out.join("explanations.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        restock::report::why::HEADER
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), case.municipalities.len() * case.periods.len());
    let plan_csv = std::fs::read_to_string(out.join("plan.csv")).unwrap();
    let mut order: Vec<(String, String)> = Vec::new();
    for line in plan_csv.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        let key = (cells[0].to_string(), cells[2].to_string());
        if order.last() != Some(&key) && !order.contains(&key) {
            order.push(key);
        }
    }
    let budget_csv = std::fs::read_to_string(out.join("budget.csv")).unwrap();
    for (row, key) in rows.iter().zip(&order) {
        assert_eq!((&row[0], &row[1]), (key.0.as_str(), key.1.as_str()));
        assert!(
            ["budget", "capacity", "stock", "other", "none"].contains(&&row[3]),
            "{row:?}"
        );
        let m = case
            .municipalities
            .iter()
            .position(|x| x.code == row[0])
            .unwrap();
        assert!(row[5].starts_with(&case.municipalities[m].name), "{row:?}");
        if &row[3] == "budget" {
            // The region's price is one of its funders' prices in budget.csv.
            let region = &case.regions[case.municipalities[m].region];
            assert!(
                budget_csv
                    .lines()
                    .any(|l| l.starts_with(&format!("{region},"))
                        && l.contains(&format!(",{},{},", &row[1], &row[2]))
                        && l.ends_with(&format!(",{}", &row[4]))),
                "{row:?}"
            );
            assert!(row[5].contains("elke extra € 1 mln"), "{row:?}");
        }
    }
    let sluis = rows
        .iter()
        .find(|r| &r[0] == "GM1714" && &r[2] == "2050")
        .expect("Sluis 2046–2050");
    assert!(sluis[5].contains("structurele leegstand"), "{sluis:?}");
    assert!(sluis[5].contains("Zeeuws-Vlaanderen"), "{sluis:?}");

    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    let section = &html[html.find("<section id=\"waarom\">").expect("waarom")..];
    let section = &section[..section.find("</section>").unwrap()];
    for region in &case.regions {
        assert!(section.contains(&format!("<h3>{region}</h3>")), "{region}");
    }
    assert_eq!(
        section.matches("<li>").count(),
        case.municipalities.len() * case.periods.len()
    );

    let en = tmp.path().join("en");
    assert_cmd::Command::cargo_bin("restock")
        .unwrap()
        .args(["plan", "inputs/krimpregios", "--lang", "en", "--out"])
        .arg(&en)
        .assert()
        .success();
    let text = std::fs::read_to_string(en.join("explanations.csv")).unwrap();
    assert!(text.contains("each extra €1 M removes"));
    assert!(!text.contains("woningen"));
}

/// A robust plan: explanations.csv has a `variant` column and every variant's rows (each
/// variant's plan explained with its own duals); the page explains the first
/// projection and says so in the section's title.
#[test]
fn a_robust_plan_explains_every_variant() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    assert_cmd::Command::cargo_bin("restock")
        .unwrap()
        .args(["plan", "inputs/example", "--robust", "--out"])
        .arg(&out)
        .assert()
        .success();
    let case = read_case(Path::new("inputs/example"), &ReadOptions::default()).unwrap();
    let text = std::fs::read_to_string(out.join("explanations.csv")).unwrap();
    let mut lines = text.lines();
    assert!(lines.next().unwrap().starts_with("variant,municipality,"));
    let per_variant = case.municipalities.len() * case.periods.len();
    let variants: Vec<&str> = lines.map(|l| l.split(',').next().unwrap()).collect();
    assert_eq!(variants.len(), 2 * per_variant);
    assert!(variants[..per_variant].iter().all(|v| *v == "base"));
    assert!(variants[per_variant..].iter().all(|v| *v == "krimp"));
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    let at = html.find("<section id=\"waarom\">").expect("waarom");
    let title = &html[at..at + 200];
    assert!(title.contains("Waarom dit plan — projectie"), "{title}");
}
