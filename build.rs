//! Build script: turns the embedded dataset (`data/**/*.yaml`) into JSON.
//!
//! Every command loads the compiled-in dataset (3 MB of YAML, mostly the
//! Epoch AI import) before it does anything else; parsing that YAML took
//! about 0.2 s per run, more than a whole incremental rebuild may take.
//! JSON of the same documents loads an order of magnitude faster, so the
//! binary carries both: the JSON for loading, the YAML for `dataset lint`,
//! whose messages point at YAML lines. A test checks that the two load to
//! the same dataset.

use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    println!("cargo::rerun-if-changed=data");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("data");
    let _ = fs::remove_dir_all(&out);
    convert(Path::new("data"), &out);
}

fn convert(dir: &Path, out: &Path) {
    fs::create_dir_all(out).expect("create OUT_DIR/data");
    let mut entries: Vec<_> = fs::read_dir(dir)
        .expect("read data/")
        .map(|e| e.expect("read data/ entry").path())
        .collect();
    entries.sort();
    for path in entries {
        println!("cargo::rerun-if-changed={}", path.display());
        let name = path.file_name().expect("file name");
        if path.is_dir() {
            convert(&path, &out.join(name));
            continue;
        }
        if !matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        ) {
            continue;
        }
        let text = fs::read_to_string(&path).expect("dataset files are UTF-8");
        // A broken file is left for the run-time loader to report with its
        // line and column (and for the lint test to catch): the build goes on.
        let json = match serde_saphyr::from_str_with_options::<Option<serde_json::Value>>(
            &text,
            options(),
        ) {
            Ok(v) => serde_json::to_string(&v.unwrap_or(serde_json::Value::Null))
                .expect("a YAML document is valid JSON"),
            Err(_) => String::new(),
        };
        let mut target = out.join(name);
        target.set_extension("json");
        fs::write(target, json).expect("write OUT_DIR json");
    }
}

/// The loader's budget (see `yaml_options` in src/dataset/mod.rs).
fn options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = 32;
    budget.max_aliases = 1_000;
    budget.max_anchors = 1_000;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options
}
