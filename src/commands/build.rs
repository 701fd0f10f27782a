//! `factbrief build`: the whole pipeline, published atomically into `--out`.

use super::{load_dataset, Exit, Reporter};
use crate::article::Limits;
use crate::cli::BuildArgs;
use crate::model::VerdictStatus;
use crate::output::Staging;
use crate::pipeline::Pipeline;
use crate::render;
use std::time::Instant;

pub fn run(args: &BuildArgs, r: Reporter) -> Exit {
    let t0 = Instant::now();
    let dataset = match load_dataset(&args.data, r) {
        Ok(d) => d,
        Err(e) => return e,
    };
    r.verbose(&format!(
        "dataset: {} entities in {:.0?}",
        dataset.len(),
        t0.elapsed()
    ));
    let tera = match render::load_templates(args.templates.as_deref()) {
        Ok(t) => t,
        Err(d) => {
            r.emit(&d);
            return Exit::Fatal;
        }
    };
    let (files, walk_warnings) = match crate::source::scan(&args.articles) {
        Ok(x) => x,
        Err(d) => {
            r.emit(&d);
            return Exit::Fatal;
        }
    };
    for d in &walk_warnings {
        r.emit(d);
    }
    let t1 = Instant::now();
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
    r.verbose(&format!(
        "extract + audit: {} articles in {:.0?}",
        files.len(),
        t1.elapsed()
    ));

    let t2 = Instant::now();
    let inputs = [
        Some(args.articles.as_path()),
        args.templates.as_deref(),
        args.data.data.as_deref(),
    ];
    for input in inputs.into_iter().flatten() {
        if let Err(d) = crate::output::check_input_outside(&args.out, input) {
            r.emit(&d);
            return Exit::Fatal;
        }
    }
    let staging = match Staging::open(&args.out, args.force) {
        Ok(s) => s,
        Err(d) => {
            r.emit(&d);
            return Exit::Fatal;
        }
    };
    let site = render::Site::default();
    let pages = match render::site(
        &staging,
        &tera,
        args.templates.as_deref(),
        &site,
        &outcome.processed,
        &dataset,
    ) {
        Ok(n) => n,
        Err(d) => {
            r.emit(&d);
            r.emit(&crate::diagnostic::Diagnostic::error(
                "build failed; the previous output is unchanged",
            ));
            return Exit::Fatal;
        }
    };
    if let Err(d) = staging.publish() {
        r.emit(&d);
        return Exit::Fatal;
    }
    r.verbose(&format!(
        "render + publish: {pages} pages in {:.0?}",
        t2.elapsed()
    ));

    let claims: Vec<_> = outcome
        .processed
        .iter()
        .flat_map(|p| &p.facts.claims)
        .collect();
    let count = |v: VerdictStatus| {
        claims
            .iter()
            .filter(|c| c.verdict.as_ref().map(|x| x.status) == Some(v))
            .count()
    };
    let mut summary = format!(
        "built {} briefing{} into {}",
        outcome.processed.len(),
        if outcome.processed.len() == 1 {
            ""
        } else {
            "s"
        },
        args.out.display()
    );
    if outcome.skipped > 0 {
        summary.push_str(&format!(
            "; {} article{} skipped (above)",
            outcome.skipped,
            if outcome.skipped == 1 { "" } else { "s" }
        ));
    }
    summary.push_str(&format!(
        "; {} claims: {} supported, {} contradicted, {} misattributed, {} disputed, {} unverified ({:.2?})",
        claims.len(),
        count(VerdictStatus::Supported),
        count(VerdictStatus::Contradicted),
        count(VerdictStatus::Misattributed),
        count(VerdictStatus::Disputed),
        count(VerdictStatus::Unverified),
        t0.elapsed()
    ));
    r.info(&summary);
    Exit::Ok
}
