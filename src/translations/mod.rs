//! Sites in several languages (`languages` in `site.yaml`).
//!
//! Each language is a tree of its own: the default language's at the site root, every
//! other's under its code (`/fr/`, [`urls::language_tree`]). The pipeline builds each
//! tree as a site of its own (model, link, render, with that language's words) from the
//! files [`split_pages`] gives it; [`Translations`] is what the trees know of each other:
//! which page of one is which page of another, for the `hreflang` links and the
//! language switcher every page carries (one entry per language, never per page).

mod data;
mod fallback;
mod hosts;
mod logic;
mod split;
mod stale;

pub(crate) use data::{DataFiles, DataTranslations, split_data};
pub(crate) use fallback::Fallback;
pub(crate) use hosts::join_host_files;
pub(crate) use logic::{IsText, check_same_logic};
pub(crate) use split::{split_pages, translation_of};
pub(crate) use stale::{mark_translated, page_hash, stale_original, stale_warnings};

use std::collections::HashMap;

use serde::Serialize;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::link::Links;
use crate::model::Site;
use crate::output::OutputFile;
use crate::urls::{self, Urls};

/// The CSS of the language switcher, added to the stylesheet of a site in several
/// languages only.
pub(crate) const SWITCHER_CSS: &str = include_str!("switcher.css");

/// Every language tree of a site, the default language's first; empty for a site in
/// one language.
#[derive(Debug, Default)]
pub(crate) struct Translations {
    trees: Vec<Tree>,
}

/// One language tree, as the other trees see it.
#[derive(Debug)]
pub(crate) struct Tree {
    /// The language code (`fr`).
    code: String,
    /// The language's name in itself (`Français`), from its strings file.
    name: String,
    /// URLs into the tree.
    urls: Urls,
    /// The site path of each page by its key: a markdown page's content path (a
    /// translation's is its original's), a generated page's site path (tag pages, the
    /// tag index, the search page).
    by_key: HashMap<String, String>,
    /// The key of each site path of the tree.
    by_site_path: HashMap<String, String>,
    /// The folders of the pages the components generate (`compare/`): every tree has
    /// the same ones.
    shared_dirs: Vec<&'static str>,
}

impl Tree {
    /// The tree of `site` (built in one language, with `links`).
    pub(crate) fn of(site: &Site, links: &Links) -> Tree {
        let mut by_key: HashMap<String, String> = site
            .pages
            .iter()
            .map(|p| (p.content_path.clone(), p.site_path.clone()))
            .collect();
        let generated = [urls::TAGS.to_string(), urls::SEARCH.to_string()]
            .into_iter()
            .chain(links.tags.keys().map(|slug| urls::tag(slug)));
        by_key.extend(generated.map(|path| (path.clone(), path)));
        let by_site_path = by_key
            .iter()
            .map(|(key, path)| (path.clone(), key.clone()))
            .collect();
        let own = [urls::TAGS, urls::SEARCH, urls::SEARCH_BUNDLE];
        Tree {
            code: site.config.language.clone(),
            name: site.strings.text("language_name").to_string(),
            urls: site.urls.clone(),
            by_key,
            by_site_path,
            shared_dirs: site
                .reserved
                .iter()
                .copied()
                .filter(|r| !own.contains(r))
                .collect(),
        }
    }

    /// The key of the page at `site_path`, if other trees may have it.
    fn key_of(&self, site_path: &str) -> Option<String> {
        if let Some(key) = self.by_site_path.get(site_path) {
            return Some(key.clone());
        }
        let shared = self.shared_dirs.iter().any(|d| site_path.starts_with(d));
        shared.then(|| site_path.to_string())
    }

    /// The site path of the page with `key` in this tree, if it has one.
    fn site_path_of(&self, key: &str) -> Option<String> {
        if let Some(path) = self.by_key.get(key) {
            return Some(path.clone());
        }
        let shared = self.shared_dirs.iter().any(|d| key.starts_with(d));
        shared.then(|| key.to_string())
    }
}

/// One language of the switcher and of the `hreflang` links, as a page shows it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TranslationView {
    /// The language code (`fr`), for `hreflang` and `lang`.
    pub code: String,
    /// The language's name in itself (`Français`).
    pub name: String,
    /// The page in that language, or that language's home page if it has none.
    pub url: String,
    /// The absolute URL of `url`, for `<link rel="alternate">`.
    pub permalink: String,
    /// Whether `url` is this page in that language (else it is that language's home).
    pub translated: bool,
    /// Whether that is the page's own language.
    pub current: bool,
    /// Whether that is the site's default language (the `x-default` of `hreflang`).
    pub default: bool,
}

impl Translations {
    /// The translations between `trees`, the default language's first.
    pub(crate) fn new(trees: Vec<Tree>) -> Translations {
        Translations { trees }
    }

    /// The languages the page at `site_path` of the tree of `site` is shown in, one
    /// entry per language of the site in its order (the default first): empty for a
    /// site in one language. A page no other tree can have (a later part of a
    /// listing) gets only the languages' home pages, marked untranslated.
    pub(crate) fn of(&self, site: &Site, site_path: &str) -> Vec<TranslationView> {
        let Some(own) = self.trees.iter().find(|t| t.urls == site.urls) else {
            return Vec::new();
        };
        let key = own.key_of(site_path);
        self.trees
            .iter()
            .enumerate()
            .map(|(i, tree)| {
                let current = std::ptr::eq(tree, own);
                let found = match (&key, current) {
                    (Some(key), _) => tree.site_path_of(key),
                    (None, true) => Some(site_path.to_string()),
                    (None, false) => None,
                };
                let path = found.clone().unwrap_or_default();
                TranslationView {
                    code: tree.code.clone(),
                    name: tree.name.clone(),
                    url: tree.urls.path(&path),
                    permalink: tree.urls.absolute(&path),
                    translated: found.is_some() && key.is_some(),
                    current,
                    default: i == 0,
                }
            })
            .collect()
    }
}

