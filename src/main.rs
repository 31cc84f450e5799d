//! The `restock` binary: parses the command line, calls the library, prints a short
//! table, and maps errors to exit codes (0 success, 2 invalid input or usage, 1 other).

mod cli;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command, CompareArgs, ImportCbsArgs, PlanArgs, SweepArgs, ValidateArgs};
use restock::input::{read_case, ReadOptions};
use restock::report::Summary;
use restock::scenario::{self, Grid, Scenario, SweepRequest};
use restock::{run, Error};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => plan(PlanArgs::default()),
        Some(Command::Plan(args)) => plan(args),
        Some(Command::Validate(args)) => validate(args),
        Some(Command::ImportCbs(args)) => import_cbs(args),
        Some(Command::ImportHouseholds(a)) => {
            let options = restock::import::households::HouseholdsOptions {
                table: a.table,
                case: a.case,
                variant: a.variant,
            };
            restock::import::households::import_households(&options)
                .map(|s| println!("{}", s.describe(&options)))
        }
        Some(Command::Compare(args)) => compare(args),
        Some(Command::Sweep(args)) => sweep(args),
        Some(Command::Generate(args)) => generate(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(error.exit_code() as u8)
        }
    }
}

fn plan(args: PlanArgs) -> Result<(), Error> {
    let config = args.resolve();
    if let Some(file) = &config.scenario {
        let scenario = Scenario::load(file)?;
        let summary = scenario::with_jobs(config.jobs, || {
            scenario::plan_scenario(&scenario, &config.out_dir, &config.solve, &config.output)
        })??;
        println!("Scenario: {} ({})", scenario.name, file.display());
        print_summary(&summary);
        println!("\nOutputs written to {}", config.out_dir.display());
        return Ok(());
    }
    if !config.case_dir.is_dir() {
        return Err(Error::Usage(format!(
            "case folder {} not found (run restock from the project folder, or give a case folder)",
            config.case_dir.display()
        )));
    }
    let summary = scenario::with_jobs(config.jobs, || {
        run::plan_case_with(
            &config.case_dir,
            &config.out_dir,
            &config.read,
            &config.solve,
            &config.output,
        )
    })??;
    print_summary(&summary);
    println!("\nOutputs written to {}", config.out_dir.display());
    Ok(())
}

fn validate(args: ValidateArgs) -> Result<(), Error> {
    let options = ReadOptions {
        variant: args.variant,
        ..ReadOptions::default()
    };
    let case = read_case(&args.case_dir, &options)?;
    print!("{}", run::describe(&case));
    Ok(())
}

fn import_cbs(args: ImportCbsArgs) -> Result<(), Error> {
    let options = args.resolve();
    let s = restock::import::import_cbs(&options)?;
    println!(
        "restock import-cbs: {} municipalities in {} regions, base year {}: {} dwellings, {} \
         households (Bron: CBS)",
        s.municipalities, s.regions, s.base_year, s.dwellings, s.households
    );
    println!(
        "households variants (scenario assumptions): {}; settings.toml selects {}",
        s.variants.join(", "),
        s.variant
    );
    for w in &s.warnings {
        println!("note: {w}");
    }
    println!(
        "Case written to {} ({})",
        options.out.display(),
        s.files.join(", ")
    );
    Ok(())
}

fn print_summary(summary: &Summary) {
    println!(
        "restock {} — case {}: {} municipalities, {} regions, {} mode, solver {}{}",
        summary.version,
        summary.case,
        summary.municipalities,
        summary.regions,
        summary.mode,
        summary.solver,
        if summary.integer { " (integer)" } else { "" },
    );
    if summary.status != "optimal" {
        println!(
            "WARNING: the solve ended with status {}: this plan is not proven optimal.",
            summary.status
        );
    }
    println!();
    println!(
        "{:<24} {:>14} {:>14} {:>11} {:>11} {:>11} {:>14} {:>14}",
        "region",
        "mismatch now",
        "mismatch plan",
        "demolished",
        "transformed",
        "built",
        "spent (EUR)",
        "budget (EUR)"
    );
    for r in &summary.regions_detail {
        println!(
            "{:<24} {:>14.0} {:>14.0} {:>11.0} {:>11.0} {:>11.0} {:>14.0} {:>14.0}",
            r.region,
            r.mismatch_do_nothing,
            r.mismatch_plan,
            r.demolished,
            r.transformed,
            r.built,
            r.spent_eur,
            r.budget_eur
        );
    }
    println!(
        "{:<24} {:>14.0} {:>14.0} {:>11.0} {:>11.0} {:>11.0} {:>14.0} {:>14.0}",
        "total",
        summary.mismatch_do_nothing,
        summary.mismatch,
        summary.demolished,
        summary.transformed,
        summary.built,
        summary.net_cost_eur,
        summary.budget_eur
    );
    println!(
        "\nMismatch in weighted dwelling-years (do-nothing vs plan); gross cost {:.0} EUR, net {:.0} EUR.",
        summary.gross_cost_eur, summary.net_cost_eur
    );
}

