//! The number grammar: every number the press writes, in Chinese and
//! English, read into a value with its hedge and its exact byte span.
//!
//! Pure functions over `&str`; no regex and no backtracking over the text:
//! [`find_numbers`] walks the text once, tries a match only where a number
//! can start (a digit, a numeral character, a hedge word, a word start), and
//! after a failed attempt skips the whole token it looked at. Submodules:
//!
//! - `chars`: character classes (digits of every script, numeral
//!   characters, invisible format characters, group separators);
//! - `arabic`: digit runs with grouping, decimals, exponents, powers,
//!   dotted/dashed chains, English scale suffixes (`100k`, `1.2M`);
//! - `zh`: Chinese numerals, also mixed with digits (`1.5万`, `5万4千`);
//! - `en`: English number words (`two hundred thousand`, `a dozen`);
//! - `hedge`: hedge words before and after a number;
//! - `value`: exact decimal arithmetic, so `4.78万亿` is exact.
//!
//! Conventions worth knowing (each chosen for news text):
//!
//! - Values are as written, never rounded: `一千多万` is 10,000,000 with an
//!   [`HedgeKind::AtLeast`] hedge; `二十几万` is 200,000, `数千` 1,000
//!   ([`HedgeKind::Magnitude`]).
//! - A digit run glued to an ASCII letter on its left (`H100`, `A800`,
//!   `R1`), or after `letter-` (`GPT-4`, `DeepSeek-V3`), is part of a name
//!   and not read. A number glued to letters on its right that are not a
//!   scale suffix (`180ml`, `29km`, `4th`, `1m`) is not read either.
//! - Scale suffixes: `k`/`K`, `M`/`MM`/`mn`/`mil`, `b`/`B`/`bn`, `G`, `T`,
//!   and the words; `405B` is 405e9 and `1.8T` 1.8e12 (callers mask chip
//!   and model names). A lower-case `m` is metres, `5G` a network.
//! - Chains of three or more digit groups joined by the same `.`, `-` or
//!   `/` (`2025-04-10`, `192.168.1.2`) are dates, versions or addresses:
//!   each group is its own integer, never a decimal, range or fraction.
//!   A two-group `2025-04` is not a range either, since a range needs its
//!   low end below its high end.
//! - A hyphen right after a digit is a range (`1-2万` = 10,000..20,000,
//!   the unit distributed to the low end), never a minus.
//! - `兆` is 10^12, as in Recognizers-Text.
//! - Percentages (`50%`, `百分之五十`) keep the value as written (50) and
//!   set [`NumberMatch::percent`]; fractions (`3/4`, `五分之一`) set
//!   [`NumberMatch::fraction`].
//! - Ranges keep both ends (`value`, `value_max`) and are `approx`:
//!   `1-2万`, `1万到2万`, `20~100`, `20 to 30`, `between 20 and 30`,
//!   `$100 million to $200 million`, and neighbouring Chinese digits
//!   (`三四万` = 30,000..40,000, `两三个` = 2..3).
//! - Magnitudes: `数千`, `上万`, `几十万`, `thousands of`, `tens of
//!   thousands` are [`HedgeKind::Magnitude`] with the unit as value; a bare
//!   unit before 卡 (`万卡集群`, `千卡`) is its own magnitude hedge (the hedge
//!   text is the unit), and `级` after a number (`百万级`) is one too.
//! - A lone numeral that is part of a word is not read: `一切`, `一起`,
//!   `统一`, `十分`, `四川`, `两岸`, `万一`, `百度`, and financial numerals
//!   standing next to another ideograph (`陆地`, `退伍`, `收拾`).
//! - Where this reading differs from the peer corpora on purpose, the
//!   cases are listed with reasons in `tests/peer_numbers.rs`
//!   (`DEVIATIONS`): amounts such as `一美元` are read, classifiers (个, 对)
//!   stay outside the numeral, `SCP-173`-style names are not numbers, and a
//!   comma is never a decimal point.

use std::ops::Range;

mod arabic;
mod chars;
mod en;
mod hedge;
#[cfg(test)]
mod tests;
mod value;
mod zh;

use arabic::char_at;
use chars::{digit, han, minus_sign};
use value::V;

/// How a figure is hedged or bounded in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HedgeKind {
    /// 约 大约 左右 about around roughly approximately some ~
    About,
    /// 超过 逾 余 多 以上 over more than above at least: `value` is a lower bound.
    AtLeast,
    /// 近 将近 不到 nearly almost up to under: `value` is an upper bound.
    AtMost,
    /// Order of magnitude only: 数千 上万 近万 百万级 thousands of.
    Magnitude,
}

/// A hedge as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hedge {
    pub kind: HedgeKind,
    /// The hedge words as they stand in the text (`约`, `more than`, `余`).
    pub text: String,
}

/// One number found in running text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NumberMatch {
    /// Byte span of the whole expression, hedge words included
    /// (`约20万`, `about 2,000`, `两千余`, `1-2万`).
    pub span: Range<usize>,
    /// Byte span of the numeral alone (`20万`, `2,000`, `两千`).
    pub number_span: Range<usize>,
    /// The value as written; the lower end of a range.
    pub value: f64,
    /// The upper end of a range (`1-2万` → 20000).
    pub value_max: Option<f64>,
    /// Any hedge, bound or range makes a figure approximate.
    pub approx: bool,
    pub hedge: Option<Hedge>,
    /// A percentage (`50%`, `百分之五十`, `50 percent`): `value` is 50.
    pub percent: bool,
    /// A fraction (`3/4`, `五分之一`, `two thirds`): `value` is the quotient.
    pub fraction: bool,
}

