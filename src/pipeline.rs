//! The per-article stages, shared by every command: load, describe,
//! extract, audit. One bad article is a diagnostic, never the end of a run.

use crate::article::{self, Article, Limits};
use crate::audit::{self, Tolerance};
use crate::dataset::Dataset;
use crate::diagnostic::Diagnostic;
use crate::extract::Extractor;
use crate::model::{ArticleMeta, FactFile};
use crate::slug::{self, SlugRegistry};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// An article and its audited fact file.
#[derive(Debug, Clone)]
pub struct Processed {
    pub article: Article,
    pub facts: FactFile,
}

/// What a run over many articles produced.
#[derive(Debug, Default)]
pub struct Outcome {
    pub processed: Vec<Processed>,
    /// Warnings about kept articles and errors about skipped ones, in path order.
    pub diagnostics: Vec<Diagnostic>,
    pub skipped: usize,
}

/// The stages' shared inputs, built once per run.
pub struct Pipeline<'a> {
    pub dataset: &'a Dataset,
    /// Built on first use: a build with nothing to extract (every article
    /// reused from the cache) never pays for compiling the name matcher.
    extractor: std::sync::OnceLock<Extractor>,
    pub tolerance: Tolerance,
    pub limits: Limits,
}

impl<'a> Pipeline<'a> {
    // `Tolerance` is a unit placeholder on main until the audit branch lands.
    #[allow(clippy::default_constructed_unit_structs)]
    pub fn new(dataset: &'a Dataset, limits: Limits) -> Self {
        Pipeline {
            dataset,
            extractor: std::sync::OnceLock::new(),
            tolerance: Tolerance::default(),
            limits,
        }
    }

    /// Loads, extracts and audits every file, in parallel; the result (and
    /// every diagnostic) is in path order whatever the thread count, and
    /// slugs are made unique in that order, so output is deterministic.
    pub fn run(&self, files: &[PathBuf]) -> Outcome {
        self.run_with_progress(files, &|_| {})
    }

    /// [`Pipeline::run`], calling `done` as each file is finished (from any
    /// thread, in any order): a progress bar.
    pub fn run_with_progress(&self, files: &[PathBuf], done: &(dyn Fn(&Path) + Sync)) -> Outcome {
        let loaded: Vec<Result<(Article, FactFile), article::Skip>> = files
            .par_iter()
            .map(|path| {
                let r = article::load(path, self.limits).map(|a| {
                    let facts = self.facts(&a, placeholder_meta(&a));
                    (a, facts)
                });
                done(path);
                r
            })
            .collect();
        let mut out = Outcome::default();
        let mut slugs = SlugRegistry::default();
        for r in loaded {
            match r {
                Ok((article, mut facts)) => {
                    out.diagnostics.extend(article.warnings.iter().cloned());
                    facts.article = describe(&article, &mut slugs, &mut out.diagnostics);
                    out.processed.push(Processed { article, facts });
                }
                Err(skip) => {
                    out.diagnostics.push(skip.diagnostic);
                    out.skipped += 1;
                }
            }
        }
        out
    }

    /// Extracts and audits one loaded article (for one-at-a-time callers).
    pub fn process(
        &self,
        article: Article,
        slugs: &mut SlugRegistry,
        diags: &mut Vec<Diagnostic>,
    ) -> Processed {
        diags.extend(article.warnings.iter().cloned());
        let meta = describe(&article, slugs, diags);
        let facts = self.facts(&article, meta);
        Processed { article, facts }
    }

    /// The audited fact file of one article, before its slug is known.
    pub fn facts_of(&self, article: &Article) -> FactFile {
        self.facts(article, placeholder_meta(article))
    }

    /// The audited fact file of one article.
    fn facts(&self, article: &Article, meta: ArticleMeta) -> FactFile {
        let ex = self
            .extractor
            .get_or_init(|| Extractor::new(self.dataset))
            .extract(article);
        let mut facts = FactFile {
            article: meta,
            claims: ex.claims,
            quantities: ex.quantities,
            entities: ex.entities,
            conflicts: Vec::new(),
        };
        audit::audit_article(&mut facts, self.dataset, &self.tolerance);
        facts
    }
}

