//! Quantities: what a number in running text measures, from the unit
//! written after it (or the currency sign before it).

use crate::model::QuantityKind;
use crate::numbers::NumberMatch;

/// A unit read around a number.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub kind: QuantityKind,
    pub unit: Option<&'static str>,
    /// Factor from the written value to the normalised one.
    pub mult: f64,
    /// Byte range of the whole quantity, unit and sign included.
    pub start: usize,
    pub end: usize,
}

use QuantityKind as K;

/// (written unit, kind, normalised unit, multiplier, Latin word?)
const AFTER: &[(&str, QuantityKind, &str, f64)] = &[
    ("gpu小时", K::GpuHours, "hours", 1.0),
    ("gpu·小时", K::GpuHours, "hours", 1.0),
    ("gpu-hours", K::GpuHours, "hours", 1.0),
    ("gpu hours", K::GpuHours, "hours", 1.0),
    ("gpu-hour", K::GpuHours, "hours", 1.0),
    ("gpu hour", K::GpuHours, "hours", 1.0),
    ("h800 gpu hours", K::GpuHours, "hours", 1.0),
    ("h100 gpu hours", K::GpuHours, "hours", 1.0),
    ("chip-hours", K::GpuHours, "hours", 1.0),
    ("chip hours", K::GpuHours, "hours", 1.0),
    ("tpu-hours", K::GpuHours, "hours", 1.0),
    ("卡时", K::GpuHours, "hours", 1.0),
    ("亿美元", K::Usd, "USD", 1e8),
    ("万美元", K::Usd, "USD", 1e4),
    ("美元", K::Usd, "USD", 1.0),
    ("美金", K::Usd, "USD", 1.0),
    ("usd", K::Usd, "USD", 1.0),
    ("dollars", K::Usd, "USD", 1.0),
    ("亿元", K::Cny, "CNY", 1e8),
    ("万元", K::Cny, "CNY", 1e4),
    ("元人民币", K::Cny, "CNY", 1.0),
    ("元", K::Cny, "CNY", 1.0),
    ("人民币", K::Cny, "CNY", 1.0),
    ("rmb", K::Cny, "CNY", 1.0),
    ("cny", K::Cny, "CNY", 1.0),
    ("yuan", K::Cny, "CNY", 1.0),
    ("个参数", K::Parameters, "parameters", 1.0),
    ("参数", K::Parameters, "parameters", 1.0),
    ("parameters", K::Parameters, "parameters", 1.0),
    ("parameter", K::Parameters, "parameters", 1.0),
    ("params", K::Parameters, "parameters", 1.0),
    ("个token", K::Tokens, "tokens", 1.0),
    ("tokens", K::Tokens, "tokens", 1.0),
    ("token", K::Tokens, "tokens", 1.0),
    ("个词元", K::Tokens, "tokens", 1.0),
    ("词元", K::Tokens, "tokens", 1.0),
    ("%", K::Percent, "%", 1.0),
    ("％", K::Percent, "%", 1.0),
    ("percent", K::Percent, "%", 1.0),
    ("per cent", K::Percent, "%", 1.0),
    ("个百分点", K::Percent, "pp", 1.0),
    ("个月", K::Duration, "months", 1.0),
    ("月", K::Date, "month", 1.0),
    ("日", K::Date, "day", 1.0),
    ("号", K::Date, "day", 1.0),
    ("天", K::Duration, "days", 1.0),
    ("days", K::Duration, "days", 1.0),
    ("day", K::Duration, "days", 1.0),
    ("周", K::Duration, "weeks", 1.0),
    ("weeks", K::Duration, "weeks", 1.0),
    ("week", K::Duration, "weeks", 1.0),
    ("小时", K::Duration, "hours", 1.0),
    ("hours", K::Duration, "hours", 1.0),
    ("hour", K::Duration, "hours", 1.0),
    ("分钟", K::Duration, "minutes", 1.0),
    ("minutes", K::Duration, "minutes", 1.0),
    ("秒", K::Duration, "seconds", 1.0),
    ("seconds", K::Duration, "seconds", 1.0),
    ("months", K::Duration, "months", 1.0),
    ("month", K::Duration, "months", 1.0),
    ("年", K::Duration, "years", 1.0),
    ("years", K::Duration, "years", 1.0),
    ("year", K::Duration, "years", 1.0),
    ("兆瓦", K::Power, "MW", 1.0),
    ("千瓦", K::Power, "MW", 1e-3),
    ("吉瓦", K::Power, "MW", 1e3),
    ("gw", K::Power, "MW", 1e3),
    ("mw", K::Power, "MW", 1.0),
    ("kw", K::Power, "MW", 1e-3),
    ("gigawatts", K::Power, "MW", 1e3),
    ("gigawatt", K::Power, "MW", 1e3),
    ("megawatts", K::Power, "MW", 1.0),
    ("megawatt", K::Power, "MW", 1.0),
    ("pb", K::Memory, "GB", 1e6),
    ("tb", K::Memory, "GB", 1e3),
    ("gb", K::Memory, "GB", 1.0),
    ("gib", K::Memory, "GB", 1.073741824),
    ("mb", K::Memory, "GB", 1e-3),
    ("倍", K::Ratio, "x", 1.0),
    ("times", K::Ratio, "x", 1.0),
    ("fold", K::Ratio, "x", 1.0),
    ("x", K::Ratio, "x", 1.0),
    ("×", K::Ratio, "x", 1.0),
    ("exaflops", K::Flops, "FLOPS", 1e18),
    ("petaflops", K::Flops, "FLOPS", 1e15),
    ("eflops", K::Flops, "FLOPS", 1e18),
    ("pflops", K::Flops, "FLOPS", 1e15),
    ("tflops", K::Flops, "FLOPS", 1e12),
    ("flops", K::Flops, "FLOPS", 1.0),
    ("flop", K::Flops, "FLOPS", 1.0),
    ("nodes", K::Count, "nodes", 1.0),
    ("node", K::Count, "nodes", 1.0),
    ("个节点", K::Count, "nodes", 1.0),
    ("节点", K::Count, "nodes", 1.0),
    ("servers", K::Count, "servers", 1.0),
    ("server", K::Count, "servers", 1.0),
    ("台服务器", K::Count, "servers", 1.0),
    ("服务器", K::Count, "servers", 1.0),
    ("racks", K::Count, "racks", 1.0),
    ("rack", K::Count, "racks", 1.0),
    ("个机柜", K::Count, "racks", 1.0),
    ("机柜", K::Count, "racks", 1.0),
    ("机架", K::Count, "racks", 1.0),
    ("pods", K::Count, "pods", 1.0),
    ("pod", K::Count, "pods", 1.0),
    ("superpods", K::Count, "pods", 1.0),
    ("cores", K::Count, "cores", 1.0),
    ("核", K::Count, "cores", 1.0),
    ("次", K::Count, "times", 1.0),
    ("层", K::Count, "layers", 1.0),
    ("layers", K::Count, "layers", 1.0),
    ("languages", K::Count, "languages", 1.0),
    ("种语言", K::Count, "languages", 1.0),
    ("名", K::Count, "people", 1.0),
    ("人", K::Count, "people", 1.0),
    ("people", K::Count, "people", 1.0),
    ("employees", K::Count, "people", 1.0),
    ("家", K::Count, "companies", 1.0),
    ("companies", K::Count, "companies", 1.0),
    ("起", K::Count, "events", 1.0),
    ("项", K::Count, "items", 1.0),
    ("座", K::Count, "sites", 1.0),
    ("个数据中心", K::Count, "sites", 1.0),
    ("data centers", K::Count, "sites", 1.0),
    ("data centres", K::Count, "sites", 1.0),
    ("clusters", K::Count, "clusters", 1.0),
    ("个集群", K::Count, "clusters", 1.0),
];

