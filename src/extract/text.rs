//! Sentences, clauses and the wording that gives a claim its role.

use crate::model::Role;
use std::ops::Range;

/// For each first byte of a character, its length in bytes, or 0 where it
/// may be punctuation that ends a clause: the ASCII marks, and E2, E3, EF
/// (the first bytes of `—`, `–`, `。` and the full-width marks).
const SKIP: [u8; 256] = {
    let mut t = [1u8; 256];
    let mut b = 0xC0;
    while b < 256 {
        t[b] = if b < 0xE0 {
            2
        } else if b < 0xF0 {
            3
        } else {
            4
        };
        b += 1;
    }
    let marks = b"!?.(),:;";
    let mut k = 0;
    while k < marks.len() {
        t[marks[k] as usize] = 0;
        k += 1;
    }
    t[0xE2] = 0;
    t[0xE3] = 0;
    t[0xEF] = 0;
    t
};

/// Sentence and clause ranges of a block's plain text. Sentences keep
/// their final punctuation; clauses do not.
pub fn split(text: &str) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    // Room for a typical paragraph, so the vectors seldom grow.
    let mut sentences = Vec::with_capacity(8);
    let mut clauses = Vec::with_capacity(16);
    let (mut s0, mut c0) = (0usize, 0usize);
    let b = text.as_bytes();
    let digit_at = |k: usize| b.get(k).is_some_and(u8::is_ascii_digit);
    let mut i = 0;
    while i < b.len() {
        // Only punctuation ends a sentence or a clause. One character at
        // a time: `SKIP` steps over it by its length unless its first byte
        // may start a punctuation mark.
        let skip = SKIP[usize::from(b[i])];
        if skip != 0 {
            i += usize::from(skip);
            continue;
        }
        let (c, len) = if b[i] < 0x80 {
            (b[i] as char, 1)
        } else {
            match text[i..].chars().next() {
                Some(c @ ('。' | '！' | '？' | '，' | '；' | '：' | '—' | '–' | '（' | '）')) => {
                    (c, c.len_utf8())
                }
                _ => {
                    i += 3;
                    continue;
                }
            }
        };
        let end = i + len;
        // The characters around are ASCII digits exactly when the bytes
        // around are.
        let digits_around = i > 0 && digit_at(i - 1) && digit_at(end);
        let sentence_end = match c {
            '。' | '！' | '？' | '!' | '?' => true,
            '.' => {
                !digits_around
                    && text[end..]
                        .chars()
                        .next()
                        .is_none_or(|n| n.is_whitespace() || n == '"' || n == '”')
            }
            _ => false,
        };
        let clause_end = sentence_end
            || match c {
                '，' | '；' | '：' | '—' | '–' | '(' | ')' | '（' | '）' => true,
                ',' | ':' | ';' => !digits_around,
                _ => false,
            };
        if clause_end {
            if i > c0 {
                clauses.push(c0..i);
            }
            c0 = end;
        }
        if sentence_end {
            sentences.push(s0..end);
            s0 = end;
        }
        i = end;
    }
    if s0 < text.len() {
        sentences.push(s0..text.len());
    }
    if c0 < text.len() {
        clauses.push(c0..text.len());
    }
    (sentences, clauses)
}

/// The range in `ranges` holding byte offset `pos` (or the last before it).
pub fn containing(ranges: &[Range<usize>], pos: usize) -> Option<usize> {
    let i = ranges.partition_point(|r| r.start <= pos);
    (i > 0).then(|| i - 1)
}

/// Lower-case ASCII `text` contains `word` starting on a word boundary.
pub fn has_word(lower: &str, word: &str) -> bool {
    if !word.is_ascii() {
        return lower.contains(word);
    }
    let b = lower.as_bytes();
    let mut from = 0;
    while let Some(i) = lower[from..].find(word) {
        let s = from + i;
        if s == 0 || !b[s - 1].is_ascii_alphanumeric() {
            return true;
        }
        from = s + word.len();
        if from >= lower.len() {
            break;
        }
    }
    false
}