impl NumberMatch {
    /// The value as a non-negative integer, when it is one.
    pub fn as_count(&self) -> Option<u64> {
        (self.value >= 0.0 && self.value.fract() == 0.0 && self.value < 1e18)
            .then_some(self.value as u64)
    }
}

/// Finds every number in `text`, left to right, without overlaps.
pub fn find_numbers(text: &str) -> Vec<NumberMatch> {
    let mut out = Vec::new();
    find_numbers_into(text, &mut out);
    out
}

/// [`find_numbers`] into `out` (cleared first), so that one buffer can
/// serve many texts.
pub fn find_numbers_into(text: &str, out: &mut Vec<NumberMatch>) {
    out.clear();
    let mut sc = Scanner {
        t: text,
        groups: Vec::new(),
    };
    let b = text.as_bytes();
    let wide = wide_starts();
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        let (c, len) = if x < 0x80 {
            if x.is_ascii_alphabetic() {
                // A letter inside a word (after a letter or digit) starts
                // nothing. At a word start only a word `en::interesting`
                // knows can start a number or a hedge, and never one glued
                // to digits (`H100`, `v5p`), where every reading fails.
                // Otherwise skip the rest of the word at once.
                let e = skip_word(text, i);
                if (i > 0 && b[i - 1].is_ascii_alphanumeric())
                    || b.get(e).is_some_and(u8::is_ascii_digit)
                    || !en::interesting(&b[i..e])
                {
                    i = e;
                    continue;
                }
            } else if !(x.is_ascii_digit() || matches!(x, b'.' | b'-' | b'~')) {
                i += 1;
                continue;
            }
            (x as char, 1)
        } else {
            // Most non-ASCII characters (CJK text) start nothing: a table
            // look-up per character, decoded from its bytes, skips whole
            // runs of three-byte characters in one tight loop.
            let len = match x {
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                _ => 4,
            };
            if len == 3 {
                let mut j = i;
                while let Some(&[b0 @ 0xE0..=0xEF, b1, b2]) = b.get(j..j + 3) {
                    let cp = code_point3(b0, b1, b2);
                    if wide[cp / 64] & (1 << (cp % 64)) != 0 {
                        break;
                    }
                    j += 3;
                }
                if j > i {
                    i = j;
                    continue;
                }
            }
            let c = text[i..].chars().next().unwrap_or(' ');
            if len != 3 && !may_start_wide(c) {
                i += c.len_utf8();
                continue;
            }
            (c, c.len_utf8())
        };
        if let Some(next) = ascii_dead_end(text, i, c) {
            i = next;
            continue;
        }
        match sc.at(i, out) {
            Ok(next) => i = next.max(i + len),
            Err(skip) => i = skip.max(i + len),
        }
    }
}

/// Where [`Scanner::at`] would resume after failing at an ASCII `c` at
/// `i`, when that is certain without trying: `None` means try.
///
/// Three cases cover most failed attempts in prose, and each is decided by
/// the first check `at` makes (none of these characters starts a hedge):
/// - a digit inside a name (`H100`, `GPT-4`, `v1.5`): the numeral reader
///   refuses it when `left_ok` does and skips the name;
/// - a `.` with no digit after it (a full stop): no numeral starts there;
/// - a `-` that is no minus sign (`state-owned`, `pre-training`): not
///   before a digit, nor at the start of a line (where spaces may come
///   between the sign and the digits).
#[inline]
fn ascii_dead_end(t: &str, i: usize, c: char) -> Option<usize> {
    match c {
        '0'..='9' if !left_ok(t, i) => Some(skip_name(t, i).max(i + 1)),
        '.' if char_at(t, i + 1).and_then(digit).is_none() => Some(i + 1),
        '-' if i > 0 && t.as_bytes()[i - 1] != b'\n' && !starts_digit(t, i + 1) => Some(i + 1),
        _ => None,
    }
}

/// Whether [`Scanner::body`] at `p` may read anything: a sign (`-`, `负`),
/// a letter (`minus`, number words), a digit or decimal point, a Chinese
/// numeral, or `半`. When not, it fails at its first step, and
/// [`Scanner::at`] resumes right after the character it tried.
#[inline]
fn may_open_body(t: &str, p: usize) -> bool {
    char_at(t, p).is_some_and(|c| {
        c.is_ascii_alphanumeric()
            || digit(c).is_some()
            || chars::decimal_point(c)
            || minus_sign(c)
            || matches!(c, '负' | '負' | '半')
            || chars::zh(c).is_some()
    })
}

/// Reads `s` as one number expression covering the whole string.
pub fn parse_number(s: &str) -> Option<f64> {
    let m = find_numbers(s);
    match m.as_slice() {
        [one] if one.span == (0..s.len()) => Some(one.value),
        _ => None,
    }
}

/// The code point of a three-byte UTF-8 character.
#[inline]
fn code_point3(b0: u8, b1: u8, b2: u8) -> usize {
    (usize::from(b0 & 0x0F) << 12) | (usize::from(b1 & 0x3F) << 6) | usize::from(b2 & 0x3F)
}

