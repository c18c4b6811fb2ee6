//! Resolving a link destination to a page (and anchor) of the site.

use crate::diagnostics::{Diagnostic, closest};
use crate::load::ImageSize;
use crate::model::{Page, PageId, Site};

use super::root::{Root, root_target};
use super::target::{ContentLink, LinkResolver};

/// Why a link does not resolve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LinkError {
    /// No page has this content path; the closest existing path, if any.
    MissingPage {
        /// The content path as resolved (`cluster/page.md`).
        path: String,
        /// The existing path it most resembles.
        suggestion: Option<String>,
    },
    /// The page exists but is a draft, left out of this build. Unlike the others this
    /// is a warning: the site still builds, without the link (its text stays).
    Draft {
        /// The draft's content path.
        path: String,
    },
    /// The file is headless: it has no page, it is only included.
    Headless {
        /// Its content path.
        path: String,
    },
    /// A root-relative link (`/a/b/`) that names no page, alias or generated page.
    MissingUrl {
        /// The site path it names (`a/b/`).
        url: String,
        /// The content path of the page it most resembles.
        suggestion: Option<String>,
    },
    /// A relative link to a file that is not under `content/`.
    MissingFile {
        /// The path as resolved against the page's folder.
        path: String,
    },
    /// On a translation, a page with no translation in its language: the link leads
    /// to the default language's page. A warning, unless the site says
    /// `untranslated_links: quiet`.
    Untranslated {
        /// The content path (`guides/setup.md`).
        path: String,
        /// The translation's language (`fr`).
        language: String,
        /// The default language (`en`).
        default: String,
        /// The default language's page's URL.
        url: String,
    },
    /// A page of another language tree, named by its file (`@/about.fr.md`): no problem
    /// in a body, where the link leads there; `related` and data links stay in one
    /// language, so there it is a warning.
    OtherLanguage {
        /// The content path as written (`about.fr.md`).
        path: String,
        /// The page's URL.
        url: String,
    },
    /// The page exists but has no heading (or section) with this id.
    MissingAnchor {
        /// The page's content path.
        path: String,
        /// The anchor as written.
        anchor: String,
        /// The existing anchor it most resembles.
        suggestion: Option<String>,
        /// The page's heading ids, in order (to list when nothing resembles the anchor).
        headings: Vec<String>,
    },
}

impl LinkError {
    /// Is this a problem `site` asks not to hear of (a link to an untranslated page on
    /// a site with `untranslated_links: quiet`)?
    pub(crate) fn is_silenced(&self, site: &Site) -> bool {
        match self {
            LinkError::OtherLanguage { .. } => true,
            LinkError::Untranslated { .. } => {
                site.config.untranslated_links == crate::config::UntranslatedLinks::Quiet
            }
            _ => false,
        }
    }

