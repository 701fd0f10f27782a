//! The build: every article through every stage, streamed and incremental.
//!
//! Articles are taken in path order, a chunk at a time: each chunk is
//! loaded, extracted, audited and rendered in parallel, its pages written,
//! and then only a compact digest of each article is kept for the
//! site-wide pages. Memory therefore grows with the digests, not with the
//! articles, their fact files or their pages.
//!
//! The build is also incremental. `out/.factbrief-cache` remembers, for
//! each article, its size, modification time and content hash, its slug
//! and where its fact file's JSON is in `facts.json`; for each output
//! file, the hash of what was written. The articles' digests are kept
//! beside it in `out/.factbrief-cache-digests/`, split into 16
//! files by path hash. A later build into the same folder
//!
//! - re-reads no article whose size and time are unchanged, and
//!   re-processes only those whose content changed;
//! - redoes everything when the cache key changes: the binary, the dataset,
//!   the templates, the site settings or the limits;
//! - renders a site-wide page only when the digests it is made from
//!   changed (months are a stable partition, see [`crate::render::pages`]);
//! - writes only files whose bytes changed, and deletes only files the new
//!   site no longer has, through [`Staging::publish_patch`], which keeps
//!   the publish atomic.
//!
//! Whatever was reused, the output is byte-for-byte that of a clean build
//! (tests/incremental.rs checks it after edits, deletions, renames and
//! dataset changes).

use crate::article;
use crate::diagnostic::Diagnostic;
use crate::model::FactFile;
use crate::output::{Staging, CACHE, DIGESTS};
use crate::pipeline::{self, Pipeline, Processed};
use crate::render::digest::{ArticleDigest, DigestFile, Pool};
use crate::render::{self, Site, Templates};
use crate::slug::SlugRegistry;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// Articles per chunk: enough to keep every core busy, few enough to keep
/// memory flat. A chunk's pages, fact files and parsed articles are held
/// until it is written: at 256 that was about 70 MB of a 10,000-article
/// build's peak.
const CHUNK: usize = 64;
/// Bumped whenever the cache's layout or meaning changes.
const FORMAT: u32 = 5;
/// The digests are kept in this many files, an article's chosen by the hash
/// of its path: a one-article rebuild rewrites one of them, not all (at
/// 10,000 articles encoding all of them took 150-200 ms), and they are read
/// in parallel.
const SHARDS: usize = 16;

/// What a build needs besides the article files.
pub struct Inputs<'a> {
    pub pipeline: &'a Pipeline<'a>,
    pub templates: &'a Templates,
    pub templates_dir: Option<&'a Path>,
    pub site: &'a Site,
    /// Everything else the output depends on (dataset sources, user
    /// templates, settings): hashed into the cache key.
    pub key_material: &'a [u8],
}

/// What one build leaves for the next in the same process (`factbrief
/// serve`): the cache with every digest decoded and the pool they share.
/// The next build uses it instead of reading the cache files, if the
/// cache index on disk is still the one this build wrote.
#[derive(Default)]
pub struct Warm {
    state: Option<WarmState>,
}

struct WarmState {
    cache: Cache,
    pool: Pool,
    /// Hash of the `.factbrief-cache` file written with `cache`.
    index: u128,
}

