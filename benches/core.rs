//! Criterion benchmarks of the library phases (issue "Performance"):
//!
//! - `read`: reading and validating a case folder (`input::read_case`);
//! - `build`: building the LP with good_lp (`model::build`);
//! - `solve`: both stages with HiGHS, monolithic (`solve::solve`) and region by region
//!   (`decompose::solve_by_region`);
//! - `tables`: the output tables of a solved plan (`report::tables::Tables::new`).
//!
//! Cases: synthetic ones made in memory with `generate::synthetic_case` (seed 1, the
//! generator's default 3 segments and 3 periods) and the shipped case inputs/nederland
//! (355 municipalities). Run with
//!
//! ```sh
//! cargo bench --bench core            # everything, about two minutes on 2 cores
//! cargo bench --bench core -- solve   # one group
//! ```
//!
//! Sample sizes are the smallest criterion allows (10) and the measurement times short,
//! so that the whole run stays within a few minutes; the solves of nederland take about
//! two seconds each, so criterion warns that it cannot complete 10 samples in the
//! measurement time and takes longer (one solve per sample).
//! For the whole binary (writing outputs, charts, xlsx, peak memory, the Python
//! baseline) see benchmarks/scale.sh.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::measurement::WallTime;
use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, SamplingMode};

use restock::case::Case;
use restock::generate::{synthetic_case, write_case, GenerateOptions};
use restock::input::{read_case, ReadOptions};
use restock::model::build;
use restock::report::tables::Tables;
use restock::solve::{solve, SolveOptions};

/// Synthetic sizes for reading and building (cheap phases).
const READ_BUILD_SIZES: [usize; 2] = [40, 3420];
/// Synthetic size for solving and the tables; nederland stands for the larger case.
const SOLVE_SIZE: usize = 40;

fn nederland_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs/nederland")
}

fn nederland() -> Case {
    read_case(&nederland_dir(), &ReadOptions::default()).expect("inputs/nederland reads")
}

fn synthetic(municipalities: usize) -> Case {
    synthetic_case(&GenerateOptions {
        municipalities,
        seed: 1,
        ..GenerateOptions::default()
    })
    .expect("synthetic case")
}

/// Short runs: 10 samples, 1 s warm-up, `seconds` of measurement.
fn configure(group: &mut BenchmarkGroup<'_, WallTime>, seconds: u64) {
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(seconds));
}

fn bench_read(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let mut group = c.benchmark_group("read");
    configure(&mut group, 3);
    let dir = nederland_dir();
    group.bench_function("nederland", |b| {
        b.iter(|| read_case(black_box(&dir), &ReadOptions::default()).unwrap())
    });
    for n in READ_BUILD_SIZES {
        let dir = tmp.path().join(format!("generated-{n}"));
        write_case(&synthetic(n), &dir).expect("write the synthetic case");
        group.bench_function(format!("generated/{n}"), |b| {
            b.iter(|| read_case(black_box(&dir), &ReadOptions::default()).unwrap())
        });
    }
    group.finish();
}

fn bench_build(c: &mut Criterion) {
    let mut group = c.benchmark_group("build");
    configure(&mut group, 4);
    // Linear sampling would need 55 builds of generated/3420 (5 s and more).
    group.sampling_mode(SamplingMode::Flat);
    let case = nederland();
    group.bench_function("nederland", |b| {
        b.iter_with_large_drop(|| build(black_box(&case), false))
    });
    for n in READ_BUILD_SIZES {
        let case = synthetic(n);
        group.bench_function(format!("generated/{n}"), |b| {
            b.iter_with_large_drop(|| build(black_box(&case), false))
        });
    }
    group.finish();
}

fn bench_solve(c: &mut Criterion) {
    let mut group = c.benchmark_group("solve");
    configure(&mut group, 5);
    // A solve of nederland takes seconds: one iteration per sample.
    group.sampling_mode(SamplingMode::Flat);
    let options = SolveOptions::default();
    let cases = [
        (format!("generated/{SOLVE_SIZE}"), synthetic(SOLVE_SIZE)),
        ("nederland".to_string(), nederland()),
    ];
    for (name, case) in &cases {
        group.bench_function(format!("monolithic/{name}"), |b| {
            b.iter(|| solve(black_box(case), &options).unwrap())
        });
        group.bench_function(format!("by_region/{name}"), |b| {
            b.iter(|| restock::decompose::solve_by_region(black_box(case), &options).unwrap())
        });
    }
    group.finish();
}

fn bench_tables(c: &mut Criterion) {
    let mut group = c.benchmark_group("tables");
    configure(&mut group, 3);
    let options = SolveOptions::default();
    let cases = [
        (format!("generated/{SOLVE_SIZE}"), synthetic(SOLVE_SIZE)),
        ("nederland".to_string(), nederland()),
    ];
    for (name, case) in &cases {
        let plan = solve(case, &options).expect("solve");
        group.bench_function(name.as_str(), |b| {
            b.iter_with_large_drop(|| Tables::new(black_box(case), black_box(&plan)))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_read, bench_build, bench_solve, bench_tables);
criterion_main!(benches);
