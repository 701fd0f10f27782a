//! The adversarial corpus, run against the real binary.
//!
//! Two sets go through `shared/eval/adversarial/run.py` (Python 3 with
//! PyYAML; html5lib is used for the HTML safety rules when installed):
//! the shared corpus (`$FACTBRIEF_SHARED/eval/adversarial`, by default
//! `../shared` beside the repository) and this repository's own cases in
//! `tests/fixtures/adversarial/`. Every case must pass. A missing Python,
//! PyYAML or corpus is a failure with a message, never a skip: a suite that
//! silently stops checking hostile input is worse than none.

use std::path::{Path, PathBuf};
use std::process::Command;

fn shared_dir() -> PathBuf {
    std::env::var_os("FACTBRIEF_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared")))
}

fn run_py() -> PathBuf {
    let script = shared_dir().join("eval/adversarial/run.py");
    assert!(
        script.is_file(),
        "the adversarial checker {} is missing: set FACTBRIEF_SHARED to the folder holding eval/adversarial/",
        script.display()
    );
    let probe = Command::new("python3")
        .args(["-c", "import yaml"])
        .output()
        .unwrap_or_else(|e| panic!("python3 is needed to run the adversarial corpus: {e}"));
    assert!(
        probe.status.success(),
        "python3 cannot import yaml: install PyYAML (Debian: python3-yaml; html5lib too: python3-html5lib)\n{}",
        String::from_utf8_lossy(&probe.stderr)
    );
    script
}

/// Runs the checker on one corpus; returns (passed, its output).
fn run_corpus(cases: Option<&Path>) -> (bool, String) {
    let mut cmd = Command::new("python3");
    cmd.arg(run_py())
        .arg("--bin")
        .arg(env!("CARGO_BIN_EXE_factbrief"));
    if let Some(c) = cases {
        cmd.arg("--cases").arg(c);
    }
    if std::env::var_os("FACTBRIEF_ADVERSARIAL_VERBOSE").is_some() {
        cmd.arg("-v");
    }
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run python3 run.py: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[test]
fn shared_adversarial_corpus() {
    let (ok, text) = run_corpus(None);
    println!("{text}");
    assert!(ok, "shared adversarial corpus failed:\n{text}");
}

#[test]
fn own_adversarial_cases() {
    let cases = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/adversarial");
    let (ok, text) = run_corpus(Some(&cases));
    println!("{text}");
    assert!(ok, "tests/fixtures/adversarial failed:\n{text}");
}