/// Metadata before the slug is known (slugs are assigned in path order
/// after the parallel stage).
fn placeholder_meta(article: &Article) -> ArticleMeta {
    let mut scratch = SlugRegistry::default();
    describe(article, &mut scratch, &mut Vec::new())
}

/// The slug an article asks for (front matter, else its file name), made
/// path-safe; a warning when it had to be changed.
pub fn base_slug(article: &Article, diags: &mut Vec<Diagnostic>) -> String {
    let fm = &article.front;
    let stem = article
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    match fm.slug.as_deref() {
        Some(raw) => {
            let clean = slug::sanitize(raw);
            if clean.as_deref() != Some(raw) {
                diags.push(
                    Diagnostic::warning(format!(
                        "slug `{raw}` is not path-safe; using `{}`",
                        clean
                            .clone()
                            .or_else(|| slug::sanitize(&stem))
                            .unwrap_or_else(|| slug::fallback(raw))
                    ))
                    .at_path(&article.path)
                    .with_hint("a slug may hold lower-case letters, digits and hyphens"),
                );
            }
            clean.or_else(|| slug::sanitize(&stem))
        }
        None => slug::sanitize(&stem),
    }
    .unwrap_or_else(|| slug::fallback(fm.slug.as_deref().unwrap_or(&stem)))
}

/// The warning for an article whose slug another article already took.
pub fn slug_taken(path: &Path, base: &str, slug: &str) -> Diagnostic {
    Diagnostic::warning(format!(
        "slug `{base}` is already used by another article; this one is published as `{slug}`"
    ))
    .at_path(path)
    .with_hint("give each article a unique `slug:` in its front matter")
}

/// The article's metadata: front matter where given, derived otherwise.
pub fn describe(
    article: &Article,
    slugs: &mut SlugRegistry,
    diags: &mut Vec<Diagnostic>,
) -> ArticleMeta {
    let fm = &article.front;
    let stem = article
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let base = base_slug(article, diags);
    let (slug, renamed) = slugs.claim(&base);
    if renamed {
        diags.push(slug_taken(&article.path, &base, &slug));
    }
    let title = fm
        .title
        .clone()
        .or_else(|| article.blocks.first().map(|b| b.text.clone()))
        .unwrap_or_else(|| stem.clone());
    // File names and derived titles reach pages and fact files: no control
    // or bidi characters (front-matter fields are cleaned when parsed).
    let mut path = article.path.display().to_string();
    crate::article::frontmatter::clean_text(&mut path);
    let mut title = title;
    crate::article::frontmatter::clean_text(&mut title);
    ArticleMeta {
        slug,
        path,
        title,
        lang: fm
            .lang
            .as_deref()
            .map(normalize_lang)
            .unwrap_or_else(|| detect_lang(article.body())),
        date: fm.date.clone(),
        source: fm.source.clone(),
        source_url: fm.source_url.clone(),
        attribution: fm.attribution.clone(),
    }
}

/// `zh-CN`, `zh_Hans`, `ZH` → `zh`; `en-US` → `en`; others kept lower-cased.
pub fn normalize_lang(s: &str) -> String {
    let l = s.trim().to_ascii_lowercase();
    let primary = l.split(['-', '_']).next().unwrap_or("");
    match primary {
        "zh" | "cn" | "chs" | "cht" => "zh".to_string(),
        "" => "en".to_string(),
        p => p.to_string(),
    }
}

/// Chinese when CJK characters outnumber Latin letters, else English.
pub fn detect_lang(text: &str) -> String {
    let (mut cjk, mut latin) = (0usize, 0usize);
    for c in text.chars().take(20_000) {
        if crate::article::blocks::is_cjk(c) {
            cjk += 1;
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    // A Chinese character carries about as much as a short English word.
    if cjk > 0 && cjk * 3 >= latin {
        "zh"
    } else {
        "en"
    }
    .to_string()
}

/// A path shown to the user relative to where they ran the command.
pub fn display_path(p: &Path) -> String {
    p.display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages() {
        assert_eq!(normalize_lang("zh-CN"), "zh");
        assert_eq!(normalize_lang("EN_us"), "en");
        assert_eq!(
            detect_lang("据Counterpoint Research,Grok-3 展现了无妥协的规模扩张"),
            "zh"
        );
        assert_eq!(
            detect_lang("Meta trained Llama 3.1 405B on 16,384 H100 GPUs."),
            "en"
        );
    }
}
