//! The variants earlier builds made, kept in the site under `.pillar-cache/images/`
//! (which `pillar init`'s `.gitignore` leaves out of git), each in a file named by its
//! key: a hash of the source image's bytes, the variant's width and format, the
//! quality and the [`RECIPE`]. A build finds a variant there or makes it; a cached
//! file is never changed, and once a build has all its variants, the files no image
//! of it uses (a photo replaced or removed, a width or the quality changed) are
//! removed ([`Cache::keep_only`]).

use std::collections::HashSet;
use std::hash::Hasher;
use std::io::Write;
use std::path::{Path, PathBuf};

use siphasher::sip128::{Hasher128, SipHasher13};

use super::encode::RECIPE;
use super::plan::Variant;
use crate::config::Quality;

/// The cache folder, under the site's root.
pub(crate) const CACHE_DIR: &str = ".pillar-cache/images";

/// The variants cached for one site.
pub(super) struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// The cache of the site at `root`.
    pub(super) fn new(root: &Path) -> Cache {
        Cache {
            dir: root.join(CACHE_DIR),
        }
    }

    /// The folder.
    pub(super) fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where the variant `variant`, at `quality`, of the image whose bytes hash to
    /// `source` ([`content_hash`]) is kept.
    pub(super) fn path(&self, source: u128, variant: Variant, quality: Quality) -> PathBuf {
        let mut key = SipHasher13::new();
        key.write_u128(source);
        key.write_u32(variant.width);
        key.write(variant.format.extension().as_bytes());
        key.write_u8(quality.get());
        key.write(RECIPE.as_bytes());
        let key = key.finish128().as_u128();
        self.dir
            .join(format!("{key:032x}.{}", variant.format.extension()))
    }

    /// Keeps `bytes` at `path` (one of [`Self::path`]), whole or not at all: they are
    /// written to a temporary file beside it first, so a build stopped halfway, or
    /// another building at once, never leaves a partial file under the key.
    pub(super) fn store(&self, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let mut file = tempfile::NamedTempFile::new_in(&self.dir)?;
        file.write_all(bytes)?;
        file.persist(path).map_err(|e| e.error)?;
        Ok(())
    }
}

impl Cache {
    /// Removes the cached variants not among `used` (the files this build's images
    /// take), so the folder holds the site's variants and no more. Only files named
    /// like a variant (a 32-digit hex key and a variant's extension) are touched:
    /// `sources.txt` and the temporary files of a build storing at the same time stay.
    /// Only a cache: a file that cannot be removed is left for the next build.
    pub(super) fn keep_only(&self, used: &HashSet<&Path>) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            let Some((key, extension)) = name.to_str().and_then(|n| n.split_once('.')) else {
                continue;
            };
            let is_variant = key.len() == 32
                && key.bytes().all(|b| b.is_ascii_hexdigit())
                && matches!(extension, "jpg" | "png" | "webp" | "avif");
            if is_variant && !used.contains(path.as_path()) {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
}

/// A hash of an image's bytes that stays the same across builds, machines and
/// versions of pillar (SipHash-1-3 with fixed keys, 128 bits).
pub(super) fn content_hash(bytes: &[u8]) -> u128 {
    let mut hasher = SipHasher13::new();
    hasher.write(bytes);
    hasher.finish128().as_u128()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::images::plan::Format;

    #[test]
    fn the_key_changes_with_each_thing_that_makes_a_variant() {
        let cache = Cache::new(Path::new("/site"));
        let q80 = Quality::try_from(80).unwrap();
        let v = Variant {
            width: 480,
            format: Format::Webp,
        };
        let base = cache.path(1, v, q80);
        assert!(base.starts_with("/site/.pillar-cache/images"));
        assert_eq!(base.extension().unwrap(), "webp");
        assert_eq!(base, cache.path(1, v, q80), "the same inputs, the same key");
        let wider = Variant { width: 960, ..v };
        let jpeg = Variant {
            format: Format::Jpeg,
            ..v
        };
        let others = [
            cache.path(2, v, q80),
            cache.path(1, wider, q80),
            cache.path(1, jpeg, q80),
            cache.path(1, v, Quality::try_from(81).unwrap()),
        ];
        for other in others {
            assert_ne!(other.file_stem(), base.file_stem());
        }
    }

    #[test]
    fn a_content_hash_is_the_same_on_every_machine() {
        // A fixed value: a change of hash would make every cached variant unused.
        assert_eq!(
            format!("{:032x}", content_hash(b"pillar")),
            "280888f0baa7b03c1869ef67025959e4"
        );
        assert_ne!(content_hash(b"a"), content_hash(b"b"));
    }
}
