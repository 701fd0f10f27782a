//! Properties that must hold for any input, checked with proptest.
//!
//! - Extraction never panics on arbitrary text or Markdown-shaped text.
//! - Every claim's span lies inside the article text, on char boundaries,
//!   and every text block maps back inside the source.
//! - The number grammar's spans are ordered, in bounds and on boundaries.
//! - Output is deterministic: the same input twice gives the same fact file.
//! - Decoding never panics and never lets a control character through.
//! - Slugs are always path-safe; sanitised HTML never holds a script,
//!   an event handler or a script URL.

use factbrief::article::{self, Limits};
use factbrief::dataset::Dataset;
use factbrief::pipeline::Pipeline;
use factbrief::slug::{self, SlugRegistry};
use proptest::prelude::*;
use std::path::Path;
use std::sync::OnceLock;

fn dataset() -> &'static Dataset {
    static D: OnceLock<Dataset> = OnceLock::new();
    D.get_or_init(|| Dataset::embedded().expect("the embedded dataset loads"))
}

/// Text made of the pieces articles are made of: Markdown syntax, CJK and
/// Latin words, digits in several scripts, separators, hedges, chip names,
/// invisible and bidi characters.
fn articleish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n".to_string()),
        Just("# ".to_string()),
        Just("> ".to_string()),
        Just("- ".to_string()),
        Just("1. ".to_string()),
        Just("|a|b|\n|-|-|\n|".to_string()),
        Just("**".to_string()),
        Just("*".to_string()),
        Just("`".to_string()),
        Just("[".to_string()),
        Just("](https://example.com)".to_string()),
        Just("<b>".to_string()),
        Just("&amp;".to_string()),
        Just("约".to_string()),
        Just("万".to_string()),
        Just("块H800".to_string()),
        Just("张H100 GPU".to_string()),
        Just("about ".to_string()),
        Just(" GPUs".to_string()),
        Just("DeepSeek-V3".to_string()),
        Just("Grok-3".to_string()),
        Just(",".to_string()),
        Just("，".to_string()),
        Just("\u{00A0}".to_string()),
        Just("\u{2009}".to_string()),
        Just("\u{200B}".to_string()),
        Just("\u{202E}".to_string()),
        Just("\u{FEFF}".to_string()),
        Just("\0".to_string()),
        "[0-9]{1,7}",
        "[０-９]{1,4}",
        "[٠-٩]{1,4}",
        "[一二三四五六七八九十百千万亿两]{1,4}",
        "[a-zA-Z ]{1,8}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

fn with_front_matter(body: String) -> String {
    format!("---\ntitle: t\ndate: 2025-04-10\n---\n{body}")
}

fn check_article(src: &str) {
    let a = match article::parse(Path::new("p.md"), src.as_bytes().to_vec()) {
        Ok(a) => a,
        Err(_) => return,
    };
    let text = a.source.clone();
    assert!(a.body_start <= text.len() && text.is_char_boundary(a.body_start));
    for b in &a.blocks {
        let r = b.source_range(0..b.text.len());
        assert!(r.start <= r.end && r.end <= text.len(), "block {r:?}");
    }
    let pipeline = Pipeline::new(dataset(), Limits::default());
    let mut diags = Vec::new();
    let p = pipeline.process(a, &mut SlugRegistry::default(), &mut diags);
    for c in &p.facts.claims {
        assert!(
            c.span.start <= c.span.end && c.span.end <= text.len(),
            "claim span {:?} outside 0..{}",
            c.span,
            text.len()
        );
        assert!(
            text.is_char_boundary(c.span.start) && text.is_char_boundary(c.span.end),
            "claim span {:?} not on char boundaries",
            c.span
        );
    }
}

