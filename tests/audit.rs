//! The audit against the embedded dataset: each verdict, the tolerance
//! edges, misattribution chains, disputed records, conflicts within and
//! across articles. Claims are built as the extractor builds them.

use factbrief::audit::{audit_article, cross_article, judge, Tolerance};
use factbrief::dataset::Dataset;
use factbrief::model::{
    ArticleMeta, Bilingual, ChipRef, Claim, ClaimKind, EntityRef, FactFile, Quantity, QuantityKind,
    Role, Verdict, VerdictStatus,
};

fn ds() -> Dataset {
    Dataset::embedded().expect("embedded dataset loads")
}

fn chip(ds: &Dataset, id: &str) -> ChipRef {
    let c = ds.chip(id).unwrap_or_else(|| panic!("chip {id}"));
    ChipRef {
        id: Some(id.into()),
        name: c.name.clone(),
        text: c.name.clone(),
    }
}

fn subject(ds: &Dataset, id: &str) -> Option<EntityRef> {
    let e = ds.entity(id).unwrap_or_else(|| panic!("entity {id}"));
    Some(EntityRef {
        id: Some(id.into()),
        name: e.name().into(),
        text: e.name().into(),
    })
}

fn claim(
    id: &str,
    count: u64,
    approx: bool,
    chip: ChipRef,
    subject: Option<EntityRef>,
    role: Role,
) -> Claim {
    Claim {
        id: id.into(),
        kind: ClaimKind::AcceleratorCount,
        count,
        count_max: None,
        approx,
        hedge: approx.then(|| "约".to_string()),
        chip,
        subject,
        role,
        text: format!("约{count}块"),
        quote: String::new(),
        line: 1,
        column: 1,
        verdict: None,
        span: 0..0,
    }
}

fn judge_one(ds: &Dataset, c: &Claim) -> Verdict {
    judge(c, ds, &Tolerance::default())
}

fn file(slug: &str, claims: Vec<Claim>) -> FactFile {
    FactFile {
        article: ArticleMeta {
            slug: slug.into(),
            path: format!("articles/{slug}.md"),
            title: slug.into(),
            lang: "zh".into(),
            date: None,
            source: None,
            source_url: None,
            attribution: None,
        },
        claims,
        quantities: Vec::new(),
        entities: Vec::new(),
        conflicts: Vec::new(),
    }
}

fn assert_bilingual(note: &Bilingual) {
    assert!(!note.en.is_empty() && !note.zh.is_empty(), "{note:?}");
    assert!(
        note.zh
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "zh note has Chinese: {}",
        note.zh
    );
}

// --- The seed article --------------------------------------------------------

#[test]
fn seed_r1_about_2000_h800_is_misattributed_to_v3() {
    let ds = ds();
    let c = claim(
        "c2",
        2000,
        true,
        chip(&ds, "nvidia-h800"),
        subject(&ds, "deepseek-r1"),
        Role::Trained,
    );
    let v = judge_one(&ds, &c);
    assert_eq!(v.status, VerdictStatus::Misattributed, "{}", v.note.en);
    let r = v.reference.as_ref().unwrap();
    assert_eq!(r.entity, "deepseek-v3");
    assert_eq!(r.value, 2048.0);
    assert_eq!(r.chip, "NVIDIA H800");
    assert!(
        r.source.title.contains("DeepSeek-V3 Technical Report"),
        "{:?}",
        r.source
    );
    // R1's own disclosed figure comes along.
    assert!(
        v.also
            .iter()
            .any(|a| a.entity == "deepseek-r1" && a.value == 512.0),
        "{:?}",
        v.also
    );
    assert!(
        v.note.en.contains("2,048") && v.note.en.contains("512") && v.note.en.contains("Nature"),
        "{}",
        v.note.en
    );
    assert!(v.note.en.contains("base model"), "{}", v.note.en);
    assert!(
        v.note.zh.contains("DeepSeek-V3") && v.note.zh.contains("2048"),
        "{}",
        v.note.zh
    );
    assert_bilingual(&v.note);
    println!("R1: {:?}\n{}\n{}", v.status, v.note.en, v.note.zh);
}

