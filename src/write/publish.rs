//! Writing the output tree atomically.
//!
//! The build writes into a fresh folder beside the output (`.pillar-tmp-<name>-<pid>`),
//! the pages as they are rendered ([`Staging::put`]), and swaps it in only when every
//! file is written ([`Staging::finish`]): the previous output moves aside
//! (`.pillar-old-<name>-<pid>`), is checked to be one the build may replace, and the
//! new tree takes its place, receiving the user's top-level entries of the previous
//! one (`.git`, `.nojekyll`, `CNAME`) unless the build is `--clean`. A lock file
//! beside the output makes a second build into the same folder fail at once instead
//! of mixing two trees, and leftovers of an interrupted build into the same folder
//! (its exact name, never a sibling's) are removed by the next one, after giving back
//! what they hold of the user's.

use std::fmt;
use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use super::guard::{Destination, MARKER, MARKER_TEXT, is_kept_entry};
use crate::diagnostics::Diagnostic;
use crate::output::OutputFile;
use crate::progress::Progress;

/// Why the output could not be published. The previous output is untouched.
#[derive(Debug)]
pub(crate) enum PublishError {
    /// Another build holds the lock on this output folder.
    Busy(PathBuf),
    /// A file or folder of the output could not be written.
    Io(PathBuf, std::io::Error),
    /// A file under `content/` could not be copied to the output (its source, its
    /// path in the output, and why).
    Copy(PathBuf, PathBuf, std::io::Error),
    /// The step run on the written tree (the search index) failed.
    Step(Diagnostic),
    /// During the build, a folder pillar did not make took the output's place (the
    /// output, and where the new tree was kept instead). Both are left as they are.
    Replaced(PathBuf, PathBuf),
    /// The user's entry of the previous output could not be moved into the new one
    /// (the entry, the folder it stays in, and why); the next build moves it.
    Keep(PathBuf, PathBuf, std::io::Error),
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
            PublishError::Replaced(output, kept) => write!(
                f,
                "not replacing {}: during the build it became a folder pillar did not make \
                 (it has no {MARKER} file); both are kept, and the new build is in {}",
                output.display(),
                kept.display()
            ),
            PublishError::Keep(entry, retired, err) => write!(
                f,
                "cannot keep {} in the new output: {}; it stays in {}, and the next build moves it",
                entry.display(),
                reason(err),
                retired.display()
            ),
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
/// adds the files `derive` gives last (the search index), and swaps it in
/// at `destination`, which [`super::check_output`] has cleared: [`Staging::open`], then
/// [`Staging::finish`]. Tests publish a whole tree at once with it.
#[cfg(test)]
pub(crate) fn publish(
    destination: &Destination,
    files: Vec<OutputFile>,
    assets: &[(String, PathBuf)],
    progress: &Progress,
    derive: impl FnOnce(&Path) -> Result<Vec<OutputFile>, Diagnostic>,
) -> Result<(), PublishError> {
    Staging::open(destination)?.finish(files, assets, progress, derive)
}

/// The new tree of an output being published, open for writing: the staging folder
/// (`.pillar-tmp-<name>-<pid>`, beside the output, holding the [`MARKER`]) and the lock
/// that keeps a second build out of the same output until it is swapped in or dropped.
/// Pages are written into it one by one as they are rendered ([`Staging::put`], from
/// any thread), so a build never holds the whole site in memory; dropped unfinished
/// (an error anywhere in the build), the folder is removed and the output is untouched.
pub(crate) struct Staging {
    destination: Destination,
    /// The folder the output and its staging folder are in, and the output's name.
    parent: PathBuf,
    name: String,
    staging: PathBuf,
    /// The first error of [`Staging::put`]; later files are not written, and
    /// [`Staging::finish`] reports it.
    failed: Mutex<Option<PublishError>>,
    /// What the writes outside the writing stage advance: nothing (pages count as
    /// rendered, the search index as indexed).
    uncounted: Progress,
    /// Held until the tree is swapped in or dropped.
    _lock: File,
}

impl Staging {
    /// Takes the output's lock, removes what killed builds into it left, and creates
    /// the staging folder with its marker.
    pub(crate) fn open(destination: &Destination) -> Result<Staging, PublishError> {
        let output = destination.path();
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
        remove_leftovers(&parent, &name, output);

        let staging = parent.join(format!(".pillar-tmp-{name}-{}", std::process::id()));
        let opened = Staging {
            destination: destination.clone(),
            parent,
            name,
            staging,
            failed: Mutex::new(None),
            uncounted: Progress::none(),
            _lock: lock,
        };
        let tree = opened.tree(&opened.uncounted);
        fs::create_dir(&opened.staging).map_err(tree.error(""))?;
        fs::write(opened.staging.join(MARKER), MARKER_TEXT).map_err(tree.error(MARKER))?;
        Ok(opened)
    }

