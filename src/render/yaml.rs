//! A fast YAML writer for fact files (`out/facts/<slug>.yaml` and
//! `factbrief extract`).
//!
//! Why: `serde_saphyr::to_string` is a general emitter (anchors, tags,
//! comments, flow styles, wrapper types) and cost about as much per article
//! as rendering the whole briefing. Fact files use a small part of YAML:
//! block maps with identifier keys, block sequences, and scalars. This
//! [`serde::Serializer`] writes exactly that part, so it follows the schema
//! of whatever it is given, and writes **the same bytes** as
//! `serde_saphyr::to_string` with default options — the published fact files
//! and every snapshot stay as they were. serde_saphyr is still the reader
//! (front matter, dataset, tests) and the fallback: anything this writer does
//! not model (enum variants with data, byte strings, non-string or over-long
//! map keys, serde_saphyr's own wrapper types) makes [`to_string`] hand the
//! whole value to serde_saphyr instead, so no input gets a different layout.
//!
//! What serde_saphyr 2.2's default layout is, and therefore what this writes:
//!
//! - Block maps; a map as a value starts on the next line, indented two
//!   columns past its key; a map as a sequence item starts right after `- `.
//!   Empty maps and sequences are `{}` and `[]`.
//! - Block sequences in "compact" form: the dashes of a sequence that is a
//!   map value sit at the key's column; a sequence in a sequence starts
//!   after the outer `- ` (`- - a`).
//! - `None` and `()` are `null`; unit variants are their name, as a string.
//! - Strings are plain when a YAML 1.1 or 1.2 reader would read them back as
//!   the same string, else double-quoted with YAML escapes; `.`, `#` and `-`
//!   alone are single-quoted. A string with a newline is a literal block
//!   (`|`, `|-`, `|+`; `|2` when its first line starts with a space), unless
//!   it holds a character a block cannot (CR, NEL, LS, PS, BOM, controls). A
//!   one-line string over 80 characters that could be plain is a folded block
//!   (`>-`) wrapped at spaces to 80 characters.
//! - Floats in shortest round-trip form (zmij, as serde_saphyr uses), always
//!   with a `.` and a signed exponent; `.nan`, `.inf`, `-.inf`.
//!
//! The quoting rules are ported from serde-saphyr 2.2.0 `src/ser/quoting.rs`
//! (MIT OR Apache-2.0), reorganised so that one pass over a string, 16
//! bytes at a time, finds every character that matters (see `find_special`).
//! `tests/yaml_writer.rs` holds both writers to the same bytes on every
//! article we have and on arbitrary strings in every field.

use serde::ser::{self, Serialize};
use std::fmt;

/// Why a value could not be written.
#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

/// The value as one YAML document, byte for byte what
/// `serde_saphyr::to_string` writes.
pub fn to_string<T: Serialize>(value: &T) -> Result<String, Error> {
    // A fact file is some 30 KB: grow once or not at all.
    let mut out = String::with_capacity(1 << 15);
    push(&mut out, value)?;
    Ok(out)
}

/// Appends the value as one YAML document to `out` (see [`to_string`]).
pub fn push<T: Serialize>(out: &mut String, value: &T) -> Result<(), Error> {
    let start = out.len();
    let mut w = Writer {
        out: &mut *out,
        pos: Pos::Root,
    };
    match value.serialize(&mut w) {
        Ok(()) => Ok(()),
        Err(Fail::Custom(e)) => {
            out.truncate(start);
            Err(Error(e))
        }
        Err(Fail::Unsupported) => {
            // A shape this writer does not model: let serde_saphyr write all of it.
            out.truncate(start);
            let s = serde_saphyr::to_string(value).map_err(|e| Error(e.to_string()))?;
            out.push_str(&s);
            Ok(())
        }
    }
}

/// The serializer's own error: `Unsupported` sends the value to serde_saphyr.
#[derive(Debug)]
enum Fail {
    Unsupported,
    Custom(String),
}

impl fmt::Display for Fail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fail::Unsupported => f.write_str("a shape the fast YAML writer does not model"),
            Fail::Custom(e) => f.write_str(e),
        }
    }
}

impl std::error::Error for Fail {}

impl ser::Error for Fail {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Fail::Custom(msg.to_string())
    }
}

type Res<T = ()> = Result<T, Fail>;

/// Where the next node goes. serde_saphyr always indents by two columns, so
/// a column is all the layout state there is.
#[derive(Clone, Copy)]
enum Pos {
    /// The document itself, at column 0.
    Root,
    /// After `key:` (no space yet); the key is at this column.
    Value(usize),
    /// After `- `; the dash is at this column.
    Item(usize),
}

struct Writer<'o> {
    out: &'o mut String,
    pos: Pos,
}

const SPACES: &str = "                                                                ";

fn indent(out: &mut String, mut n: usize) {
    while n > SPACES.len() {
        out.push_str(SPACES);
        n -= SPACES.len();
    }
    out.push_str(&SPACES[..n]);
}

/// serde_saphyr's wrapper types (flow styles, anchors, comments, tags, block
/// string hints) are newtypes and tuple structs with these names.
fn is_saphyr_wrapper(name: &str) -> bool {
    name.starts_with("__yaml_")
}

impl<'o> Writer<'o> {
    /// Starts a scalar: a map value is separated from its `:` by a space.
    #[inline]
    fn scalar_start(&mut self) {
        if let Pos::Value(_) = self.pos {
            self.out.push(' ');
        }
    }

