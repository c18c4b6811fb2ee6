//! The full-text search index, built with Pagefind from the written pages.
//!
//! Pagefind reads the pages from a folder: that is the one way it parses them on every
//! core (pages added one by one go through a single lock and a linear scan of the pages
//! already added, which made indexing quadratic). `pillar build` indexes its staging
//! folder before swapping it in; `pillar serve`, which keeps its site in memory, writes
//! the pages to a temporary folder first.
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

/// Indexes the pages among `files` (a site held in memory) by writing them to a
/// temporary folder, and returns the search bundle's files.
pub fn index_files(files: &[OutputFile], language: &str) -> Result<Vec<OutputFile>, Diagnostic> {
    let cannot = |e: std::io::Error| {
        Diagnostic::error(format!("cannot write the pages to index for search: {e}"))
    };
    let dir = tempfile::Builder::new()
        .prefix("pillar-search-")
        .tempdir()
        .map_err(cannot)?;
    for file in files.iter().filter(|f| f.path.ends_with("index.html")) {
        let path = dir.path().join(&file.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(cannot)?;
        }
        std::fs::write(&path, &file.bytes).map_err(cannot)?;
    }
    index_tree(dir.path(), language)
}
