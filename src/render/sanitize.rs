//! The sanitiser: what article HTML may contain when it reaches a page.
//!
//! Everything an article supplies is hostile until proven otherwise
//! (pulldown-cmark passes raw HTML and `javascript:` targets through). The
//! rendered Markdown goes through ammonia with a small allow-list:
//!
//! - tags: ammonia's defaults without `area`/`map` (more link targets) and
//!   `bdo` (a bidi override in markup); never `svg`, `math`, `iframe`,
//!   `style`, `script`, forms or embeds;
//! - attributes: `title` anywhere; `href` on links; `src`, `alt`, `width`,
//!   `height` on images; `start` on lists; `colspan`/`rowspan` on cells —
//!   no `style`, no event handlers, no `cite` (ammonia does not check it);
//! - URLs: absolute `http`, `https` and `mailto` ones, and `#fragment`
//!   links (footnotes), and only when they hold no quote, bracket,
//!   backslash, whitespace or control character (raw or percent-encoded).
//!   Relative link targets are dropped: they would point into this site,
//!   not the article's (and `jav%09ascript:` is "relative"); an image may
//!   keep a plain relative path (`img/chart.png`: letters, digits, `._/-`);
//! - numbers only in numeric attributes;
//! - bidi controls are removed from the result (entity encoding would not
//!   neutralise them).
//!
//! html5ever, behind ammonia, is quadratic in nesting depth, so the Markdown
//! renderer drops every tag nested deeper than [`MAX_DEPTH`] (keeping its
//! text) before sanitising: see [`is_capped`].

use pulldown_cmark::{Tag, TagEnd};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// Elements nested deeper than this are flattened (their text is kept).
/// Browsers stop nesting at 512; 48 is far beyond any real article.
pub const MAX_DEPTH: usize = 48;

/// Does this start tag count towards the nesting cap? Every element that
/// nests in the HTML ammonia parses does: block containers (`> > >`),
/// lists, and inline ones (`*_*_…`, nested links). Images do not: their
/// content is rendered as alt text, never as nested elements (and the
/// renderer turns remote images into links).
pub fn is_capped(tag: &Tag<'_>) -> bool {
    !matches!(tag, Tag::Image { .. })
}

/// The end-tag counterpart of [`is_capped`].
pub fn is_capped_end(tag: &TagEnd) -> bool {
    !matches!(tag, TagEnd::Image)
}

fn builder() -> &'static ammonia::Builder<'static> {
    static B: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    B.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.rm_tags(["area", "map", "bdo"]);
        b.generic_attributes(["title"].into_iter().collect());
        let mut attrs: HashMap<&str, HashSet<&str>> = HashMap::new();
        attrs.insert("a", ["href"].into_iter().collect());
        attrs.insert(
            "img",
            ["src", "alt", "width", "height"].into_iter().collect(),
        );
        attrs.insert("ol", ["start"].into_iter().collect());
        attrs.insert("td", ["colspan", "rowspan"].into_iter().collect());
        attrs.insert("th", ["colspan", "rowspan"].into_iter().collect());
        b.tag_attributes(attrs);
        b.add_clean_content_tags(["svg", "math", "template", "noscript", "xmp"]);
        b.url_schemes(["http", "https", "mailto"].into_iter().collect())
            .link_rel(Some("nofollow noopener noreferrer"))
            .attribute_filter(filter_attribute);
        b
    })
}

fn filter_attribute<'u>(element: &str, attribute: &str, value: &'u str) -> Option<Cow<'u, str>> {
    match attribute {
        "src" if element == "img" && plain_relative_path(value) => Some(Cow::Borrowed(value)),
        "href" | "src" => url_ok(value).then_some(Cow::Borrowed(value)),
        "width" | "height" | "start" | "colspan" | "rowspan" => {
            (!value.is_empty() && value.len() <= 6 && value.bytes().all(|b| b.is_ascii_digit()))
                .then_some(Cow::Borrowed(value))
        }
        _ => Some(Cow::Borrowed(value)),
    }
}

/// Is this link or image target safe to keep (see the module docs)?
pub fn url_ok(v: &str) -> bool {
    if v.chars()
        .any(|c| c.is_whitespace() || c.is_control() || "\"'<>`\\{}|^".contains(c) || is_bidi(c))
    {
        return false;
    }
    let lower = v.to_ascii_lowercase();
    if ["%22", "%27", "%3c", "%3e", "%60", "%00", "%5c"]
        .iter()
        .any(|e| lower.contains(e))
    {
        return false;
    }
    // A fragment (footnotes) stays on the page.
    if let Some(frag) = v.strip_prefix('#') {
        return frag
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.:".contains(c));
    }
    // Anything else needs an allowed scheme. A relative target would point
    // into this site, not the article's, so it is never kept.
    match lower.split_once(':') {
        Some((head, rest)) => match head {
            "http" | "https" => rest.starts_with("//") && rest.len() > 2,
            "mailto" => !rest.is_empty(),
            _ => false,
        },
        None => false,
    }
}

/// A local image path the author ships with the site (`img/chart.png`):
/// letters, digits and `._/-` only, not starting with `/` or `.`.
fn plain_relative_path(v: &str) -> bool {
    !v.is_empty()
        && v.len() <= 200
        && !v.starts_with(['/', '.'])
        && v.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._/-".contains(&b))
}

fn is_bidi(c: char) -> bool {
    crate::article::decode::is_bidi_control(c)
}

/// Raw HTML in an article nests too: more than [`MAX_DEPTH`] open
/// elements, or more than [`MAX_TAGS`] tags in all, and the excess start
/// tags are escaped into text before html5ever sees them. The count is a
/// plain tokenizer's (a stack of names; void and self-closed tags ignored),
/// which can only over-estimate what the HTML parser nests.
pub const MAX_TAGS: usize = 200_000;

