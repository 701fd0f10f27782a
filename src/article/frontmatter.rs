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
    #[serde(default, deserialize_with = "text_list")]
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

/// A list of text values; a single string is a one-item list. A number,
/// map or nested list is a type error that names the field.
fn text_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    struct L;
    impl<'de> serde::de::Visitor<'de> for L {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a list of text values, e.g. `[ai, gpu]`")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(vec![v.to_string()])
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(L)
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Self::Value, A::Error> {
            #[derive(Deserialize)]
            struct Item(#[serde(deserialize_with = "scalar_text")] Option<String>);
            let mut v = Vec::new();
            while let Some(Item(t)) = seq.next_element()? {
                v.extend(t);
            }
            Ok(v)
        }
    }
    d.deserialize_option(L)
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

/// Front matter larger than this is refused (the YAML budget bounds the
/// parse; this bounds what a title or summary can amplify into pages).
pub const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;

/// Finds a leading `---` fenced block, after optional blank lines. `Ok(None)`
/// when the file has none; an error when the opening fence is never closed
/// (the YAML would otherwise be published as Markdown).
pub fn split(text: &str) -> Result<Option<Split<'_>>, Diagnostic> {
    let mut pos = 0;
    let mut line_no = 1;
    // Skip blank lines before the opening fence.
    loop {
        let end = text[pos..].find('\n').map(|i| pos + i);
        let line = &text[pos..end.unwrap_or(text.len())];
        if !line.trim().is_empty() {
            break;
        }
        match end {
            Some(e) => {
                pos = e + 1;
                line_no += 1;
            }
            None => return Ok(None),
        }
    }
    let Some(first_end) = text[pos..].find('\n').map(|i| pos + i) else {
        return Ok(None);
    };
    if text[pos..first_end].trim_end() != "---" {
        return Ok(None);
    }
    let open_line = line_no;
    let yaml_start = first_end + 1;
    let mut pos = yaml_start;
    while pos <= text.len() {
        let end = text[pos..]
            .find('\n')
            .map(|i| pos + i)
            .unwrap_or(text.len());
        let line = text[pos..end].trim_end();
        if line == "---" || line == "..." {
            if pos - yaml_start > MAX_FRONT_MATTER_BYTES {
                return Err(Diagnostic::error(format!(
                    "front matter is {} bytes, over the limit of {MAX_FRONT_MATTER_BYTES}; skipped",
                    pos - yaml_start
                ))
                .at(open_line, 1)
                .with_hint("front matter holds a title, a date and a few short fields"));
            }
            return Ok(Some(Split {
                yaml: &text[yaml_start..pos],
                yaml_first_line: open_line + 1,
                body_start: (end + 1).min(text.len()),
            }));
        }
        if end == text.len() {
            break;
        }
        pos = end + 1;
    }
    Err(
        Diagnostic::error("front matter is not closed: no `---` line ends it; skipped")
            .at(open_line, 1)
            .with_hint("end the front matter with a line holding only `---`"),
    )
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
                strip_yaml_position(&first_sentence(&e.without_snippet().to_string()))
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

/// Parses the front matter and cleans every text field for output: control
/// and bidi characters removed, `source_url` kept only when it is an
/// absolute http(s) URL with no quote, bracket or space, `date` only when
/// it is a date, `lang` only when it is a language tag. Each change is a
/// warning (its line is the field's, where known).
pub fn parse_checked(
    yaml: &str,
    first_line: usize,
) -> Result<(FrontMatter, Vec<Diagnostic>), Diagnostic> {
    let mut fm = parse(yaml, first_line).map_err(|d| name_field(d, yaml, first_line))?;
    let mut notes = Vec::new();
    let line_of = |key: &str| {
        yaml.lines()
            .position(|l| l.starts_with(key) && l[key.len()..].trim_start().starts_with(':'))
            .map(|i| i + first_line)
    };
    let mut note = |key: &str, msg: String| {
        let mut d = Diagnostic::warning(format!("front matter `{key}`: {msg}"));
        if let Some(l) = line_of(key) {
            d = d.at(l, 1);
        }
        notes.push(d);
    };
    for (key, field) in [
        ("title", &mut fm.title),
        ("title_en", &mut fm.title_en),
        ("title_zh", &mut fm.title_zh),
        ("summary_en", &mut fm.summary_en),
        ("summary_zh", &mut fm.summary_zh),
        ("date", &mut fm.date),
        ("lang", &mut fm.lang),
        ("source", &mut fm.source),
        ("source_url", &mut fm.source_url),
        ("attribution", &mut fm.attribution),
        ("author", &mut fm.author),
        ("slug", &mut fm.slug),
    ] {
        if let Some(v) = field.as_mut() {
            if clean_text(v) {
                note(
                    key,
                    "control or bidi characters removed (they can disguise text)".into(),
                );
            }
            if v.is_empty() {
                *field = None;
            }
        }
    }
    for t in &mut fm.tags {
        clean_text(t);
    }
    fm.tags.retain(|t| !t.is_empty());
    if let Some(u) = fm.source_url.take() {
        if safe_url(&u) {
            fm.source_url = Some(u);
        } else {
            note(
                "source_url",
                format!(
                    "`{}` is not an absolute http(s) URL; the link is dropped",
                    shorten(&u)
                ),
            );
        }
    }
    if let Some(d) = fm.date.take() {
        if is_date(&d) {
            fm.date = Some(d);
        } else {
            note(
                "date",
                format!("`{}` is not a date (YYYY-MM-DD); ignored", shorten(&d)),
            );
        }
    }
    if let Some(l) = fm.lang.take() {
        if is_lang_tag(&l) {
            fm.lang = Some(l);
        } else {
            note(
                "lang",
                format!(
                    "`{}` is not a language tag (zh, en, zh-CN); ignored",
                    shorten(&l)
                ),
            );
        }
    }
    Ok((fm, notes))
}

/// Adds the field's name to a type error when serde did not say it: the
/// key on the error's line (or the nearest top-level key above it).
fn name_field(mut d: Diagnostic, yaml: &str, first_line: usize) -> Diagnostic {
    let lines: Vec<&str> = yaml.lines().collect();
    // YAML forbids tabs in indentation; the scanner notices only later, so
    // point at the first line indented with a tab.
    if d.message.contains("tab") {
        if let Some(i) = lines
            .iter()
            .position(|l| l.trim_start_matches(' ').starts_with('\t'))
        {
            d.line = Some(i + first_line);
            d.column = Some(l_col(lines[i]));
            d.message = "front matter is not valid: a tab is used for indentation (YAML allows only spaces)".into();
            return d;
        }
    }
    let Some(line) = d.line else { return d };
    let idx = line
        .saturating_sub(first_line)
        .min(lines.len().saturating_sub(1));
    let key = lines[..=idx.min(lines.len().saturating_sub(1))]
        .iter()
        .rev()
        .filter(|l| !l.starts_with([' ', '\t', '-', '#']))
        .find_map(|l| {
            l.split_once(':')
                .map(|(k, _)| k.trim().trim_matches(['"', '\'']))
        })
        .filter(|k| !k.is_empty() && k.len() <= 40);
    if let Some(key) = key {
        if !d.message.contains(&format!("`{key}`")) {
            d.message = d.message.replacen(
                "front matter is not valid: ",
                &format!("front matter is not valid: field `{key}`: "),
                1,
            );
        }
    }
    d
}

fn l_col(line: &str) -> usize {
    line.chars().take_while(|&c| c == ' ').count() + 1
}

/// serde-saphyr ends messages with the position in the YAML snippet
/// (`at line 2, column 1`); the diagnostic shows the file's position instead.
fn strip_yaml_position(msg: &str) -> String {
    let msg = msg.replace(", set DuplicateKeyPolicy in Options if acceptable", "");
    match msg.rfind(" at line ") {
        Some(i) if msg[i..].contains("column") => msg[..i].to_string(),
        _ => msg.to_string(),
    }
}

fn shorten(s: &str) -> String {
    let mut t: String = s.chars().take(60).collect();
    if t.len() < s.len() {
        t.push('…');
    }
    t
}

/// Removes control characters (newlines and tabs become spaces), bidi
/// controls, zero-width no-break spaces and non-characters; trims. Returns
/// whether anything but whitespace was removed.
pub fn clean_text(s: &mut String) -> bool {
    let mut changed = false;
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c == '\n' || c == '\t' || c == '\r' {
            out.push(' ');
        } else if super::decode::is_junk_control(c)
            || super::decode::is_bidi_control(c)
            || c == '\u{FEFF}'
        {
            changed = true;
        } else {
            out.push(c);
        }
    }
    let trimmed = out.trim();
    if trimmed.len() != s.len() || changed {
        *s = trimmed.to_string();
    }
    changed
}

