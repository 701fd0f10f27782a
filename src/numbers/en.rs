//! English number words: `two hundred and two thousand`, `twenty-four`,
//! `half a million`, `one and a half million`, `a dozen`, `a couple of`,
//! `three lakh crore`, `two hundred point zero three`, `thirty fifths`,
//! `one over twenty`, `tens of thousands`.
//!
//! Words are read case-insensitively into at most [`MAX`] tokens, then
//! evaluated with the usual group/scale accumulator: a scale larger than
//! every one before multiplies everything so far (`two hundred and two
//! thousand` = 202,000; `three thousand millions` = 3e9), a smaller one
//! adds a new group. `a dozen` multiplies only what follows the last `and`
//! (`three hundred and two dozens` = 324, as Recognizers-Text).

use super::arabic::{digit_run, word_key, SCALE_WORDS};
use super::value::V;
use super::HedgeKind;

const MAX: usize = 28;

#[derive(Debug, Clone, Copy)]
pub(crate) struct EnNum {
    pub end: usize,
    pub v: V,
    pub scale: Option<V>,
    pub hedge: Option<(HedgeKind, usize, usize)>,
    pub fraction: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum W {
    Zero,
    Unit(i128),
    Teen(i128),
    Tens(i128),
    Hundred,
    /// A scale, and whether it was plural (`thousands`).
    Scale(V, bool),
    Dozen,
    And,
    A,
    Half,
    Couple,
    Point,
    Over,
    Of,
    /// An ordinal denominator (`fifths` = 5); `first`/`firsts` only after tens.
    Ord(i128),
    Digits(V),
    /// `tens` (of thousands).
    TensPl,
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    w: W,
    start: usize,
    end: usize,
    /// Joined to the previous token by a hyphen.
    hyphen: bool,
}

/// The words [`word`] reads, lower case; scale words (`thousand`,
/// `lakh` ...) come from [`SCALE_WORDS`].
const WORDS: &[(&str, W)] = &[
    ("zero", W::Zero),
    ("nought", W::Zero),
    ("naught", W::Zero),
    ("nil", W::Zero),
    ("one", W::Unit(1)),
    ("two", W::Unit(2)),
    ("three", W::Unit(3)),
    ("four", W::Unit(4)),
    ("five", W::Unit(5)),
    ("six", W::Unit(6)),
    ("seven", W::Unit(7)),
    ("eight", W::Unit(8)),
    ("nine", W::Unit(9)),
    ("ten", W::Teen(10)),
    ("eleven", W::Teen(11)),
    ("twelve", W::Teen(12)),
    ("thirteen", W::Teen(13)),
    ("fourteen", W::Teen(14)),
    ("fifteen", W::Teen(15)),
    ("sixteen", W::Teen(16)),
    ("seventeen", W::Teen(17)),
    ("eighteen", W::Teen(18)),
    ("nineteen", W::Teen(19)),
    ("twenty", W::Tens(20)),
    ("thirty", W::Tens(30)),
    ("forty", W::Tens(40)),
    ("fifty", W::Tens(50)),
    ("sixty", W::Tens(60)),
    ("seventy", W::Tens(70)),
    ("eighty", W::Tens(80)),
    ("ninety", W::Tens(90)),
    ("hundred", W::Hundred),
    ("hundreds", W::Hundred),
    ("and", W::And),
    ("a", W::A),
    ("half", W::Half),
    ("couple", W::Couple),
    ("pair", W::Couple),
    ("point", W::Point),
    ("over", W::Over),
    ("of", W::Of),
    ("first", W::Ord(1)),
    ("firsts", W::Ord(1)),
    ("third", W::Ord(3)),
    ("thirds", W::Ord(3)),
    ("fourth", W::Ord(4)),
    ("fourths", W::Ord(4)),
    ("quarter", W::Ord(4)),
    ("quarters", W::Ord(4)),
    ("fifth", W::Ord(5)),
    ("fifths", W::Ord(5)),
    ("sixth", W::Ord(6)),
    ("sixths", W::Ord(6)),
    ("seventh", W::Ord(7)),
    ("sevenths", W::Ord(7)),
    ("eighth", W::Ord(8)),
    ("eighths", W::Ord(8)),
    ("ninth", W::Ord(9)),
    ("ninths", W::Ord(9)),
    ("tenth", W::Ord(10)),
    ("tenths", W::Ord(10)),
    ("eleventh", W::Ord(11)),
    ("elevenths", W::Ord(11)),
    ("twelfth", W::Ord(12)),
    ("twelfths", W::Ord(12)),
    ("twentieth", W::Ord(20)),
    ("twentieths", W::Ord(20)),
    ("thirtieth", W::Ord(30)),
    ("thirtieths", W::Ord(30)),
    ("fortieth", W::Ord(40)),
    ("fortieths", W::Ord(40)),
    ("fiftieth", W::Ord(50)),
    ("fiftieths", W::Ord(50)),
    ("hundredth", W::Ord(100)),
    ("hundredths", W::Ord(100)),
    ("thousandth", W::Ord(1000)),
    ("thousandths", W::Ord(1000)),
    ("single", W::Unit(1)),
    ("tens", W::TensPl),
    ("dozen", W::Dozen),
    ("dozens", W::Dozen),
    ("dz", W::Dozen),
    ("dzs", W::Dozen),
    ("doz", W::Dozen),
    ("dozs", W::Dozen),
];

/// First words of hedges, and the words that open a range or a negative
/// number: the prose words besides number words that can start a figure.
const HEDGE_WORDS: &[&str] = &[
    "about",
    "around",
    "approximately",
    "approx",
    "roughly",
    "some",
    "an",
    "estimated",
    "nearly",
    "almost",
    "close",
    "up",
    "as",
    "under",
    "just",
    "below",
    "fewer",
    "less",
    "no",
    "not",
    "at",
    "over",
    "well",
    "more",
    "upwards",
    "in",
    "north",
    "above",
    "greater",
    "between",
    "minus",
    "negative",
];

/// Every word [`word`] reads, by key, sorted: [`WORDS`], then the
/// [`SCALE_WORDS`] not among them, as [`W::Hundred`] or a scale that is
/// plural when it ends in `s`. Built once.
fn words_by_key() -> &'static [(u128, W)] {
    static INDEX: std::sync::OnceLock<Vec<(u128, W)>> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index: Vec<(u128, W)> = WORDS
            .iter()
            .map(|&(w, v)| (word_key(w.as_bytes()), v))
            .collect();
        for &(w, v) in SCALE_WORDS {
            let k = word_key(w.as_bytes());
            if index.iter().any(|e| e.0 == k) {
                continue;
            }
            let x = if v == V::pow10(2) {
                W::Hundred
            } else {
                W::Scale(v, w.ends_with('s'))
            };
            index.push((k, x));
        }
        index.sort_by_key(|e| e.0);
        index
    })
}

