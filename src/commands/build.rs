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
use crate::dataset::Dataset;
use crate::output::Staging;
use crate::pipeline::Pipeline;
use crate::render;
use std::path::{Path, PathBuf};
use std::sync::Arc;
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

/// What one build in a process leaves for the next (`factbrief serve`):
/// the decoded cache, and the dataset and templates, each kept while the
/// files it was loaded from are byte for byte the same.
#[derive(Default)]
pub struct Warm {
    cache: crate::build::Warm,
    dataset: Option<(u128, Arc<Dataset>)>,
    templates: Option<(u128, Arc<render::Templates>)>,
}

/// Every file under `dir`, by path and contents, in name order: part of
/// the cache key, and what decides whether a kept dataset or template set
/// is still current.
fn dir_material(dir: Option<&Path>) -> Vec<u8> {
    let mut m = Vec::new();
    let Some(dir) = dir else { return m };
    m.extend_from_slice(dir.display().to_string().as_bytes());
    for e in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        if e.file_type().is_file() {
            m.extend_from_slice(e.path().display().to_string().as_bytes());
            m.extend_from_slice(&std::fs::read(e.path()).unwrap_or_default());
        }
    }
    m
}

/// [`build`], keeping in `warm` what the next build in this process can
/// reuse: `factbrief serve` then neither reads the cache back from disk
/// nor reloads an unchanged dataset or template set after every change.
pub fn build_warm(
    args: &BuildArgs,
    config: &Config,
    r: Reporter,
    warm: Option<&mut Warm>,
) -> Result<Built, Exit> {
    let t0 = Instant::now();
    let BuildPaths {
        articles,
        out,
        templates: templates_dir,
        data: data_dir,
    } = BuildPaths::resolve(args, config);
    let mut no_warm = Warm::default();
    let keep = warm.is_some();
    let warm = warm.unwrap_or(&mut no_warm);

    let data = data_args(&args.data, config);
    let data_material = dir_material(data.data.as_deref());
    let templates_material = dir_material(templates_dir.as_deref());
    let data_id = {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        h.update(&data_material);
        h.update(&[u8::from(data.no_default_data)]);
        h.digest128()
    };
    let templates_id = xxhash_rust::xxh3::xxh3_128(&templates_material);

    let (dataset, kept) = match warm.dataset.take() {
        Some((id, ds)) if id == data_id => (ds, true),
        _ => (Arc::new(load_dataset(&data, r)?), false),
    };
    r.stage(
        "dataset",
        &format!(
            "{} entities{}",
            dataset.len(),
            if kept { " (unchanged, kept)" } else { "" }
        ),
        t0.elapsed(),
    );
    let t = Instant::now();
    let (templates, kept) = match warm.templates.take() {
        Some((id, t)) if id == templates_id => (t, true),
        _ => match render::load_templates(templates_dir.as_deref()) {
            Ok(t) => (Arc::new(t), false),
            Err(d) => {
                r.emit(&d);
                return Err(Exit::Fatal);
            }
        },
    };
    r.stage(
        "templates",
        if kept { "unchanged, kept" } else { "loaded" },
        t.elapsed(),
    );
    if keep {
        warm.dataset = Some((data_id, dataset.clone()));
        warm.templates = Some((templates_id, templates.clone()));
    }
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
    key.extend_from_slice(&data_material);
    key.extend_from_slice(&templates_material);
    drop((data_material, templates_material));
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
        keep.then_some(&mut warm.cache),
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
