//! What templates see: small, serialisable views of the site and of one page.
//!
//! Templates get only what they show, never the whole site, so rendering a page costs
//! the same on a site of ten pages or ten thousand.

use serde::Serialize;

use super::paginate::PagerView;
use super::sidebar::Sidebar;
use crate::i18n::Strings;
use crate::model::{Date, Page, PageId, Site};

/// The site-wide values every template gets as `site`.
#[derive(Debug, Serialize)]
pub(crate) struct SiteView {
    /// The site title.
    pub title: String,
    /// The site description.
    pub description: String,
    /// The content language (`en`).
    pub language: String,
    /// Which way the language is written: `ltr` or `rtl`.
    pub direction: &'static str,
    /// The path prefix the site is served under (`/` or `/guide/`); assets hang off it.
    pub root: String,
    /// The home page of the page's language tree (`/fr/`; `root` for the default
    /// language): links to the home page, the tag index and the search page hang off it.
    pub home: String,
    /// Header navigation.
    pub nav: Vec<LinkView>,
    /// The URL of the site's Atom feed.
    pub feed_url: String,
    /// Anything else from `site.yaml`'s `extra`.
    pub extra: std::collections::BTreeMap<String, serde_json::Value>,
}

/// A page's social card (`social_cards` in `site.yaml`), for its Open Graph tags.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SocialCardView {
    /// The image's absolute URL (`og:image` must be absolute).
    pub url: String,
    /// Its width in pixels.
    pub width: u32,
    /// Its height in pixels.
    pub height: u32,
    /// Its text alternative: the page's title, which the card shows.
    pub alt: String,
}

impl SocialCardView {
    /// The card of `page`, if the site draws cards.
    pub(crate) fn of(site: &Site, page: &Page) -> Option<SocialCardView> {
        site.config.social_cards.then(|| SocialCardView {
            url: site
                .urls
                .absolute(&crate::urls::social_card(&page.site_path)),
            width: crate::social::WIDTH,
            height: crate::social::HEIGHT,
            alt: page.title.clone(),
        })
    }
}

/// A link: text and URL.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct LinkView {
    /// The link text.
    pub title: String,
    /// The URL.
    pub url: String,
}

/// A page in a listing: title, URL, description and when.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct CardView {
    /// The page title.
    pub title: String,
    /// Its URL.
    pub url: String,
    /// Its description, or empty.
    pub description: String,
    /// The label of its kind, or empty.
    pub kind: String,
    /// When it was published.
    pub date: Option<DateView>,
}

/// A date for people and for machines.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DateView {
    /// `2026-05-27`.
    pub iso: String,
    /// `27 May 2026`.
    pub human: String,
}

impl DateView {
    /// `d` for machines, and for people in the words of `strings`.
    pub(crate) fn new(d: Date, strings: &Strings) -> Self {
        DateView {
            iso: d.iso(),
            human: strings.date(d),
        }
    }
}

/// A group of cards under a heading (a hub's articles of one kind).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct GroupView {
    /// The heading.
    pub label: String,
    /// The pages.
    pub pages: Vec<CardView>,
}

/// One entry of a table of contents.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TocEntry {
    /// 2 for `##`, 3 for `###`.
    pub level: u8,
    /// The heading id.
    pub id: String,
    /// The heading text.
    pub text: String,
}

/// A question and its answer, rendered.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct FaqView {
    /// The question.
    pub question: String,
    /// The answer as HTML.
    pub answer: String,
}

/// A source the page names, ready to show.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SourceView {
    /// The title of the work.
    pub title: String,
    /// "author, publisher, date" as far as known.
    pub byline: String,
    /// A link to it, if given and safe.
    pub url: Option<String>,
}

