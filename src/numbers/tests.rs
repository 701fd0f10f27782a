//! The brief's examples, one line each: input, value, value_max, hedge.

use super::*;

/// (input, value, value_max, hedge kind) for a text holding one number
/// whose span is the whole input.
const WHOLE: &[(&str, f64, Option<f64>, Option<HedgeKind>)] = &[
    ("2,048", 2048.0, None, None),
    ("2 048", 2048.0, None, None),
    ("2\u{2009}048", 2048.0, None, None),
    ("2\u{00a0}048", 2048.0, None, None),
    ("2\u{202f}048", 2048.0, None, None),
    ("2\u{200b}048", 2048.0, None, None),
    ("2\u{feff}0\u{00ad}48", 2048.0, None, None),
    ("12,34,567.89", 1234567.89, None, None),
    ("１０，０００", 10000.0, None, None),
    ("１０．５", 10.5, None, None),
    ("٢٠٤٨", 2048.0, None, None),
    ("一万零四十", 10040.0, None, None),
    ("二百零三", 203.0, None, None),
    ("两千三百五", 2350.0, None, None),
    ("一万三", 13000.0, None, None),
    ("倆千两百贰拾二", 2222.0, None, None),
    ("壹佰贰拾叁", 123.0, None, None),
    ("拾萬", 100000.0, None, None),
    ("十五", 15.0, None, None),
    ("二〇二四", 2024.0, None, None),
    ("万亿", 1e12, None, None),
    ("四万万", 4e8, None, None),
    ("10万万", 1e9, None, None),
    ("五兆", 5e12, None, None),
    ("1.5万", 15000.0, None, None),
    ("2.3亿", 2.3e8, None, None),
    ("4.78万亿", 4.78e12, None, None),
    ("1,100.9亿", 1.1009e11, None, None),
    ("5万4千", 54000.0, None, None),
    ("7 万5 千4 百", 75400.0, None, None),
    ("20万", 200000.0, None, None),
    ("48.5万", 485000.0, None, None),
    ("一点五万", 15000.0, None, None),
    ("一千多万", 1e7, None, Some(HedgeKind::AtLeast)),
    ("两千余", 2000.0, None, Some(HedgeKind::AtLeast)),
    ("500余万", 5e6, None, Some(HedgeKind::AtLeast)),
    ("二十几万", 200000.0, None, Some(HedgeKind::AtLeast)),
    ("约2万", 20000.0, None, Some(HedgeKind::About)),
    ("大约两千", 2000.0, None, Some(HedgeKind::About)),
    ("近3万", 30000.0, None, Some(HedgeKind::AtMost)),
    ("超过1万", 10000.0, None, Some(HedgeKind::AtLeast)),
    ("逾千", 1000.0, None, Some(HedgeKind::AtLeast)),
    ("不到100", 100.0, None, Some(HedgeKind::AtMost)),
    ("多达2000", 2000.0, None, Some(HedgeKind::AtMost)),
    ("2万左右", 20000.0, None, Some(HedgeKind::About)),
    ("1万以上", 10000.0, None, Some(HedgeKind::AtLeast)),
    ("2000上下", 2000.0, None, Some(HedgeKind::About)),
    ("数千", 1000.0, None, Some(HedgeKind::Magnitude)),
    ("数万", 10000.0, None, Some(HedgeKind::Magnitude)),
    ("数十万", 100000.0, None, Some(HedgeKind::Magnitude)),
    ("上万", 10000.0, None, Some(HedgeKind::Magnitude)),
    ("上千", 1000.0, None, Some(HedgeKind::Magnitude)),
    ("近万", 10000.0, None, Some(HedgeKind::Magnitude)),
    ("近十万", 100000.0, None, Some(HedgeKind::AtMost)),
    ("几十万", 100000.0, None, Some(HedgeKind::Magnitude)),
    ("百万级", 1e6, None, Some(HedgeKind::Magnitude)),
    ("万级", 10000.0, None, Some(HedgeKind::Magnitude)),
    ("1-2万", 10000.0, Some(20000.0), None),
    ("1万到2万", 10000.0, Some(20000.0), None),
    ("20~100", 20.0, Some(100.0), None),
    ("一千到一千五百", 1000.0, Some(1500.0), None),
    ("三四万", 30000.0, Some(40000.0), None),
    ("一两千", 1000.0, Some(2000.0), None),
    ("20 to 30", 20.0, Some(30.0), None),
    ("between 20 and 30", 20.0, Some(30.0), None),
    ("1-2 million", 1e6, Some(2e6), None),
    ("负一百二十万", -1.2e6, None, None),
    ("負 1,200,000", -1.2e6, None, None),
    ("-1.2M", -1.2e6, None, None),
    ("minus 5", -5.0, None, None),
    ("100k", 1e5, None, None),
    ("16K", 16000.0, None, None),
    ("1.2M", 1.2e6, None, None),
    ("1.2b", 1.2e9, None, None),
    ("2.33 k", 2330.0, None, None),
    (".0012G", 1.2e6, None, None),
    ("405B", 4.05e11, None, None),
    ("1.8T", 1.8e12, None, None),
    ("two hundred thousand", 2e5, None, None),
    ("a million", 1e6, None, None),
    ("half a million", 5e5, None, None),
    ("one and a half million", 1.5e6, None, None),
    ("1.5 million", 1.5e6, None, None),
    ("3.76 million", 3.76e6, None, None),
    ("two thousand", 2000.0, None, None),
    ("twenty-four", 24.0, None, None),
    ("hundred thousand", 1e5, None, None),
    ("a dozen", 12.0, None, None),
    ("a couple of", 2.0, None, None),
    ("two hundred and two thousand", 202000.0, None, None),
    ("about 2,000", 2000.0, None, Some(HedgeKind::About)),
    ("around 10,000", 10000.0, None, Some(HedgeKind::About)),
    ("approximately 500", 500.0, None, Some(HedgeKind::About)),
    ("roughly 3 million", 3e6, None, Some(HedgeKind::About)),
    ("nearly 25,000", 25000.0, None, Some(HedgeKind::AtMost)),
    ("almost 100", 100.0, None, Some(HedgeKind::AtMost)),
    ("over 10,000", 10000.0, None, Some(HedgeKind::AtLeast)),
    (
        "more than 100,000",
        100000.0,
        None,
        Some(HedgeKind::AtLeast),
    ),
    ("at least 50", 50.0, None, Some(HedgeKind::AtLeast)),
    ("up to 100,000", 100000.0, None, Some(HedgeKind::AtMost)),
    ("some 20,000", 20000.0, None, Some(HedgeKind::About)),
    ("close to 1,000", 1000.0, None, Some(HedgeKind::AtMost)),
    ("upwards of 500", 500.0, None, Some(HedgeKind::AtLeast)),
    ("under 200", 200.0, None, Some(HedgeKind::AtMost)),
    ("fewer than 30", 30.0, None, Some(HedgeKind::AtMost)),
    ("less than 30", 30.0, None, Some(HedgeKind::AtMost)),
    ("~100", 100.0, None, Some(HedgeKind::About)),
    ("≈100", 100.0, None, Some(HedgeKind::About)),
    ("10,000+", 10000.0, None, Some(HedgeKind::AtLeast)),
    ("about $2 billion", 2e9, None, Some(HedgeKind::About)),
    ("约¥3000", 3000.0, None, Some(HedgeKind::About)),
    (
        "tens of thousands",
        10000.0,
        None,
        Some(HedgeKind::Magnitude),
    ),
    ("thousands of", 1000.0, None, Some(HedgeKind::Magnitude)),
    ("50%", 50.0, None, None),
    ("百分之五十", 50.0, None, None),
    ("2024", 2024.0, None, None),
];

