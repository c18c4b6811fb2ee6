//! The link graph after an edit of one page's front matter, made from the graph before
//! it rather than from nothing.
//!
//! When no page came, went or moved and every body reads as it did, what each page's
//! links resolve to is what it was: only the edited page's own links (its FAQ answers,
//! its `related`) are resolved again. The backlink lists holding it are sorted again
//! (its title may have changed); only the tags it had or has are listed again
//! ([`retag`]); neighbours are cheap and made again, and the edited page alone moves in
//! the order by date; related pages are scored again only for the pages whose list may
//! change ([`to_score_again`]). The report is made from what each page's links found,
//! kept in [`Links::found`], with the orphan and `nav` checks run again.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::graph::{
    CLUSTER_NEIGHBOURS, Links, MAX_TAG_FANOUT, TagPages, all_links, by_title, explicit_related,
    move_in_recency, neighbours, newest_first, report, rescore_related,
};
use super::resolve::Resolver;
use super::terms::Glossary;
use super::{Linked, same_keys};
use crate::diagnostics::Diagnostics;
use crate::markdown::slug::slugify;
use crate::model::{Page, PageId, PageRole, Site};

/// The link graph of `site` and what the link stage reports about it (before
/// `links: warn` is applied), made from `old`, the graph of an earlier build of the
/// same site, if `site` differs from it by the front matter of one page at most (see
/// the module's comment); `None` otherwise, and then the site is linked whole.
pub(super) fn relink(old: Linked, site: &Site) -> Option<(Links, Diagnostics)> {
    let before = old.site;
    let same_files = |a: &Site, b: &Site| {
        a.config_file.text == b.config_file.text
            && a.asset_paths == b.asset_paths
            && a.drafts == b.drafts
            && a.headless == b.headless
    };
    if !same_keys(before, site) || !same_files(before, site) {
        return None;
    }
    let mut edited =
        (0..site.pages.len()).filter(|&p| !before.pages[p].source.same_text(&site.pages[p].source));
    let edit = edited.next();
    if edited.next().is_some() {
        return None;
    }
    // Every graph of the site's size has its order by date; one that had not would be
    // linked whole.
    if old.links.recency.len() != before.pages.len() {
        return None;
    }
    let mut links = old.links.clone();
    let resolver = Resolver::new(site);
    let Some(id) = edit else {
        let problems = report(site, &resolver, &links);
        return Some((links, problems));
    };
    if !same_but_front(&before.pages[id], &site.pages[id]) {
        return None;
    }
    let glossary = Glossary::new(site);
    let (targets, term_links, mut found) = all_links(site, &resolver, glossary.as_ref(), id);
    let explicit = explicit_related(&resolver, &site.pages[id], &mut found);
    // It leaves the backlinks of the pages it linked to and enters those it links to
    // now, in the place its title gives it.
    for &t in links.outgoing[id].iter().filter(|&&t| t != id) {
        links.backlinks[t].retain(|&p| p != id);
    }
    for &t in targets.iter().filter(|&&t| t != id) {
        let list = &mut links.backlinks[t];
        list.push(id);
        list.sort_by(|&a, &b| by_title(site, a, b));
    }
    links.outgoing[id] = targets;
    links.terms[id] = term_links;
    links.explicit[id] = explicit;
    links.found[id] = found;
    retag(&mut links.tags, &before.pages[id], site, id);
    (links.prev, links.next) = neighbours(site);
    move_in_recency(&mut links.recency, site, id);
    let pages = to_score_again(old, site, &links, id);
    rescore_related(site, &mut links, pages);
    let problems = report(site, &resolver, &links);
    Some((links, problems))
}

/// Brings `tags`, the tag index ([`super::graph::tag_index`]) of a site in which page
/// `id` read as `was`, up to date with `site`, where only that page's front matter
/// differs: the lists of the tags it had or has lose it and take it at its place in
/// [`newest_first`] order (the other pages' places between them stay, as nothing they
/// are sorted by changed), and a tag's name is written again as the first page (by
/// id) that has it writes it.
fn retag(tags: &mut BTreeMap<String, TagPages>, was: &Page, site: &Site, id: PageId) {
    let (had, has) = (slugs(was), slugs(&site.pages[id]));
    for slug in had.union(&has) {
        let mut pages = tags.remove(slug).map(|t| t.pages).unwrap_or_default();
        pages.retain(|&p| p != id);
        if has.contains(slug) {
            let page = &site.pages[id];
            let at = pages.partition_point(|&p| newest_first(&site.pages[p], page).is_lt());
            pages.insert(at, id);
        }
        let first = pages.iter().min().map(|&p| &site.pages[p]);
        let name = first.and_then(|p| p.front.tags.iter().find(|t| slugify(t) == *slug));
        if let Some(name) = name {
            let name = name.clone();
            tags.insert(slug.clone(), TagPages { name, pages });
        }
    }
}

