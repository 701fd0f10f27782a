//! The record: the curated, sourced dataset every claim is compared with.
//!
//! The default dataset (`data/*.yaml`) is compiled into the binary. A user's
//! `--data` folder adds entities and overrides default ones by id;
//! `--no-default-data` uses only theirs. Loading is strict: a dataset that
//! does not parse is fatal (exit 2), because a verdict against a broken
//! record is worse than none.

pub mod diff;
pub mod epoch;
pub mod lint;
pub mod relations;
pub mod schema;

use crate::diagnostic::Diagnostic;
use crate::model::EntityKind;
use include_dir::{include_dir, Dir};
pub use schema::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

static DEFAULT_DATA: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/data");
/// The same files as JSON, converted by build.rs: they load about ten
/// times faster than the YAML, which stays for `dataset lint`'s positions.
static DEFAULT_DATA_JSON: Dir<'_> = include_dir!("$OUT_DIR/data");

/// One dataset file's text and where it came from.
#[derive(Debug, Clone, Default)]
pub struct DataSource {
    /// Shown in diagnostics: `data/chips.yaml` or the user's path.
    pub path: PathBuf,
    pub text: String,
    /// The same document as JSON (embedded files only), loaded instead of
    /// `text` when present.
    pub json: Option<&'static str>,
}

/// The embedded default dataset files (sub-folders such as `data/epoch/`
/// included), sorted by path.
pub fn default_sources() -> Vec<DataSource> {
    fn walk(dir: &'static Dir<'static>, out: &mut Vec<DataSource>) {
        for f in dir.files().filter(|f| is_yaml(f.path())) {
            if let Some(text) = f.contents_utf8() {
                let json = DEFAULT_DATA_JSON
                    .get_file(f.path().with_extension("json"))
                    .and_then(|j| j.contents_utf8())
                    .filter(|j| !j.is_empty());
                out.push(DataSource {
                    path: Path::new("data").join(f.path()),
                    text: text.to_string(),
                    json,
                });
            }
        }
        for d in dir.dirs() {
            walk(d, out);
        }
    }
    let mut files = Vec::new();
    walk(&DEFAULT_DATA, &mut files);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// The YAML files of a user's data folder, sorted by name.
// The signature is the public API other stages call; a Diagnostic is an
// error path taken once per run, so its size does not matter.
#[allow(clippy::result_large_err)]
pub fn folder_sources(dir: &Path) -> Result<Vec<DataSource>, Diagnostic> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            Diagnostic::error(format!("cannot read the data folder: {e}")).at_path(dir)
        })?;
        if entry.file_type().is_file() && is_yaml(entry.path()) {
            let text = std::fs::read_to_string(entry.path()).map_err(|e| {
                Diagnostic::error(format!("cannot read dataset file: {e}"))
                    .at_path(entry.path())
                    .with_hint("dataset files must be UTF-8 YAML")
            })?;
            files.push(DataSource {
                path: entry.path().to_path_buf(),
                text,
                json: None,
            });
        }
    }
    if files.is_empty() {
        return Err(Diagnostic::error("the data folder holds no .yaml files")
            .at_path(dir)
            .with_hint("point --data at a folder of dataset YAML files (see docs/dataset.md)"));
    }
    Ok(files)
}

fn is_yaml(p: &Path) -> bool {
    matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
}

/// Where an entity is defined: which section, at which index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Chip(usize),
    Organisation(usize),
    Model(usize),
    Cluster(usize),
}

/// A borrowed view of any entity.
#[derive(Debug, Clone, Copy)]
pub enum Entity<'a> {
    Chip(&'a Chip),
    Organisation(&'a Organisation),
    /// A model, model family or comparison.
    Model(&'a Entry),
    /// A cluster or fleet.
    Cluster(&'a Entry),
}

impl<'a> Entity<'a> {
    pub fn id(&self) -> &'a str {
        match self {
            Entity::Chip(c) => &c.id,
            Entity::Organisation(o) => &o.id,
            Entity::Model(e) | Entity::Cluster(e) => &e.id,
        }
    }

    pub fn name(&self) -> &'a str {
        match self {
            Entity::Chip(c) => &c.name,
            Entity::Organisation(o) => &o.name,
            Entity::Model(e) | Entity::Cluster(e) => &e.name,
        }
    }

    pub fn kind(&self) -> EntityKind {
        match self {
            Entity::Chip(_) => EntityKind::Chip,
            Entity::Organisation(_) => EntityKind::Organisation,
            Entity::Model(_) => EntityKind::Model,
            Entity::Cluster(_) => EntityKind::Cluster,
        }
    }

    pub fn aliases(&self) -> &'a Aliases {
        match self {
            Entity::Chip(c) => &c.aliases,
            Entity::Organisation(o) => &o.aliases,
            Entity::Model(e) | Entity::Cluster(e) => &e.aliases,
        }
    }

    /// Whether the entity's names are matched in article text.
    pub fn recognize(&self) -> bool {
        match self {
            Entity::Chip(c) => c.recognize,
            Entity::Organisation(o) => o.recognize,
            Entity::Model(e) | Entity::Cluster(e) => e.recognize,
        }
    }

    /// The model-or-cluster entry, for entities that have facts.
    pub fn entry(&self) -> Option<&'a Entry> {
        match self {
            Entity::Model(e) | Entity::Cluster(e) => Some(e),
            _ => None,
        }
    }
}

