//! Which variants an image gets and where they go: a pure function of its path, its
//! size and `images` in `site.yaml`, so pages can name the variants (in a `srcset`)
//! while they are still being made, or long after they were cached.

use crate::config::ImagesConfig;
use crate::load::ImageSize;

/// A file format variants are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Format {
    /// JPEG, lossy.
    Jpeg,
    /// PNG, lossless.
    Png,
    /// WebP, lossy.
    Webp,
    /// AVIF, lossy (only with the `avif` feature).
    Avif,
}

impl Format {
    /// The format of the image at `path` if it is one variants are made of (JPEG or
    /// PNG: a GIF may be animated, a WebP or AVIF is already small).
    pub(crate) fn of_source(path: &str) -> Option<Format> {
        let (_, ext) = path.rsplit_once('.')?;
        match ext.to_ascii_lowercase().as_str() {
            "jpg" | "jpeg" => Some(Format::Jpeg),
            "png" => Some(Format::Png),
            _ => None,
        }
    }

    /// The file extension variants in this format get.
    pub(crate) fn extension(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::Webp => "webp",
            Format::Avif => "avif",
        }
    }
}

/// One file made from an image: the image at `width` pixels across, in `format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Variant {
    /// Pixels across.
    pub width: u32,
    /// The file format.
    pub format: Format,
}

impl Variant {
    /// Its height for an image of `size`: the same proportions, at least one pixel.
    pub(crate) fn height(self, size: ImageSize) -> u32 {
        let height = u64::from(size.height) * u64::from(self.width) / u64::from(size.width);
        u32::try_from(height).unwrap_or(u32::MAX).max(1)
    }

    /// Its path (or URL) beside the image's own `path`: `a/photo.jpg` at 480 px as
    /// WebP is `a/photo-480w.webp`.
    pub(crate) fn path_beside(self, path: &str) -> String {
        let name_start = path.rfind('/').map_or(0, |i| i + 1);
        let stem_end = path[name_start..]
            .rfind('.')
            .map_or(path.len(), |i| name_start + i);
        format!(
            "{}-{}w.{}",
            &path[..stem_end],
            self.width,
            self.format.extension()
        )
    }
}

/// The widths offered of an image `size` pixels across: each configured width below
/// its own (never upscaled), in increasing order, then its own.
pub(crate) fn widths(size: ImageSize, config: &ImagesConfig) -> Vec<u32> {
    let mut widths: Vec<u32> = config
        .widths
        .iter()
        .map(|w| w.get())
        .filter(|&w| w < size.width)
        .collect();
    widths.sort_unstable();
    widths.dedup();
    widths.push(size.width);
    widths
}

/// The files to make of the image at `path` (under `content/`), of `size`: none if
/// the site asks for none or the image is not a JPEG or PNG. Each smaller width in
/// the image's own format, and with WebP (AVIF) on every width as WebP (AVIF), its own
/// included.
pub(crate) fn variants(path: &str, size: ImageSize, config: &ImagesConfig) -> Vec<Variant> {
    let Some(format) = Format::of_source(path) else {
        return Vec::new();
    };
    if !config.enabled() || size.width == 0 || size.height == 0 {
        return Vec::new();
    }
    let widths = widths(size, config);
    let mut variants: Vec<Variant> = widths[..widths.len() - 1]
        .iter()
        .map(|&width| Variant { width, format })
        .collect();
    for (on, format) in [
        (config.webp, Format::Webp),
        (config.avif.on(), Format::Avif),
    ] {
        if on {
            variants.extend(widths.iter().map(|&width| Variant { width, format }));
        }
    }
    variants
}

/// What a page writes for an image with variants: the candidates of its `<img>`'s
/// `srcset` (the smaller widths in its own format, then the original; none if no
/// width is smaller), those of its WebP `<source>` (none if the site makes no WebP),
/// and the `sizes` both share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Srcsets {
    /// The `<img>`'s candidates, in the image's own format, narrowest first (none if
    /// the image is narrower than every width asked for).
    pub own: Vec<Candidate>,
    /// The WebP `<source>`'s candidates, narrowest first.
    pub webp: Vec<Candidate>,
    /// The AVIF `<source>`'s candidates, narrowest first (none unless `images.avif`).
    pub avif: Vec<Candidate>,
    /// How wide the image shows: its own width, or the whole viewport if narrower.
    pub sizes: String,
}

