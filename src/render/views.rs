//! The `page` each template gets: one view per template, each holding what that
//! template shows and nothing else.
//!
//! Every view starts with the [`FrameView`] that `base.html` draws around every page
//! (head, breadcrumbs, language switcher); the views of markdown pages add the
//! [`BodyView`] of the page's own file, then what their template lists. Parts are
//! flattened into one `page` map, so a template reads `page.title`, `page.content`,
//! `page.groups` alike. `docs/authoring.md` lists them for theme authors.

use serde::Serialize;

use super::context::{CardView, DateView, FaqView, GroupView, LinkView, SocialCardView};
use super::context::{SourceView, TocEntry};
use super::paginate::{Groups, Listing, Paged, PagerView};
use super::sidebar::Sidebar;
use crate::translations::TranslationView;

/// What `base.html` draws on every page: the head, the breadcrumbs, the language
/// switcher. Every template's view holds one.
#[derive(Debug, Default, Serialize)]
pub(crate) struct FrameView {
    /// The title.
    pub title: String,
    /// The meta description.
    pub description: String,
    /// The page URL, from the host root.
    pub url: String,
    /// The absolute URL, for canonical links and social cards.
    pub permalink: String,
    /// A markdown page's `date`, which makes it an `og:type` article.
    pub date: Option<DateView>,
    /// Home › … › this page (the last one is this page).
    pub breadcrumbs: Vec<LinkView>,
    /// Scripts the page needs, as URLs.
    pub scripts: Vec<String>,
    /// Structured data, ready to go inside `<script type="application/ld+json">`.
    pub json_ld: String,
    /// The page's own Atom feed, if it has one (hubs).
    pub feed_url: Option<String>,
    /// The pager of a listing shown in parts.
    pub pager: Option<PagerView>,
    /// Link previews of the pages the body links to, as JSON for a
    /// `<script type="application/json">` (already safe there); empty if none.
    pub previews: String,
    /// The page's social card, if the site draws them.
    pub social_card: Option<SocialCardView>,
    /// On a translation whose original changed since it was made (`translated_from`):
    /// the original, in its language.
    pub stale_original: Option<TranslationView>,
    /// On a site in several languages, the page in each language (or that language's
    /// home page), for `hreflang` links and the language switcher; else empty.
    pub translations: Vec<TranslationView>,
}

impl FrameView {
    /// Turns page 1's frame into a later part's: what describes the body goes.
    pub(super) fn continued(&mut self) {
        self.json_ld.clear();
        self.previews.clear();
    }
}

/// What a markdown page's own file gives every template that renders one (`home.html`,
/// `cluster.html`, `article.html`, `page.html`).
#[derive(Debug, Default, Serialize)]
pub(crate) struct BodyView {
    /// The page's own description, shown under the title; empty if it has none.
    pub lead: String,
    /// The kind id, or empty.
    pub kind: String,
    /// The kind label, or empty.
    pub kind_label: String,
    /// When last changed.
    pub updated: Option<DateView>,
    /// The author.
    pub author: String,
    /// The tags, linked to their pages.
    pub tags: Vec<LinkView>,
    /// The body as HTML.
    pub content: String,
    /// Headings of level 2 and 3.
    pub toc: Vec<TocEntry>,
    /// Estimated reading time.
    pub reading_minutes: usize,
    /// The FAQ.
    pub faq: Vec<FaqView>,
    /// The sources.
    pub sources: Vec<SourceView>,
    /// Related pages.
    pub related: Vec<CardView>,
    /// Pages that link here (the first 20, by title).
    pub backlinks: Vec<LinkView>,
    /// How many more pages link here than `backlinks` lists.
    pub backlinks_more: usize,
    /// The front matter's `extra` mapping, for themes.
    pub extra: std::collections::BTreeMap<String, serde_json::Value>,
    /// Where the page's source is edited (`edit_url` in site.yaml), if set.
    pub edit_url: Option<String>,
}

impl BodyView {
    /// Turns page 1's body into a later part's: the body is shown on page 1 only.
    pub(super) fn continued(&mut self) {
        self.content.clear();
        self.toc.clear();
        self.faq.clear();
        self.sources.clear();
    }
}

/// `home.html`: the home page.
#[derive(Debug, Serialize)]
pub(crate) struct HomeView {
    /// The frame.
    #[serde(flatten)]
    pub frame: FrameView,
    /// The page's own file.
    #[serde(flatten)]
    pub body: BodyView,
    /// The top-level sections.
    pub clusters: Vec<SectionCardView>,
    /// The posts (`Site::posts`), newest first.
    pub posts: Vec<CardView>,
    /// The newest articles.
    pub latest: Vec<CardView>,
}

/// `cluster.html`: a section's hub.
#[derive(Debug, Serialize)]
pub(crate) struct HubView {
    /// The frame.
    #[serde(flatten)]
    pub frame: FrameView,
    /// The page's own file.
    #[serde(flatten)]
    pub body: BodyView,
    /// The hubs of the sections above, outermost first.
    pub ancestors: Vec<LinkView>,
    /// The branch of the section tree the hub is on, flattened.
    pub sidebar: Sidebar,
    /// The hub itself, as its section's link.
    pub cluster: Option<LinkView>,
    /// The section above and the sections below.
    pub section: SectionView,
    /// The section's articles, grouped by kind.
    pub groups: Vec<GroupView>,
    /// The cluster map: an inline SVG and its key, as HTML; empty without articles.
    pub map: String,
}

