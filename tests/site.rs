//! The published site, read as files: pages, JSON-LD, feed, sitemap,
//! localisation fallbacks, `init`, template overrides, colour contrast.
//!
//! Claims come from `tests/fixtures/site/claims.yaml` (see harness.rs), so
//! these tests hold whatever the extraction and audit branches produce.

#[path = "fixtures/site/harness.rs"]
mod harness;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_factbrief"))
}

/// The audited fixture site, built once for all tests in this file.
fn audited() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("site-audited");
        let _ = std::fs::remove_dir_all(&out);
        harness::build_audited(&out);
        out
    })
}

fn read(p: impl AsRef<Path>) -> String {
    std::fs::read_to_string(p.as_ref()).unwrap_or_else(|e| panic!("{}: {e}", p.as_ref().display()))
}

/// The contents of every `<script type="application/ld+json">` element.
fn jsonld_blocks(html: &str) -> Vec<String> {
    let open = "<script type=\"application/ld+json\">";
    html.match_indices(open)
        .map(|(i, _)| {
            let rest = &html[i + open.len()..];
            rest[..rest.find("</script>").expect("closed")].to_string()
        })
        .collect()
}

#[test]
fn briefing_shows_both_languages_with_generated_headline() {
    let html = read(audited().join("briefings/deepseek-r1-vs-grok-3.html"));
    for needle in [
        "<div lang=\"zh\">",
        "<div lang=\"en\">",
        // The original Chinese title, labelled as the original …
        "DeepSeek-R1与Grok-3:AI规模扩展的两条技术路线启示",
        "原标题",
        "Original title (Chinese):",
        // … and an English headline generated from the claims.
        "Grok 3, DeepSeek-R1 and one other: 4 compute claims checked, 1 contradicted, 1 misattributed, 1 disputed",
        "Headline generated from the claims.",
        // Dates and numbers in each language's own form.
        "2025年4月10日",
        "10 April 2025",
        "约20万",
        "about 200,000",
        // Verdict badges, references with links, hreflang alternates.
        "归属有误",
        "Misattributed",
        "href=\"https://arxiv.org/abs/2412.19437\" rel=\"nofollow noopener\"",
        "hreflang=\"zh\"",
        "hreflang=\"en\"",
        // The annotated article: claim marked at its span, tooltip, note badge.
        "<mark class=\"claim v-misattributed\" id=\"claim-c2\" tabindex=\"0\" aria-describedby=\"tip-c2\">约2000块NVIDIA H800 GPU<span class=\"tip\" role=\"tooltip\" id=\"tip-c2\">",
        "href=\"#note-c2\"",
        "id=\"note-c2\"",
        // The chart, with title and desc in both languages.
        "<title id=\"compare-t\">声称与记录的加速器数量(对数坐标) / Claimed vs recorded accelerator counts (log scale)</title>",
    ] {
        assert!(html.contains(needle), "missing {needle:?}");
    }
}

#[test]
fn english_plurals_and_chinese_numbers() {
    let html = read(audited().join("index.html"));
    assert!(
        html.contains("4 articles, 9 accelerator-count claims"),
        "index lede"
    );
    assert!(html.contains("共4篇文章、9项加速器数量说法"));
    let llama = read(audited().join("briefings/llama-3-1-405b-h100.html"));
    assert!(llama.contains("2 compute claims checked against the record: 2 supported."));
    let one = read(audited().join("briefings/undated-hostile.html"));
    assert!(one.contains("One compute claim checked against the record: 1 unverified."));
    assert!(one.contains("约1万"));
}

#[test]
fn hostile_article_cannot_run_script() {
    let html = read(audited().join("briefings/undated-hostile.html"));
    let body_start = html.find("<body").unwrap();
    let body = &html[body_start..];
    // The only scripts on the page are the JSON-LD blocks (in <head>).
    assert!(!body.contains("<script>"), "script in body");
    assert!(!body.to_lowercase().contains("javascript:"));
    assert!(!body.contains("onerror"));
    assert!(!html.contains("</script><script>alert"));
    // Outbound links from the article are nofollow noopener.
    assert!(body.contains("href=\"https://example.org/report\" rel=\"nofollow noopener"));
    for block in jsonld_blocks(&html) {
        assert!(!block.to_lowercase().contains("</script"), "{block}");
        assert!(!block.contains("<!--"), "{block}");
    }
}

