//! HTML escaping for text and double-quoted attribute values.
//!
//! Tera's default escaper also writes `/` as `&#x2F;`, which turns every URL
//! in the feed and sitemap into noise. These five characters are all that
//! text and double-quoted attributes need. Every page byte of article text
//! goes through here, so the scan works on bytes and copies the runs
//! between special characters whole.

/// The escape for one byte, if it needs one. The five are ASCII, so a
/// byte of a multi-byte UTF-8 character never matches.
#[inline]
fn entity(b: u8) -> Option<&'static str> {
    match b {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        b'\'' => Some("&#39;"),
        _ => None,
    }
}

#[inline]
fn special(b: u8) -> bool {
    matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'')
}

/// Where the first byte that needs escaping is. Most text has none: it is
/// tested 16 bytes at a time without a branch per byte, which the
/// compiler turns into vector compares.
fn first_special(bytes: &[u8]) -> Option<usize> {
    let mut chunks = bytes.chunks_exact(16);
    let mut at = 0;
    for chunk in chunks.by_ref() {
        if chunk.iter().fold(false, |m, &b| m | special(b)) {
            break;
        }
        at += 16;
    }
    bytes[at..].iter().position(|&b| special(b)).map(|p| at + p)
}

/// Appends `s` to `out`, escaped.
pub fn escape_into(out: &mut String, s: &str) {
    let mut rest = s;
    while let Some(i) = first_special(rest.as_bytes()) {
        // The five are ASCII: `i` and `i + 1` are char boundaries.
        out.push_str(&rest[..i]);
        out.push_str(entity(rest.as_bytes()[i]).unwrap_or_default());
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
}

/// `s`, escaped.
pub fn escape_html(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 8);
    escape_into(&mut o, s);
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_the_five_and_keeps_everything_else() {
        assert_eq!(
            escape_html(r#"<a href="x">Tom & Jerry's</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;"
        );
        assert_eq!(escape_html("约2000块H800 / 20万"), "约2000块H800 / 20万");
        assert_eq!(escape_html(""), "");
        assert_eq!(escape_html("&"), "&amp;");
        let mut o = String::from("x");
        escape_into(&mut o, "中<文");
        assert_eq!(o, "x中&lt;文");
        // Past the 16-byte chunks, and specials at chunk edges.
        let long = format!("{}&{}<{}", "a".repeat(15), "中".repeat(7), "b".repeat(33));
        let want = format!(
            "{}&amp;{}&lt;{}",
            "a".repeat(15),
            "中".repeat(7),
            "b".repeat(33)
        );
        assert_eq!(escape_html(&long), want);
        assert_eq!(escape_html(&"x".repeat(40)), "x".repeat(40));
    }
}
