//! One claim against the record: which facts bear on it, and the verdict.
//!
//! The order of the checks is the order of docs/verdicts.md: the subject's
//! own facts first (supported, disputed), then related entities'
//! (misattributed), then what is left (contradicted, unverified). Facts with
//! status `press_claim` are never evidence: they are the claims under audit.

use super::format;
use super::tolerance::{Bound, Figure, Tolerance};
use crate::dataset::relations::union;
use crate::dataset::{Dataset, Entity, Entry, EntryKind, Fact, Property, Status};
use crate::model::{Bilingual, ChipRef, Claim, Reference, Role, SourceRef, Verdict, VerdictStatus};

/// How a fact's entity relates to the claim's subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Rel {
    /// The subject's own fact.
    Direct,
    /// A fact of a cluster, fleet or model of the subject organisation.
    Org,
    /// The subject's base model (R1 → V3).
    BaseModel,
    /// The cluster the subject was trained on, or a model trained on the subject cluster.
    Cluster,
    /// An entry the record relates to the subject.
    Related,
    /// Another model or cluster of the same organisation.
    SameLab,
}

/// How the claim's chip fits a fact's chip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ChipFit {
    Same,
    /// The claim names no chip ("GPU", 万卡): any chip fits.
    Unnamed,
    /// The source does not say which chip.
    Unspecified,
    /// The fact counts a mix of chips, one of which the claim names.
    Mix,
    /// The claim names only an architecture or product family ("Nvidia
    /// Hopper chips", "Google TPUs") and the fact's chip belongs to it.
    Family,
    /// One chip is a variant of the other (H800 / H100): a different chip.
    Variant,
    Different,
}

impl ChipFit {
    fn fits(self) -> bool {
        matches!(
            self,
            ChipFit::Same | ChipFit::Unnamed | ChipFit::Unspecified | ChipFit::Family
        )
    }
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Cand<'a> {
    pub entry: &'a Entry,
    pub fact: &'a Fact,
    pub rel: Rel,
    pub chip: ChipFit,
    pub count_ok: bool,
    /// |ln(recorded / claimed)|, in thousandths: the closer figure ranks first.
    pub distance: u64,
}

impl Cand<'_> {
    fn matches(&self) -> bool {
        self.count_ok && self.chip.fits()
    }
}

/// Is this fact evidence for an accelerator count?
pub(crate) fn is_count_evidence(f: &Fact) -> bool {
    f.status != Status::PressClaim && f.property.is_chip_count() && f.value.as_number().is_some()
}

fn status_rank(s: Status) -> u8 {
    match s {
        Status::Official => 0,
        Status::Reported => 1,
        Status::Estimate => 2,
        Status::PressClaim => 3,
    }
}

/// Every chip id on the `variant_of` chain from `id` (itself first).
fn lineage<'a>(ds: &'a Dataset, id: &'a str) -> Vec<&'a str> {
    let mut out = vec![id];
    let mut cur = id;
    while let Some(parent) = ds.chip(cur).and_then(|c| c.variant_of.as_deref()) {
        if out.contains(&parent) || out.len() > 16 {
            break;
        }
        out.push(parent);
        cur = parent;
    }
    out
}

fn variants_related(ds: &Dataset, a: &str, b: &str) -> bool {
    let (la, lb) = (lineage(ds, a), lineage(ds, b));
    la.iter().any(|x| lb.contains(x))
}

/// The chip a count fact is about: its own, else (for a model's training
/// count) the model's recorded training chip.
fn fact_chip<'a>(entry: &'a Entry, fact: &'a Fact) -> Option<&'a str> {
    if let Some(c) = fact.chip.as_deref() {
        return Some(c);
    }
    if fact.chip_mix.is_empty() && fact.property == Property::TrainingChipCount {
        return entry
            .facts
            .iter()
            .find_map(|f| match (&f.property, &f.value) {
                (Property::TrainingChip, crate::dataset::FactValue::Id(id))
                    if f.status != Status::PressClaim =>
                {
                    Some(id.as_str())
                }
                _ => None,
            });
    }
    None
}

pub(crate) fn chip_fit(ds: &Dataset, claim: &ChipRef, entry: &Entry, fact: &Fact) -> ChipFit {
    if claim.is_generic() {
        return ChipFit::Unnamed;
    }
    let cid = claim.id.as_deref();
    match fact_chip(entry, fact) {
        Some(fc) => match cid {
            Some(c) if c == fc => ChipFit::Same,
            Some(c) if variants_related(ds, c, fc) => ChipFit::Variant,
            None if names_family_of(ds, &claim.name, fc) => ChipFit::Family,
            _ => ChipFit::Different,
        },
        None if !fact.chip_mix.is_empty() => match cid {
            Some(c) if fact.chip_mix.iter().any(|m| m == c) => ChipFit::Mix,
            // "NVIDIA H100/H200" names the whole mix.
            None if fact.chip_mix.iter().all(|m| {
                let short = short_chip(ds, m).to_lowercase();
                claim.name.to_lowercase().contains(&short)
            }) =>
            {
                ChipFit::Same
            }
            _ => ChipFit::Different,
        },
        None => match fact.chip_family.as_deref() {
            Some(family) => {
                let same_family = cid
                    .and_then(|c| ds.chip(c))
                    .and_then(|c| c.family.as_deref())
                    .is_some_and(|f| f.eq_ignore_ascii_case(family));
                if same_family {
                    ChipFit::Family
                } else if cid.is_none() && names_family(&claim.name, family) {
                    ChipFit::Same
                } else {
                    ChipFit::Different
                }
            }
            None => ChipFit::Unspecified,
        },
    }
}