#[test]
fn every_claim_has_a_complete_claimreview() {
    let mut n = 0;
    for entry in std::fs::read_dir(audited().join("briefings")).unwrap() {
        let html = read(entry.unwrap().path());
        for block in jsonld_blocks(&html) {
            let v: serde_json::Value = serde_json::from_str(&block).expect("JSON-LD parses");
            assert_eq!(v["@context"], "https://schema.org");
            assert_eq!(v["@type"], "ClaimReview");
            let claimed = v["claimReviewed"].as_str().unwrap();
            assert!(
                !claimed.is_empty() && claimed.chars().count() < 75,
                "{claimed}"
            );
            assert!(v["url"]
                .as_str()
                .unwrap()
                .starts_with("https://example.org/briefings/"));
            assert!(v["url"].as_str().unwrap().contains("#claim-c"));
            assert!(v["author"]["name"].is_string());
            let r = &v["reviewRating"];
            assert_eq!(r["@type"], "Rating");
            assert!(r["alternateName"].is_string());
            assert_eq!(r["bestRating"], 5);
            assert_eq!(r["worstRating"], 1);
            if r["alternateName"] != "Unverified" {
                let x = r["ratingValue"].as_u64().unwrap();
                assert!((1..=5).contains(&x));
            }
            let item = &v["itemReviewed"];
            assert_eq!(item["@type"], "Claim");
            assert!(item["author"]["name"].is_string());
            assert!(item["appearance"].is_object());
            n += 1;
        }
    }
    assert_eq!(n, 9, "one ClaimReview per claim");
}

fn is_rfc3339(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 20
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':'
        && (s.ends_with('Z') || s[19..].contains(['+', '-']))
        && s[..4].parse::<u32>().is_ok()
        && (1..=12).contains(&s[5..7].parse::<u32>().unwrap_or(0))
        && (1..=31).contains(&s[8..10].parse::<u32>().unwrap_or(0))
}

#[test]
fn feed_is_atom_with_valid_dates() {
    let xml = read(audited().join("feed.xml"));
    let doc = roxmltree::Document::parse(&xml).expect("feed.xml is XML");
    let atom = "http://www.w3.org/2005/Atom";
    let root = doc.root_element();
    assert!(root.has_tag_name((atom, "feed")));
    let entries: Vec<_> = root
        .children()
        .filter(|n| n.has_tag_name((atom, "entry")))
        .collect();
    assert_eq!(entries.len(), 4);
    for n in doc
        .descendants()
        .filter(|n| n.has_tag_name((atom, "updated")) || n.has_tag_name((atom, "published")))
    {
        let t = n.text().unwrap_or_default();
        assert!(is_rfc3339(t), "not RFC 3339: {t:?}");
    }
    for e in &entries {
        for tag in ["id", "title", "updated", "link"] {
            assert!(
                e.children().any(|c| c.has_tag_name((atom, tag))),
                "entry without {tag}"
            );
        }
    }
    // `date: 2025-02` becomes the first of the month.
    assert!(xml.contains("<updated>2025-02-01T00:00:00Z</updated>"));
    // The hostile title is text, not markup.
    assert!(!xml.contains("<script>"));
}

#[test]
fn sitemap_lists_every_page_with_language_alternates() {
    let xml = read(audited().join("sitemap.xml"));
    let doc = roxmltree::Document::parse(&xml).expect("sitemap.xml is XML");
    let sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
    let xh = "http://www.w3.org/1999/xhtml";
    let urls: Vec<_> = doc
        .root_element()
        .children()
        .filter(|n| n.has_tag_name((sm, "url")))
        .collect();
    let locs: Vec<&str> = urls
        .iter()
        .filter_map(|u| {
            u.children()
                .find(|c| c.has_tag_name((sm, "loc")))
                .and_then(|l| l.text())
        })
        .collect();
    assert!(locs.contains(&"https://example.org/briefings/deepseek-r1-vs-grok-3.html"));
    assert!(locs.contains(&"https://example.org/audit.html"));
    assert!(locs.iter().any(|l| l.contains("/entities/grok-3.html")));
    for u in &urls {
        let langs: Vec<&str> = u
            .children()
            .filter(|c| c.has_tag_name((xh, "link")))
            .filter_map(|c| c.attribute("hreflang"))
            .collect();
        assert_eq!(langs, ["zh", "en", "x-default"]);
    }
    // Every listed page exists.
    for l in locs {
        let rel = l.trim_start_matches("https://example.org/");
        assert!(audited().join(rel).is_file(), "{rel}");
    }
}

#[test]
fn facts_json_holds_every_fact_file() {
    let v: serde_json::Value = serde_json::from_str(&read(audited().join("facts.json"))).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 4);
}

#[test]
fn audit_page_groups_claims_by_verdict() {
    let html = read(audited().join("audit.html"));
    for v in [
        "contradicted",
        "misattributed",
        "disputed",
        "unverified",
        "supported",
    ] {
        assert!(html.contains(&format!("<section id=\"v-{v}\"")), "{v}");
        assert!(html.contains(&format!("href=\"#v-{v}\"")), "{v}");
    }
    // Worst first.
    assert!(html.find("id=\"v-contradicted\"").unwrap() < html.find("id=\"v-supported\"").unwrap());
    assert!(audited().join("assets/sort.js").is_file());
}

#[test]
fn entity_page_charts_claims_over_time() {
    let html = read(audited().join("entities/xai-colossus.html"));
    assert!(html.contains("chart-timeline"));
    assert!(html.contains("<desc id=\"timeline-d\">"));
    assert!(html.contains("2025-02"));
    let index = read(audited().join("index.html"));
    assert!(index.contains("<title id=\"verdicts-t\">按结论统计的说法 / Claims by verdict</title>"));
}

