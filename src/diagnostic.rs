//! Diagnostics: one message about one input, with where and what to do.
//!
//! A diagnostic names the file and the 1-based line and column, shows the
//! source line with a caret under the span (width-aware, so a caret under
//! Chinese text lines up), and may carry a hint. Soft errors are collected
//! and printed; they never stop the run (ripgrep's `messages.rs` habit).

use std::fmt;
use std::path::{Path, PathBuf};
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
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

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let loc = self.location();
        if loc.is_empty() {
            writeln!(f, "{level}: {}", self.message)?;
        } else {
            writeln!(f, "{level}: {loc}: {}", self.message)?;
        }
        if let (Some(src), Some(line), Some(col)) = (&self.source_line, self.line, self.column) {
            let gutter = line.to_string();
            let pad = " ".repeat(gutter.len());
            // Replace tabs so the caret stays under the right character.
            let shown = src.replace('\t', " ");
            let before: String = shown.chars().take(col.saturating_sub(1)).collect();
            let under: String = shown
                .chars()
                .skip(col.saturating_sub(1))
                .take(self.span_chars)
                .collect();
            let caret_width = UnicodeWidthStr::width(under.as_str()).max(1);
            writeln!(f, "{pad} |")?;
            writeln!(f, "{gutter} | {shown}")?;
            writeln!(
                f,
                "{pad} | {}{}",
                " ".repeat(UnicodeWidthStr::width(before.as_str())),
                "^".repeat(caret_width)
            )?;
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "  = hint: {hint}")?;
        }
        Ok(())
    }
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
        let s = d.to_string();
        assert!(s.starts_with("error: a.md:3:2: bad\n"), "{s}");
        // 约 is two columns wide, so the caret starts after two spaces.
        assert!(s.contains("\n  |   ^^^^\n"), "{s}");
    }
}
