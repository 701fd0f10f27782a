//! factbrief: audit AI-compute figures in news articles and publish
//! bilingual (中文 / English) briefings.
//!
//! The pipeline, one stage per module:
//!
//! ```text
//! source::scan      articles/**/*.md            -> sorted paths
//! article::load     path                        -> Article (front matter, text blocks, line index)
//! extract::extract  Article + Dataset           -> FactFile (claims, quantities, entities)
//! dataset::Dataset  data/*.yaml (+ --data)      -> the sourced record
//! audit::audit      FactFile + Dataset          -> verdicts, conflicts (per article and across)
//! render::site      FactFiles + templates       -> out/ (HTML, fact files, feed, sitemap, JSON)
//! ```
//!
//! [`serve`] wraps the whole build in a preview server that rebuilds on change.
//!
//! Each stage is a plain function over owned data, and articles are
//! independent until the audit's cross-article step.

// `Diagnostic` is the error type of every fallible stage: about 144 bytes
// (path, position, source line, hint), returned only on the cold path, and
// kept unboxed so every module can build and inspect it by field.
#![allow(clippy::result_large_err)]

/// mimalloc (v2) for every binary of the package: the command line, the
/// benches, the examples and the tests. Extraction and rendering make
/// hundreds of small allocations per article; with glibc's allocator,
/// `malloc` and `free` took 13% of the instructions of claim extraction.
/// Measured on the extraction bench (500 generated articles, one core):
/// 17.3 MB/s with glibc, 21.3 MB/s with mimalloc. v2 rather than v3: v3's
/// one-second purge delay raised the peak RSS of a 10,000-article build
/// from 219 MB to about 300 MB; v2 purges after 10 ms. Built to commit its
/// arenas' memory on demand (`.cargo/config.toml`), v2 peaks at 205-221
/// MiB there, as glibc does. Fuzzing (`--cfg fuzzing`) keeps the system
/// allocator, so that the sanitizers see every allocation.
#[cfg(not(fuzzing))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod article;
pub mod audit;
pub mod build;
pub mod cli;
pub mod commands;
pub mod config;
pub mod dataset;
pub mod diagnostic;
pub mod extract;
pub mod model;
pub mod numbers;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod report;
pub mod serve;
pub mod slug;
pub mod source;
pub mod span;
