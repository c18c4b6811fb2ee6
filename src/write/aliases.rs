//! Redirects for the old URLs a page lists in `aliases`: an HTML page at each, and,
//! with `redirects` in `site.yaml`, the host's own redirect file with real 301s.

use std::collections::BTreeMap;

use crate::config::HostRedirects;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::html::escape;
use crate::model::{Page, Site};
use crate::output::OutputFile;
use crate::places::Places;

/// A small HTML page at each alias that sends readers (and search engines, through the
/// canonical link) to the page's real URL, and the host's redirect file if the site
/// asks for one.
pub(super) fn redirects(site: &Site, pages: &[OutputFile]) -> Result<Vec<OutputFile>, Diagnostics> {
    let moved = moved_pages(site, pages)?;
    let mut files: Vec<OutputFile> = moved
        .iter()
        .map(|(path, page)| OutputFile::new(path.clone(), refresh_page(site, page)))
        .collect();
    files.extend(host_file(site, &moved));
    Ok(files)
}

/// Each alias's output file (see [`alias_path`]) with the page it moved to, in path
/// order. An unsafe alias, or one that is another page's URL, is an error.
fn moved_pages<'a>(
    site: &'a Site,
    pages: &[OutputFile],
) -> Result<BTreeMap<String, &'a Page>, Diagnostics> {
    let taken: std::collections::HashSet<&str> = pages.iter().map(|f| f.path.as_str()).collect();
    let mut moved: BTreeMap<String, &Page> = BTreeMap::new();
    let mut problems = Diagnostics::new();
    for page in &site.pages {
        // The front matter is read again for positions only when an alias is refused.
        let mut places: Option<Places> = None;
        for alias in &page.front.aliases {
            let mut at = || {
                places
                    .get_or_insert_with(|| Places::of(&page.source, page.front_range.clone()))
                    .value("aliases", alias)
                    .unwrap_or(0..0)
            };
            let Some(path) = alias_path(alias) else {
                problems.push(
                    Diagnostic::error(format!("the alias `{alias}` is not a safe path"))
                        .at(&page.source, at())
                        .with_hint("write aliases as site paths like `/old/url/`, without `..`"),
                );
                continue;
            };
            if path == crate::urls::index_file(&page.site_path) {
                // The page's own URL: nothing to redirect (imported sites list these).
                continue;
            }
            if taken.contains(path.as_str()) || moved.contains_key(&path) {
                problems.push(
                    Diagnostic::error(format!(
                        "the alias `{alias}` is already the URL of another page"
                    ))
                    .at(&page.source, at())
                    .with_hint("remove the alias or change it"),
                );
                continue;
            }
            moved.insert(path, page);
        }
    }
    if problems.has_errors() {
        Err(problems)
    } else {
        Ok(moved)
    }
}

/// The HTML page left at an old URL of `page`.
fn refresh_page(site: &Site, page: &Page) -> String {
    let target = escape(&site.urls.absolute(&page.site_path));
    let title = escape(&page.title);
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<link rel=\"canonical\" href=\"{target}\">\n<meta http-equiv=\"refresh\" content=\"0; url={target}\">\n<meta name=\"robots\" content=\"noindex\">\n</head>\n<body>\n<p>This page has moved to <a href=\"{target}\">{title}</a>.</p>\n</body>\n</html>\n",
        lang = escape(&site.config.language),
    )
}

/// One permanent redirect, both as paths from the host root.
struct Redirect {
    from: String,
    to: String,
}

/// The permanent redirects for the host file: each alias (a folder-style one with and
/// without its trailing slash) to its page, as paths from the host root, so they
/// hold on preview deploys too.
fn host_redirects(site: &Site, moved: &BTreeMap<String, &Page>) -> Vec<Redirect> {
    let mut out = Vec::new();
    for (path, page) in moved {
        let to = site.urls.path(&page.site_path);
        let froms = match path.strip_suffix("index.html") {
            Some(folder) => {
                let folder = site.urls.path(folder);
                vec![folder.trim_end_matches('/').to_string(), folder]
            }
            None => vec![site.urls.path(path)],
        };
        out.extend(froms.into_iter().map(|from| Redirect {
            from,
            to: to.clone(),
        }));
    }
    out
}

/// The redirect file of the host `site.yaml` names, if any and if there are aliases.
fn host_file(site: &Site, moved: &BTreeMap<String, &Page>) -> Option<OutputFile> {
    if moved.is_empty() {
        return None;
    }
    let redirects = host_redirects(site, moved);
    match site.config.redirects {
        HostRedirects::Html => None,
        HostRedirects::Netlify | HostRedirects::Cloudflare => Some(OutputFile::new(
            crate::urls::NETLIFY_REDIRECTS,
            netlify_redirects(&redirects),
        )),
        HostRedirects::Vercel => Some(OutputFile::new(
            crate::urls::VERCEL_CONFIG,
            vercel_json(&redirects),
        )),
    }
}

/// Netlify's and Cloudflare Pages' `_redirects`: `FROM TO 301`, one a line.
fn netlify_redirects(redirects: &[Redirect]) -> String {
    let mut text =
        String::from("# Written by pillar from the pages' aliases: each old URL moved for good.\n");
    for Redirect { from, to } in redirects {
        text.push_str(&format!("{from} {to} 301\n"));
    }
    text
}

/// Vercel's `vercel.json` with one `redirects` entry per old URL, status 301 (Vercel's
/// `permanent: true` would answer 308).
fn vercel_json(redirects: &[Redirect]) -> String {
    let entries: Vec<serde_json::Value> = redirects
        .iter()
        .map(|Redirect { from, to }| {
            serde_json::json!({ "source": from, "destination": to, "statusCode": 301 })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&serde_json::json!({ "redirects": entries }))
        .expect("JSON of strings and numbers");
    text.push('\n');
    text
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
