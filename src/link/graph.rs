//! The link graph: backlinks, related pages, previous/next and tag listings.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::resolve::Resolver;
use super::target::ContentLink;
use super::terms::{Glossary, TermLink};
use crate::config::LinkSeverity;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::outline;
use crate::markdown::slug::slugify;
use crate::model::{Page, PageId, PageRole, Site};
use crate::places::Places;

/// Pages that share a tag whose list is longer than this do not score each other as
/// related through it: a tag on thousands of pages says little about any pair, and
/// skipping it keeps related-page scoring linear in the number of pages.
pub(super) const MAX_TAG_FANOUT: usize = 2_000;

/// How many neighbours on each side in the cluster's reading order count as related.
pub(super) const CLUSTER_NEIGHBOURS: usize = 3;

/// The pages carrying one tag.
#[derive(Debug, Clone)]
pub(crate) struct TagPages {
    /// The tag as first written.
    pub name: String,
    /// The pages, newest first.
    pub pages: Vec<PageId>,
}

/// What the link stage derives; indexed by [`PageId`].
#[derive(Debug, Clone, Default)]
pub(crate) struct Links {
    /// Pages whose body links to each page, sorted by title.
    pub backlinks: Vec<Vec<PageId>>,
    /// Pages each body links to, sorted, without duplicates.
    pub outgoing: Vec<Vec<PageId>>,
    /// Related pages: explicit ones first, then by score.
    pub related: Vec<Vec<PageId>>,
    /// The previous article in the cluster's reading order.
    pub prev: Vec<Option<PageId>>,
    /// The next article in the cluster's reading order.
    pub next: Vec<Option<PageId>>,
    /// Tag pages by tag slug.
    pub tags: BTreeMap<String, TagPages>,
    /// Term links of each page: the first mention of each glossary term.
    pub terms: Vec<Vec<TermLink>>,
    /// The pages each page names in `related`, resolved, in its order.
    pub explicit: Vec<Vec<PageId>>,
    /// What resolving each page's own links found: those of its body and FAQ answers
    /// that do not resolve, then its `related` entries that do not. Kept so that an edit
    /// of one page reports the others' without resolving them again
    /// ([`super::relink_front`]).
    pub found: Vec<Vec<Diagnostic>>,
    /// Each page's position in [`newest_first`] order ([`recency_ranks`]), which ranks
    /// related pages. Kept so that an edit of one page's front matter moves that page
    /// alone ([`move_in_recency`]) instead of sorting the site again.
    pub recency: Vec<u32>,
}

pub(super) fn build(site: &Site) -> (Links, Diagnostics) {
    let resolver = Resolver::new(site);
    let n = site.pages.len();

    let glossary = Glossary::new(site);
    let resolved: Vec<(Vec<PageId>, Vec<TermLink>, Vec<Diagnostic>)> = (0..n)
        .into_par_iter()
        .map(|id| all_links(site, &resolver, glossary.as_ref(), id))
        .collect();
    let mut backlinks = vec![Vec::new(); n];
    let mut outgoing = Vec::with_capacity(n);
    let mut terms = Vec::with_capacity(n);
    let mut found = Vec::with_capacity(n);
    for (from, (targets, term_links, written)) in resolved.into_iter().enumerate() {
        found.push(written);
        terms.push(term_links);
        for &to in &targets {
            if to != from {
                backlinks[to].push(from);
            }
        }
        outgoing.push(targets);
    }
    for list in &mut backlinks {
        list.sort_by(|&a, &b| by_title(site, a, b));
        list.dedup();
    }

    let explicit: Vec<Vec<PageId>> = site
        .pages
        .iter()
        .zip(&mut found)
        .map(|(page, found)| explicit_related(&resolver, page, found))
        .collect();
    let tags = tag_index(site);
    let (prev, next) = neighbours(site);
    let recency = recency_ranks(site);
    let inputs = RelatedInputs {
        site,
        tags: &tags,
        recency: &recency,
    };
    let related = related_of(&inputs, &explicit, 0..n);
    let links = Links {
        backlinks,
        outgoing,
        related,
        prev,
        next,
        tags,
        terms,
        explicit,
        found,
        recency,
    };
    let problems = report(site, &resolver, &links);
    (links, problems)
}

