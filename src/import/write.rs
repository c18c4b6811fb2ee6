//! Writing the imported site: into a new or empty folder only, never into the source.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, io_reason};

/// Refuses a target that is the source, lies inside it or holds it, or is not empty.
pub fn check_target(source: &Path, target: &Path) -> Result<(), Diagnostic> {
    let source = std::fs::canonicalize(source).map_err(|err| {
        Diagnostic::error(format!(
            "cannot read {}: {}",
            source.display(),
            io_reason(&err)
        ))
        .with_hint("pass the folder of the site to import")
    })?;
    let absolute = std::path::absolute(target).unwrap_or_else(|_| target.to_path_buf());
    let resolved = std::fs::canonicalize(&absolute).unwrap_or(absolute);
    if resolved.starts_with(&source) || source.starts_with(&resolved) {
        return Err(Diagnostic::error(format!(
            "{} overlaps the site being imported",
            target.display()
        ))
        .with_hint("import into a new folder outside the source: the source is never written to"));
    }
    crate::scaffold::check_empty(target)
}

/// Writes files under the target folder.
pub struct Writer {
    root: PathBuf,
}

impl Writer {
    /// A writer into `root`, created if missing.
    pub fn new(root: &Path) -> Result<Writer, Diagnostic> {
        std::fs::create_dir_all(root).map_err(|err| cannot(root, &err))?;
        Ok(Writer {
            root: root.to_path_buf(),
        })
    }

    /// Writes `text` at `rel` (a `/`-separated path under the root).
    pub fn text(&mut self, rel: &str, text: &str) -> Result<(), Diagnostic> {
        let path = self.prepare(rel)?;
        std::fs::write(&path, text).map_err(|err| cannot(&path, &err))
    }

    /// Copies the file `from` to `rel`.
    pub fn copy(&mut self, from: &Path, rel: &str) -> Result<(), Diagnostic> {
        let path = self.prepare(rel)?;
        std::fs::copy(from, &path)
            .map(|_| ())
            .map_err(|err| cannot(&path, &err))
    }

    fn prepare(&self, rel: &str) -> Result<PathBuf, Diagnostic> {
        let path = self.root.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|err| cannot(parent, &err))?;
        }
        Ok(path)
    }
}

fn cannot(path: &Path, err: &std::io::Error) -> Diagnostic {
    Diagnostic::error(format!(
        "cannot write {}: {}",
        path.display(),
        io_reason(err)
    ))
}
