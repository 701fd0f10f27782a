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

#[test]
fn vague_figures_are_not_claims() {
    for body in [
        "PaLM can be spread over thousands of accelerators.",
        "公司采购了数千块GPU。",
        "上万块显卡",
        "tens of thousands of GPUs",
    ] {
        assert!(claims(body).is_empty(), "{body}: {:?}", claims(body));
    }
    assert_eq!(one("xAI 在考虑扩展至百万级 GPU 的规模。").0, 1_000_000);
    assert_eq!(one("国内首个万卡集群").0, 10_000);
    assert_eq!(one("OpenAI plans to deploy a million GPUs.").0, 1_000_000);
}

#[test]
fn configurations_and_anaphora() {
    let c = one("一台8卡服务器售价约30万美元。");
    assert_eq!((c.0, c.1.as_str(), c.3), (8, "GPU", "other"));
    assert!(claims("集群共有1000台H100服务器。").is_empty());
    // Another paragraph's owner is not carried over without a reference back.
    let v = claims(
        "Oracle will deploy 131,072 Blackwell GPUs.\n\nA GB200 NVL72 rack links 72 Blackwell GPUs.",
    );
    assert_eq!(v[1].2, "-", "{v:?}");
    let v = claims(
        "Oracle will deploy 131,072 Blackwell GPUs.\n\nThese 131,072 Blackwell GPUs cost billions.",
    );
    assert_eq!(v[1].2, "oracle", "{v:?}");
}

#[test]
fn counts_named_by_context() {
    let c = one("DeepSeek拥有的GPU数量超过1万。");
    assert_eq!(
        (c.0, c.1.as_str(), c.2.as_str()),
        (10_000, "GPU", "deepseek")
    );
    let v = claims("| Model | GPUs | Chip |\n|---|---|---|\n| BLOOM | 384 | A100 |\n| OPT-175B | 992 | A100 |\n");
    let got: Vec<(u64, &str, &str)> = v
        .iter()
        .map(|c| (c.0, c.1.as_str(), c.2.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (384, "NVIDIA A100", "bloom"),
            (992, "NVIDIA A100", "opt-175b")
        ]
    );
    // A table of other figures is not.
    assert!(claims("| 类别 | 次数 |\n|---|---|\n| 中断 | 466 |\n").is_empty());
    assert!(claims("| Chip | Year | TDP |\n|---|---|---|\n| H100 | 2022 | 700 |\n").is_empty());
}

#[test]
fn company_named_chip_families() {
    let c = one("Anthropic will get access to up to one million Google TPUs.");
    assert_eq!(
        (c.0, c.1.as_str(), c.2.as_str(), c.3),
        (1_000_000, "Google TPU", "anthropic", "planned")
    );
    let c = one("Google trained PaLM on 6144 TPU v4 chips.");
    assert_eq!((c.1.as_str(), c.2.as_str()), ("Google TPU v4", "palm"));
}

#[test]
fn wan_before_latin_units() {
    let x = run("合计约278.8万GPU小时,动用1.6万GPU。");
    assert_eq!(x.quantities[0].kind, K::GpuHours);
    assert_eq!(x.quantities[0].value, 2_788_000.0);
    assert_eq!(x.claims.len(), 1);
    assert_eq!(x.claims[0].count, 16_000);
}

#[test]
fn units_after_chip_names() {
    let x =
        run("PaLM used two Cloud TPU v4 Pods and 2.6 million H800 GPU hours, 1000 A100 GPU hours.");
    let kinds: Vec<(K, &str)> = x
        .quantities
        .iter()
        .map(|q| (q.kind, q.text.as_str()))
        .collect();
    assert!(
        kinds.contains(&(K::Count, "two Cloud TPU v4 Pods")),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&(K::GpuHours, "1000 A100 GPU hours")),
        "{kinds:?}"
    );
    assert!(x.claims.is_empty(), "{:?}", x.claims);
}

#[test]
fn times_configurations_and_plus() {
    let c = one("Each node has 8x H100 SXM5.");
    assert_eq!((c.0, c.1.as_str(), c.3), (8, "NVIDIA H100", "other"));
    let x = run("xAI runs 100,000+ GPUs.");
    assert_eq!(x.claims.len(), 1);
    assert!(x.claims[0].approx);
    assert!(x.claims[0].text.starts_with("100,000+"));
    assert!(claims("The model is 4x faster than H100 baselines.").is_empty());
}

