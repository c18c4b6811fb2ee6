//! Discovering the files under `content/`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::links::Walker;
use super::read_text;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::source::SourceFile;

/// The files under `content/`, sorted by kind.
#[derive(Debug, Default)]
pub(super) struct Walked {
    pub pages: Vec<(String, SourceFile)>,
    pub data: BTreeMap<String, Vec<SourceFile>>,
    pub assets: Vec<(String, PathBuf)>,
}

/// What a file under `content/` is, decided by where it is and how it is named.
pub(super) enum Role {
    Page,
    /// A YAML file in a component's data folder (the folder's name).
    Data(String),
    Asset,
    Config,
}

pub(super) fn role_of(rel: &str, data_folders: &[&str]) -> Role {
    let is_yaml = rel.ends_with(".yaml") || rel.ends_with(".yml");
    let folder = rel.split_once('/').map(|(folder, _)| folder);
    if rel == "site.yaml" {
        Role::Config
    } else if let Some(folder) = folder.filter(|f| is_yaml && data_folders.contains(f)) {
        Role::Data(folder.to_string())
    } else if rel.ends_with(".md") {
        Role::Page
    } else {
        Role::Asset
    }
}

/// Walks `root/content` in a stable order, reading text files in parallel.
/// YAML files directly or deeper in a folder named in `data_folders` are data files.
pub(super) fn walk_content(
    root: &Path,
    walker: &Walker,
    data_folders: &[&str],
    problems: &mut Diagnostics,
) -> Walked {
    let content = root.join("content");
    let mut text_files = Vec::new();
    let mut walked = Walked::default();
    for (rel, path) in walker.files(&content, problems) {
        match role_of(&rel, data_folders) {
            Role::Config => {}
            Role::Asset => walked.assets.push((rel, path)),
            role => text_files.push((role, rel, path)),
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
            (Ok(file), Role::Data(folder)) => walked.data.entry(folder).or_default().push(file),
            (Ok(_), _) => {}
        }
    }
    walked
}

/// The largest text file pillar reads: 128 MiB, far beyond any page or dataset a
/// person writes, and a bound that keeps a stray dump (a disk image renamed `.md`, a
/// log) from taking the machine's memory. Documented in docs/authoring.md.
pub(super) const MAX_TEXT_FILE: u64 = 128 * 1024 * 1024;

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
    .with_hint("split it into several pages, or keep the file out of content/"))
}