/// The Basic Multilingual Plane as a bit set: which characters
/// [`may_start_wide`], built once.
fn wide_starts() -> &'static [u64; 1024] {
    static TABLE: std::sync::OnceLock<Box<[u64; 1024]>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = Box::new([0u64; 1024]);
        for cp in 0x80..0x10000u32 {
            if char::from_u32(cp).is_some_and(may_start_wide) {
                t[cp as usize / 64] |= 1 << (cp % 64);
            }
        }
        t
    })
}

/// A non-ASCII character that may start a number or a hedge.
fn may_start_wide(c: char) -> bool {
    digit(c).is_some()
        || chars::zh(c).is_some()
        || matches!(
            c,
            '．' | '−'
                | '－'
                | '～'
                | '〜'
                | '≈'
                | '负'
                | '負'
                | '约'
                | '約'
                | '大'
                | '将'
                | '將'
                | '接'
                | '近'
                | '超'
                | '逾'
                | '不'
                | '高'
                | '至'
                | '最'
                | '小'
                | '少'
                | '低'
                | '上'
                | '数'
                | '數'
                | '半'
        )
}

#[inline]
fn prev_char(t: &str, i: usize) -> Option<char> {
    t[..i].chars().next_back()
}

fn skip_spaces(t: &str, mut p: usize) -> usize {
    let b = t.as_bytes();
    while p < b.len() && b[p] == b' ' {
        p += 1;
    }
    p
}

/// A currency sign between a hedge and its number (`about $2 billion`,
/// `约¥3000`, `more than US$ 1 million`); the sign stays outside
/// `number_span` but inside `span`.
fn skip_currency(t: &str, p: usize) -> usize {
    // The first bytes of the signs below (`€` is E2 82 AC, `£` C2 A3,
    // `¥` C2 A5, `￥` EF BF A5): anything else is no sign.
    if !matches!(
        t.as_bytes().get(p),
        Some(b'U' | b'H' | b'$' | 0xE2 | 0xC2 | 0xEF)
    ) {
        return p;
    }
    let s = &t[p..];
    for sign in ["US$", "HK$", "$", "€", "£", "¥", "￥"] {
        if let Some(rest) = s.strip_prefix(sign) {
            if rest.starts_with(|c: char| c.is_ascii_digit() || c == ' ' || c == '.') {
                return skip_spaces(t, p + sign.len());
            }
        }
    }
    p
}

/// The end of a name-like token (`H100`, `GPT-4o`, `Llama-3.1-405B`).
fn skip_name(t: &str, mut p: usize) -> usize {
    while let Some(c) = char_at(t, p) {
        if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') || digit(c).is_some() {
            p += c.len_utf8();
        } else {
            break;
        }
    }
    p
}

/// Words a lone Chinese digit starts (or ends) that are not numbers.
fn zh_word(prev: Option<char>, c: char, next: Option<char>) -> bool {
    let n = next.unwrap_or(' ');
    match c {
        '一' | '壹' => {
            matches!(
                n,
                '切' | '看'
                    | '些'
                    | '般'
                    | '直'
                    | '起'
                    | '样'
                    | '樣'
                    | '致'
                    | '定'
                    | '旦'
                    | '向'
                    | '律'
                    | '同'
                    | '再'
                    | '概'
                    | '贯'
                    | '貫'
                    | '体'
                    | '體'
                    | '带'
                    | '帶'
                    | '流'
                    | '度'
                    | '味'
                    | '举'
                    | '舉'
                    | '心'
                    | '一'
                    | '道'
                    | '共'
            ) || matches!(
                prev,
                Some('统' | '統' | '唯' | '单' | '單' | '同' | '之' | '万' | '萬')
            )
        }
        '两' | '兩' => matches!(n, '两' | '兩' | '岸') || matches!(prev, Some('两' | '兩')),
        '四' => n == '川',
        '三' => n == '星',
        '十' | '拾' => n == '分' || n == '足',
        _ => false,
    }
}

/// Verbs that start with 打 (not the dozen).
fn da_verb(n: Option<char>) -> bool {
    matches!(
        n,
        Some(
            '造' | '算'
                | '破'
                | '击'
                | '擊'
                | '开'
                | '開'
                | '印'
                | '车'
                | '車'
                | '工'
                | '通'
                | '响'
                | '響'
                | '入'
                | '出'
                | '到'
                | '下'
                | '好'
                | '败'
                | '敗'
                | '压'
                | '壓'
                | '折'
        )
    )
}

struct Scanner<'a> {
    t: &'a str,
    groups: Vec<(usize, usize)>,
}

/// A number expression before postfix hedges.
struct Body {
    num: Range<usize>,
    end: usize,
    v: V,
    max: Option<V>,
    /// Units or a suffix scaled the numeral (`2万`, `3M`): for ranges.
    scale: Option<V>,
    plain: bool,
    percent: bool,
    fraction: bool,
    inner: Option<(HedgeKind, usize, usize)>,
    /// Chinese or Arabic (may take a trailing 多/余).
    zh_or_digits: bool,
    /// Only units, no digit (`万`, `百万`): `近万` is a magnitude.
    bare: bool,
}

