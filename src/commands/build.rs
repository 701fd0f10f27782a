//! `factbrief build`: the whole pipeline, published atomically into `--out`.

use super::{data_args, load_dataset, Exit, Reporter};
use crate::article::Limits;
use crate::cli::BuildArgs;
use crate::config::Config;
use crate::output::Staging;
use crate::pipeline::Pipeline;
use crate::render;
use std::path::PathBuf;
use std::time::Instant;

pub fn run(args: &BuildArgs, config: &Config, r: Reporter) -> Exit {
    let t0 = Instant::now();
    // Flags beat factbrief.toml, which beats the defaults.
    let articles = args
        .articles
        .clone()
        .or_else(|| config.path(&config.paths.articles))
        .unwrap_or_else(|| PathBuf::from("articles"));
    let out = args
        .out
        .clone()
        .or_else(|| config.path(&config.paths.out))
        .unwrap_or_else(|| PathBuf::from("out"));
    let templates_dir = args
        .templates
        .clone()
        .or_else(|| config.path(&config.paths.templates));

    let dataset = match load_dataset(&data_args(&args.data, config), r) {
        Ok(d) => d,
        Err(e) => return e,
    };
    r.stage(
        "dataset",
        &format!("{} entities", dataset.len()),
        t0.elapsed(),
    );
    let t = Instant::now();
    let templates = match render::load_templates(templates_dir.as_deref()) {
        Ok(t) => t,
        Err(d) => {
            r.emit(&d);
            return Exit::Fatal;
        }
    };
    r.stage("templates", "loaded", t.elapsed());
    let t = Instant::now();
    let (files, walk_warnings) = match crate::source::scan(&articles) {
        Ok(x) => x,
        Err(d) => {
            r.emit(&d);
            return Exit::Fatal;
        }
    };
    for d in &walk_warnings {
        r.emit(d);
    }
    r.stage("scan", &format!("{} articles", files.len()), t.elapsed());
    let t = Instant::now();
    let mut pipeline = Pipeline::new(
        &dataset,
        Limits {
            max_bytes: args.limits.max_article_bytes,
        },
    );
    config.tolerance.apply(&mut pipeline.tolerance);

    // A build replaces everything in `out`: never when an input lives there.
    let data = data_args(&args.data, config);
    let inputs = [
        Some(articles.as_path()),
        templates_dir.as_deref(),
        data.data.as_deref(),
    ];
    for input in inputs.into_iter().flatten() {
        if let Err(d) = crate::output::check_input_outside(&out, input) {
            r.emit(&d);
            return Exit::Fatal;
        }
    }
    let staging = match Staging::open(&out, args.force) {
        Ok(s) => s,
        Err(d) => {
            r.emit(&d);
            return Exit::Fatal;
        }
    };
    let site = config.site();
    // Everything besides the articles that the output depends on; the
    // binary (and so the embedded data and templates) is added by the build.
    let mut key = format!(
        "{}\n{:?}\n{}\n{}\n",
        serde_json::to_string(&site).unwrap_or_default(),
        pipeline.tolerance,
        args.limits.max_article_bytes,
        data.no_default_data,
    )
    .into_bytes();
    for dir in [data.data.as_deref(), templates_dir.as_deref()]
        .into_iter()
        .flatten()
    {
        key.extend_from_slice(dir.display().to_string().as_bytes());
        for e in walkdir::WalkDir::new(dir)
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            if e.file_type().is_file() {
                key.extend_from_slice(e.path().display().to_string().as_bytes());
                key.extend_from_slice(&std::fs::read(e.path()).unwrap_or_default());
            }
        }
    }
    let progress = super::progress::Progress::new(files.len(), r);
    let result = crate::build::build(
        &files,
        &crate::build::Inputs {
            pipeline: &pipeline,
            templates: &templates,
            templates_dir: templates_dir.as_deref(),
            site: &site,
            key_material: &key,
        },
        staging,
        &|p| progress.done(p),
    );
    progress.finish();
    let report = match result {
        Ok(rep) => rep,
        Err(d) => {
            r.emit(&d);
            r.emit(&crate::diagnostic::Diagnostic::error(
                "build failed; the previous output is unchanged",
            ));
            return Exit::Fatal;
        }
    };
    for d in &report.diagnostics {
        r.emit(d);
    }
    // A message missing from one catalogue fell back to the other language.
    for d in templates.i18n.warnings() {
        r.emit(&d);
    }
    r.stage(
        "build",
        &format!(
            "{} articles processed, {} reused; {} files written, {} deleted",
            report.processed,
            report.built - report.processed,
            report.written,
            report.deleted
        ),
        t.elapsed(),
    );
    r.stage("total", "", t0.elapsed());
    let mut summary =
        crate::report::build_summary(report.built, &out, report.skipped, &report.tally);
    if report.unchanged {
        summary.push_str(" (nothing changed)");
    }
    r.info(&summary);
    Exit::Ok
}
