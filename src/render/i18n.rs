//! Localisation: the interface strings of every page, in Chinese and
//! English, from Fluent catalogues (`templates/i18n/zh.ftl`, `en.ftl`).
//!
//! Fluent does the grammar: English plurals (`1 claim` / `3 claims`) are
//! selected in the catalogue, not in code or templates. Numbers passed as
//! Fluent numbers are written the way each language writes them (`200,000`
//! / `20万`) by a per-language formatter; dates go through the catalogue's
//! `date-*` patterns.
//!
//! The catalogues are compiled in and a user's `templates/i18n/<lang>.ftl`
//! replaces one file by file, like every other template. A message missing
//! from one language falls back to the other and is reported once as a
//! build warning; a message missing from both shows its key.

use super::format::{self, Ymd};
use crate::diagnostic::Diagnostic;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use intl_memoizer::concurrent::IntlLangMemoizer;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::sync::Mutex;

/// The two languages of every page, in the order pages show them.
pub const LANGS: [&str; 2] = ["zh", "en"];

/// An argument for a message.
#[derive(Debug, Clone)]
pub enum Arg {
    /// Selects plurals and is written in the language's own way.
    Num(f64),
    Str(String),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Str(s.to_string())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Str(s)
    }
}
impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Num(n as f64)
    }
}
impl From<f64> for Arg {
    fn from(n: f64) -> Self {
        Arg::Num(n)
    }
}

/// Both catalogues, and a record of every fallback used.
pub struct I18n {
    zh: FluentBundle<FluentResource>,
    en: FluentBundle<FluentResource>,
    keys_zh: BTreeSet<String>,
    keys_en: BTreeSet<String>,
    /// `(lang, key)` looked up but absent from that language.
    missing: Mutex<BTreeSet<(String, String)>>,
    /// Every message that needs no argument, formatted once per language
    /// at load: pages ask for the same labels for every claim, and
    /// formatting a Fluent pattern is the expensive part of a lookup.
    plain_zh: HashMap<String, String>,
    plain_en: HashMap<String, String>,
    /// Messages with arguments, remembered by language, key and arguments
    /// (up to [`T_MEMO_MAX`]): claims repeat the same counts, chips and
    /// roles across thousands of briefings.
    memo: std::sync::RwLock<HashMap<u128, String>>,
}

impl std::fmt::Debug for I18n {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("I18n")
            .field("zh", &self.keys_zh.len())
            .field("en", &self.keys_en.len())
            .finish()
    }
}

/// More distinct calls with arguments than this are formatted but not
/// remembered.
const T_MEMO_MAX: usize = 50_000;

/// The two-letter language of a `lang` value (`zh-Hans` → `zh`).
pub fn lang_of(lang: &str) -> &'static str {
    if lang.len() >= 2 && lang.as_bytes()[..2].eq_ignore_ascii_case(b"zh") {
        "zh"
    } else {
        "en"
    }
}

fn format_zh(v: &FluentValue<'_>, _: &IntlLangMemoizer) -> Option<String> {
    match v {
        FluentValue::Number(n) => Some(format::number_zh(n.value)),
        _ => None,
    }
}

fn format_en(v: &FluentValue<'_>, _: &IntlLangMemoizer) -> Option<String> {
    match v {
        FluentValue::Number(n) => Some(format::number_en(n.value)),
        _ => None,
    }
}

impl I18n {
    /// The embedded catalogues, each replaced by the user's file of the same
    /// name under `<templates>/i18n/` when there is one.
    pub fn load(user_templates: Option<&Path>) -> Result<I18n, Diagnostic> {
        let mut texts: HashMap<&str, (String, String)> = HashMap::new();
        for lang in LANGS {
            let name = format!("i18n/{lang}.ftl");
            let embedded = super::DEFAULT_TEMPLATES
                .get_file(&name)
                .and_then(|f| f.contents_utf8())
                .unwrap_or_default()
                .to_string();
            let mut chosen = (format!("(built-in) templates/{name}"), embedded);
            if let Some(dir) = user_templates {
                let p = dir.join(&name);
                if p.is_file() {
                    let text = std::fs::read_to_string(&p).map_err(|e| {
                        Diagnostic::error(format!("cannot read the catalogue: {e}")).at_path(&p)
                    })?;
                    chosen = (p.display().to_string(), text);
                }
            }
            texts.insert(lang, chosen);
        }
        let (zh_path, zh_text) = texts.remove("zh").unwrap_or_default();
        let (en_path, en_text) = texts.remove("en").unwrap_or_default();
        let (zh, keys_zh) = bundle("zh", &zh_path, zh_text, format_zh)?;
        let (en, keys_en) = bundle("en", &en_path, en_text, format_en)?;
        let plain_zh = plain_messages(&zh, &keys_zh);
        let plain_en = plain_messages(&en, &keys_en);
        Ok(I18n {
            zh,
            en,
            keys_zh,
            keys_en,
            missing: Mutex::new(BTreeSet::new()),
            plain_zh,
            plain_en,
            memo: std::sync::RwLock::new(HashMap::new()),
        })
    }