#[test]
fn seed_grok3_200000_h100_is_disputed_as_a_mix_of_h100_and_h200() {
    let ds = ds();
    let c = claim(
        "c1",
        200_000,
        true,
        chip(&ds, "nvidia-h100"),
        subject(&ds, "grok-3"),
        Role::Trained,
    );
    let v = judge_one(&ds, &c);
    assert_eq!(v.status, VerdictStatus::Disputed, "{}", v.note.en);
    let r = v.reference.as_ref().unwrap();
    assert_eq!(r.entity, "grok-3");
    assert_eq!(r.chip, "GPU (H100 + H200)");
    assert_eq!(r.status, "official");
    assert!(
        v.note
            .en
            .contains("xAI's ~200,000 GPUs were a mix of H100 and H200"),
        "{}",
        v.note.en
    );
    assert!(
        v.note.en.contains("100,000 NVIDIA H100"),
        "the Epoch estimate is named: {}",
        v.note.en
    );
    assert!(
        v.note.zh.contains("约20万") && v.note.zh.contains("H200"),
        "{}",
        v.note.zh
    );
    // The press claim is mentioned, never used as the reference.
    assert_ne!(r.status, "press_claim");
    assert!(v.also.iter().all(|a| a.status != "press_claim"));
    assert_bilingual(&v.note);
    println!("Grok-3: {:?}\n{}\n{}", v.status, v.note.en, v.note.zh);
}

#[test]
fn seed_xai_million_gpu_plan_is_compared_with_the_reported_plans() {
    let ds = ds();
    for sid in ["xai", "xai-colossus"] {
        let c = claim(
            "c3",
            1_000_000,
            true,
            ChipRef::generic("GPU"),
            subject(&ds, sid),
            Role::Planned,
        );
        let v = judge_one(&ds, &c);
        assert_eq!(v.status, VerdictStatus::Supported, "{sid}: {}", v.note.en);
        let r = v.reference.as_ref().unwrap();
        assert_eq!(r.entity, "xai-colossus");
        assert_eq!(r.property, "planned_chip_count");
        assert_eq!(r.value, 1_000_000.0);
        assert_eq!(r.status, "reported");
        assert!(!v.also.is_empty(), "the other plans are listed");
        assert_bilingual(&v.note);
        println!("{sid}: {:?}\n{}\n{}", v.status, v.note.en, v.note.zh);
    }
    // As the extractor writes 百万级: an order of magnitude, still the 1,000,000 plan.
    let mut c = claim(
        "c3",
        1_000_000,
        true,
        ChipRef::generic("GPU"),
        subject(&ds, "xai"),
        Role::Planned,
    );
    c.hedge = Some("百万级".into());
    let v = judge_one(&ds, &c);
    assert_eq!(v.status, VerdictStatus::Supported, "{}", v.note.en);
    assert_eq!(v.reference.unwrap().value, 1_000_000.0);
    assert!(v.note.zh.contains("100万级"), "{}", v.note.zh);
}

#[test]
fn seed_article_audit_agrees_on_20wan_and_200000_and_checks_the_hundredfold_ratio() {
    let ds = ds();
    let h100 = chip(&ds, "nvidia-h100");
    let mut f = file(
        "deepseek-r1-vs-grok-3",
        vec![
            claim(
                "c1",
                200_000,
                true,
                h100.clone(),
                subject(&ds, "grok-3"),
                Role::Trained,
            ),
            claim(
                "c2",
                2000,
                true,
                chip(&ds, "nvidia-h800"),
                subject(&ds, "deepseek-r1"),
                Role::Trained,
            ),
            claim(
                "c3",
                200_000,
                true,
                h100,
                subject(&ds, "grok-3"),
                Role::Trained,
            ),
            claim(
                "c4",
                1_000_000,
                true,
                ChipRef::generic("GPU"),
                subject(&ds, "xai"),
                Role::Planned,
            ),
        ],
    );
    f.quantities.push(Quantity {
        kind: QuantityKind::Ratio,
        value: 100.0,
        value_max: None,
        approx: false,
        unit: None,
        text: "百倍".into(),
        line: 19,
        span: 0..0,
    });
    audit_article(&mut f, &ds, &Tolerance::default());
    assert!(f.claims.iter().all(|c| c.verdict.is_some()));
    assert!(f.conflicts.is_empty(), "{:?}", f.conflicts);
    // A ratio the counts do not bear out is a conflict.
    f.quantities[0].value = 10.0;
    f.quantities[0].text = "十倍".into();
    f.conflicts.clear();
    audit_article(&mut f, &ds, &Tolerance::default());
    assert_eq!(f.conflicts.len(), 1, "{:?}", f.conflicts);
    assert!(
        f.conflicts[0].note.en.contains("十倍"),
        "{:?}",
        f.conflicts[0]
    );
}