/// Everything a page template shows, as `page`. Sections a page does not have are empty.
#[derive(Debug, Default, Serialize)]
pub(crate) struct PageView {
    /// The title.
    pub title: String,
    /// The meta description (the page's, or the site's).
    pub description: String,
    /// The page's own description, shown under the title; empty if it has none.
    pub lead: String,
    /// The page URL, from the host root.
    pub url: String,
    /// The absolute URL, for canonical links and social cards.
    pub permalink: String,
    /// The kind id, or empty.
    pub kind: String,
    /// The kind label, or empty.
    pub kind_label: String,
    /// When first published.
    pub date: Option<DateView>,
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
    /// Home › cluster › page (the last one is this page).
    pub breadcrumbs: Vec<LinkView>,
    /// The previous article in the cluster.
    pub prev: Option<LinkView>,
    /// The next article in the cluster.
    pub next: Option<LinkView>,
    /// Related articles.
    pub related: Vec<CardView>,
    /// Pages that link here (the first 20, by title).
    pub backlinks: Vec<LinkView>,
    /// How many more pages link here than `backlinks` lists.
    pub backlinks_more: usize,
    /// The cluster this page belongs to.
    pub cluster: Option<LinkView>,
    /// Other articles of the cluster.
    pub more_in_cluster: Vec<LinkView>,
    /// A hub's articles grouped by kind.
    pub groups: Vec<GroupView>,
    /// A hub's cluster map: an inline SVG and its key, as HTML; empty elsewhere.
    pub map: String,
    /// The home page's clusters (description = hub description).
    pub clusters: Vec<CardView>,
    /// The home page's latest articles; a tag page's pages.
    pub pages: Vec<CardView>,
    /// The home page's posts (`Site::posts`), newest first, in parts of `paginate`.
    pub posts: Vec<CardView>,
    /// Scripts the page needs, as URLs.
    pub scripts: Vec<String>,
    /// Structured data, ready to go inside `<script type="application/ld+json">`.
    pub json_ld: String,
    /// The page's Atom feed, if it has one (hubs).
    pub feed_url: Option<String>,
    /// The hubs of the sections above the page, outermost first (for a hub: above
    /// its own section).
    pub ancestors: Vec<LinkView>,
    /// The section a hub heads: its parent and its sub-sections.
    pub section: Option<SectionView>,
    /// The front matter's `extra` mapping, for themes.
    pub extra: std::collections::BTreeMap<String, serde_json::Value>,
    /// The sidebar: the branch of the section tree the page is on, flattened.
    pub sidebar: Sidebar,
    /// The pager of a listing shown in parts (a hub, the home page, a tag page).
    pub pager: Option<PagerView>,
    /// Where the page's source is edited (`edit_url` in site.yaml), if set.
    pub edit_url: Option<String>,
    /// Link previews of the pages the body links to, as JSON for a
    /// `<script type="application/json">` (already safe there); empty if none.
    pub previews: String,
    /// The page's social card, if the site draws them.
    pub social_card: Option<SocialCardView>,
    /// On a translation whose original changed since it was made (`translated_from`):
    /// the original, in its language.
    pub stale_original: Option<crate::translations::TranslationView>,
    /// On a site in several languages, the page in each language (or that language's
    /// home page), for `hreflang` links and the language switcher; else empty.
    pub translations: Vec<crate::translations::TranslationView>,
}

/// A section, as its hub page shows it.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct SectionView {
    /// The hub of the section above, if any.
    pub parent: Option<LinkView>,
    /// The sub-sections (their hubs), in folder order, each with its article count.
    pub subsections: Vec<CardView>,
}

/// Views of pages, shared by everything that lists them.
pub(super) struct Views<'a> {
    /// The site.
    pub site: &'a Site,
}

impl<'a> Views<'a> {
    /// The URL of a page.
    pub(super) fn url(&self, id: PageId) -> String {
        self.site.urls.path(&self.site.pages[id].site_path)
    }

    /// A link to a page.
    pub(super) fn link(&self, id: PageId) -> LinkView {
        LinkView {
            title: self.site.pages[id].title.clone(),
            url: self.url(id),
        }
    }

    /// A card for a page.
    pub(super) fn card(&self, id: PageId) -> CardView {
        let page: &Page = &self.site.pages[id];
        CardView {
            title: page.title.clone(),
            url: self.url(id),
            description: page.front.description.clone().unwrap_or_default(),
            kind: self.site.kind_label(page).unwrap_or_default().to_string(),
            date: page
                .front
                .date
                .map(|d| DateView::new(d, &self.site.strings)),
        }
    }
}
