//! The site-wide pages, drawn from article digests: index, monthly
//! archive, audit, entity pages, feed and sitemap.
//!
//! A small site lists everything on one page, as DESIGN's output folder
//! describes. A large one would not: at 10,000 articles the audit page held
//! 190,000 rows (130 MB) and each big entity page tens of thousands. Past
//! `site.list_limit` rows a listing is therefore split by month, the way a
//! newspaper's archive is: the main page keeps the totals, the chart and a
//! table of months, and `…/<yyyy-mm>.html` holds every row of that month.
//! Months are a stable partition — an edited article changes only its own
//! month's pages — which is what lets an incremental build stay small.

use super::chart::{self, Point};
use super::digest::{is_disagreement, month_of, ArticleDigest, ClaimRow};
use super::escape_into as esc;
use super::format::parse_date;
use super::i18n::I18n;
use super::views::{
    entity_file, verdict_view, BriefingSummary, Count, EntitySummary, RecordFact, ReferenceView,
    Text, VerdictView, ORDER,
};
use super::Site;
use crate::dataset::{Dataset, Entity};
use crate::model::VerdictStatus;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

/// A page to render: its path in `out/`, template, a hash of everything it
/// is made from, and its context, built only if it must be rendered.
pub struct Page<'a> {
    pub path: String,
    pub template: &'static str,
    /// Equal inputs render equal pages: an incremental build skips a page
    /// whose inputs it rendered before.
    pub inputs: u128,
    pub context: Box<dyn FnOnce() -> tera::Context + Send + 'a>,
}

/// A hash over the digests a page is made from (and the build's key).
fn inputs_of<'b>(
    key: u128,
    tag: &str,
    ds: impl Iterator<Item = &'b (&'b ArticleDigest, u128)>,
) -> u128 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&key.to_le_bytes());
    h.update(tag.as_bytes());
    for (_, d) in ds {
        h.update(&d.to_le_bytes());
    }
    h.digest128()
}

/// One claim row as the audit and entity templates see it.
#[derive(Serialize)]
pub struct RowView<'a> {
    pub id: &'a str,
    pub n: usize,
    pub article_slug: &'a str,
    pub article_title: &'a str,
    pub article_date: &'a str,
    pub article_date_l: &'a Text,
    pub text: &'a str,
    pub count: &'a Text,
    pub count_value: u64,
    pub chip: &'a str,
    pub chip_file: Option<&'a str>,
    pub subject: &'a str,
    pub subject_file: Option<&'a str>,
    pub verdict: &'a VerdictView,
    pub reference: Option<&'a ReferenceView>,
}

/// A month of the archive, as a row of a table of months.
#[derive(Serialize, Clone)]
pub struct MonthView {
    /// `2025-04` or `undated`: the file name of its page.
    pub key: String,
    pub label: Text,
    pub articles: usize,
    pub claims: usize,
    pub counts: Vec<Count>,
}

#[derive(Serialize)]
struct AuditGroup<'a> {
    verdict: &'a VerdictView,
    /// How many claims, and their table rows, already HTML.
    n: usize,
    rows: String,
}

#[derive(Serialize)]
struct SitemapEntry {
    loc: String,
    lastmod: Option<String>,
}

/// Everything the site-wide pages are made from.
pub struct Inputs<'a> {
    pub i18n: &'a I18n,
    pub site: &'a Site,
    pub dataset: &'a Dataset,
    /// Newest first (see [`sort_newest_first`]), each with the hash of
    /// its serialised form.
    pub digests: &'a [(&'a ArticleDigest, u128)],
    /// The build's cache key: every page's inputs include it.
    pub key: u128,
    verdicts: Vec<VerdictView>,
    updated: String,
}

impl<'a> Inputs<'a> {
    pub fn new(
        i18n: &'a I18n,
        site: &'a Site,
        dataset: &'a Dataset,
        digests: &'a [(&'a ArticleDigest, u128)],
        key: u128,
    ) -> Self {
        Inputs {
            i18n,
            site,
            dataset,
            digests,
            key,
            verdicts: ORDER.iter().map(|&v| verdict_view(i18n, v)).collect(),
            updated: digests
                .iter()
                .map(|d| d.0.updated.as_str())
                .max()
                .unwrap_or("1970-01-01T00:00:00Z")
                .to_string(),
        }
    }
}

