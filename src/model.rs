//! The fact file: the one data model every stage after parsing shares.
//!
//! These types *are* the contract of DESIGN.md's "Fact file" section: they are
//! serialised as `out/facts/<slug>.yaml`, printed by `factbrief extract`, and
//! read back by the audit and the renderer. Field order here is the order in
//! the YAML, so keep it as DESIGN shows it. Anything a stage needs that is not
//! part of the published schema is `#[serde(skip)]`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// What the article says about itself (front matter, or derived).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ArticleMeta {
    /// Path-safe slug: from front matter `slug`, else from the file name.
    pub slug: String,
    /// Path as given on the command line / found by the scan.
    pub path: String,
    pub title: String,
    /// `zh` or `en`: front matter `lang`, else detected from the text.
    pub lang: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    /// Who the article attributes its figures to (e.g. Counterpoint Research).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<String>,
}

/// One fact file: everything extracted from, and audited in, one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FactFile {
    pub article: ArticleMeta,
    pub claims: Vec<Claim>,
    pub quantities: Vec<Quantity>,
    pub entities: Vec<EntityMentions>,
    pub conflicts: Vec<Conflict>,
}

/// The kinds of claim factbrief extracts. Only accelerator counts so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    AcceleratorCount,
}

/// What the count is a count *of*, in the article's own wording.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A model's training hardware (训练 / trained on).
    Trained,
    /// The existing size of a cluster (集群 / cluster).
    Cluster,
    /// A target or expansion (计划 / 将 / plans).
    Planned,
    /// Bought or ordered (采购 / 订购 / bought / ordered).
    Purchased,
    /// In service for an owner (部署 / deployed).
    Deployed,
    /// Anything else: per-node configurations, spares, vendor output.
    Other,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Trained => "trained",
            Role::Cluster => "cluster",
            Role::Planned => "planned",
            Role::Purchased => "purchased",
            Role::Deployed => "deployed",
            Role::Other => "other",
        }
    }
}

/// A chip as the claim names it. `id` is `None` for a chip-shaped name the
/// dataset does not know (MI355X, 910C); `name` is `GPU` when no chip type
/// is named (英伟达芯片, "Nvidia GPUs", 万卡).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ChipRef {
    pub id: Option<String>,
    pub name: String,
    pub text: String,
}

impl ChipRef {
    /// The generic chip: "GPU" with no id.
    pub fn generic(text: impl Into<String>) -> Self {
        ChipRef {
            id: None,
            name: "GPU".to_string(),
            text: text.into(),
        }
    }

    pub fn is_generic(&self) -> bool {
        self.id.is_none() && self.name == "GPU"
    }
}

/// The model, organisation or cluster a count belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct EntityRef {
    pub id: Option<String>,
    pub name: String,
    pub text: String,
}

/// One claimed number of accelerators.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Claim {
    /// `c1`, `c2`, … in order of appearance.
    pub id: String,
    pub kind: ClaimKind,
    /// The value as written (`约20万` → 200000).
    pub count: u64,
    /// Upper end when the text gives a range (`1-2万块`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count_max: Option<u64>,
    /// Hedged or bounded: 约 近 超过 逾 余 多 上 about around nearly over ~ …
    pub approx: bool,
    /// The hedge word itself, when there is one (`约`, `about`, `超过`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hedge: Option<String>,
    pub chip: ChipRef,
    pub subject: Option<EntityRef>,
    pub role: Role,
    /// The exact surface string (hedge, number, classifier, chip).
    pub text: String,
    /// The sentence the claim stands in.
    pub quote: String,
    /// 1-based line in the source file.
    pub line: usize,
    /// 1-based column (in characters) of `text` on that line.
    pub column: usize,
    /// Filled in by the audit; absent in `extract` output before it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Verdict>,
    /// Byte span of `text` in the source file (not published).
    #[serde(skip)]
    pub span: Range<usize>,
}

/// The five verdicts of DESIGN.md.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum VerdictStatus {
    Supported,
    Contradicted,
    Misattributed,
    Disputed,
    Unverified,
}

impl VerdictStatus {
    pub const ALL: [VerdictStatus; 5] = [
        VerdictStatus::Supported,
        VerdictStatus::Contradicted,
        VerdictStatus::Misattributed,
        VerdictStatus::Disputed,
        VerdictStatus::Unverified,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            VerdictStatus::Supported => "supported",
            VerdictStatus::Contradicted => "contradicted",
            VerdictStatus::Misattributed => "misattributed",
            VerdictStatus::Disputed => "disputed",
            VerdictStatus::Unverified => "unverified",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// A text in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Bilingual {
    pub en: String,
    pub zh: String,
}

/// Where a reference fact was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SourceRef {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

/// The reference fact a verdict rests on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Reference {
    pub entity: String,
    pub property: String,
    pub value: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_max: Option<f64>,
    /// Chip name of the reference fact; `GPU` when the source does not say.
    pub chip: String,
    /// `official`, `reported` or `estimate`.
    pub status: String,
    pub source: SourceRef,
}

/// The audit's judgement of one claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Verdict {
    pub status: VerdictStatus,
    pub reference: Option<Reference>,
    /// Other reference facts that bear on it (the other side of a dispute,
    /// the entity a misattributed figure really belongs to).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<Reference>,
    pub note: Bilingual,
}

/// What kind of quantity a non-claim number is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum QuantityKind {
    Usd,
    Cny,
    GpuHours,
    Parameters,
    Tokens,
    Percent,
    Date,
    Duration,
    Power,
    Memory,
    Ratio,
    Flops,
    Count,
    Number,
}

/// Every other number in the text, normalised.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Quantity {
    pub kind: QuantityKind,
    pub value: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_max: Option<f64>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub approx: bool,
    /// Normalised unit where one applies (`MW`, `GB`, `USD`, `hours` …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    pub text: String,
    pub line: usize,
    #[serde(skip)]
    pub span: Range<usize>,
}

/// The kinds of entity the dataset holds.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Model,
    Chip,
    Organisation,
    Cluster,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Model => "model",
            EntityKind::Chip => "chip",
            EntityKind::Organisation => "organisation",
            EntityKind::Cluster => "cluster",
        }
    }
}

/// One place an entity is named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Mention {
    pub text: String,
    pub line: usize,
    /// Set when the text is a known wrong form (`GPT-o1` for OpenAI o1).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub misnomer: bool,
}

/// A recognised entity and every place it is named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct EntityMentions {
    pub kind: EntityKind,
    pub id: String,
    pub name: String,
    pub mentions: Vec<Mention>,
}

/// Claims in one article that disagree with each other.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Conflict {
    pub claims: Vec<String>,
    pub note: Bilingual,
}
