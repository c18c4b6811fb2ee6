//! The model stage: from files read to a [`Site`] of pages, clusters and data.
//!
//! It parses front matter into typed values, decides each page's role and URL, reads
//! the outline of each body, and validates what can be validated without looking at
//! other pages. It collects every problem rather than stopping at the first, and keeps
//! a page whose front matter is broken (under its file name) so links to it still
//! resolve and only the real problem is reported. Pure data, no I/O.

#[cfg(test)]
mod from_previous_tests;
mod front_matter;
mod page;
mod pages;
#[cfg(test)]
pub(crate) mod test_support;

pub(crate) use front_matter::{Date, FrontMatter, SourceRef};
pub(crate) use page::{Cluster, ClusterId, Page, PageId, PageKey, PageRole};

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{ImageSize, Loaded, Theme};
use crate::places::Places;
use crate::source::SourceFile;
use crate::urls::Urls;

/// Choices that change what the model holds.
#[derive(Debug, Clone, Default)]
pub(crate) struct ModelOptions {
    /// Include pages marked `draft: true`.
    pub drafts: bool,
    /// Use this base URL instead of the one in `site.yaml`.
    pub base_url: Option<String>,
    /// The fence names of component blocks (`compare`).
    pub fences: Vec<&'static str>,
    /// The site paths of generated pages, which no page may take.
    pub reserved: Vec<&'static str>,
    /// The date of each content file's last commit, by content path (`git_dates`):
    /// the `updated` of a page that gives none.
    pub git_dates: HashMap<String, Date>,
    /// The folder of the language tree the pages are published in (`fr/`), empty for
    /// the default language (see [`crate::urls::language_tree`]).
    pub tree: String,
}

/// The whole site as data: what the link and render stages work from.
#[derive(Debug)]
pub(crate) struct Site {
    /// `site.yaml`, parsed.
    pub config: SiteConfig,
    /// `site.yaml` as read, for pointing at its values.
    pub config_file: SourceFile,
    /// The problems parsing each page gave, by content path (pages without any left
    /// out): what a later build that takes the page as it was reports for it.
    pub parse_problems: HashMap<String, Vec<Diagnostic>>,
    /// Builds every internal URL.
    pub urls: Urls,
    /// Every published page, sorted by content path. Shared: the model made again after
    /// an edit takes the pages whose files did not change from the last one (see
    /// [`build_site_from`]) without copying them.
    pub pages: Vec<Arc<Page>>,
    /// Every cluster, sorted by folder name.
    pub clusters: Vec<Cluster>,
    /// The home page: `content/_index.md`, or the one pillar makes without it.
    pub home: Option<PageId>,
    /// The posts the home page lists, newest first: the dated pages directly in
    /// `content/`, as a blog keeps them (see [`pages::home_posts`]). Often none.
    pub posts: Vec<PageId>,
    /// Pages by content path (`cluster/page.md`). Shared with the last build's model
    /// when the pages are the same files in the same order (see [`build_site_from`]).
    pub by_path: Arc<HashMap<String, PageId>>,
    /// Pages by site path (`cluster/page/`), and by the site path of each of their
    /// `aliases`: what a root-relative link (`/cluster/page/`) names. Shared with the
    /// last build's model when every page keeps its URL and aliases.
    pub by_url: Arc<HashMap<String, PageId>>,
    /// Content paths of drafts left out of this build.
    pub drafts: BTreeSet<String>,
    /// Content paths of headless files: never pages, only included.
    pub headless: BTreeSet<String>,
    /// The content files that are not pages, to copy: path under `content/` and file.
    pub assets: Vec<(String, PathBuf)>,
    /// The paths of those files, for resolving links to them.
    pub asset_paths: HashSet<String>,
    /// The size of each image among them, by path, for the `width` and `height` of
    /// the images pages show.
    pub image_sizes: BTreeMap<String, ImageSize>,
    /// The byte count of each image over 5 MB, by path: a warning where it is shown.
    pub heavy_images: BTreeMap<String, u64>,
    /// Templates and static files.
    pub theme: Theme,
    /// The words pages show readers, in the site's language.
    pub strings: std::sync::Arc<crate::i18n::Strings>,
    /// The fence names of component blocks, for parsing a page again.
    pub fences: Vec<&'static str>,
    /// The site paths of generated pages (`tags/`, `compare/`, …).
    pub reserved: Vec<&'static str>,
    /// The other language trees of a site in several languages (empty otherwise):
    /// which of their pages translates which page of this one.
    pub translations: std::sync::Arc<crate::translations::Translations>,
    /// For another language's tree, the default language's pages, which its links
    /// lead to where it has no translation; `None` for the default language's tree.
    pub fallback: Option<std::sync::Arc<crate::translations::Fallback>>,
    /// On a site in several languages, every language tree's pages by language code
    /// (this one's too), which `@/about.fr.md` links name; empty otherwise.
    pub language_pages: std::sync::Arc<
        std::collections::BTreeMap<String, std::sync::Arc<crate::translations::Fallback>>,
    >,
}

