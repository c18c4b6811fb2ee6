//! Links from a translation to a page that has no translation in its language: they
//! lead to the default language's page, with a warning a site can silence
//! (`untranslated_links: quiet` in site.yaml).

use std::collections::{HashMap, HashSet};

use crate::model::Site;
use crate::urls::Urls;

/// The default language's pages, as the other language trees link to them.
#[derive(Debug)]
pub struct Fallback {
    /// The default language's code (`en`).
    pub language: String,
    /// URLs into the default language's tree.
    urls: Urls,
    /// Each page's site path and the ids its links may name, by content path.
    pages: HashMap<String, (String, HashSet<String>)>,
}

impl Fallback {
    /// The pages of `site`, the default language's tree.
    pub fn of(site: &Site) -> Fallback {
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
        Fallback {
            language: site.config.language.clone(),
            urls: site.urls.clone(),
            pages,
        }
    }

    /// The URL of the default language's page at `content_path` (`#anchor` added), if
    /// it has that page (and heading).
    pub fn url(&self, content_path: &str, anchor: Option<&str>) -> Option<String> {
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
