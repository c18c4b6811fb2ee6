//! An edit of one of the theme's files.
//!
//! A static file (a stylesheet, a script) is read again and the theme's static output
//! made again from it; pages do not change, as they name the theme's files by fixed
//! paths. A page template (`article.html`, `page.html`, `cluster.html`, `home.html`)
//! that no other template names and that defines no component is compiled again with
//! the others, and the pages it renders are rendered again.

use std::path::Path;

use super::Rebuilt;
use crate::diagnostics::Diagnostic;
use crate::load;
use crate::model::{PageId, PageRole};
use crate::pipeline::SiteState;
use crate::render::{self, Templates};

/// Re-copies the theme's static file at `path` (relative to the root:
/// `themes/default/static/css/site.css`), if that is what it is and it is still there;
/// `None` otherwise (the file came or went: the whole site is built).
pub(super) fn restatic(
    root: &Path,
    mut state: SiteState,
    path: &Path,
    reported: &[Diagnostic],
) -> Option<Rebuilt> {
    let rel = in_theme(&state, path, "static")?;
    if !state.site.theme.static_files.contains_key(&rel) {
        return None;
    }
    // A file the build could not read is reported by a full build.
    let file = root.join(path);
    if std::fs::symlink_metadata(&file).ok()?.is_symlink() {
        return None;
    }
    let bytes = std::fs::read(&file).ok()?;
    state.site.theme.static_files.insert(rel, bytes);
    let files = render::theme_assets(&state.site);
    Some(Rebuilt {
        state,
        files,
        gone: Vec::new(),
        _replaced: None,
        diagnostics: reported.to_vec(),
    })
}

/// Renders again the pages of the page template at `path` (relative to the root:
/// `themes/default/templates/page.html`), if that is what it is, after its edit; `None`
/// when the whole site must be built: another template, a template other templates name
/// or that defines a component (which every template may call), or one that does not
/// compile (a full build reports it).
pub(super) fn retemplate(
    root: &Path,
    mut state: SiteState,
    path: &Path,
    reported: &[Diagnostic],
) -> Option<Rebuilt> {
    let name = in_theme(&state, path, "templates")?;
    let role = |role: PageRole| match name.as_str() {
        "home.html" => role == PageRole::Home,
        "cluster.html" => matches!(role, PageRole::Hub(_)),
        "article.html" => matches!(role, PageRole::Article(_)),
        "page.html" => role == PageRole::Standalone,
        _ => false,
    };
    if !["home.html", "cluster.html", "article.html", "page.html"].contains(&name.as_str()) {
        return None;
    }
    let named = format!("\"{name}\"");
    let templates = &state.site.theme.templates;
    if templates
        .iter()
        .any(|(other, file)| *other != name && file.text.contains(&named))
    {
        return None;
    }
    if std::fs::symlink_metadata(root.join(path))
        .ok()?
        .is_symlink()
    {
        return None;
    }
    let file = load::read_text(root, &root.join(path)).ok()?;
    let defines_component =
        |text: &str| text.contains("{% component") || text.contains("{%- component");
    if defines_component(&file.text)
        || templates
            .get(&name)
            .is_none_or(|old| defines_component(&old.text))
    {
        return None;
    }
    state.site.theme.templates.insert(name.clone(), file);
    state.templates = Templates::new(&state.site.theme.templates, &state.site.strings).ok()?;
    let ids: Vec<PageId> = (0..state.site.pages.len())
        .filter(|&id| role(state.site.pages[id].role))
        .collect();
    let files = render::render_pages(
        &state.site,
        &state.links,
        &state.components,
        &state.templates,
        &ids,
    )
    .ok()?;
    Some(Rebuilt {
        state,
        files,
        gone: Vec::new(),
        _replaced: None,
        diagnostics: reported.to_vec(),
    })
}

/// Is `path` (relative to the root) a template of the site's theme?
pub(super) fn is_template(state: &SiteState, path: &Path) -> bool {
    in_theme(state, path, "templates").is_some()
}

/// The path of `path` (relative to the root) inside the folder `folder` of the site's
/// theme (`themes/default/static/css/a.css` → `css/a.css`), if it is there.
fn in_theme(state: &SiteState, path: &Path, folder: &str) -> Option<String> {
    let theme = Path::new("themes").join(&state.site.config.theme);
    let rel = path.strip_prefix(theme.join(folder)).ok()?;
    Some(
        rel.components()
            .map(|c| c.as_os_str().to_str())
            .collect::<Option<Vec<_>>>()?
            .join("/"),
    )
}
