//! Versions of the dataset's model families named in running text (`Grok
//! 4`, `GPT-5`, `Qwen3`, `Llama-3.1`): models wherever they stand.
//!
//! A family is the leading Latin word of a model's name (`GPT` of `GPT-4`).
//! A version is a family, then an optional `-` or space, then a digit, or
//! one or two letters and a digit, then any letters, digits and dots, on
//! ASCII word boundaries. That is the regex
//! `\b(?:F1|F2|…)[- ]?(?:\d[A-Za-z0-9.]*|[A-Za-z]{1,2}\d[A-Za-z0-9.]*)\b`
//! with the families longest first, read here by hand: with a thousand
//! families that regex took over ten milliseconds to build, and the scan
//! below looks a family up only where the text has a version's shape.

use crate::extract::entities::EntityMatcher;
use crate::model::EntityKind;
use std::collections::HashSet;
use std::ops::Range;

/// The model families of a dataset.
#[derive(Debug, Clone)]
pub struct Versions {
    families: HashSet<Box<[u8]>>,
}

/// A letter, digit or underscore: what an ASCII `\b` separates from the rest.
fn word(b: Option<&u8>) -> bool {
    b.is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_')
}

fn letter(b: Option<&u8>) -> bool {
    b.is_some_and(u8::is_ascii_alphabetic)
}

fn digit(b: Option<&u8>) -> bool {
    b.is_some_and(u8::is_ascii_digit)
}

impl Versions {
    /// The families of the matcher's models (not reporters), of at least
    /// three letters; `None` when there are none.
    pub fn new(matcher: &EntityMatcher) -> Option<Versions> {
        let mut families = HashSet::new();
        for i in &matcher.info {
            if i.kind != EntityKind::Model || i.is_reporter() {
                continue;
            }
            let len = i.name.bytes().take_while(u8::is_ascii_alphabetic).count();
            let first = &i.name[..len];
            if len >= 3 && first != "OpenAI" {
                families.insert(first.as_bytes().into());
            }
        }
        (!families.is_empty()).then_some(Versions { families })
    }

    /// Every version in `text`, left to right, without overlaps.
    pub fn find_iter(&self, text: &str) -> Vec<Range<usize>> {
        let b = text.as_bytes();
        let mut out = Vec::new();
        // Where the search goes on: the end of the last version.
        let mut from = 0;
        // A version's first digit follows its family within a few bytes:
        // families are looked for only before the first digit of a run.
        let mut d = 0;
        while let Some(digit) = next_digit(b, d) {
            d = digit
                + 1
                + b[digit + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_digit())
                    .count();
            for (s, w) in starts_before(b, digit) {
                if s < from || (s > 0 && word(b.get(s - 1))) {
                    continue;
                }
                if let Some(end) = self.at(b, s, w) {
                    out.push(s..end);
                    from = end;
                    d = d.max(end);
                    break;
                }
            }
        }
        out
    }

    /// The end of a version starting at `s`, whose letters run to `w`: the
    /// longest family that leaves a version's tail.
    fn at(&self, b: &[u8], s: usize, w: usize) -> Option<usize> {
        // The family is the whole run of letters, or leaves one or two of
        // them before a digit. Its tail is looked for first: most words
        // have none.
        let family = |f: usize| self.families.contains(&b[s..f]);
        let shortest = match b.get(w) {
            Some(c) if c.is_ascii_digit() => w.saturating_sub(2),
            Some(b'-' | b' ') => w,
            _ => return None,
        };
        (shortest.max(s + 3)..=w)
            .rev()
            .find_map(|f| tail(b, f).filter(|_| family(f)))
    }
}

/// The first ASCII digit of `b` at or after `from`. Most text has few:
/// 32 bytes at a time are looked at as one block (a loop without early
/// exit, which the compiler vectorises) and skipped when they hold none.
fn next_digit(b: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(block) = b.get(i..i + 32).and_then(|s| <&[u8; 32]>::try_from(s).ok()) {
        if block.iter().fold(false, |any, c| any | c.is_ascii_digit()) {
            break;
        }
        i += 32;
    }
    b.get(i..)?
        .iter()
        .position(u8::is_ascii_digit)
        .map(|k| i + k)
}

