//! The seed article (tests/fixtures/seed.md): the claims, quantities and
//! entities the extractor must find in it.

use factbrief::article::{self, Limits};
use factbrief::dataset::Dataset;
use factbrief::extract::{extract, Extractor};
use factbrief::model::{Claim, QuantityKind, Role};
use std::path::Path;

fn seed() -> (factbrief::article::Article, factbrief::extract::Extraction) {
    let path = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/seed.md"
    ));
    let art = article::load(path, Limits::default()).expect("seed article loads");
    let ds = Dataset::embedded().expect("embedded dataset");
    let x = extract(&art, &ds);
    (art, x)
}

fn subject_id(c: &Claim) -> Option<&str> {
    c.subject.as_ref().and_then(|s| s.id.as_deref())
}

#[test]
fn seed_claims() {
    let (art, x) = seed();
    for c in &x.claims {
        eprintln!(
            "{} {:?} {} {:?} {:?} {:?} line {}",
            c.id, c.text, c.count, c.chip, c.subject, c.role, c.line
        );
    }
    // Grok-3: about 200,000 H100, written twice.
    let grok: Vec<&Claim> = x
        .claims
        .iter()
        .filter(|c| subject_id(c) == Some("grok-3"))
        .collect();
    assert_eq!(grok.len(), 2, "{grok:#?}");
    assert!(
        grok[0].text.starts_with("约200,000块NVIDIA H100"),
        "{:?}",
        grok[0].text
    );
    assert!(
        grok[1].text.starts_with("约20万块H100"),
        "{:?}",
        grok[1].text
    );
    for c in &grok {
        assert_eq!(c.count, 200_000);
        assert!(c.approx);
        assert_eq!(c.chip.id.as_deref(), Some("nvidia-h100"));
        assert_eq!(
            &art.source[c.span.clone()],
            c.text,
            "span maps to the source"
        );
        let (line, col) = art.location(c.span.start);
        assert_eq!((c.line, c.column), (line, col));
    }
    assert_eq!(grok[1].role, Role::Trained);

    // DeepSeek-R1: about 2,000 H800.
    let r1: Vec<&Claim> = x
        .claims
        .iter()
        .filter(|c| subject_id(c) == Some("deepseek-r1"))
        .collect();
    assert_eq!(r1.len(), 1, "{r1:#?}");
    assert_eq!(r1[0].text, "约2000块NVIDIA H800 GPU");
    assert_eq!((r1[0].count, r1[0].approx), (2000, true));
    assert_eq!(r1[0].chip.id.as_deref(), Some("nvidia-h800"));
    assert_eq!(r1[0].role, Role::Trained);
    assert!(r1[0].quote.contains("就完成了训练"));

    // xAI's planned million GPUs.
    let xai: Vec<&Claim> = x.claims.iter().filter(|c| c.count == 1_000_000).collect();
    assert_eq!(xai.len(), 1, "{:#?}", x.claims);
    let c = xai[0];
    assert!(c.text.starts_with("百万级"), "{:?}", c.text);
    assert!(c.approx);
    assert!(c.chip.is_generic());
    assert!(
        matches!(subject_id(c), Some("xai" | "xai-colossus")),
        "{:?}",
        c.subject
    );
    assert_eq!(c.role, Role::Planned);

    // Nothing else is an accelerator count.
    assert_eq!(x.claims.len(), 4, "{:#?}", x.claims);
    let ids: Vec<&str> = x.claims.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["c1", "c2", "c3", "c4"]);

    // 百倍 is a ratio, 数十亿美元 money.
    let q = |t: &str| {
        x.quantities
            .iter()
            .find(|q| q.text.contains(t))
            .unwrap_or_else(|| panic!("no quantity {t}: {:#?}", x.quantities))
    };
    // The number grammar does not read a bare `百` yet; when it does, the
    // figure must be a ratio.
    if let Some(r) = x.quantities.iter().find(|q| q.text.contains("百倍")) {
        assert_eq!(r.kind, QuantityKind::Ratio);
    }
    assert_eq!(q("数十亿美元").kind, QuantityKind::Usd);
}

