//! The fast YAML writer (`factbrief::render::yaml`) against serde_saphyr,
//! which wrote the fact files before it and still reads YAML everywhere.
//!
//! - Every article we have (articles/, tests/fixtures, the shared dev set
//!   and adversarial corpus, and a 200-article generated bench corpus): the
//!   fact file is byte for byte what `serde_saphyr::to_string` writes.
//! - Arbitrary and hostile strings in every string field of a fact file,
//!   and as values and keys in every position: serde_saphyr reads our output
//!   back to the same value, and our bytes are serde_saphyr's bytes.
//! - Shapes the writer does not model go to serde_saphyr whole.
//!
//! The shared corpora are `$FACTBRIEF_SHARED` (default `../shared` beside
//! the repository); as in tests/adversarial.rs, a missing corpus or Python
//! is a failure with a message, not a skip.

use factbrief::article::Limits;
use factbrief::dataset::Dataset;
use factbrief::model::*;
use factbrief::pipeline::Pipeline;
use factbrief::render::yaml;
use proptest::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

fn dataset() -> &'static Dataset {
    static D: OnceLock<Dataset> = OnceLock::new();
    D.get_or_init(|| Dataset::embedded().expect("the embedded dataset loads"))
}

fn shared_dir() -> PathBuf {
    std::env::var_os("FACTBRIEF_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared")))
}

/// Same bytes as serde_saphyr, or a readable diff of the first difference.
fn assert_same<T: Serialize>(value: &T, what: &str) {
    let ours = yaml::to_string(value).expect("the fast writer writes it");
    let theirs = serde_saphyr::to_string(value).expect("serde_saphyr writes it");
    if ours != theirs {
        let line = ours
            .lines()
            .zip(theirs.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(ours.lines().count().min(theirs.lines().count()));
        let show = |s: &str| {
            s.lines()
                .skip(line.saturating_sub(2))
                .take(5)
                .collect::<Vec<_>>()
                .join("\n")
        };
        panic!(
            "{what}: the fast writer differs from serde_saphyr at line {}\n--- ours\n{}\n--- serde_saphyr\n{}",
            line + 1,
            show(&ours),
            show(&theirs)
        );
    }
}

/// Builds every article under `dir` and checks each fact file.
fn check_folder(dir: &Path) -> usize {
    assert!(dir.is_dir(), "{} is not a folder", dir.display());
    let (files, _) =
        factbrief::source::scan(dir).unwrap_or_else(|d| panic!("{}: {d:?}", dir.display()));
    let pipeline = Pipeline::new(dataset(), Limits::default());
    let outcome = pipeline.run(&files);
    for p in &outcome.processed {
        assert_same(&p.facts, &p.article.path.display().to_string());
    }
    // `factbrief extract` writes them one after another.
    let mut ours = String::new();
    let mut theirs = String::new();
    for p in &outcome.processed {
        ours.push_str("---\n");
        yaml::push(&mut ours, &p.facts).unwrap();
        theirs.push_str("---\n");
        theirs.push_str(&serde_saphyr::to_string(&p.facts).unwrap());
    }
    assert_eq!(
        ours,
        theirs,
        "{}: the extract stream differs",
        dir.display()
    );
    outcome.processed.len()
}

#[test]
fn same_bytes_on_the_repository_articles() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let n = check_folder(&root.join("articles")) + check_folder(&root.join("tests/fixtures"));
    assert!(n > 40, "only {n} articles found");
}

#[test]
fn same_bytes_on_the_shared_dev_set_and_adversarial_corpus() {
    let shared = shared_dir();
    let n = check_folder(&shared.join("eval/dev")) + check_folder(&shared.join("eval/adversarial"));
    assert!(n > 20, "only {n} articles found under {}", shared.display());
}