impl Scanner<'_> {
    /// Tries a number at `i`, where [`find_numbers_into`] found a
    /// character that may start one (a word only if `en::interesting`).
    /// Ok(end) after pushing, Err(resume) otherwise.
    fn at(&mut self, i: usize, out: &mut Vec<NumberMatch>) -> Result<usize, usize> {
        let t = self.t;
        let c = char_at(t, i).ok_or(i + 1)?;
        let mut hedge: Option<(HedgeKind, usize, usize)> = None;
        let mut bare_only = false;
        let mut p = i;
        if c.is_ascii_alphabetic() {
            if let Some(r) = self.between(i, out) {
                return Ok(r);
            }
            if let Some((k, e)) = hedge::en_prefix(t, i) {
                hedge = Some((k, i, e));
                p = skip_currency(t, skip_spaces(t, e));
            }
        } else if let Some((k, e, bare)) = hedge::zh_prefix(t, i) {
            hedge = Some((k, i, e));
            bare_only = bare;
            p = skip_currency(t, skip_spaces(t, e));
        }
        // Dates, versions, addresses: each group on its own.
        if hedge.is_none()
            && digit(c).is_some()
            && left_ok(t, i)
            && arabic::chain(t, i, &mut self.groups)
        {
            for &(s, e) in &self.groups {
                let (m, x, _, _) = arabic::digit_run(t, s);
                let v = V::dec(m, x).f();
                out.push(NumberMatch {
                    span: s..e,
                    number_span: s..e,
                    value: v,
                    value_max: None,
                    approx: false,
                    hedge: None,
                    percent: false,
                    fraction: false,
                });
            }
            return Ok(self.groups.last().map_or(i + 1, |g| g.1));
        }
        // Most hedge words (and the characters that may start one) stand
        // before no number at all: `数据`, `大规模`, `about the`.
        if !may_open_body(t, p) {
            return Err(i + c.len_utf8());
        }
        let body = match self.body(p, hedge.is_some(), bare_only, false) {
            Ok(b) => b,
            Err(skip) => {
                return Err(if hedge.is_some() {
                    // Skip the hedge word; the number may start inside it.
                    i + c.len_utf8()
                } else if c.is_ascii_alphabetic() {
                    skip_word(t, i).max(skip)
                } else {
                    skip
                });
            }
        };
        let mut end = body.end;
        let mut post: Option<(HedgeKind, usize, usize)> = None;
        // Trailing 多/余/几: 四百多, 两千余, 二十几.
        if body.zh_or_digits && !body.percent && !body.fraction {
            if let Some(ch) = char_at(t, end) {
                if matches!(ch, '多' | '余' | '餘' | '几' | '幾') {
                    post = Some((HedgeKind::AtLeast, end, end + ch.len_utf8()));
                    end += ch.len_utf8();
                }
            }
        }
        if let Some((k, e)) = hedge::zh_postfix(t, end) {
            if post.is_none() {
                post = Some((k, end, e));
            }
            end = e;
        } else if let Some((k, e)) = hedge::en_postfix(t, end) {
            if post.is_none() {
                post = Some((k, end, e));
            }
            end = e;
        } else if t[end..].starts_with('+')
            && !t[end + 1..].starts_with(|c: char| c.is_ascii_digit())
            && body.zh_or_digits
        {
            if post.is_none() {
                post = Some((HedgeKind::AtLeast, end, end + 1));
            }
            end += 1;
        }
        // A restatement in brackets: forty-five (45).
        end = restatement(t, end, body.v);
        // 近万, 将近千: nearness to a bare unit is an order of magnitude.
        if let Some(h) = hedge.as_mut() {
            if body.bare
                && body.num.len() == 3
                && h.0 == HedgeKind::AtMost
                && t[h.1..h.2].ends_with('近')
            {
                h.0 = HedgeKind::Magnitude;
            }
        }
        let chosen = hedge.or(body.inner).or(post);
        let approx = chosen.is_some() || body.max.is_some();
        out.push(NumberMatch {
            span: i.min(body.num.start)..end,
            number_span: body.num.clone(),
            value: body.v.f(),
            value_max: body.max.map(V::f),
            approx,
            hedge: chosen.map(|(kind, s, e)| Hedge {
                kind,
                text: t[s..e].to_string(),
            }),
            percent: body.percent,
            fraction: body.fraction,
        });
        Ok(end)
    }

    /// `between 20 and 30`: a range whose span includes `between`.
    fn between(&self, i: usize, out: &mut Vec<NumberMatch>) -> Option<usize> {
        let t = self.t;
        let b = t.as_bytes();
        if !(b.len() > i + 8 && b[i..i + 8].eq_ignore_ascii_case(b"between ")) {
            return None;
        }
        let p = skip_spaces(t, i + 8);
        let lo = self.body(p, false, false, true).ok()?;
        let a = skip_spaces(t, lo.end);
        if !(b.len() > a + 4 && b[a..a + 4].eq_ignore_ascii_case(b"and ")) {
            return None;
        }
        let hi = self.body(skip_spaces(t, a + 4), false, false, true).ok()?;
        let mut lov = lo.v;
        if lo.plain {
            if let Some(sc) = hi.scale {
                if lov.mul(sc).f() < hi.v.f() {
                    lov = lov.mul(sc);
                }
            }
        }
        if lov.f() >= hi.v.f() || lo.fraction || hi.fraction {
            return None;
        }
        out.push(NumberMatch {
            span: i..hi.end,
            number_span: lo.num.start..hi.num.end,
            value: lov.f(),
            value_max: Some(hi.v.f()),
            approx: true,
            hedge: None,
            percent: lo.percent || hi.percent,
            fraction: false,
        });
        Some(hi.end)
    }

    /// A number expression at `p` (negative sign, numeral, suffix, fraction,
    /// percent, range), without prefix or postfix hedges.
    fn body(&self, p: usize, hedged: bool, bare_only: bool, in_range: bool) -> Result<Body, usize> {
        let t = self.t;
        let c = char_at(t, p).ok_or(p + 1)?;
        let mut q = p;
        let mut neg = false;
        if minus_sign(c) && !in_range {
            if prev_char(t, p).is_some_and(|x| x.is_ascii_alphanumeric() || digit(x).is_some()) {
                return Err(p + 1);
            }
            let a = p + c.len_utf8();
            if starts_digit(t, a) {
                neg = true;
                q = a;
            } else if p == 0 || prev_char(t, p) == Some('\n') {
                let s = skip_spaces(t, a);
                if starts_digit(t, s) {
                    neg = true;
                    q = s;
                } else {
                    return Err(a);
                }
            } else {
                return Err(a);
            }
        } else if c == '负' || c == '負' {
            neg = true;
            q = skip_spaces(t, p + c.len_utf8());
        } else if c.is_ascii_alphabetic() {
            if let Some(e) = neg_word(t, p) {
                neg = true;
                q = skip_spaces(t, e);
            }
        }
        let per = t.as_bytes().get(q) == Some(&0xE7) && t[q..].starts_with("百分之");
        let mut b = if per {
            let s = skip_spaces(t, q + "百分之".len());
            let mut b = self.numeral(s, hedged, false)?;
            b.percent = true;
            b
        } else {
            self.numeral(q, hedged, bare_only)?
        };
        if neg {
            b.v = b.v.neg();
        }
        if !in_range {
            self.range(&mut b, neg);
        }
        if neg {
            b.num.start = p.min(b.num.start);
        }
        Ok(b)
    }

    /// One numeral with its suffix, fraction and percent sign.
    fn numeral(&self, q: usize, hedged: bool, bare_only: bool) -> Result<Body, usize> {
        let t = self.t;
        let c = char_at(t, q).ok_or(q + 1)?;
        if c.is_ascii_alphabetic() {
            let e = en::read(t, q).ok_or(q + 1)?;
            let mut b = Body {
                num: q..e.end,
                end: e.end,
                v: e.v,
                max: None,
                scale: e.scale,
                plain: e.scale.is_none(),
                percent: false,
                fraction: e.fraction,
                inner: e.hedge,
                zh_or_digits: false,
                bare: false,
            };
            percent(t, &mut b);
            return Ok(b);
        }
        if digit(c).is_some() && !left_ok(t, q) {
            return Err(skip_name(t, q));
        }
        // 一半 (a half), 半百 (fifty).
        if c == '一' && t[q..].starts_with("一半") && !t[q + 6..].starts_with('半') {
            return Ok(simple(q, q + 6, V::dec(5, -1)));
        }
        if c == '半' && t[q..].starts_with("半百") {
            return Ok(simple(q, q + 6, V::int(50)));
        }
        // Never two ASCII characters: `pair` reads only Chinese digits.
        if !c.is_ascii() {
            if let Some(b) = pair(t, q) {
                return Ok(b);
            }
        }
        let core = zh::read(t, q, false).ok_or(q + c.len_utf8())?;
        let mut end = core.end;
        let text = &t[q..end];
        let next = char_at(t, end);
        let prev = prev_char(t, q);
        let mut inner = core.placeholder.map(|(s, e, start)| {
            (
                if start {
                    HedgeKind::Magnitude
                } else {
                    HedgeKind::AtLeast
                },
                s,
                e,
            )
        });
        // 万一 (in case), 万万 (by no means): adverbs.
        if matches!(text, "万一" | "萬一") {
            return Err(end);
        }
        if core.bare {
            let single = core.ntok == 1;
            let ten = text == "十" || text == "拾";
            let card = matches!(next, Some('卡' | '级' | '級'));
            let ok = if single {
                ten || hedged || card
            } else {
                text != "万万" && text != "萬萬"
            };
            if !ok {
                return Err(end);
            }
            if single && !ten && !hedged && next == Some('卡') {
                inner = Some((HedgeKind::Magnitude, q, end));
            }
        } else if bare_only && !core.placeholder.is_some_and(|p| p.2) {
            return Err(q + c.len_utf8());
        }
        if core.ntok == 1 && core.arabic.is_none() && text.chars().count() == 1 {
            if zh_word(prev, c, next) {
                return Err(end);
            }
            if chars::ambiguous_financial(c) && (prev.is_some_and(han) || next.is_some_and(han)) {
                return Err(end);
            }
        }
        if !core.v.f().is_finite() {
            return Err(end);
        }
        let mut v = core.v;
        let mut scale = core.scale;
        let mut max = None;
        if core.pair {
            max = zh::read(t, q, true).map(|h| h.v);
        }
        let mut fraction = false;
        if let Some(a) = core.arabic {
            let small = a.int_digits == 1 && !a.has_point;
            if let Some((mul, e)) = arabic::suffix(t, end, small) {
                v = v.mul(mul);
                scale = Some(mul);
                end = e;
            } else if let Some(n) = next {
                if n.is_ascii_alphabetic() {
                    let after = char_at(t, end + 1);
                    let times = (n == 'x' || n == 'X')
                        && !after.is_some_and(|a| a.is_ascii_lowercase() || a.is_ascii_digit());
                    if !times {
                        return Err(skip_name(t, end));
                    }
                } else if (n == '/' || n == '／') && !a.has_point {
                    // 3/4; not 3/4/2025 (a chain, read before).
                    let s = end + n.len_utf8();
                    let (m, _, dn, de) = arabic::digit_run(t, s);
                    if dn > 0 && m != 0 && !char_at(t, de).is_some_and(|x| x.is_ascii_alphabetic())
                    {
                        v = v.div(V::int(m));
                        fraction = true;
                        end = de;
                    }
                } else if n == ' '
                    && !a.has_point
                    && t[end..].starts_with(" point ")
                    && starts_digit(t, end + 7)
                {
                    // `1 point 1`.
                    let (m, _, k, e) = arabic::digit_run(t, end + 7);
                    if !char_at(t, e).is_some_and(|x| x.is_ascii_alphanumeric() || x == '.') {
                        v = v.add(V::dec(m, -(k as i32)));
                        end = e;
                    }
                } else if n == ' ' && !a.has_point && a.int_digits <= 3 {
                    // A mixed number: 1 4/5.
                    if let Some((fv, fe)) = digit_fraction(t, skip_spaces(t, end).min(end + 2)) {
                        v = v.add(fv);
                        fraction = true;
                        end = fe;
                    }
                }
            }
        }
        // 打 (dozen): 十打 = 120.
        if char_at(t, end) == Some('打') && !da_verb(char_at(t, end + 3)) {
            v = v.mul(V::int(12));
            end += 3;
        }
        // Chinese fractions: 五分之一, 三又三分之一.
        if let Some((fv, fe)) = self.zh_fraction(end, v) {
            v = fv;
            end = fe;
            fraction = true;
            scale = None;
        } else if let Some((fv, fe)) = self.zh_mixed(end, v) {
            v = fv;
            end = fe;
            fraction = true;
            scale = None;
        }
        let mut b = Body {
            num: q..end,
            end,
            v,
            max,
            scale,
            plain: !core.units && scale.is_none(),
            percent: false,
            fraction,
            inner,
            zh_or_digits: true,
            bare: core.bare,
        };
        percent(t, &mut b);
        Ok(b)
    }

    /// `X分之Y` after a numeral of value `x` ending at `end`.
    #[inline]
    fn zh_fraction(&self, end: usize, x: V) -> Option<(V, usize)> {
        let t = self.t;
        let s = skip_spaces(t, end);
        if !t[s..].starts_with('分') {
            return None;
        }
        let s = skip_spaces(t, s + 3);
        if !t[s..].starts_with('之') {
            return None;
        }
        let mut s = skip_spaces(t, s + 3);
        let mut neg = false;
        if t[s..].starts_with('负') || t[s..].starts_with('負') {
            neg = true;
            s += 3;
        }
        let y = zh::read(t, s, false)?;
        if y.bare || x.is_zero() {
            return None;
        }
        let mut v = y.v.div(x);
        if neg {
            v = v.neg();
        }
        Some((v, y.end))
    }

    /// `X又Y分之Z`.
    #[inline]
    fn zh_mixed(&self, end: usize, x: V) -> Option<(V, usize)> {
        let t = self.t;
        let s = skip_spaces(t, end);
        if !t[s..].starts_with('又') {
            return None;
        }
        let s = skip_spaces(t, s + 3);
        let y = zh::read(t, s, false)?;
        let (f, e) = self.zh_fraction(y.end, y.v)?;
        let v = if x.f() < 0.0 {
            x.add(f.neg())
        } else {
            x.add(f)
        };
        Some((v, e))
    }

    /// A range after `b`: `1-2万`, `20~100`, `一千到一千五百`, `20 to 30`.
    fn range(&self, b: &mut Body, neg: bool) {
        let t = self.t;
        if b.fraction {
            return;
        }
        let e = b.end;
        let Some(c) = char_at(t, e) else { return };
        let s = match c {
            '-' | '‐' if b.zh_or_digits => e + c.len_utf8(),
            '–' | '—' | '~' | '～' | '〜' | '至' | '到' => skip_spaces(t, e + c.len_utf8()),
            ' ' => {
                let w = skip_spaces(t, e);
                let bb = t.as_bytes();
                if bb.len() >= w + 3
                    && bb[w..w + 2].eq_ignore_ascii_case(b"to")
                    && bb[w + 2] == b' '
                {
                    skip_spaces(t, w + 3)
                } else if let Some(d @ ('–' | '~' | '～')) = char_at(t, w) {
                    // `20 – 30`, `20 ~ 30`.
                    skip_spaces(t, w + d.len_utf8())
                } else {
                    return;
                }
            }
            _ => return,
        };
        let Some(mut c2) = char_at(t, s) else { return };
        let mut s = s;
        // `$100 million to $200 million`: a currency sign before the high end.
        if matches!(c2, '$' | '€' | '£' | '¥' | '￥') && c != '-' {
            s += c2.len_utf8();
            let Some(n) = char_at(t, s) else { return };
            c2 = n;
        }
        if b.zh_or_digits && c2.is_ascii_alphabetic() {
            return;
        }
        let Ok(hi) = self.body(s, false, false, true) else {
            return;
        };
        if hi.fraction || hi.max.is_some() {
            return;
        }
        let mut lo = b.v;
        if b.plain && !neg {
            if let Some(sc) = hi.scale {
                let scaled = lo.mul(sc);
                if scaled.f() < hi.v.f() {
                    lo = scaled;
                }
            }
        }
        if lo.f() >= hi.v.f() {
            return;
        }
        b.v = lo;
        b.max = Some(hi.v);
        b.num.end = hi.num.end;
        b.end = hi.end;
        b.percent |= hi.percent;
        b.scale = None;
        if b.inner.is_none() {
            b.inner = hi.inner;
        }
    }
}

