//! Who is linked to whom in the record, indexed once per dataset.
//!
//! The audit of one claim asks about an organisation's models and
//! clusters, a model's clusters, a cluster's models, a model's derivatives
//! and a lab's other models. Answering by scanning every model and cluster
//! (two thousand with Epoch's import) cost more than extracting the claim
//! did. [`Relations`] answers with short candidate lists instead.
//!
//! Every list is a *superset* of the entries a question is about, in the
//! order of [`Relations::entry`] (models, then clusters, each in dataset
//! order): callers keep their own test and apply it to the candidates, so
//! an index can never change a verdict, only how many entries are tested.

use super::{Dataset, Entry};
use std::collections::HashMap;

/// Candidate lists for the audit's questions about links between entries.
#[derive(Debug, Clone, Default)]
pub struct Relations {
    /// Entries (positions) whose `organisation` is the key.
    by_org: HashMap<String, Vec<u32>>,
    /// Organisations whose `parent` is the key, in dataset order.
    subsidiaries: HashMap<String, Vec<String>>,
    /// Entries whose `base_model` is the key.
    derived: HashMap<String, Vec<u32>>,
    /// For each entry, every entry it names in `cluster` or `related`, or
    /// that names it there: sorted, without repeats.
    linked: Vec<Vec<u32>>,
}

impl Relations {
    pub fn of(ds: &Dataset) -> Relations {
        let entries: Vec<&Entry> = ds.models.iter().chain(ds.clusters.iter()).collect();
        let mut positions: HashMap<&str, Vec<u32>> = HashMap::new();
        let mut r = Relations {
            linked: vec![Vec::new(); entries.len()],
            ..Relations::default()
        };
        for (i, e) in entries.iter().enumerate() {
            let i = i as u32;
            positions.entry(e.id.as_str()).or_default().push(i);
            r.by_org.entry(e.organisation.clone()).or_default().push(i);
            if let Some(b) = &e.base_model {
                r.derived.entry(b.clone()).or_default().push(i);
            }
        }
        for o in &ds.organisations {
            if let Some(p) = &o.parent {
                r.subsidiaries
                    .entry(p.clone())
                    .or_default()
                    .push(o.id.clone());
            }
        }
        for (a, e) in entries.iter().enumerate() {
            for id in e.cluster.iter().chain(&e.related) {
                for &b in positions.get(id.as_str()).into_iter().flatten() {
                    r.linked[a].push(b);
                    r.linked[b as usize].push(a as u32);
                }
            }
        }
        for l in &mut r.linked {
            l.sort_unstable();
            l.dedup();
        }
        r
    }

    /// The entry at a position of the candidate lists.
    pub fn entry<'d>(&self, ds: &'d Dataset, pos: u32) -> &'d Entry {
        let pos = pos as usize;
        match ds.models.get(pos) {
            Some(e) => e,
            None => &ds.clusters[pos - ds.models.len()],
        }
    }

    /// Is this position in the models list (rather than the clusters list)?
    pub fn in_models(&self, ds: &Dataset, pos: u32) -> bool {
        (pos as usize) < ds.models.len()
    }

    /// Entries whose organisation is `org`.
    pub fn of_org(&self, org: &str) -> &[u32] {
        self.by_org.get(org).map_or(&[], Vec::as_slice)
    }

    /// Organisations whose parent is `org`.
    pub fn subsidiaries(&self, org: &str) -> &[String] {
        self.subsidiaries.get(org).map_or(&[], Vec::as_slice)
    }

    /// Entries whose base model is `id`.
    pub fn derived_from(&self, id: &str) -> &[u32] {
        self.derived.get(id).map_or(&[], Vec::as_slice)
    }

    /// Entries that the entry at `pos` names in `cluster` or `related`, or
    /// that name it there.
    pub fn linked(&self, pos: u32) -> &[u32] {
        self.linked.get(pos as usize).map_or(&[], Vec::as_slice)
    }

    /// The position of an entry of `ds`, found from its address (two
    /// entries may share an id).
    pub fn position(&self, ds: &Dataset, e: &Entry) -> Option<u32> {
        fn offset(list: &[Entry], e: &Entry) -> Option<usize> {
            let at = e as *const Entry as usize;
            let start = list.as_ptr() as usize;
            let size = std::mem::size_of::<Entry>().max(1);
            (at >= start && at < start + list.len() * size).then(|| (at - start) / size)
        }
        offset(&ds.models, e)
            .or_else(|| offset(&ds.clusters, e).map(|i| i + ds.models.len()))
            .map(|i| i as u32)
    }
}

/// Merges sorted candidate lists into one sorted list without repeats.
pub fn union(lists: &[&[u32]]) -> Vec<u32> {
    let mut out: Vec<u32> = lists.iter().flat_map(|l| l.iter().copied()).collect();
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The index agrees with a scan of the whole embedded dataset (two
    /// thousand entries), question by question.
    #[test]
    fn candidate_lists_match_a_full_scan() {
        let ds = Dataset::embedded().expect("the embedded dataset loads");
        let rel = ds.relations();
        let entries: Vec<&Entry> = ds.models.iter().chain(ds.clusters.iter()).collect();
        assert!(entries.len() > 1000, "{} entries", entries.len());
        let mut links = 0;
        for (a, ea) in entries.iter().enumerate() {
            assert_eq!(rel.position(&ds, ea), Some(a as u32));
            assert!(std::ptr::eq(rel.entry(&ds, a as u32), *ea));
            let names =
                |x: &Entry, y: &Entry| x.cluster.contains(&y.id) || x.related.contains(&y.id);
            let scan: Vec<u32> = entries
                .iter()
                .enumerate()
                .filter(|(_, eb)| names(ea, eb) || names(eb, ea))
                .map(|(b, _)| b as u32)
                .collect();
            assert_eq!(rel.linked(a as u32), scan.as_slice(), "links of {}", ea.id);
            links += scan.len();
            let derived: Vec<u32> = entries
                .iter()
                .enumerate()
                .filter(|(_, eb)| eb.base_model.as_deref() == Some(ea.id.as_str()))
                .map(|(b, _)| b as u32)
                .collect();
            assert_eq!(
                rel.derived_from(&ea.id),
                derived.as_slice(),
                "derived from {}",
                ea.id
            );
        }
        assert!(
            links >= 20,
            "only {links} links: the test would prove little"
        );
        for o in &ds.organisations {
            let owned: Vec<u32> = entries
                .iter()
                .enumerate()
                .filter(|(_, e)| e.organisation == o.id)
                .map(|(i, _)| i as u32)
                .collect();
            assert_eq!(rel.of_org(&o.id), owned.as_slice(), "entries of {}", o.id);
            let subs: Vec<&String> = ds
                .organisations
                .iter()
                .filter(|s| s.parent.as_deref() == Some(o.id.as_str()))
                .map(|s| &s.id)
                .collect();
            assert_eq!(rel.subsidiaries(&o.id).iter().collect::<Vec<_>>(), subs);
        }
    }

    #[test]
    fn union_sorts_and_drops_repeats() {
        assert_eq!(union(&[&[1, 5, 9], &[2, 5], &[]]), vec![1, 2, 5, 9]);
        assert!(union(&[]).is_empty());
    }
}
