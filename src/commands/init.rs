//! `factbrief init [DIR]`: a starter project, like `zola init`.
//!
//! Writes sample articles, a copy of the default templates, stylesheet and
//! i18n catalogues (so a newsroom can see what it may override, file by
//! file), and a commented `factbrief.toml`. It refuses a folder that is not
//! empty, so it can never overwrite anyone's work.

use super::{Exit, Reporter};
use crate::diagnostic::Diagnostic;
use crate::render::config::CONFIG_FILE;
use crate::render::DEFAULT_TEMPLATES;
use include_dir::Dir;
use std::path::{Path, PathBuf};

/// The sample articles: the seed article first, then one in English.
const SAMPLES: &[(&str, &str)] = &[
    (
        "articles/deepseek-r1-vs-grok-3.md",
        include_str!("../../articles/deepseek-r1-vs-grok-3.md"),
    ),
    (
        "articles/llama-3-1-405b-h100.md",
        include_str!("../../articles/llama-3-1-405b-h100.md"),
    ),
    (
        "articles/gpt-4-a100-zh.md",
        include_str!("../../articles/gpt-4-a100-zh.md"),
    ),
];

const CONFIG: &str = r#"# factbrief site settings. `factbrief build` reads this file from the folder
# that holds the articles folder (or from the current directory).
# Every key is optional; the values below are the defaults.

# The site's name in English and in Chinese: page header, feed title, and the
# author of the ClaimReview markup.
title = "factbrief"
title_zh = "算力核查简报"

# Where the site will be published, without a trailing slash. Feed, sitemap,
# canonical links and ClaimReview URLs are absolute and start with it.
base_url = "https://example.org"

# The organisation that publishes the fact-checks (ClaimReview `author`).
publisher = "factbrief"
"#;

const README: &str = "# A factbrief project

- `articles/`: Markdown news articles (front matter: title, title_en, title_zh,
  summary_en, summary_zh, date, source, source_url, lang).
- `templates/`: copies of the built-in templates. Delete any file you do not
  change: factbrief uses its built-in version of every file that is missing.
  `templates/i18n/zh.ftl` and `en.ftl` hold every interface string (Fluent).
- `factbrief.toml`: site title, base URL, publisher.

Build the site into `out/`:

    factbrief build articles --templates templates

Audit without building (exit 1 when a claim is contradicted or misattributed):

    factbrief check articles
";

pub fn run(dir: &Path, r: Reporter) -> Exit {
    match init(dir) {
        Ok(files) => {
            r.info(&format!(
                "created a factbrief project in {} ({} files)\nnext: cd {} && factbrief build articles --templates templates",
                dir.display(),
                files.len(),
                dir.display()
            ));
            Exit::Ok
        }
        Err(d) => {
            r.emit(&d);
            Exit::Fatal
        }
    }
}

/// Creates the project; returns the files written.
#[allow(
    clippy::result_large_err,
    reason = "Diagnostic is the crate's one error type, returned once per run"
)]
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    if let Ok(mut entries) = std::fs::read_dir(dir) {
        if entries.next().is_some() {
            return Err(
                Diagnostic::error("the folder is not empty; refusing to write into it")
                    .at_path(dir)
                    .with_hint("pass a new or empty folder: `factbrief init my-site`"),
            );
        }
    } else if dir.exists() {
        return Err(Diagnostic::error("the path exists and is not a folder").at_path(dir));
    }
    let mut files: Vec<(String, Vec<u8>)> = vec![
        (CONFIG_FILE.to_string(), CONFIG.as_bytes().to_vec()),
        ("README.md".to_string(), README.as_bytes().to_vec()),
    ];
    for (name, text) in SAMPLES {
        files.push((name.to_string(), text.as_bytes().to_vec()));
    }
    collect(&DEFAULT_TEMPLATES, &mut files);
    let mut written = Vec::new();
    for (rel, bytes) in files {
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| {
                Diagnostic::error(format!("cannot create the folder: {e}")).at_path(parent)
            })?;
        }
        std::fs::write(&path, bytes)
            .map_err(|e| Diagnostic::error(format!("cannot write: {e}")).at_path(&path))?;
        written.push(path);
    }
    Ok(written)
}

fn collect(dir: &Dir<'_>, out: &mut Vec<(String, Vec<u8>)>) {
    for f in dir.files() {
        out.push((
            format!(
                "templates/{}",
                f.path().to_string_lossy().replace('\\', "/")
            ),
            f.contents().to_vec(),
        ));
    }
    for d in dir.dirs() {
        collect(d, out);
    }
}
