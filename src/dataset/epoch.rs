//! Import of Epoch AI's "Data on AI Models" table (and, optionally, its
//! "Machine Learning Hardware" table) into dataset YAML.
//!
//! Every model row becomes an entity (or, when the curated record already
//! has that model, an `extends:` item that adds Epoch's facts beside the
//! curated ones). Hardware names map to the record's chip ids; a name that
//! maps to no chip becomes a new chip flagged with `review:`. Organisations
//! map to existing ids by name and alias, else become new organisations.
//! docs/epoch.md documents every mapping rule.
//!
//! Problems are reported one per row and column (`file:line:field`), and the
//! rest is imported; a missing required column is fatal.

use super::lint::normalise_name;
use super::{Aliases, Chip, Dataset, Entity, Entry, EntryKind, Extension, Fact, FactValue};
use super::{Organisation, Property, Source, Status};
use crate::diagnostic::Diagnostic;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The credit every file derived from the models table carries.
pub const MODELS_CREDIT: &str =
    "Epoch AI, 'Data on AI Models' (https://epoch.ai/data/ai-models), CC BY 4.0";
/// The credit for the hardware table.
pub const HARDWARE_CREDIT: &str = "Epoch AI, 'Machine Learning Hardware' (https://epoch.ai/data/machine-learning-hardware), CC BY 4.0";

const SOURCE_TITLE: &str = "Epoch AI, 'Data on AI Models'";
const SOURCE_URL: &str = "https://epoch.ai/data/ai-models";
const HW_SOURCE_TITLE: &str = "Epoch AI, 'Machine Learning Hardware'";
const HW_SOURCE_URL: &str = "https://epoch.ai/data/machine-learning-hardware";
const PUBLISHER: &str = "Epoch AI";

/// Columns of the models table. The first three are required.
const REQUIRED_MODEL_COLUMNS: &[&str] = &["Model", "Organization", "Publication date"];
const EXPECTED_MODEL_COLUMNS: &[&str] = &[
    "Link",
    "Parameters",
    "Parameters notes",
    "Training compute (FLOP)",
    "Training compute notes",
    "Training time (hours)",
    "Training time notes",
    "Training hardware",
    "Hardware quantity",
    "Training chip-hours",
    "Confidence",
    "Base model",
    "Last modified",
    "Country (of organization)",
    "Organization categorization",
];
const REQUIRED_HW_COLUMNS: &[&str] = &["Hardware name"];
const EXPECTED_HW_COLUMNS: &[&str] = &[
    "Manufacturer",
    "Type",
    "Release date",
    "Tensor-FP16/BF16 performance (FLOP/s)",
    "FP8 performance (FLOP/s)",
    "Memory size per board (Byte)",
    "Memory bandwidth (byte/s)",
    "Link to datasheet",
    "ML hardware",
];

/// Words that never become recognition names on their own: common English
/// words and generic machine-learning terms that Epoch uses as model names.
/// (Single plain words are not recognised anyway; see [`recognisable`].)
const STOP_WORDS: &[&str] = &[
    "bert",
    "gpt",
    "gan",
    "lstm",
    "rnn",
    "cnn",
    "vae",
    "mlp",
    "transformer",
    "attention",
    "resnet",
    "alexnet",
    "vgg",
    "unet",
    "u-net",
    "seq2seq",
    "word2vec",
    "glove",
    "elmo",
    "dqn",
    "a3c",
    "ppo",
    "t5",
    "xlnet",
    "model",
    "network",
    "agent",
    "system",
    "base",
    "large",
    "small",
    "medium",
    "mini",
    "pro",
    "ultra",
    "flash",
    "turbo",
    "chat",
    "instruct",
    "code",
    "vision",
    "image",
    "video",
    "speech",
    "audio",
    "music",
    "text",
    "language",
    "deep",
    "neural",
    "machine",
    "learning",
    "data",
    "open",
    "one",
    "two",
    "three",
    "four",
    "five",
    "nova",
    "pi",
    "phi",
    "r1",
    "o1",
    "o3",
    "gemini",
    "claude",
    "llama",
    "grok",
    "qwen",
];

/// How an Epoch organisation name maps when its own name is not in the
/// record (documented in docs/epoch.md).
const ORG_SYNONYMS: &[(&str, &str)] = &[
    ("Facebook AI Research", "meta"),
    ("Facebook AI", "meta"),
    ("Facebook", "meta"),
    ("Meta AI", "meta"),
    ("Meta", "meta"),
    ("DeepMind", "google-deepmind"),
    ("Google DeepMind", "google-deepmind"),
    ("Google Brain", "google"),
    ("Google Research", "google"),
    ("Google", "google"),
    ("Microsoft Research", "microsoft"),
    ("Microsoft Research Asia", "microsoft"),
    ("Microsoft Research AI for Science", "microsoft"),
    ("Amazon", "amazon"),
    ("Alibaba", "alibaba"),
    ("Alibaba Cloud", "alibaba"),
    ("Moonshot", "moonshot-ai"),
    ("Zhipu AI", "zhipu-ai"),
    ("Hugging Face", "bigscience"),
    ("BigScience", "bigscience"),
    ("Technology Innovation Institute", "tii"),
    ("NVIDIA", "nvidia"),
    ("Huawei", "huawei"),
    ("Huawei Noah's Ark Lab", "huawei"),
    ("Intel", "intel"),
    ("Tesla", "tesla"),
];

/// First words of Epoch hardware names that name the vendor, and the
/// organisation name they stand for.
const VENDOR_WORDS: &[(&str, &str)] = &[
    ("nvidia", "NVIDIA"),
    ("google", "Google"),
    ("amd", "AMD"),
    ("huawei", "Huawei"),
    ("amazon", "Amazon"),
    ("aws", "Amazon"),
    ("intel", "Intel"),
    ("cerebras", "Cerebras"),
    ("graphcore", "Graphcore"),
    ("baidu", "Baidu"),
    ("cambricon", "Cambricon"),
    ("meta", "Meta"),
    ("apple", "Apple"),
    ("microsoft", "Microsoft"),
    ("tesla", "Tesla"),
    ("groqchip", "Groq"),
    ("biren", "Biren"),
    ("metax", "MetaX"),
    ("mtt", "Moore Threads"),
    ("t-head", "Alibaba"),
];

/// Words of a hardware name that say how the part is packaged, not which
/// part it is: `NVIDIA H100 SXM5 80GB` is an H100.
const FORM_WORDS: &[&str] = &[
    "sxm", "sxm2", "sxm3", "sxm4", "sxm5", "pcie", "pcle", "nvl", "dgxs", "oam", "hgx", "mxm",
];

/// What an import produced.
#[derive(Debug, Default)]
pub struct Import {
    pub organisations: Vec<Organisation>,
    pub chips: Vec<Chip>,
    pub models: Vec<Entry>,
    /// Facts and aliases for entities the curated record already has.
    pub extends: Vec<Extension>,
    /// One per problem; warnings unless the import was refused.
    pub diagnostics: Vec<Diagnostic>,
    pub stats: Stats,
}

