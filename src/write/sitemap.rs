//! `sitemap.xml`: every page with the date it last changed.

use std::collections::HashSet;

use crate::html::escape;
use crate::model::Site;
use crate::output::OutputFile;
use crate::urls;

/// The sitemap of every page and every page the build generates (tag pages, the tag
/// index, compare pages; not the search page), sorted by URL. `files` are the
/// rendered pages.
pub fn sitemap(site: &Site, files: &[OutputFile]) -> OutputFile {
    let mut entries: Vec<(String, Option<String>)> = site
        .pages
        .iter()
        .map(|p| {
            (
                site.urls.absolute(&p.site_path),
                p.last_changed().map(|d| d.iso()),
            )
        })
        .collect();
    let markdown: HashSet<&str> = site.pages.iter().map(|p| p.site_path.as_str()).collect();
    entries.extend(
        files
            .iter()
            .filter_map(|f| f.path.strip_suffix("index.html"))
            .filter(|dir| !markdown.contains(dir) && *dir != urls::SEARCH)
            .map(|dir| (site.urls.absolute(dir), None)),
    );
    entries.sort();
    entries.dedup();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (url, lastmod) in entries {
        xml.push_str("  <url>\n    <loc>");
        xml.push_str(&escape(&url));
        xml.push_str("</loc>\n");
        if let Some(date) = lastmod {
            xml.push_str(&format!("    <lastmod>{date}</lastmod>\n"));
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    OutputFile::new(urls::SITEMAP, xml)
}
