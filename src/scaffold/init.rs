//! `pillar init DIR`: a new site that builds with the built-in theme and publishes
//! itself to GitHub Pages (or GitLab Pages).

use std::path::{Path, PathBuf};

use super::workflow::Publish;
use super::{date, text, write_new};
use crate::diagnostics::Diagnostic;

/// The starter files: path under the new site's root and text, with `{{title}}` and
/// `{{date}}` still to fill in.
const STARTER: [(&str, &str); 5] = [
    ("content/site.yaml", include_str!("starter/site.yaml")),
    ("content/_index.md", include_str!("starter/home.md")),
    ("content/guides/_index.md", include_str!("starter/hub.md")),
    (
        "content/guides/writing-an-article.md",
        include_str!("starter/article.md"),
    ),
    (".gitignore", "public/\n.pillar-cache/\n"),
];

/// Creates a new site in `dir` (created if needed; an existing `dir` must be empty):
/// `site.yaml`, a home page, one cluster with its hub and one article, and the CI file
/// that publishes it (see [`Publish`]). Returns the files written.
pub fn init(dir: &Path, publish: Publish) -> Result<Vec<PathBuf>, Diagnostic> {
    check_empty(dir)?;
    let title = text::quoted(&site_title(dir));
    let today = date::today().iso();
    let mut files: Vec<(&str, String)> = STARTER
        .iter()
        .map(|(rel, template)| {
            let text = template
                .replace("{{title}}", &title)
                .replace("{{date}}", &today);
            (*rel, text)
        })
        .collect();
    files.extend(publish.ci_file());
    files
        .into_iter()
        .map(|(rel, text)| write_file(&dir.join(rel), &text))
        .collect()
}

/// Writes a new file, creating its folder first.
fn write_file(path: &Path, text: &str) -> Result<PathBuf, Diagnostic> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|err| {
            Diagnostic::error(format!("cannot create {}: {err}", parent.display()))
        })?;
    }
    write_new(path, text)?;
    Ok(path.to_path_buf())
}

/// Refuses a `dir` that is a file or a folder with anything in it.
pub(crate) fn check_empty(dir: &Path) -> Result<(), Diagnostic> {
    if !dir.exists() {
        return Ok(());
    }
    let mut entries = std::fs::read_dir(dir).map_err(|err| {
        Diagnostic::error(format!("cannot use {}: {err}", dir.display()))
            .with_hint("pass the path of a new or empty folder")
    })?;
    if entries.next().is_some() {
        return Err(Diagnostic::error(format!("{} is not empty", dir.display()))
            .with_hint("pass a new or empty folder: pillar never overwrites anything"));
    }
    Ok(())
}

/// The new site's title, from its folder's name: `my-guide` → `My guide`.
fn site_title(dir: &Path) -> String {
    let name = std::path::absolute(dir)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .map(|n| text::title_of(&n))
        .unwrap_or_default();
    if name.is_empty() {
        "My site".to_string()
    } else {
        name
    }
}
