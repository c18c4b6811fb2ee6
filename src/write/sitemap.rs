//! `sitemap.xml`: every page with the date it last changed, in parts on a large site.

use std::collections::{BTreeMap, HashMap, HashSet};

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::diagnostics::Diagnostic;
use crate::model::{PageId, Site};
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
    let made = update(
        site,
        templates,
        paths,
        &mut KeptSitemap::default(),
        Touched::default(),
    )?;
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

/// What an edit changed of the pages the sitemap lists (see [`update`]).
#[derive(Default)]
pub(crate) struct Touched<'a> {
    /// The markdown pages rendered again, by id (their dates may have changed).
    pub(crate) pages: &'a [PageId],
    /// The output paths of the files the edit made.
    pub(crate) made: Vec<&'a str>,
    /// The output paths of the files that may have gone (those also made stay).
    pub(crate) removed: &'a [String],
}

/// The sitemap (as [`sitemap`] makes it) of `site`, of which only the files that differ
/// from those of the sitemap `kept` holds are made; `kept` then holds the new one. Its
/// entries are `kept`'s, with those of the pages `touched` names made again, so an edit
/// costs what it touched; or, the first time, those of every page of `site` and of the
/// other pages at the output `paths`.
pub(crate) fn update<'a>(
    site: &Site,
    templates: &Templates,
    paths: impl Iterator<Item = &'a str>,
    kept: &mut KeptSitemap,
    touched: Touched,
) -> Result<Updated, Diagnostic> {
    let before = kept.entries.take();
    let old_len = before.as_ref().map(Vec::len);
    let (entries, same_place) = match before {
        Some(old) => patch(site, old, &touched),
        None => (entries(site, paths), Vec::new()),
    };
    let split = |len: usize| len > URLS_PER_FILE;
    let same_layout = old_len.map(split) == Some(split(entries.len()));
    let new_parts = parts(&entries);
    // A part is as it was if every entry in it is the one that was at its place, and the
    // part ended where it ends now.
    let old_len = old_len.unwrap_or(0);
    let changed = |i: usize| {
        let start = i * URLS_PER_FILE;
        let end = start + new_parts[i].len();
        let old_end = if split(old_len) {
            old_len.min(start + URLS_PER_FILE)
        } else {
            old_len
        };
        !same_layout || old_end != end || !same_place[start..end].iter().all(|&same| same)
    };
    let updated = if split(entries.len()) {
        // Past the limit, sitemap.xml is an index of parts, so no file grows with the
        // site; the parts are made on every core (a site of 10,000 pages has 41).
        let mut files = (0..new_parts.len())
            .into_par_iter()
            .filter(|&i| changed(i))
            .map(|i| urlset(templates, &urls::sitemap_part(i + 1), new_parts[i]))
            .collect::<Result<Vec<_>, _>>()?;
        if !same_layout || old_len.div_ceil(URLS_PER_FILE) != new_parts.len() {
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

/// The entries `old` with what `touched` changed: the entries of the pages at the paths
/// it removed go, those of the pages it made are made again. Also says of each entry
/// whether it is the one that was at its place in `old`.
fn patch(site: &Site, old: Vec<Entry>, touched: &Touched) -> (Vec<Entry>, Vec<bool>) {
    // By URL: `None` for an entry that goes, else the date of the one there now.
    let mut changes: BTreeMap<String, Option<Option<String>>> = BTreeMap::new();
    let dirs = |paths: &mut dyn Iterator<Item = &str>| -> Vec<String> {
        (paths.filter_map(|p| p.strip_suffix("index.html")))
            .map(str::to_string)
            .collect()
    };
    for dir in dirs(&mut touched.removed.iter().map(String::as_str)) {
        changes.insert(site.urls.absolute(&dir), None);
    }
    let pages: HashMap<&str, PageId> = (touched.pages.iter())
        .map(|&p| (site.pages[p].site_path.as_str(), p))
        .collect();
    for dir in dirs(&mut touched.made.iter().copied()) {
        let lastmod = match pages.get(dir.as_str()) {
            Some(&p) => site.pages[p].last_changed().map(|d| d.iso()),
            None if dir == urls::SEARCH => continue,
            None => None,
        };
        changes.insert(site.urls.absolute(&dir), Some(lastmod));
    }
    let mut entries = Vec::with_capacity(old.len() + changes.len());
    let mut same_place = Vec::with_capacity(old.len() + changes.len());
    let mut push = |entry: Entry, was_at: Option<usize>| {
        same_place.push(was_at == Some(entries.len()));
        entries.push(entry);
    };
    let mut changes = changes.into_iter().peekable();
    for (k, entry) in old.into_iter().enumerate() {
        // Entries new before this one.
        while let Some((loc, _)) = changes.peek()
            && *loc < entry.loc
        {
            if let Some((loc, Some(lastmod))) = changes.next() {
                push(Entry { loc, lastmod }, None);
            }
        }
        match changes.next_if(|(loc, _)| *loc == entry.loc) {
            None => push(entry, Some(k)),
            Some((_, None)) => {}
            Some((_, Some(lastmod))) if lastmod == entry.lastmod => push(entry, Some(k)),
            Some((loc, Some(lastmod))) => push(Entry { loc, lastmod }, None),
        }
    }
    for (loc, change) in changes {
        if let Some(lastmod) = change {
            push(Entry { loc, lastmod }, None);
        }
    }
    (entries, same_place)
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

    /// The sitemap served after `before`'s, updated to `after`'s as `touched` says:
    /// `before`'s files with those the update made, less those it no longer lists; and
    /// how many it made.
    fn served_after(
        before: &Site,
        after: &Site,
        touched: Touched,
    ) -> (BTreeMap<String, Vec<u8>>, usize) {
        let templates = Templates::new(&after.theme.templates, &after.strings).unwrap();
        let mut kept = KeptSitemap::default();
        let (tag, none) = ([TAG_PAGE].into_iter(), Touched::default());
        let first = update(before, &templates, tag, &mut kept, none).unwrap();
        let mut served: BTreeMap<String, Vec<u8>> =
            first.files.into_iter().map(|f| (f.path, f.bytes)).collect();
        assert_eq!(served, whole(before), "the first update makes every part");
        let next = update(after, &templates, [].into_iter(), &mut kept, touched).unwrap();
        let made = next.files.len();
        served.extend(next.files.into_iter().map(|f| (f.path, f.bytes)));
        served.retain(|path, _| next.paths.contains(path));
        (served, made)
    }

    /// The output files of every page of `site`.
    fn index_files(site: &Site) -> Vec<String> {
        site.pages
            .iter()
            .map(|p| urls::index_file(&p.site_path))
            .collect()
    }

    #[test]
    fn changed_dates_make_only_the_parts_listing_them() {
        let (before, after) = (articles(600, 0), articles(600, 300));
        let ids: Vec<PageId> = ["guides/a0000.md", "guides/a0300.md"]
            .iter()
            .map(|path| after.by_path[*path])
            .collect();
        let made = index_files(&after);
        let touched = Touched {
            pages: &ids,
            made: ids.iter().map(|&p| made[p].as_str()).collect(),
            removed: &[],
        };
        let (served, made) = served_after(&before, &after, touched);
        assert_eq!(served, whole(&after));
        assert_eq!(served.len(), 4, "the index and three parts");
        // The two articles' entries, one in each of two parts.
        assert_eq!(made, 2);
    }

    #[test]
    fn nothing_touched_makes_nothing() {
        let site = articles(300, 0);
        let (served, made) = served_after(&site, &site, Touched::default());
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
            let (before, after) = (articles(a, 0), articles(b, 0));
            let ids: Vec<PageId> = (0..after.pages.len()).collect();
            let (made, removed) = (index_files(&after), index_files(&before));
            let touched = Touched {
                pages: &ids,
                made: made.iter().map(String::as_str).chain([TAG_PAGE]).collect(),
                removed: &removed,
            };
            let (served, _) = served_after(&before, &after, touched);
            assert_eq!(served, whole(&after), "{a} articles, then {b}");
        }
    }

    #[test]
    fn a_page_that_goes_takes_its_entry() {
        let (before, after) = (articles(400, 0), articles(399, 0));
        let removed = vec![urls::index_file("guides/a0399/")];
        let touched = Touched {
            removed: &removed,
            ..Touched::default()
        };
        let (served, made) = served_after(&before, &after, touched);
        assert_eq!(served, whole(&after));
        assert_eq!(made, 1, "the last part");
    }
}
