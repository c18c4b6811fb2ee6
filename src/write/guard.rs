//! Which folder the output may replace.
//!
//! Publishing swaps the output folder whole, so before anything is written the build
//! makes sure the folder is one pillar made (it holds the [`MARKER`] file every build
//! writes), is empty or missing, or that the author said `--force`. Whatever the
//! author says, the output may never be, hold or sit inside a folder the build reads
//! (the root, `content/`, `themes/`, and every folder a symbolic link in them leads
//! to), nor be the home folder, one holding it, or the file-system root, and it may
//! not be a mount point, which cannot be swapped. Every path is compared as the file
//! system resolves it, through every symbolic link.
//!
//! The swap checks again, on the folder it actually moves away, so a folder put in
//! the output's place during the build is never replaced (see [`Destination`]).

use std::path::{Component, Path, PathBuf};

use crate::diagnostics::Diagnostic;

/// The file every build writes at the top of its output. A folder that holds it was
/// made by pillar, so the next build may replace it.
pub(super) const MARKER: &str = ".pillar-output";

/// What [`MARKER`] says to someone who finds it.
pub(super) const MARKER_TEXT: &str = "This folder is the output of `pillar build`, which replaces it whole on every build.\n\
Delete this file to keep the next build from replacing the folder.\n";

/// Top-level entries of the output that are not dot-entries and still survive a
/// build: GitHub Pages reads its custom domain from `CNAME`.
const KEPT_NAMES: [&str; 1] = ["CNAME"];

/// Is the top-level entry `name` of the output the user's, kept across builds unless
/// `--clean`: a dot-entry (`.git`, `.nojekyll`) other than the [`MARKER`], or a
/// `CNAME`?
pub(super) fn is_kept_entry(name: &str) -> bool {
    (name.starts_with('.') && name != MARKER) || KEPT_NAMES.contains(&name)
}

/// An output folder [`check_output`] cleared: where it is, resolved, and what may be
/// replaced there when the build swaps its tree in.
#[derive(Debug, Clone)]
pub(crate) struct Destination {
    path: PathBuf,
    /// The folder found at `path` when it was checked, if one was.
    found: Option<FolderId>,
    force: bool,
    clean: bool,
}

/// What tells one folder from another that took its place: device and inode.
type FolderId = (u64, u64);

impl Destination {
    /// The output folder, resolved.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// The same destination, dropping the user's top-level entries (see
    /// [`is_kept_entry`]) with the previous output when `clean` is set.
    pub(crate) fn clean(self, clean: bool) -> Destination {
        Destination { clean, ..self }
    }

    /// Are the user's top-level entries of the previous output kept?
    pub(crate) fn keeps_user_entries(&self) -> bool {
        !self.clean
    }

    /// May `folder`, just moved away from the output's place, be replaced? It may when
    /// pillar made it, when it is empty, or when it is the very folder `--force`
    /// allowed to replace; not when someone put another folder, a file or a link there
    /// during the build. (Where folders have no identity, `--force` allows any.)
    pub(crate) fn may_replace(&self, folder: &Path) -> bool {
        let Ok(meta) = std::fs::symlink_metadata(folder) else {
            return false;
        };
        if !meta.is_dir() {
            return false;
        }
        folder.join(MARKER).is_file()
            || is_empty(folder)
            || (self.force && folder_id(&meta) == self.found)
    }
}

/// Resolves `path` as the file system would: absolute, with `.` and `..` applied and
/// every symbolic link of its existing part followed. The part that does not exist
/// yet is kept as written.
pub(super) fn resolve(path: &Path) -> PathBuf {
    let mut out = if path.is_absolute() {
        PathBuf::new()
    } else {
        std::env::current_dir().unwrap_or_default()
    };
    let mut exists = true;
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => {
                out.push(other);
                if exists {
                    match out.canonicalize() {
                        Ok(real) => out = real,
                        Err(_) => exists = false,
                    }
                }
            }
        }
    }
    out
}

/// The hint for an output that would replace or sit among the sources.
const SOURCES_HINT: &str = "choose an output folder outside content/, themes/ and every folder \
     a symbolic link in them leads to, such as public/";

/// Checks that the build may replace `output` (relative paths are relative to the
/// current folder) for the site at `root`, and returns where to publish: the folder,
/// resolved, and the one found there. With `force`, a folder pillar did not make may be
/// replaced too. The folders symbolic links lead to are known only once the site is
/// read; [`check_sources`] checks them.
pub(crate) fn check_output(
    root: &Path,
    output: &Path,
    force: bool,
) -> Result<Destination, Diagnostic> {
    let resolved = resolve(output);
    let shown = output.display();
    let root = resolve(root);
    let sources = [root.join("content"), root.join("themes")].map(|dir| resolve(&dir));
    refuse_sources(
        &resolved,
        output,
        std::iter::once(&root).chain(&sources),
        &sources,
    )?;
    refuse_home_and_root(&resolved, output)?;
    let destination = |found| Destination {
        path: resolved.clone(),
        found,
        force,
        clean: false,
    };
    let Ok(meta) = std::fs::metadata(&resolved) else {
        return Ok(destination(None));
    };
    if !meta.is_dir() {
        return Err(Diagnostic::error(format!(
            "cannot write the site to {shown}: it exists and is not a folder"
        ))
        .with_hint("choose another --output, or move the file away"));
    }
    if is_mount_point(&resolved, &meta) {
        return Err(Diagnostic::error(format!(
            "cannot write the site to {shown}: it is a mount point, and a build replaces its output folder whole"
        ))
        .with_hint(format!(
            "write into a folder inside it, such as --output {}",
            output.join("site").display()
        )));
    }
    if force || resolved.join(MARKER).is_file() || is_empty(&resolved) {
        return Ok(destination(folder_id(&meta)));
    }
    Err(Diagnostic::error(format!(
        "refusing to replace {shown}: it holds files that pillar did not write (it has no {MARKER} file)"
    ))
    .with_hint(
        "a build replaces its output folder whole; choose another --output, empty this folder, \
         or pass --force to replace it and everything in it",
    ))
}