/// What a build did.
#[derive(Debug, Default)]
pub struct Report {
    pub built: usize,
    pub skipped: usize,
    /// Articles read and processed this time (the rest came from the cache).
    pub processed: usize,
    pub pages: usize,
    /// Files written (new or changed) and deleted.
    pub written: usize,
    pub deleted: usize,
    /// Claims per verdict, in the pages' order.
    pub tally: [usize; 5],
    pub diagnostics: Vec<Diagnostic>,
    /// Nothing had changed: the output was left exactly as it was.
    pub unchanged: bool,
    /// How long each step took, for `-v`.
    pub steps: Vec<(&'static str, std::time::Duration)>,
}

#[derive(Serialize, Deserialize, Default)]
struct Cache {
    format: u32,
    key: u128,
    articles: Vec<Entry>,
    /// Every file of the published site and the hash of its bytes.
    files: BTreeMap<String, u128>,
    /// Site-wide pages by path: the hash of the inputs they were rendered from.
    page_inputs: BTreeMap<String, u128>,
    /// The digest files, one per shard (see [`SHARDS`]).
    shards: Vec<Shard>,
}

/// One digest file: who is in it, and what was written.
#[derive(Serialize, Deserialize, Clone, Copy, Default, PartialEq, Eq)]
struct Shard {
    /// Hash of its articles' slugs and digest hashes, in order: equal
    /// means the file written before holds the digests wanted now.
    members: u128,
    /// Hash of the file's bytes, checked when it is read back.
    file: u128,
}
#[derive(Serialize, Deserialize, Clone)]
struct Entry {
    path: PathBuf,
    size: u64,
    mtime_ns: i128,
    hash: u128,
    /// The slug the article asks for (front matter or file name), before
    /// the registry makes it unique.
    base_slug: String,
    /// Kept in `.factbrief-cache-digests/`, read only when some article
    /// changed: a build with nothing to do reads just this index.
    #[serde(skip)]
    digest: ArticleDigest,
    slug: String,
    tally: [usize; 5],
    digest_hash: u128,
    /// Where the fact file's JSON is in the published `facts.json`, and
    /// the hash of that JSON.
    json_at: (u64, u64),
    json_hash: u128,
    /// The article's warnings, repeated when it is reused.
    warnings: Vec<Diagnostic>,
}

/// A fact file's JSON for the new `facts.json`: fresh, or a range of the
/// previous one.
enum Fragment {
    New(String),
    Old(u64, u64),
}

fn hash(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

fn stat(path: &Path) -> Option<(u64, i128)> {
    let m = std::fs::metadata(path).ok()?;
    let t = m.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    Some((m.len(), t.as_nanos() as i128))
}

/// The cache key: this binary, the format, and everything in `material`.
fn cache_key(material: &[u8]) -> u128 {
    let mut k = Vec::with_capacity(material.len() + 64);
    k.extend_from_slice(&FORMAT.to_le_bytes());
    k.extend_from_slice(env!("CARGO_PKG_VERSION").as_bytes());
    // A rebuilt binary may render differently under the same version.
    if let Some((size, mtime)) = std::env::current_exe().ok().and_then(|p| stat(&p)) {
        k.extend_from_slice(&size.to_le_bytes());
        k.extend_from_slice(&mtime.to_le_bytes());
    }
    k.extend_from_slice(material);
    hash(&k)
}

/// The cache is stored as base64 text: every file under `out/` is text a
/// reader (or a checker looking for control characters) can open, and two
/// builds of the same input write the same bytes.
fn load_cache(out: &Path) -> Cache {
    read_text(out, CACHE)
        .and_then(|b| postcard::from_bytes::<Cache>(&b).ok())
        .filter(|c| c.format == FORMAT)
        .unwrap_or_default()
}

/// Builds the site from `files` (sorted) into `staging`, reusing what the
/// previous build into the same folder left when it can.
pub fn build(
    files: &[PathBuf],
    inputs: &Inputs<'_>,
    staging: Staging,
    progress: &(dyn Fn(&Path) + Sync),
    mut warm: Option<&mut Warm>,
) -> Result<Report, Diagnostic> {
    let mut clock = std::time::Instant::now();
    let mut steps: Vec<(&'static str, std::time::Duration)> = Vec::new();
    let mut step = |name: &'static str| {
        steps.push((name, clock.elapsed()));
        clock = std::time::Instant::now();
    };
    let key = cache_key(inputs.key_material);
    // The previous build's cache: kept in memory by this process if it is
    // still the one on disk, else read from disk (without its digests).
    let warm_state = warm.as_mut().and_then(|w| w.state.take());
    let (mut previous, mut pool, digests_loaded) = match warm_state {
        Some(mut w)
            if staging.has_previous() && file_hash(staging.out(), CACHE) == Some(w.index) =>
        {
            // Values only the pool still holds belonged to articles since
            // edited or deleted.
            w.pool.prune();
            (w.cache, w.pool, true)
        }
        _ if staging.has_previous() => (load_cache(staging.out()), Pool::default(), false),
        _ => (Cache::default(), Pool::default(), false),
    };
    // Reused articles' JSON is read back from the published facts.json.
    let json_len = std::fs::metadata(staging.out().join("facts.json")).map_or(0, |m| m.len());
    let mut reuse = previous.key == key
        && !previous.files.is_empty()
        && previous
            .articles
            .iter()
            .all(|e| e.json_at.0 + e.json_at.1 <= json_len);
    let old: HashMap<&Path, usize> = if reuse {
        previous
            .articles
            .iter()
            .enumerate()
            .map(|(i, e)| (e.path.as_path(), i))
            .collect()
    } else {
        HashMap::new()
    };

    // Which articles can be reused as they are? Size and time first, the
    // content hash only when those changed (a touched file is not edited).
    let mut check_ids: Vec<Option<usize>> = files
        .par_iter()
        .map(|p| {
            let i = *old.get(p.as_path())?;
            let e = &previous.articles[i];
            let (size, mtime) = stat(p)?;
            if size == e.size && mtime == e.mtime_ns {
                return Some(i);
            }
            let bytes = std::fs::read(p).ok()?;
            (bytes.len() as u64 == e.size && hash(&bytes) == e.hash).then_some(i)
        })
        .collect();
    drop(old);
    step("check");
    let all_reused = check_ids.iter().all(Option::is_some);
    let all_reused = reuse && all_reused && files.len() == previous.articles.len();
    if all_reused {
        let mut report = Report {
            built: files.len(),
            unchanged: true,
            ..Report::default()
        };
        for (k, n) in previous
            .articles
            .iter()
            .flat_map(|e| e.tally.iter().enumerate())
        {
            report.tally[k] += n;
        }
        replay_warnings(&previous.articles, &mut report.diagnostics);
        // Dropping the staging folder leaves `out` exactly as it was.
        let index = digests_loaded
            .then(|| file_hash(staging.out(), CACHE))
            .flatten();
        drop(staging);
        if let (Some(w), Some(index)) = (warm, index) {
            w.state = Some(WarmState {
                cache: previous,
                pool,
                index,
            });
        }
        report.steps = steps;
        return Ok(report);
    }

    // Something changed: the reused articles' digests are needed now,
    // their shared values seeding the pool new digests share theirs with.
    if !digests_loaded
        && reuse
        && !load_digests(
            staging.out(),
            &mut previous.articles,
            &previous.shards,
            &mut pool,
        )
    {
        reuse = false;
        check_ids.iter_mut().for_each(|c| *c = None);
    }
    if reuse {
        step("digests");
    }
    // Reused entries are moved, not copied, into the new cache.
    let mut stash: Vec<Option<Entry>> = std::mem::take(&mut previous.articles)
        .into_iter()
        .map(Some)
        .collect();

    // Reused articles' fact-file JSON is copied from the published one.
    let old_json: Option<std::fs::File> = if reuse {
        std::fs::File::open(staging.out().join("facts.json")).ok()
    } else {
        None
    };
    let old_len = old_json
        .as_ref()
        .and_then(|f| f.metadata().ok())
        .map_or(0, |m| m.len());
    if reuse && old_len != json_len {
        return Err(
            Diagnostic::error("facts.json changed while the build read it")
                .at_path(staging.out())
                .with_hint("run the build again"),
        );
    }
    let mut report = Report::default();
    let mut new = Cache {
        format: FORMAT,
        key,
        ..Cache::default()
    };
    let mut slugs = SlugRegistry::default();
    let write =
        |rel: &str, bytes: &[u8], files: &mut Vec<(String, u128)>| -> Result<bool, Diagnostic> {
            let h = hash(bytes);
            files.push((rel.to_string(), h));
            if reuse && previous.files.get(rel) == Some(&h) {
                return Ok(false);
            }
            staging.write(rel, bytes)?;
            Ok(true)
        };
    let mut written_files: Vec<(String, u128)> = Vec::new();
    let mut json = FactsJson::new(&staging, reuse)?;

    for (chunk_no, chunk) in files.chunks(CHUNK).enumerate() {
        let reused = &check_ids[chunk_no * CHUNK..chunk_no * CHUNK + chunk.len()];
        // Load, extract and audit what changed, in parallel.
        let loaded: Vec<Option<Result<Loaded, article::Skip>>> = chunk
            .par_iter()
            .zip(reused)
            .map(|(path, r)| {
                if r.is_some() {
                    return None;
                }
                let out = load(inputs.pipeline, path);
                progress(path);
                Some(out)
            })
            .collect();
        // Slugs in path order; a reused article whose slug moved (another
        // article took it) is processed again.
        let mut todo: Vec<(usize, Processed, Vec<u8>, Vec<Diagnostic>)> = Vec::new();
        let mut keep: Vec<(usize, Entry)> = Vec::new();
        for (k, (l, r)) in loaded.into_iter().zip(reused).enumerate() {
            let r = r.and_then(|i| stash[i].take());
            match (l, r) {
                (None, Some(e)) => {
                    let (slug, renamed) = slugs.claim(&e.base_slug);
                    if slug == e.digest.slug {
                        progress(&e.path);
                        report.diagnostics.extend(e.warnings.iter().cloned());
                        if renamed {
                            report.diagnostics.push(pipeline::slug_taken(
                                &e.path,
                                &e.base_slug,
                                &slug,
                            ));
                        }
                        keep.push((k, e));
                    } else {
                        match load(inputs.pipeline, &chunk[k]) {
                            Ok((a, facts, bytes)) => {
                                let mut warnings = a.warnings.clone();
                                pipeline::base_slug(&a, &mut warnings);
                                report.diagnostics.extend(warnings.iter().cloned());
                                if renamed {
                                    report.diagnostics.push(pipeline::slug_taken(
                                        &a.path,
                                        &e.base_slug,
                                        &slug,
                                    ));
                                }
                                let p = finish(a, facts, &slug);
                                todo.push((k, p, bytes, warnings));
                            }
                            Err(skip) => {
                                report.diagnostics.push(skip.diagnostic);
                                report.skipped += 1;
                            }
                        }
                    }
                }
                (Some(Ok((a, facts, bytes))), _) => {
                    // The article's own warnings, then its slug's, as a
                    // clean build reports them.
                    let mut warnings = a.warnings.clone();
                    let base = pipeline::base_slug(&a, &mut warnings);
                    report.diagnostics.extend(warnings.iter().cloned());
                    let (slug, renamed) = slugs.claim(&base);
                    if renamed {
                        report
                            .diagnostics
                            .push(pipeline::slug_taken(&a.path, &base, &slug));
                    }
                    let p = finish(a, facts, &slug);
                    todo.push((k, p, bytes, warnings));
                }
                (Some(Err(skip)), _) => {
                    report.diagnostics.push(skip.diagnostic);
                    report.skipped += 1;
                }
                (None, None) => unreachable!("an article is either reused or loaded"),
            }
        }
        // Render what changed, in parallel.
        let rendered: Vec<Result<(usize, Entry, render::ArticleOutput), Diagnostic>> = todo
            .into_par_iter()
            .map(|(k, p, bytes, warnings)| {
                let o =
                    render::article(inputs.templates, inputs.site, &p, inputs.pipeline.dataset)?;
                let (size, mtime_ns) = stat(&p.article.path).unwrap_or((bytes.len() as u64, 0));
                let digest_bytes = postcard::to_allocvec(&o.digest).unwrap_or_default();
                let entry = Entry {
                    path: p.article.path.clone(),
                    size,
                    mtime_ns,
                    hash: hash(&bytes),
                    base_slug: pipeline::base_slug(&p.article, &mut Vec::new()),
                    slug: o.digest.slug.clone(),
                    tally: o.digest.tally,
                    digest: o.digest.clone(),
                    digest_hash: hash(&digest_bytes),
                    json_at: (0, 0),
                    json_hash: hash(o.facts_json.as_bytes()),
                    warnings,
                };
                Ok((k, entry, o))
            })
            .collect();
        let mut entries: Vec<(usize, Entry, Fragment)> = keep
            .into_iter()
            .map(|(k, e)| {
                let f = Fragment::Old(e.json_at.0, e.json_at.1);
                (k, e, f)
            })
            .collect();
        for r in rendered {
            let (k, entry, o) = r?;
            let slug = &entry.digest.slug;
            if write(
                &format!("briefings/{slug}.html"),
                o.briefing.as_bytes(),
                &mut written_files,
            )? {
                report.written += 1;
            }
            if write(
                &format!("facts/{slug}.yaml"),
                o.facts_yaml.as_bytes(),
                &mut written_files,
            )? {
                report.written += 1;
            }
            report.processed += 1;
            entries.push((k, entry, Fragment::New(o.facts_json)));
        }
        // Reused articles' files are as they were.
        for (_, e, f) in &entries {
            if matches!(f, Fragment::New(_)) {
                continue;
            }
            let slug = &e.digest.slug;
            for rel in [
                format!("briefings/{slug}.html"),
                format!("facts/{slug}.yaml"),
            ] {
                if let Some(&h) = previous.files.get(&rel) {
                    written_files.push((rel, h));
                }
            }
        }
        entries.sort_by_key(|(k, _, _)| *k);
        // facts.json grows in path order as chunks finish.
        for (_, mut e, f) in entries {
            // A reused digest came from the pool already.
            if matches!(f, Fragment::New(_)) {
                e.digest.share(&mut pool);
            }
            e.json_at = json.push(f, e.json_hash)?;
            new.articles.push(e);
        }
    }
    step("articles");

    // facts.json: every fact file, in path order; not written at all when
    // its fact files are the ones already published.
    let (h, wrote) = json.finish(
        &staging,
        old_json.as_ref(),
        previous.files.get("facts.json").copied(),
    )?;
    drop(old_json);
    written_files.push(("facts.json".into(), h));
    report.written += usize::from(wrote);
    step("facts.json");

    // The site-wide pages, each rendered only when its inputs changed.
    let mut digests: Vec<(&ArticleDigest, u128)> = new
        .articles
        .iter()
        .map(|e| (&e.digest, e.digest_hash))
        .collect();
    sort_newest_first(&mut digests);
    // Each page is written (if its bytes changed) as soon as it is rendered.
    let sink = |path: &str, bytes: Vec<u8>| -> Result<(u128, bool), Diagnostic> {
        let h = hash(&bytes);
        if reuse && previous.files.get(path) == Some(&h) {
            return Ok((h, false));
        }
        staging.write(path, &bytes)?;
        Ok((h, true))
    };
    let site_pages = render::site_pages_incremental(
        inputs.templates,
        inputs.site,
        inputs.pipeline.dataset,
        &digests,
        key,
        if reuse {
            Some(&previous.page_inputs)
        } else {
            None
        },
        &sink,
    )?;
    for p in site_pages {
        if p.path.ends_with(".html") {
            report.pages += 1;
        }
        new.page_inputs.insert(p.path.clone(), p.inputs);
        match p.sunk {
            Some((h, wrote)) => {
                report.written += usize::from(wrote);
                written_files.push((p.path, h));
            }
            None => {
                if let Some(&h) = previous.files.get(&p.path) {
                    written_files.push((p.path, h));
                }
            }
        }
    }
    step("site pages");
    for (name, bytes) in render::assets(inputs.templates_dir) {
        if write(&name, &bytes, &mut written_files)? {
            report.written += 1;
        }
    }
    report.pages += new.articles.len();
    new.files = written_files.into_iter().collect();
    report.built = new.articles.len();
    for e in &new.articles {
        for (k, n) in e.digest.tally.iter().enumerate() {
            report.tally[k] += n;
        }
    }

    // Publish: only the changes into a folder we built before, else swap
    // the whole staged site in.
    let out = staging.out().to_path_buf();
    if reuse {
        let mut gone: Vec<String> = previous
            .files
            .keys()
            .filter(|k| !new.files.contains_key(*k))
            .cloned()
            .collect();
        gone.sort();
        report.deleted = gone.len();
        staging.publish_patch(&gone)?;
    } else {
        staging.publish()?;
    }
    step("publish");
    let index = save_cache(&out, &mut new, if reuse { &previous.shards } else { &[] });
    step("cache");
    report.steps = steps;
    // Freeing a large archive's cache value by value took a tenth of a
    // one-article rebuild (10,000 articles: 500M instructions of 3,750M):
    // a background thread does it. A command-line build exits without
    // waiting for it; a server's next build does not wait either.
    match (warm, index) {
        (Some(w), Some(index)) => {
            w.state = Some(WarmState {
                cache: new,
                pool,
                index,
            });
            drop_in_background((previous, stash));
        }
        _ => drop_in_background((new, previous, stash, pool)),
    }
    Ok(report)
}

/// Drops `value` on a thread of its own (inline if none can be started).
fn drop_in_background<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new()
        .name("factbrief-drop".into())
        .spawn(move || drop(value));
}

/// `facts.json`. A full build streams it to staging as chunks finish (at
/// 10,000 articles it is 300 MB, too much to hold); an incremental one
/// plans it from the previous file's ranges and the new fragments, and
/// writes it only if the sequence of fragments changed, copying the old
/// ranges in the kernel. Its identity is the hash of its fragments' hashes,
/// so neither mode has to read the bytes it keeps.
struct FactsJson {
    stream: Option<std::io::BufWriter<std::fs::File>>,
    plan: Vec<Fragment>,
    len: u64,
    hashes: xxhash_rust::xxh3::Xxh3,
}

impl FactsJson {
    fn new(staging: &Staging, deferred: bool) -> Result<Self, Diagnostic> {
        let stream = if deferred {
            None
        } else {
            Some(std::io::BufWriter::with_capacity(
                1 << 20,
                staging.create("facts.json")?,
            ))
        };
        Ok(FactsJson {
            stream,
            plan: Vec::new(),
            len: 0,
            hashes: xxhash_rust::xxh3::Xxh3::new(),
        })
    }

