//! The extractor measured on the annotated dev set (shared/eval/dev), scored
//! as its README's "Suggested scoring" says:
//!
//! - a prediction matches a gold claim on (subject, count), with chip `GPU`
//!   on either side compatible with any chip and equal chips otherwise, and
//!   its text overlapping the gold `text` or an `also` string (one contains
//!   the other);
//! - predictions are deduplicated by (subject, chip, count): a restatement
//!   of a matched claim is neither a hit nor a false positive;
//! - any other prediction, and any prediction whose text lies inside a
//!   distractor string, is a false positive;
//! - approx, role and chip are scored on matched claims; subject accuracy is
//!   scored on gold claims found by (count, chip, text) alone.
//!
//! Gold subjects and chips are canonical names; they are mapped to dataset
//! entities through the dataset's names, never per article.
//!
//! `FACTBRIEF_DEV_SET=/path/to/dev cargo test --test dev_eval -- --nocapture`

use factbrief::article::{self, Limits};
use factbrief::dataset::Dataset;
use factbrief::extract::fold::fold_name;
use factbrief::extract::{entities::EntityMatcher, Extractor};
use factbrief::model::{ChipRef, Claim, EntityRef};
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
struct Gold {
    #[allow(dead_code)]
    article: String,
    #[serde(default)]
    claims: Vec<GoldClaim>,
    #[serde(default)]
    #[allow(dead_code)]
    mentions: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    distractors: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct GoldClaim {
    subject: Option<String>,
    chip: String,
    count: u64,
    approx: bool,
    role: String,
    text: String,
    #[serde(default)]
    also: Vec<String>,
}

/// A subject or chip reduced to something comparable.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Null,
    Gpu,
    Id(String),
    Name(String),
}

fn lookup(m: &EntityMatcher, name: &str) -> Option<String> {
    if let Some(e) = m.lookup(name) {
        return Some(e.id.clone());
    }
    // `NVIDIA Hopper` → `Hopper`: the vendor word is not part of the alias.
    let (_, rest) = name.split_once(' ')?;
    m.lookup(rest).map(|e| e.id.clone())
}

fn gold_subject(m: &EntityMatcher, s: &Option<String>) -> Key {
    match s {
        None => Key::Null,
        Some(n) => lookup(m, n)
            .map(Key::Id)
            .unwrap_or_else(|| Key::Name(fold_name(n))),
    }
}

fn gold_chip(m: &EntityMatcher, c: &str) -> Key {
    if c == "GPU" {
        return Key::Gpu;
    }
    lookup(m, c)
        .map(Key::Id)
        .unwrap_or_else(|| Key::Name(fold_name(c)))
}

fn pred_subject(s: &Option<EntityRef>) -> Key {
    match s {
        None => Key::Null,
        Some(EntityRef { id: Some(id), .. }) => Key::Id(id.clone()),
        Some(e) => Key::Name(fold_name(&e.name)),
    }
}

fn pred_chip(c: &ChipRef) -> Key {
    if c.is_generic() {
        Key::Gpu
    } else if let Some(id) = &c.id {
        Key::Id(id.clone())
    } else {
        Key::Name(fold_name(&c.name))
    }
}

fn chips_compatible(a: &Key, b: &Key) -> bool {
    *a == Key::Gpu || *b == Key::Gpu || a == b
}

fn span_ok(pred: &str, g: &GoldClaim) -> bool {
    std::iter::once(&g.text)
        .chain(g.also.iter())
        .any(|s| pred.contains(s.as_str()) || s.contains(pred))
}

#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    gold: usize,
    tp: usize,
    fp: usize,
    subject_seen: usize,
    subject_ok: usize,
    chip_ok: usize,
    approx_ok: usize,
    role_ok: usize,
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        self.gold += o.gold;
        self.tp += o.tp;
        self.fp += o.fp;
        self.subject_seen += o.subject_seen;
        self.subject_ok += o.subject_ok;
        self.chip_ok += o.chip_ok;
        self.approx_ok += o.approx_ok;
        self.role_ok += o.role_ok;
    }
    fn ratio(a: usize, b: usize) -> f64 {
        if b == 0 {
            1.0
        } else {
            a as f64 / b as f64
        }
    }
    fn precision(&self) -> f64 {
        Self::ratio(self.tp, self.tp + self.fp)
    }
    fn recall(&self) -> f64 {
        Self::ratio(self.tp, self.gold)
    }
    fn line(&self, name: &str) -> String {
        format!(
            "{name:<36} P {:.3}  R {:.3}  subject {:.3}  chip {:.3}  approx {:.3}  role {:.3}   (gold {}, tp {}, fp {})",
            self.precision(),
            self.recall(),
            Self::ratio(self.subject_ok, self.subject_seen),
            Self::ratio(self.chip_ok, self.tp),
            Self::ratio(self.approx_ok, self.tp),
            Self::ratio(self.role_ok, self.tp),
            self.gold,
            self.tp,
            self.fp
        )
    }
}

fn show(c: &Claim) -> String {
    format!(
        "{:?} count {} chip {} subject {} role {} approx {} (line {})",
        c.text,
        c.count,
        c.chip.name,
        c.subject
            .as_ref()
            .map(|s| s.name.as_str())
            .unwrap_or("null"),
        c.role.as_str(),
        c.approx,
        c.line
    )
}