const BEFORE: &[(&str, QuantityKind, &str)] = &[
    ("us$", K::Usd, "USD"),
    ("usd", K::Usd, "USD"),
    ("$", K::Usd, "USD"),
    ("＄", K::Usd, "USD"),
    ("￥", K::Cny, "CNY"),
    ("¥", K::Cny, "CNY"),
    ("rmb", K::Cny, "CNY"),
];

fn starts_with_ci(hay: &str, needle: &str) -> bool {
    hay.len() >= needle.len()
        && hay.is_char_boundary(needle.len())
        && hay[..needle.len()].eq_ignore_ascii_case(needle)
}

/// Skips plain spaces (at most a few).
pub fn skip_spaces(text: &str, mut i: usize) -> usize {
    while let Some(c) = text[i..].chars().next() {
        if c == ' ' || c == '\u{00A0}' || c == '\u{2009}' || c == '\u{202F}' || c == '\t' {
            i += c.len_utf8();
        } else {
            break;
        }
    }
    i
}

/// The bucket of [`after_index`] for a text or unit starting with bytes
/// `b0`, `b1`: its lower-cased first byte when ASCII (units match ASCII
/// case-insensitively), else its first two bytes, which a unit must share
/// exactly (most Chinese units start with the same few lead bytes).
fn after_key(b0: u8, b1: u8) -> usize {
    if b0.is_ascii() {
        usize::from(b0.to_ascii_lowercase())
    } else {
        128 + (usize::from(b0 & 0x3F) << 6 | usize::from(b1 & 0x3F))
    }
}