/// The dates of `dates` (by the content path of each file) of the files of the tree of
/// `config.language` (see [`split_pages`]), by the content path its pages have there: a
/// translation's own file's date under its original's path (`about.fr.md`'s as
/// `about.md`), never its original's.
pub(crate) fn dates_in_tree<T: Clone>(
    dates: &HashMap<String, T>,
    config: &crate::config::SiteConfig,
) -> HashMap<String, T> {
    let default = !config.languages.contains_key(&config.language);
    dates
        .iter()
        .filter_map(|(path, date)| {
            let in_tree = match translation_of(path, config.languages.keys()) {
                Some((code, original)) => (code == config.language).then_some(original),
                None => default.then(|| path.clone()),
            };
            Some((in_tree?, date.clone()))
        })
        .collect()
}

/// `pillar check --mark-translated`: reads the site at `root` and writes
/// `translated_from` into each translation that has none (see `translations::mark_translated`).
/// Returns the files written, as paths from the root.
pub fn mark_site(root: &std::path::Path) -> Result<Vec<std::path::PathBuf>, Diagnostic> {
    let kinds = crate::components::registry();
    let folders: Vec<&str> = kinds.iter().map(|k| k.data_folder()).collect();
    let theme_files = crate::components::theme_files(&kinds);
    let (loaded, problems) = crate::load::load(root, &folders, &theme_files);
    let Some(loaded) = loaded else {
        let first = problems.into_sorted().into_iter().next();
        return Err(first.unwrap_or_else(|| Diagnostic::error("cannot read the site")));
    };
    mark_translated(root, &loaded.pages, &loaded.config.languages)
}

/// The files every language tree shares, which only the default language's tree
/// writes: the theme's files and the stylesheet, and `robots.txt` (which names every
/// tree's sitemap).
fn is_shared(site: &Site, path: &str) -> bool {
    site.theme.static_files.contains_key(path) || [urls::STYLESHEET, urls::ROBOTS].contains(&path)
}

/// The files of every tree that hosts read at the site root: the redirect files, which
/// [`join_host_files`] joins into one.
fn is_at_root(path: &str) -> bool {
    [urls::NETLIFY_REDIRECTS, urls::VERCEL_CONFIG].contains(&path)
}

/// The files one tree's build made, where they go in the site: the default
/// language's as they are, another language's under its folder (`fr/about/index.html`,
/// `fr/404.html`, `fr/llms.txt`), without the files the default language's tree writes
/// for all, and with its host redirect files at the root for [`join_host_files`].
pub(crate) fn into_tree(site: &Site, files: Vec<OutputFile>) -> Vec<OutputFile> {
    let tree = site.urls.tree();
    if tree.is_empty() {
        return files;
    }
    files
        .into_iter()
        .filter(|f| !is_shared(site, &f.path))
        .map(|f| match is_at_root(&f.path) {
            true => f,
            false => OutputFile::new(format!("{tree}{}", f.path), f.bytes),
        })
        .collect()
}

/// Adds to the stylesheet (among `files`) what the language trees `sites` (the
/// default language's first) need: each other language's phrases and the language
/// switcher's styles.
pub(crate) fn add_language_css<'a>(
    files: &mut [OutputFile],
    sites: impl Iterator<Item = &'a Site>,
) {
    let Some(sheet) = files.iter_mut().find(|f| f.path == urls::STYLESHEET) else {
        return;
    };
    let mut css = String::from("/* the other languages' words, from their strings files */\n");
    for site in sites.skip(1) {
        css.push_str(&crate::render::language_css(site));
    }
    css.push_str(SWITCHER_CSS);
    sheet.bytes.extend_from_slice(css.as_bytes());
}

/// The default language's pages must leave the other languages' folders free: a page
/// at `/fr/…` would take the French tree's place.
pub(crate) fn check_tree_folders(default: &Site) -> Diagnostics {
    let mut problems = Diagnostics::new();
    for code in default.config.languages.keys() {
        let tree = urls::language_tree(code, &default.config.language);
        for page in default
            .pages
            .iter()
            .filter(|p| p.site_path.starts_with(&tree))
        {
            problems.push(
                Diagnostic::error(format!(
                    "the URL /{} is in the folder of the `{code}` pages, /{tree}",
                    page.site_path
                ))
                .in_file(&page.source.path)
                .with_hint(format!(
                    "rename or move the file, or give it another `slug`: pillar publishes the `{code}` translations under /{tree}"
                )),
            );
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A translation is dated by its own file's last commit, not its original's.
    #[test]
    fn each_tree_reads_the_dates_of_its_own_files() {
        let config: crate::config::SiteConfig = crate::yaml::parse_file(
            &crate::source::SourceFile::new("site.yaml", "title: T\nlanguages: {fr: {}}\n"),
        )
        .unwrap();
        let dates = HashMap::from([
            ("about.md".to_string(), 1),
            ("about.fr.md".to_string(), 2),
            ("notes.md".to_string(), 3),
        ]);
        let english = dates_in_tree(&dates, &config);
        assert_eq!(
            english,
            HashMap::from([("about.md".to_string(), 1), ("notes.md".to_string(), 3)])
        );
        let french = dates_in_tree(&dates, &config.for_language("fr"));
        assert_eq!(french, HashMap::from([("about.md".to_string(), 2)]));
    }
}