    /// Adds one fact file's JSON; returns where it lands in the new file.
    fn push(&mut self, f: Fragment, frag_hash: u128) -> Result<(u64, u64), Diagnostic> {
        let first = self.len == 0;
        self.len += 1; // `[` or `,`
        let start = self.len;
        let n = match &f {
            Fragment::New(s) => s.len() as u64,
            Fragment::Old(_, len) => *len,
        };
        self.len += n;
        self.hashes.update(&frag_hash.to_le_bytes());
        match (&mut self.stream, f) {
            (Some(out), Fragment::New(s)) => {
                let sep: &[u8] = if first { b"[" } else { b"," };
                write_all(out, sep)?;
                write_all(out, s.as_bytes())?;
            }
            (Some(_), Fragment::Old(..)) => {
                return Err(Diagnostic::error(
                    "internal: a full build has no previous facts.json to copy from",
                ))
            }
            (None, f) => self.plan.push(f),
        }
        Ok((start, n))
    }

    /// Finishes the file; its hash, and whether it was written.
    fn finish(
        mut self,
        staging: &Staging,
        old: Option<&std::fs::File>,
        previous: Option<u128>,
    ) -> Result<(u128, bool), Diagnostic> {
        self.hashes.update(&self.len.to_le_bytes());
        let h = self.hashes.digest128();
        if let Some(mut out) = self.stream.take() {
            write_all(&mut out, if self.len == 0 { b"[]\n" } else { b"]\n" })?;
            use std::io::Write;
            out.flush().map_err(facts_error)?;
            return Ok((h, true));
        }
        if previous == Some(h) {
            return Ok((h, false));
        }
        let mut out = std::io::BufWriter::with_capacity(1 << 20, staging.create("facts.json")?);
        let mut k = 0;
        while k < self.plan.len() {
            write_all(&mut out, if k == 0 { b"[" } else { b"," })?;
            match &self.plan[k] {
                Fragment::New(s) => {
                    write_all(&mut out, s.as_bytes())?;
                    k += 1;
                }
                Fragment::Old(at, len) => {
                    // Consecutive old fragments are one range of the old
                    // file (with the commas between them).
                    let (start, mut end) = (*at, at + len);
                    k += 1;
                    while let Some(Fragment::Old(a, l)) = self.plan.get(k) {
                        if *a != end + 1 {
                            break;
                        }
                        end = a + l;
                        k += 1;
                    }
                    copy_range(old, start, end - start, &mut out)?;
                }
            }
        }
        write_all(
            &mut out,
            if self.plan.is_empty() {
                b"[]\n"
            } else {
                b"]\n"
            },
        )?;
        use std::io::Write;
        out.flush().map_err(facts_error)?;
        Ok((h, true))
    }
}

fn facts_error(e: std::io::Error) -> Diagnostic {
    Diagnostic::error(format!("cannot write facts.json: {e}"))
}

fn write_all(out: &mut impl std::io::Write, bytes: &[u8]) -> Result<(), Diagnostic> {
    out.write_all(bytes).map_err(facts_error)
}

/// Copies `len` bytes at `at` of the previous facts.json (the kernel copies
/// file to file; no bytes pass through this process).
fn copy_range(
    old: Option<&std::fs::File>,
    at: u64,
    len: u64,
    out: &mut std::io::BufWriter<std::fs::File>,
) -> Result<(), Diagnostic> {
    use std::io::{Read, Seek, Write};
    let old = old.ok_or_else(|| Diagnostic::error("facts.json vanished during the build"))?;
    out.flush().map_err(facts_error)?;
    let mut src = old.try_clone().map_err(facts_error)?;
    src.seek(std::io::SeekFrom::Start(at))
        .map_err(facts_error)?;
    let copied = std::io::copy(&mut src.take(len), out.get_mut()).map_err(facts_error)?;
    if copied != len {
        return Err(
            Diagnostic::error("the previous facts.json is shorter than its index")
                .with_hint("delete the output folder and build again"),
        );
    }
    Ok(())
}

/// Which digest file an article's digest is kept in.
fn shard_of(path: &Path) -> usize {
    (hash(path.as_os_str().as_encoded_bytes()) % SHARDS as u128) as usize
}

/// The name of a digest file inside `out/`.
fn shard_name(i: usize) -> String {
    format!("{DIGESTS}/{i:02}")
}

/// Positions of `articles` by shard, each in the index's order.
fn by_shard(articles: &[Entry]) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); SHARDS];
    for (i, e) in articles.iter().enumerate() {
        out[shard_of(&e.path)].push(i);
    }
    out
}