#[test]
fn same_bytes_on_the_generated_bench_corpus() {
    let script = shared_dir().join("bench/gen_corpus.py");
    assert!(
        script.is_file(),
        "{} is missing: set FACTBRIEF_SHARED to the folder holding bench/",
        script.display()
    );
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let out = Command::new("python3")
        .arg(&script)
        .arg(&corpus)
        .args(["200", "--seed", "1"])
        .output()
        .unwrap_or_else(|e| panic!("python3 is needed to generate the bench corpus: {e}"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(check_folder(&corpus), 200);
}

// ---------------------------------------------------------------------
// Hostile strings
// ---------------------------------------------------------------------

/// Pieces that decide quoting and block style: YAML indicators and special
/// spellings, white space of every kind, escapes, line and paragraph
/// separators, BOM, controls, CJK, astral characters.
const PIECES: &[&str] = &[
    "",
    " ",
    "  ",
    "\t",
    "\n",
    "\n\n",
    "\r",
    "\r\n",
    ":",
    ": ",
    " :",
    " #",
    "#",
    "# ",
    "-",
    "- ",
    "--- ",
    "---",
    "...",
    "? ",
    "?",
    ",",
    "[",
    "]",
    "{",
    "}",
    "&",
    "*",
    "!",
    "|",
    ">",
    "'",
    "\"",
    "%",
    "@",
    "`",
    "\\",
    "~",
    "null",
    "Null",
    "NULL",
    "true",
    "False",
    "yes",
    "No",
    "on",
    "OFF",
    "y",
    "n",
    "<<",
    "=",
    ".inf",
    "-.Inf",
    ".nan",
    "nan",
    "inf",
    "0",
    "12",
    "007",
    "1_000",
    "0x1F",
    "0b101",
    "0o17",
    "1e5",
    "1.5e-3",
    "+1",
    "-2",
    ".5",
    "1.",
    "1:30",
    "12:30:45",
    "2025-04-10",
    "2025-04-10T12:00:00Z",
    "2025-4-1 1:2:3",
    "\0",
    "\u{1}",
    "\u{7}",
    "\u{1b}",
    "\u{7f}",
    "\u{80}",
    "\u{85}",
    "\u{9f}",
    "\u{a0}",
    "\u{2028}",
    "\u{2029}",
    "\u{feff}",
    "\u{fffe}",
    "\u{ffff}",
    "\u{3000}",
    "\u{200b}",
    "\u{202e}",
    "中文",
    "约20万块",
    "，",
    "：",
    "😀",
    "𝕏",
    "a",
    "word",
    "DeepSeek-R1",
    "http://x.y/z?a=1#f",
    "a b",
    "a  b",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::sample::select(PIECES).prop_map(String::from),
        2 => any::<char>().prop_map(String::from),
        2 => "[a-z]{1,9}( [a-z]{1,9}){0,3}",
        1 => "[一-龥]{1,12}",
    ]
}

/// Short hostile strings, arbitrary strings, and long ones that cross the
/// 80-character folding threshold with spaces to wrap at (or none).
fn nasty() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::collection::vec(piece(), 0..8).prop_map(|v| v.concat()),
        2 => any::<String>(),
        2 => prop::collection::vec(piece(), 20..60).prop_map(|v| v.concat()),
        1 => ("[a-z]{70,90}", "( {1,3}[a-zA-Z0-9]{1,12}){0,12}", prop::option::of(" {1,3}|\t|\n"))
            .prop_map(|(a, b, c)| format!("{a}{b}{}", c.unwrap_or_default())),
    ]
}

fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>().prop_filter("NaN is never equal to itself", |f| !f.is_nan()),
        (0u64..10_000_000).prop_map(|n| n as f64),
        (0u64..100_000).prop_map(|n| n as f64 / 100.0),
    ]
}

