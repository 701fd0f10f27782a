//! The commands. Each takes its parsed arguments, does its work, prints its
//! diagnostics, and returns the exit status DESIGN.md fixes.

pub(crate) mod build;
mod check;
mod dataset;
mod extract;
mod generated;
mod import;
pub mod init;
mod progress;

use crate::cli::{Cli, Command, DataArgs, DatasetCommand};
use crate::config::Config;
use crate::dataset::Dataset;
use crate::diagnostic::Diagnostic;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

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
    /// ANSI colours in diagnostics.
    pub color: bool,
    /// Standard error is a terminal (a progress bar may be drawn).
    pub interactive: bool,
}

impl Reporter {
    pub fn from_cli(cli: &Cli) -> Self {
        let interactive = std::io::stderr().is_terminal();
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        // https://no-color.org beats everything; CLICOLOR_FORCE turns colour
        // on in a pipe (CI logs that render ANSI).
        let color = !set("NO_COLOR") && (interactive || set("CLICOLOR_FORCE"));
        Reporter {
            quiet: cli.quiet,
            verbose: cli.verbose,
            color,
            interactive,
        }
    }

    /// Prints a diagnostic on stderr (warnings are shown unless quiet… and
    /// errors always).
    pub fn emit(&self, d: &Diagnostic) {
        if self.quiet && !d.is_error() {
            return;
        }
        // Article text must not reach the terminal raw (the colour codes
        // are added by `render`, after this).
        let mut d = d.clone();
        d.message = terminal_safe(&d.message).into_owned();
        d.path = d
            .path
            .map(|p| terminal_safe(&p.display().to_string()).into_owned().into());
        d.source_line = d.source_line.map(|l| terminal_safe(&l).into_owned());
        d.hint = d.hint.map(|h| terminal_safe(&h).into_owned());
        let text = d.render(self.color);
        let mut err = std::io::stderr().lock();
        let _ = err.write_all(text.as_bytes());
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

    /// With `-v`: one stage, what it did and how long it took, aligned.
    pub fn stage(&self, name: &str, what: &str, took: Duration) {
        self.verbose(&format!("{name:>9}  {what:<32} {took:>9.1?}"));
    }
}

/// Makes text from articles (file names, source lines, front matter) safe
/// to print on a terminal: control characters (an ESC starts a terminal
/// escape sequence) and bidi controls (Trojan Source) are shown as `\u{..}`;
/// line feeds and tabs are kept.
pub fn terminal_safe(s: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| {
        (c.is_control() && c != '\n' && c != '\t') || crate::article::decode::is_bidi_control(c)
    };
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
    let config = match &cli.command {
        // These read no project files.
        Command::Completions { .. }
        | Command::Man
        | Command::Schema
        | Command::Dataset(_)
        | Command::Init { .. } => Some(Config::default()),
        Command::Build(a) => discover(&cli, a.articles.as_deref(), r),
        Command::Serve(a) => discover(&cli, a.build.articles.as_deref(), r),
        Command::Check(a) => discover(&cli, a.articles.first().map(PathBuf::as_path), r),
        Command::Extract(_) => discover(&cli, None, r),
    };
    let config = match config {
        Some(c) => c,
        None => return Exit::Fatal,
    };
    match cli.command {
        Command::Build(args) => build::run(&args, &config, r),
        Command::Serve(args) => crate::serve::run(&args, cli.config.as_deref(), config, r),
        Command::Extract(args) => extract::run(&args, &config, r),
        Command::Check(args) => check::run(&args, &config, r),
        Command::Dataset(DatasetCommand::Lint { dir }) => dataset::lint(dir.as_deref(), r),
        Command::Dataset(DatasetCommand::Import(cmd)) => import::run(&cmd, r),
        Command::Dataset(DatasetCommand::Diff { data, format }) => import::diff(&data, format, r),
        Command::Init { dir } => init::run(&dir, r),
        Command::Completions { shell } => generated::completions(shell),
        Command::Man => generated::man(),
        Command::Schema => generated::schema(),
    }
}

/// The configuration for a command over `articles`; `None` (after a
/// diagnostic) when it is unusable.
fn discover(cli: &Cli, articles: Option<&Path>, r: Reporter) -> Option<Config> {
    match Config::discover(cli.config.as_deref(), articles) {
        Ok(c) => {
            if let Some(f) = &c.file {
                r.verbose(&format!("   config  {}", f.display()));
            }
            Some(c)
        }
        Err(d) => {
            r.emit(&d);
            None
        }
    }
}

/// The dataset flags, with `paths.data` of the configuration as the default.
fn data_args(args: &DataArgs, config: &Config) -> DataArgs {
    DataArgs {
        data: args
            .data
            .clone()
            .or_else(|| config.path(&config.paths.data)),
        no_default_data: args.no_default_data,
    }
}

/// Loads the dataset the flags ask for; a broken dataset is fatal.
fn load_dataset(args: &DataArgs, r: Reporter) -> Result<Dataset, Exit> {
    if args.no_default_data && args.data.is_none() {
        r.emit(
            &Diagnostic::error("--no-default-data leaves no dataset at all")
                .with_hint("name a dataset folder with --data DIR or paths.data in factbrief.toml"),
        );
        return Err(Exit::Fatal);
    }
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