/// Two neighbouring digits standing alone: `两三个月`, `三四家` (2..3,
/// 3..4). Before a unit the Chinese reader handles them (`三四万`).
fn pair(t: &str, q: usize) -> Option<Body> {
    let d = |c: char| match chars::zh(c) {
        Some(chars::Zh::Digit(d)) => Some(d),
        Some(chars::Zh::Liang) => Some(2),
        _ => None,
    };
    let mut it = t[q..].chars();
    let c1 = it.next()?;
    let d1 = d(c1)?;
    let c2 = it.next()?;
    let d2 = d(c2)?;
    if d2 != d1 + 1 || matches!(c2, '两' | '兩') {
        return None;
    }
    let end = q + c1.len_utf8() + c2.len_utf8();
    if char_at(t, end).is_some_and(|c| chars::zh(c).is_some()) {
        return None;
    }
    let mut b = simple(q, end, V::int(d1 as i128));
    b.max = Some(V::int(d2 as i128));
    Some(b)
}

fn simple(s: usize, e: usize, v: V) -> Body {
    Body {
        num: s..e,
        end: e,
        v,
        max: None,
        scale: None,
        plain: true,
        percent: false,
        fraction: false,
        inner: None,
        zh_or_digits: true,
        bare: false,
    }
}

fn percent(t: &str, b: &mut Body) {
    if b.percent || !matches!(t.as_bytes().get(b.end), Some(b'%' | b' ' | 0xEF)) {
        return;
    }
    let e = b.end;
    for w in ["%", "％", " %", " percent", " per cent"] {
        let n = w.len();
        if t[e..].starts_with(w) && !t[e + n..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            b.percent = true;
            b.end = e + n;
            return;
        }
    }
}