/// Does a chip name with no dataset id ("NVIDIA Hopper", "Google TPU",
/// "Huawei Ascend NPU") name only the family that chip `fc` belongs to? A
/// name with a digit is a specific part ("TPU v3", "MI355X"), not a family.
fn names_family_of(ds: &Dataset, name: &str, fc: &str) -> bool {
    if name.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    ds.chip(fc)
        .and_then(|c| c.family.as_deref())
        .is_some_and(|family| names_family(name, family))
}

/// Does `name` contain the family name as whole words ("NVIDIA Hopper" /
/// "Hopper", "Google TPU" / "TPU")?
fn names_family(name: &str, family: &str) -> bool {
    let name = name.to_lowercase();
    let family = family.to_lowercase();
    name.split(|c: char| !c.is_alphanumeric())
        .collect::<Vec<_>>()
        .windows(family.split_whitespace().count().max(1))
        .any(|w| w.join(" ") == family)
}

/// Properties a claim with this role is compared with, for a subject entry kind.
fn properties(kind: EntryKind, role: Role) -> &'static [Property] {
    use Property::*;
    match kind {
        EntryKind::Model | EntryKind::ModelFamily | EntryKind::Comparison => &[TrainingChipCount],
        EntryKind::Cluster | EntryKind::Fleet => match role {
            Role::Planned => &[PlannedChipCount],
            Role::Purchased | Role::Other => &[ClusterChipCount, PlannedChipCount],
            _ => &[ClusterChipCount],
        },
    }
}

fn is_model(e: &Entry) -> bool {
    matches!(e.kind, EntryKind::Model | EntryKind::ModelFamily)
}

struct Ctx<'a> {
    ds: &'a Dataset,
    claim: &'a Claim,
    tol: &'a Tolerance,
    figure: Figure,
}

