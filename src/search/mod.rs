//! pillar's full-text search index, in the format of Pagefind 1.6, whose browser runtime
//! reads it unchanged.
//!
//! Each page's record ([`record`]: URL, title, text with its headings and their ids,
//! filters) is taken from the model on every core, never from the written HTML; the
//! records are then split into words ([`words`]) and encoded ([`encode`]) page by page,
//! and the words merged. The runtime's scripts and WebAssembly come from the pagefind
//! crate ([`runtime`]).

pub(crate) mod encode;
pub(crate) mod kept;
pub(crate) mod record;
pub(crate) mod runtime;
pub(crate) mod words;

use serde::Serialize;

use crate::components::SiteComponents;
use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::output::OutputFile;
use crate::progress::Progress;
use crate::urls;
use crate::write::machine::AbsoluteLinks;
use runtime::PAGEFIND_VERSION;

/// The search index of language trees, counted before it is made (a build reports the
/// pages it renders and indexes together, as it does both at once).
///
/// Each tree is a site in one language (a site in one language is one tree) with its
/// components. Each language gets an index of its own, stemmed for it, named in the
/// entry file's `languages` as Pagefind splits a multilingual site, and its own
/// WebAssembly; the runtime picks the index of the page's `<html lang>`.
///
/// A tree's index holds its pages, their component blocks as `components` writes them,
/// and the pages the components generate. Links in what components write are full URLs
/// (`<https://…>`), which the text leaves out.
pub(crate) struct Index<'a> {
    trees: Vec<TreeRecords<'a>>,
}

impl<'a> Index<'a> {
    /// The index of `trees`, each a model with its components.
    pub(crate) fn new(trees: &[(&'a Site, &'a SiteComponents)]) -> Self {
        let trees = trees
            .iter()
            .map(|&(site, components)| TreeRecords::new(site, components))
            .collect();
        Index { trees }
    }

    /// How many records (pages) the index holds, in every language.
    pub(crate) fn count(&self) -> usize {
        self.trees.iter().map(TreeRecords::count).sum()
    }

    /// The bundle (index and runtime), with paths under the bundle folder
    /// (`pagefind/…`); each page reported to `progress` as its record is made.
    pub(crate) fn bundle(self, progress: &Progress) -> Result<Vec<OutputFile>, Diagnostic> {
        let indexes = self
            .trees
            .iter()
            .map(|tree| (tree.site.config.language.clone(), tree.index(progress)))
            .collect();
        assemble(indexes)
    }
}

/// The bundle of each language's index (language code and index, in tree order): the
/// indexes, the runtime for each language, and the entry file naming them.
fn assemble(indexes: Vec<(String, encode::EncodedIndex)>) -> Result<Vec<OutputFile>, Diagnostic> {
    let mut files = Vec::new();
    let mut runtime = std::collections::BTreeMap::new();
    let mut languages = std::collections::BTreeMap::new();
    for (language, index) in indexes {
        let language_runtime = runtime::runtime_files(&language)?;
        let wasm = format!("wasm.{language}.pagefind");
        let has_wasm = language_runtime.iter().any(|f| f.path == wasm);
        for file in language_runtime {
            runtime.insert(file.path.clone(), file);
        }
        languages.insert(
            language.clone(),
            EntryLanguage {
                hash: index.meta_hash,
                wasm: has_wasm.then_some(language),
                page_count: index.page_count,
            },
        );
        files.extend(index.files);
    }
    let entry = Entry {
        version: PAGEFIND_VERSION,
        languages,
        include_characters: &words::WORD_SYMBOLS,
    };
    let entry = serde_json::to_vec(&entry)
        .map_err(|e| Diagnostic::error(format!("cannot write the search index: {e}")))?;
    files.extend(runtime.into_values());
    files.push(OutputFile::new("pagefind-entry.json", entry));
    for file in &mut files {
        file.path = format!("{}{}", urls::SEARCH_BUNDLE, file.path);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// What one language tree's index is made of.
struct TreeRecords<'a> {
    site: &'a Site,
    components: &'a SiteComponents,
    /// The pages indexed.
    pages: Vec<usize>,
    /// The pages the components generate.
    generated: Vec<crate::render::GeneratedPage>,
}

impl<'a> TreeRecords<'a> {
    /// The pages of the tree `site` with its `components` that are indexed.
    fn new(site: &'a Site, components: &'a SiteComponents) -> Self {
        TreeRecords {
            site,
            components,
            pages: (0..site.pages.len())
                .filter(|&id| record::is_indexed(&site.pages[id]))
                .collect(),
            generated: components.generated_pages(&AbsoluteLinks::new(site)),
        }
    }

    /// How many records the index holds.
    fn count(&self) -> usize {
        self.pages.len() + self.generated.len()
    }

    /// Record `n`: of the `n`th page indexed, then of the generated pages; the links of
    /// the components' text resolved by `links`.
    fn record(&self, n: usize, links: &AbsoluteLinks) -> record::PageRecord {
        let (site, components) = (self.site, self.components);
        match self.pages.get(n) {
            Some(&id) => {
                let blocks = |index| components.markdown(id, index, links);
                record::page_record(site, &site.pages[id], &blocks)
            }
            None => {
                record::generated_record(site.urls.tree(), &self.generated[n - self.pages.len()])
            }
        }
    }

    /// The tree's index, stemmed for its language.
    fn index(&self, progress: &Progress) -> encode::EncodedIndex {
        let site = self.site;
        let links = AbsoluteLinks::new(site);
        let record = |n: usize| {
            let record = self.record(n, &links);
            progress.advance();
            record
        };
        let meta_fields = record::meta_fields(site);
        let language = &site.config.language;
        encode::encode(
            self.count(),
            record,
            meta_fields,
            language,
            PAGEFIND_VERSION,
        )
    }
}

/// `pagefind-entry.json`: the version, and the meta file and page count per language.
#[derive(Serialize)]
struct Entry<'a> {
    version: &'a str,
    languages: std::collections::BTreeMap<String, EntryLanguage>,
    include_characters: &'a [char],
}

#[derive(Serialize)]
struct EntryLanguage {
    hash: String,
    wasm: Option<String>,
    page_count: usize,
}
