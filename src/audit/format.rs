//! Numbers as readers write them: `200,000` in English, `20万` in Chinese.

/// English digits with thousands separators: `2,048`, `200,000`, `1.5`.
pub fn en(value: f64) -> String {
    if value.fract() != 0.0 || value.abs() >= 1e18 {
        return trim(format!("{value:.2}"));
    }
    let digits = (value.abs() as u64).to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    if value < 0.0 {
        out.insert(0, '-');
    }
    out
}

/// Chinese form: `20万`, `1.6万`, `100万`, `2048`, `24,576`; 亿 from 10⁸.
pub fn zh(value: f64) -> String {
    let v = value.abs();
    if value.fract() != 0.0 || v >= 1e18 {
        return en(value);
    }
    let sign = if value < 0.0 { "-" } else { "" };
    if v >= 1e12 && (v % 1e11) == 0.0 {
        return format!("{sign}{}万亿", trim(format!("{:.1}", v / 1e12)));
    }
    if v >= 1e8 && (v % 1e7) == 0.0 {
        return format!("{sign}{}亿", trim(format!("{:.1}", v / 1e8)));
    }
    if v >= 1e4 && (v % 1e3) == 0.0 {
        return format!("{sign}{}万", trim(format!("{:.1}", v / 1e4)));
    }
    if v < 1e4 {
        return format!("{sign}{}", v as u64);
    }
    en(value)
}

fn trim(s: String) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// A ratio for notes: `100`, `97.7`, `0.1`.
pub fn ratio(r: f64) -> String {
    if r >= 10.0 {
        en(r.round())
    } else {
        trim(format!("{r:.1}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages() {
        assert_eq!(en(200000.0), "200,000");
        assert_eq!(en(2048.0), "2,048");
        assert_eq!(en(512.0), "512");
        assert_eq!(zh(200000.0), "20万");
        assert_eq!(zh(16000.0), "1.6万");
        assert_eq!(zh(1000000.0), "100万");
        assert_eq!(zh(2048.0), "2048");
        assert_eq!(zh(24576.0), "24,576");
        assert_eq!(zh(2788000.0), "278.8万");
        assert_eq!(zh(13000000000000.0), "13万亿");
    }
}