/// Newest first, undated last (their feed date is only the file's time);
/// ties by slug for a stable order.
pub fn sort_newest_first(d: &mut [ArticleDigest]) {
    d.sort_by(|a, b| {
        a.date_iso
            .is_empty()
            .cmp(&b.date_iso.is_empty())
            .then_with(|| b.updated.cmp(&a.updated))
            .then_with(|| a.slug.cmp(&b.slug))
    });
}

#[derive(Clone, Copy)]
struct Ctx<'a> {
    x: &'a Inputs<'a>,
    verdicts: &'a [VerdictView],
    updated: &'a str,
}

impl<'a> Ctx<'a> {
    fn base(&self, root: &'static str) -> tera::Context {
        let mut ctx = tera::Context::new();
        ctx.insert("site", self.x.site);
        ctx.insert("root", root);
        ctx.insert("updated", self.updated);
        ctx
    }

    fn verdict(&self, s: VerdictStatus) -> &'a VerdictView {
        &self.verdicts[rank(s)]
    }

    fn counts(&self, tally: &[usize; 5]) -> Vec<Count> {
        ORDER
            .iter()
            .enumerate()
            .map(|(k, &v)| Count {
                verdict: self.verdict(v).clone(),
                n: tally[k],
            })
            .collect()
    }

    fn row(&self, d: &'a ArticleDigest, c: &'a ClaimRow) -> RowView<'a> {
        RowView {
            id: &c.id,
            n: c.n,
            article_slug: &d.slug,
            article_title: &d.title,
            article_date: &d.date,
            article_date_l: &d.date_l,
            text: &c.text,
            count: &c.count,
            count_value: c.count_value,
            chip: &c.chip,
            chip_file: c.chip_file.as_deref(),
            subject: &c.subject,
            subject_file: c.subject_file.as_deref(),
            verdict: self.verdict(c.status),
            reference: c.reference.as_deref(),
        }
    }

    fn month_label(&self, key: &str) -> Text {
        if key == "undated" {
            self.x.i18n.both("archive-undated", &[])
        } else {
            Text {
                zh: self.x.i18n.date("zh", key),
                en: self.x.i18n.date("en", key),
            }
        }
    }

    fn summary(&self, d: &ArticleDigest) -> BriefingSummary {
        BriefingSummary {
            slug: d.slug.clone(),
            lang: d.lang.clone(),
            titles: d.titles.clone(),
            summary: d.summary.clone(),
            date: d.date.clone(),
            date_iso: d.date_iso.clone(),
            date_l: d.date_l.clone(),
            updated: d.updated.clone(),
            source: d.source.clone(),
            source_url: d.source_url.clone(),
            claims: d.claims.len(),
            counts: self.counts(&d.tally),
        }
    }
}

fn rank(s: VerdictStatus) -> usize {
    ORDER.iter().position(|&v| v == s).unwrap_or(3)
}

/// Months in archive order (newest first, `undated` last) with the
/// articles of each, newest first.
type Digest<'a> = (&'a ArticleDigest, u128);

fn months<'a>(digests: &'a [Digest<'a>]) -> Vec<(&'a str, Vec<&'a Digest<'a>>)> {
    let mut by: BTreeMap<&str, Vec<&Digest>> = BTreeMap::new();
    for d in digests {
        by.entry(d.0.month()).or_default().push(d);
    }
    let mut out: Vec<_> = by.into_iter().collect();
    out.sort_by(|a, b| {
        (a.0 == "undated")
            .cmp(&(b.0 == "undated"))
            .then_with(|| b.0.cmp(a.0))
    });
    out
}

fn tally_of<'b>(ds: impl Iterator<Item = &'b ArticleDigest>) -> [usize; 5] {
    let mut t = [0usize; 5];
    for d in ds {
        for (sum, n) in t.iter_mut().zip(d.tally) {
            *sum += n;
        }
    }
    t
}

