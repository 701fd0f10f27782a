//! Numbers and dates written the way each language writes them:
//! `200,000` / `20万`, `10 April 2025` / `2025年4月10日`, and the RFC 3339
//! timestamps feeds need, derived even from partial dates (`2025-02`).
//!
//! The *words* (month names, date patterns) live in the Fluent catalogues;
//! this module only splits and normalises.

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

/// A number in the language `lang` (`zh…` → Chinese, anything else English).
pub fn number(v: f64, lang: &str) -> String {
    if lang.starts_with("zh") {
        number_zh(v)
    } else {
        number_en(v)
    }
}

/// A calendar date as far as the source gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ymd {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

/// Reads `2025-04-10`, `2025-4-1`, `2025/04/10`, `2025.04.10`, `2025-02`,
/// `2025`, `2025年4月10日`, `2025年2月` and RFC 3339 timestamps (the time is
/// dropped). `None` for anything else, including impossible dates.
pub fn parse_date(s: &str) -> Option<Ymd> {
    let s = s.trim();
    // Keep only the date part of a timestamp.
    let s = s.split(['T', ' ']).next().unwrap_or(s);
    let parts: Vec<&str> = s
        .split(['-', '/', '.', '年', '月', '日'])
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty()
        || parts.len() > 3
        || parts.iter().any(|p| !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    if parts[0].len() != 4 {
        return None;
    }
    let year: i32 = parts[0].parse().ok()?;
    let month: Option<u32> = match parts.get(1) {
        Some(m) => Some(m.parse().ok().filter(|m| (1..=12).contains(m))?),
        None => None,
    };
    let day: Option<u32> = match (parts.get(2), month) {
        (Some(d), Some(m)) => Some(
            d.parse()
                .ok()
                .filter(|d| *d >= 1 && *d <= days_in_month(year, m))?,
        ),
        _ => None,
    };
    Some(Ymd { year, month, day })
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Ymd {
    /// RFC 3339 at midnight UTC; a missing month or day is the first.
    pub fn rfc3339(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T00:00:00Z",
            self.year,
            self.month.unwrap_or(1),
            self.day.unwrap_or(1)
        )
    }

    /// ISO 8601 at the source's precision (`2025-02`), for `<time datetime>`.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }
}

/// RFC 3339 for a Unix time in seconds (UTC), for dates taken from a file.
pub fn rfc3339_from_unix(secs: i64) -> String {
    // Civil-from-days (Howard Hinnant's algorithm), valid for any date after 1970.
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
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
        assert_eq!(number(485_000.0, "zh-Hans"), "48.5万");
    }

    #[test]
    fn dates_of_every_precision() {
        let d = parse_date("2025-04-10").unwrap();
        assert_eq!(d.rfc3339(), "2025-04-10T00:00:00Z");
        assert_eq!(
            parse_date("2025-02").unwrap().rfc3339(),
            "2025-02-01T00:00:00Z"
        );
        assert_eq!(parse_date("2025-02").unwrap().iso(), "2025-02");
        assert_eq!(
            parse_date("2025").unwrap().rfc3339(),
            "2025-01-01T00:00:00Z"
        );
        assert_eq!(parse_date("2025年4月1日").unwrap().iso(), "2025-04-01");
        assert_eq!(parse_date("2025/4/1").unwrap().iso(), "2025-04-01");
        assert_eq!(
            parse_date("2025-04-10T08:00:00+08:00").unwrap().iso(),
            "2025-04-10"
        );
        assert!(parse_date("2025-02-30").is_none());
        assert!(parse_date("2025-13").is_none());
        assert!(parse_date("April 2025").is_none());
        assert!(parse_date("").is_none());
        assert_eq!(rfc3339_from_unix(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339_from_unix(1_744_243_200), "2025-04-10T00:00:00Z");
    }
}
