//! `dataset lint`: every error in one run, each at file:line:column with a
//! hint; and the embedded dataset stays lint-clean.

use factbrief::dataset::lint::lint;
use factbrief::dataset::{default_sources, folder_sources, DataSource, Dataset};
use std::path::Path;

fn fixture(name: &str) -> Vec<DataSource> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/dataset")
        .join(name);
    let mut sources = folder_sources(&dir).expect("fixture folder");
    for s in &mut sources {
        // Stable paths in messages, whatever the checkout's location.
        s.path = Path::new(name).join(s.path.file_name().unwrap());
    }
    sources
}

/// `file:line:col` of every diagnostic, errors only unless `warnings`.
fn positions(diags: &[factbrief::diagnostic::Diagnostic], warnings: bool) -> Vec<String> {
    diags
        .iter()
        .filter(|d| warnings || d.is_error())
        .map(|d| format!("{} {}", d.location(), d.message))
        .collect()
}

#[test]
fn embedded_dataset_is_lint_clean() {
    let diags = lint(&default_sources());
    let shown: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
    assert!(diags.is_empty(), "{}", shown.join("\n"));
    assert!(Dataset::embedded().is_ok());
}

#[test]
fn every_error_in_one_run_with_exact_positions() {
    let diags = lint(&fixture("bad"));
    for d in &diags {
        eprintln!("{d}");
        assert!(d.hint.is_some(), "every diagnostic has a hint: {d}");
        assert!(d.line.is_some() && d.column.is_some(), "{d}");
    }
    let got = positions(&diags, true);
    let expected = [
        "bad/chips.yaml:9:7 alias `Fam` of chip `chip-a` is a family name",
        "bad/chips.yaml:14:15 `variant_of` refers to unknown chip id `chip-z`",
        "bad/chips.yaml:15:3 unknown field `colour` in a chip",
        "bad/chips.yaml:16:17 `release_year` in a chip must be a whole number, found a string",
        "bad/models.yaml:6:15 `base_model` refers to unknown model id `model-q`",
        "bad/models.yaml:8:5 a fact has no source",
        "bad/models.yaml:14:15 unknown property `training_chips` for `property` in a fact",
        "bad/models.yaml:21:12 the value of a fact must be a number, found a string",
        "bad/models.yaml:23:13 `approx` in a fact must be true or false, found a string",
        "bad/models.yaml:24:13 unknown value `rumour` for `status` in a fact",
        "bad/models.yaml:27:7 duplicate id `chip-a`",
        "bad/organisations.yaml:10:7 alias `A1` of `lab-y` is already a name of `chip-a`",
    ];
    assert_eq!(got, expected, "\n{}", got.join("\n"));
    // The warning is not an error; the rest are.
    assert_eq!(
        diags.iter().filter(|d| d.is_error()).count(),
        expected.len() - 1
    );
}

#[test]
fn hints_suggest_the_nearest_name() {
    let diags = lint(&fixture("bad"));
    let prop = diags
        .iter()
        .find(|d| d.message.contains("training_chips"))
        .unwrap();
    assert!(
        prop.hint
            .as_deref()
            .unwrap()
            .contains("did you mean `training_chip`"),
        "{prop}"
    );
    let dup = diags
        .iter()
        .find(|d| d.message.contains("duplicate id"))
        .unwrap();
    assert!(
        dup.hint.as_deref().unwrap().contains("bad/chips.yaml:2:7"),
        "{dup}"
    );
}

#[test]
fn syntax_errors_are_positioned_and_other_files_still_checked() {
    let sources = vec![
        DataSource {
            path: "a.yaml".into(),
            text: "chips:\n- id: x\n  name: [unclosed\n".into(),
            ..Default::default()
        },
        DataSource {
            path: "b.yaml".into(),
            text: "organisations:\n- id: y\n  name: Y\n  kind: ai_lab\n  parent: nobody\n".into(),
            ..Default::default()
        },
    ];
    let diags = lint(&sources);
    let got = positions(&diags, false);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(
        got[0].starts_with("a.yaml:") && got[0].contains("not valid YAML"),
        "{got:?}"
    );
    assert_eq!(
        got[1],
        "b.yaml:5:11 `parent` refers to unknown organisation id `nobody`"
    );
}

#[test]
fn a_reference_to_the_wrong_kind_of_entity() {
    let sources = vec![DataSource {
        path: "m.yaml".into(),
        text: "organisations:\n- {id: lab, name: Lab, kind: ai_lab}\nmodels:\n- id: m\n  name: M\n  kind: model\n  organisation: lab\n  cluster: [lab]\n".into(),
        ..Default::default()
    }];
    let got = positions(&lint(&sources), false);
    assert_eq!(got, ["m.yaml:8:13 `cluster` refers to `lab`, which is a organisation, not a cluster or fleet"]);
}
