//! Bytes to article text: what happens before any parser sees an article.
//!
//! The rules (each documented in `docs/unicode.md`):
//!
//! - UTF-8 only. A UTF-8 BOM is dropped; a UTF-16/32 BOM, a known binary
//!   signature, invalid UTF-8 or a file dense with control bytes is refused
//!   with a diagnostic, never rendered lossily.
//! - Line endings are normalised: CRLF and a lone CR become LF, so every
//!   parser (YAML, CommonMark, the line index) agrees on line numbers.
//! - Invisible characters that only break things are removed, with a
//!   warning naming the first line: NUL and the other C0/C1 controls
//!   (tab and newline kept), DEL, U+FEFF after the start, and the XML
//!   non-characters U+FFFE/U+FFFF (they make a feed ill-formed).
//! - A zero-width or format character between two digits (U+200B, U+200C,
//!   U+200D, U+2060, U+00AD) is removed, so `2\u{200B}048` reads as the
//!   2048 a reader sees, never as `2` and `048`.
//! - Bidi controls are kept here (the number grammar must not read digits
//!   whose display order differs from their stored order); they are
//!   neutralised in text blocks and removed from every output.
//!
//! Removing characters never changes line numbers, only columns on the
//! lines concerned; all spans index into the decoded text.

use crate::diagnostic::Diagnostic;
use std::path::Path;

/// Bidi embedding, override and isolate controls (Trojan Source set).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Invisible characters removed between digits.
fn is_invisible_joiner(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{00AD}' | '\u{FEFF}'
    )
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Control characters that carry no text: every C0 control except tab and
/// line feed, DEL, and the C1 block.
pub fn is_junk_control(c: char) -> bool {
    (c < ' ' && c != '\t' && c != '\n' && c != '\r')
        || ('\u{7F}'..='\u{9F}').contains(&c)
        || c == '\u{FFFE}'
        || c == '\u{FFFF}'
}

/// The decoded text and the warnings about what was changed.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub warnings: Vec<Diagnostic>,
}

/// Decodes and normalises article bytes (see the module docs).
pub fn decode(path: &Path, mut bytes: Vec<u8>) -> Result<Decoded, Diagnostic> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(
            Diagnostic::error("file is UTF-16 (or UTF-32) text, not UTF-8; skipped")
                .at_path(path)
                .with_hint("save the article as UTF-8"),
        );
    }
    if has_binary_signature(&bytes) {
        return Err(binary(path));
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            if control_density_high(&bytes) {
                return Err(binary(path));
            }
            let prefix = String::from_utf8_lossy(&bytes[..valid]);
            let line = prefix.matches('\n').count() + 1;
            let col = prefix
                .rsplit('\n')
                .next()
                .map(|l| l.chars().count())
                .unwrap_or(0)
                + 1;
            return Err(
                Diagnostic::error(format!("invalid UTF-8 at byte {valid}; skipped"))
                    .at_path(path)
                    .at(line, col)
                    .with_hint(
                        "save the article as UTF-8 (GBK and Big5 files must be converted first)",
                    ),
            );
        }
    };
    if control_density_high(text.as_bytes()) {
        return Err(binary(path));
    }
    Ok(normalise(path, &text))
}

fn binary(path: &Path) -> Diagnostic {
    Diagnostic::error("file is binary, not a Markdown article; skipped")
        .at_path(path)
        .with_hint("only UTF-8 text files named .md or .markdown are articles")
}

fn has_binary_signature(bytes: &[u8]) -> bool {
    const MAGIC: &[&[u8]] = &[
        b"\x89PNG",
        b"GIF8",
        b"\xFF\xD8\xFF",
        b"%PDF",
        b"PK\x03\x04",
        b"\x7FELF",
        b"\x1F\x8B",
        b"RIFF",
        b"\0\0\x01\0",
        b"II*\0",
        b"MM\0*",
        b"\xD0\xCF\x11\xE0",
        b"7z\xBC\xAF",
        b"wOFF",
        b"\0asm",
    ];
    MAGIC.iter().any(|m| bytes.starts_with(m))
}

/// Text has few control bytes; binary formats have many. More than one in
/// 16 of the first 64 KiB (at least 4) is not an article.
fn control_density_high(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let n = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    n >= 4 && n * 16 > head.len()
}

#[derive(Default)]
struct Seen {
    count: usize,
    first: Option<(usize, usize)>,
}

impl Seen {
    fn hit(&mut self, line: usize, col: usize) {
        self.count += 1;
        self.first.get_or_insert((line, col));
    }
}

