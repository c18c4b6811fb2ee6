//! An edit of one article's front matter that leaves the article where it was (its
//! URL, its section, no aliases): its title, description, tags, date, `related`,
//! weight. The model and the link graph have been made again with every check of a
//! full build (see [`super::site`]); other pages show the article in a few places only,
//! and only those are rendered again ([`scope`]):
//! - the article, and the pages whose link-stage lists changed
//!   ([`link::changed_pages`]: related pages, neighbours, backlinks);
//! - the pages whose links, backlinks, related pages, neighbours or term links name it
//!   (their previews and cards show its title and description);
//! - the home page, and the hubs of its section and of every section above (their
//!   listings, maps and counts);
//! - the pages whose sidebar reads otherwise (the window of its section's list around
//!   each page), and the articles of its section that list it, or other articles, as
//!   more of the section ([`render::more_in_section`]);
//! - when its title changed, the pages whose component blocks render otherwise;
//! - the pages of the tags it had or has, and the index of tags;
//! - the sitemap, the site's feed and the feeds of its section and those above.
//!
//! A listing rendered again may have fewer parts, and a tag no page has any more no
//! page: their old files go ([`render`]). The other files stay as they were.

use std::collections::HashSet;

use rayon::prelude::*;

use super::site::{ancestors, blocks_differ, listing};
use super::{Failed, Rebuilt};
use crate::diagnostics::Diagnostics;
use crate::link::{self, Links};
use crate::model::{ClusterId, PageId, PageKey, PageRole, Site};
use crate::pipeline::SiteState;
use crate::render::{self, Sidebars};
use crate::{urls, write};

/// What an edit of one article's front matter (or by which articles come or go, see
/// [`super::moved`]) renders again.
pub(super) struct Scope {
    /// The markdown pages, by id.
    pub(super) pages: Vec<PageId>,
    /// The tags whose pages are rendered again, by slug.
    pub(super) tags: HashSet<String>,
    /// The sections whose feeds are made again.
    pub(super) sections: HashSet<ClusterId>,
    /// The site paths of the pages that went, whose files go.
    pub(super) gone: HashSet<String>,
}

/// What to render again after the edit of `edited`, if it is one article whose front
/// matter changed and nothing else that other pages show (see the module's comment);
/// `None` when the edit reaches further (then [`super::site`] renders every page that
/// may show it, and every site-wide file).
pub(super) fn scope(old: &SiteState, new: &SiteState, edited: &[PageKey]) -> Option<Scope> {
    let [key] = edited else {
        return None;
    };
    let (before, after) = (&old.site, &new.site);
    if after.config.social_cards
        || !link::same_keys(before, after)
        || !same_sections(before, after)
        || after
            .config
            .nav
            .iter()
            .any(|i| i.url.strip_prefix("@/") == Some(key.0))
    {
        return None;
    }
    let id = after.page(*key)?;
    let (a, b) = (&before.pages[id], &after.pages[id]);
    let PageRole::Article(c) = b.role else {
        return None;
    };
    if a.role != b.role
        || a.site_path != b.site_path
        || !a.front.aliases.is_empty()
        || !b.front.aliases.is_empty()
    {
        return None;
    }
    let listed = listing(after, c)?;
    // Every other page reads as it did: its file did not change (then, unless its
    // dates come from git, its front matter is what it was: not compared field by field).
    let git = after.config.git_dates;
    let others_same = (0..after.pages.len()).filter(|&p| p != id).all(|p| {
        let (x, y) = (&before.pages[p], &after.pages[p]);
        let same_front = (!git && x.source.same_text(&y.source)) || x.front == y.front;
        x.title == y.title && x.role == y.role && same_front
    });
    if !others_same {
        return None;
    }
    let tags = tags_of(&old.links, id)
        .chain(tags_of(&new.links, id))
        .map(str::to_string)
        .collect::<HashSet<String>>();
    // A tag's name is as its first page writes it, and every page of the tag shows it.
    let renamed =
        tags.iter().any(
            |slug| match (old.links.tags.get(slug), new.links.tags.get(slug)) {
                (Some(x), Some(y)) => x.name != y.name,
                _ => false,
            },
        );
    if renamed {
        return None;
    }
    let mut marked = vec![false; after.pages.len()];
    let (old_links, new_links) = (old.linked(), new.linked());
    for p in link::changed_pages(old_links, new_links, edited) {
        marked[p] = true;
    }
    marked[id] = true;
    if let Some(home) = after.home {
        marked[home] = true;
    }
    let sections: HashSet<ClusterId> = ancestors(after, c).collect();
    for &s in &sections {
        if let Some(hub) = after.clusters[s].hub {
            marked[hub] = true;
        }
    }
    let (sidebars_before, sidebars_after) = (Sidebars::new(before), Sidebars::new(after));
    let retitled = a.title != b.title;
    // Each page on every core: comparing component blocks renders them twice.
    marked.par_iter_mut().enumerate().for_each(|(p, mark)| {
        if *mark {
            return;
        }
        let shows_its_list = after.pages[p]
            .cluster()
            .is_some_and(|pc| ancestors(after, pc).any(|s| s == listed));
        // An article lists the articles around it in its section's reading order.
        let more = |site: &Site| match site.pages[p].role {
            PageRole::Article(pc) if pc == c => Some(render::more_in_section(site, c, p)),
            _ => None,
        };
        let (more_before, more_after) = (more(before), more(after));
        let lists_it = |more: &Option<Vec<PageId>>| more.as_ref().is_some_and(|m| m.contains(&id));
        *mark = (shows_its_list && sidebars_before.for_page(p) != sidebars_after.for_page(p))
            || more_before != more_after
            || lists_it(&more_before)
            || lists_it(&more_after)
            || link::names(&new.links, p, id)
            || link::names(&old.links, p, id)
            || (retitled && blocks_differ(old, new, p));
    });
    Some(Scope {
        pages: (0..marked.len()).filter(|&p| marked[p]).collect(),
        tags,
        sections,
        gone: HashSet::new(),
    })
}

