//! Writing the output tree atomically.
//!
//! The build writes into a fresh folder beside the output (`.pillar-tmp-<name>-<pid>`)
//! and swaps it in only when every file is written. A lock file beside the output makes
//! a second build into the same folder fail at once instead of mixing two trees, and
//! leftovers of an interrupted build are removed by the next one.

use std::fmt;
use std::fs::{self, File};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::guard::{MARKER, MARKER_TEXT};
use crate::diagnostics::Diagnostic;
use crate::output::OutputFile;
use crate::progress::Progress;

/// Why the output could not be published. The previous output is untouched.
#[derive(Debug)]
pub enum PublishError {
    /// Another build holds the lock on this output folder.
    Busy(PathBuf),
    /// A file or folder of the output could not be written.
    Io(PathBuf, std::io::Error),
    /// A file under `content/` could not be copied to the output (its source, its
    /// path in the output, and why).
    Copy(PathBuf, PathBuf, std::io::Error),
    /// The step run on the written tree (the search index) failed.
    Step(Diagnostic),
}

impl fmt::Display for PublishError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PublishError::Busy(path) => write!(
                f,
                "another pillar build is writing {}; try again when it has finished",
                path.display()
            ),
            PublishError::Io(path, err) => {
                write!(f, "cannot write {}: {}", path.display(), reason(err))
            }
            PublishError::Copy(source, path, err) => write!(
                f,
                "cannot copy {} to {}: {}",
                source.display(),
                path.display(),
                reason(err)
            ),
            PublishError::Step(diagnostic) => write!(f, "{}", diagnostic.message),
        }
    }
}

impl std::error::Error for PublishError {}

/// The reason of a write error in the author's terms.
fn reason(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::StorageFull => "the disk is full".to_string(),
        std::io::ErrorKind::QuotaExceeded => "the disk quota is used up".to_string(),
        std::io::ErrorKind::ReadOnlyFilesystem => "the file system is read-only".to_string(),
        _ => crate::diagnostics::io_reason(err),
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> PublishError + '_ {
    move |err| PublishError::Io(path.to_path_buf(), err)
}

/// Writes `files` (and copies `assets`: output path and source file) into a new tree,
/// adds the files `derive` computes from that tree (the search index), and swaps it in
/// as `output`, which [`super::check_output`] has cleared and resolved. `files` are
/// dropped once written, so `derive` has their memory. Errors name the files by their
/// place in `output`.
pub fn publish(
    output: &Path,
    files: Vec<OutputFile>,
    assets: &[(String, PathBuf)],
    progress: &Progress,
    derive: impl FnOnce(&Path) -> Result<Vec<OutputFile>, Diagnostic>,
) -> Result<(), PublishError> {
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".to_string());
    fs::create_dir_all(&parent).map_err(io(&parent))?;

    let lock_path = parent.join(format!(".pillar-lock-{name}"));
    let lock = File::create(&lock_path).map_err(io(&lock_path))?;
    if lock.try_lock().is_err() {
        return Err(PublishError::Busy(output.to_path_buf()));
    }
    remove_leftovers(&parent, &name);

    let staging = parent.join(format!(".pillar-tmp-{name}-{}", std::process::id()));
    let tree = Tree {
        staging: &staging,
        output,
        progress,
    };
    let written = tree.write(&files, assets);
    drop(files);
    let written = written.and_then(|()| {
        let derived = derive(&staging).map_err(PublishError::Step)?;
        tree.create_dirs(derived.iter().map(|f| f.path.as_str()))?;
        tree.write_files(&derived)
    });
    if let Err(err) = written {
        let _ = fs::remove_dir_all(&staging);
        return Err(err);
    }
    let swapped = swap_in(&staging, output, &parent, &name);
    if swapped.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    drop(lock);
    swapped
}

/// Removes staging and retired trees left by builds that were killed.
fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let tmp = format!(".pillar-tmp-{name}-");
    let old = format!(".pillar-old-{name}-");
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if file_name.starts_with(&tmp) || file_name.starts_with(&old) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// The tree being written: the staging folder, and the output it will become (which
/// errors name).
struct Tree<'a> {
    staging: &'a Path,
    output: &'a Path,
    /// Advanced once per file written.
    progress: &'a Progress,
}