impl Site {
    /// The identity of page `id`, which names it in other builds of the site too.
    pub(crate) fn key(&self, id: PageId) -> PageKey<'_> {
        PageKey(&self.pages[id].content_path)
    }

    /// The page with identity `key` in this build, if it has one.
    pub(crate) fn page(&self, key: PageKey) -> Option<PageId> {
        self.by_path.get(key.0).copied()
    }

    /// The cluster's title: its hub page's title, or its folder name.
    pub(crate) fn cluster_title(&self, id: ClusterId) -> &str {
        let cluster = &self.clusters[id];
        cluster
            .hub
            .map_or(cluster.name(), |hub| self.pages[hub].title.as_str())
    }

    /// The label of a page's kind, if it has one.
    pub(crate) fn kind_label(&self, page: &Page) -> Option<&str> {
        page.front
            .kind
            .as_deref()
            .and_then(|k| self.config.kind_label(k))
    }
}

/// Builds the site model from what the load stage read. Returns the site (as complete
/// as the problems allow) and every problem found.
pub(crate) fn build_site(loaded: Loaded, options: &ModelOptions) -> (Option<Site>, Diagnostics) {
    build_site_from(loaded, options, None)
}

/// [`build_site`], taking the pages of `previous` (the model of an earlier build of the
/// same site) whose files did not change as they were, instead of parsing them again.
/// With another `site.yaml`, or dates from git, every page is parsed.
pub(crate) fn build_site_from(
    loaded: Loaded,
    options: &ModelOptions,
    previous: Option<&Site>,
) -> (Option<Site>, Diagnostics) {
    let previous = previous.filter(|site| {
        site.config_file.text == loaded.config_file.text && options.git_dates.is_empty()
    });
    let mut problems = Diagnostics::new();
    let mut config = loaded.config;
    let strings = crate::i18n::strings_for(&config.language, &loaded.theme, &mut problems);
    for kind in &mut config.kinds {
        strings.translate_default_kind(kind);
    }
    let base_url = options.base_url.as_deref().unwrap_or(&config.base_url);
    let urls = Urls::new(base_url).in_tree(&options.tree);

    let (mut parsed, parse_problems) = pages::parse_pages(
        loaded.pages,
        &config,
        &options.fences,
        previous,
        &mut problems,
    );
    fill_updated(&mut parsed, &options.git_dates);
    // A headless file is no page: it is there to be included. The pages stay where
    // they are (taking them into new lists moved 10,000 of them on every edit).
    let headless = parsed
        .extract_if(.., |p| p.front.headless)
        .map(|p| p.content_path.clone())
        .collect();
    let drafts = parsed
        .extract_if(.., |p| !options.drafts && p.front.draft)
        .map(|p| p.content_path.clone())
        .collect();
    let mut pages = parsed;
    if !pages.iter().any(|p| p.role == PageRole::Home) {
        // Another language's tree without a home page of its own gets one quietly:
        // its pages link to it, and the default language's has the warning.
        let mut quiet = Diagnostics::new();
        let report = if options.tree.is_empty() {
            &mut problems
        } else {
            &mut quiet
        };
        pages.push(Arc::new(made_home(&config, report)));
    }
    warn_missing_descriptions(&pages, &mut problems);
    let (pages, clusters, home) = pages::arrange(pages, &mut problems);
    let same_files = previous.filter(|old| same_files(&old.pages, &pages));
    let same_urls =
        same_files.filter(|old| old.reserved == options.reserved && same_urls(&old.pages, &pages));
    // The last build's model had no two pages at one URL (it had no errors), and
    // neither has this one when every page keeps its URL.
    if same_urls.is_none() {
        check_unique_urls(&pages, &options.reserved, &mut problems);
    }
    let by_path = match same_files {
        Some(old) => Arc::clone(&old.by_path),
        None => Arc::new(
            pages
                .iter()
                .enumerate()
                .map(|(i, p)| (p.content_path.clone(), i))
                .collect(),
        ),
    };
    warn_empty_clusters(&pages, &clusters, &mut problems);
    let by_url = match same_urls {
        Some(old) => Arc::clone(&old.by_url),
        None => Arc::new(pages_by_url(&pages)),
    };
    let posts = pages::home_posts(&pages, home);

    let site = Site {
        config,
        config_file: loaded.config_file,
        parse_problems,
        urls,
        pages,
        clusters,
        home,
        posts,
        by_path,
        by_url,
        drafts,
        headless,
        asset_paths: loaded.assets.iter().map(|(p, _)| p.clone()).collect(),
        image_sizes: loaded.image_sizes,
        heavy_images: loaded.heavy_images,
        assets: loaded.assets,
        theme: loaded.theme,
        strings: std::sync::Arc::new(strings),
        fences: options.fences.clone(),
        reserved: options.reserved.clone(),
        translations: Default::default(),
        fallback: None,
        language_pages: Default::default(),
    };
    (Some(site), problems)
}