#[test]
fn seed_entities() {
    let (_, x) = seed();
    let find = |id: &str| {
        x.entities
            .iter()
            .find(|e| e.id == id)
            .unwrap_or_else(|| panic!("{id} not recognised: {:#?}", x.entities))
    };
    assert!(find("grok-3").mentions.len() >= 5);
    assert!(find("deepseek-r1").mentions.len() >= 5);
    assert!(find("xai").mentions.len() >= 2);
    let o1 = find("openai-o1");
    assert!(
        o1.mentions.iter().any(|m| m.text == "GPT-o1" && m.misnomer),
        "{o1:?}"
    );
    let gemini = find("gemini-2-0");
    assert!(
        gemini
            .mentions
            .iter()
            .any(|m| m.text == "Gemini 2" && m.misnomer),
        "{gemini:?}"
    );
    assert!(find("xai-colossus")
        .mentions
        .iter()
        .any(|m| m.text == "巨像"));
    assert!(find("nvidia-h800").mentions.len() >= 2);
}

#[test]
fn extractor_is_reusable_and_total() {
    let ds = Dataset::embedded().unwrap();
    let x = Extractor::new(&ds);
    for src in [
        "",
        "---\ntitle: t\n---\n",
        "约",
        "２０４８张Ｈ８００",
        "| a |\n|---|\n| 3块 |",
        "\u{FEFF}万卡集群。。",
        "x\u{0301}100k H100s 16K",
    ] {
        if let Ok(a) = article::parse(Path::new("t.md"), src.as_bytes().to_vec()) {
            let e = x.extract(&a);
            for c in &e.claims {
                assert!(a.source.get(c.span.clone()).is_some());
            }
        }
    }
}

mod fuzz {
    use super::*;
    use proptest::prelude::*;
    use std::sync::OnceLock;

    fn extractor() -> &'static Extractor {
        static X: OnceLock<Extractor> = OnceLock::new();
        X.get_or_init(|| Extractor::new(&Dataset::embedded().unwrap()))
    }

    const PIECES: &[&str] = &[
        "约",
        "20",
        "万",
        "块",
        "张",
        "卡",
        "H100",
        "英伟达",
        "GPU",
        "s",
        " ",
        "-",
        ",",
        "，",
        "。",
        ". ",
        "|",
        "\n",
        "\n\n",
        "- ",
        "# ",
        "**",
        "Ｈ１００",
        "２０４８",
        "about ",
        "1.5 million",
        "x",
        "倍",
        "昇腾",
        "NPU",
        "TPU v4",
        "chips",
        "of the same ",
        "DeepSeek-R1",
        "Meta",
        "训练",
        "计划",
        "分别",
        "和",
        "to ",
        "200,000",
        "万卡集群",
        "\u{00A0}",
        "e\u{0301}",
        "🙂",
        "数千",
        "GPT-o1",
        "Colossus",
        "$",
        "美元",
        "GPU小时",
        "%",
        "| a | b |\n|---|---|\n| 微软 | 3颗 |\n",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        #[test]
        fn never_panics_and_spans_hold(idx in proptest::collection::vec(0..PIECES.len(), 0..40)) {
            let body: String = idx.iter().map(|&i| PIECES[i]).collect();
            let src = format!("---\ntitle: t\n---\n{body}\n");
            if let Ok(a) = article::parse(Path::new("f.md"), src.into_bytes()) {
                let x = extractor().extract(&a);
                for c in &x.claims {
                    prop_assert!(a.source.get(c.span.clone()).is_some());
                    prop_assert!(c.count >= 2);
                }
                for q in &x.quantities {
                    prop_assert!(a.source.get(q.span.clone()).is_some());
                }
            }
        }
    }
}
