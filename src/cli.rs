//! The command line, as DESIGN.md fixes it: `build`, `extract`, `check`,
//! `dataset lint`; plus `serve` (a preview server around `build`) and `init`. Parsed once into [`Cli`]; the commands take it from there.
//!
//! Flags that `factbrief.toml` can also set (`[paths]`, `--fail-on`) are
//! `Option`s here with no clap default, so a command can tell "not given"
//! from "given as the default" and let the file fill the gap (see
//! [`crate::config`]). The defaults they fall back to are in the help text.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "factbrief",
    version,
    about = "Audit AI-compute figures in Chinese and English news articles and publish bilingual briefings",
    long_about = "factbrief reads a folder of Markdown news articles, extracts every claimed figure about \
AI compute (how many GPUs, which chip, which model, lab or cluster), checks each against a curated, \
sourced dataset, and publishes a static site that shows, in Chinese and English, what was claimed, \
what the record says and where they differ."
)]
pub struct Cli {
    /// Print less: errors only (no warnings, summary or progress bar).
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print more: each stage with its timing.
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// The configuration file [default: factbrief.toml in the current folder, if any].
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract, audit and publish: articles in, a static site out.
    Build(BuildArgs),
    /// Print fact files (claims, quantities, entities, verdicts) for articles.
    Extract(ExtractArgs),
    /// Audit articles and print a table of claims and verdicts; exit 1 when a claim fails.
    Check(CheckArgs),
    /// Build, serve the site on 127.0.0.1, and rebuild and reload open pages when an input changes.
    #[command(
        long_about = "Build the site, serve the output folder over HTTP on 127.0.0.1 \
(only this computer can connect unless --bind names another address), and watch the articles, \
data and templates folders and factbrief.toml. A change rebuilds the site (one build at a time; \
a burst of changes is one rebuild) and reloads the pages open in a browser. A failed build keeps \
serving the previous site and prints what is wrong.

The output folder holds exactly what `factbrief build` writes: the reload script is added to \
HTML pages as they are served, never to the files. Stop with Ctrl-C."
    )]
    Serve(ServeArgs),
    /// Work with the dataset.
    #[command(subcommand)]
    Dataset(DatasetCommand),
    /// Create a starter project: sample articles, the default templates and i18n catalogues, factbrief.toml.
    Init {
        /// The folder to create (must be new or empty).
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    #[command(hide = true)]
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) on stdout.
    #[command(hide = true)]
    Man,
    /// Print the JSON Schema of the fact file (docs/fact-file.schema.json).
    #[command(hide = true)]
    Schema,
}

/// Where the record comes from.
#[derive(Debug, Clone, Args)]
pub struct DataArgs {
    /// A dataset folder that adds entities to the default dataset and overrides them by id
    /// [default: paths.data of factbrief.toml].
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Use only the --data folder, not the compiled-in dataset.
    #[arg(long)]
    pub no_default_data: bool,
}

/// How much one article may cost.
#[derive(Debug, Clone, Args)]
pub struct LimitArgs {
    /// Skip (with a diagnostic) articles larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 4 * 1024 * 1024)]
    pub max_article_bytes: u64,
}

#[derive(Debug, Clone, Args)]
pub struct BuildArgs {
    /// The articles folder [default: paths.articles of factbrief.toml, else `articles`].
    #[arg(value_name = "ARTICLES")]
    pub articles: Option<PathBuf>,
    /// The output folder [default: paths.out of factbrief.toml, else `out`].
    #[arg(long, short, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// A templates folder whose files override the built-in templates by name
    /// [default: paths.templates of factbrief.toml].
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Write into a non-empty output folder that factbrief did not create.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub limits: LimitArgs,
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub build: BuildArgs,
    /// The TCP port to listen on; 0 lets the system pick a free one [default: 1111, or the
    /// next free port up to 1120 when 1111 is taken].
    #[arg(long, short, value_name = "PORT")]
    pub port: Option<u16>,
    /// The address to listen on. Anything but a loopback address (127.0.0.1, ::1) lets
    /// other computers read the site.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    Yaml,
    Json,
}

#[derive(Debug, Clone, Args)]
pub struct ExtractArgs {
    /// Article files or folders; `-` reads one Markdown document from standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format: one YAML document per article, or one JSON array.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Yaml)]
    pub format: ExtractFormat,
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub limits: LimitArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// A column-aligned table for people.
    Table,
    /// One JSON array of claims with their verdicts.
    Json,
    /// GitHub Actions workflow commands (`::error file=…,line=…`), one per finding.
    Github,
    /// A SARIF 2.1.0 log for code-scanning tools.
    Sarif,
}

#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// The articles folder (or files) [default: paths.articles of factbrief.toml, else `articles`].
    #[arg(value_name = "ARTICLES")]
    pub articles: Vec<PathBuf>,
    /// Output format on stdout.
    #[arg(long, value_enum, default_value_t = CheckFormat::Table)]
    pub format: CheckFormat,
    /// Verdicts that make `check` exit 1, comma-separated
    /// [default: check.fail_on of factbrief.toml, else contradicted,misattributed].
    #[arg(long, value_delimiter = ',', value_name = "VERDICTS", value_parser = parse_verdict)]
    pub fail_on: Option<Vec<crate::model::VerdictStatus>>,
    #[command(flatten)]
    pub data: DataArgs,
    #[command(flatten)]
    pub limits: LimitArgs,
}

fn parse_verdict(s: &str) -> Result<crate::model::VerdictStatus, String> {
    crate::model::VerdictStatus::parse(s.trim()).ok_or_else(|| {
        format!("`{s}` is not a verdict; use supported, contradicted, misattributed, disputed or unverified")
    })
}

#[derive(Debug, Subcommand)]
pub enum DatasetCommand {
    /// Validate a dataset folder (default: the compiled-in dataset); every error with file:line:column.
    Lint {
        /// The dataset folder; without it, the compiled-in dataset is checked.
        dir: Option<PathBuf>,
    },
    /// Import a third-party table into dataset YAML (see docs/epoch.md).
    #[command(subcommand)]
    Import(ImportCommand),
    /// List where facts added by `extends:` (Epoch AI) disagree with the curated record, largest first.
    Diff {
        #[command(flatten)]
        data: DataArgs,
        /// Output as a table or JSON.
        #[arg(long, value_enum, default_value_t = DiffFormat::Table)]
        format: DiffFormat,
    },
}

/// Output formats of `dataset diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Table,
    Json,
}

/// Sources `factbrief dataset import` reads.
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Epoch AI's "Data on AI Models" CSV (and optionally its "Machine Learning Hardware" CSV).
    Epoch {
        /// The models table (all-ml-systems.csv).
        models: PathBuf,
        /// The hardware table (ml-hardware.csv): specs, vendors and release dates for chips.
        #[arg(long, value_name = "HARDWARE.csv")]
        hardware: Option<PathBuf>,
        /// Folder to write the dataset files into (created if missing).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// The curated record to match against (default: the compiled-in dataset without data/epoch/).
        #[command(flatten)]
        data: DataArgs,
    },
}
