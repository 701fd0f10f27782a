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

/// Appends `s` to `out`, escaped.
pub fn escape_into(out: &mut String, s: &str) {
    let bytes = s.as_bytes();
    let mut run = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if let Some(e) = entity(b) {
            // `i` and `run` sit next to ASCII bytes: both are char boundaries.
            out.push_str(&s[run..i]);
            out.push_str(e);
            run = i + 1;
        }
    }
    out.push_str(&s[run..]);
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
    }
}
