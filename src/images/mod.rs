//! Resized and WebP variants of the site's photos (`images: {widths: […]}` in
//! `site.yaml`, off by default), offered to browsers in a `srcset` and a `<picture>`.
//!
//! Which variants an image gets, and their paths, follow from its path, its size and
//! the settings alone ([`plan`]), so pages name them while they are being made. Making
//! them ([`make`]) hashes each JPEG and PNG under `content/`, and decodes, resizes and
//! encodes only the variants the cache ([`cache`]) does not hold yet, in parallel. An
//! image whose length and modification time are those an earlier build hashed
//! ([`stamps`]) is not even read: a build in which no image changed does no image work
//! beyond a `stat` of each image and of each cached variant.

mod cache;
mod encode;
mod heavy;
pub(crate) mod plan;
mod stamps;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::ImagesConfig;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::ImageSize;
use cache::{Cache, content_hash};
pub(crate) use heavy::heavy_image_warnings;
pub(crate) use plan::{Candidate, Srcsets, srcset_text, srcsets};
use plan::{Format, Variant};
use stamps::{Stamp, Stamps};

/// One image to make variants of.
struct Job<'a> {
    /// Its path under `content/`.
    rel: &'a str,
    /// The file.
    file: &'a Path,
    variants: Vec<Variant>,
}

/// The variants of every image among `assets` (path under `content/`, file), each as
/// its output path and the cached file holding it, made where the cache under `root`
/// lacks them. An image that cannot be read or decoded is an error at its file.
pub(crate) fn make(
    root: &Path,
    assets: &[(String, PathBuf)],
    sizes: &BTreeMap<String, ImageSize>,
    config: &ImagesConfig,
) -> Result<Vec<(String, PathBuf)>, Diagnostics> {
    if !config.enabled() {
        return Ok(Vec::new());
    }
    let jobs: Vec<Job> = assets
        .iter()
        .filter_map(|(rel, file)| {
            let variants = plan::variants(rel, *sizes.get(rel)?, config);
            (!variants.is_empty()).then_some(Job {
                rel,
                file,
                variants,
            })
        })
        .collect();
    check_paths(assets, &jobs)?;
    let cache = Cache::new(root);
    let known = stamps::read(cache.dir());
    let made: Vec<Result<Made, Diagnostic>> = jobs
        .par_iter()
        .map(|job| make_one(&cache, job, known.get(job.rel), config))
        .collect();
    let mut files = Vec::new();
    let mut stamps = Stamps::new();
    let mut problems = Diagnostics::new();
    for (job, result) in jobs.iter().zip(made) {
        match result {
            Ok(made) => {
                files.extend(made.files);
                stamps.extend(made.stamp.map(|s| (job.rel.to_string(), s)));
            }
            Err(d) => problems.push(d),
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    if stamps != known {
        // Only a cache: without it the next build reads the images again.
        let _ = stamps::write(cache.dir(), &stamps);
    }
    cache.keep_only(&files.iter().map(|(_, file)| file.as_path()).collect());
    files.sort();
    Ok(files)
}

/// The variants of one image, as output path and cached file, and its stamp.
struct Made {
    files: Vec<(String, PathBuf)>,
    stamp: Option<Stamp>,
}

/// The variants of one image, made where the cache lacks them; `known` is its stamp
/// from an earlier build, if any.
fn make_one(
    cache: &Cache,
    job: &Job,
    known: Option<&Stamp>,
    config: &ImagesConfig,
) -> Result<Made, Diagnostic> {
    let at = format!("content/{}", job.rel);
    let unreadable =
        |e: std::io::Error| Diagnostic::error(format!("cannot read the image: {e}")).in_file(&at);
    let metadata = std::fs::metadata(job.file).map_err(unreadable)?;
    let cached = |source: u128| -> Vec<(String, PathBuf, Variant)> {
        job.variants
            .iter()
            .map(|&v| {
                (
                    v.path_beside(job.rel),
                    cache.path(source, v, config.quality),
                    v,
                )
            })
            .collect()
    };
    let output = |files: Vec<(String, PathBuf, Variant)>, hash: u128| Made {
        files: files
            .into_iter()
            .map(|(path, file, _)| (path, file))
            .collect(),
        stamp: Stamp::new(&metadata, hash),
    };
    if let Some(hash) = known.and_then(|s| s.hash_if_unchanged(&metadata)) {
        let files = cached(hash);
        if files.iter().all(|(_, file, _)| file.is_file()) {
            return Ok(output(files, hash));
        }
    }
    let bytes = std::fs::read(job.file).map_err(unreadable)?;
    let hash = content_hash(&bytes);
    let files = cached(hash);
    let missing: Vec<&(String, PathBuf, Variant)> = files
        .iter()
        .filter(|(_, file, _)| !file.is_file())
        .collect();
    if !missing.is_empty() {
        let format = match Format::of_source(job.rel) {
            Some(Format::Png) => image::ImageFormat::Png,
            _ => image::ImageFormat::Jpeg,
        };
        let mut image = image::load_from_memory_with_format(&bytes, format).map_err(|e| {
            Diagnostic::error(format!("cannot decode the image to resize it: {e}"))
                .in_file(&at)
                .with_hint("open it in an image editor and save it again")
        })?;
        // A photo taken on its side is turned upright, as browsers show the original.
        if format == image::ImageFormat::Jpeg
            && let Some(orientation) = crate::load::orientation_in(&bytes)
        {
            image.apply_orientation(orientation);
        }
        missing.par_iter().try_for_each(|(_, cached, v)| {
            let encoded = encode::encode(&image, *v, config.quality).map_err(|e| {
                Diagnostic::error(format!(
                    "cannot make the image {} px wide as {}: {e}",
                    v.width,
                    v.format.extension()
                ))
                .in_file(&at)
            })?;
            cache.store(cached, &encoded).map_err(|e| {
                Diagnostic::error(format!(
                    "cannot write the resized image to {}: {e}",
                    cached.display()
                ))
            })
        })?;
    }
    Ok(output(files, hash))
}

/// No variant may land on a file of the site or on another image's variant
/// (`a.png` and `a.jpg` both make `a-480w.webp`).
fn check_paths(assets: &[(String, PathBuf)], jobs: &[Job]) -> Result<(), Diagnostics> {
    let taken: BTreeSet<&str> = assets.iter().map(|(rel, _)| rel.as_str()).collect();
    let mut made: BTreeMap<String, &str> = BTreeMap::new();
    let mut problems = Diagnostics::new();
    for job in jobs {
        for variant in &job.variants {
            let path = variant.path_beside(job.rel);
            let other = if taken.contains(path.as_str()) {
                Some(format!("content/{path}"))
            } else {
                made.get(&path)
                    .map(|rel| format!("the variant of content/{rel}"))
            };
            if let Some(other) = other {
                problems.push(
                    Diagnostic::error(format!(
                        "the image's variant {path} would overwrite {other}"
                    ))
                    .in_file(format!("content/{}", job.rel))
                    .with_hint("rename one of the two files"),
                );
            } else {
                made.insert(path, job.rel);
            }
        }
    }
    if problems.has_errors() {
        Err(problems)
    } else {
        Ok(())
    }
}