/// For each [`after_key`], the indices of the `AFTER` units that may start
/// there, in table order (the first that fits wins).
fn after_index() -> &'static [Vec<u8>] {
    static INDEX: std::sync::OnceLock<Vec<Vec<u8>>> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index: Vec<Vec<u8>> = vec![Vec::new(); 128 + 64 * 64];
        for (k, (w, ..)) in AFTER.iter().enumerate() {
            let k = u8::try_from(k).expect("AFTER has at most 256 units");
            let b = w.as_bytes();
            index[after_key(b[0], b.get(1).copied().unwrap_or(0))].push(k);
        }
        index
    })
}

/// The unit written right after `end`, if any: (kind, unit, mult, unit end).
pub fn unit_after(text: &str, end: usize) -> Option<(QuantityKind, &'static str, f64, usize)> {
    let i = skip_spaces(text, end);
    let rest = &text[i..];
    let b = rest.as_bytes();
    let key = after_key(*b.first()?, b.get(1).copied().unwrap_or(0));
    for &k in &after_index()[key] {
        let (w, kind, unit, mult) = AFTER[k as usize];
        if starts_with_ci(rest, w) {
            let e = i + w.len();
            // Latin units end on a word boundary.
            if w.as_bytes()[w.len() - 1].is_ascii_alphabetic()
                && text.as_bytes()[e..]
                    .first()
                    .is_some_and(|b| b.is_ascii_alphanumeric())
            {
                continue;
            }
            // A bare `x`/`times` must follow the number directly or after one space.
            return Some((kind, unit, mult, e));
        }
    }
    None
}

fn is_year(n: &NumberMatch, text: &str) -> bool {
    let s = &text[n.number_span.clone()];
    s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) && (1900.0..=2100.0).contains(&n.value)
}

