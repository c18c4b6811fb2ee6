//! Resized and WebP variants of the site's photos (`images: {widths: […]}` in
//! `site.yaml`, off by default), offered to browsers in a `srcset` and a `<picture>`.
//!
//! Which variants an image gets, and their paths, follow from its path, its size and
//! the settings alone ([`plan`]), so pages name them while they are being made. Making
//! them ([`make`]) reads each JPEG and PNG under `content/`, and decodes, resizes and
//! encodes only the variants the cache ([`cache`]) does not hold yet, in parallel. A
//! build in which no image changed reads and hashes the images and encodes nothing.

mod cache;
mod encode;
mod heavy;
pub mod plan;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::ImagesConfig;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::ImageSize;
pub use cache::CACHE_DIR;
use cache::{Cache, content_hash};
pub use heavy::heavy_image_warnings;
pub use plan::{Candidate, Srcsets, srcset_text, srcsets};
use plan::{Format, Variant};

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
pub fn make(
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
    let made: Vec<Result<Vec<(String, PathBuf)>, Diagnostic>> = jobs
        .par_iter()
        .map(|job| make_one(&cache, job, config))
        .collect();
    let mut files = Vec::new();
    let mut problems = Diagnostics::new();
    for result in made {
        match result {
            Ok(found) => files.extend(found),
            Err(d) => problems.push(d),
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    files.sort();
    Ok(files)
}

/// The variants of one image, made where the cache lacks them.
fn make_one(
    cache: &Cache,
    job: &Job,
    config: &ImagesConfig,
) -> Result<Vec<(String, PathBuf)>, Diagnostic> {
    let at = format!("content/{}", job.rel);
    let bytes = std::fs::read(job.file)
        .map_err(|e| Diagnostic::error(format!("cannot read the image: {e}")).in_file(&at))?;
    let source = content_hash(&bytes);
    let files: Vec<(String, PathBuf, Variant)> = job
        .variants
        .iter()
        .map(|&v| {
            let cached = cache.path(source, v, config.quality);
            (v.path_beside(job.rel), cached, v)
        })
        .collect();
    let missing: Vec<&(String, PathBuf, Variant)> = files
        .iter()
        .filter(|(_, cached, _)| !cached.is_file())
        .collect();
    if !missing.is_empty() {
        let format = match Format::of_source(job.rel) {
            Some(Format::Png) => image::ImageFormat::Png,
            _ => image::ImageFormat::Jpeg,
        };
        let image = image::load_from_memory_with_format(&bytes, format).map_err(|e| {
            Diagnostic::error(format!("cannot decode the image to resize it: {e}"))
                .in_file(&at)
                .with_hint("open it in an image editor and save it again")
        })?;
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
    Ok(files
        .into_iter()
        .map(|(path, cached, _)| (path, cached))
        .collect())
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
