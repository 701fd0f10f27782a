//! Case- and width-folding for name matching, with a map back to the
//! original text.
//!
//! Folding: NFKC (full-width Latin and digits become ASCII), lower case,
//! every dash and underscore becomes a space, runs of spaces collapse to one,
//! and a space next to a CJK character disappears (`英伟达 H100` matches
//! `英伟达H100`; `Grok-3` matches `Grok 3`).

use crate::article::blocks::is_cjk;
use unicode_normalization::UnicodeNormalization;

/// Folded text with a map from every folded byte back to the original
/// byte range of the character it came from.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    pub text: String,
    /// The map, in folded order: a new segment starts wherever the folded
    /// text stops being an offset-for-offset copy of the original.
    segments: Vec<Segment>,
}

/// Folded bytes from `folded` on, up to the next segment.
#[derive(Debug, Clone, Copy)]
struct Segment {
    folded: u32,
    /// `Some(end)`: one original character `original..end` whose folded
    /// form has other bytes (`Ｈ` → `h`, a run of spaces → ` `). `None`: a
    /// copy, byte for byte, of the original from `original` on (ASCII
    /// lower-cased, CJK ideographs as they are), so characters start and
    /// end at the same places in both.
    original: u32,
    atomic_end: Option<u32>,
}

impl Folded {
    /// Original byte range of a folded byte range.
    pub fn original(&self, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
        if range.start >= range.end || range.end > self.text.len() {
            return 0..0;
        }
        self.start_of(range.start)..self.end_of(range.end - 1)
    }

    fn segment(&self, k: usize) -> Segment {
        let i = self.segments.partition_point(|s| s.folded as usize <= k);
        self.segments[i - 1]
    }

    /// Original start of the character folded byte `k` came from.
    fn start_of(&self, k: usize) -> usize {
        let s = self.segment(k);
        if s.atomic_end.is_some() {
            return s.original as usize;
        }
        let mut c = k;
        while !self.text.is_char_boundary(c) {
            c -= 1;
        }
        s.original as usize + (c - s.folded as usize)
    }

    /// Original end of the character folded byte `k` came from.
    fn end_of(&self, k: usize) -> usize {
        let s = self.segment(k);
        if let Some(e) = s.atomic_end {
            return e as usize;
        }
        let mut c = k + 1;
        while !self.text.is_char_boundary(c) {
            c += 1;
        }
        s.original as usize + (c - s.folded as usize)
    }

    /// Notes that the folded bytes pushed next copy the original from `i`.
    #[inline]
    fn copy_at(&mut self, i: usize) {
        let f = self.text.len();
        if let Some(s) = self.segments.last() {
            if s.atomic_end.is_none() && f - s.folded as usize == i - s.original as usize {
                return;
            }
        }
        self.segments.push(Segment {
            folded: f as u32,
            original: i as u32,
            atomic_end: None,
        });
    }

    /// Notes that the folded bytes pushed next come from `start..end`.
    fn atomic(&mut self, start: usize, end: usize) {
        self.segments.push(Segment {
            folded: self.text.len() as u32,
            original: start as u32,
            atomic_end: Some(end as u32),
        });
    }

    /// A space standing for the original `start..end` (a space or dash).
    fn push_space(&mut self, start: usize, end: usize) {
        if end - start == 1 {
            self.copy_at(start);
        } else {
            self.atomic(start, end);
        }
        self.text.push(' ');
    }
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}')
}

fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '_' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}'
    )
}

/// The ASCII characters an ASCII run is made of: all but the spaces and
/// dashes that `fold` folds to a space.
const PLAIN_ASCII: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = !matches!(b as u8, b'\t'..=b'\r' | b' ' | b'-' | b'_');
        b += 1;
    }
    t
};

/// Pushes the folded form of `c` (not a space or dash) to `out`.
fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else if ('\u{FF01}'..='\u{FF5E}').contains(&c) {
        let a = char::from_u32(c as u32 - 0xFEE0).unwrap_or(c);
        out.push(a.to_ascii_lowercase());
    } else if matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x3001..=0x303F) {
        out.push(c);
    } else {
        for n in std::iter::once(c).nfkc() {
            for l in n.to_lowercase() {
                out.push(l);
            }
        }
    }
}

/// Folds `s`, keeping the map to original offsets.
pub fn fold(s: &str) -> Folded {
    let mut f = Folded {
        text: String::with_capacity(s.len()),
        segments: Vec::with_capacity(16),
    };
    fold_into(s, &mut f);
    f
}

