//! Redirect pages for the old URLs a page lists in `aliases`.

use std::collections::BTreeMap;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::html::escape;
use crate::model::Site;
use crate::output::OutputFile;

/// A small HTML page at each alias that sends readers (and search engines, through the
/// canonical link) to the page's real URL.
pub fn redirects(site: &Site, pages: &[OutputFile]) -> Result<Vec<OutputFile>, Diagnostics> {
    let taken: std::collections::HashSet<&str> = pages.iter().map(|f| f.path.as_str()).collect();
    let mut out: BTreeMap<String, OutputFile> = BTreeMap::new();
    let mut problems = Diagnostics::new();
    for page in &site.pages {
        for alias in &page.front.aliases {
            let at = page
                .source
                .find_value(page.front_range.clone(), "aliases", alias)
                .unwrap_or(0..0);
            let Some(path) = alias_path(alias) else {
                problems.push(
                    Diagnostic::error(format!("the alias `{alias}` is not a safe path"))
                        .at(&page.source, at)
                        .with_hint("write aliases as site paths like `/old/url/`, without `..`"),
                );
                continue;
            };
            if path == crate::urls::index_file(&page.site_path) {
                // The page's own URL: nothing to redirect (imported sites list these).
                continue;
            }
            if taken.contains(path.as_str()) || out.contains_key(&path) {
                problems.push(
                    Diagnostic::error(format!(
                        "the alias `{alias}` is already the URL of another page"
                    ))
                    .at(&page.source, at)
                    .with_hint("remove the alias or change it"),
                );
                continue;
            }
            let target = escape(&site.urls.absolute(&page.site_path));
            let title = escape(&page.title);
            let html = format!(
                "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<link rel=\"canonical\" href=\"{target}\">\n<meta http-equiv=\"refresh\" content=\"0; url={target}\">\n<meta name=\"robots\" content=\"noindex\">\n</head>\n<body>\n<p>This page has moved to <a href=\"{target}\">{title}</a>.</p>\n</body>\n</html>\n",
                lang = escape(&site.config.language),
            );
            out.insert(path.clone(), OutputFile::new(path, html));
        }
    }
    if problems.has_errors() {
        Err(problems)
    } else {
        Ok(out.into_values().collect())
    }
}

/// The output file for an alias: `/old/url/` → `old/url/index.html`, `/a.html` →
/// `a.html`. `None` if the alias could escape the output folder.
fn alias_path(alias: &str) -> Option<String> {
    let trimmed = alias.trim().trim_start_matches('/');
    let safe_segment = |s: &str| {
        !s.is_empty()
            && s != "."
            && s != ".."
            && s.chars().all(|c| c.is_alphanumeric() || "-_.~".contains(c))
    };
    let (dir, file) = if trimmed.ends_with('/') || trimmed.is_empty() {
        (trimmed.trim_end_matches('/'), "index.html".to_string())
    } else if trimmed.ends_with(".html") {
        match trimmed.rsplit_once('/') {
            Some((d, f)) => (d, f.to_string()),
            None => ("", trimmed.to_string()),
        }
    } else {
        (trimmed, "index.html".to_string())
    };
    if trimmed.is_empty() || !safe_segment(&file) {
        return None;
    }
    if dir.is_empty() {
        return Some(file);
    }
    dir.split('/')
        .all(safe_segment)
        .then(|| format!("{dir}/{file}"))
}

#[cfg(test)]
mod tests {
    use super::alias_path;

    #[test]
    fn alias_paths() {
        assert_eq!(
            alias_path("/old/url/").as_deref(),
            Some("old/url/index.html")
        );
        assert_eq!(
            alias_path("/old/url").as_deref(),
            Some("old/url/index.html")
        );
        assert_eq!(alias_path("/a.html").as_deref(), Some("a.html"));
        assert_eq!(alias_path("/../etc/"), None);
        assert_eq!(alias_path("/a/./b/"), None);
        assert_eq!(alias_path("/"), None);
        assert_eq!(alias_path("/a\\b/"), None);
    }
}