/// What the link stage reports about `site` whose graph is `links`: what resolving each
/// page's links found ([`Links::found`]), the orphan pages and the `nav` entries that
/// do not resolve.
pub(super) fn report(site: &Site, resolver: &Resolver, links: &Links) -> Diagnostics {
    let mut problems = Diagnostics::from_iter(links.found.iter().flatten().cloned());
    warn_orphans(site, &links.backlinks, &links.explicit, &mut problems);
    check_nav(site, resolver, &mut problems);
    problems
}

/// The related pages of each page of `pages` (ids), in parallel.
pub(super) fn related_of(
    inputs: &RelatedInputs,
    explicit: &[Vec<PageId>],
    pages: impl IntoParallelIterator<Item = PageId>,
) -> Vec<Vec<PageId>> {
    let n = inputs.site.pages.len();
    pages
        .into_par_iter()
        .map_init(
            || vec![0u32; n],
            |scores, id| {
                let page = &inputs.site.pages[id];
                related(inputs, id, page, &explicit[id], scores)
            },
        )
        .collect()
}

/// Scores the related pages of `pages` again in `links` (whose tag index, recency and
/// explicit lists are already the edited site's), as a relink after an edit ends.
pub(super) fn rescore_related(site: &Site, links: &mut Links, pages: Vec<PageId>) {
    let inputs = RelatedInputs {
        site,
        tags: &links.tags,
        recency: &links.recency,
    };
    let scored = related_of(&inputs, &links.explicit, pages.clone());
    for (p, related) in pages.into_iter().zip(scored) {
        links.related[p] = related;
    }
}

/// Each link written in page `id` (body and FAQ answers) that does not resolve.
pub(super) fn page_problems(site: &Site, id: PageId) -> Diagnostics {
    let (_, problems) = body_links(&Resolver::new(site), &site.pages[id]);
    Diagnostics::from_iter(problems)
}

/// The order of backlink lists: by title, then by id.
pub(super) fn by_title(site: &Site, a: PageId, b: PageId) -> std::cmp::Ordering {
    site.pages[a]
        .title
        .cmp(&site.pages[b].title)
        .then(a.cmp(&b))
}

/// Updates `links` after page `id` was parsed again with its front matter unchanged
/// (see [`crate::model::reparse_page`]; `old` is the page as it was): resolves its links
/// again and moves it between the backlink lists of the pages it started or stopped
/// linking to. Which pages' output this changed is [`super::changed_pages`]'s answer.
///
/// Returns `false`, leaving `links` as it was, when the edit needs the whole site linked
/// again: a link that does not resolve (an error, unless `links: warn`), a page gaining its first or
/// losing its last backlink (an orphan warning comes or goes), or changed headings that
/// break another page's link to an anchor.
pub(crate) fn relink_page(site: &Site, links: &mut Links, id: PageId, old: &Page) -> bool {
    let resolver = Resolver::new(site);
    let glossary = Glossary::new(site);
    let (targets, term_links, problems) = all_links(site, &resolver, glossary.as_ref(), id);
    // A broken link stops the build unless the site only warns about them.
    if !problems.is_empty() && site.config.links != LinkSeverity::Warn {
        return false;
    }
    let anchors =
        |page: &Page| -> Vec<String> { page.outline.anchors().map(str::to_string).collect() };
    if anchors(&site.pages[id]) != anchors(old)
        && links.backlinks[id]
            .iter()
            .any(|&from| !body_links(&resolver, &site.pages[from]).1.is_empty())
    {
        return false;
    }
    let before = &links.outgoing[id];
    let gained: Vec<PageId> = targets
        .iter()
        .copied()
        .filter(|&t| t != id && before.binary_search(&t).is_err())
        .collect();
    let lost: Vec<PageId> = before
        .iter()
        .copied()
        .filter(|&t| t != id && targets.binary_search(&t).is_err())
        .collect();
    let orphan_changes = gained.iter().any(|&t| links.backlinks[t].is_empty())
        || lost.iter().any(|&t| links.backlinks[t] == [id]);
    if orphan_changes {
        return false;
    }
    for &t in &gained {
        let list = &mut links.backlinks[t];
        if let Err(at) = list.binary_search_by(|&p| by_title(site, p, id)) {
            list.insert(at, id);
        }
    }
    for &t in &lost {
        links.backlinks[t].retain(|&p| p != id);
    }
    links.outgoing[id] = targets;
    links.terms[id] = term_links;
    let mut found = problems;
    links.explicit[id] = explicit_related(&resolver, &site.pages[id], &mut found);
    links.found[id] = found;
    true
}

