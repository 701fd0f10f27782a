//! `factbrief.toml`: a project's settings, so a newsroom types `factbrief
//! build` and gets its own site, not a string of flags.
//!
//! The file is named with `--config PATH`, or found where `factbrief init`
//! puts it: beside the articles folder named on the command line, else in
//! the current folder (the rule of [`crate::render::Site::find`]). Every key
//! is optional; a flag on the command line beats the file, and the file
//! beats the built-in default. Relative paths in the file are relative to
//! the file's folder, so `factbrief --config site/factbrief.toml build`
//! works from anywhere.
//!
//! The site's keys sit at the top level, as `init` writes them (and as in
//! Zola's `config.toml`); everything else is in a table.
//!
//! A key factbrief does not know is an error, not a silent no-op: a typo in
//! `fail_on` would otherwise let a wrong figure through CI. The error names
//! the file, line and column, lists the keys that are allowed there and
//! suggests the nearest one.
//!
//! ```toml
//! title = "Compute check"
//! title_zh = "算力核查"
//! base_url = "https://factcheck.example.org"
//! publisher = "Example Newsroom"
//! languages = ["zh", "en"]
//!
//! [paths]
//! articles = "articles"
//! out = "out"
//! data = "data"            # adds to / overrides the built-in dataset
//! templates = "templates"  # overrides built-in templates by file name
//!
//! [check]
//! fail_on = ["contradicted", "misattributed"]
//!
//! [tolerance]
//! max_relative = 0.10
//! round_zeros = 2
//! ratio_factor = 1.5
//! ```

use crate::diagnostic::{did_you_mean, edit_distance, Diagnostic};
use crate::model::VerdictStatus;
use crate::span::LineIndex;
use serde::{Deserialize, Deserializer};
use std::path::{Path, PathBuf};

/// The file looked for in the current folder when `--config` is not given.
pub const FILE_NAME: &str = "factbrief.toml";

/// The whole file. Every section and key is optional.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// The site's name in English (header, feed, ClaimReview author).
    pub title: Option<String>,
    /// The site's name in Chinese.
    pub title_zh: Option<String>,
    /// Absolute URL the site is served from; feed and sitemap links use it.
    pub base_url: Option<String>,
    /// The fact-checking organisation named as ClaimReview author.
    pub publisher: Option<String>,
    /// Languages of the briefings, in display order (`zh`, `en`).
    pub languages: Option<Vec<String>>,
    /// Past this many rows a listing is split into one page per month.
    pub list_limit: Option<usize>,
    /// How many of the newest briefings the Atom feed carries.
    pub feed_limit: Option<usize>,
    pub paths: PathsConfig,
    pub check: CheckConfig,
    pub tolerance: ToleranceConfig,
    /// The folder relative paths are resolved against (the file's folder).
    #[serde(skip)]
    pub root: PathBuf,
    /// Where the configuration was read from; `None` when there was no file.
    #[serde(skip)]
    pub file: Option<PathBuf>,
}

/// `[paths]`: where the project's inputs and output are.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PathsConfig {
    pub articles: Option<PathBuf>,
    pub out: Option<PathBuf>,
    pub data: Option<PathBuf>,
    pub templates: Option<PathBuf>,
}

/// `[check]`: what makes `factbrief check` fail.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CheckConfig {
    /// Default for `--fail-on`.
    #[serde(deserialize_with = "verdicts")]
    pub fail_on: Option<Vec<VerdictStatus>>,
}

/// `[tolerance]`: overrides of the audit's tolerances, as plain values.
///
/// The audit owns the meaning ([`crate::audit::Tolerance`]); this side only
/// reads and stores the numbers, and [`ToleranceConfig::apply`] is the one
/// place they are handed over.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ToleranceConfig {
    /// Largest relative difference a hedged or round figure may have (0.10).
    pub max_relative: Option<f64>,
    /// Trailing zeros that make an unhedged figure round (2: "2,000" is round).
    pub round_zeros: Option<u32>,
    /// Factor a ratio claim ("百倍", "10x") may be off by (1.5).
    pub ratio_factor: Option<f64>,
}

impl ToleranceConfig {
    /// Hands the overrides to the audit; keys left out keep its defaults.
    pub fn apply(&self, t: &mut crate::audit::Tolerance) {
        if let Some(v) = self.max_relative {
            t.max_relative = v;
        }
        if let Some(v) = self.round_zeros {
            t.round_zeros = v;
        }
        if let Some(v) = self.ratio_factor {
            t.ratio_factor = v;
        }
    }