/// [`fold`] into `f`, reusing its buffers (whatever it held is replaced).
pub fn fold_into(s: &str, f: &mut Folded) {
    f.text.clear();
    f.segments.clear();
    // A pending space: (original start, original end).
    let mut pending: Option<(usize, usize)> = None;
    let mut prev_cjk = true; // no space at the start
    let bytes = s.as_bytes();
    let ascii_space = |b: u8| matches!(b, b'\t'..=b'\r' | b' ' | b'-' | b'_');
    // A CJK Unified Ideograph (U+4E00..=U+9FFF) or CJK punctuation
    // (U+3001..=U+303F: `。`, `、`, `《`) starts at `k`: CJK characters
    // that fold to themselves.
    let ideograph = |k: usize| match bytes[k] {
        0xE5..=0xE9 => true,
        0xE4 => bytes[k + 1] >= 0xB8,
        0xE3 => bytes[k + 1] == 0x80 && bytes[k + 2] >= 0x81,
        _ => false,
    };
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // Fast paths, same result as the general case below, a run at a
        // time: ASCII (most of English text) and the CJK Unified
        // Ideographs (most of Chinese text), which fold to themselves.
        if b < 0x80 {
            if ascii_space(b) {
                if pending.is_none() {
                    pending = Some((i, i + 1));
                }
                i += 1;
                continue;
            }
            if let Some((ps, pe)) = pending.take() {
                if !prev_cjk {
                    f.push_space(ps, pe);
                }
            }
            // The run goes on across single spaces and dashes between ASCII
            // characters: each folds to one space at the same offset. Its
            // end is found first, then it is folded a slice at a time.
            f.copy_at(i);
            let plain = |k: usize| bytes.get(k).is_some_and(|&b| PLAIN_ASCII[usize::from(b)]);
            let mut e = i;
            // The first space that is not ` ` (a dash, a tab), if any.
            let mut other_space = None;
            loop {
                e += bytes[e..]
                    .iter()
                    .take_while(|&&b| PLAIN_ASCII[usize::from(b)])
                    .count();
                if e < bytes.len() && ascii_space(bytes[e]) && plain(e + 1) {
                    if bytes[e] != b' ' && other_space.is_none() {
                        other_space = Some(e);
                    }
                    e += 2;
                } else {
                    break;
                }
            }
            let start = f.text.len();
            f.text.push_str(&s[i..e]);
            f.text[start..].make_ascii_lowercase();
            if let Some(first) = other_space {
                // Dashes and tabs become spaces one at a time.
                for (k, &b) in bytes[first..e].iter().enumerate() {
                    if b != b' ' && ascii_space(b) {
                        let at = start + (first - i) + k;
                        f.text.replace_range(at..at + 1, " ");
                    }
                }
            }
            prev_cjk = false;
            i = e;
            continue;
        }
        if ideograph(i) {
            let mut e = i + 3;
            while e < bytes.len() && ideograph(e) {
                e += 3;
            }
            pending = None;
            f.copy_at(i);
            f.text.push_str(&s[i..e]);
            prev_cjk = true;
            i = e;
            continue;
        }
        // Full-width ASCII forms (`，`, `：`, `（`; U+FF01..=U+FF5E but the
        // dash U+FF0D): ASCII, not CJK, as `fold_char` and the general
        // case below would have it, without their look-ups.
        if bytes[i] == 0xEF
            && matches!(
                (bytes[i + 1], bytes[i + 2]),
                (0xBC, 0x81..=0xBF) | (0xBD, 0x80..=0x9E)
            )
            && (bytes[i + 1], bytes[i + 2]) != (0xBC, 0x8D)
        {
            let cp =
                (u32::from(bytes[i + 1] & 0x3F) << 6 | u32::from(bytes[i + 2] & 0x3F)) + 0xF000;
            if let Some((ps, pe)) = pending.take() {
                if !prev_cjk {
                    f.push_space(ps, pe);
                }
            }
            f.atomic(i, i + 3);
            f.text
                .push(char::from((cp - 0xFEE0) as u8).to_ascii_lowercase());
            prev_cjk = false;
            i += 3;
            continue;
        }
        let c = s[i..].chars().next().unwrap_or(' ');
        let end = i + c.len_utf8();
        if is_space(c) || is_dash(c) {
            if pending.is_none() {
                pending = Some((i, end));
            }
            i = end;
            continue;
        }
        let cjk = is_cjk(c) && !('\u{FF01}'..='\u{FF5E}').contains(&c);
        if let Some((ps, pe)) = pending.take() {
            if !prev_cjk && !cjk {
                f.push_space(ps, pe);
            }
        }
        f.atomic(i, end);
        fold_char(c, &mut f.text);
        prev_cjk = cjk;
        i = end;
    }
}

