//! Hedge words: the prefixes and postfixes that make a figure approximate
//! or a bound (`约`, `超过`, `左右`, `about`, `more than`, `+`).

use super::HedgeKind::{self, *};

/// Chinese and symbol prefixes. `bare_only`: only before a bare unit
/// (`上万`, `数千`), never before digits.
pub(crate) const ZH_PREFIX: &[(&str, HedgeKind, bool)] = &[
    ("大约", About, false),
    ("大概", About, false),
    ("约合", About, false),
    ("约莫", About, false),
    ("约", About, false),
    ("約", About, false),
    ("将近", AtMost, false),
    ("將近", AtMost, false),
    ("接近", AtMost, false),
    ("近", AtMost, false),
    ("超过", AtLeast, false),
    ("超過", AtLeast, false),
    ("超", AtLeast, false),
    ("逾", AtLeast, false),
    ("不到", AtMost, false),
    ("不足", AtMost, false),
    ("不超过", AtMost, false),
    ("不超過", AtMost, false),
    ("多达", AtMost, false),
    ("多達", AtMost, false),
    ("高达", AtMost, false),
    ("高達", AtMost, false),
    ("至少", AtLeast, false),
    ("最少", AtLeast, false),
    ("不少于", AtLeast, false),
    ("不少於", AtLeast, false),
    ("不低于", AtLeast, false),
    ("不低於", AtLeast, false),
    ("最多", AtMost, false),
    ("大于", AtLeast, false),
    ("大於", AtLeast, false),
    ("小于", AtMost, false),
    ("小於", AtMost, false),
    ("少于", AtMost, false),
    ("少於", AtMost, false),
    ("低于", AtMost, false),
    ("低於", AtMost, false),
    ("上", Magnitude, true),
    ("数", Magnitude, true),
    ("數", Magnitude, true),
    ("~", About, false),
    ("～", About, false),
    ("〜", About, false),
    ("≈", About, false),
    ("约为", About, false),
];

/// English prefixes, matched case-insensitively at a word start and
/// followed by a space.
pub(crate) const EN_PREFIX: &[(&str, HedgeKind)] = &[
    ("about", About),
    ("around", About),
    ("approximately", About),
    ("approx.", About),
    ("roughly", About),
    ("some", About),
    ("an estimated", About),
    ("estimated", About),
    ("nearly", AtMost),
    ("almost", AtMost),
    ("close to", AtMost),
    ("up to", AtMost),
    ("as many as", AtMost),
    ("as much as", AtMost),
    ("under", AtMost),
    ("just under", AtMost),
    ("below", AtMost),
    ("fewer than", AtMost),
    ("less than", AtMost),
    ("no more than", AtMost),
    ("not more than", AtMost),
    ("at most", AtMost),
    ("over", AtLeast),
    ("just over", AtLeast),
    ("well over", AtLeast),
    ("more than", AtLeast),
    ("at least", AtLeast),
    ("upwards of", AtLeast),
    ("in excess of", AtLeast),
    ("north of", AtLeast),
    ("above", AtLeast),
    ("greater than", AtLeast),
    ("no fewer than", AtLeast),
    ("no less than", AtLeast),
];

/// Chinese postfixes after the numeral.
pub(crate) const ZH_POSTFIX: &[(&str, HedgeKind)] = &[
    ("左右", About),
    ("上下", About),
    ("以上", AtLeast),
    ("出头", AtLeast),
    ("出頭", AtLeast),
    ("以下", AtMost),
    ("以内", AtMost),
    ("以內", AtMost),
    ("之多", AtMost),
    ("量级", Magnitude),
    ("量級", Magnitude),
    ("级", Magnitude),
    ("級", Magnitude),
];

/// English postfixes (after a space).
pub(crate) const EN_POSTFIX: &[(&str, HedgeKind)] = &[
    ("or more", AtLeast),
    ("or so", About),
    ("or fewer", AtMost),
    ("or less", AtMost),
];

/// The longest Chinese/symbol prefix at `i`.
pub(crate) fn zh_prefix(t: &str, i: usize) -> Option<(HedgeKind, usize, bool)> {
    let s = &t[i..];
    // Of the ASCII characters only `~` starts a prefix.
    if s.as_bytes().first().is_some_and(|&x| x < 0x80 && x != b'~') {
        return None;
    }
    let c = s.chars().next()?;
    if !matches!(
        c,
        '大' | '约'
            | '約'
            | '将'
            | '將'
            | '接'
            | '近'
            | '超'
            | '逾'
            | '不'
            | '多'
            | '高'
            | '至'
            | '最'
            | '小'
            | '少'
            | '低'
            | '上'
            | '数'
            | '數'
            | '~'
            | '～'
            | '〜'
            | '≈'
    ) {
        return None;
    }
    // Only the prefixes that start with `c`, longest first (hot path).
    let by_first = zh_prefix_index();
    let Ok(at) = by_first.binary_search_by_key(&c, |e| e.0) else {
        return None;
    };
    by_first[at].1.iter().find_map(|&k| {
        let (w, kind, bare) = ZH_PREFIX[k];
        s.starts_with(w).then_some((kind, i + w.len(), bare))
    })
}

