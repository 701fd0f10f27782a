//! Across articles: every claim about each entity, side by side, with the
//! claims that disagree with another article's flagged. Entity pages
//! (`out/entities/<id>.html`) are built from this index.

use super::format;
use super::tolerance::{claims_agree, Tolerance};
use crate::model::{Bilingual, Claim, FactFile, Role, VerdictStatus};
use serde::Serialize;
use std::collections::BTreeMap;

/// One claim as an entity page lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CrossClaim {
    /// Article slug.
    pub article: String,
    /// Claim id within that article (`c1`).
    pub claim: String,
    pub count: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count_max: Option<u64>,
    pub approx: bool,
    /// Chip name as the claim resolved it (`NVIDIA H100`, `GPU`).
    pub chip: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chip_id: Option<String>,
    /// Subject id, when the claim has a known subject.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    pub role: Role,
    pub text: String,
    pub line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdict: Option<VerdictStatus>,
    /// Set when another article's claim about the same subject and role disagrees.
    pub disagrees: bool,
}

/// Two claims from different articles that disagree.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Disagreement {
    /// `(article slug, claim id)` of each side.
    pub a: (String, String),
    pub b: (String, String),
    pub note: Bilingual,
}

/// Every claim about one entity (as subject, or as the chip named).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct EntityClaims {
    pub id: String,
    pub claims: Vec<CrossClaim>,
    pub disagreements: Vec<Disagreement>,
}

/// Per entity id (model, organisation, cluster or chip), in id order.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct CrossIndex {
    pub entities: BTreeMap<String, EntityClaims>,
}

impl CrossIndex {
    pub fn get(&self, id: &str) -> Option<&EntityClaims> {
        self.entities.get(id)
    }
}

fn chips_compatible(a: &Claim, b: &Claim) -> bool {
    a.chip.is_generic()
        || b.chip.is_generic()
        || a.chip.id == b.chip.id && a.chip.name == b.chip.name
}

/// Builds the index from audited fact files (verdicts are copied if set).
pub fn cross_article(files: &[FactFile]) -> CrossIndex {
    let tol = Tolerance::default();
    let mut index = CrossIndex::default();
    // Disagreements are judged per subject, between articles.
    let mut by_subject: BTreeMap<&str, Vec<(&FactFile, &Claim)>> = BTreeMap::new();
    for f in files {
        for c in &f.claims {
            if let Some(id) = c.subject.as_ref().and_then(|s| s.id.as_deref()) {
                by_subject.entry(id).or_default().push((f, c));
            }
        }
    }
    let mut flagged: Vec<(String, String)> = Vec::new();
    let mut disagreements: BTreeMap<String, Vec<Disagreement>> = BTreeMap::new();
    for (id, list) in &by_subject {
        for (i, (fa, a)) in list.iter().enumerate() {
            for (fb, b) in &list[i + 1..] {
                if fa.article.slug == fb.article.slug || a.role != b.role {
                    continue;
                }
                let chip_clash = !chips_compatible(a, b);
                if !chip_clash && claims_agree(a, b, &tol) {
                    continue;
                }
                let name = a.subject.as_ref().map(|s| s.name.as_str()).unwrap_or(id);
                let side = |f: &FactFile, c: &Claim| (f.article.slug.clone(), c.id.clone());
                flagged.push(side(fa, a));
                flagged.push(side(fb, b));
                disagreements
                    .entry(id.to_string())
                    .or_default()
                    .push(Disagreement {
                        a: side(fa, a),
                        b: side(fb, b),
                        note: Bilingual {
                            en: format!(
                                "{}: “{}” says {} {} ({}), “{}” says {} {}.",
                                name,
                                fa.article.title,
                                format::en(a.count as f64),
                                a.chip.name,
                                a.role.as_str(),
                                fb.article.title,
                                format::en(b.count as f64),
                                b.chip.name
                            ),
                            zh: format!(
                                "{}:《{}》称{}块{},《{}》称{}块{}。",
                                name,
                                fa.article.title,
                                format::zh(a.count as f64),
                                a.chip.name,
                                fb.article.title,
                                format::zh(b.count as f64),
                                b.chip.name
                            ),
                        },
                    });
            }
        }
    }
    for f in files {
        for c in &f.claims {
            let subject = c.subject.as_ref().and_then(|s| s.id.clone());
            let row = CrossClaim {
                article: f.article.slug.clone(),
                claim: c.id.clone(),
                count: c.count,
                count_max: c.count_max,
                approx: c.approx,
                chip: c.chip.name.clone(),
                chip_id: c.chip.id.clone(),
                subject: subject.clone(),
                role: c.role,
                text: c.text.clone(),
                line: c.line,
                verdict: c.verdict.as_ref().map(|v| v.status),
                disagrees: flagged.contains(&(f.article.slug.clone(), c.id.clone())),
            };
            let mut keys: Vec<String> = subject.into_iter().collect();
            if let Some(chip) = &c.chip.id {
                if !keys.contains(chip) {
                    keys.push(chip.clone());
                }
            }
            for k in keys {
                let e = index
                    .entities
                    .entry(k.clone())
                    .or_insert_with(|| EntityClaims {
                        id: k,
                        ..Default::default()
                    });
                e.claims.push(row.clone());
            }
        }
    }
    for (id, d) in disagreements {
        if let Some(e) = index.entities.get_mut(&id) {
            e.disagreements = d;
        }
    }
    index
}