/// A fact file with a hostile string in every string field, and every
/// optional field present or not.
fn fact_file() -> impl Strategy<Value = FactFile> {
    (
        prop::collection::vec(nasty(), 40),
        prop::collection::vec(any::<bool>(), 16),
        prop::collection::vec(number(), 4),
        (any::<u64>(), any::<u64>(), any::<usize>(), any::<usize>()),
    )
        .prop_map(|(s, b, f, (count, count_max, line, column))| {
            let mut s = s.into_iter();
            let mut next = move || s.next().unwrap();
            let opt = |on: bool, v: String| on.then_some(v);
            let source = SourceRef {
                title: next(),
                url: opt(b[0], next()),
                publisher: opt(b[1], next()),
                date: opt(b[2], next()),
            };
            let reference = Reference {
                entity: next(),
                property: next(),
                value: f[0],
                value_max: b[3].then_some(f[1]),
                chip: next(),
                status: next(),
                source,
            };
            let verdict = Verdict {
                status: VerdictStatus::Disputed,
                reference: b[4].then(|| reference.clone()),
                also: if b[5] { vec![reference] } else { Vec::new() },
                note: Bilingual {
                    en: next(),
                    zh: next(),
                },
            };
            let claim = Claim {
                id: next(),
                kind: ClaimKind::AcceleratorCount,
                count,
                count_max: b[6].then_some(count_max),
                approx: b[7],
                hedge: opt(b[8], next()),
                chip: ChipRef {
                    id: opt(b[9], next()),
                    name: next(),
                    text: next(),
                },
                subject: b[10].then(|| EntityRef {
                    id: opt(b[11], next()),
                    name: next(),
                    text: next(),
                }),
                role: Role::Planned,
                text: next(),
                quote: next(),
                line,
                column,
                verdict: b[12].then_some(verdict),
                span: 0..0,
            };
            FactFile {
                article: ArticleMeta {
                    slug: next(),
                    path: next(),
                    title: next(),
                    lang: next(),
                    date: opt(b[13], next()),
                    source: opt(b[14], next()),
                    source_url: opt(b[15], next()),
                    attribution: opt(b[0], next()),
                },
                claims: vec![claim.clone(), claim],
                quantities: vec![Quantity {
                    kind: QuantityKind::GpuHours,
                    value: f[2],
                    value_max: b[1].then_some(f[3]),
                    approx: b[2],
                    unit: opt(b[3], next()),
                    text: next(),
                    line,
                    span: 0..0,
                }],
                entities: vec![EntityMentions {
                    kind: EntityKind::Cluster,
                    id: next(),
                    name: next(),
                    mentions: vec![
                        Mention {
                            text: next(),
                            line,
                            misnomer: b[4],
                        },
                        Mention {
                            text: next(),
                            line: 1,
                            misnomer: false,
                        },
                    ],
                }],
                conflicts: vec![Conflict {
                    claims: vec![next(), next()],
                    note: Bilingual {
                        en: next(),
                        zh: next(),
                    },
                }],
            }
        })
}