    fn bundle_of(
        &self,
        lang: &str,
    ) -> (&FluentBundle<FluentResource>, &FluentBundle<FluentResource>) {
        if lang_of(lang) == "zh" {
            (&self.zh, &self.en)
        } else {
            (&self.en, &self.zh)
        }
    }

    /// The message `key` in `lang` with `args`; falls back to the other
    /// language (and remembers that it did), then to the key itself.
    pub fn t(&self, lang: &str, key: &str, args: &[(&str, Arg)]) -> String {
        if args.is_empty() {
            let plain = if lang_of(lang) == "zh" {
                &self.plain_zh
            } else {
                &self.plain_en
            };
            if let Some(s) = plain.get(key) {
                return s.clone();
            }
        }
        let memo_key = if args.is_empty() {
            None
        } else {
            // A 128-bit hash of everything the message depends on: cheaper
            // than formatting the arguments into a text key.
            let mut h = xxhash_rust::xxh3::Xxh3::new();
            h.update(lang_of(lang).as_bytes());
            h.update(&[0x1f]);
            h.update(key.as_bytes());
            for (name, v) in args {
                h.update(&[0x1f]);
                h.update(name.as_bytes());
                match v {
                    Arg::Num(n) => {
                        h.update(b"#");
                        h.update(&n.to_bits().to_le_bytes());
                    }
                    Arg::Str(s) => {
                        // The length keeps a value from running into the next.
                        h.update(b"=");
                        h.update(&(s.len() as u64).to_le_bytes());
                        h.update(s.as_bytes());
                    }
                }
            }
            let k = h.digest128();
            if let Some(hit) = self.memo.read().ok().and_then(|m| m.get(&k).cloned()) {
                return hit;
            }
            Some(k)
        };
        let s = self.format(lang, key, args);
        if let Some(k) = memo_key {
            if let Ok(mut m) = self.memo.write() {
                if m.len() < T_MEMO_MAX {
                    m.insert(k, s.clone());
                }
            }
        }
        s
    }

    /// Formats `key` with `args` through Fluent (no memo).
    fn format(&self, lang: &str, key: &str, args: &[(&str, Arg)]) -> String {
        let (first, other) = self.bundle_of(lang);
        let mut fa = FluentArgs::new();
        for (k, v) in args {
            match v {
                Arg::Num(n) => fa.set(*k, FluentValue::from(*n)),
                Arg::Str(s) => fa.set(*k, FluentValue::from(s.clone())),
            }
        }
        for (i, b) in [first, other].into_iter().enumerate() {
            if let Some(pattern) = b.get_message(key).and_then(|m| m.value()) {
                if i > 0 {
                    self.note_missing(lang_of(lang), key);
                }
                let mut errors = Vec::new();
                let s = b.format_pattern(pattern, Some(&fa), &mut errors);
                return s.into_owned();
            }
        }
        self.note_missing(lang_of(lang), key);
        key.to_string()
    }

    /// Shorthand for a message without arguments.
    pub fn s(&self, lang: &str, key: &str) -> String {
        self.t(lang, key, &[])
    }

    /// The message in both languages.
    pub fn both(&self, key: &str, args: &[(&str, Arg)]) -> super::views::Text {
        super::views::Text {
            zh: self.t("zh", key, args),
            en: self.t("en", key, args),
        }
    }