    /// The diagnostic for this error at `range` of `file`: an error, except for a link
    /// to a draft, which is a warning.
    pub(crate) fn diagnostic(
        &self,
        file: &crate::source::SourceFile,
        range: std::ops::Range<usize>,
    ) -> Diagnostic {
        match self {
            LinkError::MissingPage { path, suggestion } => {
                let d =
                    Diagnostic::error(format!("broken link: no page `@/{path}`")).at(file, range);
                match suggestion {
                    Some(s) => d.with_hint(format!("did you mean `@/{s}`?")),
                    None => d.with_hint(
                        "link to a page by its path under content/, e.g. `@/cluster/page.md`",
                    ),
                }
            }
            LinkError::MissingUrl { url, suggestion } => {
                let d = Diagnostic::error(format!("broken link: no page at `/{url}`"))
                    .at(file, range);
                match suggestion {
                    Some(s) => d.with_hint(format!(
                        "did you mean `@/{s}`? Link to pages by their path under content/"
                    )),
                    None => d.with_hint(
                        "link to a page by its path under content/, e.g. `@/cluster/page.md`, \
                         which is checked the same way and survives a change of URL",
                    ),
                }
            }
            LinkError::Headless { path } => Diagnostic::error(format!(
                "broken link: `@/{path}` is headless, so it is no page"
            ))
            .at(file, range)
            .with_hint(
                "a headless file is only included (`::include{file=\"…\"}`); link to a page that includes it, or remove `headless: true`",
            ),
            LinkError::MissingFile { path } => {
                Diagnostic::error(format!("broken link: no file `content/{path}`"))
                    .at(file, range)
                    .with_hint(
                        "paths are relative to the page's folder; put the file under content/",
                    )
            }
            LinkError::Draft { path } => Diagnostic::warning(format!(
                "link to a draft: `@/{path}` is not published in this build"
            ))
            .at(file, range)
            .with_hint(
                "the link is left out; publish the draft (remove `draft: true`) or build with --drafts",
            ),
            LinkError::Untranslated {
                path,
                language,
                default,
                ..
            } => {
                let original = std::path::Path::new(path).with_extension("");
                Diagnostic::warning(format!(
                    "`@/{path}` has no `{language}` translation: the link leads to the `{default}` page"
                ))
                .at(file, range)
                .with_hint(format!(
                    "translate it as content/{}.{language}.md, or set `untranslated_links: quiet` in site.yaml to allow such links",
                    original.display()
                ))
            }
            LinkError::OtherLanguage { path, .. } => Diagnostic::warning(format!(
                "`@/{path}` is a page in another language: it is left out here"
            ))
            .at(file, range)
            .with_hint("related pages and the links of data files name pages of their own language; link to it from the page's body"),
            LinkError::MissingAnchor {
                path,
                anchor,
                suggestion,
                headings,
            } => {
                let d = Diagnostic::error(format!(
                    "broken anchor: `@/{path}` has no heading `#{anchor}`"
                ))
                .at(file, range);
                const LISTED: usize = 8;
                let listed: Vec<String> = headings
                    .iter()
                    .take(LISTED)
                    .map(|h| format!("`#{h}`"))
                    .collect();
                let more = if headings.len() > LISTED { ", …" } else { "" };
                match suggestion {
                    Some(s) => d.with_hint(format!("did you mean `#{s}`?")),
                    None if listed.is_empty() => d.with_hint(
                        "the page has no headings: link to the page without an anchor",
                    ),
                    None => d.with_hint(format!(
                        "its headings are {}{more}; a heading's id is its text, lowercase, with `-` between words",
                        listed.join(", ")
                    )),
                }
            }
        }
    }
}

/// Resolves link destinations written on a page.
#[derive(Clone, Copy)]
pub(crate) struct Resolver<'a> {
    site: &'a Site,
}

impl<'a> Resolver<'a> {
    /// A resolver over a finished model.
    pub(crate) fn new(site: &'a Site) -> Self {
        Resolver { site }
    }

