//! Diagnostics: one message about one input, with where and what to do.
//!
//! A diagnostic names the file and the 1-based line and column, shows the
//! source line with a caret under the span (width-aware, so a caret under
//! Chinese text lines up), and may carry a hint. Soft errors are collected
//! and printed; they never stop the run (ripgrep's `messages.rs` habit).

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: Option<PathBuf>,
    /// 1-based line and column (characters).
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    /// The source line the position is on, shown with a caret.
    pub source_line: Option<String>,
    /// Width of the caret in characters (at least 1).
    pub span_chars: usize,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: None,
            line: None,
            column: None,
            message: message.into(),
            source_line: None,
            span_chars: 1,
            hint: None,
        }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    pub fn at_path(mut self, path: impl AsRef<Path>) -> Self {
        self.path = Some(path.as_ref().to_path_buf());
        self
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    pub fn with_source_line(mut self, line: impl Into<String>, span_chars: usize) -> Self {
        self.source_line = Some(line.into());
        self.span_chars = span_chars.max(1);
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:column` (as far as known).
    pub fn location(&self) -> String {
        let mut s = self
            .path
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        if let Some(line) = self.line {
            s.push_str(&format!(":{line}"));
            if let Some(col) = self.column {
                s.push_str(&format!(":{col}"));
            }
        }
        s
    }
}

impl Diagnostic {
    /// The diagnostic as a person reads it, rustc-style: the message, the
    /// `--> path:line:column` origin, the source line with a caret under the
    /// span (as wide as the text it marks, so it lines up under Chinese), and
    /// the hint. `color` adds ANSI styles; callers decide (terminal, `NO_COLOR`).
    ///
    /// Rendering is [`annotate_snippets`], the renderer rustc and cargo use:
    /// tabs, wide characters, long lines and colours are its problem, not ours.
    pub fn render(&self, color: bool) -> String {
        use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let path = self.path.as_ref().map(|p| p.display().to_string());
        let mut group = Group::with_title(level.primary_title(self.message.as_str()));
        match (&self.source_line, self.line, self.column) {
            (Some(src), Some(line), Some(col)) => {
                // The span, as bytes of the shown line: `column` and
                // `span_chars` count characters.
                let byte_at = |chars: usize| {
                    src.char_indices()
                        .nth(chars)
                        .map(|(i, _)| i)
                        .unwrap_or(src.len())
                };
                let start = byte_at(col.saturating_sub(1));
                let end = byte_at(col.saturating_sub(1) + self.span_chars.max(1));
                let mut snippet = Snippet::source(src.as_str())
                    .line_start(line)
                    .fold(false)
                    .annotation(AnnotationKind::Primary.span(start..end.max(start)));
                if let Some(p) = &path {
                    snippet = snippet.path(p.as_str());
                }
                group = group.element(snippet);
            }
            _ => {
                if let Some(p) = &path {
                    let mut origin = Origin::path(p.as_str());
                    if let Some(line) = self.line {
                        origin = origin.line(line);
                        if let Some(col) = self.column {
                            origin = origin.char_column(col);
                        }
                    }
                    group = group.element(origin);
                }
            }
        }
        // With a location the hint is rustc's `= hint:` footer; with none,
        // the renderer would draw an empty gutter above it, so the same
        // line is written here.
        let mut loose_hint = None;
        if let Some(hint) = &self.hint {
            if path.is_some() || self.source_line.is_some() {
                group = group.element(Level::HELP.with_name("hint").message(hint.as_str()));
            } else {
                loose_hint = Some(hint);
            }
        }
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let mut out = renderer.render(&[group]);
        out.push('\n');
        if let Some(hint) = loose_hint {
            let (on, off) = if color {
                ("\x1b[1;96m", "\x1b[0m")
            } else {
                ("", "")
            };
            out.push_str(&format!(" = {on}hint{off}: {hint}\n"));
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

/// The candidate closest to `word`, if it is close enough to be a typo
/// (edit distance at most 2, and less than the word's length).
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .filter(|(d, _)| *d <= 2 && *d < word.chars().count())
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Edit distance between two short words, case-insensitive: insertions,
/// deletions, substitutions and swaps of neighbours (`titel` → `title` is 1)
/// each cost 1 (optimal string alignment).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.to_lowercase().chars().collect();
    let b: Vec<char> = b.to_lowercase().chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_is_width_aware_under_chinese() {
        let d = Diagnostic::error("bad")
            .at_path("a.md")
            .at(3, 2)
            .with_source_line("约20万块", 3);
        // 约 is two columns wide, so the caret starts after two spaces and
        // is four wide under 20万.
        assert_eq!(
            d.to_string(),
            "error: bad\n --> a.md:3:2\n  |\n3 | 约20万块\n  |   ^^^^\n"
        );
    }

    #[test]
    fn without_source_line_or_position() {
        let d = Diagnostic::warning("no line")
            .at_path("a.md")
            .at(4, 7)
            .with_hint("do this");
        assert_eq!(
            d.to_string(),
            "warning: no line\n--> a.md:4:7\n = hint: do this\n"
        );
        let d = Diagnostic::error("no path").with_hint("do that");
        assert_eq!(d.to_string(), "error: no path\n = hint: do that\n");
        assert_eq!(Diagnostic::error("bare").to_string(), "error: bare\n");
    }

    #[test]
    fn colour_only_when_asked() {
        let d = Diagnostic::error("bad").at_path("a.md");
        assert!(!d.render(false).contains('\x1b'));
        assert!(d.render(true).contains("\x1b["));
    }

    #[test]
    fn suggestions() {
        assert_eq!(
            did_you_mean("base_ulr", &["title", "base_url"]),
            Some("base_url")
        );
        assert_eq!(did_you_mean("Titel", &["title", "base_url"]), Some("title"));
        assert_eq!(did_you_mean("xy", &["title"]), None);
        assert_eq!(edit_distance("titel", "title"), 1);
        assert_eq!(edit_distance("site", "site"), 0);
    }
}
