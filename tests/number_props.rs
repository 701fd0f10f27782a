//! Property tests for the number grammar: every integer written in any of
//! the supported forms reads back as itself, and `find_numbers` keeps its
//! span invariants on arbitrary text. Also a throughput measurement that
//! only prints.

use factbrief::numbers::{find_numbers, parse_number};
use proptest::prelude::*;

const ZH_DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
const FIN_DIGITS: [&str; 10] = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"];

/// A section below 10^4 in Chinese numerals (no leading 零).
fn zh_section(
    s: u64,
    digits: &[&str; 10],
    units: &[&str; 3],
    liang: bool,
    lead: bool,
    out: &mut String,
) {
    let ds = [s / 1000, s / 100 % 10, s / 10 % 10, s % 10];
    let mut zero = false;
    let mut started = false;
    for (k, &d) in ds.iter().enumerate() {
        if d == 0 {
            if started {
                zero = true;
            }
            continue;
        }
        if zero {
            out.push_str(digits[0]);
            zero = false;
        }
        let unit = 3 - k; // 3 = 千, 2 = 百, 1 = 十, 0 = none
        if unit == 1 && d == 1 && !started && lead {
            // 十五, not 一十五, at the very start.
        } else if d == 2 && liang && unit >= 2 {
            out.push('两');
        } else {
            out.push_str(digits[d as usize]);
        }
        if unit > 0 {
            out.push_str(units[unit - 1]);
        }
        started = true;
    }
}

/// `n` in Chinese numerals: 亿/万 sections, 零 for gaps.
fn zh_number(n: u64, financial: bool, liang: bool) -> String {
    let digits = if financial { &FIN_DIGITS } else { &ZH_DIGITS };
    let units: [&str; 3] = if financial {
        ["拾", "佰", "仟"]
    } else {
        ["十", "百", "千"]
    };
    if n == 0 {
        return digits[0].to_string();
    }
    let secs = [
        (n / 100_000_000, "亿"),
        (n / 10_000 % 10_000, "万"),
        (n % 10_000, ""),
    ];
    let mut out = String::new();
    let mut pending_zero = false;
    for (s, unit) in secs {
        if s == 0 {
            if !out.is_empty() {
                pending_zero = true;
            }
            continue;
        }
        if !out.is_empty() && (pending_zero || s < 1000) {
            out.push_str(digits[0]);
        }
        pending_zero = false;
        let lead = out.is_empty();
        zh_section(s, digits, &units, liang, lead, &mut out);
        out.push_str(unit);
    }
    out
}

const ONES: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

fn en_below_1000(n: u64, and: bool, out: &mut Vec<String>) {
    let h = n / 100;
    let r = n % 100;
    if h > 0 {
        out.push(ONES[h as usize].to_string());
        out.push("hundred".to_string());
        if r > 0 && and {
            out.push("and".to_string());
        }
    }
    if r >= 20 {
        if r.is_multiple_of(10) {
            out.push(TENS[(r / 10) as usize].to_string());
        } else {
            out.push(format!(
                "{}-{}",
                TENS[(r / 10) as usize],
                ONES[(r % 10) as usize]
            ));
        }
    } else if r > 0 {
        out.push(ONES[r as usize].to_string());
    }
}

/// `n` in English words.
fn en_number(n: u64, and: bool) -> String {
    if n == 0 {
        return "zero".to_string();
    }
    let mut out = Vec::new();
    for (scale, word) in [
        (1_000_000_000, "billion"),
        (1_000_000, "million"),
        (1_000, "thousand"),
    ] {
        let g = n / scale % 1000;
        if g > 0 {
            en_below_1000(g, and, &mut out);
            out.push(word.to_string());
        }
    }
    en_below_1000(n % 1000, and, &mut out);
    out.join(" ")
}

fn grouped(n: u64, sep: &str) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (k, c) in s.chars().enumerate() {
        if k > 0 && (s.len() - k).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap(),
            ',' => '，',
            '.' => '．',
            c => c,
        })
        .collect()
}