    fn check(&self) -> Result<(), String> {
        if let Some(v) = self.max_relative {
            if !(0.0..1.0).contains(&v) {
                return Err(format!(
                    "tolerance.max_relative is {v}; it must be at least 0 and below 1 (0.10 is 10%)"
                ));
            }
        }
        if let Some(v) = self.ratio_factor {
            if !v.is_finite() || v < 1.0 {
                return Err(format!(
                    "tolerance.ratio_factor is {v}; it must be 1 or more (1.5 accepts 67x-150x for 100x)"
                ));
            }
        }
        Ok(())
    }
}

/// `fail_on = ["contradicted", ...]` with the verdict names DESIGN.md uses.
fn verdicts<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<VerdictStatus>>, D::Error> {
    let names: Option<Vec<String>> = Option::deserialize(d)?;
    names
        .map(|names| {
            names
                .iter()
                .map(|n| {
                    VerdictStatus::parse(n.trim()).ok_or_else(|| {
                        serde::de::Error::custom(format!(
                            "`{n}` is not a verdict; use supported, contradicted, misattributed, disputed or unverified"
                        ))
                    })
                })
                .collect()
        })
        .transpose()
}

/// The keys allowed in each table, for the "unknown key" error.
const SECTIONS: &[(&str, &[&str])] = &[
    (
        "",
        &[
            "title",
            "title_zh",
            "base_url",
            "publisher",
            "languages",
            "list_limit",
            "feed_limit",
            "paths",
            "check",
            "tolerance",
        ],
    ),
    ("paths", &["articles", "out", "data", "templates"]),
    ("check", &["fail_on"]),
    (
        "tolerance",
        &["max_relative", "round_zeros", "ratio_factor"],
    ),
];

impl Config {
    /// Reads `--config PATH`; without it, `factbrief.toml` beside the
    /// articles folder named on the command line (if any), else in the
    /// current folder. No file is not an error (every setting has a
    /// default); a named file that is missing is.
    pub fn discover(
        explicit: Option<&Path>,
        articles: Option<&Path>,
    ) -> Result<Config, Diagnostic> {
        if let Some(path) = explicit {
            return Config::load(path);
        }
        let found = match articles {
            Some(a) => crate::render::Site::find(a),
            None => Some(PathBuf::from(FILE_NAME)).filter(|p| p.is_file()),
        };
        match found {
            Some(path) => Config::load(&path),
            None => Ok(Config::default()),
        }
    }

    /// Reads and checks one configuration file.
    pub fn load(path: &Path) -> Result<Config, Diagnostic> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Diagnostic::error(format!("cannot read the configuration file: {e}"))
                .at_path(path)
                .with_hint("pass an existing file with --config, or leave it out to use factbrief.toml in this folder")
        })?;
        let mut config = Config::parse(&text).map_err(|d| d.at_path(path))?;
        config.root = path.parent().map(Path::to_path_buf).unwrap_or_default();
        config.file = Some(path.to_path_buf());
        Ok(config)
    }

    /// Parses the text of a configuration file. Errors carry line, column
    /// and the source line, not the path (the caller adds it).
    pub fn parse(text: &str) -> Result<Config, Diagnostic> {
        let config: Config = toml::from_str(text).map_err(|e| toml_error(text, &e))?;
        if let Err(msg) = config.tolerance.check() {
            return Err(Diagnostic::error(msg).with_hint("remove the key to use the default"));
        }
        if let Some(langs) = &config.languages {
            if let Some(bad) = langs.iter().find(|l| !matches!(l.as_str(), "zh" | "en")) {
                let d = Diagnostic::error(format!(
                    "languages holds `{bad}`; factbrief publishes `zh` and `en`"
                ))
                .with_hint("use languages = [\"zh\", \"en\"] (the order is the display order)");
                return Err(locate(text, bad, d));
            }
        }
        if let Some(url) = &config.base_url {
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                let d =
                    Diagnostic::error(format!("base_url `{url}` is not an absolute http(s) URL"))
                        .with_hint("e.g. base_url = \"https://factcheck.example.org\"");
                return Err(locate(text, url, d));
            }
        }
        Ok(config)
    }

    /// A path from the file, resolved against the file's folder.
    pub fn path(&self, p: &Option<PathBuf>) -> Option<PathBuf> {
        p.as_ref().map(|p| {
            if p.is_absolute() || self.root.as_os_str().is_empty() {
                p.clone()
            } else {
                self.root.join(p)
            }
        })
    }

    /// The site settings the renderer sees: the file's, else the defaults.
    pub fn site(&self) -> crate::render::Site {
        let mut site = crate::render::Site::default();
        let set = |field: &mut String, value: &Option<String>| {
            if let Some(v) = value {
                *field = v.clone();
            }
        };
        set(&mut site.title, &self.title);
        set(&mut site.title_zh, &self.title_zh);
        set(&mut site.publisher, &self.publisher);
        if let Some(u) = &self.base_url {
            site.base_url = u.trim_end_matches('/').to_string();
        }
        if let Some(n) = self.list_limit {
            site.list_limit = n.max(1);
        }
        if let Some(n) = self.feed_limit {
            site.feed_limit = n;
        }
        site
    }
}