/// The cache is an optimisation: failing to write it costs the next build
/// its reuse, nothing else. A digest file is written only when its members
/// changed since `previous` (empty after a clean build).
fn save_cache(out: &Path, cache: &mut Cache, previous: &[Shard]) -> Option<u128> {
    let dir = out.join(DIGESTS);
    // Before format 5 the digests were one file of this name.
    if dir.is_file() {
        let _ = std::fs::remove_file(&dir);
    }
    if std::fs::create_dir_all(&dir).is_err() {
        return None;
    }
    let groups = by_shard(&cache.articles);
    let articles = &cache.articles;
    let shards: Option<Vec<Shard>> = groups
        .par_iter()
        .enumerate()
        .map(|(i, members)| {
            let mut id = Vec::with_capacity(members.len() * 40);
            for &m in members {
                id.extend_from_slice(articles[m].slug.as_bytes());
                id.push(0);
                id.extend_from_slice(&articles[m].digest_hash.to_le_bytes());
            }
            let members_hash = hash(&id);
            if let Some(p) = previous.get(i).filter(|p| p.members == members_hash) {
                return Some(*p);
            }
            let file = DigestFile::encode(members.iter().map(|&m| &articles[m].digest));
            let file = save_text(out, &shard_name(i), &file)?;
            Some(Shard {
                members: members_hash,
                file,
            })
        })
        .collect();
    // Digests first: an index is only trusted with its digests beside it.
    cache.shards = shards?;
    save_text(out, CACHE, cache)
}

