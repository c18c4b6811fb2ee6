//! The render stage: every page of the site as HTML, in parallel.
//!
//! Markdown pages go through [`pages::PageRenderer`]; tag pages, the tag index and the
//! 404 page are rendered from their templates; the theme's stylesheets are bundled into
//! one file together with the code-highlighting styles. Templates are compiled once per
//! build. Pages are independent here, so they render on all cores (rayon).

mod assets;
mod context;
mod json_ld;
mod map;
mod pages;
mod templates;

pub use context::{CardView, LinkView, NavNode, PageView, SiteView};
pub use templates::Templates;

use rayon::prelude::*;
use tera::Context;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::link::Links;
use crate::model::{PageId, Site};
use context::Views;
use pages::{PageRenderer, home_link};

/// One file of the output, by its path under the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// The path under the output folder, with `/` separators: `cluster/page/index.html`.
    pub path: String,
    /// The contents.
    pub bytes: Vec<u8>,
}

impl OutputFile {
    /// A file at `path` with `bytes`.
    pub fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        OutputFile {
            path: path.into(),
            bytes: bytes.into(),
        }
    }
}

/// What a page's component blocks render to, decided by the component modules.
pub trait Components: Sync {
    /// The HTML of block `index` of page `page`.
    fn html(&self, site: &Site, page: PageId, index: usize) -> String;
    /// The scripts page `page` needs (URLs).
    fn scripts(&self, site: &Site, page: PageId) -> Vec<String>;
    /// Extra pages the components generate (compare pages), rendered with `templates`.
    fn pages(
        &self,
        site: &Site,
        templates: &Templates,
        site_view: &SiteView,
    ) -> Result<Vec<OutputFile>, Diagnostic>;
}

/// Renders every page, tag page, the 404 page and the theme's assets.
pub fn render(
    site: &Site,
    links: &Links,
    components: &dyn Components,
    templates: &Templates,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let site_view = site_view(site);
    let all: Vec<PageId> = (0..site.pages.len()).collect();
    let (mut files, mut problems) =
        markdown_pages(site, links, components, templates, &site_view, &all);
    files.reserve(all.len() + links.tags.len() + 8);
    files.extend(all.iter().map(|&id| preview(site, id)));
    match tag_pages(site, links, templates, &site_view) {
        Ok(tag_files) => files.extend(tag_files),
        Err(d) => problems.push(d),
    }
    match not_found(site, templates, &site_view) {
        Ok(file) => files.push(file),
        Err(d) => problems.push(d),
    }
    match search_page(site, templates, &site_view) {
        Ok(file) => files.push(file),
        Err(d) => problems.push(d),
    }
    match components.pages(site, templates, &site_view) {
        Ok(more) => files.extend(more),
        Err(d) => problems.push(d),
    }
    files.extend(assets::theme_assets(site));
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(files)
}

/// Renders the markdown pages `ids` only (the pages an edit changed).
pub fn render_pages(
    site: &Site,
    links: &Links,
    components: &dyn Components,
    templates: &Templates,
    ids: &[PageId],
) -> Result<Vec<OutputFile>, Diagnostics> {
    let site_view = site_view(site);
    let (files, problems) = markdown_pages(site, links, components, templates, &site_view, ids);
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(files)
}

/// Renders the markdown pages `ids` in parallel: their files and their problems.
fn markdown_pages(
    site: &Site,
    links: &Links,
    components: &dyn Components,
    templates: &Templates,
    site_view: &SiteView,
    ids: &[PageId],
) -> (Vec<OutputFile>, Diagnostics) {
    let component_html = |page: PageId, index: usize| components.html(site, page, index);
    let scripts = |page: PageId| components.scripts(site, page);
    let renderer = PageRenderer {
        site,
        links,
        templates,
        site_view,
        components: &component_html,
        scripts: &scripts,
    };
    let results: Vec<Result<OutputFile, Diagnostic>> = ids
        .par_iter()
        .map(|&id| {
            let html = renderer.render(id)?;
            Ok(OutputFile::new(
                format!("{}index.html", site.pages[id].site_path),
                html,
            ))
        })
        .collect();
    let mut files = Vec::with_capacity(results.len());
    let mut problems = Diagnostics::new();
    for result in results {
        match result {
            Ok(file) => files.push(file),
            Err(d) => problems.push(d),
        }
    }
    (files, problems)
}

/// The file next to each page's `index.html` that its link previews read.
pub const PREVIEW: &str = "preview.json";

/// The link preview of page `id`, next to its `index.html`: `{"title", "description",
/// "kind"}` as JSON, which the theme's `preview.js` fetches the first time a link to the
/// page is hovered. It comes from front matter only, so the rebuild after a body edit
/// ([`render_pages`]) leaves it as it was.
fn preview(site: &Site, id: PageId) -> OutputFile {
    let card = Views { site }.card(id);
    let json = serde_json::json!({
        "title": card.title,
        "description": card.description,
        "kind": card.kind,
    });
    OutputFile::new(
        format!("{}{PREVIEW}", site.pages[id].site_path),
        json.to_string(),
    )
}

