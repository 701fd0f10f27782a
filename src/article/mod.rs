//! Articles: one Markdown file read, its front matter parsed, its body cut
//! into text blocks with exact positions.
//!
//! `load` never panics on bad input: an empty, binary, oversized or
//! ill-formed file becomes a [`Diagnostic`] naming the file and line, and the
//! caller skips that article.

pub mod blocks;
pub mod frontmatter;

use crate::diagnostic::Diagnostic;
use crate::span::LineIndex;
pub use blocks::{Block, BlockKind};
pub use frontmatter::FrontMatter;
use std::path::{Path, PathBuf};

/// An article ready for extraction.
#[derive(Debug, Clone)]
pub struct Article {
    /// Path of the file (as found by the scan or given on the command line).
    pub path: PathBuf,
    /// The file's text, BOM removed. All spans index into this.
    pub source: String,
    pub front: FrontMatter,
    /// Byte offset where the Markdown body starts.
    pub body_start: usize,
    pub blocks: Vec<Block>,
    pub lines: LineIndex,
    /// Non-fatal remarks about this article (unknown front-matter keys …).
    pub warnings: Vec<Diagnostic>,
}

impl Article {
    pub fn body(&self) -> &str {
        &self.source[self.body_start..]
    }

    /// 1-based (line, column) of a byte offset in `source`.
    pub fn location(&self, offset: usize) -> (usize, usize) {
        self.lines.location(&self.source, offset)
    }
}

/// Limits on what one article may cost.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Larger files are skipped with a diagnostic.
    pub max_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 4 * 1024 * 1024,
        }
    }
}

/// Why an article was skipped.
#[derive(Debug, Clone)]
pub struct Skip {
    /// The file could not be read as text at all (missing, binary, not
    /// UTF-8), as opposed to a readable article with a problem in it.
    pub unreadable: bool,
    pub diagnostic: Diagnostic,
}

impl Skip {
    fn invalid(diagnostic: Diagnostic) -> Self {
        Skip {
            unreadable: false,
            diagnostic,
        }
    }

    fn unreadable(diagnostic: Diagnostic) -> Self {
        Skip {
            unreadable: true,
            diagnostic,
        }
    }
}

impl std::fmt::Display for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.diagnostic.fmt(f)
    }
}

/// Reads and parses one article file.
pub fn load(path: &Path, limits: Limits) -> Result<Article, Skip> {
    let meta = std::fs::metadata(path).map_err(|e| {
        Skip::unreadable(Diagnostic::error(format!("cannot read the article: {e}")).at_path(path))
    })?;
    if meta.len() > limits.max_bytes {
        return Err(Skip::invalid(
            Diagnostic::error(format!(
                "article is {} bytes, over the limit of {} bytes; skipped",
                meta.len(),
                limits.max_bytes
            ))
            .at_path(path)
            .with_hint("split the article, or raise the limit with --max-article-bytes"),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        Skip::unreadable(Diagnostic::error(format!("cannot read the article: {e}")).at_path(path))
    })?;
    parse(path, bytes)
}

/// Parses article bytes (from a file or stdin).
pub fn parse(path: &Path, bytes: Vec<u8>) -> Result<Article, Skip> {
    let text = decode(path, bytes).map_err(Skip::unreadable)?;
    parse_text(path, text).map_err(Skip::invalid)
}

fn parse_text(path: &Path, text: String) -> Result<Article, Diagnostic> {
    let lines = LineIndex::new(&text);
    if text.trim().is_empty() {
        return Err(Diagnostic::error("article is empty; skipped")
            .at_path(path)
            .with_hint(
                "an article needs a front matter block with a `title` or some Markdown text",
            ));
    }
    let (front, body_start) = match frontmatter::split(&text) {
        Some(split) => {
            let fm = frontmatter::parse(split.yaml, split.yaml_first_line).map_err(|mut d| {
                d.path = Some(path.to_path_buf());
                if let Some(line) = d.line {
                    d.source_line = Some(lines.line_text(&text, line).to_string());
                }
                d
            })?;
            (fm, split.body_start)
        }
        None => (FrontMatter::default(), 0),
    };
    let body = &text[body_start..];
    if body.trim().is_empty() && front.title.is_none() {
        return Err(
            Diagnostic::error("article has neither a title nor any text; skipped")
                .at_path(path)
                .at(1, 1)
                .with_hint("add `title:` to the front matter or write the article below it"),
        );
    }
    let mut warnings = Vec::new();
    for key in front.extra.keys() {
        if let Some(known) = frontmatter::suggest(key) {
            let line = find_key_line(&text, body_start, key);
            let mut d = Diagnostic::warning(format!("unknown front-matter key `{key}`"))
                .at_path(path)
                .with_hint(format!("did you mean `{known}:`?"));
            if let Some(line) = line {
                d = d
                    .at(line, 1)
                    .with_source_line(lines.line_text(&text, line), key.chars().count());
            }
            warnings.push(d);
        }
    }
    let blocks = blocks::segment(body, body_start);
    Ok(Article {
        path: path.to_path_buf(),
        source: text,
        front,
        body_start,
        blocks,
        lines,
        warnings,
    })
}

fn find_key_line(text: &str, body_start: usize, key: &str) -> Option<usize> {
    text[..body_start]
        .lines()
        .position(|l| l.trim_start().starts_with(&format!("{key}:")))
        .map(|i| i + 1)
}

/// UTF-8 only; a BOM is dropped; binary content is refused.
fn decode(path: &Path, mut bytes: Vec<u8>) -> Result<String, Diagnostic> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    if looks_binary(&bytes) {
        return Err(
            Diagnostic::error("file is binary, not a Markdown article; skipped")
                .at_path(path)
                .with_hint("only UTF-8 text files named .md or .markdown are articles"),
        );
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.into_bytes();
        let prefix = String::from_utf8_lossy(&bytes[..valid]);
        let line = prefix.matches('\n').count() + 1;
        let col = prefix
            .rsplit('\n')
            .next()
            .map(|l| l.chars().count())
            .unwrap_or(0)
            + 1;
        Diagnostic::error(format!("invalid UTF-8 at byte {valid}; skipped"))
            .at_path(path)
            .at(line, col)
            .with_hint("save the article as UTF-8 (GBK and Big5 files must be converted first)")
    })
}

