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
mod paginate;
mod shortcodes;
mod sidebar;
mod templates;
mod views;

pub(crate) use assets::{language_css, theme_assets};
pub(crate) use context::{LinkView, SiteView};
pub(crate) use sidebar::Sidebars;
pub(crate) use templates::Templates;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::link::Links;
use crate::model::{PageId, Site};
use crate::output::OutputFile;
use crate::progress::Progress;
use crate::urls;
use context::Views;
use pages::{PageRenderer, home_link};
pub(crate) use pages::{more_in_section, newest};
use paginate::Parts;
use views::{FrameView, GeneratedView, NotFoundView, TagCountView, TagIndexView, TagView};

/// What a page's component blocks render to, decided by the component modules.
pub(crate) trait Components: Sync {
    /// The HTML of block `index` of page `page`.
    fn html(&self, site: &Site, page: PageId, index: usize) -> String;
    /// The scripts page `page` needs (URLs).
    fn scripts(&self, site: &Site, page: PageId) -> Vec<String>;
    /// The pages the components generate (compare pages), as data to render.
    fn pages(&self, site: &Site) -> Vec<GeneratedPage>;
}

/// A page a component generates, as data: the render stage gives it the site's frame
/// (breadcrumbs, canonical URL) and renders it with its template.
#[derive(Debug, Clone)]
pub(crate) struct GeneratedPage {
    /// Its site path (`compare/roles/`).
    pub path: String,
    /// The template that renders it (`compare.html`).
    pub template: &'static str,
    /// The title.
    pub title: String,
    /// The meta description.
    pub description: String,
    /// The body, as HTML.
    pub content: String,
    /// The body's text as markdown, which the search index reads.
    pub text: String,
    /// Scripts it needs, as site paths (`js/compare.js`).
    pub scripts: Vec<&'static str>,
}

/// Where the render stage hands each markdown page's files as soon as the page is
/// rendered: `pillar build` writes them into the output's staging folder at once, so a
/// large site is never whole in memory (see [`crate::write::Staging`]).
pub(crate) type PageSink<'a> = &'a (dyn Fn(OutputFile) + Sync);

/// What the render stage made: the files it kept in memory, and the paths of the files
/// it handed to the [`PageSink`] (none without one).
#[derive(Debug, Default)]
pub(crate) struct Rendered {
    /// Files kept: every file without a sink; with one, all but the markdown pages'.
    pub files: Vec<OutputFile>,
    /// The paths of the files handed to the sink, in page order.
    pub handed: Vec<String>,
}

/// Renders every page, tag page, the 404 page and the theme's assets. With a `sink`,
/// the markdown pages' files go to it as they are rendered instead of being kept.
pub(crate) fn render(
    site: &Site,
    links: &Links,
    components: &dyn Components,
    templates: &Templates,
    progress: &Progress,
    sink: Option<PageSink>,
) -> Result<Rendered, Diagnostics> {
    let all: Vec<PageId> = (0..site.pages.len()).collect();
    let (mut rendered, mut problems) =
        markdown_pages(site, links, components, templates, &all, progress, sink);
    rendered.files.reserve(links.tags.len() + 8);
    match generated(site, links, components, templates) {
        Ok(generated) => rendered.files.extend(generated),
        Err(found) => problems.extend(found),
    }
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(rendered)
}

/// Renders every file that is not a markdown page: the tag pages, the 404 and search
/// pages, the components' pages and the theme's assets.
pub(crate) fn generated(
    site: &Site,
    links: &Links,
    components: &dyn Components,
    templates: &Templates,
) -> Result<Vec<OutputFile>, Diagnostics> {
    generated_with_tags(site, links, components, templates, |_| true)
}

