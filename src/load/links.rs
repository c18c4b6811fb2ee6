//! Walking a folder of the site with its symbolic links vetted.
//!
//! A link is followed only when what it points to is inside the site (its root
//! folder, or the real folders `content/` and `themes/` resolve to), unless
//! `site.yaml` says `follow_symlinks: outside`; then each link out is followed with a
//! warning. Whatever it says, a link to a folder that holds the site or the folder
//! being walked (a loop, `/` among them) and a link into the kernel's trees (`/proc`,
//! `/sys`, `/dev`) are errors, found before anything under them is read.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::config::FollowSymlinks;
use crate::diagnostics::{Diagnostic, Diagnostics, io_reason};

/// Folders whose files are the kernel's, not anybody's content.
const SYSTEM_TREES: [&str; 3] = ["/proc", "/sys", "/dev"];

/// Where a site's files may come from, resolved, and what to do about links out.
pub(super) struct Walker {
    root: PathBuf,
    real_root: PathBuf,
    inside: Vec<PathBuf>,
    follow: FollowSymlinks,
    /// The real folders walked and the real files links led to, so far.
    read: RefCell<Vec<PathBuf>>,
}

/// A folder still to walk: where it is reached, its path in the walk, and the real
/// folders walked to reach it.
struct Pending {
    dir: PathBuf,
    rel: String,
    chain: Vec<PathBuf>,
}

impl Walker {
    /// A walker for the site at `root`.
    pub(super) fn new(root: &Path, follow: FollowSymlinks) -> Walker {
        let real = |p: PathBuf| p.canonicalize().unwrap_or(p);
        let real_root = real(root.to_path_buf());
        let inside = vec![
            real_root.clone(),
            real(root.join("content")),
            real(root.join("themes")),
        ];
        Walker {
            root: root.to_path_buf(),
            real_root,
            inside,
            follow,
            read: RefCell::default(),
        }
    }

    /// Every folder walked and every file a followed link led to, as real paths,
    /// sorted: the places the build reads, which the output may not replace.
    pub(super) fn read_places(&self) -> Vec<PathBuf> {
        let mut places = self.read.borrow().clone();
        places.sort();
        places.dedup();
        places
    }

    /// Every file under `dir` that may be read, as its path relative to `dir` (with
    /// `/`) and its path on disk, in a stable order. Names starting with `.` are
    /// skipped. Problems go to `problems`.
    pub(super) fn files(&self, dir: &Path, problems: &mut Diagnostics) -> Vec<(String, PathBuf)> {
        let mut files = Vec::new();
        let start = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
        self.read.borrow_mut().push(start.clone());
        let mut pending = vec![Pending {
            dir: dir.to_path_buf(),
            rel: String::new(),
            chain: vec![start],
        }];
        while let Some(folder) = pending.pop() {
            let walker = WalkDir::new(&folder.dir)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
                });
            for entry in walker {
                let entry = match entry {
                    Ok(entry) => entry,
                    Err(err) => {
                        problems.push(self.walk_error(&err));
                        continue;
                    }
                };
                let Ok(below) = entry.path().strip_prefix(&folder.dir) else {
                    continue;
                };
                let rel = below
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .fold(folder.rel.clone(), |mut rel, part| {
                        if !rel.is_empty() {
                            rel.push('/');
                        }
                        rel.push_str(&part);
                        rel
                    });
                if entry.depth() > 0 && entry.path_is_symlink() {
                    let (target, problem) = self.vet(entry.path(), &folder.chain);
                    problems.extend(problem);
                    self.read.borrow_mut().extend(target.clone());
                    match target {
                        Some(target) if target.is_dir() => {
                            let mut chain = folder.chain.clone();
                            chain.push(target);
                            pending.push(Pending {
                                dir: entry.path().to_path_buf(),
                                rel,
                                chain,
                            });
                        }
                        Some(_) => files.push((rel, entry.path().to_path_buf())),
                        None => {}
                    }
                } else if entry.file_type().is_file() {
                    files.push((rel, entry.path().to_path_buf()));
                }
            }
        }
        files.sort();
        files
    }

    /// Decides about the link at `link`, reached through the real folders `chain`:
    /// the real path to follow, if it is followed, and what to report about it.
    fn vet(&self, link: &Path, chain: &[PathBuf]) -> (Option<PathBuf>, Option<Diagnostic>) {
        let shown = self.shown(link);
        let refuse = |d: Diagnostic| (None, Some(d.in_file(&shown)));
        let target = match link.canonicalize() {
            Ok(target) => target,
            Err(err) => {
                let written = std::fs::read_link(link)
                    .map(|t| t.display().to_string())
                    .unwrap_or_default();
                return refuse(
                    Diagnostic::error(format!(
                        "cannot read `{written}`, where the symbolic link points: {}",
                        io_reason(&err)
                    ))
                    .with_hint("remove the link or make it point to a file of the site"),
                );
            }
        };
        if SYSTEM_TREES.iter().any(|t| target.starts_with(t)) {
            return refuse(
                Diagnostic::error(format!(
                    "the symbolic link points into the system folder `{}`",
                    target.display()
                ))
                .with_hint("remove the link; pillar never reads /proc, /sys or /dev"),
            );
        }
        let mut walked = chain.iter().chain([&self.real_root]);
        if walked.any(|c| c.starts_with(&target)) {
            return refuse(
                Diagnostic::error(format!(
                    "the symbolic link points to `{}`, a folder that holds it, so it loops",
                    self.shown(&target).display()
                ))
                .with_hint("remove the link or point it at a folder that does not hold the site"),
            );
        }
        if self.inside.iter().any(|dir| target.starts_with(dir)) {
            return (Some(target), None);
        }
        let place = target.display();
        match self.follow {
            FollowSymlinks::Outside => {
                let warning = Diagnostic::warning(format!(
                    "publishing `{place}` from outside the site, through a symbolic link"
                ))
                .in_file(&shown)
                .with_hint("content/site.yaml says `follow_symlinks: outside`");
                (Some(target), Some(warning))
            }
            FollowSymlinks::Inside => refuse(
                Diagnostic::warning(format!(
                    "the symbolic link points outside the site, to `{place}`, so it is not followed"
                ))
                .with_hint(
                    "copy the file into the site, or set `follow_symlinks: outside` in content/site.yaml to publish it",
                ),
            ),
        }
    }

    /// `path` as the author knows it: relative to the site root where it can be.
    fn shown(&self, path: &Path) -> PathBuf {
        path.strip_prefix(&self.root)
            .or_else(|_| path.strip_prefix(&self.real_root))
            .unwrap_or(path)
            .to_path_buf()
    }

    fn walk_error(&self, err: &walkdir::Error) -> Diagnostic {
        let path = err
            .path()
            .map(|p| self.shown(p))
            .unwrap_or_else(|| PathBuf::from("content"));
        let reason = err
            .io_error()
            .map(io_reason)
            .unwrap_or_else(|| err.to_string());
        Diagnostic::error(format!("cannot read: {reason}")).in_file(path)
    }
}