/// The pages page `id` links to (written links, then term links, sorted and deduplicated),
/// its term links, and a diagnostic for each written link that does not resolve.
pub(super) fn all_links(
    site: &Site,
    resolver: &Resolver,
    glossary: Option<&Glossary>,
    id: PageId,
) -> (Vec<PageId>, Vec<TermLink>, Vec<Diagnostic>) {
    let (mut targets, problems) = body_links(resolver, &site.pages[id]);
    let term_links = glossary.map_or_else(Vec::new, |g| g.links(site, id, &targets));
    targets.extend(term_links.iter().map(|t| t.target));
    targets.sort_unstable();
    targets.dedup();
    (targets, term_links, problems)
}

/// The pages a body (and its FAQ answers) links to, and a diagnostic for each link that
/// does not resolve.
fn body_links(resolver: &Resolver, page: &Page) -> (Vec<PageId>, Vec<Diagnostic>) {
    let mut targets = Vec::new();
    let mut problems = Vec::new();
    for link in &page.outline.links {
        // A link in an included file resolves from there, and is reported there.
        let (from, file) = link.written_in(&page.content_path, &page.source);
        if let Some(found) = resolver.resolve_file(from, &link.dest) {
            if let Err(e) = found {
                problems.push(e.diagnostic(file, link.range.clone()));
            }
            continue;
        }
        match resolver.resolve(from, &link.dest) {
            Ok(Some((id, _))) => targets.push(id),
            Ok(None) => {}
            Err(e) if e.is_silenced(resolver.site()) => {}
            Err(e) => problems.push(e.diagnostic(file, link.range.clone())),
        }
    }
    for entry in &page.front.faq {
        for link in outline(&entry.answer, 0..entry.answer.len(), &[]).links {
            let at = || {
                Places::of(&page.source, page.front_range.clone())
                    .value("answer", &link.dest)
                    .unwrap_or(page.front_range.start..page.front_range.start)
            };
            if let Some(Err(e)) = resolver.resolve_file(&page.content_path, &link.dest) {
                problems.push(e.diagnostic(&page.source, at()));
                continue;
            }
            match resolver.resolve(&page.content_path, &link.dest) {
                Ok(Some((id, _))) => targets.push(id),
                Ok(None) => {}
                Err(e) if e.is_silenced(resolver.site()) => {}
                Err(e) => problems.push(e.diagnostic(&page.source, at())),
            }
        }
    }
    targets.sort_unstable();
    targets.dedup();
    (targets, problems)
}

/// The pages `page` names in `related`, resolved, in its order; a diagnostic in
/// `problems` for each entry that does not resolve.
pub(super) fn explicit_related(
    resolver: &Resolver,
    page: &Page,
    problems: &mut Vec<Diagnostic>,
) -> Vec<PageId> {
    let mut out = Vec::new();
    // The front matter is read again for positions only when an entry does not resolve.
    let mut places: Option<Places> = None;
    for target in &page.front.related {
        let link = |range| ContentLink {
            target: target.clone(),
            file: page.source.clone(),
            range,
        };
        match resolver.check(&link(0..0)) {
            Ok(id)
                if !out.contains(&id) && resolver.site().pages[id].site_path != page.site_path =>
            {
                out.push(id)
            }
            Ok(_) => {}
            Err(_) => {
                let range = places
                    .get_or_insert_with(|| Places::of(&page.source, page.front_range.clone()))
                    .value("related", target)
                    .unwrap_or(0..0);
                problems.extend(resolver.check(&link(range)).err());
            }
        }
    }
    out
}

