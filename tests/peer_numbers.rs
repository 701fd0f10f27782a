//! Conformance against the peers' number corpora (Recognizers-Text and
//! Duckling), copied in `tests/fixtures/peer/` (see the README there for
//! sources and licences).
//!
//! Recognizers semantics: `find_numbers` over the input must give exactly
//! the expected list of (surface of `number_span`, value). Duckling
//! semantics: exactly one match whose `span` covers the whole trimmed
//! input, with the expected value. Values compare with a relative
//! tolerance of 1e-9. Run with `--nocapture` to see the tables; they are
//! printed either way.

use factbrief::numbers::find_numbers;
use std::collections::BTreeMap;

/// Cases where we deliberately read news text differently from a peer.
/// A failing case counts as a pass only if it is listed here.
const DEVIATIONS: &[(&str, &str)] = &[
    // Currency and discounts are amounts a news reader must see.
    ("一美元", "an amount: 一美元 is one US dollar; prices must be read"),
    ("两美刀", "an amount: 两美刀 is two dollars"),
    ("苹果折扣一美元", "an amount: one dollar"),
    ("这台电脑两美刀", "an amount: two dollars"),
    ("苹果折扣一折", "一折 is a discount rate (10% of the price), a figure"),
    // Percentages are read (with the percent flag); Recognizers leaves them
    // to its separate percent model.
    (
        "包括在金融市场中管理的基金管理业务在内的FILP总额也减少了二％，为四十九兆九千五百九十二億元，是有史以来最大的。",
        "二％ is read as a percentage (percent flag), the number model omits it",
    ),
    // Names: letter-hyphen-digit is a product or model name in our domain
    // (GPT-4, DeepSeek-V3), never a count.
    ("SCP-173", "letter-hyphen-digit is a model/product name (GPT-4)"),
    // A comma is never a decimal separator in zh/en news.
    ("The number is 1,3.", "a comma between digits is a list or grouping, not a decimal point"),
    // Classifiers stay outside the numeral: the extraction layer reads
    // 个/张/块 after the number. Duckling folds them into the span.
    ("零个", "classifier 个 is left to the extraction layer"),
    ("0个", "classifier 个 is left to the extraction layer"),
    ("一个", "classifier 个 is left to the extraction layer"),
    ("1个", "classifier 个 is left to the extraction layer"),
    ("二個", "classifier 個 is left to the extraction layer"),
    ("二个", "classifier 个 is left to the extraction layer"),
    ("半个", "classifier 个 is left to the extraction layer"),
    ("半個", "classifier 個 is left to the extraction layer"),
    // 对/双 are classifiers (pairs), as Recognizers reads them (三双 → 3).
    ("一對", "对/双 is a classifier: 一对 is 1 (pair), as Recognizers"),
    ("一雙", "对/双 is a classifier: 一双 is 1 (pair), as Recognizers"),
    ("五對", "对/双 is a classifier: 五对 is 5 (pairs), as Recognizers"),
    ("五雙", "对/双 is a classifier: 五双 is 5 (pairs), as Recognizers"),
    // Vague quantity words are not figures.
    ("a few", "vague quantity, not a figure"),
    ("few", "vague quantity, not a figure"),
    ("30 l", "a lone `l` is litres, not lakh"),
];

const TARGET_CLASSES: &[&str] = &["integer", "decimal", "negative", "multi"];

fn close(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
}

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/peer/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn deviation(input: &str) -> Option<&'static str> {
    DEVIATIONS
        .iter()
        .find(|d| d.0 == input || d.0 == input.trim())
        .map(|d| d.1)
}

#[derive(Default, Debug, Clone, Copy)]
struct Tally {
    pass: usize,
    dev: usize,
    total: usize,
}

impl Tally {
    fn ok(&self) -> usize {
        self.pass + self.dev
    }
    fn rate(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.ok() as f64 / self.total as f64
        }
    }
}

fn recognizers_case(input: &str, expected: &str) -> (bool, String) {
    let want: Vec<(String, f64)> = if expected.is_empty() {
        Vec::new()
    } else {
        expected
            .split(" | ")
            .map(|r| {
                let k = r.rfind('=').expect("text=value");
                (
                    r[..k].to_string(),
                    r[k + 1..].parse::<f64>().expect("value"),
                )
            })
            .collect()
    };
    let got: Vec<(String, f64)> = find_numbers(input)
        .iter()
        .map(|m| (input[m.number_span.clone()].to_string(), m.value))
        .collect();
    let ok = want.len() == got.len()
        && want
            .iter()
            .zip(&got)
            .all(|(w, g)| w.0 == g.0 && close(w.1, g.1));
    (ok, format!("{got:?}"))
}

