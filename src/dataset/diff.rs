//! `factbrief dataset diff`: where an extending source (Epoch AI) and the
//! curated record disagree about the same entity and property.
//!
//! Each fact an `extends:` item adds is compared with the entity's own
//! facts of the same property (press claims excluded); every pair that does
//! not agree is listed with the relative difference, even when the added
//! fact agrees with another curated fact (GPT-4: Epoch's 25,000 A100 agrees
//! with SemiAnalysis but not with the 20,000 the record attributes to an
//! earlier Epoch estimate — both are worth a curator's look). Two figures agree
//! when they differ by at most 10 % if either is approximate, else 0.5 %
//! (rounding in the source tables); a curated range accepts anything inside it.

use super::{Dataset, Fact, FactValue, Property, Status};
use serde::Serialize;

/// One disagreement between an added fact and the curated record.
#[derive(Debug, Clone, Serialize)]
pub struct Disagreement {
    pub entity: String,
    pub name: String,
    pub property: Property,
    pub curated_value: String,
    pub curated_source: String,
    pub curated_status: Status,
    pub other_value: String,
    pub other_source: String,
    pub other_status: Status,
    /// |other − curated| / the smaller of the two (symmetric: 100,000 vs
    /// 200,000 is 100 % either way); `None` when the values are chip ids.
    pub relative: Option<f64>,
}

/// Relative tolerance between two figures.
fn tolerance(a: &Fact, b: &Fact) -> f64 {
    if a.approx || b.approx {
        0.10
    } else {
        0.005
    }
}

fn agrees(curated: &Fact, other: &Fact) -> bool {
    match (&curated.value, &other.value) {
        (FactValue::Id(a), FactValue::Id(b)) => a == b,
        (FactValue::Number(c), FactValue::Number(o)) => {
            let tol = tolerance(curated, other);
            let (lo, hi) = (*c, curated.value_max.unwrap_or(*c));
            *o >= lo * (1.0 - tol) && *o <= hi * (1.0 + tol)
        }
        _ => false,
    }
}

fn show(v: &FactValue) -> String {
    match v {
        FactValue::Id(s) => s.clone(),
        FactValue::Number(n) => crate::audit::format::en(*n),
    }
}

fn cite(f: &Fact) -> String {
    let s = &f.source;
    match (&s.publisher, &s.date) {
        (Some(p), Some(d)) => format!("{p}, {d}: {}", s.title),
        (Some(p), None) => format!("{p}: {}", s.title),
        _ => s.title.clone(),
    }
}

/// Every disagreement, largest relative difference first (chip
/// disagreements, which have none, last).
pub fn diff(ds: &Dataset) -> Vec<Disagreement> {
    let mut out = Vec::new();
    for x in &ds.extensions {
        let Some(entry) = ds.entry(&x.id) else {
            continue;
        };
        let own = ds.own_facts(&x.id);
        for f in &x.facts {
            let cands: Vec<&Fact> = own
                .iter()
                .filter(|c| c.property == f.property && c.status != Status::PressClaim)
                .collect();
            for c in cands.into_iter().filter(|c| !agrees(c, f)) {
                let relative = match (&c.value, &f.value) {
                    (FactValue::Number(cv), FactValue::Number(o)) if cv.min(*o) > 0.0 => {
                        Some((o - cv).abs() / cv.min(*o))
                    }
                    _ => None,
                };
                out.push(Disagreement {
                    entity: x.id.clone(),
                    name: entry.name.clone(),
                    property: f.property,
                    curated_value: show(&c.value),
                    curated_source: cite(c),
                    curated_status: c.status,
                    other_value: show(&f.value),
                    other_source: cite(f),
                    other_status: f.status,
                    relative,
                });
            }
        }
    }
    out.sort_by(|a, b| match (a.relative, b.relative) {
        (Some(x), Some(y)) => y.total_cmp(&x),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.entity.cmp(&b.entity),
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::DataSource;

    #[test]
    fn an_extension_that_disagrees_is_listed() {
        let curated = DataSource {
            path: "a.yaml".into(),
            text: r#"
organisations: [{id: o, name: O, kind: ai_lab}]
models:
- id: m
  name: M
  kind: model
  organisation: o
  facts:
  - {property: training_chip_count, value: 1000, unit: chips, status: official, source: {title: Paper}}
  - {property: parameters, value: 7000000000, unit: parameters, status: official, source: {title: Paper}}
"#
            .into(),
            ..Default::default()
        };
        let epoch = DataSource {
            path: "b.yaml".into(),
            text: r#"
extends:
- id: m
  matched_name: M-1
  facts:
  - {property: training_chip_count, value: 2000, unit: chips, status: estimate, approx: true, source: {title: Epoch, publisher: Epoch AI}}
  - {property: parameters, value: 7000000000, unit: parameters, status: reported, source: {title: Epoch, publisher: Epoch AI}}
"#
            .into(),
            ..Default::default()
        };
        let ds = Dataset::from_sources(&[curated, epoch]).unwrap();
        assert_eq!(ds.facts("m").len(), 4);
        assert_eq!(ds.own_facts("m").len(), 2);
        let d = diff(&ds);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].property, Property::TrainingChipCount);
        assert_eq!(d[0].relative, Some(1.0));
        assert_eq!(d[0].other_value, "2,000");
    }
}