#[derive(Debug, Default, Clone)]
pub struct Stats {
    pub rows: usize,
    pub models_new: usize,
    pub models_matched: usize,
    pub with_quantity: usize,
    pub facts: usize,
    /// Added facts the curated record already cites from Epoch AI.
    pub facts_already_curated: usize,
    pub chips_mapped: usize,
    pub chips_new: usize,
    pub orgs_mapped: usize,
    pub orgs_new: usize,
    pub not_recognised: usize,
    pub rows_skipped: usize,
}

/// A fatal problem: nothing was imported.
#[derive(Debug)]
pub struct Refused(pub Vec<Diagnostic>);

// ---------------------------------------------------------------------------
// Reading: encodings and columns

/// Decodes a CSV file, saying which encoding it found when it is not UTF-8.
pub fn decode(bytes: &[u8], path: &Path) -> (String, Option<Diagnostic>) {
    let warn = |enc: &str, why: &str| {
        Diagnostic::warning(format!(
            "the file is not UTF-8: it looks like {enc} ({why}); it was decoded as {enc}"
        ))
        .at_path(path)
        .with_hint("Epoch AI publishes UTF-8; save the file as UTF-8 to silence this")
    };
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return (String::from_utf8_lossy(rest).into_owned(), None);
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let (enc, name) = if bytes[0] == 0xFF {
            (encoding_rs::UTF_16LE, "UTF-16LE")
        } else {
            (encoding_rs::UTF_16BE, "UTF-16BE")
        };
        let (text, _, _) = enc.decode(bytes);
        return (
            text.trim_start_matches('\u{feff}').to_string(),
            Some(warn(name, "it starts with a UTF-16 byte-order mark")),
        );
    }
    // UTF-16 without a byte-order mark: every other byte is NUL.
    let sample = &bytes[..bytes.len().min(4096)];
    let nuls_even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let nuls_odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if sample.len() >= 8 && (nuls_even.max(nuls_odd) * 4 > sample.len()) {
        let (enc, name) = if nuls_odd > nuls_even {
            (encoding_rs::UTF_16LE, "UTF-16LE")
        } else {
            (encoding_rs::UTF_16BE, "UTF-16BE")
        };
        let (text, _) = enc.decode_without_bom_handling(bytes);
        return (
            text.into_owned(),
            Some(warn(name, "every other byte is NUL")),
        );
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), None),
        Err(e) => {
            let at = e.valid_up_to();
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            // GBK when the bytes decode cleanly as GBK and give CJK text;
            // otherwise Latin-1 (Windows-1252), which decodes any byte.
            if let Some(text) =
                encoding_rs::GBK.decode_without_bom_handling_and_without_replacement(bytes)
            {
                let cjk = text
                    .chars()
                    .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
                    .count();
                let high = bytes.iter().filter(|&&b| b >= 0x80).count();
                if cjk * 2 >= high / 2 && cjk > 0 {
                    let why =
                        format!("invalid UTF-8 at line {line}; the bytes read as Chinese in GBK");
                    return (text.into_owned(), Some(warn("GBK", &why)));
                }
            }
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            let why = format!("invalid UTF-8 at line {line}");
            (
                text.into_owned(),
                Some(warn("Latin-1 (Windows-1252)", &why)),
            )
        }
    }
}

/// A parsed CSV: header → column index, rows with their line numbers.
struct Table {
    path: PathBuf,
    cols: HashMap<String, usize>,
    rows: Vec<(usize, csv::StringRecord)>,
}

impl Table {
    fn read(
        path: &Path,
        required: &[&str],
        expected: &[&str],
        diags: &mut Vec<Diagnostic>,
    ) -> Result<Table, Refused> {
        let bytes = std::fs::read(path).map_err(|e| {
            Refused(vec![Diagnostic::error(format!(
                "cannot read the file: {e}"
            ))
            .at_path(path)])
        })?;
        let (text, warning) = decode(&bytes, path);
        diags.extend(warning);
        let mut rd = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(text.as_bytes());
        let headers: Vec<String> = rd
            .headers()
            .map_err(|e| {
                Refused(vec![Diagnostic::error(format!(
                    "cannot read the header row: {e}"
                ))
                .at_path(path)
                .at(1, 1)])
            })?
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
            .collect();
        let cols: HashMap<String, usize> = headers
            .iter()
            .enumerate()
            .map(|(i, h)| (h.clone(), i))
            .collect();
        let suggest = |want: &str| -> String {
            let near = headers
                .iter()
                .filter(|h| !required.contains(&h.as_str()) && !expected.contains(&h.as_str()))
                .map(|h| (edit_distance(&h.to_lowercase(), &want.to_lowercase()), h))
                .filter(|(d, h)| *d <= (want.len().max(h.len()) / 3).max(2))
                .min_by_key(|(d, _)| *d);
            match near {
                Some((_, h)) => {
                    format!("is the column `{h}` it, renamed? Epoch AI calls it `{want}`")
                }
                None => format!("Epoch AI's table has a column `{want}`"),
            }
        };
        let mut fatal = Vec::new();
        for want in required {
            if !cols.contains_key(*want) {
                fatal.push(
                    Diagnostic::error(format!("required column `{want}` is missing"))
                        .at_path(path)
                        .at(1, 1)
                        .with_hint(suggest(want)),
                );
            }
        }
        if !fatal.is_empty() {
            return Err(Refused(fatal));
        }
        for want in expected {
            if !cols.contains_key(*want) {
                diags.push(
                    Diagnostic::warning(format!(
                        "column `{want}` is missing; what it holds is not imported"
                    ))
                    .at_path(path)
                    .at(1, 1)
                    .with_hint(suggest(want)),
                );
            }
        }
        let mut rows = Vec::new();
        for rec in rd.records() {
            match rec {
                Ok(r) => {
                    let line = r.position().map(|p| p.line() as usize).unwrap_or(0);
                    rows.push((line, r));
                }
                Err(e) => {
                    let line = e.position().map(|p| p.line() as usize).unwrap_or(0);
                    diags.push(
                        Diagnostic::warning(format!("unreadable CSV row, skipped: {e}"))
                            .at_path(path)
                            .at(line, 1),
                    );
                }
            }
        }
        Ok(Table {
            path: path.to_path_buf(),
            cols,
            rows,
        })
    }

    fn get<'r>(&self, r: &'r csv::StringRecord, col: &str) -> &'r str {
        self.cols
            .get(col)
            .and_then(|&i| r.get(i))
            .map(str::trim)
            .unwrap_or("")
    }

    fn field_no(&self, col: &str) -> usize {
        self.cols.get(col).map(|i| i + 1).unwrap_or(1)
    }

    /// A positive number in `col`, or a warning at line:field.
    fn number(
        &self,
        line: usize,
        r: &csv::StringRecord,
        col: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<f64> {
        let raw = self.get(r, col);
        if raw.is_empty() {
            return None;
        }
        let cleaned: String = raw
            .chars()
            .filter(|c| !matches!(c, ',' | '_' | ' '))
            .collect();
        match cleaned.parse::<f64>() {
            Ok(v) if v.is_finite() && v > 0.0 => Some(v),
            _ => {
                diags.push(
                    Diagnostic::warning(format!(
                        "bad number `{raw}` in column `{col}` (field {}); this value is skipped",
                        self.field_no(col)
                    ))
                    .at_path(&self.path)
                    .at(line, self.field_no(col))
                    .with_hint("write a positive number: `2048`, `1.5e24`"),
                );
                None
            }
        }
    }

    /// A `YYYY`, `YYYY-MM` or `YYYY-MM-DD` date (a time after it is cut off).
    fn date(
        &self,
        line: usize,
        r: &csv::StringRecord,
        col: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<String> {
        let raw = self.get(r, col);
        if raw.is_empty() {
            return None;
        }
        let d = raw.split([' ', 'T']).next().unwrap_or("");
        let ok = {
            let parts: Vec<&str> = d.split('-').collect();
            !parts.is_empty()
                && parts.len() <= 3
                && parts[0].len() == 4
                && parts.iter().skip(1).all(|p| p.len() == 2)
                && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()))
        };
        if ok {
            Some(d.to_string())
        } else if let Some(us) = us_date(d) {
            Some(us)
        } else {
            diags.push(
                Diagnostic::warning(format!(
                    "bad date `{raw}` in column `{col}` (field {}); this value is skipped",
                    self.field_no(col)
                ))
                .at_path(&self.path)
                .at(line, self.field_no(col))
                .with_hint("write the date as YYYY-MM-DD"),
            );
            None
        }
    }
}

