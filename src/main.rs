//! The `factbrief` binary: parse the command line, run, map to an exit status.

use clap::Parser;

fn main() {
    let cli = factbrief::cli::Cli::parse();
    let exit = factbrief::commands::run(cli);
    std::process::exit(exit as i32);
}
