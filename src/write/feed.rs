//! Atom feeds: one for the site, one per section with a hub page.
//!
//! A feed's alternate link is its section's page, so a folder without an `_index.md`,
//! which has no page, has no feed either (its articles are in the site's feed).

use crate::html::escape;
use crate::link::newest_first;
use crate::model::{ClusterId, PageId, Site};
use crate::output::OutputFile;
use crate::urls;

/// The site's feed, `atom.xml`: the newest dated articles.
pub fn site_feed(site: &Site) -> OutputFile {
    let ids: Vec<PageId> = (0..site.pages.len()).collect();
    let title = site.config.title.clone();
    let home = Home {
        site_path: "",
        page: site.home,
    };
    feed(site, urls::SITE_FEED, &home, &title, ids)
}

/// One feed per section with a hub page, `<section>/atom.xml`: the newest dated
/// articles of the section and of the sections below it.
pub fn cluster_feeds(site: &Site) -> Vec<OutputFile> {
    site.clusters
        .iter()
        .enumerate()
        .filter(|(_, cluster)| cluster.hub.is_some())
        .map(|(c, cluster)| {
            let title = format!("{} — {}", site.cluster_title(c), site.config.title);
            let site_path = cluster.site_path();
            let home = Home {
                site_path: &site_path,
                page: cluster.hub,
            };
            let path = urls::feed(&site_path);
            feed(site, &path, &home, &title, articles_within(site, c))
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

fn feed(site: &Site, path: &str, home: &Home, title: &str, mut ids: Vec<PageId>) -> OutputFile {
    ids.retain(|&p| site.pages[p].is_article() && site.pages[p].front.date.is_some());
    ids.sort_by(|&a, &b| newest_first(&site.pages[a], &site.pages[b]));
    ids.truncate(site.config.feed_limit);
    // The feed changes when its newest entry does (or, with none, its page): no build
    // timestamps.
    let updated = ids
        .iter()
        .filter_map(|&p| site.pages[p].last_changed())
        .max()
        .or_else(|| home.page.and_then(|p| site.pages[p].last_changed()))
        .map_or_else(|| "1970-01-01".to_string(), |d| d.iso());
    let home = home.site_path;
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"",
    );
    xml.push_str(&format!(
        " xml:lang=\"{}\">\n",
        escape(&site.config.language)
    ));
    xml.push_str(&format!("  <title>{}</title>\n", escape(title)));
    xml.push_str(&format!(
        "  <id>{}</id>\n",
        escape(&site.urls.absolute(home))
    ));
    xml.push_str(&format!(
        "  <link rel=\"self\" href=\"{}\"/>\n  <link rel=\"alternate\" href=\"{}\"/>\n",
        escape(&site.urls.absolute(path)),
        escape(&site.urls.absolute(home))
    ));
    xml.push_str(&format!("  <updated>{updated}T00:00:00Z</updated>\n"));
    for &p in &ids {
        let page = &site.pages[p];
        let url = site.urls.absolute(&page.site_path);
        let author = page.front.author.as_ref().or(site.config.author.as_ref());
        xml.push_str("  <entry>\n");
        xml.push_str(&format!("    <title>{}</title>\n", escape(&page.title)));
        xml.push_str(&format!("    <id>{}</id>\n", escape(&url)));
        xml.push_str(&format!(
            "    <link rel=\"alternate\" href=\"{}\"/>\n",
            escape(&url)
        ));
        if let Some(date) = page.front.date {
            xml.push_str(&format!(
                "    <published>{}T00:00:00Z</published>\n",
                date.iso()
            ));
        }
        if let Some(date) = page.last_changed() {
            xml.push_str(&format!(
                "    <updated>{}T00:00:00Z</updated>\n",
                date.iso()
            ));
        }
        if let Some(author) = author {
            xml.push_str(&format!(
                "    <author><name>{}</name></author>\n",
                escape(author)
            ));
        }
        if let Some(description) = &page.front.description {
            xml.push_str(&format!("    <summary>{}</summary>\n", escape(description)));
        }
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    OutputFile::new(path, xml)
}