/// One name an entity goes by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name<'a> {
    pub text: &'a str,
    pub id: &'a str,
    pub kind: EntityKind,
    pub misnomer: bool,
}

/// The loaded, merged dataset.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub chips: Vec<Chip>,
    pub organisations: Vec<Organisation>,
    pub models: Vec<Entry>,
    pub clusters: Vec<Entry>,
    /// Every `extends:` item applied, in load order (for `dataset diff`).
    pub extensions: Vec<Extension>,
    /// For each extended model or cluster: how many facts it had before any
    /// extension was applied (its own, curated facts come first).
    own_facts: HashMap<String, usize>,
    index: HashMap<String, Slot>,
    /// Links between entries, indexed on first use by the audit (the
    /// dataset does not change once loaded).
    relations: std::sync::OnceLock<relations::Relations>,
}

impl Dataset {
    /// The compiled-in default dataset.
    pub fn embedded() -> Result<Dataset, Vec<Diagnostic>> {
        Dataset::from_sources(&default_sources())
    }

    /// Default data (unless `no_default`) plus a user's folder, which adds
    /// entities and overrides default ones by id.
    pub fn load(user: Option<&Path>, no_default: bool) -> Result<Dataset, Vec<Diagnostic>> {
        let mut sources = if no_default {
            Vec::new()
        } else {
            default_sources()
        };
        if let Some(dir) = user {
            sources.extend(folder_sources(dir).map_err(|d| vec![d])?);
        }
        if sources.is_empty() {
            return Err(vec![Diagnostic::error(
                "no dataset: --no-default-data needs --data DIR",
            )]);
        }
        Dataset::from_sources(&sources)
    }

    /// Parses and merges dataset files in order; a later file's entity
    /// replaces an earlier one with the same id.
    pub fn from_sources(sources: &[DataSource]) -> Result<Dataset, Vec<Diagnostic>> {
        let mut ds = Dataset::default();
        let mut errors = Vec::new();
        let mut extensions = Vec::new();
        for src in sources {
            match parse_file(src) {
                Ok(mut file) => {
                    for x in std::mem::take(&mut file.extends) {
                        extensions.push((src.path.clone(), x));
                    }
                    ds.merge(file)
                }
                Err(d) => errors.push(d),
            }
        }
        // Extensions last: they add to whatever entity won the id.
        for (path, x) in extensions {
            if let Err(d) = ds.extend(x) {
                errors.push(d.at_path(&path));
            }
        }
        if errors.is_empty() {
            Ok(ds)
        } else {
            Err(errors)
        }
    }

    fn merge(&mut self, file: DataFile) {
        for c in file.chips {
            self.put(c.id.clone(), c, |d| &mut d.chips, Slot::Chip);
        }
        for o in file.organisations {
            self.put(
                o.id.clone(),
                o,
                |d| &mut d.organisations,
                Slot::Organisation,
            );
        }
        for m in file.models {
            self.put(m.id.clone(), m, |d| &mut d.models, Slot::Model);
        }
        for c in file.clusters {
            self.put(c.id.clone(), c, |d| &mut d.clusters, Slot::Cluster);
        }
    }

