//! The sizes of the images under `content/`, read from their headers (no decoding), so
//! pages can give every local image its `width` and `height` and the layout does not
//! shift as it loads.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics};

/// Above this many bytes an image is heavy for the web: a warning.
const HEAVY_IMAGE_BYTES: u64 = 5 * 1024 * 1024;

/// The file extensions read as images (lowercase).
const EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "gif", "webp", "avif", "bmp"];

/// An image's size in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageSize {
    /// Pixels across.
    pub width: u32,
    /// Pixels down.
    pub height: u32,
}

/// The size of each image among `assets` (path under `content/`, file on disk), by
/// path; an image over [`HEAVY_IMAGE_BYTES`] is a warning. A file whose header cannot
/// be read keeps no size (the page shows it without one).
pub fn image_sizes(
    root: &Path,
    assets: &[(String, PathBuf)],
    problems: &mut Diagnostics,
) -> BTreeMap<String, ImageSize> {
    let mut sizes = BTreeMap::new();
    for (rel, path) in assets.iter().filter(|(rel, _)| is_image(rel)) {
        if let Ok(size) = imagesize::size(path) {
            let (Ok(width), Ok(height)) = (size.width.try_into(), size.height.try_into()) else {
                continue;
            };
            sizes.insert(rel.clone(), ImageSize { width, height });
        }
        let bytes = std::fs::metadata(path).map_or(0, |m| m.len());
        if bytes > HEAVY_IMAGE_BYTES {
            let shown = path.strip_prefix(root).unwrap_or(path);
            problems.push(
                Diagnostic::warning(format!(
                    "the image is {:.1} MB, over 5 MB: heavy for a page",
                    bytes as f64 / (1024.0 * 1024.0)
                ))
                .in_file(shown)
                .with_hint("resize or compress it (a photo rarely needs more than 2000 px)"),
            );
        }
    }
    sizes
}

/// Is the file at `rel` an image whose size can be read?
fn is_image(rel: &str) -> bool {
    rel.rsplit_once('.')
        .is_some_and(|(_, ext)| EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()))
}
