//! Reading again only the files an edit changed, from what an earlier load read.
//!
//! `pillar serve` knows which files changed; the others read as they did. So instead of
//! walking `content/` and reading every file again, [`reload`] takes the earlier
//! [`Loaded`] and reads only the changed pages and data files (or drops those that are
//! gone), with the checks the walk makes. It declines (`None`) whatever the walk alone
//! can decide: a file that is not a page or a data file, a hidden one, one reached
//! through a symbolic link, a folder, `site.yaml`, the theme.

use std::path::{Component, Path, PathBuf};

use super::walk::{Role, check_size, role_of};
use super::{Loaded, read_text};
use crate::source::SourceFile;

/// `previous` with the files `changed` (relative to the site's root `root`) read again,
/// added or taken out; `None` when only a full load can say what the edit changed (see
/// the module's comment), or a changed file cannot be read (the full load reports it).
pub(crate) fn reload(
    root: &Path,
    previous: &Loaded,
    changed: &[PathBuf],
    data_folders: &[&str],
) -> Option<Loaded> {
    let mut loaded = previous.clone();
    for path in changed {
        let rel = content_rel(path)?;
        let on_disk = root.join(path);
        let file = match std::fs::symlink_metadata(&on_disk) {
            Ok(meta) if meta.file_type().is_file() && plain_folders(root, path) => {
                check_size(root, &on_disk).ok()?;
                Some(read_text(root, &on_disk).ok()?)
            }
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
            // A folder, a symbolic link, or a file the walk reaches otherwise.
            _ => return None,
        };
        match role_of(&rel, data_folders) {
            Role::Page => put_page(&mut loaded.pages, rel, file),
            Role::Data(folder) => {
                let files = loaded.data.entry(folder).or_default();
                put_data(files, path, file);
            }
            Role::Asset | Role::Config => return None,
        }
    }
    loaded.data.retain(|_, files| !files.is_empty());
    Some(loaded)
}

impl Loaded {
    /// Puts page `rel` (its path under `content/`) as `file` reads now, after an edit
    /// read it again without [`reload`].
    pub(crate) fn replace_page(&mut self, rel: &str, file: SourceFile) {
        put_page(&mut self.pages, rel.to_string(), Some(file));
    }
}

/// The path under `content/` of `path` (relative to the root), `/`-separated, if no part
/// of it is hidden (the walk skips names starting with `.`).
fn content_rel(path: &Path) -> Option<String> {
    let rel = path.strip_prefix("content").ok()?;
    let parts: Vec<&str> = rel
        .components()
        .map(|c| match c {
            Component::Normal(part) => part.to_str().filter(|p| !p.starts_with('.')),
            _ => None,
        })
        .collect::<Option<_>>()?;
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// Is every folder between `content/` and the file `path` a folder, not a symbolic
/// link (which the walk vets)?
fn plain_folders(root: &Path, path: &Path) -> bool {
    path.ancestors()
        .skip(1)
        .take_while(|folder| *folder != Path::new("content") && !folder.as_os_str().is_empty())
        .all(|folder| {
            std::fs::symlink_metadata(root.join(folder)).is_ok_and(|m| m.file_type().is_dir())
        })
}

/// Puts page `rel` in `pages` (sorted by path, as the walk lists them) as `file` reads
/// now, or takes it out if it is gone.
fn put_page(pages: &mut Vec<(String, SourceFile)>, rel: String, file: Option<SourceFile>) {
    match (pages.binary_search_by(|(p, _)| p.cmp(&rel)), file) {
        (Ok(at), Some(file)) => pages[at].1 = file,
        (Ok(at), None) => {
            pages.remove(at);
        }
        (Err(at), Some(file)) => pages.insert(at, (rel, file)),
        (Err(_), None) => {}
    }
}

/// Puts the data file at `path` (relative to the root) in `files` (sorted by path, as the
/// walk lists them) as `file` reads now, or takes it out if it is gone.
fn put_data(files: &mut Vec<SourceFile>, path: &Path, file: Option<SourceFile>) {
    let name = |p: &Path| p.to_string_lossy().into_owned();
    match (
        files.binary_search_by(|f| name(&f.path).cmp(&name(path))),
        file,
    ) {
        (Ok(at), Some(file)) => files[at] = file,
        (Ok(at), None) => {
            files.remove(at);
        }
        (Err(at), Some(file)) => files.insert(at, file),
        (Err(_), None) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loaded(root: &Path) -> Loaded {
        let (loaded, problems) = super::super::load(root, &["data"], &[]);
        assert!(problems.is_empty(), "{problems:?}");
        loaded.expect("the site loads")
    }

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let write = |rel: &str, text: &str| {
            let path = dir.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write("content/site.yaml", "title: T\n");
        write("content/a/x.md", "---\ntitle: X\n---\n");
        write("content/a/z.md", "---\ntitle: Z\n---\n");
        write("content/data/plans.yaml", "title: P\n");
        dir
    }

    fn paths(loaded: &Loaded) -> Vec<(&str, &str)> {
        loaded
            .pages
            .iter()
            .map(|(rel, f)| (rel.as_str(), &*f.text))
            .collect()
    }

    #[test]
    fn only_the_changed_files_are_read_again_and_the_result_is_a_full_loads() {
        let dir = site();
        let root = dir.path();
        let before = loaded(root);
        std::fs::write(root.join("content/a/x.md"), "---\ntitle: X2\n---\n").unwrap();
        std::fs::write(root.join("content/a/y.md"), "---\ntitle: Y\n---\n").unwrap();
        std::fs::remove_file(root.join("content/a/z.md")).unwrap();
        std::fs::write(root.join("content/data/more.yaml"), "title: M\n").unwrap();
        let changed: Vec<PathBuf> = ["a/x.md", "a/y.md", "a/z.md", "data/more.yaml"]
            .iter()
            .map(|p| Path::new("content").join(p))
            .collect();
        let after = reload(root, &before, &changed, &["data"]).expect("pages and data");
        let full = loaded(root);
        assert_eq!(paths(&after), paths(&full));
        assert_eq!(
            paths(&after),
            [
                ("a/x.md", "---\ntitle: X2\n---\n"),
                ("a/y.md", "---\ntitle: Y\n---\n")
            ]
        );
        let data = |l: &Loaded| -> Vec<PathBuf> {
            l.data["data"].iter().map(|f| f.path.clone()).collect()
        };
        assert_eq!(data(&after), data(&full));
    }

    #[test]
    fn what_only_the_walk_decides_is_left_to_a_full_load() {
        let dir = site();
        let root = dir.path();
        let before = loaded(root);
        for changed in [
            "content/site.yaml",
            "content/a",
            "content/.hidden.md",
            "content/logo.png",
            "themes/x/templates/page.html",
        ] {
            assert!(
                reload(root, &before, &[PathBuf::from(changed)], &["data"]).is_none(),
                "{changed}"
            );
        }
    }
}