/// [`generated`], with the pages of only the tags (by slug) `tag` says yes to; the
/// index of tags is always rendered. (An edit of one page's front matter changes only
/// the pages of the tags it had or has.)
pub(crate) fn generated_with_tags(
    site: &Site,
    links: &Links,
    components: &dyn Components,
    templates: &Templates,
    tag: impl Fn(&str) -> bool + Sync,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let site_view = site_view(site);
    let mut files = Vec::with_capacity(links.tags.len() + 8);
    let mut problems = Diagnostics::new();
    match tag_pages(site, links, templates, &site_view, &tag) {
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
    for page in components.pages(site) {
        match generated_page(site, templates, &site_view, &page) {
            Ok(file) => files.push(file),
            Err(d) => problems.push(d),
        }
    }
    files.extend(assets::theme_assets(site));
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(files)
}

/// Renders the markdown pages `ids` only (the pages an edit changed).
pub(crate) fn render_pages(
    site: &Site,
    links: &Links,
    components: &dyn Components,
    templates: &Templates,
    ids: &[PageId],
) -> Result<Vec<OutputFile>, Diagnostics> {
    let (rendered, problems) = markdown_pages(
        site,
        links,
        components,
        templates,
        ids,
        &Progress::none(),
        None,
    );
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(rendered.files)
}

/// Renders the markdown pages `ids` in parallel: their files (or, with a `sink`, the
/// paths of the files handed to it) and their problems. Each page done advances
/// `progress`.
fn markdown_pages(
    site: &Site,
    links: &Links,
    components: &dyn Components,
    templates: &Templates,
    ids: &[PageId],
    progress: &Progress,
    sink: Option<PageSink>,
) -> (Rendered, Diagnostics) {
    let component_html = |page: PageId, index: usize| components.html(site, page, index);
    let scripts = |page: PageId| components.scripts(site, page);
    let sidebars = sidebar::Sidebars::new(site);
    let site_view = site_view(site);
    let renderer = PageRenderer {
        site,
        links,
        templates,
        site_view: &site_view,
        sidebars: &sidebars,
        components: &component_html,
        scripts: &scripts,
    };
    let results: Vec<Result<Rendered, Diagnostic>> = ids
        .par_iter()
        .map(|&id| {
            let files = renderer.render(id);
            progress.advance();
            let files = files?;
            Ok(match sink {
                Some(sink) => Rendered {
                    files: Vec::new(),
                    handed: files
                        .into_iter()
                        .map(|file| {
                            let path = file.path.clone();
                            sink(file);
                            path
                        })
                        .collect(),
                },
                None => Rendered {
                    files,
                    handed: Vec::new(),
                },
            })
        })
        .collect();
    let mut rendered = Rendered::default();
    if sink.is_some() {
        rendered.handed.reserve(results.len());
    } else {
        rendered.files.reserve(results.len());
    }
    let mut problems = Diagnostics::new();
    for result in results {
        match result {
            Ok(page) => {
                rendered.files.extend(page.files);
                rendered.handed.extend(page.handed);
            }
            Err(d) => problems.push(d),
        }
    }
    (rendered, problems)
}

/// The `site` view every template gets.
pub(crate) fn site_view(site: &Site) -> SiteView {
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
        direction: site.strings.direction(),
        root: site.urls.prefix().to_string(),
        home: site.urls.path(""),
        nav,
        feed_url: site.urls.path(urls::SITE_FEED),
        extra: site.config.extra.clone(),
    }
}

/// Renders a page a component generated, under Home in the breadcrumbs.
fn generated_page(
    site: &Site,
    templates: &Templates,
    site_view: &SiteView,
    generated: &GeneratedPage,
) -> Result<OutputFile, Diagnostic> {
    let url = site.urls.path(&generated.path);
    let page = GeneratedView {
        frame: FrameView {
            title: generated.title.clone(),
            description: generated.description.clone(),
            url: url.clone(),
            permalink: site.urls.absolute(&generated.path),
            breadcrumbs: vec![
                home_link(site),
                LinkView {
                    title: generated.title.clone(),
                    url,
                },
            ],
            scripts: generated
                .scripts
                .iter()
                .map(|s| site.urls.asset(s))
                .collect(),
            translations: site.translations.of(site, &generated.path),
            ..FrameView::default()
        },
        content: generated.content.clone(),
    };
    let html = render_view(templates, site_view, generated.template, &page)?;
    Ok(OutputFile::new(urls::index_file(&generated.path), html))
}