    /// The site the resolver looks in.
    pub(crate) fn site(&self) -> &'a Site {
        self.site
    }

    /// Resolves `dest` as written on page `from` (content path `from_path`).
    ///
    /// `Ok(None)` means the link is not internal (a URL, a mail address, a plain path)
    /// and is left alone; `Ok(Some((page, anchor)))` is a page of the site.
    pub(crate) fn resolve<'d>(
        &self,
        from_path: &str,
        dest: &'d str,
    ) -> Result<Option<(PageId, Option<&'d str>)>, LinkError> {
        let (path_part, anchor) = match dest.split_once('#') {
            Some((p, a)) => (p, Some(a)),
            None => (dest, None),
        };
        let target = if let Some(path) = path_part.strip_prefix("@/") {
            path.to_string()
        } else if path_part.is_empty() {
            // `#anchor` on the same page.
            match anchor {
                Some(_) => from_path.to_string(),
                None => return Ok(None),
            }
        } else if is_relative_md(path_part) {
            join_relative(from_path, path_part)
        } else {
            match root_target(self.site, path_part) {
                Some(Root::Page(id)) => self.site.pages[id].content_path.clone(),
                Some(Root::Missing(url)) => {
                    let suggestion = self.closest_url(&url);
                    return Err(LinkError::MissingUrl { url, suggestion });
                }
                Some(Root::Generated(_) | Root::Shared(_)) | None => return Ok(None),
            }
        };
        self.resolve_target(target, anchor)
    }

    /// Resolves the content path `target` (`cluster/page.md`, or a translation's file
    /// `about.fr.md`) and `anchor`, as [`resolve`](Self::resolve) does.
    fn resolve_target<'d>(
        &self,
        target: String,
        anchor: Option<&'d str>,
    ) -> Result<Option<(PageId, Option<&'d str>)>, LinkError> {
        let Some(&id) = self.site.by_path.get(&target) else {
            let languages = self.site.language_pages.keys();
            if let Some((code, original)) = crate::translations::translation_of(&target, languages)
            {
                if code == self.site.config.language {
                    // `@/about.fr.md` on a French page: `@/about.md` there.
                    return self.resolve_target(original, anchor);
                }
                let url = self.site.language_pages[code].url(&original, anchor);
                return match url {
                    Some(url) => Err(LinkError::OtherLanguage { path: target, url }),
                    None => Err(LinkError::MissingPage {
                        path: target,
                        suggestion: None,
                    }),
                };
            }
            if let Some(fallback) = &self.site.fallback
                && let Some(url) = fallback.url(&target, anchor)
            {
                return Err(LinkError::Untranslated {
                    path: target,
                    language: self.site.config.language.clone(),
                    default: fallback.language.clone(),
                    url,
                });
            }
            if self.site.drafts.contains(&target) {
                return Err(LinkError::Draft { path: target });
            }
            if self.site.headless.contains(&target) {
                return Err(LinkError::Headless { path: target });
            }
            // `@/guides` or `@/guides/` for the hub: the path names its markdown file.
            let folder = target.trim_end_matches('/');
            let file_of = [format!("{folder}/_index.md"), format!("{folder}.md")]
                .into_iter()
                .find(|p| self.site.by_path.contains_key(p));
            let suggestion = file_of.or_else(|| {
                closest(&target, self.site.by_path.keys().map(String::as_str)).map(str::to_string)
            });
            return Err(LinkError::MissingPage {
                path: target,
                suggestion,
            });
        };
        if let Some(anchor) = anchor.filter(|a| !a.is_empty()) {
            let page = &self.site.pages[id];
            if !has_anchor(page, anchor) {
                let ids = page.outline.anchors();
                return Err(LinkError::MissingAnchor {
                    path: target,
                    anchor: anchor.to_string(),
                    suggestion: closest(anchor, ids.clone()).map(str::to_string),
                    headings: ids.map(str::to_string).collect(),
                });
            }
        }
        Ok(Some((id, anchor)))
    }

    /// The content path of the page whose URL most resembles the site path `url`.
    fn closest_url(&self, url: &str) -> Option<String> {
        let urls = self.site.pages.iter().map(|p| p.site_path.as_str());
        let best = closest(url, urls)?;
        let id = self.site.by_url.get(best)?;
        Some(self.site.pages[*id].content_path.clone())
    }

    /// Does `dest` on page `from_path` point at a draft left out of this build? Such a
    /// link is a warning, and the page shows its text without the link.
    pub(crate) fn is_draft(&self, from_path: &str, dest: &str) -> bool {
        matches!(self.resolve(from_path, dest), Err(LinkError::Draft { .. }))
    }

    /// Resolves a relative link to a file copied from `content/` (an image, a PDF):
    /// `None` if `dest` is not such a link, else the file's URL or why it is missing.
    pub(crate) fn resolve_file(
        &self,
        from_path: &str,
        dest: &str,
    ) -> Option<Result<String, LinkError>> {
        let joined = relative_file(from_path, dest)?;
        Some(if self.site.asset_paths.contains(&joined) {
            Ok(self.site.urls.asset(&joined))
        } else {
            Err(LinkError::MissingFile { path: joined })
        })
    }

    /// The size of the image a relative link `dest` on page `from_path` points at, if
    /// it is one under `content/`.
    pub(crate) fn image_size(&self, from_path: &str, dest: &str) -> Option<ImageSize> {
        let joined = relative_file(from_path, dest)?;
        self.site.image_sizes.get(&joined).copied()
    }

    /// The `srcset`s of the image a relative link `dest` on page `from_path` points at,
    /// if it is one under `content/` that the site makes variants of.
    pub(crate) fn image_srcsets(
        &self,
        from_path: &str,
        dest: &str,
    ) -> Option<crate::images::Srcsets> {
        let joined = relative_file(from_path, dest)?;
        let size = self.site.image_sizes.get(&joined)?;
        let url = self.site.urls.asset(&joined);
        crate::images::srcsets(&url, &joined, *size, &self.site.config.images)
    }

    /// The URL to write for `dest` on page `from_path`, or `None` to keep it as written.
    pub(crate) fn url(&self, from_path: &str, dest: &str) -> Option<String> {
        if let Some(file) = self.resolve_file(from_path, dest) {
            return file.ok();
        }
        let (path, rest) = dest.split_at(dest.find(['#', '?']).unwrap_or(dest.len()));
        match root_target(self.site, path) {
            Some(Root::Generated(site_path)) => {
                return Some(format!("{}{rest}", self.site.urls.path(&site_path)));
            }
            Some(Root::Shared(file)) => {
                return Some(format!("{}{rest}", self.site.urls.asset(&file)));
            }
            _ => {}
        }
        let (id, anchor) = match self.resolve(from_path, dest) {
            Ok(found) => found?,
            Err(LinkError::Untranslated { url, .. } | LinkError::OtherLanguage { url, .. }) => {
                return Some(url);
            }
            Err(_) => return None,
        };
        let mut url = self.site.urls.path(&self.site.pages[id].site_path);
        if let Some(anchor) = anchor {
            url.push('#');
            url.push_str(anchor);
        }
        Some(url)
    }

    /// Checks a link held outside markdown (data files, `related`), as a diagnostic.
    pub(crate) fn check(&self, link: &ContentLink) -> Result<PageId, Diagnostic> {
        if !link.target.starts_with("@/") {
            return Err(
                Diagnostic::error(format!("`{}` is not a content path", link.target))
                    .at(&link.file, link.range.clone())
                    .with_hint("write links to pages as `@/cluster/page.md`"),
            );
        }
        match self.resolve("", &link.target) {
            Ok(Some((id, _))) => Ok(id),
            Ok(None) => unreachable!("`@/` targets always resolve to a page or an error"),
            Err(e) => Err(e.diagnostic(&link.file, link.range.clone())),
        }
    }
}

