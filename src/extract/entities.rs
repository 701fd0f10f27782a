//! Entity recognition: every model, chip, organisation and cluster name of
//! the dataset, matched case- and width-insensitively, on word boundaries
//! for Latin names, leftmost-longest.
//!
//! The folded names go into one trie (an anchored Aho-Corasick NFA), which
//! is walked from every place a name may start: a word start, or any
//! character that is not a Latin letter or digit. A Latin name never starts
//! inside a word, so the walks find exactly the occurrences an overlapping
//! search would keep, and the trie builds in a few milliseconds where a full
//! DFA of the names (30 MB) took tens of them.

use super::fold::{fold_into, fold_name, Folded};
use crate::dataset::{Dataset, Entity, EntryKind};
use crate::model::EntityKind;
use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};
use std::collections::HashMap;
use std::ops::Range;

/// What the claim logic needs to know about an entity beyond its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityInfo {
    pub id: String,
    pub name: String,
    pub kind: EntityKind,
    /// Organisation kind (`ai_lab`, `chip_vendor`, `analyst_firm` …), entry
    /// kind for models and clusters (`model`, `fleet`, `comparison` …).
    pub sub_kind: String,
    /// Owning organisation of a model or cluster; vendor of a chip.
    pub org: Option<String>,
}

impl EntityInfo {
    /// Analyst firms and media report figures; they never own them.
    pub fn is_reporter(&self) -> bool {
        matches!(
            self.sub_kind.as_str(),
            "analyst_firm" | "media" | "research_firm" | "comparison"
        )
    }

    pub fn is_vendor(&self) -> bool {
        self.kind == EntityKind::Organisation && self.sub_kind == "chip_vendor"
    }
}

#[derive(Debug, Clone)]
struct Pattern {
    entity: usize,
    misnomer: bool,
    /// The alias is one Latin word with a capital first letter: the text
    /// must be capitalised too (`Seed`, `Epoch` are not `seed`, `epoch`).
    needs_capital: bool,
    /// A short all-capitals alias (`FAIR`, `HF`): the text must be capitals.
    needs_upper: bool,
}

/// One recognised name in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Byte range in the searched text.
    pub range: Range<usize>,
    /// Index into [`EntityMatcher::info`].
    pub entity: usize,
    pub misnomer: bool,
}

/// The name matcher, built once per dataset.
#[derive(Debug, Clone)]
pub struct EntityMatcher {
    names: Option<Names>,
    patterns: Vec<Pattern>,
    pub info: Vec<EntityInfo>,
    by_id: HashMap<String, usize>,
    /// Folded name → entity, for looking names up (the evaluation's gold).
    by_name: HashMap<String, usize>,
}