    /// A scalar token that never needs quoting (numbers, booleans, null).
    #[inline]
    fn token(&mut self, s: &str) -> Res {
        self.scalar_start();
        self.out.push_str(s);
        self.out.push('\n');
        Ok(())
    }

    /// Column of a block scalar's body: one step past its parent (the key,
    /// the dash, or the document).
    fn block_body_column(&self) -> usize {
        match self.pos {
            Pos::Root => 2,
            Pos::Value(c) | Pos::Item(c) => c + 2,
        }
    }

    fn string(&mut self, v: &str) -> Res {
        // The one full pass over the characters; every rule below that
        // needs "plain-safe" of `v` or of `v` without trailing spaces reads
        // it from here (trailing spaces add no escape, `: ` or ` #` to the
        // body; a probe ending in `:` is refused by `plain_head_safe`).
        let body = plain_body_safe(v);
        if !body && v.as_bytes().contains(&b'\n') {
            // Multi-line: a literal block when every character can stand in one.
            if block_content_safe(v.as_bytes()) {
                self.literal_block(v);
                return Ok(());
            }
        } else if body && v.len() > FOLD_COLUMNS {
            // One long line: folded when it could have been plain (trailing
            // spaces aside: a folded block keeps them) and is long in
            // characters. A plain-safe body holds nothing a block cannot, so
            // serde_saphyr's second test (block content safe, else quote)
            // always passes here.
            let probe = v.trim_end_matches(' ');
            if plain_head_safe(probe) && v.chars().count() > FOLD_COLUMNS {
                debug_assert!(block_content_safe(v.as_bytes()));
                self.folded_block(v);
                return Ok(());
            }
        }
        self.scalar_start();
        if matches!(v, "." | "#" | "-") {
            self.out.push('\'');
            self.out.push_str(v);
            self.out.push('\'');
        } else if body && plain_head_safe(v) {
            self.out.push_str(v);
        } else {
            write_double_quoted(self.out, v);
        }
        self.out.push('\n');
        Ok(())
    }

    fn literal_block(&mut self, v: &str) {
        self.scalar_start();
        let column = self.block_body_column();
        let content = v.trim_end_matches('\n');
        let trailing = v.len() - content.len();
        self.out.push('|');
        if first_line_leading_spaces(content) > 0 {
            // The body's own indentation must be stated: one step (2).
            self.out.push('2');
        }
        match trailing {
            0 => self.out.push('-'),
            1 if !content.is_empty() => {}
            _ => self.out.push('+'),
        }
        self.out.push('\n');
        if content.is_empty() {
            for _ in 0..trailing {
                self.out.push('\n');
            }
            return;
        }
        for line in content.split('\n') {
            if !line.is_empty() {
                indent(self.out, column);
                self.out.push_str(line);
            }
            self.out.push('\n');
        }
        for _ in 1..trailing {
            self.out.push('\n');
        }
    }

    fn folded_block(&mut self, v: &str) {
        self.scalar_start();
        let column = self.block_body_column();
        let content = v.trim_end_matches('\n');
        let trailing = v.len() - content.len();
        self.out.push('>');
        if first_line_leading_spaces(content) > 0 {
            self.out.push('2');
        }
        match trailing {
            0 => self.out.push('-'),
            1 => {}
            _ => self.out.push('+'),
        }
        self.out.push('\n');
        write_folded_body(self.out, v, column);
    }

    fn seq<'a>(&'a mut self) -> SeqW<'a, 'o> {
        let (start, column) = match self.pos {
            Pos::Root => (self.pos, 0),
            // Compact: the dashes at the key's own column.
            Pos::Value(c) => (self.pos, c),
            Pos::Item(c) => (self.pos, c + 2),
        };
        SeqW {
            w: self,
            start,
            column,
            first: true,
        }
    }

    fn map<'a>(&'a mut self) -> MapW<'a, 'o> {
        let (start, column) = match self.pos {
            Pos::Root => (self.pos, 0),
            Pos::Value(c) | Pos::Item(c) => (self.pos, c + 2),
        };
        MapW {
            w: self,
            start,
            column,
            first: true,
        }
    }
}

/// serde_saphyr's `folded_wrap_chars` default: one-line strings longer than
/// this become folded blocks, wrapped to this many characters.
const FOLD_COLUMNS: usize = 80;

/// Leading spaces of the first non-empty line.
fn first_line_leading_spaces(s: &str) -> usize {
    s.split('\n')
        .find(|l| !l.is_empty())
        .map_or(0, |l| l.len() - l.trim_start_matches(' ').len())
}

