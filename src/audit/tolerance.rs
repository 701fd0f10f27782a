//! How close a claimed figure must be to a recorded one.
//!
//! A figure is compared at the precision it states (docs/verdicts.md):
//! "约2000" and "2,000" stand for anything that rounds to 2,000 — within
//! half a unit of their last significant digit, but never more than
//! [`Tolerance::max_relative`] of the value — while "2,048" must match
//! exactly. Bounds (超过 / over, 近 / nearly) open the interval on one side by
//! one unit of the stated precision; orders of magnitude (百万级, 数千) accept
//! anything in that magnitude.

use crate::dataset::Fact;
use crate::model::Claim;

/// The audit's tolerance rules. `Default` is what `factbrief check` uses.
#[derive(Debug, Clone, PartialEq)]
pub struct Tolerance {
    /// Largest relative difference a hedged or round figure may have
    /// (0.10: "约20万" accepts 180,000–220,000, not 150,000).
    pub max_relative: f64,
    /// Trailing zeros that make an unhedged figure round: with 2, "2,000"
    /// and "200" are round (compared at their precision), "2,048" and "50"
    /// are exact.
    pub round_zeros: u32,
    /// Factor by which a ratio claim ("百倍", "10x") may differ from the
    /// ratio of the article's own counts (1.5: "100x" accepts 67x–150x).
    pub ratio_factor: f64,
}

impl Default for Tolerance {
    fn default() -> Self {
        Tolerance {
            max_relative: 0.10,
            round_zeros: 2,
            ratio_factor: 1.5,
        }
    }
}

/// Which way a hedge bounds a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// 约 about around ~ — or no hedge at all.
    Around,
    /// 超过 逾 余 多 以上 over more than at least: a lower bound.
    AtLeast,
    /// 近 将近 不到 nearly almost up to under: an upper bound.
    AtMost,
    /// 百万级 数千 上万 thousands of: only the order of magnitude.
    Magnitude,
}

impl Bound {
    /// Classifies a hedge as written.
    pub fn of_hedge(hedge: Option<&str>) -> Bound {
        let Some(h) = hedge else { return Bound::Around };
        let l = h.trim().to_lowercase();
        let has = |words: &[&str]| words.iter().any(|w| l.contains(w));
        if has(&[
            "差不多",
            "左右",
            "大约",
            "约",
            "about",
            "around",
            "approx",
            "roughly",
            "some",
            "~",
            "～",
        ]) {
            return Bound::Around;
        }
        if has(&[
            "级",
            "数",
            "几",
            "上万",
            "近万",
            "thousands of",
            "millions of",
            "hundreds of",
            "tens of",
        ]) {
            return Bound::Magnitude;
        }
        if has(&[
            "将近",
            "接近",
            "近",
            "不到",
            "不足",
            "最多",
            "至多",
            "nearly",
            "almost",
            "up to",
            "under",
            "less than",
            "fewer than",
            "at most",
        ]) {
            return Bound::AtMost;
        }
        if has(&[
            "超过",
            "超",
            "逾",
            "余",
            "多",
            "以上",
            "至少",
            "不少于",
            "过",
            "over",
            "more than",
            "above",
            "at least",
            "upwards of",
            "+",
        ]) {
            return Bound::AtLeast;
        }
        Bound::Around
    }
}

/// A figure with the interval it stands for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Figure {
    pub value: f64,
    pub max: Option<f64>,
    /// Place value of the last significant digit (2,000 → 1,000; 2,048 → 1).
    pub unit: f64,
    /// Compared at its stated precision (hedged or round) rather than exactly.
    pub loose: bool,
    pub bound: Bound,
}

/// Place value of the last non-zero digit of an integer-valued figure.
pub fn unit_of(value: f64) -> f64 {
    if value <= 0.0 || value.fract() != 0.0 || value >= 1e18 {
        return 1.0;
    }
    let mut n = value as u64;
    let mut unit = 1.0;
    while n >= 10 && n.is_multiple_of(10) {
        n /= 10;
        unit *= 10.0;
    }
    unit
}

