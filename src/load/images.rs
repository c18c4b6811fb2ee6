//! The sizes of the images under `content/`, read from their headers (no decoding), so
//! pages can give every local image its `width` and `height` and the layout does not
//! shift as it loads. A JPEG whose EXIF turns it a quarter (a photo taken with the
//! camera on its side) has its width and height swapped: the size it is seen at.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::orientation::{jpeg_orientation, turns_sideways};

/// Above this many bytes an image is heavy for the web: a warning.
const HEAVY_IMAGE_BYTES: u64 = 5 * 1024 * 1024;

/// The file extensions read as images (lowercase).
const EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "gif", "webp", "avif", "bmp"];

/// An image's size in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ImageSize {
    /// Pixels across.
    pub width: u32,
    /// Pixels down.
    pub height: u32,
}

/// The images among `assets` (path under `content/`, file on disk): the size of each,
/// by path, and the byte count of each over [`HEAVY_IMAGE_BYTES`], which is a warning
/// where a page shows it (see [`crate::images::heavy_image_warnings`]). A file whose
/// header cannot be read keeps no size (the page shows it without one).
pub(super) fn read_images(assets: &[(String, PathBuf)]) -> Images {
    let mut images = Images::default();
    for (rel, path) in assets.iter().filter(|(rel, _)| is_image(rel)) {
        if let Ok(size) = imagesize::size(path) {
            let (Ok(mut width), Ok(mut height)) = (size.width.try_into(), size.height.try_into())
            else {
                continue;
            };
            if is_jpeg(rel) && jpeg_orientation(path).is_some_and(turns_sideways) {
                std::mem::swap(&mut width, &mut height);
            }
            images
                .sizes
                .insert(rel.clone(), ImageSize { width, height });
        }
        let bytes = std::fs::metadata(path).map_or(0, |m| m.len());
        if bytes > HEAVY_IMAGE_BYTES {
            images.heavy.insert(rel.clone(), bytes);
        }
    }
    images
}

/// What [`read_images`] found.
#[derive(Debug, Default)]
pub(super) struct Images {
    /// The size of each image, by path under `content/`.
    pub sizes: BTreeMap<String, ImageSize>,
    /// The byte count of each image over 5 MB, by path under `content/`.
    pub heavy: BTreeMap<String, u64>,
}

/// Is the file at `rel` a JPEG (the format that carries EXIF orientation)?
fn is_jpeg(rel: &str) -> bool {
    rel.rsplit_once('.')
        .is_some_and(|(_, ext)| matches!(ext.to_ascii_lowercase().as_str(), "jpg" | "jpeg"))
}

/// Is the file at `rel` an image whose size can be read?
fn is_image(rel: &str) -> bool {
    rel.rsplit_once('.')
        .is_some_and(|(_, ext)| EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()))
}