/// A number word, case-insensitively: one look-up in [`words_by_key`].
fn word(w: &str) -> Option<W> {
    if w.len() > 14 {
        return None;
    }
    let index = words_by_key();
    let k = index
        .binary_search_by_key(&word_key(w.as_bytes()), |e| e.0)
        .ok()?;
    Some(index[k].1)
}

/// Whether the word `w` (a whole run of ASCII letters) can start a number
/// or a hedge: a number word, a hedge's first word, `between`, `minus`,
/// `negative`. One look-up in a sorted table; lets the scanner skip
/// ordinary prose words at once.
pub(crate) fn interesting(w: &[u8]) -> bool {
    let n = w.len();
    if n == 0 || n > 14 {
        return false;
    }
    // Length, first and last letter rule out most prose words at once.
    let (keys, sketch) = interesting_keys();
    if sketch[sketch_index(w)] & (1 << ((w[n - 1] | 0x20) - b'a')) == 0 {
        return false;
    }
    keys.binary_search(&word_key(w)).is_ok()
}

/// Where a word of 1 to 14 ASCII letters falls in the sketch of
/// [`interesting_keys`]: by length and first letter (a bit per last letter).
fn sketch_index(w: &[u8]) -> usize {
    w.len() * 26 + usize::from((w[0] | 0x20) - b'a')
}