/// Points a validation error at the first place `needle` is written.
fn locate(text: &str, needle: &str, d: Diagnostic) -> Diagnostic {
    match text.find(needle) {
        Some(off) => at_span(text, off..off + needle.len(), d),
        None => d,
    }
}

fn at_span(text: &str, span: std::ops::Range<usize>, d: Diagnostic) -> Diagnostic {
    let idx = LineIndex::new(text);
    let (line, col) = idx.location(text, span.start);
    let src = idx.line_text(text, line);
    let chars = text
        .get(span.clone())
        .map(|s| s.lines().next().unwrap_or("").chars().count())
        .unwrap_or(1);
    d.at(line, col).with_source_line(src, chars)
}

/// A toml error as a diagnostic; an unknown key gets the list of known ones
/// and a did-you-mean.
fn toml_error(text: &str, e: &toml::de::Error) -> Diagnostic {
    let msg = e.message().trim();
    let span = e.span();
    let mut d = match unknown_field(msg) {
        Some(key) => {
            // The table is the one whose keys serde lists as expected (this
            // also holds for dotted keys and inline tables); failing that,
            // the last `[header]` above the key.
            let expected = expected_fields(msg);
            let (table, known) = SECTIONS
                .iter()
                .find(|(_, keys)| !expected.is_empty() && keys.iter().eq(expected.iter()))
                .map(|(name, keys)| (name.to_string(), *keys))
                .unwrap_or_else(|| {
                    let table = span
                        .as_ref()
                        .map(|s| table_of(text, s.start))
                        .unwrap_or_default();
                    let keys = SECTIONS
                        .iter()
                        .find(|(name, _)| *name == table)
                        .map(|(_, keys)| *keys)
                        .unwrap_or(&[]);
                    (table, keys)
                });
            let place = if table.is_empty() {
                "at the top level".to_string()
            } else {
                format!("in [{table}]")
            };
            let list = known
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ");
            // The nearest key here, or else a key of another table written
            // in the wrong place (`fail_on` at the top level belongs in [check]).
            let here = did_you_mean(&key, known);
            let elsewhere = SECTIONS
                .iter()
                .filter(|(name, _)| !name.is_empty() && *name != table)
                .filter_map(|(name, keys)| did_you_mean(&key, keys).map(|k| (*name, k)))
                .min_by_key(|(_, k)| edit_distance(&key, k));
            let better_elsewhere = match (here, elsewhere) {
                (Some(h), Some((_, e))) => edit_distance(&key, e) < edit_distance(&key, h),
                (None, Some(_)) => true,
                _ => false,
            };
            let hint = match (here, elsewhere) {
                (_, Some((section, k))) if better_elsewhere => {
                    format!("did you mean `{k}` in [{section}]? known keys {place}: {list}")
                }
                (Some(k), _) => format!("did you mean `{k}`? known keys {place}: {list}"),
                _ => format!("known keys {place}: {list}"),
            };
            Diagnostic::error(format!("unknown key `{key}` {place}")).with_hint(hint)
        }
        None => Diagnostic::error(format!(
            "invalid configuration: {}",
            msg.lines().next().unwrap_or(msg)
        ))
        .with_hint("see docs/usage.md, section \"Configuration file\""),
    };
    if let Some(span) = span {
        d = at_span(text, span, d);
    }
    d
}

/// `unknown field `x`, expected ...` → `x`.
fn unknown_field(msg: &str) -> Option<String> {
    let rest = msg.strip_prefix("unknown field `")?;
    Some(rest[..rest.find('`')?].to_string())
}

