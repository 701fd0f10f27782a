//! Chinese numerals, with Arabic digits mixed in: `三万四千五百六十七`,
//! `一万零四十`, `两千三百五` (elided last unit), `壹萬零肆拾`, `四万万`,
//! `4.78万亿`, `5万4千`, `7 万5 千4 百`, `一千多万`, `两千万点五五四四`.
//!
//! One left-to-right pass over tokens with the classic section
//! accumulator: small units (十百千) build a section, big units (万亿兆)
//! close it. A big unit larger than every one before multiplies all that
//! came before (`一万五千亿` = 1.5e12); one right after another big unit
//! stacks (`万亿` = 1e12, `四万万` = 4e8). A digit right after a unit, with
//! no 零 between, carries a tenth of that unit (`一万三` = 13000,
//! `百二` = 120). Single ASCII spaces between tokens are allowed where a
//! unit is involved (`一百 五 十 二`, `1000  万`).

use super::arabic::{self, char_at, Arabic};
use super::chars::{digit, zh, Zh};
use super::value::V;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Last {
    Start,
    Digit,
    Zero,
    Small,
    Big,
}

#[derive(Debug, Clone, Copy)]
enum Tok {
    /// A value token: a Chinese digit (single) or an Arabic numeral.
    Val(V, bool, Option<Arabic>, Option<u32>),
    Zero,
    Small(i32),
    Tens(u32),
    Big(i32),
    Placeholder,
    Point,
}

fn tok_at(t: &str, p: usize) -> Option<(Tok, usize)> {
    let c = char_at(t, p)?;
    if digit(c).is_some() || (c == '.' || c == '．') {
        let a = arabic::read(t, p)?;
        return Some((Tok::Val(a.v, a.single, Some(a), None), a.end));
    }
    let z = zh(c)?;
    let end = p + c.len_utf8();
    Some((
        match z {
            Zh::Digit(d) => Tok::Val(V::int(d as i128), true, None, Some(d)),
            Zh::Liang => Tok::Val(V::int(2), true, None, Some(20)),
            Zh::Zero => Tok::Zero,
            Zh::Small(e) => Tok::Small(e),
            Zh::Tens(n) => Tok::Tens(n),
            Zh::Big(e) => Tok::Big(e),
            Zh::Placeholder => Tok::Placeholder,
            Zh::Point => Tok::Point,
        },
        end,
    ))
}

/// The result of reading one Chinese/mixed numeral.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Core {
    pub end: usize,
    pub v: V,
    /// The numeral is one Arabic token and nothing else.
    pub arabic: Option<Arabic>,
    /// Any unit (十百千万亿).
    pub units: bool,
    /// `[value][units…]` only (`2万`, `2.5万亿`, `三千`): the product of the
    /// units, to distribute over the low end of a range (`1-2万`).
    pub scale: Option<V>,
    /// Span of an inner 多/余/几 (`一千多万`), and whether it opened the
    /// numeral (`几十万`: a magnitude).
    pub placeholder: Option<(usize, usize, bool)>,
    /// No digit at all, only units (`万`, `百万`, `万亿`).
    pub bare: bool,
    /// Two adjacent digits before a unit (`三四万`): an approximate range;
    /// read again with `hi` for the upper end.
    pub pair: bool,
    /// Tokens read.
    pub ntok: u32,
}

impl Core {
    /// A numeral without units, inner placeholder or pair: digits only.
    fn plain(end: usize, v: V, arabic: Option<Arabic>, ntok: u32) -> Core {
        Core {
            end,
            v,
            arabic,
            units: false,
            scale: None,
            placeholder: None,
            bare: false,
            pair: false,
            ntok,
        }
    }
}

struct St {
    total: V,
    section: V,
    pending: Option<(V, bool)>,
    /// Power of ten the pending digit carries when it follows a unit.
    elide: Option<i32>,
    last_small: i32,
    last_big: i32,
    last_unit: i32,
    last: Last,
    any_digit: bool,
}