    /// Applies one `extends:` item: facts are appended after the entity's
    /// own, aliases added unless the entity already has them.
    #[allow(clippy::result_large_err)]
    fn extend(&mut self, x: Extension) -> Result<(), Diagnostic> {
        let Some(&slot) = self.index.get(&x.id) else {
            return Err(Diagnostic::error(format!(
                "`extends` refers to unknown id `{}`",
                x.id
            ))
            .with_hint("an extension adds facts to an entity defined in another file; define it or fix the id"));
        };
        let aliases = match slot {
            Slot::Chip(i) => &mut self.chips[i].aliases,
            Slot::Organisation(i) => &mut self.organisations[i].aliases,
            Slot::Model(i) => &mut self.models[i].aliases,
            Slot::Cluster(i) => &mut self.clusters[i].aliases,
        };
        for (have, add) in [
            (&mut aliases.en, &x.aliases.en),
            (&mut aliases.zh, &x.aliases.zh),
            (&mut aliases.misnomers, &x.aliases.misnomers),
        ] {
            for a in add {
                if !have.contains(a) {
                    have.push(a.clone());
                }
            }
        }
        if !x.facts.is_empty() {
            let entry = match slot {
                Slot::Model(i) => &mut self.models[i],
                Slot::Cluster(i) => &mut self.clusters[i],
                _ => {
                    return Err(Diagnostic::error(format!(
                        "`extends` adds facts to `{}`, which is not a model or cluster",
                        x.id
                    ))
                    .with_hint("only models and clusters have facts; an extension of a chip or organisation may add aliases only"))
                }
            };
            self.own_facts
                .entry(x.id.clone())
                .or_insert(entry.facts.len());
            entry.facts.extend(x.facts.iter().cloned());
        }
        self.extensions.push(x);
        Ok(())
    }

    /// The facts of an entry that its own definition holds (not added by an
    /// `extends:` item).
    pub fn own_facts(&self, id: &str) -> &[Fact] {
        let all = self.facts(id);
        match self.own_facts.get(id) {
            Some(&n) => &all[..n.min(all.len())],
            None => all,
        }
    }

    fn put<T>(
        &mut self,
        id: String,
        item: T,
        list: fn(&mut Dataset) -> &mut Vec<T>,
        slot: fn(usize) -> Slot,
    ) {
        match self.index.get(&id) {
            Some(&existing)
                if std::mem::discriminant(&existing) == std::mem::discriminant(&slot(0)) =>
            {
                let i = match existing {
                    Slot::Chip(i) | Slot::Organisation(i) | Slot::Model(i) | Slot::Cluster(i) => i,
                };
                list(self)[i] = item;
            }
            _ => {
                let v = list(self);
                v.push(item);
                let i = v.len() - 1;
                self.index.insert(id, slot(i));
            }
        }
    }

    pub fn entity(&self, id: &str) -> Option<Entity<'_>> {
        Some(match *self.index.get(id)? {
            Slot::Chip(i) => Entity::Chip(&self.chips[i]),
            Slot::Organisation(i) => Entity::Organisation(&self.organisations[i]),
            Slot::Model(i) => Entity::Model(&self.models[i]),
            Slot::Cluster(i) => Entity::Cluster(&self.clusters[i]),
        })
    }

    pub fn chip(&self, id: &str) -> Option<&Chip> {
        match self.entity(id)? {
            Entity::Chip(c) => Some(c),
            _ => None,
        }
    }

    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.entity(id)?.entry()
    }

    /// Links between models, clusters and organisations, for the audit.
    pub fn relations(&self) -> &relations::Relations {
        self.relations
            .get_or_init(|| relations::Relations::of(self))
    }

    /// Every entity, chips first, in file order.
    pub fn entities(&self) -> impl Iterator<Item = Entity<'_>> {
        self.chips
            .iter()
            .map(Entity::Chip)
            .chain(self.organisations.iter().map(Entity::Organisation))
            .chain(self.models.iter().map(Entity::Model))
            .chain(self.clusters.iter().map(Entity::Cluster))
    }

    /// Every name to recognise in text: canonical name, aliases in both
    /// languages, and misnomers (flagged) of every entity whose `recognize`
    /// is not `false`.
    pub fn names(&self) -> Vec<Name<'_>> {
        self.names_where(|e| e.recognize())
    }

    /// Every name of every entity, recognised in text or not.
    pub fn all_names(&self) -> Vec<Name<'_>> {
        self.names_where(|_| true)
    }

    fn names_where(&self, keep: impl Fn(&Entity) -> bool) -> Vec<Name<'_>> {
        let mut out = Vec::new();
        for e in self.entities().filter(|e| keep(e)) {
            let (id, kind) = (e.id(), e.kind());
            out.push(Name {
                text: e.name(),
                id,
                kind,
                misnomer: false,
            });
            let a = e.aliases();
            for t in a.en.iter().chain(a.zh.iter()) {
                out.push(Name {
                    text: t,
                    id,
                    kind,
                    misnomer: false,
                });
            }
            for t in &a.misnomers {
                out.push(Name {
                    text: t,
                    id,
                    kind,
                    misnomer: true,
                });
            }
        }
        out
    }

    /// Facts of a model or cluster (empty for chips and organisations).
    pub fn facts(&self, id: &str) -> &[Fact] {
        self.entry(id).map(|e| e.facts.as_slice()).unwrap_or(&[])
    }

    /// A short fingerprint of the dataset's content, for caches.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }
}