fn score(m: &EntityMatcher, gold: &Gold, claims: &[Claim], notes: &mut Vec<String>) -> Tally {
    let mut t = Tally {
        gold: gold.claims.len(),
        ..Tally::default()
    };
    let mut used = vec![false; claims.len()];
    let mut matched_keys: Vec<(Key, Key, u64)> = Vec::new();
    for g in &gold.claims {
        let gs = gold_subject(m, &g.subject);
        let gc = gold_chip(m, &g.chip);
        // Subject accuracy: the claim found by count, chip and text alone.
        let found: Vec<&Claim> = claims
            .iter()
            .filter(|p| {
                p.count == g.count
                    && chips_compatible(&pred_chip(&p.chip), &gc)
                    && span_ok(&p.text, g)
            })
            .collect();
        if !found.is_empty() {
            t.subject_seen += 1;
            if found.iter().any(|p| pred_subject(&p.subject) == gs) {
                t.subject_ok += 1;
            }
        }
        let hit = (0..claims.len()).find(|&i| {
            let p = &claims[i];
            !used[i]
                && p.count == g.count
                && pred_subject(&p.subject) == gs
                && chips_compatible(&pred_chip(&p.chip), &gc)
                && span_ok(&p.text, g)
        });
        match hit {
            Some(i) => {
                used[i] = true;
                let p = &claims[i];
                t.tp += 1;
                t.chip_ok += usize::from(pred_chip(&p.chip) == gc);
                t.approx_ok += usize::from(p.approx == g.approx);
                t.role_ok += usize::from(p.role.as_str() == g.role);
                if pred_chip(&p.chip) != gc || p.approx != g.approx || p.role.as_str() != g.role {
                    notes.push(format!(
                        "  partial: gold {:?} chip {} role {} approx {} ← {}",
                        g.text,
                        g.chip,
                        g.role,
                        g.approx,
                        show(p)
                    ));
                }
                matched_keys.push((gs, gc, g.count));
            }
            None => notes.push(format!(
                "  MISSED: {:?} count {} chip {} subject {:?} role {}",
                g.text, g.count, g.chip, g.subject, g.role
            )),
        }
    }
    let mut fp_keys: Vec<(Key, Key, u64)> = Vec::new();
    for (i, p) in claims.iter().enumerate() {
        if used[i] {
            continue;
        }
        let (ps, pc) = (pred_subject(&p.subject), pred_chip(&p.chip));
        let in_distractor = gold.distractors.iter().any(|d| d.contains(p.text.as_str()));
        let duplicate = matched_keys
            .iter()
            .any(|(s, c, n)| *s == ps && *n == p.count && chips_compatible(c, &pc));
        if duplicate && !in_distractor {
            continue;
        }
        if fp_keys
            .iter()
            .any(|(s, c, n)| *s == ps && *n == p.count && chips_compatible(c, &pc))
            && !in_distractor
        {
            continue;
        }
        fp_keys.push((ps, pc, p.count));
        t.fp += 1;
        notes.push(format!(
            "  FALSE POSITIVE{}: {}",
            if in_distractor { " (distractor)" } else { "" },
            show(p)
        ));
    }
    t
}

fn dev_dir() -> PathBuf {
    match std::env::var_os("FACTBRIEF_DEV_SET") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/eval/dev")),
    }
}

#[test]
fn dev_set_precision_and_recall() {
    let dir = dev_dir();
    assert!(
        dir.is_dir(),
        "the dev set is missing: {} is not a folder (set FACTBRIEF_DEV_SET to the folder of <slug>.md + <slug>.gold.yaml files)",
        dir.display()
    );
    let mut articles: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read the dev set {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|x| x == "md")
                && p.file_name().is_some_and(|n| n != "README.md")
        })
        .collect();
    articles.sort();
    assert!(
        !articles.is_empty(),
        "the dev set {} holds no articles",
        dir.display()
    );

    let ds = Dataset::embedded().expect("embedded dataset");
    let x = Extractor::new(&ds);
    let m = x.matcher();
    let mut total = Tally::default();
    let mut lines = Vec::new();
    for path in &articles {
        let gold_path = path.with_extension("gold.yaml");
        let gold_text = std::fs::read_to_string(&gold_path).unwrap_or_else(|e| {
            panic!(
                "{}: gold file missing beside the article: {e}",
                gold_path.display()
            )
        });
        let gold: Gold = serde_saphyr::from_str(&gold_text)
            .unwrap_or_else(|e| panic!("{}: {e}", gold_path.display()));
        let art = article::load(path, Limits::default()).unwrap_or_else(|d| panic!("{d}"));
        let ex = x.extract(&art);
        let mut notes = Vec::new();
        let t = score(m, &gold, &ex.claims, &mut notes);
        let name = Path::new(path)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .to_string();
        lines.push(t.line(&name));
        lines.extend(notes);
        total.add(&t);
    }
    println!(
        "\n== dev set: {} articles ({}) ==",
        articles.len(),
        dir.display()
    );
    for l in &lines {
        println!("{l}");
    }
    println!("{}", total.line("OVERALL"));
    assert!(
        total.precision() >= 0.95,
        "precision {:.3} < 0.95",
        total.precision()
    );
    assert!(
        total.recall() >= 0.95,
        "recall {:.3} < 0.95",
        total.recall()
    );
}