/// `article.html`: an article.
#[derive(Debug, Serialize)]
pub(crate) struct ArticleView {
    /// The frame.
    #[serde(flatten)]
    pub frame: FrameView,
    /// The page's own file.
    #[serde(flatten)]
    pub body: BodyView,
    /// The hubs of the sections above, outermost first (its own section's included).
    pub ancestors: Vec<LinkView>,
    /// The branch of the section tree the article is on, flattened.
    pub sidebar: Sidebar,
    /// The hub of its section.
    pub cluster: Option<LinkView>,
    /// The previous article in reading order.
    pub prev: Option<LinkView>,
    /// The next article in reading order.
    pub next: Option<LinkView>,
    /// The articles of its section around it.
    pub more_in_cluster: Vec<LinkView>,
}

/// `page.html`: a standalone page.
#[derive(Debug, Serialize)]
pub(crate) struct PlainView {
    /// The frame.
    #[serde(flatten)]
    pub frame: FrameView,
    /// The page's own file.
    #[serde(flatten)]
    pub body: BodyView,
    /// The top level of the section tree, every section closed.
    pub sidebar: Sidebar,
}

/// `tag.html`: the pages carrying one tag.
#[derive(Debug, Serialize)]
pub(crate) struct TagView {
    /// The frame.
    #[serde(flatten)]
    pub frame: FrameView,
    /// The pages.
    pub pages: Vec<CardView>,
}

/// `tags.html`: the index of tags.
#[derive(Debug, Serialize)]
pub(crate) struct TagIndexView {
    /// The frame.
    #[serde(flatten)]
    pub frame: FrameView,
    /// The tags.
    pub tags: Vec<TagCountView>,
}

/// `404.html`: the page a missing URL gets.
#[derive(Debug, Serialize)]
pub(crate) struct NotFoundView {
    /// The frame.
    #[serde(flatten)]
    pub frame: FrameView,
    /// The newest articles.
    pub latest: Vec<CardView>,
}

/// A page a component generates (`compare.html`).
#[derive(Debug, Serialize)]
pub(crate) struct GeneratedView {
    /// The frame.
    #[serde(flatten)]
    pub frame: FrameView,
    /// What the component shows, as HTML.
    pub content: String,
}

/// A section in a listing: its hub's card and how many articles it holds.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SectionCardView {
    /// The hub's title.
    pub title: String,
    /// The hub's URL.
    pub url: String,
    /// The hub's description, or empty.
    pub description: String,
    /// The hub's date.
    pub date: Option<DateView>,
    /// How many articles the section has (`t(key="article_count", n=…)` words it).
    pub article_count: usize,
}

/// A tag in the index of tags.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TagCountView {
    /// The tag as written.
    pub title: String,
    /// Its page's URL.
    pub url: String,
    /// How many pages carry it (`t(key="page_count", n=…)` words it).
    pub page_count: usize,
}

/// A section, as its hub page shows it.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct SectionView {
    /// The hub of the section above, if any.
    pub parent: Option<LinkView>,
    /// The sub-sections, in folder order.
    pub subsections: Vec<SectionCardView>,
}

/// What the home page lists in parts: its posts if it has any (its sections then show
/// on page 1 only), else its sections.
pub(crate) enum HomeListing {
    /// The posts.
    Posts(Vec<CardView>),
    /// The top-level sections.
    Sections(Vec<SectionCardView>),
}

impl Listing for HomeListing {
    fn len(&self) -> usize {
        match self {
            HomeListing::Posts(cards) => cards.len(),
            HomeListing::Sections(cards) => cards.len(),
        }
    }

    fn part(&self, range: std::ops::Range<usize>) -> Self {
        match self {
            HomeListing::Posts(cards) => HomeListing::Posts(cards.part(range)),
            HomeListing::Sections(cards) => HomeListing::Sections(cards.part(range)),
        }
    }
}

impl Paged for HomeView {
    type Listing = HomeListing;

    fn frame(&mut self) -> &mut FrameView {
        &mut self.frame
    }

    fn show(&mut self, part: HomeListing) {
        match part {
            HomeListing::Posts(cards) => self.posts = cards,
            HomeListing::Sections(cards) => self.clusters = cards,
        }
    }

    fn continued(&mut self) {
        self.frame.continued();
        self.body.continued();
        self.clusters.clear();
        self.latest.clear();
    }
}

impl Paged for HubView {
    type Listing = Groups;

    fn frame(&mut self) -> &mut FrameView {
        &mut self.frame
    }

    fn show(&mut self, part: Groups) {
        self.groups = part.0;
    }

    fn continued(&mut self) {
        self.frame.continued();
        self.body.continued();
        self.map.clear();
        self.section.subsections.clear();
    }
}

impl Paged for TagView {
    type Listing = Vec<CardView>;

    fn frame(&mut self) -> &mut FrameView {
        &mut self.frame
    }

    fn show(&mut self, part: Vec<CardView>) {
        self.pages = part;
    }

    fn continued(&mut self) {
        self.frame.continued();
    }
}

impl Paged for TagIndexView {
    type Listing = Vec<TagCountView>;

    fn frame(&mut self) -> &mut FrameView {
        &mut self.frame
    }

    fn show(&mut self, part: Vec<TagCountView>) {
        self.tags = part;
    }

    fn continued(&mut self) {
        self.frame.continued();
    }
}
