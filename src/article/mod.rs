//! Articles: one Markdown file read, its front matter parsed, its body cut
//! into text blocks with exact positions.
//!
//! `load` never panics on bad input: an empty, binary, oversized or
//! ill-formed file becomes a [`Diagnostic`] naming the file and line, and the
//! caller skips that article.

pub mod blocks;
pub mod decode;
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
    /// The file's text as decoded (BOM dropped, line endings normalised,
    /// controls removed: see [`decode`]). All spans index into this.
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
    if !meta.is_file() {
        return Err(Skip::unreadable(
            Diagnostic::error("not a regular file (a folder, FIFO or device); skipped")
                .at_path(path),
        ));
    }
    // Read at most one byte over the limit: the file may grow after `metadata`.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .and_then(|f| {
            use std::io::Read;
            f.take(limits.max_bytes + 1).read_to_end(&mut bytes)
        })
        .map_err(|e| {
            Skip::unreadable(
                Diagnostic::error(format!("cannot read the article: {e}")).at_path(path),
            )
        })?;
    if bytes.len() as u64 > limits.max_bytes {
        return Err(Skip::invalid(
            Diagnostic::error(format!(
                "article is over the limit of {} bytes; skipped",
                limits.max_bytes
            ))
            .at_path(path),
        ));
    }
    parse(path, bytes)
}

/// Parses article bytes (from a file or stdin).
pub fn parse(path: &Path, bytes: Vec<u8>) -> Result<Article, Skip> {
    let decoded = decode::decode(path, bytes).map_err(Skip::unreadable)?;
    let mut article = parse_text(path, decoded.text).map_err(Skip::invalid)?;
    let mut warnings = decoded.warnings;
    warnings.append(&mut article.warnings);
    article.warnings = warnings;
    Ok(article)
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
    let mut warnings = Vec::new();
    let located = |mut d: Diagnostic| {
        d.path = Some(path.to_path_buf());
        if let Some(line) = d.line {
            d.source_line = Some(lines.line_text(&text, line).to_string());
        }
        d
    };
    let (front, body_start) = match frontmatter::split(&text) {
        Ok(Some(split)) => {
            let (fm, notes) =
                frontmatter::parse_checked(split.yaml, split.yaml_first_line).map_err(located)?;
            warnings.extend(notes.into_iter().map(located));
            (fm, split.body_start)
        }
        Ok(None) => (FrontMatter::default(), 0),
        Err(d) => return Err(located(d)),
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
    // A handful of typo hints is useful; thousands are noise (and each
    // costs a scan of the front matter).
    for key in front.extra.keys().take(20) {
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
    let mut blocks = blocks::segment(body, body_start);
    let mut bidi_line = None;
    for b in &mut blocks {
        if neutralise_bidi(&mut b.text) && bidi_line.is_none() {
            bidi_line = Some(lines.line(b.source_offset(0)));
        }
    }
    if let Some(line) = bidi_line {
        warnings.push(
            Diagnostic::warning(
                "bidi control characters (U+202A-U+202E, U+2066-U+2069) in the text: removed from the output; digits inside an override are not read as figures",
            )
            .at_path(path)
            .at(line, 1)
            .with_hint("text whose display order differs from its stored order cannot be checked"),
        );
    }
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

/// Neutralises bidi controls in a block's plain text, keeping byte lengths
/// (so the block's map to the source stays exact): each control becomes
/// spaces, and each digit inside a directional override (U+202D, U+202E),
/// whose display order is not its stored order, becomes `#`. Returns
/// whether anything was changed.
fn neutralise_bidi(text: &mut String) -> bool {
    if !text.chars().any(decode::is_bidi_control) {
        return false;
    }
    // Stack of open controls: true for an override. Capped at the bidi
    // algorithm's own maximum depth (125; deeper pushes overflow and are
    // ignored), which also keeps this linear.
    const MAX_BIDI_DEPTH: usize = 125;
    let mut open: Vec<(char, bool)> = Vec::new();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if decode::is_bidi_control(c) {
            match c {
                '\u{202D}' | '\u{202E}' if open.len() < MAX_BIDI_DEPTH => open.push((c, true)),
                '\u{202A}' | '\u{202B}' | '\u{2066}'..='\u{2068}'
                    if open.len() < MAX_BIDI_DEPTH =>
                {
                    open.push((c, false))
                }
                '\u{202C}' => {
                    if let Some(i) = open
                        .iter()
                        .rposition(|(o, _)| !('\u{2066}'..='\u{2068}').contains(o))
                    {
                        open.truncate(i);
                    }
                }
                '\u{2069}' => {
                    if let Some(i) = open
                        .iter()
                        .rposition(|(o, _)| ('\u{2066}'..='\u{2068}').contains(o))
                    {
                        open.truncate(i);
                    }
                }
                _ => {}
            }
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else if c.is_numeric() && open.iter().any(|&(_, ovr)| ovr) {
            out.extend(std::iter::repeat_n('#', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    *text = out;
    true
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
    fn bidi_digits_are_not_readable_and_deep_nesting_is_linear() {
        let a = art("x \u{202E}8402\u{202C} 块, \u{2067}12\u{2069} ok");
        assert_eq!(a.blocks[0].text, "x    ####    块,    12    ok");
        assert!(a.warnings.iter().any(|w| w.message.contains("bidi")));
        let deep = format!("{}{}", "\u{202E}".repeat(300_000), "1".repeat(300_000));
        let t = std::time::Instant::now();
        let a = art(&deep);
        assert!(t.elapsed().as_secs() < 10, "{:?}", t.elapsed());
        assert!(!a.blocks[0].text.contains('1'));
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
