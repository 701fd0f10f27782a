//! Numbers and labels written the way each language writes them:
//! `200,000` in English, `20万` in Chinese.

use crate::model::VerdictStatus;

/// `200000` → `200,000`.
pub fn number_en(v: f64) -> String {
    if v.fract() != 0.0 {
        let s = format!("{v:.2}");
        let s = s.trim_end_matches('0').trim_end_matches('.');
        return s.to_string();
    }
    let digits = format!("{}", v.abs() as u128);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if v < 0.0 {
        out.insert(0, '-');
    }
    out
}

/// `200000` → `20万`, `16384` → `16384`, `16000` → `1.6万`, `3e8` → `3亿`.
pub fn number_zh(v: f64) -> String {
    let trim = |x: f64| {
        let s = format!("{x:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    let a = v.abs();
    let sign = if v < 0.0 { "-" } else { "" };
    if a >= 1e8 && (a / 1e4).fract() == 0.0 && ((a / 1e8) * 1e4).fract() == 0.0 {
        format!("{sign}{}亿", trim(a / 1e8))
    } else if a >= 1e4 && (a / 1e4 * 1e3).fract() == 0.0 {
        format!("{sign}{}万", trim(a / 1e4))
    } else {
        format!("{sign}{}", number_en(a).replace(',', ""))
    }
}

/// The verdict as a reader sees it.
pub fn verdict_label(v: VerdictStatus) -> (&'static str, &'static str) {
    match v {
        VerdictStatus::Supported => ("Supported", "属实"),
        VerdictStatus::Contradicted => ("Contradicted", "与记录不符"),
        VerdictStatus::Misattributed => ("Misattributed", "张冠李戴"),
        VerdictStatus::Disputed => ("Disputed", "存在争议"),
        VerdictStatus::Unverified => ("Unverified", "无从核实"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_both_languages() {
        assert_eq!(number_en(200000.0), "200,000");
        assert_eq!(number_en(2048.0), "2,048");
        assert_eq!(number_zh(200000.0), "20万");
        assert_eq!(number_zh(16000.0), "1.6万");
        assert_eq!(number_zh(16384.0), "16384");
        assert_eq!(number_zh(1_000_000.0), "100万");
        assert_eq!(number_zh(300_000_000.0), "3亿");
        assert_eq!(number_zh(2000.0), "2000");
    }
}
