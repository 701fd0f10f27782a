//! `factbrief dataset lint`: every problem in a dataset, each at
//! file:line:column with a hint — not just the first one the loader meets.
//!
//! The loader ([`super::parse_file`]) stops at the first error, as serde
//! does. Lint instead walks the YAML event stream into a small tree that
//! keeps positions, checks it against the schema by hand (unknown fields,
//! wrong types, missing fields, unknown enum values), and then checks the
//! dataset as a whole: duplicate ids, one alias claimed by two entities,
//! family names used as chip aliases, facts without a source, and
//! references to ids that do not exist. As a last guard, any file the
//! loader still rejects is reported with the loader's own message.

use super::DataSource;
use crate::diagnostic::Diagnostic;
use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle};
use std::collections::{BTreeSet, HashMap};
use unicode_normalization::UnicodeNormalization;

/// A position in a dataset file: 1-based line and column (characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Pos {
    line: usize,
    col: usize,
    len: usize,
}

#[derive(Debug, Clone)]
enum Node {
    Scalar {
        value: String,
        plain: bool,
        pos: Pos,
    },
    Seq {
        items: Vec<Node>,
        pos: Pos,
    },
    Map {
        entries: Vec<(Node, Node)>,
        pos: Pos,
    },
}

impl Node {
    fn pos(&self) -> Pos {
        match self {
            Node::Scalar { pos, .. } | Node::Seq { pos, .. } | Node::Map { pos, .. } => *pos,
        }
    }

    fn is_null(&self) -> bool {
        matches!(self, Node::Scalar { value, plain: true, .. } if matches!(value.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    /// What a YAML reader would call this node, for messages.
    fn describe(&self) -> &'static str {
        match self {
            Node::Seq { .. } => "a list",
            Node::Map { .. } => "a mapping",
            n if n.is_null() => "nothing (null)",
            Node::Scalar {
                value, plain: true, ..
            } if matches!(value.as_str(), "true" | "false") => "a boolean",
            Node::Scalar {
                value, plain: true, ..
            } if value.parse::<f64>().is_ok() => "a number",
            Node::Scalar { .. } => "a string",
        }
    }

    fn as_str(&self) -> Option<&str> {
        match self {
            Node::Scalar { value, .. } if !self.is_null() => Some(value),
            _ => None,
        }
    }

    fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Map { entries, .. } => entries
                .iter()
                .find(|(k, _)| k.as_str() == Some(key))
                .map(|(_, v)| v),
            _ => None,
        }
    }
}

/// Builds the tree from the parser's events; aliases are expanded.
fn build(text: &str) -> Result<Option<Node>, (Pos, String)> {
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Node> = Vec::new();
    let mut pending_keys: Vec<Option<Node>> = Vec::new();
    let mut anchors: HashMap<usize, Node> = HashMap::new();
    let mut anchor_of: Vec<usize> = Vec::new();
    let mut root: Option<Node> = None;
    let pos_of = |span: &serde_saphyr::granit_parser::Span| {
        let len = span.end.index().saturating_sub(span.start.index()).max(1);
        Pos {
            line: span.start.line(),
            col: span.start.col() + 1,
            len,
        }
    };
    // Adds a finished node to its parent (or makes it the root).
    fn attach(node: Node, stack: &mut [Node], keys: &mut [Option<Node>], root: &mut Option<Node>) {
        match stack.last_mut() {
            None => {
                if root.is_none() {
                    *root = Some(node);
                }
            }
            Some(Node::Seq { items, .. }) => items.push(node),
            Some(Node::Map { entries, .. }) => {
                let slot = keys.last_mut().expect("a key slot per mapping");
                match slot.take() {
                    None => *slot = Some(node),
                    Some(k) => entries.push((k, node)),
                }
            }
            Some(Node::Scalar { .. }) => unreachable!("scalars have no children"),
        }
    }
    while let Some(ev) = parser.next_event() {
        let (event, span) = ev.map_err(|e| {
            let m = e.marker();
            (
                Pos {
                    line: m.line(),
                    col: m.col() + 1,
                    len: 1,
                },
                e.info(),
            )
        })?;
        let pos = pos_of(&span);
        match event {
            Event::Scalar(value, style, anchor, _) => {
                let node = Node::Scalar {
                    value: value.to_string(),
                    plain: style == ScalarStyle::Plain,
                    pos,
                };
                if anchor != 0 {
                    anchors.insert(anchor, node.clone());
                }
                attach(node, &mut stack, &mut pending_keys, &mut root);
            }
            Event::Alias(id) => {
                let node = anchors.get(&id).cloned().unwrap_or(Node::Scalar {
                    value: String::new(),
                    plain: true,
                    pos,
                });
                attach(node, &mut stack, &mut pending_keys, &mut root);
            }
            Event::SequenceStart(_, anchor, _) => {
                stack.push(Node::Seq {
                    items: Vec::new(),
                    pos,
                });
                anchor_of.push(anchor);
            }
            Event::MappingStart(_, anchor, _) => {
                stack.push(Node::Map {
                    entries: Vec::new(),
                    pos,
                });
                pending_keys.push(None);
                anchor_of.push(anchor);
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let node = stack.pop().expect("balanced events");
                if matches!(node, Node::Map { .. }) {
                    pending_keys.pop();
                }
                let anchor = anchor_of.pop().unwrap_or(0);
                if anchor != 0 {
                    anchors.insert(anchor, node.clone());
                }
                attach(node, &mut stack, &mut pending_keys, &mut root);
            }
            Event::StreamEnd => break,
            _ => {}
        }
    }
    Ok(root)
}

