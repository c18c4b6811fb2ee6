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
/// sorted by URL. `paths` are the output paths of the rendered pages. Up to 250 URLs it
/// is one `sitemap.xml`; past that `sitemap.xml` is an index of `sitemap-1.xml`,
/// `sitemap-2.xml`… of 250 URLs each (about 30 KB: no larger than a page, so no file
/// grows with the site).
pub(super) fn sitemap<'a>(
    site: &Site,
    templates: &Templates,
    paths: impl Iterator<Item = &'a str>,
) -> Result<Vec<OutputFile>, Diagnostic> {
    let made = update(site, templates, paths, &mut KeptSitemap::default())?;
    Ok(made.files)
}

/// The entries of the last sitemap made, kept by `pillar serve` so that an edit renders
/// again only the parts whose entries changed (at 10,000 pages, rendering all 41 parts
/// was a third of the site-wide files of a front-matter edit). Empty until the first
/// [`update`].
#[derive(Default)]
pub(crate) struct KeptSitemap {
    entries: Option<Vec<Entry>>,
}

/// What [`update`] made.
pub(crate) struct Updated {
    /// The files of the parts whose entries changed (and of the index, if the number of
    /// parts did): every file, the first time.
    pub(crate) files: Vec<OutputFile>,
    /// The paths of every file of the sitemap now, made or kept.
    pub(crate) paths: Vec<String>,
}

/// The sitemap (as [`sitemap`] makes it) of `site` and the other pages at the output
/// `paths`, of which only the files that differ from those of the sitemap `kept` holds
/// are made; `kept` then holds the new one.
pub(crate) fn update<'a>(
    site: &Site,
    templates: &Templates,
    paths: impl Iterator<Item = &'a str>,
    kept: &mut KeptSitemap,
) -> Result<Updated, Diagnostic> {
    let entries = entries(site, paths);
    let before = kept.entries.take();
    let split = |entries: &[Entry]| entries.len() > URLS_PER_FILE;
    let same_layout = before.as_deref().map(split) == Some(split(&entries));
    let (old_parts, new_parts) = (parts(before.as_deref().unwrap_or(&[])), parts(&entries));
    let changed = |i: usize| !same_layout || old_parts.get(i) != Some(&new_parts[i]);
    let updated = if split(&entries) {
        // Past the limit, sitemap.xml is an index of parts, so no file grows with the
        // site; the parts are made on every core (a site of 10,000 pages has 41).
        let mut files = (0..new_parts.len())
            .into_par_iter()
            .filter(|&i| changed(i))
            .map(|i| urlset(templates, &urls::sitemap_part(i + 1), new_parts[i]))
            .collect::<Result<Vec<_>, _>>()?;
        if !same_layout || old_parts.len() != new_parts.len() {
            files.insert(0, index(site, templates, new_parts.len())?);
        }
        let mut paths = vec![urls::SITEMAP.to_string()];
        paths.extend((1..=new_parts.len()).map(urls::sitemap_part));
        Updated { files, paths }
    } else {
        let made = changed(0).then(|| urlset(templates, urls::SITEMAP, &entries));
        Updated {
            files: made.transpose()?.into_iter().collect(),
            paths: vec![urls::SITEMAP.to_string()],
        }
    };
    kept.entries = Some(entries);
    Ok(updated)
}

/// `entries` in the parts of the sitemap: one, up to the limit, else parts of 250.
fn parts(entries: &[Entry]) -> Vec<&[Entry]> {
    match entries.len() {
        0..=URLS_PER_FILE => vec![entries],
        _ => entries.chunks(URLS_PER_FILE).collect(),
    }
}

/// The entries of every page of `site` and of every other page at the output `paths`,
/// sorted by URL.
fn entries<'a>(site: &Site, paths: impl Iterator<Item = &'a str>) -> Vec<Entry> {
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
        paths
            .filter_map(|path| path.strip_suffix("index.html"))
            .filter(|dir| !markdown.contains(dir) && *dir != urls::SEARCH)
            .map(|dir| Entry {
                loc: site.urls.absolute(dir),
                lastmod: None,
            }),
    );
    entries.par_sort();
    entries.dedup();
    entries
}

