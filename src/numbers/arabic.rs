//! Arabic-digit numerals: digit runs with any grouping, decimals,
//! exponents and powers, and the English scale suffixes (`100k`, `1.2M`,
//! `3 million`).

use super::chars::{decimal_point, digit, group_space, invisible, minus_sign};
use super::value::V;

/// The character at byte `i`; `None` at the end or off a character
/// boundary. An ASCII byte is its own character, so most calls decode
/// nothing.
#[inline]
pub(crate) fn char_at(t: &str, i: usize) -> Option<char> {
    match t.as_bytes().get(i) {
        Some(&x) if x < 0x80 => Some(char::from(x)),
        _ => t.get(i..).and_then(|s| s.chars().next()),
    }
}

/// A run of digits starting at `i`; invisible format characters between two
/// digits are skipped. Returns (mantissa, extra exponent, digit count, end).
pub(crate) fn digit_run(t: &str, i: usize) -> (i128, i32, u32, usize) {
    let b = t.as_bytes();
    // Up to 19 ASCII digits add up in 64 bits, well below the 10^35 where
    // `push_digit` starts to count an exponent instead.
    let mut small = 0u64;
    let mut p = i;
    while p < b.len() && p - i < 19 && b[p].is_ascii_digit() {
        small = small * 10 + u64::from(b[p] - b'0');
        p += 1;
    }
    let mut m = i128::from(small);
    let mut extra = 0i32;
    let (n, end) = walk_digits(t, p, (p - i) as u32, |d| push_digit(&mut m, &mut extra, d));
    (m, extra, n, end)
}

/// The digit count and end of [`digit_run`] at `i`, without its value.
pub(crate) fn digit_span(t: &str, i: usize) -> (u32, usize) {
    walk_digits(t, i, 0, |_| {})
}

/// The digits of a run from `p`, where `n` digits were read before (ending
/// at `p`): calls `f` with each digit's value and returns the run's digit
/// count and end. Invisible characters inside the run are skipped.
#[inline]
fn walk_digits(t: &str, mut p: usize, mut n: u32, mut f: impl FnMut(u32)) -> (u32, usize) {
    let b = t.as_bytes();
    let mut end = p;
    while p < t.len() {
        // Fast path for ASCII digits.
        if b[p].is_ascii_digit() {
            f(u32::from(b[p] - b'0'));
            n += 1;
            p += 1;
            end = p;
            continue;
        }
        if b[p] < 0x80 {
            break;
        }
        let Some(c) = char_at(t, p) else { break };
        if let Some(d) = digit(c) {
            f(d);
            n += 1;
            p += c.len_utf8();
            end = p;
        } else if invisible(c) && n > 0 {
            p += c.len_utf8();
        } else {
            break;
        }
    }
    (n, end)
}

#[inline]
fn push_digit(m: &mut i128, extra: &mut i32, d: u32) {
    if *m < 10i128.pow(35) {
        *m = *m * 10 + d as i128;
    } else {
        *extra += 1;
    }
}

/// Fraction digits after a decimal point: (mantissa, digit count, end).
fn frac_run(t: &str, i: usize) -> (i128, i32, usize) {
    let mut m: i128 = 0;
    let mut k = 0i32;
    let mut p = i;
    let mut end = i;
    while let Some(c) = char_at(t, p) {
        if let Some(d) = digit(c) {
            if m < 10i128.pow(35) {
                m = m * 10 + d as i128;
                k += 1;
            }
            p += c.len_utf8();
            end = p;
        } else if invisible(c) && k > 0 {
            p += c.len_utf8();
        } else {
            break;
        }
    }
    (m, k, end)
}

/// An Arabic-digit numeral.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Arabic {
    pub end: usize,
    pub v: V,
    /// Digits before the point (after grouping).
    pub int_digits: u32,
    pub has_point: bool,
    /// A single digit with nothing else: may be an elided Chinese digit.
    pub single: bool,
}