/// Every site-wide page, in a fixed order; contexts are built on demand.
pub fn pages<'a>(x: &'a Inputs<'a>) -> Vec<Page<'a>> {
    let cx = Ctx {
        x,
        verdicts: &x.verdicts,
        updated: &x.updated,
    };
    let key = x.key;
    let limit = x.site.list_limit.max(1);
    let tally = tally_of(x.digests.iter().map(|d| d.0));
    let total_claims: usize = tally.iter().sum();
    let months = months(x.digests);
    let month_view = move |key: &str, ds: &[&Digest]| MonthView {
        key: key.to_string(),
        label: cx.month_label(key),
        articles: ds.len(),
        claims: ds.iter().map(|d| d.0.claims.len()).sum(),
        counts: cx.counts(&tally_of(ds.iter().map(|d| d.0))),
    };
    let month_views: Vec<MonthView> = months.iter().map(|(k, ds)| month_view(k, ds)).collect();
    let entities = entity_pages(cx, limit);
    let everything = inputs_of(key, "all", x.digests.iter());
    let mut pages: Vec<Page<'a>> = Vec::new();

    // The index: every briefing, or past the limit the newest and the archive.
    let split_index = x.digests.len() > limit;
    let shown = if split_index { NEWEST } else { x.digests.len() };
    {
        let archive = if split_index {
            month_views.clone()
        } else {
            Vec::new()
        };
        let summaries: Vec<EntitySummary> = entities.iter().map(|e| e.summary.clone()).collect();
        pages.push(Page {
            path: "index.html".into(),
            template: "index.html",
            inputs: everything,
            context: Box::new(move || {
                let counts_all = cx.counts(&tally);
                let chart = chart::verdicts(
                    &counts_all
                        .iter()
                        .map(|c| (c.verdict.key.to_string(), c.n))
                        .collect::<Vec<_>>(),
                );
                let mut ctx = cx.base("");
                let briefings: Vec<BriefingSummary> = x
                    .digests
                    .iter()
                    .take(shown)
                    .map(|d| cx.summary(d.0))
                    .collect();
                let mut cards_html = String::with_capacity(briefings.len() * 1500);
                super::cards::briefing_cards(&mut cards_html, "", &briefings);
                ctx.insert(
                    "index",
                    &serde_json::json!({
                        "briefings": briefings,
                        "cards_html": cards_html,
                        "total_briefings": x.digests.len(),
                        "counts": counts_all,
                        "total_claims": total_claims,
                        "chart": chart,
                        "entities": summaries,
                        "updated": cx.updated,
                        "archive": archive,
                    }),
                );
                ctx
            }),
        });
    }
    if split_index {
        for ((mkey, ds), mv) in months.iter().zip(&month_views) {
            let mv = mv.clone();
            let ds = ds.clone();
            pages.push(Page {
                path: format!("archive/{mkey}.html"),
                template: "archive.html",
                inputs: inputs_of(key, &format!("archive {mkey}"), ds.iter().copied()),
                context: Box::new(move || {
                    let mut ctx = cx.base("../");
                    ctx.insert("month", &mv);
                    let briefings: Vec<BriefingSummary> =
                        ds.iter().map(|d| cx.summary(d.0)).collect();
                    let mut cards_html = String::with_capacity(briefings.len() * 1500);
                    super::cards::briefing_cards(&mut cards_html, "../", &briefings);
                    ctx.insert("cards_html", &cards_html);
                    ctx
                }),
            });
        }
    }

    // The audit: every claim, worst verdict first, then newest article.
    let split_audit = total_claims > limit;
    let audit_ctx = move |ds: Vec<&'a Digest<'a>>,
                          root: &'static str,
                          month: Option<MonthView>,
                          months: Vec<MonthView>| {
        let t = tally_of(ds.iter().map(|d| d.0));
        let rows: Vec<(&ArticleDigest, &ClaimRow)> = if months.is_empty() {
            ds.iter()
                .flat_map(|d| d.0.claims.iter().map(move |c| (d.0, c)))
                .collect()
        } else {
            Vec::new()
        };
        let groups: Vec<AuditGroup> = ORDER
            .iter()
            .map(|&v| {
                let claims: Vec<RowView> = rows
                    .iter()
                    .filter(|(_, c)| c.status == v)
                    .map(|(d, c)| cx.row(d, c))
                    .collect();
                AuditGroup {
                    verdict: cx.verdict(v),
                    n: claims.len(),
                    rows: audit_rows(&claims, root),
                }
            })
            .collect();
        let mut ctx = cx.base(root);
        ctx.insert(
            "audit",
            &serde_json::json!({
                "total": t.iter().sum::<usize>(),
                "counts": cx.counts(&t),
                "groups": groups,
                "months": months,
                "month": month,
            }),
        );
        ctx
    };
    {
        let all: Vec<&Digest> = x.digests.iter().collect();
        let months_table = if split_audit {
            month_views.clone()
        } else {
            Vec::new()
        };
        pages.push(Page {
            path: "audit.html".into(),
            template: "audit.html",
            inputs: everything,
            context: Box::new(move || audit_ctx(all, "", None, months_table)),
        });
    }
    if split_audit {
        for ((mkey, ds), mv) in months.iter().zip(&month_views) {
            let (ds, mv) = (ds.clone(), mv.clone());
            pages.push(Page {
                path: format!("audit/{mkey}.html"),
                template: "audit.html",
                inputs: inputs_of(key, &format!("audit {mkey}"), ds.iter().copied()),
                context: Box::new(move || audit_ctx(ds, "../", Some(mv), Vec::new())),
            });
        }
    }

    // What the site is and where its record comes from (Epoch AI's credit).
    pages.push(Page {
        path: "about.html".into(),
        template: "about.html",
        inputs: inputs_of(key, "about", std::iter::empty()),
        context: Box::new(move || {
            let mut ctx = cx.base("");
            ctx.insert(
                "about",
                &serde_json::json!({
                    "entries": x.dataset.models.len() + x.dataset.clusters.len(),
                    "chips": x.dataset.chips.len(),
                }),
            );
            ctx
        }),
    });

    let mut locs: Vec<(String, Option<&str>)> = vec![
        ("index.html".into(), Some(cx.updated)),
        ("audit.html".into(), None),
        ("about.html".into(), None),
    ];
    for p in &pages[1..] {
        if p.path.starts_with("archive/") || p.path.starts_with("audit/") {
            locs.push((p.path.clone(), None));
        }
    }
    for d in x.digests {
        locs.push((format!("briefings/{}.html", d.0.slug), Some(&d.0.updated)));
    }
    for e in entities {
        locs.push((format!("entities/{}.html", e.file), None));
        for p in e.into_pages(cx, key) {
            if p.path.matches('/').count() > 1 {
                locs.push((p.path.clone(), None));
            }
            pages.push(p);
        }
    }

    // The feed carries the newest briefings only, as feeds do.
    let newest = &x.digests[..x.digests.len().min(x.site.feed_limit)];
    pages.push(Page {
        path: "feed.xml".into(),
        template: "feed.xml",
        inputs: inputs_of(key, &format!("feed {}", cx.updated), newest.iter()),
        context: Box::new(move || {
            let mut ctx = cx.base("");
            ctx.insert("index", &serde_json::json!({ "updated": cx.updated }));
            ctx.insert(
                "briefings",
                &newest.iter().map(|d| cx.summary(d.0)).collect::<Vec<_>>(),
            );
            ctx
        }),
    });
    let sitemap: Vec<SitemapEntry> = locs
        .into_iter()
        .map(|(loc, lastmod)| SitemapEntry {
            loc,
            lastmod: lastmod.map(str::to_string),
        })
        .collect();
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&key.to_le_bytes());
    for e in &sitemap {
        h.update(e.loc.as_bytes());
        h.update(e.lastmod.as_deref().unwrap_or("-").as_bytes());
    }
    pages.push(Page {
        path: "sitemap.xml".into(),
        template: "sitemap.xml",
        inputs: h.digest128(),
        context: Box::new(move || {
            let mut ctx = cx.base("");
            ctx.insert("urls_xml", &sitemap_urls(&cx.x.site.base_url, &sitemap));
            ctx
        }),
    });
    pages
}

