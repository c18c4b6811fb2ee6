//! `sitemap.xml`: every page with the date it last changed, in parts on a large site.

use std::collections::HashSet;

use crate::html::escape;
use crate::model::Site;
use crate::output::OutputFile;
use crate::urls;

/// How many URLs one sitemap file lists; a larger site gets a sitemap index.
const URLS_PER_FILE: usize = 1000;

/// The sitemap of every page and every page the build generates (tag pages, the tag
/// index, compare pages, the later pages of long listings; not the search page),
/// sorted by URL. `files` are the rendered pages. Up to 1,000 URLs it is one
/// `sitemap.xml`; past that `sitemap.xml` is an index of `sitemap-1.xml`,
/// `sitemap-2.xml`… of 1,000 URLs each.
pub fn sitemap(site: &Site, files: &[OutputFile]) -> Vec<OutputFile> {
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
    if entries.len() <= URLS_PER_FILE {
        return vec![OutputFile::new(urls::SITEMAP, urlset(&entries))];
    }
    // Past the limit, sitemap.xml is an index of parts, so no file grows with the site.
    let parts: Vec<&[(String, Option<String>)]> = entries.chunks(URLS_PER_FILE).collect();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut files = Vec::with_capacity(parts.len() + 1);
    for (i, part) in parts.iter().enumerate() {
        let path = urls::sitemap_part(i + 1);
        index.push_str("  <sitemap><loc>");
        index.push_str(&escape(&site.urls.absolute(&path)));
        index.push_str("</loc></sitemap>\n");
        files.push(OutputFile::new(path, urlset(part)));
    }
    index.push_str("</sitemapindex>\n");
    files.insert(0, OutputFile::new(urls::SITEMAP, index));
    files
}

/// A `<urlset>` of `entries` (URL and last change).
fn urlset(entries: &[(String, Option<String>)]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (url, lastmod) in entries {
        xml.push_str("  <url>\n    <loc>");
        xml.push_str(&escape(url));
        xml.push_str("</loc>\n");
        if let Some(date) = lastmod {
            xml.push_str(&format!("    <lastmod>{date}</lastmod>\n"));
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}