// ---------------------------------------------------------------------------
// The schema, as lint sees it

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ty {
    Str,
    /// Any scalar (dates written as `2024`, `2024-12` or `'2024-12-27'`).
    Scalar,
    Int,
    Number,
    Bool,
    StrList,
    Aliases,
    Source,
    Sources,
    Facts,
    /// Any mapping (chip specs).
    AnyMap,
    /// A fact's value: a number, or a chip id for `training_chip`.
    FactValue,
    Enum(&'static [&'static str]),
}

/// What an id field must refer to.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum RefKind {
    Chip,
    Organisation,
    Entry,
    Model,
    Cluster,
}

impl RefKind {
    fn what(self) -> &'static str {
        match self {
            RefKind::Chip => "chip",
            RefKind::Organisation => "organisation",
            RefKind::Entry => "model or cluster",
            RefKind::Model => "model",
            RefKind::Cluster => "cluster or fleet",
        }
    }
}

struct Field {
    name: &'static str,
    ty: Ty,
    required: bool,
    refers: Option<RefKind>,
}

const fn f(name: &'static str, ty: Ty) -> Field {
    Field {
        name,
        ty,
        required: false,
        refers: None,
    }
}
const fn req(name: &'static str, ty: Ty) -> Field {
    Field {
        name,
        ty,
        required: true,
        refers: None,
    }
}
const fn r(name: &'static str, ty: Ty, kind: RefKind, required: bool) -> Field {
    Field {
        name,
        ty,
        required,
        refers: Some(kind),
    }
}

const ENTRY_KINDS: &[&str] = &["model", "model_family", "cluster", "fleet", "comparison"];
pub const PROPERTIES: &[&str] = &[
    "training_chip",
    "training_chip_count",
    "training_gpu_hours",
    "training_cost_usd",
    "parameters",
    "active_parameters",
    "training_tokens",
    "training_compute",
    "training_time_hours",
    "cluster_chip_count",
    "planned_chip_count",
];
const STATUSES: &[&str] = &["official", "reported", "estimate", "press_claim"];

