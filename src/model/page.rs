//! A page of the site: where it came from, what it says about itself, where it goes.

use std::ops::Range;

use super::front_matter::{Date, FrontMatter};
use crate::markdown::Outline;
use crate::source::SourceFile;

/// Index of a page in [`super::Site::pages`]: a position in one build's list of pages,
/// which moves as pages come and go. [`PageKey`] names a page across builds.
pub(crate) type PageId = usize;

/// A page's identity across builds: its path under `content/` (`guides/roles.md`), as
/// `@/` links name it. It stays the page's as long as its file keeps its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct PageKey<'a>(pub &'a str);

/// Index of a cluster in [`super::Site::clusters`].
pub(crate) type ClusterId = usize;

/// What a page is to the site's structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PageRole {
    /// `content/_index.md`.
    Home,
    /// A section's `_index.md`: its hub (pillar) page.
    Hub(ClusterId),
    /// Any other page inside a section folder, at any depth.
    Article(ClusterId),
    /// A page directly in `content/` (about, imprint).
    Standalone,
}

/// One markdown page, with everything the later stages need to know about it.
#[derive(Debug, Clone)]
pub(crate) struct Page {
    /// The file, relative to the site root.
    pub source: SourceFile,
    /// The path relative to `content/`, as `@/` links name it: `cluster/page.md`.
    pub content_path: String,
    /// Home, hub, article or standalone page.
    pub role: PageRole,
    /// The parsed front matter.
    pub front: FrontMatter,
    /// The byte range of the front matter YAML in the file.
    pub front_range: Range<usize>,
    /// The byte range of the markdown body in the file.
    pub body: Range<usize>,
    /// The title (front matter, or the file name if the front matter is broken).
    pub title: String,
    /// The site path of the page, e.g. `cluster/slug/` (empty for the home page).
    pub site_path: String,
    /// Headings, links, component blocks and word count of the body.
    pub outline: Outline,
}

impl Page {
    /// The date listings sort by: `updated`, else `date`.
    pub(crate) fn last_changed(&self) -> Option<Date> {
        self.front.updated.or(self.front.date)
    }

    /// The cluster the page belongs to, if any.
    pub(crate) fn cluster(&self) -> Option<ClusterId> {
        match self.role {
            PageRole::Hub(c) | PageRole::Article(c) => Some(c),
            PageRole::Home | PageRole::Standalone => None,
        }
    }

    /// Is this a cluster article (not a hub, home or standalone page)?
    pub(crate) fn is_article(&self) -> bool {
        matches!(self.role, PageRole::Article(_))
    }

    /// The markdown body.
    pub(crate) fn body_text(&self) -> &str {
        &self.source.text[self.body.clone()]
    }
}

/// A folder under `content/`, at any depth: a section (cluster) with its hub page,
/// its articles and the sections in its sub-folders.
#[derive(Debug, Clone)]
pub(crate) struct Cluster {
    /// The folder's path under `content/` (`guides` or `guides/setup`), which is also
    /// its site path without the trailing `/`.
    pub slug: String,
    /// The hub page (`_index.md`), if the folder has one.
    pub hub: Option<PageId>,
    /// The articles, in reading order: newest first in a dated section, else weight,
    /// then date, then title.
    pub articles: Vec<PageId>,
    /// Whether the section lists its articles by date, newest first (a news section,
    /// a blog), rather than by weight.
    pub dated: bool,
    /// The section of the folder above, if it is not `content/` itself.
    pub parent: Option<ClusterId>,
    /// The sections of its sub-folders, sorted by path.
    pub subsections: Vec<ClusterId>,
}

impl Cluster {
    /// The folder's own name (`setup` for `guides/setup`).
    pub(crate) fn name(&self) -> &str {
        self.slug.rsplit('/').next().unwrap_or(&self.slug)
    }

    /// Its site path, `guides/setup/`.
    pub(crate) fn site_path(&self) -> String {
        format!("{}/", self.slug)
    }
}
