//! The diagnostics after an edit of one page's body, as a full build would report them.
//!
//! What a full build reports about a page's body is found by checks of that page alone:
//! parsing it, resolving its links, checking its shortcodes, and the heavy images it
//! shows. So the diagnostics after the edit are those before it, less what these
//! checks found in the page as it was, plus what they find in it now. Everything else
//! reported about the page (its front matter, an orphan warning) the edit left as it
//! was; [`super::rebuild_page`] builds the whole site when it may not have.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{PageId, Site};
use crate::render::Templates;
use crate::{images, link, shortcodes};

/// What the checks of page `id`'s body find, with `parsed`, the problems parsing it gave.
pub(super) fn of_page(
    site: &Site,
    templates: &Templates,
    id: PageId,
    parsed: Diagnostics,
) -> Diagnostics {
    let mut found = parsed;
    found.extend(link::page_problems(site, id));
    found.extend(shortcodes::check_page(&site.pages[id], templates));
    // Heavy images are reported where they are shown, or once where none shows them.
    found.extend(images::heavy_image_warnings(site));
    found
}

/// `reported` with the problems `before` replaced by `after`, sorted as a build sorts
/// them.
pub(super) fn replace(
    reported: &[Diagnostic],
    before: Diagnostics,
    after: Diagnostics,
) -> Vec<Diagnostic> {
    let mut kept: Vec<Diagnostic> = reported.to_vec();
    for gone in before {
        let line = gone.to_string();
        if let Some(at) = kept.iter().position(|d| d.to_string() == line) {
            kept.remove(at);
        }
    }
    let mut all = Diagnostics::from_iter(kept);
    all.extend(after);
    all.into_sorted()
}