/// The body of a folded block at `column`, wrapped only at runs of ASCII
/// spaces so that no line's content passes `FOLD_COLUMNS` characters where
/// a space allows it (serde_saphyr's `write_folded_block`, step for step: a
/// run of N spaces at a break keeps N-1 at the line end, the fold supplies
/// the last; no break before a tab; lines starting with a space are never
/// wrapped).
fn write_folded_body(out: &mut String, s: &str, column: usize) {
    for line in s.split('\n') {
        if line.is_empty() {
            out.push('\n');
            continue;
        }
        if line.starts_with(' ') {
            indent(out, column);
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let mut start = 0usize;
        let mut col = 0usize;
        // (run start byte, run end byte, run length); spaces are one byte.
        let mut last_run: Option<(usize, usize, usize)> = None;
        let mut in_run = false;
        let mut run_start = 0usize;
        let mut run_len = 0usize;
        for (i, &c) in line.as_bytes().iter().enumerate() {
            if c & 0xC0 == 0x80 {
                continue; // inside a character: columns count characters
            }
            if in_run && c != b' ' {
                // A continuation line starting with a tab would read as
                // more-indented. (Unreachable for automatic folding, whose
                // lines are plain-safe and hold no tab; kept to match.)
                if c != b'\t' {
                    last_run = Some((run_start, run_start + run_len, run_len));
                }
                in_run = false;
                run_len = 0;
            }
            if c == b' ' {
                if in_run {
                    run_len += 1;
                } else {
                    in_run = true;
                    run_start = i;
                    run_len = 1;
                }
            }
            col += 1;
            if col > FOLD_COLUMNS {
                let Some((ws_start, ws_end, ws_len)) = last_run else {
                    // No space to break at: the rest of the line stays whole.
                    break;
                };
                indent(out, column);
                out.push_str(&line[start..ws_start]);
                indent(out, ws_len - 1);
                out.push('\n');
                // The character that overflowed starts the new count at 0,
                // as in serde_saphyr.
                start = ws_end;
                col = 0;
                last_run = None;
            }
        }
        indent(out, column);
        out.push_str(&line[start..]);
        out.push('\n');
    }
}

// ------------------------------------------------------------------
// Quoting: when is a string safe as a plain scalar?
// ------------------------------------------------------------------

/// serde_saphyr's `is_plain_value_safe(s, yaml_12 = false, in_flow = false)`
/// (plain in block value position, read back as this string by YAML 1.1
/// and 1.2 readers alike) is `plain_head_safe(s) && plain_body_safe(s)`.
///
/// The tests of a plain value that look at its ends and its spelling: not
/// empty, no white space at either end, no special spelling (null, bool,
/// number, timestamp), not a document marker, no indicator first, no `:`
/// last.
fn plain_head_safe(s: &str) -> bool {
    let b = s.as_bytes();
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return false; // the empty string is null
    };
    if first.is_ascii_whitespace() || last.is_ascii_whitespace() {
        return false;
    }
    if is_ambiguous_fast(s) || starts_with_document_marker(s) {
        return false;
    }
    match b {
        [b'-' | b'?', b1, ..] if b1.is_ascii_whitespace() => return false,
        [b'-' | b'?']
        | [b',' | b':' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|' | b'>'
        | b'\'' | b'"' | b'%' | b'@' | b'`', ..] => return false,
        _ => {}
    }
    // A colon at the end (before Unicode white space) would make a key.
    !s.trim_end().ends_with(':')
}

/// Whether the character at the start of `c, n1, n2` (a byte and the two
/// after it) needs an escape: a C0 control or DEL, a C1 control (U+0080..
/// U+009F, `C2 80..9F`), LS or PS (U+2028/2029, `E2 80 A8/A9`), BOM
/// (U+FEFF, `EF BB BF`), or U+FFFE/U+FFFF (`EF BF BE/BF`). Written with `&`
/// and `|`, not `&&` and `||`, so that 16 positions compile to vector code.
#[inline(always)]
fn escaped_at(c: u8, n1: u8, n2: u8) -> bool {
    (c < 0x20)
        | (c == 0x7F)
        | ((c == 0xC2) & (n1 < 0xA0))
        | ((c == 0xE2) & (n1 == 0x80) & ((n2 | 1) == 0xA9))
        | ((c == 0xEF) & (((n1 == 0xBB) & (n2 == 0xBF)) | ((n1 == 0xBF) & (n2 >= 0xBE))))
}

/// Positions a plain value must look at: escapes, `:` and `#`.
#[inline(always)]
fn plain_special(c: u8, n1: u8, n2: u8) -> bool {
    escaped_at(c, n1, n2) | (c == b':') | (c == b'#')
}

/// Positions a double-quoted scalar must escape.
#[inline(always)]
fn quote_special(c: u8, n1: u8, n2: u8) -> bool {
    escaped_at(c, n1, n2) | (c == b'\\') | (c == b'"')
}

/// Whether any of the 16 positions of `w` (with two bytes of look-ahead)
/// is special.
#[inline(always)]
fn window_has(w: &[u8; 18], special: impl Fn(u8, u8, u8) -> bool) -> bool {
    let mut m = false;
    for i in 0..16 {
        m |= special(w[i], w[i + 1], w[i + 2]);
    }
    m
}

/// Where the first position `special` picks is, from `from`. Most strings
/// have none: 16 positions at a time without a branch per byte, the last
/// few through a copy padded with `a` (special to no test).
#[inline(always)]
fn find_special(b: &[u8], from: usize, special: impl Fn(u8, u8, u8) -> bool) -> Option<usize> {
    let at_of = |w: &[u8], base: usize| {
        (0..w.len() - 2)
            .find(|&i| special(w[i], w[i + 1], w[i + 2]))
            .map(|i| base + i)
    };
    let mut at = from;
    while at + 18 <= b.len() {
        let w: &[u8; 18] = b[at..at + 18].try_into().expect("18 bytes");
        if window_has(w, &special) {
            return at_of(w, at);
        }
        at += 16;
    }
    let tail = &b[at..];
    if tail.is_empty() {
        return None;
    }
    // Fewer than 18 positions are left: two padded windows hold them.
    let mut pad = [b'a'; 34];
    pad[..tail.len()].copy_from_slice(tail);
    let w0: &[u8; 18] = pad[..18].try_into().expect("18 bytes");
    let w1: &[u8; 18] = pad[16..].try_into().expect("18 bytes");
    if window_has(w0, &special) | window_has(w1, &special) {
        at_of(&pad[..tail.len() + 2], at)
    } else {
        None
    }
}