/// The hash of `out/name`'s bytes, as [`save_text`] returns it.
fn file_hash(out: &Path, name: &str) -> Option<u128> {
    std::fs::read(out.join(name)).ok().map(|b| hash(&b))
}

/// The reused articles' digests, in the index's order; false when they
/// cannot be read (the build then processes everything). The files are
/// read and parsed in parallel; their shared values go into `pool` one
/// file at a time, and the digests are then rebuilt in parallel again.
fn load_digests(out: &Path, entries: &mut [Entry], shards: &[Shard], pool: &mut Pool) -> bool {
    if shards.len() != SHARDS {
        return false;
    }
    let groups = by_shard(entries);
    let bytes: Option<Vec<Vec<u8>>> = (0..SHARDS)
        .into_par_iter()
        .map(|i| {
            if groups[i].is_empty() {
                return Some(Vec::new());
            }
            let text = std::fs::read(out.join(shard_name(i))).ok()?;
            (hash(&text) == shards[i].file).then_some(())?;
            decode_text(&text)
        })
        .collect();
    let Some(bytes) = bytes else { return false };
    let files: Option<Vec<DigestFile>> = bytes
        .par_iter()
        .zip(&groups)
        .map(|(b, g)| {
            if g.is_empty() {
                Some(DigestFile::default())
            } else {
                postcard::from_bytes::<DigestFile>(b).ok()
            }
        })
        .collect();
    let Some(files) = files else { return false };
    let interned: Vec<_> = files.into_iter().map(|f| f.intern(pool)).collect();
    let digests: Option<Vec<Vec<ArticleDigest>>> =
        interned.into_par_iter().map(|f| f.digests()).collect();
    let Some(digests) = digests else { return false };
    for (group, digests) in groups.iter().zip(digests) {
        if digests.len() != group.len() {
            return false;
        }
        for (&i, d) in group.iter().zip(digests) {
            if d.slug != entries[i].slug {
                return false;
            }
            entries[i].digest = d;
        }
    }
    true
}

