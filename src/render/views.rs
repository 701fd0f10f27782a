//! View structs: what each template sees, computed once from fact files.
//!
//! Presentation data lives here (numbers and dates in both languages,
//! verdict labels, generated headlines, chart geometry, JSON-LD), so the
//! templates only lay it out and every page shares one reading of the
//! audit. Words come from the Fluent catalogues through [`I18n`].

use super::chart::{self, Point};
use super::format::{self, parse_date};
use super::i18n::I18n;
use super::markdown::{self, Mark};
use crate::dataset::Dataset;
use crate::model::{Claim, FactFile, VerdictStatus};
use crate::pipeline::Processed;
use serde::{Deserialize, Serialize};

/// A text in both languages.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq, Hash)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

/// A verdict as pages show it.
#[derive(Debug, Clone, Serialize)]
pub struct VerdictView {
    /// `supported`, …: the CSS class suffix and the anchor on the audit page.
    pub key: &'static str,
    pub label: Text,
    /// One line on what the verdict means.
    pub means: Text,
}

pub fn verdict_view(i: &I18n, v: VerdictStatus) -> VerdictView {
    VerdictView {
        key: v.as_str(),
        label: i.both(&format!("verdict-{}", v.as_str()), &[]),
        means: i.both(&format!("verdict-{}-means", v.as_str()), &[]),
    }
}

