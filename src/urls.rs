//! Every internal URL the site prints comes from here.
//!
//! A site may live at a domain root (`https://example.org/`) or under a sub-path
//! (`https://example.org/guide/`). Pages, feeds and assets are addressed by a *site path*
//! (`fractional-leadership/what-is-a-fractional-cro/`, no leading slash) and [`Urls`]
//! turns it into the link a browser follows, so sub-path hosting cannot break a link.
//!
//! The site paths of what pillar generates are made here too ([`tag`], [`compare`],
//! [`feed`], the constants), and so is the list of paths no page may take
//! ([`reserved`]).

/// The tag index; each tag's page is below it ([`tag`]).
pub(crate) const TAGS: &str = "tags/";
/// The search page.
pub(crate) const SEARCH: &str = "search/";
/// The folder of the search index and its runtime.
pub(crate) const SEARCH_BUNDLE: &str = "pagefind/";
/// The values of each search filter with their page counts, for `language`'s index, in
/// the search bundle ([`SEARCH_BUNDLE`]): the search page fills its menus from it, so a
/// query loads a filter's index only once a reader chooses one of its values.
pub(crate) fn search_filter_counts(language: &str) -> String {
    format!("filters.{language}.json")
}
/// The folder of the comparison pages ([`compare`]).
pub(crate) const COMPARE: &str = "compare/";
/// The site's Atom feed.
pub(crate) const SITE_FEED: &str = "atom.xml";
/// The page shown for a missing URL.
pub(crate) const NOT_FOUND: &str = "404.html";
/// The sitemap.
pub(crate) const SITEMAP: &str = "sitemap.xml";
/// The robots file.
pub(crate) const ROBOTS: &str = "robots.txt";
/// The redirect file of Netlify and Cloudflare Pages (`redirects: netlify`).
pub(crate) const NETLIFY_REDIRECTS: &str = "_redirects";
/// Vercel's configuration, with the redirects (`redirects: vercel`).
pub(crate) const VERCEL_CONFIG: &str = "vercel.json";
/// The stylesheet the theme's CSS files are bundled into.
pub(crate) const STYLESHEET: &str = "css/style.css";
/// The search page's script.
pub(crate) const SEARCH_SCRIPT: &str = "js/search.js";
/// The comparison table's script.
pub(crate) const COMPARE_SCRIPT: &str = "js/compare.js";
/// The decision filter's script.
pub(crate) const FILTER_SCRIPT: &str = "js/filter.js";
/// The index for language models (llmstxt.org), written with `machine_readable`.
pub(crate) const LLMS_TXT: &str = "llms.txt";
/// The folder of the datasets as JSON and CSV ([`dataset_file`]), written with
/// `machine_readable`. `content/data/` holds the datasets' YAML and is not published.
pub(crate) const DATA: &str = "data/";
/// The folder of the decision filters' logic as JSON ([`filter_file`]), written with
/// `machine_readable`.
pub(crate) const FILTERS: &str = "filters/";
/// The folder of the pages' social cards ([`social_card`]), written with `social_cards`.
pub(crate) const SOCIAL: &str = "social/";

/// The generated files that are not pages, besides the feeds (`atom.xml` in a section)
/// and the theme's static files.
pub(crate) const GENERATED_FILES: [&str; 4] = [SITEMAP, ROBOTS, NOT_FOUND, STYLESHEET];

/// The page of the tag `slug`.
pub(crate) fn tag(slug: &str) -> String {
    format!("{TAGS}{slug}/")
}

/// The comparison page of the dataset `id`.
pub(crate) fn compare(id: &str) -> String {
    format!("{COMPARE}{id}/")
}

/// The dataset `id` in the format `extension` (`json`, `csv`).
pub(crate) fn dataset_file(id: &str, extension: &str) -> String {
    format!("{DATA}{id}.{extension}")
}

/// The logic of the decision filter `id`, as JSON.
pub(crate) fn filter_file(id: &str) -> String {
    format!("{FILTERS}{id}.json")
}

/// The Atom feed of the section at `section` (`cluster/`).
pub(crate) fn feed(section: &str) -> String {
    format!("{section}{SITE_FEED}")
}

/// Page `number` of the listing at `site_path` (`tags/x/`, 3 → `tags/x/page/3/`); the
/// first page is the listing itself.
pub(crate) fn listing_page(site_path: &str, number: usize) -> String {
    match number {
        0 | 1 => site_path.to_string(),
        n => format!("{site_path}page/{n}/"),
    }
}

/// Part `number` of a sitemap split in parts (`sitemap-2.xml`).
pub(crate) fn sitemap_part(number: usize) -> String {
    format!("sitemap-{number}.xml")
}

/// The file a page at `site_path` is written to (`a/b/` → `a/b/index.html`).
pub(crate) fn index_file(site_path: &str) -> String {
    format!("{site_path}index.html")
}

/// The markdown twin of the page at `site_path` (`a/b/` → `a/b/index.md`), written with
/// `machine_readable`.
pub(crate) fn markdown_file(site_path: &str) -> String {
    format!("{site_path}index.md")
}

/// The social card of the page at `site_path`, written with `social_cards`: the page's
/// path under [`SOCIAL`] (`a/b/` → `social/a/b.png`; the home page → `social/index.png`).
/// One folder keeps the cards out of the pages' own folders, where an author's files
/// sit, and lets a host give them one cache rule.
pub(crate) fn social_card(site_path: &str) -> String {
    match site_path.trim_end_matches('/') {
        "" => format!("{SOCIAL}index.png"),
        path => format!("{SOCIAL}{path}.png"),
    }
}

