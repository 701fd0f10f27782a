//! Case- and width-folding for name matching, with a map back to the
//! original text.
//!
//! Folding: NFKC (full-width Latin and digits become ASCII), lower case,
//! every dash and underscore becomes a space, runs of spaces collapse to one,
//! and a space next to a CJK character disappears (`英伟达 H100` matches
//! `英伟达H100`; `Grok-3` matches `Grok 3`).

use crate::article::blocks::is_cjk;
use unicode_normalization::UnicodeNormalization;

/// Folded text with, for every folded byte, the original byte range of the
/// character it came from.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    pub text: String,
    /// Original start offset of the char each folded byte came from.
    starts: Vec<u32>,
    /// Original end offset of that char.
    ends: Vec<u32>,
}

impl Folded {
    /// Original byte range of a folded byte range.
    pub fn original(&self, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
        if range.start >= range.end || range.end > self.starts.len() {
            return 0..0;
        }
        self.starts[range.start] as usize..self.ends[range.end - 1] as usize
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
        starts: Vec::with_capacity(s.len()),
        ends: Vec::with_capacity(s.len()),
    };
    // A pending space: (original start, original end).
    let mut pending: Option<(usize, usize)> = None;
    let mut prev_cjk = true; // no space at the start
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
                f.text.push(' ');
                f.starts.push(ps as u32);
                f.ends.push(pe as u32);
            }
        }
        let before = f.text.len();
        fold_char(c, &mut f.text);
        for _ in before..f.text.len() {
            f.starts.push(i as u32);
            f.ends.push(end as u32);
        }
        prev_cjk = cjk;
    }
    f
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
}
