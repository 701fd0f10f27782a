//! `factbrief build`: the whole pipeline, published atomically into `--out`.
//!
//! [`build`] is the pipeline itself and prints only diagnostics and stage
//! timings; [`run`] adds the summary line and maps the outcome to an exit
//! status. `factbrief serve` calls [`build_warm`] once per change, so
//! whatever makes a build faster makes the preview faster too.

use super::{data_args, load_dataset, Exit, Reporter};
use crate::article::Limits;
use crate::cli::BuildArgs;
use crate::config::Config;
use crate::output::Staging;
use crate::pipeline::Pipeline;
use crate::render;
use std::path::PathBuf;
use std::time::Instant;

/// The folders one build reads and writes: flags beat factbrief.toml,
/// which beats the defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildPaths {
    pub articles: PathBuf,
    pub out: PathBuf,
    pub templates: Option<PathBuf>,
    /// The user's dataset folder, if any (`--data`, else `paths.data`).
    pub data: Option<PathBuf>,
}

impl BuildPaths {
    pub fn resolve(args: &BuildArgs, config: &Config) -> Self {
        BuildPaths {
            articles: args
                .articles
                .clone()
                .or_else(|| config.path(&config.paths.articles))
                .unwrap_or_else(|| PathBuf::from("articles")),
            out: args
                .out
                .clone()
                .or_else(|| config.path(&config.paths.out))
                .unwrap_or_else(|| PathBuf::from("out")),
            templates: args
                .templates
                .clone()
                .or_else(|| config.path(&config.paths.templates)),
            data: data_args(&args.data, config).data,
        }
    }
}

/// What a published build did.
#[derive(Debug, Clone)]
pub struct Built {
    /// The summary line `run` prints ("built 7 briefings into out; ...").
    pub summary: String,
}

/// `factbrief build`: builds, prints the summary, returns the exit status.
pub fn run(args: &BuildArgs, config: &Config, r: Reporter) -> Exit {
    match build(args, config, r) {
        Ok(built) => {
            r.info(&built.summary);
            Exit::Ok
        }
        Err(exit) => exit,
    }
}

/// One whole build into the output folder. Diagnostics (and, with `-v`,
/// stage timings) are printed as they come; on failure they have been
/// printed, the previous output is untouched, and the error is the exit
/// status to return.
pub fn build(args: &BuildArgs, config: &Config, r: Reporter) -> Result<Built, Exit> {
    build_warm(args, config, r, None)
}

/// [`build`], keeping what the next build in this process can reuse in
/// `warm` (the decoded cache: `factbrief serve` does not read it back from
/// disk after every change).
pub fn build_warm(
    args: &BuildArgs,
    config: &Config,
    r: Reporter,
    warm: Option<&mut crate::build::Warm>,
) -> Result<Built, Exit> {
    let t0 = Instant::now();
    let BuildPaths {
        articles,
        out,
        templates: templates_dir,
        data: data_dir,
    } = BuildPaths::resolve(args, config);

    let dataset = load_dataset(&data_args(&args.data, config), r)?;
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
            return Err(Exit::Fatal);
        }
    };
    r.stage("templates", "loaded", t.elapsed());
    let t = Instant::now();
    let (files, walk_warnings) = match crate::source::scan(&articles) {
        Ok(x) => x,
        Err(d) => {
            r.emit(&d);
            return Err(Exit::Fatal);
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
        data_dir.as_deref(),
    ];
    for input in inputs.into_iter().flatten() {
        if let Err(d) = crate::output::check_input_outside(&out, input) {
            r.emit(&d);
            return Err(Exit::Fatal);
        }
    }
    let staging = match Staging::open(&out, args.force) {
        Ok(s) => s,
        Err(d) => {
            r.emit(&d);
            return Err(Exit::Fatal);
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
        warm,
    );
    progress.finish();
    let report = match result {
        Ok(rep) => rep,
        Err(d) => {
            r.emit(&d);
            r.emit(&crate::diagnostic::Diagnostic::error(
                "build failed; the previous output is unchanged",
            ));
            return Err(Exit::Fatal);
        }
    };
    for d in &report.diagnostics {
        r.emit(d);
    }
    for (name, took) in &report.steps {
        r.stage(&format!("  {name}"), "", *took);
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
    Ok(Built { summary })
}
