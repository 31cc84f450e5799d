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
use restock::input::read_case;
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
        Some(Command::Serve(args)) => serve(args),
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
    let options = args.options();
    let imported = restock::import::households::import_households(&options)?;
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
    if config.options.solve.integer {
        // Ctrl-C stops the MIP and writes the best plan so far; a second one exits.
        restock::interrupt::install();
    }
    let summary = with_jobs(config.jobs, || {
        scenario::plan_scenario(&scenario, &out, &config.options)
    })??;
    let lang = config.options.output.lang;
    eprint!("{}", terminal::warnings(&summary.warnings, None, lang));
    print!("{}", terminal::plan(&scenario, &summary, &out, lang));
    Ok(())
}

fn validate(args: ValidateArgs) -> Result<(), Error> {
    let case = read_case(&args.case_dir, &args.read_options())?;
    let lang = args.lang.into();
    eprint!("{}", terminal::warnings(&case.warnings, None, lang));
    print!("{}", terminal::describe(&case, lang));
    Ok(())
}

fn import_cbs(args: ImportCbsArgs) -> Result<(), Error> {
    let (options, out) = args.resolve();
    let summary = restock::import::import_cbs(&options, &out)?;
    print!("{}", terminal::import(&summary, &out));
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
    let (comparison, lang) = (result?, options.output.lang);
    eprint!("{}", terminal::comparison_warnings(&comparison, lang));
    print!("{}", terminal::comparison(&comparison, &out, lang));
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
    let (sweep, lang) = (result?, options.output.lang);
    eprint!("{}", terminal::warnings(&sweep.warnings, None, lang));
    print!("{}", terminal::sweep(&sweep, &grid, &out, lang));
    Ok(())
}

fn generate(args: cli::GenerateArgs) -> Result<(), Error> {
    let case = restock::generate::synthetic_case(&args.options())?;
    restock::generate::write_case(&case, &args.out)?;
    print!("{}", terminal::generated(&case, &args.out));
    Ok(())
}

/// `restock serve`: the page and its API until Ctrl-C.
fn serve(args: cli::ServeArgs) -> Result<(), Error> {
    eprint!("{}", terminal::serve_host_warning(args.host));
    restock::serve::run(&args.options(), |addr| {
        let url = format!("http://{addr}/");
        println!("restock serve: {url}  (Ctrl-C stops)");
        if args.open {
            restock::serve::open_browser(&url);
        }
    })?;
    println!("restock serve: stopped");
    Ok(())
}
