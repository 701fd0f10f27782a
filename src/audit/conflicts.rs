//! Consistency within one article: claims that disagree with each other, and
//! ratio claims (百倍, 10x, 十分之一) that its own counts do not bear out.

use super::format;
use super::tolerance::{claims_agree, Tolerance};
use crate::model::{Bilingual, Claim, Conflict, FactFile, QuantityKind};

/// Same subject (by id) and same chip (by id, or both unnamed).
fn same_subject_and_chip(a: &Claim, b: &Claim) -> bool {
    let subject = match (&a.subject, &b.subject) {
        (Some(x), Some(y)) => match (&x.id, &y.id) {
            (Some(i), Some(j)) => i == j,
            (None, None) => x.name == y.name,
            _ => false,
        },
        _ => false,
    };
    let chip = match (&a.chip.id, &b.chip.id) {
        (Some(i), Some(j)) => i == j,
        (None, None) => a.chip.name == b.chip.name,
        _ => false,
    };
    subject && chip && a.role == b.role
}

fn subject_name(c: &Claim) -> &str {
    c.subject.as_ref().map(|s| s.name.as_str()).unwrap_or("?")
}

/// Pairs of claims about the same subject, chip and role whose counts
/// disagree beyond tolerance ("200,000" and "20万" agree).
pub fn claim_conflicts(claims: &[Claim], tol: &Tolerance) -> Vec<Conflict> {
    let mut out = Vec::new();
    for (i, a) in claims.iter().enumerate() {
        for b in &claims[i + 1..] {
            if same_subject_and_chip(a, b) && !claims_agree(a, b, tol) {
                let who = subject_name(a);
                out.push(Conflict {
                    claims: vec![a.id.clone(), b.id.clone()],
                    note: Bilingual {
                        en: format!(
                            "The article gives two different counts of {} for {who} ({}): {} (line {}) and {} (line {}).",
                            a.chip.name,
                            a.role.as_str(),
                            format::en(a.count as f64),
                            a.line,
                            format::en(b.count as f64),
                            b.line
                        ),
                        zh: format!(
                            "文中关于{who}的{}数量前后不一:{}(第{}行)与{}(第{}行)。",
                            a.chip.name,
                            format::zh(a.count as f64),
                            a.line,
                            format::zh(b.count as f64),
                            b.line
                        ),
                    },
                });
            }
        }
    }
    out
}

/// Ratio claims checked against the article's own counts. A ratio agrees
/// when some pair of counts about different subjects or chips stands in that
/// ratio within `ratio_factor`; otherwise the nearest pair is a conflict.
pub fn ratio_conflicts(facts: &FactFile, tol: &Tolerance) -> Vec<Conflict> {
    let claims: Vec<&Claim> = facts.claims.iter().filter(|c| c.count > 0).collect();
    let mut pairs = Vec::new();
    for (i, a) in claims.iter().enumerate() {
        for b in &claims[i + 1..] {
            let same_subject = a.subject.as_ref().map(|s| (&s.id, &s.name))
                == b.subject.as_ref().map(|s| (&s.id, &s.name));
            if same_subject && a.chip == b.chip {
                continue;
            }
            let (hi, lo) = if a.count >= b.count { (a, b) } else { (b, a) };
            pairs.push((*hi, *lo, hi.count as f64 / lo.count as f64));
        }
    }
    let mut out = Vec::new();
    if pairs.is_empty() {
        return out;
    }
    for q in facts
        .quantities
        .iter()
        .filter(|q| q.kind == QuantityKind::Ratio && q.value > 0.0)
    {
        let r = if q.value < 1.0 {
            1.0 / q.value
        } else {
            q.value
        };
        if r <= 1.0 {
            continue;
        }
        let off = |x: f64| (x / r).ln().abs();
        let nearest = pairs
            .iter()
            .min_by(|a, b| off(a.2).total_cmp(&off(b.2)))
            .expect("pairs is not empty");
        if off(nearest.2) <= tol.ratio_factor.ln() {
            continue;
        }
        let (hi, lo, actual) = *nearest;
        out.push(Conflict {
            claims: vec![hi.id.clone(), lo.id.clone()],
            note: Bilingual {
                en: format!(
                    "The article says “{}” ({}×, line {}), but its own counts do not bear that out: the nearest pair is {} {} for {} vs {} {} for {} = {}×.",
                    q.text,
                    format::ratio(r),
                    q.line,
                    format::en(hi.count as f64),
                    hi.chip.name,
                    subject_name(hi),
                    format::en(lo.count as f64),
                    lo.chip.name,
                    subject_name(lo),
                    format::ratio(actual)
                ),
                zh: format!(
                    "文中称“{}”({}倍,第{}行),但文中自身的数字对不上:最接近的是{}的{}块{}与{}的{}块{},相差{}倍。",
                    q.text,
                    format::ratio(r),
                    q.line,
                    subject_name(hi),
                    format::zh(hi.count as f64),
                    hi.chip.name,
                    subject_name(lo),
                    format::zh(lo.count as f64),
                    lo.chip.name,
                    format::ratio(actual)
                ),
            },
        });
    }
    out
}
