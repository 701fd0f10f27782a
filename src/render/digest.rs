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
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
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
        let key = Self::reference_key(r);
        match self.ref_index.get(&key) {
            Some(&i) => self.refs[i].clone(),
            None => {
                self.ref_index.insert(key, self.refs.len());
                self.refs.push(r.clone());
                r.clone()
            }
        }
    }

    /// Drops the values no digest holds any more (the pool's is then their
    /// only reference). A process that builds again and again (`factbrief
    /// serve`) calls it so that values of deleted or edited articles do
    /// not pile up.
    pub fn prune(&mut self) {
        self.strs.retain(|s| Arc::strong_count(s) > 1);
        self.texts.retain(|t| Arc::strong_count(t) > 1);
        self.refs.retain(|r| Arc::strong_count(r) > 1);
        self.ref_index = self
            .refs
            .iter()
            .enumerate()
            .map(|(i, r)| (Self::reference_key(r), i))
            .collect();
    }

    /// How many values the pool holds.
    pub fn len(&self) -> usize {
        self.strs.len() + self.texts.len() + self.refs.len()
    }

    /// Is the pool empty?
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Reference views are equal when every field is: the hash of them all.
    fn reference_key(r: &ReferenceView) -> u128 {
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
        h.digest128()
    }
}

/// The digests as the incremental cache stores them: every shared value
/// (chip and entity names, counts, record references) once, in tables, and
/// rows that refer to them by index.
///
/// At 10,000 articles the rows repeat a few thousand values 190,000 times.
/// Written out in full they made a 47 MB file whose encoding and decoding
/// (and re-sharing after decoding) took most of a one-article rebuild;
/// with tables, decoding rebuilds the sharing directly.
#[derive(Serialize, Deserialize, Default)]
pub struct DigestFile<'a> {
    strs: Vec<Cow<'a, str>>,
    texts: Vec<Cow<'a, Text>>,
    refs: Vec<Cow<'a, ReferenceView>>,
    articles: Vec<WireDigest<'a>>,
}

#[derive(Serialize, Deserialize)]
struct WireDigest<'a> {
    slug: Cow<'a, str>,
    lang: Cow<'a, str>,
    title: Cow<'a, str>,
    titles: Cow<'a, Text>,
    summary: Cow<'a, Text>,
    date: Cow<'a, str>,
    date_iso: Cow<'a, str>,
    date_l: Cow<'a, Text>,
    updated: Cow<'a, str>,
    source: Cow<'a, str>,
    source_url: Option<Cow<'a, str>>,
    tally: [usize; 5],
    claims: Vec<WireRow<'a>>,
}

/// A [`ClaimRow`] with its shared values as table indices.
#[derive(Serialize, Deserialize)]
struct WireRow<'a> {
    id: Cow<'a, str>,
    n: usize,
    text: Cow<'a, str>,
    count: u32,
    count_value: u64,
    chip: u32,
    chip_file: Option<u32>,
    subject: u32,
    subject_file: Option<u32>,
    status: VerdictStatus,
    reference: Option<u32>,
    pages: Vec<u32>,
}

/// Hashes an address: one multiplication (addresses need no SipHash).
#[derive(Default)]
pub struct AddressHasher(u64);

impl std::hash::Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_usize(&mut self, n: usize) {
        self.0 = (n as u64)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .rotate_left(29);
    }
}

/// A map keyed by the address of a shared value.
pub type ByAddress<T, V = u32> = HashMap<*const T, V, std::hash::BuildHasherDefault<AddressHasher>>;

/// Table indices by the address of the shared value: digests that went
/// through one [`Pool`] share equal values, so each is stored once.
struct Tables<'a> {
    file: DigestFile<'a>,
    strs: ByAddress<u8>,
    texts: ByAddress<Text>,
    refs: ByAddress<ReferenceView>,
}

impl<'a> Tables<'a> {
    fn str(&mut self, s: &'a Arc<str>) -> u32 {
        let strs = &mut self.file.strs;
        *self.strs.entry(s.as_ptr()).or_insert_with(|| {
            strs.push(Cow::Borrowed(&**s));
            (strs.len() - 1) as u32
        })
    }

    fn text(&mut self, t: &'a Arc<Text>) -> u32 {
        let texts = &mut self.file.texts;
        *self.texts.entry(Arc::as_ptr(t)).or_insert_with(|| {
            texts.push(Cow::Borrowed(&**t));
            (texts.len() - 1) as u32
        })
    }

    fn reference(&mut self, r: &'a Arc<ReferenceView>) -> u32 {
        let refs = &mut self.file.refs;
        *self.refs.entry(Arc::as_ptr(r)).or_insert_with(|| {
            refs.push(Cow::Borrowed(&**r));
            (refs.len() - 1) as u32
        })
    }
}

