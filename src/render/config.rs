//! `factbrief.toml`: the site's settings (title, base URL, publisher).
//!
//! `build` looks for it next to the articles folder (in the folder that
//! holds `articles/`), then in the current directory; without one the
//! defaults below apply. Unknown keys are an error that names them, so a
//! typo does not silently fall back to a default.

use crate::diagnostic::Diagnostic;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Site-wide settings the templates see as `site`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Site {
    /// The site's name in both languages (header, feed, JSON-LD author).
    pub title: String,
    pub title_zh: String,
    /// Absolute base URL for feed, sitemap and JSON-LD links (no trailing slash).
    pub base_url: String,
    /// The fact-checking organisation named as ClaimReview author.
    pub publisher: String,
    #[serde(skip_deserializing)]
    pub version: String,
    /// Past this many rows a listing (index, audit, an entity's claims) is
    /// split into one page per month.
    pub list_limit: usize,
    /// How many of the newest briefings the Atom feed carries.
    pub feed_limit: usize,
}

impl Default for Site {
    fn default() -> Self {
        Site {
            title: "factbrief".into(),
            title_zh: "算力核查简报".into(),
            base_url: "https://example.org".into(),
            publisher: "factbrief".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            list_limit: 1000,
            feed_limit: 50,
        }
    }
}

/// The file name `build` looks for and `init` writes.
pub const CONFIG_FILE: &str = "factbrief.toml";

impl Site {
    /// Where the config for `articles` would be, if there is one.
    pub fn find(articles: &Path) -> Option<PathBuf> {
        let beside = articles
            .parent()
            .map(|p| {
                if p.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    p
                }
            })
            .map(|p| p.join(CONFIG_FILE));
        beside
            .into_iter()
            .chain(std::iter::once(PathBuf::from(CONFIG_FILE)))
            .find(|p| p.is_file())
    }

    /// The settings for a build of `articles`: its config file, or defaults.
    pub fn load(articles: &Path) -> Result<Site, Diagnostic> {
        match Site::find(articles) {
            Some(p) => Site::from_file(&p),
            None => Ok(Site::default()),
        }
    }

    pub fn from_file(path: &Path) -> Result<Site, Diagnostic> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Diagnostic::error(format!("cannot read the config: {e}")).at_path(path))?;
        let mut site: Site = toml::from_str(&text).map_err(|e| {
            let mut d = Diagnostic::error(format!("the config is not valid: {}", e.message()))
                .at_path(path);
            if let Some(span) = e.span() {
                let before = &text[..span.start.min(text.len())];
                let line = before.matches('\n').count() + 1;
                let col = before
                    .rsplit('\n')
                    .next()
                    .map(|l| l.chars().count())
                    .unwrap_or(0)
                    + 1;
                d = d.at(line, col);
            }
            d.with_hint("keys: title, title_zh, base_url, publisher")
        })?;
        site.base_url = site.base_url.trim_end_matches('/').to_string();
        site.version = env!("CARGO_PKG_VERSION").into();
        Ok(site)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_config_and_rejects_unknown_keys() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(CONFIG_FILE);
        std::fs::write(&p, "title = \"Desk\"\nbase_url = \"https://x.test/\"\n").unwrap();
        let s = Site::from_file(&p).unwrap();
        assert_eq!(s.title, "Desk");
        assert_eq!(s.base_url, "https://x.test");
        assert_eq!(s.title_zh, Site::default().title_zh);
        std::fs::write(&p, "titel = \"Desk\"\n").unwrap();
        let e = Site::from_file(&p).unwrap_err().to_string();
        assert!(e.contains("titel"), "{e}");
        assert!(Site::find(&dir.path().join("articles")).is_some());
    }
}
