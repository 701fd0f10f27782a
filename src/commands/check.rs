//! `factbrief check`: the audit as a table (or JSON) on stdout; exit 1 when
//! any claim has a verdict listed in `--fail-on`. What a newsroom puts in CI.

use super::{load_dataset, Exit, Reporter};
use crate::article::Limits;
use crate::cli::{CheckArgs, CheckFormat};
use crate::pipeline::Pipeline;
use crate::render::format::number_en;
use serde::Serialize;
use std::io::Write;
use unicode_width::UnicodeWidthStr;

#[derive(Serialize)]
struct Row {
    article: String,
    line: usize,
    column: usize,
    claim: String,
    text: String,
    subject: Option<String>,
    chip: String,
    count: u64,
    approx: bool,
    verdict: String,
    reference: Option<String>,
    note: String,
}

pub fn run(args: &CheckArgs, r: Reporter) -> Exit {
    let dataset = match load_dataset(&args.data, r) {
        Ok(d) => d,
        Err(e) => return e,
    };
    let mut files = Vec::new();
    for p in &args.articles {
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
    let pipeline = Pipeline::new(
        &dataset,
        Limits {
            max_bytes: args.limits.max_article_bytes,
        },
    );
    let outcome = pipeline.run(&files);
    for d in &outcome.diagnostics {
        r.emit(d);
    }
    let mut rows = Vec::new();
    let mut failed = 0;
    for p in &outcome.processed {
        for c in &p.facts.claims {
            let status = c
                .verdict
                .as_ref()
                .map(|v| v.status)
                .unwrap_or(crate::model::VerdictStatus::Unverified);
            if args.fail_on.contains(&status) {
                failed += 1;
            }
            let reference = c
                .verdict
                .as_ref()
                .and_then(|v| v.reference.as_ref())
                .map(|rf| {
                    format!(
                        "{} {} = {} {} ({})",
                        rf.entity,
                        rf.property,
                        number_en(rf.value),
                        rf.chip,
                        rf.source.title
                    )
                });
            rows.push(Row {
                article: p.facts.article.path.clone(),
                line: c.line,
                column: c.column,
                claim: c.id.clone(),
                text: c.text.clone(),
                subject: c.subject.as_ref().map(|s| s.name.clone()),
                chip: c.chip.name.clone(),
                count: c.count,
                approx: c.approx,
                verdict: status.as_str().to_string(),
                reference,
                note: c
                    .verdict
                    .as_ref()
                    .map(|v| v.note.en.clone())
                    .unwrap_or_default(),
            });
        }
    }
    let text = match args.format {
        CheckFormat::Json => serde_json::to_string_pretty(&rows).unwrap_or_default() + "\n",
        CheckFormat::Table => table(&rows),
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
        "checked {} claims in {} articles; {} failing ({})",
        rows.len(),
        outcome.processed.len(),
        failed,
        args.fail_on
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

fn table(rows: &[Row]) -> String {
    let head = [
        "ARTICLE:LINE",
        "CLAIM",
        "SUBJECT",
        "CHIP",
        "VERDICT",
        "REFERENCE",
    ];
    let cells: Vec<[String; 6]> = rows
        .iter()
        .map(|r| {
            [
                format!("{}:{}", r.article, r.line),
                r.text.clone(),
                r.subject.clone().unwrap_or_else(|| "—".into()),
                r.chip.clone(),
                r.verdict.clone(),
                r.reference.clone().unwrap_or_else(|| "—".into()),
            ]
        })
        .collect();
    let mut widths = head.map(|h| h.len());
    for row in &cells {
        for (w, c) in widths.iter_mut().zip(row.iter()).take(5) {
            *w = (*w).max(UnicodeWidthStr::width(c.as_str()));
        }
    }
    let mut out = String::new();
    let mut line = |cols: &[String]| {
        for (i, c) in cols.iter().enumerate() {
            out.push_str(c);
            if i + 1 < cols.len() {
                let pad = widths[i].saturating_sub(UnicodeWidthStr::width(c.as_str())) + 2;
                out.push_str(&" ".repeat(pad));
            }
        }
        out.push('\n');
    };
    line(&head.map(String::from));
    for row in &cells {
        line(row);
    }
    out
}
