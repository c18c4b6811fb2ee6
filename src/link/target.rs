//! Links to pages by content path, as data files and component blocks hold them.

use std::ops::Range;

use crate::i18n::Strings;
use crate::source::SourceFile;

/// A link written as a content path (`@/cluster/article.md`, optionally with `#anchor`)
/// somewhere other than markdown prose: a dataset's entity article, a filter outcome's
/// reading list, a `related` entry. The link stage checks every one of them.
#[derive(Debug, Clone)]
pub(crate) struct ContentLink {
    /// The target as written, e.g. `@/fractional-leadership/what-is-a-fractional-cro.md`.
    pub target: String,
    /// The file the link is written in.
    pub file: SourceFile,
    /// Where in that file, for error messages.
    pub range: Range<usize>,
}

/// Turns content paths into URLs. The link stage implements it over the finished site;
/// renderers of components ask it for the URL and title of the pages they link.
pub(crate) trait LinkResolver: Sync {
    /// The URL of a target such as `@/cluster/page.md` or `@/cluster/page.md#anchor`,
    /// or `None` if no such page (or anchor) exists.
    fn url(&self, target: &str) -> Option<String>;
    /// The title of the page a target points at.
    fn title(&self, target: &str) -> Option<String>;
    /// The words of the site's language, for the HTML a component writes (the
    /// built-in English without a site).
    fn words(&self) -> &Strings {
        crate::i18n::english()
    }
}

/// A resolver that needs no site, for rendering a component on its own (tests, the
/// fuzz targets): every `@/….md` path is a page at the URL its path makes
/// (`@/a/b.md#x` → `/a/b/#x`, `@/a/_index.md` → `/a/`), titled `Page <url>`, except a
/// path with `missing` in it, which names no page.
#[derive(Debug, Clone, Copy, Default)]
#[cfg(any(test, feature = "fuzzing"))]
pub(crate) struct PathLinks;

#[cfg(any(test, feature = "fuzzing"))]
impl LinkResolver for PathLinks {
    fn url(&self, target: &str) -> Option<String> {
        let path = target.strip_prefix("@/")?;
        if path.contains("missing") {
            return None;
        }
        let (page, anchor) = path.split_once('#').unwrap_or((path, ""));
        let page = page.strip_suffix(".md")?;
        let page = page.strip_suffix("_index").unwrap_or(page);
        let slash = if page.is_empty() || page.ends_with('/') {
            ""
        } else {
            "/"
        };
        Some(match anchor {
            "" => format!("/{page}{slash}"),
            anchor => format!("/{page}{slash}#{anchor}"),
        })
    }

    fn title(&self, target: &str) -> Option<String> {
        self.url(target).map(|url| format!("Page {url}"))
    }
}
