//! The audit as reports: a table for people, JSON for scripts, GitHub
//! workflow commands and SARIF for CI, so a newsroom's pull request shows a
//! wrong figure on the line that states it.
//!
//! Everything here is a pure function of [`Row`]s: `check` builds the rows
//! from fact files with [`rows`] and picks a format; tests build fact files
//! by hand and compare the text.
//!
//! What each format reports:
//!
//! | verdict                        | github       | sarif level |
//! |--------------------------------|--------------|-------------|
//! | listed in `--fail-on`          | `::error`    | `error`     |
//! | contradicted / misattributed / disputed, not failing | `::warning` | `warning` |
//! | unverified, not failing        | —            | `note`      |
//! | supported                      | —            | —           |
//!
//! Unverified claims are left out of the GitHub annotations: in a corpus the
//! dataset does not cover they would bury the real findings.

use crate::model::{FactFile, VerdictStatus};
use crate::render::format::number_en;
use serde::Serialize;
use serde_json::{json, Value};
use unicode_width::UnicodeWidthStr;

/// One audited claim, flattened for reporting.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub article: String,
    pub line: usize,
    pub column: usize,
    pub claim: String,
    /// The exact surface string; its length in characters is the span.
    pub text: String,
    pub subject: Option<String>,
    pub chip: String,
    pub count: u64,
    pub approx: bool,
    pub verdict: VerdictStatus,
    /// `entity property = value chip (source title)`.
    pub reference: Option<String>,
    pub source_url: Option<String>,
    pub note: String,
    /// The verdict is one `--fail-on` lists.
    pub fails: bool,
}

/// Flattens audited fact files into rows, in article and claim order.
pub fn rows(facts: &[FactFile], fail_on: &[VerdictStatus]) -> Vec<Row> {
    let mut out = Vec::new();
    for f in facts {
        for c in &f.claims {
            let status = c
                .verdict
                .as_ref()
                .map(|v| v.status)
                .unwrap_or(VerdictStatus::Unverified);
            let reference = c.verdict.as_ref().and_then(|v| v.reference.as_ref());
            out.push(Row {
                article: f.article.path.clone(),
                line: c.line,
                column: c.column,
                claim: c.id.clone(),
                text: c.text.clone(),
                subject: c.subject.as_ref().map(|s| s.name.clone()),
                chip: c.chip.name.clone(),
                count: c.count,
                approx: c.approx,
                verdict: status,
                reference: reference.map(|rf| {
                    format!(
                        "{} {} = {} {} ({})",
                        rf.entity,
                        rf.property,
                        number_en(rf.value),
                        rf.chip,
                        rf.source.title
                    )
                }),
                source_url: reference.and_then(|rf| rf.source.url.clone()),
                note: c
                    .verdict
                    .as_ref()
                    .map(|v| v.note.en.clone())
                    .unwrap_or_default(),
                fails: fail_on.contains(&status),
            });
        }
    }
    out
}

/// The one-line message shared by the CI formats.
fn message(r: &Row) -> String {
    let mut m = format!("`{}` is {}", r.text, r.verdict.as_str());
    if let Some(s) = &r.subject {
        m.push_str(&format!(" (about {s})"));
    }
    if !r.note.is_empty() {
        m.push_str(&format!(": {}", r.note));
    }
    if let Some(rf) = &r.reference {
        m.push_str(&format!(" Record: {rf}"));
        if let Some(u) = &r.source_url {
            m.push_str(&format!(" <{u}>"));
        }
    }
    m
}

