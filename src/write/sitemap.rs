//! `sitemap.xml`: every page with the date it last changed.

use crate::html::escape;
use crate::link::Links;
use crate::model::Site;
use crate::render::OutputFile;

/// The sitemap of every page, tag page and generated page (compare pages, the tag
/// index), sorted by URL.
pub fn sitemap(site: &Site, links: &Links, files: &[OutputFile]) -> OutputFile {
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
    entries.extend(
        links
            .tags
            .keys()
            .map(|slug| (site.urls.absolute(&format!("tags/{slug}/")), None)),
    );
    entries.extend(
        files
            .iter()
            .filter_map(|f| f.path.strip_suffix("index.html"))
            .filter(|dir| dir.starts_with("compare/") || *dir == "tags/")
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
    OutputFile::new("sitemap.xml", xml)
}