impl<'a> Ctx<'a> {
    fn cand(&self, entry: &'a Entry, fact: &'a Fact, rel: Rel) -> Option<Cand<'a>> {
        let fig = Figure::of_fact(fact)?;
        Some(Cand {
            entry,
            fact,
            rel,
            chip: chip_fit(self.ds, &self.claim.chip, entry, fact),
            count_ok: self.figure.agrees(&fig, self.tol),
            distance: if fig.value > 0.0 && self.figure.value > 0.0 {
                ((fig.value / self.figure.value).ln().abs() * 1000.0).round() as u64
            } else {
                u64::MAX
            },
        })
    }

    fn facts_of(&self, entry: &'a Entry, props: &[Property], rel: Rel, out: &mut Vec<Cand<'a>>) {
        for f in &entry.facts {
            if is_count_evidence(f) && props.contains(&f.property) {
                out.extend(self.cand(entry, f, rel));
            }
        }
    }

    /// The entries at candidate positions of
    /// [`Relations`](crate::dataset::relations::Relations), in dataset
    /// order (models, then clusters).
    fn at<'p>(&self, positions: &'p [u32]) -> impl Iterator<Item = &'a Entry> + use<'p, 'a> {
        let (ds, rel): (&'a Dataset, _) = (self.ds, self.ds.relations());
        positions.iter().map(move |&p| rel.entry(ds, p))
    }

    /// Candidates linked to `e` (see
    /// [`Relations::linked`](crate::dataset::relations::Relations::linked)), restricted to
    /// the models list or the clusters list.
    fn linked(&self, e: &Entry, models: bool) -> Vec<u32> {
        let rel = self.ds.relations();
        match rel.position(self.ds, e) {
            Some(p) => rel
                .linked(p)
                .iter()
                .copied()
                .filter(|&q| rel.in_models(self.ds, q) == models)
                .collect(),
            None => Vec::new(),
        }
    }

    /// Facts of an organisation: its (and its subsidiaries') clusters,
    /// fleets and, for training claims, models.
    fn org_facts(&self, org: &str) -> Vec<Cand<'a>> {
        use Property::*;
        let ds = self.ds;
        let rel = ds.relations();
        let subsidiaries: Vec<&str> = rel.subsidiaries(org).iter().map(String::as_str).collect();
        let owned =
            |e: &Entry| e.organisation == org || subsidiaries.contains(&e.organisation.as_str());
        // Candidates: what it owns, and what those entries are linked to.
        let mut own: Vec<&[u32]> = vec![rel.of_org(org)];
        own.extend(subsidiaries.iter().map(|s| rel.of_org(s)));
        let own = union(&own);
        let links: Vec<&[u32]> = own.iter().map(|&p| rel.linked(p)).collect();
        let candidates = union(&[own.as_slice(), union(&links).as_slice()]);
        // Clusters the organisation's models run on belong to its compute
        // too (Anthropic's Claude on AWS's Project Rainier).
        let models: Vec<&Entry> = own
            .iter()
            .filter(|&&p| rel.in_models(ds, p))
            .map(|&p| rel.entry(ds, p))
            .collect();
        let used = |e: &Entry| {
            !is_model(e)
                && models.iter().any(|m| {
                    m.cluster.contains(&e.id)
                        || m.related.contains(&e.id)
                        || e.related.contains(&m.id)
                })
        };
        let mut out = Vec::new();
        for e in self.at(&candidates).filter(|e| owned(e) || used(e)) {
            let props: &[Property] = match (is_model(e), self.claim.role) {
                (true, Role::Trained | Role::Other) => &[TrainingChipCount],
                (true, _) => &[],
                (false, Role::Planned) => &[PlannedChipCount],
                (false, Role::Purchased | Role::Other) => &[ClusterChipCount, PlannedChipCount],
                (false, _) => &[ClusterChipCount],
            };
            self.facts_of(e, props, Rel::Org, &mut out);
        }
        out
    }

    /// The clusters a model is recorded as trained on: declared, related, or
    /// relating to it.
    fn model_clusters(&self, model: &'a Entry) -> Vec<&'a Entry> {
        let mut out: Vec<&'a Entry> = model
            .cluster
            .iter()
            .filter_map(|c| self.ds.entry(c))
            .collect();
        let linked = self.linked(model, false);
        for e in self
            .at(&linked)
            .filter(|e| model.related.contains(&e.id) || e.related.contains(&model.id))
        {
            if !out.iter().any(|o| o.id == e.id) {
                out.push(e);
            }
        }
        out
    }

    /// Facts of entities related to a model or cluster, for misattribution.
    fn related_facts(&self, subject: &'a Entry) -> Vec<Cand<'a>> {
        use Property::*;
        let rel = self.ds.relations();
        let mut out = Vec::new();
        let mut seen: Vec<&str> = vec![&subject.id];
        let push = |e: &'a Entry, rel: Rel, out: &mut Vec<Cand<'a>>, seen: &mut Vec<&'a str>| {
            // An entry without count evidence adds no candidate, now or
            // later: skipping it keeps `seen` short (a lab has hundreds of
            // models, most without a chip count).
            if !e.facts.iter().any(is_count_evidence) {
                return;
            }
            if e.kind == EntryKind::Comparison || seen.contains(&e.id.as_str()) {
                return;
            }
            seen.push(&e.id);
            let props: &[Property] = if is_model(e) {
                &[TrainingChipCount]
            } else {
                &[ClusterChipCount, PlannedChipCount]
            };
            self.facts_of(e, props, rel, out);
        };
        if is_model(subject) {
            // The base-model chain.
            let mut base = subject.base_model.as_deref();
            let mut chain: Vec<&str> = vec![&subject.id];
            while let Some(b) = base {
                let Some(e) = self.ds.entry(b) else { break };
                if chain.contains(&e.id.as_str()) {
                    break;
                }
                chain.push(&e.id);
                push(e, Rel::BaseModel, &mut out, &mut seen);
                base = e.base_model.as_deref();
            }
            // Its clusters: declared, related, or relating to it.
            for c in &subject.cluster {
                if let Some(e) = self.ds.entry(c) {
                    push(e, Rel::Cluster, &mut out, &mut seen);
                }
            }
            let linked = self.linked(subject, false);
            for e in self
                .at(&linked)
                .filter(|e| subject.related.contains(&e.id) || e.related.contains(&subject.id))
            {
                push(e, Rel::Cluster, &mut out, &mut seen);
            }
        } else {
            // Models trained on this cluster.
            let linked = self.linked(subject, true);
            for e in self.at(&linked).filter(|m| {
                m.cluster.contains(&subject.id)
                    || m.related.contains(&subject.id)
                    || subject.related.contains(&m.id)
            }) {
                push(e, Rel::Cluster, &mut out, &mut seen);
            }
        }
        for r in &subject.related {
            if let Some(e) = self.ds.entry(r) {
                push(e, Rel::Related, &mut out, &mut seen);
            }
        }
        for e in self
            .at(rel.derived_from(&subject.id))
            .filter(|e| e.base_model.as_deref() == Some(subject.id.as_str()))
        {
            push(e, Rel::Related, &mut out, &mut seen);
        }
        for e in self
            .at(rel.of_org(&subject.organisation))
            .filter(|e| e.organisation == subject.organisation && is_model(e) == is_model(subject))
        {
            push(e, Rel::SameLab, &mut out, &mut seen);
        }
        out
    }
}

/// Best first: the closer relation, the claimed chip, the closer figure, the
/// firmer status, the later date.
fn rank(c: &Cand) -> (Rel, u8, u64, u8, std::cmp::Reverse<String>) {
    let chip = match c.chip {
        ChipFit::Same => 0,
        ChipFit::Unnamed => 1,
        ChipFit::Mix => 2,
        ChipFit::Family => 3,
        ChipFit::Unspecified => 4,
        ChipFit::Variant => 5,
        ChipFit::Different => 6,
    };
    (
        c.rel,
        chip,
        c.distance,
        status_rank(c.fact.status),
        std::cmp::Reverse(c.fact.as_of.clone().unwrap_or_default()),
    )
}

