//! The full-text search index, built with Pagefind from the rendered pages.
//!
//! Pagefind indexes the element marked `data-pagefind-body` of each page (the theme
//! marks the article), keeps the URL pillar gives it (so a site under a sub-path
//! searches correctly), and returns its index chunks and browser runtime as files,
//! written under `pagefind/` with everything else.

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::render::OutputFile;

/// The folder of the search bundle in the output.
pub const BUNDLE_DIR: &str = "pagefind";

/// Indexes every HTML page among `files` and returns the search bundle's files.
pub fn search_index(site: &Site, files: &[OutputFile]) -> Result<Vec<OutputFile>, Diagnostic> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .build()
        .map_err(|e| Diagnostic::error(format!("cannot start the search indexer: {e}")))?;
    runtime.block_on(async {
        let config = PagefindServiceConfig::builder()
            .keep_index_url(true)
            .force_language(site.config.language.clone())
            .build();
        let mut index = PagefindIndex::new(Some(config))
            .map_err(|e| Diagnostic::error(format!("cannot start the search indexer: {e}")))?;
        for file in files.iter().filter(|f| is_indexed(&f.path)) {
            let url = site.urls.path(file.path.trim_end_matches("index.html"));
            let html = String::from_utf8_lossy(&file.bytes).into_owned();
            index
                .add_html_file(None, Some(url), html)
                .await
                .map_err(|e| Diagnostic::error(format!("cannot index /{}: {e}", file.path)))?;
        }
        let bundle = index
            .get_files()
            .await
            .map_err(|e| Diagnostic::error(format!("cannot build the search index: {e}")))?;
        let mut out: Vec<OutputFile> = bundle
            .into_iter()
            .map(|f| {
                let name = f.filename.to_string_lossy().replace('\\', "/");
                let name = name.trim_start_matches('/');
                let name = name
                    .strip_prefix(&format!("{BUNDLE_DIR}/"))
                    .unwrap_or(name)
                    .to_string();
                OutputFile::new(format!("{BUNDLE_DIR}/{name}"), f.contents)
            })
            .collect();
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    })
}

/// Pages worth finding: every page but the 404 page, redirects and the search page.
fn is_indexed(path: &str) -> bool {
    path.ends_with("index.html") && !path.starts_with("search/") && !path.starts_with("tags/")
}
