//! Links to pages by content path, as data files and component blocks hold them.

use std::ops::Range;

use crate::source::SourceFile;

/// A link written as a content path (`@/cluster/article.md`, optionally with `#anchor`)
/// somewhere other than markdown prose: a dataset's entity article, a filter outcome's
/// reading list, a `related` entry. The link stage checks every one of them.
#[derive(Debug, Clone)]
pub struct ContentLink {
    /// The target as written, e.g. `@/fractional-leadership/what-is-a-fractional-cro.md`.
    pub target: String,
    /// The file the link is written in.
    pub file: SourceFile,
    /// Where in that file, for error messages.
    pub range: Range<usize>,
}

/// Turns content paths into URLs. The link stage implements it over the finished site;
/// renderers of components ask it for the URL and title of the pages they link.
pub trait LinkResolver: Sync {
    /// The URL of a target such as `@/cluster/page.md` or `@/cluster/page.md#anchor`,
    /// or `None` if no such page (or anchor) exists.
    fn url(&self, target: &str) -> Option<String>;
    /// The title of the page a target points at.
    fn title(&self, target: &str) -> Option<String>;
}
