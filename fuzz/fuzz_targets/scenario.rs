//! Scenario files (`restock plan --scenario`, `compare`, `sweep`) and sweep grids. The
//! first byte chooses: 0 and 1 parse the rest as a `--budget-factor` or `--friction`
//! grid; anything else writes it as a scenario file beside a copy of the seed case
//! tests/data/vectors/segment-mode and loads it. A scenario that loads and names that
//! case as its base is applied to it (settings overrides, variant, factors), and the
//! resulting case must keep every promise of src/case.rs.
#![no_main]

use std::fs;

use libfuzzer_sys::fuzz_target;
use restock::scenario::{Grid, Parameter, Scenario};
use restock_fuzz::{check_case, scratch_dir, SEGMENT_MODE};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, contents)) = data.split_first() else {
        return;
    };
    if selector < 2 {
        let parameter = if selector == 0 {
            Parameter::BudgetFactor
        } else {
            Parameter::FrictionVacancy
        };
        if let Ok(text) = std::str::from_utf8(contents) {
            if let Ok(grid) = Grid::parse(text, parameter) {
                let values = grid.values();
                assert!(!values.is_empty() && values.len() == grid.len());
                assert!(values.iter().all(|v| v.is_finite()));
            }
        }
        return;
    }
    let dir = scratch_dir();
    let case_dir = dir.join("case");
    if !case_dir.is_dir() {
        fs::create_dir_all(&case_dir).unwrap();
        for (name, bytes) in SEGMENT_MODE {
            fs::write(case_dir.join(name), bytes).unwrap();
        }
    }
    let path = dir.join("scenario.toml");
    fs::write(&path, contents).unwrap();
    let Ok(scenario) = Scenario::load(&path) else {
        return;
    };
    // Only the seed case: a base elsewhere would make the fuzzer read arbitrary folders.
    if scenario.base != case_dir {
        return;
    }
    if let Ok(case) = scenario.build_case() {
        check_case(&case);
        for row in &case.budget_eur {
            assert!(
                row.iter().all(|b| b.is_finite() && *b >= 0.0),
                "budget {row:?}"
            );
        }
    }
});