/// An alias of a cluster, fleet or comparison that states a figure
/// (`Meta 350,000 H100`, `微软48.5万块Hopper芯片`) would hide the claim it
/// names; such aliases are not matched in running text.
fn states_a_figure(alias: &str) -> bool {
    let b = alias.as_bytes();
    let mut digits = 0;
    for (i, &c) in b.iter().enumerate() {
        if c.is_ascii_digit() {
            digits += 1;
            if digits >= 4 {
                return true;
            }
            let next = alias[i + 1..].trim_start();
            if next.starts_with(['k', 'K', '万', ','])
                || next.starts_with("million")
                || next.starts_with("billion")
            {
                return true;
            }
        } else if c != b'.' {
            digits = 0;
        }
    }
    false
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

impl EntityMatcher {
    pub fn new(ds: &Dataset) -> Self {
        let mut info = Vec::new();
        let mut by_id = HashMap::new();
        for e in ds.entities() {
            let (sub_kind, org) = match e {
                Entity::Chip(c) => ("chip".to_string(), Some(c.vendor.clone())),
                Entity::Organisation(o) => (o.kind.clone(), None),
                Entity::Model(m) | Entity::Cluster(m) => {
                    (entry_kind(m.kind).to_string(), Some(m.organisation.clone()))
                }
            };
            by_id.insert(e.id().to_string(), info.len());
            info.push(EntityInfo {
                id: e.id().to_string(),
                name: e.name().to_string(),
                kind: e.kind(),
                sub_kind,
                org,
            });
        }
        let mut texts: Vec<String> = Vec::new();
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut by_name = HashMap::new();
        for n in ds.names() {
            let Some(&entity) = by_id.get(n.id) else {
                continue;
            };
            let folded = fold_name(n.text);
            if folded.is_empty() {
                continue;
            }
            by_name.entry(folded.clone()).or_insert(entity);
            let k = info[entity].sub_kind.as_str();
            if matches!(k, "fleet" | "comparison" | "cluster") && states_a_figure(n.text) {
                continue;
            }
            if let Some(&p) = seen.get(&folded) {
                if patterns[p].entity == entity && n.misnomer {
                    patterns[p].misnomer = true;
                }
                continue;
            }
            let t = n.text.trim();
            let one_word = t.chars().all(|c| c.is_ascii_alphanumeric());
            let needs_upper = one_word && t.len() <= 4 && t.chars().all(|c| c.is_ascii_uppercase());
            let needs_capital = one_word
                && !needs_upper
                && t.starts_with(|c: char| c.is_ascii_uppercase())
                && t.chars().skip(1).all(|c| c.is_ascii_lowercase());
            seen.insert(folded.clone(), patterns.len());
            texts.push(folded);
            patterns.push(Pattern {
                entity,
                misnomer: n.misnomer,
                needs_capital,
                needs_upper,
            });
        }
        let names = Names::new(&texts);
        EntityMatcher {
            names,
            patterns,
            info,
            by_id,
            by_name,
        }
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The entity a name denotes (any canonical name, alias or misnomer).
    pub fn lookup(&self, name: &str) -> Option<&EntityInfo> {
        self.by_name.get(&fold_name(name)).map(|&i| &self.info[i])
    }

    /// Every name in `text`, leftmost-longest, without overlaps.
    pub fn find(&self, text: &str) -> Vec<Found> {
        self.find_with(text, &mut FindScratch::default())
    }

    /// [`find`](Self::find) with working buffers kept between calls: one
    /// [`FindScratch`] serves every block of an article.
    pub fn find_with(&self, text: &str, scratch: &mut FindScratch) -> Vec<Found> {
        let Some(names) = &self.names else {
            return Vec::new();
        };
        let FindScratch { folded: f, cands } = scratch;
        fold_into(text, f);
        let fb = f.text.as_bytes();
        cands.clear();
        names.each(fb, |s, e, pi| {
            let p = &self.patterns[pi];
            // Latin names stand on word boundaries (the start is one by
            // construction); a plural `s` may follow.
            if is_word_byte(fb[e - 1]) && e < fb.len() && is_word_byte(fb[e]) {
                let plural = fb[e] == b's' && (e + 1 >= fb.len() || !is_word_byte(fb[e + 1]));
                if !plural {
                    return;
                }
            }
            let orig = f.original(s..e);
            let Some(t) = text.get(orig.clone()) else {
                return;
            };
            if p.needs_upper && !t.chars().all(|c| !c.is_ascii_lowercase()) {
                return;
            }
            if p.needs_capital && !t.starts_with(|c: char| c.is_ascii_uppercase()) {
                return;
            }
            cands.push((s, e, pi));
        });
        // Leftmost, then longest.
        cands.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut out = Vec::with_capacity(cands.len());
        let mut pos = 0;
        for &(s, e, p) in cands.iter() {
            if s < pos {
                continue;
            }
            pos = e;
            let pat = &self.patterns[p];
            out.push(Found {
                range: f.original(s..e),
                entity: pat.entity,
                misnomer: pat.misnomer,
            });
        }
        out
    }
}

/// Working buffers of [`EntityMatcher::find_with`]: the folded text and
/// the candidate matches, reused from one text to the next.
#[derive(Debug, Default)]
pub struct FindScratch {
    folded: Folded,
    cands: Vec<(usize, usize, usize)>,
}

/// The folded names as a trie: an Aho-Corasick NFA searched anchored only,
/// so no failure transition is ever followed.
#[derive(Debug, Clone)]
struct Names {
    nfa: NFA,
    /// Per byte: [`WORD`] for a Latin letter or digit, [`FIRST`] when some
    /// name starts with it.
    class: [u8; 256],
    /// The first three bytes of every name (fewer at the end of a text:
    /// zeros stand for the missing ones), hashed into a bit set: a walk
    /// starts only where they may begin a name.
    starts: Box<[u64; START_WORDS]>,
}

const WORD: u8 = 1;
const FIRST: u8 = 2;

/// Bits in [`Names::starts`]: 2^16, 8 KB.
const START_BITS: u32 = 16;
const START_WORDS: usize = 1 << (START_BITS - 6);

/// The length of the UTF-8 character whose first byte is `b`.
#[inline]
fn utf8_len(b: u8) -> usize {
    match b {
        0..=0xBF => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// The hash of three bytes in [`Names::starts`].
#[inline]
fn start_hash(b0: u8, b1: u8, b2: u8) -> usize {
    let k = u32::from(b0) | u32::from(b1) << 8 | u32::from(b2) << 16;
    (k.wrapping_mul(0x9E37_79B1) >> (32 - START_BITS)) as usize
}

impl Names {
    fn new(texts: &[String]) -> Option<Names> {
        if texts.is_empty() || texts.iter().any(String::is_empty) {
            return None;
        }
        let nfa = NFA::builder()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(texts)
            .ok()?;
        let mut class = [0u8; 256];
        for (b, c) in class.iter_mut().enumerate() {
            if is_word_byte(b as u8) {
                *c |= WORD;
            }
        }
        for t in texts {
            class[usize::from(t.as_bytes()[0])] |= FIRST;
        }
        let mut starts = Box::new([0u64; START_WORDS]);
        let mut set = |h: usize| starts[h / 64] |= 1 << (h % 64);
        for t in texts {
            // A name shorter than three bytes may be followed by any bytes.
            match *t.as_bytes() {
                [b0] => {
                    (0..=255).for_each(|b1| (0..=255).for_each(|b2| set(start_hash(b0, b1, b2))))
                }
                [b0, b1] => (0..=255).for_each(|b2| set(start_hash(b0, b1, b2))),
                [b0, b1, b2, ..] => set(start_hash(b0, b1, b2)),
                [] => {}
            }
        }
        Some(Names { nfa, class, starts })
    }

    /// Calls `f(start, end, pattern)` for every occurrence of every name in
    /// the folded text `fb` that does not start inside a Latin word, by
    /// start, then by end.
    #[inline]
    fn each(&self, fb: &[u8], mut f: impl FnMut(usize, usize, usize)) {
        let nfa = &self.nfa;
        let Ok(start) = nfa.start_state(Anchored::Yes) else {
            return;
        };
        let byte = |k: usize| fb.get(k).copied().unwrap_or(0);
        let mut next = 0;
        while next < fb.len() {
            // One step per word or other character: a Latin name starts a
            // word, and any name starts a character.
            let s = next;
            let b0 = fb[s];
            let c = self.class[usize::from(b0)];
            next = if c & WORD != 0 {
                s + 1 + fb[s + 1..].iter().take_while(|&&b| is_word_byte(b)).count()
            } else {
                s + utf8_len(b0)
            };
            // Most places start no name: a quick look at their first bytes.
            if c & FIRST == 0 {
                continue;
            }
            let h = start_hash(b0, byte(s + 1), byte(s + 2));
            if self.starts[h / 64] & (1 << (h % 64)) == 0 {
                continue;
            }
            let mut sid = start;
            for (k, &b) in fb[s..].iter().enumerate() {
                sid = nfa.next_state(Anchored::Yes, sid, b);
                if nfa.is_special(sid) {
                    if nfa.is_dead(sid) {
                        break;
                    }
                    if nfa.is_match(sid) {
                        // A state's matches include the names that end here
                        // but start later (reached by those later walks).
                        let len = k + 1;
                        for m in 0..nfa.match_len(sid) {
                            let p = nfa.match_pattern(sid, m);
                            if nfa.pattern_len(p) == len {
                                f(s, s + len, p.as_usize());
                            }
                        }
                    }
                }
            }
        }
    }
}

fn entry_kind(k: EntryKind) -> &'static str {
    match k {
        EntryKind::Model => "model",
        EntryKind::ModelFamily => "model_family",
        EntryKind::Cluster => "cluster",
        EntryKind::Fleet => "fleet",
        EntryKind::Comparison => "comparison",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(m: &EntityMatcher, text: &str) -> Vec<(String, String, bool)> {
        m.find(text)
            .into_iter()
            .map(|f| {
                (
                    text[f.range].to_string(),
                    m.info[f.entity].id.clone(),
                    f.misnomer,
                )
            })
            .collect()
    }

    #[test]
    fn leftmost_longest_on_word_boundaries() {
        let ds = Dataset::embedded().unwrap();
        let m = EntityMatcher::new(&ds);
        let got = names(&m, "DeepSeek-R1 与 XR100 以及英伟达H100 和 Philosophy");
        assert_eq!(got[0], ("DeepSeek-R1".into(), "deepseek-r1".into(), false));
        assert!(got
            .iter()
            .any(|g| g.0 == "英伟达H100" && g.1 == "nvidia-h100"));
        assert!(!got.iter().any(|g| g.0 == "R1" || g.0.contains("XR")));
        let got = names(&m, "OpenAI 的GPT-o1 以及谷歌的Gemini 2。");
        assert!(
            got.contains(&("GPT-o1".into(), "openai-o1".into(), true)),
            "{got:?}"
        );
        assert!(
            got.contains(&("Gemini 2".into(), "gemini-2-0".into(), true)),
            "{got:?}"
        );
        let got = names(&m, "Ｈ１００ and 350,000 H100s, a fair seed");
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[1].0, "H100");
    }
}
