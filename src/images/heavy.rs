//! Images too heavy for the web (over 5 MB): a warning where a page shows one (a
//! markdown image or a shortcode's `src`), at its file, line and column; an image no
//! page shows is a warning on its own file.

use std::collections::BTreeSet;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::link::relative_file;
use crate::model::Site;

/// A warning for each place a page shows an image of `site.heavy_images`, and for each
/// such image no page shows.
pub(crate) fn heavy_image_warnings(site: &Site) -> Diagnostics {
    let mut problems = Diagnostics::new();
    if site.heavy_images.is_empty() {
        return problems;
    }
    let mut shown = BTreeSet::new();
    for page in &site.pages {
        for link in &page.outline.links {
            // A link in an included file resolves from there, and is reported there.
            let (from, file) = link.written_in(&page.content_path, &page.source);
            let written = file.text.get(link.range.clone()).unwrap_or_default();
            // `![alt](photo.jpg)` or `src="photo.jpg"`, not a link to download it.
            if !(written.starts_with('!') || written.starts_with("src")) {
                continue;
            }
            let Some(path) = relative_file(from, &link.dest) else {
                continue;
            };
            if let Some(&bytes) = site.heavy_images.get(&path) {
                problems.push(heavy(&path, bytes).at(file, link.range.clone()));
                shown.insert(path);
            }
        }
    }
    for (path, &bytes) in &site.heavy_images {
        if !shown.contains(path) {
            problems.push(heavy(path, bytes).in_file(format!("content/{path}")));
        }
    }
    problems
}

/// The warning for the image at `path` (under `content/`) of `bytes`.
fn heavy(path: &str, bytes: u64) -> Diagnostic {
    Diagnostic::warning(format!(
        "the image is {:.1} MB, over 5 MB: heavy for a page",
        bytes as f64 / (1024.0 * 1024.0)
    ))
    .with_hint(format!(
        "content/{path}: resize or compress it (a photo rarely needs more than 2000 px)"
    ))
}
