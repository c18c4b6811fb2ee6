//! An edit by which articles come, go or move: a new file, a deleted one, a renamed one
//! (one goes, another comes), one drafted (it goes) or published again (it comes). The
//! model and the link graph have been made again with every check of a full build (see
//! [`super::site`]); the pages keep their keys but not their ids, so what they show is
//! compared by key. Only what may show the articles is rendered again ([`scope`]), as
//! for an edit of one article's front matter (see [`super::narrow`]):
//! - the articles that came, and the pages whose link-stage lists changed
//!   ([`link::changed_pages`]: backlinks, related pages, neighbours, links);
//! - the pages whose links, backlinks, related pages, neighbours or term links name one
//!   of them, before or after;
//! - the home page, and the hubs of their sections and of every section above;
//! - the pages whose sidebar reads otherwise, and the articles whose list of more of
//!   the section ([`render::more_in_section`]) names other pages;
//! - the pages whose component blocks render otherwise (where a data link may name a
//!   page that came or went: under `links: warn`, or when a draft came or went), or
//!   whose own links found other problems (a link to a draft that is gone now);
//! - the pages of the tags they have, and the index of tags;
//! - the sitemap, the site's feed and the feeds of their sections and those above.
//!
//! The files of the articles that went go with them ([`super::narrow::render`]).

use std::collections::HashSet;

use rayon::prelude::*;

use super::narrow::Scope;
use super::site::{ancestors, blocks_differ, listing};
use crate::config::LinkSeverity;
use crate::link::{self, Links};
use crate::markdown::slug::slugify;
use crate::model::{ClusterId, Page, PageId, PageKey, PageRole, Site};
use crate::pipeline::SiteState;
use crate::render::{self, Sidebars};

/// What to render again after the edit of the files `edited` (by key), if by it
/// articles came or went and nothing else changed that other pages show (see the
/// module's comment); `None` otherwise.
pub(super) fn scope(old: &SiteState, new: &SiteState, edited: &[PageKey]) -> Option<Scope> {
    let (before, after) = (&old.site, &new.site);
    if after.config.social_cards || !same_sections(before, after) {
        return None;
    }
    let came: Vec<PageId> = edited
        .iter()
        .filter(|k| before.page(**k).is_none())
        .filter_map(|k| after.page(*k))
        .collect();
    let went: Vec<PageId> = edited
        .iter()
        .filter(|k| after.page(**k).is_none())
        .filter_map(|k| before.page(*k))
        .collect();
    // A file neither model has a page for (a draft deleted) changes what links to it
    // find, and nothing else; one both have reads as it did (the watcher may name a
    // file again).
    let neither = |k: &PageKey| match (before.page(*k), after.page(*k)) {
        (None, None) => true,
        (Some(a), Some(b)) => reads_the_same(&before.pages[a], &after.pages[b]),
        _ => false,
    };
    let named_in_nav = |k: &PageKey| {
        let nav = after.config.nav.iter();
        nav.filter_map(|i| i.url.strip_prefix("@/"))
            .any(|u| u == k.0)
    };
    if came.len() + went.len() + edited.iter().filter(|k| neither(k)).count() != edited.len()
        || edited.iter().any(named_in_nav)
    {
        return None;
    }
    // The articles that come or go, in a section listed by a hub, read by no other page
    // through an alias or a glossary term.
    let moved = |site: &Site, p: PageId| -> Option<ClusterId> {
        let page = &site.pages[p];
        match page.role {
            PageRole::Article(c)
                if page.front.aliases.is_empty() && page.front.kind.as_deref() != Some("term") =>
            {
                listing(site, c).map(|_| c)
            }
            _ => None,
        }
    };
    let mut sections: HashSet<ClusterId> = HashSet::new();
    for &p in &came {
        sections.extend(ancestors(after, moved(after, p)?));
    }
    for &p in &went {
        sections.extend(ancestors(before, moved(before, p)?));
    }
    // Every other page reads as it did.
    let others_same = (0..after.pages.len())
        .filter(|p| !came.contains(p))
        .all(|p| {
            before
                .page(after.key(p))
                .is_some_and(|was| reads_the_same(&before.pages[was], &after.pages[p]))
        });
    if !others_same || before.pages.len() + came.len() != after.pages.len() + went.len() {
        return None;
    }
    let tags: HashSet<String> = came
        .iter()
        .map(|&p| &after.pages[p])
        .chain(went.iter().map(|&p| &before.pages[p]))
        .flat_map(|page| page.front.tags.iter().map(|t| slugify(t)))
        .filter(|slug| !slug.is_empty())
        .collect();
    if tags
        .iter()
        .any(|slug| renamed(&old.links, &new.links, slug))
    {
        return None;
    }
    let mut marked = vec![false; after.pages.len()];
    for p in link::changed_pages(old.linked(), new.linked(), edited) {
        marked[p] = true;
    }
    for &p in &came {
        marked[p] = true;
    }
    if let Some(home) = after.home {
        marked[home] = true;
    }
    for &s in &sections {
        if let Some(hub) = after.clusters[s].hub {
            marked[hub] = true;
        }
    }
    let listed: HashSet<ClusterId> = sections.iter().filter_map(|&s| listing(after, s)).collect();
    // A block shows the pages its data links to. A link to a page that came did not
    // resolve in the last good build, and one to a page that went does not now: an
    // error, unless the site only warns, or a link to a draft.
    let blocks_may_differ =
        after.config.links == LinkSeverity::Warn || before.drafts != after.drafts;
    let (sidebars_before, sidebars_after) = (Sidebars::new(before), Sidebars::new(after));
    let keys = |site: &Site, ids: Vec<PageId>| -> Vec<String> {
        ids.into_iter()
            .map(|p| site.pages[p].content_path.clone())
            .collect()
    };
    // Each page on every core: comparing component blocks renders them twice.
    marked.par_iter_mut().enumerate().for_each(|(p, mark)| {
        let Some(was) = before.page(after.key(p)) else {
            return;
        };
        if *mark {
            return;
        }
        let cluster = after.pages[p].cluster();
        let shows_a_list =
            cluster.is_some_and(|c| ancestors(after, c).any(|s| listed.contains(&s)));
        let more = |site: &Site, id: PageId| match site.pages[id].role {
            PageRole::Article(c) if sections.contains(&c) => {
                Some(keys(site, render::more_in_section(site, c, id)))
            }
            _ => None,
        };
        *mark = (shows_a_list && sidebars_before.for_page(was) != sidebars_after.for_page(p))
            || more(before, was) != more(after, p)
            || came.iter().any(|&c| link::names(&new.links, p, c))
            || went.iter().any(|&g| link::names(&old.links, was, g))
            || found_differs(&old.links, was, &new.links, p)
            || (blocks_may_differ && blocks_differ(old, new, p));
    });
    Some(Scope {
        pages: (0..marked.len()).filter(|&p| marked[p]).collect(),
        tags,
        sections,
        gone: went
            .iter()
            .map(|&p| before.pages[p].site_path.clone())
            .collect(),
    })
}