fn fact_yaml(src: &str) -> Option<String> {
    let a = article::parse(Path::new("p.md"), src.as_bytes().to_vec()).ok()?;
    let pipeline = Pipeline::new(dataset(), Limits::default());
    let p = pipeline.process(a, &mut SlugRegistry::default(), &mut Vec::new());
    Some(serde_saphyr::to_string(&p.facts).expect("a fact file serialises"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn extraction_never_panics_and_spans_are_exact(body in articleish()) {
        check_article(&body);
        check_article(&with_front_matter(body));
    }

    #[test]
    fn arbitrary_text_never_panics(s in any::<String>()) {
        check_article(&s);
    }

    #[test]
    fn arbitrary_bytes_decode_or_are_refused(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        if let Ok(d) = article::decode::decode(Path::new("b.md"), bytes) {
            prop_assert!(!d.text.chars().any(|c| article::decode::is_junk_control(c) || c == '\r'));
        }
    }

    #[test]
    fn number_spans_are_exact(text in articleish()) {
        let mut last = 0;
        for m in factbrief::numbers::find_numbers(&text) {
            prop_assert!(m.span.start <= m.span.end && m.span.end <= text.len());
            prop_assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
            prop_assert!(m.number_span.start >= m.span.start && m.number_span.end <= m.span.end);
            prop_assert!(m.span.start >= last, "overlapping matches");
            last = m.span.end;
        }
    }

    #[test]
    fn output_is_deterministic(body in articleish()) {
        let src = with_front_matter(body);
        prop_assert_eq!(fact_yaml(&src), fact_yaml(&src));
    }

    #[test]
    fn slugs_are_path_safe(raw in any::<String>()) {
        let s = slug::sanitize(&raw).unwrap_or_else(|| slug::fallback(&raw));
        prop_assert!(!s.is_empty() && s.len() <= 90, "{s}");
        prop_assert!(s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{s}");
        prop_assert!(!s.starts_with('-') && !s.ends_with('-'), "{s}");
    }

    #[test]
    fn sanitised_html_runs_nothing(parts in prop::collection::vec(prop_oneof![
        Just("<script>alert(1)</script>"), Just("<img src=x onerror=alert(1)>"),
        Just("<a href=\"javascript:alert(1)\">"), Just("<a href=\"&#106;avascript:x\">"),
        Just("<svg onload=alert(1)>"), Just("<iframe src=x>"), Just("<style>"),
        Just("<p style=\"x:expression(1)\">"), Just("\"'><"), Just("</a>"), Just("<div>"),
        Just("<noscript>"), Just("</noscript>"), Just("<math><mtext>"), Just("<!--"), Just("-->"),
        Just("text"), Just("&lt;"), Just("<a href=\"https://example.com\">"),
    ], 0..40)) {
        static BAD: OnceLock<regex::Regex> = OnceLock::new();
        let bad = BAD.get_or_init(|| {
            regex::Regex::new(r#"<(script|svg|math|iframe|style|object|embed)|<[a-z][^>]*\s(on[a-z]+|style|srcdoc)\s*=|<[a-z][^>]*\s(href|src)\s*=\s*"?\s*(javascript|vbscript|data):"#).unwrap()
        });
        let html = factbrief::render::sanitize::sanitize(&parts.concat()).to_ascii_lowercase();
        prop_assert!(!bad.is_match(&html), "{html}");
    }
}

/// Regression tests from fuzzing and from the adversarial corpus, kept as
/// plain tests so they run even with proptest's case count turned down.
#[test]
fn regressions_do_not_panic() {
    for src in [
        "",
        "---",
        "---\n",
        "---\n---",
        "---\n...\n",
        "\u{FEFF}",
        "\r",
        "\r\r\r---\r",
        "\n\n\n---\ntitle: x",
        "\0\0\0\0\0\0",
        "2\u{200B}",
        "\u{200B}2",
        "\u{202E}\u{202E}12\u{2069}\u{202C}",
        "|a|\n|-|\n|\u{202E}1|",
        "> \u{202D}[2](x)",
        "[^\u{202E}1]: 2\n\n[^\u{202E}1]",
        "---\ntitle: \"\\u202E\"\n---\n",
    ] {
        check_article(src);
    }
}
