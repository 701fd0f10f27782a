//! Extraction: accelerator-count claims, every other quantity, and the
//! entities an article names.
//!
//! Build an [`Extractor`] once per dataset (it holds the name matcher) and
//! call [`Extractor::extract`] per article; [`extract`] is the one-shot
//! convenience. Extraction never panics: every span it reports lies on
//! character boundaries of `article.source`.

pub mod entities;
pub mod fold;
mod overlap;
pub mod quantity;
pub mod text;
mod versions;

use crate::article::{Article, Block, BlockKind};
use crate::dataset::Dataset;
use crate::model::{
    ChipRef, Claim, ClaimKind, EntityKind, EntityMentions, EntityRef, Mention, Quantity,
    QuantityKind, Role,
};
use crate::numbers::{find_numbers_into, HedgeKind, NumberMatch};
use entities::{EntityInfo, EntityMatcher, Found};
use regex::Regex;
use std::collections::HashMap;
use std::ops::Range;

/// Everything extracted from one article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extraction {
    pub claims: Vec<Claim>,
    pub quantities: Vec<Quantity>,
    pub entities: Vec<EntityMentions>,
}

/// The extractor for one dataset.
#[derive(Debug, Clone)]
pub struct Extractor {
    matcher: EntityMatcher,
    unknown_chip: Regex,
    model_zh: Regex,
    model_en: Regex,
    glued_unit: Regex,
    /// New versions of known model families (`Grok 4`, `GPT-5`, `Qwen3`).
    model_version: Option<versions::Versions>,
    /// Chip architectures named alone (`Hopper` → `NVIDIA Hopper`).
    families: Vec<(String, String)>,
    /// All of `families` in one automaton (pattern i is `families[i]`).
    family_ac: Option<aho_corasick::AhoCorasick>,
    /// The same words for a quick yes/no: leftmost-first, so the automaton
    /// gets a vectorised prefilter that skips text naming none of them.
    family_any: Option<aho_corasick::AhoCorasick>,
}

/// One-shot extraction (builds the name matcher; prefer [`Extractor`] for
/// many articles).
pub fn extract(article: &Article, ds: &Dataset) -> Extraction {
    Extractor::new(ds).extract(article)
}

/// Words that show a text is about accelerators.
const CHIP_WORDS: &[&str] = &[
    "GPU",
    "显卡",
    "芯片",
    "加速卡",
    "NPU",
    "TPU",
    "算力卡",
    "卡数",
    "chips",
    "Chips",
    "accelerators",
    "Accelerators",
];

const CLASSIFIERS: &str = "块张颗台片卡个枚";

/// Generic accelerator words after a number or a chip name. The flag marks
/// bare counters (`units`, `chips`) whose chip type comes from context.
const GENERIC_ZH: &[(&str, bool)] = &[
    ("GPU卡", false),
    ("GPU芯片", false),
    ("AI芯片", true),
    ("AI加速卡", false),
    ("显卡", false),
    ("加速卡", false),
    ("加速器", false),
    ("算力卡", false),
    ("计算卡", false),
    ("芯片", true),
    ("GPU", false),
    ("NPU", true),
    ("TPU", true),
    ("卡", false),
];
const GENERIC_EN: &[(&str, bool)] = &[
    ("graphics processing units", false),
    ("graphics processors", false),
    ("graphics cards", false),
    ("gpus", false),
    ("gpu", false),
    ("npus", true),
    ("npu", true),
    ("tpus", true),
    ("tpu", true),
    ("superchips", true),
    ("superchip", true),
    ("chips", true),
    ("chip", true),
    ("cards", false),
    ("card", false),
    ("accelerators", false),
    ("accelerator", false),
    ("processors", true),
    ("units", true),
    ("parts", true),
    ("part", true),
    ("equivalents", true),
    ("equivalent", true),
];
const ADJECTIVES: &[&str] = &[
    "spare",
    "additional",
    "more",
    "new",
    "advanced",
    "flagship",
    "high-end",
    "top-end",
    "data center",
    "data-center",
    "data centre",
    "datacenter",
    "ai",
    "same",
    "extra",
    "other",
    "latest",
    "top",
    "高端",
    "先进",
    "最新",
    "顶级",
    "国产",
    "高性能",
];
const CONNECTORS: &[&str] = &[
    "和", "与", "及", "、", "/", "+", "&", "and", "or", ",", "或",
];
/// Counted things that are not accelerators, after a chip name.
const NOT_ACCELERATORS: &[&str] = &[
    "dies",
    "die ",
    "chiplet",
    "晶粒",
    "裸片",
    "裸晶",
    "芯粒",
    "pod",
    "node",
    "server",
    "rack",
    "hour",
    "system",
    "instance",
    "小时",
    "服务器",
    "节点",
    "机柜",
    "机架",
    "卡时",
];

fn starts_ci(hay: &str, needle: &str) -> bool {
    hay.len() >= needle.len()
        && hay.is_char_boundary(needle.len())
        && hay[..needle.len()].eq_ignore_ascii_case(needle)
}

fn word_end_ok(text: &str, end: usize) -> bool {
    !text.as_bytes()[end..]
        .first()
        .is_some_and(|b| b.is_ascii_alphanumeric())
}

/// What follows a number when it counts accelerators.
#[derive(Debug, Clone, Default)]
struct Phrase {
    /// End of the claim text.
    end: usize,
    /// Where the chip words start.
    chip_start: usize,
    chips: Vec<ChipName>,
    vendor: Option<usize>,
    ascend: bool,
    generic: Option<&'static str>,
    counter: bool,
    classifier_only: bool,
    of_same: bool,
    /// `8卡服务器`: accelerators per server.
    per_unit: bool,
    /// The generic word names a chip family (`TPUs`, `NPU`).
    family_word: bool,
    /// `100,000+`: a lower bound.
    plus: bool,
}

#[derive(Debug, Clone, PartialEq)]
enum ChipName {
    Known(usize),
    Unknown(String),
}

/// The sentences and the clauses of a block, as [`text::split`] gives them.
type Parts = (Vec<Range<usize>>, Vec<Range<usize>>);

/// Per-block working data.
struct BlockData<'a> {
    block: &'a Block,
    mentions: Vec<Found>,
    numbers: Vec<NumberMatch>,
    /// The sentences and clauses of the block ([`text::split`]), found when
    /// first asked for: most blocks state no figure and never need them.
    parts: std::cell::OnceCell<Parts>,
    /// Column index for table cells.
    column: usize,
    /// The role and reference words of each sentence of the block, found
    /// when first asked for (see [`Run::words`]).
    word_hits: std::cell::OnceCell<Box<[std::cell::OnceCell<Vec<text::WordHit>>]>>,
}

impl BlockData<'_> {
    fn parts(&self) -> &Parts {
        self.parts.get_or_init(|| text::split(&self.block.text))
    }

    /// The sentences of the block, in order.
    fn sentences(&self) -> &[Range<usize>] {
        &self.parts().0
    }

    /// The clauses of the block, in order.
    fn clauses(&self) -> &[Range<usize>] {
        &self.parts().1
    }
}

/// A claim while it is being resolved.
#[derive(Debug, Clone)]
struct Cand {
    block: usize,
    range: Range<usize>,
    n: NumberMatch,
    chip: ChipRef,
    subject: Option<usize>,
    subject_text: String,
    role: Role,
    /// Take the subject of this earlier claim (anaphora).
    inherit: Option<usize>,
    heading: bool,
}

impl Extractor {
    pub fn new(ds: &Dataset) -> Self {
        let matcher = EntityMatcher::new(ds);
        let model_version = versions::Versions::new(&matcher);
        let mut families: Vec<(String, String)> = Vec::new();
        for c in &ds.chips {
            let Some(f) = c.family.as_deref().map(str::trim) else {
                continue;
            };
            let word_like =
                f.len() >= 4 && f.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ');
            if !word_like
                || f == "TPU"
                || matcher.lookup(f).is_some()
                || families.iter().any(|(w, _)| w == f)
            {
                continue;
            }
            let vendor = ds
                .organisations
                .iter()
                .find(|o| o.id == c.vendor)
                .map(|o| o.name.as_str())
                .unwrap_or(&c.vendor);
            let vendor = vendor.split(' ').next().unwrap_or(vendor);
            families.push((f.to_string(), format!("{vendor} {f}")));
        }
        // Longest first, so `Blackwell Ultra` wins over `Blackwell`.
        families.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        let family_ac = (!families.is_empty())
            .then(|| aho_corasick::AhoCorasick::new(families.iter().map(|(w, _)| w.as_str())).ok())
            .flatten();
        let family_any = (!families.is_empty())
            .then(|| {
                aho_corasick::AhoCorasick::builder()
                    .match_kind(aho_corasick::MatchKind::LeftmostFirst)
                    .build(families.iter().map(|(w, _)| w.as_str()))
                    .ok()
            })
            .flatten();
        Extractor {
            family_ac,
            family_any,
            model_version,
            families,
            matcher,
            unknown_chip: Regex::new(r"^(?:TPU ?v\d{1,2}[a-z]?|Ascend ?\d{3}[A-Z]?|MI\d{3}[A-Z]?|(?:RTX|GTX) ?\d{4}(?: ?Ti)?|[A-Z]{1,3}\d{2,4}[A-Z]{0,2}|\d{3}[BC])")
                .expect("static regex"),
            model_zh: Regex::new(r"([A-Z][A-Za-z0-9.\-]*(?: [A-Z0-9][A-Za-z0-9.\-]*){0,2})(?:是|为)(?:一[个款种])?[^,。;，；]{0,20}?模型")
                .expect("static regex"),
            glued_unit: Regex::new(r"(?-u:\b)(\d+(?:\.\d+)?)(MW|GW|kW|GB|TB|PB|GiB|TiB)(?-u:\b)").expect("static regex"),
            model_en: Regex::new(r"([A-Z][A-Za-z0-9.\-]*(?: [A-Z0-9][A-Za-z0-9.\-]*){0,2})(?:, (?:its|an?|the)| (?:is|was) (?:an?|the)) [^,.;]{0,60}?(?-u:\b)model(?-u:\b)")
                .expect("static regex"),
        }
    }