/// `6/18/2025` (the hardware table's `Last modified`) as `2025-06-18`.
fn us_date(s: &str) -> Option<String> {
    let p: Vec<&str> = s.split('/').collect();
    if p.len() != 3 {
        return None;
    }
    let (m, d, y) = (
        p[0].parse::<u32>().ok()?,
        p[1].parse::<u32>().ok()?,
        p[2].parse::<u32>().ok()?,
    );
    ((1..=12).contains(&m) && (1..=31).contains(&d) && y > 1900)
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

// ---------------------------------------------------------------------------
// Names

/// The key two names are compared by: case, spaces, hyphens, dots,
/// underscores and width do not matter (`Llama 3.1-405B` = `llama-3.1 405b`).
pub fn match_key(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfkc()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric() || *c == '+')
        .collect()
}

/// A kebab-case id from a name.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Whether a name is safe to match in running text (docs/epoch.md): at
/// least 3 letters or digits, not only digits, not a stop word, and not a
/// single plain word (`Gopher`, `Sparrow`, `Claude`: words first, names
/// only in context). Names with a digit, an inner capital, a hyphen or a
/// space (`GPT-3`, `AlphaFold`, `Llama 2`) are kept.
pub fn recognisable(name: &str) -> bool {
    let key = match_key(name);
    let n = key.chars().count();
    let cjk = key.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    if n < 3 {
        return false;
    }
    if key.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    let lower = name.trim().to_lowercase();
    if STOP_WORDS.contains(&lower.as_str()) {
        return false;
    }
    let t = name.trim();
    let one_word = t.chars().all(|c| c.is_alphabetic());
    if one_word && !cjk {
        let inner_capital = t.chars().skip(1).any(|c| c.is_uppercase());
        let all_caps = t.chars().all(|c| c.is_uppercase());
        // `AlphaGo`, `PaLM` have inner capitals; `BLOOM`, `ERNIE` are all
        // capitals (the matcher then wants capitals in the text too).
        if !inner_capital || (all_caps && t.chars().count() <= 3) {
            return false;
        }
    }
    true
}

/// Name → entity ids of the record, by [`match_key`].
struct NameIndex {
    by_key: HashMap<String, Vec<String>>,
}

impl NameIndex {
    fn of(ds: &Dataset, want: impl Fn(&Entity) -> bool) -> NameIndex {
        let mut by_key: HashMap<String, Vec<String>> = HashMap::new();
        for e in ds.entities().filter(|e| want(e)) {
            let a = e.aliases();
            for n in std::iter::once(e.name())
                .chain(a.en.iter().map(String::as_str))
                .chain(a.zh.iter().map(String::as_str))
            {
                let ids = by_key.entry(match_key(n)).or_default();
                if !ids.iter().any(|i| i == e.id()) {
                    ids.push(e.id().to_string());
                }
            }
        }
        NameIndex { by_key }
    }

    fn get(&self, name: &str) -> &[String] {
        self.by_key
            .get(&match_key(name))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }
}

/// Trims a note to one line of at most `max` characters.
fn short(s: &str, max: usize) -> String {
    let one: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() <= max {
        one
    } else {
        let cut: String = one.chars().take(max).collect();
        format!("{}…", cut.trim_end())
    }
}

/// Does a note hedge (the figure is Epoch's own estimate or assumption)?
fn hedged(notes: &str) -> bool {
    let n = notes.to_lowercase();
    [
        "estimat",
        "assum",
        "guess",
        "approximat",
        "speculat",
        "likely",
        "we think",
        "probably",
        "roughly",
        "around",
        "about ",
        "~",
        "imput",
        "inferred",
    ]
    .iter()
    .any(|w| n.contains(w))
}

/// Epoch's `Confidence` (and the notes of the column) as a fact status and
/// `approx` (docs/epoch.md): `Confident` without hedging in the notes is a
/// figure Epoch relays (`reported`, exact); anything else is Epoch's own
/// estimate (`estimate`, approximate).
fn status_of(confidence: &str, notes: &str) -> (Status, bool) {
    match confidence.to_ascii_lowercase().as_str() {
        "confident" if !hedged(notes) => (Status::Reported, false),
        _ => (Status::Estimate, true),
    }
}

// ---------------------------------------------------------------------------
// The import

struct Importer<'a> {
    ds: &'a Dataset,
    diags: Vec<Diagnostic>,
    out: Import,
    /// Every name already in use (curated and imported), by lint's rule.
    names: HashSet<String>,
    ids: HashSet<String>,
    org_index: NameIndex,
    chip_index: NameIndex,
    model_index: NameIndex,
    /// Epoch organisation name → org id.
    orgs: HashMap<String, String>,
    /// Hardware-table rows by hardware match key.
    hw: HashMap<String, HwRow>,
    /// Epoch hardware name → chip id.
    chip_of: HashMap<String, String>,
    /// New chips by base-name match key → index in out.chips.
    new_chips: HashMap<String, usize>,
    /// Aliases to add to curated chips: chip id → names.
    chip_aliases: BTreeMap<String, Vec<String>>,
    snapshot: String,
}

#[derive(Debug, Clone, Default)]
struct HwRow {
    name: String,
    manufacturer: String,
    kind: String,
    release: Option<String>,
    bf16: Option<f64>,
    fp8: Option<f64>,
    memory: Option<f64>,
    bandwidth: Option<f64>,
    link: String,
    ml: bool,
}

