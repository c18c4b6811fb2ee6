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
mod shortcodes;
mod values;
mod write;
mod yaml_out;

use std::path::Path;

use crate::diagnostics::Diagnostic;

pub(crate) use config::Settings;

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
/// empty and outside the source. Nothing is written to `source`, nothing outside it is
/// read, and nothing is written to `target` unless the whole import succeeds.
pub fn import(flavor: Flavor, source: &Path, target: &Path) -> Result<Imported, Diagnostic> {
    let target = write::check_target(source, target)?;
    config::check_flavor(flavor, source)?;
    let settings = config::read(flavor, source)?;
    let mut warnings = config::unconverted(flavor, source);
    let content = config::content_folders(&settings, source, &mut warnings)?;
    let codes: Vec<String> = settings.languages.iter().map(|l| l.code.clone()).collect();
    let tree = paths::ContentTree::read(flavor, source, &content, &codes, &mut warnings)?;
    let mut urls: std::collections::HashSet<String> =
        tree.pages.iter().map(front::page_site_path).collect();
    let mut stubs = shortcodes::Stubs::new(shortcodes::defined(flavor, source));
    let mut plan = write::Plan::default();
    let site_yaml = config::site_yaml(&settings, |link| {
        tree.page_ref("", link).map(str::to_string)
    });
    plan.text(
        "content/site.yaml".into(),
        settings.config_file.clone(),
        site_yaml,
    )?;
    for page in &tree.pages {
        let text = convert(
            flavor,
            page,
            &tree,
            &settings,
            &mut urls,
            &mut stubs,
            &mut warnings,
        );
        let from = page.file.path.display().to_string();
        plan.text(format!("content/{}", page.target), from, text)?;
    }
    let (templates, stubbed) = stubs.finish();
    warnings.extend(stubbed);
    for (path, text) in templates {
        plan.text(path, "a shortcode of the source".into(), text)?;
    }
    let statics = config::static_files(source, &mut warnings);
    for (file, to) in tree.files.iter().chain(&statics) {
        let from = file
            .strip_prefix(source)
            .unwrap_or(file)
            .display()
            .to_string();
        plan.copy(format!("content/{to}"), from, file.clone())?;
    }
    plan.write(&target)?;
    Ok(Imported {
        pages: tree.pages.len(),
        files: plan.copies(),
        warnings,
    })
}

/// One page converted on its own, the way [`import`] converts each page of a site
/// with default settings: the markdown file at `rel` under the content folder, with
/// `text`, as its pillar front matter and body, with what could not be converted.
/// `None` if the page is left out (Hugo never renders it). The fuzz target drives this.
#[cfg(any(test, feature = "fuzzing"))]
pub(crate) fn convert_page(
    flavor: Flavor,
    rel: &str,
    text: &str,
) -> (Option<String>, Vec<Diagnostic>) {
    let mut warnings = Vec::new();
    let tree = paths::ContentTree::of_pages(flavor, &[(rel, text)], &mut warnings);
    let settings = config::defaults(flavor);
    let mut urls = std::collections::HashSet::new();
    let mut stubs = shortcodes::Stubs::default();
    let converted = tree.pages.first().map(|page| {
        convert(
            flavor,
            page,
            &tree,
            &settings,
            &mut urls,
            &mut stubs,
            &mut warnings,
        )
    });
    (converted, warnings)
}

/// The pillar text of `page`: its front matter in pillar's schema, then its body with
/// links and shortcodes converted. `urls` holds the site paths taken so far.
fn convert(
    flavor: Flavor,
    page: &paths::SourcePage,
    tree: &paths::ContentTree,
    settings: &Settings,
    urls: &mut std::collections::HashSet<String>,
    stubs: &mut shortcodes::Stubs,
    warnings: &mut Vec<Diagnostic>,
) -> String {
    let front = front::convert(flavor, page, settings, urls, warnings);
    let body = body::convert(flavor, page, tree, settings, stubs, warnings);
    format!("{front}{body}")
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