/// Budget for dataset files: large but bounded.
fn yaml_options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = 32;
    budget.max_aliases = 1_000;
    budget.max_anchors = 1_000;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options
}

/// Parses one dataset file; a parse or type error names file:line:column.
// See `folder_sources` for why the large error type is allowed.
#[allow(clippy::result_large_err)]
pub fn parse_file(src: &DataSource) -> Result<DataFile, Diagnostic> {
    if src.text.trim().is_empty() {
        return Ok(DataFile::default());
    }
    if let Some(json) = src.json {
        // Converted from this very text at build time; should the two ever
        // disagree, the YAML below gives the positioned message.
        if let Ok(file) = serde_json::from_str::<Option<DataFile>>(json) {
            return Ok(file.unwrap_or_default());
        }
    }
    serde_saphyr::from_str_with_options::<Option<DataFile>>(&src.text, yaml_options())
        .map(Option::unwrap_or_default)
        .map_err(|e| {
            let msg = e.without_snippet().to_string();
            let mut d = Diagnostic::error(format!(
                "dataset file is not valid: {}",
                msg.lines().next().unwrap_or(&msg).trim()
            ))
            .at_path(&src.path)
            .with_hint("see docs/dataset.md for the dataset schema; `factbrief dataset lint` lists every error");
            if let Some(loc) = e.location() {
                let (line, col) = (loc.line() as usize, loc.column() as usize);
                let text = src.text.lines().nth(line.saturating_sub(1)).unwrap_or("");
                d = d.at(line, col).with_source_line(text, 1);
            }
            d
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The JSON the build script wrote must load to exactly what the YAML
    /// loads to, file by file, and no embedded file may lack its JSON.
    #[test]
    fn precompiled_json_matches_the_yaml() {
        let sources = default_sources();
        assert!(sources.len() >= 4, "{} embedded files", sources.len());
        for src in &sources {
            let json = src
                .json
                .unwrap_or_else(|| panic!("{} has no precompiled JSON", src.path.display()));
            let from_json: DataFile = serde_json::from_str::<Option<DataFile>>(json)
                .unwrap_or_else(|e| panic!("{}: {e}", src.path.display()))
                .unwrap_or_default();
            let yaml_only = DataSource {
                json: None,
                ..src.clone()
            };
            let from_yaml = parse_file(&yaml_only).expect("embedded YAML parses");
            assert_eq!(
                serde_json::to_value(&from_json).unwrap(),
                serde_json::to_value(&from_yaml).unwrap(),
                "{}",
                src.path.display()
            );
        }
    }

    #[test]
    fn embedded_dataset_loads_and_indexes() {
        let ds = Dataset::embedded().expect("embedded dataset parses");
        assert!(ds.chip("nvidia-h800").is_some());
        assert_eq!(ds.entity("grok-3").unwrap().kind(), EntityKind::Model);
        assert_eq!(
            ds.entity("xai-colossus").unwrap().kind(),
            EntityKind::Cluster
        );
        assert!(ds
            .names()
            .iter()
            .any(|n| n.text == "英伟达H100" && n.id == "nvidia-h100"));
        let v3 = ds.facts("deepseek-v3");
        assert!(v3
            .iter()
            .any(|f| f.property == Property::TrainingChipCount
                && f.value.as_number() == Some(2048.0)));
    }

    #[test]
    fn later_sources_override_by_id() {
        let a = DataSource {
            path: "a.yaml".into(),
            text: "organisations:\n- {id: x, name: X, kind: ai_lab}\n".into(),
            ..Default::default()
        };
        let b = DataSource {
            path: "b.yaml".into(),
            text: "organisations:\n- {id: x, name: Y, kind: ai_lab}\n- {id: z, name: Z, kind: ai_lab}\n".into(),
            ..Default::default()
        };
        let ds = Dataset::from_sources(&[a, b]).unwrap();
        assert_eq!(ds.entity("x").unwrap().name(), "Y");
        assert_eq!(ds.organisations.len(), 2);
    }

    #[test]
    fn unknown_field_is_an_error_with_position() {
        let src = DataSource {
            path: "bad.yaml".into(),
            text: "organisations:\n- id: x\n  name: X\n  kind: ai_lab\n  colour: red\n".into(),
            ..Default::default()
        };
        let err = parse_file(&src).unwrap_err();
        assert_eq!(err.line, Some(5), "{err}");
        assert!(err.message.contains("colour"), "{err}");
    }
}
