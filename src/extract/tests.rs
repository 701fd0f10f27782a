//! Claim patterns, one sentence at a time.

use super::*;
use crate::article;
use crate::model::QuantityKind as K;
use std::path::Path;
use std::sync::OnceLock;

fn extractor() -> &'static Extractor {
    static X: OnceLock<Extractor> = OnceLock::new();
    X.get_or_init(|| Extractor::new(&Dataset::embedded().expect("embedded dataset")))
}

fn run(body: &str) -> Extraction {
    let src = format!("---\ntitle: t\n---\n{body}\n");
    let a = article::parse(Path::new("t.md"), src.into_bytes()).expect("parses");
    extractor().extract(&a)
}

/// (count, chip name, subject id or "-", role, text) of every claim.
fn claims(body: &str) -> Vec<(u64, String, String, &'static str, String)> {
    run(body)
        .claims
        .into_iter()
        .map(|c| {
            let s = c
                .subject
                .and_then(|s| s.id.or(Some(s.name)))
                .unwrap_or_else(|| "-".into());
            (c.count, c.chip.name, s, c.role.as_str(), c.text)
        })
        .collect()
}

fn one(body: &str) -> (u64, String, String, &'static str, String) {
    let mut v = claims(body);
    assert_eq!(v.len(), 1, "{body}: {v:?}");
    v.remove(0)
}

#[test]
fn chinese_claims() {
    let c = one("Grok-3的训练动用了约20万块英伟达H100。");
    assert_eq!(
        (c.0, c.1.as_str(), c.2.as_str(), c.3),
        (200_000, "NVIDIA H100", "grok-3", "trained")
    );
    assert_eq!(c.4, "约20万块英伟达H100");
    let c = one("字节跳动采购了1.6万张昇腾910B。");
    assert_eq!(
        (c.0, c.1.as_str(), c.2.as_str(), c.3),
        (16_000, "Huawei Ascend 910B", "bytedance", "purchased")
    );
    let c = one("阿里计划部署2万颗910C芯片。");
    assert_eq!((c.1.as_str(), c.3), ("Huawei Ascend 910C", "planned"));
    let c = one("该公司建成了万卡集群。");
    assert_eq!((c.0, c.1.as_str(), c.3), (10_000, "GPU", "cluster"));
    let c = one("腾讯下单了3000片MI355X。");
    assert_eq!(
        (c.1.as_str(), c.2.as_str()),
        ("AMD Instinct MI355X", "tencent")
    );
}

#[test]
fn english_claims() {
    let c = one("DeepSeek-V3 was trained on 2,048 Nvidia H800 GPUs.");
    assert_eq!(
        (c.0, c.1.as_str(), c.2.as_str(), c.3, c.4.as_str()),
        (
            2048,
            "NVIDIA H800",
            "deepseek-v3",
            "trained",
            "2,048 Nvidia H800 GPUs"
        )
    );
    let c = one("Meta trained Llama 3 405B on 16K H100s.");
    assert_eq!((c.0, c.2.as_str()), (16_000, "llama-3-1-405b"));
    let c = one("xAI's Colossus is a 100k H100 cluster.");
    assert_eq!(
        (c.0, c.2.as_str(), c.3),
        (100_000, "xai-colossus", "cluster")
    );
    let c = one("OpenAI plans to deploy 1 million GPUs by year-end.");
    assert_eq!(
        (c.0, c.1.as_str(), c.2.as_str(), c.3),
        (1_000_000, "GPU", "openai", "planned")
    );
    let c = one("Oracle ordered 30,000 MI450 accelerators.");
    assert_eq!((c.1.as_str(), c.3), ("AMD MI450", "purchased"));
    assert!(c.4.ends_with("accelerators"));
    let c = one("Each server holds 8 GPUs per node.");
    assert_eq!((c.0, c.3), (8, "other"));
}