// --- Each verdict ------------------------------------------------------------

#[test]
fn supported_exact_v3_2048_h800() {
    let ds = ds();
    let c = claim(
        "c1",
        2048,
        false,
        chip(&ds, "nvidia-h800"),
        subject(&ds, "deepseek-v3"),
        Role::Trained,
    );
    let v = judge_one(&ds, &c);
    assert_eq!(v.status, VerdictStatus::Supported, "{}", v.note.en);
    assert_eq!(v.reference.unwrap().value, 2048.0);
}

#[test]
fn tolerance_2000_vs_2048_passes_hedged_or_round_but_exact_must_match() {
    let ds = ds();
    let h800 = chip(&ds, "nvidia-h800");
    let v3 = subject(&ds, "deepseek-v3");
    // Round, unhedged "2,000".
    let v = judge_one(
        &ds,
        &claim("c1", 2000, false, h800.clone(), v3.clone(), Role::Trained),
    );
    assert_eq!(v.status, VerdictStatus::Supported, "{}", v.note.en);
    // Hedged "约2000".
    let v = judge_one(
        &ds,
        &claim("c1", 2000, true, h800.clone(), v3.clone(), Role::Trained),
    );
    assert_eq!(v.status, VerdictStatus::Supported, "{}", v.note.en);
    // Exact "2,040" is not 2,048.
    let v = judge_one(&ds, &claim("c1", 2040, false, h800, v3, Role::Trained));
    assert_eq!(v.status, VerdictStatus::Contradicted, "{}", v.note.en);
}

#[test]
fn tolerance_20wan_vs_150000_fails() {
    let ds = ds();
    // Colossus had 150,000 H100 (Epoch, July 2025); "约20万块H100" is not that.
    let c = claim(
        "c1",
        200_000,
        true,
        chip(&ds, "nvidia-h100"),
        subject(&ds, "xai-colossus"),
        Role::Cluster,
    );
    let v = judge_one(&ds, &c);
    assert_ne!(v.status, VerdictStatus::Supported, "{}", v.note.en);
    let r = v.reference.unwrap();
    assert!(!(r.value == 150_000.0 && v.status == VerdictStatus::Supported));
    // …while "约15万块H100" is.
    let c = claim(
        "c1",
        150_000,
        true,
        chip(&ds, "nvidia-h100"),
        subject(&ds, "xai-colossus"),
        Role::Cluster,
    );
    let v = judge_one(&ds, &c);
    assert_eq!(v.status, VerdictStatus::Supported, "{}", v.note.en);
    assert_eq!(v.reference.unwrap().value, 150_000.0);
}

#[test]
fn a_variant_is_a_different_chip() {
    let ds = ds();
    // DeepSeek-V3 on 2,048 H100: H800 is not H100.
    let c = claim(
        "c1",
        2048,
        false,
        chip(&ds, "nvidia-h100"),
        subject(&ds, "deepseek-v3"),
        Role::Trained,
    );
    let v = judge_one(&ds, &c);
    assert_eq!(v.status, VerdictStatus::Contradicted, "{}", v.note.en);
    assert!(v.note.en.contains("different chips"), "{}", v.note.en);
    assert_bilingual(&v.note);
    // A generic "GPU" matches any chip.
    let c = claim(
        "c1",
        2048,
        false,
        ChipRef::generic("GPU"),
        subject(&ds, "deepseek-v3"),
        Role::Trained,
    );
    assert_eq!(judge_one(&ds, &c).status, VerdictStatus::Supported);
}

