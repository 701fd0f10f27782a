//! Rendering the site: fact files, pages, feed and sitemap into `out/`.
//!
//! Templates are Tera templates compiled into the binary from `templates/`;
//! a user's `--templates` folder overrides them file by file (Zola's habit).
//! This module turns fact files into plain view structs; the templates only
//! lay them out. Everything an article supplies reaches a page through
//! Tera's autoescaping or the sanitiser in [`markdown`].
#![allow(
    clippy::result_large_err,
    reason = "Diagnostic is the crate's one error type, returned once per build; boxing it is diagnostic.rs's decision"
)]

mod cards;
pub mod chart;
pub mod config;
pub mod digest;
mod escape;
pub mod format;
pub mod i18n;
pub mod markdown;
pub mod pages;
pub mod sanitize;
pub mod views;
pub mod yaml;

use crate::diagnostic::Diagnostic;
use crate::output::Staging;
use crate::pipeline::Processed;
use include_dir::{include_dir, Dir};
use std::path::Path;
use std::sync::Arc;
use tera::Tera;

pub use config::Site;

/// The default templates, stylesheet and catalogues; `factbrief init`
/// writes a copy of them.
pub static DEFAULT_TEMPLATES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/templates");

/// The loaded templates and the catalogues their `t()` calls read.
pub struct Templates {
    pub tera: Tera,
    pub i18n: Arc<i18n::I18n>,
}

/// The templates: the embedded defaults, overridden by a user's folder, with
/// the localisation function `t(key, lang, …)` and the filters
/// `num(lang)` and `date(lang)` registered.
pub fn load_templates(user: Option<&Path>) -> Result<Templates, Diagnostic> {
    let i18n = Arc::new(i18n::I18n::load(user)?);
    let mut tera = tera_from(user)?;
    tera.set_escape_fn(escape_html);
    tera.register_function("t", i18n::TeraT::new(i18n.clone()));
    tera.register_filter("num", i18n::num_filter);
    tera.register_filter("date", i18n::TeraDate(i18n.clone()));
    Ok(Templates { tera, i18n })
}

pub use escape::{escape_html, escape_into};

fn tera_from(user: Option<&Path>) -> Result<Tera, Diagnostic> {
    let mut files: Vec<(String, String)> = Vec::new();
    collect_embedded(&DEFAULT_TEMPLATES, &mut files);
    if let Some(dir) = user {
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let entry = entry.map_err(|e| {
                Diagnostic::error(format!("cannot read the templates folder: {e}")).at_path(dir)
            })?;
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            let name = rel.to_string_lossy().replace('\\', "/");
            let text = std::fs::read_to_string(entry.path()).map_err(|e| {
                Diagnostic::error(format!("cannot read template: {e}")).at_path(entry.path())
            })?;
            files.retain(|(n, _)| *n != name);
            files.push((name, text));
        }
    }
    let mut tera = Tera::default();
    let templates: Vec<(String, String)> = files
        .into_iter()
        .filter(|(n, _)| n.ends_with(".html") || n.ends_with(".xml"))
        .collect();
    tera.add_raw_templates(templates).map_err(|e| {
        Diagnostic::error(format!("template error: {}", error_chain(&e))).with_hint(
            "fix the template named above, or remove it from --templates to use the built-in one",
        )
    })?;
    Ok(tera)
}

/// The stylesheet and other static assets (embedded, overridable).
pub fn assets(user: Option<&Path>) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    if let Some(dir) = DEFAULT_TEMPLATES.get_dir("assets") {
        for f in dir.files() {
            out.push((
                f.path().to_string_lossy().into_owned(),
                f.contents().to_vec(),
            ));
        }
    }
    if let Some(user) = user {
        let dir = user.join("assets");
        for entry in walkdir::WalkDir::new(&dir)
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            if entry.file_type().is_file() {
                if let (Ok(rel), Ok(bytes)) =
                    (entry.path().strip_prefix(user), std::fs::read(entry.path()))
                {
                    let name = rel.to_string_lossy().replace('\\', "/");
                    out.retain(|(n, _)| *n != name);
                    out.push((name, bytes));
                }
            }
        }
    }
    out.sort();
    out
}

fn collect_embedded(dir: &Dir<'_>, out: &mut Vec<(String, String)>) {
    for f in dir.files() {
        if let Some(text) = f.contents_utf8() {
            out.push((
                f.path().to_string_lossy().replace('\\', "/"),
                text.to_string(),
            ));
        }
    }
    for d in dir.dirs() {
        collect_embedded(d, out);
    }
}

/// Tera hides the useful part of an error in its source chain.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cur = c.source();
    }
    s
}

/// One article's own output: its briefing page and fact file, the JSON
/// of that fact file for `facts.json`, and its digest for the site-wide
/// pages.
pub struct ArticleOutput {
    pub briefing: String,
    pub facts_yaml: String,
    pub facts_json: String,
    pub digest: digest::ArticleDigest,
}

fn render_with(tera: &Tera, name: &str, ctx: &tera::Context) -> Result<String, Diagnostic> {
    tera.render(name, ctx).map_err(|e| {
        Diagnostic::error(format!("cannot render `{name}`: {}", error_chain(&e))).with_hint(
            "check the template; built-in templates are in the factbrief repository's templates/",
        )
    })
}

