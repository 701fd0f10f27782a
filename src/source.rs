//! Scanning the articles folder: which files are articles, in a fixed order.
//!
//! Articles are `.md` and `.markdown` files outside hidden files and
//! folders, sorted by path so every build sees them in the same order.
//! Symbolic links are not followed (not even to files inside the folder,
//! which the walk reaches by their real path anyway): nothing outside the
//! folder is read, and a link loop cannot make the walk run forever. Links,
//! FIFOs and devices named like articles, and unreadable entries, become
//! warnings; the walk goes on. A folder named `x.md` is walked like any
//! folder.

use crate::diagnostic::Diagnostic;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// Is this file name an article's?
pub fn is_article_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    !name.starts_with('.') && (lower.ends_with(".md") || lower.ends_with(".markdown"))
}

/// The article files under `root` (or `root` itself when it is a file).
pub fn scan(root: &Path) -> Result<(Vec<PathBuf>, Vec<Diagnostic>), Diagnostic> {
    let meta = std::fs::metadata(root).map_err(|e| {
        Diagnostic::error(format!("cannot read the articles folder: {e}"))
            .at_path(root)
            .with_hint(
                "pass the folder that holds your .md articles, e.g. `factbrief build articles`",
            )
    })?;
    if meta.is_file() {
        return Ok((vec![root.to_path_buf()], Vec::new()));
    }
    let mut files = Vec::new();
    let mut warnings = Vec::new();
    let walker = WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        match entry {
            Ok(e) => {
                let name = e.file_name().to_string_lossy();
                if e.file_type().is_file() && is_article_name(&name) {
                    files.push(e.into_path());
                } else if e.path_is_symlink() && is_article_name(&name) {
                    warnings.push(
                        Diagnostic::warning("symbolic link not followed; skipped")
                            .at_path(e.path())
                            .with_hint("copy the article into the folder instead of linking it"),
                    );
                } else if !e.file_type().is_dir() && is_article_name(&name) {
                    // A FIFO would block the build forever; a device is not text.
                    warnings.push(
                        Diagnostic::warning(
                            "not a regular file (a FIFO, socket or device); skipped",
                        )
                        .at_path(e.path()),
                    );
                }
            }
            Err(err) => {
                let path = err
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| root.to_path_buf());
                warnings.push(Diagnostic::warning(format!("cannot read: {err}")).at_path(path));
            }
        }
    }
    files.sort();
    Ok((files, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_names() {
        assert!(is_article_name("a.md"));
        assert!(is_article_name("a.markdown"));
        assert!(is_article_name("A.MD"));
        assert!(!is_article_name(".hidden.md"));
        assert!(!is_article_name("draft.md~"));
        assert!(!is_article_name("notes.txt"));
    }
}
