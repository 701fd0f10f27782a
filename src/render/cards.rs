//! A briefing's claim cards and print notes, written in Rust.
//!
//! A briefing repeats one card per claim, each in both languages with the
//! record, its source and the other facts that bear on the verdict. At
//! newsroom scale (10,000 articles of about 20 claims) laying these cards
//! out through Tera cost more than extracting and auditing the claims, so
//! they are written here, once, into `b.claims_html` and `b.notes_html`,
//! which `briefing.html` places with `| safe`. The markup and its classes
//! are documented in `docs/templates.md`; a site restyles cards with CSS.
//!
//! Every value is escaped here; catalogue strings are escaped too (Tera
//! escaped `t()` results the same way).

use super::escape::escape_into as esc;
use super::i18n::{I18n, LANGS};
use super::views::{BriefingSummary, ClaimView, ReferenceView, Text, VerdictView};

/// The catalogue labels a card uses, looked up once per page.
pub struct Labels {
    record: Text,
    record_none: Text,
    record_also: Text,
    in_article: Text,
}

impl Labels {
    pub fn new(i: &I18n) -> Labels {
        Labels {
            record: i.both("record", &[]),
            record_none: i.both("record-none", &[]),
            record_also: i.both("record-also", &[]),
            in_article: i.both("in-article", &[]),
        }
    }
}

fn pick<'t>(t: &'t Text, lang: &str) -> &'t str {
    if lang == "zh" {
        &t.zh
    } else {
        &t.en
    }
}

/// `<span lang="zh">…</span> <span lang="en">…</span>`: a text in both
/// languages, for the language switch to hide either.
pub fn both(o: &mut String, t: &Text) {
    o.push_str("<span lang=\"zh\">");
    esc(o, &t.zh);
    o.push_str("</span> <span lang=\"en\">");
    esc(o, &t.en);
    o.push_str("</span>");
}

/// A verdict badge: `<span class="badge v-disputed">…</span>`.
pub fn badge(o: &mut String, v: &VerdictView) {
    o.push_str("<span class=\"badge v-");
    o.push_str(v.key);
    o.push_str("\">");
    both(o, &v.label);
    o.push_str("</span>");
}

/// A link to `url` titled `title`, or the bare title without a URL.
pub fn link(o: &mut String, url: Option<&str>, title: &str) {
    match url {
        Some(u) if !u.is_empty() => {
            o.push_str("<a href=\"");
            esc(o, u);
            o.push_str("\" rel=\"nofollow noopener\">");
            esc(o, title);
            o.push_str("</a>");
        }
        _ => esc(o, title),
    }
}

/// One record fact: `<entity> · <property> <value> <chip> (<status>) — <source>`.
fn record(o: &mut String, r: &ReferenceView, lang: &str, full_source: bool) {
    if r.has_page {
        o.push_str("<a href=\"../entities/");
        esc(o, &r.entity_file);
        o.push_str(".html\">");
        esc(o, &r.entity_name);
        o.push_str("</a>");
    } else {
        esc(o, &r.entity_name);
    }
    o.push_str(" · ");
    esc(o, pick(&r.property, lang));
    o.push(' ');
    esc(o, pick(&r.value, lang));
    o.push(' ');
    esc(o, &r.chip);
    o.push_str(" (");
    esc(o, pick(&r.status, lang));
    o.push_str(") — ");
    link(o, r.source_url.as_deref(), &r.source_title);
    if full_source {
        let extras = [&r.source_publisher, &r.source_date];
        for extra in extras.into_iter().flatten().filter(|x| !x.is_empty()) {
            o.push_str(", ");
            esc(o, extra);
        }
    }
}

/// One claim's side in `lang`: restatement, why, the record and the other
/// facts that bear on it.
fn side(o: &mut String, c: &ClaimView, lang: &str, l: &Labels) {
    o.push_str("<div lang=\"");
    o.push_str(lang);
    o.push_str("\">\n<p class=\"statement\">");
    esc(o, pick(&c.statement, lang));
    o.push_str("</p>\n");
    let note = pick(&c.note, lang);
    if !note.is_empty() {
        o.push_str("<p class=\"why\">");
        esc(o, note);
        o.push_str("</p>\n");
    }
    match &c.reference {
        Some(r) => {
            o.push_str("<p class=\"ref\"><span class=\"label\">");
            esc(o, pick(&l.record, lang));
            o.push_str("</span> ");
            record(o, r, lang, true);
            o.push_str("</p>\n");
        }
        None => {
            o.push_str("<p class=\"ref none\">");
            esc(o, pick(&l.record_none, lang));
            o.push_str("</p>\n");
        }
    }
    for r in &c.also {
        o.push_str("<p class=\"ref also\"><span class=\"label\">");
        esc(o, pick(&l.record_also, lang));
        o.push_str("</span> ");
        record(o, r, lang, false);
        o.push_str("</p>\n");
    }
    o.push_str("</div>\n");
}

