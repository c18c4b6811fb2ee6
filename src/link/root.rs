//! Root-relative links (`/cluster/page/`): what they name on the site.
//!
//! Authors coming from Hugo and Zola write links from the site root. A link to a page
//! (or to one of its `aliases`) resolves like its `@/` form; a link to a copied file, a
//! theme file or a generated page (tags, compare pages, search, feeds) is rewritten
//! under the base path but names no page. A page-like path that names nothing is broken.

use crate::model::{PageId, Site};
use crate::urls;

/// What a root-relative path names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Root {
    /// A page of the site.
    Page(PageId),
    /// A generated page or feed at this site path (in the page's language tree).
    Generated(String),
    /// A file every language tree shares (a copied file, a theme file, the sitemap).
    Shared(String),
    /// Nothing: the site path a page would have had.
    Missing(String),
}

/// What the root-relative `path` (before any `#` or `?`) names, or `None` if it is not
/// root-relative (`//host/…` is another host) or is a file the site does not know (it
/// may be served beside the site; it is left as written).
pub(super) fn root_target(site: &Site, path: &str) -> Option<Root> {
    let rest = path.strip_prefix('/').filter(|r| !r.starts_with('/'))?;
    let rest = rest.split('?').next().unwrap_or_default();
    // A link that already carries the base path (`/guide/a/` under `/guide/`).
    let base = site.urls.prefix().trim_start_matches('/');
    let rest = match rest.strip_prefix(base) {
        Some(inside) if !base.is_empty() && !site.by_url.contains_key(rest) => inside,
        _ => rest,
    };
    let rest = rest.strip_suffix("index.html").unwrap_or(rest);
    let last = rest.rsplit('/').next().unwrap_or_default();
    if last.contains('.') {
        if last == urls::SITE_FEED {
            return Some(Root::Generated(rest.to_string()));
        }
        let known = site.asset_paths.contains(rest)
            || site.theme.static_files.contains_key(rest)
            || urls::GENERATED_FILES.contains(&rest);
        return known.then(|| Root::Shared(rest.to_string()));
    }
    let site_path = match rest.trim_end_matches('/') {
        "" => String::new(),
        trimmed => format!("{trimmed}/"),
    };
    if let Some(&id) = site.by_url.get(&site_path) {
        return Some(Root::Page(id));
    }
    // The generated pages: under the site's reserved paths (tags/, compare/, …).
    Some(if site.reserved.iter().any(|r| site_path.starts_with(r)) {
        Root::Generated(site_path)
    } else {
        Root::Missing(site_path)
    })
}