/// One string in every position the writer lays out differently: document,
/// map value, sequence item, map in a sequence, sequence in a sequence,
/// optional, map key.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Positions {
    value: String,
    nested: Nested,
    items: Vec<String>,
    records: Vec<Nested>,
    grid: Vec<Vec<String>>,
    maybe: Option<String>,
    keyed: BTreeMap<String, String>,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Nested {
    a: String,
    deeper: Vec<Nested2>,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Nested2 {
    b: String,
}

fn positions(s: &str) -> Positions {
    let n = || Nested {
        a: s.to_string(),
        deeper: vec![Nested2 { b: s.to_string() }],
    };
    Positions {
        value: s.to_string(),
        nested: n(),
        items: vec![s.to_string(), "x".to_string()],
        records: vec![n(), n()],
        grid: vec![
            vec![s.to_string()],
            vec![],
            vec!["y".to_string(), s.to_string()],
        ],
        maybe: Some(s.to_string()),
        keyed: [
            (s.to_string(), s.to_string()),
            ("k".to_string(), s.to_string()),
        ]
        .into_iter()
        .collect(),
    }
}

fn round_trips<T>(value: &T) -> Result<(), TestCaseError>
where
    T: Serialize + for<'de> Deserialize<'de> + PartialEq + std::fmt::Debug,
{
    let ours = yaml::to_string(value).expect("the fast writer writes it");
    let back: T = serde_saphyr::from_str(&ours)
        .map_err(|e| TestCaseError::fail(format!("serde_saphyr cannot read\n{ours}\n{e}")))?;
    prop_assert_eq!(&back, value, "read back differs from\n{}", ours);
    let theirs = serde_saphyr::to_string(value).expect("serde_saphyr writes it");
    prop_assert_eq!(ours, theirs);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_fact_file_round_trips_with_the_same_bytes(f in fact_file()) {
        round_trips(&f)?;
    }

    #[test]
    fn any_string_in_any_position_round_trips_with_the_same_bytes(s in nasty()) {
        round_trips(&positions(&s))?;
        round_trips(&s)?;
        round_trips(&vec![s.clone()])?;
        round_trips(&Some(s))?;
    }
}

#[test]
fn every_listed_piece_alone_and_doubled() {
    for p in PIECES {
        for s in [
            p.to_string(),
            format!("{p}{p}"),
            format!("a{p}"),
            format!("{p}a"),
            format!("a{p}b"),
        ] {
            round_trips(&positions(&s)).unwrap_or_else(|e| panic!("{s:?}: {e}"));
            round_trips(&s).unwrap_or_else(|e| panic!("{s:?}: {e}"));
        }
    }
}

#[test]
fn long_lines_fold_like_serde_saphyr() {
    let word = "abcdefghij";
    for n in 75..90 {
        for sep in [" ", "  ", "   ", "\t", " \t", "\u{3000}"] {
            let s: String = std::iter::repeat_n(word, n / 10 + 2)
                .collect::<Vec<_>>()
                .join(sep);
            let s = format!("{}{}", &"x".repeat(n % 10), s);
            round_trips(&positions(&s)).unwrap_or_else(|e| panic!("{s:?}: {e}"));
            round_trips(&format!("{s} ")).unwrap();
            round_trips(&format!("{s}\n")).unwrap();
            round_trips(&format!("  {s}\n\n")).unwrap();
        }
    }
}

/// Shapes beyond the fact file: all the same bytes, the unmodelled ones
/// by handing the value to serde_saphyr.
#[test]
fn other_shapes_match_or_fall_back() {
    #[derive(Serialize)]
    enum E {
        Unit,
        New(u8),
        Tuple(u8, String),
        Struct { a: Vec<u8> },
    }
    #[derive(Serialize)]
    struct Empty {}
    #[derive(Serialize)]
    struct Wrap(String);
    #[derive(Serialize)]
    struct Shapes {
        unit: (),
        empty: Empty,
        empty_map: BTreeMap<String, u8>,
        empty_seq: Vec<u8>,
        tuple: (u8, i64, f32, char),
        wrap: Wrap,
        e: E,
        nested_empty: Vec<Vec<u8>>,
        maps: Vec<BTreeMap<String, Vec<u8>>>,
        floats: Vec<f64>,
        ints: (i8, i128, u128),
    }
    let shapes = Shapes {
        unit: (),
        empty: Empty {},
        empty_map: BTreeMap::new(),
        empty_seq: vec![],
        tuple: (1, -2, 0.1, '#'),
        wrap: Wrap("w".into()),
        e: E::Unit,
        nested_empty: vec![vec![], vec![1], vec![]],
        maps: vec![
            BTreeMap::new(),
            [("k".to_string(), vec![])].into_iter().collect(),
        ],
        floats: vec![
            0.0,
            -0.0,
            1.0,
            1e16,
            1.5e-7,
            123456.789,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            5e-324,
        ],
        ints: (i8::MIN, i128::MIN, u128::MAX),
    };
    assert_same(&shapes, "shapes");
    assert_same(&E::New(1), "newtype variant");
    assert_same(
        &vec![E::Tuple(1, "a".into()), E::Struct { a: vec![1] }],
        "variants",
    );
    assert_same(&BTreeMap::from([(1u8, 2u8)]), "integer keys");
    assert_same(&BTreeMap::from([("k".repeat(1100), 1u8)]), "long key");
    assert_same(&serde_saphyr::FlowSeq(vec![1, 2]), "a serde_saphyr wrapper");
    for v in [&[] as &[u8], &[1]] {
        assert_same(&v, "bytes as a sequence");
    }
    assert_same(&(), "root unit");
    assert_same(&Empty {}, "root empty map");
    assert_same(&Vec::<u8>::new(), "root empty seq");
    assert_same(&vec![vec![vec!["a"]]], "nested sequences");
}

/// The one layout that differs (see `MapW::finish`): a map that announces
/// entries and writes none. Both forms read back as an empty map.
#[test]
fn a_map_whose_length_hint_lies_is_still_an_empty_map() {
    use serde::ser::SerializeMap;
    struct Liar;
    impl Serialize for Liar {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_map(Some(1))?.end()
        }
    }
    let v = BTreeMap::from([("k", Liar)]);
    let ours = yaml::to_string(&v).unwrap();
    let theirs = serde_saphyr::to_string(&v).unwrap();
    assert_eq!(ours, "k: {}\n");
    assert_eq!(theirs, "k:\n  {}\n");
    for text in [ours, theirs] {
        let back: BTreeMap<String, BTreeMap<String, String>> =
            serde_saphyr::from_str(&text).unwrap();
        assert_eq!(back, BTreeMap::from([("k".to_string(), BTreeMap::new())]));
    }
}
