//! The link graph after pages came or went (a new file, a deleted one, a renamed one, a
//! draft), made from the graph before it rather than from nothing.
//!
//! Every other page reads as it did, so what its links resolve to is what it was, under
//! the page's new id: ids are positions in the list of pages sorted by content path, so
//! the old ids of the pages both builds have map to the new ones in the same order, and
//! every list of ids keeps its order. Only these pages' links are resolved again:
//! - the pages that came;
//! - the pages whose links found a problem (a link to a page that did not exist or was
//!   a draft may find one now; a suggestion names the closest path, which may be new);
//! - the pages that linked to one that went, or named it in `related`.
//!
//! Backlinks are gathered again from the links; tags, neighbours and the order by date
//! are made again; related pages are scored again only where they may change
//! ([`to_score_again`]). The report is made as [`super::graph::build`] makes it.

use std::collections::HashMap;

use super::Linked;
use super::front::window;
use super::graph::{
    Links, MAX_TAG_FANOUT, all_links, by_title, explicit_related, neighbours, recency_ranks,
    report, rescore_related, tag_index,
};
use super::resolve::Resolver;
use super::terms::Glossary;
use crate::diagnostics::Diagnostics;
use crate::markdown::slug::slugify;
use crate::model::{Page, PageId, Site};

/// The link graph of `site` and what the link stage reports about it (before
/// `links: warn` is applied), made from `old`, if `site` differs from it only by pages
/// that came or went (see the module's comment); `None` otherwise, and then the site is
/// linked whole.
pub(super) fn relink(old: Linked, site: &Site) -> Option<(Links, Diagnostics)> {
    let before = old.site;
    let same_files = before.config_file.text == site.config_file.text
        && before.asset_paths == site.asset_paths
        && before.headless == site.headless;
    if !same_files {
        return None;
    }
    // The new id of each page of `before` that `site` has too.
    let to_new: Vec<Option<PageId>> = (0..before.pages.len())
        .map(|p| site.page(before.key(p)))
        .collect();
    let came: Vec<PageId> = (0..site.pages.len())
        .filter(|&p| before.page(site.key(p)).is_none())
        .collect();
    let went: Vec<PageId> = (0..before.pages.len())
        .filter(|&p| to_new[p].is_none())
        .collect();
    if came.is_empty() && went.is_empty() && before.drafts == site.drafts {
        return None;
    }
    let kept_same = (0..before.pages.len())
        .all(|p| to_new[p].is_none_or(|q| same_page(&before.pages[p], &site.pages[q])));
    let term = |page: &Page| page.front.kind.as_deref() == Some("term");
    let moved_plainly = |page: &Page| page.front.aliases.is_empty() && !term(page);
    if !kept_same
        || !came.iter().all(|&p| moved_plainly(&site.pages[p]))
        || !went.iter().all(|&p| moved_plainly(&before.pages[p]))
    {
        return None;
    }
    let map = |ids: &[PageId]| -> Vec<PageId> { ids.iter().filter_map(|&p| to_new[p]).collect() };
    // The pages whose own links are resolved again, by new id.
    let mut again = vec![false; site.pages.len()];
    for &p in &came {
        again[p] = true;
    }
    for p in 0..before.pages.len() {
        let names_gone = |ids: &[PageId]| ids.iter().any(|&t| to_new[t].is_none());
        let redo = !old.links.found[p].is_empty()
            || names_gone(&old.links.outgoing[p])
            || names_gone(&old.links.explicit[p]);
        if let (true, Some(q)) = (redo, to_new[p]) {
            again[q] = true;
        }
    }
    let n = site.pages.len();
    let mut to_old: Vec<Option<PageId>> = vec![None; n];
    for (p, q) in to_new.iter().enumerate() {
        if let Some(q) = *q {
            to_old[q] = Some(p);
        }
    }
    let resolver = Resolver::new(site);
    let glossary = Glossary::new(site);
    let mut links = Links {
        backlinks: vec![Vec::new(); n],
        outgoing: Vec::with_capacity(n),
        related: Vec::with_capacity(n),
        terms: Vec::with_capacity(n),
        explicit: Vec::with_capacity(n),
        found: Vec::with_capacity(n),
        ..Links::default()
    };
    for q in 0..n {
        match to_old[q].filter(|_| !again[q]) {
            Some(p) => {
                let terms = old.links.terms[p].iter().map(|t| {
                    let mut t = t.clone();
                    t.target = to_new[t.target]?;
                    Some(t)
                });
                links.terms.push(terms.collect::<Option<_>>()?);
                links.outgoing.push(map(&old.links.outgoing[p]));
                links.explicit.push(map(&old.links.explicit[p]));
                links.found.push(old.links.found[p].clone());
            }
            None => {
                let (targets, term_links, mut found) =
                    all_links(site, &resolver, glossary.as_ref(), q);
                let explicit = explicit_related(&resolver, &site.pages[q], &mut found);
                links.outgoing.push(targets);
                links.terms.push(term_links);
                links.explicit.push(explicit);
                links.found.push(found);
            }
        }
    }
    for (from, targets) in links.outgoing.iter().enumerate() {
        for &to in targets.iter().filter(|&&to| to != from) {
            links.backlinks[to].push(from);
        }
    }
    for list in &mut links.backlinks {
        list.sort_by(|&a, &b| by_title(site, a, b));
        list.dedup();
    }
    links.tags = tag_index(site);
    (links.prev, links.next) = neighbours(site);
    links.related = (0..n)
        .map(|q| to_old[q].map_or_else(Vec::new, |p| map(&old.links.related[p])))
        .collect();
    links.recency = recency_ranks(site);
    let pages = to_score_again(old, site, &links, &to_new, &to_old, &again);
    rescore_related(site, &mut links, pages);
    let problems = report(site, &resolver, &links);
    Some((links, problems))
}

