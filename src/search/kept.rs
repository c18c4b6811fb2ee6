//! The search index of the site `pillar serve` serves, kept between builds
//! ([`ServedIndex`], one per language tree): after an edit only the pages the rebuild
//! rendered again are read and encoded again, and only the parts of the index their
//! words are in are written again. Its bytes are not a full build's (pages keep their
//! numbers from one edit to the next), but it finds the same pages.

use std::collections::HashSet;

use super::encode;
use super::encode::served::ServedIndex;
use super::record::{self, PageRecord};
use super::runtime::PAGEFIND_VERSION;
use super::{TreeRecords, assemble};
use crate::components::SiteComponents;
use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::output::OutputFile;
use crate::urls;
use crate::write::machine::AbsoluteLinks;
use rayon::prelude::*;

/// What changed since the index was last made.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Changed {
    /// Anything: every page is read again.
    All,
    /// The files at these output paths were rendered again: their pages are read again.
    Files(HashSet<String>),
}

impl Changed {
    /// What changed in `self` and then in `next`.
    pub(crate) fn and(self, next: Changed) -> Changed {
        match (self, next) {
            (Changed::Files(mut a), Changed::Files(b)) => {
                a.extend(b);
                Changed::Files(a)
            }
            _ => Changed::All,
        }
    }
}

/// Every language tree's index, as last made.
#[derive(Default)]
pub(crate) struct KeptIndex {
    trees: Vec<KeptTree>,
}

/// One language tree's index.
struct KeptTree {
    language: String,
    meta_fields: Vec<String>,
    index: ServedIndex,
}

impl KeptTree {
    /// An index of no pages yet for `language`, with `meta_fields`.
    fn new(language: String, meta_fields: Vec<String>) -> Self {
        let index = ServedIndex::new(&language, meta_fields.clone(), PAGEFIND_VERSION);
        KeptTree {
            language,
            meta_fields,
            index,
        }
    }
}

/// The key of a page the components generate, which is made again at every update:
/// its URL, after a character no content path has.
fn generated_key(record: &PageRecord) -> String {
    format!("\0{}", record.url)
}

/// What the next index needs of one language tree's model: the records of the pages
/// to encode again, taken from the model so the index is made without it.
pub(crate) struct TreeText {
    language: String,
    meta_fields: Vec<String>,
    /// The keys of the pages indexed, in index order.
    keys: Vec<String>,
    /// The records made again, by page key.
    records: Vec<(String, PageRecord)>,
    /// The records of the pages the components generate (always made again).
    generated: Vec<PageRecord>,
}

impl KeptIndex {
    /// The records of `trees` (each a language tree's model and components) the next
    /// index needs after `changed`, made on every core: those of the pages rendered
    /// again and of the pages not kept. `None` as soon as `cancelled` says they are no
    /// longer wanted.
    pub(crate) fn read(
        &self,
        trees: &[(&Site, &SiteComponents)],
        changed: &Changed,
        cancelled: &(dyn Fn() -> bool + Sync),
    ) -> Option<Vec<TreeText>> {
        let mut texts = Vec::new();
        for (n, &(site, components)) in trees.iter().enumerate() {
            let tree = TreeRecords::new(site, components);
            let meta_fields = record::meta_fields(site);
            let language = site.config.language.clone();
            let kept = self
                .trees
                .get(n)
                .filter(|k| k.language == language && k.meta_fields == meta_fields);
            let again = |id: usize| {
                let page = &site.pages[id];
                match (kept, changed) {
                    (Some(kept), Changed::Files(files)) => {
                        !kept.index.has(&page.content_path)
                            || files.contains(&urls::index_file(&page.site_path))
                    }
                    _ => true,
                }
            };
            let links = AbsoluteLinks::new(site);
            let keys: Vec<String> = tree
                .pages
                .iter()
                .map(|&id| site.pages[id].content_path.clone())
                .collect();
            let records = (0..tree.count())
                .into_par_iter()
                .filter(|&n| tree.pages.get(n).is_none_or(|&id| again(id)))
                .map(|n| (!cancelled()).then(|| (n, tree.record(n, &links))))
                .collect::<Option<Vec<_>>>()?;
            let (pages, generated): (Vec<_>, Vec<_>) =
                records.into_iter().partition(|(n, _)| *n < keys.len());
            texts.push(TreeText {
                language,
                meta_fields,
                records: pages
                    .into_iter()
                    .map(|(n, record)| (keys[n].clone(), record))
                    .collect(),
                keys,
                generated: generated.into_iter().map(|(_, record)| record).collect(),
            });
        }
        Some(texts)
    }

    /// Encodes the records of `trees` (from [`KeptIndex::read`]), puts them in the
    /// index in place of the pages' previous ones, takes the pages gone out, and makes
    /// the search bundle (index and runtime).
    pub(crate) fn update(&mut self, trees: Vec<TreeText>) -> Result<Vec<OutputFile>, Diagnostic> {
        self.trees.truncate(trees.len());
        let mut indexes = Vec::new();
        for (n, text) in trees.into_iter().enumerate() {
            let fresh = || KeptTree::new(text.language.clone(), text.meta_fields.clone());
            match self.trees.get_mut(n) {
                Some(kept)
                    if kept.language == text.language && kept.meta_fields == text.meta_fields => {}
                Some(kept) => *kept = fresh(),
                None => self.trees.push(fresh()),
            }
            let kept = &mut self.trees[n];
            let made: HashSet<&str> = text.records.iter().map(|(k, _)| k.as_str()).collect();
            if text
                .keys
                .iter()
                .any(|key| !kept.index.has(key) && !made.contains(key.as_str()))
            {
                // `read` made the record of every page not kept; this is a bug.
                return Err(Diagnostic::error("a page is missing from the search index"));
            }
            drop(made);
            let generated: Vec<String> = text.generated.iter().map(generated_key).collect();
            let (mut keys, mut records): (Vec<String>, Vec<PageRecord>) =
                text.records.into_iter().unzip();
            keys.extend(generated.iter().cloned());
            records.extend(text.generated);
            let encoded = encode::encode_pages(records, &text.meta_fields, &text.language);
            let indexed: HashSet<&str> = (text.keys.iter().chain(&generated))
                .map(String::as_str)
                .collect();
            let index = kept
                .index
                .update(keys.into_iter().zip(encoded).collect(), &indexed);
            indexes.push((text.language, index));
        }
        assemble(indexes)
    }
}