/// Renders what `scope` says, from `new` (the state after the edit; `old` is the
/// state before, of which only its files' paths are read), with `problems` the
/// diagnostics of the edited site. The set of output paths is updated in place, by
/// what the edit made and what went: no step walks every file of the site.
pub(super) fn render(
    mut old: SiteState,
    mut new: SiteState,
    scope: Scope,
    problems: Diagnostics,
) -> Option<Result<Rebuilt, Failed>> {
    let mut outputs = std::mem::take(&mut old.outputs);
    let (site, links, components, templates) =
        (&new.site, &new.links, &new.components, &new.templates);
    let mut files = render::render_pages(site, links, components, templates, &scope.pages).ok()?;
    let tags = |slug: &str| scope.tags.contains(slug);
    files.extend(render::generated_with_tags(site, links, components, templates, tags).ok()?);
    // What may go, unless made again: every part of the listings rendered again (they
    // may have fewer parts now, and a tag no page has any more no page), the files of
    // the pages that went (a page may have their URL now), and the sitemap's parts.
    let mut removed = Vec::new();
    let paths = &mut outputs.paths;
    let listings = (scope.pages.iter().map(|&p| site.pages[p].site_path.clone()))
        .chain(scope.tags.iter().map(|slug| urls::tag(slug)))
        .chain([urls::TAGS.to_string()]);
    for listing in listings {
        let parts = (1..).map(|n| urls::index_file(&urls::listing_page(&listing, n)));
        take_while_there(paths, parts, &mut removed);
    }
    for path in &scope.gone {
        let files = [urls::index_file(path), urls::markdown_file(path)];
        removed.extend(files.into_iter().filter(|file| paths.remove(file)));
    }
    let sitemaps = std::iter::once(urls::SITEMAP.to_string()).chain((1..).map(urls::sitemap_part));
    take_while_there(paths, sitemaps, &mut removed);
    paths.extend(files.iter().map(|f| f.path.clone()));
    // The sitemap lists every page, generated ones too: only its parts whose entries
    // changed are made again.
    let every_path = outputs.paths.iter().map(String::as_str);
    let touched = write::Touched {
        pages: &scope.pages,
        made: files.iter().map(|f| f.path.as_str()).collect(),
        removed: &removed,
    };
    let kept = &mut outputs.sitemap;
    let sitemap = write::update_sitemap(site, templates, every_path, kept, touched).ok()?;
    outputs.paths.extend(sitemap.paths);
    files.extend(sitemap.files);
    let sections = |c| scope.sections.contains(&c);
    let mut site_files = write::feeds(site, templates, sections).ok()?;
    // `llms.txt` lists every page with its title.
    site_files.extend(write::machine_files(site, components));
    outputs
        .paths
        .extend(site_files.iter().map(|f| f.path.clone()));
    files.extend(site_files);
    let gone = removed
        .into_iter()
        .filter(|path| !outputs.paths.contains(path))
        .collect();
    new.outputs = outputs;
    Some(Ok(Rebuilt {
        state: new,
        files,
        gone,
        diagnostics: problems.into_sorted(),
        _replaced: Some(Box::new(old)),
    }))
}

/// Takes `paths` out of `outputs` into `removed`, in order, up to the first that is not
/// there (the parts of a listing, or of the sitemap, are numbered from 1 without gaps).
fn take_while_there(
    outputs: &mut HashSet<String>,
    paths: impl Iterator<Item = String>,
    removed: &mut Vec<String>,
) {
    for path in paths {
        if !outputs.remove(&path) {
            return;
        }
        removed.push(path);
    }
}

/// Do `a` and `b` have the same sections, each with the same hub, above and below?
pub(super) fn same_sections(a: &Site, b: &Site) -> bool {
    a.clusters.len() == b.clusters.len()
        && a.clusters.iter().zip(&b.clusters).all(|(x, y)| {
            x.slug == y.slug
                && x.hub == y.hub
                && x.parent == y.parent
                && x.subsections == y.subsections
        })
}

/// The slugs of the tags page `id` has in `links`.
fn tags_of(links: &Links, id: PageId) -> impl Iterator<Item = &str> {
    links
        .tags
        .iter()
        .filter(move |(_, tag)| tag.pages.contains(&id))
        .map(|(slug, _)| slug.as_str())
}
