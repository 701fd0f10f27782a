//! Extraction speed over a synthetic corpus (`cargo bench --bench extract`).
//!
//! The corpus is generated at bench time by
//! `python3 /work/shared/bench/gen_corpus.py DIR 500 --seed 1` into the
//! target directory (override the script with `FACTBRIEF_GEN_CORPUS`); it
//! is never committed. The bench only prints timings; it asserts nothing
//! about speed.

use factbrief::article::{self, Article, Limits};
use factbrief::dataset::Dataset;
use factbrief::extract::Extractor;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const N: usize = 500;
const SEED: u64 = 1;

/// `target/` of this build: the bench binary is `target/<profile>/deps/extract-*`.
fn target_dir() -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|p| p.ancestors().nth(3).map(Path::to_path_buf))
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/target")))
}

fn corpus() -> Option<PathBuf> {
    let dir = target_dir().join(format!("bench-corpus-{N}-seed{SEED}"));
    if dir.join(format!("a{:05}.md", N - 1)).exists() {
        return Some(dir);
    }
    let script = std::env::var("FACTBRIEF_GEN_CORPUS")
        .unwrap_or_else(|_| "/work/shared/bench/gen_corpus.py".into());
    let status = Command::new("python3")
        .arg(&script)
        .arg(&dir)
        .arg(N.to_string())
        .arg("--seed")
        .arg(SEED.to_string())
        .status();
    match status {
        Ok(s) if s.success() => Some(dir),
        other => {
            eprintln!("could not generate the corpus with {script}: {other:?}");
            None
        }
    }
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` does not: then
    // run one quick pass only.
    let full = std::env::args().any(|a| a == "--bench");
    let Some(dir) = corpus() else {
        return;
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|e| e == "md"));
    paths.sort();
    let articles: Vec<Article> = paths
        .iter()
        .filter_map(|p| article::load(p, Limits::default()).ok())
        .collect();
    let bytes: usize = articles.iter().map(|a| a.source.len()).sum();
    let ds = Dataset::embedded().expect("embedded dataset");
    let t0 = Instant::now();
    let x = Extractor::new(&ds);
    let build = t0.elapsed();

    // CPU time of this thread (ns), from the kernel's scheduler statistics:
    // the machine may be busy, so wall time overstates the cost.
    let cpu_ns = || -> Option<u64> {
        std::fs::read_to_string("/proc/thread-self/schedstat")
            .ok()?
            .split_whitespace()
            .next()?
            .parse()
            .ok()
    };
    let pass = || {
        let mut claims = 0usize;
        for a in &articles {
            claims += black_box(x.extract(black_box(a))).claims.len();
        }
        claims
    };
    // Warm up, then time whole passes for at least two seconds.
    let claims = pass();
    let budget = if full {
        Duration::from_secs(2)
    } else {
        Duration::ZERO
    };
    let mut times: Vec<Duration> = Vec::new();
    let mut cpu: Vec<u64> = Vec::new();
    let start = Instant::now();
    while times.is_empty() || start.elapsed() < budget {
        let t = Instant::now();
        let c = cpu_ns();
        black_box(pass());
        times.push(t.elapsed());
        if let (Some(a), Some(b)) = (c, cpu_ns()) {
            cpu.push(b.saturating_sub(a));
        }
    }
    cpu.sort();
    times.sort();
    let best = times[0];
    let median = times[times.len() / 2];
    let mb = bytes as f64 / 1e6;
    println!(
        "extract: {} articles, {:.2} MB, {} claims; matcher built in {:.1} ms",
        articles.len(),
        mb,
        claims,
        build.as_secs_f64() * 1e3
    );
    println!(
        "extract: {} passes, median {:.1} ms ({:.1} MB/s), best {:.1} ms ({:.1} MB/s), one thread",
        times.len(),
        median.as_secs_f64() * 1e3,
        mb / median.as_secs_f64(),
        best.as_secs_f64() * 1e3,
        mb / best.as_secs_f64()
    );
    if let Some(&c) = cpu.get(cpu.len() / 2).filter(|&&c| c > 0) {
        let secs = c as f64 / 1e9;
        println!(
            "extract: median CPU time per pass {:.1} ms ({:.1} MB/s of CPU time on one core)",
            secs * 1e3,
            mb / secs
        );
    }
}