const TOP: &[Field] = &[
    f("chips", Ty::StrList),
    f("organisations", Ty::StrList),
    f("models", Ty::StrList),
    f("clusters", Ty::StrList),
];
const CHIP: &[Field] = &[
    req("id", Ty::Str),
    req("name", Ty::Str),
    r("vendor", Ty::Str, RefKind::Organisation, true),
    f("family", Ty::Str),
    r("variant_of", Ty::Str, RefKind::Chip, false),
    f("relation", Ty::Str),
    f("release_year", Ty::Int),
    f("aliases", Ty::Aliases),
    f("specs", Ty::AnyMap),
    f("spec_sources", Ty::Sources),
    f("export_control", Ty::Str),
    f("export_control_sources", Ty::Sources),
    f("notes", Ty::Str),
];
const ORG: &[Field] = &[
    req("id", Ty::Str),
    req("name", Ty::Str),
    req("kind", Ty::Str),
    f("country", Ty::Str),
    r("parent", Ty::Str, RefKind::Organisation, false),
    f("aliases", Ty::Aliases),
    f("notes", Ty::Str),
];
const ENTRY: &[Field] = &[
    req("id", Ty::Str),
    req("name", Ty::Str),
    req("kind", Ty::Enum(ENTRY_KINDS)),
    r("organisation", Ty::Str, RefKind::Organisation, true),
    f("release_date", Ty::Scalar),
    f("release_date_note", Ty::Str),
    f("aliases", Ty::Aliases),
    r("related", Ty::StrList, RefKind::Entry, false),
    r("base_model", Ty::Str, RefKind::Model, false),
    r("cluster", Ty::StrList, RefKind::Cluster, false),
    f("facts", Ty::Facts),
    f("notes", Ty::Str),
];
const ALIASES: &[Field] = &[
    f("en", Ty::StrList),
    f("zh", Ty::StrList),
    f("misnomers", Ty::StrList),
];
const SOURCE: &[Field] = &[
    req("title", Ty::Str),
    f("url", Ty::Str),
    f("publisher", Ty::Str),
    f("date", Ty::Scalar),
];
const FACT: &[Field] = &[
    req("property", Ty::Enum(PROPERTIES)),
    req("value", Ty::FactValue),
    f("value_max", Ty::Number),
    req("unit", Ty::Str),
    r("chip", Ty::Str, RefKind::Chip, false),
    r("chip_mix", Ty::StrList, RefKind::Chip, false),
    f("chip_family", Ty::Str),
    f("approx", Ty::Bool),
    f("as_of", Ty::Scalar),
    req("status", Ty::Enum(STATUSES)),
    f("origin", Ty::Str),
    req("source", Ty::Source),
    f("also_reported_in", Ty::Sources),
    f("note", Ty::Str),
];

// ---------------------------------------------------------------------------
// The walk

/// An id, alias or reference seen in a file, kept for the whole-dataset checks.
struct Seen {
    file: usize,
    pos: Pos,
}

#[derive(Default)]
struct State {
    out: Vec<Diagnostic>,
    /// id → (kind, where defined)
    ids: HashMap<String, (RefKind, Seen)>,
    /// normalised name → (entity id, name as written, where)
    names: HashMap<String, (String, String, Seen)>,
    /// chip family → number of chips in it
    families: HashMap<String, usize>,
    /// chip aliases, for the family check: (alias, chip id, where)
    chip_aliases: Vec<(String, String, Seen)>,
    refs: Vec<(RefKind, String, Seen, &'static str)>,
}

struct Linter<'a> {
    sources: &'a [DataSource],
    file: usize,
    st: State,
}

fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}

fn closest<'s>(word: &str, candidates: impl IntoIterator<Item = &'s str>) -> Option<&'s str> {
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min()
        .map(|(_, c)| c)
}