#[test]
fn brief_examples() {
    let mut bad = Vec::new();
    for &(s, v, max, kind) in WHOLE {
        let m = find_numbers(s);
        let ok = match m.as_slice() {
            [one] => {
                let mut ok = one.value == v
                    && one.value_max == max
                    && one.hedge.as_ref().map(|h| h.kind) == kind;
                // `thousands of`: the span stops before `of`.
                if !s.ends_with(" of") || kind != Some(HedgeKind::Magnitude) {
                    ok &= one.span == (0..s.len());
                }
                ok &= one.approx == (kind.is_some() || max.is_some());
                ok
            }
            _ => false,
        };
        if !ok {
            bad.push(format!("{s:?}: {m:?}"));
        }
    }
    assert!(
        bad.is_empty(),
        "{} failures:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

fn values(s: &str) -> Vec<f64> {
    find_numbers(s).iter().map(|m| m.value).collect()
}

#[test]
fn running_text() {
    assert_eq!(values("1，2，3"), [1.0, 2.0, 3.0]);
    assert_eq!(values("2025-04-10"), [2025.0, 4.0, 10.0]);
    assert_eq!(values("192.168.1.2"), [192.0, 168.0, 1.0, 2.0]);
    assert!(values("H100").is_empty());
    assert!(values("A800 B200 GB200 R1 V3").is_empty());
    assert!(values("GPT-4").is_empty());
    assert!(values("DeepSeek-V3").is_empty());
    assert!(values("1m isn't").is_empty());
    assert_eq!(values("2048张H800"), [2048.0]);
    assert_eq!(values("1万张H100"), [10000.0]);
    assert_eq!(values("使用2000块H800训练"), [2000.0]);
    assert_eq!(values("8x H100"), [8.0]);
    assert_eq!(values("5G网络"), Vec::<f64>::new());
    assert_eq!(values("2024年"), [2024.0]);
    assert_eq!(values("百度 千问 万一"), Vec::<f64>::new());
    assert_eq!(values("十分重要"), Vec::<f64>::new());
    assert_eq!(values("半导体"), Vec::<f64>::new());
    let m = &find_numbers("万卡集群")[0];
    assert_eq!(
        (m.value, m.hedge.as_ref().map(|h| h.kind)),
        (10000.0, Some(HedgeKind::Magnitude))
    );
    let m = &find_numbers("约20万张")[0];
    assert_eq!((m.span.clone(), m.number_span.clone()), (0..8, 3..8));
    let m = &find_numbers("the cluster has more than 100,000 GPUs")[0];
    assert_eq!(m.hedge.as_ref().unwrap().text, "more than");
    assert_eq!(
        &"the cluster has more than 100,000 GPUs"[m.number_span.clone()],
        "100,000"
    );
    let m = &find_numbers("50%")[0];
    assert!(m.percent);
    let m = &find_numbers("百分之五十")[0];
    assert!(m.percent);
    assert_eq!(m.number_span, 9..15);
    assert_eq!(values("a 100-billion-parameter model"), [1e11]);
    let m = &find_numbers("$100 million to $200 million")[0];
    assert_eq!((m.value, m.value_max), (1e8, Some(2e8)));
    let m = &find_numbers("用了两三个月")[0];
    assert_eq!((m.value, m.value_max, m.approx), (2.0, Some(3.0), true));
    assert_eq!(values("万卡集群十余个"), [10000.0, 10.0]);
    let m = &find_numbers("3/4")[0];
    assert!(m.fraction);
    assert_eq!(m.value, 0.75);
}

#[test]
fn wide_start_table_agrees_with_the_predicate() {
    let table = super::wide_starts();
    for cp in 0x800..0x10000u32 {
        let Some(c) = char::from_u32(cp) else {
            continue;
        };
        let mut buf = [0u8; 4];
        let b = c.encode_utf8(&mut buf).as_bytes();
        let d = super::code_point3(b[0], b[1], b[2]);
        assert_eq!(d, cp as usize);
        assert_eq!(
            table[d / 64] >> (d % 64) & 1 == 1,
            super::may_start_wide(c),
            "{c:?}"
        );
    }
}