pub(super) fn tag_index(site: &Site) -> BTreeMap<String, TagPages> {
    let mut tags: BTreeMap<String, TagPages> = BTreeMap::new();
    for (id, page) in site.pages.iter().enumerate() {
        for tag in &page.front.tags {
            let slug = slugify(tag);
            if slug.is_empty() {
                continue;
            }
            let entry = tags.entry(slug).or_insert_with(|| TagPages {
                name: tag.clone(),
                pages: Vec::new(),
            });
            if entry.pages.last() != Some(&id) {
                entry.pages.push(id);
            }
        }
    }
    for entry in tags.values_mut() {
        entry
            .pages
            .sort_by(|&a, &b| newest_first(&site.pages[a], &site.pages[b]));
    }
    tags
}

/// Newest first, then by title, then by path: a total, stable order.
pub(crate) fn newest_first(a: &Page, b: &Page) -> std::cmp::Ordering {
    b.last_changed()
        .cmp(&a.last_changed())
        .then_with(|| a.title.cmp(&b.title))
        .then_with(|| a.content_path.cmp(&b.content_path))
}

pub(super) fn neighbours(site: &Site) -> (Vec<Option<PageId>>, Vec<Option<PageId>>) {
    let n = site.pages.len();
    let (mut prev, mut next) = (vec![None; n], vec![None; n]);
    for cluster in &site.clusters {
        for pair in cluster.articles.windows(2) {
            next[pair[0]] = Some(pair[1]);
            prev[pair[1]] = Some(pair[0]);
        }
    }
    (prev, next)
}

/// Each page's position in [`newest_first`] order, so ranking compares integers.
pub(super) fn recency_ranks(site: &Site) -> Vec<u32> {
    let mut order: Vec<PageId> = (0..site.pages.len()).collect();
    order.sort_by(|&a, &b| newest_first(&site.pages[a], &site.pages[b]));
    let mut rank = vec![0u32; order.len()];
    for (position, page) in order.into_iter().enumerate() {
        rank[page] = position as u32;
    }
    rank
}

/// `ranks`, the [`recency_ranks`] of a site, brought up to date with `site`, which
/// differs from it by page `id`'s front matter at most: the page leaves its place and
/// takes the one its date and title give it now; the others keep their order, as
/// nothing they are sorted by changed.
pub(super) fn move_in_recency(ranks: &mut [u32], site: &Site, id: PageId) {
    let mut order: Vec<PageId> = vec![0; ranks.len()];
    for (page, &rank) in ranks.iter().enumerate() {
        order[rank as usize] = page;
    }
    order.remove(ranks[id] as usize);
    let page = &site.pages[id];
    let at = order.partition_point(|&p| newest_first(&site.pages[p], page).is_lt());
    order.insert(at, id);
    for (position, page) in order.into_iter().enumerate() {
        ranks[page] = position as u32;
    }
}

/// What scoring related pages reads, shared by all pages.
pub(super) struct RelatedInputs<'a> {
    pub site: &'a Site,
    pub tags: &'a BTreeMap<String, TagPages>,
    pub recency: &'a [u32],
}

