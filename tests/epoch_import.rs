//! `factbrief dataset import epoch` against Epoch AI's real snapshots in
//! shared/reference/epoch/ (the test fails if they are missing) and against
//! small broken fixtures in tests/fixtures/epoch/.

use factbrief::dataset::epoch::{self, match_key};
use factbrief::dataset::{self, DataSource, Dataset, FactValue, Property};
use std::path::{Path, PathBuf};
use std::process::Command;

const REFERENCE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/reference/epoch");
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/epoch");

fn reference(file: &str) -> PathBuf {
    let p = Path::new(REFERENCE).join(file);
    assert!(
        p.is_file(),
        "Epoch AI snapshot missing: {} (the test needs shared/reference/epoch/)",
        p.display()
    );
    p
}

/// The curated record: the compiled-in dataset without data/epoch/.
fn curated() -> Dataset {
    let sources: Vec<DataSource> = dataset::default_sources()
        .into_iter()
        .filter(|s| !s.path.starts_with("data/epoch"))
        .collect();
    Dataset::from_sources(&sources).expect("curated dataset")
}

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_factbrief"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1");
    c
}

#[test]
fn real_snapshots_import_and_map_hardware() {
    let ds = curated();
    let im = epoch::import(
        &reference("all-ml-systems.csv"),
        Some(&reference("ml-hardware.csv")),
        &ds,
    )
    .unwrap_or_else(|e| panic!("refused: {:?}", e.0));
    let s = &im.stats;
    assert_eq!(s.rows, 1892);
    assert!(s.with_quantity >= 550, "{s:?}");
    // Every row but duplicates is an entity or an extension of a curated one.
    assert_eq!(
        s.models_new + s.models_matched + s.rows_skipped,
        s.rows,
        "{s:?}"
    );
    // Variant names map to one chip.
    let ext = |id: &str| im.extends.iter().find(|x| x.id == id);
    let grok = ext("grok-3").expect("Grok-3 matched to the curated grok-3");
    assert!(grok
        .facts
        .iter()
        .any(|f| f.property == Property::TrainingChip
            && f.value == FactValue::Id("nvidia-h100".into())));
    let gpt4 = ext("gpt-4").expect("GPT-4 matched");
    assert!(gpt4
        .facts
        .iter()
        .any(|f| f.property == Property::TrainingChipCount
            && f.chip.as_deref() == Some("nvidia-a100")
            && f.value == FactValue::Number(25000.0)));
    let h100 = ext("nvidia-h100").expect("aliases for H100");
    assert!(h100.aliases.en.iter().any(|a| a == "NVIDIA H100 SXM5 80GB"));
    // DeepSeek-R1 has no hardware quantity in Epoch's table.
    if let Some(r1) = ext("deepseek-r1") {
        assert!(!r1
            .facts
            .iter()
            .any(|f| f.property == Property::TrainingChipCount));
    }
    // Unknown hardware becomes a chip flagged for review.
    assert!(im.chips.iter().all(|c| c.review.is_some()));
    assert!(im.chips.iter().any(|c| c.name == "NVIDIA GeForce RTX 3090"));
    // Every fact credits Epoch AI.
    for m in &im.models {
        for f in &m.facts {
            assert_eq!(f.source.publisher.as_deref(), Some("Epoch AI"));
        }
    }
    // The files load beside the curated record and lint clean.
    let mut sources = dataset::default_sources();
    sources.retain(|s| !s.path.starts_with("data/epoch"));
    for (name, text) in im.files(true) {
        sources.push(DataSource {
            path: format!("out/{name}").into(),
            text,
            json: None,
        });
    }
    let errors: Vec<_> = dataset::lint::lint(&sources)
        .into_iter()
        .filter(|d| d.is_error())
        .collect();
    assert!(
        errors.is_empty(),
        "{}",
        errors.iter().map(|d| d.to_string()).collect::<String>()
    );
    Dataset::from_sources(&sources).expect("imported files load");
}