/// The sitemap's `<url>` elements, each page with its zh, en and
/// x-default alternates: written here because a large archive lists tens
/// of thousands of pages.
fn sitemap_urls(base_url: &str, pages: &[SitemapEntry]) -> String {
    let e = super::escape_html;
    let base = e(base_url);
    let mut o = String::with_capacity(pages.len() * 420);
    for p in pages {
        let loc = e(&p.loc);
        o.push_str("  <url>\n    <loc>");
        o.push_str(&base);
        o.push('/');
        o.push_str(&loc);
        o.push_str("</loc>\n");
        if let Some(m) = &p.lastmod {
            o.push_str("    <lastmod>");
            o.push_str(&e(m));
            o.push_str("</lastmod>\n");
        }
        for (lang, fragment) in [("zh", "#only-zh"), ("en", "#only-en"), ("x-default", "")] {
            o.push_str("    <xhtml:link rel=\"alternate\" hreflang=\"");
            o.push_str(lang);
            o.push_str("\" href=\"");
            o.push_str(&base);
            o.push('/');
            o.push_str(&loc);
            o.push_str(fragment);
            o.push_str("\"/>\n");
        }
        o.push_str("  </url>\n");
    }
    o
}

/// How many briefings a split index shows before its archive.
const NEWEST: usize = 50;

