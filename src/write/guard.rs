//! Which folder the output may replace.
//!
//! Publishing swaps the output folder whole, so before anything is written the build
//! makes sure the folder is one pillar made (it holds the [`MARKER`] file every build
//! writes), is empty or missing, or that the author said `--force`. Whatever the
//! author says, the output may never be, hold or sit inside the site's sources, and
//! it may not be a mount point, which cannot be swapped. Every path is compared as
//! the file system resolves it, through every symbolic link.

use std::path::{Component, Path, PathBuf};

use crate::diagnostics::Diagnostic;

/// The file every build writes at the top of its output. A folder that holds it was
/// made by pillar, so the next build may replace it.
pub const MARKER: &str = ".pillar-output";

/// What [`MARKER`] says to someone who finds it.
pub const MARKER_TEXT: &str = "This folder is the output of `pillar build`, which replaces it whole on every build.\n\
Delete this file to keep the next build from replacing the folder.\n";

/// Resolves `path` as the file system would: absolute, with `.` and `..` applied and
/// every symbolic link of its existing part followed. The part that does not exist
/// yet is kept as written.
pub fn resolve(path: &Path) -> PathBuf {
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

/// Checks that the build may replace `output` (relative paths are relative to the
/// current folder) for the site at `root`, and returns the folder to publish to,
/// resolved. With `force`, a folder pillar did not make may be replaced too.
pub fn check_output(root: &Path, output: &Path, force: bool) -> Result<PathBuf, Diagnostic> {
    let resolved = resolve(output);
    let shown = output.display();
    let root = resolve(root);
    let sources = [root.join("content"), root.join("themes")].map(|dir| resolve(&dir));
    let replaces_sources = std::iter::once(&root)
        .chain(&sources)
        .find(|dir| dir.starts_with(&resolved));
    if let Some(dir) = replaces_sources {
        return Err(Diagnostic::error(format!(
            "refusing to write the site to {shown}: it would replace {}",
            dir.display()
        ))
        .with_hint("choose an output folder outside content/ and themes/, such as public/"));
    }
    if let Some(dir) = sources.iter().find(|dir| resolved.starts_with(dir)) {
        return Err(Diagnostic::error(format!(
            "refusing to write the site to {shown}: it is inside {}",
            dir.display()
        ))
        .with_hint("choose an output folder outside content/ and themes/, such as public/"));
    }
    let Ok(meta) = std::fs::metadata(&resolved) else {
        return Ok(resolved);
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
        return Ok(resolved);
    }
    Err(Diagnostic::error(format!(
        "refusing to replace {shown}: it holds files that pillar did not write (it has no {MARKER} file)"
    ))
    .with_hint(
        "a build replaces its output folder whole; choose another --output, empty this folder, \
         or pass --force to replace it and everything in it",
    ))
}

fn is_empty(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_none())
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
}
