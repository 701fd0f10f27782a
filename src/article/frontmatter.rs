//! Front matter: the YAML block between `---` fences at the top of an article.
//!
//! Known keys are typed; unknown keys are kept (newsrooms add their own) but
//! reported with a "did you mean" hint when they look like a misspelt known
//! key. YAML is parsed with serde-saphyr under a budget, so an alias bomb or
//! a deeply nested value is an error for that article, not an OOM.

use crate::diagnostic::Diagnostic;
use serde::{Deserialize, Deserializer};
use std::collections::BTreeMap;

/// The keys factbrief understands, in the order the docs list them.
pub const KNOWN_KEYS: &[&str] = &[
    "title",
    "title_en",
    "title_zh",
    "summary_en",
    "summary_zh",
    "date",
    "lang",
    "source",
    "source_url",
    "attribution",
    "author",
    "slug",
    "tags",
    "restated",
    "draft",
];

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct FrontMatter {
    #[serde(default, deserialize_with = "scalar_text")]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "scalar_text")]
    pub title_en: Option<String>,
    #[serde(default, deserialize_with = "scalar_text")]
    pub title_zh: Option<String>,
    #[serde(default, deserialize_with = "scalar_text")]
    pub summary_en: Option<String>,
    #[serde(default, deserialize_with = "scalar_text")]
    pub summary_zh: Option<String>,
    #[serde(default, deserialize_with = "scalar_text")]
    pub date: Option<String>,
    #[serde(default, deserialize_with = "scalar_text")]
    pub lang: Option<String>,
    #[serde(default, deserialize_with = "scalar_text")]
    pub source: Option<String>,
    #[serde(default, deserialize_with = "scalar_text")]
    pub source_url: Option<String>,
    #[serde(default, deserialize_with = "scalar_text")]
    pub attribution: Option<String>,
    #[serde(default, deserialize_with = "scalar_text")]
    pub author: Option<String>,
    #[serde(default, deserialize_with = "scalar_text")]
    pub slug: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub restated: Option<bool>,
    #[serde(default)]
    pub draft: Option<bool>,
    /// Keys factbrief does not know; kept so a typo can be reported.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// A text field: any YAML scalar (`2025-04-10`, `2025`, `'x'`) read as text;
/// a list or map is a type error that names the field.
fn scalar_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    struct V;
    impl<'de> serde::de::Visitor<'de> for V {
        type Value = Option<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a single text value (a string, number or date), not a list or map")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Self::Value, E> {
            Ok(Some(v))
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(V)
        }
    }
    d.deserialize_option(V)
}

/// Where the front matter sits in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML text between the fences (may be empty).
    pub yaml: &'a str,
    /// 1-based line of the first YAML line.
    pub yaml_first_line: usize,
    /// Byte offset where the Markdown body starts.
    pub body_start: usize,
}

/// Finds a leading `---` fenced block. `None` when the file has none.
pub fn split(text: &str) -> Option<Split<'_>> {
    let first_end = text.find('\n')?;
    if text[..first_end].trim_end() != "---" {
        return None;
    }
    let yaml_start = first_end + 1;
    let mut pos = yaml_start;
    while pos <= text.len() {
        let end = text[pos..]
            .find('\n')
            .map(|i| pos + i)
            .unwrap_or(text.len());
        let line = text[pos..end].trim_end();
        if line == "---" || line == "..." {
            return Some(Split {
                yaml: &text[yaml_start..pos],
                yaml_first_line: 2,
                body_start: (end + 1).min(text.len()),
            });
        }
        if end == text.len() {
            break;
        }
        pos = end + 1;
    }
    None
}

/// Budget for untrusted front matter: small documents, few aliases.
fn options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = 32;
    budget.max_nodes = 10_000;
    budget.max_aliases = 100;
    budget.max_anchors = 100;
    budget.max_documents = 1;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options
}

/// Parses the YAML of a front matter block. Errors carry the line in the
/// article file (not in the YAML snippet).
pub fn parse(yaml: &str, first_line: usize) -> Result<FrontMatter, Diagnostic> {
    if yaml.trim().is_empty() {
        return Ok(FrontMatter::default());
    }
    match serde_saphyr::from_str_with_options::<Option<FrontMatter>>(yaml, options()) {
        Ok(fm) => Ok(fm.unwrap_or_default()),
        Err(e) => {
            let mut d = Diagnostic::error(format!(
                "front matter is not valid: {}",
                first_sentence(&e.without_snippet().to_string())
            ))
            .with_hint("front matter is YAML between two `---` lines, e.g. `title: ...` and `date: 2025-04-10`");
            if let Some(loc) = e.location() {
                let line = loc.line() as usize + first_line - 1;
                d = d.at(line, loc.column() as usize);
            } else {
                d = d.at(first_line, 1);
            }
            Err(d)
        }
    }
}

fn first_sentence(s: &str) -> String {
    s.lines().next().unwrap_or(s).trim().to_string()
}

/// The closest known key to an unknown one, if it is close enough to be a typo.
pub fn suggest(key: &str) -> Option<&'static str> {
    KNOWN_KEYS
        .iter()
        .map(|k| (strsim(key, k), *k))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Levenshtein distance (keys are short; the quadratic table is fine).
fn strsim(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.to_lowercase().chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_fenced_block() {
        let s = split("---\ntitle: x\n---\nbody\n").unwrap();
        assert_eq!(s.yaml, "title: x\n");
        assert_eq!(s.body_start, 17);
        assert!(split("no front matter\n").is_none());
        assert!(split("---\ntitle: unterminated\n").is_none());
    }

    #[test]
    fn dates_and_numbers_read_as_text() {
        let fm = parse("title: t\ndate: 2025-04-10\nslug: 2024\n", 2).unwrap();
        assert_eq!(fm.date.as_deref(), Some("2025-04-10"));
        assert_eq!(fm.slug.as_deref(), Some("2024"));
    }

    #[test]
    fn wrong_type_names_the_article_line() {
        let err = parse("title: t\ndate: [1, 2]\n", 2).unwrap_err();
        assert_eq!(err.line, Some(3), "{err}");
        assert!(
            err.message.contains("date") || err.message.contains("text value"),
            "{err}"
        );
    }

    #[test]
    fn suggests_known_keys() {
        assert_eq!(suggest("dat"), Some("date"));
        assert_eq!(suggest("tittle"), Some("title"));
        assert_eq!(suggest("completely-different"), None);
    }
}