impl St {
    fn pending_value(&self) -> V {
        match self.pending {
            Some((v, _)) => match self.elide {
                Some(e) if e > 0 => v.mul(V::pow10(e)),
                _ => v,
            },
            None => V::ZERO,
        }
    }
    fn value(&self) -> V {
        self.total.add(self.section).add(self.pending_value())
    }
}

fn skip_spaces(t: &str, mut p: usize) -> usize {
    let b = t.as_bytes();
    while p < b.len() && b[p] == b' ' {
        p += 1;
    }
    p
}

fn is_unit(tok: &Tok) -> bool {
    matches!(tok, Tok::Small(_) | Tok::Big(_) | Tok::Tens(_))
}

/// Reads a numeral at `i`. `hi` picks the upper digit of a pair (`三四万`).
pub(crate) fn read(t: &str, i: usize, hi: bool) -> Option<Core> {
    let mut st = St {
        total: V::ZERO,
        section: V::ZERO,
        pending: None,
        elide: None,
        last_small: 99,
        last_big: 0,
        last_unit: 0,
        last: Last::Start,
        any_digit: false,
    };
    // An Arabic numeral that no Chinese unit follows (`2048`, `4.35`), the
    // common case: the loop below would stop at the token after it.
    let first = char_at(t, i)?;
    if digit(first).is_some() || first == '.' || first == '．' {
        let a = arabic::read(t, i)?;
        let next = char_at(t, skip_spaces(t, a.end)).and_then(zh);
        let unit = matches!(
            next,
            Some(Zh::Small(_) | Zh::Big(_) | Zh::Tens(_) | Zh::Placeholder | Zh::Point)
        );
        if !unit {
            return Some(Core::plain(a.end, V::ZERO.add(a.v), Some(a), 1));
        }
    }
    // A lone Chinese digit before no numeral character (`三年`, `一家`):
    // the loop below would stop at the token after it as well.
    let digit_value = match zh(first) {
        Some(Zh::Digit(d)) => Some(d),
        Some(Zh::Liang) => Some(2),
        _ => None,
    };
    if let Some(d) = digit_value {
        let end = i + first.len_utf8();
        if char_at(t, skip_spaces(t, end)).and_then(zh).is_none() {
            return Some(Core::plain(end, V::int(d as i128), None, 1));
        }
    }
    let mut end = i;
    let mut ntok = 0u32;
    let mut has_zh = false;
    let mut arabic_only: Option<Arabic> = None;
    let mut units = false;
    let mut scale: Option<V> = None;
    let mut scale_ok = true;
    let mut placeholder = None;
    let mut pair = false;
    let mut pending_digit: Option<u32> = None;
    // The pending digit came right after a big unit: it opens a new
    // section (5亿1万), and is elided only if it ends the numeral (一万三).
    let mut elide_big = false;

    // Positional digits: 二〇二四 = 2024 (no units anywhere).
    if let Some(c) = char_at(t, i) {
        if matches!(zh(c), Some(Zh::Digit(_) | Zh::Zero)) {
            let mut p = i;
            let mut m: i128 = 0;
            let mut n = 0;
            while let Some(c) = char_at(t, p) {
                match zh(c) {
                    Some(Zh::Digit(d)) if n < 30 => m = m * 10 + d as i128,
                    Some(Zh::Zero) if n < 30 => m *= 10,
                    _ => break,
                }
                n += 1;
                p += c.len_utf8();
            }
            let next = char_at(t, p).and_then(zh);
            let continues = matches!(
                next,
                Some(
                    Zh::Small(_)
                        | Zh::Big(_)
                        | Zh::Tens(_)
                        | Zh::Placeholder
                        | Zh::Point
                        | Zh::Liang
                )
            );
            if n >= 2 && !continues {
                return Some(Core::plain(p, V::int(m), None, n));
            }
        }
    }

    loop {
        let mut q = end;
        let mut spaced = false;
        if ntok > 0 {
            let s = skip_spaces(t, end);
            if s > end {
                spaced = true;
                q = s;
            }
        }
        let Some((tok, tend)) = tok_at(t, q) else {
            break;
        };
        let is_arabic = matches!(tok, Tok::Val(_, _, Some(_), _));
        if spaced {
            // Across spaces: a unit may follow anything; a value only a unit.
            let ok = match tok {
                Tok::Small(_) | Tok::Big(_) | Tok::Tens(_) | Tok::Placeholder | Tok::Point => true,
                Tok::Val(..) | Tok::Zero => matches!(st.last, Last::Small | Last::Big),
            };
            if !ok {
                break;
            }
            // Arabic after a space only directly after a Chinese unit: 7万 5千.
            if is_arabic && !has_zh {
                break;
            }
        }
        match tok {
            Tok::Val(v, single, ar, zd) => {
                if st.pending.is_some() {
                    // 三四万, 一两千, 七八十: two neighbouring digits before a unit.
                    let (Some(d1), Some(d2)) = (pending_digit, zd) else {
                        break;
                    };
                    let d2v = if d2 == 20 { 2 } else { d2 };
                    let d1v = if d1 == 20 { 2 } else { d1 };
                    if d2v != d1v + 1 || pair {
                        break;
                    }
                    let after = tok_at(t, tend).map(|x| x.0);
                    if !after.as_ref().is_some_and(is_unit) {
                        break;
                    }
                    pair = true;
                    if hi {
                        st.pending = Some((v, single));
                    }
                    end = tend;
                    ntok += 1;
                    has_zh = true;
                    continue;
                }
                elide_big = st.last == Last::Big;
                if matches!(st.last, Last::Small | Last::Big) && single {
                    st.elide = Some(st.last_unit - 1);
                } else {
                    st.elide = None;
                }
                if st.last != Last::Start {
                    scale_ok = false;
                }
                st.pending = Some((v, single));
                pending_digit = zd;
                st.any_digit = true;
                st.last = Last::Digit;
                if ar.is_none() {
                    has_zh = true;
                }
                if ntok == 0 {
                    arabic_only = ar;
                } else {
                    arabic_only = None;
                }
            }
            Tok::Zero => {
                if st.pending.is_some() {
                    break;
                }
                st.elide = None;
                st.last = Last::Zero;
                st.any_digit = true;
                has_zh = true;
                scale_ok = false;
                arabic_only = None;
            }
            Tok::Small(e) => {
                let mult = if st.pending.is_some() {
                    st.elide = None;
                    st.pending_value()
                } else if st.last == Last::Start || st.last == Last::Zero {
                    V::ONE
                } else {
                    break;
                };
                if st.last_small != 99 && e >= st.last_small {
                    break;
                }
                st.section = st.section.add(mult.mul(V::pow10(e)));
                st.last_small = e;
                st.last_unit = e;
                st.pending = None;
                pending_digit = None;
                st.last = Last::Small;
                units = true;
                has_zh = true;
                arabic_only = None;
                if scale_ok {
                    scale = Some(scale.unwrap_or(V::ONE).mul(V::pow10(e)));
                }
            }
            Tok::Tens(n) => {
                if st.pending.is_some() || (st.last_small != 99 && 1 >= st.last_small) {
                    break;
                }
                st.section = st.section.add(V::int(n as i128 * 10));
                st.last_small = 1;
                st.last_unit = 1;
                st.last = Last::Small;
                st.any_digit = true;
                units = true;
                has_zh = true;
                arabic_only = None;
                scale_ok = false;
                scale = None;
            }
            Tok::Big(b) => {
                if elide_big {
                    st.elide = None;
                }
                let empty = st.pending.is_none() && st.section.is_zero() && st.last != Last::Zero;
                if empty {
                    if st.last == Last::Big {
                        st.total = st.total.mul(V::pow10(b));
                        st.last_big += b;
                    } else if st.last == Last::Start {
                        st.total = V::pow10(b);
                        st.last_big = b;
                    } else {
                        break;
                    }
                } else {
                    let cur = st.section.add(st.pending_value());
                    if st.last_big == 0 || b > st.last_big {
                        st.total = st.total.add(cur).mul(V::pow10(b));
                        st.last_big = b;
                    } else if b < st.last_big {
                        st.total = st.total.add(cur.mul(V::pow10(b)));
                        st.last_big = b;
                    } else {
                        break;
                    }
                }
                st.section = V::ZERO;
                st.pending = None;
                pending_digit = None;
                st.elide = None;
                st.last_small = 99;
                st.last_unit = b;
                st.last = Last::Big;
                units = true;
                has_zh = true;
                arabic_only = None;
                if scale_ok {
                    scale = Some(scale.unwrap_or(V::ONE).mul(V::pow10(b)));
                }
            }
            Tok::Placeholder => {
                // Only before a unit: 二十几万, 十 余 万, 几十万.
                let s = skip_spaces(t, tend);
                let after = tok_at(t, s).map(|x| x.0);
                if !after.as_ref().is_some_and(is_unit) {
                    break;
                }
                if st.pending.is_some() {
                    // 500余万: the placeholder follows a whole number.
                    placeholder = Some((q, tend, false));
                    end = tend;
                    ntok += 1;
                    has_zh = true;
                    arabic_only = None;
                    scale_ok = false;
                    continue;
                }
                let is_ji = matches!(char_at(t, q), Some('几' | '幾'));
                if st.last == Last::Start {
                    if !is_ji {
                        break;
                    }
                    st.pending = Some((V::ONE, true));
                    placeholder = Some((q, tend, true));
                } else {
                    st.pending = Some((V::ZERO, true));
                    placeholder = Some((q, tend, false));
                }
                st.elide = None;
                st.last = Last::Digit;
                has_zh = true;
                arabic_only = None;
                scale_ok = false;
            }
            Tok::Point => {
                // 点 needs a decimal digit after it (not 两: 一点两小时).
                let s = skip_spaces(t, tend);
                let Some((fm, k, fend)) = zh_fraction(t, s) else {
                    break;
                };
                if st.pending.is_none()
                    && st.last != Last::Zero
                    && st.last != Last::Big
                    && st.last != Last::Small
                {
                    break;
                }
                let int = st.value();
                let v = int.add(V::dec(fm, -k));
                has_zh = true;
                arabic_only = None;
                end = fend;
                ntok += 1;
                if !units {
                    // 一点五万: the decimal goes on to take units.
                    st.total = V::ZERO;
                    st.section = V::ZERO;
                    st.pending = Some((v, false));
                    st.elide = None;
                    st.last = Last::Digit;
                    scale_ok = true;
                    continue;
                }
                st.total = v;
                st.section = V::ZERO;
                st.pending = None;
                break;
            }
        }
        end = tend;
        ntok += 1;
        // An Arabic numeral with a point may take units but not more digits.
    }
    if ntok == 0 {
        return None;
    }
    if !scale_ok || !units {
        scale = None;
    }
    let bare = !st.any_digit;
    Some(Core {
        end,
        v: st.value(),
        arabic: arabic_only,
        units,
        scale,
        placeholder,
        bare,
        pair,
        ntok,
    })
}

/// Decimal digits after 点: Chinese digits (not 两) or an Arabic run.
fn zh_fraction(t: &str, p: usize) -> Option<(i128, i32, usize)> {
    let c = char_at(t, p)?;
    if digit(c).is_some() {
        let (m, _, n, e) = arabic::digit_run(t, p);
        return Some((m, n as i32, e));
    }
    let mut m: i128 = 0;
    let mut k = 0i32;
    let mut q = p;
    while let Some(c) = char_at(t, q) {
        let d = match zh(c) {
            Some(Zh::Digit(d)) => d,
            Some(Zh::Zero) => 0,
            _ => break,
        };
        if k < 30 {
            m = m * 10 + d as i128;
            k += 1;
        }
        q += c.len_utf8();
    }
    (k > 0).then_some((m, k, q))
}