/// Does `b` read to other pages as `a` did: the same file, title, front matter, URL and
/// place (by section, whose id may differ)?
fn reads_the_same(a: &Page, b: &Page) -> bool {
    let place = |p: &Page| match p.role {
        PageRole::Hub(c) => (1, Some(c)),
        PageRole::Article(c) => (2, Some(c)),
        PageRole::Home => (3, None),
        PageRole::Standalone => (4, None),
    };
    a.source.same_text(&b.source)
        && a.title == b.title
        && a.front == b.front
        && a.site_path == b.site_path
        && place(a) == place(b)
}

/// Do `a` and `b` have the same sections (so the same ids), each with the same hub (by
/// key), the same parent and sub-sections? (Whether a section is dated may differ: its
/// hub, marked, lists it otherwise, and the order of its articles is compared page by
/// page.)
fn same_sections(a: &Site, b: &Site) -> bool {
    let hub = |site: &Site, hub: Option<PageId>| hub.map(|h| site.pages[h].content_path.clone());
    a.clusters.len() == b.clusters.len()
        && a.clusters.iter().zip(&b.clusters).all(|(x, y)| {
            x.slug == y.slug
                && hub(a, x.hub) == hub(b, y.hub)
                && x.parent == y.parent
                && x.subsections == y.subsections
        })
}

/// Is tag `slug` named otherwise in `new` than in `old` (its name is as its first page
/// writes it, and every page of the tag shows it)?
fn renamed(old: &Links, new: &Links, slug: &str) -> bool {
    match (old.tags.get(slug), new.tags.get(slug)) {
        (Some(x), Some(y)) => x.name != y.name,
        _ => false,
    }
}

/// Did resolving the links of page `was` of `old` find other problems than those of
/// page `id` of `new` (a link to a draft that is now a link to no page)?
fn found_differs(old: &Links, was: PageId, new: &Links, id: PageId) -> bool {
    let text = |links: &Links, p: PageId| -> Vec<String> {
        links.found[p].iter().map(|d| format!("{d:?}")).collect()
    };
    (!old.found[was].is_empty() || !new.found[id].is_empty()) && text(old, was) != text(new, id)
}