/// Explicit related pages first, then the best-scoring others: 2 points per shared tag,
/// 1 for being near in the cluster's reading order. Ties go to the newer page, then by
/// title, so the result is deterministic.
fn related(
    inputs: &RelatedInputs,
    id: PageId,
    page: &Page,
    explicit: &[PageId],
    scores: &mut [u32],
) -> Vec<PageId> {
    let RelatedInputs {
        site,
        tags,
        recency,
    } = *inputs;
    let wanted = site.config.related_count;
    if !page.is_article() || explicit.len() >= wanted {
        return explicit
            .iter()
            .copied()
            .take(wanted.max(explicit.len()))
            .collect();
    }
    let mut touched = Vec::new();
    let mut add = |other: PageId, points: u32, touched: &mut Vec<PageId>| {
        if other != id && site.pages[other].is_article() {
            if scores[other] == 0 {
                touched.push(other);
            }
            scores[other] += points;
        }
    };
    for tag in &page.front.tags {
        if let Some(entry) = tags.get(&slugify(tag))
            && entry.pages.len() <= MAX_TAG_FANOUT
        {
            for &other in &entry.pages {
                add(other, 2, &mut touched);
            }
        }
    }
    if let PageRole::Article(c) = page.role {
        let articles = &site.clusters[c].articles;
        if let Some(pos) = articles.iter().position(|&a| a == id) {
            let lo = pos.saturating_sub(CLUSTER_NEIGHBOURS);
            let hi = (pos + CLUSTER_NEIGHBOURS + 1).min(articles.len());
            for &other in &articles[lo..hi] {
                add(other, 1, &mut touched);
            }
        }
    }
    let mut ranked: Vec<(u32, PageId)> = touched
        .iter()
        .filter(|p| !explicit.contains(p))
        .map(|&p| (scores[p], p))
        .collect();
    for &p in &touched {
        scores[p] = 0;
    }
    let order = |a: &(u32, PageId), b: &(u32, PageId)| {
        b.0.cmp(&a.0).then_with(|| recency[a.1].cmp(&recency[b.1]))
    };
    // Only the best few are shown: select them, then sort just those.
    let keep = wanted - explicit.len();
    if ranked.len() > keep && keep > 0 {
        ranked.select_nth_unstable_by(keep - 1, order);
        ranked.truncate(keep);
    }
    ranked.sort_by(order);
    explicit
        .iter()
        .copied()
        .chain(ranked.into_iter().map(|(_, p)| p))
        .take(wanted)
        .collect()
}

/// Navigation entries written as content paths must point at pages.
pub(super) fn check_nav(site: &Site, resolver: &Resolver, problems: &mut Diagnostics) {
    let file = &site.config_file;
    for item in site.config.nav.iter().filter(|i| i.url.starts_with("@/")) {
        let link = |range| ContentLink {
            target: item.url.clone(),
            file: file.clone(),
            range,
        };
        if resolver.check(&link(0..0)).is_err() {
            // Read again for the entry's position only now that it is wrong.
            let range = Places::of(file, 0..file.text.len())
                .value("url", &item.url)
                .unwrap_or(0..0);
            problems.extend(resolver.check(&link(range)).err());
        }
    }
}

/// An article or standalone page that no other page links to or names as related.
pub(super) fn warn_orphans(
    site: &Site,
    backlinks: &[Vec<PageId>],
    explicit: &[Vec<PageId>],
    problems: &mut Diagnostics,
) {
    let mut named = vec![false; site.pages.len()];
    for list in explicit {
        for &p in list {
            named[p] = true;
        }
    }
    let nav_targets: Vec<&str> = site
        .config
        .nav
        .iter()
        .filter_map(|item| item.url.strip_prefix("@/"))
        .collect();
    let mut on_home = vec![false; site.pages.len()];
    for &post in &site.posts {
        on_home[post] = true;
    }
    for (id, page) in site.pages.iter().enumerate() {
        // A post of a dated section (a blog), or one the home page lists, is reached
        // from that listing.
        let listed = matches!(page.role, PageRole::Home | PageRole::Hub(_))
            || page.cluster().is_some_and(|c| site.clusters[c].dated)
            || on_home[id];
        if listed
            || named[id]
            || !backlinks[id].is_empty()
            || nav_targets.contains(&page.content_path.as_str())
        {
            continue;
        }
        // Point at the title, which names the page.
        let title = Places::of(&page.source, page.front_range.clone())
            .value("title", &page.title)
            .unwrap_or(0..0);
        problems.push(
            Diagnostic::warning("orphan page: no other page links to it")
                .at(&page.source, title)
                .with_hint(
                    "link to it from another page, name it in another page's `related`, or add it to `nav` in site.yaml",
                ),
        );
    }
}