/// Imports Epoch's models table (and optional hardware table) against the
/// curated record `ds`.
pub fn import(models: &Path, hardware: Option<&Path>, ds: &Dataset) -> Result<Import, Refused> {
    let mut diags = Vec::new();
    let table = Table::read(
        models,
        REQUIRED_MODEL_COLUMNS,
        EXPECTED_MODEL_COLUMNS,
        &mut diags,
    )?;
    let hw_table = match hardware {
        Some(p) => Some(Table::read(
            p,
            REQUIRED_HW_COLUMNS,
            EXPECTED_HW_COLUMNS,
            &mut diags,
        )?),
        None => None,
    };
    let mut names = HashSet::new();
    let mut ids = HashSet::new();
    for n in ds.all_names() {
        names.insert(normalise_name(n.text));
    }
    for e in ds.entities() {
        ids.insert(e.id().to_string());
    }
    let mut im = Importer {
        ds,
        diags,
        out: Import::default(),
        names,
        ids,
        org_index: NameIndex::of(ds, |e| matches!(e, Entity::Organisation(_))),
        chip_index: NameIndex::of(ds, |e| matches!(e, Entity::Chip(_))),
        model_index: NameIndex::of(ds, |e| matches!(e, Entity::Model(_) | Entity::Cluster(_))),
        orgs: HashMap::new(),
        hw: HashMap::new(),
        chip_of: HashMap::new(),
        new_chips: HashMap::new(),
        chip_aliases: BTreeMap::new(),
        snapshot: String::new(),
    };
    if let Some(t) = &hw_table {
        im.read_hardware(t);
    }
    im.models(&table);
    if let Some(t) = &hw_table {
        im.ml_hardware(t);
    }
    for (id, aliases) in std::mem::take(&mut im.chip_aliases) {
        im.out.extends.push(Extension {
            id,
            matched_name: None,
            aliases: Aliases {
                en: aliases,
                ..Aliases::default()
            },
            facts: Vec::new(),
        });
    }
    let mut out = im.out;
    out.diagnostics = im.diags;
    Ok(out)
}