impl<'a> DigestFile<'a> {
    /// The file form of `digests`, borrowing from them.
    pub fn encode(digests: impl IntoIterator<Item = &'a ArticleDigest>) -> DigestFile<'a> {
        let mut t = Tables {
            file: DigestFile::default(),
            strs: ByAddress::default(),
            texts: ByAddress::default(),
            refs: ByAddress::default(),
        };
        for d in digests {
            let claims = d
                .claims
                .iter()
                .map(|c| WireRow {
                    id: Cow::Borrowed(&c.id),
                    n: c.n,
                    text: Cow::Borrowed(&c.text),
                    count: t.text(&c.count),
                    count_value: c.count_value,
                    chip: t.str(&c.chip),
                    chip_file: c.chip_file.as_ref().map(|s| t.str(s)),
                    subject: t.str(&c.subject),
                    subject_file: c.subject_file.as_ref().map(|s| t.str(s)),
                    status: c.status,
                    reference: c.reference.as_ref().map(|r| t.reference(r)),
                    pages: c.pages.iter().map(|p| t.str(p)).collect(),
                })
                .collect();
            t.file.articles.push(WireDigest {
                slug: Cow::Borrowed(&d.slug),
                lang: Cow::Borrowed(&d.lang),
                title: Cow::Borrowed(&d.title),
                titles: Cow::Borrowed(&d.titles),
                summary: Cow::Borrowed(&d.summary),
                date: Cow::Borrowed(&d.date),
                date_iso: Cow::Borrowed(&d.date_iso),
                date_l: Cow::Borrowed(&d.date_l),
                updated: Cow::Borrowed(&d.updated),
                source: Cow::Borrowed(&d.source),
                source_url: d.source_url.as_deref().map(Cow::Borrowed),
                tally: d.tally,
                claims,
            });
        }
        t.file
    }

    /// The digests back, their shared values added to `pool` (so digests
    /// made later share them too); `None` when an index is out of range.
    pub fn decode(self, pool: &mut Pool) -> Option<Vec<ArticleDigest>> {
        self.intern(pool).digests()
    }

    /// The first half of [`DigestFile::decode`]: the shared values, added
    /// to `pool`. What is left needs no pool, so several files' digests can
    /// be rebuilt on several threads.
    pub fn intern(self, pool: &mut Pool) -> Interned<'a> {
        Interned {
            strs: self
                .strs
                .into_iter()
                .map(|s| pool.str(&Arc::from(s.as_ref())))
                .collect(),
            texts: self
                .texts
                .into_iter()
                .map(|t| pool.text(&Arc::new(t.into_owned())))
                .collect(),
            refs: self
                .refs
                .into_iter()
                .map(|r| pool.reference(&Arc::new(r.into_owned())))
                .collect(),
            articles: self.articles,
        }
    }
}

/// A [`DigestFile`] whose shared values are in a [`Pool`].
pub struct Interned<'a> {
    strs: Vec<Arc<str>>,
    texts: Vec<Arc<Text>>,
    refs: Vec<Arc<ReferenceView>>,
    articles: Vec<WireDigest<'a>>,
}

impl Interned<'_> {
    /// The second half of [`DigestFile::decode`]: the digests, sharing the
    /// pool's values; `None` when an index is out of range.
    pub fn digests(self) -> Option<Vec<ArticleDigest>> {
        let Interned {
            strs,
            texts,
            refs,
            articles,
        } = self;
        let s = |i: u32| strs.get(i as usize).cloned();
        // `Some(None)` for no index, `None` for a bad one.
        let opt = |i: Option<u32>| match i {
            Some(i) => s(i).map(Some),
            None => Some(None),
        };
        articles
            .into_iter()
            .map(|d| {
                let claims = d
                    .claims
                    .into_iter()
                    .map(|c| {
                        Some(ClaimRow {
                            id: c.id.into_owned(),
                            n: c.n,
                            text: c.text.into_owned(),
                            count: texts.get(c.count as usize)?.clone(),
                            count_value: c.count_value,
                            chip: s(c.chip)?,
                            chip_file: opt(c.chip_file)?,
                            subject: s(c.subject)?,
                            subject_file: opt(c.subject_file)?,
                            status: c.status,
                            reference: match c.reference {
                                Some(i) => Some(refs.get(i as usize)?.clone()),
                                None => None,
                            },
                            pages: c.pages.into_iter().map(s).collect::<Option<_>>()?,
                        })
                    })
                    .collect::<Option<Vec<_>>>()?;
                Some(ArticleDigest {
                    slug: d.slug.into_owned(),
                    lang: d.lang.into_owned(),
                    title: d.title.into_owned(),
                    titles: d.titles.into_owned(),
                    summary: d.summary.into_owned(),
                    date: d.date.into_owned(),
                    date_iso: d.date_iso.into_owned(),
                    date_l: d.date_l.into_owned(),
                    updated: d.updated.into_owned(),
                    source: d.source.into_owned(),
                    source_url: d.source_url.map(Cow::into_owned),
                    tally: d.tally,
                    claims,
                })
            })
            .collect()
    }
}

