//! The installed binary, run on fixture folders in `tests/fixtures/cli/`:
//! diagnostics exactly as a user sees them, the configuration file, the CI
//! report formats, the fact-file schema, completions and the man page.
//!
//! Each test copies its fixture into a temporary folder and runs
//! `factbrief` there, so relative paths in messages are the ones a user
//! would see and nothing is written into the repository.

use factbrief::model::*;
use factbrief::report::{self, Row};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_factbrief");

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A copy of `tests/fixtures/cli/<name>` in a fresh temporary folder.
fn fixture(name: &str) -> tempfile::TempDir {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            let target = to.join(e.file_name());
            if e.file_type().unwrap().is_dir() {
                copy(&e.path(), &target);
            } else {
                std::fs::copy(e.path(), target).unwrap();
            }
        }
    }
    let dir = tempfile::tempdir().unwrap();
    copy(&fixtures().join("cli").join(name), dir.path());
    dir
}

/// Runs the binary in `dir` with a clean, colourless environment.
fn run(dir: &Path, args: &[&str]) -> Output {
    run_env(dir, args, &[])
}

fn run_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

// ---- 1. diagnostics ---------------------------------------------------------

#[test]
fn bad_front_matter_type_is_shown_with_line_and_caret() {
    let dir = fixture("bad-type");
    let o = run(dir.path(), &["check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        "\
error: front matter is not valid: field `date`: invalid type: sequence, expected a single text value (a string, number or date), not a list or map
 --> articles/ledger.md:3:1
  |
3 | date: [2025, 4]
  | ^
  |
  = hint: front matter is YAML between two `---` lines, e.g. `title: ...` and `date: 2025-04-10`
checked 0 claims in 0 articles; 0 failing (contradicted, misattributed)
"
    );
}

#[test]
fn misspelt_front_matter_key_gets_did_you_mean() {
    let dir = fixture("misspelt-key");
    let o = run(dir.path(), &["check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        "\
warning: unknown front-matter key `dat`
 --> articles/ledger.md:3:1
  |
3 | dat: 2025-04-10
  | ^^^
  |
  = hint: did you mean `date:`?
checked 1 claim in 1 article; 0 failing (contradicted, misattributed)
"
    );
}

#[test]
fn colour_only_when_asked_and_never_with_no_color() {
    let dir = fixture("misspelt-key");
    let piped = run(dir.path(), &["check"]);
    assert!(
        !stderr(&piped).contains('\x1b'),
        "piped output has no colour"
    );
    let forced = run_env(dir.path(), &["check"], &[("CLICOLOR_FORCE", "1")]);
    assert!(stderr(&forced).contains("\x1b["), "{}", stderr(&forced));
    let no_color = run_env(
        dir.path(),
        &["check"],
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")],
    );
    assert!(!stderr(&no_color).contains('\x1b'), "{}", stderr(&no_color));
}

#[test]
fn quiet_silences_warnings_and_summary_verbose_lists_stages() {
    let dir = fixture("misspelt-key");
    let o = run(dir.path(), &["-q", "build"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");

    let o = run(dir.path(), &["-v", "build", "--out", "out2"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    for stage in ["dataset", "templates", "scan", "build", "total"] {
        assert!(
            err.lines().any(|l| l.trim_start().starts_with(stage)),
            "no `{stage}` stage in:\n{err}"
        );
    }
    assert!(
        err.ends_with("built 1 briefing into out2; 1 claim: 1 supported\n"),
        "{err}"
    );
}

// ---- 2. configuration -------------------------------------------------------

#[test]
fn unknown_config_key_is_an_error_with_known_keys() {
    let dir = fixture("unknown-config");
    let o = run(dir.path(), &["build"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        r#"error: unknown key `base_ulr` at the top level
 --> factbrief.toml:3:1
  |
3 | base_ulr = "https://factcheck.example.org"
  | ^^^^^^^^
  |
  = hint: did you mean `base_url`? known keys at the top level: `title`, `title_zh`, `base_url`, `publisher`, `languages`, `list_limit`, `feed_limit`, `paths`, `check`, `tolerance`
"#
    );
    assert!(!dir.path().join("out").exists(), "nothing is built");
}

#[test]
fn caret_is_as_wide_as_the_chinese_text_it_marks() {
    let dir = fixture("cjk-config");
    let o = run(dir.path(), &["build"]);
    assert_eq!(o.status.code(), Some(2));
    // 算力核查 is four characters and eight columns: the caret spans twelve.
    assert_eq!(
        stderr(&o),
        r#"error: base_url `算力核查.org` is not an absolute http(s) URL
 --> factbrief.toml:2:13
  |
2 | base_url = "算力核查.org"
  |             ^^^^^^^^^^^^
  |
  = hint: e.g. base_url = "https://factcheck.example.org"
"#
    );
}

#[test]
fn config_sets_paths_and_site_and_flags_override_it() {
    let dir = fixture("site");
    let o = run(dir.path(), &["--config", "site/factbrief.toml", "build"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        "built 2 briefings into site/../public; 2 claims: 1 disputed, 1 supported\n"
    );
    let index = std::fs::read_to_string(dir.path().join("public/index.html")).unwrap();
    assert!(index.contains("Compute Check"), "{index}");
    assert!(index.contains("算力核查"), "{index}");
    let sitemap = std::fs::read_to_string(dir.path().join("public/sitemap.xml")).unwrap();
    // The trailing slash of base_url is dropped (no `org//index.html`).
    // (The template escapes `/` as `&#x2F;`: valid XML, the renderer's call.)
    assert!(
        sitemap.contains("factcheck.example.org/index.html</loc>"),
        "{sitemap}"
    );

    // A flag beats the file.
    let o = run(
        dir.path(),
        &[
            "--config",
            "site/factbrief.toml",
            "build",
            "--out",
            "elsewhere",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(dir.path().join("elsewhere/index.html").is_file());
}

#[test]
fn fail_on_comes_from_the_config_unless_given() {
    // The site fixture has one disputed and one supported claim; its
    // factbrief.toml fails on disputed.
    let dir = fixture("site");
    let o = run(dir.path(), &["--config", "site/factbrief.toml", "check"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        "checked 2 claims in 2 articles; 1 failing (contradicted, misattributed, disputed)\n"
    );
    let o = run(
        dir.path(),
        &[
            "--config",
            "site/factbrief.toml",
            "check",
            "--fail-on",
            "contradicted",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        "checked 2 claims in 2 articles; 0 failing (contradicted)\n"
    );
}

#[test]
fn config_is_found_beside_the_articles_folder() {
    // `factbrief check site/articles` reads site/factbrief.toml, as
    // `factbrief init` lays a project out.
    let dir = fixture("site");
    std::fs::rename(
        dir.path().join("articles"),
        dir.path().join("site/articles"),
    )
    .unwrap();
    let o = run(dir.path(), &["check", "site/articles"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).ends_with("1 failing (contradicted, misattributed, disputed)\n"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_config_init_writes_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(dir.path(), &["init", "desk"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(&dir.path().join("desk"), &["-q", "check"]);
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
}

#[test]
fn missing_config_named_on_the_command_line_is_fatal() {
    let dir = fixture("site");
    let o = run(dir.path(), &["--config", "nope.toml", "check"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("error: cannot read the configuration file: "),
        "{}",
        stderr(&o)
    );
}

// ---- 4. CI formats ----------------------------------------------------------

fn reference(entity: &str, value: f64, chip: &str) -> Reference {
    Reference {
        entity: entity.into(),
        property: "training_chip_count".into(),
        value,
        value_max: None,
        chip: chip.into(),
        status: "reported".into(),
        source: SourceRef {
            title: "DeepSeek-V3 Technical Report".into(),
            url: Some("https://arxiv.org/abs/2412.19437".into()),
            publisher: None,
            date: None,
        },
    }
}

fn claim(id: &str, text: &str, line: usize, column: usize, verdict: Option<Verdict>) -> Claim {
    Claim {
        id: id.into(),
        kind: ClaimKind::AcceleratorCount,
        count: 2000,
        count_max: None,
        approx: true,
        hedge: Some("约".into()),
        chip: ChipRef {
            id: Some("nvidia-h800".into()),
            name: "NVIDIA H800".into(),
            text: "H800".into(),
        },
        subject: Some(EntityRef {
            id: Some("deepseek-r1".into()),
            name: "DeepSeek-R1".into(),
            text: "DeepSeek-R1".into(),
        }),
        role: Role::Trained,
        text: text.into(),
        quote: format!("DeepSeek-R1 用了{text}训练。"),
        line,
        column,
        verdict,
        span: 0..0,
    }
}

/// A fact file with one claim of each verdict, as the audit would write it.
fn audited() -> FactFile {
    let v = |status, reference: Option<Reference>, en: &str| {
        Some(Verdict {
            status,
            reference,
            also: Vec::new(),
            note: Bilingual {
                en: en.into(),
                zh: "见数据集。".into(),
            },
        })
    };
    FactFile {
        article: ArticleMeta {
            slug: "r1".into(),
            path: "articles/r1, v3.md".into(),
            title: "DeepSeek-R1".into(),
            lang: "zh".into(),
            date: Some("2025-04-10".into()),
            source: None,
            source_url: None,
            attribution: None,
        },
        claims: vec![
            claim(
                "c1",
                "约2000块H800",
                5,
                13,
                v(
                    VerdictStatus::Misattributed,
                    Some(reference("deepseek-v3", 2048.0, "NVIDIA H800")),
                    "2,048 H800s trained DeepSeek-V3, not R1; no count was published for R1.",
                ),
            ),
            claim(
                "c2",
                "5万块H100",
                7,
                3,
                v(
                    VerdictStatus::Contradicted,
                    Some(reference("deepseek-v3", 2048.0, "NVIDIA H800")),
                    "The record says 2,048 H800, not 50,000 H100.",
                ),
            ),
            claim(
                "c3",
                "25,000块A100",
                9,
                1,
                v(
                    VerdictStatus::Disputed,
                    None,
                    "Sources disagree: 25,000 vs 20,000.",
                ),
            ),
            claim(
                "c4",
                "1万块GPU",
                11,
                1,
                v(VerdictStatus::Unverified, None, ""),
            ),
            claim(
                "c5",
                "2,048块H800",
                12,
                4,
                v(
                    VerdictStatus::Supported,
                    Some(reference("deepseek-v3", 2048.0, "NVIDIA H800")),
                    "Matches.",
                ),
            ),
        ],
        quantities: vec![Quantity {
            kind: QuantityKind::Usd,
            value: 5_576_000.0,
            value_max: None,
            approx: false,
            unit: Some("USD".into()),
            text: "557.6万美元".into(),
            line: 12,
            span: 0..0,
        }],
        entities: vec![EntityMentions {
            kind: EntityKind::Model,
            id: "deepseek-r1".into(),
            name: "DeepSeek-R1".into(),
            mentions: vec![Mention {
                text: "DeepSeek-R1".into(),
                line: 5,
                misnomer: false,
            }],
        }],
        conflicts: vec![Conflict {
            claims: vec!["c1".into(), "c2".into()],
            note: Bilingual {
                en: "2,000 and 50,000 cannot both be R1's count.".into(),
                zh: "两个数字不能同时成立。".into(),
            },
        }],
    }
}

fn audited_rows() -> Vec<Row> {
    report::rows(
        &[audited()],
        &[VerdictStatus::Contradicted, VerdictStatus::Misattributed],
    )
}

#[test]
fn github_annotations_one_per_finding() {
    assert_eq!(
        report::github(&audited_rows()),
        "\
::error file=articles/r1%2C v3.md,line=5,endLine=5,col=13,endColumn=22,title=factbrief%3A misattributed claim c1::`约2000块H800` is misattributed (about DeepSeek-R1): 2,048 H800s trained DeepSeek-V3, not R1; no count was published for R1. Record: deepseek-v3 training_chip_count = 2,048 NVIDIA H800 (DeepSeek-V3 Technical Report) <https://arxiv.org/abs/2412.19437>
::error file=articles/r1%2C v3.md,line=7,endLine=7,col=3,endColumn=9,title=factbrief%3A contradicted claim c2::`5万块H100` is contradicted (about DeepSeek-R1): The record says 2,048 H800, not 50,000 H100. Record: deepseek-v3 training_chip_count = 2,048 NVIDIA H800 (DeepSeek-V3 Technical Report) <https://arxiv.org/abs/2412.19437>
::warning file=articles/r1%2C v3.md,line=9,endLine=9,col=1,endColumn=11,title=factbrief%3A disputed claim c3::`25,000块A100` is disputed (about DeepSeek-R1): Sources disagree: 25,000 vs 20,000.
"
    );
}

fn sarif_validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(fixtures().join("sarif-schema-2.1.0.json")).unwrap(),
    )
    .unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn assert_valid(validator: &jsonschema::Validator, doc: &Value) {
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}\n{doc:#}", errors.join("\n"));
}

#[test]
fn sarif_is_valid_sarif_2_1_0() {
    let log = report::sarif(&audited_rows());
    assert_valid(&sarif_validator(), &log);

    let run = &log["runs"][0];
    let ids: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["contradicted", "misattributed", "disputed", "unverified"]
    );
    let results = run["results"].as_array().unwrap();
    // Every claim but the supported one.
    assert_eq!(results.len(), 4);
    let first = &results[0];
    assert_eq!(first["ruleId"], "misattributed");
    assert_eq!(first["level"], "error");
    let loc = &first["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "articles/r1%2C%20v3.md");
    assert_eq!(loc["region"]["startLine"], 5);
    assert_eq!(loc["region"]["startColumn"], 13);
    // SARIF's endColumn is one past the last character: 约2000块H800 is 10.
    assert_eq!(loc["region"]["endColumn"], 13 + 10);
    assert_eq!(results[2]["level"], "warning");
    assert_eq!(results[3]["level"], "note");
    // An empty run is valid too; a wrong level is caught (the check bites).
    assert_valid(&sarif_validator(), &report::sarif(&[]));
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!sarif_validator().is_valid(&broken));
}

#[test]
fn check_formats_end_to_end() {
    // Shape and position only: the wording of notes belongs to the audit.
    let dir = fixture("site");
    let o = run(dir.path(), &["check", "articles", "--format", "sarif"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let log: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_valid(&sarif_validator(), &log);
    assert_eq!(log["runs"][0]["tool"]["driver"]["name"], "factbrief");
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1, "the supported claim is not a result");
    assert_eq!(results[0]["ruleId"], "disputed");
    assert_eq!(results[0]["level"], "warning");
    let region = &results[0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (&region["startLine"], &region["startColumn"]),
        (&6.into(), &32.into())
    );

    let o = run(dir.path(), &["check", "articles", "--format", "github"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(
        out.starts_with(
            "::warning file=articles/colossus.md,line=6,endLine=6,col=32,endColumn=49,\
             title=factbrief%3A disputed claim c1::`about 200,000 GPUs` is disputed (about Grok 3): "
        ),
        "{out}"
    );

    // With disputed failing, the same claim is an error and the exit is 1.
    let o = run(
        dir.path(),
        &[
            "check",
            "articles",
            "--format",
            "github",
            "--fail-on",
            "disputed",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).starts_with("::error file=articles/colossus.md,line=6,"));

    let o = run(dir.path(), &["check", "articles", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rows: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 2);
}

// ---- 5. the fact-file schema --------------------------------------------------

fn fact_schema() -> Value {
    serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/fact-file.schema.json"),
        )
        .unwrap(),
    )
    .unwrap()
}

#[test]
fn committed_fact_file_schema_is_current() {
    let committed = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/fact-file.schema.json"),
    )
    .unwrap();
    assert!(
        committed == report::fact_file_schema(),
        "docs/fact-file.schema.json is stale; regenerate it with\n  \
         cargo run -q -- schema > docs/fact-file.schema.json"
    );
}

#[test]
fn extract_output_matches_the_fact_file_schema() {
    let validator = jsonschema::validator_for(&fact_schema()).unwrap();
    let o = run(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &["extract", "--format", "json", "articles"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let files: Vec<Value> = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(files.len() >= 5);
    for f in &files {
        assert_valid(&validator, f);
    }
    // A fully audited fact file (every field the audit fills) is valid too,
    // and a broken one is not.
    let full = serde_json::to_value(audited()).unwrap();
    assert_valid(&validator, &full);
    let mut broken = full.clone();
    broken["claims"][0]["verdict"]["status"] = "wrong".into();
    assert!(!validator.is_valid(&broken));
}

// ---- 6. completions and man page ----------------------------------------------

#[test]
fn completions_and_man_page_are_generated() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let o = run(here, &["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}: {}", stderr(&o));
        let script = stdout(&o);
        assert!(script.contains("factbrief"), "{shell}");
        assert!(
            script.contains("fail-on"),
            "{shell}: check's flags are there"
        );
    }
    let o = run(here, &["man"]);
    assert_eq!(o.status.code(), Some(0));
    let man = stdout(&o);
    assert!(man.starts_with(".ie \\n(.g .ds Aq \\(aq"), "{man}");
    assert!(man.contains(".TH factbrief 1"), "{man}");
    assert!(man.contains("factbrief\\-check"), "{man}");
    assert!(man.contains("factbrief\\-serve"), "{man}");
    // Hidden helpers stay out of --help.
    let help = stdout(&run(here, &["--help"]));
    assert!(!help.contains("completions"), "{help}");
}