#[test]
fn the_committed_snapshot_is_what_the_command_writes() {
    let out = tempfile::tempdir().unwrap();
    let st = bin()
        .args(["dataset", "import", "epoch"])
        .arg(reference("all-ml-systems.csv"))
        .arg("--hardware")
        .arg(reference("ml-hardware.csv"))
        .arg("--out")
        .arg(out.path())
        .arg("-q")
        .status()
        .unwrap();
    assert!(st.success());
    for f in [
        "models-to-2020.yaml",
        "models-2021-2023.yaml",
        "models-2024-on.yaml",
        "chips.yaml",
        "organisations.yaml",
        "extends.yaml",
    ] {
        let fresh = std::fs::read_to_string(out.path().join(f)).unwrap();
        let committed = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("data/epoch")
                .join(f),
        )
        .unwrap();
        assert!(
            fresh == committed,
            "data/epoch/{f} is stale: re-run the import"
        );
    }
}

#[test]
fn the_default_dataset_carries_epoch_and_recognises_carefully() {
    let ds = Dataset::embedded().expect("embedded dataset");
    assert!(ds.models.len() > 1500, "{}", ds.models.len());
    // Curated entities win: the curated name stays, Epoch's facts are added.
    assert_eq!(ds.entity("grok-3").unwrap().name(), "Grok 3");
    assert!(ds.facts("grok-3").len() > ds.own_facts("grok-3").len());
    // No imported name that is a common word or too short is recognised.
    let curated = curated();
    for n in ds.names() {
        if curated.entity(n.id).is_some() {
            continue;
        }
        assert!(
            epoch::recognisable(n.text) || n.text.contains(' '),
            "`{}` ({}) should not be recognised",
            n.text,
            n.id
        );
        let k = match_key(n.text);
        for w in [
            "gemini",
            "claude",
            "phi",
            "r1",
            "transformer",
            "bert",
            "gpt",
        ] {
            assert_ne!(k, w, "{} ({})", n.text, n.id);
        }
    }
}

#[test]
fn seed_verdicts_do_not_change() {
    let out = bin()
        .args([
            "check",
            "articles/deepseek-r1-vs-grok-3.md",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let verdict = |subject: &str, count: u64| {
        rows.as_array()
            .unwrap()
            .iter()
            .find(|r| r["subject"] == subject && r["count"] == count)
            .map(|r| r["verdict"].as_str().unwrap().to_string())
    };
    assert_eq!(
        verdict("DeepSeek-R1", 2000).as_deref(),
        Some("misattributed")
    );
    assert_eq!(verdict("Grok 3", 200000).as_deref(), Some("disputed"));
}

#[test]
fn diff_lists_disagreements_largest_first() {
    let ds = Dataset::embedded().unwrap();
    let d = dataset::diff::diff(&ds);
    assert!(d
        .iter()
        .any(|x| x.entity == "grok-3" && x.property == Property::TrainingChipCount));
    assert!(d
        .iter()
        .any(|x| x.entity == "gpt-4" && x.property == Property::TrainingChipCount));
    let rel: Vec<f64> = d.iter().filter_map(|x| x.relative).collect();
    assert!(rel.windows(2).all(|w| w[0] >= w[1]), "{rel:?}");
    let out = bin().args(["dataset", "diff"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("grok-3") && text.contains("Epoch") || text.contains("grok-3"));
}

fn import_fixture(name: &str) -> (i32, String, tempfile::TempDir) {
    let out = tempfile::tempdir().unwrap();
    let o = bin()
        .args(["dataset", "import", "epoch"])
        .arg(Path::new(FIXTURES).join(name))
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stderr).to_string(),
        out,
    )
}

/// Every imported model file (`models-*.yaml`, split by year), concatenated.
fn models_text(dir: &Path) -> String {
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("models") && n.ends_with(".yaml"))
        .collect();
    names.sort();
    names
        .iter()
        .map(|n| std::fs::read_to_string(dir.join(n)).unwrap())
        .collect()
}