    /// A date in `lang`'s own form, at the precision the source gives;
    /// text that is not a date is returned as it is.
    pub fn date(&self, lang: &str, s: &str) -> String {
        let Some(Ymd { year, month, day }) = format::parse_date(s) else {
            return s.to_string();
        };
        let y = ("year", Arg::Str(year.to_string()));
        match (month, day) {
            (Some(m), Some(d)) => {
                let month = self.s(lang, &format!("month-{m}"));
                self.t(
                    lang,
                    "date-ymd",
                    &[
                        y,
                        ("month", month.into()),
                        ("m", Arg::Str(m.to_string())),
                        ("day", Arg::Str(d.to_string())),
                    ],
                )
            }
            (Some(m), None) => {
                let month = self.s(lang, &format!("month-{m}"));
                self.t(
                    lang,
                    "date-ym",
                    &[y, ("month", month.into()), ("m", Arg::Str(m.to_string()))],
                )
            }
            _ => self.t(lang, "date-y", &[y]),
        }
    }

    fn note_missing(&self, lang: &str, key: &str) {
        if let Ok(mut m) = self.missing.lock() {
            m.insert((lang.to_string(), key.to_string()));
        }
    }

    /// Every message one catalogue has and the other lacks, plus every key
    /// looked up that neither has: one warning each.
    pub fn warnings(&self) -> Vec<Diagnostic> {
        let mut set: BTreeSet<(String, String)> = BTreeSet::new();
        for k in self.keys_en.difference(&self.keys_zh) {
            set.insert(("zh".into(), k.clone()));
        }
        for k in self.keys_zh.difference(&self.keys_en) {
            set.insert(("en".into(), k.clone()));
        }
        if let Ok(m) = self.missing.lock() {
            set.extend(m.iter().cloned());
        }
        set.into_iter()
            .map(|(lang, key)| {
                let other = if lang == "zh" { "en" } else { "zh" };
                let (has_other, text) = if (other == "en" && self.keys_en.contains(&key))
                    || (other == "zh" && self.keys_zh.contains(&key))
                {
                    (true, format!("i18n: message `{key}` is missing from the {lang} catalogue; the {other} text is shown instead"))
                } else {
                    (false, format!("i18n: message `{key}` is in neither catalogue; its key is shown instead"))
                };
                Diagnostic::warning(text).with_hint(if has_other {
                    format!("add `{key} = …` to templates/i18n/{lang}.ftl")
                } else {
                    format!("add `{key} = …` to templates/i18n/zh.ftl and en.ftl")
                })
            })
            .collect()
    }
}

/// The messages of `bundle` that format without an argument (a message
/// that refers to a variable reports an error without one, and is left
/// out), by key.
fn plain_messages(
    bundle: &FluentBundle<FluentResource>,
    keys: &BTreeSet<String>,
) -> HashMap<String, String> {
    keys.iter()
        .filter_map(|key| {
            let pattern = bundle.get_message(key)?.value()?;
            let mut errors = Vec::new();
            let s = bundle.format_pattern(pattern, None, &mut errors);
            errors.is_empty().then(|| (key.clone(), s.into_owned()))
        })
        .collect()
}

