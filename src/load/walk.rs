//! Discovering the files under `content/`.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use super::{io_reason, read_text};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::source::SourceFile;

/// The files under `content/`, sorted by kind.
#[derive(Debug, Default)]
pub(super) struct Walked {
    pub pages: Vec<(String, SourceFile)>,
    pub datasets: Vec<SourceFile>,
    pub filters: Vec<SourceFile>,
    pub assets: Vec<(String, PathBuf)>,
}

/// What a file under `content/` is, decided by where it is and how it is named.
enum Role {
    Page,
    Dataset,
    Filter,
    Asset,
    Config,
}

fn role_of(rel: &str) -> Role {
    let is_yaml = rel.ends_with(".yaml") || rel.ends_with(".yml");
    if rel == "site.yaml" {
        Role::Config
    } else if rel.starts_with("data/") && is_yaml {
        Role::Dataset
    } else if rel.starts_with("filters/") && is_yaml {
        Role::Filter
    } else if rel.ends_with(".md") {
        Role::Page
    } else {
        Role::Asset
    }
}

/// Walks `root/content` in a stable order, reading text files in parallel.
pub(super) fn walk_content(root: &Path, problems: &mut Diagnostics) -> Walked {
    let content = root.join("content");
    let mut text_files = Vec::new();
    let mut walked = Walked::default();
    let walker = WalkDir::new(&content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                problems.push(walk_error(root, &err));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(&content) else {
            continue;
        };
        let rel = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        match role_of(&rel) {
            Role::Config => {}
            Role::Asset => walked.assets.push((rel, entry.path().to_path_buf())),
            role => text_files.push((role, rel, entry.path().to_path_buf())),
        }
    }
    let read: Vec<_> = text_files
        .into_par_iter()
        .map(|(role, rel, path)| {
            let file = check_size(root, &path).and_then(|()| read_text(root, &path));
            (role, rel, file)
        })
        .collect();
    for (role, rel, file) in read {
        match (file, role) {
            (Err(d), _) => problems.push(d),
            (Ok(file), Role::Page) => walked.pages.push((rel, file)),
            (Ok(file), Role::Dataset) => walked.datasets.push(file),
            (Ok(file), Role::Filter) => walked.filters.push(file),
            (Ok(_), _) => {}
        }
    }
    walked
}

/// The largest text file pillar reads: a page of this size is a mistake (a pasted
/// export, a generated dump), and refusing it keeps builds fast and memory bounded.
pub const MAX_TEXT_FILE: u64 = 4 * 1024 * 1024;

pub(super) fn check_size(root: &Path, path: &Path) -> Result<(), Diagnostic> {
    let len = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if len <= MAX_TEXT_FILE {
        return Ok(());
    }
    let shown = path.strip_prefix(root).unwrap_or(path);
    Err(Diagnostic::error(format!(
        "the file is {:.1} MB; pages and data files may be at most {} MB",
        len as f64 / 1_048_576.0,
        MAX_TEXT_FILE / 1_048_576
    ))
    .in_file(shown)
    .with_hint("split it into several pages"))
}

fn walk_error(root: &Path, err: &walkdir::Error) -> Diagnostic {
    let path = err
        .path()
        .map(|p| p.strip_prefix(root).unwrap_or(p).to_path_buf())
        .unwrap_or_else(|| PathBuf::from("content"));
    if let Some(ancestor) = err.loop_ancestor() {
        let ancestor = ancestor.strip_prefix(root).unwrap_or(ancestor);
        return Diagnostic::error(format!(
            "a symbolic link loops back to `{}`",
            ancestor.display()
        ))
        .in_file(path)
        .with_hint("remove the link or point it outside content/");
    }
    let reason = err
        .io_error()
        .map(io_reason)
        .unwrap_or_else(|| err.to_string());
    Diagnostic::error(format!("cannot read: {reason}")).in_file(path)
}