fn best<'a, 'c>(cands: impl Iterator<Item = &'c Cand<'a>>) -> Option<Cand<'a>>
where
    'a: 'c,
{
    cands.min_by_key(|c| rank(c)).copied()
}

// ---------------------------------------------------------------------------
// Wording

fn zh_name<'a>(ds: &'a Dataset, id: &'a str) -> &'a str {
    match ds.entity(id) {
        Some(e) => e
            .aliases()
            .zh
            .first()
            .map(String::as_str)
            .unwrap_or(e.name()),
        None => id,
    }
}

fn en_name<'a>(ds: &'a Dataset, id: &'a str) -> &'a str {
    ds.entity(id).map(|e| e.name()).unwrap_or(id)
}

/// Short chip label: `H100` rather than `NVIDIA H100`.
fn short_chip<'a>(ds: &'a Dataset, id: &'a str) -> &'a str {
    match ds.chip(id) {
        Some(c) => c.aliases.en.first().map(String::as_str).unwrap_or(&c.name),
        None => id,
    }
}

fn chip_long<'a>(ds: &'a Dataset, id: &'a str) -> &'a str {
    ds.chip(id).map(|c| c.name.as_str()).unwrap_or(id)
}

/// The chip column of a reference: `NVIDIA H800`, `GPU (H100 + H200)`, `GPU`.
pub(crate) fn reference_chip(ds: &Dataset, entry: &Entry, fact: &Fact) -> String {
    if !fact.chip_mix.is_empty() {
        let parts: Vec<&str> = fact.chip_mix.iter().map(|c| short_chip(ds, c)).collect();
        return format!("GPU ({})", parts.join(" + "));
    }
    match (fact_chip(entry, fact), fact.chip_family.as_deref()) {
        (Some(c), _) => chip_long(ds, c).to_string(),
        (None, Some(family)) => family.to_string(),
        (None, None) => "GPU".to_string(),
    }
}

fn status_zh(s: Status) -> &'static str {
    match s {
        Status::Official => "官方",
        Status::Reported => "媒体报道",
        Status::Estimate => "估算",
        Status::PressClaim => "媒体说法",
    }
}

/// "about 200,000 GPUs (H100 + H200)" / "约20万块GPU(H100 + H200)".
fn fact_text(ds: &Dataset, entry: &Entry, fact: &Fact) -> Bilingual {
    let v = fact.value.as_number().unwrap_or(0.0);
    let (mut en, mut zh) = (String::new(), String::new());
    if fact.approx {
        en.push_str("about ");
        zh.push('约');
    }
    en.push_str(&format::en(v));
    zh.push_str(&format::zh(v));
    if let Some(m) = fact.value_max {
        en.push_str(&format!("–{}", format::en(m)));
        zh.push_str(&format!("至{}", format::zh(m)));
    }
    if !fact.chip_mix.is_empty() {
        let parts: Vec<&str> = fact.chip_mix.iter().map(|c| short_chip(ds, c)).collect();
        en.push_str(&format!(" GPUs ({})", parts.join(" + ")));
        zh.push_str(&format!("块GPU({})", parts.join(" + ")));
    } else if let Some(c) = fact_chip(entry, fact) {
        en.push_str(&format!(" {}", chip_long(ds, c)));
        zh.push_str(&format!("块{}", chip_long(ds, c)));
    } else if let Some(family) = fact.chip_family.as_deref() {
        en.push_str(&format!(" {family} chips"));
        zh.push_str(&format!("块{family}芯片"));
    } else {
        en.push_str(" chips");
        zh.push_str("块芯片");
    }
    Bilingual { en, zh }
}

fn cite(fact: &Fact) -> Bilingual {
    let s = &fact.source;
    let when = s
        .date
        .as_deref()
        .or(fact.as_of.as_deref())
        .unwrap_or("n.d.");
    let publisher = s.publisher.as_deref().unwrap_or("unknown publisher");
    let (origin_en, origin_zh) = match &fact.origin {
        Some(o) => (format!("{o}, via "), format!("{o},转引自")),
        None => (String::new(), String::new()),
    };
    Bilingual {
        en: format!(
            "{}; {origin_en}{publisher}, {when}: “{}”",
            fact.status.as_str(),
            s.title
        ),
        zh: format!(
            "{};{origin_zh}{publisher},{when}:《{}》",
            status_zh(fact.status),
            s.title
        ),
    }
}

fn claim_text(c: &Claim) -> Bilingual {
    let bound = Bound::of_hedge(c.hedge.as_deref());
    let (pre_en, pre_zh) = match (c.approx, bound) {
        (false, _) => ("", ""),
        (true, Bound::Around) => ("about ", "约"),
        (true, Bound::AtLeast) => ("over ", "超过"),
        (true, Bound::AtMost) => ("nearly ", "近"),
        (true, Bound::Magnitude) => ("on the order of ", ""),
    };
    let mut en = format!("{pre_en}{}", format::en(c.count as f64));
    let mut zh = format!("{pre_zh}{}", format::zh(c.count as f64));
    if let Some(m) = c.count_max {
        en.push_str(&format!("–{}", format::en(m as f64)));
        zh.push_str(&format!("至{}", format::zh(m as f64)));
    }
    if bound == Bound::Magnitude && c.approx {
        zh.push('级');
    }
    if c.chip.is_generic() {
        en.push_str(" GPUs");
        zh.push_str("块GPU");
    } else {
        en.push_str(&format!(" {}", c.chip.name));
        zh.push_str(&format!("块{}", c.chip.name));
    }
    Bilingual { en, zh }
}

