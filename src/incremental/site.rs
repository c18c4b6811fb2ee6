//! An edit that reaches beyond one page's body: front matter, a page that comes, goes
//! or moves, a dataset or a filter. The model and the link graph are made again with
//! every check a full build makes ([`pipeline::prepare`]), so the diagnostics are a full
//! build's; from the last build's where they allow it: only the changed files are read
//! and parsed again ([`crate::load::reload`]), and the link graph of an edit of one
//! page's front matter, or of pages that came or went, is made from the last one
//! ([`link::relink_front`], [`link::relink_pages`]). An edit of one article's front
//! matter that leaves it where it was renders only the pages and site-wide files that
//! show it (see [`super::narrow`]), one by which articles came or went those that show
//! them (see [`super::moved`]), and one of the components' data alone what shows the
//! data (see [`super::data`]); any other renders
//! the pages whose output may differ ([`affected`]) and every file made for the whole
//! site (tag pages, feeds, sitemap, redirects, machine files, social cards). Every
//! other page keeps the file it had.
//!
//! What the theme, `site.yaml` or the copied files change, and pages that include other
//! files, are left to a full build.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::{Failed, Rebuilt, content_path, data, moved, narrow};
use crate::components::SiteComponents;
use crate::diagnostics::Diagnostics;
use crate::link;
use crate::model::{ClusterId, PageId, PageKey, PageRole, Site};
use crate::output::OutputFile;
use crate::pipeline::{self, BuildOptions, SiteState};
use crate::render::{self, Components};
use crate::{social, urls, write};

/// Rebuilds after the content files `changed` changed, or `None` when the whole site
/// must be built (the edit reaches the theme, the configuration or the copied files).
/// `Some(Err(failed))` when the model has errors now: what a full build, which stops at
/// the same point, reports, with `old` as it was.
pub(super) fn relink_site(
    options: &BuildOptions,
    old: SiteState,
    changed: &[PathBuf],
) -> Option<Result<Rebuilt, Failed>> {
    if options.strict || !changed.iter().all(|p| reaches_the_model_only(&old.site, p)) {
        return None;
    }
    let mut problems = Diagnostics::new();
    let new = pipeline::prepare(options, Some(&old), changed, &mut problems);
    if problems.has_errors() {
        return Some(Err(Failed {
            diagnostics: problems.into_sorted(),
            state: Some(old),
        }));
    }
    let mut new = new?;
    if includes(&old.site)
        || includes(&new.site)
        || old.site.assets != new.site.assets
        || old.site.image_sizes != new.site.image_sizes
    {
        return None;
    }
    let edited: Vec<&str> = changed.iter().filter_map(|p| content_key(p)).collect();
    let edited: Vec<PageKey> = edited.iter().map(|k| PageKey(k)).collect();
    if let Some(scope) = data::scope(&old, &new, changed) {
        return data::render(old, new, scope, problems);
    }
    if let Some(scope) = narrow::scope(&old, &new, &edited) {
        return narrow::render(old, new, scope, problems);
    }
    let only_pages = edited.len() == changed.len();
    if let Some(scope) = only_pages
        .then(|| moved::scope(&old, &new, &edited))
        .flatten()
    {
        return narrow::render(old, new, scope, problems);
    }
    let marked = affected(&old, &new, &edited);
    let ids: Vec<PageId> = (0..marked.len()).filter(|&id| marked[id]).collect();
    let (site, templates) = (&new.site, &new.templates);
    let mut files =
        render::render_pages(site, &new.links, &new.components, templates, &ids).ok()?;
    files.extend(render::generated(site, &new.links, &new.components, templates).ok()?);
    // The pages not rendered again: articles and standalone pages, one file each.
    let kept: HashSet<String> = (0..marked.len())
        .filter(|&id| !marked[id])
        .map(|id| urls::index_file(&site.pages[id].site_path))
        .collect();
    let mut every_path: Vec<OutputFile> = kept
        .iter()
        .map(|path| OutputFile::new(path.clone(), Vec::new()))
        .collect();
    every_path.extend(
        files
            .iter()
            .map(|f| OutputFile::new(f.path.clone(), Vec::new())),
    );
    let site_files = write::site_files(site, templates, &every_path).ok()?;
    every_path.extend(
        site_files
            .iter()
            .map(|f| OutputFile::new(f.path.clone(), Vec::new())),
    );
    files.extend(site_files);
    let machine = write::machine_files(site, &new.components);
    let (cards, found) = social::cards(site, templates, &options.root, options.write_cache);
    problems.extend(found);
    every_path.extend(
        machine
            .iter()
            .chain(&cards)
            .map(|f| OutputFile::new(f.path.clone(), Vec::new())),
    );
    files.extend(machine);
    files.extend(cards);
    if problems.has_errors() || pipeline::check_unique_outputs(&every_path, &[]).is_err() {
        return None;
    }
    new.outputs = every_path.into_iter().map(|f| f.path).collect();
    let gone = (old.outputs.paths.iter())
        .filter(|path| !new.outputs.paths.contains(*path))
        .cloned()
        .collect();
    Some(Ok(Rebuilt {
        state: new,
        files,
        gone,
        diagnostics: problems.into_sorted(),
        _replaced: Some(Box::new(old)),
    }))
}

/// Does an edit of `path` (relative to the root) change only what the model is made
/// from: a markdown file or a component's data under `content/`?
fn reaches_the_model_only(site: &Site, path: &Path) -> bool {
    if content_key(path).is_some() {
        return true;
    }
    let Ok(rel) = path.strip_prefix("content") else {
        return false;
    };
    let data = |folder: &str| rel.starts_with(folder);
    let yaml = path.extension().is_some_and(|e| e == "yaml" || e == "yml");
    yaml && (data("data") || data("filters") || data("calculators")) && !site.config.git_dates
}

