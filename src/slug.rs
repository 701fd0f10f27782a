//! Slugs: the path-safe names of an article's output files.
//!
//! A slug is allow-listed, not escaped: lower-case ASCII letters, digits and
//! single hyphens, at most 80 bytes. Anything else (`../`, `/`, spaces,
//! Chinese) is folded away, so a slug can never leave `out/`. A name with
//! nothing usable left (`深度求索.md`) gets `a-` and a stable hash of the
//! name; Windows device names (`con`, `nul`, `com1`) get `-page`, so the
//! site can be copied to any file system. Two articles with one slug are
//! both kept: later ones (in path order) get `-2`, `-3`.

use std::collections::HashSet;

/// Makes `raw` path-safe. Returns `None` when nothing usable is left.
pub fn sanitize(raw: &str) -> Option<String> {
    let mut out = String::new();
    for c in raw.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 80 {
            break;
        }
    }
    let mut out = out.trim_matches('-').to_string();
    let stem = out.split('-').next().unwrap_or("");
    let device = matches!(stem, "con" | "prn" | "aux" | "nul")
        || (stem.len() == 4
            && (stem.starts_with("com") || stem.starts_with("lpt"))
            && stem.as_bytes()[3].is_ascii_digit());
    if device && out == stem {
        out.push_str("-page");
    }
    (!out.is_empty()).then_some(out)
}

/// A slug for a name with nothing path-safe in it: `a-` and eight hex
/// digits of a stable (FNV-1a) hash of the name.
pub fn fallback(raw: &str) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for b in raw.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    format!("a-{h:08x}")
}

/// Hands out unique slugs in a deterministic order.
#[derive(Debug, Default)]
pub struct SlugRegistry {
    taken: HashSet<String>,
}

impl SlugRegistry {
    /// The slug itself when free, else `slug-2`, `slug-3`, … (returns the
    /// slug and whether it had to be renamed).
    pub fn claim(&mut self, slug: &str) -> (String, bool) {
        if self.taken.insert(slug.to_string()) {
            return (slug.to_string(), false);
        }
        let mut n = 2;
        loop {
            let candidate = format!("{slug}-{n}");
            if self.taken.insert(candidate.clone()) {
                return (candidate, true);
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_is_folded_away() {
        assert_eq!(sanitize("../../etc/passwd").as_deref(), Some("etc-passwd"));
        assert_eq!(
            sanitize("DeepSeek-R1 vs Grok 3").as_deref(),
            Some("deepseek-r1-vs-grok-3")
        );
        assert_eq!(sanitize("深度求索"), None);
        assert_eq!(sanitize("..//.."), None);
        assert_eq!(sanitize("CON").as_deref(), Some("con-page"));
        assert_eq!(sanitize("com1").as_deref(), Some("com1-page"));
        assert_eq!(sanitize("con-air").as_deref(), Some("con-air"));
        assert_eq!(sanitize(&"x".repeat(5000)).map(|s| s.len()), Some(80));
        assert_eq!(sanitize("a\0b\u{202E}c").as_deref(), Some("a-b-c"));
        assert_eq!(fallback("深度求索"), fallback("深度求索"));
        assert_ne!(fallback("深度求索"), fallback("深度求索2"));
        assert!(sanitize(&fallback("深度求索")).is_some());
    }

    #[test]
    fn duplicates_are_numbered() {
        let mut r = SlugRegistry::default();
        assert_eq!(r.claim("gpu-race"), ("gpu-race".into(), false));
        assert_eq!(r.claim("gpu-race"), ("gpu-race-2".into(), true));
        assert_eq!(r.claim("gpu-race"), ("gpu-race-3".into(), true));
    }
}
