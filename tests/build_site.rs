//! End to end: the real binary on real folders, whole outputs compared.
//!
//! `articles/` (the seed and the sample articles) is built into a temporary
//! folder; its fact files are snapshot-tested, and the site's shape is
//! checked page by page.

use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_factbrief"));
    c.env("NO_COLOR", "1");
    c
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn build(articles: &Path, out: &Path) -> std::process::Output {
    bin()
        .arg("build")
        .arg(articles)
        .arg("--out")
        .arg(out)
        .output()
        .expect("run factbrief")
}

#[test]
fn builds_the_bundled_articles() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    // Run from the repository with a relative path, as a user would, so the
    // fact files hold `articles/<name>.md`.
    let o = bin()
        .current_dir(repo())
        .args(["build", "articles", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "build failed: {stderr}");
    assert!(stderr.contains("built 8 briefings"), "{stderr}");
    // Epoch AI's data is credited (CC BY 4.0) in every footer and on the about page.
    let about = std::fs::read_to_string(out.join("about.html")).unwrap();
    assert!(about.contains("Data on AI Models") && about.contains("CC BY 4.0"));
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("Epoch AI") && index.contains("about.html"));
    for page in [
        "index.html",
        "audit.html",
        "facts.json",
        "feed.xml",
        "sitemap.xml",
        "assets/style.css",
    ] {
        assert!(out.join(page).is_file(), "missing {page}");
    }
    let mut slugs: Vec<String> = std::fs::read_dir(repo().join("articles"))
        .unwrap()
        .map(|e| {
            e.unwrap()
                .path()
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    slugs.sort();
    for slug in &slugs {
        let html = std::fs::read_to_string(out.join(format!("briefings/{slug}.html"))).unwrap();
        assert!(
            html.contains("lang=\"zh\"") && html.contains("lang=\"en\""),
            "{slug} is not bilingual"
        );
        let yaml = std::fs::read_to_string(out.join(format!("facts/{slug}.yaml"))).unwrap();
        insta::assert_snapshot!(format!("facts-{slug}"), yaml);
    }
}

#[test]
fn a_bad_article_is_skipped_and_the_rest_is_built() {
    let tmp = tempfile::tempdir().unwrap();
    let arts = tmp.path().join("articles");
    std::fs::create_dir(&arts).unwrap();
    std::fs::write(
        arts.join("good.md"),
        "---\ntitle: Good\n---\nMeta trained it on 16,384 H100 GPUs.\n",
    )
    .unwrap();
    std::fs::write(
        arts.join("bad.md"),
        "---\ntitle: Bad\ndate: [1, 2]\n---\nbody\n",
    )
    .unwrap();
    std::fs::write(arts.join("binary.md"), b"\x89PNG\r\n\x1a\n\0\0\0").unwrap();
    let out = tmp.path().join("out");
    let o = build(&arts, &out);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("bad.md:3:"), "{stderr}");
    assert!(stderr.contains("binary.md"), "{stderr}");
    assert!(stderr.contains("built 1 briefing"), "{stderr}");
    assert!(out.join("briefings/good.html").is_file());
    assert!(!out.join("briefings/bad.html").exists());
}

#[test]
fn a_broken_dataset_is_fatal_and_keeps_the_previous_output() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    assert!(build(&repo().join("articles"), &out).status.success());
    let before = std::fs::read(out.join("index.html")).unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir(&data).unwrap();
    std::fs::write(
        data.join("broken.yaml"),
        "chips:\n  - id: x\n    name: [oops\n",
    )
    .unwrap();
    let o = bin()
        .args(["build"])
        .arg(repo().join("articles"))
        .arg("--out")
        .arg(&out)
        .arg("--data")
        .arg(&data)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("broken.yaml:"), "{stderr}");
    assert_eq!(std::fs::read(out.join("index.html")).unwrap(), before);
}

#[test]
fn extract_reads_stdin_and_check_fails_on_wrong_figures() {
    let mut child = bin()
        .args(["extract", "-", "--format", "json"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(
            "---\ntitle: t\nlang: en\n---\nDeepSeek-V3 was trained on 2,048 Nvidia H800 GPUs.\n"
                .as_bytes(),
        )
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["article"]["path"], "<stdin>");
    assert_eq!(v[0]["claims"][0]["count"], 2048);

    let o = bin()
        .arg("check")
        .arg(repo().join("articles"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        o.status.code(),
        Some(1),
        "the seed's misattributed R1 figure must fail check:\n{stdout}"
    );
    assert!(stdout.contains("misattributed"), "{stdout}");
}

/// Every file under `dir` with its bytes, sorted by path (the lock file aside).
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                if !rel.ends_with(".lock") {
                    out.push((rel, std::fs::read(&p).unwrap()));
                }
            }
        }
    }
    out.sort();
    out
}

#[test]
fn parallel_build_is_byte_identical_to_one_thread() {
    let tmp = tempfile::tempdir().unwrap();
    let (one, many) = (tmp.path().join("one"), tmp.path().join("many"));
    let o = bin()
        .env("RAYON_NUM_THREADS", "1")
        .arg("build")
        .arg(repo().join("articles"))
        .arg("--out")
        .arg(&one)
        .output()
        .unwrap();
    assert!(o.status.success());
    let o = bin()
        .env("RAYON_NUM_THREADS", "4")
        .arg("build")
        .arg(repo().join("articles"))
        .arg("--out")
        .arg(&many)
        .output()
        .unwrap();
    assert!(o.status.success());
    let (a, b) = (tree(&one), tree(&many));
    assert_eq!(a.len(), b.len());
    for ((pa, ba), (pb, bb)) in a.iter().zip(&b) {
        assert_eq!(pa, pb);
        assert!(ba == bb, "{pa} differs between 1 and 4 threads");
    }
}