#[test]
fn numbers_in_names_and_units_are_not_counts() {
    for body in [
        "Grok-3 beat GPT-4 and DeepSeek R1 on H100 and 910B hardware.",
        "Llama 3.1 405B was trained for 54 days on 16,384 H100 GPUs costing $640 million.",
        "训练用了约278.8万GPU小时,耗资557.6万美元,功耗130MW,显存80GB。",
        "The cluster has 48 nodes and 12 racks, drawing 150 MW, 3.8e25 FLOPs.",
        "Grok-3 证明投入百倍GPU能快速获得边际性能提升。",
    ] {
        for c in run(body).claims {
            assert!(c.count == 16_384, "{body}: {c:?}");
        }
    }
    let x =
        run("总成本约为557.6万美元,约5000 GPU小时,功耗130兆瓦,671B参数,两倍多,2024年,54天,405B。");
    let kinds: Vec<K> = x.quantities.iter().map(|q| q.kind).collect();
    assert_eq!(
        kinds,
        [
            K::Usd,
            K::GpuHours,
            K::Power,
            K::Parameters,
            K::Ratio,
            K::Date,
            K::Duration,
            K::Parameters
        ],
        "{:#?}",
        x.quantities
    );
    assert_eq!(x.quantities[0].value, 5_576_000.0);
    assert!(x.claims.is_empty());
}

#[test]
fn subjects_from_context() {
    // From the previous sentence.
    let v = claims("DeepSeek推出了DeepSeek-V3。它在2048张H800上完成训练。");
    assert_eq!(v[0].2, "deepseek-v3");
    // One phrase, two subjects.
    let v = claims("字节跳动和腾讯今年分别订购了约23万枚英伟达芯片。");
    let s: Vec<&str> = v.iter().map(|c| c.2.as_str()).collect();
    assert_eq!(s, ["bytedance", "tencent"]);
    assert_eq!(v[0].1, "GPU");
    // A table row and its column header.
    let v = claims("| 公司 | 采购的H100芯片 |\n|---|---|\n| 微软 | 15万颗 |\n| Meta | 15万颗 |\n");
    assert_eq!(v.len(), 2, "{v:?}");
    assert_eq!(
        (v[0].1.as_str(), v[0].2.as_str(), v[0].3),
        ("NVIDIA H100", "microsoft", "purchased")
    );
    assert_eq!(v[1].2, "meta");
    // Analysts report figures; they do not own them.
    let c = one("据Omdia估算,微软今年买下48.5万颗英伟达Hopper芯片。");
    assert_eq!(c.2, "microsoft");
    // Vendor shipments belong to the vendor.
    let c = one("In 2023 the company shipped roughly 300,000 H100s.");
    assert_eq!((c.2.as_str(), c.3), ("nvidia", "other"));
}

#[test]
fn entity_mentions_group_by_entity() {
    let x = run("DeepSeek-R1 and DeepSeek R1\n\nOpenAI's GPT-o1 vs Philosophy");
    let r1 = x.entities.iter().find(|e| e.id == "deepseek-r1").unwrap();
    assert_eq!(r1.mentions.len(), 2);
    assert_eq!(r1.mentions[1].line, 4);
    let o1 = x.entities.iter().find(|e| e.id == "openai-o1").unwrap();
    assert!(o1.mentions[0].misnomer);
    assert!(!x
        .entities
        .iter()
        .any(|e| e.mentions.iter().any(|m| m.text.contains("Phi"))));
}

#[test]
fn coordinated_figures_and_respectively() {
    let v = claims("微软和Meta今年分别采购了48.5万和22.4万颗英伟达Hopper芯片。");
    let got: Vec<(u64, &str)> = v.iter().map(|c| (c.0, c.2.as_str())).collect();
    assert_eq!(got, [(485_000, "microsoft"), (224_000, "meta")], "{v:?}");
    let c = one("Tesla bought 2,000 RTX 4090 cards.");
    assert_eq!((c.0, c.1.as_str()), (2000, "NVIDIA RTX 4090"));
    // A bare figure after `to` is a count only when it restates one.
    let v = claims("Colossus runs 100,000 GPUs. Revenue grew to 5,000.");
    assert_eq!(v.len(), 1, "{v:?}");
}
