//! The incremental build against a clean one: after every kind of change,
//! a build into the previous output folder must equal a fresh build of the
//! same inputs, byte for byte, and must not rewrite files that did not
//! change.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `factbrief build` with a config that splits listings past 3 rows,
/// so the monthly archive, audit and entity pages are exercised too.
fn build(root: &Path, out: &Path, extra: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_factbrief"))
        .current_dir(root)
        .args(["build", "articles", "-o"])
        .arg(out)
        .args(["--config", "factbrief.toml", "-v"])
        .args(extra)
        .env("NO_COLOR", "1")
        .output()
        .expect("run factbrief");
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "build failed:\n{err}");
    err
}

/// Every file under `dir` but factbrief's own hidden bookkeeping.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut m = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir) {
        let e = e.unwrap();
        let rel = e
            .path()
            .strip_prefix(dir)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        if e.file_type().is_file() && !rel.starts_with(".factbrief") {
            m.insert(rel, std::fs::read(e.path()).unwrap());
        }
    }
    m
}

fn mtimes(dir: &Path) -> BTreeMap<String, SystemTime> {
    let mut m = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir) {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            m.insert(rel, e.metadata().unwrap().modified().unwrap());
        }
    }
    m
}

fn assert_same_as_clean(root: &Path, out: &Path, extra: &[&str], step: &str) {
    let clean = root.join(format!("clean-{step}"));
    build(root, &clean, extra);
    let (a, b) = (tree(out), tree(&clean));
    let only_a: Vec<_> = a.keys().filter(|k| !b.contains_key(*k)).collect();
    let only_b: Vec<_> = b.keys().filter(|k| !a.contains_key(*k)).collect();
    assert!(
        only_a.is_empty() && only_b.is_empty(),
        "{step}: files only in the incremental output {only_a:?}, only in the clean one {only_b:?}"
    );
    for (k, v) in &a {
        assert!(v == &b[k], "{step}: {k} differs from a clean build");
    }
    std::fs::remove_dir_all(&clean).unwrap();
}

fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let target = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