impl Tree<'_> {
    /// The error for `rel` in the tree: named by its place in the output.
    fn error(&self, rel: &str) -> impl FnOnce(std::io::Error) -> PublishError + '_ {
        let shown = self.output.join(rel);
        move |err| PublishError::Io(shown, err)
    }

    /// Creates the tree with its marker, writes `files` and copies `assets`.
    fn write(
        &self,
        files: &[OutputFile],
        assets: &[(String, PathBuf)],
    ) -> Result<(), PublishError> {
        fs::create_dir(self.staging).map_err(self.error(""))?;
        fs::write(self.staging.join(MARKER), MARKER_TEXT).map_err(self.error(MARKER))?;
        let paths = files.iter().map(|f| f.path.as_str());
        self.create_dirs(paths.chain(assets.iter().map(|(p, _)| p.as_str())))?;
        self.write_files(files)?;
        assets.par_iter().try_for_each(|(rel, source)| {
            fs::copy(source, self.staging.join(rel))
                .map_err(|err| PublishError::Copy(source.clone(), self.output.join(rel), err))?;
            self.progress.advance();
            Ok(())
        })
    }

    /// Creates the folders the files at `paths` go in.
    fn create_dirs<'p>(&self, paths: impl Iterator<Item = &'p str>) -> Result<(), PublishError> {
        let mut dirs: Vec<&str> = paths
            .filter_map(|p| p.rsplit_once('/').map(|(dir, _)| dir))
            .filter(|dir| !dir.is_empty())
            .collect();
        dirs.sort_unstable();
        dirs.dedup();
        for dir in dirs {
            fs::create_dir_all(self.staging.join(dir)).map_err(self.error(dir))?;
        }
        Ok(())
    }

    /// Writes `files` into the tree, whose folders exist.
    fn write_files(&self, files: &[OutputFile]) -> Result<(), PublishError> {
        files.par_iter().try_for_each(|file| {
            fs::write(self.staging.join(&file.path), &file.bytes)
                .map_err(self.error(&file.path))?;
            self.progress.advance();
            Ok(())
        })
    }
}

fn swap_in(staging: &Path, output: &Path, parent: &Path, name: &str) -> Result<(), PublishError> {
    if !output.exists() {
        return fs::rename(staging, output).map_err(io(output));
    }
    let retired = parent.join(format!(".pillar-old-{name}-{}", std::process::id()));
    fs::rename(output, &retired).map_err(io(output))?;
    if let Err(err) = fs::rename(staging, output) {
        // Put the previous output back before reporting.
        let _ = fs::rename(&retired, output);
        return Err(PublishError::Io(output.to_path_buf(), err));
    }
    let _ = fs::remove_dir_all(&retired);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Error, ErrorKind};

    /// A full disk is said in the author's terms and names the file of the output, not
    /// the source it was copied from as if the source could not be written.
    #[test]
    fn a_full_disk_names_the_output_file() {
        let full = || Error::from(ErrorKind::StorageFull);
        let written = PublishError::Io(PathBuf::from("public/a/index.html"), full());
        assert_eq!(
            written.to_string(),
            "cannot write public/a/index.html: the disk is full"
        );
        let copied = PublishError::Copy(
            PathBuf::from("content/a/chart.png"),
            PathBuf::from("public/a/chart.png"),
            full(),
        );
        assert_eq!(
            copied.to_string(),
            "cannot copy content/a/chart.png to public/a/chart.png: the disk is full"
        );
    }

    #[test]
    fn errors_name_the_place_in_the_output_not_the_staging_folder() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        // A file where a folder must go: the tree cannot be written.
        let files = vec![
            OutputFile::new("a", "file"),
            OutputFile::new("a/index.html", "page"),
        ];
        let err = publish(&output, files, &[], &Progress::none(), |_| Ok(Vec::new())).unwrap_err();
        let message = err.to_string();
        assert!(
            message.contains(&output.join("a").display().to_string()),
            "{message}"
        );
        assert!(!message.contains(".pillar-tmp"), "{message}");
        assert!(!output.exists(), "nothing was swapped in");
    }
}
