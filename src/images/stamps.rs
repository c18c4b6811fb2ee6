//! What earlier builds learnt of each source image: its length, its modification time
//! and the hash of its bytes, kept in `.pillar-cache/images/sources.txt`. A build that
//! finds an image with the length and time it had then takes the hash from here and
//! need not read the file: with every variant of that hash in the cache, an unchanged
//! image costs one `stat`. (As with `make`, an edit that keeps both the length and the
//! modification time goes unseen; deleting the cache folder starts afresh.)

use std::collections::BTreeMap;
use std::fs::Metadata;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// The file, in the cache folder.
const FILE: &str = "sources.txt";

/// A source image as a build found it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stamp {
    /// Its length in bytes.
    pub len: u64,
    /// Its modification time, in nanoseconds since 1970.
    pub modified: u128,
    /// The hash of its bytes ([`super::cache::content_hash`]).
    pub hash: u128,
}

impl Stamp {
    /// The stamp of a file with `metadata` and bytes that hash to `hash`; `None` if the
    /// system gives no modification time (then the file is always read).
    pub(super) fn new(metadata: &Metadata, hash: u128) -> Option<Stamp> {
        let modified = metadata.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
        Some(Stamp {
            len: metadata.len(),
            modified: modified.as_nanos(),
            hash,
        })
    }

    /// The hash of a file with `metadata`, if this stamp is of it as it is now.
    pub(super) fn hash_if_unchanged(&self, metadata: &Metadata) -> Option<u128> {
        let now = Stamp::new(metadata, self.hash)?;
        (now == *self).then_some(self.hash)
    }
}

/// The stamps of the images, by path under `content/`.
pub(super) type Stamps = BTreeMap<String, Stamp>;

/// Where the stamps of the cache folder `dir` are kept.
fn file(dir: &Path) -> PathBuf {
    dir.join(FILE)
}

/// The stamps kept in the cache folder `dir`; none if there is no file or it cannot be
/// read (a line that does not parse is skipped: this is only a cache).
pub(super) fn read(dir: &Path) -> Stamps {
    let text = std::fs::read_to_string(file(dir)).unwrap_or_default();
    text.lines()
        .filter_map(|line| {
            let mut fields = line.splitn(4, ' ');
            let hash = u128::from_str_radix(fields.next()?, 16).ok()?;
            let len = fields.next()?.parse().ok()?;
            let modified = fields.next()?.parse().ok()?;
            let path = fields.next()?.to_string();
            Some((
                path,
                Stamp {
                    len,
                    modified,
                    hash,
                },
            ))
        })
        .collect()
}

/// Keeps `stamps` in the cache folder `dir` (one line each: hash, length, time, path),
/// through a temporary file, so a reader never sees half of it.
pub(super) fn write(dir: &Path, stamps: &Stamps) -> std::io::Result<()> {
    let mut text = String::new();
    for (path, s) in stamps {
        text.push_str(&format!(
            "{:032x} {} {} {path}\n",
            s.hash, s.len, s.modified
        ));
    }
    std::fs::create_dir_all(dir)?;
    let mut temporary = tempfile::NamedTempFile::new_in(dir)?;
    temporary.write_all(text.as_bytes())?;
    temporary.persist(file(dir)).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_are_read_back_as_written_and_a_bad_line_is_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let stamps = Stamps::from([(
            "a dir/photo one.jpg".to_string(),
            Stamp {
                len: 12,
                modified: 1_700_000_000_123_456_789,
                hash: 0xabc,
            },
        )]);
        write(dir.path(), &stamps).unwrap();
        assert_eq!(read(dir.path()), stamps);
        let mut text = std::fs::read_to_string(dir.path().join(FILE)).unwrap();
        text.push_str("not a stamp\n");
        std::fs::write(dir.path().join(FILE), text).unwrap();
        assert_eq!(read(dir.path()), stamps);
    }
}