    pub fn matcher(&self) -> &EntityMatcher {
        &self.matcher
    }

    /// A chip-shaped name the dataset does not know at the start of `t`
    /// (`MI355X`, `910C`, `TPU v6`). Every form starts with an ASCII
    /// capital or a digit (`\d` is any Unicode digit): that first look
    /// spares the regex most places.
    fn unknown_chip_at<'t>(&self, t: &'t str) -> Option<regex::Match<'t>> {
        t.chars()
            .next()
            .filter(|c| c.is_ascii_uppercase() || c.is_numeric())
            .and_then(|_| self.unknown_chip.find(t))
    }

    pub fn extract(&self, article: &Article) -> Extraction {
        let mut run = Run::new(self, article);
        run.go();
        run.finish()
    }
}

struct Run<'a> {
    x: &'a Extractor,
    art: &'a Article,
    blocks: Vec<BlockData<'a>>,
    /// The header cell of each (table, column): looked up per cell, so a
    /// long table stays linear.
    headers: std::collections::HashMap<(usize, usize), usize>,
    /// Entities of the dataset plus models discovered in this article.
    extra: Vec<EntityInfo>,
    cands: Vec<Cand>,
    quantities: Vec<Quantity>,
    dominant_model: Option<usize>,
    /// Organisations the front matter names as the article's source,
    /// attribution or author: they report figures, never own them.
    publishers: Vec<usize>,
}

impl<'a> Run<'a> {
    fn new(x: &'a Extractor, art: &'a Article) -> Self {
        let mut blocks = Vec::with_capacity(art.blocks.len());
        let mut scratch = entities::FindScratch::default();
        let mut found: Vec<NumberMatch> = Vec::new();
        let mut last_row: Option<(usize, usize)> = None;
        let mut column = 0;
        for b in &art.blocks {
            if b.table_row.is_some() && b.table_row == last_row {
                column += 1;
            } else {
                column = 0;
            }
            last_row = b.table_row;
            // One buffer finds the numbers of every block; each block keeps
            // an exact-size copy.
            find_numbers_into(&b.text, &mut found);
            found.retain(|n| {
                n.span.start <= n.span.end
                    && b.text.get(n.span.clone()).is_some()
                    && b.text.get(n.number_span.clone()).is_some()
            });
            let mut numbers = Vec::with_capacity(found.len());
            numbers.append(&mut found);
            blocks.push(BlockData {
                block: b,
                mentions: x.matcher.find_with(&b.text, &mut scratch),
                numbers,
                parts: std::cell::OnceCell::new(),
                column,
                word_hits: std::cell::OnceCell::new(),
            });
        }
        let mut headers = std::collections::HashMap::new();
        for (i, b) in blocks.iter().enumerate() {
            if let Some((table, 1)) = b.block.table_row {
                headers.entry((table, b.column)).or_insert(i);
            }
        }
        let mut run = Run {
            x,
            art,
            blocks,
            headers,
            extra: Vec::new(),
            cands: Vec::new(),
            quantities: Vec::new(),
            dominant_model: None,
            publishers: Vec::new(),
        };
        for f in [&art.front.source, &art.front.attribution, &art.front.author]
            .into_iter()
            .flatten()
        {
            for m in x.matcher.find_with(f, &mut scratch) {
                if x.matcher.info[m.entity].kind == EntityKind::Organisation
                    && !run.publishers.contains(&m.entity)
                {
                    run.publishers.push(m.entity);
                }
            }
        }
        run.add_families();
        run.discover_models();
        run
    }

    fn info(&self, i: usize) -> &EntityInfo {
        let n = self.x.matcher.info.len();
        if i < n {
            &self.x.matcher.info[i]
        } else {
            &self.extra[i - n]
        }
    }

    /// Models the dataset does not know, introduced as models in the text
    /// (`Pangu Ultra是一个稠密模型`, `BLOOM, its open multilingual model`).
    /// Chip architectures named on their own (`Hopper芯片`, `Blackwell
    /// GPUs`): chips the dataset has no entity for.
    fn add_families(&mut self) {
        for bi in 0..self.blocks.len() {
            let t = &self.blocks[bi].block.text;
            let mut found: Vec<(Range<usize>, String)> = Vec::new();
            let Some(ac) = &self.x.family_ac else {
                return;
            };
            // Most blocks name no family: one quick search settles that
            // before the overlapping one.
            if !self
                .x
                .family_any
                .as_ref()
                .is_none_or(|a| a.is_match(t.as_str()))
            {
                continue;
            }
            // Every occurrence of every family word, longest word first
            // (the order of `families`), then leftmost.
            let mut hits: Vec<(usize, usize)> = ac
                .find_overlapping_iter(t.as_str())
                .map(|m| (m.pattern().as_usize(), m.start()))
                .collect();
            if hits.is_empty() {
                continue;
            }
            hits.sort_unstable();
            for (p, s) in hits {
                let (word, display) = &self.x.families[p];
                {
                    let e = s + word.len();
                    let before_ok = !t[..s]
                        .chars()
                        .next_back()
                        .is_some_and(|c| c.is_ascii_alphanumeric());
                    let after_ok =
                        word_end_ok(t, e) || (t[e..].starts_with('s') && word_end_ok(t, e + 1));
                    let taken = self.blocks[bi]
                        .mentions
                        .iter()
                        .any(|f| f.range.start < e && s < f.range.end)
                        || found.iter().any(|(r, _)| r.start < e && s < r.end);
                    if before_ok && after_ok && !taken {
                        found.push((s..e, display.clone()));
                    }
                }
            }
            for (r, display) in found {
                let idx =
                    self.extra_entity(display, EntityKind::Chip, |x| x.kind == EntityKind::Chip);
                self.insert_mention(bi, r, idx);
            }
        }
    }

    fn discover_models(&mut self) {
        let mut names: Vec<String> = Vec::new();
        for b in &self.blocks {
            let t = &b.block.text;
            for (re, cue) in [(&self.x.model_zh, "模型"), (&self.x.model_en, "model")] {
                if !t.contains(cue) {
                    continue;
                }
                for c in re.captures_iter(t) {
                    let Some(m) = c.get(1) else { continue };
                    let name = m.as_str().trim().trim_end_matches(['-', '.']);
                    let first = name.split(' ').next().unwrap_or("");
                    if name.len() < 3
                        || matches!(
                            first,
                            "The"
                                | "This"
                                | "That"
                                | "It"
                                | "Its"
                                | "A"
                                | "An"
                                | "Our"
                                | "In"
                                | "For"
                                | "Unlike"
                                | "Each"
                                | "Transformer"
                                | "MoE"
                        )
                        || self.x.matcher.lookup(name).is_some()
                        || b.mentions
                            .iter()
                            .any(|f| f.range.start <= m.start() && m.start() < f.range.end)
                    {
                        continue;
                    }
                    if !names.iter().any(|n| n == name) {
                        names.push(name.to_string());
                    }
                }
            }
        }
        // Versions of known families are models wherever they stand.
        let mut versions: Vec<(String, usize, Range<usize>)> = Vec::new();
        if let Some(families) = &self.x.model_version {
            for (bi, b) in self.blocks.iter().enumerate() {
                for r in families.find_iter(&b.block.text) {
                    let name = b.block.text[r.clone()].trim_end_matches('.');
                    let r = r.start..r.start + name.len();
                    // `Grok 2025` is a year, not a version.
                    let tail: String = name
                        .chars()
                        .rev()
                        .take_while(|c| c.is_ascii_digit())
                        .collect();
                    if tail.len() == 4 {
                        let year: String = tail.chars().rev().collect();
                        if year.starts_with("19") || year.starts_with("20") {
                            continue;
                        }
                    }
                    if b.mentions
                        .iter()
                        .any(|f| f.range.start < r.end && r.start < f.range.end)
                        || self.x.matcher.lookup(name).is_some()
                    {
                        continue;
                    }
                    versions.push((name.to_string(), bi, r));
                }
            }
        }
        let base = self.x.matcher.info.len();
        for (name, bi, r) in versions {
            let idx = self.extra_entity(name.clone(), EntityKind::Model, |_| true);
            self.insert_mention(bi, r, idx);
        }
        for name in names {
            if self.extra.iter().any(|e| e.name == name) {
                continue;
            }
            // It must be named more than once to be the article's model.
            let mut found: Vec<(usize, Range<usize>)> = Vec::new();
            for (bi, b) in self.blocks.iter().enumerate() {
                let t = &b.block.text;
                let mut from = 0;
                while let Some(i) = t[from..].find(&name) {
                    let s = from + i;
                    let e = s + name.len();
                    let before_ok = !t[..s]
                        .chars()
                        .next_back()
                        .is_some_and(|c| c.is_ascii_alphanumeric());
                    if before_ok
                        && word_end_ok(t, e)
                        && !b
                            .mentions
                            .iter()
                            .any(|f| f.range.start < e && s < f.range.end)
                    {
                        found.push((bi, s..e));
                    }
                    from = e;
                }
            }
            if found.len() < 2 {
                continue;
            }
            let idx = base + self.extra.len();
            self.extra.push(EntityInfo {
                id: String::new(),
                name: name.clone(),
                kind: EntityKind::Model,
                sub_kind: "model".into(),
                org: None,
            });
            for (bi, r) in found {
                self.insert_mention(bi, r, idx);
            }
        }
        // The article's dominant model: named at least three times, and
        // more than twice as often as any other.
        // An article names a handful of models: a list beats a hash map.
        let mut v: Vec<(usize, usize)> = Vec::new();
        for b in &self.blocks {
            for f in &b.mentions {
                if self.info(f.entity).kind == EntityKind::Model
                    && !self.info(f.entity).is_reporter()
                {
                    match v.iter_mut().find(|(e, _)| *e == f.entity) {
                        Some((_, c)) => *c += 1,
                        None => v.push((f.entity, 1)),
                    }
                }
            }
        }
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        if let Some(&(m, c)) = v.first() {
            let second = v.get(1).map(|x| x.1).unwrap_or(0);
            if c >= 3 && c > 2 * second {
                self.dominant_model = Some(m);
            }
        }
    }