/// A column-aligned table (width-aware, so Chinese cells line up).
pub fn table(rows: &[Row]) -> String {
    let head = [
        "ARTICLE:LINE",
        "CLAIM",
        "SUBJECT",
        "CHIP",
        "VERDICT",
        "REFERENCE",
    ];
    let cells: Vec<[String; 6]> = rows
        .iter()
        .map(|r| {
            [
                format!("{}:{}", r.article, r.line),
                r.text.clone(),
                r.subject.clone().unwrap_or_else(|| "—".into()),
                r.chip.clone(),
                r.verdict.as_str().to_string(),
                r.reference.clone().unwrap_or_else(|| "—".into()),
            ]
        })
        .collect();
    let mut widths = head.map(|h| h.len());
    for row in &cells {
        for (w, c) in widths.iter_mut().zip(row.iter()).take(5) {
            *w = (*w).max(UnicodeWidthStr::width(c.as_str()));
        }
    }
    let mut out = String::new();
    let mut line = |cols: &[String]| {
        for (i, c) in cols.iter().enumerate() {
            out.push_str(c);
            if i + 1 < cols.len() {
                let pad = widths[i].saturating_sub(UnicodeWidthStr::width(c.as_str())) + 2;
                out.push_str(&" ".repeat(pad));
            }
        }
        out.push('\n');
    };
    line(&head.map(String::from));
    for row in &cells {
        line(row);
    }
    out
}

/// The rows as a pretty-printed JSON array.
pub fn json(rows: &[Row]) -> String {
    serde_json::to_string_pretty(rows).unwrap_or_else(|_| "[]".into()) + "\n"
}

/// GitHub Actions workflow commands: `::error` for each failing claim,
/// `::warning` for each other contradicted, misattributed or disputed one.
/// GitHub shows them on the pull request's diff at file, line and column.
pub fn github(rows: &[Row]) -> String {
    let mut out = String::new();
    for r in rows {
        let command = if r.fails {
            "error"
        } else if matches!(
            r.verdict,
            VerdictStatus::Contradicted | VerdictStatus::Misattributed | VerdictStatus::Disputed
        ) {
            "warning"
        } else {
            continue;
        };
        // Inclusive, as in GitHub's annotations (a one-character span has
        // col == endColumn); SARIF's is exclusive.
        let end_column = r.column + r.text.chars().count().max(1) - 1;
        out.push_str(&format!(
            "::{command} file={},line={},endLine={},col={},endColumn={},title={}::{}\n",
            gh_property(&clean_path(&r.article)),
            r.line,
            r.line,
            r.column,
            end_column,
            gh_property(&format!(
                "factbrief: {} claim {}",
                r.verdict.as_str(),
                r.claim
            )),
            gh_data(&message(r)),
        ));
    }
    out
}

/// Escaping of a workflow command's message (GitHub's `escapeData`).
fn gh_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escaping of a workflow command's property (GitHub's `escapeProperty`).
fn gh_property(s: &str) -> String {
    gh_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// `./articles/a.md` → `articles/a.md`; backslashes become slashes.
fn clean_path(p: &str) -> String {
    let p = p.replace('\\', "/");
    p.strip_prefix("./").unwrap_or(&p).to_string()
}

/// The SARIF rule of each verdict that can be reported.
const RULES: [(VerdictStatus, &str, &str, &str); 4] = [
    (
        VerdictStatus::Contradicted,
        "ContradictedClaim",
        "The claimed accelerator count contradicts the sourced record.",
        "The dataset holds this property for the claim's subject and the claimed count is outside tolerance, or it names another chip (an export variant such as H800 is a different chip from H100).",
    ),
    (
        VerdictStatus::Misattributed,
        "MisattributedClaim",
        "The claimed figure belongs to a related entity.",
        "The figure matches a fact of a related entity instead: the same organisation's other model, the base model, or the cluster rather than the model.",
    ),
    (
        VerdictStatus::Disputed,
        "DisputedClaim",
        "The record's own sources disagree about this figure.",
        "The sources in the dataset disagree with each other, or the claim matches one source and not another.",
    ),
    (
        VerdictStatus::Unverified,
        "UnverifiedClaim",
        "The dataset holds nothing to compare this claim with.",
        "No reference fact exists for this subject and property; the claim could not be checked.",
    ),
];

/// A SARIF 2.1.0 log with one run: a rule per reportable verdict and a
/// result per contradicted, misattributed, disputed or unverified claim.
/// Columns count Unicode code points (`columnKind`), as factbrief's do.
pub fn sarif(rows: &[Row]) -> Value {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|(v, name, short, full)| {
            json!({
                "id": v.as_str(),
                "name": name,
                "shortDescription": { "text": short },
                "fullDescription": { "text": full },
                "defaultConfiguration": { "level": default_level(*v) },
                "properties": { "tags": ["fact-check", "ai-compute"] },
            })
        })
        .collect();
    let results: Vec<Value> = rows
        .iter()
        .filter_map(|r| {
            let index = RULES.iter().position(|(v, ..)| *v == r.verdict)?;
            let level = if r.fails {
                "error"
            } else {
                default_level(r.verdict)
            };
            let end_column = r.column + r.text.chars().count().max(1);
            Some(json!({
                "ruleId": r.verdict.as_str(),
                "ruleIndex": index,
                "level": level,
                "message": { "text": message(r) },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {
                            "uri": uri(&clean_path(&r.article)),
                            "uriBaseId": "%SRCROOT%",
                        },
                        "region": {
                            "startLine": r.line,
                            "startColumn": r.column,
                            "endColumn": end_column,
                            "snippet": { "text": r.text },
                        },
                    },
                }],
                "partialFingerprints": {
                    "claimText/v1": format!("{}|{}|{}", clean_path(&r.article), r.text, r.verdict.as_str()),
                },
                "properties": {
                    "claim": r.claim,
                    "count": r.count,
                    "approx": r.approx,
                    "chip": r.chip,
                    "subject": r.subject,
                    "reference": r.reference,
                },
            }))
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "factbrief",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                },
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