fn has_anchor(page: &Page, anchor: &str) -> bool {
    let section = match anchor {
        "main" => true,
        "faq" => !page.front.faq.is_empty(),
        "sources" => !page.front.sources.is_empty(),
        _ => false,
    };
    section || page.outline.anchors().any(|id| id == anchor)
}

/// A relative path to a markdown file: `other.md`, `../cluster/page.md`.
fn is_relative_md(path: &str) -> bool {
    !path.contains(':') && !path.starts_with('/') && path.ends_with(".md")
}

/// The content path of the file a relative link `dest` on page `from_path` points at,
/// if it is a link to a file that is no page (an image, a PDF).
pub(crate) fn relative_file(from_path: &str, dest: &str) -> Option<String> {
    let path = dest.split(['#', '?']).next().unwrap_or(dest);
    let not_a_file = path.starts_with("@/") || path.ends_with(".md");
    if path.is_empty() || path.contains(':') || path.starts_with('/') || not_a_file {
        return None;
    }
    Some(join_relative(from_path, path))
}

/// `join_relative("a/b.md", "../c/d.md")` → `c/d.md`; with an empty `from_path`, the
/// path normalised (`a/./b/../c.md` → `a/c.md`).
pub(crate) fn join_relative(from_path: &str, rel: &str) -> String {
    let mut parts: Vec<&str> = from_path.split('/').collect();
    parts.pop();
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// The [`LinkResolver`] components use: `@/` targets to URLs and titles.
pub(crate) struct SiteLinks<'a> {
    resolver: Resolver<'a>,
    site: &'a Site,
}

impl<'a> SiteLinks<'a> {
    /// Resolves against a finished model.
    pub(crate) fn new(site: &'a Site) -> Self {
        SiteLinks {
            resolver: Resolver::new(site),
            site,
        }
    }
}

impl LinkResolver for SiteLinks<'_> {
    fn url(&self, target: &str) -> Option<String> {
        target
            .starts_with("@/")
            .then(|| self.resolver.url("", target))?
    }

    fn title(&self, target: &str) -> Option<String> {
        let (id, _) = self.resolver.resolve("", target).ok()??;
        Some(self.site.pages[id].title.clone())
    }

    fn words(&self) -> &crate::i18n::Strings {
        &self.site.strings
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_join() {
        assert_eq!(join_relative("a/b.md", "c.md"), "a/c.md");
        assert_eq!(join_relative("a/b.md", "../c/d.md"), "c/d.md");
        assert_eq!(join_relative("b.md", "./c.md"), "c.md");
    }

    #[test]
    fn only_markdown_paths_are_relative_links() {
        assert!(is_relative_md("../x.md"));
        assert!(!is_relative_md("https://x.org/a.md"));
        assert!(!is_relative_md("/a.md"));
        assert!(!is_relative_md("image.png"));
    }
}