const OTHER: &[&str] = &[
    "per node",
    "per server",
    "per rack",
    "per machine",
    "per system",
    "per pod",
    "each system",
    "each dgx",
    "each hgx",
    "each rack",
    "each pod",
    "each node",
    "each server",
    "spare",
    "backup",
    "每个节点",
    "每节点",
    "每台",
    "单节点",
    "单台",
    "备用",
    "冗余",
];
/// Vendor output: the vendor is the subject.
pub const OUTPUT: &[&str] = &[
    "shipped",
    "ships ",
    "shipping",
    "shipment",
    "output",
    "production",
    "produced",
    "produce ",
    "sold",
    "出货",
    "产量",
    "交付",
    "生产",
    "产能",
    "销量",
    "售出",
];
const PLANNED: &[&str] = &[
    "plan",
    "aim",
    "target",
    "expect",
    "will ",
    "by the end of",
    "by year-end",
    "by year end",
    "want",
    "expansion",
    "expand",
    "grow",
    "lift",
    "meant to",
    "goal",
    "intend",
    "hope",
    "set to",
    "on track",
    "next year",
    "计划",
    "将",
    "目标",
    "打算",
    "考虑",
    "拟",
    "预计",
    "有望",
    "扩展至",
    "扩展到",
    "扩建",
    "扩大",
    "增至",
    "增加到",
    "提升至",
    "提升到",
    "规划",
    "未来",
    "年底",
    "力争",
    "准备",
];
const PURCHASED: &[&str] = &[
    "bought",
    "buy",
    "ordered",
    "orders",
    "acquire",
    "acquisition",
    "purchas",
    "picked up",
    "procure",
    "spent",
    "采购",
    "订购",
    "购买",
    "购入",
    "买下",
    "买入",
    "囤积",
    "抢购",
    "下单",
    "求购",
    "拿下",
    "订单",
    "买了",
];
const TRAINED: &[&str] = &["train", "训练", "动用", "练成", "训出", "预训练"];
const DEPLOYED: &[&str] = &[
    "deploy",
    "runs ",
    "running",
    "operat",
    "in service",
    "online",
    "install",
    "houses",
    "equipped",
    "部署",
    "运行",
    "投入使用",
    "上线",
    "配备",
    "拥有",
    "搭载",
    "装备",
    "投入运营",
];
const CLUSTER: &[&str] = &[
    "cluster",
    "supercomputer",
    "supercluster",
    "集群",
    "超算",
    "超级计算机",
    "超级计算",
];

/// Words that refer back to an owner named before.
pub const ANAPHORA: &[&str] = &[
    "the company",
    "the firm",
    "the lab",
    "the model",
    "the group",
    "the project",
    "it ",
    "its ",
    "they ",
    "their ",
    "this ",
    "these ",
    "that ",
    "those ",
    "该",
    "这个",
    "这些",
    "这一",
    "该公司",
    "该模型",
    "该项目",
    "该集群",
    "公司",
    "其",
    "它",
    "他们",
    "这家",
    "此",
];

/// Words that refer back to an organisation (`the company`, `该公司`):
/// never to a model.
pub static ORG_ANAPHORA: WordSet = WordSet::new(&[
    "the company",
    "the firm",
    "the startup",
    "the lab",
    "the group",
    "该公司",
    "这家公司",
    "该企业",
    "这家企业",
    "该机构",
    "公司",
]);

/// Words that refer back to a cluster (`the site`, `该集群`).
pub static CLUSTER_ANAPHORA: WordSet = WordSet::new(&[
    "the site",
    "the cluster",
    "the supercomputer",
    "the supercluster",
    "the facility",
    "the data center",
    "the data centre",
    "the campus",
    "该集群",
    "这个集群",
    "这一集群",
    "该超算",
    "该超级计算机",
    "该数据中心",
    "该站点",
]);

/// Wording that makes an organisation the source of a figure rather than
/// its owner, before (`据`, `according to`) or after (`估计`, `estimates`)
/// its name.
pub const ATTRIBUTION_BEFORE: &[&str] = &[
    "according to",
    "citing",
    "cited by",
    "per",
    "据",
    "根据",
    "援引",
];
pub const ATTRIBUTION_AFTER: &[&str] = &[
    "estimates",
    "estimated",
    "estimate",
    "reckons",
    "calculates",
    "calculated",
    "'s estimate",
    "’s estimate",
    "'s analysis",
    "’s analysis",
    "analysts",
    "的估算",
    "的估计",
    "的测算",
    "的推算",
    "的统计",
    "估算",
    "估计",
    "测算",
    "推算",
    "统计",
];

/// A static word list for [`find_any`], with its automaton built on first
/// use.
pub struct WordSet {
    words: &'static [&'static str],
    ac: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>>,
}