#[test]
fn missing_message_falls_back_with_a_build_warning() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir_all(templates.join("i18n")).unwrap();
    // A zh catalogue without `nav-audit`.
    let zh: String = read(Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/i18n/zh.ftl"))
        .lines()
        .filter(|l| !l.starts_with("nav-audit"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(templates.join("i18n/zh.ftl"), zh).unwrap();
    let out = dir.path().join("out");
    let o = bin()
        .arg("build")
        .arg(harness::fixture().join("articles"))
        .arg("--out")
        .arg(&out)
        .arg("--templates")
        .arg(&templates)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert!(
        stderr.contains("warning")
            && stderr.contains("`nav-audit` is missing from the zh catalogue"),
        "{stderr}"
    );
    // The English text stands in.
    let html = read(out.join("index.html"));
    assert!(html.contains("<span lang=\"zh\">Audit</span>"));
}

#[test]
fn user_templates_override_file_by_file() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir_all(templates.join("assets")).unwrap();
    std::fs::write(
        templates.join("index.html"),
        "{% extends \"base.html\" %}{% block main %}<p>OUR DESK</p>{% endblock main %}",
    )
    .unwrap();
    std::fs::write(templates.join("assets/style.css"), "body{color:red}").unwrap();
    let out = dir.path().join("out");
    let o = bin()
        .arg("build")
        .arg(harness::fixture().join("articles"))
        .args(["--out"])
        .arg(&out)
        .arg("--templates")
        .arg(&templates)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(read(out.join("index.html")).contains("OUR DESK"));
    assert_eq!(read(out.join("assets/style.css")), "body{color:red}");
    // Untouched templates are the built-in ones.
    assert!(read(out.join("audit.html")).contains("id=\"v-supported\""));
}

#[test]
fn init_creates_a_project_that_builds_and_refuses_a_non_empty_folder() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("desk");
    let o = bin().arg("init").arg(&site).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for f in [
        "factbrief.toml",
        "articles/deepseek-r1-vs-grok-3.md",
        "templates/base.html",
        "templates/i18n/zh.ftl",
        "templates/i18n/en.ftl",
        "templates/assets/style.css",
    ] {
        assert!(site.join(f).is_file(), "{f}");
    }
    assert!(
        read(site.join("factbrief.toml")).contains("# "),
        "config is commented"
    );
    std::fs::write(
        site.join("factbrief.toml"),
        "title = \"Desk\"\nbase_url = \"https://desk.example\"\n",
    )
    .unwrap();
    let o = bin()
        .current_dir(&site)
        .args(["build", "articles", "--templates", "templates"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(read(site.join("out/feed.xml")).contains("https://desk.example/briefings/"));
    // Again: the folder is no longer empty.
    let o = bin().arg("init").arg(&site).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not empty"));
}

/// WCAG relative luminance of `#rrggbb`.
fn luminance(hex: &str) -> f64 {
    let h = hex.trim_start_matches('#');
    let c = |i: usize| {
        let v = u8::from_str_radix(&h[i..i + 2], 16).unwrap() as f64 / 255.0;
        if v <= 0.03928 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * c(0) + 0.7152 * c(2) + 0.0722 * c(4)
}

fn contrast(a: &str, b: &str) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// The value of `--name: #xxxxxx` in a block of CSS.
fn var(css: &str, name: &str) -> String {
    let i = css
        .find(&format!("--{name}:"))
        .unwrap_or_else(|| panic!("--{name}"));
    let rest = css[i..].split_once(':').unwrap().1.trim_start();
    rest[..7].to_string()
}

#[test]
fn badge_and_text_colours_meet_wcag_aa_in_both_schemes() {
    let css = read(Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/assets/style.css"));
    let light = &css[css.find(":root {").unwrap()..];
    let dark = &css[css.find("@media (prefers-color-scheme: dark)").unwrap()..];
    for (scheme, block) in [("light", light), ("dark", dark)] {
        let fg = var(block, "badge-fg");
        for badge in ["ok", "bad", "mis", "disp", "unk"] {
            let bg = var(block, badge);
            let r = contrast(&fg, &bg);
            assert!(r >= 4.5, "{scheme} badge --{badge} {bg} on {fg}: {r:.2}");
            // The underline of a claim mark must be visible (3:1, non-text).
            let page = var(block, "bg");
            assert!(contrast(&bg, &page) >= 3.0, "{scheme} --{badge} on page");
        }
        for (a, b) in [
            ("fg", "bg"),
            ("muted", "bg"),
            ("accent", "bg"),
            ("fg", "card"),
            ("muted", "card"),
            ("accent", "card"),
        ] {
            let r = contrast(&var(block, a), &var(block, b));
            assert!(r >= 4.5, "{scheme} --{a} on --{b}: {r:.2}");
        }
    }
}