/// The content path of a markdown file (`content/a/b.md` → `a/b.md`), as a page's key.
fn content_key(path: &Path) -> Option<&str> {
    let _ = content_path(path)?;
    path.strip_prefix("content").ok()?.to_str()
}

/// Does a page of `site` include another file (whose edit its key does not show)?
fn includes(site: &Site) -> bool {
    site.pages
        .iter()
        .any(|p| crate::shortcodes::has_includes(&p.outline.shortcodes))
}

/// The pages of `new` (by id) whose output may differ from `old`'s:
/// - what the link stage says changed ([`link::changed_pages`]);
/// - the home page and the hubs, which list pages (and whose listings may run over
///   several files, found only by rendering them);
/// - where a page's title, front matter, place or URL changed, or a page came or went
///   (a shown page): every page whose links, backlinks, related pages or neighbours
///   name it, and every page whose sidebar lists it (the pages of the section whose
///   list holds it, and below; every page, for a page at the top level or a hub);
/// - the pages whose component blocks render differently (a dataset or filter edit).
fn affected(old: &SiteState, new: &SiteState, edited: &[PageKey]) -> Vec<bool> {
    let (before, after) = (&old.site, &new.site);
    let (old_links, new_links) = (old.linked(), new.linked());
    let all = vec![true; after.pages.len()];
    let mut marked = vec![false; after.pages.len()];
    for id in link::changed_pages(old_links, new_links, edited) {
        marked[id] = true;
    }
    for (id, page) in after.pages.iter().enumerate() {
        if matches!(page.role, PageRole::Home | PageRole::Hub(_)) {
            marked[id] = true;
        }
    }
    let shown = shown_changes(before, after);
    let sections =
        |site: &Site| -> Vec<String> { site.clusters.iter().map(|c| c.slug.clone()).collect() };
    if !shown.is_empty() && sections(before) != sections(after) {
        return all;
    }
    let nav: Vec<&str> = after
        .config
        .nav
        .iter()
        .filter_map(|item| item.url.strip_prefix("@/"))
        .collect();
    let mut sections_shown: HashSet<ClusterId> = HashSet::new();
    for key in &shown {
        let page = after
            .page(*key)
            .map(|id| &after.pages[id])
            .or_else(|| before.page(*key).map(|id| &before.pages[id]));
        let listed_in = |c| (listing(before, c), listing(after, c));
        match page.map(|p| p.role) {
            Some(PageRole::Article(c)) if !nav.contains(&key.0) => match listed_in(c) {
                (Some(a), Some(b)) => sections_shown.extend([a, b]),
                _ => return all,
            },
            _ => return all,
        }
    }
    for (id, page) in after.pages.iter().enumerate() {
        let in_shown_section = page
            .cluster()
            .is_some_and(|c| ancestors(after, c).any(|a| sections_shown.contains(&a)));
        let names_shown = || {
            link::names_any(new_links, id, &shown)
                || before
                    .page(after.key(id))
                    .is_some_and(|was| link::names_any(old_links, was, &shown))
        };
        if in_shown_section || names_shown() || blocks_differ(old, new, id) {
            marked[id] = true;
        }
    }
    marked
}

/// The keys of the pages whose title, front matter, place or URL differ between
/// `before` and `after`, or that only one of them has: what other pages show of them.
fn shown_changes<'a>(before: &'a Site, after: &'a Site) -> HashSet<PageKey<'a>> {
    let mut shown = HashSet::new();
    for id in 0..after.pages.len() {
        let key = after.key(id);
        let Some(was) = before.page(key) else {
            shown.insert(key);
            continue;
        };
        let (a, b) = (&before.pages[was], &after.pages[id]);
        let place = |site: &Site, p: &crate::model::Page| {
            p.cluster().map(|c| site.clusters[c].slug.clone())
        };
        if a.title != b.title
            || a.front != b.front
            || a.site_path != b.site_path
            || place(before, a) != place(after, b)
            || std::mem::discriminant(&a.role) != std::mem::discriminant(&b.role)
        {
            shown.insert(key);
        }
    }
    for id in 0..before.pages.len() {
        let key = before.key(id);
        if after.page(key).is_none() {
            shown.insert(key);
        }
    }
    shown
}

/// The section whose list in the sidebar holds the entries of section `c`: `c`, or, as
/// the entries of a section without a hub stand in its parent's list, the nearest
/// section above it with a hub. `None` for the top level, which every page shows.
pub(super) fn listing(site: &Site, c: ClusterId) -> Option<ClusterId> {
    ancestors(site, c).find(|&a| site.clusters[a].hub.is_some())
}

/// Section `c` and every section above it.
pub(super) fn ancestors(site: &Site, c: ClusterId) -> impl Iterator<Item = ClusterId> + '_ {
    std::iter::successors(Some(c), move |&c| site.clusters[c].parent)
}

/// Do page `id`'s component blocks (of `new`) render otherwise than in `old`?
pub(super) fn blocks_differ(old: &SiteState, new: &SiteState, id: PageId) -> bool {
    let page = &new.site.pages[id];
    if page.outline.blocks.is_empty() {
        return false;
    }
    let Some(was) = old.site.page(new.site.key(id)) else {
        return true;
    };
    let html = |state: &SiteState, id: PageId| -> (Vec<String>, Vec<String>) {
        let components: &SiteComponents = &state.components;
        let blocks = state.site.pages[id].outline.blocks.len();
        (
            (0..blocks)
                .map(|i| components.html(&state.site, id, i))
                .collect(),
            components.scripts(&state.site, id),
        )
    };
    html(old, was) != html(new, id)
}