    /// Writes `file` into the tree now, creating its folder. After a first error
    /// nothing more is written: [`Staging::finish`] reports it.
    pub(crate) fn put(&self, file: &OutputFile) {
        let mut failed = self.failed.lock().unwrap_or_else(|e| e.into_inner());
        if failed.is_some() {
            return;
        }
        drop(failed);
        let tree = self.tree(&self.uncounted);
        if let Err(err) = tree.write_file(file, true) {
            failed = self.failed.lock().unwrap_or_else(|e| e.into_inner());
            failed.get_or_insert(err);
        }
    }

    /// Writes the rest of the tree: `files`, the copies of `assets` (output path and
    /// source file), then the files `derive` gives (the search
    /// index); and swaps it in at the output. `files` are dropped once written, so
    /// `derive` has their memory. Errors name the files by their place in the output.
    pub(crate) fn finish(
        self,
        files: Vec<OutputFile>,
        assets: &[(String, PathBuf)],
        progress: &Progress,
        derive: impl FnOnce(&Path) -> Result<Vec<OutputFile>, Diagnostic>,
    ) -> Result<(), PublishError> {
        if let Some(err) = self.failed.lock().unwrap_or_else(|e| e.into_inner()).take() {
            return Err(err);
        }
        let tree = self.tree(progress);
        tree.write(&files, assets)?;
        drop(files);
        let derived = derive(&self.staging).map_err(PublishError::Step)?;
        tree.create_dirs(derived.iter().map(|f| f.path.as_str()))?;
        // The step that made them reported its own stage and counted its own items.
        self.tree(&self.uncounted).write_files(&derived)?;
        swap_in(&self.staging, &self.destination, &self.parent, &self.name)
    }

    /// The tree, advancing `progress` once per file written.
    fn tree<'a>(&'a self, progress: &'a Progress) -> Tree<'a> {
        Tree {
            staging: &self.staging,
            output: self.destination.path(),
            progress,
        }
    }
}

impl Drop for Staging {
    /// Removes the staging folder of a tree not swapped in (once swapped in, there is
    /// none), before the lock is released.
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.staging);
    }
}

/// Removes the staging and retired trees that builds into `output` (named `name` in
/// `parent`) left when they were killed; the lock says none is running. A retired tree
/// is the previous output: it goes back in place if nothing took it, or else gives
/// the output the user's entries it still holds.
fn remove_leftovers(parent: &Path, name: &str, output: &Path) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        if is_leftover(&file_name, "old", name) {
            if fs::symlink_metadata(output).is_err() {
                let _ = fs::rename(&path, output);
            } else if move_user_entries(&path, output).is_ok() {
                let _ = fs::remove_dir_all(&path);
            }
        } else if is_leftover(&file_name, "tmp", name) {
            let _ = fs::remove_dir_all(&path);
        }
    }
}

/// Is `file_name` exactly `.pillar-<kind>-<name>-<pid>`? A sibling output's trees
/// (`.pillar-tmp-public-x-7` for `public`) are not.
fn is_leftover(file_name: &str, kind: &str, name: &str) -> bool {
    let rest = file_name.strip_prefix(&format!(".pillar-{kind}-"));
    let Some((owner, pid)) = rest.and_then(|rest| rest.rsplit_once('-')) else {
        return false;
    };
    owner == name && !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit())
}