/// `..., expected one of `a`, `b`` → `[a, b]` (serde's unknown-field text).
fn expected_fields(msg: &str) -> Vec<&str> {
    let Some(at) = msg.find("expected") else {
        return Vec::new();
    };
    msg[at..].split('`').skip(1).step_by(2).collect()
}

/// The `[table]` a byte offset lies in (`""` before any header). Enough for
/// the flat, one-level file factbrief reads.
fn table_of(text: &str, offset: usize) -> String {
    let mut table = String::new();
    for line in text[..offset.min(text.len())].lines() {
        let t = line.trim();
        if t.starts_with('[') && !t.starts_with("[[") {
            if let Some(end) = t.find(']') {
                table = t[1..end].trim().to_string();
            }
        }
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_file() {
        let c = Config::parse(
            "title = \"T\"\nbase_url = \"https://x.org/\"\n[paths]\narticles = \"news\"\n\
             [check]\nfail_on = [\"disputed\"]\n[tolerance]\nmax_relative = 0.2\n",
        )
        .unwrap();
        assert_eq!(c.paths.articles.as_deref(), Some(Path::new("news")));
        assert_eq!(c.check.fail_on, Some(vec![VerdictStatus::Disputed]));
        assert_eq!(c.tolerance.max_relative, Some(0.2));
        assert_eq!(c.site().base_url, "https://x.org");
    }

    #[test]
    fn unknown_key_names_line_known_keys_and_suggestion() {
        let d = Config::parse("[paths]\narticles = \"a\"\noutt = \"o\"\n").unwrap_err();
        assert_eq!((d.line, d.column), (Some(3), Some(1)), "{d}");
        assert_eq!(d.message, "unknown key `outt` in [paths]");
        assert_eq!(
            d.hint.as_deref(),
            Some(
                "did you mean `out`? known keys in [paths]: `articles`, `out`, `data`, `templates`"
            )
        );
        let d = Config::parse("title = \"T\"\nbase_ulr = \"https://x.org\"\n").unwrap_err();
        assert_eq!(d.message, "unknown key `base_ulr` at the top level");
        assert!(d.hint.unwrap().starts_with(
            "did you mean `base_url`? known keys at the top level: `title`, `title_zh`, "
        ));
    }

    #[test]
    fn a_key_in_the_wrong_table_is_pointed_to_its_table() {
        let d = Config::parse("fail_onn = [\"disputed\"]\n").unwrap_err();
        assert!(d
            .hint
            .unwrap()
            .starts_with("did you mean `fail_on` in [check]? known keys at the top level: "),);
        let d = Config::parse("check.fail_no = []\n").unwrap_err();
        assert_eq!(d.message, "unknown key `fail_no` in [check]", "{d}");
        let d = Config::parse("[chek]\n").unwrap_err();
        assert_eq!((d.line, d.column), (Some(1), Some(2)), "{d}");
        assert!(d.hint.unwrap().starts_with("did you mean `check`?"));
    }

    #[test]
    fn the_file_init_writes_is_read() {
        let c = Config::parse(
            "# comment\ntitle = \"Desk\"\ntitle_zh = \"核查台\"\nbase_url = \"https://desk.example/\"\npublisher = \"Desk\"\n",
        )
        .unwrap();
        let site = c.site();
        assert_eq!(
            (
                site.title.as_str(),
                site.title_zh.as_str(),
                site.base_url.as_str(),
                site.publisher.as_str()
            ),
            ("Desk", "核查台", "https://desk.example", "Desk")
        );
    }

    #[test]
    fn tolerance_overrides_reach_the_audit() {
        let c = Config::parse("[tolerance]\nmax_relative = 0.2\nround_zeros = 3\n").unwrap();
        let mut t = crate::audit::Tolerance::default();
        let ratio = t.ratio_factor;
        c.tolerance.apply(&mut t);
        assert_eq!(
            (t.max_relative, t.round_zeros, t.ratio_factor),
            (0.2, 3, ratio)
        );
    }

    #[test]
    fn bad_values() {
        assert!(Config::parse("[check]\nfail_on = [\"wrong\"]\n").is_err());
        assert!(Config::parse("[tolerance]\nmax_relative = 3.0\n").is_err());
        let d = Config::parse("title = \"T\"\nlanguages = [\"zh\", \"fr\"]\n").unwrap_err();
        assert_eq!((d.line, d.column), (Some(2), Some(21)), "{d}");
    }
}
