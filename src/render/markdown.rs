//! The annotated article: Markdown to sanitised HTML with each claim marked
//! at its exact span.
//!
//! Claims are marked by inserting private-use placeholder characters into
//! the text *before* sanitising, and turning them into `<mark>` elements
//! *after*: ammonia sees only text, and no markup from the article can ever
//! reach the page unsanitised. Nesting deeper than [`MAX_DEPTH`] is
//! flattened first, because html5ever (behind ammonia) is quadratic in depth.

use super::escape::escape_html as escape_attr;
use super::sanitize::{is_capped as is_container, is_capped_end as is_container_end};
pub use super::sanitize::{sanitize, MAX_DEPTH};
use crate::model::Claim;
use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;

const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// What the page needs to show one claim's mark.
pub struct Mark<'a> {
    pub claim: &'a Claim,
    /// The note number (1-based) shown beside the mark and in print.
    pub n: usize,
    /// CSS class of the verdict (`supported`, …, `unverified`).
    pub status: &'a str,
    /// The tooltip's inner HTML (escaped by [`tip_html`]), shown on hover
    /// and on keyboard focus.
    pub tip_html: String,
}

/// The tooltip of a claim: its verdict, why, and the record with its
/// source, in both languages. Every piece of text is escaped here.
pub fn tip_html(c: &super::views::ClaimView) -> String {
    let mut s = String::new();
    s.push_str(&format!(
        "<span class=\"tip-v\"><span lang=\"zh\">{}</span> <span lang=\"en\">{}</span></span>",
        escape_attr(&c.verdict.label.zh),
        escape_attr(&c.verdict.label.en)
    ));
    for (lang, note) in [("zh", &c.note.zh), ("en", &c.note.en)] {
        if !note.is_empty() {
            s.push_str(&format!(
                "<span class=\"tip-note\" lang=\"{lang}\">{}</span>",
                escape_attr(note)
            ));
        }
    }
    if let Some(r) = &c.reference {
        s.push_str(&format!(
            "<span class=\"tip-ref\"><span lang=\"zh\">记录</span><span lang=\"en\">Record</span>: {} · {} {} — {}</span>",
            escape_attr(&r.entity_name),
            escape_attr(&r.value.en),
            escape_attr(&r.chip),
            escape_attr(&r.source_title),
        ));
    }
    s
}

/// Renders `body` (which starts at byte `offset` of the article file) to
/// sanitised HTML with `marks` highlighted.
pub fn render(body: &str, offset: usize, marks: &[Mark<'_>]) -> String {
    // Placeholders must not come from the article itself.
    let body_clean;
    let body = if body.contains([OPEN, CLOSE]) {
        body_clean = body.replace([OPEN, CLOSE], "");
        &body_clean
    } else {
        body
    };
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    opts.insert(Options::ENABLE_FOOTNOTES);
    let mut spans: Vec<(usize, usize, usize)> = marks
        .iter()
        .enumerate()
        .filter(|(_, m)| m.claim.span.start >= offset)
        .map(|(i, m)| (m.claim.span.start - offset, m.claim.span.end - offset, i))
        .collect();
    spans.sort();
    let mut placed: HashSet<usize> = HashSet::new();
    let mut depth = 0usize;
    let mut skipped_depth: Vec<bool> = Vec::new();
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut remote_images = 0usize;
    for (event, range) in Parser::new_ext(body, opts).into_offset_iter() {
        match event {
            Event::Start(tag) if is_container(&tag) => {
                depth += 1;
                let skip = depth > MAX_DEPTH;
                skipped_depth.push(skip);
                if !skip {
                    events.push(Event::Start(tag));
                }
            }
            Event::End(tag) if is_container_end(&tag) => {
                depth = depth.saturating_sub(1);
                if !skipped_depth.pop().unwrap_or(false) {
                    events.push(Event::End(tag));
                }
            }
            Event::Text(text) if body.get(range.clone()) == Some(text.as_ref()) => {
                let mut out = String::with_capacity(text.len() + 8);
                let mut last = 0;
                let mut any = false;
                for &(s, e, i) in &spans {
                    if s >= range.start
                        && e <= range.end
                        && !placed.contains(&i)
                        && s - range.start >= last
                    {
                        let (s, e) = (s - range.start, e - range.start);
                        out.push_str(&text[last..s]);
                        out.push(OPEN);
                        out.push_str(&i.to_string());
                        out.push(OPEN);
                        out.push_str(&text[s..e]);
                        out.push(CLOSE);
                        last = e;
                        placed.insert(i);
                        any = true;
                    }
                }
                if any {
                    out.push_str(&text[last..]);
                    events.push(Event::Text(CowStr::from(out)));
                } else {
                    events.push(Event::Text(text));
                }
            }
            // A remote image would be a request to someone else's server
            // from every reader (and a tracking pixel): it becomes a link.
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) if is_remote(&dest_url) => {
                remote_images += 1;
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
                events.push(Event::Text(CowStr::from("▣ ")));
            }
            Event::End(TagEnd::Image) if remote_images > 0 => {
                remote_images -= 1;
                events.push(Event::End(TagEnd::Link));
            }
            Event::Html(h) | Event::InlineHtml(h) => events.push(Event::Html(h)),
            other => events.push(other),
        }
    }
    let mut raw = String::with_capacity(body.len() * 2);
    html::push_html(&mut raw, events.into_iter());
    let clean = sanitize(&raw);
    restore_marks(&clean, marks)
}