impl Importer<'_> {
    fn warn(&mut self, t: &Table, line: usize, col: &str, msg: String, hint: &str) {
        let mut d = Diagnostic::warning(msg)
            .at_path(&t.path)
            .at(line, t.field_no(col));
        if !hint.is_empty() {
            d = d.with_hint(hint);
        }
        self.diags.push(d);
    }

    /// A fresh id from `base` (kebab-case, unique).
    fn fresh_id(&mut self, base: &str, fallback: &str) -> String {
        let mut b = slug(base);
        if b.is_empty() {
            b = fallback.to_string();
        }
        let mut id = b.clone();
        let mut n = 2;
        while self.ids.contains(&id) {
            id = format!("{b}-{n}");
            n += 1;
        }
        self.ids.insert(id.clone());
        id
    }

    /// Claims `name` for a new entity; `false` if another entity has it.
    fn claim_name(&mut self, name: &str) -> bool {
        self.names.insert(normalise_name(name))
    }

    // -- hardware table

    fn read_hardware(&mut self, t: &Table) {
        for (line, r) in &t.rows {
            let name = t.get(r, "Hardware name");
            if name.is_empty() {
                continue;
            }
            let d = &mut self.diags;
            let row = HwRow {
                name: name.to_string(),
                manufacturer: t.get(r, "Manufacturer").to_string(),
                kind: t.get(r, "Type").to_string(),
                release: t.date(*line, r, "Release date", d),
                bf16: t.number(*line, r, "Tensor-FP16/BF16 performance (FLOP/s)", d),
                fp8: t.number(*line, r, "FP8 performance (FLOP/s)", d),
                memory: t.number(*line, r, "Memory size per board (Byte)", d),
                bandwidth: t.number(*line, r, "Memory bandwidth (byte/s)", d),
                link: t.get(r, "Link to datasheet").to_string(),
                ml: t.get(r, "ML hardware").eq_ignore_ascii_case("checked"),
            };
            let key = match_key(name);
            if self.hw.contains_key(&key) {
                // A duplicate name in the hardware table: the first row wins.
                continue;
            }
            self.hw.insert(key, row);
        }
    }

    /// Accelerators Epoch marks as ML hardware become chips too (mapped or
    /// new), so articles naming them are recognised.
    fn ml_hardware(&mut self, _t: &Table) {
        let mut rows: Vec<HwRow> = self.hw.values().filter(|h| h.ml).cloned().collect();
        rows.sort_by(|a, b| a.name.cmp(&b.name));
        for h in rows {
            self.chip(&h.name);
        }
    }

    // -- organisations

    fn organisation(&mut self, name: &str, category: &str, country: &str) -> String {
        let name = name.trim();
        if let Some(id) = self.orgs.get(name) {
            return id.clone();
        }
        let mapped = self
            .org_index
            .get(name)
            .first()
            .cloned()
            .or_else(|| {
                ORG_SYNONYMS
                    .iter()
                    .find(|(n, _)| match_key(n) == match_key(name))
                    .map(|(_, id)| id.to_string())
                    .filter(|id| self.ds.entity(id).is_some())
            })
            // `University of Montreal / Université de Montréal`: either half.
            .or_else(|| {
                name.split(" / ")
                    .find_map(|part| self.org_index.get(part).first().cloned())
            });
        let id = match mapped {
            Some(id) => {
                self.out.stats.orgs_mapped += 1;
                id
            }
            None => {
                let id = self.fresh_id(name, "epoch-organisation");
                let kind = match category.split(',').next().unwrap_or("").trim() {
                    "Industry" => "company",
                    "Academia" => "research_institute",
                    "Research collective" => "research_collaboration",
                    "Government" => "research_institute",
                    _ => "company",
                };
                let unique = self.claim_name(name);
                let recognise = unique && recognisable(name);
                if !recognise {
                    self.out.stats.not_recognised += 1;
                }
                let display = if unique {
                    name.to_string()
                } else {
                    format!("{name} (Epoch AI organisation)")
                };
                if !unique {
                    self.claim_name(&display);
                }
                self.out.organisations.push(Organisation {
                    id: id.clone(),
                    name: display,
                    kind: kind.to_string(),
                    country: Some(country.split(',').next().unwrap_or("").trim().to_string())
                        .filter(|c| !c.is_empty()),
                    parent: None,
                    aliases: Aliases::default(),
                    notes: Some(format!("Imported from {MODELS_CREDIT}.")),
                    recognize: recognise,
                    review: None,
                });
                self.out.stats.orgs_new += 1;
                id
            }
        };
        self.orgs.insert(name.to_string(), id.clone());
        id
    }

    // -- chips

    /// The chip id an Epoch hardware name maps to (creating a chip if none).
    fn chip(&mut self, hw_name: &str) -> String {
        let hw_name = hw_name.trim();
        if let Some(id) = self.chip_of.get(hw_name) {
            return id.clone();
        }
        let (vendor, base) = split_vendor(hw_name);
        let stripped = strip_form(&base);
        // The part number alone (`Radeon Instinct MI250X` → `MI250X`) when it
        // has letters and digits.
        let part = stripped
            .split_whitespace()
            .last()
            .filter(|w| {
                w.chars().count() >= 4
                    && w.chars().any(|c| c.is_ascii_digit())
                    && w.chars().any(|c| c.is_ascii_alphabetic())
            })
            .unwrap_or("")
            .to_string();
        let vendor_id = vendor
            .as_deref()
            .and_then(|v| self.org_index.get(v).first().cloned());
        let candidates = [hw_name.to_string(), base.clone(), stripped.clone(), part];
        let found = candidates.iter().filter(|c| !c.is_empty()).find_map(|c| {
            let ids = self.chip_index.get(c);
            let id = (ids.len() == 1).then(|| ids[0].clone())?;
            // The vendor word must agree (`Intel A100` is not an NVIDIA A100).
            let chip_vendor = self.ds.chip(&id).map(|c| c.vendor.as_str());
            match (&vendor_id, chip_vendor) {
                (Some(v), Some(cv)) if v != cv => None,
                _ => Some(id),
            }
        });
        let id = match found {
            Some(id) => {
                self.out.stats.chips_mapped += 1;
                if self.claim_name(hw_name) && hw_name.len() > 3 {
                    self.chip_aliases
                        .entry(id.clone())
                        .or_default()
                        .push(hw_name.to_string());
                }
                id
            }
            None => self.new_chip(hw_name, vendor.as_deref(), &stripped),
        };
        self.chip_of.insert(hw_name.to_string(), id.clone());
        id
    }

    fn new_chip(&mut self, hw_name: &str, vendor: Option<&str>, stripped: &str) -> String {
        let full_base = match vendor {
            Some(v) => format!("{v} {stripped}"),
            None => stripped.to_string(),
        };
        let key = match_key(&full_base);
        if let Some(&i) = self.new_chips.get(&key) {
            let id = self.out.chips[i].id.clone();
            if self.claim_name(hw_name) {
                self.out.chips[i].aliases.en.push(hw_name.to_string());
            }
            return id;
        }
        let row = self
            .hw
            .get(&match_key(hw_name))
            .or_else(|| self.hw.get(&key))
            .cloned();
        let vendor_name = row
            .as_ref()
            .map(|r| r.manufacturer.clone())
            .filter(|m| !m.is_empty())
            .or_else(|| vendor.map(str::to_string))
            .unwrap_or_else(|| "Unknown vendor".to_string());
        let vendor_id = self.organisation(&vendor_name, "Industry", "");
        let id = self.fresh_id(&full_base, "epoch-chip");
        let mut name = full_base.clone();
        if !self.claim_name(&name) {
            name = format!("{full_base} (Epoch AI hardware)");
            self.claim_name(&name);
        }
        let mut aliases = Aliases::default();
        if stripped.chars().count() >= 4
            && stripped.chars().any(|c| c.is_ascii_digit())
            && self.claim_name(stripped)
        {
            aliases.en.push(stripped.to_string());
        }
        if hw_name != name && self.claim_name(hw_name) {
            aliases.en.push(hw_name.to_string());
        }
        let mut specs = BTreeMap::new();
        let mut spec_sources = Vec::new();
        if let Some(r) = &row {
            let mut put = |k: &str, v: Option<f64>, scale: f64| {
                if let Some(v) = v {
                    specs.insert(k.to_string(), json_num(round3(v / scale)));
                }
            };
            put("bf16_dense_tflops", r.bf16, 1e12);
            put("fp8_dense_tflops", r.fp8, 1e12);
            put("hbm_gb", r.memory, 1e9);
            put("hbm_bandwidth_tbs", r.bandwidth, 1e12);
            if !r.kind.is_empty() {
                specs.insert("type".into(), serde_json::Value::String(r.kind.clone()));
            }
            spec_sources.push(Source {
                title: HW_SOURCE_TITLE.to_string(),
                url: Some(HW_SOURCE_URL.to_string()),
                publisher: Some(PUBLISHER.to_string()),
                date: None,
            });
            if r.link.starts_with("http") {
                spec_sources.push(Source {
                    title: format!("{}: datasheet linked by Epoch AI", r.name),
                    url: Some(r.link.clone()),
                    publisher: None,
                    date: None,
                });
            }
        }
        let recognise = recognisable(&name);
        if !recognise {
            self.out.stats.not_recognised += 1;
        }
        let release_year = row
            .as_ref()
            .and_then(|r| r.release.as_deref())
            .and_then(|d| d.get(..4))
            .and_then(|y| y.parse().ok());
        // The family of a curated chip of the same vendor whose family name
        // stands in this one's name ("Huawei Ascend 910" → Ascend), so a
        // claim that names only the family fits it; a curator still reviews.
        let family = self
            .ds
            .chips
            .iter()
            .filter(|c| c.vendor == vendor_id)
            .filter_map(|c| c.family.as_deref())
            .find(|f| {
                name.split(|c: char| !c.is_alphanumeric())
                    .any(|w| w.eq_ignore_ascii_case(f))
            })
            .map(str::to_string);
        self.out.chips.push(Chip {
            id: id.clone(),
            name,
            vendor: vendor_id,
            family,
            variant_of: None,
            relation: None,
            release_year,
            aliases,
            specs,
            spec_sources,
            export_control: None,
            export_control_sources: Vec::new(),
            notes: Some(format!(
                "Created from Epoch AI's hardware name `{hw_name}`{}.",
                if row.is_some() {
                    "; specs from Epoch AI's 'Machine Learning Hardware' table"
                } else {
                    ""
                }
            )),
            recognize: recognise,
            review: Some(format!(
                "no chip in the record matched Epoch AI's `{hw_name}`: check it is not a variant or another name of a known chip (then map it in src/dataset/epoch.rs or add the alias to the curated chip), and set family/variant_of"
            )),
        });
        self.new_chips.insert(key, self.out.chips.len() - 1);
        self.out.stats.chips_new += 1;
        id
    }

    // -- models

    fn models(&mut self, t: &Table) {
        // Snapshot date: the latest `Last modified` in the table.
        let mut latest = String::new();
        for (_, r) in &t.rows {
            let lm = t.get(r, "Last modified");
            let d = lm.split(' ').next().unwrap_or("");
            if d.len() == 10 && d > latest.as_str() {
                latest = d.to_string();
            }
        }
        self.snapshot = latest;
        // First pass: names, duplicates.
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut keep = Vec::new();
        for (line, r) in &t.rows {
            self.out.stats.rows += 1;
            let name = t.get(r, "Model");
            if name.is_empty() {
                self.warn(
                    t,
                    *line,
                    "Model",
                    "row without a model name, skipped".into(),
                    "",
                );
                self.out.stats.rows_skipped += 1;
                continue;
            }
            let key = match_key(name);
            if let Some(first) = seen.get(&key) {
                let msg = format!(
                    "duplicate model name `{name}` (first at line {first}); this row is skipped"
                );
                self.warn(
                    t,
                    *line,
                    "Model",
                    msg,
                    "Epoch rows are matched by name; keep one row per model",
                );
                self.out.stats.rows_skipped += 1;
                continue;
            }
            seen.insert(key, *line);
            keep.push((*line, r));
        }
        // Second pass: entities and facts. Base models are resolved after.
        let mut bases: Vec<(usize, usize, String)> = Vec::new(); // (line, model index, base name)
        let mut epoch_ids: HashMap<String, String> = HashMap::new();
        for (line, r) in keep {
            let name = t.get(r, "Model").to_string();
            let org_field = t.get(r, "Organization");
            let orgs: Vec<&str> = org_field
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect();
            let org_id = match orgs.first() {
                Some(o) => self.organisation(
                    o,
                    t.get(r, "Organization categorization"),
                    t.get(r, "Country (of organization)"),
                ),
                None => {
                    self.warn(
                        t,
                        line,
                        "Organization",
                        format!("model `{name}` has no organisation; it is filed under `unknown-organisation`"),
                        "",
                    );
                    self.unknown_org()
                }
            };
            let facts = self.facts(t, line, r, &name);
            if facts
                .iter()
                .any(|f| f.property == Property::TrainingChipCount)
            {
                self.out.stats.with_quantity += 1;
            }
            if let Some(cid) = self.curated_match(&name, &org_id) {
                self.extend_curated(&cid, &name, facts);
                epoch_ids.insert(match_key(&name), cid);
                continue;
            }
            let date = t.date(line, r, "Publication date", &mut self.diags);
            let id = self.fresh_id(&name, "epoch-model");
            let unique = self.claim_name(&name);
            let display = if unique {
                name.clone()
            } else {
                let year = date.as_deref().and_then(|d| d.get(..4)).unwrap_or("n.d.");
                let n = format!("{name} ({}, {year})", orgs.first().unwrap_or(&"Epoch AI"));
                self.claim_name(&n);
                n
            };
            let recognise = unique && recognisable(&name);
            if !recognise {
                self.out.stats.not_recognised += 1;
            }
            let mut notes = format!("Imported from {MODELS_CREDIT}.");
            if orgs.len() > 1 {
                notes.push_str(&format!(" Developed with: {}.", orgs[1..].join(", ")));
            }
            if !unique {
                notes.push_str(&format!(
                    " Epoch AI calls it `{name}`, a name the record already gives another entity."
                ));
            }
            self.out.stats.facts += facts.len();
            self.out.models.push(Entry {
                id: id.clone(),
                name: display,
                kind: EntryKind::Model,
                organisation: org_id,
                release_date: date,
                release_date_note: None,
                aliases: Aliases::default(),
                related: Vec::new(),
                base_model: None,
                cluster: Vec::new(),
                facts,
                notes: Some(notes),
                recognize: recognise,
                review: None,
            });
            self.out.stats.models_new += 1;
            epoch_ids.insert(match_key(&name), id);
            let base = t.get(r, "Base model");
            if !base.is_empty() {
                bases.push((line, self.out.models.len() - 1, base.to_string()));
            }
        }
        for (line, i, base) in bases {
            let resolved = epoch_ids.get(&match_key(&base)).cloned().or_else(|| {
                let ids = self.model_index.get(&base);
                (ids.len() == 1).then(|| ids[0].clone())
            });
            match resolved {
                Some(b) if b != self.out.models[i].id => {
                    let is_model = self.ds.entry(&b).is_none_or(|e| e.kind == EntryKind::Model)
                        || self.out.models.iter().any(|m| m.id == b);
                    if is_model {
                        self.out.models[i].base_model = Some(b);
                    }
                }
                Some(_) => {}
                None => {
                    let msg = format!(
                        "base model `{base}` of `{}` is not a model in the table or the record; the relation is kept in the notes only",
                        self.out.models[i].name
                    );
                    self.warn(t, line, "Base model", msg, "");
                    let n = self.out.models[i].notes.get_or_insert_with(String::new);
                    n.push_str(&format!(" Base model (Epoch AI): {base}."));
                }
            }
        }
    }

    fn unknown_org(&mut self) -> String {
        if let Some(id) = self.orgs.get("") {
            return id.clone();
        }
        let id = self.fresh_id("unknown-organisation", "unknown-organisation");
        let name = "Unknown organisation (Epoch AI rows without one)".to_string();
        self.claim_name(&name);
        self.out.organisations.push(Organisation {
            id: id.clone(),
            name,
            kind: "company".into(),
            country: None,
            parent: None,
            aliases: Aliases::default(),
            notes: Some("Placeholder for Epoch AI rows with an empty Organization column.".into()),
            recognize: false,
            review: Some("rows without an organisation: fill in the developer".into()),
        });
        self.orgs.insert(String::new(), id.clone());
        id
    }

    /// The curated model this Epoch row is, if any: same name or alias by
    /// [`match_key`], and the same organisation (or its parent/child).
    fn curated_match(&self, name: &str, org: &str) -> Option<String> {
        let ids = self.model_index.get(name);
        ids.iter()
            .find(|id| {
                let Some(e) = self.ds.entry(id) else {
                    return false;
                };
                e.kind == EntryKind::Model && self.orgs_related(&e.organisation, org)
            })
            .cloned()
    }

    fn orgs_related(&self, a: &str, b: &str) -> bool {
        let parent = |x: &str| match self.ds.entity(x) {
            Some(Entity::Organisation(o)) => o.parent.clone(),
            _ => None,
        };
        a == b || parent(a).as_deref() == Some(b) || parent(b).as_deref() == Some(a)
    }

    /// Epoch's facts for a curated model, all of them: one the curated
    /// record already takes from Epoch AI (same property and value) is kept
    /// too, so `dataset diff` compares the snapshot with every curated fact.
    fn extend_curated(&mut self, id: &str, name: &str, facts: Vec<Fact>) {
        let own = self.ds.own_facts(id);
        for f in &facts {
            let dup = own.iter().any(|c| {
                c.property == f.property
                    && match (&c.value, &f.value) {
                        (FactValue::Id(a), FactValue::Id(b)) => a == b,
                        (FactValue::Number(a), FactValue::Number(b)) => {
                            (a - b).abs() <= 0.005 * a.abs().max(b.abs()) && cites_epoch(c)
                        }
                        _ => false,
                    }
            });
            if dup {
                self.out.stats.facts_already_curated += 1;
            }
        }
        self.out.stats.models_matched += 1;
        self.out.stats.facts += facts.len();
        if facts.is_empty() {
            return;
        }
        self.out.extends.push(Extension {
            id: id.to_string(),
            matched_name: Some(name.to_string()),
            aliases: Aliases::default(),
            facts,
        });
    }

    fn facts(&mut self, t: &Table, line: usize, r: &csv::StringRecord, name: &str) -> Vec<Fact> {
        let confidence = t.get(r, "Confidence").to_string();
        let as_of = t
            .date(line, r, "Last modified", &mut self.diags)
            .or_else(|| Some(self.snapshot.clone()).filter(|s| !s.is_empty()));
        let link = t
            .get(r, "Link")
            .split([',', '\n', ' '])
            .map(str::trim)
            .find(|l| l.starts_with("http"))
            .map(str::to_string);
        let source = Source {
            title: SOURCE_TITLE.to_string(),
            url: Some(SOURCE_URL.to_string()),
            publisher: Some(PUBLISHER.to_string()),
            date: Some(self.snapshot.clone()).filter(|s| !s.is_empty()),
        };
        let also: Vec<Source> = link
            .map(|url| Source {
                title: format!("{name}: the publication Epoch AI links"),
                url: Some(url),
                publisher: None,
                date: None,
            })
            .into_iter()
            .collect();
        let conf_note = if confidence.is_empty() {
            "Epoch AI gives no confidence".to_string()
        } else {
            format!("Epoch AI confidence: {confidence}")
        };
        let fact = |property: Property,
                    value: FactValue,
                    unit: String,
                    chip: Option<String>,
                    chip_mix: Vec<String>,
                    (status, approx): (Status, bool),
                    notes: &str| Fact {
            property,
            value,
            value_max: None,
            unit,
            chip,
            chip_mix,
            chip_family: None,
            approx,
            as_of: as_of.clone(),
            status,
            origin: None,
            source: source.clone(),
            also_reported_in: also.clone(),
            note: Some(if notes.is_empty() {
                format!("{conf_note}.")
            } else {
                format!("{conf_note}. {}", short(notes, 200))
            }),
        };
        let mut out = Vec::new();
        let d = &mut self.diags;
        let params = t.number(line, r, "Parameters", d);
        let compute = t.number(line, r, "Training compute (FLOP)", d);
        let hours = t.number(line, r, "Training time (hours)", d);
        let quantity = t.number(line, r, "Hardware quantity", d);
        let chip_hours = t.number(line, r, "Training chip-hours", d);
        let p_notes = t.get(r, "Parameters notes");
        let c_notes = t.get(r, "Training compute notes");
        let h_notes = t.get(r, "Training time notes");
        if let Some(v) = params {
            out.push(fact(
                Property::Parameters,
                FactValue::Number(v.round()),
                "parameters".into(),
                None,
                vec![],
                status_of(&confidence, p_notes),
                p_notes,
            ));
        }
        if let Some(v) = compute {
            out.push(fact(
                Property::TrainingCompute,
                FactValue::Number(v),
                "FLOP".into(),
                None,
                vec![],
                (Status::Estimate, true),
                c_notes,
            ));
        }
        // Hardware: `NVIDIA A100,NVIDIA H100 SXM5 80GB` lists several parts.
        let hw_field = t.get(r, "Training hardware").to_string();
        let mut chips: Vec<String> = Vec::new();
        for h in hw_field.split(',').map(str::trim).filter(|h| !h.is_empty()) {
            let id = self.chip(h);
            if !chips.contains(&id) {
                chips.push(id);
            }
        }
        let hw_status = status_of(&confidence, &format!("{c_notes} {h_notes}"));
        for c in &chips {
            out.push(fact(
                Property::TrainingChip,
                FactValue::Id(c.clone()),
                "chip_id".into(),
                None,
                vec![],
                hw_status,
                "",
            ));
        }
        let (one, mix) = match chips.len() {
            0 => (None, vec![]),
            1 => (Some(chips[0].clone()), vec![]),
            _ => (None, chips.clone()),
        };
        let short_chip = one
            .as_deref()
            .map(|c| self.chip_label(c))
            .unwrap_or_else(|| "chip".to_string());
        if let Some(q) = quantity {
            if q.fract() != 0.0 {
                let msg = format!(
                    "hardware quantity `{}` is not a whole number; rounded to {}",
                    t.get(r, "Hardware quantity"),
                    q.round()
                );
                self.warn(t, line, "Hardware quantity", msg, "");
            }
            out.push(fact(
                Property::TrainingChipCount,
                FactValue::Number(q.round()),
                "chips".into(),
                one.clone(),
                mix.clone(),
                hw_status,
                c_notes,
            ));
        }
        if let Some(v) = hours {
            out.push(fact(
                Property::TrainingTimeHours,
                FactValue::Number(v),
                "hours".into(),
                None,
                vec![],
                status_of(&confidence, h_notes),
                h_notes,
            ));
        }
        if let Some(v) = chip_hours {
            out.push(fact(
                Property::TrainingGpuHours,
                FactValue::Number(v.round()),
                format!("{short_chip}-hours"),
                one,
                mix,
                hw_status,
                c_notes,
            ));
        }
        out
    }

    /// `H100 chip` from `nvidia-h100`.
    fn chip_label(&self, id: &str) -> String {
        let name = self
            .ds
            .chip(id)
            .map(|c| {
                c.aliases
                    .en
                    .first()
                    .cloned()
                    .unwrap_or_else(|| c.name.clone())
            })
            .or_else(|| {
                self.out
                    .chips
                    .iter()
                    .find(|c| c.id == id)
                    .map(|c| c.name.clone())
            })
            .unwrap_or_else(|| id.to_string());
        format!("{name} chip")
    }
}

