//! `factbrief check`: the audit as a table, JSON, GitHub annotations or
//! SARIF on stdout; exit 1 when any claim has a verdict listed in
//! `--fail-on`. What a newsroom puts in CI. The formats are in
//! [`crate::report`].

use super::{data_args, load_dataset, Exit, Reporter};
use crate::article::Limits;
use crate::cli::{CheckArgs, CheckFormat};
use crate::config::Config;
use crate::model::VerdictStatus;
use crate::pipeline::Pipeline;
use crate::report;
use std::io::Write;
use std::path::PathBuf;

/// The verdicts that fail a check when neither `--fail-on` nor the
/// configuration says otherwise.
pub const DEFAULT_FAIL_ON: [VerdictStatus; 2] =
    [VerdictStatus::Contradicted, VerdictStatus::Misattributed];

pub fn run(args: &CheckArgs, config: &Config, r: Reporter) -> Exit {
    let dataset = match load_dataset(&data_args(&args.data, config), r) {
        Ok(d) => d,
        Err(e) => return e,
    };
    let fail_on: Vec<VerdictStatus> = args
        .fail_on
        .clone()
        .or_else(|| config.check.fail_on.clone())
        .unwrap_or_else(|| DEFAULT_FAIL_ON.to_vec());
    let articles: Vec<PathBuf> = if args.articles.is_empty() {
        vec![config
            .path(&config.paths.articles)
            .unwrap_or_else(|| PathBuf::from("articles"))]
    } else {
        args.articles.clone()
    };
    let mut files = Vec::new();
    for p in &articles {
        match crate::source::scan(p) {
            Ok((f, w)) => {
                files.extend(f);
                w.iter().for_each(|d| r.emit(d));
            }
            Err(d) => {
                r.emit(&d);
                return Exit::Fatal;
            }
        }
    }
    let mut pipeline = Pipeline::new(
        &dataset,
        Limits {
            max_bytes: args.limits.max_article_bytes,
        },
    );
    config.tolerance.apply(&mut pipeline.tolerance);
    let outcome = pipeline.run(&files);
    for d in &outcome.diagnostics {
        r.emit(d);
    }
    let facts: Vec<_> = outcome.processed.iter().map(|p| p.facts.clone()).collect();
    let rows = report::rows(&facts, &fail_on);
    let failed = rows.iter().filter(|row| row.fails).count();
    let text = match args.format {
        CheckFormat::Table => report::table(&rows),
        CheckFormat::Json => report::json(&rows),
        CheckFormat::Github => report::github(&rows),
        CheckFormat::Sarif => {
            serde_json::to_string_pretty(&report::sarif(&rows)).unwrap_or_default() + "\n"
        }
    };
    let mut out = std::io::stdout().lock();
    if out
        .write_all(text.as_bytes())
        .and_then(|_| out.flush())
        .is_err()
    {
        return Exit::Fatal;
    }
    r.info(&format!(
        "checked {} claim{} in {} article{}; {} failing ({})",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" },
        outcome.processed.len(),
        if outcome.processed.len() == 1 {
            ""
        } else {
            "s"
        },
        failed,
        fail_on
            .iter()
            .map(|v| v.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    ));
    if failed > 0 {
        Exit::Failed
    } else {
        Exit::Ok
    }
}
