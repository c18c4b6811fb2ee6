//! pillar's full-text search index, in the format of Pagefind 1.6, whose browser runtime
//! reads it unchanged.
//!
//! Each page's record ([`record`]: URL, title, text with its headings and their ids,
//! filters) is taken from the model on every core, never from the written HTML; the
//! records are then split into words ([`words`]) and encoded ([`encode`]) page by page,
//! and the words merged. The runtime's scripts and WebAssembly come from the pagefind
//! crate ([`runtime`]).

pub mod encode;
pub mod record;
pub mod runtime;
pub mod words;

use rayon::prelude::*;
use serde::Serialize;

use crate::components::SiteComponents;
use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::output::OutputFile;
use crate::progress::{Progress, Stage};
use crate::urls;
use crate::write::machine::AbsoluteLinks;
use runtime::PAGEFIND_VERSION;

/// The search bundle of `site` (index and runtime), with paths under the bundle folder
/// (`pagefind/…`): its pages, their component blocks as `components` writes them, and
/// the pages the components generate. Links in what components write are full URLs
/// (`<https://…>`), which the text leaves out. Reports the stage, and each page as its
/// record is made, to `progress`.
pub fn bundle(
    site: &Site,
    components: &SiteComponents,
    progress: &Progress,
) -> Result<Vec<OutputFile>, Diagnostic> {
    let language = &site.config.language;
    let links = AbsoluteLinks::new(site);
    let pages: Vec<usize> = (0..site.pages.len())
        .filter(|&id| record::is_indexed(&site.pages[id]))
        .collect();
    let generated = components.generated_pages(&links);
    progress.report(Stage::Indexing {
        pages: pages.len() + generated.len(),
    });
    let records = pages
        .par_iter()
        .map(|&id| {
            let blocks = |index| components.markdown(id, index, &links);
            record::page_record(site, &site.pages[id], &blocks)
        })
        .chain(generated.par_iter().map(record::generated_record))
        .inspect(|_| progress.advance());
    let meta_fields = record::meta_fields(site);
    let index = encode::encode(records, meta_fields, language, PAGEFIND_VERSION);
    let runtime = runtime::runtime_files(language)?;
    let wasm = format!("wasm.{language}.pagefind");
    let entry = Entry {
        version: PAGEFIND_VERSION,
        languages: std::collections::BTreeMap::from([(
            language.as_str(),
            EntryLanguage {
                hash: &index.meta_hash,
                wasm: runtime
                    .iter()
                    .any(|f| f.path == wasm)
                    .then_some(language.as_str()),
                page_count: index.page_count,
            },
        )]),
        include_characters: &words::WORD_SYMBOLS,
    };
    let entry = serde_json::to_vec(&entry)
        .map_err(|e| Diagnostic::error(format!("cannot write the search index: {e}")))?;
    let mut files = index.files;
    files.extend(runtime);
    files.push(OutputFile::new("pagefind-entry.json", entry));
    for file in &mut files {
        file.path = format!("{}{}", urls::SEARCH_BUNDLE, file.path);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// `pagefind-entry.json`: the version, and the meta file and page count per language.
#[derive(Serialize)]
struct Entry<'a> {
    version: &'a str,
    languages: std::collections::BTreeMap<&'a str, EntryLanguage<'a>>,
    include_characters: &'a [char],
}

#[derive(Serialize)]
struct EntryLanguage<'a> {
    hash: &'a str,
    wasm: Option<&'a str>,
    page_count: usize,
}
