//! View structs: what each template sees, computed once from fact files.
//!
//! Keeping presentation data here (formatted numbers in both languages,
//! verdict labels, chart geometry, JSON-LD) keeps templates free of logic
//! and lets every output share one reading of the audit.

use super::chart::{self, BarChart, LogChart};
use super::format::{number_en, number_zh, verdict_label};
use super::markdown::{self, Mark};
use crate::dataset::Dataset;
use crate::model::{Claim, FactFile, VerdictStatus};
use crate::pipeline::Processed;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize)]
pub struct Label {
    pub key: &'static str,
    pub en: &'static str,
    pub zh: &'static str,
}

fn label(v: VerdictStatus) -> Label {
    let (en, zh) = verdict_label(v);
    Label {
        key: v.as_str(),
        en,
        zh,
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ReferenceView {
    pub entity: String,
    pub entity_name: String,
    pub entity_file: String,
    pub property: String,
    pub value_en: String,
    pub value_zh: String,
    pub chip: String,
    pub status: String,
    pub source_title: String,
    pub source_url: Option<String>,
    pub source_publisher: Option<String>,
    pub source_date: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClaimView {
    pub id: String,
    pub article_slug: String,
    pub article_title: String,
    pub article_date: String,
    pub line: usize,
    pub text: String,
    pub quote: String,
    pub count_en: String,
    pub count_zh: String,
    pub approx: bool,
    pub chip: String,
    pub chip_file: Option<String>,
    pub subject: String,
    pub subject_file: Option<String>,
    pub role: &'static str,
    pub verdict: Label,
    pub note_en: String,
    pub note_zh: String,
    pub reference: Option<ReferenceView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Count {
    pub verdict: Label,
    pub n: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct BriefingView {
    pub slug: String,
    pub lang: String,
    pub title: String,
    pub title_en: String,
    pub title_zh: String,
    /// Which of the two titles is the article's own (the other is generated).
    pub original_is_en: bool,
    pub summary_en: Option<String>,
    pub summary_zh: Option<String>,
    pub date: String,
    pub source: String,
    pub source_url: Option<String>,
    pub attribution: Option<String>,
    pub claims: Vec<ClaimView>,
    pub counts: Vec<Count>,
    pub conflicts_en: Vec<String>,
    pub conflicts_zh: Vec<String>,
    pub article_html: String,
    pub chart: Option<LogChart>,
    /// ClaimReview JSON-LD, already escaped for a `<script>` element.
    pub jsonld: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct IndexView {
    pub briefings: Vec<BriefingSummary>,
    pub counts: Vec<Count>,
    pub total_claims: usize,
    pub chart: BarChart,
    pub updated: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct BriefingSummary {
    pub slug: String,
    pub title: String,
    pub title_en: String,
    pub title_zh: String,
    pub date: String,
    pub source: String,
    pub lang: String,
    pub claims: usize,
    pub counts: Vec<Count>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AuditView {
    pub claims: Vec<ClaimView>,
    pub counts: Vec<Count>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RecordFact {
    pub property: String,
    pub value_en: String,
    pub value_zh: String,
    pub chip: String,
    pub status: String,
    pub as_of: String,
    pub source_title: String,
    pub source_url: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EntityView {
    pub id: String,
    pub file: String,
    pub name: String,
    pub kind: String,
    pub aliases: Vec<String>,
    pub notes: Option<String>,
    pub record: Vec<RecordFact>,
    pub claims: Vec<ClaimView>,
    pub disagreements: usize,
    pub chart: Option<LogChart>,
}

pub struct SiteView {
    pub index: IndexView,
    pub briefings: Vec<BriefingView>,
    pub entities: Vec<EntityView>,
    pub audit: AuditView,
}

/// The file name of an entity page (ids are kebab-case; user ids are made safe).
pub fn entity_file(id: &str) -> String {
    crate::slug::sanitize(id).unwrap_or_else(|| "entity".into())
}

fn counts(claims: &[Claim]) -> Vec<Count> {
    VerdictStatus::ALL
        .iter()
        .map(|&v| Count {
            verdict: label(v),
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

fn claim_view(f: &FactFile, c: &Claim, ds: &Dataset) -> ClaimView {
    let v = status(c);
    let (note_en, note_zh) = c
        .verdict
        .as_ref()
        .map(|v| (v.note.en.clone(), v.note.zh.clone()))
        .unwrap_or_default();
    let reference = c
        .verdict
        .as_ref()
        .and_then(|v| v.reference.as_ref())
        .map(|r| ReferenceView {
            entity: r.entity.clone(),
            entity_name: ds
                .entity(&r.entity)
                .map(|e| e.name().to_string())
                .unwrap_or_else(|| r.entity.clone()),
            entity_file: entity_file(&r.entity),
            property: r.property.clone(),
            value_en: number_en(r.value),
            value_zh: number_zh(r.value),
            chip: r.chip.clone(),
            status: r.status.clone(),
            source_title: r.source.title.clone(),
            source_url: r.source.url.clone(),
            source_publisher: r.source.publisher.clone(),
            source_date: r.source.date.clone(),
        });
    ClaimView {
        id: c.id.clone(),
        article_slug: f.article.slug.clone(),
        article_title: f.article.title.clone(),
        article_date: f.article.date.clone().unwrap_or_default(),
        line: c.line,
        text: c.text.clone(),
        quote: c.quote.clone(),
        count_en: number_en(c.count as f64),
        count_zh: number_zh(c.count as f64),
        approx: c.approx,
        chip: c.chip.name.clone(),
        chip_file: c.chip.id.as_deref().map(entity_file),
        subject: c
            .subject
            .as_ref()
            .map(|s| s.name.clone())
            .unwrap_or_default(),
        subject_file: c
            .subject
            .as_ref()
            .and_then(|s| s.id.as_deref())
            .map(entity_file),
        role: c.role.as_str(),
        verdict: label(v),
        note_en,
        note_zh,
        reference,
    }
}

/// "DeepSeek-R1 vs Grok-3: 3 compute claims checked, 1 misattributed".
fn headline(f: &FactFile) -> (String, String) {
    let mut subjects: Vec<String> = Vec::new();
    for c in &f.claims {
        if let Some(s) = &c.subject {
            if !subjects.contains(&s.name) {
                subjects.push(s.name.clone());
            }
        }
    }
    let who_en = match subjects.len() {
        0 => "AI compute".to_string(),
        1 => subjects[0].clone(),
        _ => format!("{} vs {}", subjects[0], subjects[1]),
    };
    let who_zh = match subjects.len() {
        0 => "AI算力".to_string(),
        1 => subjects[0].clone(),
        _ => format!("{}与{}", subjects[0], subjects[1]),
    };
    let n = f.claims.len();
    let mut worst_en = Vec::new();
    let mut worst_zh = Vec::new();
    for v in [
        VerdictStatus::Contradicted,
        VerdictStatus::Misattributed,
        VerdictStatus::Disputed,
    ] {
        let k = f.claims.iter().filter(|c| status(c) == v).count();
        if k > 0 {
            let (en, zh) = verdict_label(v);
            worst_en.push(format!("{k} {}", en.to_lowercase()));
            worst_zh.push(format!("{k}项{zh}"));
        }
    }
    let plural = if n == 1 { "claim" } else { "claims" };
    let en = if worst_en.is_empty() {
        format!("{who_en}: {n} compute {plural} checked")
    } else {
        format!(
            "{who_en}: {n} compute {plural} checked, {}",
            worst_en.join(", ")
        )
    };
    let zh = if worst_zh.is_empty() {
        format!("{who_zh}:核查{n}项算力说法")
    } else {
        format!("{who_zh}:核查{n}项算力说法,{}", worst_zh.join(","))
    };
    (en, zh)
}

/// ClaimReview JSON-LD for every claim with a verdict, safe inside `<script>`.
fn claim_review(f: &FactFile, site: &super::Site) -> String {
    let url = format!("{}/briefings/{}.html", site.base_url, f.article.slug);
    let reviews: Vec<serde_json::Value> = f
        .claims
        .iter()
        .map(|c| {
            let v = status(c);
            let (en, _) = verdict_label(v);
            let rating = match v {
                VerdictStatus::Supported => Some(5),
                VerdictStatus::Disputed => Some(3),
                VerdictStatus::Misattributed => Some(2),
                VerdictStatus::Contradicted => Some(1),
                VerdictStatus::Unverified => None,
            };
            let mut claimed: String = c.text.chars().take(72).collect();
            if c.text.chars().count() > 72 {
                claimed.push('…');
            }
            let mut rr = serde_json::json!({
                "@type": "Rating",
                "alternateName": en,
                "bestRating": 5,
                "worstRating": 1,
            });
            if let Some(r) = rating {
                rr["ratingValue"] = r.into();
            }
            serde_json::json!({
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "url": format!("{url}#claim-{}", c.id),
                "claimReviewed": claimed,
                "author": {"@type": "Organization", "name": site.title},
                "datePublished": f.article.date,
                "reviewRating": rr,
                "itemReviewed": {
                    "@type": "Claim",
                    "author": {"@type": "Organization", "name": f.article.source.clone().unwrap_or_default()},
                    "datePublished": f.article.date,
                    "appearance": f.article.source_url.clone().map(serde_json::Value::from).unwrap_or(serde_json::Value::Null),
                }
            })
        })
        .collect();
    let json = serde_json::to_string(&reviews).unwrap_or_else(|_| "[]".into());
    // No article text may end the <script> element or open a comment.
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

impl SiteView {
    pub fn build(site: &super::Site, processed: &[Processed], ds: &Dataset) -> SiteView {
        let mut briefings: Vec<BriefingView> =
            processed.iter().map(|p| briefing(site, p, ds)).collect();
        // Newest first; undated last; ties by slug for a stable order.
        briefings.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
        let all_claims: Vec<Claim> = processed
            .iter()
            .flat_map(|p| p.facts.claims.iter().cloned())
            .collect();
        let audit_claims: Vec<ClaimView> = processed
            .iter()
            .flat_map(|p| p.facts.claims.iter().map(|c| claim_view(&p.facts, c, ds)))
            .collect();
        let counts_all = counts(&all_claims);
        let chart = chart::verdict_bars(
            &counts_all
                .iter()
                .map(|c| (c.verdict.clone(), c.n))
                .collect::<Vec<_>>(),
        );
        let summaries = briefings
            .iter()
            .map(|b| BriefingSummary {
                slug: b.slug.clone(),
                title: b.title.clone(),
                title_en: b.title_en.clone(),
                title_zh: b.title_zh.clone(),
                date: b.date.clone(),
                source: b.source.clone(),
                lang: b.lang.clone(),
                claims: b.claims.len(),
                counts: b.counts.clone(),
            })
            .collect();
        let updated = briefings
            .iter()
            .map(|b| b.date.clone())
            .max()
            .unwrap_or_default();
        let entities = entities(processed, ds);
        SiteView {
            index: IndexView {
                briefings: summaries,
                counts: counts_all.clone(),
                total_claims: all_claims.len(),
                chart,
                updated,
            },
            briefings,
            entities,
            audit: AuditView {
                claims: audit_claims,
                counts: counts_all,
            },
        }
    }
}

fn briefing(site: &super::Site, p: &Processed, ds: &Dataset) -> BriefingView {
    let f = &p.facts;
    let fm = &p.article.front;
    let (gen_en, gen_zh) = headline(f);
    let is_en = f.article.lang == "en";
    let title_en = fm.title_en.clone().unwrap_or_else(|| {
        if is_en {
            f.article.title.clone()
        } else {
            gen_en
        }
    });
    let title_zh = fm.title_zh.clone().unwrap_or_else(|| {
        if is_en {
            gen_zh
        } else {
            f.article.title.clone()
        }
    });
    let claims: Vec<ClaimView> = f.claims.iter().map(|c| claim_view(f, c, ds)).collect();
    let marks: Vec<Mark<'_>> = f
        .claims
        .iter()
        .zip(&claims)
        .map(|(c, v)| Mark {
            claim: c,
            status: v.verdict.key,
            tooltip: format!(
                "{} / {}: {}",
                v.verdict.zh,
                v.verdict.en,
                if v.note_en.is_empty() {
                    v.text.clone()
                } else {
                    v.note_en.clone()
                }
            ),
        })
        .collect();
    let article_html = markdown::render(p.article.body(), p.article.body_start, &marks);
    let points: Vec<chart::Point> = f
        .claims
        .iter()
        .map(|c| chart::Point {
            label: format!(
                "{} {}",
                c.id,
                c.subject.as_ref().map(|s| s.name.as_str()).unwrap_or("")
            ),
            claimed: c.count as f64,
            recorded: c
                .verdict
                .as_ref()
                .and_then(|v| v.reference.as_ref())
                .map(|r| r.value),
        })
        .collect();
    BriefingView {
        slug: f.article.slug.clone(),
        lang: f.article.lang.clone(),
        title: f.article.title.clone(),
        title_en,
        title_zh,
        original_is_en: is_en,
        summary_en: fm.summary_en.clone(),
        summary_zh: fm.summary_zh.clone(),
        date: f.article.date.clone().unwrap_or_default(),
        source: f.article.source.clone().unwrap_or_default(),
        source_url: f.article.source_url.clone(),
        attribution: f.article.attribution.clone(),
        counts: counts(&f.claims),
        conflicts_en: f.conflicts.iter().map(|c| c.note.en.clone()).collect(),
        conflicts_zh: f.conflicts.iter().map(|c| c.note.zh.clone()).collect(),
        claims,
        article_html,
        chart: chart::log_chart(&points),
        jsonld: claim_review(f, site),
    }
}

fn entities(processed: &[Processed], ds: &Dataset) -> Vec<EntityView> {
    // Every entity that a claim names as subject or chip, or that is mentioned.
    let mut ids: BTreeMap<String, Vec<ClaimView>> = BTreeMap::new();
    for p in processed {
        for e in &p.facts.entities {
            ids.entry(e.id.clone()).or_default();
        }
        for c in &p.facts.claims {
            for id in [
                c.subject.as_ref().and_then(|s| s.id.clone()),
                c.chip.id.clone(),
            ]
            .into_iter()
            .flatten()
            {
                ids.entry(id).or_default().push(claim_view(&p.facts, c, ds));
            }
        }
    }
    ids.into_iter()
        .filter_map(|(id, claims)| {
            let e = ds.entity(&id)?;
            let a = e.aliases();
            let record: Vec<RecordFact> = e
                .entry()
                .map(|en| {
                    en.facts
                        .iter()
                        .filter(|f| f.property.is_chip_count())
                        .map(|f| {
                            let v = f.value.as_number().unwrap_or(0.0);
                            RecordFact {
                                property: f.property.as_str().to_string(),
                                value_en: number_en(v),
                                value_zh: number_zh(v),
                                chip: f
                                    .chip
                                    .as_deref()
                                    .and_then(|c| ds.entity(c).map(|c| c.name().to_string()))
                                    .unwrap_or_else(|| "GPU".into()),
                                status: f.status.as_str().to_string(),
                                as_of: f.as_of.clone().unwrap_or_default(),
                                source_title: f.source.title.clone(),
                                source_url: f.source.url.clone(),
                                note: f.note.clone(),
                            }
                        })
                        .collect()
                })
                .unwrap_or_default();
            let disagreements = claims
                .iter()
                .filter(|c| matches!(c.verdict.key, "contradicted" | "misattributed" | "disputed"))
                .count();
            let points: Vec<chart::Point> = claims
                .iter()
                .map(|c| chart::Point {
                    label: format!("{} {}", c.article_date, c.id),
                    claimed: c.count_en.replace(',', "").parse().unwrap_or(0.0),
                    recorded: c
                        .reference
                        .as_ref()
                        .and_then(|r| r.value_en.replace(',', "").parse().ok()),
                })
                .collect();
            let notes = match e {
                crate::dataset::Entity::Chip(c) => c.notes.clone(),
                crate::dataset::Entity::Organisation(o) => o.notes.clone(),
                crate::dataset::Entity::Model(m) | crate::dataset::Entity::Cluster(m) => {
                    m.notes.clone()
                }
            };
            Some(EntityView {
                file: entity_file(&id),
                id,
                name: e.name().to_string(),
                kind: e.kind().as_str().to_string(),
                aliases: a.en.iter().chain(a.zh.iter()).cloned().collect(),
                notes,
                record,
                chart: chart::log_chart(&points),
                claims,
                disagreements,
            })
        })
        .collect()
}