/// Reads digits at `i` (or `.5`). Grouping: `,` between groups of three or
/// Indian groups of two then three (`12,34,567`); the full-width `，` and
/// the space-like separators only between groups of exactly three.
pub(crate) fn read(t: &str, i: usize) -> Option<Arabic> {
    let (mut m, extra, n, mut p) = digit_run(t, i);
    let mut int_digits = n;
    // The character at `p`, decoded once for each `p`.
    let mut next = char_at(t, p);
    if n == 0 {
        // `.5`: a leading point needs a digit after it.
        let c = next?;
        if !decimal_point(c) || char_at(t, i + c.len_utf8()).and_then(digit).is_none() {
            return None;
        }
    } else if n <= 3 && extra == 0 {
        if let Some(sep) = next {
            if sep == ',' || sep == '，' || group_space(sep) {
                let (gm, gd, gend) = groups(t, p, sep);
                if gd > 0 {
                    m = m * 10i128.pow(gd) + gm;
                    int_digits += gd;
                    p = gend;
                    next = char_at(t, p);
                }
            }
        }
    }
    let run_end = p;
    let mut v = V::dec(m, extra);
    let mut has_point = false;
    if let Some(c) = next {
        if decimal_point(c) {
            let q = p + c.len_utf8();
            let (fm, k, fend) = frac_run(t, q);
            if k > 0 {
                v = v.add(V::dec(fm, -k));
                has_point = true;
                p = fend;
                next = char_at(t, p);
            }
        }
    }
    // Exponent: 2e5, 12.32e+14, ２.７８９０e－１.
    if let Some(c) = next {
        if c == 'e' || c == 'E' {
            let mut q = p + 1;
            let mut neg = false;
            if let Some(s) = char_at(t, q) {
                if s == '+' {
                    q += 1;
                } else if minus_sign(s) {
                    neg = true;
                    q += s.len_utf8();
                }
            }
            let (em, _, en, eend) = digit_run(t, q);
            let glued = char_at(t, eend).is_some_and(|c| c.is_ascii_alphabetic());
            if en > 0 && en <= 3 && !glued {
                let e = em as i32;
                v = v.mul(V::pow10(if neg { -e } else { e }));
                p = eend;
            }
        } else if c == '^' {
            let mut q = p + 1;
            let mut neg = false;
            while let Some(s) = char_at(t, q) {
                if s == '+' {
                    q += 1;
                } else if minus_sign(s) {
                    neg = !neg;
                    q += s.len_utf8();
                } else {
                    break;
                }
            }
            let (em, _, en, eend) = digit_run(t, q);
            if en > 0 && en <= 3 {
                let e = if neg { -(em as i32) } else { em as i32 };
                v = V::F(v.f().powi(e));
                p = eend;
            }
        }
    }
    let single = n == 1 && int_digits == 1 && !has_point && p == run_end;
    Some(Arabic {
        end: p,
        v,
        int_digits,
        has_point,
        single,
    })
}

/// Digit groups after the first: returns (their digits as a number, how
/// many digits, end). Zero digits means no valid grouping.
fn groups(t: &str, mut p: usize, sep: char) -> (i128, u32, usize) {
    let mut m: i128 = 0;
    let mut digits = 0u32;
    let mut best = (0i128, 0u32, p);
    let mut seen3 = false;
    // At most 8 groups (10^27): keeps a failed look bounded.
    for _ in 0..8 {
        if char_at(t, p) != Some(sep) {
            break;
        }
        let q = p + sep.len_utf8();
        let (gm, extra, gn, gend) = digit_run(t, q);
        if extra != 0 || !(2..=3).contains(&gn) {
            break;
        }
        if gn == 2 && (sep != ',' || seen3) {
            break;
        }
        m = m * 10i128.pow(gn) + gm;
        digits += gn;
        p = gend;
        if gn == 3 {
            seen3 = true;
            best = (m, digits, p);
        }
    }
    best
}

/// A dotted, dashed or slashed chain of three or more digit groups
/// (`192.168.1.2`, `2025-04-10`, `5/17/2018`): dates, versions, addresses,
/// phone numbers. Each group is read as its own integer and never as a
/// decimal, a range or a fraction. Returns the group spans.
pub(crate) fn chain(t: &str, i: usize, out: &mut Vec<(usize, usize)>) -> bool {
    let (n, e1) = digit_span(t, i);
    if n == 0 {
        return false;
    }
    let Some(sep) = char_at(t, e1) else {
        return false;
    };
    if !matches!(sep, '.' | '-' | '/' | '．' | '／' | '－') {
        return false;
    }
    out.clear();
    out.push((i, e1));
    let mut p = e1;
    while char_at(t, p) == Some(sep) {
        let q = p + sep.len_utf8();
        let (gn, gend) = digit_span(t, q);
        if gn == 0 {
            break;
        }
        out.push((q, gend));
        p = gend;
    }
    out.len() >= 3
}