/// The definition of [`interesting`] for one word.
fn interesting_word(w: &str) -> bool {
    word(w).is_some_and(|w| !matches!(w, W::And | W::Of | W::Over | W::Ord(_) | W::Couple))
        || HEDGE_WORDS.iter().any(|h| h.eq_ignore_ascii_case(w))
}

/// The keys of every interesting word, sorted, and a sketch of them: for
/// each length and first letter, a bit per last letter. Every word `word`
/// knows is in [`WORDS`] or [`SCALE_WORDS`], so testing those and
/// [`HEDGE_WORDS`] finds them all. Built once.
fn interesting_keys() -> &'static (Vec<u128>, Vec<u32>) {
    static KEYS: std::sync::OnceLock<(Vec<u128>, Vec<u32>)> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        let words = WORDS.iter().map(|e| e.0);
        let scales = SCALE_WORDS.iter().map(|e| e.0);
        let interesting: Vec<&str> = words
            .chain(scales)
            .chain(HEDGE_WORDS.iter().copied())
            .filter(|w| interesting_word(w))
            .collect();
        let mut sketch = vec![0u32; 15 * 26];
        for w in &interesting {
            let b = w.as_bytes();
            sketch[sketch_index(b)] |= 1 << ((b[b.len() - 1] | 0x20) - b'a');
        }
        let mut keys: Vec<u128> = interesting
            .into_iter()
            .map(|w| word_key(w.as_bytes()))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        (keys, sketch)
    })
}

/// Splits words at `i` into tokens (stops at anything else).
fn tokenize(t: &str, i: usize, toks: &mut [Tok; MAX]) -> usize {
    let b = t.as_bytes();
    let mut n = 0;
    let mut p = i;
    let mut hyphen = false;
    while n < MAX {
        let s = p;
        while p < b.len() && b[p].is_ascii_alphabetic() {
            p += 1;
        }
        let w = if p > s {
            match word(&t[s..p]) {
                Some(w) => w,
                None => break,
            }
        } else if n > 0
            && matches!(toks[n - 1].w, W::Point | W::Over)
            && p < b.len()
            && b[p].is_ascii_digit()
        {
            // `point 77`, `one over 20`.
            let (m, x, _, e) = digit_run(t, p);
            if e < b.len() && (b[e].is_ascii_alphanumeric() || b[e] == b'.') {
                break;
            }
            p = e;
            W::Digits(V::dec(m, x))
        } else {
            break;
        };
        if p < b.len() && b[p].is_ascii_digit() {
            break;
        }
        toks[n] = Tok {
            w,
            start: s,
            end: p,
            hyphen,
        };
        n += 1;
        // Separator: spaces, or a hyphen with optional spaces around it.
        let mut q = p;
        while q < b.len() && b[q] == b' ' {
            q += 1;
        }
        hyphen = false;
        if q < b.len() && b[q] == b'-' {
            hyphen = true;
            q += 1;
            while q < b.len() && b[q] == b' ' {
                q += 1;
            }
        }
        if q == p || q >= b.len() || !(b[q].is_ascii_alphanumeric()) {
            break;
        }
        if b[q].is_ascii_digit() && !matches!(w, W::Point | W::Over) {
            break;
        }
        p = q;
    }
    n
}

