//! What templates see: small, serialisable views of the site and of the things a page
//! shows (links, cards, dates, FAQ entries); each template's own `page` is in
//! [`super::views`].
//!
//! Templates get only what they show, never the whole site, so rendering a page costs
//! the same on a site of ten pages or ten thousand.

use serde::Serialize;

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
    /// The label of its kind (`site.yaml`'s `kinds`), or empty.
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
