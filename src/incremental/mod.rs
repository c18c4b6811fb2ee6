//! Rebuilding after an edit, doing only the work the edit calls for.
//!
//! `pillar serve` keeps the [`SiteState`] of its last good build, and [`rebuild`] picks
//! the least work that gives what a full build of the edited files would.
//!
//! When a save changed one page and only its body, that page alone goes through the
//! stages again: it is read ([`load::read_page`]), parsed ([`model::reparse_page`]) with
//! its comparison and decision blocks
//! ([`crate::components::SiteComponents::replace_blocks`]), its links are resolved and
//! the backlink lists it enters or leaves are updated ([`link::relink_page`]), and it is
//! rendered together with the pages whose link lists changed ([`link::changed_pages`],
//! [`render::render_pages`]). The diagnostics are updated as a full build would report
//! them (see [`problems`]): a page with a warning takes this path like any other, and
//! the warning goes when its cause does. Nothing else can differ: what other pages show
//! of a page and the site-wide files come from front matter, which the edit left as it
//! was. An edit whose report reaches beyond the page (a block with a problem, an orphan
//! warning coming or going) is answered as a front-matter edit is (below), and one with
//! an error builds the whole site. A changed heading is checked against every link
//! that may name it: other pages' (see [`link::relink_page`]), `nav` in `site.yaml` and
//! the components' data; if one of them may no longer resolve, or a warning about
//! `site.yaml` or a data file may have gone, the edit is answered as a front-matter
//! edit is.
//!
//! An edit of one of the theme's static files re-copies it, and one of a page template
//! renders the pages it renders (see [`theme`]). Front
//! matter, pages that come, go or move, datasets and filters make the model and the
//! link graph again and render only the pages whose output may differ (see [`site`]):
//! for one article's front matter, the pages and files that show it (see [`narrow`]);
//! for articles that come, go or move, those that show them (see [`moved`]); for the
//! components' data alone, the pages placing blocks that render otherwise, the
//! generated pages and the machine files (see [`data`]).
//! Anything else (`site.yaml`, the other templates, copied files) builds the whole site.
//!
//! An edit after which the site has errors is reported without a full build where the
//! model shows them, and gives the state back ([`Failed`]): the last good build stays
//! served, and the next edit is applied to its state together with the files changed
//! since (so fixing a broken link is answered as any edit is).

mod data;
mod moved;
mod narrow;
mod outputs;
mod problems;
mod site;
mod theme;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::components::SiteComponents;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::link::{ContentLink, Linked, Resolver};
use crate::model::{Page, PageId, Site};
use crate::output::OutputFile;
use crate::pipeline::{BuildOptions, SiteState};
use crate::{link, load, model, render, write};
pub(crate) use outputs::Outputs;

/// What an edit rebuilt incrementally left: the state to keep, the files that changed,
/// and every diagnostic a full build of the edited site reports.
pub struct Rebuilt {
    /// The state, updated by the edit.
    pub state: SiteState,
    /// The files that changed (the page, and the pages whose link lists changed).
    pub files: Vec<OutputFile>,
    /// The paths of the previous build's files that go (a page that went, a listing
    /// with fewer parts): every other file of that build stays, unless `files` replaces
    /// it. Listing what goes, not what stays, keeps an edit's answer in proportion to
    /// the edit, not to the site.
    pub gone: Vec<String>,
    /// The diagnostics of the edited site, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// What the edit replaced (the state before it, or what of it changed), freed when
    /// this is dropped: after the caller has served the files, as freeing the model of
    /// a site of 10,000 pages takes milliseconds the author need not wait for.
    _replaced: Option<Box<dyn Send>>,
}

/// An edited site with errors, found without building it again.
pub struct Failed {
    /// What a full build of the edited site reports, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// The state the edit was applied to, as it was, when it could be kept whole: the
    /// next edit may be applied to it together with this one (the files both changed),
    /// as the served site is still the one it comes from.
    pub state: Option<SiteState>,
}