/// Page `id` parsed again from its edited `file`, if the edit changed nothing but the
/// body and the page parses without an error, with the warnings parsing it gave (a full
/// build reports them for this page). `None` otherwise: then what the edit changed
/// reaches other pages (titles, tags, dates, clusters appear on many), or it needs
/// reporting, and the whole site is built again.
pub(crate) fn reparse_page(
    site: &Site,
    id: PageId,
    file: SourceFile,
) -> Option<(Page, Diagnostics)> {
    let old = &site.pages[id];
    // Includes need the other files, which only a whole build reads.
    if crate::shortcodes::has_includes(&old.outline.shortcodes) {
        return None;
    }
    let (page, problems) = pages::parse_page(
        old.content_path.clone(),
        file,
        &site.config,
        &site.fences,
        &Default::default(),
    );
    let mut page = page?;
    let same_front = page.source.text.get(page.front_range.clone())
        == old.source.text.get(old.front_range.clone());
    let problems = Diagnostics::from_iter(problems);
    if problems.has_errors() || !same_front {
        return None;
    }
    page.role = old.role;
    // The same front matter: only a date from the history (`git_dates`) may be missing.
    page.front.updated = old.front.updated;
    Some((page, problems))
}

/// Gives each page without `updated` its last commit's date from `git_dates`, if that
/// is later than its `date` (an earlier one would say it changed before it appeared).
fn fill_updated(pages: &mut [Arc<Page>], git_dates: &HashMap<String, Date>) {
    for page in pages.iter_mut().filter(|p| p.front.updated.is_none()) {
        let updated = git_dates
            .get(&page.content_path)
            .copied()
            .filter(|&committed| {
                page.front
                    .date
                    .is_none_or(|published| committed > published)
            });
        if updated.is_some() {
            Arc::make_mut(page).front.updated = updated;
        }
    }
}

/// The home page pillar makes, with a warning, when `content/_index.md` is missing (or
/// a draft, or headless): the site's title and no body, so the home template lists the
/// sections and the latest articles, and links to `/` reach a page.
fn made_home(config: &SiteConfig, problems: &mut Diagnostics) -> Page {
    problems.push(
        Diagnostic::warning(
            "the site has no home page (content/_index.md), so pillar made one that lists the sections and the latest articles",
        )
        .with_hint(
            "add content/_index.md with `title: ...` in its front matter and an introduction below it",
        ),
    );
    Page {
        source: SourceFile::new("content/_index.md", ""),
        content_path: "_index.md".to_string(),
        role: PageRole::Home,
        front: FrontMatter {
            title: Some(config.title.clone()),
            ..FrontMatter::default()
        },
        front_range: 0..0,
        body: 0..0,
        title: config.title.clone(),
        site_path: String::new(),
        outline: Default::default(),
    }
}

/// Are `new` the pages of the files of `old`, in the same order (so with the same ids)?
/// A page taken from the last build is its own; any other is compared by path.
fn same_files(old: &[Arc<Page>], new: &[Arc<Page>]) -> bool {
    old.len() == new.len()
        && old
            .iter()
            .zip(new)
            .all(|(a, b)| Arc::ptr_eq(a, b) || a.content_path == b.content_path)
}

/// Does each page of `new` have the URL and aliases of the page with its id in `old`
/// (of the same files, see [`same_files`])?
fn same_urls(old: &[Arc<Page>], new: &[Arc<Page>]) -> bool {
    old.iter().zip(new).all(|(a, b)| {
        Arc::ptr_eq(a, b) || (a.site_path == b.site_path && a.front.aliases == b.front.aliases)
    })
}

