//! The search index of the site `pillar serve` serves, kept between builds: each page
//! encoded (its words with their locations, its fragment) by page key, so that after an
//! edit only the pages the rebuild rendered again are read and encoded again; the
//! index is then put together from the kept pages, with the bytes a full build's
//! index of the same pages has.

use std::collections::{HashMap, HashSet};

use super::encode::{self, EncodedPage};
use super::record::{self, PageRecord};
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

/// Every language tree's pages, encoded, as the last index was made of them.
#[derive(Default)]
pub(crate) struct KeptIndex {
    trees: Vec<KeptTree>,
}

/// One language tree's pages, encoded, by page key.
#[derive(Default)]
struct KeptTree {
    language: String,
    meta_fields: Vec<String>,
    pages: HashMap<String, EncodedPage>,
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
                        !kept.pages.contains_key(&page.content_path)
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

    /// Encodes the records of `trees` (from [`KeptIndex::read`]), keeps them in place
    /// of the pages' previous ones, forgets the pages gone, and makes the search bundle
    /// of every page kept (index and runtime).
    pub(crate) fn update(&mut self, trees: Vec<TreeText>) -> Result<Vec<OutputFile>, Diagnostic> {
        self.trees.resize_with(trees.len(), KeptTree::default);
        let mut indexes = Vec::new();
        for (kept, text) in self.trees.iter_mut().zip(trees) {
            if kept.language != text.language || kept.meta_fields != text.meta_fields {
                *kept = KeptTree {
                    language: text.language.clone(),
                    meta_fields: text.meta_fields.clone(),
                    pages: HashMap::new(),
                };
            }
            let (keys, records): (Vec<String>, Vec<PageRecord>) = text.records.into_iter().unzip();
            let encoded = encode::encode_pages(records, &text.meta_fields, &text.language);
            kept.pages.extend(keys.into_iter().zip(encoded));
            let indexed: HashSet<&String> = text.keys.iter().collect();
            kept.pages.retain(|key, _| indexed.contains(key));
            let generated = encode::encode_pages(text.generated, &text.meta_fields, &text.language);
            if text.keys.iter().any(|key| !kept.pages.contains_key(key)) {
                // `read` made the record of every page not kept; this is a bug.
                return Err(Diagnostic::error("a page is missing from the search index"));
            }
            let pages = text.keys.len();
            let page = |n: usize| match text.keys.get(n) {
                Some(key) => kept.pages[key].clone(),
                None => generated[n - pages].clone(),
            };
            let count = pages + generated.len();
            let index = encode::index_of(
                count,
                page,
                text.meta_fields,
                &text.language,
                super::runtime::PAGEFIND_VERSION,
            );
            indexes.push((text.language, index));
        }
        assemble(indexes)
    }
}