/// The character tests of a plain value: no character that must be
/// escaped, no `: `, no `#` after white space (a comment).
fn plain_body_safe(s: &str) -> bool {
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(i) = find_special(b, from, plain_special) {
        let ok = match b[i] {
            b':' => b.get(i + 1) != Some(&b' '),
            b'#' => !s[..i].chars().next_back().is_some_and(char::is_whitespace),
            _ => false, // a character that must be escaped
        };
        if !ok {
            return false;
        }
        from = i + 1;
    }
    true
}

fn byte_at(b: &[u8], i: usize) -> u8 {
    b.get(i).copied().unwrap_or(b'a')
}

/// The character tests of a plain key ([`plain_body_safe`], and no `:` at
/// all nor `, [ ] { }`: serde_saphyr quotes keys as if they might stand in
/// a flow mapping). Keys other than field names are rare: byte by byte.
fn plain_key_body_safe(s: &str) -> bool {
    let b = s.as_bytes();
    (0..b.len()).all(|i| match b[i] {
        0x00..=0x1F | 0x7F | b':' | b',' | b'[' | b']' | b'{' | b'}' => false,
        b'#' => !s[..i].chars().next_back().is_some_and(char::is_whitespace),
        _ => !escaped_at(b[i], byte_at(b, i + 1), byte_at(b, i + 2)),
    })
}

/// serde_saphyr's `is_block_scalar_content_safe`: every character may stand
/// literally in a block scalar (tab and newline yes; CR, NEL, LS, PS, BOM,
/// other controls and U+FFFE/U+FFFF no).
fn block_content_safe(b: &[u8]) -> bool {
    let mut from = 0;
    while let Some(i) = find_special(b, from, escaped_at) {
        if !matches!(b[i], b'\n' | b'\t') {
            return false;
        }
        from = i + 1;
    }
    true
}

/// serde_saphyr's `is_plain_safe(s) && is_plain_value_safe(s, false, true)`,
/// the test for a plain map key.
fn plain_key_safe(s: &str) -> bool {
    let b = s.as_bytes();
    // Identifiers (every struct field): only the reserved words can clash
    // (nothing numeric starts with a letter; the YAML 1.1 booleans, null,
    // nan and inf in lower case).
    if let [b'a'..=b'z', rest @ ..] = b {
        if rest
            .iter()
            .all(|&c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_')
        {
            // Slice patterns: a length switch and byte compares, no memcmp.
            let reserved = matches!(
                b,
                [b'y' | b'n']
                    | [b'n', b'o']
                    | [b'o', b'n']
                    | [b'y', b'e', b's']
                    | [b'o', b'f', b'f']
                    | [b'n', b'a', b'n']
                    | [b'i', b'n', b'f']
                    | [b'n', b'u', b'l', b'l']
                    | [b't', b'r', b'u', b'e']
                    | [b'f', b'a', b'l', b's', b'e']
            );
            debug_assert_eq!(reserved, is_ambiguous(s, false) || is_ambiguous(s, true));
            return !reserved;
        }
    }
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return false;
    };
    if first.is_ascii_whitespace() || last.is_ascii_whitespace() {
        return false;
    }
    if is_ambiguous(s, true) || is_ambiguous(s, false) || s == "<<" {
        return false;
    }
    if starts_with_document_marker(s) {
        return false;
    }
    match b {
        [b'-' | b'?', b1, ..] if b1.is_ascii_whitespace() => return false,
        [b'-' | b'?']
        | [b',' | b':' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|' | b'>'
        | b'\'' | b'"' | b'%' | b'@' | b'`', ..] => return false,
        _ => {}
    }
    if s.trim_end().ends_with(':') {
        return false;
    }
    plain_key_body_safe(s)
}

fn starts_with_document_marker(s: &str) -> bool {
    let b = s.as_bytes();
    (b.starts_with(b"---") || b.starts_with(b"..."))
        && b.get(3).is_none_or(|c| c.is_ascii_whitespace())
}

/// `is_ambiguous(s, false)` for a string with no white space at either
/// end (what [`plain_head_safe`] asks), without the work where it cannot
/// be: anything that does not start like a number is special only as one
/// of a few words of at most five letters, in any case.
#[inline]
fn is_ambiguous_fast(s: &str) -> bool {
    let b = s.as_bytes();
    match b.first() {
        None => true,
        // Numbers, timestamps and `+inf` are ASCII letters, digits and
        // `+-._:, `: anything else (a CJK classifier, say) rules them out.
        Some(b'0'..=b'9' | b'+' | b'-' | b'.' | b'_') => {
            const OTHERS: u128 = (1 << b'+')
                | (1 << b'-')
                | (1 << b'.')
                | (1 << b'_')
                | (1 << b':')
                | (1 << b',')
                | (1 << b' ')
                | (1 << b'\t');
            b.iter()
                .all(|&c| c.is_ascii_alphanumeric() || (c < 128 && OTHERS >> c & 1 == 1))
                && is_ambiguous(s, false)
        }
        Some(_) if b.len() > 5 => false,
        Some(_) => {
            let mut lower = [0u8; 5];
            for (l, c) in lower.iter_mut().zip(b) {
                *l = c.to_ascii_lowercase();
            }
            let special = matches!(
                &lower[..b.len()],
                [b'~' | b'y' | b'n' | b'=']
                    | [b'n', b'o']
                    | [b'o', b'n']
                    | [b'<', b'<']
                    | [b'y', b'e', b's']
                    | [b'o', b'f', b'f']
                    | [b'n', b'a', b'n']
                    | [b'i', b'n', b'f']
                    | [b'n', b'u', b'l', b'l']
                    | [b't', b'r', b'u', b'e']
                    | [b'f', b'a', b'l', b's', b'e']
            );
            debug_assert_eq!(special, is_ambiguous(s, false), "{s:?}");
            special
        }
    }
}