/// `n / 10^k` as a plain decimal string (no trailing zeros).
fn scaled(n: u64, k: u32) -> String {
    let p = 10u64.pow(k);
    let (q, r) = (n / p, n % p);
    if r == 0 {
        return q.to_string();
    }
    let frac = format!("{:0width$}", r, width = k as usize);
    format!("{q}.{}", frac.trim_end_matches('0'))
}

fn check(s: &str, n: u64) -> Result<(), TestCaseError> {
    let got = parse_number(s);
    prop_assert_eq!(
        got,
        Some(n as f64),
        "{:?} -> {:?}; matches {:?}",
        s,
        got,
        find_numbers(s)
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn digits_read_back(n in 0u64..1_000_000_000_000) {
        check(&n.to_string(), n)?;
        check(&grouped(n, ","), n)?;
        check(&grouped(n, "\u{202f}"), n)?;
        check(&full_width(&n.to_string()), n)?;
        check(&full_width(&grouped(n, ",")), n)?;
    }

    #[test]
    fn chinese_reads_back(n in 0u64..1_000_000_000_000, fin: bool, liang: bool) {
        check(&zh_number(n, fin, liang), n)?;
    }

    #[test]
    fn chinese_small_reads_back(n in 0u64..100_000, fin: bool, liang: bool) {
        check(&zh_number(n, fin, liang), n)?;
    }

    #[test]
    fn wan_yi_reads_back(n in 1u64..1_000_000_000_000) {
        // Exact forms only: as many decimals as the value needs.
        check(&format!("{}万", scaled(n, 4)), n)?;
        check(&format!("{}亿", scaled(n, 8)), n)?;
        check(&format!("{}k", scaled(n, 3)), n)?;
        if n % 10_000 == 0 {
            check(&format!("{}万", n / 10_000), n)?;
        }
    }

    #[test]
    fn round_wan_reads_back(a in 1u64..100_000, d in 0u64..10) {
        // 20万, 1.6万, 48.5万.
        let n = a * 10_000 + d * 1_000;
        check(&format!("{}万", scaled(n, 4)), n)?;
        check(&format!("{}K", scaled(n, 3)), n)?;
    }

    #[test]
    fn english_reads_back(n in 0u64..1_000_000_000_000, and: bool) {
        check(&en_number(n, and), n)?;
    }

    #[test]
    fn spans_are_sane(s in "(?s).{0,60}") {
        spans_ok(&s)?;
    }

    #[test]
    fn spans_are_sane_numberish(s in "[0-9０-９一二三四五六七八九十百千万亿零两点多余几约近超数上 ,.，．\\-~%kKMBabout than more万亿\u{200b}\u{00a0}]{0,40}") {
        spans_ok(&s)?;
    }
}

const SOUP: &[&str] = &[
    "1",
    "23",
    "456",
    "7,890",
    "1.5",
    ".5",
    "-",
    "–",
    "~",
    "to",
    "and",
    "between",
    "about",
    "more than",
    "up to",
    "minus",
    "negative",
    "one",
    "twenty",
    "-four",
    "hundred",
    "thousand",
    "million",
    "a",
    "half",
    "dozen",
    "couple",
    "of",
    "point",
    "over",
    "thirds",
    "k",
    "M",
    "B",
    "%",
    "+",
    "(",
    ")",
    "/",
    " ",
    " ",
    "一",
    "两",
    "十",
    "百",
    "千",
    "万",
    "亿",
    "兆",
    "零",
    "点",
    "多",
    "余",
    "几",
    "约",
    "近",
    "超过",
    "数",
    "上",
    "负",
    "分之",
    "又",
    "百分之",
    "左右",
    "以上",
    "级",
    "卡",
    "打",
    "个",
    "张",
    "年",
    "H",
    "GPT-",
    "\u{200b}",
    "，",
    "．",
    "１",
    "٣",
    "e",
    "^",
    "x",
    "$",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn spans_are_sane_token_soup(parts in prop::collection::vec(prop::sample::select(SOUP), 0..24)) {
        let s: String = parts.concat();
        spans_ok(&s)?;
    }
}

fn spans_ok(s: &str) -> Result<(), TestCaseError> {
    let ms = find_numbers(s);
    let mut last = 0;
    for m in &ms {
        prop_assert!(
            m.span.start <= m.span.end && m.span.end <= s.len(),
            "{:?} {:?}",
            s,
            m
        );
        prop_assert!(
            s.is_char_boundary(m.span.start) && s.is_char_boundary(m.span.end),
            "{:?} {:?}",
            s,
            m
        );
        prop_assert!(
            s.is_char_boundary(m.number_span.start) && s.is_char_boundary(m.number_span.end),
            "{:?} {:?}",
            s,
            m
        );
        prop_assert!(m.span.start >= last, "overlap/order {:?} {:?}", s, ms);
        prop_assert!(
            m.span.start <= m.number_span.start
                && m.number_span.end <= m.span.end
                && m.number_span.start < m.number_span.end,
            "{:?} {:?}",
            s,
            m
        );
        last = m.span.end;
    }
    Ok(())
}

#[test]
fn formatters_look_right() {
    assert_eq!(zh_number(10040, false, false), "一万零四十");
    assert_eq!(zh_number(100_010, false, false), "十万零一十");
    assert_eq!(zh_number(9_000_400, false, false), "九百万零四百");
    assert_eq!(zh_number(2222, false, true), "两千两百二十二");
    assert_eq!(en_number(202_000, true), "two hundred and two thousand");
    assert_eq!(en_number(21, false), "twenty-one");
    assert_eq!(scaled(16_000, 4), "1.6");
}

/// Prints throughput over a few MB of mixed Chinese and English news-like
/// text. Never asserts on time.
#[test]
fn throughput_prints_mb_per_s() {
    let zh = "据报道，该公司在2024年采购了约2万张H800，集群规模超过1.5万卡，训练耗资逾4.78亿元，\
              其中一千多万用于电力；另有数千块GPU、二十几万台服务器和百万级用户。";
    let en = "The company bought more than 100,000 H100 GPUs in 2024, about 2,048 per pod, \
              at a cost of roughly $1.2 billion; some twenty-four thousand servers and 16K context. ";
    let plain =
        "这是一段没有数字的普通文字，用来模拟文章中大量的叙述内容。 Plain prose without figures. ";
    // Dense: a figure every ~40 bytes. Article-like: one sentence with
    // figures per eight of plain prose (zh and en).
    for (name, plain_per_figure) in [("dense", 1), ("article-like", 8)] {
        let mut text = String::new();
        let mut k = 0u64;
        while text.len() < 4 << 20 {
            text.push_str(zh);
            text.push_str(en);
            text.push_str(&k.to_string());
            for _ in 0..plain_per_figure {
                text.push_str(plain);
            }
            k = k
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407)
                >> 20;
        }
        measure(name, &text);
    }
}

fn measure(name: &str, text: &str) {
    let start = std::time::Instant::now();
    let cpu0 = thread_cpu_ns();
    let mut found = 0;
    let reps = 3;
    for _ in 0..reps {
        found += find_numbers(text).len();
    }
    let secs = start.elapsed().as_secs_f64();
    let cpu = thread_cpu_ns().zip(cpu0).map(|(b, a)| (b - a) as f64 / 1e9);
    let mb = (text.len() * reps) as f64 / (1024.0 * 1024.0);
    let profile = if cfg!(debug_assertions) {
        "debug assertions on"
    } else {
        "release"
    };
    println!(
        "find_numbers throughput, {name} text ({profile}): {:.1} MB/s wall{} over {:.1} MB ({} matches)",
        mb / secs,
        cpu.map(|c| format!(", {:.1} MB/s on-CPU", mb / c))
            .unwrap_or_default(),
        mb,
        found / reps
    );
}

/// This thread's time on a CPU (Linux `schedstat`), so a busy shared
/// machine does not distort the figure; `None` elsewhere.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}