/// Appends one `<li>` card per claim: number, verdict badge, the article's
/// words (in `article_lang`), a link to the mark in the article, then the
/// claim in both languages side by side and links to its entities.
pub fn claim_items(o: &mut String, l: &Labels, article_lang: &str, claims: &[ClaimView]) {
    for c in claims {
        o.push_str("<li id=\"note-");
        esc(o, &c.id);
        o.push_str("\" class=\"claim-item v-");
        o.push_str(c.verdict.key);
        o.push_str("\" value=\"");
        o.push_str(&c.n.to_string());
        o.push_str("\">\n<p class=\"said\"><span class=\"num\">");
        o.push_str(&c.n.to_string());
        o.push_str("</span> ");
        badge(o, &c.verdict);
        o.push_str(" <q class=\"src\" lang=\"");
        esc(o, article_lang);
        o.push_str("\">");
        esc(o, &c.text);
        o.push_str("</q> <a class=\"where\" href=\"#claim-");
        esc(o, &c.id);
        o.push_str("\">");
        both(o, &l.in_article);
        o.push_str("</a></p>\n<div class=\"bilingual\">\n");
        for lang in LANGS {
            side(o, c, lang, l);
        }
        o.push_str("</div>\n");
        let chip_file = c
            .chip_file
            .as_deref()
            .filter(|f| c.subject_file.as_deref() != Some(*f));
        if c.subject_file.is_some() || chip_file.is_some() {
            o.push_str("<p class=\"links\">");
            if let Some(f) = &c.subject_file {
                o.push_str("<a href=\"../entities/");
                esc(o, f);
                o.push_str(".html\">");
                esc(o, &c.subject);
                o.push_str("</a>");
            }
            if let Some(f) = chip_file {
                if c.subject_file.is_some() {
                    o.push_str(" · ");
                }
                o.push_str("<a href=\"../entities/");
                esc(o, f);
                o.push_str(".html\">");
                esc(o, &c.chip);
                o.push_str("</a>");
            }
            o.push_str("</p>\n");
        }
        o.push_str("</li>\n");
    }
}

/// Appends the numbered notes printed under the article (the tooltips'
/// stand-in on paper): verdict, restatement and the record with its source.
pub fn print_notes(o: &mut String, claims: &[ClaimView]) {
    for c in claims {
        o.push_str("<li value=\"");
        o.push_str(&c.n.to_string());
        o.push_str("\">");
        esc(o, &c.verdict.label.zh);
        o.push_str(" / ");
        esc(o, &c.verdict.label.en);
        o.push_str(": ");
        esc(o, &c.statement.en);
        o.push('.');
        if let Some(r) = &c.reference {
            o.push(' ');
            esc(o, &r.entity_name);
            o.push(' ');
            esc(o, &r.value.en);
            o.push(' ');
            esc(o, &r.chip);
            o.push_str(" — ");
            esc(o, &r.source_title);
            if let Some(u) = r.source_url.as_deref().filter(|u| !u.is_empty()) {
                o.push_str(" (");
                esc(o, u);
                o.push(')');
            }
        }
        o.push_str("</li>\n");
    }
}

/// Appends one `<li class="card">` per briefing, for the index and the
/// archive's month pages: date and source, both titles linking to the
/// briefing (`root` is the way back to the site root), both summaries and
/// the verdict badges with their counts.
pub fn briefing_cards(o: &mut String, root: &str, briefings: &[BriefingSummary]) {
    for b in briefings {
        o.push_str("<li class=\"card\">\n<p class=\"meta\">");
        if !b.date_iso.is_empty() {
            o.push_str("<time datetime=\"");
            esc(o, &b.date_iso);
            o.push_str("\">");
            both(o, &b.date_l);
            o.push_str("</time> · ");
        }
        esc(o, &b.source);
        o.push_str("</p>\n");
        for (lang, title) in [("zh", &b.titles.zh), ("en", &b.titles.en)] {
            o.push_str("<h3 lang=\"");
            o.push_str(lang);
            o.push_str("\"><a href=\"");
            o.push_str(root);
            o.push_str("briefings/");
            esc(o, &b.slug);
            o.push_str(".html\">");
            esc(o, title);
            o.push_str("</a></h3>\n");
        }
        for (lang, sum) in [("zh", &b.summary.zh), ("en", &b.summary.en)] {
            o.push_str("<p class=\"sum\" lang=\"");
            o.push_str(lang);
            o.push_str("\">");
            esc(o, sum);
            o.push_str("</p>\n");
        }
        o.push_str("<p class=\"chips\">");
        for c in b.counts.iter().filter(|c| c.n > 0) {
            badge_n(o, &c.verdict, c.n);
            o.push(' ');
        }
        o.push_str("</p>\n</li>\n");
    }
}

/// A verdict badge with a count: `<span class="badge v-…"><b>3</b> …</span>`.
pub fn badge_n(o: &mut String, v: &VerdictView, n: usize) {
    o.push_str("<span class=\"badge v-");
    o.push_str(v.key);
    o.push_str("\"><b>");
    o.push_str(&n.to_string());
    o.push_str("</b> ");
    both(o, &v.label);
    o.push_str("</span>");
}
