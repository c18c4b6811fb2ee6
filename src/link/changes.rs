//! What changed between two builds of the site, as the link stage sees it: the pages
//! whose output depends on what differs. Pages are matched by [`PageKey`], so the two
//! builds may hold different pages, in other positions.

use std::collections::HashSet;

use super::graph::Links;
use crate::model::{ClusterId, PageId, PageKey, Site};

/// One build's model and the link graph derived from it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Linked<'a> {
    /// The model.
    pub site: &'a Site,
    /// Its link graph.
    pub links: &'a Links,
}

impl Linked<'_> {
    /// What page `id` links to and is linked from, each page named by its key: what its
    /// output shows of the link graph.
    fn lists(&self, id: PageId) -> PageLinks<'_> {
        let (site, links) = (self.site, self.links);
        let keys = |ids: &[PageId]| ids.iter().map(|&p| site.key(p)).collect();
        PageLinks {
            outgoing: keys(&links.outgoing[id]),
            backlinks: keys(&links.backlinks[id]),
            related: keys(&links.related[id]),
            prev: links.prev[id].map(|p| site.key(p)),
            next: links.next[id].map(|p| site.key(p)),
            terms: links.terms[id]
                .iter()
                .map(|t| (t.range.start, t.range.end, site.key(t.target)))
                .collect(),
        }
    }
}

/// The link-stage lists of one page, by key.
#[derive(Debug, PartialEq, Eq)]
struct PageLinks<'a> {
    outgoing: Vec<PageKey<'a>>,
    backlinks: Vec<PageKey<'a>>,
    related: Vec<PageKey<'a>>,
    prev: Option<PageKey<'a>>,
    next: Option<PageKey<'a>>,
    terms: Vec<(usize, usize, PageKey<'a>)>,
}

/// The pages of `new` whose output may differ from `old`'s through the link graph, or
/// because they are `edited` (their own source changed), sorted:
/// - a page `old` does not have, or one in `edited`;
/// - a page whose outgoing links, backlinks, related pages, previous or next article, or
///   term links name other pages than in `old` (by key), or in another order;
/// - the hub of a cluster one of whose pages links differently: its map draws the links
///   between the cluster's pages.
pub(crate) fn changed_pages(old: Linked, new: Linked, edited: &[PageKey]) -> Vec<PageId> {
    let mut changed = vec![false; new.site.pages.len()];
    let same_ids_as_keys = same_keys(old.site, new.site);
    let edited: Vec<PageId> = edited
        .iter()
        .filter_map(|&key| new.site.page(key))
        .collect();
    for id in 0..new.site.pages.len() {
        // Where both models hold the same pages, the ids are the keys: most pages are
        // told apart without naming them.
        let before = if same_ids_as_keys {
            Some(id)
        } else {
            old.site.page(new.site.key(id))
        };
        let Some(before) = before else {
            changed[id] = true;
            continue;
        };
        if same_ids_as_keys && same_ids(old.links, new.links, id) {
            changed[id] |= edited.contains(&id);
            continue;
        }
        let (now, then) = (new.lists(id), old.lists(before));
        changed[id] |= edited.contains(&id) || now != then;
        let cluster = new.site.pages[id].cluster();
        // Links to the same pages are within the cluster alike.
        if let Some(c) = cluster
            && now.outgoing != then.outgoing
            && within(new.site, &now.outgoing, c) != within(new.site, &then.outgoing, c)
            && let Some(hub) = new.site.clusters[c].hub
        {
            changed[hub] = true;
        }
    }
    (0..changed.len()).filter(|&id| changed[id]).collect()
}

/// Do `a` and `b` hold the same pages under the same ids (one model, or two builds of
/// a site where no page came, went or moved)?
///
/// Two models sharing their map of pages by path hold the same pages: it is shared only
/// between models of the same files in the same order (see
/// [`crate::model::build_site_from`]).
pub(crate) fn same_keys(a: &Site, b: &Site) -> bool {
    std::ptr::eq(a, b)
        || std::sync::Arc::ptr_eq(&a.by_path, &b.by_path)
        || (a.pages.len() == b.pages.len()
            && a.pages
                .iter()
                .zip(&b.pages)
                .all(|(p, q)| p.content_path == q.content_path))
}

/// Are page `id`'s lists the same in `a` and `b` (with the same ids)?
fn same_ids(a: &Links, b: &Links, id: PageId) -> bool {
    a.outgoing[id] == b.outgoing[id]
        && a.backlinks[id] == b.backlinks[id]
        && a.related[id] == b.related[id]
        && a.prev[id] == b.prev[id]
        && a.next[id] == b.next[id]
        && a.terms[id] == b.terms[id]
}

/// The pages among `keys` that are in cluster `cluster` of `site`.
fn within<'a>(site: &Site, keys: &[PageKey<'a>], cluster: ClusterId) -> Vec<PageKey<'a>> {
    keys.iter()
        .copied()
        .filter(|&k| site.page(k).and_then(|p| site.pages[p].cluster()) == Some(cluster))
        .collect()
}

/// Does what page `id` shows of the link graph (its links' previews, its backlinks,
/// related pages, previous and next article, term links) name page `target` of the
/// same model? [`names_any`] for one page, without naming pages by key.
pub(crate) fn names(links: &Links, id: PageId, target: PageId) -> bool {
    links.outgoing[id].contains(&target)
        || links.backlinks[id].contains(&target)
        || links.related[id].contains(&target)
        || links.prev[id] == Some(target)
        || links.next[id] == Some(target)
        || links.terms[id].iter().any(|t| t.target == target)
}

/// Does what page `id` shows of the link graph (its links' previews, its backlinks,
/// related pages, previous and next article, term links) name one of `keys`?
pub(crate) fn names_any(linked: Linked, id: PageId, keys: &HashSet<PageKey>) -> bool {
    let lists = linked.lists(id);
    lists
        .outgoing
        .iter()
        .chain(&lists.backlinks)
        .chain(&lists.related)
        .chain(&lists.prev)
        .chain(&lists.next)
        .chain(lists.terms.iter().map(|(_, _, key)| key))
        .any(|key| keys.contains(key))
}