/// Is `b` page `a` as it was, in the same place and at the same URL?
fn same_page(a: &Page, b: &Page) -> bool {
    let place = |p: &Page| std::mem::discriminant(&p.role);
    a.source.same_text(&b.source)
        && a.site_path == b.site_path
        && place(a) == place(b)
        && a.title == b.title
}

/// The pages of `site` whose related pages may differ from `old`'s (mapped to new ids),
/// sorted. Scoring reads a page's tags, the pages sharing them (unless a tag is on more
/// than [`MAX_TAG_FANOUT`] pages), its neighbours in its section's order, its explicit
/// related pages, and the order by date of those it ranks (which pages coming or going
/// leave as it was among the others). So:
/// - the pages that came, and those whose links were resolved again (`again`);
/// - every page of a tag of a page that came or went, unless the tag was and is too
///   common to count;
/// - every article of a section whose neighbours changed, or that has one that came or
///   went among them;
/// - every page that showed one that went.
fn to_score_again(
    old: Linked,
    site: &Site,
    links: &Links,
    to_new: &[Option<PageId>],
    to_old: &[Option<PageId>],
    again: &[bool],
) -> Vec<PageId> {
    let before = old.site;
    let mut marked = again.to_vec();
    let counts =
        |pages: Option<&Vec<PageId>>, limit: usize| pages.is_some_and(|p| p.len() <= limit);
    let mut tags: Vec<String> = Vec::new();
    for q in (0..site.pages.len()).filter(|&q| to_old[q].is_none()) {
        tags.extend(site.pages[q].front.tags.iter().map(|t| slugify(t)));
    }
    for p in (0..before.pages.len()).filter(|&p| to_new[p].is_none()) {
        tags.extend(before.pages[p].front.tags.iter().map(|t| slugify(t)));
        for (q, related) in old.links.related.iter().enumerate() {
            if let (true, Some(now)) = (related.contains(&p), to_new[q]) {
                marked[now] = true;
            }
        }
    }
    for slug in tags {
        let was = old.links.tags.get(&slug).map(|t| &t.pages);
        let is = links.tags.get(&slug).map(|t| &t.pages);
        if counts(was, MAX_TAG_FANOUT) || counts(is, MAX_TAG_FANOUT) {
            for &p in was.into_iter().flatten() {
                if let Some(q) = to_new[p] {
                    marked[q] = true;
                }
            }
            for &q in is.into_iter().flatten() {
                marked[q] = true;
            }
        }
    }
    for (c, cluster) in site.clusters.iter().enumerate() {
        let Some(was) = before.clusters.get(c).filter(|w| w.slug == cluster.slug) else {
            // Other sections: every article in them.
            for &q in &cluster.articles {
                marked[q] = true;
            }
            continue;
        };
        let was: Vec<Option<PageId>> = was.articles.iter().map(|&p| to_new[p]).collect();
        let is: Vec<Option<PageId>> = cluster.articles.iter().map(|&q| Some(q)).collect();
        if was == is {
            continue;
        }
        let (at_was, at_is) = (positions(&was), positions(&is));
        for (&q, &i) in &at_is {
            let (a, b) = (window(&was, at_was.get(&q)), window(&is, Some(&i)));
            if a != b {
                marked[q] = true;
            }
        }
    }
    (0..marked.len()).filter(|&q| marked[q]).collect()
}