/// The most points a timeline draws; beyond it, equal points (same month,
/// count, record and verdict) are drawn once, then evenly thinned.
const MAX_POINTS: usize = 400;

/// Builds an entity's view (record, chart, …): only when one of its pages
/// is rendered, once.
type LazyView<'a> = std::sync::Arc<(
    std::sync::OnceLock<serde_json::Value>,
    Box<dyn Fn() -> serde_json::Value + Send + Sync + 'a>,
)>;

struct EntityPages<'a> {
    file: String,
    summary: EntitySummary,
    view: LazyView<'a>,
    /// Oldest first: the entity page reads as a history.
    rows: Vec<(&'a Digest<'a>, &'a ClaimRow)>,
    split: bool,
}

impl<'a> EntityPages<'a> {
    fn into_pages(self, cx: Ctx<'a>, key: u128) -> Vec<Page<'a>> {
        let mut out = Vec::new();
        let view = self.view;
        let file: std::sync::Arc<str> = self.file.as_str().into();
        let with_rows = move |view: &LazyView<'a>,
                              rows: &[(&'a Digest<'a>, &'a ClaimRow)],
                              root: &str,
                              month: Option<MonthView>,
                              months: Vec<MonthView>| {
            let mut e = view.0.get_or_init(|| (view.1)()).clone();
            // A month's page states the month's figures: with the entity's
            // totals there, one new claim would re-render every month.
            if month.is_some() {
                e["total_claims"] = rows.len().into();
                e["disagreements"] = rows
                    .iter()
                    .filter(|(_, c)| is_disagreement(c.status))
                    .count()
                    .into();
            }
            let rows: Vec<RowView> = rows.iter().map(|(d, c)| cx.row(d.0, c)).collect();
            e["n"] = rows.len().into();
            e["rows"] = entity_rows(&rows, root, &file).into();
            e["month"] = serde_json::to_value(&month).unwrap_or_default();
            e["months"] = serde_json::to_value(&months).unwrap_or_default();
            e
        };
        let inputs = |tag: &str, rows: &[(&'a Digest<'a>, &'a ClaimRow)]| {
            let mut ds: Vec<&Digest> = rows.iter().map(|(d, _)| *d).collect();
            ds.dedup_by(|a, b| std::ptr::eq(*a, *b));
            inputs_of(key, tag, ds.into_iter())
        };
        let by_month = if self.split {
            by_month(&self.rows)
        } else {
            Vec::new()
        };
        let months: Vec<MonthView> = by_month
            .iter()
            .map(|(k, rows)| month_view(cx, k, rows))
            .collect();
        {
            let view = view.clone();
            let with_rows = with_rows.clone();
            let rows = if self.split {
                Vec::new()
            } else {
                self.rows.clone()
            };
            out.push(Page {
                path: format!("entities/{}.html", self.file),
                template: "entity.html",
                inputs: inputs(&format!("entity {}", self.file), &self.rows),
                context: Box::new(move || {
                    let mut ctx = cx.base("../");
                    ctx.insert("e", &with_rows(&view, &rows, "../", None, months));
                    ctx
                }),
            });
        }
        for (mkey, rows) in by_month {
            let view = view.clone();
            let with_rows = with_rows.clone();
            let mv = month_view(cx, mkey, &rows);
            out.push(Page {
                path: format!("entities/{}/{mkey}.html", self.file),
                template: "entity.html",
                // The month's rows: its lede states the month's figures.
                inputs: inputs(&format!("entity {} {mkey}", self.file), &rows),
                context: Box::new(move || {
                    let mut ctx = cx.base("../../");
                    ctx.insert(
                        "e",
                        &with_rows(&view, &rows, "../../", Some(mv), Vec::new()),
                    );
                    ctx
                }),
            });
        }
        out
    }
}

type Row<'a> = (&'a Digest<'a>, &'a ClaimRow);
/// An entity page's name and its rows, each with its article's rank.
type Group<'a> = (&'a str, Vec<(usize, Row<'a>)>);

fn by_month<'a>(rows: &[Row<'a>]) -> Vec<(&'a str, Vec<Row<'a>>)> {
    // Rows come in date order, so a row's month is nearly always the last
    // one seen: searching from the end finds it at once.
    let mut out: Vec<(&str, Vec<Row>)> = Vec::new();
    for &(d, c) in rows {
        let month = month_of(&d.0.date_iso);
        match out.iter().rposition(|(k, _)| *k == month) {
            Some(i) => out[i].1.push((d, c)),
            None => out.push((month, vec![(d, c)])),
        }
    }
    // A history: oldest month first, undated last.
    out.sort_by(|a, b| {
        (a.0 == "undated")
            .cmp(&(b.0 == "undated"))
            .then_with(|| a.0.cmp(b.0))
    });
    out
}

fn month_view(cx: Ctx<'_>, key: &str, rows: &[Row<'_>]) -> MonthView {
    let mut t = [0usize; 5];
    for (_, c) in rows {
        t[rank(c.status)] += 1;
    }
    let mut articles: Vec<&str> = rows.iter().map(|(d, _)| d.0.slug.as_str()).collect();
    articles.dedup();
    MonthView {
        key: key.to_string(),
        label: cx.month_label(key),
        articles: articles.len(),
        claims: rows.len(),
        counts: cx.counts(&t),
    }
}

fn entity_pages<'a>(cx: Ctx<'a>, limit: usize) -> Vec<EntityPages<'a>> {
    let x = cx.x;
    let i = x.i18n;
    let ds = x.dataset;
    // Rows are listed by article date, then slug, then note number. Each
    // digest's place in that order is found once, so the rows of an entity
    // with tens of thousands of claims sort on integers, not strings.
    let mut order: Vec<usize> = (0..x.digests.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (x.digests[a].0, x.digests[b].0);
        a.date.cmp(&b.date).then_with(|| a.slug.cmp(&b.slug))
    });
    let mut rank = vec![0usize; order.len()];
    for (k, &d) in order.iter().enumerate() {
        rank[d] = k;
    }
    // Page names are shared strings: grouped by address, then put in name order.
    let mut by: super::digest::ByAddress<u8, Group<'a>> = Default::default();
    for (k, d) in x.digests.iter().enumerate() {
        for c in &d.0.claims {
            for p in &c.pages {
                by.entry(p.as_ptr())
                    .or_insert_with(|| (p, Vec::new()))
                    .1
                    .push((rank[k], (d, c)));
            }
        }
    }
    let mut groups: Vec<Group<'a>> = by.into_values().collect();
    groups.sort_unstable_by(|a, b| a.0.cmp(b.0));
    // Unshared equal names (not from one pool) would be two groups: merge.
    groups.dedup_by(|later, first| {
        let same = later.0 == first.0;
        if same {
            first.1.append(&mut later.1);
        }
        same
    });
    groups
        .into_iter()
        .filter_map(|(id, mut ranked)| {
            let e = ds.entity(id)?;
            ranked.sort_unstable_by_key(|(r, row)| (*r, row.1.n));
            let rows: Vec<Row<'a>> = ranked.into_iter().map(|(_, row)| row).collect();
            let disagreements = rows
                .iter()
                .filter(|(_, c)| is_disagreement(c.status))
                .count();
            let file = entity_file(id);
            let kind = i.both(&format!("kind-{}", e.kind().as_str()), &[]);
            let total = rows.len();
            let shared_rows = std::sync::Arc::new(rows.clone());
            let kind_v = kind.clone();
            let file_v = file.clone();
            let make = move || {
                let rows = &shared_rows;
                let facts: Vec<&crate::dataset::schema::Fact> = e
                    .entry()
                    .map(|en| {
                        en.facts
                            .iter()
                            .filter(|f| f.property.is_chip_count())
                            .collect()
                    })
                    .unwrap_or_default();
                let record: Vec<RecordFact> = facts.iter().map(|f| record_fact(i, ds, f)).collect();
                let points = timeline_points(rows);
                // The lines to draw: the record values the claims were compared
                // with; only when there are none, every count the record holds.
                let mut recorded: Vec<f64> = Vec::new();
                for (_, c) in rows.iter() {
                    if let Some(r) = c.reference.as_deref().filter(|r| r.entity_file == id) {
                        if !recorded.contains(&r.value_num) {
                            recorded.push(r.value_num);
                        }
                    }
                }
                if recorded.is_empty() {
                    recorded = facts.iter().filter_map(|f| f.value.as_number()).collect();
                }
                let notes = match e {
                    Entity::Chip(c) => c.notes.clone(),
                    Entity::Organisation(o) => o.notes.clone(),
                    Entity::Model(m) | Entity::Cluster(m) => m.notes.clone(),
                };
                let a = e.aliases();
                serde_json::json!({
                    "id": id,
                    "file": file_v,
                    "name": e.name(),
                    "kind": kind_v,
                    "aliases": a.en.iter().chain(a.zh.iter()).collect::<Vec<_>>(),
                    "notes": notes,
                    "record": record,
                    "total_claims": total,
                    "disagreements": disagreements,
                    "chart_html": chart::timeline(&points, &recorded)
                        .map(|c| chart::timeline_svg(&c, cx.x.i18n, e.name(), "timeline"))
                        .unwrap_or_default(),
                })
            };
            let view: LazyView<'a> =
                std::sync::Arc::new((std::sync::OnceLock::new(), Box::new(make)));

            Some(EntityPages {
                summary: EntitySummary {
                    file: file.clone(),
                    name: e.name().to_string(),
                    kind,
                    claims: rows.len(),
                    disagreements,
                },
                file,
                view,
                split: rows.len() > limit,
                rows,
            })
        })
        .collect()
}

