//! The `restock` binary: parses the command line, calls the library, prints what it
//! returns ([`restock::terminal`]), and maps errors to exit codes (0 success, 2 invalid
//! input or usage, 1 other).

mod cli;

use std::process::ExitCode;

use clap::Parser;

use cli::{
    Cli, Command, CompareArgs, ImportCbsArgs, ImportHouseholdsArgs, PlanArgs, SweepArgs,
    ValidateArgs,
};
use restock::input::{read_case, ReadOptions};
use restock::pipeline::progress_bar;
use restock::pool::with_jobs;
use restock::scenario::{self, Grid, Scenario, SweepRequest};
use restock::{terminal, Error};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => plan(PlanArgs::default()),
        Some(Command::Plan(args)) => plan(args),
        Some(Command::Validate(args)) => validate(args),
        Some(Command::ImportCbs(args)) => import_cbs(args),
        Some(Command::ImportHouseholds(args)) => import_households(args),
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

/// `restock import-households`: a planner's projection table as a households variant.
fn import_households(args: ImportHouseholdsArgs) -> Result<(), Error> {
    use restock::import::households::{import_households, HouseholdsOptions};
    let options = HouseholdsOptions {
        table: args.table,
        case: args.case,
        variant: args.variant,
    };
    let imported = import_households(&options)?;
    println!("{}", imported.describe(&options));
    Ok(())
}

/// `restock plan`: a scenario file, or a case folder as a scenario without changes.
fn plan(args: PlanArgs) -> Result<(), Error> {
    let config = args.resolve();
    let scenario = match &config.scenario {
        Some(file) => Scenario::load(file)?,
        None => Scenario::plain_case(&config.case_dir, config.variant)?,
    };
    let out = cli::out_dir(&config.out, &scenario.file_stem());
    let summary = with_jobs(config.jobs, || {
        scenario::plan_scenario(&scenario, &out, &config.options)
    })??;
    let lang = config.options.output.lang;
    print!("{}", terminal::plan(&scenario, &summary, &out, lang));
    Ok(())
}

fn validate(args: ValidateArgs) -> Result<(), Error> {
    let options = ReadOptions {
        variant: args.variant,
        ..ReadOptions::default()
    };
    let case = read_case(&args.case_dir, &options)?;
    print!("{}", terminal::describe(&case));
    Ok(())
}

fn import_cbs(args: ImportCbsArgs) -> Result<(), Error> {
    let options = args.resolve();
    let summary = restock::import::import_cbs(&options)?;
    print!("{}", terminal::import(&summary, &options.out));
    Ok(())
}

fn compare(args: CompareArgs) -> Result<(), Error> {
    let out = args.out_dir();
    let bar = progress_bar(args.files.len(), "solving scenarios");
    let options = args.solve.options();
    let result = with_jobs(args.solve.jobs, || {
        scenario::compare(&args.files, &out, &options, &|| bar.inc(1))
    })?;
    bar.finish_and_clear();
    print!(
        "{}",
        terminal::comparison(&result?, &out, options.output.lang)
    );
    Ok(())
}

fn sweep(args: SweepArgs) -> Result<(), Error> {
    let scenario = match &args.scenario {
        Some(file) => Scenario::load(file)?,
        None => Scenario::plain_case(&args.case_dir(), None)?,
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
    let bar = progress_bar(grid.len(), "solving sweep points");
    let options = args.solve.options();
    let result = with_jobs(args.solve.jobs, || {
        scenario::run_sweep(&request, &out, &options, &|| bar.inc(1))
    })?;
    bar.finish_and_clear();
    print!(
        "{}",
        terminal::sweep(&result?, &grid, &out, options.output.lang)
    );
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