fn cap_html_depth(html: &str) -> Cow<'_, str> {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr",
    ];
    let bytes = html.as_bytes();
    let mut stack: Vec<&str> = Vec::new();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut tags = 0usize;
    let mut next_gt = html.find('>');
    let mut i = 0;
    while let Some(off) = memchr_lt(&bytes[i..]) {
        let at = i + off;
        i = at + 1;
        let closing = bytes.get(i) == Some(&b'/');
        let name_start = if closing { i + 1 } else { i };
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
            .count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            continue;
        }
        let name = &html[name_start..name_start + name_len];
        // The next `>`, cached: positions only grow, so each byte is
        // searched once (a `find` per tag is quadratic on `<a<a<a…`).
        if next_gt.is_some_and(|g| g < name_start) {
            next_gt = html[name_start..].find('>').map(|e| name_start + e);
        }
        let end = next_gt;
        if closing {
            if let Some(pos) = stack.iter().rposition(|n| n.eq_ignore_ascii_case(name)) {
                stack.truncate(pos);
            }
            continue;
        }
        let self_closed = end.is_some_and(|e| e > 0 && bytes[e - 1] == b'/');
        let void = VOID.iter().any(|v| v.eq_ignore_ascii_case(name));
        tags += 1;
        if stack.len() >= MAX_DEPTH || tags > MAX_TAGS {
            let o = out.get_or_insert_with(|| String::with_capacity(html.len() + 64));
            o.push_str(&html[copied..at]);
            o.push_str("&lt;");
            copied = at + 1;
            continue;
        }
        if !void && !self_closed {
            stack.push(name);
        }
    }
    match out {
        Some(mut o) => {
            o.push_str(&html[copied..]);
            Cow::Owned(o)
        }
        None => Cow::Borrowed(html),
    }
}

fn memchr_lt(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == b'<')
}

/// Sanitises rendered article HTML (see the module docs).
pub fn sanitize(html: &str) -> String {
    let capped = cap_html_depth(html);
    let clean = builder().clean(&capped).to_string();
    if clean.chars().any(is_bidi) {
        clean.chars().filter(|&c| !is_bidi(c)).collect()
    } else {
        clean
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_lose_their_teeth() {
        for (input, banned) in [
            ("<script>alert(1)</script>", "<script"),
            ("<img src=x onerror=alert(1)>", "onerror"),
            ("<a href=\"javascript:alert(1)\">x</a>", "javascript"),
            ("<a href=\"&#106;avascript:alert(1)\">x</a>", "avascript"),
            ("<a href=\"jav&#x09;ascript:alert(1)\">x</a>", "ascript"),
            ("<a href=\"jav%09ascript:alert(1)\">x</a>", "ascript"),
            ("<a href=\"data:text/html,x\">x</a>", "data:"),
            ("<a href=\"vbscript:x\">x</a>", "vbscript"),
            (
                "<blockquote cite=\"javascript:x\">q</blockquote>",
                "javascript",
            ),
            (
                "<svg onload=alert(1)><set attributeName=href to=javascript:x/></svg>",
                "svg",
            ),
            ("<p style=\"background:url(javascript:x)\">x</p>", "style"),
            (
                "<a href=\"https://x/%22onmouseover=alert(1)\">x</a>",
                "onmouseover",
            ),
            ("<iframe srcdoc=\"<script>x</script>\"></iframe>", "srcdoc"),
            ("<bdo dir=rtl>8402</bdo>", "bdo"),
            ("x\u{202E}y", "\u{202E}"),
            (
                "<math><mi xlink:href=\"javascript:x\">m</mi></math>",
                "javascript",
            ),
            (
                "<form action=javascript:x><button formaction=javascript:x>b</button></form>",
                "javascript",
            ),
        ] {
            let out = sanitize(input);
            assert!(!out.to_lowercase().contains(banned), "{input} -> {out}");
        }
    }

    #[test]
    fn raw_html_nesting_is_capped() {
        let deep = format!("{}x", "<div>".repeat(50_000));
        let t = std::time::Instant::now();
        let out = sanitize(&deep);
        assert!(t.elapsed().as_secs() < 5, "{:?}", t.elapsed());
        assert!(out.matches("<div>").count() <= MAX_DEPTH);
        assert!(out.contains('x'));
        let open = "<a".repeat(300_000);
        let t = std::time::Instant::now();
        sanitize(&open);
        assert!(t.elapsed().as_secs() < 5, "{:?}", t.elapsed());
        let mixed = format!("{}x", "<b><i><a href=\"https://e\">".repeat(20_000));
        let t = std::time::Instant::now();
        sanitize(&mixed);
        assert!(t.elapsed().as_secs() < 5, "{:?}", t.elapsed());
    }

    #[test]
    fn ordinary_markup_survives() {
        let out = sanitize(concat!(
            "<p><a href=\"https://example.com/wiki/A_(b)\">l</a> ",
            "<img src=\"https://example.com/chart.png\" alt=\"c\" width=\"30\"> ",
            "<a href=\"#fn-1\">1</a> <a href=\"local.html\">r</a> <em>e</em></p>"
        ));
        assert!(
            out.contains("href=\"https://example.com/wiki/A_(b)\""),
            "{out}"
        );
        assert!(
            out.contains("src=\"https://example.com/chart.png\""),
            "{out}"
        );
        assert!(out.contains("href=\"#fn-1\""), "{out}");
        assert!(
            !out.contains("local.html") && out.contains(">r</a>"),
            "{out}"
        );
        assert!(out.contains("width=\"30\""), "{out}");
        assert!(out.contains("<em>e</em>"), "{out}");
    }
}
