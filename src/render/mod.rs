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

pub mod chart;
pub mod config;
pub mod format;
pub mod i18n;
pub mod markdown;
pub mod sanitize;
pub mod views;

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
    tera.register_function("t", i18n::TeraT(i18n.clone()));
    tera.register_filter("num", i18n::num_filter);
    tera.register_filter("date", i18n::TeraDate(i18n.clone()));
    Ok(Templates { tera, i18n })
}

/// Tera's default escaper also writes `/` as `&#x2F;`, which turns every URL
/// in the feed and sitemap into noise. These five are all that text and
/// double-quoted attributes need.
pub fn escape_html(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

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
fn assets(user: Option<&Path>) -> Vec<(String, Vec<u8>)> {
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

/// Renders every page and data file of the site into `staging`.
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
    let tera = &templates.tera;
    let view = views::SiteView::build(&templates.i18n, site, processed, dataset);
    let render = |name: &str, ctx: &tera::Context| -> Result<String, Diagnostic> {
        tera.render(name, ctx).map_err(|e| {
            Diagnostic::error(format!("cannot render `{name}`: {}", error_chain(&e)))
                .with_hint("check the template; built-in templates are in the factbrief repository's templates/")
        })
    };
    let mut pages = 0;
    let base = |root: &str| {
        let mut ctx = tera::Context::new();
        ctx.insert("site", site);
        ctx.insert("root", root);
        ctx.insert("updated", &view.index.updated);
        ctx
    };

    for p in processed {
        let slug = &p.facts.article.slug;
        let yaml = serde_saphyr::to_string(&p.facts).map_err(|e| {
            Diagnostic::error(format!("cannot write the fact file for `{slug}`: {e}"))
        })?;
        staging.write(&format!("facts/{slug}.yaml"), yaml.as_bytes())?;
    }
    let all: Vec<&crate::model::FactFile> = processed.iter().map(|p| &p.facts).collect();
    let json = serde_json::to_string_pretty(&all)
        .map_err(|e| Diagnostic::error(format!("facts.json: {e}")))?;
    staging.write("facts.json", json.as_bytes())?;

    let mut ctx = base("");
    ctx.insert("index", &view.index);
    staging.write("index.html", render("index.html", &ctx)?.as_bytes())?;
    pages += 1;

    let mut ctx = base("");
    ctx.insert("audit", &view.audit);
    staging.write("audit.html", render("audit.html", &ctx)?.as_bytes())?;
    pages += 1;

    // What the site is and where its record comes from (Epoch AI's credit).
    let mut ctx = base("");
    ctx.insert(
        "about",
        &serde_json::json!({
            "entries": dataset.models.len() + dataset.clusters.len(),
            "chips": dataset.chips.len(),
        }),
    );
    staging.write("about.html", render("about.html", &ctx)?.as_bytes())?;
    pages += 1;

    for b in &view.briefings {
        let mut ctx = base("../");
        ctx.insert("b", b);
        staging.write(
            &format!("briefings/{}.html", b.slug),
            render("briefing.html", &ctx)?.as_bytes(),
        )?;
        pages += 1;
    }
    for e in &view.entities {
        let mut ctx = base("../");
        ctx.insert("e", e);
        staging.write(
            &format!("entities/{}.html", e.file),
            render("entity.html", &ctx)?.as_bytes(),
        )?;
        pages += 1;
    }
    let mut ctx = base("");
    ctx.insert("index", &view.index);
    ctx.insert("briefings", &view.briefings);
    staging.write("feed.xml", render("feed.xml", &ctx)?.as_bytes())?;
    ctx.insert("entities", &view.entities);
    staging.write("sitemap.xml", render("sitemap.xml", &ctx)?.as_bytes())?;
    for (name, bytes) in assets(templates_dir) {
        staging.write(&name, &bytes)?;
    }
    Ok(pages)
}