/// The verdict of a row, for grouping.
pub fn is_disagreement(s: VerdictStatus) -> bool {
    matches!(
        s,
        VerdictStatus::Contradicted | VerdictStatus::Misattributed | VerdictStatus::Disputed
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(zh: &str, en: &str) -> Text {
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }

    fn reference() -> ReferenceView {
        ReferenceView {
            entity: "deepseek-v3".into(),
            entity_name: "DeepSeek-V3".into(),
            entity_file: "deepseek-v3".into(),
            has_page: true,
            property: text("训练芯片数量", "training chip count"),
            value: text("2048", "2,048"),
            value_num: 2048.0,
            chip: "NVIDIA H800".into(),
            status: text("官方", "official"),
            source_title: "DeepSeek-V3 Technical Report".into(),
            source_url: Some("https://arxiv.org/abs/2412.19437".into()),
            source_publisher: None,
            source_date: Some("2024-12-27".into()),
        }
    }

    fn row(id: &str, subject: &str, with_ref: bool) -> ClaimRow {
        ClaimRow {
            id: id.into(),
            n: 1,
            text: format!("约2000块H800 ({id})"),
            count: Arc::new(text("约2000", "about 2,000")),
            count_value: 2000,
            chip: "NVIDIA H800".into(),
            chip_file: Some("nvidia-h800".into()),
            subject: subject.into(),
            subject_file: None,
            status: VerdictStatus::Misattributed,
            reference: with_ref.then(|| Arc::new(reference())),
            pages: vec!["nvidia-h800".into(), "deepseek-v3".into()],
        }
    }

    fn digest(slug: &str) -> ArticleDigest {
        ArticleDigest {
            slug: slug.into(),
            lang: "zh".into(),
            title: format!("{slug} 标题"),
            date_iso: "2025-02-01".into(),
            source_url: None,
            tally: [0, 0, 1, 0, 1],
            claims: vec![row("c1", "DeepSeek-R1", true), row("c2", "", false)],
            ..ArticleDigest::default()
        }
    }

    #[test]
    fn the_file_form_reads_back_equal_and_shared() {
        let mut pool = Pool::default();
        let mut digests = vec![digest("a"), digest("b")];
        for d in &mut digests {
            d.share(&mut pool);
        }
        let bytes = postcard::to_allocvec(&DigestFile::encode(&digests)).unwrap();
        let file: DigestFile = postcard::from_bytes(&bytes).unwrap();
        // Each shared value is stored once.
        assert_eq!(file.refs.len(), 1);
        assert_eq!(file.texts.len(), 1);
        let mut pool = Pool::default();
        let back = file.decode(&mut pool).unwrap();
        assert_eq!(back, digests);
        assert!(Arc::ptr_eq(
            &back[0].claims[0].chip,
            &back[1].claims[1].chip
        ));
        assert!(Arc::ptr_eq(
            back[0].claims[0].reference.as_ref().unwrap(),
            back[1].claims[0].reference.as_ref().unwrap()
        ));
        // A digest made later shares the decoded values through the pool.
        let mut late = digest("c");
        late.share(&mut pool);
        assert!(Arc::ptr_eq(&late.claims[0].count, &back[0].claims[0].count));
    }

    #[test]
    fn pruning_keeps_what_digests_hold_and_drops_the_rest() {
        let mut pool = Pool::default();
        let mut kept = digest("a");
        kept.share(&mut pool);
        let held = pool.len();
        let mut gone = digest("b");
        gone.claims[0].chip = Arc::from("AMD MI300X");
        gone.claims[0].reference = Some(Arc::new(ReferenceView {
            value_num: 1.0,
            ..reference()
        }));
        gone.share(&mut pool);
        assert!(pool.len() > held, "the second digest added values");
        drop(gone);
        pool.prune();
        assert_eq!(pool.len(), held, "only the first digest's values remain");
        // A value still held is still the pool's: sharing it again gives the
        // same allocation, and the pool's reference index still finds it.
        let mut again = digest("c");
        again.share(&mut pool);
        assert_eq!(pool.len(), held);
        assert!(Arc::ptr_eq(&again.claims[0].chip, &kept.claims[0].chip));
        let (r1, r2) = (&again.claims[0].reference, &kept.claims[0].reference);
        assert!(Arc::ptr_eq(r1.as_ref().unwrap(), r2.as_ref().unwrap()));
    }

    #[test]
    fn an_index_out_of_range_is_refused() {
        let digests = vec![digest("a")];
        let mut file = DigestFile::encode(&digests);
        file.articles[0].claims[0].chip = 99;
        let bytes = postcard::to_allocvec(&file).unwrap();
        let file: DigestFile = postcard::from_bytes(&bytes).unwrap();
        assert!(file.decode(&mut Pool::default()).is_none());
    }
}