/// Rebuilds what the edit of the files `changed` (relative to the site's root) affects,
/// if it can be done without building the whole site:
/// - the body of one page ([`rebuild_page`]);
/// - one of the theme's static files: a stylesheet or script is copied again, and
///   nothing else; a page template: the pages it renders are rendered again;
/// - front matter, pages that come, go or move, datasets and filters: the model and
///   the link graph are made again (from the last graph, where the edit allows it), and
///   only the pages whose output may differ are rendered (see `incremental::site`).
///
/// `None` when the whole site must be built; `state` is then consumed, as it may be
/// partly updated. `Some(Err(failed))` when the edited site has errors: what a full
/// build of it reports, found without building it again, with `state` as it was when
/// it can be given back (see [`Failed`]). `reported` are the diagnostics of the build
/// `state` comes from.
pub fn rebuild(
    options: &BuildOptions,
    state: SiteState,
    changed: &[PathBuf],
    reported: &[Diagnostic],
) -> Option<Result<Rebuilt, Failed>> {
    // A page of one language tree is linked from the others (`hreflang`, the
    // switcher): a site in several languages is built again whole.
    if state.site.config.is_multilingual() {
        return None;
    }
    let root = &options.root;
    match changed {
        [path] if theme::is_template(&state, path) => {
            theme::retemplate(root, state, path, reported).map(Ok)
        }
        [path] if path.starts_with("themes") => {
            theme::restatic(root, state, path, reported).map(Ok)
        }
        [path] if body_only(root, &state, path) => {
            match body_edit(root, state, changed, reported) {
                Ok(rebuilt) => Some(Ok(rebuilt)),
                Err(Some(state)) => site::relink_site(options, *state, changed),
                Err(None) => None,
            }
        }
        _ => site::relink_site(options, state, changed),
    }
}

/// Is `path` a page whose front matter reads as it did, byte for byte (so only its body
/// may have changed)?
fn body_only(root: &Path, state: &SiteState, path: &Path) -> bool {
    let Some(content_path) = content_path(path) else {
        return false;
    };
    let Some(&id) = state.site.by_path.get(&content_path) else {
        return false;
    };
    let page = &state.site.pages[id];
    let Ok(file) = load::read_page(root, &content_path) else {
        return false;
    };
    let end = page.front_range.end;
    let front = |text: &str| text.get(..end).map(str::to_string);
    // The closing `---` line follows the front matter in both.
    let closing = |text: &str| {
        text.get(end..)
            .map(|rest| rest.split_inclusive('\n').next().map(str::to_string))
    };
    front(&file.text) == front(&page.source.text)
        && closing(&file.text) == closing(&page.source.text)
}

/// Re-renders what the edit of the files `changed` (relative to the site's root) affects,
/// if it is the body of one page, or `None` when the whole site must be built; `state`
/// is then consumed, as it may be partly updated. `reported` are the diagnostics of the
/// build `state` comes from.
pub fn rebuild_page(
    root: &Path,
    state: SiteState,
    changed: &[PathBuf],
    reported: &[Diagnostic],
) -> Option<Rebuilt> {
    if state.site.config.is_multilingual() {
        return None;
    }
    body_edit(root, state, changed, reported).ok()
}