fn normalise(path: &Path, text: &str) -> Decoded {
    let mut out = String::with_capacity(text.len());
    let (mut controls, mut joiners, mut feff, mut cr) = (
        Seen::default(),
        Seen::default(),
        Seen::default(),
        Seen::default(),
    );
    let (mut line, mut col) = (1usize, 1usize);
    let mut chars = text.chars().peekable();
    let mut prev_digit = false;
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    // A lone CR (classic Mac) ends a line, as in CommonMark and YAML.
                    cr.hit(line, col);
                    out.push('\n');
                    line += 1;
                    col = 1;
                    prev_digit = false;
                }
                continue;
            }
            '\n' => {
                out.push('\n');
                line += 1;
                col = 1;
                prev_digit = false;
                continue;
            }
            c if is_junk_control(c) => {
                controls.hit(line, col);
            }
            c if is_invisible_joiner(c) && prev_digit => {
                // Take the whole run of invisibles at once (a per-character
                // look-ahead would be quadratic in the run's length); it is
                // removed only when a digit follows it.
                let mut run = vec![c];
                while let Some(&n) = chars.peek() {
                    if !is_invisible_joiner(n) {
                        break;
                    }
                    run.push(n);
                    chars.next();
                }
                if chars.peek().copied().is_some_and(is_digit) {
                    joiners.hit(line, col);
                    joiners.count += run.len() - 1;
                } else {
                    for r in &run {
                        if *r == '\u{FEFF}' {
                            feff.hit(line, col);
                        } else {
                            out.push(*r);
                        }
                    }
                    prev_digit = false;
                }
                col += run.len();
                continue;
            }
            '\u{FEFF}' => feff.hit(line, col),
            c => {
                out.push(c);
                prev_digit = is_digit(c);
            }
        }
        col += 1;
    }
    let mut warnings = Vec::new();
    let mut warn = |seen: &Seen, what: &str| {
        if let Some((l, c)) = seen.first {
            warnings.push(
                Diagnostic::warning(format!(
                    "{} {what} removed (first at this position)",
                    seen.count
                ))
                .at_path(path)
                .at(l, c),
            );
        }
    };
    warn(
        &controls,
        "control character(s) (NUL, C0/C1 controls, DEL or U+FFFE/U+FFFF)",
    );
    warn(
        &joiners,
        "invisible character(s) between digits (zero-width space/joiner, word joiner, soft hyphen)",
    );
    warn(&feff, "stray byte-order mark(s) U+FEFF");
    let _ = cr; // lone CRs are line endings, not a problem worth a warning
    Decoded {
        text: out,
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &[u8]) -> Result<Decoded, Diagnostic> {
        decode(Path::new("t.md"), s.to_vec())
    }

    #[test]
    fn bom_crlf_cr() {
        let t = d(b"\xEF\xBB\xBF---\r\ntitle: x\r\n---\rbody\r\n").unwrap();
        assert_eq!(t.text, "---\ntitle: x\n---\nbody\n");
        assert!(t.warnings.is_empty());
    }

    #[test]
    fn nul_and_controls_removed_with_location() {
        let t = d(b"a\nb\0c\x1b[31md\x7f").unwrap();
        assert_eq!(t.text, "a\nbc[31md");
        assert_eq!(t.warnings.len(), 1);
        assert_eq!(t.warnings[0].line, Some(2));
        assert_eq!(t.warnings[0].column, Some(2));
    }

    #[test]
    fn joiners_between_digits() {
        let t =
            d("2\u{200B}048块 2\u{200D}\u{2060}048 a\u{200D}b 2\u{00AD}x ２\u{FEFF}０".as_bytes())
                .unwrap();
        assert_eq!(t.text, "2048块 2048 a\u{200D}b 2\u{00AD}x ２０");
        assert_eq!(t.warnings.len(), 1);
    }

    #[test]
    fn long_runs_of_invisibles_are_linear() {
        let mut s = String::from("2");
        s.push_str(&"\u{200B}".repeat(1_000_000));
        s.push('x');
        let t = std::time::Instant::now();
        let d = d(s.as_bytes()).unwrap();
        assert!(t.elapsed().as_secs() < 5, "{:?}", t.elapsed());
        assert_eq!(d.text.chars().count(), 1_000_002);
    }

    #[test]
    fn bidi_kept_for_later_stages() {
        let t = d("x\u{202E}8402\u{202C}".as_bytes()).unwrap();
        assert!(t.text.contains('\u{202E}'));
    }

    #[test]
    fn refusals() {
        assert!(d(b"\xFF\xFEa\0b\0").unwrap_err().message.contains("UTF-16"));
        assert!(d(b"\x89PNG\r\n\x1a\n")
            .unwrap_err()
            .message
            .contains("binary"));
        assert!(d(b"\x01\x02\x03\x04\x05abc")
            .unwrap_err()
            .message
            .contains("binary"));
        let e = d(b"ok\n\xB0\xA1").unwrap_err();
        assert!(e.message.contains("UTF-8"));
        assert_eq!((e.line, e.column), (Some(2), Some(1)));
    }
}