fn is_remote(url: &str) -> bool {
    let u = url.trim_start().to_ascii_lowercase();
    u.starts_with("http:") || u.starts_with("https:") || u.starts_with("//")
}

fn restore_marks(html: &str, marks: &[Mark<'_>]) -> String {
    let mut out = String::with_capacity(html.len() + marks.len() * 400);
    let mut rest = html;
    let mut open: Vec<Option<usize>> = Vec::new();
    while let Some(pos) = rest.find([OPEN, CLOSE]) {
        out.push_str(&rest[..pos]);
        let c = rest[pos..].chars().next().unwrap_or(OPEN);
        rest = &rest[pos + c.len_utf8()..];
        if c == CLOSE {
            match open.pop().flatten().and_then(|i| marks.get(i)) {
                Some(m) => {
                    let id = escape_attr(&m.claim.id);
                    // The tooltip lives inside the mark so :hover and
                    // :focus-within show it; the badge after it links to
                    // the numbered note.
                    out.push_str(&format!(
                        "<span class=\"tip\" role=\"tooltip\" id=\"tip-{id}\">{}</span></mark><a class=\"badge v-{} note-ref\" href=\"#note-{id}\" aria-label=\"note {}\">{}</a>",
                        m.tip_html, m.status, m.n, m.n
                    ));
                }
                None => out.push_str("</mark>"),
            }
            continue;
        }
        // OPEN index OPEN
        let end = rest.find(OPEN).unwrap_or(0);
        let idx: Option<usize> = rest[..end].parse().ok();
        rest = &rest[(end + OPEN.len_utf8()).min(rest.len())..];
        if let Some(m) = idx.and_then(|i| marks.get(i)) {
            let id = escape_attr(&m.claim.id);
            out.push_str(&format!(
                "<mark class=\"claim v-{}\" id=\"claim-{id}\" tabindex=\"0\" aria-describedby=\"tip-{id}\">",
                m.status,
            ));
            open.push(idx);
        } else {
            out.push_str("<mark>");
            open.push(None);
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ChipRef, ClaimKind, Role};

    fn claim(span: std::ops::Range<usize>) -> Claim {
        Claim {
            id: "c1".into(),
            kind: ClaimKind::AcceleratorCount,
            count: 2048,
            count_max: None,
            approx: false,
            hedge: None,
            chip: ChipRef::generic("GPU"),
            subject: None,
            role: Role::Trained,
            text: String::new(),
            quote: String::new(),
            line: 1,
            column: 1,
            verdict: None,
            span,
        }
    }

    #[test]
    fn marks_claim_and_strips_script() {
        let body = "在**2048张H800**上训练。<script>alert(1)</script>[x](javascript:alert(1))";
        let s = body.find("2048").unwrap();
        let c = claim(s..s + "2048张H800".len());
        let html = render(
            body,
            0,
            &[Mark {
                claim: &c,
                n: 1,
                status: "supported",
                tip_html: escape_attr("t\"<"),
            }],
        );
        assert!(
            html.contains("<mark class=\"claim v-supported\" id=\"claim-c1\""),
            "{html}"
        );
        assert!(html.contains("2048张H800<span class=\"tip\""), "{html}");
        assert!(
            html.contains("</mark><a class=\"badge v-supported note-ref\" href=\"#note-c1\""),
            "{html}"
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(html.contains(">t&quot;&lt;</span>"), "{html}");
        assert!(html.contains("aria-describedby=\"tip-c1\""), "{html}");
    }

    #[test]
    fn remote_images_become_links() {
        let html = render("![chart](https://t.example/p.gif) ![local](a.png)", 0, &[]);
        assert!(!html.contains("<img src=\"https://t.example"), "{html}");
        assert!(
            html.contains("<a href=\"https://t.example/p.gif\""),
            "{html}"
        );
        assert!(html.contains("<img src=\"a.png\""), "{html}");
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let body = format!("{}deep", "> ".repeat(5000));
        let html = render(&body, 0, &[]);
        assert!(html.contains("deep"));
        assert!(html.matches("<blockquote>").count() <= MAX_DEPTH);
    }
}