/// `4/5` at `s`: (value, end).
fn digit_fraction(t: &str, s: usize) -> Option<(V, usize)> {
    let (a, _, an, ae) = arabic::digit_run(t, s);
    if an == 0 {
        return None;
    }
    let sl = char_at(t, ae)?;
    if sl != '/' && sl != '／' {
        return None;
    }
    let (d, _, dn, de) = arabic::digit_run(t, ae + sl.len_utf8());
    if dn == 0 || d == 0 {
        return None;
    }
    Some((V::int(a).div(V::int(d)), de))
}

/// Whether a digit at `i` may start a number: not inside a name (`H100`,
/// `GPT-4`, `v1.5`).
///
/// Only ASCII characters and `‐` (U+2010) matter on the left, so the bytes
/// before `i` decide without decoding.
fn left_ok(t: &str, i: usize) -> bool {
    let b = t.as_bytes();
    // The character before the one that ends at `k` is ASCII and `f` holds.
    let before = |k: usize, f: fn(&u8) -> bool| k > 0 && f(&b[k - 1]);
    match i.checked_sub(1).map(|k| b[k]) {
        None => true,
        Some(p) if p.is_ascii_alphabetic() || p == b'_' => false,
        Some(b'-') => !before(i - 1, u8::is_ascii_alphabetic),
        Some(b'.') => !before(i - 1, u8::is_ascii_alphanumeric),
        Some(0x90) if i >= 3 && b[i - 3..i] == *"‐".as_bytes() => {
            !before(i - 3, u8::is_ascii_alphabetic)
        }
        Some(_) => true,
    }
}

