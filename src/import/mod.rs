//! `pillar import hugo|zola SOURCE TARGET`: a Hugo or Zola site turned into a pillar
//! site.
//!
//! The source is only read. Its settings become `content/site.yaml`, each markdown
//! page gets YAML front matter in pillar's schema and links pillar checks, and every
//! other content file is copied beside its page. Whatever cannot be converted (a
//! shortcode, a render hook, a custom output) is reported as a warning with its
//! file and line, never dropped silently.

mod body;
mod config;
mod front;
mod paths;
mod values;
mod write;

use std::path::Path;

use crate::diagnostics::Diagnostic;

pub use config::Settings;

/// The generator a site was written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    /// Hugo: `hugo.toml` / `config.toml` / `hugo.yaml`, `params`, shortcodes.
    Hugo,
    /// Zola: `config.toml`, `extra`, `@/` links.
    Zola,
}

/// What an import wrote, and what it could not convert.
#[derive(Debug)]
pub struct Imported {
    /// Markdown pages written.
    pub pages: usize,
    /// Other files copied.
    pub files: usize,
    /// Everything it could not convert, each with its file and position.
    pub warnings: Vec<Diagnostic>,
}

/// Imports the `flavor` site at `source` into `target`, which must be missing or
/// empty. Nothing is written to `source`.
pub fn import(flavor: Flavor, source: &Path, target: &Path) -> Result<Imported, Diagnostic> {
    write::check_target(source, target)?;
    let settings = config::read(flavor, source)?;
    let mut warnings = config::unconverted(flavor, source);
    let content = source.join(&settings.content_dir);
    let tree = paths::ContentTree::read(source, &content, &mut warnings)?;
    let mut urls: std::collections::HashSet<String> = tree
        .pages
        .iter()
        .map(|p| front::site_path(&p.target))
        .collect();
    let pages: Vec<(String, String)> = tree
        .pages
        .iter()
        .map(|page| {
            let front = front::convert(flavor, page, &settings, &mut urls, &mut warnings);
            let body = body::convert(flavor, page, &tree, &mut warnings);
            (page.target.clone(), format!("{front}{body}"))
        })
        .collect();
    let mut writer = write::Writer::new(target)?;
    let site_yaml = config::site_yaml(&settings, |link| {
        tree.page_ref("", link).map(str::to_string)
    });
    writer.text("content/site.yaml", &site_yaml)?;
    for (path, text) in &pages {
        writer.text(&format!("content/{path}"), text)?;
    }
    let mut files = 0;
    for (from, to) in tree.files.iter().chain(&config::static_files(source)) {
        writer.copy(from, &format!("content/{to}"))?;
        files += 1;
    }
    Ok(Imported {
        pages: pages.len(),
        files,
        warnings,
    })
}

/// Reads a text file of the source.
fn read(path: &Path, shown: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|err| {
        Diagnostic::error(format!(
            "cannot read the file: {}",
            crate::diagnostics::io_reason(&err)
        ))
        .in_file(shown)
    })?;
    String::from_utf8(bytes).map_err(|_| {
        Diagnostic::error("the file is not valid UTF-8")
            .in_file(shown)
            .with_hint("save the file as UTF-8, then import again")
    })
}