/// An absolute `http:`/`https:` URL without characters that could end an
/// attribute or hide a scheme (quotes, brackets, backslash, whitespace,
/// controls, or their percent-encodings).
pub fn safe_url(u: &str) -> bool {
    let lower = u.to_ascii_lowercase();
    let scheme_ok = (lower.starts_with("https://") || lower.starts_with("http://"))
        && lower
            .split("://")
            .nth(1)
            .is_some_and(|r| !r.is_empty() && !r.starts_with('/'));
    let chars_ok = u
        .chars()
        .all(|c| !c.is_whitespace() && !c.is_control() && !"\"'<>`\\{}|^".contains(c));
    let enc_ok = !["%22", "%27", "%3c", "%3e", "%60", "%00"]
        .iter()
        .any(|e| lower.contains(e));
    scheme_ok && chars_ok && enc_ok
}

/// `YYYY-MM-DD`, optionally followed by a time (`T12:00:00Z`, ` 12:00`),
/// or `YYYY-MM` / `YYYY`.
pub fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    // Month or year precision (`2025-02`, `2025`) is a date too.
    if b.len() == 4 {
        return b.iter().all(u8::is_ascii_digit);
    }
    if b.len() == 7 {
        return b[..4].iter().all(u8::is_ascii_digit)
            && b[4] == b'-'
            && b[5..].iter().all(u8::is_ascii_digit)
            && (1..=12).contains(&((b[5] - b'0') * 10 + (b[6] - b'0')));
    }
    if b.len() < 10 || b.len() > 35 {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10)) {
        return false;
    }
    let month = (b[5] - b'0') * 10 + (b[6] - b'0');
    let day = (b[8] - b'0') * 10 + (b[9] - b'0');
    (1..=12).contains(&month)
        && (1..=31).contains(&day)
        && s[10..]
            .chars()
            .all(|c| c.is_ascii_digit() || " T:.+-Z".contains(c))
}

