//! Rendering the site: fact files, pages, feed and sitemap into `out/`.
//!
//! Templates are Tera templates compiled into the binary from `templates/`;
//! a user's `--templates` folder overrides them file by file (Zola's habit).
//! This module turns fact files into plain view structs; the templates only
//! lay them out. Everything an article supplies reaches a page through
//! Tera's autoescaping or the sanitiser in [`markdown`].

pub mod chart;
pub mod format;
pub mod markdown;
pub mod sanitize;
pub mod views;

use crate::diagnostic::Diagnostic;
use crate::output::Staging;
use crate::pipeline::Processed;
use include_dir::{include_dir, Dir};
use std::path::Path;
use tera::Tera;

static DEFAULT_TEMPLATES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/templates");

/// The templates: the embedded defaults, overridden by a user's folder.
pub fn load_templates(user: Option<&Path>) -> Result<Tera, Diagnostic> {
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

/// Site-wide settings the templates see.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Site {
    pub title: String,
    /// Absolute base URL for feed and sitemap links (no trailing slash).
    pub base_url: String,
    pub version: String,
}

impl Default for Site {
    fn default() -> Self {
        Site {
            title: "factbrief".into(),
            base_url: "https://example.org".into(),
            version: env!("CARGO_PKG_VERSION").into(),
        }
    }
}

/// Renders every page and data file of the site into `staging`.
pub fn site(
    staging: &Staging,
    tera: &Tera,
    templates_dir: Option<&Path>,
    site: &Site,
    processed: &[Processed],
    dataset: &crate::dataset::Dataset,
) -> Result<usize, Diagnostic> {
    let view = views::SiteView::build(site, processed, dataset);
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
    staging.write("feed.xml", render("feed.xml", &ctx)?.as_bytes())?;
    ctx.insert("entities", &view.entities);
    staging.write("sitemap.xml", render("sitemap.xml", &ctx)?.as_bytes())?;
    for (name, bytes) in assets(templates_dir) {
        staging.write(&name, &bytes)?;
    }
    Ok(pages)
}
