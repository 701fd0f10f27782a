//! Character classes for the scanner. Everything here is a `match` on one
//! `char`: no tables to build, no allocation.

/// The value of a digit character.
///
/// Read as digits: ASCII `0-9`, full-width `０-９` (U+FF10..), Arabic-Indic
/// `٠-٩` (U+0660..) and Extended Arabic-Indic `۰-۹` (U+06F0..). The Arabic
/// digits are written left to right inside a number even in right-to-left
/// text, so they are read positionally exactly like ASCII digits; the
/// Arabic decimal and thousands separators (U+066B, U+066C) are not read.
#[inline]
pub(crate) fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        _ => None,
    }
}

/// Zero-width and invisible format characters that editors and CMSs leave
/// between digits (`2\u{200b}048`). Between two digits they are skipped.
#[inline]
pub(crate) fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// Space-like digit-group separators: `40 000`, `1 234 567` with a space,
/// thin space, no-break space or narrow no-break space.
#[inline]
pub(crate) fn group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{2009}' | '\u{00A0}' | '\u{202F}')
}

#[inline]
pub(crate) fn decimal_point(c: char) -> bool {
    matches!(c, '.' | '．')
}

#[inline]
pub(crate) fn minus_sign(c: char) -> bool {
    matches!(c, '-' | '\u{2212}' | '－')
}

/// A CJK ideograph (the blocks news text uses).
#[inline]
pub(crate) fn han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FFFF}')
}

/// One Chinese numeral character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Zh {
    /// 一..九 and the financial forms 壹..玖.
    Digit(u32),
    /// 两 兩 俩 倆: 2 before a unit or standing alone, never a decimal digit.
    Liang,
    /// 零 〇.
    Zero,
    /// 十 百 千 (and 拾 佰 仟) as a power of ten: 1, 2, 3.
    Small(i32),
    /// 廿 卅 卌: 20, 30, 40 written as one character.
    Tens(u32),
    /// 万 亿 兆 (萬 億) as a power of ten: 4, 8, 12.
    Big(i32),
    /// 几 幾 多 余 餘: an unknown digit (`二十几万`, `一千多万`).
    Placeholder,
    /// 点 點: the decimal point.
    Point,
}

#[inline]
pub(crate) fn zh(c: char) -> Option<Zh> {
    use Zh::*;
    Some(match c {
        '零' | '〇' => Zero,
        '一' | '壹' | '弌' => Digit(1),
        '二' | '贰' | '貳' | '弍' => Digit(2),
        '两' | '兩' | '俩' | '倆' => Liang,
        '三' | '叁' | '參' | '弎' => Digit(3),
        '四' | '肆' => Digit(4),
        '五' | '伍' => Digit(5),
        '六' | '陆' | '陸' => Digit(6),
        '七' | '柒' => Digit(7),
        '八' | '捌' => Digit(8),
        '九' | '玖' => Digit(9),
        '十' | '拾' => Small(1),
        '百' | '佰' => Small(2),
        '千' | '仟' => Small(3),
        '廿' => Tens(2),
        '卅' => Tens(3),
        '卌' => Tens(4),
        '万' | '萬' => Big(4),
        '亿' | '億' => Big(8),
        // 兆 follows Recognizers-Text: 10^12 (`五兆六十二亿` = 5.0062e12),
        // not 10^6 (its metric sense) nor the older 10^16.
        '兆' => Big(12),
        '几' | '幾' | '多' | '余' | '餘' => Placeholder,
        '点' | '點' => Point,
        _ => return None,
    })
}

/// Financial numerals that are also ordinary words (陆地 land, 退伍, 收拾,
/// 放肆, 参加): standing alone next to another ideograph they are words.
#[inline]
pub(crate) fn ambiguous_financial(c: char) -> bool {
    matches!(
        c,
        '陆' | '陸' | '伍' | '拾' | '肆' | '參' | '柒' | '捌' | '玖' | '佰' | '仟'
    )
}
