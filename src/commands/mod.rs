//! The commands. Each takes its parsed arguments, does its work, prints its
//! diagnostics, and returns the exit status DESIGN.md fixes.

mod build;
mod check;
mod dataset;
mod extract;

use crate::cli::{Cli, Command, DataArgs, DatasetCommand};
use crate::dataset::Dataset;
use crate::diagnostic::Diagnostic;
use std::io::IsTerminal;

/// Exit statuses: 0 success, 1 a check failed, 2 fatal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Ok = 0,
    Failed = 1,
    Fatal = 2,
}

/// How chatty to be, and where diagnostics go.
#[derive(Debug, Clone, Copy)]
pub struct Reporter {
    pub quiet: bool,
    pub verbose: bool,
    pub color: bool,
}

impl Reporter {
    pub fn from_cli(cli: &Cli) -> Self {
        let color = std::io::stderr().is_terminal()
            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        Reporter {
            quiet: cli.quiet,
            verbose: cli.verbose,
            color,
        }
    }

    /// Prints a diagnostic on stderr (warnings are shown unless quiet… and
    /// errors always).
    pub fn emit(&self, d: &Diagnostic) {
        if self.quiet && !d.is_error() {
            return;
        }
        let text = terminal_safe(&d.to_string()).into_owned();
        if self.color {
            let (code, word) = if d.is_error() {
                ("31", "error")
            } else {
                ("33", "warning")
            };
            let text = text.replacen(word, &format!("\x1b[1;{code}m{word}\x1b[0m"), 1);
            eprint!("{text}");
        } else {
            eprint!("{text}");
        }
    }

    pub fn info(&self, msg: &str) {
        if !self.quiet {
            eprintln!("{}", terminal_safe(msg));
        }
    }

    pub fn verbose(&self, msg: &str) {
        if self.verbose {
            eprintln!("{msg}");
        }
    }
}

/// Makes text from articles (file names, source lines, front matter) safe
/// to print on a terminal: control characters (an ESC starts a terminal
/// escape sequence) and bidi controls (Trojan Source) are shown as `\u{..}`;
/// line feeds are kept.
pub fn terminal_safe(s: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| (c.is_control() && c != '\n') || crate::article::decode::is_bidi_control(c);
    if !s.chars().any(bad) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut o = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if bad(c) {
            o.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            o.push(c);
        }
    }
    std::borrow::Cow::Owned(o)
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Exit {
    let r = Reporter::from_cli(&cli);
    match cli.command {
        Command::Build(args) => build::run(&args, r),
        Command::Extract(args) => extract::run(&args, r),
        Command::Check(args) => check::run(&args, r),
        Command::Dataset(DatasetCommand::Lint { dir }) => dataset::lint(dir.as_deref(), r),
    }
}

/// Loads the dataset the flags ask for; a broken dataset is fatal.
fn load_dataset(args: &DataArgs, r: Reporter) -> Result<Dataset, Exit> {
    Dataset::load(args.data.as_deref(), args.no_default_data).map_err(|errors| {
        for d in &errors {
            r.emit(d);
        }
        r.emit(
            &Diagnostic::error("the dataset is not usable; nothing was built")
                .with_hint("run `factbrief dataset lint DIR` to see every problem"),
        );
        Exit::Fatal
    })
}