/// Reads English number words at `i` (a word start).
pub(crate) fn read(t: &str, i: usize) -> Option<EnNum> {
    let mut toks = [Tok {
        w: W::Of,
        start: 0,
        end: 0,
        hyphen: false,
    }; MAX];
    let n = tokenize(t, i, &mut toks);
    if n == 0 {
        return None;
    }
    let toks = &toks[..n];
    if let Some(m) = magnitude(toks) {
        return Some(m);
    }
    // `a half`, `a fifth`, `a hundredth`.
    if n >= 2 && toks[0].w == W::A {
        let den = match toks[1].w {
            W::Half => Some(2),
            W::Ord(d) if d > 1 => Some(d),
            _ => None,
        };
        if let Some(d) = den {
            if n == 2 || !matches!(toks[2].w, W::Scale(..) | W::Dozen) {
                return Some(EnNum {
                    end: toks[1].end,
                    v: V::ONE.div(V::int(d)),
                    scale: None,
                    hedge: None,
                    fraction: true,
                });
            }
        }
    }
    // `point 77`.
    if n >= 2 && toks[0].w == W::Point {
        if let W::Digits(_) = toks[1].w {
            let (f, _) = decimals(toks, 1)?;
            return Some(EnNum {
                end: toks[1].end,
                v: f,
                scale: None,
                hedge: None,
                fraction: false,
            });
        }
        return None;
    }
    let (k, v, scale) = cardinal(toks)?;
    let mut end = toks[k - 1].end;
    let mut v = v;
    let mut fraction = false;
    let mut k = k;
    // Decimals: `two hundred point zero three`, `point seventy-one`.
    if k < n && toks[k].w == W::Point {
        if let Some((f, kk)) = decimals(toks, k + 1) {
            v = v.add(f);
            end = toks[kk - 1].end;
            k = kk;
            // `two point two million`.
            if k < n {
                if let W::Scale(s, _) = toks[k].w {
                    v = v.mul(s);
                    end = toks[k].end;
                    k += 1;
                }
            }
        }
    }
    // Fractions: `two thirds`, `one hundred thirty fifths`, `one over three`.
    if k < n {
        if let Some((fv, kk)) = ordinal_fraction(toks, k) {
            v = fv;
            end = toks[kk - 1].end;
            fraction = true;
            k = kk;
        } else if toks[k].w == W::Over && k + 1 < n && !matches!(toks[0].w, W::Digits(_)) {
            if let W::Digits(d) = toks[k + 1].w {
                if !d.is_zero() {
                    v = v.div(d);
                    end = toks[k + 1].end;
                    fraction = true;
                    k += 2;
                }
            } else if let Some((kk, d, _)) = cardinal(&toks[k + 1..]) {
                if !d.is_zero() {
                    v = v.div(d);
                    end = toks[k + kk].end;
                    fraction = true;
                    k += 1 + kk;
                }
            }
        }
    }
    // `a couple of`, `a dozen of` at the end of the text.
    if k < n && toks[k].w == W::Of && k + 1 == n && matches!(toks[k - 1].w, W::Couple | W::Dozen) {
        let rest = &t[toks[k].end..];
        if rest.trim().is_empty() {
            end = toks[k].end;
        }
    }
    Some(EnNum {
        end,
        v,
        scale,
        hedge: None,
        fraction,
    })
}

/// `thousands of`, `tens of thousands`, `hundreds of millions`.
fn magnitude(toks: &[Tok]) -> Option<EnNum> {
    let plural = |w: W| match w {
        W::Scale(s, true) => Some(s),
        _ => None,
    };
    let first = toks[0];
    // tens of X / hundreds of X
    let head = match first.w {
        W::TensPl => Some(V::int(10)),
        W::Hundred => Some(V::int(100)),
        W::Dozen if first.end - first.start == "dozens".len() => Some(V::int(12)),
        W::Scale(s, true) => Some(s),
        _ => None,
    }?;
    if first.w == W::Hundred && first.end - first.start != "hundreds".len() {
        return None;
    }
    if toks.len() < 2 || toks[1].w != W::Of {
        return None;
    }
    let mut v = head;
    let mut end = first.end;
    if toks.len() >= 3 {
        if let Some(s) = plural(toks[2].w) {
            v = v.mul(s);
            end = toks[2].end;
        }
    }
    if first.w == W::TensPl && end == first.end {
        return None;
    }
    Some(EnNum {
        end,
        v,
        scale: None,
        hedge: Some((HedgeKind::Magnitude, first.start, end)),
        fraction: false,
    })
}