fn starts_digit(t: &str, i: usize) -> bool {
    match char_at(t, i) {
        Some(c) if digit(c).is_some() => true,
        Some(c) if chars::decimal_point(c) => {
            char_at(t, i + c.len_utf8()).and_then(digit).is_some()
        }
        _ => false,
    }
}

/// The end of the run of ASCII letters at `i`, eight bytes at a time.
fn skip_word(t: &str, mut i: usize) -> usize {
    let b = t.as_bytes();
    while let Some(chunk) = b.get(i..i + 8) {
        let n = leading_letters(u64::from_le_bytes(chunk.try_into().expect("eight bytes")));
        i += n;
        if n < 8 {
            return i;
        }
    }
    while i < b.len() && b[i].is_ascii_alphabetic() {
        i += 1;
    }
    i
}

/// How many of the eight bytes of `w` (first byte lowest) are ASCII
/// letters before the first that is not.
fn leading_letters(w: u64) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x80 * ONES;
    // Each byte with bit 5 set (lower case) and bit 7 clear: a letter is
    // then 0x61..=0x7A, and adding 0x1F or 0x05 to a byte below 0x80
    // carries into its own high bit only, never into the next byte.
    let low = (w | (0x20 * ONES)) & !HIGH;
    let at_least_a = low + (0x80 - 0x61) * ONES;
    let above_z = low + (0x80 - 0x7B) * ONES;
    let letters = at_least_a & !above_z & !w & HIGH;
    ((!letters & HIGH).trailing_zeros() / 8) as usize
}