/// One entry of a `srcset`: a URL and the width of the image there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Candidate {
    /// The file's URL.
    pub url: String,
    /// Its width in pixels (the `w` descriptor).
    pub width: u32,
}

/// `candidates` as a `srcset` value, each URL written by `url` (which escapes it).
pub(crate) fn srcset_text(candidates: &[Candidate], url: impl Fn(&str) -> String) -> String {
    let entries: Vec<String> = candidates
        .iter()
        .map(|c| format!("{} {}w", url(&c.url), c.width))
        .collect();
    entries.join(", ")
}

/// The [`Srcsets`] of the image at `path` (under `content/`) of `size`, whose own URL
/// is `url`; `None` if it has no variants.
pub(crate) fn srcsets(
    url: &str,
    path: &str,
    size: ImageSize,
    config: &ImagesConfig,
) -> Option<Srcsets> {
    let variants = variants(path, size, config);
    if variants.is_empty() {
        return None;
    }
    let candidate = |v: &Variant| Candidate {
        url: v.path_beside(url),
        width: v.width,
    };
    let mut own: Vec<Candidate> = variants
        .iter()
        .filter(|v| !matches!(v.format, Format::Webp | Format::Avif))
        .map(candidate)
        .collect();
    if !own.is_empty() {
        own.push(Candidate {
            url: url.to_string(),
            width: size.width,
        });
    }
    let of = |format: Format| {
        variants
            .iter()
            .filter(|v| v.format == format)
            .map(candidate)
            .collect()
    };
    Some(Srcsets {
        own,
        webp: of(Format::Webp),
        avif: of(Format::Avif),
        sizes: format!("(min-width: {w}px) {w}px, 100vw", w = size.width),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::num::NonZeroU32;

    fn config(widths: &[u32], webp: bool) -> ImagesConfig {
        ImagesConfig {
            widths: widths.iter().filter_map(|&w| NonZeroU32::new(w)).collect(),
            webp,
            ..ImagesConfig::default()
        }
    }

    const PHOTO: ImageSize = ImageSize {
        width: 1000,
        height: 750,
    };

    #[test]
    fn widths_below_the_images_own_are_made_and_none_above() {
        let made = variants("a/photo.JPG", PHOTO, &config(&[1600, 480, 960], true));
        let names: Vec<String> = made.iter().map(|v| v.path_beside("a/photo.JPG")).collect();
        assert_eq!(
            names,
            [
                "a/photo-480w.jpg",
                "a/photo-960w.jpg",
                "a/photo-480w.webp",
                "a/photo-960w.webp",
                "a/photo-1000w.webp"
            ]
        );
        assert_eq!(made[0].height(PHOTO), 360);
    }

    #[test]
    fn nothing_is_made_when_the_site_asks_for_nothing_or_of_other_formats() {
        assert!(variants("photo.jpg", PHOTO, &config(&[], true)).is_empty());
        assert!(variants("anim.gif", PHOTO, &config(&[480], true)).is_empty());
        assert!(variants("a.b/noext", PHOTO, &config(&[480], true)).is_empty());
    }

    #[test]
    fn the_srcsets_list_each_width_and_the_original_last() {
        let sets = srcsets("/a/p.png", "a/p.png", PHOTO, &config(&[480], true)).unwrap();
        let text = |c: &[Candidate]| srcset_text(c, str::to_string);
        assert_eq!(text(&sets.own), "/a/p-480w.png 480w, /a/p.png 1000w");
        assert_eq!(
            text(&sets.webp),
            "/a/p-480w.webp 480w, /a/p-1000w.webp 1000w"
        );
        assert_eq!(sets.sizes, "(min-width: 1000px) 1000px, 100vw");
        let plain = srcsets("/a/p.png", "a/p.png", PHOTO, &config(&[480], false)).unwrap();
        assert!(plain.webp.is_empty());
        let narrow = srcsets("/a/p.png", "a/p.png", PHOTO, &config(&[1600], true)).unwrap();
        assert!(narrow.own.is_empty(), "the original alone needs no srcset");
        assert_eq!(text(&narrow.webp), "/a/p-1000w.webp 1000w");
    }
}