/// The folder of the language `code`'s tree (`fr/`): every page of a translation and
/// every page generated for that language is under it. The default language's tree is
/// the site root (`""`).
pub(crate) fn language_tree(code: &str, default: &str) -> String {
    if code == default {
        String::new()
    } else {
        format!("{code}/")
    }
}

/// The site paths that belong to generated pages, which no page of `content/` may
/// take: the tag index, the search page and index, and the folders the components
/// generate pages under (`component_dirs`).
pub(crate) fn reserved<'a>(component_dirs: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut all = vec![TAGS, SEARCH, SEARCH_BUNDLE];
    all.extend(component_dirs);
    all
}

/// Builds URLs from site paths for one `base_url`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Urls {
    /// Scheme and host, e.g. `https://example.org` (no trailing slash); empty if the
    /// base URL was only a path.
    origin: String,
    /// The path prefix, always starting and ending with `/`, e.g. `/guide/`.
    prefix: String,
    /// The folder of the language tree under the prefix (`fr/`), empty for the
    /// default language: pages and generated pages live in it, shared files do not.
    tree: String,
}

impl Urls {
    /// Reads a base URL such as `https://example.org/guide` or `/docs/`.
    pub(crate) fn new(base_url: &str) -> Self {
        let base = base_url.trim();
        let (origin, path) = match base.find("://") {
            Some(scheme_end) => {
                let after = scheme_end + 3;
                match base[after..].find('/') {
                    Some(slash) => (&base[..after + slash], &base[after + slash..]),
                    None => (base, "/"),
                }
            }
            None => ("", base),
        };
        let trimmed = path.trim_matches('/');
        let prefix = if trimmed.is_empty() {
            "/".to_string()
        } else {
            format!("/{trimmed}/")
        };
        Urls {
            origin: origin.to_string(),
            prefix,
            tree: String::new(),
        }
    }

    /// The same site seen from the language tree `tree` (`fr/`, see [`language_tree`]):
    /// [`path`](Self::path) and [`absolute`](Self::absolute) then lead into it, while
    /// [`asset`](Self::asset) still names the files every language shares.
    pub(crate) fn in_tree(&self, tree: &str) -> Urls {
        Urls {
            tree: tree.to_string(),
            ..self.clone()
        }
    }

    /// The folder of the language tree these URLs lead into (`fr/`), or empty.
    pub(crate) fn tree(&self) -> &str {
        &self.tree
    }

    /// The link to a site path, from the host root: `/guide/fractional-leadership/`
    /// (`/guide/fr/fractional-leadership/` in the French tree).
    pub(crate) fn path(&self, site_path: &str) -> String {
        format!(
            "{}{}{}",
            self.prefix,
            self.tree,
            site_path.trim_start_matches('/')
        )
    }

    /// The link to a file every language tree shares (the stylesheet, scripts, the
    /// search bundle, the files copied from `content/`), from the host root.
    pub(crate) fn asset(&self, path: &str) -> String {
        format!("{}{}", self.prefix, path.trim_start_matches('/'))
    }

    /// The full URL of a site path, for canonical links, feeds and the sitemap.
    pub(crate) fn absolute(&self, site_path: &str) -> String {
        format!("{}{}", self.origin, self.path(site_path))
    }

    /// The full URL of a link from the host root (`/guide/a/` → `https://example.org/guide/a/`),
    /// as [`LinkResolver`](crate::link::LinkResolver)s give them.
    pub(crate) fn absolute_link(&self, link: &str) -> String {
        format!("{}{link}", self.origin)
    }

    /// The path prefix the site is served under, e.g. `/` or `/guide/`.
    pub(crate) fn prefix(&self) -> &str {
        &self.prefix
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_site() {
        let urls = Urls::new("https://example.org");
        assert_eq!(urls.path("a/b/"), "/a/b/");
        assert_eq!(urls.path(""), "/");
        assert_eq!(urls.absolute("a/"), "https://example.org/a/");
    }

    #[test]
    fn sub_path_site() {
        let urls = Urls::new("https://example.org/guide/");
        assert_eq!(urls.path("a/"), "/guide/a/");
        assert_eq!(urls.path("/a/"), "/guide/a/");
        assert_eq!(urls.absolute(""), "https://example.org/guide/");
        assert_eq!(Urls::new("https://example.org/guide").prefix(), "/guide/");
    }

    /// A page's card mirrors its path under `social/`; the home page's is `index.png`.
    #[test]
    fn social_cards_mirror_the_page_paths() {
        assert_eq!(social_card("guides/setup/"), "social/guides/setup.png");
        assert_eq!(social_card(""), "social/index.png");
    }

    /// A language tree moves pages, never the shared files.
    #[test]
    fn a_language_tree_holds_pages_but_not_shared_files() {
        let fr = Urls::new("https://example.org/guide/").in_tree(&language_tree("fr", "en"));
        assert_eq!(fr.path("about/"), "/guide/fr/about/");
        assert_eq!(fr.path(""), "/guide/fr/");
        assert_eq!(fr.absolute(TAGS), "https://example.org/guide/fr/tags/");
        assert_eq!(fr.asset(STYLESHEET), "/guide/css/style.css");
        assert_eq!(language_tree("en", "en"), "");
    }

    #[test]
    fn path_only_base() {
        let urls = Urls::new("/docs");
        assert_eq!(urls.absolute("x/"), "/docs/x/");
    }
}