fn looks_binary(bytes: &[u8]) -> bool {
    const MAGIC: &[&[u8]] = &[
        b"\x89PNG",
        b"GIF8",
        b"\xFF\xD8\xFF",
        b"%PDF",
        b"PK\x03\x04",
        b"\x7FELF",
    ];
    if MAGIC.iter().any(|m| bytes.starts_with(m)) {
        return true;
    }
    // A NUL in the first 8 KiB is not text.
    bytes.iter().take(8192).any(|&b| b == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn art(src: &str) -> Article {
        parse(Path::new("t.md"), src.as_bytes().to_vec()).unwrap()
    }

    #[test]
    fn blocks_map_back_to_source() {
        let a = art("---\ntitle: t\n---\n# 标题\n\n由**2048张H800 GPU**组成的集群。\n\n- 项目 约5000 GPU小时\n");
        let texts: Vec<&str> = a.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "标题",
                "由2048张H800 GPU组成的集群。",
                "项目 约5000 GPU小时"
            ]
        );
        let b = &a.blocks[1];
        let start = b.text.find("2048").unwrap();
        let end = start + "2048张H800 GPU".len();
        let r = b.source_range(start..end);
        assert_eq!(&a.source[r.clone()], "2048张H800 GPU");
        assert_eq!(a.location(r.start), (6, 4));
    }

    #[test]
    fn table_cells_know_their_row() {
        let a = art("| 模型 | 芯片 |\n|---|---|\n| Llama 3 | 16384块H100 |\n");
        let cells: Vec<_> = a
            .blocks
            .iter()
            .map(|b| (b.text.as_str(), b.table_row))
            .collect();
        assert_eq!(cells[2], ("Llama 3", Some((1, 2))));
        assert_eq!(cells[3], ("16384块H100", Some((1, 2))));
    }

    #[test]
    fn soft_breaks_join_chinese_without_space() {
        let a = art("训练动用了\n约20万块H100。\nAbout\n200,000 GPUs.\n");
        assert_eq!(
            a.blocks[0].text,
            "训练动用了约20万块H100。About 200,000 GPUs."
        );
    }

    #[test]
    fn binary_and_empty_files_are_diagnostics() {
        let png = parse(Path::new("chart.md"), b"\x89PNG\r\n\x1a\n\0\0".to_vec()).unwrap_err();
        assert!(png.unreadable && png.diagnostic.message.contains("binary"));
        let empty = parse(Path::new("empty.md"), b"  \n".to_vec()).unwrap_err();
        assert!(!empty.unreadable && empty.diagnostic.message.contains("empty"));
        let bad = parse(Path::new("gbk.md"), b"title\n\xB0\xA1".to_vec())
            .unwrap_err()
            .diagnostic;
        assert_eq!((bad.line, bad.column), (Some(2), Some(1)));
    }
}
