//! Writing the imported site: into a new or empty folder only, never into the source,
//! and all at once. Every file is planned first, so two sources that would land on one
//! path are refused before anything is written; then the site is written into a
//! staging folder beside the target and renamed into place, so an import that fails
//! leaves the target as it was.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use crate::diagnostics::{Diagnostic, io_reason};

/// Refuses a target that is the source, lies inside it or holds it, or is not empty.
/// Both are compared resolved through every symlink and `..`, whether the target exists
/// yet or not. Returns the resolved target.
pub(super) fn check_target(source: &Path, target: &Path) -> Result<PathBuf, Diagnostic> {
    let source = std::fs::canonicalize(source).map_err(|err| {
        Diagnostic::error(format!(
            "cannot read {}: {}",
            source.display(),
            io_reason(&err)
        ))
        .with_hint("pass the folder of the site to import")
    })?;
    let resolved = resolve(target)?;
    if resolved.starts_with(&source) || source.starts_with(&resolved) {
        return Err(Diagnostic::error(format!(
            "{} overlaps the site being imported",
            target.display()
        ))
        .with_hint("import into a new folder outside the source: the source is never written to"));
    }
    crate::scaffold::check_empty(&resolved)?;
    Ok(resolved)
}

/// `path` as an absolute path through no symlink and no `..`: the part that exists is
/// resolved on disk, the rest (the folders an import would create) by name.
pub(super) fn resolve(path: &Path) -> Result<PathBuf, Diagnostic> {
    let absolute = std::path::absolute(path).map_err(|err| unusable(path, &err))?;
    let mut resolved = PathBuf::new();
    let mut on_disk = true;
    for component in absolute.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                resolved.pop();
            }
            Component::Normal(name) if on_disk => {
                let next = resolved.join(name);
                if std::fs::symlink_metadata(&next).is_err() {
                    on_disk = false;
                    resolved = next;
                } else {
                    resolved = std::fs::canonicalize(&next).map_err(|err| unusable(&next, &err))?;
                }
            }
            other => resolved.push(other),
        }
    }
    Ok(resolved)
}

fn unusable(path: &Path, err: &std::io::Error) -> Diagnostic {
    Diagnostic::error(format!("cannot use {}: {}", path.display(), io_reason(err)))
        .with_hint("pass the path of a new or empty folder; a symbolic link must lead to one")
}

/// What a planned file holds.
enum Content {
    /// Text the import made (a converted page, `site.yaml`).
    Text(String),
    /// A file of the source, copied as it is.
    Copy(PathBuf),
}

/// One file to write: its path under the target, where it comes from (as the warnings
/// name it) and what it holds.
struct Planned {
    path: String,
    from: String,
    content: Content,
}

/// Every file of the imported site, checked for collisions before any is written.
#[derive(Default)]
pub(super) struct Plan {
    files: Vec<Planned>,
    /// Index into `files` by the path in lowercase: two paths that differ only in case
    /// are one file on a case-insensitive disk, and one URL in pillar.
    by_key: HashMap<String, usize>,
}

impl Plan {
    /// Plans `text`, made from `from`, at `path` (`/`-separated, under the target).
    pub(super) fn text(
        &mut self,
        path: String,
        from: String,
        text: String,
    ) -> Result<(), Diagnostic> {
        self.add(Planned {
            path,
            from,
            content: Content::Text(text),
        })
    }

    /// Plans a copy of the source file `file` (shown as `from`) at `path`.
    pub(super) fn copy(
        &mut self,
        path: String,
        from: String,
        file: PathBuf,
    ) -> Result<(), Diagnostic> {
        self.add(Planned {
            path,
            from,
            content: Content::Copy(file),
        })
    }

    fn add(&mut self, planned: Planned) -> Result<(), Diagnostic> {
        let key = planned.path.to_lowercase();
        if let Some(&first) = self.by_key.get(&key) {
            let first = &self.files[first];
            return Err(collision(&first.from, &planned.from, &first.path));
        }
        self.by_key.insert(key, self.files.len());
        self.files.push(planned);
        Ok(())
    }

