//! The number grammar through its public function only.
//! Invariants: never panics; spans are ordered, non-overlapping, inside the
//! text and on character boundaries; the numeral lies inside the expression.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let mut last = 0;
    for m in factbrief::numbers::find_numbers(text) {
        assert!(m.span.start <= m.span.end && m.span.end <= text.len(), "{m:?}");
        assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
        assert!(m.span.start >= last, "overlap: {m:?}");
        assert!(
            m.number_span.start >= m.span.start && m.number_span.end <= m.span.end,
            "{m:?}"
        );
        last = m.span.end;
        let _ = m.as_count();
    }
});
