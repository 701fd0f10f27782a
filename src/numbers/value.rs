//! Exact decimal arithmetic for numerals: `m × 10^e` in an `i128`, with a
//! float fallback only when a value leaves that range or a power/fraction
//! makes it irrational. `4.78万亿` is `478 × 10^10`, never `4.78 * 1e12`.

/// A numeral's value while it is being read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum V {
    /// `m × 10^e`, normalised (no trailing zeros in `m` when `e < 0`).
    D(i128, i32),
    /// A float, once exactness is lost (powers, fractions, huge values).
    F(f64),
}

const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// 10^k for every `k` an `i128` holds (0..=38).
const POW10_I128: [i128; 39] = {
    let mut p = [1i128; 39];
    let mut k = 1;
    while k < 39 {
        p[k] = p[k - 1] * 10;
        k += 1;
    }
    p
};

fn shift(m: i128, k: i32) -> Option<i128> {
    if k == 0 {
        return Some(m);
    }
    if !(0..=38).contains(&k) {
        return None;
    }
    mul_i128(POW10_I128[k as usize], m)
}

/// `a * b`, unless it overflows; a plain multiplication when both fit in
/// 64 bits (128-bit overflow checks are slow).
#[inline]
fn mul_i128(a: i128, b: i128) -> Option<i128> {
    match (i64::try_from(a), i64::try_from(b)) {
        (Ok(x), Ok(y)) => Some(i128::from(x) * i128::from(y)),
        _ => a.checked_mul(b),
    }
}

fn norm(mut m: i128, mut e: i32) -> V {
    if m == 0 {
        return V::D(0, 0);
    }
    if e >= 0 {
        return V::D(m, e);
    }
    // The same loop in 64 bits where `m` fits: 128-bit division is slow.
    if let Ok(mut x) = i64::try_from(m) {
        while e < 0 && x % 10 == 0 {
            x /= 10;
            e += 1;
        }
        return V::D(i128::from(x), e);
    }
    while e < 0 && m % 10 == 0 {
        m /= 10;
        e += 1;
    }
    V::D(m, e)
}

impl V {
    pub(crate) const ZERO: V = V::D(0, 0);
    pub(crate) const ONE: V = V::D(1, 0);

    pub(crate) fn int(n: i128) -> V {
        V::D(n, 0)
    }

    pub(crate) fn pow10(e: i32) -> V {
        V::D(1, e)
    }

    pub(crate) fn dec(m: i128, e: i32) -> V {
        norm(m, e)
    }

    pub(crate) fn f(self) -> f64 {
        match self {
            V::F(x) => x,
            // The same rounding as from `i128`, through the cheaper `i64`.
            V::D(m, 0) if i64::try_from(m).is_ok() => m as i64 as f64,
            V::D(m, e) if e >= 0 => match shift(m, e) {
                Some(x) => i64::try_from(x).map_or(x as f64, |x| x as f64),
                None => m as f64 * 10f64.powi(e),
            },
            V::D(m, e) => {
                let d = (-e) as usize;
                if m.unsigned_abs() < (1u128 << 53) && d < POW10.len() {
                    m as i64 as f64 / POW10[d]
                } else {
                    format!("{m}e{e}").parse().unwrap_or(f64::NAN)
                }
            }
        }
    }

    pub(crate) fn is_zero(self) -> bool {
        match self {
            V::D(m, _) => m == 0,
            V::F(x) => x == 0.0,
        }
    }

    #[inline]
    pub(crate) fn add(self, o: V) -> V {
        // Integers, the common case, inline.
        if let (V::D(m1, 0), V::D(m2, 0)) = (self, o) {
            if let Some(s) = m1.checked_add(m2) {
                return V::D(s, 0);
            }
        }
        self.add_any(o)
    }

    fn add_any(self, o: V) -> V {
        if let (V::D(m1, e1), V::D(m2, e2)) = (self, o) {
            // Same exponent (integers): no shift.
            if e1 == e2 {
                if let Some(s) = m1.checked_add(m2) {
                    return norm(s, e1);
                }
                return V::F(self.f() + o.f());
            }
            let e = e1.min(e2);
            if let (Some(a), Some(b)) = (shift(m1, e1 - e), shift(m2, e2 - e)) {
                if let Some(s) = a.checked_add(b) {
                    return norm(s, e);
                }
            }
        }
        V::F(self.f() + o.f())
    }

    pub(crate) fn mul(self, o: V) -> V {
        if let (V::D(m1, e1), V::D(m2, e2)) = (self, o) {
            if let Some(m) = mul_i128(m1, m2) {
                return norm(m, e1 + e2);
            }
        }
        V::F(self.f() * o.f())
    }

    pub(crate) fn div(self, o: V) -> V {
        // Exact when the quotient terminates within a few digits.
        if let (V::D(m1, e1), V::D(m2, e2)) = (self, o) {
            if m2 != 0 {
                for k in 0..=12 {
                    if let Some(a) = shift(m1, k) {
                        if a % m2 == 0 {
                            return norm(a / m2, e1 - e2 - k);
                        }
                    }
                }
            }
        }
        V::F(self.f() / o.f())
    }

    pub(crate) fn neg(self) -> V {
        match self {
            V::D(m, e) => V::D(-m, e),
            V::F(x) => V::F(-x),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_products() {
        assert_eq!(V::dec(478, -2).mul(V::pow10(12)).f(), 4_780_000_000_000.0);
        assert_eq!(V::dec(15, -1).mul(V::pow10(4)).f(), 15000.0);
        assert_eq!(V::int(1).div(V::int(8)).f(), 0.125);
        assert_eq!(V::dec(55579, -3).f(), 55.579);
    }
}
