//! The `lernort` binary: parse the command line, run, turn errors into messages and
//! exit codes. Nothing else in lernort exits the process.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = lernort::cli::Cli::parse();
    match cli.run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            // Exit codes are 1 or 2 (see `Error::exit_code`), which fit in a u8.
            ExitCode::from(e.exit_code() as u8)
        }
    }
}