/// How many diagnostics on `stderr` say `message` at `location`
/// (`file.csv:LINE:COL`): rustc-style, the message line is followed by a
/// `--> path:line:col` line.
fn said_at(stderr: &str, location: &str, message: &str) -> usize {
    let lines: Vec<&str> = stderr.lines().collect();
    lines
        .windows(2)
        .filter(|w| {
            w[0].contains(message)
                && w[1].trim_start().starts_with("-->")
                && w[1].ends_with(location)
        })
        .count()
}

#[test]
fn a_missing_required_column_refuses_with_exit_2() {
    let (code, err, out) = import_fixture("missing-column.csv");
    assert_eq!(code, 2, "{err}");
    assert_eq!(
        said_at(
            &err,
            "missing-column.csv:1:1",
            "required column `Organization` is missing"
        ),
        1,
        "{err}"
    );
    assert!(models_text(out.path()).is_empty());
}

#[test]
fn a_renamed_column_is_named_and_the_rest_imported() {
    let (code, err, out) = import_fixture("renamed-column.csv");
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("column `Hardware quantity` is missing"),
        "{err}"
    );
    assert!(err.contains("`Hardware qty`"), "{err}");
    assert!(models_text(out.path()).contains("Alpha-7B"));
}

#[test]
fn bad_numbers_and_dates_are_one_message_each() {
    let (code, err, out) = import_fixture("bad-numbers.csv");
    assert_eq!(code, 0, "{err}");
    for (at, want) in [
        (
            "bad-numbers.csv:2:5",
            "bad number `seven billion` in column `Parameters`",
        ),
        (
            "bad-numbers.csv:2:9",
            "bad number `lots` in column `Hardware quantity`",
        ),
        ("bad-numbers.csv:3:9", "bad number `-5`"),
        ("bad-numbers.csv:3:3", "bad date `02/03/2024x`"),
    ] {
        assert_eq!(said_at(&err, at, want), 1, "{at}: {want}\n{err}");
    }
    let models = models_text(out.path());
    assert!(models.contains("\"Delta\"") && models.contains("\"Alpha-7B\""));
    // Alpha's good compute figure is still imported.
    assert!(models.contains("training_compute"));
}

#[test]
fn duplicate_names_are_reported_and_skipped() {
    let (code, err, out) = import_fixture("duplicate.csv");
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        said_at(
            &err,
            "duplicate.csv:3:1",
            "duplicate model name `alpha 7b` (first at line 2)"
        ),
        1,
        "{err}"
    );
    let models = models_text(out.path());
    assert!(!models.contains("1024"));
}

#[test]
fn other_encodings_are_detected_and_said() {
    for (file, enc, text) in [
        ("utf16.csv", "UTF-16LE", "Café-Modèle 1B"),
        ("latin1.csv", "Latin-1", "Café-Modèle 1B"),
        ("gbk.csv", "GBK", "悟道-2.0"),
    ] {
        let (code, err, out) = import_fixture(file);
        assert_eq!(code, 0, "{err}");
        assert!(
            err.contains(&format!("it looks like {enc}")),
            "{file}: {err}"
        );
        let models = models_text(out.path());
        assert!(models.contains(text), "{file}: {models}");
    }
}

#[test]
fn unknown_hardware_is_a_new_chip_for_a_curator() {
    let (code, err, out) = import_fixture("good.csv");
    assert_eq!(code, 0, "{err}");
    let chips = std::fs::read_to_string(out.path().join("chips.yaml")).unwrap();
    assert!(
        chips.contains("Frobnicator 9000") && chips.contains("review:"),
        "{chips}"
    );
    let models = models_text(out.path());
    // Beta-2 is fine-tuned from Alpha-7B; `Gemini` alone is not recognised.
    assert!(models.contains("base_model: \"alpha-7b\""), "{models}");
    assert!(models.contains("recognize: false"), "{models}");
    // H100 SXM5 80GB maps to the record's H100.
    assert!(models.contains("\"nvidia-h100\""));
}