    /// [`text::words_in`] of `r` in block `bi`. Each sentence that `r`
    /// touches is searched once, however many of its clauses are asked
    /// about, and a sentence no figure needs is never searched.
    ///
    /// Per sentence is exact: no listed word holds a mark that ends a
    /// sentence, so every occurrence lies inside one sentence, and each
    /// sentence starts after such a mark, where no Latin word goes on.
    fn words(&self, bi: usize, r: Range<usize>) -> u16 {
        if r.start >= r.end {
            return 0;
        }
        let b = &self.blocks[bi];
        let t = &b.block.text;
        let sentences = b.sentences();
        let cells = b.word_hits.get_or_init(|| {
            sentences
                .iter()
                .map(|_| std::cell::OnceCell::new())
                .collect()
        });
        let mut mask = 0;
        let mut k = text::containing(sentences, r.start).unwrap_or(0);
        while k < sentences.len() && sentences[k].start < r.end {
            let s = sentences[k].clone();
            let hits = cells[k].get_or_init(|| {
                let mut hits = text::word_hits(&t[s.clone()]);
                for h in &mut hits {
                    h.0 += s.start as u32;
                    h.1 += s.start as u32;
                }
                hits
            });
            mask |= text::words_in_range(t, hits, r.start.max(s.start)..r.end.min(s.end));
            k += 1;
        }
        mask
    }

    /// [`text::role_in`] of `r` in block `bi`.
    fn role_in(&self, bi: usize, r: Range<usize>) -> Option<Role> {
        text::role_of(self.words(bi, r))
    }

    fn mention_at(&self, bi: usize, pos: usize) -> Option<&Found> {
        let ms = &self.blocks[bi].mentions;
        let i = ms.partition_point(|f| f.range.start < pos);
        ms.get(i).filter(|f| f.range.start == pos)
    }

    fn go(&mut self) {
        for bi in 0..self.blocks.len() {
            self.glued_units(bi);
            let mut covered = 0;
            for k in 0..self.blocks[bi].numbers.len() {
                let n = self.blocks[bi].numbers[k].clone();
                // A number inside a claim just read (`2,000 RTX 4090 cards`).
                if n.span.start < covered {
                    continue;
                }
                let before = self.cands.len();
                self.number(bi, n);
                if let Some(c) = self.cands.get(before) {
                    covered = covered.max(c.range.end);
                }
            }
        }
        self.resolve_restatements();
    }

