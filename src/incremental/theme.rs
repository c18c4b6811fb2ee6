//! An edit of one of the theme's static files (a stylesheet, a script): the file is
//! read again and the theme's static output made again from it. Pages do not change:
//! they name the theme's files by fixed paths.

use std::path::Path;

use super::Rebuilt;
use crate::diagnostics::Diagnostic;
use crate::pipeline::SiteState;
use crate::render;

/// Re-copies the theme's static file at `path` (relative to the root:
/// `themes/default/static/css/site.css`), if that is what it is and it is still there;
/// `None` otherwise (the file came or went: the whole site is built).
pub(super) fn restatic(
    root: &Path,
    mut state: SiteState,
    path: &Path,
    reported: &[Diagnostic],
) -> Option<Rebuilt> {
    let theme = Path::new("themes").join(&state.site.config.theme);
    let rel = path.strip_prefix(theme.join("static")).ok()?;
    let rel = rel
        .components()
        .map(|c| c.as_os_str().to_str())
        .collect::<Option<Vec<_>>>()?
        .join("/");
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
        kept: None,
        diagnostics: reported.to_vec(),
    })
}
