//! Atom feeds: one for the site, one per section with a hub page.
//!
//! A feed's alternate link is its section's page, so a folder without an `_index.md`,
//! which has no page, has no feed either (its articles are in the site's feed).

use serde::Serialize;
use tera::Context;

use crate::config::FeedAlias;
use crate::diagnostics::Diagnostic;
use crate::model::{ClusterId, Page, PageId, Site};
use crate::output::OutputFile;
use crate::render::{self, Templates};
use crate::urls;

/// The site's feed, `atom.xml`: the newest dated articles.
pub(super) fn site_feed(site: &Site, templates: &Templates) -> Result<OutputFile, Diagnostic> {
    let ids: Vec<PageId> = (0..site.pages.len()).collect();
    let title = site.config.title.clone();
    let home = Home {
        site_path: "",
        page: site.home,
    };
    feed(site, templates, urls::SITE_FEED, &home, &title, ids)
}

/// One feed per section with a hub page that `section` says yes to (every one, in a
/// full build), `<section>/atom.xml`: the newest dated articles of the section and of
/// the sections below it. The first template error stops them all.
pub(super) fn cluster_feeds(
    site: &Site,
    templates: &Templates,
    section: impl Fn(ClusterId) -> bool,
) -> Result<Vec<OutputFile>, Diagnostic> {
    site.clusters
        .iter()
        .enumerate()
        .filter(|&(c, cluster)| cluster.hub.is_some() && section(c))
        .map(|(c, cluster)| {
            let title = format!("{} — {}", site.cluster_title(c), site.config.title);
            let site_path = cluster.site_path();
            let home = Home {
                site_path: &site_path,
                page: cluster.hub,
            };
            let path = urls::feed(&site_path);
            feed(
                site,
                templates,
                &path,
                &home,
                &title,
                articles_within(site, c),
            )
        })
        .collect()
}

/// A copy of each feed under each alias (`guides/atom.xml` → `guides/index.xml`), so
/// the feed URLs of a site imported from another generator keep answering.
pub(super) fn copies_under_aliases(feeds: &[OutputFile], aliases: &[FeedAlias]) -> Vec<OutputFile> {
    feeds
        .iter()
        .flat_map(|feed| {
            let folder = feed.path.strip_suffix(urls::SITE_FEED).unwrap_or("");
            aliases.iter().map(move |alias| {
                OutputFile::new(format!("{folder}{}", alias.0), feed.bytes.clone())
            })
        })
        .collect()
}

/// The articles of section `cluster` and of every section below it.
fn articles_within(site: &Site, cluster: ClusterId) -> Vec<PageId> {
    let mut ids = Vec::new();
    let mut sections = vec![cluster];
    while let Some(c) = sections.pop() {
        ids.extend(&site.clusters[c].articles);
        sections.extend(&site.clusters[c].subsections);
    }
    ids
}

/// The page a feed is the feed of: its site path, and the page there.
struct Home<'a> {
    site_path: &'a str,
    page: Option<PageId>,
}

/// What `atom.xml` renders: a feed and its entries, with absolute URLs, and times as
/// `YYYY-MM-DDT00:00:00Z`. Text is as written; the template escapes it.
#[derive(Serialize)]
struct FeedView<'a> {
    language: &'a str,
    title: &'a str,
    /// The feed's own URL.
    url: String,
    /// The URL of the page it is the feed of (also its id).
    home: String,
    updated: String,
    entries: Vec<EntryView<'a>>,
}

/// One entry of a [`FeedView`].
#[derive(Serialize)]
struct EntryView<'a> {
    title: &'a str,
    url: String,
    published: Option<String>,
    updated: Option<String>,
    author: Option<&'a str>,
    summary: Option<&'a str>,
}

/// The template feeds are rendered with.
const TEMPLATE: &str = "atom.xml";

fn feed(
    site: &Site,
    templates: &Templates,
    path: &str,
    home: &Home,
    title: &str,
    ids: Vec<PageId>,
) -> Result<OutputFile, Diagnostic> {
    let ids = render::newest(site, ids.into_iter(), site.config.feed_limit);
    // The feed changes when its newest entry does (or, with none, its page): no build
    // timestamps.
    let updated = ids
        .iter()
        .filter_map(|&p| site.pages[p].last_changed())
        .max()
        .or_else(|| home.page.and_then(|p| site.pages[p].last_changed()))
        .map_or_else(|| "1970-01-01".to_string(), |d| d.iso());
    let view = FeedView {
        language: &site.config.language,
        title,
        url: site.urls.absolute(path),
        home: site.urls.absolute(home.site_path),
        updated: timestamp(&updated),
        entries: ids.iter().map(|&p| entry(site, &site.pages[p])).collect(),
    };
    let mut context = Context::new();
    context.insert("feed", &view);
    Ok(OutputFile::new(path, templates.render(TEMPLATE, &context)?))
}

/// The feed entry of `page`.
fn entry<'a>(site: &'a Site, page: &'a Page) -> EntryView<'a> {
    EntryView {
        title: &page.title,
        url: site.urls.absolute(&page.site_path),
        published: page.front.date.map(|d| timestamp(&d.iso())),
        updated: page.last_changed().map(|d| timestamp(&d.iso())),
        author: page
            .front
            .author
            .as_ref()
            .or(site.config.author.as_ref())
            .map(String::as_str),
        summary: page.front.description.as_deref(),
    }
}

/// The Atom time of the day `iso` (`YYYY-MM-DD`): its start, in UTC.
fn timestamp(iso: &str) -> String {
    format!("{iso}T00:00:00Z")
}