    /// Whether a number is part of a name or a code (`H100`, `GPT-4`, `3D`).
    fn glued(&self, bi: usize, n: &NumberMatch) -> bool {
        let b = &self.blocks[bi];
        let t = &b.block.text;
        if b.mentions
            .iter()
            .any(|f| f.range.start < n.number_span.end && n.number_span.start < f.range.end)
        {
            return true;
        }
        let before = t[..n.number_span.start].chars().next_back();
        if before.is_some_and(|c| c.is_ascii_alphabetic()) {
            return true;
        }
        if before == Some('-') {
            let b2 = t[..n.number_span.start - 1].chars().next_back();
            if b2.is_some_and(|c| c.is_ascii_alphanumeric()) {
                return true;
            }
        }
        let after = &t[n.span.end..];
        // Letters glued to digits make a code (`3D`, `7nm` is allowed);
        // after `万` or `亿` they are the next word (`278.8万GPU小时`).
        let ends_in_digit = t[..n.span.end]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit());
        if let Some(c) = after.chars().next().filter(|_| ends_in_digit) {
            if c.is_ascii_alphabetic() {
                let len = after
                    .bytes()
                    .take_while(|b| b.is_ascii_alphanumeric())
                    .count();
                let word = &after[..len];
                let unit = [
                    "k", "K", "M", "B", "T", "x", "X", "s", "GB", "TB", "PB", "MB", "MW", "GW",
                    "kW", "nm", "bn", "m",
                ];
                let flops = len >= 5 && word[len - 5..].eq_ignore_ascii_case("flops");
                if !unit.contains(&word) && !flops {
                    return true;
                }
            }
        }
        false
    }

    fn number(&mut self, bi: usize, n: NumberMatch) {
        if self.glued(bi, &n) {
            return;
        }
        let t = &self.blocks[bi].block.text;
        if t[..n.span.start].ends_with('第') {
            return;
        }
        // `8x H100`, `8× A100`: a per-server configuration.
        let times = ["x ", "×", "x"]
            .iter()
            .find(|w| t[n.span.end..].starts_with(**w))
            .map(|w| n.span.end + w.len());
        if let Some(p) = times.filter(|_| n.as_count().is_some_and(|c| (2..=64).contains(&c))) {
            let p = quantity::skip_spaces(t, p);
            if self
                .mention_at(bi, p)
                .is_some_and(|m| self.info(m.entity).kind == EntityKind::Chip)
            {
                if let Some(mut ph) = self.phrase(bi, p) {
                    ph.per_unit = true;
                    if self.claim(bi, &n, ph) {
                        return;
                    }
                }
            }
        }
        let unit = quantity::unit_after(t, n.span.end);
        if unit.is_none()
            && !n.percent
            && !n.fraction
            && !vague(&t[n.span.clone()])
            && !vague(&t[n.number_span.clone()])
            && !n
                .hedge
                .as_ref()
                .is_some_and(|h| h.kind == HedgeKind::Magnitude && vague(&h.text))
        {
            let phrase = self
                .phrase(bi, n.span.end)
                .or_else(|| self.coordinated_phrase(bi, &n));
            if let Some(p) = phrase {
                if n.as_count().is_some_and(|c| c >= 2) && self.claim(bi, &n, p) {
                    return;
                }
            }
            if self.bare_count(bi, &n) || self.bare_restatement(bi, &n) {
                return;
            }
        }
        self.quantity(bi, &n);
    }

    /// `48.5万和22.4万颗`: a figure coordinated with the next one shares
    /// its accelerator words.
    fn coordinated_phrase(&self, bi: usize, n: &NumberMatch) -> Option<Phrase> {
        let b = &self.blocks[bi];
        let t = &b.block.text;
        let mut cur = n.clone();
        for _ in 0..4 {
            let p = quantity::skip_spaces(t, cur.span.end);
            let conn = ["和", "与", "及", "、", "以及", "或", "and", "or", ","]
                .iter()
                .find(|c| starts_ci(&t[p..], c))?;
            let q = quantity::skip_spaces(t, p + conn.len());
            let next = b.numbers.iter().find(|m| m.span.start == q)?;
            if let Some(mut ph) = self.phrase(bi, next.span.end) {
                ph.end = n.span.end;
                ph.chip_start = n.span.end;
                return Some(ph);
            }
            cur = next.clone();
        }
        None
    }

    /// `130MW`, `80GB`: power and memory written without a space, which
    /// the number grammar leaves alone as words.
    fn glued_units(&mut self, bi: usize) {
        let found: Vec<NumberMatch> = {
            let b = &self.blocks[bi];
            let t = &b.block.text;
            // Every unit ends in `W` or `B` after one of `MGkTPi`: a
            // quick look (most blocks have neither letter) before the regex.
            let unit_end = |w: &[u8]| {
                matches!(
                    w,
                    [b'M' | b'G' | b'k', b'W'] | [b'G' | b'T' | b'P' | b'i', b'B']
                )
            };
            if !["W", "B"].iter().any(|u| t.contains(u)) || !t.as_bytes().windows(2).any(unit_end) {
                return;
            }
            self.x
                .glued_unit
                .captures_iter(t)
                .filter_map(|c| {
                    let m = c.get(1)?;
                    let r = m.range();
                    let taken = b
                        .numbers
                        .iter()
                        .any(|n| n.span.start < r.end && r.start < n.span.end)
                        || b.mentions
                            .iter()
                            .any(|f| f.range.start < r.end && r.start < f.range.end);
                    let value: f64 = m.as_str().parse().ok()?;
                    (!taken).then(|| NumberMatch {
                        span: r.clone(),
                        number_span: r,
                        value,
                        value_max: None,
                        approx: false,
                        hedge: None,
                        percent: false,
                        fraction: false,
                    })
                })
                .collect()
        };
        for n in found {
            self.quantity(bi, &n);
        }
    }

    fn quantity(&mut self, bi: usize, n: &NumberMatch) {
        let b = &self.blocks[bi];
        let t = &b.block.text;
        let mut u = quantity::classify(t, n);
        if u.kind == QuantityKind::Number {
            // `two Cloud TPU v4 Pods`, `2.6M H800 GPU hours`: the unit
            // follows a chip name.
            let mut q = n.span.end;
            for _ in 0..4 {
                let p = quantity::skip_spaces(t, q);
                if let Some(m) = self.mention_at(bi, p) {
                    let info = self.info(m.entity);
                    if info.kind == EntityKind::Chip || info.is_vendor() {
                        q = m.range.end;
                        continue;
                    }
                }
                match generic_at(t, p) {
                    Some((len, _)) => q = p + len,
                    None => break,
                }
            }
            if q > n.span.end {
                if let Some((kind, unit, mult, end)) = quantity::unit_after(t, q) {
                    let kind = match kind {
                        QuantityKind::Duration if unit == "hours" => QuantityKind::GpuHours,
                        k => k,
                    };
                    if matches!(kind, QuantityKind::GpuHours | QuantityKind::Count) {
                        u = quantity::Unit {
                            kind,
                            unit: Some(unit),
                            mult,
                            start: u.start,
                            end,
                        };
                    }
                }
            }
        }
        let Some(text) = t.get(u.start..u.end) else {
            return;
        };
        // A lone numeral character inside a word (`统一`, `一种`, `二者`) is
        // not a quantity.
        if u.kind == QuantityKind::Number
            && text.chars().count() == 1
            && !text.starts_with(|c: char| c.is_ascii_digit())
        {
            return;
        }
        let span = b.block.source_range(u.start..u.end);
        let line = self.art.lines.line(span.start);
        self.quantities.push(Quantity {
            kind: u.kind,
            value: n.value * u.mult,
            value_max: n.value_max.map(|v| v * u.mult),
            approx: n.approx,
            unit: u.unit.map(str::to_string),
            text: text.to_string(),
            line,
            span,
        });
    }

    /// Reads the accelerator words after a number.
    fn phrase(&self, bi: usize, start: usize) -> Option<Phrase> {
        let t = &self.blocks[bi].block.text;
        let mut p = quantity::skip_spaces(t, start);
        let mut ph = Phrase::default();
        // `100,000+ GPUs`
        if t[p..].starts_with('+') {
            ph.plus = true;
            p = quantity::skip_spaces(t, p + 1);
        }
        // `24,576-GPU clusters`, `100k-GPU`
        if t[p..].starts_with('-')
            && (generic_at(t, p + 1).is_some() || self.mention_at(bi, p + 1).is_some())
        {
            p += 1;
        }
        let mut classifier = None;
        if let Some(c) = t[p..].chars().next() {
            if CLASSIFIERS.contains(c) {
                classifier = Some(c);
                p += c.len_utf8();
            }
        }
        if classifier == Some('卡') {
            ph.end = p;
            ph.chip_start = p - '卡'.len_utf8();
            ph.generic = Some("卡");
            return self.not_followed_by_non_accelerator(t, ph);
        }
        let mut q = quantity::skip_spaces(t, p);
        ph.chip_start = q;
        let mut via_of = false;
        if starts_ci(&t[q..], "of ") {
            via_of = true;
            q += 3;
            for w in [
                "the same ",
                "the ",
                "these ",
                "those ",
                "its ",
                "their ",
                "same ",
            ] {
                if starts_ci(&t[q..], w) {
                    if w.contains("same") {
                        ph.of_same = true;
                    }
                    q += w.len();
                    break;
                }
            }
        }
        let mut last_end: Option<usize> = None;
        let mut adjectives = 0;
        for _ in 0..12 {
            q = quantity::skip_spaces(t, q);
            if let Some(m) = self.mention_at(bi, q) {
                let info = self.info(m.entity);
                if info.kind == EntityKind::Chip {
                    ph.chips.push(ChipName::Known(m.entity));
                    q = m.range.end;
                    if t[q..].starts_with('s') && word_end_ok(t, q + 1) {
                        q += 1;
                    }
                    last_end = Some(q);
                    continue;
                } else if info.is_vendor()
                    || (info.kind == EntityKind::Organisation && self.chip_word_at(bi, m.range.end))
                {
                    // A chip vendor, or any company naming its own chip
                    // (`Google TPUs`, `Amazon Trainium`).
                    let mt = &t[m.range.clone()];
                    if mt.contains("昇腾") || mt.eq_ignore_ascii_case("ascend") {
                        ph.ascend = true;
                    }
                    ph.vendor = Some(m.entity);
                    q = m.range.end;
                    for s in ["'s", "’s"] {
                        if t[q..].starts_with(s) {
                            q += s.len();
                        }
                    }
                    continue;
                } else {
                    break;
                }
            }
            if let Some(m) = self.x.unknown_chip_at(&t[q..]) {
                let e = q + m.end();
                if word_end_ok(t, e) || t[e..].starts_with('s') {
                    let mut name = m.as_str().to_string();
                    if name.starts_with("TPU") {
                        name = format!("Google {}", name.replace("TPUv", "TPU v"));
                    } else if name.starts_with("MI") {
                        name = format!("AMD {name}");
                    } else if name.starts_with("RTX") || name.starts_with("GTX") {
                        name = format!("NVIDIA {name}");
                    } else if let Some(v) = ph.vendor {
                        name = format!(
                            "{} {name}",
                            self.info(v).name.split(' ').next().unwrap_or("")
                        );
                    }
                    ph.chips.push(ChipName::Unknown(name));
                    q = e;
                    if t[q..].starts_with('s') && word_end_ok(t, q + 1) {
                        q += 1;
                    }
                    last_end = Some(q);
                    continue;
                }
            }
            // After a chip name, a Chinese generic word counts only when it is
            // joined to it (`H100显卡`, not `NVIDIA H100 显卡`).
            let spaced = q > 0 && t[..q].ends_with(' ') && last_end.is_some();
            if let Some((len, counter)) =
                generic_at(t, q).filter(|_| !spaced || t[q..].starts_with(|c: char| c.is_ascii()))
            {
                ph.generic = Some("generic");
                ph.counter = counter;
                ph.family_word = starts_ci(&t[q..], "tpu") || starts_ci(&t[q..], "npu");
                q += len;
                last_end = Some(q);
                break;
            }
            if !ph.chips.is_empty() {
                if let Some(len) = CONNECTORS.iter().find_map(|c| {
                    let r = &t[q..];
                    (starts_ci(r, c)
                        && (c.len() > 1
                            || !c.as_bytes()[0].is_ascii_alphabetic()
                            || word_end_ok(t, q + c.len())))
                    .then_some(c.len())
                }) {
                    let r = quantity::skip_spaces(t, q + len);
                    let chip_next = self
                        .mention_at(bi, r)
                        .is_some_and(|m| self.info(m.entity).kind == EntityKind::Chip)
                        || self.x.unknown_chip_at(&t[r..]).is_some();
                    if chip_next {
                        q = r;
                        continue;
                    }
                }
                // `H100-equivalent`
                if t[q..].starts_with('-') {
                    if let Some((len, counter)) = generic_at(t, q + 1) {
                        ph.generic = Some("generic");
                        ph.counter = counter;
                        q += 1 + len;
                        last_end = Some(q);
                        break;
                    }
                }
            }
            if adjectives < 3 {
                if let Some(a) = ADJECTIVES.iter().find(|a| {
                    starts_ci(&t[q..], a) && (!a.is_ascii() || word_end_ok(t, q + a.len()))
                }) {
                    q += a.len();
                    adjectives += 1;
                    continue;
                }
                // A memory size before the chip (`992 80GB A100 GPUs`).
                let digits = t[q..].bytes().take_while(|b| b.is_ascii_digit()).count();
                if (2..=3).contains(&digits)
                    && starts_ci(&t[q + digits..], "gb")
                    && word_end_ok(t, q + digits + 2)
                {
                    q += digits + 2;
                    adjectives += 1;
                    continue;
                }
            }
            break;
        }
        match last_end {
            Some(end) => {
                ph.end = end;
                if ph.chips.is_empty() && ph.vendor.is_some() && !ph.family_word {
                    ph.counter = false;
                }
                self.not_followed_by_non_accelerator(t, ph)
            }
            None if !via_of && matches!(classifier, Some('块' | '张' | '颗' | '片' | '枚')) => {
                ph.end = p;
                ph.chip_start = p;
                ph.classifier_only = true;
                ph.counter = true;
                ph.chips.clear();
                ph.vendor = None;
                Some(ph)
            }
            None => None,
        }
    }

    /// A chip name or accelerator word at `p` (after spaces and `'s`).
    fn chip_word_at(&self, bi: usize, p: usize) -> bool {
        let t = &self.blocks[bi].block.text;
        let mut q = p;
        for s in ["'s", "’s"] {
            if t[q..].starts_with(s) {
                q += s.len();
            }
        }
        let q = quantity::skip_spaces(t, q);
        self.mention_at(bi, q)
            .is_some_and(|m| self.info(m.entity).kind == EntityKind::Chip)
            || self.x.unknown_chip_at(&t[q..]).is_some()
            || generic_at(t, q).is_some()
    }

    fn not_followed_by_non_accelerator(&self, t: &str, ph: Phrase) -> Option<Phrase> {
        let mut r = quantity::skip_spaces(t, ph.end);
        if t[r..].starts_with('-') {
            r += 1;
        }
        let rest = &t[r..];
        if NOT_ACCELERATORS.iter().any(|w| starts_ci(rest, w)) {
            // `8卡服务器`, `eight-GPU server`: a per-server configuration.
            let compound = ph.chips.is_empty()
                && ph.vendor.is_none()
                && (t[..ph.end].ends_with('卡') || t[..ph.chip_start].ends_with('-'));
            let per_unit = ["server", "node", "服务器", "节点", "机器", "整机"]
                .iter()
                .any(|w| starts_ci(rest, w));
            if compound && per_unit && r == ph.end {
                return Some(Phrase {
                    per_unit: true,
                    ..ph
                });
            }
            return None;
        }
        Some(ph)
    }

    /// Chips named in a plain-text range of a block.
    fn chips_in(&self, bi: usize, r: Range<usize>) -> Vec<usize> {
        self.blocks[bi]
            .mentions
            .iter()
            .filter(|f| {
                f.range.start >= r.start
                    && f.range.end <= r.end
                    && self.info(f.entity).kind == EntityKind::Chip
            })
            .map(|f| f.entity)
            .collect()
    }

    /// Inserts a mention of entity `idx` in block `bi`, keeping mentions in
    /// position order.
    fn insert_mention(&mut self, bi: usize, range: Range<usize>, idx: usize) {
        let ms = &mut self.blocks[bi].mentions;
        let pos = ms.partition_point(|f| f.range.start < range.start);
        ms.insert(
            pos,
            Found {
                range,
                entity: idx,
                misnomer: false,
            },
        );
    }

    /// The index of an entity found in the article but not in the dataset
    /// (`id` empty): an existing one with this name that `same` accepts,
    /// else a new one of `kind`.
    fn extra_entity(
        &mut self,
        name: String,
        kind: EntityKind,
        same: impl Fn(&EntityInfo) -> bool,
    ) -> usize {
        let base = self.x.matcher.info.len();
        if let Some(i) = self.extra.iter().position(|x| x.name == name && same(x)) {
            return base + i;
        }
        self.extra.push(EntityInfo {
            id: String::new(),
            name,
            kind,
            sub_kind: kind.as_str().into(),
            org: None,
        });
        base + self.extra.len() - 1
    }

    /// The header cell of a table cell's column.
    fn header_cell(&self, bi: usize) -> Option<usize> {
        let (table, row) = self.blocks[bi].block.table_row?;
        if row <= 1 {
            return None;
        }
        let col = self.blocks[bi].column;
        self.headers.get(&(table, col)).copied().filter(|&j| j < bi)
    }

    fn chip_ref(&self, names: &[ChipName], text: &str) -> ChipRef {
        // Mostly one name, or one name repeated: then no list is built.
        let one: [&ChipName; 1];
        let mut many: Vec<&ChipName> = Vec::new();
        let uniq: &[&ChipName] = match names.first() {
            Some(first) if names.iter().all(|n| n == first) => {
                one = [first];
                &one
            }
            _ => {
                for n in names {
                    if !many.contains(&n) {
                        many.push(n);
                    }
                }
                &many
            }
        };
        let name_of = |n: &ChipName| match n {
            ChipName::Known(i) => self.info(*i).name.clone(),
            ChipName::Unknown(s) => s.clone(),
        };
        match uniq {
            [] => ChipRef::generic(text),
            [ChipName::Known(i)] => {
                let info = self.info(*i);
                ChipRef {
                    id: (!info.id.is_empty()).then(|| info.id.clone()),
                    name: info.name.clone(),
                    text: text.to_string(),
                }
            }
            [one] => ChipRef {
                id: None,
                name: name_of(one),
                text: text.to_string(),
            },
            [first, rest @ ..] => {
                let first = name_of(first);
                let prefix = first.split(' ').next().unwrap_or("").to_string();
                let mut name = first.clone();
                for r in rest {
                    let rn = name_of(r);
                    let short = rn.strip_prefix(&format!("{prefix} ")).unwrap_or(&rn);
                    name.push('/');
                    name.push_str(short.split(" (").next().unwrap_or(short));
                }
                ChipRef {
                    id: None,
                    name,
                    text: text.to_string(),
                }
            }
        }
    }

    /// `a cluster of 500,000 chips`, `由10万块H100组成的集群`: a figure
    /// that gives the size of a cluster.
    fn describes_cluster(&self, bi: usize, clause: &Range<usize>, range: &Range<usize>) -> bool {
        let t = &self.blocks[bi].block.text;
        let before = &t[clause.start.min(range.start)..range.start];
        text::ends_with_any(
            before,
            &[
                "cluster of",
                "supercomputer of",
                "supercluster of",
                "cluster with",
                "supercomputer with",
                "cluster built from",
            ],
        ) || text::starts_with_any(
            &t[range.end..],
            &[
                "组成的集群",
                "构成的集群",
                "组成的超算",
                "组成的超级计算机",
                "规模的集群",
                "的集群",
                "的超算",
            ],
        )
    }

    /// A chip's internal make-up (`昇腾910C由两颗910B封装而成`, `the 910C
    /// is made of two 910B`): dies in one package, not accelerators.
    fn composition(&self, bi: usize, n: &NumberMatch) -> bool {
        let b = &self.blocks[bi];
        let t = &b.block.text;
        let clause = text::containing(b.clauses(), n.span.start)
            .map(|i| b.clauses()[i].clone())
            .unwrap_or(0..t.len());
        let start = clause.start.min(n.span.start);
        // A few dies in one package (the wording is looked for only then).
        if n.as_count().is_some_and(|c| c <= 8) {
            let lower = t[clause.clone()].to_ascii_lowercase();
            let packaged = [
                "封装",
                "合封",
                "in one package",
                "in a single package",
                "packaged together",
            ]
            .iter()
            .any(|w| lower.contains(w));
            if packaged {
                return true;
            }
        }
        let Some(m) = b
            .mentions
            .iter()
            .rev()
            .find(|f| f.range.start >= start && f.range.end <= n.span.start)
        else {
            return false;
        };
        if self.info(m.entity).kind != EntityKind::Chip {
            return false;
        }
        let mut q = quantity::skip_spaces(t, m.range.end);
        if let Some((len, _)) = generic_at(t, q) {
            q = quantity::skip_spaces(t, q + len);
        }
        let between = t[q.min(n.span.start)..n.span.start].trim();
        [
            "由",
            "是由",
            "is made of",
            "is made up of",
            "made of",
            "made up of",
            "consists of",
            "is composed of",
            "composed of",
            "comprises",
            "is built from",
            "packages",
            "fuses",
        ]
        .iter()
        .any(|w| between.eq_ignore_ascii_case(w))
    }

    fn claim(&mut self, bi: usize, n: &NumberMatch, ph: Phrase) -> bool {
        if self.composition(bi, n) {
            return false;
        }
        let b = &self.blocks[bi];
        let t = &b.block.text;
        let sent_i = text::containing(b.sentences(), n.span.start).unwrap_or(0);
        let sentence = b.sentences().get(sent_i).cloned().unwrap_or(0..t.len());
        let clause = text::containing(b.clauses(), n.span.start)
            .map(|i| b.clauses()[i].clone())
            .filter(|c| c.start <= n.span.start && n.span.start < c.end.max(c.start + 1))
            .unwrap_or(sentence.clone());
        let header = self.header_cell(bi);
        // The chip.
        let chip_text = t
            .get(ph.chip_start..ph.end)
            .unwrap_or("")
            .trim()
            .to_string();
        let chip = if !ph.chips.is_empty() {
            self.chip_ref(&ph.chips, &chip_text)
        } else if ph.of_same && self.cands.last().is_some() {
            // `224,000 of the same flagship Nvidia part`
            let prev = self
                .cands
                .last()
                .map(|c| c.chip.clone())
                .unwrap_or_else(|| ChipRef::generic(""));
            ChipRef {
                text: chip_text.clone(),
                ..prev
            }
        } else if ph.ascend {
            ChipRef {
                id: None,
                name: "Huawei Ascend NPU".into(),
                text: chip_text.clone(),
            }
        } else if ph.counter {
            let mut ctx: Vec<usize> = Vec::new();
            // A table row names the chip in another cell, or its column header.
            if let Some(row) = b.block.table_row {
                let same_row = |j: &usize| self.blocks[*j].block.table_row == Some(row);
                let before = (0..bi).rev().take_while(same_row);
                let after = (bi + 1..self.blocks.len()).take_while(same_row);
                for j in before.chain(after) {
                    ctx.extend(self.chips_in(j, 0..self.blocks[j].block.text.len()));
                }
            }
            if let Some(h) = header.filter(|_| ctx.is_empty()) {
                ctx = self.chips_in(h, 0..self.blocks[h].block.text.len());
            }
            if ctx.is_empty() {
                ctx = self.chips_in(bi, ph.end..clause.end.max(ph.end));
            }
            if ctx.is_empty() {
                ctx = self
                    .chips_in(bi, sentence.start..n.span.start)
                    .into_iter()
                    .take(1)
                    .collect();
            }
            if ph.classifier_only && ctx.is_empty() {
                // A bare `48.5万颗` counts chips only when the clause is about them.
                let ctx_text = &t[clause.clone()];
                let header_text = header
                    .map(|h| self.blocks[h].block.text.as_str())
                    .unwrap_or("");
                let row_text: String = match b.block.table_row {
                    Some(row) => {
                        let same_row = |j: &usize| self.blocks[*j].block.table_row == Some(row);
                        let before = (0..bi).rev().take_while(same_row);
                        let after = (bi + 1..self.blocks.len()).take_while(same_row);
                        before
                            .chain(after)
                            .map(|j| self.blocks[j].block.text.as_str())
                            .collect::<Vec<_>>()
                            .join(" ")
                    }
                    None => String::new(),
                };
                let about_chips = [ctx_text, header_text, row_text.as_str()]
                    .iter()
                    .any(|s| CHIP_WORDS.iter().any(|w| s.contains(w)));
                // `扩展至20万块GPU,最终目标是100万块`: the chip of a figure
                // just given in the same sentence.
                let earlier = self
                    .cands
                    .last()
                    .filter(|c| c.block == bi && c.range.start >= sentence.start)
                    .map(|c| c.chip.clone());
                match earlier {
                    Some(chip) if !about_chips => {
                        let chip = ChipRef {
                            text: String::new(),
                            ..chip
                        };
                        return self.push_claim(bi, n, &ph, chip, sentence, clause);
                    }
                    None if !about_chips => return false,
                    _ => {}
                }
            }
            if ctx.is_empty() && ph.of_same {
                if let Some(prev) = self.cands.last() {
                    let c = prev.chip.clone();
                    return self.push_claim(
                        bi,
                        n,
                        &ph,
                        ChipRef {
                            text: chip_text,
                            ..c
                        },
                        sentence,
                        clause,
                    );
                }
            }
            if ctx.is_empty() && ph.family_word {
                let family = t[ph.chip_start..ph.end].to_ascii_lowercase();
                let name = if ph.ascend {
                    "Huawei Ascend NPU"
                } else if family.contains("tpu") {
                    "Google TPU"
                } else {
                    "GPU"
                };
                let chip = ChipRef {
                    id: None,
                    name: name.into(),
                    text: chip_text,
                };
                return self.push_claim(bi, n, &ph, chip, sentence, clause);
            }
            match ctx.first() {
                Some(&c) => {
                    let info = self.info(c);
                    ChipRef {
                        id: (!info.id.is_empty()).then(|| info.id.clone()),
                        name: info.name.clone(),
                        text: chip_text.clone(),
                    }
                }
                None => ChipRef::generic(chip_text.clone()),
            }
        } else {
            ChipRef::generic(chip_text.clone())
        };
        self.push_claim(bi, n, &ph, chip, sentence, clause)
    }

    /// Subject candidates named in `r` of block `bi`, outside `exclude`.
    fn candidates(
        &self,
        bi: usize,
        r: Range<usize>,
        exclude: &Range<usize>,
        vendors: bool,
    ) -> Vec<(usize, usize, Range<usize>)> {
        self.blocks[bi]
            .mentions
            .iter()
            .filter(|f| f.range.start >= r.start && f.range.end <= r.end)
            .filter(|f| !(f.range.start < exclude.end && exclude.start < f.range.end))
            .filter(|f| {
                let i = self.info(f.entity);
                i.kind != EntityKind::Chip && (vendors || !i.is_vendor())
            })
            .filter(|f| !self.attribution(bi, f))
            .map(|f| (f.entity, bi, f.range.clone()))
            .collect()
    }

    /// A name that is the source of a figure, not its owner: an analyst
    /// firm or medium, the article's own source, or any organisation in
    /// attribution wording (`据X`, `X估计`, `according to X`, `X estimates`).
    fn attribution(&self, bi: usize, f: &Found) -> bool {
        let i = self.info(f.entity);
        if i.is_reporter() || self.publishers.contains(&f.entity) {
            return true;
        }
        if i.kind != EntityKind::Organisation {
            return false;
        }
        let t = &self.blocks[bi].block.text;
        text::ends_with_any(&t[..f.range.start], text::ATTRIBUTION_BEFORE)
            || text::starts_with_any(&t[f.range.end..], text::ATTRIBUTION_AFTER)
    }

    /// Whether `r` of block `bi` names the source of a figure.
    fn has_attribution(&self, bi: usize, r: &Range<usize>) -> bool {
        self.blocks[bi]
            .mentions
            .iter()
            .filter(|f| f.range.start >= r.start && f.range.end <= r.end)
            .any(|f| self.info(f.entity).kind != EntityKind::Chip && self.attribution(bi, f))
    }

    /// `the company`, `该公司` before `pos` in the sentence: the
    /// organisation of the previous subject, else the last organisation
    /// named. `the site`, `该集群`: the last cluster named.
    fn anaphora_subject(&self, bi: usize, sentence: &Range<usize>, pos: usize) -> Option<usize> {
        let t = &self.blocks[bi].block.text;
        let before = &t[sentence.start..pos.max(sentence.start)];
        if text::find_any(before, &text::CLUSTER_ANAPHORA).is_some() {
            if let Some(c) = self.last_mention(bi, pos, |i| i.kind == EntityKind::Cluster) {
                return Some(c);
            }
        }
        text::find_any(before, &text::ORG_ANAPHORA)?;
        let owner = |i: &EntityInfo| {
            i.kind == EntityKind::Organisation && !i.is_vendor() && !i.is_reporter()
        };
        // The previous subject, or the subject it inherits.
        let prev = self.cands.iter().rev().find_map(|c| {
            c.subject
                .or_else(|| c.inherit.and_then(|k| self.cands.get(k)?.subject))
        });
        if let Some(e) = prev {
            let i = self.info(e);
            let org = if i.kind == EntityKind::Organisation {
                Some(e)
            } else {
                i.org.as_deref().and_then(|o| self.x.matcher.index_of(o))
            };
            if let Some(o) = org.filter(|&o| owner(self.info(o)) && !self.publishers.contains(&o)) {
                return Some(o);
            }
        }
        self.last_mention(bi, pos, |i| owner(i))
    }

    /// The last entity named before `pos` of block `bi` that passes `ok`
    /// and is not an attribution.
    fn last_mention(
        &self,
        bi: usize,
        pos: usize,
        ok: impl Fn(&EntityInfo) -> bool,
    ) -> Option<usize> {
        for j in (0..=bi).rev().take(256) {
            for f in self.blocks[j].mentions.iter().rev() {
                if j == bi && f.range.start >= pos {
                    continue;
                }
                if ok(self.info(f.entity)) && !self.attribution(j, f) {
                    return Some(f.entity);
                }
            }
        }
        None
    }

    fn rank(&self, e: usize) -> u8 {
        match self.info(e).kind {
            EntityKind::Model => 0,
            EntityKind::Cluster => 1,
            _ => 2,
        }
    }

    /// The best subjects among candidates: model > cluster > organisation,
    /// nearest before `pos`, else nearest after; all of them with `分别`.
    fn pick(
        &self,
        cands: &[(usize, usize, Range<usize>)],
        pos: usize,
        all: bool,
    ) -> Vec<(usize, usize, Range<usize>)> {
        let Some(best) = cands.iter().map(|c| self.rank(c.0)).min() else {
            return Vec::new();
        };
        let mut top: Vec<_> = cands
            .iter()
            .filter(|c| self.rank(c.0) == best)
            .cloned()
            .collect();
        if all {
            let mut out: Vec<(usize, usize, Range<usize>)> = Vec::new();
            for c in top {
                if !out.iter().any(|o| o.0 == c.0) {
                    out.push(c);
                }
            }
            return out;
        }
        // `for OpenAI`, `为OpenAI打造`: a beneficiary, not the owner;
        // `agreed with Google`, `from Google`, `向谷歌`, `与谷歌`: a
        // counterparty. The grammatical subject comes first.
        let beneficiary = |c: &(usize, usize, Range<usize>)| {
            let before = &self.blocks[c.1].block.text[..c.2.start];
            text::ends_with_any(
                before,
                &[
                    "for", "with", "from", "为", "给", "向", "与", "跟", "同", "从",
                ],
            )
        };
        top.sort_by_key(|c| {
            let b = beneficiary(c);
            if c.2.start <= pos {
                (b, 0, pos - c.2.start)
            } else {
                (b, 1, c.2.start - pos)
            }
        });
        top.truncate(1);
        top
    }

    /// The previous sentence: in this block, else the last sentence of the
    /// nearest earlier block that is not a heading or a cell of this table.
    fn previous_sentence(&self, bi: usize, sent_i: usize) -> Option<(usize, Range<usize>)> {
        if sent_i > 0 {
            return Some((bi, self.blocks[bi].sentences()[sent_i - 1].clone()));
        }
        // Across blocks only for table cells and list items, or a sentence
        // that refers back (`the company`, `该公司`, `其`).
        let b = self.blocks[bi].block;
        let refers_back = self.blocks[bi]
            .sentences()
            .first()
            .is_some_and(|s| self.words(bi, s.clone()) & text::W_ANAPHORA != 0);
        if !(refers_back || b.table_row.is_some() || b.kind == BlockKind::ListItem) {
            return None;
        }
        let table = self.blocks[bi].block.table_row.map(|x| x.0);
        let j = (0..bi).rev().take(256).find(|&j| {
            let b = self.blocks[j].block;
            b.kind != BlockKind::Heading && (table.is_none() || b.table_row.map(|x| x.0) != table)
        })?;
        self.blocks[j].sentences().last().map(|s| (j, s.clone()))
    }

    fn push_claim(
        &mut self,
        bi: usize,
        n: &NumberMatch,
        ph: &Phrase,
        chip: ChipRef,
        sentence: Range<usize>,
        clause: Range<usize>,
    ) -> bool {
        let mut number = n.clone();
        if ph.plus && !number.approx {
            number.approx = true;
            number.hedge = Some(crate::numbers::Hedge {
                kind: HedgeKind::AtLeast,
                text: "+".into(),
            });
        }
        let n = &number;
        let Some(count) = n.as_count() else {
            return false;
        };
        if count < 2 {
            return false;
        }
        let b = &self.blocks[bi];
        let t = &b.block.text;
        let range = n.span.start..ph.end;
        let clause_text = &t[clause.clone()];
        let header = self.header_cell(bi);
        let sent_i = text::containing(b.sentences(), n.span.start).unwrap_or(0);
        let respectively = ["分别", "各自", "respectively", "each"]
            .iter()
            .any(|w| clause_text.contains(w));

        let mut subjects: Vec<(usize, usize, Range<usize>)> = Vec::new();
        let mut inherit = None;
        // Vendor output: the vendor's figure.
        // The word lists of the clause and the sentence, read once.
        let clause_words = self.words(bi, clause.clone());
        let sentence_words = self.words(bi, sentence.clone());
        let output_here = clause_words & text::W_OUTPUT != 0;
        let output_sentence = sentence_words & text::W_OUTPUT != 0;
        if output_here
            || (output_sentence
                && self
                    .candidates(bi, clause.clone(), &range, false)
                    .is_empty())
        {
            let vendors: Vec<_> = self
                .candidates(bi, sentence.clone(), &range, true)
                .into_iter()
                .filter(|c| self.info(c.0).is_vendor())
                .collect();
            subjects = self.pick(&vendors, n.span.start, false);
            if subjects.is_empty() {
                let vendor = chip
                    .id
                    .as_deref()
                    .and_then(|id| self.x.matcher.index_of(id))
                    .and_then(|i| self.info(i).org.clone());
                if let Some(v) = vendor.and_then(|v| self.x.matcher.index_of(&v)) {
                    subjects.push((v, bi, range.clone()));
                }
            }
        }
        // A table row names its subject in another cell.
        if subjects.is_empty() {
            if let Some(row) = b.block.table_row {
                let mut cands = Vec::new();
                let same_row = |j: &usize| self.blocks[*j].block.table_row == Some(row);
                let before = (0..bi).rev().take_while(same_row);
                let after = (bi + 1..self.blocks.len()).take_while(same_row);
                for j in before.chain(after) {
                    cands.extend(self.candidates(
                        j,
                        0..self.blocks[j].block.text.len(),
                        &(0..0),
                        false,
                    ));
                }
                subjects = self.pick(&cands, 0, false);
            }
        }
        // `Project Rainier, a cluster of 500,000 chips that Anthropic uses
        // to train Claude`, `由10万块H100组成的集群`: the figure is the size
        // of the cluster just named.
        let mut apposition = false;
        if subjects.is_empty() && self.describes_cluster(bi, &clause, &range) {
            let named: Vec<_> = self
                .candidates(bi, sentence.start..n.span.start, &range, false)
                .into_iter()
                .filter(|c| self.info(c.0).kind == EntityKind::Cluster)
                .collect();
            subjects = self.pick(&named, n.span.start, false);
            apposition = !subjects.is_empty();
        }
        if subjects.is_empty() {
            subjects = self.pick(
                &self.candidates(bi, clause.clone(), &range, false),
                n.span.start,
                respectively,
            );
        }
        if subjects.is_empty() {
            subjects = self.pick(
                &self.candidates(bi, sentence.clone(), &range, false),
                n.span.start,
                respectively,
            );
        }
        // With several figures, `分别` pairs subjects and figures in order.
        if respectively && subjects.len() > 1 {
            let b = &self.blocks[bi];
            let figures: Vec<usize> = b
                .numbers
                .iter()
                .filter(|m| {
                    m.span.start >= clause.start && m.span.end <= clause.end && !self.glued(bi, m)
                })
                .map(|m| m.span.start)
                .collect();
            if figures.len() == subjects.len() {
                if let Some(i) = figures.iter().position(|&s| s == n.span.start) {
                    subjects = vec![subjects[i].clone()];
                }
            }
        }
        // `the company`, `the site`: an organisation or a cluster, never a model.
        if subjects.is_empty() {
            if let Some(e) = self.anaphora_subject(bi, &sentence, n.span.start) {
                subjects.push((e, bi, 0..0));
            }
        }
        // A figure attributed to an analyst restates one given before.
        let attributed = self.has_attribution(bi, &sentence);
        if subjects.is_empty() {
            // Anaphora: the last claim about the same chip, or for a bare
            // GPU figure the last claim in this block or list.
            let prev = if chip.is_generic() {
                self.cands.iter().rposition(|c| {
                    c.block == bi
                        || (c.block + 1 == bi
                            && self.blocks[c.block].block.kind == BlockKind::ListItem
                            && b.block.kind == BlockKind::ListItem)
                })
            } else {
                // Only when the sentence refers back, continues a list or
                // table, or the figure was given earlier in this block.
                let structural = b.block.table_row.is_some() || b.block.kind == BlockKind::ListItem;
                let refers_back = sentence_words & text::W_ANAPHORA != 0 || attributed;
                self.cands
                    .iter()
                    .rposition(|c| same_chip(&c.chip, &chip))
                    .filter(|&k| structural || refers_back || self.cands[k].block == bi)
            };
            inherit = prev;
        }
        if subjects.is_empty() && inherit.is_none() {
            if let Some((j, s)) = self.previous_sentence(bi, sent_i) {
                subjects = self.pick(&self.candidates(j, s, &(0..0), false), usize::MAX, false);
            }
        }

        // The role.
        let mut role = text::role_of(clause_words)
            .or_else(|| header.and_then(|h| self.role_in(h, 0..self.blocks[h].block.text.len())));
        // The lead-in of a list ("trained in one of three ways:") outranks
        // weak wording in the item itself.
        let lead_role = if b.block.kind == BlockKind::ListItem {
            (0..bi)
                .rev()
                .take(64)
                .find(|&j| self.blocks[j].block.kind != BlockKind::ListItem)
                .and_then(|j| {
                    let lead = &self.blocks[j].block.text;
                    if lead.trim_end().ends_with([':', '：']) {
                        self.blocks[j]
                            .sentences()
                            .last()
                            .and_then(|s| self.role_in(j, s.clone()))
                    } else {
                        None
                    }
                })
        } else {
            None
        };
        if matches!(role, Some(Role::Cluster | Role::Deployed))
            && matches!(
                lead_role,
                Some(Role::Trained | Role::Planned | Role::Purchased)
            )
        {
            role = lead_role;
        }
        let kind_of = |s: &[(usize, usize, Range<usize>)]| s.first().map(|c| self.info(c.0).kind);
        let subject_kind = kind_of(&subjects);
        if role.is_none() {
            role = match subject_kind {
                Some(EntityKind::Model) => Some(Role::Trained),
                Some(EntityKind::Cluster) => Some(Role::Cluster),
                _ => None,
            };
        }
        if role.is_none() {
            role = text::role_of(sentence_words);
        }
        if role.is_none() {
            role = lead_role;
        }
        // A restatement with no wording of its own keeps the role of the
        // figure it restates.
        if role.is_none() {
            role = inherit.and_then(|k| self.cands.get(k)).map(|c| c.role);
        }
        let mut role = role.unwrap_or(match subject_kind {
            Some(EntityKind::Organisation) => Role::Deployed,
            _ => Role::Other,
        });
        // A model's accelerators trained it.
        if role == Role::Trained
            && (subject_kind == Some(EntityKind::Organisation) || subjects.is_empty())
            && inherit.is_none()
        {
            let org_id = subjects.first().map(|c| self.info(c.0).id.clone());
            let model = match &org_id {
                Some(org) => self.latest_model_of(bi, n.span.start, org),
                None if sentence_words & text::W_TRAINED != 0 => self.dominant_model,
                None => None,
            };
            if let Some(m) = model {
                subjects = vec![(m, bi, 0..0)];
            }
        }
        let subject_kind = kind_of(&subjects);
        if subject_kind == Some(EntityKind::Model) && matches!(role, Role::Cluster | Role::Deployed)
        {
            role = Role::Trained;
        }
        if subject_kind == Some(EntityKind::Cluster) && role == Role::Deployed {
            role = Role::Cluster;
        }

        if apposition {
            role = if self.role_in(bi, sentence.start..n.span.start) == Some(Role::Planned) {
                Role::Planned
            } else {
                Role::Cluster
            };
        }
        if ph.per_unit {
            role = Role::Other;
        }
        let heading = b.block.kind == BlockKind::Heading;
        let subject_list: Vec<Option<(usize, String)>> = if subjects.is_empty() {
            vec![None]
        } else {
            subjects
                .iter()
                .map(|(e, j, r)| {
                    Some((
                        *e,
                        self.blocks[*j]
                            .block
                            .text
                            .get(r.clone())
                            .unwrap_or("")
                            .to_string(),
                    ))
                })
                .collect()
        };
        // One candidate per subject; the last takes the number and the chip.
        let mut taken = Some((number, chip));
        let last = subject_list.len() - 1;
        for (k, s) in subject_list.into_iter().enumerate() {
            let (subject, subject_text) = match s {
                Some((e, txt)) => (Some(e), txt),
                None => (None, String::new()),
            };
            let (n, chip) = match taken.as_ref() {
                Some((n, chip)) if k < last => (n.clone(), chip.clone()),
                _ => taken.take().expect("the last subject takes them"),
            };
            self.cands.push(Cand {
                block: bi,
                range: range.clone(),
                n,
                chip,
                subject,
                subject_text,
                role,
                inherit,
                heading,
            });
        }
        true
    }

    /// The latest model of an organisation named before a point.
    fn latest_model_of(&self, bi: usize, pos: usize, org: &str) -> Option<usize> {
        for j in (0..=bi).rev().take(256) {
            for f in self.blocks[j].mentions.iter().rev() {
                if j == bi && f.range.start >= pos {
                    continue;
                }
                let i = self.info(f.entity);
                if i.kind == EntityKind::Model && i.org.as_deref() == Some(org) {
                    return Some(f.entity);
                }
            }
        }
        self.dominant_model
            .filter(|&m| self.info(m).org.as_deref() == Some(org))
    }

    /// A figure with no accelerator word of its own that counts them by
    /// context: `GPU数量超过1万`, or a table cell under a `GPUs` header.
    fn bare_count(&mut self, bi: usize, n: &NumberMatch) -> bool {
        let b = &self.blocks[bi];
        let t = &b.block.text;
        let num = &t[n.number_span.clone()];
        if n.as_count().is_none_or(|c| c < 2)
            || (num.len() == 4 && num.bytes().all(|c| c.is_ascii_digit()))
        {
            return false;
        }
        let after = t[n.span.end..].trim_start();
        let ends_here = after.is_empty()
            || after.starts_with(['.', ',', ';', ':', '。', '，', '；', '：', ')', '）', '、']);
        if !ends_here {
            return false;
        }
        // A bare table cell counts accelerators when its column says so.
        let table_cell = b.block.table_row.is_some()
            && t.trim() == t[n.span.clone()].trim()
            && self.header_cell(bi).is_some_and(|h| {
                let head = &self.blocks[h].block.text;
                CHIP_WORDS.iter().any(|w| head.contains(w))
                    || ["数量", "count", "Count", "number", "Number"]
                        .iter()
                        .any(|w| head.contains(w))
            });
        let clause = text::containing(b.clauses(), n.span.start)
            .map(|i| b.clauses()[i].clone())
            .unwrap_or(0..t.len());
        let before = &t[clause.start.min(n.span.start)..n.span.start];
        let counted = ["数量", "总数", "总量"].iter().any(|w| before.contains(w))
            && (CHIP_WORDS.iter().any(|w| before.contains(w))
                || b.mentions.iter().any(|f| {
                    f.range.start >= clause.start
                        && f.range.end <= n.span.start
                        && self.info(f.entity).kind == EntityKind::Chip
                }));
        if !(table_cell || counted) {
            return false;
        }
        let ph = Phrase {
            end: n.span.end,
            chip_start: n.span.end,
            classifier_only: true,
            counter: true,
            ..Phrase::default()
        };
        self.claim(bi, n, ph)
    }

    /// `lift that figure to 200,000`: a bare figure restating a target for
    /// the accelerators of a claim just made.
    fn bare_restatement(&mut self, bi: usize, n: &NumberMatch) -> bool {
        let Some(count) = n.as_count() else {
            return false;
        };
        let t = &self.blocks[bi].block.text;
        let num = &t[n.number_span.clone()];
        if count < 1000 || (num.len() == 4 && num.bytes().all(|b| b.is_ascii_digit())) {
            return false;
        }
        let after = t[n.span.end..].trim_start();
        if !(after.is_empty()
            || after.starts_with(['.', ',', ';', ':', '。', '，', '；', '：', ')', '）']))
        {
            return false;
        }
        let before = t[..n.span.start].trim_end();
        let to = before.ends_with(" to")
            || before.ends_with("至")
            || before.ends_with("到")
            || before == "to";
        if !to {
            return false;
        }
        let b = &self.blocks[bi];
        let sent = text::containing(b.sentences(), n.span.start)
            .map(|i| b.sentences()[i].clone())
            .unwrap_or(0..t.len());
        let words = self.words(bi, sent);
        let about_a_figure =
            text::role_of(words) == Some(Role::Planned) || words & text::W_FIGURE != 0;
        if !about_a_figure {
            return false;
        }
        let Some(k) = self.cands.iter().rposition(|c| c.block + 2 >= bi) else {
            return false;
        };
        let prev = self.cands[k].clone();
        let b = &self.blocks[bi];
        let sent = text::containing(b.sentences(), n.span.start)
            .map(|i| b.sentences()[i].clone())
            .unwrap_or(0..t.len());
        let role = self
            .role_in(bi, sent)
            .filter(|r| *r == Role::Planned)
            .unwrap_or(prev.role);
        self.cands.push(Cand {
            block: bi,
            range: n.span.clone(),
            n: n.clone(),
            chip: ChipRef {
                text: String::new(),
                ..prev.chip.clone()
            },
            subject: None,
            subject_text: String::new(),
            role,
            inherit: Some(k),
            heading: b.block.kind == BlockKind::Heading,
        });
        true
    }

    /// Headings and subject-less restatements take the subject (and, for
    /// headings, the role) of the same figure stated elsewhere.
    fn resolve_restatements(&mut self) {
        for pass in 0..2 {
            for i in 0..self.cands.len() {
                if pass == 1 && self.cands[i].subject.is_none() {
                    if let Some(k) = self.cands[i].inherit {
                        if k < i && self.cands[k].subject.is_some() {
                            let s = self.cands[k].subject;
                            let model = s.is_some_and(|e| self.info(e).kind == EntityKind::Model);
                            let c = &mut self.cands[i];
                            c.subject = s;
                            c.subject_text.clear();
                            if model && matches!(c.role, Role::Cluster | Role::Deployed) {
                                c.role = Role::Trained;
                            }
                        }
                    }
                }
                let c = &self.cands[i];
                if c.subject.is_some() && !c.heading {
                    continue;
                }
                let count = c.n.as_count();
                let other = (0..self.cands.len()).find(|&j| {
                    let o = &self.cands[j];
                    j != i
                        && !o.heading
                        && o.subject.is_some()
                        && o.n.as_count() == count
                        && compatible(&o.chip, &c.chip)
                        && (c.subject.is_none() || o.subject == c.subject)
                });
                if let Some(j) = other {
                    let (s, role) = (self.cands[j].subject, self.cands[j].role);
                    let c = &mut self.cands[i];
                    if c.subject.is_none() {
                        c.subject = s;
                        c.subject_text.clear();
                    }
                    if c.heading {
                        c.role = role;
                    }
                }
            }
        }
    }

    fn finish(mut self) -> Extraction {
        let mut cands = std::mem::take(&mut self.cands);
        let mut claims = Vec::with_capacity(cands.len());
        // Candidates come mostly in text order; a stable sort allocates.
        if !cands.is_sorted_by_key(|c| (c.block, c.range.start)) {
            cands.sort_by_key(|c| (c.block, c.range.start));
        }
        let mut number = itoa::Buffer::new();
        // Each candidate is used once: its strings move into the claim.
        for c in cands {
            let b = &self.blocks[c.block];
            let t = &b.block.text;
            let Some(text) = t.get(c.range.clone()) else {
                continue;
            };
            let span = b.block.source_range(c.range.clone());
            let (line, column) = self.art.location(span.start);
            let quote = text::containing(b.sentences(), c.range.start)
                .and_then(|i| t.get(b.sentences()[i].clone()))
                .unwrap_or(t)
                .trim()
                .to_string();
            let subject = c.subject.map(|e| {
                let i = self.info(e);
                let txt = if c.subject_text.is_empty() {
                    i.name.clone()
                } else {
                    c.subject_text
                };
                EntityRef {
                    id: (!i.id.is_empty()).then(|| i.id.clone()),
                    name: i.name.clone(),
                    text: txt,
                }
            });
            claims.push(Claim {
                id: ["c", number.format(claims.len() + 1)].concat(),
                kind: ClaimKind::AcceleratorCount,
                count: c.n.as_count().unwrap_or(0),
                count_max: c
                    .n
                    .value_max
                    .filter(|v| *v >= 0.0 && v.fract() == 0.0 && *v < 1e18)
                    .map(|v| v as u64),
                approx: c.n.approx,
                hedge: c.n.hedge.map(|h| h.text),
                chip: c.chip,
                subject,
                role: c.role,
                text: text.to_string(),
                quote,
                line,
                column,
                verdict: None,
                span,
            });
        }
        if !self.quantities.is_sorted_by_key(|q| q.span.start) {
            self.quantities.sort_by_key(|q| q.span.start);
        }
        let entities = self.entity_mentions();
        Extraction {
            claims,
            quantities: self.quantities,
            entities,
        }
    }

    fn entity_mentions(&self) -> Vec<EntityMentions> {
        // In order of first mention; an article names a few dozen
        // entities at most, so a list beats a hash map.
        let mut by: Vec<(usize, Vec<Mention>)> = Vec::new();
        for b in &self.blocks {
            for f in &b.mentions {
                let info = self.info(f.entity);
                if info.id.is_empty() {
                    continue;
                }
                let Some(text) = b.block.text.get(f.range.clone()) else {
                    continue;
                };
                let span = b.block.source_range(f.range.clone());
                let line = self.art.lines.line(span.start);
                let k = match by.iter().rposition(|(e, _)| *e == f.entity) {
                    Some(k) => k,
                    None => {
                        by.push((f.entity, Vec::new()));
                        by.len() - 1
                    }
                };
                by[k].1.push(Mention {
                    text: text.to_string(),
                    line,
                    misnomer: f.misnomer,
                });
            }
        }
        by.into_iter()
            .map(|(e, mentions)| {
                let i = self.info(e);
                EntityMentions {
                    kind: i.kind,
                    id: i.id.clone(),
                    name: i.name.clone(),
                    mentions,
                }
            })
            .collect()
    }
}