/// The slugs of `page`'s tags, as the tag index lists it under.
fn slugs(page: &Page) -> BTreeSet<String> {
    page.front
        .tags
        .iter()
        .map(|t| slugify(t))
        .filter(|s| !s.is_empty())
        .collect()
}

/// Is `b` page `a` with only its front matter edited, in a way no other page's links
/// read: the same body, headings, place and URL, no aliases, and no glossary term?
fn same_but_front(a: &Page, b: &Page) -> bool {
    let body = |p: &Page| p.source.text.get(p.body.clone()).map(str::to_string);
    let term = |p: &Page| p.front.kind.as_deref() == Some("term");
    body(a) == body(b)
        && a.outline.anchors().eq(b.outline.anchors())
        && a.role == b.role
        && a.site_path == b.site_path
        && a.front.aliases.is_empty()
        && b.front.aliases.is_empty()
        && !term(a)
        && !term(b)
}

/// The pages whose related pages may differ after an edit of page `id`'s front matter
/// (`old` before, `site` and `links` after), sorted: scoring reads a page's tags, the
/// pages sharing them (unless a tag is on more than [`MAX_TAG_FANOUT`] pages), its
/// neighbours in its section's order, and the order by date of those it ranks. So:
/// - the page;
/// - every page of a tag it had or has, unless the tag was and is too common to count;
///   when the page kept its place in the order by date, only of a tag it gained or
///   lost: another page scores it by the tags they share, and ranks it by that place;
/// - every article of its section whose neighbours changed, or that has it among them,
///   before or after (its date or weight may have moved it).
fn to_score_again(old: Linked, site: &Site, links: &Links, id: PageId) -> Vec<PageId> {
    let mut marked = vec![false; site.pages.len()];
    marked[id] = true;
    let counts = |tag: Option<&TagPages>| tag.is_some_and(|t| t.pages.len() <= MAX_TAG_FANOUT);
    let (had, has) = (slugs(&old.site.pages[id]), slugs(&site.pages[id]));
    let tags: Vec<&String> = if old.links.recency[id] == links.recency[id] {
        had.symmetric_difference(&has).collect()
    } else {
        had.union(&has).collect()
    };
    for slug in tags {
        let (was, is) = (old.links.tags.get(slug), links.tags.get(slug));
        if counts(was) || counts(is) {
            for &p in was.into_iter().chain(is).flat_map(|t| &t.pages) {
                marked[p] = true;
            }
        }
    }
    if let PageRole::Article(c) = site.pages[id].role {
        let (was, is) = (&old.site.clusters[c].articles, &site.clusters[c].articles);
        let (at_was, at_is) = (positions(was), positions(is));
        for (&p, &i) in &at_is {
            let (a, b) = (window(was, at_was.get(&p)), window(is, Some(&i)));
            if a != b || a.contains(&id) || b.contains(&id) {
                marked[p] = true;
            }
        }
    }
    (0..marked.len()).filter(|&p| marked[p]).collect()
}

/// Where each article is in the reading order `articles`.
fn positions(articles: &[PageId]) -> HashMap<PageId, usize> {
    articles.iter().enumerate().map(|(i, &p)| (p, i)).collect()
}

/// The articles near position `at` of the reading order `articles` that score as the
/// neighbours of the article there, sorted (ids, or `Option` ids where `None` stands
/// for a page that went).
pub(super) fn window<T: Copy + Ord>(articles: &[T], at: Option<&usize>) -> Vec<T> {
    let Some(&pos) = at else {
        return Vec::new();
    };
    let lo = pos.saturating_sub(CLUSTER_NEIGHBOURS);
    let hi = (pos + CLUSTER_NEIGHBOURS + 1).min(articles.len());
    let mut near = articles[lo..hi].to_vec();
    near.sort_unstable();
    near
}