/// Whether implicit scalar resolution can change a string's type or reject it.
fn is_ambiguous(s: &str, yaml_12: bool) -> bool {
    s.is_empty()
        || s == "~"
        || s.eq_ignore_ascii_case("null")
        || s.eq_ignore_ascii_case("true")
        || s.eq_ignore_ascii_case("false")
        || is_numeric(s, yaml_12)
        || s.eq_ignore_ascii_case("nan")
        || s.eq_ignore_ascii_case("inf")
        || s.eq_ignore_ascii_case("+inf")
        || s.eq_ignore_ascii_case("-inf")
        || (!yaml_12 && (is_yaml11_bool(s) || is_yaml11_timestamp(s) || matches!(s, "<<" | "=")))
}

fn is_yaml11_bool(s: &str) -> bool {
    let t = s.trim_matches([' ', '\t', '\r', '\n']);
    ["true", "yes", "y", "on", "false", "no", "n", "off"]
        .iter()
        .any(|w| t.eq_ignore_ascii_case(w))
}

/// Numeric syntax (YAML 1.1 when `!yaml_12`), as serde_saphyr checks it.
fn is_numeric(s: &str, yaml_12: bool) -> bool {
    if !matches!(
        s.as_bytes().first(),
        Some(b'0'..=b'9' | b'+' | b'-' | b'.' | b'_')
    ) {
        return false;
    }
    let unsigned = s.strip_prefix(['+', '-']).unwrap_or(s);
    if unsigned.eq_ignore_ascii_case(".inf") || unsigned.eq_ignore_ascii_case(".nan") {
        return true;
    }
    if !yaml_12 {
        if is_yaml11_sexagesimal(s) {
            return true;
        }
        if let Some((radix, digits)) = radix_digits(unsigned) {
            if is_digit_run(digits, radix, false) {
                return true;
            }
        }
    }
    let normalized;
    let s = if !yaml_12 && s.contains('_') {
        normalized = s.replace('_', "");
        normalized.as_str()
    } else {
        s
    };
    let unsigned = s.strip_prefix(['+', '-']).unwrap_or(s);
    if let Some((radix, digits)) = radix_digits(unsigned) {
        let digits = if !yaml_12 && (s.starts_with("0b") || s.starts_with("0o")) {
            digits.strip_prefix(['+', '-']).unwrap_or(digits)
        } else {
            digits
        };
        return is_digit_run(digits, radix, true);
    }
    let mantissa = match unsigned.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => {
            let exponent = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
            if !is_digit_run(exponent, 10, true) {
                return false;
            }
            mantissa
        }
        None => unsigned,
    };
    match mantissa.split_once('.') {
        Some((whole, fraction)) => {
            if !whole.is_empty() && !is_digit_run(whole, 10, true) {
                return false;
            }
            if !yaml_12 {
                fraction.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            } else if fraction.is_empty() {
                !whole.is_empty()
            } else {
                is_digit_run(fraction, 10, true)
            }
        }
        None => is_digit_run(mantissa, 10, true),
    }
}

fn radix_digits(s: &str) -> Option<(u32, &str)> {
    match s.as_bytes() {
        [b'0', b'b' | b'B', ..] => Some((2, &s[2..])),
        [b'0', b'o' | b'O', ..] => Some((8, &s[2..])),
        [b'0', b'x' | b'X', ..] => Some((16, &s[2..])),
        _ => None,
    }
}

fn is_digit_run(s: &str, radix: u32, strict_underscores: bool) -> bool {
    let is_digit = |b: u8| b.is_ascii() && char::from(b).is_digit(radix);
    let bytes = s.as_bytes();
    !bytes.is_empty()
        && bytes.iter().enumerate().all(|(i, &b)| {
            is_digit(b)
                || (b == b'_'
                    && (!strict_underscores
                        || (i > 0
                            && is_digit(bytes[i - 1])
                            && bytes.get(i + 1).is_some_and(|&next| is_digit(next)))))
        })
}

/// YAML 1.1 base-60 integers and floats (`1:30`, `-1:20:30.5`).
fn is_yaml11_sexagesimal(s: &str) -> bool {
    let unsigned = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (integer, fraction) = match unsigned.split_once('.') {
        Some((integer, fraction)) => (integer, Some(fraction)),
        None => (unsigned, None),
    };
    let Some((first, rest)) = integer.split_once(':') else {
        return false;
    };
    let Some(first_digit) = first.as_bytes().first() else {
        return false;
    };
    if !first_digit.is_ascii_digit()
        || (fraction.is_none() && *first_digit == b'0')
        || !first.bytes().all(|b| b.is_ascii_digit() || b == b'_')
    {
        return false;
    }
    if !rest.split(':').all(|part| match part.as_bytes() {
        [digit] => digit.is_ascii_digit(),
        [tens, units] => matches!(tens, b'0'..=b'5') && units.is_ascii_digit(),
        _ => false,
    }) {
        return false;
    }
    fraction.is_none_or(|part| part.bytes().all(|b| b.is_ascii_digit() || b == b'_'))
}