/// Moves the user's top-level entries of `previous` (see [`is_kept_entry`]) into
/// `output`, except those the new tree has itself. On an error the rest stay in
/// `previous`.
fn move_user_entries(previous: &Path, output: &Path) -> Result<(), PublishError> {
    let entries = fs::read_dir(previous).map_err(io(previous))?;
    for entry in entries {
        let entry = entry.map_err(io(previous))?;
        let file_name = entry.file_name();
        let target = output.join(&file_name);
        let kept = file_name.to_str().is_some_and(is_kept_entry);
        if kept && fs::symlink_metadata(&target).is_err() {
            fs::rename(entry.path(), &target)
                .map_err(|err| PublishError::Keep(target.clone(), previous.to_path_buf(), err))?;
        }
    }
    Ok(())
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

    /// Writes `files` and copies `assets` into the tree.
    fn write(
        &self,
        files: &[OutputFile],
        assets: &[(String, PathBuf)],
    ) -> Result<(), PublishError> {
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
        files
            .par_iter()
            .try_for_each(|file| self.write_file(file, false))
    }

    /// Writes `file` into the tree, creating its folder first when `make_folder` is set
    /// (else it exists).
    fn write_file(&self, file: &OutputFile, make_folder: bool) -> Result<(), PublishError> {
        let path = self.staging.join(&file.path);
        if make_folder && let Some((dir, _)) = file.path.rsplit_once('/') {
            fs::create_dir_all(self.staging.join(dir)).map_err(self.error(dir))?;
        }
        fs::write(&path, &file.bytes).map_err(self.error(&file.path))?;
        self.progress.advance();
        Ok(())
    }
}

/// Puts `staging` in the output's place. What is there moves aside first and is
/// checked there, so the check sees exactly the folder replaced: one the destination
/// may not replace goes back, and the new tree is kept beside it.
fn swap_in(
    staging: &Path,
    destination: &Destination,
    parent: &Path,
    name: &str,
) -> Result<(), PublishError> {
    let output = destination.path();
    if fs::symlink_metadata(output).is_err() {
        return fs::rename(staging, output).map_err(io(output));
    }
    let pid = std::process::id();
    let retired = parent.join(format!(".pillar-old-{name}-{pid}"));
    fs::rename(output, &retired).map_err(io(output))?;
    if !destination.may_replace(&retired) {
        let _ = fs::rename(&retired, output);
        let kept = parent.join(format!("{name}.pillar-new-{pid}"));
        fs::rename(staging, &kept).map_err(io(&kept))?;
        return Err(PublishError::Replaced(output.to_path_buf(), kept));
    }
    if let Err(err) = fs::rename(staging, output) {
        // Put the previous output back before reporting.
        let _ = fs::rename(&retired, output);
        return Err(PublishError::Io(output.to_path_buf(), err));
    }
    if destination.keeps_user_entries() {
        move_user_entries(&retired, output)?;
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
        let destination = super::super::check_output(dir.path(), &output, false).unwrap();
        let err = publish(&destination, files, &[], &Progress::none(), |_| {
            Ok(Vec::new())
        })
        .unwrap_err();
        let message = err.to_string();
        assert!(
            message.contains(&output.join("a").display().to_string()),
            "{message}"
        );
        assert!(!message.contains(".pillar-tmp"), "{message}");
        assert!(!output.exists(), "nothing was swapped in");
    }

    /// The clean-up matches its own output's name exactly: `public` is not a prefix
    /// that claims `public-x`'s trees, and a name with dashes still finds its own.
    #[test]
    fn leftovers_are_matched_by_their_exact_output_name() {
        assert!(is_leftover(".pillar-tmp-public-12", "tmp", "public"));
        assert!(is_leftover(".pillar-old-public-x-12", "old", "public-x"));
        assert!(!is_leftover(".pillar-tmp-public-x-12", "tmp", "public"));
        assert!(!is_leftover(".pillar-old-public-x-12", "old", "public"));
        assert!(!is_leftover(".pillar-tmp-public-", "tmp", "public"));
        assert!(!is_leftover(".pillar-tmp-public-12", "old", "public"));
    }

    /// The swap checks the folder it moves away: one put in the output's place during
    /// the build (here, while the search index is made) stays, and so does the new
    /// tree, beside it.
    #[test]
    fn a_folder_replacing_the_output_during_the_build_is_kept_with_the_new_tree() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        let destination = super::super::check_output(dir.path(), &output, false).unwrap();
        let files = vec![OutputFile::new("index.html", "home")];
        let replace = |_: &Path| {
            fs::create_dir(&output).unwrap();
            fs::write(output.join("mine.txt"), "mine").unwrap();
            Ok(Vec::new())
        };
        let err = publish(&destination, files, &[], &Progress::none(), replace).unwrap_err();
        let output = destination.path();
        let kept = output.with_file_name(format!("public.pillar-new-{}", std::process::id()));
        assert!(
            matches!(&err, PublishError::Replaced(o, k) if o == output && k == &kept),
            "{err}"
        );
        assert_eq!(fs::read_to_string(output.join("mine.txt")).unwrap(), "mine");
        assert_eq!(fs::read_to_string(kept.join("index.html")).unwrap(), "home");
    }
}
