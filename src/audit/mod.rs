//! The audit: every claim of an article against the sourced record, and the
//! article's claims against each other.
//!
//! * [`audit_article`] sets each claim's verdict (supported, contradicted,
//!   misattributed, disputed, unverified — docs/verdicts.md) and fills the
//!   fact file's `conflicts` (claims that disagree within the article, and
//!   ratio claims its own counts do not bear out).
//! * [`cross_article`] lists every claim about each entity across articles
//!   and flags the ones that disagree.
//!
//! Facts with status `press_claim` are the claims under audit and never
//! evidence; a `comparison` entry is never a subject that could support one.

pub mod conflicts;
pub mod cross;
pub mod format;
pub mod tolerance;
pub mod verdict;

pub use cross::{cross_article, CrossClaim, CrossIndex, Disagreement, EntityClaims};
pub use tolerance::{Bound, Figure, Tolerance};
pub use verdict::judge;

use crate::dataset::Dataset;
use crate::model::FactFile;

/// Audits one article in place: a verdict for every claim, and its conflicts.
pub fn audit_article(facts: &mut FactFile, ds: &Dataset, tol: &Tolerance) {
    for claim in &mut facts.claims {
        claim.verdict = Some(judge(claim, ds, tol));
    }
    let mut found = conflicts::claim_conflicts(&facts.claims, tol);
    found.extend(conflicts::ratio_conflicts(facts, tol));
    for c in found {
        if !facts
            .conflicts
            .iter()
            .any(|x| x.claims == c.claims && x.note == c.note)
        {
            facts.conflicts.push(c);
        }
    }
}