/// The sitemap index of a sitemap in `parts` parts.
fn index(site: &Site, templates: &Templates, parts: usize) -> Result<OutputFile, Diagnostic> {
    let sitemaps: Vec<Part> = (1..=parts)
        .map(|i| Part {
            loc: site.urls.absolute(&urls::sitemap_part(i)),
        })
        .collect();
    let mut context = Context::new();
    context.insert("sitemaps", &sitemaps);
    let index = templates.render(INDEX_TEMPLATE, &context)?;
    Ok(OutputFile::new(urls::SITEMAP, index))
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

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::model::test_support::site;

    /// A site of `n` dated articles in one section, article `dated` dated otherwise.
    fn articles(n: usize, dated: usize) -> Site {
        let mut files = vec![(
            "guides/_index.md".to_string(),
            "---\ntitle: Guides\n---\n".to_string(),
        )];
        for k in 0..n {
            let day = if k == dated { 2 } else { 1 };
            files.push((
                format!("guides/a{k:04}.md"),
                format!("---\ntitle: A {k}\ndate: 2024-01-0{day}\n---\nText.\n"),
            ));
        }
        let files: Vec<(&str, &str)> = files
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        site(&files)
    }

    /// A generated page beside the markdown pages, which the sitemap lists too.
    const TAG_PAGE: &str = "tags/x/index.html";

    /// The sitemap of `site`, made whole, by path.
    fn whole(site: &Site) -> BTreeMap<String, Vec<u8>> {
        let templates = Templates::new(&site.theme.templates, &site.strings).unwrap();
        let files = sitemap(site, &templates, [TAG_PAGE].into_iter()).unwrap();
        files.into_iter().map(|f| (f.path, f.bytes)).collect()
    }

    /// The sitemap served after `before`'s, updated to `after`'s: `before`'s files with
    /// those the update made, less those it no longer lists; and how many it made.
    fn served_after(before: &Site, after: &Site) -> (BTreeMap<String, Vec<u8>>, usize) {
        let templates = Templates::new(&after.theme.templates, &after.strings).unwrap();
        let mut kept = KeptSitemap::default();
        let first = update(before, &templates, [TAG_PAGE].into_iter(), &mut kept).unwrap();
        let mut served: BTreeMap<String, Vec<u8>> =
            first.files.into_iter().map(|f| (f.path, f.bytes)).collect();
        assert_eq!(served, whole(before), "the first update makes every part");
        let next = update(after, &templates, [TAG_PAGE].into_iter(), &mut kept).unwrap();
        let made = next.files.len();
        served.extend(next.files.into_iter().map(|f| (f.path, f.bytes)));
        served.retain(|path, _| next.paths.contains(path));
        (served, made)
    }

    #[test]
    fn changed_dates_make_only_the_parts_listing_them() {
        let (before, after) = (articles(600, 0), articles(600, 300));
        let (served, made) = served_after(&before, &after);
        assert_eq!(served, whole(&after));
        assert_eq!(served.len(), 4, "the index and three parts");
        // The two articles' entries, one in each of two parts.
        assert_eq!(made, 2);
    }

    #[test]
    fn nothing_changed_makes_nothing() {
        let site = articles(300, 0);
        let (served, made) = served_after(&site, &site);
        assert_eq!(served, whole(&site));
        assert_eq!(made, 0);
    }

    #[test]
    fn parts_that_come_and_go_follow_the_pages() {
        for (a, b) in [
            (600, 601),
            (601, 600),
            (300, 900),
            (900, 300),
            (300, 100),
            (100, 300),
        ] {
            let (served, _) = served_after(&articles(a, 0), &articles(b, 0));
            assert_eq!(served, whole(&articles(b, 0)), "{a} articles, then {b}");
        }
    }
}
