//! Rebuilding after an edit, doing only the work the edit calls for.
//!
//! `pillar serve` keeps the [`SiteState`] of its last good build. When a save changed one
//! page and only its body, that page alone goes through the stages again: it is read
//! ([`load::read_page`]), parsed ([`model::reparse_page`]) with its comparison and
//! decision blocks ([`crate::components::SiteComponents::replace_blocks`]), its links
//! are resolved and the backlink lists it enters or leaves are updated
//! ([`link::relink_page`]), and it is rendered together with the pages whose backlinks
//! changed ([`render::render_pages`]).
//!
//! Nothing else can differ. What other pages show of a page (title, description, date,
//! kind, tags, cluster, order) and the site-wide files (sitemap, feeds, tag pages,
//! redirects) come from front matter, which the edit left as it was. Any other change
//! (to front matter, a new, renamed or deleted file, data, filters, templates,
//! `site.yaml`) and any edit that needs reporting (a broken link, a parse error, a
//! comparison or decision block that does not parse, an orphan warning coming or going)
//! makes the caller build the whole site: this path never reports anything itself, so
//! the diagnostics shown are always a full build's. A changed heading is checked against
//! every link that may name it: other pages' (see [`link::relink_page`]), `nav` in
//! `site.yaml` and the components' data; if one of them no longer resolves, or a
//! warning about `site.yaml` or a data file may have gone, the whole site is built.

use std::path::{Path, PathBuf};

use crate::components::SiteComponents;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::link::{ContentLink, Resolver};
use crate::model::{Page, Site};
use crate::output::OutputFile;
use crate::pipeline::SiteState;
use crate::{link, load, model, render, write};

/// Re-renders what the edit of the files `changed` (relative to the site's root) affects,
/// if it is the body of one page. Returns the updated state and the files that changed
/// (the page, and the pages it started or stopped linking to), or `None` when the whole
/// site must be built; `state` is then consumed, as it may be partly updated.
///
/// `reported` are the diagnostics the state's build printed: a page with a warning is
/// rebuilt in full, so that the warning goes when its cause does.
pub fn rebuild_page(
    root: &Path,
    mut state: SiteState,
    changed: &[PathBuf],
    reported: &[Diagnostic],
) -> Option<(SiteState, Vec<OutputFile>)> {
    let [path] = changed else {
        return None;
    };
    // A page of one language tree is linked from the others (`hreflang`, the
    // switcher): a site in several languages is built again whole.
    if state.site.config.is_multilingual() {
        return None;
    }
    let content_path = content_path(path)?;
    let &id = state.site.by_path.get(&content_path)?;
    let page = &state.site.pages[id];
    let has_warning = reported.iter().any(|d| {
        d.location
            .as_ref()
            .is_some_and(|at| at.path == page.source.path)
    });
    if has_warning {
        return None;
    }
    let file = load::read_page(root, &content_path).ok()?;
    let page = model::reparse_page(&state.site, id, file)?;
    let old = std::mem::replace(&mut state.site.pages[id], page);
    if !state.components.replace_blocks(&state.site, id) {
        return None;
    }
    if anchors_changed(&old, &state.site.pages[id])
        && (reported.iter().any(|d| !is_page_file(&state.site, d))
            || !links_outside_pages_resolve(&state.site, &state.components))
    {
        return None;
    }
    let pages = link::relink_page(&state.site, &mut state.links, id, &old)?;
    let mut files = render::render_pages(
        &state.site,
        &state.links,
        &state.components,
        &state.templates,
        &pages,
    )
    .ok()?;
    // The page's markdown twin follows its body.
    if state.site.config.machine_readable {
        files.push(write::machine::markdown_twin(
            &state.site,
            &state.components,
            id,
        ));
    }
    Some((state, files))
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
