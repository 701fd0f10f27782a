//! Text blocks: the plain text of each paragraph, list item, table cell and
//! heading, with a map back to byte offsets in the source file.
//!
//! Extraction works on plain text (no `**`, no link targets) but must report
//! spans and lines in the file a person edits, so every block keeps the
//! source offset of each run of text it was built from. The walk over
//! pulldown-cmark's events is iterative: 10,000 nested quotes cost nothing.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading,
    ListItem,
    TableCell,
}

/// A run of plain text that is a verbatim copy of `source[src..src+len]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    plain: usize,
    src: usize,
    len: usize,
    /// False when the text differs from the source (entities, escapes):
    /// offsets inside it map to the piece's start.
    verbatim: bool,
}

/// One block of plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// Plain text, inline markup removed; soft breaks between CJK characters
    /// vanish, others become a space.
    pub text: String,
    /// For table cells: the index of the row within its table, so claims in
    /// one row can share a subject. `None` elsewhere.
    pub table_row: Option<(usize, usize)>,
    pieces: Vec<Piece>,
}

impl Block {
    /// Byte offset in the source file of a byte offset in `text`.
    pub fn source_offset(&self, plain: usize) -> usize {
        let i = self.pieces.partition_point(|p| p.plain <= plain);
        if i == 0 {
            return self.pieces.first().map(|p| p.src).unwrap_or(0);
        }
        let p = self.pieces[i - 1];
        let delta = plain - p.plain;
        if p.verbatim {
            p.src + delta.min(p.len)
        } else if delta >= p.len {
            p.src + p.len
        } else {
            p.src
        }
    }

    /// Source byte range of a plain-text range.
    pub fn source_range(&self, plain: Range<usize>) -> Range<usize> {
        let start = self.source_offset(plain.start);
        if plain.end <= plain.start {
            return start..start;
        }
        // Map the last character and step past it, so a span never swallows
        // markup that follows it (`**2048张H800**`).
        let last = self.char_start(plain.end - 1);
        let end = self.source_offset(last) + (plain.end - last);
        start..end.max(start)
    }

    fn char_start(&self, mut i: usize) -> usize {
        while i > 0 && !self.text.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
}

struct Builder {
    kind: BlockKind,
    text: String,
    pieces: Vec<Piece>,
    table_row: Option<(usize, usize)>,
}

impl Builder {
    fn new(kind: BlockKind, table_row: Option<(usize, usize)>) -> Self {
        Builder {
            kind,
            text: String::new(),
            pieces: Vec::new(),
            table_row,
        }
    }

    /// Appends `text`, read from `body[range]`; `offset` is the body's
    /// offset in the file.
    fn push(&mut self, text: &str, range: Range<usize>, offset: usize, body: &str) {
        if text.is_empty() {
            return;
        }
        // The text is the source itself, or sits inside it (a code span's
        // text between its backticks): then every offset maps exactly.
        let (verbatim, at) = match body.get(range.clone()) {
            Some(src) if src == text => (true, range.start),
            Some(src) => match src.find(text) {
                Some(o) => (true, range.start + o),
                None => (false, range.start),
            },
            None => (false, range.start),
        };
        self.pieces.push(Piece {
            plain: self.text.len(),
            src: at + offset,
            len: text.len(),
            verbatim,
        });
        self.text.push_str(text);
    }

    fn soft_break(&mut self, src: usize) {
        // Between two CJK characters a line break is not a space.
        let prev_cjk = self.text.chars().last().is_some_and(is_cjk);
        if !prev_cjk && !self.text.is_empty() && !self.text.ends_with(' ') {
            self.pieces.push(Piece {
                plain: self.text.len(),
                src,
                len: 1,
                verbatim: false,
            });
            self.text.push(' ');
        }
    }

    fn finish(self) -> Option<Block> {
        if self.text.trim().is_empty() {
            return None;
        }
        Some(Block {
            kind: self.kind,
            text: self.text,
            table_row: self.table_row,
            pieces: self.pieces,
        })
    }
}

pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// Splits a Markdown body into text blocks. `offset` is the byte offset of
/// `body` in the file, so ranges come out in file coordinates.
pub fn segment(body: &str, offset: usize) -> Vec<Block> {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    opts.insert(Options::ENABLE_FOOTNOTES);
    let parser = Parser::new_ext(body, opts).into_offset_iter();
    let mut blocks = Vec::new();
    let mut cur: Option<Builder> = None;
    // Kinds of the open block containers, innermost last.
    let mut open: Vec<BlockKind> = Vec::new();
    let mut table = 0usize;
    let mut row = 0usize;
    let mut in_code_block = false;

    for (event, range) in parser {
        match event {
            Event::Start(tag) => {
                let kind = match tag {
                    Tag::Paragraph => Some(BlockKind::Paragraph),
                    Tag::Heading { .. } => Some(BlockKind::Heading),
                    Tag::Item => Some(BlockKind::ListItem),
                    Tag::TableCell => Some(BlockKind::TableCell),
                    Tag::Table(_) => {
                        table += 1;
                        row = 0;
                        None
                    }
                    Tag::TableHead | Tag::TableRow => {
                        row += 1;
                        None
                    }
                    Tag::CodeBlock(_) => {
                        in_code_block = true;
                        None
                    }
                    _ => None,
                };
                if let Some(kind) = kind {
                    // A paragraph inside a list item continues the item.
                    let inherit = kind == BlockKind::Paragraph
                        && open.last() == Some(&BlockKind::ListItem)
                        && cur.as_ref().is_some_and(|b| b.text.is_empty());
                    if !inherit {
                        if let Some(b) = cur.take() {
                            blocks.extend(b.finish());
                        }
                        let tr = (kind == BlockKind::TableCell).then_some((table, row));
                        cur = Some(Builder::new(kind, tr));
                    }
                    open.push(kind);
                }
            }
            Event::End(tag) => {
                let closes = matches!(
                    tag,
                    TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell
                );
                if matches!(tag, TagEnd::CodeBlock) {
                    in_code_block = false;
                }
                if closes {
                    open.pop();
                    if let Some(b) = cur.take() {
                        blocks.extend(b.finish());
                    }
                    // Text after a nested block inside an item belongs to the item.
                    if let Some(&k) = open.last() {
                        let tr = (k == BlockKind::TableCell).then_some((table, row));
                        cur = Some(Builder::new(k, tr));
                    }
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if in_code_block {
                    continue;
                }
                let b = cur.get_or_insert_with(|| Builder::new(BlockKind::Paragraph, None));
                b.push(&t, range.clone(), offset, body);
            }
            Event::SoftBreak => {
                if let Some(b) = cur.as_mut() {
                    b.soft_break(range.start + offset);
                }
            }
            Event::HardBreak => {
                if let Some(b) = cur.as_mut() {
                    b.soft_break(range.start + offset);
                }
            }
            _ => {}
        }
    }
    if let Some(b) = cur.take() {
        blocks.extend(b.finish());
    }
    blocks
}
