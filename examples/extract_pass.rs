//! One claim-extraction pass over a folder of articles, for profiling
//! (`valgrind --tool=callgrind --toggle-collect='*extract_pass*pass*'`).
//!
//! `cargo run --release --example extract_pass -- DIR [PASSES]`: loads every
//! `*.md` in `DIR` (the bench corpus, `target/bench-corpus-500-seed1`),
//! builds the extractor once, extracts everything once to warm up, then runs [`Extractor::extract`] over every
//! article `PASSES` times (default 1) inside [`pass`], so an instruction
//! count restricted to `pass` measures extraction alone.

use factbrief::article::{self, Article, Limits};
use factbrief::dataset::Dataset;
use factbrief::extract::Extractor;
use std::hint::black_box;

/// Extracts every article once; returns the number of claims.
#[inline(never)]
fn pass(x: &Extractor, articles: &[Article]) -> usize {
    articles
        .iter()
        .map(|a| x.extract(black_box(a)).claims.len())
        .sum()
}

/// The same as [`pass`], under a name the profile leaves out.
#[inline(never)]
fn warm_up(x: &Extractor, articles: &[Article]) -> usize {
    articles.iter().map(|a| x.extract(a).claims.len()).sum()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: extract_pass DIR [PASSES]");
    let passes: usize = args.next().map_or(1, |p| p.parse().expect("PASSES"));
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("read DIR")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    paths.sort();
    let articles: Vec<Article> = paths
        .iter()
        .map(|p| article::load(p, Limits::default()).expect("article"))
        .collect();
    let ds = Dataset::embedded().expect("embedded dataset");
    let x = Extractor::new(&ds);
    // Lazily built tables (character classes, automata) are built here,
    // outside `pass`, as they are before the bench measures.
    let mut claims = warm_up(&x, &articles);
    for _ in 0..passes {
        claims = pass(&x, &articles);
    }
    println!("{} articles, {claims} claims", articles.len());
}