/// The bytes of `out/name`, written by [`save_text`]; `None` when it is
/// missing or not base64.
fn read_text(out: &Path, name: &str) -> Option<Vec<u8>> {
    decode_text(&std::fs::read(out.join(name)).ok()?)
}

/// The bytes a file written by [`save_text`] holds.
fn decode_text(text: &[u8]) -> Option<Vec<u8>> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(text.trim_ascii())
        .ok()
}

/// Writes `value` as base64 postcard to `out/name`, through a temporary
/// file and a rename, and returns the hash of the file's bytes. The bytes
/// are encoded whole: fed to a base64 writer a field at a time, the
/// encoder's slow path for short input took more time than serialising.
fn save_text<T: Serialize + ?Sized>(out: &Path, name: &str, value: &T) -> Option<u128> {
    use base64::Engine;
    let tmp = out.join(format!("{name}.tmp"));
    let written = (|| -> Option<u128> {
        let bytes = postcard::to_allocvec(value).ok()?;
        let mut text = base64::engine::general_purpose::STANDARD.encode(&bytes);
        drop(bytes);
        text.push('\n');
        std::fs::write(&tmp, &text).ok()?;
        Some(hash(text.as_bytes()))
    })();
    match written {
        Some(h) if std::fs::rename(&tmp, out.join(name)).is_ok() => Some(h),
        _ => {
            let _ = std::fs::remove_file(&tmp);
            None
        }
    }
}