/// Classifies a number that is not an accelerator count.
pub fn classify(text: &str, n: &NumberMatch) -> Unit {
    let mut start = n.span.start;
    if n.percent {
        return Unit {
            kind: K::Percent,
            unit: Some("%"),
            mult: 1.0,
            start,
            end: n.span.end,
        };
    }
    if n.fraction {
        return Unit {
            kind: K::Ratio,
            unit: None,
            mult: 1.0,
            start,
            end: n.span.end,
        };
    }
    // A currency sign inside the span, between hedge and number
    // (`about $2 billion`, `约¥3000`).
    let inner = text.get(n.span.start..n.number_span.start).unwrap_or("");
    let inner = inner.to_ascii_lowercase();
    for &(w, kind, unit) in BEFORE {
        if inner.trim_end().ends_with(w) {
            let (end, mult) = match unit_after(text, n.span.end) {
                Some((_, _, m, e))
                    if m >= 1.0 && !matches!(text[n.span.end..e].trim(), "x" | "倍") =>
                {
                    (e, m)
                }
                _ => (n.span.end, 1.0),
            };
            return Unit {
                kind,
                unit: Some(unit),
                mult,
                start,
                end,
            };
        }
    }
    // A currency sign before the number.
    let head = &text[..n.span.start];
    let trimmed = head.trim_end_matches([' ', '\u{00A0}']);
    for &(w, kind, unit) in BEFORE {
        if trimmed.len() >= w.len()
            && trimmed.is_char_boundary(trimmed.len() - w.len())
            && trimmed[trimmed.len() - w.len()..].eq_ignore_ascii_case(w)
        {
            start = trimmed.len() - w.len();
            let (end, mult) = match unit_after(text, n.span.end) {
                Some((_, _, m, e))
                    if m >= 1.0 && !matches!(text[n.span.end..e].trim(), "x" | "倍") =>
                {
                    (e, m)
                }
                _ => (n.span.end, 1.0),
            };
            return Unit {
                kind,
                unit: Some(unit),
                mult,
                start,
                end,
            };
        }
    }
    // `130兆瓦` is 130 MW, not 130 × 10^12 watts.
    if text[n.number_span.clone()].ends_with('兆') && text[n.span.end..].starts_with('瓦') {
        let mult = if n.value >= 1e12 { 1e-12 } else { 1.0 };
        return Unit {
            kind: K::Power,
            unit: Some("MW"),
            mult,
            start,
            end: n.span.end + '瓦'.len_utf8(),
        };
    }
    let year = is_year(n, text);
    if let Some((kind, unit, mult, end)) = unit_after(text, n.span.end) {
        let kind = match (kind, unit) {
            (K::Duration, "years") if year => K::Date,
            (K::Date, _) if n.value > 31.0 => K::Number,
            _ => kind,
        };
        return Unit {
            kind,
            unit: Some(unit),
            mult,
            start,
            end,
        };
    }
    // `671B`, `13.2T`: a magnitude letter right after the digits.
    if let Some(c) = text[n.span.end..].chars().next() {
        let after = &text[n.span.end + c.len_utf8()..];
        let boundary = !after
            .as_bytes()
            .first()
            .is_some_and(|b| b.is_ascii_alphabetic());
        if matches!(c, 'B' | 'T' | 'M') && boundary {
            let mult = match c {
                'B' => 1e9,
                'T' => 1e12,
                _ => 1e6,
            };
            let next = after.trim_start();
            let near: String = next.chars().take(8).collect();
            let kind = if starts_with_ci(next, "token")
                || near.contains("数据")
                || near.contains("词元")
                || near.contains("token")
            {
                K::Tokens
            } else {
                K::Parameters
            };
            let unit = if kind == K::Tokens {
                "tokens"
            } else {
                "parameters"
            };
            return Unit {
                kind,
                unit: Some(unit),
                mult,
                start,
                end: n.span.end + 1,
            };
        }
    }
    // The grammar read `671B` as 671e9: a model size unless tokens follow.
    let num = &text[n.number_span.clone()];
    if num.ends_with(['B', 'T']) && num.as_bytes().first().is_some_and(|b| b.is_ascii_digit()) {
        let near: String = text[n.span.end..].chars().take(8).collect();
        let tokens = near.to_ascii_lowercase().contains("token")
            || near.contains("数据")
            || near.contains("词元");
        let (kind, unit) = if tokens {
            (K::Tokens, "tokens")
        } else {
            (K::Parameters, "parameters")
        };
        return Unit {
            kind,
            unit: Some(unit),
            mult: 1.0,
            start,
            end: n.span.end,
        };
    }
    if year {
        return Unit {
            kind: K::Date,
            unit: None,
            mult: 1.0,
            start,
            end: n.span.end,
        };
    }
    Unit {
        kind: K::Number,
        unit: None,
        mult: 1.0,
        start,
        end: n.span.end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nm(text: &str, num: &str, value: f64) -> NumberMatch {
        let s = text.find(num).unwrap();
        NumberMatch {
            span: s..s + num.len(),
            number_span: s..s + num.len(),
            value,
            value_max: None,
            approx: false,
            hedge: None,
            percent: false,
            fraction: false,
        }
    }

    #[test]
    fn units() {
        let t = "总成本约为557.6万美元,约5000 GPU小时,130MW,两倍,2024年,54天,671B,$5.5 billion,13.2T高质量数据";
        let c = |num: &str, v: f64| classify(t, &nm(t, num, v));
        let u = c("557.6万", 5_576_000.0);
        assert_eq!((u.kind, u.mult), (K::Usd, 1.0));
        assert_eq!(&t[u.start..u.end], "557.6万美元");
        assert_eq!(c("5000", 5000.0).kind, K::GpuHours);
        assert_eq!(c("130", 130.0).kind, K::Power);
        assert_eq!(c("两", 2.0).kind, K::Ratio);
        assert_eq!(c("2024", 2024.0).kind, K::Date);
        assert_eq!(c("54", 54.0).kind, K::Duration);
        let p = c("671", 671.0);
        assert_eq!((p.kind, p.mult), (K::Parameters, 1e9));
        let d = c("5.5 billion", 5.5e9);
        assert_eq!((d.kind, &t[d.start..d.end]), (K::Usd, "$5.5 billion"));
        assert_eq!(c("13.2", 13.2).kind, K::Tokens);
        let t2 = "about $2 billion";
        let n2 = NumberMatch {
            span: 0..t2.len(),
            number_span: 7..t2.len(),
            ..nm(t2, "2 billion", 2e9)
        };
        assert_eq!(classify(t2, &n2).kind, K::Usd);
    }
}