/// [`rebuild_page`], or what to do instead: `Err(Some(state))` gives the state back as
/// it was, for an edit the page alone cannot answer (an orphan warning that comes or
/// goes, a heading other links name, front matter); `Err(None)` when the whole site
/// must be built (an error to report).
fn body_edit(
    root: &Path,
    mut state: SiteState,
    changed: &[PathBuf],
    reported: &[Diagnostic],
) -> Result<Rebuilt, Option<Box<SiteState>>> {
    let [path] = changed else {
        return Err(Some(Box::new(state)));
    };
    let Some((id, page, parsed, before)) = reparse(root, &state, path) else {
        return Err(Some(Box::new(state)));
    };
    let old = std::mem::replace(&mut state.site.pages[id], Arc::new(page));
    // Puts the page and its blocks back as they were.
    let restore = |mut state: SiteState, old: Arc<Page>| {
        state.site.pages[id] = old;
        state.components.replace_blocks(&state.site, id);
        Err(Some(Box::new(state)))
    };
    if !state.components.replace_blocks(&state.site, id) {
        // A block with a problem, which the whole model's checks report.
        return restore(state, old);
    }
    if anchors_changed(&old, &state.site.pages[id])
        && (reported.iter().any(|d| !is_page_file(&state.site, d))
            || !links_outside_pages_resolve(&state.site, &state.components))
    {
        return restore(state, old);
    }
    let links_before = state.links.clone();
    if !link::relink_page(&state.site, &mut state.links, id, &old) {
        return restore(state, old);
    }
    let after = problems::of_page(&state.site, &state.templates, id, parsed);
    let diagnostics = problems::replace(reported, before, after);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(None);
    }
    // The edit moved no page, so the model maps ids to keys as it did before the edit.
    let old_links = Linked {
        site: &state.site,
        links: &links_before,
    };
    let new_links = Linked {
        site: &state.site,
        links: &state.links,
    };
    let pages = link::changed_pages(old_links, new_links, &[state.site.key(id)]);
    let Ok(mut files) = render::render_pages(
        &state.site,
        &state.links,
        &state.components,
        &state.templates,
        &pages,
    ) else {
        return Err(None);
    };
    // The next edit reads the other files as the last build did, and this one as it is.
    if let Some(loaded) = &mut state.loaded {
        let page = &state.site.pages[id];
        loaded.replace_page(&page.content_path, page.source.clone());
    }
    // The page's markdown twin follows its body.
    if state.site.config.machine_readable {
        files.push(write::machine::markdown_twin(
            &state.site,
            &state.components,
            id,
        ));
    }
    Ok(Rebuilt {
        state,
        files,
        gone: Vec::new(),
        diagnostics,
        _replaced: Some(Box::new(links_before)),
    })
}

/// The page at `path`, parsed again after an edit of its body alone: its id, the page,
/// the problems parsing it gave, and what the checks of its body found before the edit
/// (to take out of the report). `None` if it is no page, or more than its body changed.
fn reparse(
    root: &Path,
    state: &SiteState,
    path: &Path,
) -> Option<(PageId, Page, Diagnostics, Diagnostics)> {
    let content_path = content_path(path)?;
    let &id = state.site.by_path.get(&content_path)?;
    let file = load::read_page(root, &content_path).ok()?;
    let (page, parsed) = model::reparse_page(&state.site, id, file)?;
    let old_file = state.site.pages[id].source.clone();
    let (_, parsed_before) = model::reparse_page(&state.site, id, old_file)?;
    let before = problems::of_page(&state.site, &state.templates, id, parsed_before);
    Some((id, page, parsed, before))
}

/// Did the edit change the ids links may point at (headings, terms)?
fn anchors_changed(old: &Page, new: &Page) -> bool {
    !old.outline.anchors().eq(new.outline.anchors())
}

/// Is `d` about a page (not about `site.yaml` or a data file, or about nothing)?
fn is_page_file(site: &Site, d: &Diagnostic) -> bool {
    d.path()
        .is_some_and(|path| site.pages.iter().any(|p| p.source.path == path))
}

/// Do the links written outside pages still resolve: the `@/` entries of `nav` in
/// `site.yaml` and the content links in the components' data? (A full build reports
/// each that does not.)
fn links_outside_pages_resolve(site: &Site, components: &SiteComponents) -> bool {
    let mut problems = Diagnostics::new();
    components.check_links(site, &mut problems);
    let resolver = Resolver::new(site);
    let nav = site.config.nav.iter().filter(|i| i.url.starts_with("@/"));
    problems.is_empty()
        && nav
            .map(|item| ContentLink {
                target: item.url.clone(),
                file: site.config_file.clone(),
                range: 0..0,
            })
            .all(|link| resolver.check(&link).is_ok())
}

/// `content/a/b.md` → `a/b.md`, for a markdown file under `content/`.
fn content_path(path: &Path) -> Option<String> {
    let rel = path.strip_prefix("content").ok()?;
    let parts: Vec<&str> = rel
        .components()
        .map(|c| c.as_os_str().to_str())
        .collect::<Option<_>>()?;
    let joined = parts.join("/");
    joined.ends_with(".md").then_some(joined)
}