fn cites_epoch(f: &Fact) -> bool {
    let is_epoch = |s: &Source| {
        s.publisher.as_deref().is_some_and(|p| p.contains("Epoch")) || s.title.contains("Epoch AI")
    };
    is_epoch(&f.source) || f.also_reported_in.iter().any(is_epoch)
}

/// `NVIDIA H100 SXM5 80GB` → (`NVIDIA`, `H100 SXM5 80GB`).
fn split_vendor(name: &str) -> (Option<String>, String) {
    let mut words = name.split_whitespace();
    let first = words.next().unwrap_or("");
    match VENDOR_WORDS
        .iter()
        .find(|(w, _)| first.eq_ignore_ascii_case(w))
    {
        Some((_, v)) => (Some(v.to_string()), words.collect::<Vec<_>>().join(" ")),
        None => (None, name.to_string()),
    }
}

/// Drops packaging and memory from a hardware name: `H100 SXM5 80GB` →
/// `H100`, `Tesla V100 DGXS 32 GB` → `Tesla V100`, `Kunlun R200 (150W)` →
/// `Kunlun R200`.
fn strip_form(base: &str) -> String {
    let mut words: Vec<&str> = base.split_whitespace().collect();
    while let Some(last) = words.last().copied() {
        let l = last.to_ascii_lowercase();
        let memory = (l.ends_with("gb") && l[..l.len() - 2].chars().all(|c| c.is_ascii_digit()))
            || l == "gb";
        let number_before_gb = words.len() >= 2
            && l == "gb"
            && words[words.len() - 2].chars().all(|c| c.is_ascii_digit());
        let paren = last.starts_with('(') && last.ends_with(')');
        if number_before_gb {
            words.truncate(words.len() - 2);
        } else if memory || paren || FORM_WORDS.contains(&l.as_str()) {
            words.pop();
        } else {
            break;
        }
    }
    if words.is_empty() {
        base.to_string()
    } else {
        words.join(" ")
    }
}