/// A scale after an Arabic numeral: `k`, `M`, `bn`, ` million`, ` lakh`,
/// ` dozen`. Returns (multiplier, end). Single letters must not run on into
/// another letter or digit (`100GB`, `3 B200` are not scales).
pub(crate) fn suffix(t: &str, end: usize, int_small: bool) -> Option<(V, usize)> {
    let b = t.as_bytes();
    let mut q = end;
    let mut spaces = 0;
    while q < b.len() && b[q] == b' ' && spaces < 3 {
        q += 1;
        spaces += 1;
    }
    // `100-billion-parameter`, `$100-million deal`: a hyphen before a
    // scale word (not before a single letter).
    let hyphen = spaces == 0 && b.get(q) == Some(&b'-');
    if hyphen {
        q += 1;
    }
    let w0 = q;
    while q < b.len() && b[q].is_ascii_alphabetic() {
        q += 1;
    }
    if q == w0 || q - w0 > 12 {
        return None;
    }
    if hyphen {
        let v = scale_word(&t[w0..q])?;
        return (v != V::int(12)).then_some((v, q));
    }
    if q < b.len() && b[q].is_ascii_digit() {
        return None;
    }
    let w = &t[w0..q];
    let mul = scale_word(w).or(match w {
        "k" | "K" => Some(V::pow10(3)),
        "M" | "MM" | "mil" | "mn" | "mln" | "Mn" => Some(V::pow10(6)),
        "b" | "B" | "bn" | "bln" | "Bn" => Some(V::pow10(9)),
        // `5G`, `4G`: network generations, not 5e9.
        "G" if !int_small => Some(V::pow10(9)),
        "T" | "tn" | "tln" => Some(V::pow10(12)),
        _ => None,
    })?;
    Some((mul, q))
}

/// English scale words, lower case, and their values.
pub(crate) const SCALE_WORDS: &[(&str, V)] = &[
    ("hundred", V::D(1, 2)),
    ("hundreds", V::D(1, 2)),
    ("thousand", V::D(1, 3)),
    ("thousands", V::D(1, 3)),
    ("lakh", V::D(1, 5)),
    ("lakhs", V::D(1, 5)),
    ("lac", V::D(1, 5)),
    ("lacs", V::D(1, 5)),
    ("lkh", V::D(1, 5)),
    ("lkhs", V::D(1, 5)),
    ("million", V::D(1, 6)),
    ("millions", V::D(1, 6)),
    ("crore", V::D(1, 7)),
    ("crores", V::D(1, 7)),
    ("cr", V::D(1, 7)),
    ("koti", V::D(1, 7)),
    ("krore", V::D(1, 7)),
    ("krores", V::D(1, 7)),
    ("kr", V::D(1, 7)),
    ("billion", V::D(1, 9)),
    ("billions", V::D(1, 9)),
    ("trillion", V::D(1, 12)),
    ("trillions", V::D(1, 12)),
    ("dozen", V::D(12, 0)),
    ("dozens", V::D(12, 0)),
    ("dz", V::D(12, 0)),
    ("dzs", V::D(12, 0)),
    ("doz", V::D(12, 0)),
    ("dozs", V::D(12, 0)),
];

/// English scale words, case-insensitive: one look-up by [`word_key`].
pub(crate) fn scale_word(w: &str) -> Option<V> {
    if !(2..=12).contains(&w.len()) {
        return None;
    }
    let index = scale_words_by_key();
    let k = index
        .binary_search_by_key(&word_key(w.as_bytes()), |e| e.0)
        .ok()?;
    Some(index[k].1)
}

/// [`SCALE_WORDS`] by key, sorted. Built once.
fn scale_words_by_key() -> &'static [(u128, V)] {
    static INDEX: std::sync::OnceLock<Vec<(u128, V)>> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index: Vec<(u128, V)> = SCALE_WORDS
            .iter()
            .map(|&(w, v)| (word_key(w.as_bytes()), v))
            .collect();
        // Stable: of two equal words the first in the table stays.
        index.sort_by_key(|e| e.0);
        index.dedup_by_key(|e| e.0);
        index
    })
}

/// A word of at most 14 ASCII letters as one number: its length, then its
/// lower-cased letters (letters are never 0..=14, so no two words share a
/// key). Two words have the same key exactly when they are equal ignoring
/// ASCII case.
pub(crate) fn word_key(w: &[u8]) -> u128 {
    w.iter().fold(w.len() as u128, |k, &c| {
        k << 8 | u128::from(c.to_ascii_lowercase())
    })
}