impl WordSet {
    pub const fn new(words: &'static [&'static str]) -> WordSet {
        WordSet {
            words,
            ac: std::sync::OnceLock::new(),
        }
    }
}

/// Where `text` first uses one of `words` (ASCII case-insensitive; Latin
/// words on word boundaries).
pub fn find_any(text: &str, words: &WordSet) -> Option<usize> {
    let ac = words
        .ac
        .get_or_init(|| {
            aho_corasick::AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .build(words.words)
                .ok()
        })
        .as_ref()?;
    let b = text.as_bytes();
    ac.find_overlapping_iter(text)
        .find(|m| {
            let (s, e) = (m.start(), m.end());
            !words.words[m.pattern().as_usize()].is_ascii()
                || ((s == 0 || !b[s - 1].is_ascii_alphanumeric())
                    && (e >= b.len() || !b[e].is_ascii_alphanumeric()))
        })
        .map(|m| m.start())
}

/// `text` ends with one of `words` (ASCII case-insensitive; a Latin word
/// must start on a word boundary).
pub fn ends_with_any(text: &str, words: &[&str]) -> bool {
    let t = text.trim_end();
    words.iter().any(|w| {
        t.len() >= w.len()
            && t.is_char_boundary(t.len() - w.len())
            && t[t.len() - w.len()..].eq_ignore_ascii_case(w)
            && (!w.is_ascii()
                || !t[..t.len() - w.len()]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_ascii_alphanumeric()))
    })
}

/// `text` starts with one of `words` (ASCII case-insensitive; a Latin word
/// must end on a word boundary).
pub fn starts_with_any(text: &str, words: &[&str]) -> bool {
    let t = text.trim_start();
    words.iter().any(|w| {
        t.len() >= w.len()
            && t.is_char_boundary(w.len())
            && t[..w.len()].eq_ignore_ascii_case(w)
            && (!w.is_ascii()
                || !t[w.len()..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphanumeric()))
    })
}

/// Figures restated as such (`that figure`, `总数`).
pub const FIGURE: &[&str] = &["figure", "number", "total", "count", "数量", "规模", "总数"];

/// Word lists, in the order of their bits in [`words_in`].
const LISTS: [&[&str]; 9] = [
    OTHER, OUTPUT, PLANNED, PURCHASED, TRAINED, DEPLOYED, CLUSTER, ANAPHORA, FIGURE,
];
pub const W_OTHER: u16 = 1;
pub const W_OUTPUT: u16 = 1 << 1;
const W_PLANNED: u16 = 1 << 2;
const W_PURCHASED: u16 = 1 << 3;
pub const W_TRAINED: u16 = 1 << 4;
const W_DEPLOYED: u16 = 1 << 5;
const W_CLUSTER: u16 = 1 << 6;
pub const W_ANAPHORA: u16 = 1 << 7;
pub const W_FIGURE: u16 = 1 << 8;

fn automaton() -> &'static (aho_corasick::dfa::DFA, Vec<(u16, bool)>) {
    static AC: std::sync::OnceLock<(aho_corasick::dfa::DFA, Vec<(u16, bool)>)> =
        std::sync::OnceLock::new();
    AC.get_or_init(|| {
        let mut words = Vec::new();
        let mut info = Vec::new();
        for (i, list) in LISTS.iter().enumerate() {
            for w in list.iter() {
                words.push(*w);
                info.push((1u16 << i, w.is_ascii()));
            }
        }
        let ac = super::overlap::build(&words, true).expect("static word lists");
        (ac, info)
    })
}

/// The word lists `text` uses, as bits; Latin words start on a word
/// boundary, and chip names are not wording (`Trainium` is not `train`).
pub fn words_in(text: &str) -> u16 {
    words_in_range(text, &word_hits(text), 0..text.len())
}

/// One occurrence of a word of the lists in a text: start, end, pattern.
pub type WordHit = (u32, u32, u16);

/// Every occurrence of every word of the lists in `text`, boundaries not
/// yet checked: [`words_in_range`] answers [`words_in`] for any part of
/// `text` from these, so a block is searched once however many of its
/// sentences and clauses are asked about.
pub fn word_hits(text: &str) -> Vec<WordHit> {
    let (ac, _) = automaton();
    let mut hits: Vec<WordHit> = Vec::new();
    super::overlap::each(ac, text.as_bytes(), |s, e, p| {
        hits.push((s as u32, e as u32, p as u16))
    });
    debug_assert!(hits.windows(2).all(|w| w[0].1 <= w[1].1));
    hits
}

