//! Ctrl-C during `--integer` (its own test binary: the interrupt flag is process-wide).
//! An interrupt stops the MIPs; the run still writes a feasible whole-dwelling plan,
//! marked `interrupted`, never a half-written folder.

mod random_case;

use std::path::PathBuf;

use random_case::{check_integral, check_plan_files, read_outputs};
use restock::plan::PlanStatus;
use restock::report::{write_outputs, RunInfo};
use restock::solve::{solve, SolveOptions};

#[test]
fn an_interrupt_writes_the_best_whole_dwelling_plan_so_far() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let case = restock::input::read_case(
        &root.join("inputs/example"),
        &restock::input::ReadOptions::default(),
    )
    .unwrap();
    // As if Ctrl-C came before the MIPs started: the plan is the rounded LP optimum.
    restock::interrupt::request();
    let options = SolveOptions {
        integer: true,
        ..SolveOptions::default()
    };
    let plan = solve(&case, &options).expect("an interrupted run still has a plan");
    restock::interrupt::clear();
    assert_eq!(plan.status, PlanStatus::Interrupted);
    let run = plan.integer_run.clone().expect("integer facts");
    assert!(run.interrupted && !run.time_limit_reached);
    assert_eq!(run.mip_gap_stage2, None);
    assert!(run.mip_gap_stage1.is_some());
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    write_outputs(&case, &plan, &out, &RunInfo::default()).expect("outputs");
    let outputs = read_outputs(&case, &out);
    check_plan_files(&case, &outputs);
    check_integral(&case, &outputs);
    assert_eq!(outputs.summary["status"], "interrupted");
    assert_eq!(outputs.summary["integer_run"]["interrupted"], true);
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("onderbroken"));
}