#[test]
fn glued_power_and_memory() {
    let x = run("耗电量约为130MW,每节点512GB内存,A100 80GB不算。");
    let got: Vec<(K, f64, &str)> = x
        .quantities
        .iter()
        .map(|q| (q.kind, q.value, q.text.as_str()))
        .collect();
    assert!(got.contains(&(K::Power, 130.0, "130MW")), "{got:?}");
    assert!(got.contains(&(K::Memory, 512.0, "512GB")), "{got:?}");
    assert!(!got.iter().any(|g| g.2.contains("80")), "{got:?}");
}

#[test]
fn more_wordings() {
    let c = one("OPT-175B was trained on 992 80GB A100 GPUs.");
    assert_eq!(
        (c.0, c.1.as_str(), c.2.as_str(), c.3),
        (992, "NVIDIA A100", "opt-175b", "trained")
    );
    let c = one("Meta's Research SuperCluster contains 16,000 A100 GPUs.");
    assert_eq!((c.0, c.2.as_str()), (16_000, "meta-rsc"));
    let c = one("Falcon 180B was trained on up to 4,096 A100 GPUs, for about 7 million GPU hours.");
    assert_eq!((c.0, c.2.as_str(), c.3), (4096, "falcon-180b", "trained"));
    let c = one("幻方的萤火二号集群拥有约1万张A100。");
    assert_eq!(
        (c.0, c.2.as_str(), c.3),
        (10_000, "deepseek-fire-flyer-2", "cluster")
    );
    let c = one("训练GPT-4使用了约2.5万块A100,耗时90到100天。");
    assert_eq!((c.0, c.2.as_str(), c.3), (25_000, "gpt-4", "trained"));
}

#[test]
fn new_versions_of_known_families() {
    let v = claims("马斯克表示,Grok 3的训练使用了10万块H100,而Grok 4将使用20万块GPU。");
    let got: Vec<(u64, &str)> = v.iter().map(|c| (c.0, c.2.as_str())).collect();
    assert_eq!(got, [(100_000, "grok-3"), (200_000, "Grok 4")], "{v:?}");
    let c = one("OpenAI trained GPT-5 on 200,000 GPUs.");
    assert_eq!(c.2, "GPT-5");
    let c = one("xAI's Grok 2025 roadmap needs 200,000 GPUs.");
    assert_eq!(c.2, "xai");
}

#[test]
fn beneficiaries_are_not_owners() {
    let c = one("In 2020, Microsoft built a supercomputer for OpenAI with 10,000 V100 GPUs.");
    assert_eq!(c.2, "microsoft");
}

#[test]
fn architecture_families() {
    let c = one("Microsoft acquired 485,000 Nvidia Hopper chips.");
    assert_eq!((c.1.as_str(), c.2.as_str()), ("NVIDIA Hopper", "microsoft"));
    let x = run("Oracle will deploy 131,072 Blackwell GPUs.");
    assert_eq!(x.claims[0].chip.name, "NVIDIA Blackwell");
    assert_eq!(x.claims[0].chip.id, None);
    let x = run("GH200 Grace Hopper superchips");
    assert!(x.entities.iter().any(|e| e.id == "nvidia-gh200"));
}

/// (subject, role) of every claim, in order.
fn subjects(body: &str) -> Vec<(String, &'static str)> {
    claims(body).into_iter().map(|c| (c.2, c.3)).collect()
}

#[test]
fn company_anaphora_is_an_organisation_never_a_model() {
    // The previous subject is a model: `the company` is its organisation.
    let got = subjects(
        "Grok 3 was trained on 100,000 H100 GPUs.\n\n\
         The company also said it expects to run 300,000 H200s by mid-2026.",
    );
    assert_eq!(got[1], ("xai".into(), "planned"), "{got:?}");
    let got = subjects(
        "DeepSeek-V3 was trained on 2,048 H800 GPUs. \
         The firm wants 10,000 H800s in its fleet next year.",
    );
    assert_eq!(got[1], ("deepseek".into(), "planned"), "{got:?}");
    let got = subjects("DeepSeek-V3使用2048块H800训练。\n\n该公司计划明年再采购1万块H800。");
    assert_eq!(got[1], ("deepseek".into(), "planned"), "{got:?}");
    // `the site`, `该集群`: the last cluster named.
    let got = subjects(
        "Colossus came online in 2024 with 100,000 H100 GPUs.\n\n\
         Grok 3 was trained there. The company says the site will hold 1 million GPUs.",
    );
    assert_eq!(got[1], ("xai-colossus".into(), "planned"), "{got:?}");
    let got = subjects(
        "Colossus于2024年投入使用,拥有10万块H100。\n\n\
         Grok 3在那里完成训练。该集群未来将扩展到100万块GPU。",
    );
    assert_eq!(got[1], ("xai-colossus".into(), "planned"), "{got:?}");
}