fn round3(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

fn json_num(v: f64) -> serde_json::Value {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        serde_json::Value::from(v as i64)
    } else {
        serde_json::Value::from(v)
    }
}

// ---------------------------------------------------------------------------
// Writing

/// Drops nulls, empty lists and maps, and writes whole numbers in full.
fn prune(v: serde_json::Value) -> Option<serde_json::Value> {
    use serde_json::Value;
    match v {
        Value::Null => None,
        Value::Array(a) => {
            let a: Vec<Value> = a.into_iter().filter_map(prune).collect();
            (!a.is_empty()).then_some(Value::Array(a))
        }
        Value::Object(m) => {
            let m: serde_json::Map<String, Value> = m
                .into_iter()
                .filter_map(|(k, v)| prune(v).map(|v| (k, v)))
                .collect();
            (!m.is_empty()).then_some(Value::Object(m))
        }
        Value::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() => Some(json_num(f)),
            _ => Some(Value::Number(n)),
        },
        other => Some(other),
    }
}

/// Keys in the order a reader expects them; others follow alphabetically.
const KEY_ORDER: &[&str] = &[
    "id",
    "matched_name",
    "name",
    "kind",
    "vendor",
    "organisation",
    "family",
    "release_date",
    "release_year",
    "country",
    "parent",
    "recognize",
    "review",
    "aliases",
    "en",
    "zh",
    "misnomers",
    "base_model",
    "property",
    "value",
    "value_max",
    "unit",
    "chip",
    "chip_mix",
    "approx",
    "as_of",
    "status",
    "title",
    "url",
    "publisher",
    "date",
    "source",
    "also_reported_in",
    "note",
    "specs",
    "spec_sources",
    "facts",
    "notes",
];