/// The ClaimReview rating of a verdict (docs/claimreview.md): 5 best.
pub fn rating(v: VerdictStatus) -> Option<u8> {
    match v {
        VerdictStatus::Supported => Some(5),
        VerdictStatus::Disputed => Some(3),
        VerdictStatus::Misattributed => Some(2),
        VerdictStatus::Contradicted => Some(1),
        VerdictStatus::Unverified => None,
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ReferenceView {
    pub entity: String,
    pub entity_name: String,
    pub entity_file: String,
    /// Whether the entity has a page (the dataset holds it).
    pub has_page: bool,
    pub property: Text,
    pub value: Text,
    pub value_num: f64,
    pub chip: String,
    pub status: Text,
    pub source_title: String,
    pub source_url: Option<String>,
    pub source_publisher: Option<String>,
    pub source_date: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClaimView {
    pub id: String,
    /// 1-based position in its article: the note number.
    pub n: usize,
    pub article_slug: String,
    pub article_title: String,
    pub article_date: String,
    pub article_date_l: Text,
    pub line: usize,
    /// The exact words of the article.
    pub text: String,
    pub quote: String,
    /// `约20万` / `about 200,000`.
    pub count: Text,
    pub count_value: u64,
    pub chip: String,
    pub chip_file: Option<String>,
    pub subject: String,
    pub subject_file: Option<String>,
    pub role: Text,
    /// The claim restated in each language (`Grok 3: about 200,000 NVIDIA H100, trained`).
    pub statement: Text,
    #[serde(skip)]
    pub status: VerdictStatus,
    pub verdict: VerdictView,
    pub note: Text,
    pub reference: Option<ReferenceView>,
    /// Other record facts that bear on the verdict: the other side of a
    /// dispute, the entity a misattributed figure belongs to.
    pub also: Vec<ReferenceView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Count {
    pub verdict: VerdictView,
    pub n: usize,
}

/// A source a briefing cites: the article itself or a reference fact's source.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Citation {
    pub title: String,
    pub url: Option<String>,
    pub publisher: Option<String>,
    pub date: Option<String>,
    /// Note numbers of the claims that rest on it.
    pub claims: Vec<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BriefingView {
    pub slug: String,
    /// The article's language: `zh` or `en`.
    pub lang: String,
    /// The article's own title.
    pub title: String,
    /// The title in each language: front matter, the original, or generated.
    pub titles: Text,
    /// Which titles were generated from the claims (not written by anyone).
    pub generated: Generated,
    /// The summary in each language: front matter, else generated.
    pub summary: Text,
    /// The generated summary, for `<meta name="description">`: attribute
    /// values never carry article text.
    pub meta_description: Text,
    pub date: String,
    /// `2025-04-10` at the source's precision, for `<time datetime>`.
    pub date_iso: String,
    pub date_l: Text,
    /// RFC 3339, always valid (derived when the front matter has none).
    pub updated: String,
    pub source: String,
    pub source_url: Option<String>,
    pub attribution: Option<String>,
    /// The claims as data, for the digest the site-wide pages are built
    /// from. Templates see them as `claims_html` and `notes_html`
    /// (written by `render::cards`) and their number as `n_claims`.
    #[serde(skip)]
    pub claims: Vec<ClaimView>,
    pub n_claims: usize,
    /// One `<li>` card per claim, for the briefing's claim list.
    pub claims_html: String,
    /// One `<li>` per claim, for the notes printed under the article.
    pub notes_html: String,
    pub counts: Vec<Count>,
    pub conflicts: Vec<Text>,
    pub references: Vec<Citation>,
    pub article_html: String,
    /// The claimed-vs-recorded chart (inline SVG in a `<figure>`), written
    /// by [`chart::compare_svg`]; empty when no claim has a count to draw.
    pub chart_html: String,
    /// ClaimReview JSON-LD blocks, already escaped for a `<script>` element.
    pub jsonld: Vec<String>,
}

#[derive(Debug, Clone, Copy, Serialize, Default)]
pub struct Generated {
    pub zh: bool,
    pub en: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct BriefingSummary {
    pub slug: String,
    pub lang: String,
    pub titles: Text,
    pub summary: Text,
    pub date: String,
    pub date_iso: String,
    pub date_l: Text,
    pub updated: String,
    pub source: String,
    pub source_url: Option<String>,
    pub claims: usize,
    pub counts: Vec<Count>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EntitySummary {
    pub file: String,
    pub name: String,
    pub kind: Text,
    pub claims: usize,
    pub disagreements: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct RecordFact {
    pub property: Text,
    pub value: Text,
    pub chip: String,
    pub status: Text,
    pub as_of: String,
    pub source_title: String,
    pub source_url: Option<String>,
    pub note: Option<String>,
}

/// The file name of an entity page (ids are kebab-case; user ids are made safe).
pub fn entity_file(id: &str) -> String {
    crate::slug::sanitize(id).unwrap_or_else(|| "entity".into())
}

/// The order pages list verdicts in: the ones an editor must act on first.
pub const ORDER: [VerdictStatus; 5] = [
    VerdictStatus::Contradicted,
    VerdictStatus::Misattributed,
    VerdictStatus::Disputed,
    VerdictStatus::Unverified,
    VerdictStatus::Supported,
];

fn counts(i: &I18n, claims: &[Claim]) -> Vec<Count> {
    ORDER
        .iter()
        .map(|&v| Count {
            verdict: verdict_view(i, v),
            n: claims.iter().filter(|c| status(c) == v).count(),
        })
        .collect()
}

fn status(c: &Claim) -> VerdictStatus {
    c.verdict
        .as_ref()
        .map(|v| v.status)
        .unwrap_or(VerdictStatus::Unverified)
}

fn count_text(i: &I18n, c: &Claim) -> Text {
    let n = c.count as f64;
    let key = match (c.approx, c.count_max) {
        (_, Some(_)) => "count-range",
        (true, None) => "count-about",
        (false, None) => "count-exact",
    };
    let max = c.count_max.unwrap_or(c.count) as f64;
    i.both(key, &[("n", n.into()), ("max", max.into())])
}

fn reference_view(i: &I18n, r: &crate::model::Reference, ds: &Dataset) -> ReferenceView {
    ReferenceView {
        entity: r.entity.clone(),
        entity_name: ds
            .entity(&r.entity)
            .map(|e| e.name().to_string())
            .unwrap_or_else(|| r.entity.clone()),
        entity_file: entity_file(&r.entity),
        has_page: ds.entity(&r.entity).is_some(),
        property: i.both(&format!("property-{}", r.property.replace('_', "-")), &[]),
        value: i.both("count-exact", &[("n", r.value.into())]),
        value_num: r.value,
        chip: r.chip.clone(),
        status: i.both(&format!("status-{}", r.status.replace('_', "-")), &[]),
        source_title: r.source.title.clone(),
        source_url: r.source.url.clone(),
        source_publisher: r.source.publisher.clone(),
        source_date: r.source.date.clone(),
    }
}

/// `date_l` is the article's date in both languages (the same for every
/// claim of the article, so formatted once by the caller).
fn claim_view(
    i: &I18n,
    f: &FactFile,
    date_l: &Text,
    n: usize,
    c: &Claim,
    ds: &Dataset,
) -> ClaimView {
    let v = status(c);
    let note = c
        .verdict
        .as_ref()
        .map(|v| Text {
            zh: v.note.zh.clone(),
            en: v.note.en.clone(),
        })
        .unwrap_or_default();
    let reference = c
        .verdict
        .as_ref()
        .and_then(|v| v.reference.as_ref())
        .map(|r| reference_view(i, r, ds));
    let also = c
        .verdict
        .as_ref()
        .map(|v| v.also.iter().map(|r| reference_view(i, r, ds)).collect())
        .unwrap_or_default();
    let subject = c
        .subject
        .as_ref()
        .map(|s| s.name.clone())
        .unwrap_or_default();
    let count = count_text(i, c);
    let role = i.both(&format!("role-{}", c.role.as_str()), &[]);
    let statement = i.both(
        if subject.is_empty() {
            "statement-nosubject"
        } else {
            "statement"
        },
        &[
            ("subject", subject.clone().into()),
            ("chip", c.chip.name.clone().into()),
            ("role", c.role.as_str().into()),
            ("n", (c.count as f64).into()),
            ("approx", if c.approx { "yes" } else { "no" }.into()),
        ],
    );
    let date = f.article.date.clone().unwrap_or_default();
    ClaimView {
        id: c.id.clone(),
        n,
        article_slug: f.article.slug.clone(),
        article_title: f.article.title.clone(),
        article_date_l: date_l.clone(),
        article_date: date,
        line: c.line,
        text: c.text.clone(),
        quote: c.quote.clone(),
        count,
        count_value: c.count,
        chip: c.chip.name.clone(),
        // Only entities the dataset holds get a page to link to.
        chip_file: c
            .chip
            .id
            .as_deref()
            .filter(|id| ds.entity(id).is_some())
            .map(entity_file),
        subject_file: c
            .subject
            .as_ref()
            .and_then(|s| s.id.as_deref())
            .filter(|id| ds.entity(id).is_some())
            .map(entity_file),
        subject,
        role,
        statement,
        status: v,
        verdict: verdict_view(i, v),
        note,
        reference,
        also,
    }
}

/// "DeepSeek-R1 vs Grok-3: 3 compute claims checked, 1 misattributed",
/// from the catalogue's `headline*` messages.
pub fn headline(i: &I18n, f: &FactFile) -> Text {
    let mut subjects: Vec<String> = Vec::new();
    for c in &f.claims {
        if let Some(s) = &c.subject {
            // "xAI Colossus (Colossus 1, Memphis)" reads as "xAI Colossus"
            // in a headline.
            let name = s
                .name
                .split(" (")
                .next()
                .unwrap_or(&s.name)
                .trim()
                .to_string();
            if !subjects.contains(&name) {
                subjects.push(name);
            }
        }
    }
    let mut out = Text::default();
    for lang in ["zh", "en"] {
        let who = match subjects.len() {
            0 => i.s(lang, "headline-who-none"),
            1 => subjects[0].clone(),
            2 => i.t(
                lang,
                "headline-who-two",
                &[
                    ("a", subjects[0].clone().into()),
                    ("b", subjects[1].clone().into()),
                ],
            ),
            k => i.t(
                lang,
                "headline-who-more",
                &[
                    ("a", subjects[0].clone().into()),
                    ("b", subjects[1].clone().into()),
                    ("rest", (k - 2).into()),
                ],
            ),
        };
        let mut worst = Vec::new();
        for v in [
            VerdictStatus::Contradicted,
            VerdictStatus::Misattributed,
            VerdictStatus::Disputed,
        ] {
            let k = f.claims.iter().filter(|c| status(c) == v).count();
            if k > 0 {
                worst.push(i.t(
                    lang,
                    &format!("headline-{}", v.as_str()),
                    &[("n", k.into())],
                ));
            }
        }
        let sep = i.s(lang, "list-sep");
        let s = i.t(
            lang,
            if worst.is_empty() {
                "headline"
            } else {
                "headline-findings"
            },
            &[
                ("who", who.into()),
                ("n", f.claims.len().into()),
                ("findings", worst.join(&sep).into()),
            ],
        );
        if lang == "zh" {
            out.zh = s;
        } else {
            out.en = s;
        }
    }
    out
}

/// "3 compute claims checked: 1 supported, 1 misattributed, 1 disputed."
fn generated_summary(i: &I18n, f: &FactFile) -> Text {
    let mut out = Text::default();
    for lang in ["zh", "en"] {
        let parts: Vec<String> = ORDER
            .iter()
            .filter_map(|&v| {
                let k = f.claims.iter().filter(|c| status(c) == v).count();
                (k > 0).then(|| {
                    i.t(
                        lang,
                        &format!("summary-part-{}", v.as_str()),
                        &[("n", k.into())],
                    )
                })
            })
            .collect();
        let sep = i.s(lang, "list-sep");
        let s = i.t(
            lang,
            if f.claims.is_empty() {
                "summary-none"
            } else {
                "summary-generated"
            },
            &[
                ("n", f.claims.len().into()),
                ("parts", parts.join(&sep).into()),
            ],
        );
        if lang == "zh" {
            out.zh = s;
        } else {
            out.en = s;
        }
    }
    out
}

/// The claim restated for `claimReviewed`: short (< 75 characters) and
/// without the verdict, as Google asks.
fn claim_reviewed(c: &ClaimView) -> String {
    let s = &c.statement.en;
    if s.chars().count() < 75 {
        s.clone()
    } else {
        let mut t: String = s.chars().take(73).collect();
        t.push('…');
        t
    }
}

/// schema.org `Organization`.
#[derive(Serialize)]
struct Org<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

/// schema.org `Rating` (docs/claimreview.md has the scale).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rating<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    alternate_name: &'a str,
    name: &'a str,
    best_rating: u8,
    worst_rating: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    rating_value: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rating_explanation: Option<&'a str>,
}

/// The article the claim appeared in: a schema.org `CreativeWork`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Appearance<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    headline: &'a str,
    in_language: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<&'a str>,
}

/// schema.org `Claim`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReviewedClaim<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    author: Org<'a>,
    appearance: Appearance<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<&'a str>,
}

/// schema.org `ClaimReview`, one per claim.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ClaimReview<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    url: String,
    claim_reviewed: String,
    author: Org<'a>,
    date_published: &'a str,
    in_language: &'static str,
    review_rating: Rating<'a>,
    item_reviewed: ReviewedClaim<'a>,
}

/// ClaimReview JSON-LD, one block per claim, each safe inside `<script>`.
fn claim_reviews(
    f: &FactFile,
    claims: &[ClaimView],
    site: &super::Site,
    published: &str,
) -> Vec<String> {
    let url = format!("{}/briefings/{}.html", site.base_url, f.article.slug);
    let site_url = format!("{}/", site.base_url);
    let date = parse_date(f.article.date.as_deref().unwrap_or_default()).map(|d| d.iso());
    let claim_author = f.article.source.as_deref().unwrap_or("Unknown publication");
    claims
        .iter()
        .zip(&f.claims)
        .map(|(c, claim)| {
            let review = ClaimReview {
                context: "https://schema.org",
                kind: "ClaimReview",
                url: format!("{url}#claim-{}", c.id),
                claim_reviewed: claim_reviewed(c),
                author: Org {
                    kind: "Organization",
                    name: &site.title,
                    url: Some(&site_url),
                },
                date_published: published,
                in_language: "en",
                review_rating: Rating {
                    kind: "Rating",
                    alternate_name: &c.verdict.label.en,
                    name: &c.verdict.label.en,
                    best_rating: 5,
                    worst_rating: 1,
                    rating_value: rating(status(claim)),
                    rating_explanation: Some(c.note.en.as_str()).filter(|n| !n.is_empty()),
                },
                item_reviewed: ReviewedClaim {
                    kind: "Claim",
                    author: Org {
                        kind: "Organization",
                        name: claim_author,
                        url: None,
                    },
                    appearance: Appearance {
                        kind: "CreativeWork",
                        headline: &f.article.title,
                        in_language: &f.article.lang,
                        url: f.article.source_url.as_deref(),
                        date_published: date.as_deref(),
                    },
                    date_published: date.as_deref(),
                },
            };
            script_safe(&serde_json::to_string(&review).unwrap_or_else(|_| "{}".into()))
        })
        .collect()
}

/// JSON for a `<script>` element: no article text may end the element,
/// open a comment or start a CDATA section; `\u2028`/`\u2029` are escaped
/// for old JavaScript parsers. Outside strings JSON has none of these
/// characters, so escaping them everywhere keeps the JSON's meaning.
pub fn script_safe(json: &str) -> String {
    let mut o = String::with_capacity(json.len() + 16);
    let bytes = json.as_bytes();
    let mut run = 0;
    let mut i = 0;
    // `<`, `>`, `&` are ASCII and U+2028/U+2029 are E2 80 A8/A9 in UTF-8:
    // a byte scan finds them all, and every cut falls between characters.
    while i < bytes.len() {
        let (esc, len) = match bytes[i] {
            b'<' => ("\\u003c", 1),
            b'>' => ("\\u003e", 1),
            b'&' => ("\\u0026", 1),
            0xE2 if bytes[i + 1..].starts_with(&[0x80, 0xA8]) => ("\\u2028", 3),
            0xE2 if bytes[i + 1..].starts_with(&[0x80, 0xA9]) => ("\\u2029", 3),
            _ => {
                i += 1;
                continue;
            }
        };
        o.push_str(&json[run..i]);
        o.push_str(esc);
        i += len;
        run = i;
    }
    o.push_str(&json[run..]);
    o
}

/// The date a briefing is filed under: its front matter date (any
/// precision), else the article file's modification time, else the epoch.
fn updated(p: &Processed) -> String {
    if let Some(d) = p.facts.article.date.as_deref().and_then(parse_date) {
        return d.rfc3339();
    }
    std::fs::metadata(&p.article.path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| format::rfc3339_from_unix(d.as_secs() as i64))
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into())
}

pub fn briefing(i: &I18n, site: &super::Site, p: &Processed, ds: &Dataset) -> BriefingView {
    let f = &p.facts;
    let fm = &p.article.front;
    let gen = headline(i, f);
    let is_en = f.article.lang == "en";
    let mut generated = Generated::default();
    let title_en = fm.title_en.clone().unwrap_or_else(|| {
        if is_en {
            f.article.title.clone()
        } else {
            generated.en = true;
            gen.en.clone()
        }
    });
    let title_zh = fm.title_zh.clone().unwrap_or_else(|| {
        if is_en {
            generated.zh = true;
            gen.zh.clone()
        } else {
            f.article.title.clone()
        }
    });
    let gen_summary = generated_summary(i, f);
    let meta_description = gen_summary.clone();
    let summary = Text {
        zh: fm.summary_zh.clone().unwrap_or(gen_summary.zh),
        en: fm.summary_en.clone().unwrap_or(gen_summary.en),
    };
    let date = f.article.date.clone().unwrap_or_default();
    let date_l = Text {
        zh: i.date("zh", &date),
        en: i.date("en", &date),
    };
    let claims: Vec<ClaimView> = f
        .claims
        .iter()
        .enumerate()
        .map(|(n, c)| claim_view(i, f, &date_l, n + 1, c, ds))
        .collect();
    let marks: Vec<Mark<'_>> = f
        .claims
        .iter()
        .zip(&claims)
        .map(|(c, v)| Mark {
            claim: c,
            n: v.n,
            status: v.verdict.key,
            tip_html: markdown::tip_html(v),
        })
        .collect();
    let article_html = markdown::render(p.article.body(), p.article.body_start, &marks);
    let points: Vec<Point> = claims
        .iter()
        .map(|c| Point {
            // Only names from the dataset go into the SVG: a subject the
            // extractor found in the article (no id) is article text.
            label: match c.subject_file {
                Some(_) if !c.subject.is_empty() => format!("{} {}", c.n, c.subject),
                _ => c.n.to_string(),
            },
            claimed: c.count_value as f64,
            recorded: c.reference.as_ref().map(|r| r.value_num),
            verdict: c.verdict.key.to_string(),
            date: None,
            href: format!("#note-{}", c.id),
        })
        .collect();
    // The article's source first, then each reference source once, with the
    // notes that rest on it.
    let mut references: Vec<Citation> = Vec::new();
    for c in &claims {
        for r in c.reference.iter().chain(&c.also) {
            let cite = Citation {
                title: r.source_title.clone(),
                url: r.source_url.clone(),
                publisher: r.source_publisher.clone(),
                date: r.source_date.clone(),
                claims: vec![],
            };
            match references
                .iter_mut()
                .find(|x| x.title == cite.title && x.url == cite.url)
            {
                Some(x) => {
                    if !x.claims.contains(&c.n) {
                        x.claims.push(c.n);
                    }
                }
                None => references.push(Citation {
                    claims: vec![c.n],
                    ..cite
                }),
            }
        }
    }
    let up = updated(p);
    let jsonld = claim_reviews(f, &claims, site, &up[..10]);
    let mut claims_html = String::with_capacity(claims.len() * 1500);
    super::cards::claim_items(
        &mut claims_html,
        &super::cards::Labels::new(i),
        &f.article.lang,
        &claims,
    );
    let mut notes_html = String::with_capacity(claims.len() * 200);
    super::cards::print_notes(&mut notes_html, &claims);
    BriefingView {
        slug: f.article.slug.clone(),
        lang: f.article.lang.clone(),
        title: f.article.title.clone(),
        titles: Text {
            zh: title_zh,
            en: title_en,
        },
        generated,
        summary,
        meta_description,
        date_iso: parse_date(&date).map(|d| d.iso()).unwrap_or_default(),
        date_l,
        date,
        updated: up,
        source: f.article.source.clone().unwrap_or_default(),
        source_url: f.article.source_url.clone(),
        attribution: f.article.attribution.clone(),
        counts: counts(i, &f.claims),
        conflicts: f
            .conflicts
            .iter()
            .map(|c| Text {
                zh: c.note.zh.clone(),
                en: c.note.en.clone(),
            })
            .collect(),
        references,
        chart_html: chart::compare(&points)
            .map(|c| chart::compare_svg(&c, i, "compare"))
            .unwrap_or_default(),
        jsonld,
        n_claims: claims.len(),
        claims_html,
        notes_html,
        claims,
        article_html,
    }
}

#[cfg(test)]
mod tests {
    use super::script_safe;

    #[test]
    fn script_safe_escapes_what_could_end_the_element_and_nothing_else() {
        let json = "{\"t\":\"</script><!--a&b\u{2028}c\u{2029}约2000块\u{2027}\"}";
        assert_eq!(
            script_safe(json),
            "{\"t\":\"\\u003c/script\\u003e\\u003c!--a\\u0026b\\u2028c\\u2029约2000块\u{2027}\"}"
        );
        assert_eq!(script_safe(""), "");
        assert_eq!(script_safe("\u{2028}"), "\\u2028");
    }
}
