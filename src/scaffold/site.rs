//! The existing site that `pillar new` adds to: where its content is and which kinds
//! of page it declares.

use std::path::{Path, PathBuf};

use super::under;
use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::markdown::slug::is_safe_slug;
use crate::source::SourceFile;

/// Folder names under `content/` that are not clusters: datasets, filters, and the
/// output paths of generated pages.
/// Folder names a cluster may not take: the components' data folders and the paths
/// of generated pages (from `urls.rs`).
fn reserved() -> Vec<&'static str> {
    let kinds = crate::components::registry();
    let generated = kinds.iter().filter_map(|k| k.generated_dir());
    let mut names: Vec<&'static str> = crate::urls::reserved(generated)
        .into_iter()
        .map(|dir| dir.trim_end_matches('/'))
        .collect();
    names.extend(kinds.iter().map(|k| k.data_folder()));
    names.sort_unstable();
    names
}

/// A site on disk, found by its `content/site.yaml`.
#[derive(Debug)]
pub(super) struct Site {
    /// The site's root folder.
    pub root: PathBuf,
    /// Its `site.yaml`, parsed.
    pub config: SiteConfig,
}

impl Site {
    /// Reads the site whose root is `root`; it must have a valid `content/site.yaml`.
    pub(super) fn open(root: &Path) -> Result<Site, Diagnostic> {
        let path = under(root, "content/site.yaml");
        let text = std::fs::read_to_string(&path).map_err(|err| {
            Diagnostic::error(format!("there is no site here: cannot read {}", path.display()))
                .with_hint(match err.kind() {
                    std::io::ErrorKind::NotFound => {
                        "run it in a site's root folder, pass --root DIR, or create a site with `pillar init DIR`"
                            .to_string()
                    }
                    _ => err.to_string(),
                })
        })?;
        let file = SourceFile::new("content/site.yaml", &text);
        let config = crate::yaml::parse_file::<SiteConfig>(&file)?;
        Ok(Site {
            root: root.to_path_buf(),
            config,
        })
    }

    /// What a page's file name says of its language `lang` before `.md`: `.fr` for one
    /// of the site's `languages`, nothing for the default language or none.
    pub(super) fn language_suffix(&self, lang: Option<&str>) -> Result<String, Diagnostic> {
        match lang {
            None => Ok(String::new()),
            Some(lang) if lang == self.config.language => Ok(String::new()),
            Some(lang) if self.config.languages.contains_key(lang) => Ok(format!(".{lang}")),
            Some(lang) => {
                let known: Vec<&str> = std::iter::once(self.config.language.as_str())
                    .chain(self.config.languages.keys().map(String::as_str))
                    .collect();
                Err(
                    Diagnostic::error(format!("the site has no language `{lang}`"))
                        .with_hint(format!(
                            "its languages are {}; declare another under `languages:` in content/site.yaml",
                            known.join(", ")
                        )),
                )
            }
        }
    }

    /// The site's `content/` folder.
    pub(super) fn content(&self) -> PathBuf {
        under(&self.root, "content")
    }

    /// The folder of cluster `name`, which must exist.
    pub(super) fn cluster_dir(&self, name: &str) -> Result<PathBuf, Diagnostic> {
        check_cluster_name(name)?;
        let dir = self.content().join(name);
        if !dir.is_dir() {
            return Err(Diagnostic::error(format!(
                "there is no cluster `{name}`: {} does not exist",
                dir.display()
            ))
            .with_hint(format!("create it with `pillar new cluster {name}`")));
        }
        Ok(dir)
    }

    /// The id of `kind` if the site declares it, else the first kind it declares.
    pub(super) fn kind(&self, kind: Option<&str>) -> Result<String, Diagnostic> {
        let known: Vec<&str> = self.config.kinds.iter().map(|k| k.id.as_str()).collect();
        match kind {
            Some(kind) if known.contains(&kind) => Ok(kind.to_string()),
            Some(kind) => Err(Diagnostic::error(format!("unknown kind `{kind}`"))
                .in_file("content/site.yaml")
                .with_hint(format!("kinds this site declares: {}", known.join(", ")))),
            None => known.first().map(|k| k.to_string()).ok_or_else(|| {
                Diagnostic::error("the site declares no kinds of page")
                    .in_file("content/site.yaml")
                    .with_hint("add `kinds:` to site.yaml, or pass --kind")
            }),
        }
    }
}

/// Checks that `name` can be a cluster folder and a URL segment.
pub(super) fn check_cluster_name(name: &str) -> Result<(), Diagnostic> {
    // A section may nest: `guides/setup` is a folder inside `guides`.
    if !name.split('/').all(is_safe_slug) {
        return Err(
            Diagnostic::error(format!("`{name}` cannot be a cluster name"))
                .with_hint("use lowercase ASCII letters, digits and `-`, e.g. `getting-started` or `guides/setup`"),
        );
    }
    let top = name.split('/').next().unwrap_or(name);
    let reserved = reserved();
    if reserved.contains(&top) {
        return Err(
            Diagnostic::error(format!("`{top}` is reserved and cannot be a cluster name"))
                .with_hint(format!("reserved names: {}", reserved.join(", "))),
        );
    }
    Ok(())
}