/// How names are compared for collisions: NFKC, lower case, single spaces.
pub fn normalise_name(s: &str) -> String {
    s.nfkc()
        .collect::<String>()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl Linter<'_> {
    fn diag_at(&self, file: usize, pos: Pos, msg: String, hint: String) -> Diagnostic {
        let src = &self.sources[file];
        let line = src
            .text
            .lines()
            .nth(pos.line.saturating_sub(1))
            .unwrap_or("");
        let len = pos
            .len
            .min(
                line.chars()
                    .count()
                    .saturating_sub(pos.col.saturating_sub(1)),
            )
            .max(1);
        Diagnostic::error(msg)
            .at_path(&src.path)
            .at(pos.line, pos.col)
            .with_source_line(line, len)
            .with_hint(hint)
    }

    fn error(&mut self, pos: Pos, msg: impl Into<String>, hint: impl Into<String>) {
        let d = self.diag_at(self.file, pos, msg.into(), hint.into());
        self.st.out.push(d);
    }

    fn warn(&mut self, file: usize, pos: Pos, msg: impl Into<String>, hint: impl Into<String>) {
        let mut d = self.diag_at(file, pos, msg.into(), hint.into());
        d.severity = crate::diagnostic::Severity::Warning;
        self.st.out.push(d);
    }

    /// Checks a mapping against its fields; returns nothing, records errors.
    fn object(&mut self, node: &Node, fields: &[Field], what: &str) {
        let Node::Map { entries, pos } = node else {
            self.error(
                node.pos(),
                format!("{what} must be a mapping, found {}", node.describe()),
                "write `key: value` lines, e.g. `- id: my-id`",
            );
            return;
        };
        let mut seen_keys: Vec<&str> = Vec::new();
        for (k, v) in entries {
            let Some(key) = k.as_str() else {
                self.error(
                    k.pos(),
                    format!("a key in {what} is not a string"),
                    "keys are field names such as `id` or `name`",
                );
                continue;
            };
            if seen_keys.contains(&key) {
                self.error(
                    k.pos(),
                    format!("field `{key}` is given twice in {what}"),
                    "keep one of them",
                );
                continue;
            }
            seen_keys.push(key);
            match fields.iter().find(|f| f.name == key) {
                None => {
                    let names = fields.iter().map(|f| f.name);
                    let hint = match closest(key, names) {
                        Some(c) => format!(
                            "did you mean `{c}`? (docs/dataset.md lists the fields of {what})"
                        ),
                        None => format!(
                            "known fields of {what}: {}",
                            fields.iter().map(|f| f.name).collect::<Vec<_>>().join(", ")
                        ),
                    };
                    self.error(k.pos(), format!("unknown field `{key}` in {what}"), hint);
                }
                Some(field) => self.value(v, field, what),
            }
        }
        for field in fields.iter().filter(|f| f.required) {
            if !seen_keys.contains(&field.name) {
                let (msg, hint) = if field.name == "source" {
                    (
                        format!("{what} has no source"),
                        "every fact needs `source: {title, url, publisher, date}` saying where the figure was read".to_string(),
                    )
                } else {
                    (
                        format!("{what} is missing the required field `{}`", field.name),
                        format!("add `{}: …`", field.name),
                    )
                };
                self.error(*pos, msg, hint);
            }
        }
    }

    fn expect_scalar<'n>(
        &mut self,
        node: &'n Node,
        field: &Field,
        what: &str,
        expected: &str,
    ) -> Option<&'n str> {
        match node {
            Node::Scalar { value, .. } if !node.is_null() => Some(value),
            _ => {
                if !node.is_null() || field.required {
                    self.error(
                        node.pos(),
                        format!(
                            "`{}` in {what} must be {expected}, found {}",
                            field.name,
                            node.describe()
                        ),
                        format!("write e.g. `{}: {}`", field.name, example(field.ty)),
                    );
                }
                None
            }
        }
    }

    fn reference(&mut self, field: &Field, id: &str, pos: Pos) {
        if let Some(kind) = field.refers {
            self.st.refs.push((
                kind,
                id.to_string(),
                Seen {
                    file: self.file,
                    pos,
                },
                field.name,
            ));
        }
    }

    fn value(&mut self, node: &Node, field: &Field, what: &str) {
        match field.ty {
            Ty::Str | Ty::Scalar => {
                let expected = if field.ty == Ty::Str {
                    "a string"
                } else {
                    "a date or other scalar"
                };
                if let Some(s) = self.expect_scalar(node, field, what, expected) {
                    let s = s.to_string();
                    self.reference(field, &s, node.pos());
                }
            }
            Ty::Int => {
                if node.is_null() {
                    return;
                }
                if let Some(s) = self.expect_scalar(node, field, what, "a whole number") {
                    if s.parse::<i64>().is_err()
                        || !matches!(node, Node::Scalar { plain: true, .. })
                    {
                        self.error(
                            node.pos(),
                            format!(
                                "`{}` in {what} must be a whole number, found {}",
                                field.name,
                                node.describe()
                            ),
                            format!("write e.g. `{}: 2024`, or `null` when unknown", field.name),
                        );
                    }
                }
            }
            Ty::Number => {
                if node.is_null() {
                    return;
                }
                if let Some(s) = self.expect_scalar(node, field, what, "a number") {
                    if s.parse::<f64>().is_err()
                        || !matches!(node, Node::Scalar { plain: true, .. })
                    {
                        self.error(node.pos(), format!("`{}` in {what} must be a number, found {}", field.name, node.describe()), "write the figure in full without separators or quotes: `200000`, not `'200,000'`");
                    }
                }
            }
            Ty::Bool => {
                if let Some(s) = self.expect_scalar(node, field, what, "true or false") {
                    if !matches!(s, "true" | "false")
                        || !matches!(node, Node::Scalar { plain: true, .. })
                    {
                        self.error(
                            node.pos(),
                            format!(
                                "`{}` in {what} must be true or false, found {}",
                                field.name,
                                node.describe()
                            ),
                            format!("write `{}: true` or `{}: false`", field.name, field.name),
                        );
                    }
                }
            }
            Ty::Enum(values) => {
                if let Some(s) = self.expect_scalar(node, field, what, "one of the listed values") {
                    if !values.contains(&s) {
                        let hint = match closest(s, values.iter().copied()) {
                            Some(c) => {
                                format!("did you mean `{c}`? allowed: {}", values.join(", "))
                            }
                            None => format!("allowed: {}", values.join(", ")),
                        };
                        let noun = if field.name == "property" {
                            "unknown property"
                        } else {
                            "unknown value"
                        };
                        self.error(
                            node.pos(),
                            format!("{noun} `{s}` for `{}` in {what}", field.name),
                            hint,
                        );
                    }
                }
            }
            Ty::StrList => match node {
                Node::Seq { items, .. } => {
                    for item in items {
                        match item.as_str() {
                            Some(s) if matches!(item, Node::Scalar { .. }) => {
                                self.reference(field, s, item.pos())
                            }
                            _ => self.error(
                                item.pos(),
                                format!(
                                    "`{}` in {what} must list strings, found {}",
                                    field.name,
                                    item.describe()
                                ),
                                format!("write one `- item` per line under `{}:`", field.name),
                            ),
                        }
                    }
                }
                n if n.is_null() => {}
                n => self.error(
                    n.pos(),
                    format!(
                        "`{}` in {what} must be a list, found {}",
                        field.name,
                        n.describe()
                    ),
                    format!(
                        "write `{}:` followed by `- item` lines, or `[a, b]`",
                        field.name
                    ),
                ),
            },
            Ty::Aliases => self.object(node, ALIASES, "aliases"),
            Ty::Source => {
                if node.is_null() {
                    self.error(node.pos(), format!("{what} has no source"), "every fact needs `source: {title, url, publisher, date}` saying where the figure was read");
                } else {
                    self.object(node, SOURCE, "a source");
                }
            }
            Ty::Sources => match node {
                Node::Seq { items, .. } => {
                    for item in items {
                        self.object(item, SOURCE, "a source");
                    }
                }
                n if n.is_null() => {}
                n => self.error(
                    n.pos(),
                    format!(
                        "`{}` in {what} must be a list of sources, found {}",
                        field.name,
                        n.describe()
                    ),
                    "write `- {title: …, url: …, publisher: …, date: …}` items",
                ),
            },
            Ty::Facts => match node {
                Node::Seq { items, .. } => {
                    for item in items {
                        self.fact(item);
                    }
                }
                n if n.is_null() => {}
                n => self.error(
                    n.pos(),
                    format!("`facts` must be a list, found {}", n.describe()),
                    "write `facts:` followed by `- property: …` items, or `facts: []`",
                ),
            },
            Ty::AnyMap => {
                if !matches!(node, Node::Map { .. }) && !node.is_null() {
                    self.error(
                        node.pos(),
                        format!(
                            "`{}` in {what} must be a mapping, found {}",
                            field.name,
                            node.describe()
                        ),
                        "write `key: value` lines",
                    );
                }
            }
            Ty::FactValue => {} // checked in `fact`, where the property is known
        }
    }

    fn fact(&mut self, node: &Node) {
        self.object(node, FACT, "a fact");
        let (Some(value), prop) = (
            node.get("value"),
            node.get("property").and_then(Node::as_str),
        ) else {
            return;
        };
        let is_number =
            matches!(value, Node::Scalar { value: v, plain: true, .. } if v.parse::<f64>().is_ok());
        if prop == Some("training_chip") {
            match value.as_str() {
                Some(id) if !is_number => {
                    let id = id.to_string();
                    self.st.refs.push((
                        RefKind::Chip,
                        id,
                        Seen {
                            file: self.file,
                            pos: value.pos(),
                        },
                        "value",
                    ));
                }
                _ => self.error(
                    value.pos(),
                    format!(
                        "the value of a `training_chip` fact must be a chip id, found {}",
                        value.describe()
                    ),
                    "write e.g. `value: nvidia-h800` with `unit: chip_id`",
                ),
            }
        } else if !is_number {
            self.error(
                value.pos(),
                format!(
                    "the value of a fact must be a number, found {}",
                    value.describe()
                ),
                "write the figure in full without separators or quotes: `2048`, `14800000000000`",
            );
        }
    }

    fn entity(&mut self, node: &Node, kind: RefKind, fields: &[Field], what: &str) {
        self.object(node, fields, what);
        let Some(id_node) = node.get("id") else {
            return;
        };
        let Some(id) = id_node.as_str().map(str::to_string) else {
            return;
        };
        if !id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            || id.is_empty()
        {
            self.error(
                id_node.pos(),
                format!("id `{id}` is not lower-case kebab-case"),
                "ids use a-z, 0-9 and `-`, e.g. `nvidia-h800`",
            );
        }
        let kind = match (kind, node.get("kind").and_then(Node::as_str)) {
            (RefKind::Entry, Some("cluster" | "fleet")) => RefKind::Cluster,
            (RefKind::Entry, _) => RefKind::Model,
            (k, _) => k,
        };
        let here = Seen {
            file: self.file,
            pos: id_node.pos(),
        };
        if let Some((_, first)) = self.st.ids.get(&id) {
            let at = format!(
                "{}:{}:{}",
                self.sources[first.file].path.display(),
                first.pos.line,
                first.pos.col
            );
            self.error(id_node.pos(), format!("duplicate id `{id}`"), format!("first defined at {at}; ids must be unique across the dataset (to override a default entity, put it in your --data folder instead)"));
        } else {
            self.st.ids.insert(id.clone(), (kind, here));
        }
        if kind == RefKind::Chip {
            if let Some(fam) = node.get("family").and_then(Node::as_str) {
                *self.st.families.entry(normalise_name(fam)).or_default() += 1;
            }
        }
        // Names: the canonical name, aliases in both languages, misnomers.
        let mut names: Vec<&Node> = node.get("name").into_iter().collect();
        if let Some(a) = node.get("aliases") {
            for lang in ["en", "zh", "misnomers"] {
                if let Some(Node::Seq { items, .. }) = a.get(lang) {
                    names.extend(items.iter());
                }
            }
        }
        for n in names {
            let Some(text) = n.as_str() else { continue };
            let key = normalise_name(text);
            if kind == RefKind::Chip {
                self.st.chip_aliases.push((
                    text.to_string(),
                    id.clone(),
                    Seen {
                        file: self.file,
                        pos: n.pos(),
                    },
                ));
            }
            match self.st.names.get(&key) {
                Some((owner, _, first)) if *owner != id => {
                    let at = format!(
                        "{}:{}:{}",
                        self.sources[first.file].path.display(),
                        first.pos.line,
                        first.pos.col
                    );
                    let owner = owner.clone();
                    self.error(n.pos(), format!("alias `{text}` of `{id}` is already a name of `{owner}`"), format!("one name must mean one entity: drop it here or at {at}, or keep it only on the entity the press means"));
                }
                Some(_) => {}
                None => {
                    self.st.names.insert(
                        key,
                        (
                            id.clone(),
                            text.to_string(),
                            Seen {
                                file: self.file,
                                pos: n.pos(),
                            },
                        ),
                    );
                }
            }
        }
    }

    fn file(&mut self, root: &Node) {
        let Node::Map { entries, .. } = root else {
            if !root.is_null() {
                self.error(
                    root.pos(),
                    format!(
                        "a dataset file must be a mapping, found {}",
                        root.describe()
                    ),
                    "start with `chips:`, `organisations:`, `models:` or `clusters:`",
                );
            }
            return;
        };
        for (k, v) in entries {
            let key = k.as_str().unwrap_or("");
            let (kind, fields, what): (RefKind, &[Field], &str) = match key {
                "chips" => (RefKind::Chip, CHIP, "a chip"),
                "organisations" => (RefKind::Organisation, ORG, "an organisation"),
                "models" | "clusters" => (
                    RefKind::Entry,
                    ENTRY,
                    if key == "models" {
                        "a model"
                    } else {
                        "a cluster"
                    },
                ),
                _ => {
                    let hint = match closest(key, TOP.iter().map(|f| f.name)) {
                        Some(c) => format!("did you mean `{c}`?"),
                        None => "a dataset file has the sections chips, organisations, models and clusters".to_string(),
                    };
                    self.error(k.pos(), format!("unknown section `{key}`"), hint);
                    continue;
                }
            };
            match v {
                Node::Seq { items, .. } => {
                    for item in items {
                        self.entity(item, kind, fields, what);
                    }
                }
                n if n.is_null() => {}
                n => self.error(
                    n.pos(),
                    format!("`{key}` must be a list, found {}", n.describe()),
                    format!("write `{key}:` followed by `- id: …` items"),
                ),
            }
        }
    }

    fn whole_dataset(&mut self) {
        let refs = std::mem::take(&mut self.st.refs);
        for (want, id, at, field) in &refs {
            let found = self.st.ids.get(id).map(|(k, _)| *k);
            let ok = match (want, found) {
                (_, None) => false,
                (RefKind::Entry, Some(RefKind::Model | RefKind::Cluster)) => true,
                (w, Some(k)) => *w == k,
            };
            if ok {
                continue;
            }
            let candidates: Vec<&str> = self
                .st
                .ids
                .iter()
                .filter(|(_, (k, _))| {
                    *k == *want
                        || (*want == RefKind::Entry
                            && matches!(k, RefKind::Model | RefKind::Cluster))
                })
                .map(|(i, _)| i.as_str())
                .collect();
            let mut hint = match closest(id, candidates.iter().copied()) {
                Some(c) => format!("did you mean `{c}`?"),
                None => format!(
                    "define a {} with `id: {id}`, or fix the reference",
                    want.what()
                ),
            };
            let msg = match found {
                Some(k) => format!(
                    "`{field}` refers to `{id}`, which is a {}, not a {}",
                    k.what(),
                    want.what()
                ),
                None => format!("`{field}` refers to unknown {} id `{id}`", want.what()),
            };
            if found.is_some() {
                hint = format!("`{field}` takes a {} id", want.what());
            }
            let file = at.file;
            let d = self.diag_at(file, at.pos, msg, hint);
            self.st.out.push(d);
        }
        let aliases = std::mem::take(&mut self.st.chip_aliases);
        for (text, id, at) in &aliases {
            let key = normalise_name(text);
            if self.st.families.get(&key).is_some_and(|n| *n >= 2) {
                self.warn(at.file, at.pos, format!("alias `{text}` of chip `{id}` is a family name"), "a family (Hopper, Blackwell …) covers several chips; record it as `family:`, not as an alias, so a claim naming only the family stays a generic chip");
            }
        }
    }
}