fn record_fact(i: &I18n, ds: &Dataset, f: &crate::dataset::schema::Fact) -> RecordFact {
    let v = f.value.as_number().unwrap_or(0.0);
    RecordFact {
        property: i.both(
            &format!("property-{}", f.property.as_str().replace('_', "-")),
            &[],
        ),
        value: i.both(
            if f.approx {
                "count-about"
            } else {
                "count-exact"
            },
            &[("n", v.into())],
        ),
        chip: f
            .chip
            .as_deref()
            .and_then(|c| ds.entity(c).map(|c| c.name().to_string()))
            .unwrap_or_else(|| "GPU".into()),
        status: i.both(
            &format!("status-{}", f.status.as_str().replace('_', "-")),
            &[],
        ),
        as_of: f.as_of.clone().unwrap_or_default(),
        source_title: f.source.title.clone(),
        source_url: f.source.url.clone(),
        note: f.note.clone(),
    }
}

/// The points of an entity's timeline: one per claim while they fit, else
/// one per distinct (month, count, record, verdict), evenly thinned.
fn timeline_points(rows: &[Row<'_>]) -> Vec<Point> {
    let point = |d: &ArticleDigest, c: &ClaimRow| Point {
        label: c.n.to_string(),
        claimed: c.count_value as f64,
        recorded: c.reference.as_ref().map(|r| r.value_num),
        verdict: c.status.as_str().to_string(),
        date: parse_date(&d.date),
        href: format!("../briefings/{}.html#note-{}", d.slug, c.id),
    };
    if rows.len() <= MAX_POINTS {
        return rows.iter().map(|(d, c)| point(d.0, c)).collect();
    }
    let mut seen = std::collections::HashSet::new();
    let distinct: Vec<Point> = rows
        .iter()
        .filter(|(d, c)| {
            seen.insert((
                month_of(&d.0.date_iso).to_string(),
                c.count_value,
                c.reference.as_ref().map(|r| r.value_num.to_bits()),
                c.status,
            ))
        })
        .map(|(d, c)| point(d.0, c))
        .collect();
    if distinct.len() <= MAX_POINTS {
        return distinct;
    }
    let step = distinct.len() as f64 / MAX_POINTS as f64;
    (0..MAX_POINTS)
        .map(|k| distinct[(k as f64 * step) as usize].clone())
        .collect()
}

/// A number as Tera prints it: `2048`, `0.5`.
fn num(v: f64) -> String {
    if !v.is_finite() {
        "-1".into()
    } else if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        v.to_string()
    }
}

