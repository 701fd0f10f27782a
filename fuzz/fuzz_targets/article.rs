//! Front matter, decoding and block segmentation of one article file.
//! Invariants: never panics; every block maps back inside the source.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    if let Ok(a) = factbrief::article::parse(Path::new("fuzz.md"), data.to_vec()) {
        assert!(a.body_start <= a.source.len());
        assert!(a.source.is_char_boundary(a.body_start));
        for b in &a.blocks {
            let r = b.source_range(0..b.text.len());
            assert!(r.start <= r.end && r.end <= a.source.len(), "{r:?}");
        }
        let _ = a.location(a.source.len());
    }
});