fn run_recognizers(file: &str) -> BTreeMap<String, Tally> {
    let data = fixture(file);
    let mut by_class: BTreeMap<String, Tally> = BTreeMap::new();
    let mut fails = Vec::new();
    for line in data.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (input, expected, class) = (cols[0], cols[1], cols[2]);
        let (ok, got) = recognizers_case(input, expected);
        let t = by_class.entry(class.to_string()).or_default();
        t.total += 1;
        if ok {
            t.pass += 1;
            if deviation(input).is_some() {
                println!("  stale deviation (now passes): {input:?}");
            }
        } else if deviation(input).is_some() {
            t.dev += 1;
        } else {
            fails.push(format!(
                "  [{class}] {input:?}\n      want {expected}\n      got  {got}"
            ));
        }
    }
    print_table(file, &by_class);
    for f in fails {
        println!("{f}");
    }
    by_class
}

fn run_duckling(file: &str) -> Tally {
    let data = fixture(file);
    let mut t = Tally::default();
    let mut fails = Vec::new();
    for line in data.lines().skip(1) {
        let (input, value) = line.split_once('\t').expect("two columns");
        let want: f64 = value.parse().expect("value");
        let s = input.trim();
        let got = find_numbers(s);
        let ok = matches!(got.as_slice(), [m] if m.span == (0..s.len()) && close(m.value, want));
        t.total += 1;
        if ok {
            t.pass += 1;
            if deviation(input).is_some() {
                println!("  stale deviation (now passes): {input:?}");
            }
        } else if deviation(input).is_some() {
            t.dev += 1;
        } else {
            let g: Vec<_> = got.iter().map(|m| (&s[m.span.clone()], m.value)).collect();
            fails.push(format!("  {input:?} want {want} got {g:?}"));
        }
    }
    println!(
        "{file}: {}/{} pass ({} exact + {} deviations) = {:.1}%",
        t.ok(),
        t.total,
        t.pass,
        t.dev,
        100.0 * t.rate()
    );
    for f in fails {
        println!("{f}");
    }
    t
}

fn print_table(file: &str, by_class: &BTreeMap<String, Tally>) {
    println!("{file}");
    println!(
        "  {:<12} {:>5} {:>5} {:>5} {:>7}",
        "class", "pass", "dev", "total", "rate"
    );
    for (c, t) in by_class {
        println!(
            "  {:<12} {:>5} {:>5} {:>5} {:>6.1}%",
            c,
            t.pass,
            t.dev,
            t.total,
            100.0 * t.rate()
        );
    }
}

fn targeted(by_class: &BTreeMap<String, Tally>) -> Tally {
    let mut sum = Tally::default();
    for c in TARGET_CLASSES {
        if let Some(t) = by_class.get(*c) {
            sum.pass += t.pass;
            sum.dev += t.dev;
            sum.total += t.total;
        }
    }
    sum
}

fn check_recognizers(file: &str) {
    let by_class = run_recognizers(file);
    let t = targeted(&by_class);
    println!(
        "  targeted (integer+decimal+negative+multi): {}/{} = {:.1}%",
        t.ok(),
        t.total,
        100.0 * t.rate()
    );
    let none = by_class.get("none").copied().unwrap_or_default();
    assert!(
        t.rate() >= 0.98,
        "{file}: targeted classes {:.1}% < 98%",
        100.0 * t.rate()
    );
    assert_eq!(none.ok(), none.total, "{file}: every `none` case must pass");
}

#[test]
fn recognizers_zh() {
    check_recognizers("recognizers-zh-number.tsv");
}

#[test]
fn recognizers_en() {
    check_recognizers("recognizers-en-number.tsv");
}

#[test]
fn duckling_zh() {
    let t = run_duckling("duckling-zh-numeral.tsv");
    assert!(
        t.rate() >= 0.95,
        "duckling zh {:.1}% < 95%",
        100.0 * t.rate()
    );
}

#[test]
fn duckling_en() {
    let t = run_duckling("duckling-en-numeral.tsv");
    assert!(
        t.rate() >= 0.95,
        "duckling en {:.1}% < 95%",
        100.0 * t.rate()
    );
}

#[test]
fn deviations_are_peer_inputs() {
    // Every deviation names an input of one of the four files.
    let all: String = [
        "recognizers-zh-number.tsv",
        "recognizers-en-number.tsv",
        "duckling-zh-numeral.tsv",
        "duckling-en-numeral.tsv",
    ]
    .iter()
    .map(|f| fixture(f))
    .collect();
    for (input, _) in DEVIATIONS {
        assert!(
            all.lines().any(|l| l
                .split('\t')
                .next()
                .is_some_and(|i| i == *input || i.trim() == *input)),
            "deviation {input:?} is not a peer input"
        );
    }
}