/// The words a version whose first digit is at `d` may start with, as
/// (start, end of its letters), leftmost first: the letters just before
/// the digit, and the word before them when they are one or two letters
/// after a `-` or a space (`Grok v3`), or the word before a `-` or a space
/// just before the digit (`GPT-4`).
fn starts_before(b: &[u8], d: usize) -> impl Iterator<Item = (usize, usize)> {
    let letters_to = |w: usize| {
        let s = w - b[..w]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
        (s < w).then_some((s, w))
    };
    let sep = |k: usize| k > 0 && matches!(b[k - 1], b'-' | b' ');
    let (before, last) = match letters_to(d) {
        Some((s, w)) if w - s <= 2 && sep(s) => (letters_to(s - 1), Some((s, w))),
        Some(run) => (None, Some(run)),
        None if sep(d) => (letters_to(d - 1), None),
        None => (None, None),
    };
    before.into_iter().chain(last)
}

/// The end of a version's tail after a family ending at `f`: `[- ]?`, then
/// `\d[A-Za-z0-9.]*` or `[A-Za-z]{1,2}\d[A-Za-z0-9.]*`, then `\b`.
fn tail(b: &[u8], f: usize) -> Option<usize> {
    let p = if matches!(b.get(f), Some(b'-' | b' ')) {
        f + 1
    } else {
        f
    };
    // Past the digit the tail needs.
    let first = if digit(b.get(p)) {
        p + 1
    } else if letter(b.get(p)) && letter(b.get(p + 1)) && digit(b.get(p + 2)) {
        p + 3
    } else if letter(b.get(p)) && digit(b.get(p + 1)) {
        p + 2
    } else {
        return None;
    };
    let run = first
        + b[first..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'.')
            .count();
    // The greedy run gives back characters until a word boundary.
    (first..=run)
        .rev()
        .find(|&q| word(b.get(q - 1)) != word(b.get(q)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    /// The regex this module reads by hand.
    fn regex(families: &[&str]) -> Regex {
        let mut families: Vec<&str> = families.to_vec();
        families.sort_by_key(|f| std::cmp::Reverse(f.len()));
        let alts: Vec<String> = families.iter().map(|f| regex::escape(f)).collect();
        Regex::new(&format!(
            r"(?-u:\b)(?:{})(?:[- ]?)(?:\d[A-Za-z0-9.]*|[A-Za-z]{{1,2}}\d[A-Za-z0-9.]*)(?-u:\b)",
            alts.join("|")
        ))
        .unwrap()
    }

    #[test]
    fn reads_versions_like_the_regex() {
        let families = ["Grok", "GPT", "Gemini", "Gem", "Qwen", "QwQ", "Llama"];
        let v = Versions {
            families: families.iter().map(|f| f.as_bytes().into()).collect(),
        };
        let re = regex(&families);
        let cases = [
            "Grok 4 and GPT-5, Qwen3 and Llama-3.1. GPT-4o; Gemini 2.5 Pro",
            "Grok 2025 Gemini-1.5. Gem3 GPTo1 GPTab1 GPTabc1 xGrok 3 _GPT-4 GPT-4_ Qwen2.5-72B",
            "QwQ32 Grok-3. Grok3.. GPT 4.5.x Grok 3a_ 英伟达Grok4 GPT- 4 GPT  4 Llama 3.1.",
        ];
        let alphabet: Vec<&str> = vec![
            "Grok", "GPT", "Gemini", "Gem", "Qwen", "QwQ", "Llama", "ini", " ", "-", ".", "_", "4",
            "2", "o", "ab", "x", "英", ",",
        ];
        let mut seed = 0x51_7cc1_b727_220a_u64;
        let mut drawn = Vec::new();
        for _ in 0..20_000 {
            let mut t = String::new();
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            for _ in 0..(seed >> 40) % 12 {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                t.push_str(alphabet[(seed >> 33) as usize % alphabet.len()]);
            }
            drawn.push(t);
        }
        let mut found = 0;
        for t in cases
            .iter()
            .copied()
            .chain(drawn.iter().map(String::as_str))
        {
            let want: Vec<Range<usize>> = re.find_iter(t).map(|m| m.range()).collect();
            found += want.len();
            assert_eq!(v.find_iter(t), want, "{t:?}");
        }
        assert!(found > 1000, "{found}");
    }
}