impl Figure {
    pub fn of_claim(c: &Claim, tol: &Tolerance) -> Figure {
        let value = c.count as f64;
        let unit = unit_of(value);
        let round = unit >= 10f64.powi(tol.round_zeros as i32);
        Figure {
            value,
            max: c.count_max.map(|m| m as f64),
            unit,
            loose: c.approx || round || c.count_max.is_some(),
            bound: Bound::of_hedge(c.hedge.as_deref()),
        }
    }

    /// A recorded figure is loose only when its source hedges it.
    pub fn of_fact(f: &Fact) -> Option<Figure> {
        let value = f.value.as_number()?;
        Some(Figure {
            value,
            max: f.value_max,
            unit: unit_of(value),
            loose: f.approx,
            bound: Bound::Around,
        })
    }

    /// Half a unit of the stated precision, capped at `max_relative`.
    fn slack(&self, tol: &Tolerance) -> f64 {
        if !self.loose {
            return 0.0;
        }
        (self.unit / 2.0).min(tol.max_relative * self.value)
    }

    /// The closed interval of values this figure accepts.
    pub fn interval(&self, tol: &Tolerance) -> (f64, f64) {
        let hi = self.max.unwrap_or(self.value).max(self.value);
        let s = self.slack(tol);
        let step = self.unit.max(tol.max_relative * self.value);
        match self.bound {
            Bound::Around => (self.value - s, hi + s),
            Bound::AtLeast => (self.value - s, hi + step),
            Bound::AtMost => (self.value - step, hi + s),
            Bound::Magnitude => (self.value * 0.5, hi * 10.0),
        }
    }

    /// Do the two figures' intervals overlap?
    pub fn agrees(&self, other: &Figure, tol: &Tolerance) -> bool {
        let (a0, a1) = self.interval(tol);
        let (b0, b1) = other.interval(tol);
        // A hair of float slack so that 2,000 vs 2,200 at the 10% edge passes.
        let eps = 1e-9 * a1.abs().max(b1.abs()).max(1.0);
        a0 <= b1 + eps && b0 <= a1 + eps
    }
}

/// Do two claims' counts agree (for conflicts within and across articles)?
pub fn claims_agree(a: &Claim, b: &Claim, tol: &Tolerance) -> bool {
    Figure::of_claim(a, tol).agrees(&Figure::of_claim(b, tol), tol)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fig(value: f64, loose: bool, bound: Bound) -> Figure {
        Figure {
            value,
            max: None,
            unit: unit_of(value),
            loose,
            bound,
        }
    }

    #[test]
    fn units() {
        assert_eq!(unit_of(2000.0), 1000.0);
        assert_eq!(unit_of(2048.0), 1.0);
        assert_eq!(unit_of(200000.0), 100000.0);
        assert_eq!(unit_of(16000.0), 1000.0);
    }

    #[test]
    fn hedges() {
        assert_eq!(Bound::of_hedge(Some("约")), Bound::Around);
        assert_eq!(Bound::of_hedge(Some("超过")), Bound::AtLeast);
        assert_eq!(Bound::of_hedge(Some("近")), Bound::AtMost);
        assert_eq!(Bound::of_hedge(Some("百万级")), Bound::Magnitude);
        assert_eq!(Bound::of_hedge(Some("more than")), Bound::AtLeast);
        assert_eq!(Bound::of_hedge(None), Bound::Around);
    }

    #[test]
    fn precision_edges() {
        let t = Tolerance::default();
        let exact = |v| fig(v, false, Bound::Around);
        assert!(fig(2000.0, true, Bound::Around).agrees(&exact(2048.0), &t));
        assert!(!fig(200000.0, true, Bound::Around).agrees(&exact(150000.0), &t));
        assert!(!exact(2048.0).agrees(&exact(2000.0), &t));
        assert!(fig(100000.0, true, Bound::AtLeast).agrees(&exact(150000.0), &t));
        assert!(!fig(100000.0, true, Bound::AtMost).agrees(&exact(150000.0), &t));
        assert!(fig(1000000.0, true, Bound::Magnitude).agrees(&exact(1000000.0), &t));
    }
}
