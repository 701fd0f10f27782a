//! The number grammar alone over a folder of articles, for profiling
//! (`valgrind --tool=callgrind --toggle-collect='*numbers_pass*pass*'`),
//! and a full dump of its results, to check that a change reads every
//! text exactly as before.
//!
//! - `cargo run --release --example numbers_pass -- DIR [PASSES]`: loads
//!   every `*.md` in `DIR` (the bench corpus, `target/bench-corpus-500-seed1`),
//!   runs [`find_numbers_into`] over every block's text once to warm up, then
//!   `PASSES` times (default 1) inside [`pass`].
//! - `cargo run --release --example numbers_pass -- --dump PATH...`: for
//!   every file under each `PATH` (sorted), prints the `Debug` of
//!   [`find_numbers`] over each block of a `*.md` article, over each line
//!   of the file and over the whole file. Compare two dumps with `cmp`.

use factbrief::article::{self, Article, Limits};
use factbrief::numbers::{find_numbers, find_numbers_into, NumberMatch};
use std::hint::black_box;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Finds the numbers of every block once; returns how many.
#[inline(never)]
fn pass(articles: &[Article], out: &mut Vec<NumberMatch>) -> usize {
    let mut n = 0;
    for a in articles {
        for b in &a.blocks {
            find_numbers_into(black_box(&b.text), out);
            n += out.len();
        }
    }
    n
}

/// The same as [`pass`], under a name the profile leaves out.
#[inline(never)]
fn warm_up(articles: &[Article], out: &mut Vec<NumberMatch>) -> usize {
    let mut n = 0;
    for a in articles {
        for b in &a.blocks {
            find_numbers_into(&b.text, out);
            n += out.len();
        }
    }
    n
}

fn files(p: &Path, into: &mut Vec<PathBuf>) {
    if p.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(p)
            .expect("read dir")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for e in entries {
            files(&e, into);
        }
    } else if p.is_file() {
        into.push(p.to_path_buf());
    }
}

fn dump(paths: &[String]) {
    let mut all = Vec::new();
    for p in paths {
        files(Path::new(p), &mut all);
    }
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    for path in &all {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        writeln!(w, "== {}", path.display()).unwrap();
        if path.extension().is_some_and(|e| e == "md") {
            if let Ok(a) = article::load(path, Limits::default()) {
                for (k, b) in a.blocks.iter().enumerate() {
                    writeln!(w, "block {k}: {:?}", find_numbers(&b.text)).unwrap();
                }
            }
        }
        for (k, line) in text.lines().enumerate() {
            let m = find_numbers(line);
            if !m.is_empty() {
                writeln!(w, "line {k}: {m:?}").unwrap();
            }
        }
        writeln!(w, "file: {:?}", find_numbers(&text)).unwrap();
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().is_some_and(|a| a == "--dump") {
        dump(&args[1..]);
        return;
    }
    let dir = args.first().expect("usage: numbers_pass DIR [PASSES]");
    let passes: usize = args.get(1).map_or(1, |p| p.parse().expect("PASSES"));
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("read DIR")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    paths.sort();
    let articles: Vec<Article> = paths
        .iter()
        .map(|p| article::load(p, Limits::default()).expect("article"))
        .collect();
    let mut out = Vec::new();
    let mut n = warm_up(&articles, &mut out);
    for _ in 0..passes {
        n = pass(&articles, &mut out);
    }
    println!("{} articles, {n} numbers", articles.len());
}