/// The first characters of [`ZH_PREFIX`], sorted, each with the indices
/// of its prefixes, longest first and in table order among equals: the
/// first that matches is the longest, the earliest of those. Built once.
fn zh_prefix_index() -> &'static [(char, Vec<usize>)] {
    static INDEX: std::sync::OnceLock<Vec<(char, Vec<usize>)>> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index: Vec<(char, Vec<usize>)> = Vec::new();
        for (k, (w, ..)) in ZH_PREFIX.iter().enumerate() {
            let c = w.chars().next().expect("no empty prefix");
            match index.iter_mut().find(|e| e.0 == c) {
                Some(e) => e.1.push(k),
                None => index.push((c, vec![k])),
            }
        }
        index.sort_by_key(|e| e.0);
        for e in &mut index {
            e.1.sort_by_key(|&k| std::cmp::Reverse(ZH_PREFIX[k].0.len()));
        }
        index
    })
}

fn starts_with_ci(s: &[u8], w: &str) -> bool {
    s.len() >= w.len() && s[..w.len()].eq_ignore_ascii_case(w.as_bytes())
}

/// The longest English prefix at word start `i`, followed by a space.
pub(crate) fn en_prefix(t: &str, i: usize) -> Option<(HedgeKind, usize)> {
    let s = &t.as_bytes()[i..];
    let c = s.first()?.to_ascii_lowercase();
    // A prefix can match only where its first word is the whole word at `i`.
    let first_word = s.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let mut best: Option<(HedgeKind, usize)> = None;
    for &n in &en_prefix_index()[en_slot(c, first_word)?] {
        let (w, k) = EN_PREFIX[usize::from(n)];
        if starts_with_ci(s, w)
            && s.get(w.len()) == Some(&b' ')
            && best.is_none_or(|b| w.len() > b.1 - i)
        {
            best = Some((k, i + w.len()));
        }
    }
    best
}

/// The slot of [`en_prefix_index`] for prefixes whose first word starts
/// with the lower-case letter `c` and has `len` letters.
fn en_slot(c: u8, len: usize) -> Option<usize> {
    (c.is_ascii_lowercase() && len < 16).then(|| usize::from(c - b'a') * 16 + len)
}

/// For each first letter and length of the first word, the indices of the
/// [`EN_PREFIX`] entries, in table order. Built once.
fn en_prefix_index() -> &'static [Vec<u8>; 26 * 16] {
    static INDEX: std::sync::OnceLock<[Vec<u8>; 26 * 16]> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index: [Vec<u8>; 26 * 16] = std::array::from_fn(|_| Vec::new());
        for (k, (w, _)) in EN_PREFIX.iter().enumerate() {
            let k = u8::try_from(k).expect("at most 256 prefixes");
            let b = w.as_bytes();
            let len = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
            let slot = en_slot(b[0], len).expect("a prefix starts with a short lower-case word");
            index[slot].push(k);
        }
        index
    })
}

pub(crate) fn zh_postfix(t: &str, i: usize) -> Option<(HedgeKind, usize)> {
    let s = &t[i..];
    let c = s.chars().next()?;
    if !matches!(c, '左' | '上' | '以' | '出' | '之' | '量' | '级' | '級') {
        return None;
    }
    for &(w, k) in ZH_POSTFIX {
        if let Some(rest) = s.strip_prefix(w) {
            // 上下游 (upstream and downstream) is not a hedge.
            if w == "上下" && rest.starts_with(['游', '文', '班']) {
                continue;
            }
            return Some((k, i + w.len()));
        }
    }
    None
}

pub(crate) fn en_postfix(t: &str, i: usize) -> Option<(HedgeKind, usize)> {
    let b = t.as_bytes();
    if b.get(i) != Some(&b' ') {
        return None;
    }
    let s = &b[i + 1..];
    for &(w, k) in EN_POSTFIX {
        if starts_with_ci(s, w) && !s.get(w.len()).is_some_and(|c| c.is_ascii_alphanumeric()) {
            return Some((k, i + 1 + w.len()));
        }
    }
    None
}