/// `<span lang="zh">…</span> <span lang="en">…</span>`, escaped.
fn both(o: &mut String, t: &Text) {
    o.push_str("<span lang=\"zh\">");
    esc(o, &t.zh);
    o.push_str("</span> <span lang=\"en\">");
    esc(o, &t.en);
    o.push_str("</span>");
}

fn link_entity(o: &mut String, root: &str, has_page: bool, file: &str, name: &str) {
    if has_page {
        o.push_str("<a href=\"");
        o.push_str(root);
        o.push_str("entities/");
        esc(o, file);
        o.push_str(".html\">");
        esc(o, name);
        o.push_str("</a>");
    } else {
        esc(o, name);
    }
}

fn article_cell(o: &mut String, root: &str, r: &RowView<'_>) {
    o.push_str("<td><a href=\"");
    o.push_str(root);
    o.push_str("briefings/");
    esc(o, r.article_slug);
    o.push_str(".html#note-");
    esc(o, r.id);
    o.push_str("\">");
    esc(o, r.article_title);
    let _ = write!(o, "</a> <span class=\"where\">#{}</span></td>", r.n);
}

fn date_cell(o: &mut String, r: &RowView<'_>) {
    o.push_str("<td data-v=\"");
    esc(o, r.article_date);
    o.push_str("\">");
    if !r.article_date.is_empty() {
        both(o, r.article_date_l);
    }
    o.push_str("</td>");
}