#[test]
fn incremental_builds_equal_clean_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    copy_dir(&repo().join("articles"), &root.join("articles"));
    std::fs::write(
        root.join("factbrief.toml"),
        "list_limit = 3\nfeed_limit = 4\n",
    )
    .unwrap();
    let out = root.join("out");

    let first = build(root, &out, &[]);
    assert!(first.contains("8 articles processed, 0 reused"), "{first}");
    assert!(
        out.join("archive").is_dir(),
        "list_limit 3 splits the index by month"
    );
    assert!(out.join("audit").is_dir(), "and the audit");

    // Nothing changed: nothing is read, nothing is written.
    let before = mtimes(&out);
    let again = build(root, &out, &[]);
    assert!(again.contains("(nothing changed)"), "{again}");
    assert_eq!(before, mtimes(&out), "a no-change build touched the output");

    // An edit: one article is processed again, the others' pages stay.
    let edited = root.join("articles/xai-colossus-expansion.md");
    let mut text = std::fs::read_to_string(&edited).unwrap();
    text.push_str("\n\nA rival lab trained its model on 4,096 H100 GPUs.\n");
    std::fs::write(&edited, text).unwrap();
    let before = mtimes(&out);
    let log = build(root, &out, &[]);
    assert!(log.contains("1 articles processed, 7 reused"), "{log}");
    let after = mtimes(&out);
    let untouched = before
        .iter()
        .filter(|(k, v)| k.starts_with("briefings/") && after.get(*k) == Some(v))
        .count();
    assert_eq!(untouched, 7, "the other briefings were rewritten");
    // Entity pages split by month: the edit (dated 2025-03) rewrites its
    // own month's pages only, since a month's lede states the month's
    // figures, not the entity's.
    let month_pages: Vec<&String> = before
        .keys()
        .filter(|k| k.starts_with("entities/") && k.matches('/').count() == 2)
        .collect();
    assert!(
        month_pages.iter().any(|k| !k.ends_with("/2025-03.html")),
        "no other month's entity page to check: {month_pages:?}"
    );
    let rewritten: Vec<&&String> = month_pages
        .iter()
        .filter(|k| after.get(**k) != before.get(**k))
        .collect();
    assert!(
        rewritten.iter().all(|k| k.ends_with("/2025-03.html")),
        "other months' entity pages were rewritten: {rewritten:?}"
    );
    // The digests are kept in several files; an edit rewrites its own.
    let digest_files: Vec<&String> = before
        .keys()
        .filter(|k| k.starts_with(".factbrief-cache-digests/"))
        .collect();
    assert!(digest_files.len() > 1, "{digest_files:?}");
    let rewritten = digest_files
        .iter()
        .filter(|k| after.get(**k) != before.get(**k))
        .count();
    assert_eq!(rewritten, 1, "an edit rewrote {rewritten} digest files");
    assert_same_as_clean(root, &out, &[], "edit");

    // A deletion: its pages go.
    let gone = std::fs::read_dir(root.join("articles"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p != &edited)
        .unwrap();
    let gone_slug = gone.file_stem().unwrap().to_string_lossy().into_owned();
    std::fs::remove_file(&gone).unwrap();
    build(root, &out, &[]);
    assert!(!out.join(format!("briefings/{gone_slug}.html")).exists());
    assert_same_as_clean(root, &out, &[], "delete");

    // A rename: the old slug's pages go, the new ones appear.
    std::fs::rename(&edited, root.join("articles/memphis-renamed.md")).unwrap();
    build(root, &out, &[]);
    assert!(out.join("briefings/memphis-renamed.html").exists());
    assert!(!out.join("briefings/xai-colossus-expansion.html").exists());
    assert_same_as_clean(root, &out, &[], "rename");

    // A slug collision created by a new file reaches the reused article.
    let seed = std::fs::read_to_string(root.join("articles/deepseek-r1-vs-grok-3.md")).unwrap();
    std::fs::write(
        root.join("articles/aaa-first.md"),
        seed.replacen("---\n", "---\nslug: deepseek-r1-vs-grok-3\n", 1),
    )
    .unwrap();
    let log = build(root, &out, &[]);
    assert!(log.contains("already used by another article"), "{log}");
    assert_same_as_clean(root, &out, &[], "collision");

    // A dataset change redoes everything.
    let data = root.join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(
        data.join("extra.yaml"),
        "organisations:\n- {id: rival-lab, name: Rival Lab, kind: ai_lab}\n",
    )
    .unwrap();
    let data_arg = data.to_string_lossy().into_owned();
    let log = build(root, &out, &["--data", &data_arg]);
    assert!(log.contains("0 reused"), "{log}");
    assert_same_as_clean(root, &out, &["--data", &data_arg], "dataset");
}

/// A build that reuses everything prints the warnings a clean build
/// prints, in the same order: each article's own, then its slug's.
#[test]
fn a_no_change_build_repeats_the_warnings_in_order() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::create_dir(root.join("articles")).unwrap();
    std::fs::write(root.join("factbrief.toml"), "").unwrap();
    for (name, date, text) in [
        (
            "a.md",
            "2025-13-45",
            "xAI trained Grok-3 on 100,000 H100 GPUs.",
        ),
        (
            "b.md",
            "2025-02-01",
            "Meta trained Llama 3 on 16,384 H100 GPUs.",
        ),
        (
            "c.md",
            "not-a-date",
            "DeepSeek trained V3 on 2,048 H800 GPUs.",
        ),
    ] {
        std::fs::write(
            root.join("articles").join(name),
            format!("---\ntitle: {name}\nslug: same\ndate: {date}\n---\n{text}\n"),
        )
        .unwrap();
    }
    let warnings = |log: &str| -> Vec<String> {
        log.lines()
            .filter(|l| l.starts_with("warning:"))
            .map(str::to_string)
            .collect()
    };
    let clean = warnings(&build(root, &root.join("out"), &[]));
    let again = build(root, &root.join("out"), &[]);
    assert!(again.contains("(nothing changed)"), "{again}");
    assert_eq!(clean.len(), 4, "{clean:?}");
    assert_eq!(warnings(&again), clean);
}
