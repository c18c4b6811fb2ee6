//! Drawn cards kept between builds, by the hash of everything that made them.

use std::collections::HashSet;
use std::hash::Hasher;
use std::io::Write;
use std::path::PathBuf;

use siphasher::sip128::{Hasher128, SipHasher13};

use crate::diagnostics::{Diagnostic, io_reason};

/// The resvg release the cards are drawn with, part of every key: a new release may
/// draw the same SVG differently. A unit test checks it against `Cargo.lock`.
pub(super) const RESVG_VERSION: &str = "0.49.0";

/// The folder of drawn cards, `<key>.png` each.
pub(super) struct Cache {
    dir: PathBuf,
    fonts_hash: u128,
}

impl Cache {
    /// The cache in `dir`, for cards drawn with the fonts whose hash is `fonts_hash`.
    pub(super) fn new(dir: PathBuf, fonts_hash: u128) -> Cache {
        Cache { dir, fonts_hash }
    }

    /// The key of the card drawn from `svg`: the SVG (the template with the page's
    /// title, section and the site's name in it), the fonts, the size and resvg's
    /// version, hashed.
    pub(super) fn key(&self, svg: &str) -> String {
        let mut hasher = SipHasher13::new();
        hasher.write(RESVG_VERSION.as_bytes());
        hasher.write_u128(self.fonts_hash);
        hasher.write_u32(super::WIDTH);
        hasher.write_u32(super::HEIGHT);
        hasher.write(svg.as_bytes());
        format!("{:032x}", hasher.finish128().as_u128())
    }

    /// The card kept under `key`, if there is one.
    pub(super) fn get(&self, key: &str) -> Option<Vec<u8>> {
        std::fs::read(self.file(key)).ok()
    }

    /// Keeps `png` under `key`, written whole or not at all (another build or thread
    /// may read it at any moment). A failure is a warning: the build has its card.
    pub(super) fn put(&self, key: &str, png: &[u8]) -> Result<(), Diagnostic> {
        let write = || -> std::io::Result<()> {
            std::fs::create_dir_all(&self.dir)?;
            let mut file = tempfile::NamedTempFile::new_in(&self.dir)?;
            file.write_all(png)?;
            file.persist(self.file(key))?;
            Ok(())
        };
        write().map_err(|err| self.problem(&err))
    }

    /// Removes the cards whose keys are not in `keys` (pages gone, titles changed), so
    /// the folder holds the site's cards and no more. Only files named like a card are
    /// touched.
    pub(super) fn keep_only(&self, keys: &HashSet<String>) -> Result<(), Diagnostic> {
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(err) => return Err(self.problem(&err)),
        };
        for entry in entries {
            let entry = entry.map_err(|err| self.problem(&err))?;
            let name = entry.file_name();
            let Some(key) = name.to_str().and_then(|n| n.strip_suffix(".png")) else {
                continue;
            };
            let is_card = key.len() == 32 && key.bytes().all(|b| b.is_ascii_hexdigit());
            if is_card && !keys.contains(key) {
                std::fs::remove_file(entry.path()).map_err(|err| self.problem(&err))?;
            }
        }
        Ok(())
    }

    /// A warning that the cache could not be used as it should, for `err`.
    fn problem(&self, err: &std::io::Error) -> Diagnostic {
        Diagnostic::warning(format!(
            "cannot keep social cards in {}: {}",
            self.dir.display(),
            io_reason(err)
        ))
        .with_hint("each build draws them again until the folder can be written")
    }

    fn file(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{key}.png"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The version in the keys is the resvg that `Cargo.lock` builds with, so a resvg
    /// upgrade invalidates the cache.
    #[test]
    fn the_keys_name_the_resvg_in_the_lock_file() {
        let lock = include_str!("../../Cargo.lock");
        let entry = lock
            .split("[[package]]")
            .find(|p| p.contains("\nname = \"resvg\"\n"))
            .expect("resvg is in Cargo.lock");
        assert!(
            entry.contains(&format!("\nversion = \"{RESVG_VERSION}\"\n")),
            "{entry}"
        );
    }

    /// Another SVG, or other fonts, give another key; the same inputs the same key.
    #[test]
    fn keys_follow_the_inputs() {
        let cache = Cache::new(PathBuf::from("x"), 1);
        assert_eq!(cache.key("<svg/>"), cache.key("<svg/>"));
        assert_ne!(cache.key("<svg/>"), cache.key("<svg />"));
        assert_ne!(
            cache.key("<svg/>"),
            Cache::new(PathBuf::from("x"), 2).key("<svg/>")
        );
    }
}
