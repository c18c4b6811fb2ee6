//! `pillar new article` and `pillar new cluster`: one new file in an existing site.

use std::path::{Path, PathBuf};

use super::site::{Site, check_cluster_name};
use super::{date, text, write_new};
use crate::diagnostics::Diagnostic;
use crate::markdown::slug::{is_safe_slug, slugify};

/// What `pillar new article` was asked for.
#[derive(Debug, Clone)]
pub struct NewArticle {
    /// The article's title.
    pub title: String,
    /// The cluster (folder under `content/`) it belongs to; it must exist.
    pub cluster: String,
    /// Its kind; the site's first kind when not given.
    pub kind: Option<String>,
    /// Its file name without `.md`; made from the title when not given.
    pub slug: Option<String>,
    /// Its language, one of the site's `languages`: the file is then the translation
    /// `<slug>.<lang>.md` (of `<slug>.md`, with `--slug`). The default language (or
    /// none) writes `<slug>.md`.
    pub lang: Option<String>,
}

/// Writes a draft article into its cluster with complete front matter (today's date,
/// `draft: true`) and returns its path. An existing file is never overwritten.
pub fn new_article(root: &Path, request: &NewArticle) -> Result<PathBuf, Diagnostic> {
    if request.title.trim().is_empty() {
        return Err(Diagnostic::error("the title is empty").with_hint(
            "pass the title in quotes: pillar new article \"My title\" --cluster NAME",
        ));
    }
    let site = Site::open(root)?;
    let dir = site.cluster_dir(&request.cluster)?;
    let kind = site.kind(request.kind.as_deref())?;
    let slug = match &request.slug {
        Some(slug) if is_safe_slug(slug) => slug.clone(),
        Some(slug) => {
            return Err(Diagnostic::error(format!("`{slug}` cannot be a file name"))
                .with_hint("use lowercase ASCII letters, digits and `-`"));
        }
        None => slug_of(&request.title).ok_or_else(|| {
            Diagnostic::error(format!(
                "cannot make a file name from the title `{}`",
                request.title
            ))
            .with_hint("pass one with --slug, e.g. --slug my-article")
        })?,
    };
    if slug == "_index" || slug == "index" {
        return Err(
            Diagnostic::error(format!("`{slug}` cannot be an article's name"))
                .with_hint("pass another name with --slug"),
        );
    }
    let path = dir.join(format!(
        "{slug}{}.md",
        site.language_suffix(request.lang.as_deref())?
    ));
    write_new(
        &path,
        &text::article(request.title.trim(), date::today(), &kind),
    )?;
    Ok(path)
}

/// Creates `content/NAME/` with its hub page `_index.md` and returns the hub's path.
pub fn new_cluster(root: &Path, name: &str) -> Result<PathBuf, Diagnostic> {
    check_cluster_name(name)?;
    let site = Site::open(root)?;
    let dir = site.content().join(name);
    let hub = dir.join("_index.md");
    if dir.exists() && !dir.is_dir() {
        return Err(Diagnostic::error(format!(
            "cannot create the cluster: {} exists and is not a folder",
            dir.display()
        )));
    }
    std::fs::create_dir_all(&dir)
        .map_err(|err| Diagnostic::error(format!("cannot create {}: {err}", dir.display())))?;
    write_new(&hub, &text::hub(&text::title_of(name)))?;
    Ok(hub)
}

/// An ASCII slug for a title: `"What Is a CRO?"` → `what-is-a-cro`. Letters outside
/// ASCII are dropped; `None` if nothing is left.
fn slug_of(title: &str) -> Option<String> {
    let ascii: String = title
        .chars()
        .filter(|c| c.is_ascii() || !c.is_alphanumeric())
        .collect();
    let slug = slugify(&ascii);
    is_safe_slug(&slug).then_some(slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_from_titles() {
        assert_eq!(
            slug_of("What Is a Fractional CRO?").unwrap(),
            "what-is-a-fractional-cro"
        );
        assert_eq!(slug_of("  CRO vs. VP: 2026  ").unwrap(), "cro-vs-vp-2026");
        assert_eq!(slug_of("Café au lait").unwrap(), "caf-au-lait");
        assert_eq!(slug_of("¿?"), None);
        assert_eq!(slug_of("日本語"), None);
    }
}