/// Renders one audited article: safe to call from many threads at once.
pub fn article(
    templates: &Templates,
    site: &Site,
    p: &Processed,
    dataset: &crate::dataset::Dataset,
) -> Result<ArticleOutput, Diagnostic> {
    let slug = &p.facts.article.slug;
    let b = views::briefing(&templates.i18n, site, p, dataset);
    let mut ctx = tera::Context::new();
    ctx.insert("site", site);
    ctx.insert("root", "../");
    ctx.insert("updated", &b.updated);
    ctx.insert("b", &b);
    let briefing = render_with(&templates.tera, "briefing.html", &ctx)?;
    let facts_yaml = yaml::to_string(&p.facts)
        .map_err(|e| Diagnostic::error(format!("cannot write the fact file for `{slug}`: {e}")))?;
    let facts_json = serde_json::to_string(&p.facts)
        .map_err(|e| Diagnostic::error(format!("facts.json: {e}")))?;
    Ok(ArticleOutput {
        briefing,
        facts_yaml,
        facts_json,
        digest: digest::ArticleDigest::of(&b),
    })
}

/// Where a rendered site-wide page goes: its path and bytes in, the
/// caller's record of it out.
pub type PageSink<'s, T> = dyn Fn(&str, Vec<u8>) -> Result<T, Diagnostic> + Sync + 's;

/// A site-wide page as rendered: its path, the hash of its inputs, and
/// what `sink` returned for its bytes — `None` when the previous build
/// rendered the same inputs (the file in `out/` is already right).
pub struct SitePage<T> {
    pub path: String,
    pub inputs: u128,
    pub sunk: Option<T>,
}

/// Renders the site-wide pages (index, archive, audit, entities, feed,
/// sitemap, about) from every article's digest (newest first), in
/// parallel, skipping pages whose inputs are in `previous`. Each page's
/// bytes go to `sink` as soon as they are rendered, so the pages of a
/// large archive are never all in memory.
pub fn site_pages_incremental<T: Send>(
    templates: &Templates,
    site: &Site,
    dataset: &crate::dataset::Dataset,
    digests: &[(&digest::ArticleDigest, u128)],
    key: u128,
    previous: Option<&std::collections::BTreeMap<String, u128>>,
    sink: &PageSink<'_, T>,
) -> Result<Vec<SitePage<T>>, Diagnostic> {
    use rayon::prelude::*;
    let inputs = pages::Inputs::new(&templates.i18n, site, dataset, digests, key);
    pages::pages(&inputs)
        .into_par_iter()
        .map(|p| {
            if previous.and_then(|m| m.get(&p.path)) == Some(&p.inputs) {
                return Ok(SitePage {
                    path: p.path,
                    inputs: p.inputs,
                    sunk: None,
                });
            }
            let ctx = (p.context)();
            let html = render_with(&templates.tera, p.template, &ctx)?;
            drop(ctx);
            let sunk = sink(&p.path, html.into_bytes())?;
            Ok(SitePage {
                path: p.path,
                inputs: p.inputs,
                sunk: Some(sunk),
            })
        })
        .collect()
}

/// `facts.json`: every fact file in one JSON array, from each article's
/// JSON, in the order given.
pub fn facts_json<'a>(parts: impl Iterator<Item = &'a str>, out: &mut Vec<u8>) {
    out.push(b'[');
    for (k, part) in parts.enumerate() {
        if k > 0 {
            out.push(b',');
        }
        out.extend_from_slice(part.as_bytes());
    }
    out.extend_from_slice(b"]\n");
}

/// Renders every page and data file of the site into `staging` (one call
/// for callers that hold every processed article; `build` streams instead).
///
/// Returns the number of pages; fallbacks the catalogues needed are left in
/// `templates.i18n` for the caller to report.
pub fn site(
    staging: &Staging,
    templates: &Templates,
    templates_dir: Option<&Path>,
    site: &Site,
    processed: &[Processed],
    dataset: &crate::dataset::Dataset,
) -> Result<usize, Diagnostic> {
    let mut digests = Vec::new();
    let mut jsons = Vec::new();
    let mut pages = 0;
    for p in processed {
        let o = article(templates, site, p, dataset)?;
        let slug = &p.facts.article.slug;
        staging.write(&format!("facts/{slug}.yaml"), o.facts_yaml.as_bytes())?;
        staging.write(&format!("briefings/{slug}.html"), o.briefing.as_bytes())?;
        pages += 1;
        jsons.push(o.facts_json);
        digests.push(o.digest);
    }
    let mut json = Vec::new();
    facts_json(jsons.iter().map(String::as_str), &mut json);
    staging.write("facts.json", &json)?;
    pages::sort_newest_first(&mut digests);
    let digests: Vec<(&digest::ArticleDigest, u128)> = digests.iter().map(|d| (d, 0)).collect();
    let sink = |path: &str, bytes: Vec<u8>| staging.write(path, &bytes);
    for p in site_pages_incremental(templates, site, dataset, &digests, 0, None, &sink)? {
        if p.path.ends_with(".html") {
            pages += 1;
        }
    }
    for (name, bytes) in assets(templates_dir) {
        staging.write(&name, &bytes)?;
    }
    Ok(pages)
}
