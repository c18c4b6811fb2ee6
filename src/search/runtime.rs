//! Pagefind's browser runtime (`pagefind.js`, its worker, the WebAssembly that runs
//! queries, the UI scripts and styles), taken as the pagefind crate ships it: the crate
//! is asked for the bundle of a one-page index and everything but that index is kept.

use std::collections::BTreeMap;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use crate::diagnostics::Diagnostic;
use crate::output::OutputFile;

/// The Pagefind version the index is written for; the runtime refuses another.
pub(crate) const PAGEFIND_VERSION: &str = "1.6.0";

/// The runtime's files, with paths relative to the bundle folder, for `language` (whose
/// WebAssembly stems queries as the index was stemmed).
pub(crate) fn runtime_files(language: &str) -> Result<Vec<OutputFile>, Diagnostic> {
    let failed = |e: &dyn std::fmt::Display| {
        Diagnostic::error(format!("cannot take Pagefind's search runtime: {e}"))
    };
    let tokio = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| failed(&e))?;
    let bundle = tokio.block_on(async {
        let config = PagefindServiceConfig::builder()
            .force_language(language.to_string())
            .build();
        let mut index = PagefindIndex::new(Some(config)).map_err(|e| failed(&e))?;
        let title = BTreeMap::from([("title".to_string(), "runtime".to_string())]);
        index
            .add_custom_record(
                "/".to_string(),
                "runtime".to_string(),
                language.to_string(),
                Some(title),
                None,
                None,
            )
            .await
            .map_err(|e| failed(&e))?;
        index.get_files().await.map_err(|e| failed(&e))
    })?;
    let files: Vec<OutputFile> = bundle
        .into_iter()
        .map(|f| {
            let name = f.filename.to_string_lossy().replace('\\', "/");
            let name = name
                .rsplit_once("pagefind/")
                .map_or(name.as_str(), |(_, n)| n);
            OutputFile::new(name.trim_start_matches('/'), f.contents)
        })
        .filter(|f| is_runtime(&f.path))
        .collect();
    check_version(&files)?;
    Ok(files)
}

/// Is `path` part of the runtime, not of the index the crate wrote?
fn is_runtime(path: &str) -> bool {
    let index = [".pf_meta", ".pf_index", ".pf_fragment", ".pf_filter"];
    path != "pagefind-entry.json" && !index.iter().any(|ext| path.ends_with(ext))
}

/// The runtime must be the version the index is written for.
fn check_version(files: &[OutputFile]) -> Result<(), Diagnostic> {
    let expected = format!("pagefind_version=\"{PAGEFIND_VERSION}\"");
    let script = files.iter().find(|f| f.path == "pagefind.js");
    let matches = script.is_some_and(|f| {
        String::from_utf8_lossy(&f.bytes)
            .replace(' ', "")
            .contains(&expected)
    });
    if matches {
        Ok(())
    } else {
        Err(Diagnostic::error(format!(
            "Pagefind's runtime is not version {PAGEFIND_VERSION}, which pillar writes its search index for"
        )))
    }
}
