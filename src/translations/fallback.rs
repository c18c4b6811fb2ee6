//! One language tree's pages as the other trees link to them: links from a translation
//! to a page with no translation in its language lead to the default language's page
//! (with a warning a site can silence, `untranslated_links: quiet` in site.yaml), and a
//! link may name a page of any language by its file (`@/about.fr.md`).

use std::collections::{HashMap, HashSet};

use crate::model::Site;
use crate::urls::Urls;

/// A language tree's pages (the default language's, for fallback links and stale
/// translations), as the other language trees link to them.
#[derive(Debug)]
pub(crate) struct Fallback {
    /// The default language's code (`en`).
    pub language: String,
    /// The default language's name in itself (`English`).
    pub name: String,
    /// URLs into the default language's tree.
    urls: Urls,
    /// Each page's site path and the ids its links may name, by content path.
    pages: HashMap<String, (String, HashSet<String>)>,
    /// Each page's file and the hash of its text, by content path.
    originals: HashMap<String, Original>,
}

/// A page of the default language, as its translations see it.
#[derive(Debug, Clone)]
pub(crate) struct Original {
    /// Its file (`content/about.md`).
    pub file: std::path::PathBuf,
    /// The hash of its text ([`super::text_hash`]).
    pub hash: String,
    /// Its URL.
    pub url: String,
    /// Its absolute URL.
    pub permalink: String,
}

impl Fallback {
    /// The pages of `site`, the default language's tree.
    pub(crate) fn of(site: &Site) -> Fallback {
        let pages = site
            .pages
            .iter()
            .map(|p| {
                let mut anchors: HashSet<String> =
                    p.outline.anchors().map(str::to_string).collect();
                anchors.insert("main".to_string());
                if !p.front.faq.is_empty() {
                    anchors.insert("faq".to_string());
                }
                if !p.front.sources.is_empty() {
                    anchors.insert("sources".to_string());
                }
                (p.content_path.clone(), (p.site_path.clone(), anchors))
            })
            .collect();
        let originals = site
            .pages
            .iter()
            .map(|p| {
                let original = Original {
                    file: p.source.path.clone(),
                    hash: super::page_hash(p),
                    url: site.urls.path(&p.site_path),
                    permalink: site.urls.absolute(&p.site_path),
                };
                (p.content_path.clone(), original)
            })
            .collect();
        Fallback {
            language: site.config.language.clone(),
            name: site.strings.text("language_name").to_string(),
            urls: site.urls.clone(),
            pages,
            originals,
        }
    }

    /// The default language's page at `content_path`, which a translation translates.
    pub(crate) fn original(&self, content_path: &str) -> Option<&Original> {
        self.originals.get(content_path)
    }

    /// The URL of the default language's page at `content_path` (`#anchor` added), if
    /// it has that page (and heading).
    pub(crate) fn url(&self, content_path: &str, anchor: Option<&str>) -> Option<String> {
        let (site_path, anchors) = self.pages.get(content_path)?;
        let mut url = self.urls.path(site_path);
        if let Some(anchor) = anchor.filter(|a| !a.is_empty()) {
            if !anchors.contains(anchor) {
                return None;
            }
            url.push('#');
            url.push_str(anchor);
        }
        Some(url)
    }
}