fn key_rank(k: &str) -> usize {
    KEY_ORDER
        .iter()
        .position(|x| *x == k)
        .unwrap_or(KEY_ORDER.len())
}

fn scalar(v: &serde_json::Value) -> String {
    use serde_json::Value;
    match v {
        Value::String(s) => serde_json::to_string(s).unwrap_or_default(),
        Value::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() => format!("{f:e}"),
            _ => n.to_string(),
        },
        Value::Bool(b) => b.to_string(),
        _ => "null".into(),
    }
}

/// Block-style YAML with double-quoted (JSON) strings: unambiguous for any
/// name Epoch uses (`1.5`, `yes`, `#`, colons).
fn emit(v: &serde_json::Value, indent: usize, out: &mut String) {
    use serde_json::Value;
    let pad = " ".repeat(indent);
    match v {
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort_by_key(|k| (key_rank(k), k.as_str()));
            for (i, k) in keys.into_iter().enumerate() {
                let val = &m[k];
                // The first key of a list item follows its `- ` directly.
                let lead = if i == 0 && out.ends_with("- ") {
                    String::new()
                } else {
                    pad.clone()
                };
                match val {
                    Value::Object(_) | Value::Array(_) => {
                        out.push_str(&format!("{lead}{k}:\n"));
                        emit(val, indent + 2, out);
                    }
                    _ => out.push_str(&format!("{lead}{k}: {}\n", scalar(val))),
                }
            }
        }
        Value::Array(a) => {
            for item in a {
                out.push_str(&format!("{pad}- "));
                match item {
                    Value::Object(_) => emit(item, indent + 2, out),
                    _ => out.push_str(&format!("{}\n", scalar(item))),
                }
            }
        }
        other => out.push_str(&format!("{pad}{}\n", scalar(other))),
    }
}

fn section<T: serde::Serialize>(key: &str, items: &[T]) -> String {
    if items.is_empty() {
        return String::new();
    }
    let list: Vec<serde_json::Value> = items
        .iter()
        .filter_map(|i| serde_json::to_value(i).ok().and_then(prune))
        .collect();
    let mut out = format!("{key}:\n");
    emit(&serde_json::Value::Array(list), 0, &mut out);
    out
}

/// The model files and the publication years each holds; undated models go
/// in the first.
const MODEL_FILES: [(&str, &str, i32, i32); 3] = [
    (
        "models-to-2020.yaml",
        "Models from Epoch AI's table that the curated record does not have: published up to 2020, or undated.",
        i32::MIN,
        2020,
    ),
    (
        "models-2021-2023.yaml",
        "Models from Epoch AI's table that the curated record does not have: published 2021 to 2023.",
        2021,
        2023,
    ),
    (
        "models-2024-on.yaml",
        "Models from Epoch AI's table that the curated record does not have: published 2024 or later.",
        2024,
        i32::MAX,
    ),
];

impl Import {
    /// The dataset files to write: `(file name, YAML text)`.
    pub fn files(&self, with_hardware: bool) -> Vec<(String, String)> {
        let head = |what: &str| {
            let mut h = format!(
                "# {what}\n# Generated by `factbrief dataset import epoch`; do not edit by hand (re-run the import).\n# Data: {MODELS_CREDIT}.\n"
            );
            if with_hardware {
                h.push_str(&format!("# Hardware specs: {HARDWARE_CREDIT}.\n"));
            }
            h.push_str("# Mapping rules: docs/epoch.md.\n");
            h
        };
        let mut out = Vec::new();
        let mut push = |file: &str, what: &str, body: String| {
            if !body.is_empty() {
                out.push((file.to_string(), format!("{}{body}", head(what))));
            }
        };
        push(
            "organisations.yaml",
            "Organisations named by Epoch AI that the curated record does not have.",
            section("organisations", &self.organisations),
        );
        push(
            "chips.yaml",
            "Chips named by Epoch AI that the curated record does not have (each flagged `review:` for a curator).",
            section("chips", &self.chips),
        );
        // Split by publication year so each file stays small enough for a
        // curator (and a code review) to open.
        for (file, what, lo, hi) in MODEL_FILES {
            let part: Vec<&Entry> = self
                .models
                .iter()
                .filter(|m| {
                    let year = m
                        .release_date
                        .as_deref()
                        .and_then(|d| d.get(..4))
                        .and_then(|y| y.parse::<i32>().ok());
                    match year {
                        Some(y) => y >= lo && y <= hi,
                        None => lo == i32::MIN,
                    }
                })
                .collect();
            push(file, what, section("models", &part));
        }
        push(
            "extends.yaml",
            "Epoch AI's facts for models (and names for chips) the curated record has: added beside the curated facts, never replacing them.",
            section("extends", &self.extends),
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hardware_names_reduce_to_the_part() {
        assert_eq!(strip_form("H100 SXM5 80GB"), "H100");
        assert_eq!(strip_form("A100 SXM4 40 GB"), "A100");
        assert_eq!(strip_form("Tesla V100 DGXS 32 GB"), "Tesla V100");
        assert_eq!(strip_form("Kunlun R200 (150W)"), "Kunlun R200");
        assert_eq!(split_vendor("NVIDIA H800 SXM5").1, "H800 SXM5");
    }

    #[test]
    fn names_match_across_case_spaces_and_hyphens() {
        assert_eq!(match_key("Llama 3.1-405B"), match_key("llama-3.1 405b"));
        assert_eq!(match_key("Grok-3"), match_key("Grok 3"));
        assert_ne!(match_key("GPT-4"), match_key("GPT-4o"));
    }

    #[test]
    fn recognition_skips_words_short_names_and_numbers() {
        for n in [
            "Gemini",
            "Claude",
            "Phi",
            "R1",
            "Transformer",
            "BERT",
            "GPT",
            "2048",
            "Gopher",
            "AI",
        ] {
            assert!(!recognisable(n), "{n}");
        }
        for n in [
            "GPT-3",
            "AlphaFold",
            "Llama 2-70B",
            "PaLM 2",
            "DeepSeek-V3",
            "ERNIE 3.0",
        ] {
            assert!(recognisable(n), "{n}");
        }
    }

    #[test]
    fn encodings_are_detected() {
        let p = Path::new("x.csv");
        let (t, w) = decode("Model,Organization\nA,B\n".as_bytes(), p);
        assert!(w.is_none() && t.starts_with("Model"));
        let mut u16 = vec![0xFF, 0xFE];
        for c in "Model,Organization\n".encode_utf16() {
            u16.extend(c.to_le_bytes());
        }
        let (t, w) = decode(&u16, p);
        assert!(t.starts_with("Model"), "{t:?}");
        assert!(w.unwrap().message.contains("UTF-16LE"));
        let (gbk, _, _) = encoding_rs::GBK.encode("Model\n深度求索,杭州\n");
        let (t, w) = decode(&gbk, p);
        assert!(t.contains("深度求索"));
        assert!(w.unwrap().message.contains("GBK"));
        let (t, w) = decode(b"Model\nCaf\xe9 Mod\xe8le\n", p);
        assert!(t.contains("Café"));
        assert!(w.unwrap().message.contains("Latin-1"));
    }
}
