//! Reading an asset of the served build from disk, checked again at each request.
//!
//! A build keeps the files it copies as they are (images, PDFs) on disk, by their path
//! under `content/`. While that build is served (and it stays served as long as the next
//! one fails), the file at such a path may be replaced: by a symbolic link leading out
//! of the site (to `/etc/passwd`), or by a FIFO or a device, whose read never ends. So
//! each request opens the file without waiting for a writer, and serves it only if it
//! is a regular file whose real path (every symbolic link resolved) is one the build's
//! walker accepts: inside the site's folder or the real folders `content/` and `themes/`
//! resolve to, or, when `site.yaml` says `follow_symlinks: outside`, anywhere but the
//! system's own trees.

use std::fs::{File, Metadata};
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::config::FollowSymlinks;

/// Folders whose files are the kernel's, never served (as the build never reads them).
const SYSTEM_TREES: [&str; 3] = ["/proc", "/sys", "/dev"];

/// Where the assets of one site may be read from.
#[derive(Debug, Default)]
pub(super) struct AssetReader {
    /// The real folders files may lie in; none for a reader that reads nothing.
    inside: Vec<PathBuf>,
    /// Whether files outside those folders are served too (`follow_symlinks: outside`).
    outside_too: bool,
}

impl AssetReader {
    /// The reader for the site at `root`, following symbolic links as `follow` says.
    pub(super) fn new(root: &Path, follow: FollowSymlinks) -> AssetReader {
        let real = |p: PathBuf| p.canonicalize().unwrap_or(p);
        AssetReader {
            inside: vec![
                real(root.to_path_buf()),
                real(root.join("content")),
                real(root.join("themes")),
            ],
            outside_too: follow == FollowSymlinks::Outside,
        }
    }

    /// The contents of the asset at `source`, if it is still a file the build would
    /// copy; `None` for anything else (gone, a folder, a FIFO, a device, a link out).
    pub(super) fn read(&self, source: &Path) -> Option<Vec<u8>> {
        let mut file = open_without_blocking(source).ok()?;
        let opened = file.metadata().ok()?;
        if !opened.is_file() {
            return None;
        }
        // Resolved after opening, and compared with what was opened: a link swapped in
        // between is caught either way.
        let real = source.canonicalize().ok()?;
        if !self.allows(&real) || !is_same_file(&opened, &real) {
            return None;
        }
        let mut bytes = Vec::with_capacity(usize::try_from(opened.len()).unwrap_or(0));
        file.read_to_end(&mut bytes).ok()?;
        Some(bytes)
    }

    /// May a file whose real path is `real` be served?
    fn allows(&self, real: &Path) -> bool {
        if self.inside.iter().any(|dir| real.starts_with(dir)) {
            return true;
        }
        let system = SYSTEM_TREES.iter().any(|tree| real.starts_with(tree));
        self.outside_too && !system
    }
}

/// Opens `path` for reading without waiting: opening a FIFO blocks until a writer comes
/// unless asked not to (reading a regular file is unaffected).
#[cfg(unix)]
fn open_without_blocking(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
}

#[cfg(not(unix))]
fn open_without_blocking(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

/// Is the file `opened` the one at `real` now?
#[cfg(unix)]
fn is_same_file(opened: &Metadata, real: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(real).is_ok_and(|m| m.dev() == opened.dev() && m.ino() == opened.ino())
}

#[cfg(not(unix))]
fn is_same_file(_opened: &Metadata, real: &Path) -> bool {
    real.is_file()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    /// A site folder with `content/img.png`, and a secret beside the site.
    fn site() -> (tempfile::TempDir, PathBuf, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::write(root.join("content/img.png"), "PNG").unwrap();
        let secret = dir.path().join("secret.txt");
        std::fs::write(&secret, "SECRET").unwrap();
        (dir, root, secret)
    }

    #[test]
    fn regular_files_and_links_inside_the_site_are_read() {
        let (_dir, root, _) = site();
        symlink("img.png", root.join("content/link.png")).unwrap();
        let reader = AssetReader::new(&root, FollowSymlinks::Inside);
        assert_eq!(reader.read(&root.join("content/img.png")).unwrap(), b"PNG");
        assert_eq!(reader.read(&root.join("content/link.png")).unwrap(), b"PNG");
        assert_eq!(reader.read(&root.join("content/gone.png")), None);
        assert_eq!(reader.read(&root.join("content")), None, "a folder");
        assert_eq!(
            AssetReader::default().read(&root.join("content/img.png")),
            None
        );
    }

    #[test]
    fn a_link_leading_out_is_read_only_when_the_site_follows_links_out() {
        let (_dir, root, secret) = site();
        let asset = root.join("content/img.png");
        std::fs::remove_file(&asset).unwrap();
        symlink(&secret, &asset).unwrap();
        assert_eq!(
            AssetReader::new(&root, FollowSymlinks::Inside).read(&asset),
            None
        );
        let outside = AssetReader::new(&root, FollowSymlinks::Outside);
        assert_eq!(outside.read(&asset).unwrap(), b"SECRET");
        std::fs::remove_file(&asset).unwrap();
        symlink("/proc/self/environ", &asset).unwrap();
        assert_eq!(outside.read(&asset), None, "never the kernel's files");
    }

    #[test]
    fn a_fifo_is_refused_without_waiting_for_a_writer() {
        let (_dir, root, _) = site();
        let asset = root.join("content/img.png");
        std::fs::remove_file(&asset).unwrap();
        let made = std::process::Command::new("mkfifo").arg(&asset).status();
        assert!(made.unwrap().success(), "mkfifo");
        let reader = AssetReader::new(&root, FollowSymlinks::Outside);
        assert_eq!(reader.read(&asset), None);
        symlink("/dev/zero", root.join("content/zero.png")).unwrap();
        assert_eq!(
            reader.read(&root.join("content/zero.png")),
            None,
            "a device"
        );
    }
}
