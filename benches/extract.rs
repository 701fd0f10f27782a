//! Speed of the number grammar, of claim extraction and of article parsing
//! over a synthetic corpus, with criterion (`cargo bench --bench extract`).
//!
//! The corpus is generated at bench time by
//! `python3 ../shared/bench/gen_corpus.py DIR 500 --seed 1` into the target
//! directory (override the script with `FACTBRIEF_GEN_CORPUS`); it is never
//! committed. Without Python 3 or the script the bench stops with a message
//! rather than measuring nothing.
//!
//! Every group reports throughput in decimal megabytes per second (MB/s,
//! 10^6 bytes), the unit of the target and of
//! `../shared/research/perf-anchors.md`:
//! - `numbers`: `numbers::find_numbers` over the plain text of every block
//!   (what extraction feeds it); bytes = that text;
//! - `extract`: `Extractor::extract` over every parsed article, the
//!   extractor built once; bytes = the articles' source text;
//! - `parse`: `article::parse` (decoding, front matter, Markdown blocks) of
//!   every file already in memory; bytes = the files.
//!
//! Everything runs on the calling thread: the figures are one core's.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use factbrief::article::{self, Article, Limits};
use factbrief::dataset::Dataset;
use factbrief::extract::Extractor;
use factbrief::numbers::find_numbers;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const N: usize = 500;
const SEED: u64 = 1;

/// `target/` of this build: the bench binary is `target/<profile>/deps/extract-*`.
fn target_dir() -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|p| p.ancestors().nth(3).map(Path::to_path_buf))
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/target")))
}

/// The corpus folder, generated on first use. Panics with the reason when
/// it cannot be generated: a bench that silently measures nothing is worse
/// than one that fails.
fn corpus() -> PathBuf {
    let dir = target_dir().join(format!("bench-corpus-{N}-seed{SEED}"));
    if dir.join(format!("a{:05}.md", N - 1)).exists() {
        return dir;
    }
    let script = std::env::var("FACTBRIEF_GEN_CORPUS").unwrap_or_else(|_| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/bench/gen_corpus.py").into()
    });
    if !Path::new(&script).is_file() {
        panic!(
            "the corpus generator {script} is missing: check out ../shared beside the \
             project, or set FACTBRIEF_GEN_CORPUS to gen_corpus.py"
        );
    }
    let status = Command::new("python3")
        .arg(&script)
        .arg(&dir)
        .arg(N.to_string())
        .arg("--seed")
        .arg(SEED.to_string())
        .status();
    match status {
        Ok(s) if s.success() => dir,
        Ok(s) => panic!("python3 {script} failed ({s}); the bench needs its corpus"),
        Err(e) => {
            panic!("cannot run python3 ({e}); the bench needs Python 3 to generate its corpus")
        }
    }
}

/// The corpus files, in name order, as (path, bytes).
fn files() -> Vec<(PathBuf, Vec<u8>)> {
    let dir = corpus();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    paths.sort();
    assert_eq!(
        paths.len(),
        N,
        "{} holds {} articles",
        dir.display(),
        paths.len()
    );
    paths
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p, bytes)
        })
        .collect()
}

fn articles(files: &[(PathBuf, Vec<u8>)]) -> Vec<Article> {
    files
        .iter()
        .map(|(p, _)| {
            article::load(p, Limits::default()).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        })
        .collect()
}

fn benches(c: &mut Criterion) {
    let files = files();
    let articles = articles(&files);

    // (a) The number grammar alone, over the text extraction gives it.
    let texts: Vec<&str> = articles
        .iter()
        .flat_map(|a| a.blocks.iter().map(|b| b.text.as_str()))
        .collect();
    let text_bytes: usize = texts.iter().map(|t| t.len()).sum();
    let mut g = c.benchmark_group("numbers");
    g.throughput(Throughput::BytesDecimal(text_bytes as u64));
    g.sample_size(20);
    g.measurement_time(Duration::from_secs(8));
    g.bench_function("find_numbers", |b| {
        b.iter(|| {
            let mut found = 0;
            for t in &texts {
                found += find_numbers(black_box(t)).len();
            }
            found
        })
    });
    g.finish();

    // (b) Claim extraction, the extractor built once.
    let ds = Dataset::embedded().expect("embedded dataset");
    let x = Extractor::new(&ds);
    let source_bytes: usize = articles.iter().map(|a| a.source.len()).sum();
    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::BytesDecimal(source_bytes as u64));
    g.sample_size(20);
    g.measurement_time(Duration::from_secs(12));
    g.bench_function("extract", |b| {
        b.iter(|| {
            let mut claims = 0;
            for a in &articles {
                claims += x.extract(black_box(a)).claims.len();
            }
            claims
        })
    });
    g.finish();

    // (c) Article parsing from bytes in memory (no file system).
    let file_bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let mut g = c.benchmark_group("parse");
    g.throughput(Throughput::BytesDecimal(file_bytes as u64));
    g.sample_size(20);
    g.measurement_time(Duration::from_secs(8));
    g.bench_function("parse", |b| {
        b.iter_batched(
            || files.clone(),
            |files| {
                let mut blocks = 0;
                for (p, bytes) in files {
                    if let Ok(a) = article::parse(&p, bytes) {
                        blocks += a.blocks.len();
                    }
                }
                blocks
            },
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

criterion_group!(extract, benches);
criterion_main!(extract);