/// YAML 1.1 timestamp syntax, without calendar validation.
fn is_yaml11_timestamp(mut s: &str) -> bool {
    fn digits(s: &mut &str, min: usize, max: usize) -> bool {
        let len = s.bytes().take_while(u8::is_ascii_digit).count();
        if !(min..=max).contains(&len) {
            return false;
        }
        *s = &s[len..];
        true
    }
    fn prefix(s: &mut &str, ch: char) -> bool {
        if let Some(rest) = s.strip_prefix(ch) {
            *s = rest;
            true
        } else {
            false
        }
    }
    if !digits(&mut s, 4, 4)
        || !prefix(&mut s, '-')
        || !digits(&mut s, 1, 2)
        || !prefix(&mut s, '-')
        || !digits(&mut s, 1, 2)
    {
        return false;
    }
    if s.is_empty() {
        return true;
    }
    if let Some(rest) = s.strip_prefix(['T', 't']) {
        s = rest;
    } else {
        let rest = s.trim_start_matches([' ', '\t']);
        if rest.len() == s.len() {
            return false;
        }
        s = rest;
    }
    if !digits(&mut s, 1, 2)
        || !prefix(&mut s, ':')
        || !digits(&mut s, 1, 2)
        || !prefix(&mut s, ':')
        || !digits(&mut s, 1, 2)
    {
        return false;
    }
    if prefix(&mut s, '.') || prefix(&mut s, ',') {
        digits(&mut s, 0, usize::MAX);
    }
    s = s.trim_start_matches([' ', '\t']);
    if s.is_empty() || s == "Z" {
        return true;
    }
    if !(prefix(&mut s, '+') || prefix(&mut s, '-')) || !digits(&mut s, 1, 2) {
        return false;
    }
    if prefix(&mut s, ':') && !digits(&mut s, 2, 2) {
        return false;
    }
    s.is_empty()
}

/// `"…"` with YAML escapes for `\`, `"`, controls, NEL, LS, PS, BOM and
/// U+FFFE/U+FFFF (serde_saphyr's `escape_double_quoted`); everything else,
/// CJK and astral characters included, is copied as is, in runs.
fn write_double_quoted(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push('"');
    let b = s.as_bytes();
    let mut run = 0;
    let mut from = 0;
    while let Some(i) = find_special(b, from, quote_special) {
        let c = b[i];
        let (esc, len): (&str, usize) = match c {
            b'\\' => ("\\\\", 1),
            b'"' => ("\\\"", 1),
            0x00 => ("\\0", 1),
            0x07 => ("\\a", 1),
            0x08 => ("\\b", 1),
            b'\t' => ("\\t", 1),
            b'\n' => ("\\n", 1),
            0x0B => ("\\v", 1),
            0x0C => ("\\f", 1),
            b'\r' => ("\\r", 1),
            0x1B => ("\\e", 1),
            0x01..=0x1F | 0x7F => ("", 1),
            0xC2 if b[i + 1] == 0x85 => ("\\N", 2),
            0xC2 if b[i + 1] <= 0x9F => ("", 2),
            0xE2 if b[i + 1] == 0x80 && b[i + 2] == 0xA8 => ("\\L", 3),
            0xE2 if b[i + 1] == 0x80 && b[i + 2] == 0xA9 => ("\\P", 3),
            0xEF if b[i + 1] == 0xBB && b[i + 2] == 0xBF => ("\\uFEFF", 3),
            0xEF if b[i + 1] == 0xBF && b[i + 2] == 0xBE => ("\\uFFFE", 3),
            0xEF if b[i + 1] == 0xBF && b[i + 2] == 0xBF => ("\\uFFFF", 3),
            _ => unreachable!("quote_special picks only these"),
        };
        out.push_str(&s[run..i]);
        if esc.is_empty() {
            // Other C0 and C1 controls: `\xNN` of the code point.
            let cp = if len == 1 { c } else { b[i + 1] };
            out.push_str("\\x");
            out.push(char::from(HEX[usize::from(cp >> 4)]));
            out.push(char::from(HEX[usize::from(cp & 0x0F)]));
        } else {
            out.push_str(esc);
        }
        from = i + len;
        run = from;
    }
    out.push_str(&s[run..]);
    out.push('"');
}

/// A map key as serde_saphyr writes it: plain when safe, else double-quoted.
/// Keys over 1024 characters need the explicit `? ` form: not modelled.
fn push_key(out: &mut String, k: &str) -> Res {
    let start = out.len();
    if plain_key_safe(k) {
        out.push_str(k);
    } else {
        write_double_quoted(out, k);
    }
    let text = &out[start..];
    if text.len() > 1024 && text.chars().count() > 1024 {
        return Err(Fail::Unsupported);
    }
    Ok(())
}

fn push_float<F: zmij::Float>(out: &mut String, f: F, nan: bool, inf: Option<bool>) {
    if nan {
        out.push_str(".nan");
        return;
    }
    if let Some(positive) = inf {
        out.push_str(if positive { ".inf" } else { "-.inf" });
        return;
    }
    let mut buf = zmij::Buffer::new();
    let s = buf.format_finite(f);
    // A YAML 1.1 float needs a `.` in the mantissa and a signed exponent.
    if let Some(e) = s.find(['e', 'E']) {
        out.push_str(&s[..e]);
        if !s[..e].contains('.') {
            out.push_str(".0");
        }
        out.push_str(&s[e..=e]);
        if !matches!(s.as_bytes().get(e + 1), Some(b'+' | b'-')) {
            out.push('+');
        }
        out.push_str(&s[e + 1..]);
    } else {
        out.push_str(s);
        if !s.contains('.') {
            out.push_str(".0");
        }
    }
}

