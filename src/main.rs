//! The `restock` binary: parses the command line, calls the library, prints a short
//! table, and maps errors to exit codes (0 success, 2 invalid input or usage, 1 other).

mod cli;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command, ImportCbsArgs, PlanArgs, ValidateArgs};
use restock::input::{read_case, ReadOptions};
use restock::report::Summary;
use restock::{run, Error};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => plan(PlanArgs::default()),
        Some(Command::Plan(args)) => plan(args),
        Some(Command::Validate(args)) => validate(args),
        Some(Command::ImportCbs(args)) => import_cbs(args),
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
    if !config.case_dir.is_dir() {
        return Err(Error::Usage(format!(
            "case folder {} not found (run restock from the project folder, or give a case folder)",
            config.case_dir.display()
        )));
    }
    let summary = run::plan_case(
        &config.case_dir,
        &config.out_dir,
        &config.read,
        &config.solve,
    )?;
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
