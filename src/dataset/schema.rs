//! The curated dataset's schema: the types `data/*.yaml` deserialise into.
//!
//! It follows `shared/reference/ai-compute-facts.yaml` (schema_version 1) so
//! that curators can move facts between the two without translation. Every
//! struct denies unknown fields: a misspelt key is an error, not a silently
//! ignored fact. `docs/dataset.md` documents each field.

use serde::{Deserialize, Deserializer, Serialize};
use std::collections::BTreeMap;

/// One dataset file: any of the four sections, each optional, so a curator
/// may split or merge files as they like.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataFile {
    #[serde(default)]
    pub chips: Vec<Chip>,
    #[serde(default)]
    pub organisations: Vec<Organisation>,
    #[serde(default)]
    pub models: Vec<Entry>,
    #[serde(default)]
    pub clusters: Vec<Entry>,
}

/// Names used in the press, per language, plus known wrong forms.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Aliases {
    #[serde(default)]
    pub en: Vec<String>,
    #[serde(default)]
    pub zh: Vec<String>,
    /// Wrong forms that should still resolve, noted as misnomers
    /// (`GPT-o1` for OpenAI o1, `Gemini 2` for Gemini 2.0).
    #[serde(default)]
    pub misnomers: Vec<String>,
}

/// Where a figure was read.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub title: String,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub publisher: Option<String>,
    #[serde(default, deserialize_with = "opt_scalar_string")]
    pub date: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Chip {
    pub id: String,
    pub name: String,
    pub vendor: String,
    #[serde(default)]
    pub family: Option<String>,
    /// Parent part: H800 → H100. A variant is a *different* chip for the audit.
    #[serde(default)]
    pub variant_of: Option<String>,
    #[serde(default)]
    pub relation: Option<String>,
    #[serde(default)]
    pub release_year: Option<i64>,
    #[serde(default)]
    pub aliases: Aliases,
    #[serde(default)]
    pub specs: BTreeMap<String, serde_json::Value>,
    #[serde(default)]
    pub spec_sources: Vec<Source>,
    #[serde(default)]
    pub export_control: Option<String>,
    #[serde(default)]
    pub export_control_sources: Vec<Source>,
    #[serde(default)]
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub id: String,
    pub name: String,
    pub kind: String,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub parent: Option<String>,
    #[serde(default)]
    pub aliases: Aliases,
    #[serde(default)]
    pub notes: Option<String>,
}

/// What a model-or-cluster entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    Model,
    ModelFamily,
    /// One site or system.
    Cluster,
    /// Company-wide holdings or purchases.
    Fleet,
    /// A third party's claim worth auditing as such.
    Comparison,
}

/// A model, model family, cluster, fleet or comparison.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub id: String,
    pub name: String,
    pub kind: EntryKind,
    pub organisation: String,
    #[serde(default, deserialize_with = "opt_scalar_string")]
    pub release_date: Option<String>,
    #[serde(default)]
    pub release_date_note: Option<String>,
    #[serde(default)]
    pub aliases: Aliases,
    /// Related entries: R1 → V3, Grok 3 → Colossus.
    #[serde(default)]
    pub related: Vec<String>,
    /// The model this one was built on (fine-tune, post-train).
    #[serde(default)]
    pub base_model: Option<String>,
    /// The cluster(s) it was trained on.
    #[serde(default)]
    pub cluster: Vec<String>,
    #[serde(default)]
    pub facts: Vec<Fact>,
    #[serde(default)]
    pub notes: Option<String>,
}

/// The properties a fact may state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Property {
    TrainingChip,
    TrainingChipCount,
    TrainingGpuHours,
    TrainingCostUsd,
    Parameters,
    ActiveParameters,
    TrainingTokens,
    TrainingCompute,
    TrainingTimeHours,
    ClusterChipCount,
    PlannedChipCount,
}

impl Property {
    pub fn as_str(self) -> &'static str {
        match self {
            Property::TrainingChip => "training_chip",
            Property::TrainingChipCount => "training_chip_count",
            Property::TrainingGpuHours => "training_gpu_hours",
            Property::TrainingCostUsd => "training_cost_usd",
            Property::Parameters => "parameters",
            Property::ActiveParameters => "active_parameters",
            Property::TrainingTokens => "training_tokens",
            Property::TrainingCompute => "training_compute",
            Property::TrainingTimeHours => "training_time_hours",
            Property::ClusterChipCount => "cluster_chip_count",
            Property::PlannedChipCount => "planned_chip_count",
        }
    }

    /// Is this a count of accelerators (what claims are compared with)?
    pub fn is_chip_count(self) -> bool {
        matches!(
            self,
            Property::TrainingChipCount | Property::ClusterChipCount | Property::PlannedChipCount
        )
    }
}

/// Who made the statement a fact records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The developer or operator itself.
    Official,
    /// Journalists or aggregators citing sources or leaks.
    Reported,
    /// An analyst's or researcher's own estimate.
    Estimate,
    /// A press figure about someone else's model: the claim under audit,
    /// never evidence for a verdict.
    PressClaim,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Official => "official",
            Status::Reported => "reported",
            Status::Estimate => "estimate",
            Status::PressClaim => "press_claim",
        }
    }
}

/// A fact's value: a number, or an id (for `training_chip`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum FactValue {
    Number(f64),
    Id(String),
}

impl FactValue {
    pub fn as_number(&self) -> Option<f64> {
        match self {
            FactValue::Number(n) => Some(*n),
            FactValue::Id(_) => None,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub property: Property,
    pub value: FactValue,
    #[serde(default)]
    pub value_max: Option<f64>,
    pub unit: String,
    /// Which accelerator a count refers to; absent when the source does not say.
    #[serde(default)]
    pub chip: Option<String>,
    /// The chips a mixed count covers, when the source gives one figure for
    /// several parts (xAI's ~200,000 GPUs: H100 and H200). `chip` is then absent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub chip_mix: Vec<String>,
    /// The chip family when the source names no part ("up to 1 million
    /// TPUs": `TPU`), matched against the chips' `family`. `chip` is then absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chip_family: Option<String>,
    #[serde(default)]
    pub approx: bool,
    #[serde(default, deserialize_with = "opt_scalar_string")]
    pub as_of: Option<String>,
    pub status: Status,
    /// Who first stated the figure, when `source` relays it (a paper read
    /// through a news report): "DeepSeek-R1 paper in Nature (Sept 2025)".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    pub source: Source,
    #[serde(default)]
    pub also_reported_in: Vec<Source>,
    #[serde(default)]
    pub note: Option<String>,
}

/// Accept any YAML scalar (`2024`, `2024-12`, `'2024-12-27'`) as text.
fn opt_scalar_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Scalar {
        S(String),
        I(i64),
        F(f64),
    }
    Ok(Option::<Scalar>::deserialize(d)?.map(|s| match s {
        Scalar::S(s) => s,
        Scalar::I(i) => i.to_string(),
        Scalar::F(f) => f.to_string(),
    }))
}
