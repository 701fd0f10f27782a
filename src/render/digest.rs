//! What the site-wide pages need to know about one article, and nothing more.
//!
//! A briefing page is rendered as soon as its article is audited, and the
//! article, its fact file and its views are then dropped: a 10,000-article
//! archive never sits in memory at once. The index, archive, audit and
//! entity pages, the feed and the sitemap are drawn from these digests
//! instead — a summary card and one compact row per claim, with repeated
//! strings (chip names, record values, sources) shared. Digests are also
//! what the incremental cache keeps for articles that did not change, so
//! they are plain serde data.

use super::views::{BriefingView, ClaimView, ReferenceView, Text};
use crate::model::VerdictStatus;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::sync::Arc;

/// One article as the site-wide pages see it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ArticleDigest {
    pub slug: String,
    pub lang: String,
    pub title: String,
    pub titles: Text,
    pub summary: Text,
    pub date: String,
    /// `2025-04-10` at the source's precision; empty when undated.
    pub date_iso: String,
    pub date_l: Text,
    /// RFC 3339, always valid.
    pub updated: String,
    pub source: String,
    pub source_url: Option<String>,
    /// Claims per verdict, in [`super::views::ORDER`].
    pub tally: [usize; 5],
    pub claims: Vec<ClaimRow>,
}

impl ArticleDigest {
    /// `2025-04`: the archive month the article is filed under, or
    /// `undated`.
    pub fn month(&self) -> &str {
        month_of(&self.date_iso)
    }
}

/// The archive month of an ISO date (`2025-04-10`, `2025-04`, `2025`).
pub fn month_of(date_iso: &str) -> &str {
    let b = date_iso.as_bytes();
    if b.len() >= 7 && b[4] == b'-' {
        &date_iso[..7]
    } else if b.len() >= 4 && b[..4].iter().all(u8::is_ascii_digit) {
        &date_iso[..4]
    } else {
        "undated"
    }
}

/// One claim as a row of the audit and entity tables.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ClaimRow {
    pub id: String,
    pub n: usize,
    pub text: String,
    pub count: Arc<Text>,
    pub count_value: u64,
    pub chip: Arc<str>,
    pub chip_file: Option<Arc<str>>,
    pub subject: Arc<str>,
    pub subject_file: Option<Arc<str>>,
    pub status: VerdictStatus,
    pub reference: Option<Arc<ReferenceView>>,
    /// The entity pages that list this claim: subject, chip, and the
    /// entities of the record facts it was compared with.
    pub pages: Vec<Arc<str>>,
}

impl ArticleDigest {
    /// The digest of a rendered briefing.
    pub fn of(b: &BriefingView) -> ArticleDigest {
        let mut tally = [0usize; 5];
        for (k, c) in b.counts.iter().enumerate().take(5) {
            tally[k] = c.n;
        }
        ArticleDigest {
            slug: b.slug.clone(),
            lang: b.lang.clone(),
            title: b.title.clone(),
            titles: b.titles.clone(),
            summary: b.summary.clone(),
            date: b.date.clone(),
            date_iso: b.date_iso.clone(),
            date_l: b.date_l.clone(),
            updated: b.updated.clone(),
            source: b.source.clone(),
            source_url: b.source_url.clone(),
            tally,
            claims: b.claims.iter().map(ClaimRow::of).collect(),
        }
    }

    /// Makes equal strings share one allocation across the whole archive
    /// (190,000 claims name a dozen chips and a few hundred record facts).
    pub fn share(&mut self, pool: &mut Pool) {
        for c in &mut self.claims {
            c.count = pool.text(&c.count);
            c.chip = pool.str(&c.chip);
            c.chip_file = c.chip_file.as_ref().map(|s| pool.str(s));
            c.subject = pool.str(&c.subject);
            c.subject_file = c.subject_file.as_ref().map(|s| pool.str(s));
            c.reference = c.reference.as_ref().map(|r| pool.reference(r));
            for p in &mut c.pages {
                *p = pool.str(p);
            }
        }
    }
}

impl ClaimRow {
    fn of(c: &ClaimView) -> ClaimRow {
        let mut pages: Vec<Arc<str>> = Vec::new();
        let refs = c
            .reference
            .iter()
            .chain(&c.also)
            .map(|r| r.entity_file.as_str());
        for file in [c.subject_file.as_deref(), c.chip_file.as_deref()]
            .into_iter()
            .flatten()
            .chain(refs)
        {
            if !pages.iter().any(|p| &**p == file) {
                pages.push(file.into());
            }
        }
        ClaimRow {
            id: c.id.clone(),
            n: c.n,
            text: c.text.clone(),
            count: Arc::new(c.count.clone()),
            count_value: c.count_value,
            chip: c.chip.as_str().into(),
            chip_file: c.chip_file.as_deref().map(Into::into),
            subject: c.subject.as_str().into(),
            subject_file: c.subject_file.as_deref().map(Into::into),
            status: c.status,
            reference: c.reference.clone().map(Arc::new),
            pages,
        }
    }
}

/// Interned strings for [`ArticleDigest::share`].
#[derive(Default)]
pub struct Pool {
    strs: HashSet<Arc<str>>,
    texts: HashSet<Arc<Text>>,
    refs: Vec<Arc<ReferenceView>>,
    ref_index: std::collections::HashMap<u128, usize>,
}

impl Pool {
    fn str(&mut self, s: &Arc<str>) -> Arc<str> {
        match self.strs.get(s) {
            Some(x) => x.clone(),
            None => {
                self.strs.insert(s.clone());
                s.clone()
            }
        }
    }

    fn text(&mut self, t: &Arc<Text>) -> Arc<Text> {
        match self.texts.get(t) {
            Some(x) => x.clone(),
            None => {
                self.texts.insert(t.clone());
                t.clone()
            }
        }
    }

    fn reference(&mut self, r: &Arc<ReferenceView>) -> Arc<ReferenceView> {
        // Reference views are equal when every field is.
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        for s in [
            &r.entity,
            &r.entity_name,
            &r.entity_file,
            &r.property.zh,
            &r.property.en,
            &r.value.zh,
            &r.value.en,
            &r.chip,
            &r.status.zh,
            &r.status.en,
            &r.source_title,
        ] {
            h.update(s.as_bytes());
            h.update(&[0xff]);
        }
        for s in [&r.source_url, &r.source_publisher, &r.source_date] {
            h.update(s.as_deref().unwrap_or("\u{0}").as_bytes());
            h.update(&[0xff]);
        }
        h.update(&r.value_num.to_bits().to_le_bytes());
        h.update(&[u8::from(r.has_page)]);
        let key = h.digest128();
        match self.ref_index.get(&key) {
            Some(&i) => self.refs[i].clone(),
            None => {
                self.ref_index.insert(key, self.refs.len());
                self.refs.push(r.clone());
                r.clone()
            }
        }
    }
}

/// The verdict of a row, for grouping.
pub fn is_disagreement(s: VerdictStatus) -> bool {
    matches!(
        s,
        VerdictStatus::Contradicted | VerdictStatus::Misattributed | VerdictStatus::Disputed
    )
}