fn reference(ds: &Dataset, c: &Cand) -> Reference {
    let s = &c.fact.source;
    Reference {
        entity: c.entry.id.clone(),
        property: c.fact.property.as_str().to_string(),
        value: c.fact.value.as_number().unwrap_or(0.0),
        value_max: c.fact.value_max,
        chip: reference_chip(ds, c.entry, c.fact),
        status: c.fact.status.as_str().to_string(),
        source: SourceRef {
            title: s.title.clone(),
            url: s.url.clone(),
            publisher: s.publisher.clone(),
            date: s.date.clone(),
        },
    }
}

/// "2,048 NVIDIA H800 (official; DeepSeek-AI, …)" in both languages.
fn fact_with_cite(ds: &Dataset, c: &Cand) -> Bilingual {
    let t = fact_text(ds, c.entry, c.fact);
    let s = cite(c.fact);
    let mut b = Bilingual {
        en: format!("{} ({})", t.en, s.en),
        zh: format!("{}({})", t.zh, s.zh),
    };
    if c.fact.property != Property::TrainingChipCount {
        if let Some(d) = &c.fact.as_of {
            b.en.push_str(&format!(", as of {d}"));
            b.zh.push_str(&format!(",截至{d}"));
        }
    }
    b
}

fn prop_text(p: Property) -> (&'static str, &'static str) {
    match p {
        Property::TrainingChipCount => ("training chip count", "训练芯片数量"),
        Property::ClusterChipCount => ("cluster size", "集群规模"),
        Property::PlannedChipCount => ("planned chip count", "计划芯片数量"),
        _ => ("chip count", "芯片数量"),
    }
}

fn push(b: &mut Bilingual, en: impl AsRef<str>, zh: impl AsRef<str>) {
    if !b.en.is_empty() && !en.as_ref().is_empty() {
        b.en.push(' ');
    }
    b.en.push_str(en.as_ref());
    b.zh.push_str(zh.as_ref());
}