    /// Refuses a file whose path is a folder of other planned files.
    pub(super) fn check_folders(&self) -> Result<(), Diagnostic> {
        for planned in &self.files {
            let mut folder = planned.path.as_str();
            while let Some((parent, _)) = folder.rsplit_once('/') {
                if let Some(&file) = self.by_key.get(&parent.to_lowercase()) {
                    let file = &self.files[file];
                    return Err(Diagnostic::error(format!(
                        "it would become the file {}, where {} needs a folder",
                        file.path, planned.from
                    ))
                    .in_file(&file.from)
                    .with_hint("rename or remove one of them in the source, then import again: nothing was written"));
                }
                folder = parent;
            }
        }
        Ok(())
    }

    /// The number of files planned that are copies of the source.
    pub(super) fn copies(&self) -> usize {
        self.files
            .iter()
            .filter(|f| matches!(f.content, Content::Copy(_)))
            .count()
    }

    /// Writes every planned file into a staging folder beside `target`, then renames it
    /// to `target` (which is missing or empty). On any failure the staging folder is
    /// removed and `target` is left as it was.
    pub(super) fn write(&self, target: &Path) -> Result<(), Diagnostic> {
        self.check_folders()?;
        let parent = target.parent().unwrap_or(Path::new("/"));
        std::fs::create_dir_all(parent).map_err(|err| cannot(parent, &err))?;
        let staging = tempfile::Builder::new()
            .prefix(".pillar-import-")
            .tempdir_in(parent)
            .map_err(|err| cannot(parent, &err))?;
        for planned in &self.files {
            write_one(staging.path(), planned)?;
        }
        if target.is_dir() {
            std::fs::remove_dir(target).map_err(|err| cannot(target, &err))?;
        }
        let staged = staging.keep();
        std::fs::rename(&staged, target).map_err(|err| {
            let _ = std::fs::remove_dir_all(&staged);
            cannot(target, &err)
        })
    }
}

/// Writes one planned file under `root`.
fn write_one(root: &Path, planned: &Planned) -> Result<(), Diagnostic> {
    let path = root.join(&planned.path);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|err| cannot(parent, &err))?;
    }
    match &planned.content {
        Content::Text(text) => std::fs::write(&path, text),
        Content::Copy(from) => std::fs::copy(from, &path).map(|_| ()),
    }
    .map_err(|err| cannot(&path, &err))
}

/// Two sources that would land on one path.
fn collision(first: &str, second: &str, path: &str) -> Diagnostic {
    Diagnostic::error(format!(
        "it would become {path}, which is also made from {first}"
    ))
    .in_file(second)
    .with_hint(
        "rename or remove one of them in the source (paths differing only in case, or in \
         .md and .markdown, are one page), then import again: nothing was written",
    )
}

fn cannot(path: &Path, err: &std::io::Error) -> Diagnostic {
    Diagnostic::error(format!(
        "cannot write {}: {}",
        path.display(),
        io_reason(err)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_resolve_through_parent_steps_that_do_not_exist_yet() {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        let twisted = root.join("a/../b/./c");
        assert_eq!(resolve(&twisted).unwrap(), root.join("b/c"));
    }

    #[test]
    fn a_planned_path_is_taken_once_whatever_its_case() {
        let mut plan = Plan::default();
        plan.text("content/blog/post.md".into(), "a".into(), String::new())
            .unwrap();
        let err = plan
            .text("content/Blog/post.md".into(), "b".into(), String::new())
            .unwrap_err();
        assert!(
            err.message
                .contains("content/blog/post.md, which is also made from a"),
            "{err:?}"
        );
    }

    #[test]
    fn a_file_cannot_be_a_folder_of_other_files() {
        let mut plan = Plan::default();
        plan.copy("content/guides".into(), "static/guides".into(), "x".into())
            .unwrap();
        plan.text(
            "content/guides/a.md".into(),
            "content/guides/a.md".into(),
            String::new(),
        )
        .unwrap();
        let err = plan.check_folders().unwrap_err();
        assert!(
            err.message.contains("the file content/guides, where"),
            "{err:?}"
        );
    }
}