fn default_level(v: VerdictStatus) -> &'static str {
    match v {
        VerdictStatus::Contradicted | VerdictStatus::Misattributed => "error",
        VerdictStatus::Disputed => "warning",
        VerdictStatus::Unverified | VerdictStatus::Supported => "note",
    }
}

/// A relative path as a URI reference: unreserved characters and `/` kept,
/// everything else (spaces, Chinese file names) percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::new();
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The last line of a build: what was published, what was skipped, and
/// how the claims fared, problems first and zero counts left out:
/// `built 37 briefings into out; 2 articles skipped (above); 12 claims: 5
/// contradicted, 1 misattributed, 6 supported`.
pub fn build_summary(
    built: usize,
    out: &std::path::Path,
    skipped: usize,
    tally: &[usize; 5],
) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut s = format!("built {} into {}", plural(built, "briefing"), out.display());
    if skipped > 0 {
        s.push_str(&format!("; {} skipped (above)", plural(skipped, "article")));
    }
    let total: usize = tally.iter().sum();
    if total == 0 {
        s.push_str("; no claims found");
        return s;
    }
    let order = [
        VerdictStatus::Contradicted,
        VerdictStatus::Misattributed,
        VerdictStatus::Disputed,
        VerdictStatus::Unverified,
        VerdictStatus::Supported,
    ];
    let counts: Vec<String> = order
        .iter()
        .zip(tally)
        .filter(|(_, n)| **n > 0)
        .map(|(v, n)| format!("{n} {}", v.as_str()))
        .collect();
    s.push_str(&format!(
        "; {}: {}",
        plural(total, "claim"),
        counts.join(", ")
    ));
    s
}

/// The JSON Schema (draft 2020-12) of one fact file, generated from the
/// types in [`crate::model`]; `docs/fact-file.schema.json` is this text, and
/// a test fails when the two drift apart.
pub fn fact_file_schema() -> String {
    let mut schema = schemars::schema_for!(FactFile);
    schema.insert(
        "description".into(),
        "One factbrief fact file: the claims, quantities and entities extracted from one \
         article, with the audit's verdicts (out/facts/<slug>.yaml, and each element of \
         `factbrief extract --format json`)."
            .into(),
    );
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(gh_data("50%\nx"), "50%25%0Ax");
        assert_eq!(gh_property("a:b,c"), "a%3Ab%2Cc");
        assert_eq!(
            uri("articles/深度 1.md"),
            "articles/%E6%B7%B1%E5%BA%A6%201.md"
        );
        assert_eq!(clean_path("./a\\b.md"), "a/b.md");
    }
}