/// A figure with no number in it (`thousands of`, `数千`, `上万`, `几十万`):
/// not a claim. `百万级` and `万卡` state an order of magnitude and are.
fn vague(num: &str) -> bool {
    let words = num.trim();
    let plural_word = words.bytes().all(|b| b.is_ascii_alphabetic() || b == b' ')
        && words.split(' ').any(|w| {
            [
                "hundreds",
                "thousands",
                "millions",
                "billions",
                "tens",
                "dozens",
            ]
            .iter()
            .any(|p| w.eq_ignore_ascii_case(p))
        });
    plural_word || num.starts_with(['数', '几', '上', '成'])
}

/// A generic accelerator word at `q`: (length, is a bare counter).
fn generic_at(t: &str, q: usize) -> Option<(usize, bool)> {
    let r = &t[q..];
    let first = *r.as_bytes().first()?;
    // Only the words that can start with this byte, in list order.
    for &(zh, k) in &generic_by_first_byte()[usize::from(first)] {
        if zh {
            let (w, counter) = GENERIC_ZH[usize::from(k)];
            if r.starts_with(w)
                && (!w.is_ascii()
                    || word_end_ok(t, q + w.len())
                    || t[q + w.len()..].starts_with(['卡', '芯']))
            {
                return Some((w.len(), counter));
            }
        } else {
            let (w, counter) = GENERIC_EN[usize::from(k)];
            if starts_ci(r, w) && word_end_ok(t, q + w.len()) {
                return Some((w.len(), counter));
            }
        }
    }
    None
}