#[test]
fn analysts_are_sources_not_owners() {
    let got = subjects(
        "OpenAI的GPT-4在约2.5万块A100上训练。\n\n\
         据Epoch AI估计,训练约使用了2.2万块A100。",
    );
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[1], ("gpt-4".into(), "trained"), "{got:?}");
    let got = subjects(
        "GPT-4 was trained on about 25,000 A100s.\n\n\
         Epoch AI estimates that the run used closer to 20,000 A100s.",
    );
    assert_eq!(got[1], ("gpt-4".into(), "trained"), "{got:?}");
    let got = subjects("According to Epoch AI, Meta bought 150,000 H100 GPUs in 2023.");
    assert_eq!(got, [("meta".into(), "purchased")]);
    let got = subjects("Omdia估计,字节跳动去年购买了约23万块英伟达芯片。");
    assert_eq!(got, [("bytedance".into(), "purchased")]);
}

#[test]
fn the_article_source_is_not_an_owner() {
    let src = "---\ntitle: t\nsource: Epoch AI\n---\n\
               GPT-4 was trained on about 25,000 A100s.\n\n\
               Epoch AI counted 20,000 A100s in the run.\n";
    let a = article::parse(Path::new("t.md"), src.as_bytes().to_vec()).expect("parses");
    let x = extractor().extract(&a);
    let ids: Vec<Option<String>> = x
        .claims
        .iter()
        .map(|c| c.subject.as_ref().and_then(|s| s.id.clone()))
        .collect();
    assert_eq!(ids, [Some("gpt-4".into()), Some("gpt-4".into())]);
}

#[test]
fn a_named_cluster_in_apposition_owns_its_size() {
    let got = subjects(
        "xAI opened Colossus in Memphis, a cluster of 100,000 H100 GPUs that it uses to \
         train Grok 3.",
    );
    assert_eq!(got, [("xai-colossus".into(), "cluster")]);
    let got = subjects(
        "Tesla switched on Cortex in Texas last year, a supercomputer of about 50,000 H100s \
         on which it trains its driving models.",
    );
    assert_eq!(got, [("tesla-cortex".into(), "cluster")]);
    let got =
        subjects("xAI在孟菲斯启用了Colossus,这是一个由10万块H100组成的集群,xAI用它训练Grok 3。");
    assert_eq!(got, [("xai-colossus".into(), "cluster")]);
    // Still a claim when a cluster is made of accelerators.
    let got = subjects("Colossus由10万块H100组成。");
    assert_eq!(got, [("xai-colossus".into(), "cluster")]);
}

#[test]
fn the_clause_subject_outranks_a_counterparty() {
    let got = subjects("Meta has agreed with Google to rent 50,000 TPUs next year.");
    assert_eq!(got, [("meta".into(), "planned")]);
    let got = subjects("OpenAI will buy 30,000 GPUs from Oracle.");
    assert_eq!(got[0].0, "openai");
    let got = subjects("Anthropic与谷歌达成协议,将使用多达100万块TPU。");
    assert_eq!(got, [("anthropic".into(), "planned")]);
    let got = subjects("Meta向谷歌租用了5万块TPU。");
    assert_eq!(got[0].0, "meta");
}

#[test]
fn a_chips_dies_are_not_accelerators() {
    for body in [
        "据称昇腾910D由四颗910C封装而成。",
        "英伟达B200由两颗裸片封装在一起,采用双芯设计。",
        "The Ascend 910C is made of two 910B dies.",
        "The B200 is made up of two dies in one package.",
        "Huawei's 910D reportedly packages four 910C chips in one package.",
    ] {
        let x = run(body);
        assert!(x.claims.is_empty(), "{body}: {:?}", x.claims);
    }
    // A per-node configuration stays a claim, with role other.
    let c = one("每台服务器配备8颗昇腾910B。");
    assert_eq!((c.0, c.3), (8, "other"));
}
