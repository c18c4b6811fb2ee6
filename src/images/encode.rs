//! Making one variant: the decoded image resized and encoded. The same pixels and
//! settings give the same bytes (no timestamps, no metadata), so builds stay
//! deterministic and cached files can be reused.

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::imageops::FilterType;
use image::{DynamicImage, ImageEncoder};

use super::plan::{Format, Variant};
use crate::config::Quality;

/// The resampling filter: sharp, and cheaper than Lanczos.
const FILTER: FilterType = FilterType::CatmullRom;

/// What makes a variant, written into each cache key: changing any of it (the filter,
/// an encoder's options) must change this text, so that no older file is reused.
pub(super) const RECIPE: &str = "exif orientation applied; catmull-rom; jpeg baseline; png default adaptive; webp lossy libwebp; avif ravif speed 4 one thread";

/// `image`, decoded, at the variant's width and in its format.
pub(super) fn encode(
    image: &DynamicImage,
    variant: Variant,
    quality: Quality,
) -> Result<Vec<u8>, String> {
    let resized;
    let pixels = if variant.width == image.width() {
        image
    } else {
        let size = crate::load::ImageSize {
            width: image.width(),
            height: image.height(),
        };
        resized = image.resize_exact(variant.width, variant.height(size), FILTER);
        &resized
    };
    let mut bytes = Vec::new();
    match variant.format {
        Format::Jpeg => {
            let rgb = pixels.to_rgb8();
            JpegEncoder::new_with_quality(&mut bytes, quality.get())
                .write_image(
                    rgb.as_raw(),
                    rgb.width(),
                    rgb.height(),
                    image::ExtendedColorType::Rgb8,
                )
                .map_err(|e| e.to_string())?;
        }
        Format::Png => {
            let encoder = PngEncoder::new_with_quality(
                &mut bytes,
                CompressionType::Default,
                PngFilter::Adaptive,
            );
            let written = if pixels.color().has_alpha() {
                let rgba = pixels.to_rgba8();
                let (w, h) = rgba.dimensions();
                encoder.write_image(rgba.as_raw(), w, h, image::ExtendedColorType::Rgba8)
            } else {
                let rgb = pixels.to_rgb8();
                let (w, h) = rgb.dimensions();
                encoder.write_image(rgb.as_raw(), w, h, image::ExtendedColorType::Rgb8)
            };
            written.map_err(|e| e.to_string())?;
        }
        Format::Webp => bytes = webp_lossy(pixels, quality)?,
        Format::Avif => bytes = avif(pixels, quality)?,
    }
    Ok(bytes)
}

/// The AVIF encoder's speed, 1 (slowest, smallest) to 10: ravif's own default.
#[cfg(feature = "avif")]
const AVIF_SPEED: u8 = 4;

/// AVIF (`image`'s encoder: ravif over rav1e, in this thread, so the same pixels give
/// the same bytes), keeping transparency if the image has any channel for it.
#[cfg(feature = "avif")]
fn avif(image: &DynamicImage, quality: Quality) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    let encoder = image::codecs::avif::AvifEncoder::new_with_speed_quality(
        &mut bytes,
        AVIF_SPEED,
        quality.get(),
    )
    .with_num_threads(Some(1));
    let written = if image.color().has_alpha() {
        let rgba = image.to_rgba8();
        encoder.write_image(
            rgba.as_raw(),
            rgba.width(),
            rgba.height(),
            image::ExtendedColorType::Rgba8,
        )
    } else {
        let rgb = image.to_rgb8();
        encoder.write_image(
            rgb.as_raw(),
            rgb.width(),
            rgb.height(),
            image::ExtendedColorType::Rgb8,
        )
    };
    written.map_err(|e| e.to_string())?;
    Ok(bytes)
}

/// Without the `avif` feature, `images.avif: true` is refused in site.yaml, so no AVIF
/// variant is ever asked for.
#[cfg(not(feature = "avif"))]
fn avif(_image: &DynamicImage, _quality: Quality) -> Result<Vec<u8>, String> {
    Err("this pillar was built without AVIF (the `avif` feature)".to_string())
}

/// Lossy WebP, keeping transparency if the image has any channel for it.
fn webp_lossy(image: &DynamicImage, quality: Quality) -> Result<Vec<u8>, String> {
    let encoded = if image.color().has_alpha() {
        let rgba = image.to_rgba8();
        webp::Encoder::from_rgba(rgba.as_raw(), rgba.width(), rgba.height())
            .encode_simple(false, f32::from(quality.get()))
    } else {
        let rgb = image.to_rgb8();
        webp::Encoder::from_rgb(rgb.as_raw(), rgb.width(), rgb.height())
            .encode_simple(false, f32::from(quality.get()))
    };
    encoded
        .map(|memory| memory.to_vec())
        .map_err(|e| format!("the WebP encoder failed ({e:?})"))
}