/// For each byte, the generic words that can start with it: the Chinese
/// list's (case-sensitive) before the English list's (either case), each
/// in list order. Built once.
fn generic_by_first_byte() -> &'static [Vec<(bool, u8)>; 256] {
    static INDEX: std::sync::OnceLock<[Vec<(bool, u8)>; 256]> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index: [Vec<(bool, u8)>; 256] = std::array::from_fn(|_| Vec::new());
        for (b, list) in index.iter_mut().enumerate() {
            for (k, (w, _)) in GENERIC_ZH.iter().enumerate() {
                if usize::from(w.as_bytes()[0]) == b {
                    list.push((true, k as u8));
                }
            }
            for (k, (w, _)) in GENERIC_EN.iter().enumerate() {
                if w.as_bytes()[0].eq_ignore_ascii_case(&(b as u8)) {
                    list.push((false, k as u8));
                }
            }
        }
        index
    })
}

fn chip_key(c: &ChipRef) -> std::borrow::Cow<'_, str> {
    match &c.id {
        Some(id) => id.into(),
        None => fold::fold_name(&c.name).into(),
    }
}

fn same_chip(a: &ChipRef, b: &ChipRef) -> bool {
    chip_key(a) == chip_key(b)
}

/// `GPU` is compatible with any chip; otherwise the chips must be equal.
pub fn compatible(a: &ChipRef, b: &ChipRef) -> bool {
    a.is_generic() || b.is_generic() || same_chip(a, b)
}

/// Counts claims of each quantity kind (handy in tests and reports).
pub fn quantity_kinds(x: &Extraction) -> HashMap<QuantityKind, usize> {
    let mut m = HashMap::new();
    for q in &x.quantities {
        *m.entry(q.kind).or_default() += 1;
    }
    m
}

#[cfg(test)]
mod tests;
