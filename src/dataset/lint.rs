//! TEMPORARY placeholder on main until the `audit` branch is merged.
use super::DataSource;
use crate::diagnostic::Diagnostic;

pub fn lint(sources: &[DataSource]) -> Vec<Diagnostic> {
    sources
        .iter()
        .filter_map(|s| super::parse_file(s).err())
        .collect()
}
