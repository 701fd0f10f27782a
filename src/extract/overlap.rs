//! Every occurrence of every pattern of an Aho-Corasick DFA in a text, in
//! order of their ends: what `AhoCorasick::find_overlapping_iter` yields,
//! from a loop over the concrete `dfa::DFA`.
//!
//! The `AhoCorasick` wrapper reaches its automaton through a trait object
//! and keeps the search position in a state struct, so its overlapping
//! search costs a dynamic call and a few loads and stores per byte. Name
//! matching runs over every byte of every article, so it steps the DFA
//! here, where its transition function inlines.

use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind};

/// A DFA for overlapping searches (Standard semantics, unanchored, no
/// prefilter), optionally ASCII case-insensitive.
pub fn build<I, P>(
    patterns: I,
    ascii_case_insensitive: bool,
) -> Result<DFA, aho_corasick::BuildError>
where
    I: IntoIterator<Item = P>,
    P: AsRef<[u8]>,
{
    DFA::builder()
        .match_kind(MatchKind::Standard)
        .ascii_case_insensitive(ascii_case_insensitive)
        .prefilter(false)
        .build(patterns)
}

/// Calls `f(start, end, pattern)` for every occurrence of every pattern of
/// `dfa` in `haystack`, in order of `end`, and for one `end` in the order
/// of the DFA's match list (as `find_overlapping_iter` reports them).
/// Patterns must not be empty.
#[inline]
pub fn each(dfa: &DFA, haystack: &[u8], mut f: impl FnMut(usize, usize, usize)) {
    let Ok(mut sid) = dfa.start_state(Anchored::No) else {
        return;
    };
    debug_assert!(!dfa.is_match(sid), "an empty pattern");
    for (i, &b) in haystack.iter().enumerate() {
        sid = dfa.next_state(Anchored::No, sid, b);
        if dfa.is_special(sid) {
            if dfa.is_dead(sid) {
                return;
            }
            if dfa.is_match(sid) {
                for k in 0..dfa.match_len(sid) {
                    let p = dfa.match_pattern(sid, k);
                    f(i + 1 - dfa.pattern_len(p), i + 1, p.as_usize());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_find_overlapping_iter_finds() {
        let patterns = [
            "h100",
            "100",
            "英伟达",
            "英伟达h100",
            "a",
            "ab",
            "b",
            "nvidia h1",
        ];
        let texts = [
            "",
            "英伟达h100 and nvidia h100s; ab ba aab",
            "h100h100英伟达英伟达h1",
            "NVIDIA H100, AB",
        ];
        for ci in [false, true] {
            let dfa = build(patterns, ci).unwrap();
            let ac = aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(ci)
                .build(patterns)
                .unwrap();
            for t in texts {
                let mut ours = Vec::new();
                each(&dfa, t.as_bytes(), |s, e, p| ours.push((s, e, p)));
                let theirs: Vec<_> = ac
                    .find_overlapping_iter(t)
                    .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
                    .collect();
                assert_eq!(ours, theirs, "{t:?}");
            }
        }
    }
}
