//! The command line, as DESIGN.md fixes it: `build`, `extract`, `check`,
//! `dataset lint`. Parsed once into [`Cli`]; the commands take it from there.

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
    /// Print less: warnings only.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print more: each stage with its timing.
    #[arg(short, long, global = true)]
    pub verbose: bool,
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
    /// Work with the dataset.
    #[command(subcommand)]
    Dataset(DatasetCommand),
}

/// Where the record comes from.
#[derive(Debug, Clone, Args)]
pub struct DataArgs {
    /// A dataset folder that adds entities to the default dataset and overrides them by id.
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Use only the --data folder, not the compiled-in dataset.
    #[arg(long, requires = "data")]
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
    /// The articles folder.
    #[arg(default_value = "articles")]
    pub articles: PathBuf,
    /// The output folder.
    #[arg(long, short, default_value = "out", value_name = "DIR")]
    pub out: PathBuf,
    /// A templates folder whose files override the built-in templates by name.
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
    Table,
    Json,
}

#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// The articles folder (or files).
    #[arg(default_value = "articles")]
    pub articles: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = CheckFormat::Table)]
    pub format: CheckFormat,
    /// Verdicts that make `check` exit 1, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "contradicted,misattributed", value_parser = parse_verdict)]
    pub fail_on: Vec<crate::model::VerdictStatus>,
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
        #[arg(long, value_enum, default_value_t = CheckFormat::Table)]
        format: CheckFormat,
    },
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