/// The longest cardinal at the start of `toks`: (tokens used, value,
/// trailing scale for ranges).
fn cardinal(toks: &[Tok]) -> Option<(usize, V, Option<V>)> {
    let mut total = V::ZERO;
    let mut group = V::ZERO;
    let mut and_mark = V::ZERO;
    let mut last_scale: Option<V> = None;
    let mut prev: Option<W> = None;
    let mut used = 0;
    let mut any = false;
    let mut implicit_one = false;
    let mut unit_first = false;
    let mut trailing_scale: Option<V> = None;
    let mut half = false;
    let mut k = 0;
    while k < toks.len() {
        let tk = toks[k];
        let next = toks.get(k + 1).map(|x| x.w);
        if tk.hyphen && !matches!((prev, tk.w), (Some(W::Tens(_)), W::Unit(_))) {
            break;
        }
        match tk.w {
            W::Digits(_) | W::Point | W::Over | W::Of | W::Ord(_) | W::TensPl => break,
            W::A => {
                if prev == Some(W::And) {
                    // `one and a half`, `five and a quarter`.
                    let d = match next {
                        Some(W::Half) => 2,
                        Some(W::Ord(d)) if d > 1 => d,
                        _ => break,
                    };
                    group = group.add(V::ONE.div(V::int(d)));
                    prev = next;
                    used = k + 2;
                    k += 2;
                    continue;
                }
                if k != 0 || !matches!(next, Some(W::Hundred | W::Scale(..) | W::Dozen | W::Couple))
                {
                    break;
                }
                implicit_one = true;
            }
            W::Zero => {
                if any {
                    break;
                }
                any = true;
                used = k + 1;
                // Zero stands alone (or before `point`).
                break;
            }
            W::Unit(u) => {
                if matches!(prev, Some(W::Unit(_) | W::Teen(_) | W::Zero)) {
                    break;
                }
                if prev.is_none() {
                    unit_first = true;
                }
                group = group.add(V::int(u));
                any = true;
                trailing_scale = None;
            }
            W::Teen(u) => {
                if matches!(prev, Some(W::Unit(_) | W::Teen(_) | W::Tens(_))) {
                    break;
                }
                group = group.add(V::int(u));
                any = true;
                trailing_scale = None;
            }
            W::Tens(u) => {
                if matches!(prev, Some(W::Tens(_) | W::Teen(_))) {
                    break;
                }
                if let Some(W::Unit(_)) = prev {
                    // `one twenty two` = 122.
                    if !(unit_first && k == 1) || tk.hyphen {
                        break;
                    }
                    group = group.mul(V::int(100));
                }
                group = group.add(V::int(u));
                any = true;
                trailing_scale = None;
            }
            W::Hundred => {
                let g = if group.is_zero() {
                    // `a hundred`; `hundred thousand`.
                    if implicit_one || (k == 0 && matches!(next, Some(W::Scale(..)))) {
                        V::ONE
                    } else {
                        break;
                    }
                } else {
                    group
                };
                if g.f() >= 100.0 || matches!(prev, Some(W::Hundred)) {
                    break;
                }
                group = g.mul(V::int(100));
                any = true;
                if prev == Some(W::A) || k == 1 {
                    trailing_scale = Some(V::int(100));
                } else {
                    trailing_scale = None;
                }
            }
            W::Scale(s, _) => {
                if group.is_zero() {
                    if matches!(prev, Some(W::Scale(..))) {
                        total = total.mul(s);
                        last_scale = Some(last_scale.map_or(s, |l| l.mul(s)));
                        trailing_scale = trailing_scale.map(|x| x.mul(s));
                        prev = Some(tk.w);
                        used = k + 1;
                        k += 1;
                        continue;
                    } else if implicit_one || half {
                        group = if half { V::dec(5, -1) } else { V::ONE };
                    } else {
                        break;
                    }
                }
                match last_scale {
                    Some(l) if s.f() < l.f() => total = total.add(group.mul(s)),
                    Some(l) if s.f() == l.f() => break,
                    _ => total = total.add(group).mul(s),
                }
                trailing_scale = if total.f() == group.mul(s).f() && k <= 2 {
                    Some(s)
                } else {
                    None
                };
                last_scale = Some(s);
                group = V::ZERO;
                and_mark = V::ZERO;
                any = true;
            }
            W::Dozen => {
                let mut g = group.add(and_mark.neg());
                if g.is_zero() {
                    if implicit_one {
                        g = V::ONE;
                    } else if half {
                        g = V::dec(5, -1);
                    } else {
                        break;
                    }
                }
                group = and_mark.add(g.mul(V::int(12)));
                any = true;
                trailing_scale = None;
            }
            W::Couple => {
                if !(k == 1 && prev == Some(W::A)) {
                    break;
                }
                group = V::int(2);
                any = true;
                used = k + 1;
                break;
            }
            W::Half => {
                // `half a million`, `half a dozen`, `one and a half`.
                if k == 0 {
                    half = true;
                    let mut j = 1;
                    if toks.get(1).map(|x| x.w) == Some(W::A) {
                        j = 2;
                    }
                    if !matches!(toks.get(j).map(|x| x.w), Some(W::Scale(..) | W::Dozen)) {
                        break;
                    }
                    k = j;
                    prev = Some(W::Half);
                    continue;
                }
                break;
            }
            W::And => {
                // Only between parts of one number: `two hundred and two`.
                let ok_prev = matches!(
                    prev,
                    Some(W::Hundred | W::Scale(..) | W::Unit(_) | W::Teen(_) | W::Tens(_))
                );
                let ok_next = match next {
                    Some(W::Unit(_) | W::Teen(_) | W::Tens(_)) => {
                        matches!(prev, Some(W::Hundred | W::Scale(..)))
                    }
                    Some(W::A) => {
                        matches!(prev, Some(W::Unit(_) | W::Teen(_) | W::Tens(_)))
                            && matches!(toks.get(k + 2).map(|x| x.w), Some(W::Half | W::Ord(2..)))
                    }
                    _ => false,
                };
                if !ok_prev || !ok_next {
                    break;
                }
                and_mark = group;
                prev = Some(tk.w);
                k += 1;
                continue;
            }
        }
        prev = Some(tk.w);
        if any {
            used = k + 1;
        }
        k += 1;
    }
    if !any || used == 0 {
        return None;
    }
    // Drop a dangling `a` or `and` (never counted in `used`).
    let _ = prev;
    Some((used, total.add(group), trailing_scale))
}