/// A BCP 47-shaped tag: letters, then `-`/`_` separated alphanumerics.
pub fn is_lang_tag(s: &str) -> bool {
    let mut parts = s.split(['-', '_']);
    let first = parts.next().unwrap_or("");
    (2..=8).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
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
        let s = split("---\ntitle: x\n---\nbody\n").unwrap().unwrap();
        assert_eq!(s.yaml, "title: x\n");
        assert_eq!(s.body_start, 17);
        assert!(split("no front matter\n").unwrap().is_none());
        assert!(split("---\ntitle: unterminated\n").is_err());
        let s = split("\n\n---\ntitle: x\n---\n").unwrap().unwrap();
        assert_eq!(s.yaml_first_line, 4);
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
    fn fields_are_cleaned_for_output() {
        let (fm, notes) = parse_checked(
            "title: \"a\\u202Eb\\u0000c\"\nsource_url: \"javascript:alert(1)\"\ndate: \"<b>\"\nlang: \"en\\\" onload=x\"\n",
            2,
        )
        .unwrap();
        assert_eq!(fm.title.as_deref(), Some("abc"));
        assert_eq!((fm.source_url, fm.date, fm.lang), (None, None, None));
        assert_eq!(notes.len(), 4, "{notes:?}");
        assert_eq!(notes[1].line, Some(3));
    }

    #[test]
    fn urls() {
        assert!(safe_url("https://example.com/a_(b)?q=1#x"));
        for bad in [
            "javascript:alert(1)",
            "JAVASCRIPT:x",
            " javascript:x",
            "data:text/html,x",
            "//evil.example",
            "https://x/\"onmouseover=alert(1)",
            "https://x/%22%3E%3Cscript%3E",
            "https:///x",
            "http://a b",
        ] {
            assert!(!safe_url(bad), "{bad}");
        }
    }

    #[test]
    fn wrong_types_name_their_field() {
        for (yaml, key, line) in [
            ("title:\n  a: 1\n", "title", 2),
            ("title: t\ntags: 5\n", "tags", 3),
            ("title: t\nsource: [a]\n", "source", 3),
            ("title: t\ndraft: maybe\n", "draft", 3),
        ] {
            let e = parse_checked(yaml, 2).unwrap_err();
            assert!(e.message.contains(key), "{yaml}: {e}");
            assert!(
                e.line.is_some_and(|l| l == line || l == line + 1),
                "{yaml}: {e}"
            );
        }
        let e = parse_checked("title: t\n\tdate: 2025-01-01\n", 2).unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
        assert!(e.message.contains("tab"), "{e}");
        let (fm, _) = parse_checked("tags: ai\n", 2).unwrap();
        assert_eq!(fm.tags, ["ai"]);
    }

    #[test]
    fn suggests_known_keys() {
        assert_eq!(suggest("dat"), Some("date"));
        assert_eq!(suggest("tittle"), Some("title"));
        assert_eq!(suggest("completely-different"), None);
    }
}
