//! The `lernort` binary: parse the command line, run, turn errors into messages and
//! exit codes. Nothing else in lernort exits the process.

use std::process::ExitCode;

use clap::Parser;
use lernort::error::{Error, Style};
use lernort::messages::Lang;

fn main() -> ExitCode {
    let cli = lernort::cli::Cli::parse();
    let lang = match cli.lang() {
        Ok(lang) => lang,
        Err(e) => return fail(&e, Lang::En),
    };
    match cli.run(lang) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(&e, lang),
    }
}

fn fail(e: &Error, lang: Lang) -> ExitCode {
    let report = e.render(Style::for_stderr(lang));
    if !report.is_empty() {
        eprintln!("{report}");
    }
    // Exit codes are 1 or 2 (see `Error::exit_code`), which fit in a u8.
    ExitCode::from(e.exit_code() as u8)
}

// mimalloc keeps the many parallel small allocations of a large build compact: on the
// 10,000-page benchmark it cut peak memory by about a fifth and wall time by a quarter
// compared with the system allocator. Its version 2 (the `v2` feature) hands freed
// memory back sooner than version 3, at the same speed: peak memory 128 → 110 MiB at
// 10,000 pages, 230 → 160 MiB on the large-page corpus (see BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