/// Newest first, as [`render::pages::sort_newest_first`].
fn sort_newest_first(d: &mut [(&ArticleDigest, u128)]) {
    d.sort_by(|(a, _), (b, _)| {
        a.date_iso
            .is_empty()
            .cmp(&b.date_iso.is_empty())
            .then_with(|| b.updated.cmp(&a.updated))
            .then_with(|| a.slug.cmp(&b.slug))
    });
}

type Loaded = (article::Article, FactFile, Vec<u8>);

fn load(p: &Pipeline<'_>, path: &Path) -> Result<Loaded, article::Skip> {
    let a = article::load(path, p.limits)?;
    let facts = p.facts_of(&a);
    let bytes = std::fs::read(path).unwrap_or_default();
    Ok((a, facts, bytes))
}

fn finish(a: article::Article, mut facts: FactFile, slug: &str) -> Processed {
    let mut scratch = SlugRegistry::default();
    let mut meta = pipeline::describe(&a, &mut scratch, &mut Vec::new());
    meta.slug = slug.to_string();
    facts.article = meta;
    Processed { article: a, facts }
}

/// The warnings of a build in which nothing changed, in the order a clean
/// build prints them: each article's own, then its slug's.
fn replay_warnings(articles: &[Entry], diags: &mut Vec<Diagnostic>) {
    let mut slugs = SlugRegistry::default();
    for e in articles {
        diags.extend(e.warnings.iter().cloned());
        let (slug, renamed) = slugs.claim(&e.base_slug);
        if renamed {
            diags.push(pipeline::slug_taken(&e.path, &e.base_slug, &slug));
        }
    }
}