/// `1 page`, `2 pages`.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The `site` view every template gets.
pub fn site_view(site: &Site) -> SiteView {
    let resolver = crate::link::Resolver::new(site);
    let nav = site
        .config
        .nav
        .iter()
        // An entry for a draft left out of the build is left out too (a warning).
        .filter(|item| !resolver.is_draft("", &item.url))
        .map(|item| LinkView {
            title: item.label.clone(),
            url: resolver
                .url("", &item.url)
                .unwrap_or_else(|| match item.url.strip_prefix('/') {
                    Some(path) => site.urls.path(path),
                    None => item.url.clone(),
                }),
        })
        .collect();
    SiteView {
        title: site.config.title.clone(),
        description: site.config.description.clone(),
        language: site.config.language.clone(),
        root: site.urls.prefix().to_string(),
        nav,
        sections: sections(site),
        feed_url: site.urls.path("atom.xml"),
        extra: site.config.extra.clone(),
    }
}

/// The section tree of the sidebar: every cluster that has a hub, with its articles.
fn sections(site: &Site) -> Vec<NavNode> {
    let views = Views { site };
    let leaf = |id: PageId| {
        let LinkView { title, url } = views.link(id);
        NavNode {
            title,
            url,
            children: Vec::new(),
        }
    };
    site.clusters
        .iter()
        .filter_map(|cluster| {
            let mut node = leaf(cluster.hub?);
            node.children = cluster.articles.iter().map(|&a| leaf(a)).collect();
            Some(node)
        })
        .collect()
}

/// Renders a generated (non-markdown) page with `template`.
pub fn render_generated(
    templates: &Templates,
    site_view: &SiteView,
    template: &str,
    page: &PageView,
) -> Result<String, Diagnostic> {
    let mut context = Context::new();
    context.insert("site", site_view);
    context.insert("page", page);
    templates.render(template, &context)
}

fn tag_pages(
    site: &Site,
    links: &Links,
    templates: &Templates,
    site_view: &SiteView,
) -> Result<Vec<OutputFile>, Diagnostic> {
    let views = Views { site };
    let index_url = site.urls.path("tags/");
    let tags_crumb = LinkView {
        title: "Tags".to_string(),
        url: index_url.clone(),
    };
    let mut files: Vec<Result<OutputFile, Diagnostic>> = links
        .tags
        .par_iter()
        .map(|(slug, tag)| {
            let path = format!("tags/{slug}/");
            let page = PageView {
                title: format!("Tagged “{}”", tag.name),
                description: format!("Pages of {} tagged {}.", site.config.title, tag.name),
                url: site.urls.path(&path),
                permalink: site.urls.absolute(&path),
                breadcrumbs: vec![
                    home_link(site),
                    tags_crumb.clone(),
                    LinkView {
                        title: tag.name.clone(),
                        url: site.urls.path(&path),
                    },
                ],
                pages: tag.pages.iter().map(|&p| views.card(p)).collect(),
                ..PageView::default()
            };
            let html = render_generated(templates, site_view, "tag.html", &page)?;
            Ok(OutputFile::new(format!("{path}index.html"), html))
        })
        .collect();
    let index = PageView {
        title: "Tags".to_string(),
        description: format!("Every tag of {}.", site.config.title),
        url: index_url.clone(),
        permalink: site.urls.absolute("tags/"),
        breadcrumbs: vec![home_link(site), tags_crumb],
        pages: links
            .tags
            .iter()
            .map(|(slug, tag)| CardView {
                title: tag.name.clone(),
                url: site.urls.path(&format!("tags/{slug}/")),
                description: String::new(),
                kind: count(tag.pages.len(), "page"),
                date: None,
            })
            .collect(),
        ..PageView::default()
    };
    files.push(
        render_generated(templates, site_view, "tags.html", &index)
            .map(|html| OutputFile::new("tags/index.html", html)),
    );
    files.into_iter().collect()
}

/// The search page: a form, and the script that queries the index.
fn search_page(
    site: &Site,
    templates: &Templates,
    site_view: &SiteView,
) -> Result<OutputFile, Diagnostic> {
    let page = PageView {
        title: "Search".to_string(),
        description: format!("Search {}.", site.config.title),
        url: site.urls.path("search/"),
        permalink: site.urls.absolute("search/"),
        breadcrumbs: vec![
            home_link(site),
            LinkView {
                title: "Search".to_string(),
                url: site.urls.path("search/"),
            },
        ],
        scripts: vec![site.urls.path("js/search.js")],
        ..PageView::default()
    };
    let html = render_generated(templates, site_view, "search.html", &page)?;
    Ok(OutputFile::new("search/index.html", html))
}

fn not_found(
    site: &Site,
    templates: &Templates,
    site_view: &SiteView,
) -> Result<OutputFile, Diagnostic> {
    let page = PageView {
        title: "Page not found".to_string(),
        description: site.config.description.clone(),
        url: site.urls.path("404.html"),
        permalink: site.urls.absolute("404.html"),
        pages: pages::latest(site)
            .into_iter()
            .map(|p| Views { site }.card(p))
            .collect(),
        ..PageView::default()
    };
    let html = render_generated(templates, site_view, "404.html", &page)?;
    Ok(OutputFile::new("404.html", html))
}