#[cfg(test)]
mod tests {
    use super::super::{Linked, link, relink_front};
    use crate::model::Site;
    use crate::model::test_support::site;

    /// A page with `front` (extra front matter lines) and `body`.
    fn page(title: &str, front: &str, body: &str) -> String {
        format!("---\ntitle: \"{title}\"\ndescription: \"x\"\n{front}---\n{body}\n")
    }

    /// A section of five articles with tags, links, `related` and an FAQ, and `c/b.md`
    /// as `b` gives it.
    fn with_b(b: &str) -> Site {
        site(&[
            ("_index.md", &page("Home", "", "[c](c/_index.md)")),
            (
                "c/_index.md",
                &page("Hub", "", "[a](a.md) [b](b.md) [d](d.md)"),
            ),
            (
                "c/a.md",
                &page("A", "tags: [x, y]\ndate: 2024-01-01\n", "[b](b.md)"),
            ),
            ("c/b.md", b),
            (
                "c/d.md",
                &page("D", "tags: [x]\ndate: 2024-03-01\n", "[b](b.md) [a](a.md)"),
            ),
            ("c/e.md", &page("E", "tags: [y]\ndate: 2024-04-01\n", "")),
            (
                "c/f.md",
                &page("F", "date: 2024-05-01\nrelated: [\"@/c/b.md\"]\n", ""),
            ),
            // `g` ranks `d`, then `b` and `k` by title (both of `b`'s date), then `a`:
            // a new title of `b` may move it past `k` in `g`'s list.
            ("d/g.md", &page("G", "tags: [x]\ndate: 2024-06-01\n", "")),
            ("e/k.md", &page("K", "tags: [x]\ndate: 2024-02-01\n", "")),
        ])
    }

    const B: &str = "tags: [x]\ndate: 2024-02-01\n";

    /// The graph and the report of `site` linked whole, and made from `old`'s.
    fn both(old: &Site, site: &Site) -> Option<(String, String)> {
        let (links, _) = link(old);
        let old = Linked {
            site: old,
            links: &links,
        };
        let (relinked, found) = relink_front(old, site)?;
        let (whole, expected) = link(site);
        let text = |d: crate::diagnostics::Diagnostics| format!("{:?}", d.into_sorted());
        assert_eq!(format!("{relinked:?}"), format!("{whole:?}"));
        Some((text(found), text(expected)))
    }

    #[test]
    fn a_front_matter_edit_relinks_as_linking_the_whole_site_does() {
        let old = with_b(&page("B", B, "[a](a.md)"));
        let edits = [
            page("A new title, first by name", B, "[a](a.md)"),
            page("B", "tags: [y, z]\ndate: 2024-02-01\n", "[a](a.md)"),
            // A tag gained, in the same place by date: the pages of `x` score it as
            // they did.
            page("B", "tags: [x, y]\ndate: 2024-02-01\n", "[a](a.md)"),
            page("Zed, after K", B, "[a](a.md)"),
            page("B", "tags: [x]\ndate: 2025-06-01\n", "[a](a.md)"),
            page("B", "tags: [x]\nweight: 1\n", "[a](a.md)"),
            page(
                "B",
                "tags: [x]\nrelated: [\"@/c/e.md\", \"@/c/none.md\"]\n",
                "[a](a.md)",
            ),
            page(
                "B",
                "faq:\n  - { question: \"Q?\", answer: \"See [d](@/c/d.md) or [x](@/c/x.md).\" }\n",
                "[a](a.md)",
            ),
        ];
        for edit in edits {
            let new = with_b(&edit);
            let (found, expected) = both(&old, &new).expect("only front matter changed");
            assert_eq!(found, expected, "after the edit\n{edit}");
        }
    }

    #[test]
    fn an_edit_of_a_body_or_of_two_pages_links_the_whole_site() {
        let old = with_b(&page("B", B, "[a](a.md)"));
        assert!(both(&old, &with_b(&page("B", B, "[d](d.md)"))).is_none());
        let mut two = with_b(&page("B2", B, "[a](a.md)"));
        let e = two.by_path["c/e.md"];
        std::sync::Arc::make_mut(&mut two.pages[e]).source =
            crate::source::SourceFile::new("content/c/e.md", "changed");
        assert!(both(&old, &two).is_none());
    }
}
