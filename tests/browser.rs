//! The site as a reader gets it: the real binary builds a fixture folder,
//! headless Chromium loads every page type, and screenshots of the index and
//! the seed briefing at desktop and phone widths land in
//! `target/screenshots/`.
//!
//! Chromium is required: without it this test fails and says how to install
//! it (`apt-get install -y chromium`); it never skips. Set
//! `FACTBRIEF_CHROMIUM` to use another binary.

#[path = "fixtures/site/harness.rs"]
mod harness;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> PathBuf {
    let p = std::env::var_os("FACTBRIEF_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    assert!(
        p.is_file(),
        "headless Chromium is needed for this test and was not found at {}: install it with \
         `apt-get update && apt-get install -y chromium` (or set FACTBRIEF_CHROMIUM)",
        p.display()
    );
    p
}

/// Runs headless Chromium with a throwaway profile and no network activity
/// of its own; `args` choose what it does with the page.
fn run_chromium(args: &[String], url: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            // Any request that leaves the machine fails: a page that needs
            // the network shows it in the screenshot.
            "--host-resolver-rules=MAP * ~NOTFOUND",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(url)
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "chromium failed on {url}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn url(p: &Path) -> String {
    format!("file://{}", p.canonicalize().unwrap().display())
}

fn html_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = walk(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    v.sort();
    v
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// Values of `attr="…"` in `html`, entity-decoded for `&amp;`.
fn attrs(html: &str, attr: &str) -> Vec<String> {
    let pat = format!(" {attr}=\"");
    html.match_indices(&pat)
        .map(|(i, _)| {
            let rest = &html[i + pat.len()..];
            rest[..rest.find('"').unwrap()].replace("&amp;", "&")
        })
        .collect()
}

/// Every `href`/`src` either leaves the site as a link (never as a loaded
/// resource) or resolves to a file in `out` (and its #fragment to an id).
fn check_links(out: &Path) {
    for page in html_files(out) {
        let html = std::fs::read_to_string(&page).unwrap();
        let ids: HashSet<String> = attrs(&html, "id").into_iter().collect();
        // Loaded resources: src= anywhere, and <link rel=stylesheet|icon>.
        for src in attrs(&html, "src") {
            assert!(
                !src.contains("://") && !src.starts_with("//"),
                "{}: external resource {src}",
                page.display()
            );
        }
        for tag in html.split("<link ").skip(1) {
            let tag = &tag[..tag.find('>').unwrap()];
            if tag.contains("rel=\"stylesheet\"") || tag.contains("rel=\"icon\"") {
                assert!(!tag.contains("://"), "{}: external {tag}", page.display());
            }
        }
        for link in attrs(&html, "href").into_iter().chain(attrs(&html, "src")) {
            if link.starts_with("http://")
                || link.starts_with("https://")
                || link.starts_with("mailto:")
                || link.starts_with("data:")
            {
                continue;
            }
            let (path, frag) = match link.split_once('#') {
                Some((p, f)) => (p, Some(f)),
                None => (link.as_str(), None),
            };
            let target = if path.is_empty() {
                page.clone()
            } else {
                page.parent().unwrap().join(path)
            };
            assert!(
                target.is_file(),
                "{}: broken link {link} ({} does not exist)",
                page.display(),
                target.display()
            );
            if let Some(f) = frag.filter(|f| !f.is_empty()) {
                let text = std::fs::read_to_string(&target).unwrap_or_default();
                let found = if target == page {
                    ids.contains(f)
                } else {
                    text.contains(&format!("id=\"{f}\""))
                };
                assert!(found, "{}: link {link}: no id {f:?}", page.display());
            }
        }
    }
}

/// Loads each page type in Chromium and checks both languages are there.
fn check_pages(out: &Path, briefing: &str, entity: &str) {
    let pages = [
        ("index.html", "AI算力说法核查", "AI compute claims, checked"),
        (briefing, "说法与结论", "Claims and verdicts"),
        ("audit.html", "核查总表", "Every claim and its verdict"),
        (entity, "各文章的说法", "What the articles claim"),
    ];
    for (rel, zh, en) in pages {
        let p = out.join(rel);
        assert!(p.is_file(), "{rel} was not built");
        let dom = run_chromium(&["--dump-dom".into()], &url(&p));
        assert!(dom.contains("lang=\"zh\""), "{rel}: no lang=zh block");
        assert!(dom.contains("lang=\"en\""), "{rel}: no lang=en block");
        assert!(
            dom.contains(zh),
            "{rel}: Chinese text {zh:?} missing from the DOM"
        );
        assert!(
            dom.contains(en),
            "{rel}: English text {en:?} missing from the DOM"
        );
        assert!(
            dom.contains("</footer>"),
            "{rel}: page did not load completely"
        );
    }
}

fn screenshot(page: &Path, name: &str, w: u32, h: u32, fragment: &str) -> PathBuf {
    screenshot_with(page, name, w, h, fragment, &[])
}

fn screenshot_with(
    page: &Path,
    name: &str,
    w: u32,
    h: u32,
    fragment: &str,
    extra: &[&str],
) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{name}-{w}x{h}.png"));
    let _ = std::fs::remove_file(&file);
    let mut args = vec![
        format!("--screenshot={}", file.display()),
        format!("--window-size={w},{h}"),
        "--force-device-scale-factor=1".into(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    run_chromium(&args, &format!("{}{fragment}", url(page)));
    let len = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
    assert!(
        len > 10_000,
        "{}: screenshot missing or blank",
        file.display()
    );
    println!("screenshot: {}", file.display());
    file
}

/// Screenshots of Chinese text without a CJK font show empty boxes. The
/// DOM checks do not depend on fonts, so this only warns.
fn cjk_font() {
    let out = Command::new("fc-list")
        .arg(":lang=zh")
        .arg("family")
        .output();
    if !out.is_ok_and(|o| !o.stdout.is_empty()) {
        eprintln!(
            "WARNING: no Chinese font is installed, so the screenshots show boxes for Chinese \
             text: install one with `apt-get install -y fonts-noto-cjk`"
        );
    }
}

#[test]
fn reader_sees_every_page_type_in_both_languages() {
    chromium();
    cjk_font();
    let tmp = tempfile::tempdir().unwrap();

    // 1. The real binary on the fixture folder.
    let plain = tmp.path().join("plain");
    let o = Command::new(env!("CARGO_BIN_EXE_factbrief"))
        .arg("build")
        .arg(harness::fixture().join("articles"))
        .arg("--out")
        .arg(&plain)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    check_links(&plain);
    // Entity pages exist only for entities that claims name; until the
    // extraction lands, the real build may have none.
    let entities = plain.join("entities");
    let entity = (if entities.is_dir() {
        html_files(&entities)
    } else {
        vec![]
    })
    .first()
    .map(|p| format!("entities/{}", p.file_name().unwrap().to_string_lossy()));
    let plain_briefing = "briefings/deepseek-r1-vs-grok-3.html";
    for (rel, zh, en) in [
        ("index.html", "AI算力说法核查", "AI compute claims, checked"),
        (
            plain_briefing,
            "DeepSeek-R1与Grok-3",
            "Original title (Chinese)",
        ),
        ("audit.html", "核查总表", "Every claim and its verdict"),
    ] {
        let dom = run_chromium(&["--dump-dom".into()], &url(&plain.join(rel)));
        assert!(
            dom.contains(zh) && dom.contains(en),
            "{rel}: both languages"
        );
    }
    if let Some(e) = &entity {
        check_pages(&plain, plain_briefing, e);
    }

    // 2. The same fixture with audited claims (tests/fixtures/site/claims.yaml).
    let audited = tmp.path().join("audited");
    harness::build_audited(&audited);
    check_links(&audited);
    let briefing = "briefings/deepseek-r1-vs-grok-3.html";
    check_pages(&audited, briefing, "entities/grok-3.html");

    // The index and the seed briefing as the real build publishes them.
    let mut shots = Vec::new();
    for (name, w, h) in [("desktop", 1280, 900), ("phone", 390, 844)] {
        shots.push(screenshot(
            &plain.join("index.html"),
            &format!("index-{name}"),
            w,
            h,
            "",
        ));
        shots.push(screenshot(
            &plain.join(plain_briefing),
            &format!("briefing-{name}"),
            w,
            h,
            "",
        ));
    }
    // Longer views for review, of the fixture with its audited claims: the
    // whole briefing, English only, the audit, an entity page.
    shots.push(screenshot(
        &audited.join(briefing),
        "fixture-briefing-full",
        1280,
        3600,
        "",
    ));
    shots.push(screenshot(
        &audited.join(briefing),
        "fixture-briefing-en-only",
        1280,
        900,
        "#only-en",
    ));
    shots.push(screenshot(
        &audited.join("audit.html"),
        "fixture-audit",
        1280,
        1400,
        "",
    ));
    shots.push(screenshot(
        &audited.join("entities/xai-colossus.html"),
        "fixture-entity",
        1280,
        1200,
        "",
    ));
    // A claim reached from its note shows its tooltip (as on hover or
    // focus). The window is taller than the page: headless Chromium paints
    // nothing when a fragment scrolls the page before the screenshot.
    shots.push(screenshot(
        &audited.join(briefing),
        "fixture-briefing-claim-tooltip",
        1280,
        4800,
        "#claim-c2",
    ));
    shots.push(screenshot_with(
        &audited.join(briefing),
        "fixture-briefing-dark",
        1280,
        1600,
        "",
        &[
            "--force-dark-mode",
            "--blink-settings=preferredColorScheme=0",
        ],
    ));
    assert_eq!(shots.len(), 10);
}