/// Digits after `point`: single digit words, or one two-digit word.
fn decimals(toks: &[Tok], k: usize) -> Option<(V, usize)> {
    let mut m: i128 = 0;
    let mut d = 0i32;
    let mut j = k;
    if let Some(W::Digits(V::D(x, 0))) = toks.get(k).map(|t| t.w) {
        let digits = toks[k].end - toks[k].start;
        return Some((V::dec(x, -(digits as i32)), k + 1));
    }
    while j < toks.len() && d < 20 {
        match toks[j].w {
            W::Zero => {
                m *= 10;
                d += 1;
            }
            W::Unit(u) => {
                m = m * 10 + u;
                d += 1;
            }
            W::Teen(u) | W::Tens(u) if d == 0 => {
                let mut v = u;
                let mut jj = j + 1;
                if let (W::Tens(_), Some(W::Unit(x))) = (toks[j].w, toks.get(j + 1).map(|t| t.w)) {
                    v += x;
                    jj += 1;
                }
                return Some((V::dec(v, -2), jj));
            }
            _ => break,
        }
        j += 1;
    }
    (d > 0).then(|| (V::dec(m, -d), j))
}

/// `[numerator] [ordinal]` ending at token `k` (the ordinal) or after tens
/// joined to it: (value, end token).
fn ordinal_fraction(toks: &[Tok], k: usize) -> Option<(V, usize)> {
    let W::Ord(den) = toks[k].w else { return None };
    let prev = toks[k - 1].w;
    // `thirty fifths` after a numerator: the tens join the denominator,
    // unless `and` stands before them (`one hundred and thirty fifths`).
    if let W::Tens(t) = prev {
        if den < 10 && k >= 2 && toks[k - 2].w != W::And {
            if let Some((used, num, _)) = cardinal(&toks[..k - 1]) {
                if used == k - 1 {
                    return Some((num.div(V::int(t + den)), k + 1));
                }
            }
        }
    }
    if den == 1 {
        return None;
    }
    let (used, num, _) = cardinal(&toks[..k])
        .or_else(|| (k == 1 && toks[0].w == W::A).then_some((1, V::ONE, None)))?;
    if used != k {
        return None;
    }
    Some((num.div(V::int(den)), k + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::numbers::arabic::scale_word;

    // The functions as they were, one `match` each, to check the tables.
    fn word_by_match(w: &str) -> Option<W> {
        let mut buf = [0u8; 14];
        let n = w.len();
        if n > 14 {
            return None;
        }
        for (k, c) in w.bytes().enumerate() {
            buf[k] = c.to_ascii_lowercase();
        }
        use W::*;
        Some(match &buf[..n] {
            b"zero" | b"nought" | b"naught" | b"nil" => Zero,
            b"one" => Unit(1),
            b"two" => Unit(2),
            b"three" => Unit(3),
            b"four" => Unit(4),
            b"five" => Unit(5),
            b"six" => Unit(6),
            b"seven" => Unit(7),
            b"eight" => Unit(8),
            b"nine" => Unit(9),
            b"ten" => Teen(10),
            b"eleven" => Teen(11),
            b"twelve" => Teen(12),
            b"thirteen" => Teen(13),
            b"fourteen" => Teen(14),
            b"fifteen" => Teen(15),
            b"sixteen" => Teen(16),
            b"seventeen" => Teen(17),
            b"eighteen" => Teen(18),
            b"nineteen" => Teen(19),
            b"twenty" => Tens(20),
            b"thirty" => Tens(30),
            b"forty" => Tens(40),
            b"fifty" => Tens(50),
            b"sixty" => Tens(60),
            b"seventy" => Tens(70),
            b"eighty" => Tens(80),
            b"ninety" => Tens(90),
            b"hundred" | b"hundreds" => Hundred,
            b"and" => And,
            b"a" => A,
            b"half" => Half,
            b"couple" | b"pair" => Couple,
            b"point" => Point,
            b"over" => Over,
            b"of" => Of,
            b"first" | b"firsts" => Ord(1),
            b"third" | b"thirds" => Ord(3),
            b"fourth" | b"fourths" | b"quarter" | b"quarters" => Ord(4),
            b"fifth" | b"fifths" => Ord(5),
            b"sixth" | b"sixths" => Ord(6),
            b"seventh" | b"sevenths" => Ord(7),
            b"eighth" | b"eighths" => Ord(8),
            b"ninth" | b"ninths" => Ord(9),
            b"tenth" | b"tenths" => Ord(10),
            b"eleventh" | b"elevenths" => Ord(11),
            b"twelfth" | b"twelfths" => Ord(12),
            b"twentieth" | b"twentieths" => Ord(20),
            b"thirtieth" | b"thirtieths" => Ord(30),
            b"fortieth" | b"fortieths" => Ord(40),
            b"fiftieth" | b"fiftieths" => Ord(50),
            b"hundredth" | b"hundredths" => Ord(100),
            b"thousandth" | b"thousandths" => Ord(1000),
            b"single" => Unit(1),
            b"tens" => TensPl,
            _ => {
                if matches!(
                    &buf[..n],
                    b"dozen" | b"dozens" | b"dz" | b"dzs" | b"doz" | b"dozs"
                ) {
                    return Some(Dozen);
                }
                let v = scale_word_by_match(w)?;
                if v == V::pow10(2) {
                    return Some(Hundred);
                }
                return Some(Scale(v, buf[n - 1] == b's'));
            }
        })
    }

    fn scale_word_by_match(w: &str) -> Option<V> {
        let mut buf = [0u8; 12];
        let n = w.len();
        if !(2..=12).contains(&n) {
            return None;
        }
        for (k, c) in w.bytes().enumerate() {
            buf[k] = c.to_ascii_lowercase();
        }
        Some(match &buf[..n] {
            b"hundred" | b"hundreds" => V::pow10(2),
            b"thousand" | b"thousands" => V::pow10(3),
            b"lakh" | b"lakhs" | b"lac" | b"lacs" | b"lkh" | b"lkhs" => V::pow10(5),
            b"million" | b"millions" => V::pow10(6),
            b"crore" | b"crores" | b"cr" | b"koti" | b"krore" | b"krores" | b"kr" => V::pow10(7),
            b"billion" | b"billions" => V::pow10(9),
            b"trillion" | b"trillions" => V::pow10(12),
            b"dozen" | b"dozens" | b"dz" | b"dzs" | b"doz" | b"dozs" => V::int(12),
            _ => return None,
        })
    }

    fn interesting_by_match(t: &str, i: usize) -> bool {
        let b = t.as_bytes();
        let mut e = i;
        while e < b.len() && b[e].is_ascii_alphabetic() {
            e += 1;
        }
        if e - i > 14 {
            return false;
        }
        let w = &t[i..e];
        if word_by_match(w)
            .is_some_and(|w| !matches!(w, W::And | W::Of | W::Over | W::Ord(_) | W::Couple))
        {
            return true;
        }
        let mut buf = [0u8; 14];
        for (k, c) in w.bytes().enumerate() {
            buf[k] = c.to_ascii_lowercase();
        }
        matches!(
            &buf[..w.len()],
            b"about"
                | b"around"
                | b"approximately"
                | b"approx"
                | b"roughly"
                | b"some"
                | b"an"
                | b"estimated"
                | b"nearly"
                | b"almost"
                | b"close"
                | b"up"
                | b"as"
                | b"under"
                | b"just"
                | b"below"
                | b"fewer"
                | b"less"
                | b"no"
                | b"not"
                | b"at"
                | b"over"
                | b"well"
                | b"more"
                | b"upwards"
                | b"in"
                | b"north"
                | b"above"
                | b"greater"
                | b"between"
                | b"minus"
                | b"negative"
        )
    }

    #[test]
    fn tables_read_words_like_the_matches() {
        let mut words: Vec<String> = WORDS.iter().map(|e| e.0.to_string()).collect();
        words.extend(SCALE_WORDS.iter().map(|e| e.0.to_string()));
        words.extend(HEDGE_WORDS.iter().map(|w| w.to_string()));
        words.extend(
            [
                "the",
                "GPUs",
                "H",
                "x",
                "s",
                "Thousands",
                "MILLION",
                "Ones",
                "tenths",
                "ab",
            ]
            .iter()
            .map(|w| w.to_string()),
        );
        let variants: Vec<String> = words
            .iter()
            .flat_map(|w| {
                let mut cap = w.clone();
                cap[..1].make_ascii_uppercase();
                [
                    w.clone(),
                    w.to_ascii_uppercase(),
                    cap,
                    format!("{w}s"),
                    format!("{w}x"),
                    w[1..].to_string(),
                    w[..w.len() - 1].to_string(),
                ]
            })
            .collect();
        for w in &variants {
            assert_eq!(word(w), word_by_match(w), "{w:?}");
            assert_eq!(scale_word(w), scale_word_by_match(w), "{w:?}");
            let t = format!("{w} 5");
            let letters = t.bytes().take_while(u8::is_ascii_alphabetic).count();
            assert_eq!(
                interesting(&t.as_bytes()[..letters]),
                interesting_by_match(&t, 0),
                "{w:?}"
            );
        }
    }
}