type Formatter = fn(&FluentValue<'_>, &IntlLangMemoizer) -> Option<String>;

fn bundle(
    lang: &str,
    path: &str,
    text: String,
    formatter: Formatter,
) -> Result<(FluentBundle<FluentResource>, BTreeSet<String>), Diagnostic> {
    let resource = match FluentResource::try_new(text) {
        Ok(r) => r,
        Err((_, errors)) => {
            let first = &errors[0];
            return Err(Diagnostic::error(format!(
                "the {lang} catalogue does not parse: {}",
                first.kind
            ))
            .at_path(path)
            .with_hint("see https://projectfluent.org/fluent/guide/ for the syntax"));
        }
    };
    let keys: BTreeSet<String> = resource
        .entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect();
    let langid: unic_langid::LanguageIdentifier = lang.parse().unwrap_or_default();
    let mut b = FluentBundle::new_concurrent(vec![langid]);
    // Unicode isolation marks would end up inside attributes and <title>s.
    b.set_use_isolating(false);
    b.set_formatter(Some(formatter));
    b.add_resource(resource).map_err(|errors| {
        Diagnostic::error(format!(
            "the {lang} catalogue defines a message twice: {:?}",
            errors.first()
        ))
        .at_path(path)
    })?;
    Ok((b, keys))
}

/// Tera function `t(key="…", lang="zh", n=3, …)`: every argument other
/// than `key` and `lang` is passed to the message. [`I18n::t`] remembers
/// results by their arguments, which are passed in name order so that a
/// repeated call finds them whatever order Tera hands them over in.
pub struct TeraT(pub std::sync::Arc<I18n>);

impl TeraT {
    pub fn new(i18n: std::sync::Arc<I18n>) -> Self {
        TeraT(i18n)
    }
}

impl tera::Function for TeraT {
    fn call(&self, args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
        let key = args
            .get("key")
            .and_then(|v| v.as_str())
            .ok_or_else(|| tera::Error::msg("t() needs key=\"message-id\""))?;
        let lang = args.get("lang").and_then(|v| v.as_str()).unwrap_or("en");
        let mut fargs: Vec<(&str, Arg)> = Vec::new();
        for (k, v) in args {
            if k == "key" || k == "lang" {
                continue;
            }
            let a = match v {
                tera::Value::Number(n) => Arg::Num(n.as_f64().unwrap_or(0.0)),
                tera::Value::String(s) => Arg::Str(s.clone()),
                tera::Value::Null => continue,
                other => Arg::Str(other.to_string()),
            };
            fargs.push((k.as_str(), a));
        }
        fargs.sort_by(|a, b| a.0.cmp(b.0));
        Ok(tera::Value::String(self.0.t(lang, key, &fargs)))
    }

    fn is_safe(&self) -> bool {
        false
    }
}

/// Tera filter `num(lang="zh")`: 200000 → `20万` / `200,000`.
pub fn num_filter(
    v: &tera::Value,
    args: &HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    let lang = args.get("lang").and_then(|v| v.as_str()).unwrap_or("en");
    let n = match v {
        tera::Value::Number(n) => n.as_f64().unwrap_or(0.0),
        tera::Value::String(s) => s.replace(',', "").parse().unwrap_or(f64::NAN),
        _ => f64::NAN,
    };
    if n.is_nan() {
        return Ok(v.clone());
    }
    Ok(tera::Value::String(format::number(n, lang)))
}

/// Tera filter `date(lang="zh")`: `2025-04-10` → `2025年4月10日` / `10 April 2025`.
pub struct TeraDate(pub std::sync::Arc<I18n>);

impl tera::Filter for TeraDate {
    fn filter(
        &self,
        v: &tera::Value,
        args: &HashMap<String, tera::Value>,
    ) -> tera::Result<tera::Value> {
        let lang = args.get("lang").and_then(|v| v.as_str()).unwrap_or("en");
        let s = v.as_str().unwrap_or_default();
        Ok(tera::Value::String(self.0.date(lang, s)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_numbers_and_dates() {
        let i = I18n::load(None).unwrap();
        assert_eq!(i.t("en", "n-claims", &[("n", 1usize.into())]), "1 claim");
        assert_eq!(i.t("en", "n-claims", &[("n", 3usize.into())]), "3 claims");
        assert_eq!(i.t("zh", "n-claims", &[("n", 3usize.into())]), "3项说法");
        assert_eq!(i.date("zh", "2025-04-10"), "2025年4月10日");
        assert_eq!(i.date("en", "2025-04-10"), "10 April 2025");
        assert_eq!(i.date("en", "2025-02"), "February 2025");
        assert_eq!(i.date("zh", "2025-02"), "2025年2月");
        assert_eq!(
            i.t("en", "count-about", &[("n", 200000.0.into())]),
            "about 200,000"
        );
        assert_eq!(
            i.t("zh", "count-about", &[("n", 200000.0.into())]),
            "约20万"
        );
        assert!(i.warnings().is_empty(), "{:?}", i.warnings());
    }

    #[test]
    fn missing_message_falls_back_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("i18n")).unwrap();
        std::fs::write(dir.path().join("i18n/zh.ftl"), "site-title = 简报\n").unwrap();
        let i = I18n::load(Some(dir.path())).unwrap();
        assert_eq!(i.s("zh", "nav-audit"), "Audit");
        let w: Vec<String> = i.warnings().iter().map(|d| d.to_string()).collect();
        assert!(
            w.iter()
                .any(|w| w.contains("`nav-audit` is missing from the zh catalogue")),
            "{w:?}"
        );
        assert_eq!(i.s("en", "no-such-key"), "no-such-key");
        assert!(i
            .warnings()
            .iter()
            .any(|d| d.to_string().contains("no-such-key")));
    }
}
