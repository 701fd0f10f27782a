//! `factbrief dataset lint`: every problem in a dataset, in one run.

use super::{Exit, Reporter};
use crate::dataset::{self, lint};
use std::path::Path;

pub fn lint(dir: Option<&Path>, r: Reporter) -> Exit {
    let sources = match dir {
        Some(d) => match dataset::folder_sources(d) {
            Ok(s) => s,
            Err(d) => {
                r.emit(&d);
                return Exit::Failed;
            }
        },
        None => dataset::default_sources(),
    };
    let problems = lint::lint(&sources);
    for d in &problems {
        r.emit(d);
    }
    let errors = problems.iter().filter(|d| d.is_error()).count();
    let warnings = problems.len() - errors;
    let what = dir
        .map(|d| d.display().to_string())
        .unwrap_or_else(|| "the built-in dataset".into());
    if errors > 0 {
        r.emit(&crate::diagnostic::Diagnostic::error(format!(
            "{what}: {errors} error(s), {warnings} warning(s) in {} file(s)",
            sources.len()
        )));
        Exit::Failed
    } else {
        r.info(&format!(
            "{what}: {} file(s) ok, {warnings} warning(s)",
            sources.len()
        ));
        Exit::Ok
    }
}