fn example(ty: Ty) -> &'static str {
    match ty {
        Ty::Str => "some text",
        Ty::Scalar => "2024-12-27",
        Ty::Int => "2024",
        Ty::Number => "2048",
        Ty::Bool => "true",
        _ => "…",
    }
}

/// Lints dataset files as one dataset: every problem, sorted by file and position.
pub fn lint(sources: &[DataSource]) -> Vec<Diagnostic> {
    let mut l = Linter {
        sources,
        file: 0,
        st: State::default(),
    };
    let mut broken: BTreeSet<usize> = BTreeSet::new();
    for (i, src) in sources.iter().enumerate() {
        l.file = i;
        let before = l.st.out.len();
        match build(&src.text) {
            Ok(Some(root)) => l.file(&root),
            Ok(None) => {}
            Err((pos, msg)) => {
                l.error(pos, format!("not valid YAML: {msg}"), "fix the syntax here first; the rest of this file is not checked until it parses");
            }
        }
        if l.st.out.len() > before {
            broken.insert(i);
        }
    }
    l.whole_dataset();
    // Last guard: anything the loader still rejects, in a file lint passed.
    for (i, src) in sources.iter().enumerate() {
        if broken.contains(&i) {
            continue;
        }
        if let Err(d) = super::parse_file(src) {
            l.st.out.push(d);
        }
    }
    let mut out = l.st.out;
    out.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_survive_the_tree() {
        let root = build("chips:\n- id: a\n  name: A\n").unwrap().unwrap();
        let chips = root.get("chips").unwrap();
        let Node::Seq { items, .. } = chips else {
            panic!()
        };
        let name = items[0].get("name").unwrap();
        assert_eq!((name.pos().line, name.pos().col), (3, 9));
    }

    #[test]
    fn names_normalise() {
        assert_eq!(normalise_name("Grok  3"), normalise_name("grok 3"));
        assert_eq!(normalise_name("Ｈ１００"), "h100");
    }
}