/// `minus ` / `negative ` at `p`.
fn neg_word(t: &str, p: usize) -> Option<usize> {
    let b = &t.as_bytes()[p..];
    for w in ["minus", "negative"] {
        if b.len() > w.len()
            && b[..w.len()].eq_ignore_ascii_case(w.as_bytes())
            && b[w.len()] == b' '
        {
            return Some(p + w.len());
        }
    }
    None
}

/// `forty-five (45)`: a bracketed restatement of the same value.
fn restatement(t: &str, end: usize, v: V) -> usize {
    let s = skip_spaces(t, end);
    let Some(open) = char_at(t, s) else {
        return end;
    };
    if open != '(' && open != '（' {
        return end;
    }
    let inner = s + open.len_utf8();
    let close_pos = t[inner..].find([')', '）']).map(|k| inner + k);
    let Some(cp) = close_pos else { return end };
    if cp - inner > 40 {
        return end;
    }
    let inside = t[inner..cp].trim();
    if inside.is_empty() || inside.contains(['(', '（']) {
        return end;
    }
    match find_numbers(inside).as_slice() {
        [one] if one.span.len() == inside.len() && one.value == v.f() => {
            cp + char_at(t, cp).map_or(1, char::len_utf8)
        }
        _ => end,
    }
}

#[cfg(test)]
mod unit {
    use super::*;

    #[test]
    fn skip_word_stops_at_the_first_non_letter() {
        let naive =
            |t: &str, i: usize| i + t[i..].bytes().take_while(u8::is_ascii_alphabetic).count();
        let mut ends: Vec<String> = (0u8..0x80).map(|x| char::from(x).to_string()).collect();
        ends.extend(["é", "万", "\u{1F600}", "Ａ"].map(String::from));
        for end in &ends {
            for k in 0..20 {
                let letters: String = "aZqMzAbYx".chars().cycle().take(k).collect();
                let t = format!("{letters}{end}abcdefghijk");
                assert_eq!(skip_word(&t, 0), naive(&t, 0), "{t:?}");
                assert_eq!(skip_word(&t, t.len()), t.len());
            }
        }
    }

    fn one(s: &str) -> (f64, Option<f64>) {
        let m = find_numbers(s);
        assert_eq!(m.len(), 1, "{s}: {m:?}");
        (m[0].value, m[0].value_max)
    }

    #[test]
    fn basics() {
        assert_eq!(one("2,048"), (2048.0, None));
        assert_eq!(one("2\u{200b}048"), (2048.0, None));
        assert_eq!(one("１０，０００"), (10000.0, None));
        assert_eq!(find_numbers("1，2，3").len(), 3);
        assert_eq!(one("一万零四十"), (10040.0, None));
        assert_eq!(one("一万三"), (13000.0, None));
        assert_eq!(one("两千三百五"), (2350.0, None));
        assert_eq!(one("四万万"), (4e8, None));
        assert_eq!(one("10万万"), (1e9, None));
        assert_eq!(one("万亿"), (1e12, None));
        assert_eq!(one("4.78万亿"), (4.78e12, None));
        assert_eq!(one("7 万5 千4 百"), (75400.0, None));
        assert_eq!(one("1-2万"), (10000.0, Some(20000.0)));
        assert_eq!(one("一千多万"), (1e7, None));
        assert_eq!(one("500余万"), (5e6, None));
        assert_eq!(one("二十几万"), (2e5, None));
        assert_eq!(one("负一百二十万"), (-1.2e6, None));
        assert_eq!(one("-1.2M"), (-1.2e6, None));
        assert_eq!(one("2048张").0, 2048.0);
        assert!(find_numbers("H100").is_empty());
        assert!(find_numbers("GPT-4").is_empty());
        assert!(find_numbers("万").is_empty());
    }

    #[test]
    fn hedges() {
        let m = &find_numbers("约20万张")[0];
        assert_eq!(m.value, 200000.0);
        assert_eq!(m.hedge.as_ref().unwrap().kind, HedgeKind::About);
        assert_eq!(m.span, 0..8);
        assert_eq!(m.number_span, 3..8);
        let m = &find_numbers("两千余")[0];
        assert_eq!(m.value, 2000.0);
        assert_eq!(m.hedge.as_ref().unwrap().kind, HedgeKind::AtLeast);
        let m = &find_numbers("数千")[0];
        assert_eq!(m.value, 1000.0);
        assert_eq!(m.hedge.as_ref().unwrap().kind, HedgeKind::Magnitude);
        let m = &find_numbers("上万块")[0];
        assert_eq!(m.value, 10000.0);
        let m = &find_numbers("百万级")[0];
        assert_eq!(m.value, 1e6);
        assert_eq!(m.hedge.as_ref().unwrap().kind, HedgeKind::Magnitude);
    }
}