/// [`words_in`]`(&text[r])`, from the [`word_hits`] of all of `text`, or
/// of any part of it that holds `r` (offsets into `text`). An overlapping
/// search finds every occurrence, so the occurrences in `text[r]` are
/// exactly those found that lie inside `r`; the checks then look only
/// inside `r`, as a search of `text[r]` alone would.
pub fn words_in_range(text: &str, hits: &[WordHit], r: Range<usize>) -> u16 {
    let (_, info) = automaton();
    let b = &text.as_bytes()[..r.end];
    let mut mask = 0;
    // The hits come in the order of their ends.
    let first = hits.partition_point(|h| (h.1 as usize) <= r.start);
    for &(s, e, p) in &hits[first..] {
        let (s, e) = (s as usize, e as usize);
        if e > r.end {
            break;
        }
        if s < r.start {
            continue;
        }
        let (bit, ascii) = info[p as usize];
        if mask & bit != 0 {
            continue;
        }
        if ascii {
            if s > r.start && b[s - 1].is_ascii_alphanumeric() {
                continue;
            }
            if bit == W_TRAINED && b.len() >= s + 8 && b[s..s + 8].eq_ignore_ascii_case(b"trainium")
            {
                continue;
            }
        }
        // "training cluster" / 训练集群 is a kind of cluster, not a training
        // run: the count describes the cluster.
        if bit == W_TRAINED && is_training_cluster(&text[e..r.end]) {
            continue;
        }
        mask |= bit;
    }
    mask
}

/// Does the text right after a training word name a cluster (`ing
/// cluster`, `ing supercomputer`, `集群`)?
fn is_training_cluster(after: &str) -> bool {
    let rest = after.strip_prefix("ing").unwrap_or(after).trim_start();
    // ASCII case folding is enough: no other character lower-cases to a
    // letter of these words.
    let b = rest.as_bytes();
    ["cluster", "supercomputer", "supercluster", "集群", "超算"]
        .iter()
        .any(|w| b.len() >= w.len() && b[..w.len()].eq_ignore_ascii_case(w.as_bytes()))
}

/// The role the wording of `text` gives a count, strongest first.
pub fn role_in(text: &str) -> Option<Role> {
    role_of(words_in(text))
}

/// The role the word lists `w` (from [`words_in`]) give a count.
pub fn role_of(w: u16) -> Option<Role> {
    if w & (W_OTHER | W_OUTPUT) != 0 {
        Some(Role::Other)
    } else if w & W_PLANNED != 0 {
        Some(Role::Planned)
    } else if w & W_PURCHASED != 0 {
        Some(Role::Purchased)
    } else if w & W_TRAINED != 0 {
        Some(Role::Trained)
    } else if w & W_DEPLOYED != 0 {
        Some(Role::Deployed)
    } else if w & W_CLUSTER != 0 {
        Some(Role::Cluster)
    } else {
        None
    }
}