/// Renders `template` with `site` and `page`, the view made for it.
pub(crate) fn render_view<V: Serialize>(
    templates: &Templates,
    site_view: &SiteView,
    template: &str,
    page: &V,
) -> Result<String, Diagnostic> {
    let mut context = Context::new();
    context.insert("site", site_view);
    context.insert("page", page);
    templates.render(template, &context)
}

/// The index of tags, and the pages of the tags (by slug) `tag` says yes to.
fn tag_pages(
    site: &Site,
    links: &Links,
    templates: &Templates,
    site_view: &SiteView,
    tag: &(dyn Fn(&str) -> bool + Sync),
) -> Result<Vec<OutputFile>, Diagnostic> {
    let views = Views { site };
    let words = &site.strings;
    let site_title = site.config.title.as_str();
    let index_url = site.urls.path(urls::TAGS);
    let tags_crumb = LinkView {
        title: words.text("tags").to_string(),
        url: index_url.clone(),
    };
    let parts = |template| Parts {
        site,
        templates,
        site_view,
        template,
    };
    let tag_parts = parts("tag.html");
    let pages: Vec<Result<Vec<OutputFile>, Diagnostic>> = links
        .tags
        .par_iter()
        .filter(|(slug, _)| tag(slug))
        .map(|(slug, tag)| {
            let path = urls::tag(slug);
            let page = TagView {
                frame: FrameView {
                    title: words.fill("tagged", &[("tag", &tag.name)]),
                    description: words.fill(
                        "tagged_description",
                        &[("site", site_title), ("tag", &tag.name)],
                    ),
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
                    ..FrameView::default()
                },
                pages: Vec::new(),
            };
            let cards = tag.pages.iter().map(|&p| views.card(p)).collect();
            tag_parts.render(&path, page, cards)
        })
        .collect();
    let index = TagIndexView {
        frame: FrameView {
            title: words.text("tags").to_string(),
            description: words.fill("tags_description", &[("site", site_title)]),
            url: index_url.clone(),
            permalink: site.urls.absolute(urls::TAGS),
            breadcrumbs: vec![home_link(site), tags_crumb],
            ..FrameView::default()
        },
        tags: Vec::new(),
    };
    let tags = links
        .tags
        .iter()
        .map(|(slug, tag)| TagCountView {
            title: tag.name.clone(),
            url: site.urls.path(&urls::tag(slug)),
            page_count: tag.pages.len(),
        })
        .collect();
    let mut files = parts("tags.html").render(urls::TAGS, index, tags)?;
    for part in pages {
        files.extend(part?);
    }
    Ok(files)
}

/// The search page: a form, and the script that queries the index.
fn search_page(
    site: &Site,
    templates: &Templates,
    site_view: &SiteView,
) -> Result<OutputFile, Diagnostic> {
    let words = &site.strings;
    let page = FrameView {
        title: words.text("search").to_string(),
        description: words.fill("search_description", &[("site", &site.config.title)]),
        url: site.urls.path(urls::SEARCH),
        permalink: site.urls.absolute(urls::SEARCH),
        breadcrumbs: vec![
            home_link(site),
            LinkView {
                title: words.text("search").to_string(),
                url: site.urls.path(urls::SEARCH),
            },
        ],
        scripts: vec![site.urls.asset(urls::SEARCH_SCRIPT)],
        translations: site.translations.of(site, urls::SEARCH),
        ..FrameView::default()
    };
    let html = render_view(templates, site_view, "search.html", &page)?;
    Ok(OutputFile::new(urls::index_file(urls::SEARCH), html))
}

fn not_found(
    site: &Site,
    templates: &Templates,
    site_view: &SiteView,
) -> Result<OutputFile, Diagnostic> {
    let page = NotFoundView {
        frame: FrameView {
            title: site.strings.text("not_found").to_string(),
            description: site.config.description.clone(),
            url: site.urls.path(urls::NOT_FOUND),
            permalink: site.urls.absolute(urls::NOT_FOUND),
            ..FrameView::default()
        },
        latest: pages::latest(site)
            .into_iter()
            .map(|p| Views { site }.card(p))
            .collect(),
    };
    let html = render_view(templates, site_view, "404.html", &page)?;
    Ok(OutputFile::new(urls::NOT_FOUND, html))
}