/// Where each kept article is in the reading order `articles` (`None` for one that
/// went).
fn positions(articles: &[Option<PageId>]) -> HashMap<PageId, usize> {
    let at = articles.iter().enumerate();
    at.filter_map(|(i, p)| p.map(|p| (p, i))).collect()
}

#[cfg(test)]
mod tests {
    use super::super::{Linked, link, relink_pages};
    use crate::model::Site;
    use crate::model::test_support::site;

    /// A page with `front` (extra front matter lines) and `body`.
    fn page(title: &str, front: &str, body: &str) -> String {
        format!("---\ntitle: \"{title}\"\ndescription: \"x\"\n{front}---\n{body}\n")
    }

    /// A section of articles with tags, links, `related`, a link to a draft and one to
    /// no page, and the pages `more` adds (content path and text).
    fn with(more: &[(&str, String)]) -> Site {
        let mut pages: Vec<(&str, String)> = vec![
            ("_index.md", page("Home", "", "[c](c/_index.md)")),
            ("c/_index.md", page("Hub", "", "[a](a.md) [d](d.md)")),
            (
                "c/a.md",
                page(
                    "A",
                    "tags: [x, y]\ndate: 2024-01-01\n",
                    "[b](b.md) [n](n.md)",
                ),
            ),
            (
                "c/d.md",
                page("D", "tags: [x]\ndate: 2024-03-01\n", "[b](b.md) [a](a.md)"),
            ),
            (
                "c/e.md",
                page("E", "tags: [y]\ndate: 2024-04-01\n", "[z](z.md)"),
            ),
            (
                "c/f.md",
                page(
                    "F",
                    "date: 2024-05-01\nrelated: [\"@/c/b.md\"]\n",
                    "[e](e.md)",
                ),
            ),
            ("c/z.md", page("Z", "draft: true\n", "")),
        ];
        pages.extend(more.iter().cloned());
        let pages: Vec<(&str, &str)> = pages.iter().map(|(p, t)| (*p, t.as_str())).collect();
        site(&pages)
    }

    /// Article `b`, which others link to.
    fn b<'a>(path: &'a str, front: &str) -> (&'a str, String) {
        (path, page("B", front, "[a](a.md)"))
    }

    const B: &str = "tags: [x]\ndate: 2024-02-01\n";

    /// The graph and the report of `site` linked whole, and made from `old`'s.
    fn both(old: &Site, site: &Site) -> (String, String) {
        let (links, _) = link(old);
        let old = Linked {
            site: old,
            links: &links,
        };
        let (relinked, found) = relink_pages(old, site).expect("pages came or went");
        let (whole, expected) = link(site);
        let text = |d: crate::diagnostics::Diagnostics| format!("{:?}", d.into_sorted());
        assert_eq!(format!("{relinked:?}"), format!("{whole:?}"));
        (text(found), text(expected))
    }

    #[test]
    fn pages_that_come_go_or_move_relink_as_linking_the_whole_site_does() {
        let c = (
            "c/c.md",
            page("C", "tags: [y]\ndate: 2024-02-15\n", "[d](d.md)"),
        );
        let cases = [
            // A new page, which broken links find, with tags and links.
            (with(&[]), with(&[b("c/b.md", B)])),
            // A new page among others, and the draft published.
            (
                with(&[b("c/b.md", B)]),
                with(&[b("c/b.md", B), c, ("c/z.md", page("Z", "", ""))]),
            ),
            // A page others link to deleted, and renamed.
            (with(&[b("c/b.md", B)]), with(&[])),
            (with(&[b("c/b.md", B)]), with(&[b("c/b2.md", B)])),
            // A page drafted.
            (
                with(&[b("c/b.md", B)]),
                with(&[b("c/b.md", "draft: true\n")]),
            ),
        ];
        for (i, (old, new)) in cases.iter().enumerate() {
            let (found, expected) = both(old, new);
            assert_eq!(found, expected, "case {i}");
        }
    }
}