/// "Other figures in the record: …" for up to four further facts.
fn others(ds: &Dataset, list: &[Cand], lead_en: &str, lead_zh: &str) -> Bilingual {
    let mut b = Bilingual::default();
    if list.is_empty() {
        return b;
    }
    let items: Vec<Bilingual> = list
        .iter()
        .take(4)
        .map(|c| {
            let t = fact_with_cite(ds, c);
            if c.rel == Rel::Direct {
                t
            } else {
                Bilingual {
                    en: format!("{} for {}", t.en, c.entry.name),
                    zh: format!("{}:{}", zh_name(ds, &c.entry.id), t.zh),
                }
            }
        })
        .collect();
    b.en = format!(
        "{lead_en} {}.",
        items
            .iter()
            .map(|i| i.en.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    );
    b.zh = format!(
        "{lead_zh}{}。",
        items
            .iter()
            .map(|i| i.zh.as_str())
            .collect::<Vec<_>>()
            .join(";")
    );
    b
}

/// Mentions press claims in the record that repeat the claimed figure.
fn press_echo(ds: &Dataset, ctx: &Ctx, subject: Option<&Entry>) -> Bilingual {
    let Some(e) = subject else {
        return Bilingual::default();
    };
    let hit = e.facts.iter().find(|f| {
        f.status == Status::PressClaim
            && f.property.is_chip_count()
            && Figure::of_fact(f).is_some_and(|g| ctx.figure.agrees(&g, ctx.tol))
    });
    match hit {
        Some(f) => {
            let publisher = f.source.publisher.as_deref().unwrap_or(&f.source.title);
            let _ = ds;
            Bilingual {
                en: format!(
                    "The same figure is on record as a press claim ({publisher}, {}); a press claim is what is audited, not evidence.",
                    f.source.date.as_deref().unwrap_or("n.d.")
                ),
                zh: format!(
                    "资料库将同一数字记为媒体说法({publisher},{}),媒体说法是被核查的对象,不作为证据。",
                    f.source.date.as_deref().unwrap_or("n.d.")
                ),
            }
        }
        None => Bilingual::default(),
    }
}

fn verdict(
    status: VerdictStatus,
    reference: Option<Reference>,
    also: Vec<Reference>,
    note: Bilingual,
) -> Verdict {
    Verdict {
        status,
        reference,
        also,
        note,
    }
}

fn unverified(en: String, zh: String) -> Verdict {
    verdict(
        VerdictStatus::Unverified,
        None,
        Vec::new(),
        Bilingual { en, zh },
    )
}

// ---------------------------------------------------------------------------
// The verdict

/// Finishes a verdict on `hit`: the record's other figures (`rest`) and the
/// press-claim echo are added to the note, and up to four of them cited.
fn conclude(
    ds: &Dataset,
    status: VerdictStatus,
    hit: &Cand,
    rest: &[Cand],
    mut note: Bilingual,
    echo: Bilingual,
) -> Verdict {
    let o = others(
        ds,
        rest,
        "Other figures in the record:",
        "资料库中的其他数字:",
    );
    push(&mut note, o.en, o.zh);
    push(&mut note, echo.en, echo.zh);
    let also = rest.iter().take(4).map(|c| reference(ds, c)).collect();
    verdict(status, Some(reference(ds, hit)), also, note)
}

/// Judges one claim against the record.
pub fn judge(claim: &Claim, ds: &Dataset, tol: &Tolerance) -> Verdict {
    let ctx = Ctx {
        ds,
        claim,
        tol,
        figure: Figure::of_claim(claim, tol),
    };
    let said = claim_text(claim);
    let Some(subject) = claim.subject.as_ref() else {
        return unverified(
            format!("The claim of {} names no model, lab or cluster, so there is nothing in the record to compare it with.", said.en),
            format!("{}这一说法未指明模型、机构或集群,资料库中无可比对的数据。", said.zh),
        );
    };
    let Some(sid) = subject.id.as_deref() else {
        return unverified(
            format!(
                "{} is not in the record, so {} cannot be checked.",
                subject.name, said.en
            ),
            format!("资料库中没有{},无法核查{}。", subject.name, said.zh),
        );
    };
    let Some(entity) = ds.entity(sid) else {
        return unverified(
            format!(
                "{sid} is not in the record, so {} cannot be checked.",
                said.en
            ),
            format!("资料库中没有{sid},无法核查{}。", said.zh),
        );
    };
    let (name_en, name_zh) = (en_name(ds, sid).to_string(), zh_name(ds, sid).to_string());

    let (direct, related, subject_entry): (Vec<Cand>, Vec<Cand>, Option<&Entry>) = match entity {
        Entity::Chip(_) => {
            return unverified(
                format!("{name_en} is a chip; a count of chips needs a model, lab or cluster to be checked."),
                format!("{name_zh}是芯片型号;芯片数量须对应模型、机构或集群才能核查。"),
            )
        }
        Entity::Organisation(o) => (ctx.org_facts(&o.id), Vec::new(), None),
        Entity::Model(e) | Entity::Cluster(e) if e.kind == EntryKind::Comparison => {
            return unverified(
                format!("{name_en} is a third-party comparison, not a model, lab or cluster; its figures are the claims under audit, not evidence."),
                format!("{name_zh}是第三方对比材料,并非模型、机构或集群;其中的数字是被核查的说法,不是证据。"),
            )
        }
        Entity::Model(e) | Entity::Cluster(e) => {
            let mut d = Vec::new();
            ctx.facts_of(e, properties(e.kind, claim.role), Rel::Direct, &mut d);
            // "Model X's cluster of N chips" is a statement about the
            // cluster X ran on: that cluster's size is direct evidence.
            if is_model(e) && matches!(claim.role, Role::Cluster | Role::Deployed) {
                for c in ctx.model_clusters(e) {
                    ctx.facts_of(c, &[Property::ClusterChipCount], Rel::Cluster, &mut d);
                }
            }
            (d, ctx.related_facts(e), Some(e))
        }
    };
    let echo = press_echo(ds, &ctx, subject_entry);
    let said_for = Bilingual {
        en: format!("{} for {name_en}", said.en),
        zh: format!("{name_zh}{}", said.zh),
    };

    // 1. A full match among the subject's own facts.
    if let Some(hit) = best(direct.iter().filter(|c| c.matches())) {
        // Disputed when the record's training counts disagree and the claim
        // matches one but not another.
        let rival = if hit.fact.property == Property::TrainingChipCount {
            best(direct.iter().filter(|c| {
                c.fact.property == Property::TrainingChipCount
                    && c.entry.id == hit.entry.id
                    && !c.count_ok
                    && matches!(
                        c.chip,
                        ChipFit::Same | ChipFit::Unnamed | ChipFit::Unspecified | ChipFit::Mix
                    )
            }))
        } else {
            None
        };
        if let Some(r) = rival {
            let (a, b) = (fact_with_cite(ds, &hit), fact_with_cite(ds, &r));
            let mut note = Bilingual::default();
            push(
                &mut note,
                format!("The record's sources disagree on {name_en}: {} vs {}. The claimed {} matches the first but not the second.", a.en, b.en, said.en),
                format!("资料库中关于{name_zh}的来源彼此不一致:{},而{}。文中{}与前者相符,与后者不符。", a.zh, b.zh, said.zh),
            );
            push(&mut note, echo.en, echo.zh);
            return verdict(
                VerdictStatus::Disputed,
                Some(reference(ds, &hit)),
                vec![reference(ds, &r)],
                note,
            );
        }
        let f = fact_with_cite(ds, &hit);
        let mut note = Bilingual::default();
        let (whose_en, whose_zh) = if hit.rel != Rel::Direct {
            (
                format!("{} ({name_en})", hit.entry.name),
                format!("{}({name_zh})", zh_name(ds, &hit.entry.id)),
            )
        } else {
            (name_en.clone(), name_zh.clone())
        };
        let (p_en, p_zh) = prop_text(hit.fact.property);
        push(
            &mut note,
            format!(
                "The record's {p_en} for {whose_en} is {}; the claimed {} is within tolerance.",
                f.en, said.en
            ),
            format!(
                "资料库中{whose_zh}的{p_zh}为{};文中{}在容差范围内。",
                f.zh, said.zh
            ),
        );
        let org = en_name(ds, &hit.entry.organisation);
        let org_zh = zh_name(ds, &hit.entry.organisation);
        match hit.fact.status {
            Status::Reported => push(
                &mut note,
                format!("That figure is reported by the press, not stated by {org} itself."),
                format!("该数字来自媒体报道,并非{org_zh}官方表述。"),
            ),
            Status::Estimate => push(
                &mut note,
                "That figure is an analyst's estimate, not a disclosure.",
                "该数字为分析机构的估算,并非官方披露。",
            ),
            _ => {}
        }
        if hit.chip == ChipFit::Unspecified {
            push(
                &mut note,
                "The source does not name the chip type.",
                "来源未说明芯片型号。",
            );
        }
        let rest: Vec<Cand> = direct
            .iter()
            .filter(|c| {
                c.fact.property == hit.fact.property
                    && !std::ptr::eq(c.fact, hit.fact)
                    && !c.count_ok
            })
            .copied()
            .collect();
        return conclude(ds, VerdictStatus::Supported, &hit, &rest, note, echo);
    }

    // 2. The count matches a mixed-chip figure, but the claim names one chip of the mix.
    if let Some(hit) = best(
        direct
            .iter()
            .filter(|c| c.count_ok && c.chip == ChipFit::Mix),
    ) {
        let org = ds
            .entity(&hit.entry.organisation)
            .map(|o| o.name())
            .unwrap_or(&hit.entry.organisation);
        let org_zh = zh_name(ds, &hit.entry.organisation);
        let parts: Vec<&str> = hit
            .fact
            .chip_mix
            .iter()
            .map(|c| short_chip(ds, c))
            .collect();
        let v = hit.fact.value.as_number().unwrap_or(0.0);
        let about = if hit.fact.approx {
            ("~", "约")
        } else {
            ("", "")
        };
        let claimed_chip = claim
            .chip
            .id
            .as_deref()
            .map(|c| short_chip(ds, c))
            .unwrap_or(&claim.chip.name);
        let mut note = Bilingual::default();
        push(
            &mut note,
            format!(
                "{org}'s {}{} GPUs were a mix of {} ({}), not all {claimed_chip}: the claimed {} matches the total but overstates the {claimed_chip} count.",
                about.0, format::en(v), parts.join(" and "), cite(hit.fact).en, said.en
            ),
            format!(
                "{org_zh}所称{}{}块GPU由{}混合组成({}),并非全部为{claimed_chip}:文中{}与总数相符,但高估了{claimed_chip}的数量。",
                about.1, format::zh(v), parts.join("与"), cite(hit.fact).zh, said.zh
            ),
        );
        let rest: Vec<Cand> = direct
            .iter()
            .filter(|c| !std::ptr::eq(c.fact, hit.fact))
            .copied()
            .collect();
        let o = others(ds, &rest, "The record also holds:", "资料库另有:");
        push(&mut note, o.en, o.zh);
        push(&mut note, echo.en, echo.zh);
        let also = rest.iter().take(4).map(|c| reference(ds, c)).collect();
        return verdict(
            VerdictStatus::Disputed,
            Some(reference(ds, &hit)),
            also,
            note,
        );
    }

    // 3. The figure belongs to a related entity.
    if let Some(hit) = best(
        related
            .iter()
            .filter(|c| c.count_ok && matches!(c.chip, ChipFit::Same | ChipFit::Unnamed))
            // A lab has many models: only a training count naming the very
            // chip is evidence that the figure belongs to another of them
            // (otherwise any small figure matches some model's run).
            .filter(|c| {
                c.rel != Rel::SameLab || (c.chip == ChipFit::Same && claim.role == Role::Trained)
            }),
    ) {
        let rel_en = &hit.entry.name;
        let rel_zh = zh_name(ds, &hit.entry.id);
        let f = fact_with_cite(ds, &hit);
        let (why_en, why_zh) = match hit.rel {
            Rel::BaseModel => (
                format!("{name_en} is built on {rel_en} (its base model), and this is {rel_en}'s own training run."),
                format!("{name_zh}以{rel_zh}为基础模型,这是{rel_zh}自身的训练规模。"),
            ),
            Rel::Cluster if subject_entry.is_some_and(is_model) && hit.entry.kind == EntryKind::Fleet => (
                format!("that is {rel_en}, company-wide holdings, not one training run of {name_en}."),
                format!("这是{rel_zh}(整个公司的芯片保有量),而非{name_zh}某一次训练所用的数量。"),
            ),
            Rel::Cluster if subject_entry.is_some_and(is_model) => (
                format!("that is the size of the {rel_en} cluster, not of one training run of {name_en}."),
                format!("这是{rel_zh}集群的规模,而非{name_zh}某一次训练所用的数量。"),
            ),
            Rel::Cluster => (
                format!("that is the count for the {rel_en} training run, not the size of {name_en}."),
                format!("这是{rel_zh}训练所用的数量,而非{name_zh}的规模。"),
            ),
            _ => {
                let org = en_name(ds, &hit.entry.organisation);
                (
                    format!("{rel_en} is another {org} system, not {name_en}."),
                    format!("{rel_zh}是{}的另一个模型或系统,并非{name_zh}。", zh_name(ds, &hit.entry.organisation)),
                )
            }
        };
        let mut note = Bilingual::default();
        push(
            &mut note,
            format!(
                "Misattributed: the claimed {} matches {rel_en}'s {}, not {name_en}'s — {why_en}",
                said.en, f.en
            ),
            format!(
                "张冠李戴:文中{}对应的是{rel_zh}的{},而非{name_zh}——{why_zh}",
                said_for.zh, f.zh
            ),
        );
        let own: Vec<Cand> = direct.to_vec();
        if own.is_empty() {
            let (p_en, p_zh) = prop_text(
                properties(
                    subject_entry.map(|e| e.kind).unwrap_or(EntryKind::Model),
                    claim.role,
                )[0],
            );
            push(
                &mut note,
                format!("The record holds no {p_en} for {name_en}."),
                format!("资料库中没有{name_zh}的{p_zh}。"),
            );
        } else {
            let o = others(
                ds,
                &own,
                &format!("{name_en}'s own figure in the record:"),
                &format!("资料库中{name_zh}自身的数字:"),
            );
            push(&mut note, o.en, o.zh);
        }
        push(&mut note, echo.en, echo.zh);
        let also = own.iter().take(4).map(|c| reference(ds, c)).collect();
        return verdict(
            VerdictStatus::Misattributed,
            Some(reference(ds, &hit)),
            also,
            note,
        );
    }

    // 4. The record holds the property and the claim is outside it. An
    // organisation has many holdings: one of them naming another chip does
    // not contradict a claim about the organisation.
    if let Some(r) = best(direct.iter().filter(|c| c.rel != Rel::Org || c.chip.fits())) {
        let f = fact_with_cite(ds, &r);
        let mut note = Bilingual::default();
        let (p_en, p_zh) = prop_text(r.fact.property);
        push(
            &mut note,
            format!("The record's {p_en} for {name_en} is {}.", f.en),
            format!("资料库中{name_zh}的{p_zh}为{}。", f.zh),
        );
        match r.chip {
            ChipFit::Variant | ChipFit::Different => {
                let claimed = claim
                    .chip
                    .id
                    .as_deref()
                    .map(|c| chip_long(ds, c))
                    .unwrap_or(&claim.chip.name);
                let recorded = fact_chip(r.entry, r.fact)
                    .map(|c| chip_long(ds, c))
                    .unwrap_or("GPU");
                if r.chip == ChipFit::Variant {
                    push(
                        &mut note,
                        format!("The claim names {claimed}, but {claimed} and {recorded} are variants of one another (an export or derived part) and count as different chips."),
                        format!("文中写的是{claimed},但{claimed}与{recorded}互为衍生型号(出口特供或派生版本),在核查中视为不同芯片。"),
                    );
                } else {
                    push(
                        &mut note,
                        format!("The claim names {claimed}, a different chip."),
                        format!("文中写的是{claimed},是另一种芯片。"),
                    );
                }
                if !r.count_ok {
                    push(
                        &mut note,
                        format!("The count {} is also outside tolerance.", said.en),
                        format!("数量{}也超出容差范围。", said.zh),
                    );
                }
            }
            _ => {
                let v = r.fact.value.as_number().unwrap_or(0.0);
                let off = if v > 0.0 {
                    (claim.count as f64 - v) / v * 100.0
                } else {
                    0.0
                };
                push(
                    &mut note,
                    format!(
                        "The claimed {} is outside tolerance ({:+.0}%).",
                        said.en, off
                    ),
                    format!("文中{}超出容差范围(相差{:+.0}%)。", said.zh, off),
                );
            }
        }
        let rest: Vec<Cand> = direct
            .iter()
            .filter(|c| !std::ptr::eq(c.fact, r.fact))
            .copied()
            .collect();
        return conclude(ds, VerdictStatus::Contradicted, &r, &rest, note, echo);
    }

    // 5. Nothing to compare with.
    let prop = match entity {
        Entity::Organisation(_) => properties(EntryKind::Cluster, claim.role)[0],
        _ => properties(
            subject_entry.map(|e| e.kind).unwrap_or(EntryKind::Model),
            claim.role,
        )[0],
    };
    let (p_en, p_zh) = prop_text(prop);
    let mut note = Bilingual {
        en: format!("The record holds no {p_en} for {name_en} to compare with {} (nothing disclosed or sourced).", said.en),
        zh: format!("资料库中没有{name_zh}的{p_zh}可与{}比对(未公开或无可靠来源)。", said.zh),
    };
    push(&mut note, echo.en, echo.zh);
    unverified(note.en, note.zh)
}