#[test]
fn contradicted_count_outside_tolerance() {
    let ds = ds();
    let c = claim(
        "c1",
        5_000,
        true,
        chip(&ds, "nvidia-h800"),
        subject(&ds, "deepseek-v3"),
        Role::Trained,
    );
    let v = judge_one(&ds, &c);
    assert_eq!(v.status, VerdictStatus::Contradicted, "{}", v.note.en);
    assert!(v.note.en.contains("outside tolerance"), "{}", v.note.en);
    // ~50,000 H800 is DeepSeek's whole fleet (an estimate), not V3's run.
    let c = claim(
        "c1",
        50_000,
        true,
        chip(&ds, "nvidia-h800"),
        subject(&ds, "deepseek-v3"),
        Role::Trained,
    );
    let v = judge_one(&ds, &c);
    assert_eq!(v.status, VerdictStatus::Misattributed, "{}", v.note.en);
    assert_eq!(v.reference.unwrap().entity, "deepseek-gpu-fleet");
}

#[test]
fn disputed_gpt4_25000_vs_20000_a100() {
    let ds = ds();
    let a100 = chip(&ds, "nvidia-a100");
    for n in [25_000, 20_000] {
        let c = claim(
            "c1",
            n,
            true,
            a100.clone(),
            subject(&ds, "gpt-4"),
            Role::Trained,
        );
        let v = judge_one(&ds, &c);
        assert_eq!(v.status, VerdictStatus::Disputed, "{n}: {}", v.note.en);
        assert_eq!(v.reference.as_ref().unwrap().value, n as f64);
        assert_eq!(v.also.len(), 1);
        assert!(v.note.en.contains("disagree"), "{}", v.note.en);
    }
}

#[test]
fn unverified_when_nothing_is_disclosed() {
    let ds = ds();
    let c = claim(
        "c1",
        10_000,
        true,
        chip(&ds, "nvidia-h100"),
        subject(&ds, "openai-o1"),
        Role::Trained,
    );
    let v = judge_one(&ds, &c);
    assert_eq!(v.status, VerdictStatus::Unverified, "{}", v.note.en);
    assert!(v.reference.is_none());
    assert_bilingual(&v.note);
    // No subject at all.
    let c = claim(
        "c1",
        10_000,
        true,
        chip(&ds, "nvidia-h100"),
        None,
        Role::Other,
    );
    assert_eq!(judge_one(&ds, &c).status, VerdictStatus::Unverified);
}

#[test]
fn the_comparison_entry_never_supports_a_claim() {
    let ds = ds();
    let c = claim(
        "c1",
        200_000,
        true,
        chip(&ds, "nvidia-h100"),
        subject(&ds, "counterpoint-grok3-vs-deepseek-r1"),
        Role::Trained,
    );
    let v = judge_one(&ds, &c);
    assert_eq!(v.status, VerdictStatus::Unverified, "{}", v.note.en);
}

// --- Misattribution chains ---------------------------------------------------

#[test]
fn misattributed_cluster_size_for_a_training_run() {
    let ds = ds();
    // Llama 3.1 405B trained on 16,384 H100; 24,576 is the size of each GenAI cluster.
    let c = claim(
        "c1",
        24_576,
        false,
        chip(&ds, "nvidia-h100"),
        subject(&ds, "llama-3-1-405b"),
        Role::Trained,
    );
    let v = judge_one(&ds, &c);
    assert_eq!(v.status, VerdictStatus::Misattributed, "{}", v.note.en);
    assert_eq!(
        v.reference.as_ref().unwrap().entity,
        "meta-genai-24k-clusters"
    );
    assert!(
        v.note.en.contains("not of one training run"),
        "{}",
        v.note.en
    );
    assert!(v.also.iter().any(|a| a.value == 16_384.0));
}

#[test]
fn misattributed_through_the_base_model_chain_for_r1_zero() {
    let ds = ds();
    let c = claim(
        "c1",
        2048,
        false,
        chip(&ds, "nvidia-h800"),
        subject(&ds, "deepseek-r1-zero"),
        Role::Trained,
    );
    let v = judge_one(&ds, &c);
    assert_eq!(v.status, VerdictStatus::Misattributed, "{}", v.note.en);
    assert_eq!(v.reference.unwrap().entity, "deepseek-v3");
}

#[test]
fn misattributed_same_lab_other_model() {
    let ds = ds();
    // Grok-3's ~100,000 H100 said of Grok-2 (whose own figure is ~20,000 H100).
    let c = claim(
        "c1",
        100_000,
        true,
        chip(&ds, "nvidia-h100"),
        subject(&ds, "grok-2"),
        Role::Trained,
    );
    let v = judge_one(&ds, &c);
    assert_eq!(v.status, VerdictStatus::Misattributed, "{}", v.note.en);
    assert_eq!(v.reference.unwrap().entity, "grok-3");
}

