//! `sitemap.xml`: every page with the date it last changed, in parts on a large site.

use std::collections::HashSet;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::output::OutputFile;
use crate::render::Templates;
use crate::urls;

/// How many URLs one sitemap file lists; a larger site gets a sitemap index.
const URLS_PER_FILE: usize = 250;

/// The sitemap of every page and every page the build generates (tag pages, the tag
/// index, compare pages, the later pages of long listings; not the search page),
/// sorted by URL. `files` are the rendered pages. Up to 250 URLs it is one
/// `sitemap.xml`; past that `sitemap.xml` is an index of `sitemap-1.xml`,
/// `sitemap-2.xml`… of 250 URLs each (about 30 KB: no larger than a page, so no file grows
/// with the site).
pub(super) fn sitemap(
    site: &Site,
    templates: &Templates,
    files: &[OutputFile],
) -> Result<Vec<OutputFile>, Diagnostic> {
    let mut entries: Vec<Entry> = site
        .pages
        .par_iter()
        .map(|p| Entry {
            loc: site.urls.absolute(&p.site_path),
            lastmod: p.last_changed().map(|d| d.iso()),
        })
        .collect();
    let markdown: HashSet<&str> = site.pages.iter().map(|p| p.site_path.as_str()).collect();
    entries.extend(
        files
            .iter()
            .filter_map(|f| f.path.strip_suffix("index.html"))
            .filter(|dir| !markdown.contains(dir) && *dir != urls::SEARCH)
            .map(|dir| Entry {
                loc: site.urls.absolute(dir),
                lastmod: None,
            }),
    );
    entries.par_sort();
    entries.dedup();
    if entries.len() <= URLS_PER_FILE {
        return Ok(vec![urlset(templates, urls::SITEMAP, &entries)?]);
    }
    // Past the limit, sitemap.xml is an index of parts, so no file grows with the site;
    // the parts are made on every core (a site of 10,000 pages has 45).
    let mut files = entries
        .par_chunks(URLS_PER_FILE)
        .enumerate()
        .map(|(i, part)| urlset(templates, &urls::sitemap_part(i + 1), part))
        .collect::<Result<Vec<_>, _>>()?;
    let sitemaps: Vec<Part> = (1..=files.len())
        .map(|i| Part {
            loc: site.urls.absolute(&urls::sitemap_part(i)),
        })
        .collect();
    let mut context = Context::new();
    context.insert("sitemaps", &sitemaps);
    let index = templates.render(INDEX_TEMPLATE, &context)?;
    files.insert(0, OutputFile::new(urls::SITEMAP, index));
    Ok(files)
}

/// The template of a list of URLs (`sitemap.xml`, or a part of a large site's).
const URLSET_TEMPLATE: &str = "sitemap.xml";

/// The template of the sitemap index of a large site.
const INDEX_TEMPLATE: &str = "sitemap_index.xml";

/// A URL of the sitemap and the day it last changed (`YYYY-MM-DD`), if known; the
/// template gets them as `entries`.
#[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
struct Entry {
    loc: String,
    lastmod: Option<String>,
}

/// A part of a large site's sitemap, as the index lists it (`sitemaps`).
#[derive(Serialize)]
struct Part {
    loc: String,
}

/// The file at `path` listing `entries`.
fn urlset(templates: &Templates, path: &str, entries: &[Entry]) -> Result<OutputFile, Diagnostic> {
    let mut context = Context::new();
    context.insert("entries", entries);
    Ok(OutputFile::new(
        path,
        templates.render(URLSET_TEMPLATE, &context)?,
    ))
}
