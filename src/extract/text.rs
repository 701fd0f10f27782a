//! Sentences, clauses and the wording that gives a claim its role.

use crate::model::Role;
use std::ops::Range;

/// Sentence and clause ranges of a block's plain text. Sentences keep
/// their final punctuation; clauses do not.
pub fn split(text: &str) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    let mut sentences = Vec::new();
    let mut clauses = Vec::new();
    let (mut s0, mut c0) = (0usize, 0usize);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let prev = if k > 0 { Some(chars[k - 1].1) } else { None };
        let next = chars.get(k + 1).map(|x| x.1);
        let end = i + c.len_utf8();
        let digits_around =
            prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit());
        let sentence_end = match c {
            '。' | '！' | '？' | '!' | '?' => true,
            '.' => !digits_around && next.is_none_or(|n| n.is_whitespace() || n == '"' || n == '”'),
            _ => false,
        };
        let clause_end = sentence_end
            || match c {
                '，' | '；' | '：' | '—' | '–' | '(' | ')' | '（' | '）' => true,
                ',' | ':' | ';' => !digits_around,
                _ => false,
            };
        if clause_end {
            if i > c0 {
                clauses.push(c0..i);
            }
            c0 = end;
        }
        if sentence_end {
            sentences.push(s0..end);
            s0 = end;
        }
    }
    if s0 < text.len() {
        sentences.push(s0..text.len());
    }
    if c0 < text.len() {
        clauses.push(c0..text.len());
    }
    (sentences, clauses)
}

/// The range in `ranges` holding byte offset `pos` (or the last before it).
pub fn containing(ranges: &[Range<usize>], pos: usize) -> Option<usize> {
    let i = ranges.partition_point(|r| r.start <= pos);
    (i > 0).then(|| i - 1)
}

/// Lower-case ASCII `text` contains `word` starting on a word boundary.
pub fn has_word(lower: &str, word: &str) -> bool {
    if !word.is_ascii() {
        return lower.contains(word);
    }
    let b = lower.as_bytes();
    let mut from = 0;
    while let Some(i) = lower[from..].find(word) {
        let s = from + i;
        if s == 0 || !b[s - 1].is_ascii_alphanumeric() {
            return true;
        }
        from = s + word.len();
        if from >= lower.len() {
            break;
        }
    }
    false
}

const OTHER: &[&str] = &[
    "per node",
    "per server",
    "per rack",
    "per machine",
    "each node",
    "each server",
    "spare",
    "backup",
    "每个节点",
    "每节点",
    "每台",
    "单节点",
    "单台",
    "备用",
    "冗余",
];
/// Vendor output: the vendor is the subject.
pub const OUTPUT: &[&str] = &[
    "shipped",
    "ships ",
    "shipping",
    "shipment",
    "output",
    "production",
    "produced",
    "produce ",
    "sold",
    "出货",
    "产量",
    "交付",
    "生产",
    "产能",
    "销量",
    "售出",
];
const PLANNED: &[&str] = &[
    "plan",
    "aim",
    "target",
    "expect",
    "will ",
    "by the end of",
    "by year-end",
    "by year end",
    "want",
    "expansion",
    "expand",
    "grow",
    "lift",
    "meant to",
    "goal",
    "intend",
    "hope",
    "set to",
    "on track",
    "next year",
    "计划",
    "将",
    "目标",
    "打算",
    "考虑",
    "拟",
    "预计",
    "有望",
    "扩展至",
    "扩展到",
    "扩建",
    "扩大",
    "增至",
    "增加到",
    "提升至",
    "提升到",
    "规划",
    "未来",
    "年底",
    "力争",
    "准备",
];
const PURCHASED: &[&str] = &[
    "bought",
    "buy",
    "ordered",
    "orders",
    "acquire",
    "acquisition",
    "purchas",
    "picked up",
    "procure",
    "spent",
    "采购",
    "订购",
    "购买",
    "购入",
    "买下",
    "买入",
    "囤积",
    "抢购",
    "下单",
    "求购",
    "拿下",
    "订单",
    "买了",
];
const TRAINED: &[&str] = &["train", "训练", "动用", "练成", "训出", "预训练"];
const DEPLOYED: &[&str] = &[
    "deploy",
    "runs ",
    "running",
    "operat",
    "in service",
    "online",
    "install",
    "houses",
    "equipped",
    "部署",
    "运行",
    "投入使用",
    "上线",
    "配备",
    "拥有",
    "搭载",
    "装备",
    "投入运营",
];
const CLUSTER: &[&str] = &[
    "cluster",
    "supercomputer",
    "supercluster",
    "集群",
    "超算",
    "超级计算机",
    "超级计算",
];

/// The role the wording of `text` gives a count, strongest first.
pub fn role_in(text: &str) -> Option<Role> {
    let lower = text.to_lowercase();
    let any = |ws: &[&str]| ws.iter().any(|w| has_word(&lower, w));
    if any(OTHER) || any(OUTPUT) {
        Some(Role::Other)
    } else if any(PLANNED) {
        Some(Role::Planned)
    } else if any(PURCHASED) {
        Some(Role::Purchased)
    } else if any(TRAINED) {
        Some(Role::Trained)
    } else if any(DEPLOYED) {
        Some(Role::Deployed)
    } else if any(CLUSTER) {
        Some(Role::Cluster)
    } else {
        None
    }
}

pub fn has_any(text: &str, words: &[&str]) -> bool {
    let lower = text.to_lowercase();
    words.iter().any(|w| has_word(&lower, w))
}

pub fn mentions_training(text: &str) -> bool {
    has_any(text, TRAINED)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_roles() {
        let t = "Meta, for example, picked up 224,000 chips. 这是3.5个月,约20万块H100。";
        let (s, c) = split(t);
        assert_eq!(s.len(), 2);
        assert_eq!(&t[c[2].clone()], " picked up 224,000 chips");
        assert_eq!(role_in(&t[s[0].clone()]), Some(Role::Purchased));
        assert_eq!(
            role_in("xAI计划中的10万块H100显卡集群"),
            Some(Role::Planned)
        );
        assert_eq!(
            role_in("由2048张H800 GPU组成的集群上完成训练"),
            Some(Role::Trained)
        );
        assert_eq!(role_in("8 GPUs per node"), Some(Role::Other));
        assert_eq!(role_in("Colossus has 100,000 GPUs"), None);
    }
}
