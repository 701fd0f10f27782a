//! What is generated from factbrief's own definitions rather than from
//! articles: shell completions and the man page (from the clap command), and
//! the fact file's JSON Schema (from the types in [`crate::model`]).

use super::Exit;
use crate::cli::Cli;
use clap::CommandFactory;
use std::io::Write;

/// `factbrief completions SHELL`: the completion script on stdout.
pub fn completions(shell: clap_complete::Shell) -> Exit {
    let mut cmd = Cli::command();
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "factbrief", &mut buf);
    write_stdout(&buf)
}

/// `factbrief man`: the man page (roff) on stdout, for `man -l -` or
/// `factbrief man > /usr/local/share/man/man1/factbrief.1`.
pub fn man() -> Exit {
    let mut buf = Vec::new();
    match clap_mangen::Man::new(Cli::command()).render(&mut buf) {
        Ok(()) => write_stdout(&buf),
        Err(_) => Exit::Fatal,
    }
}

/// `factbrief schema`: the JSON Schema of a fact file, as committed in
/// docs/fact-file.schema.json.
pub fn schema() -> Exit {
    write_stdout(crate::report::fact_file_schema().as_bytes())
}

fn write_stdout(bytes: &[u8]) -> Exit {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|_| out.flush()) {
        Ok(()) => Exit::Ok,
        Err(_) => Exit::Fatal,
    }
}