// --- Conflicts -----------------------------------------------------------------

#[test]
fn conflicting_counts_within_one_article() {
    let ds = ds();
    let h100 = chip(&ds, "nvidia-h100");
    let mut f = file(
        "a",
        vec![
            claim(
                "c1",
                100_000,
                false,
                h100.clone(),
                subject(&ds, "grok-3"),
                Role::Trained,
            ),
            claim(
                "c2",
                200_000,
                false,
                h100,
                subject(&ds, "grok-3"),
                Role::Trained,
            ),
        ],
    );
    audit_article(&mut f, &ds, &Tolerance::default());
    assert_eq!(f.conflicts.len(), 1);
    assert_eq!(f.conflicts[0].claims, vec!["c1", "c2"]);
    assert!(f.conflicts[0].note.en.contains("100,000") && f.conflicts[0].note.zh.contains("20万"));
}

#[test]
fn cross_article_index_flags_disagreements() {
    let ds = ds();
    let h100 = chip(&ds, "nvidia-h100");
    let mut a = file(
        "a",
        vec![claim(
            "c1",
            200_000,
            true,
            h100.clone(),
            subject(&ds, "grok-3"),
            Role::Trained,
        )],
    );
    let mut b = file(
        "b",
        vec![claim(
            "c1",
            100_000,
            false,
            h100.clone(),
            subject(&ds, "grok-3"),
            Role::Trained,
        )],
    );
    let mut c = file(
        "c",
        vec![claim(
            "c1",
            200_000,
            false,
            h100,
            subject(&ds, "grok-3"),
            Role::Trained,
        )],
    );
    for f in [&mut a, &mut b, &mut c] {
        audit_article(f, &ds, &Tolerance::default());
    }
    let idx = cross_article(&[a, b, c]);
    let g = idx.get("grok-3").unwrap();
    assert_eq!(g.claims.len(), 3);
    assert!(g.claims.iter().all(|c| c.verdict.is_some()));
    assert_eq!(g.disagreements.len(), 2, "{:?}", g.disagreements);
    assert!(
        g.claims
            .iter()
            .find(|c| c.article == "b")
            .unwrap()
            .disagrees
    );
    // Chip pages list the claims too.
    assert_eq!(idx.get("nvidia-h100").unwrap().claims.len(), 3);
}

#[test]
fn a800_is_not_a100() {
    let ds = ds();
    let c = claim(
        "c1",
        25_000,
        true,
        chip(&ds, "nvidia-a800"),
        subject(&ds, "gpt-4"),
        Role::Trained,
    );
    let v = judge_one(&ds, &c);
    assert_eq!(v.status, VerdictStatus::Contradicted, "{}", v.note.en);
    assert!(
        v.note.en.contains("NVIDIA A800") && v.note.en.contains("different chips"),
        "{}",
        v.note.en
    );
}

#[test]
fn cluster_counts_are_a_time_series_not_a_dispute() {
    let ds = ds();
    let c = claim(
        "c1",
        100_000,
        false,
        chip(&ds, "nvidia-h100"),
        subject(&ds, "xai-colossus"),
        Role::Cluster,
    );
    let v = judge_one(&ds, &c);
    assert_eq!(v.status, VerdictStatus::Supported, "{}", v.note.en);
    assert!(v.note.en.contains("as of 2024-09-02"), "{}", v.note.en);
    // 200,000 "H100" in Colossus: the record's 200,000 is H100 + H200.
    let c = claim(
        "c1",
        200_000,
        true,
        chip(&ds, "nvidia-h100"),
        subject(&ds, "xai-colossus"),
        Role::Cluster,
    );
    assert_eq!(judge_one(&ds, &c).status, VerdictStatus::Disputed);
}

#[test]
fn round_figures_and_organisation_subjects() {
    let ds = ds();
    // Llama 3.1 405B: 16,384 H100; "16,000" is round, compared at the thousands.
    let c = claim(
        "c1",
        16_000,
        false,
        chip(&ds, "nvidia-h100"),
        subject(&ds, "llama-3-1-405b"),
        Role::Trained,
    );
    assert_eq!(judge_one(&ds, &c).status, VerdictStatus::Supported);
    // "DeepSeek trained on about 2,000 H800": true of the lab (its V3 run).
    let c = claim(
        "c1",
        2000,
        true,
        chip(&ds, "nvidia-h800"),
        subject(&ds, "deepseek"),
        Role::Trained,
    );
    let v = judge_one(&ds, &c);
    assert_eq!(v.status, VerdictStatus::Supported, "{}", v.note.en);
    assert_eq!(v.reference.unwrap().entity, "deepseek-v3");
}