/// Folds a name for use as a pattern: the same folding, trimmed.
pub fn fold_name(s: &str) -> String {
    fold(s.trim()).text.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_width_case_dashes_and_cjk_spaces() {
        assert_eq!(fold("Ｈ１００").text, "h100");
        assert_eq!(fold("Grok-3").text, "grok 3");
        assert_eq!(fold("英伟达 H100").text, "英伟达h100");
        assert_eq!(fold("DeepSeek  -  V3").text, "deepseek v3");
        let f = fold("约 Ｈ１００ x");
        let i = f.text.find("h100").unwrap();
        assert_eq!(f.original(i..i + 4), "约 ".len().."约 Ｈ１００".len());
    }

    /// `fold` as it was before its fast paths and its segment map: one
    /// character at a time, two offsets per folded byte.
    fn fold_by_char(s: &str) -> (String, Vec<usize>, Vec<usize>) {
        let mut f = (String::new(), Vec::new(), Vec::new());
        let mut pending: Option<(usize, usize)> = None;
        let mut prev_cjk = true;
        for (i, c) in s.char_indices() {
            let end = i + c.len_utf8();
            if is_space(c) || is_dash(c) {
                if pending.is_none() {
                    pending = Some((i, end));
                }
                continue;
            }
            let cjk = is_cjk(c) && !('\u{FF01}'..='\u{FF5E}').contains(&c);
            if let Some((ps, pe)) = pending.take() {
                if !prev_cjk && !cjk {
                    f.0.push(' ');
                    f.1.push(ps);
                    f.2.push(pe);
                }
            }
            let before = f.0.len();
            fold_char(c, &mut f.0);
            for _ in before..f.0.len() {
                f.1.push(i);
                f.2.push(end);
            }
            prev_cjk = cjk;
        }
        f
    }

    #[test]
    fn fast_paths_fold_like_the_general_case() {
        let cases = [
            "",
            " ",
            "Meta\tbought\n350,000  H100s -- 英伟达 H100,约2048块H800。",
            "DeepSeek-V3 与 DeepSeek\u{2014}R1\u{3000}训练 ＧＰＴ－４ 和 ｇｐｔ_4",
            "\u{3400}\u{4DFF}\u{4E00}\u{9FFF}\u{A000} x\u{0085}y\u{00A0}z\u{200B}w\u{FEFF}v",
            "ﬁ Ⅻ ① İstanbul ẞ \u{FF01}\u{FF5E}\u{FF5F} 한국 日本語 ‐ ‒ − ﹘ ﹣ －",
            "a\x0bb\x0cc\rd-_-e__f 𠀀x 😀 昇腾910B",
            "据悉，训练 《报告》「说」： （约）２万块 ； 〜〰\u{3001}\u{303F}\u{3040} A，b",
        ];
        // And strings drawn from those characters (a fixed LCG: repeatable).
        let alphabet: Vec<char> = cases.concat().chars().collect();
        let mut seed = 0x2545_f491_u64;
        let mut drawn = Vec::new();
        for _ in 0..500 {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let mut t = String::new();
            for _ in 0..(seed >> 40) % 24 {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                t.push(alphabet[(seed >> 33) as usize % alphabet.len()]);
            }
            drawn.push(t);
        }
        assert!(drawn.iter().filter(|t| t.chars().count() > 4).count() > 300);
        for s in cases
            .iter()
            .copied()
            .chain(drawn.iter().map(String::as_str))
        {
            let (a, (text, starts, ends)) = (fold(s), fold_by_char(s));
            assert_eq!(a.text, text, "{s:?}");
            for k in 0..text.len() {
                assert_eq!(a.original(k..k + 1), starts[k]..ends[k], "{s:?} at {k}");
            }
            for k in 1..text.len() {
                assert_eq!(a.original(0..k), starts[0]..ends[k - 1], "{s:?} to {k}");
            }
        }
    }
}