/// Checks the output against `sources`, the real folders and files the load stage read
/// (each folder and file a symbolic link in `content/` or `themes/` led to among
/// them): it may not be, hold or sit inside any of them, even with `--force`.
pub(crate) fn check_sources(output: &Destination, sources: &[PathBuf]) -> Result<(), Diagnostic> {
    refuse_sources(&output.path, &output.path, sources, sources)
}

/// Refuses `output` (resolved as `resolved`) when it is or holds one of `held`, or
/// sits inside one of `holding`.
fn refuse_sources<'a>(
    resolved: &Path,
    output: &Path,
    held: impl IntoIterator<Item = &'a PathBuf>,
    holding: &[PathBuf],
) -> Result<(), Diagnostic> {
    let shown = output.display();
    if let Some(dir) = held.into_iter().find(|dir| dir.starts_with(resolved)) {
        return Err(Diagnostic::error(format!(
            "refusing to write the site to {shown}: it would replace {}, which the build reads",
            dir.display()
        ))
        .with_hint(SOURCES_HINT));
    }
    if let Some(dir) = holding.iter().find(|dir| resolved.starts_with(dir)) {
        return Err(Diagnostic::error(format!(
            "refusing to write the site to {shown}: it is inside {}, which the build reads",
            dir.display()
        ))
        .with_hint(SOURCES_HINT));
    }
    Ok(())
}

/// Refuses the file-system root, and the user's home folder or a folder holding it,
/// as an output: replacing them whole would lose everything, `--force` or not.
fn refuse_home_and_root(resolved: &Path, output: &Path) -> Result<(), Diagnostic> {
    let shown = output.display();
    let refuse = |what: String| {
        Err(
            Diagnostic::error(format!("refusing to write the site to {shown}: {what}")).with_hint(
                "choose a folder of its own for the output, such as public/ in the site",
            ),
        )
    };
    if resolved.parent().is_none() {
        return refuse("it is the root of the file system".to_string());
    }
    match home_folder() {
        Some(home) if home == resolved => refuse("it is your home folder".to_string()),
        Some(home) if home.starts_with(resolved) => {
            refuse(format!("it holds your home folder, {}", home.display()))
        }
        _ => Ok(()),
    }
}

/// The user's home folder, resolved, when it is known.
fn home_folder() -> Option<PathBuf> {
    std::env::home_dir()
        .filter(|home| home.is_absolute())
        .map(|home| resolve(&home))
}

fn is_empty(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_none())
}

#[cfg(unix)]
fn folder_id(meta: &std::fs::Metadata) -> Option<FolderId> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn folder_id(_meta: &std::fs::Metadata) -> Option<FolderId> {
    None
}

#[cfg(unix)]
fn is_mount_point(dir: &Path, meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    match dir.parent().map(std::fs::metadata) {
        Some(Ok(parent)) => parent.dev() != meta.dev() || parent.ino() == meta.ino(),
        _ => true,
    }
}

#[cfg(not(unix))]
fn is_mount_point(dir: &Path, _meta: &std::fs::Metadata) -> bool {
    dir.parent().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_applies_dots_before_anything_exists() {
        let base = Path::new("/no-such-root-for-pillar");
        assert_eq!(resolve(&base.join("public/.")), base.join("public"));
        assert_eq!(resolve(&base.join("public/../public")), base.join("public"));
        assert_eq!(resolve(&base.join("a/./b/../c")), base.join("a/c"));
    }

    #[test]
    fn output_may_not_replace_sources() {
        let root = Path::new("/no-such-root-for-pillar/site");
        assert!(check_output(root, &root.join("public"), false).is_ok());
        assert!(check_output(root, Path::new("/no-such-elsewhere/out"), false).is_ok());
        for bad in [
            "",
            "content",
            "themes",
            "content/x",
            "themes/default/out",
            "..",
        ] {
            let output = root.join(bad);
            assert!(check_output(root, &output, true).is_err(), "{bad}");
        }
        assert!(check_output(root, Path::new("/"), true).is_err());
    }

    /// The user's entries are the dot-entries and `CNAME`; pillar's own marker and
    /// the pages are not.
    #[test]
    fn the_users_entries_are_dot_entries_and_cname() {
        for kept in [".git", ".nojekyll", ".well-known", "CNAME"] {
            assert!(is_kept_entry(kept), "{kept}");
        }
        for dropped in [MARKER, "index.html", "cname", "guides"] {
            assert!(!is_kept_entry(dropped), "{dropped}");
        }
    }

    /// A folder that is not the one checked, made by someone else, may not be replaced,
    /// even with `--force`; the very folder `--force` allowed may.
    #[cfg(unix)]
    #[test]
    fn force_allows_only_the_folder_it_was_given() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        let output = dir.path().join("docs");
        std::fs::create_dir(&output).unwrap();
        std::fs::write(output.join("notes.txt"), "mine").unwrap();
        let destination = check_output(&root, &output, true).unwrap();
        assert!(destination.may_replace(&output));
        std::fs::rename(&output, dir.path().join("elsewhere")).unwrap();
        std::fs::create_dir(&output).unwrap();
        std::fs::write(output.join("other.txt"), "also mine").unwrap();
        assert!(!destination.may_replace(&output));
        std::fs::write(output.join(MARKER), MARKER_TEXT).unwrap();
        assert!(destination.may_replace(&output), "pillar made it");
    }
}