// ---------------------------------------------------------------------------
// Chip families, family-only sources, clusters named for a model.

fn family_chip(name: &str) -> ChipRef {
    ChipRef {
        id: None,
        name: name.into(),
        text: name.into(),
    }
}

#[test]
fn an_architecture_name_fits_any_chip_of_that_family() {
    let ds = ds();
    // "约48.5万块英伟达Hopper芯片" for Microsoft: the record counts H100s, a Hopper part.
    let c = claim(
        "c1",
        485_000,
        true,
        family_chip("NVIDIA Hopper"),
        subject(&ds, "microsoft-hopper-2024"),
        Role::Purchased,
    );
    assert_eq!(judge_one(&ds, &c).status, VerdictStatus::Supported);
    // A family that is not the recorded chip's is another chip.
    let c = claim(
        "c2",
        485_000,
        true,
        family_chip("NVIDIA Blackwell"),
        subject(&ds, "microsoft-hopper-2024"),
        Role::Purchased,
    );
    assert_eq!(judge_one(&ds, &c).status, VerdictStatus::Contradicted);
}

#[test]
fn a_family_only_source_fits_claims_in_that_family_and_no_other() {
    let ds = ds();
    // Anthropic's Google deal: "up to 1 million TPUs", no generation named.
    let tpus = claim(
        "c1",
        1_000_000,
        true,
        family_chip("Google TPU"),
        subject(&ds, "anthropic-google-tpu-2026"),
        Role::Planned,
    );
    assert_eq!(judge_one(&ds, &tpus).status, VerdictStatus::Supported);
    let v5p = claim(
        "c2",
        1_000_000,
        true,
        chip(&ds, "google-tpu-v5p"),
        subject(&ds, "anthropic-google-tpu-2026"),
        Role::Planned,
    );
    assert_eq!(judge_one(&ds, &v5p).status, VerdictStatus::Supported);
    let gpus = claim(
        "c3",
        1_000_000,
        true,
        chip(&ds, "nvidia-h100"),
        subject(&ds, "anthropic-google-tpu-2026"),
        Role::Planned,
    );
    assert_eq!(judge_one(&ds, &gpus).status, VerdictStatus::Contradicted);
}

#[test]
fn an_organisation_is_judged_by_the_clusters_its_models_use() {
    let ds = ds();
    // "AWS expects Anthropic to be running on more than 1 million Trainium2 chips":
    // Project Rainier (AWS's cluster, related to Claude) plans 1,000,000 Trainium2.
    let mut c = claim(
        "c1",
        1_000_000,
        true,
        chip(&ds, "aws-trainium2"),
        subject(&ds, "anthropic"),
        Role::Planned,
    );
    c.hedge = Some("more than".into());
    let v = judge_one(&ds, &c);
    assert_eq!(v.status, VerdictStatus::Supported, "{}", v.note.en);
    assert_eq!(v.reference.unwrap().entity, "aws-project-rainier");
}

#[test]
fn a_cluster_size_stated_for_a_model_is_checked_against_its_cluster() {
    let ds = ds();
    // "Llama 3.1 405B's cluster of 24,576 H100s": role cluster, subject the model.
    let c = claim(
        "c1",
        24_576,
        false,
        chip(&ds, "nvidia-h100"),
        subject(&ds, "llama-3-1-405b"),
        Role::Cluster,
    );
    let v = judge_one(&ds, &c);
    assert_eq!(v.status, VerdictStatus::Supported, "{}", v.note.en);
    assert_eq!(v.reference.unwrap().entity, "meta-genai-24k-clusters");
    // As a training count the same figure is not the model's own.
    let c = claim(
        "c2",
        24_576,
        false,
        chip(&ds, "nvidia-h100"),
        subject(&ds, "llama-3-1-405b"),
        Role::Trained,
    );
    assert_eq!(judge_one(&ds, &c).status, VerdictStatus::Misattributed);
}