fn count_cell(o: &mut String, r: &RowView<'_>) {
    let _ = write!(o, "<td data-v=\"{}\" class=\"num\">", r.count_value);
    both(o, r.count);
    o.push(' ');
    esc(o, r.chip);
    o.push_str("</td>");
}

/// `<td><q class="src">…</q></td>`: the article's words.
fn quote_cell(o: &mut String, text: &str) {
    o.push_str("<td><q class=\"src\">");
    esc(o, text);
    o.push_str("</q></td>");
}

/// The rows of an audit table. Written here rather than in the template:
/// an archive has hundreds of thousands of them, and Tera spent about
/// 40 µs on each (see docs/templates.md). Everything is appended in place.
fn audit_rows(rows: &[RowView<'_>], root: &str) -> String {
    let mut o = String::with_capacity(rows.len() * 900);
    for r in rows {
        o.push_str("<tr>\n      ");
        article_cell(&mut o, root, r);
        o.push_str("\n      ");
        date_cell(&mut o, r);
        o.push_str("\n      ");
        quote_cell(&mut o, r.text);
        o.push_str("\n      <td>");
        match r.subject_file {
            Some(f) => link_entity(&mut o, root, true, f, r.subject),
            None => esc(&mut o, r.subject),
        }
        o.push_str("</td>\n      ");
        count_cell(&mut o, r);
        match r.reference {
            Some(rf) => {
                let _ = write!(
                    o,
                    "\n      <td data-v=\"{}\" class=\"num\">",
                    num(rf.value_num)
                );
                link_entity(&mut o, root, rf.has_page, &rf.entity_file, &rf.entity_name);
                o.push_str(": ");
                both(&mut o, &rf.value);
                o.push(' ');
                esc(&mut o, &rf.chip);
                o.push_str("</td>\n      <td>");
                match &rf.source_url {
                    Some(u) if !u.is_empty() => {
                        o.push_str("<a href=\"");
                        esc(&mut o, u);
                        o.push_str("\" rel=\"nofollow noopener\">");
                        esc(&mut o, &rf.source_title);
                        o.push_str("</a>");
                    }
                    _ => esc(&mut o, &rf.source_title),
                }
                o.push_str("</td>");
            }
            None => o.push_str("\n      <td data-v=\"-1\" class=\"num\">—</td>\n      <td></td>"),
        }
        o.push_str("\n    </tr>\n    ");
    }
    o
}

/// The rows of an entity's claims table (see [`audit_rows`]).
fn entity_rows(rows: &[RowView<'_>], root: &str, file: &str) -> String {
    let mut o = String::with_capacity(rows.len() * 800);
    for r in rows {
        o.push_str("<tr>\n    ");
        date_cell(&mut o, r);
        o.push_str("\n    ");
        article_cell(&mut o, root, r);
        o.push_str("\n    ");
        quote_cell(&mut o, r.text);
        o.push_str("\n    ");
        count_cell(&mut o, r);
        o.push_str("\n    <td><span class=\"badge v-");
        o.push_str(r.verdict.key);
        o.push_str("\">");
        both(&mut o, &r.verdict.label);
        o.push_str("</span></td>\n    ");
        match r.reference {
            Some(rf) => {
                let _ = write!(o, "<td data-v=\"{}\" class=\"num\">", num(rf.value_num));
                if rf.entity_file != file {
                    link_entity(&mut o, root, rf.has_page, &rf.entity_file, &rf.entity_name);
                    o.push_str(": ");
                }
                both(&mut o, &rf.value);
                o.push(' ');
                esc(&mut o, &rf.chip);
                o.push_str("</td>");
            }
            None => o.push_str("<td data-v=\"-1\" class=\"num\">—</td>"),
        }
        o.push_str("\n  </tr>");
    }
    o
}