// ------------------------------------------------------------------
// The serde plumbing
// ------------------------------------------------------------------

/// `Serializer` methods writing an integer as a plain token.
macro_rules! integers {
    ($($name:ident: $t:ty),*) => {
        $(fn $name(self, v: $t) -> Res {
            self.token(itoa::Buffer::new().format(v))
        })*
    };
}

/// `Serializer` methods for scalars a serializer does not take.
macro_rules! unsupported {
    ($($name:ident: $t:ty),*) => {
        $(fn $name(self, _v: $t) -> Res {
            Err(Fail::Unsupported)
        })*
    };
}

impl<'a, 'o> ser::Serializer for &'a mut Writer<'o> {
    type Ok = ();
    type Error = Fail;
    type SerializeSeq = SeqW<'a, 'o>;
    type SerializeTuple = SeqW<'a, 'o>;
    type SerializeTupleStruct = SeqW<'a, 'o>;
    type SerializeTupleVariant = ser::Impossible<(), Fail>;
    type SerializeMap = MapW<'a, 'o>;
    type SerializeStruct = MapW<'a, 'o>;
    type SerializeStructVariant = ser::Impossible<(), Fail>;

    fn serialize_bool(self, v: bool) -> Res {
        self.token(if v { "true" } else { "false" })
    }
    integers!(
        serialize_i8: i8,
        serialize_i16: i16,
        serialize_i32: i32,
        serialize_i64: i64,
        serialize_i128: i128,
        serialize_u8: u8,
        serialize_u16: u16,
        serialize_u32: u32,
        serialize_u64: u64,
        serialize_u128: u128
    );
    fn serialize_f32(self, v: f32) -> Res {
        self.scalar_start();
        let inf = v.is_infinite().then_some(v.is_sign_positive());
        push_float(self.out, v, v.is_nan(), inf);
        self.out.push('\n');
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Res {
        self.scalar_start();
        let inf = v.is_infinite().then_some(v.is_sign_positive());
        push_float(self.out, v, v.is_nan(), inf);
        self.out.push('\n');
        Ok(())
    }
    fn serialize_char(self, v: char) -> Res {
        self.string(v.encode_utf8(&mut [0u8; 4]))
    }
    fn serialize_str(self, v: &str) -> Res {
        self.string(v)
    }
    fn serialize_bytes(self, _v: &[u8]) -> Res {
        Err(Fail::Unsupported)
    }
    fn serialize_none(self) -> Res {
        self.token("null")
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Res {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Res {
        self.token("null")
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Res {
        self.token("null")
    }
    fn serialize_unit_variant(self, _name: &'static str, _i: u32, variant: &'static str) -> Res {
        self.string(variant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, name: &'static str, value: &T) -> Res {
        if is_saphyr_wrapper(name) {
            return Err(Fail::Unsupported);
        }
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _i: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Res {
        Err(Fail::Unsupported)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Res<SeqW<'a, 'o>> {
        Ok(self.seq())
    }
    fn serialize_tuple(self, _len: usize) -> Res<SeqW<'a, 'o>> {
        Ok(self.seq())
    }
    fn serialize_tuple_struct(self, name: &'static str, _len: usize) -> Res<SeqW<'a, 'o>> {
        if is_saphyr_wrapper(name) {
            return Err(Fail::Unsupported);
        }
        Ok(self.seq())
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _i: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Res<Self::SerializeTupleVariant> {
        Err(Fail::Unsupported)
    }
    fn serialize_map(self, _len: Option<usize>) -> Res<MapW<'a, 'o>> {
        Ok(self.map())
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Res<MapW<'a, 'o>> {
        Ok(self.map())
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _i: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Res<Self::SerializeStructVariant> {
        Err(Fail::Unsupported)
    }
}

/// A block sequence being written.
struct SeqW<'a, 'o> {
    w: &'a mut Writer<'o>,
    /// Where the sequence itself stands.
    start: Pos,
    /// Column of its dashes.
    column: usize,
    first: bool,
}

impl SeqW<'_, '_> {
    fn element<T: ?Sized + Serialize>(&mut self, v: &T) -> Res {
        let out = &mut *self.w.out;
        if self.first {
            match self.start {
                // Below the key, at the key's column.
                Pos::Value(_) => {
                    out.push('\n');
                    indent(out, self.column);
                }
                // Right after the outer dash, or at column 0.
                Pos::Item(_) | Pos::Root => {}
            }
            self.first = false;
        } else {
            indent(out, self.column);
        }
        out.push_str("- ");
        self.w.pos = Pos::Item(self.column);
        v.serialize(&mut *self.w)
    }

    fn finish(self) -> Res {
        if self.first {
            self.w.out.push_str(match self.start {
                Pos::Value(_) => " []\n",
                _ => "[]\n",
            });
        }
        Ok(())
    }
}

impl ser::SerializeSeq for SeqW<'_, '_> {
    type Ok = ();
    type Error = Fail;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, v: &T) -> Res {
        self.element(v)
    }
    fn end(self) -> Res {
        self.finish()
    }
}

impl ser::SerializeTuple for SeqW<'_, '_> {
    type Ok = ();
    type Error = Fail;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, v: &T) -> Res {
        self.element(v)
    }
    fn end(self) -> Res {
        self.finish()
    }
}

impl ser::SerializeTupleStruct for SeqW<'_, '_> {
    type Ok = ();
    type Error = Fail;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, v: &T) -> Res {
        self.element(v)
    }
    fn end(self) -> Res {
        self.finish()
    }
}

/// A block map (or struct) being written.
struct MapW<'a, 'o> {
    w: &'a mut Writer<'o>,
    /// Where the map itself stands.
    start: Pos,
    /// Column of its keys.
    column: usize,
    first: bool,
}

impl MapW<'_, '_> {
    /// Starts the line of the next key.
    fn key_line(&mut self) {
        let out = &mut *self.w.out;
        if self.first {
            match self.start {
                Pos::Value(_) => {
                    out.push('\n');
                    indent(out, self.column);
                }
                // The first key of a map in a sequence follows its `- `.
                Pos::Item(_) | Pos::Root => {}
            }
            self.first = false;
        } else {
            indent(out, self.column);
        }
    }

    fn value<T: ?Sized + Serialize>(&mut self, v: &T) -> Res {
        self.w.out.push(':');
        self.w.pos = Pos::Value(self.column);
        v.serialize(&mut *self.w)
    }

    /// An empty map is `{}`, after `key: ` when it is a value. One known
    /// difference: serde_saphyr believes the length hint, and a map that
    /// announced entries but wrote none comes out as `key:` and `{}` on
    /// the next line. Derived `Serialize` never does that (its hint counts
    /// the skipped fields out); both forms read back as an empty map.
    fn finish(self) -> Res {
        if self.first {
            self.w.out.push_str(match self.start {
                Pos::Value(_) => " {}\n",
                _ => "{}\n",
            });
        }
        Ok(())
    }
}

impl ser::SerializeStruct for MapW<'_, '_> {
    type Ok = ();
    type Error = Fail;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, v: &T) -> Res {
        self.key_line();
        push_key(self.w.out, key)?;
        self.value(v)
    }
    fn end(self) -> Res {
        self.finish()
    }
}

impl ser::SerializeMap for MapW<'_, '_> {
    type Ok = ();
    type Error = Fail;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Res {
        let mut k = KeyText(None);
        key.serialize(&mut k)?;
        let Some(k) = k.0 else {
            return Err(Fail::Unsupported);
        };
        self.key_line();
        push_key(self.w.out, &k)
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, v: &T) -> Res {
        self.value(v)
    }
    fn end(self) -> Res {
        self.finish()
    }
}

/// Captures a string map key; any other kind of key is `Unsupported`.
struct KeyText(Option<String>);

impl ser::Serializer for &mut KeyText {
    type Ok = ();
    type Error = Fail;
    type SerializeSeq = ser::Impossible<(), Fail>;
    type SerializeTuple = ser::Impossible<(), Fail>;
    type SerializeTupleStruct = ser::Impossible<(), Fail>;
    type SerializeTupleVariant = ser::Impossible<(), Fail>;
    type SerializeMap = ser::Impossible<(), Fail>;
    type SerializeStruct = ser::Impossible<(), Fail>;
    type SerializeStructVariant = ser::Impossible<(), Fail>;

    fn serialize_str(self, v: &str) -> Res {
        self.0 = Some(v.to_owned());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Res {
        self.0 = Some(v.to_string());
        Ok(())
    }
    fn serialize_unit_variant(self, _n: &'static str, _i: u32, variant: &'static str) -> Res {
        self.0 = Some(variant.to_owned());
        Ok(())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, name: &'static str, value: &T) -> Res {
        if is_saphyr_wrapper(name) {
            return Err(Fail::Unsupported);
        }
        value.serialize(self)
    }
    unsupported!(
        serialize_bool: bool,
        serialize_i8: i8,
        serialize_i16: i16,
        serialize_i32: i32,
        serialize_i64: i64,
        serialize_u8: u8,
        serialize_u16: u16,
        serialize_u32: u32,
        serialize_u64: u64,
        serialize_f32: f32,
        serialize_f64: f64,
        serialize_bytes: &[u8]
    );
    fn serialize_none(self) -> Res {
        Err(Fail::Unsupported)
    }
    fn serialize_some<T: ?Sized + Serialize>(self, _value: &T) -> Res {
        Err(Fail::Unsupported)
    }
    fn serialize_unit(self) -> Res {
        Err(Fail::Unsupported)
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Res {
        Err(Fail::Unsupported)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _n: &'static str,
        _i: u32,
        _v: &'static str,
        _value: &T,
    ) -> Res {
        Err(Fail::Unsupported)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Res<Self::SerializeSeq> {
        Err(Fail::Unsupported)
    }
    fn serialize_tuple(self, _len: usize) -> Res<Self::SerializeTuple> {
        Err(Fail::Unsupported)
    }
    fn serialize_tuple_struct(
        self,
        _n: &'static str,
        _len: usize,
    ) -> Res<Self::SerializeTupleStruct> {
        Err(Fail::Unsupported)
    }
    fn serialize_tuple_variant(
        self,
        _n: &'static str,
        _i: u32,
        _v: &'static str,
        _len: usize,
    ) -> Res<Self::SerializeTupleVariant> {
        Err(Fail::Unsupported)
    }
    fn serialize_map(self, _len: Option<usize>) -> Res<Self::SerializeMap> {
        Err(Fail::Unsupported)
    }
    fn serialize_struct(self, _n: &'static str, _len: usize) -> Res<Self::SerializeStruct> {
        Err(Fail::Unsupported)
    }
    fn serialize_struct_variant(
        self,
        _n: &'static str,
        _i: u32,
        _v: &'static str,
        _len: usize,
    ) -> Res<Self::SerializeStructVariant> {
        Err(Fail::Unsupported)
    }
}