/// A number rounded for the terminal table, without a `-0`.
fn whole(x: f64) -> f64 {
    x.round() + 0.0
}

fn compare(args: CompareArgs) -> Result<(), Error> {
    let out = args.out_dir();
    let bar = run::progress_bar(args.files.len(), "solving scenarios");
    let result = scenario::with_jobs(args.solve.jobs, || {
        scenario::compare(
            &args.files,
            &out,
            &args.solve.solve_options(),
            &args.solve.output_options(),
            &|| bar.inc(1),
        )
    })?;
    bar.finish_and_clear();
    let comparison = result?;
    println!(
        "{:<28} {:>14} {:>14} {:>11} {:>11} {:>11} {:>14} {:>14}",
        "scenario",
        "mismatch now",
        "mismatch plan",
        "demolished",
        "transformed",
        "built",
        "net cost (EUR)",
        "budget (EUR)"
    );
    for r in comparison
        .rows
        .iter()
        .filter(|r| r.region == scenario::compare::TOTAL_REGION)
    {
        println!(
            "{:<28} {:>14.0} {:>14.0} {:>11.0} {:>11.0} {:>11.0} {:>14.0} {:>14.0}",
            r.scenario,
            whole(r.mismatch_do_nothing),
            whole(r.mismatch_plan),
            whole(r.demolished),
            whole(r.transformed),
            whole(r.built),
            whole(r.net_cost_eur),
            whole(r.budget_eur)
        );
    }
    for s in comparison
        .solved
        .iter()
        .filter(|s| s.summary.status != "optimal")
    {
        println!(
            "WARNING: scenario {} ended with status {}: not proven optimal.",
            s.scenario.name, s.summary.status
        );
    }
    println!(
        "\nMismatch in weighted dwelling-years (do-nothing vs plan). Per region: \
         comparison.csv; what differs: input_diff.md.\nOutputs written to {}",
        out.display()
    );
    Ok(())
}

fn sweep(args: SweepArgs) -> Result<(), Error> {
    let scenario = match &args.scenario {
        Some(file) => Scenario::load(file)?,
        None => {
            let dir = args.case_dir();
            if !dir.is_dir() {
                return Err(Error::Usage(format!(
                    "case folder {} not found (run restock from the project folder, or give \
                     a case folder)",
                    dir.display()
                )));
            }
            Scenario::from_case_dir(&dir)
        }
    };
    let (parameter, text) = args.grid();
    let grid = Grid::parse(text, parameter)?;
    let out = args.out_dir(&scenario.file_stem());
    let request = SweepRequest {
        scenario: &scenario,
        parameter,
        grid,
        grid_text: text,
    };
    let bar = run::progress_bar(grid.len(), "solving sweep points");
    let result = scenario::with_jobs(args.solve.jobs, || {
        scenario::run_sweep(
            &request,
            &out,
            &args.solve.solve_options(),
            &args.solve.output_options(),
            &|| bar.inc(1),
        )
    })?;
    bar.finish_and_clear();
    let sweep = result?;
    let column = parameter.column();
    println!(
        "{:>5} {:>16} {:>16} {:>14} {:>14} {:>16}",
        "point", column, "budget (EUR)", "mismatch", "do-nothing", "net cost (EUR)"
    );
    for (i, p) in sweep.points.iter().enumerate() {
        println!(
            "{:>5} {:>16} {:>16.0} {:>14.0} {:>14.0} {:>16.0}{}",
            p.index + 1,
            restock::numfmt::fmt_num(p.value),
            whole(p.budget_eur),
            whole(p.mismatch),
            whole(p.mismatch_do_nothing),
            whole(p.net_cost_eur),
            if sweep.knee == Some(i) {
                "  <- knee"
            } else {
                ""
            }
        );
    }
    if let (Some(k), Some((before, after))) = (
        sweep.knee.and_then(|k| sweep.points.get(k)),
        sweep.knee_slopes(),
    ) {
        println!(
            "\nKnee at {column} {}: up to it one million removes {before:.1} weighted \
             dwelling-years of mismatch on average, beyond it {after:.1}.",
            restock::numfmt::fmt_num(k.value)
        );
    }
    if let Some(last) = grid
        .values()
        .last()
        .filter(|v| (**v - grid.to).abs() > 1e-9)
    {
        println!(
            "Note: {} is not a whole number of steps from {}; the grid stops at {}.",
            grid.to,
            grid.from,
            restock::numfmt::fmt_num(*last)
        );
    }
    println!("\nOutputs written to {}", out.display());
    Ok(())
}

fn generate(args: cli::GenerateArgs) -> Result<(), Error> {
    let options = restock::generate::GenerateOptions {
        municipalities: args.municipalities,
        seed: args.seed,
        segments: args.segments,
        periods: args.periods,
    };
    let case = restock::generate::synthetic_case(&options)?;
    restock::generate::write_case(&case, &args.out)?;
    println!(
        "wrote a synthetic case of {} municipalities in {} regions to {}",
        case.municipalities.len(),
        case.regions.len(),
        args.out.display()
    );
    Ok(())
}