/// [`Site::by_url`]: aliases first, so a page's own URL wins over another's alias.
fn pages_by_url(pages: &[Arc<Page>]) -> HashMap<String, PageId> {
    let mut by_url = HashMap::new();
    for (id, page) in pages.iter().enumerate() {
        for alias in &page.front.aliases {
            let path = alias.trim_matches('/');
            if !path.is_empty() {
                by_url.insert(format!("{path}/"), id);
            }
        }
    }
    for (id, page) in pages.iter().enumerate() {
        by_url.insert(page.site_path.clone(), id);
    }
    by_url
}

/// Two pages (or a page and a generated page) must not claim one URL.
fn check_unique_urls(pages: &[Arc<Page>], reserved: &[&str], problems: &mut Diagnostics) {
    let mut seen: HashMap<&str, &Arc<Page>> = HashMap::new();
    for page in pages {
        if let Some(r) = reserved.iter().find(|r| page.site_path.starts_with(**r)) {
            problems.push(
                Diagnostic::error(format!(
                    "the URL /{} is reserved: pillar generates the pages under /{r}",
                    page.site_path
                ))
                .at(&page.source, 0..0)
                .with_hint(format!(
                    "move the file or set another `slug` (reserved: {})",
                    reserved
                        .iter()
                        .map(|r| format!("/{r}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            );
        }
        if let Some(first) = seen.insert(&page.site_path, page) {
            problems.push(
                Diagnostic::error(format!(
                    "two pages map to the URL /{}: this one and {}",
                    page.site_path,
                    first.source.path.display()
                ))
                .at(&page.source, slug_span(page))
                .with_hint("give one of them another `slug`"),
            );
        }
    }
}

/// The span of the `slug:` value if there is one, else the start of the file.
fn slug_span(page: &Page) -> std::ops::Range<usize> {
    page.front
        .slug
        .as_deref()
        .and_then(|s| Places::of(&page.source, page.front_range.clone()).value("slug", s))
        .unwrap_or(0..0)
}

/// Articles being built should say what they are about.
fn warn_missing_descriptions(pages: &[Arc<Page>], problems: &mut Diagnostics) {
    for page in pages {
        if page.is_article() && page.front.description.is_none() && page.front.title.is_some() {
            problems.push(
                Diagnostic::warning("the article has no description")
                    .at(&page.source, 0..3)
                    .with_hint("add `description: ...`: listings, search results and the meta description use it"),
            );
        }
    }
}

fn warn_empty_clusters(pages: &[Arc<Page>], clusters: &[Cluster], problems: &mut Diagnostics) {
    for cluster in clusters {
        if cluster.articles.is_empty()
            && cluster.subsections.is_empty()
            && let Some(hub) = cluster.hub
        {
            problems.push(
                Diagnostic::warning(format!("the cluster `{}` has no articles", cluster.slug))
                    .in_file(&pages[hub].source.path)
                    .with_hint("add an article: a .md file in the cluster folder"),
            );
        }
    }
}

#[cfg(test)]
mod git_date_tests {
    use super::test_support::site;
    use super::{Date, fill_updated, reparse_page};
    use crate::source::SourceFile;
    use std::collections::HashMap;

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    const DATED: &str = "---\ntitle: A\ndescription: x\ndate: 2026-02-01\n---\nBody.\n";

    #[test]
    fn a_commit_date_fills_a_missing_updated_only_when_later_than_date() {
        let mut s = site(&[
            ("a.md", DATED),
            ("b.md", "---\ntitle: B\ndescription: x\n---\nBody.\n"),
            (
                "c.md",
                "---\ntitle: C\ndescription: x\nupdated: 2026-01-05\n---\nBody.\n",
            ),
        ]);
        let commits = HashMap::from([
            ("a.md".to_string(), date("2026-01-20")),
            ("b.md".to_string(), date("2026-03-01")),
            ("c.md".to_string(), date("2026-03-01")),
        ]);
        fill_updated(&mut s.pages, &commits);
        let updated = |path: &str| s.pages[s.by_path[path]].front.updated;
        assert_eq!(updated("a.md"), None, "committed before its date");
        assert_eq!(updated("b.md"), Some(date("2026-03-01")));
        assert_eq!(
            updated("c.md"),
            Some(date("2026-01-05")),
            "front matter wins"
        );
    }

    #[test]
    fn a_body_edit_parsed_alone_keeps_the_commit_date() {
        let mut s = site(&[("a.md", DATED)]);
        let a = s.by_path["a.md"];
        std::sync::Arc::make_mut(&mut s.pages[a]).front.updated = Some(date("2026-04-01"));
        let edited = SourceFile::new("content/a.md", &DATED.replace("Body.", "New body."));
        let (page, _) = reparse_page(&s, a, edited).expect("only the body changed");
        assert_eq!(page.front.updated, Some(date("2026-04-01")));
    }
}
