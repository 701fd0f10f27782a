//! The whole per-article pipeline on one document: parse, extract, audit,
//! and the sanitised article HTML with its claim marks.
//! Invariants: never panics; every claim's span lies inside the source on
//! character boundaries; the rendered HTML keeps no `<script`.
#![no_main]

use factbrief::article::{self, Limits};
use factbrief::dataset::Dataset;
use factbrief::pipeline::Pipeline;
use factbrief::render::markdown::{self, Mark};
use factbrief::slug::SlugRegistry;
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::OnceLock;

static DATASET: OnceLock<Dataset> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let dataset = DATASET.get_or_init(|| Dataset::embedded().expect("embedded dataset"));
    let Ok(a) = article::parse(Path::new("fuzz.md"), data.to_vec()) else {
        return;
    };
    let pipeline = Pipeline::new(dataset, Limits::default());
    let mut slugs = SlugRegistry::default();
    let mut diags = Vec::new();
    let p = pipeline.process(a, &mut slugs, &mut diags);
    let src = &p.article.source;
    for c in &p.facts.claims {
        assert!(
            c.span.start <= c.span.end && c.span.end <= src.len(),
            "{:?}",
            c.span
        );
        assert!(src.is_char_boundary(c.span.start) && src.is_char_boundary(c.span.end));
    }
    let marks: Vec<Mark<'_>> = p
        .facts
        .claims
        .iter()
        .enumerate()
        .map(|(i, c)| Mark {
            claim: c,
            n: i + 1,
            status: "unverified",
            tip_html: factbrief::render::escape_html(&c.text),
        })
        .collect();
    let html = markdown::render(p.article.body(), p.article.body_start, &marks);
    assert!(!html.to_ascii_lowercase().contains("<script"), "{html}");
});