/// Whether `text` uses a word of the list `bit`.
pub fn has(text: &str, bit: u16) -> bool {
    words_in(text) & bit != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `split` as it was before its byte scan: one character at a time.
    fn split_by_char(text: &str) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
        let mut sentences = Vec::new();
        let mut clauses = Vec::new();
        let (mut s0, mut c0) = (0usize, 0usize);
        let mut prev: Option<char> = None;
        let mut it = text.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            let next = it.peek().map(|x| x.1);
            let end = i + c.len_utf8();
            let before = prev.replace(c);
            let digits_around = before.is_some_and(|p| p.is_ascii_digit())
                && next.is_some_and(|n| n.is_ascii_digit());
            let sentence_end = match c {
                '。' | '！' | '？' | '!' | '?' => true,
                '.' => {
                    !digits_around && next.is_none_or(|n| n.is_whitespace() || n == '"' || n == '”')
                }
                _ => false,
            };
            let clause_end = sentence_end
                || match c {
                    '，' | '；' | '：' | '—' | '–' | '(' | ')' | '（' | '）' => true,
                    ',' | ':' | ';' => !digits_around,
                    _ => false,
                };
            if clause_end {
                if i > c0 {
                    clauses.push(c0..i);
                }
                c0 = end;
            }
            if sentence_end {
                sentences.push(s0..end);
                s0 = end;
            }
        }
        if s0 < text.len() {
            sentences.push(s0..text.len());
        }
        if c0 < text.len() {
            clauses.push(c0..text.len());
        }
        (sentences, clauses)
    }

    #[test]
    fn byte_scan_splits_like_the_character_walk() {
        let alphabet: Vec<char> = "a1 .,:;!?()。！？，；：—–（）\u{3000}\u{00A0}\"”H100 英伟达€✓—"
            .chars()
            .collect();
        let mut seed = 0x9e37_79b9_u64;
        let mut long = 0;
        for _ in 0..2000 {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let mut t = String::new();
            for _ in 0..(seed >> 40) % 32 {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                t.push(alphabet[(seed >> 33) as usize % alphabet.len()]);
            }
            assert_eq!(split(&t), split_by_char(&t), "{t:?}");
            long += usize::from(t.chars().count() > 8);
        }
        assert!(long > 1000);
    }

    /// `words_in` as it was: one search of the slice itself.
    fn words_in_slice(text: &str) -> u16 {
        let (ac, info) = automaton();
        let b = text.as_bytes();
        let mut mask = 0;
        let mut found = Vec::new();
        super::super::overlap::each(ac, b, |s, e, p| found.push((s, e, p)));
        for (s, end, p) in found {
            let (bit, ascii) = info[p];
            if ascii {
                if s > 0 && b[s - 1].is_ascii_alphanumeric() {
                    continue;
                }
                if bit == W_TRAINED
                    && b.len() >= s + 8
                    && b[s..s + 8].eq_ignore_ascii_case(b"trainium")
                {
                    continue;
                }
            }
            let after = &text[end..];
            let rest = after.strip_prefix("ing").unwrap_or(after).trim_start();
            let lower: String = rest.chars().take(16).collect::<String>().to_lowercase();
            if bit == W_TRAINED
                && ["cluster", "supercomputer", "supercluster", "集群", "超算"]
                    .iter()
                    .any(|w| lower.starts_with(w))
            {
                continue;
            }
            mask |= bit;
        }
        mask
    }

    #[test]
    fn block_hits_answer_every_part_of_the_block() {
        let texts = [
            "The company trained it on Trainium chips; its training cluster, they plan, will grow.",
            "该公司计划采购2万块H100,用于训练集群;其训练动用了TRAINING SUPERCOMPUTER与此前的出货。",
            "per server, each node: 8 GPUs. Training Clusters were deployed and running online.",
            "retrained, strained, trainings — a Training cluster; the firm's total count",
        ];
        for t in texts {
            let hits = word_hits(t);
            let bounds: Vec<usize> = (0..=t.len()).filter(|&i| t.is_char_boundary(i)).collect();
            for (k, &a) in bounds.iter().enumerate() {
                for &z in &bounds[k..] {
                    assert_eq!(
                        words_in_range(t, &hits, a..z),
                        words_in_slice(&t[a..z]),
                        "{:?}",
                        &t[a..z]
                    );
                }
            }
        }
    }

    #[test]
    fn splits_and_roles() {
        let t = "Meta, for example, picked up 224,000 chips. 这是3.5个月,约20万块H100。";
        let (s, c) = split(t);
        assert_eq!(s.len(), 2);
        assert_eq!(&t[c[2].clone()], " picked up 224,000 chips");
        assert_eq!(role_in(&t[s[0].clone()]), Some(Role::Purchased));
        assert_eq!(
            role_in("xAI计划中的10万块H100显卡集群"),
            Some(Role::Planned)
        );
        // A training cluster is a cluster; training on a cluster is training.
        assert_eq!(
            role_in("one of two training clusters, each built from 24,576 H100 GPUs"),
            Some(Role::Cluster)
        );
        assert_eq!(role_in("两个训练集群各有24576块H100"), Some(Role::Cluster));
        assert_eq!(
            role_in("trained on a cluster of 16,384 H100 GPUs"),
            Some(Role::Trained)
        );
        assert_eq!(
            role_in("由2048张H800 GPU组成的集群上完成训练"),
            Some(Role::Trained)
        );
        assert_eq!(role_in("8 GPUs per node"), Some(Role::Other));
        assert_eq!(role_in("Colossus has 100,000 GPUs"), None);
    }
}
