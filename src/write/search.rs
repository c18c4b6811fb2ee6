//! The full-text search index, built with Pagefind from the written pages.
//!
//! Pagefind reads the pages from a folder: that is the one way it parses them on every
//! core (pages added one by one go through a single lock and a linear scan of the pages
//! already added, which made indexing quadratic). `pillar build --search-index pagefind`
//! indexes its staging folder before swapping it in.
//!
//! Pagefind indexes the element marked `data-pagefind-body` of each page (the theme
//! marks the article; pages without one, such as tag lists and redirects, are left
//! out) and returns its index chunks and browser runtime as files, written under
//! `pagefind/`. Result URLs are relative to the site's root (`/guides/intro/`); the
//! search page gives Pagefind the root as its base URL, so a site under a sub-path
//! searches correctly.

use std::path::Path;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use crate::diagnostics::Diagnostic;
use crate::output::OutputFile;

/// The folder of the search bundle in the output.
pub const BUNDLE_DIR: &str = "pagefind";

/// The pages Pagefind reads: every page, but not `404.html`.
const PAGES: &str = "**/index.html";

/// Indexes the pages of the output tree at `dir` and returns the search bundle's files
/// (paths under [`BUNDLE_DIR`]); nothing is written.
pub fn index_tree(dir: &Path, language: &str) -> Result<Vec<OutputFile>, Diagnostic> {
    let failed = |what: &str, e: &dyn std::fmt::Display| {
        Diagnostic::error(format!("cannot {what} the search index: {e}"))
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| failed("start", &e))?;
    let bundle = runtime.block_on(async {
        let config = PagefindServiceConfig::builder()
            .force_language(language.to_string())
            .build();
        let mut index = PagefindIndex::new(Some(config)).map_err(|e| failed("start", &e))?;
        index
            .add_directory(dir.to_string_lossy().into_owned(), Some(PAGES.to_string()))
            .await
            .map_err(|e| failed("build", &e))?;
        index.get_files().await.map_err(|e| failed("build", &e))
    })?;
    let mut files: Vec<OutputFile> = bundle
        .into_iter()
        .map(|f| {
            let name = f.filename.to_string_lossy().replace('\\', "/");
            let name = name.trim_start_matches('/');
            let name = name.strip_prefix(&format!("{BUNDLE_DIR}/")).unwrap_or(name);
            OutputFile::new(format!("{BUNDLE_DIR}/{name}"), f.contents)
        })
        .collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}
