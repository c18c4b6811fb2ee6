//! Rendering the markdown pages: body, context and template.

use serde::Serialize;

use super::context::{
    CardView, DateView, FaqView, GroupView, LinkView, SiteView, SocialCardView, SourceView,
    TocEntry, Views,
};
use super::json_ld;
use super::paginate::{Groups, for_each_part, whole};
use super::shortcodes::{ImageView, PageShortcodes};
use super::sidebar::Sidebars;
use super::views::{
    ArticleView, BodyView, FrameView, HomeListing, HomeView, HubView, PlainView, SectionCardView,
    SectionView,
};
use crate::diagnostics::Diagnostic;
use crate::images;
use crate::link::{Links, Resolver};
use crate::markdown::{
    RenderHooks, ShortcodeCall, data_html, reading_minutes, render_html, slug::slugify,
};
use crate::model::{ClusterId, Page, PageId, PageRole, Site};
use crate::output::OutputFile;
use crate::shortcodes::ArgValue;
use crate::urls;

use super::{Templates, render_view};

/// How many of the newest articles the home page lists.
const LATEST_ON_HOME: usize = 8;

/// How many other articles of its section an article lists under "More in".
const MORE_IN_SECTION: usize = 12;

/// How many of the pages that link to a page it lists (a glossary term may be linked
/// from every article of the site).
const BACKLINKS_SHOWN: usize = 20;

/// Everything rendering a page needs, shared by all pages of a build.
pub(super) struct PageRenderer<'a> {
    /// The site.
    pub site: &'a Site,
    /// The link graph.
    pub links: &'a Links,
    /// The compiled templates.
    pub templates: &'a Templates,
    /// The `site` view templates get.
    pub site_view: &'a SiteView,
    /// Every section's sidebar entries.
    pub sidebars: &'a Sidebars<'a>,
    /// Renders the component blocks of a page, by page and block index.
    pub components: &'a (dyn Fn(PageId, usize) -> String + Sync),
    /// Scripts a page needs for its components.
    pub scripts: &'a (dyn Fn(PageId) -> Vec<String> + Sync),
}

struct Hooks<'a> {
    resolver: Resolver<'a>,
    from: &'a str,
    page: PageId,
    components: &'a (dyn Fn(PageId, usize) -> String + Sync),
    /// The page's term links, as ranges of its body and URLs.
    terms: Vec<(std::ops::Range<usize>, String)>,
    shortcodes: PageShortcodes<'a>,
    /// The site's words.
    words: &'a crate::i18n::Strings,
}

impl Hooks<'_> {
    /// `@image` for a shortcode whose `src` is `dest`.
    fn image_view(&self, dest: &str) -> ImageView {
        let size = self.resolver.image_size(self.from, dest);
        let srcsets = self.resolver.image_srcsets(self.from, dest);
        let text =
            |candidates: &[images::Candidate]| images::srcset_text(candidates, str::to_string);
        ImageView {
            width: size.map_or(0, |s| s.width),
            height: size.map_or(0, |s| s.height),
            srcset: srcsets.as_ref().map(|s| text(&s.own)).unwrap_or_default(),
            webp_srcset: srcsets.as_ref().map(|s| text(&s.webp)).unwrap_or_default(),
            avif_srcset: srcsets.as_ref().map(|s| text(&s.avif)).unwrap_or_default(),
            sizes: srcsets.map(|s| s.sizes).unwrap_or_default(),
        }
    }
}

impl RenderHooks for Hooks<'_> {
    fn link(&self, dest: &str) -> Option<String> {
        self.resolver.url(self.from, dest)
    }

    fn unlinked(&self, dest: &str) -> bool {
        self.resolver.is_draft(self.from, dest)
    }

    fn component(&self, index: usize) -> String {
        (self.components)(self.page, index)
    }

    fn term_links(&self) -> Vec<(std::ops::Range<usize>, String)> {
        self.terms.clone()
    }

    fn link_from(&self, from: &str, dest: &str) -> Option<String> {
        self.resolver.url(from, dest)
    }

    fn shortcode(&self, call: &ShortcodeCall) -> String {
        let src = call.call.args.iter().find_map(|arg| match &arg.value {
            ArgValue::Text(dest) if arg.name == "src" => Some(dest.as_str()),
            _ => None,
        });
        let image = src.map(|dest| self.image_view(dest)).unwrap_or_default();
        self.shortcodes.render(call, &image)
    }

    fn image_size(&self, from: Option<&str>, dest: &str) -> Option<crate::load::ImageSize> {
        self.resolver.image_size(from.unwrap_or(self.from), dest)
    }

    fn words(&self) -> &crate::i18n::Strings {
        self.words
    }

    fn image_srcsets(&self, from: Option<&str>, dest: &str) -> Option<crate::images::Srcsets> {
        self.resolver.image_srcsets(from.unwrap_or(self.from), dest)
    }
}

/// Where the views of a page's files go: to the templates, or (in tests) to a measure.
pub(super) trait ViewSink {
    /// What can go wrong taking a view.
    type Error: From<Diagnostic>;
    /// Takes the view of the file at site path `path`, which `template` renders.
    fn take<V: Serialize>(
        &mut self,
        path: String,
        template: &str,
        view: &V,
    ) -> Result<(), Self::Error>;
}

/// Renders each view it takes into its file.
struct Files<'a> {
    templates: &'a Templates,
    site_view: &'a SiteView,
    files: Vec<OutputFile>,
}

impl ViewSink for Files<'_> {
    type Error = Diagnostic;

    fn take<V: Serialize>(
        &mut self,
        path: String,
        template: &str,
        view: &V,
    ) -> Result<(), Diagnostic> {
        let html = render_view(self.templates, self.site_view, template, view)?;
        self.files
            .push(OutputFile::new(urls::index_file(&path), html));
        Ok(())
    }
}

impl PageRenderer<'_> {
    /// Renders page `id`: its `index.html`, and for a listing longer than `paginate`
    /// cards (a hub's articles, the home page's sections) one more page per part.
    pub(super) fn render(&self, id: PageId) -> Result<Vec<OutputFile>, Diagnostic> {
        let mut files = Files {
            templates: self.templates,
            site_view: self.site_view,
            files: Vec::new(),
        };
        self.for_each_view(id, &mut files)?;
        Ok(files.files)
    }

    /// Hands `sink` the site path, template and view of every file page `id` renders
    /// to (one, or one per part of a long listing).
    pub(super) fn for_each_view<S: ViewSink>(
        &self,
        id: PageId,
        sink: &mut S,
    ) -> Result<(), S::Error> {
        let site = self.site;
        let page = &site.pages[id];
        let (frame, body) = self.frame_and_body(id, page)?;
        let views = Views { site };
        let at = page.site_path.as_str();
        match page.role {
            PageRole::Home => {
                let posts: Vec<CardView> = site.posts.iter().map(|&p| views.card(p)).collect();
                let clusters = self.cluster_cards();
                let (clusters, listing) = if posts.is_empty() {
                    (Vec::new(), HomeListing::Sections(clusters))
                } else {
                    (clusters, HomeListing::Posts(posts))
                };
                let view = HomeView {
                    frame,
                    body,
                    clusters,
                    posts: Vec::new(),
                    latest: latest(site).into_iter().map(|p| views.card(p)).collect(),
                };
                for_each_part(site, at, view, listing, |path, view| {
                    sink.take(path, "home.html", view)
                })
            }
            PageRole::Hub(c) => {
                let ancestors = self.ancestors(page);
                let url = frame.url.clone();
                let view = HubView {
                    frame,
                    body,
                    section: SectionView {
                        parent: ancestors.last().cloned(),
                        subsections: self.section_cards(&site.clusters[c].subsections),
                    },
                    ancestors,
                    sidebar: self.sidebars.for_page(id),
                    cluster: self.cluster(page),
                    groups: Vec::new(),
                    map: super::map::cluster_map(site, self.links, c, &url),
                };
                let groups = Groups(self.groups(c));
                for_each_part(site, at, view, groups, |path, view| {
                    sink.take(path, "cluster.html", view)
                })
            }
            PageRole::Article(c) => {
                let mut view = ArticleView {
                    frame,
                    body,
                    ancestors: self.ancestors(page),
                    sidebar: self.sidebars.for_page(id),
                    cluster: self.cluster(page),
                    prev: self.links.prev[id].map(|p| views.link(p)),
                    next: self.links.next[id].map(|p| views.link(p)),
                    more_in_cluster: more_in_section(site, c, id)
                        .into_iter()
                        .map(|a| views.link(a))
                        .collect(),
                };
                let path = whole(site, at, &mut view.frame);
                sink.take(path, "article.html", &view)
            }
            PageRole::Standalone => {
                let mut view = PlainView {
                    frame,
                    body,
                    sidebar: self.sidebars.for_page(id),
                };
                let path = whole(site, at, &mut view.frame);
                sink.take(path, "page.html", &view)
            }
        }
    }

    /// The frame and the body of markdown page `id`: what every template of a
    /// markdown page shows.
    fn frame_and_body(&self, id: PageId, page: &Page) -> Result<(FrameView, BodyView), Diagnostic> {
        let site = self.site;
        let views = Views { site };
        let body = page.body.start;
        let terms = self.links.terms[id]
            .iter()
            .map(|t| {
                (
                    t.range.start - body..t.range.end - body,
                    views.url(t.target),
                )
            })
            .collect();
        let hooks = Hooks {
            resolver: Resolver::new(site),
            from: &page.content_path,
            page: id,
            components: self.components,
            terms,
            shortcodes: PageShortcodes::new(self.templates, site, page),
            words: &site.strings,
        };
        let content = render_html(page.body_text(), &page.outline, &hooks);
        if let Some(failure) = hooks.shortcodes.failure() {
            return Err(failure);
        }
        let breadcrumbs = self.breadcrumbs(id, page);
        let faq: Vec<FaqView> = page
            .front
            .faq
            .iter()
            .map(|entry| FaqView {
                question: entry.question.clone(),
                answer: data_html(&entry.answer, &|dest| hooks.link(dest)),
            })
            .collect();
        let permalink = site.urls.absolute(&page.site_path);
        let json_ld = json_ld::for_page(site, page, &permalink, &breadcrumbs, &faq);
        let frame = FrameView {
            title: page.title.clone(),
            description: page
                .front
                .description
                .clone()
                .unwrap_or_else(|| site.config.description.clone()),
            url: views.url(id),
            permalink,
            date: page.front.date.map(|d| DateView::new(d, &site.strings)),
            breadcrumbs,
            scripts: (self.scripts)(id),
            json_ld,
            feed_url: match page.role {
                PageRole::Hub(c) => {
                    Some(site.urls.path(&urls::feed(&site.clusters[c].site_path())))
                }
                _ => None,
            },
            pager: None,
            previews: self.previews(id),
            social_card: SocialCardView::of(site, page),
            stale_original: crate::translations::stale_original(site, page),
            translations: Vec::new(),
        };
        let body = BodyView {
            lead: page.front.description.clone().unwrap_or_default(),
            kind: page.front.kind.clone().unwrap_or_default(),
            kind_label: site.kind_label(page).unwrap_or_default().to_string(),
            updated: page.front.updated.map(|d| DateView::new(d, &site.strings)),
            author: page
                .front
                .author
                .clone()
                .or_else(|| site.config.author.clone())
                .unwrap_or_default(),
            tags: page
                .front
                .tags
                .iter()
                .filter(|t| !slugify(t).is_empty())
                .map(|t| LinkView {
                    title: t.clone(),
                    url: site.urls.path(&urls::tag(&slugify(t))),
                })
                .collect(),
            content,
            toc: page
                .outline
                .headings
                .iter()
                .filter(|h| h.level == 2 || h.level == 3)
                .map(|h| TocEntry {
                    level: h.level,
                    id: h.id.clone(),
                    text: h.text.clone(),
                })
                .collect(),
            reading_minutes: reading_minutes(page.outline.words),
            faq,
            sources: page
                .front
                .sources
                .iter()
                .map(|s| source_view(s, &site.strings))
                .collect(),
            related: self.links.related[id]
                .iter()
                .map(|&p| views.card(p))
                .collect(),
            backlinks: self.links.backlinks[id]
                .iter()
                .take(BACKLINKS_SHOWN)
                .map(|&p| views.link(p))
                .collect(),
            backlinks_more: self.links.backlinks[id]
                .len()
                .saturating_sub(BACKLINKS_SHOWN),
            extra: page.front.extra.clone(),
            edit_url: site.config.edit_link(&edit_path(page)),
        };
        Ok((frame, body))
    }

    /// The link to the hub of the section `page` is in (for a hub, itself).
    fn cluster(&self, page: &Page) -> Option<LinkView> {
        let hub = page.cluster().and_then(|c| self.site.clusters[c].hub)?;
        Some(Views { site: self.site }.link(hub))
    }

    /// The link previews of page `id`: for each page its body links to, and its
    /// previous and next article, the title, kind and description the theme's
    /// `preview.js` shows on hover, as JSON keyed by URL. The page carries them, so
    /// previews cost no request, and they grow with the page's own links, not the site.
    fn previews(&self, id: PageId) -> String {
        let views = Views { site: self.site };
        let mut targets: Vec<PageId> = self.links.outgoing[id].clone();
        targets.extend(self.links.prev[id]);
        targets.extend(self.links.next[id]);
        targets.sort_unstable();
        targets.dedup();
        targets.retain(|&t| t != id);
        if targets.is_empty() {
            return String::new();
        }
        let previews: serde_json::Map<String, serde_json::Value> = targets
            .into_iter()
            .map(|t| {
                let card = views.card(t);
                let preview = serde_json::json!({
                    "title": card.title,
                    "kind": card.kind,
                    "description": card.description,
                });
                (card.url, preview)
            })
            .collect();
        // Inside <script>, `<` is written as an escape so no `</script>` can end it.
        serde_json::Value::Object(previews)
            .to_string()
            .replace('<', "\\u003c")
    }

    fn breadcrumbs(&self, id: PageId, page: &Page) -> Vec<LinkView> {
        let views = Views { site: self.site };
        let mut crumbs = vec![home_link(self.site)];
        if page.role == PageRole::Home {
            return crumbs;
        }
        crumbs.extend(self.ancestors(page));
        crumbs.push(views.link(id));
        crumbs
    }

    /// The hubs of the sections above `page`, outermost first: for an article its own
    /// section's hub too, for a hub only those above it.
    fn ancestors(&self, page: &Page) -> Vec<LinkView> {
        let site = self.site;
        let views = Views { site };
        let mut section = match page.role {
            PageRole::Article(c) => Some(c),
            PageRole::Hub(c) => site.clusters[c].parent,
            PageRole::Home | PageRole::Standalone => None,
        };
        let mut hubs = Vec::new();
        while let Some(c) = section {
            hubs.extend(site.clusters[c].hub.map(|hub| views.link(hub)));
            section = site.clusters[c].parent;
        }
        hubs.reverse();
        hubs
    }

    /// A hub's articles grouped by kind, in the order `site.yaml` lists kinds; pages
    /// without a kind last. A dated section's are one list, newest first.
    fn groups(&self, cluster: usize) -> Vec<GroupView> {
        let site = self.site;
        let views = Views { site };
        let articles = &site.clusters[cluster].articles;
        if site.clusters[cluster].dated {
            let pages: Vec<CardView> = articles.iter().map(|&a| views.card(a)).collect();
            if pages.is_empty() {
                return Vec::new();
            }
            return vec![GroupView {
                label: site.strings.text("newest_first").to_string(),
                pages,
            }];
        }
        let mut groups: Vec<GroupView> = site
            .config
            .kinds
            .iter()
            .map(|kind| GroupView {
                label: kind.label.clone(),
                pages: articles
                    .iter()
                    .filter(|&&a| site.pages[a].front.kind.as_deref() == Some(kind.id.as_str()))
                    .map(|&a| views.card(a))
                    .collect(),
            })
            .filter(|g| !g.pages.is_empty())
            .collect();
        let other: Vec<CardView> = articles
            .iter()
            .filter(|&&a| site.kind_label(&site.pages[a]).is_none())
            .map(|&a| views.card(a))
            .collect();
        if !other.is_empty() {
            groups.push(GroupView {
                label: site.strings.text("articles").to_string(),
                pages: other,
            });
        }
        groups
    }

    /// The home page's sections: those with a hub and no hub above them.
    fn cluster_cards(&self) -> Vec<SectionCardView> {
        let site = self.site;
        let has_hub_above = |mut c: Option<usize>| {
            while let Some(id) = c {
                if site.clusters[id].hub.is_some() {
                    return true;
                }
                c = site.clusters[id].parent;
            }
            false
        };
        let top: Vec<usize> = (0..site.clusters.len())
            .filter(|&c| !has_hub_above(site.clusters[c].parent))
            .collect();
        self.section_cards(&top)
    }

    /// Cards for the hubs of `sections` (those that have one), each with its count.
    fn section_cards(&self, sections: &[usize]) -> Vec<SectionCardView> {
        let site = self.site;
        let views = Views { site };
        sections
            .iter()
            .map(|&c| &site.clusters[c])
            .filter_map(|c| c.hub.map(|hub| (c, hub)))
            .map(|(c, hub)| {
                let card = views.card(hub);
                SectionCardView {
                    title: card.title,
                    url: card.url,
                    description: card.description,
                    date: card.date,
                    article_count: c.articles.len(),
                }
            })
            .collect()
    }
}

/// The articles article `id` of section `c` lists as more of its section: those around
/// it in reading order (its neighbours, not always the section's first dozen).
pub(crate) fn more_in_section(site: &Site, c: ClusterId, id: PageId) -> Vec<PageId> {
    let articles = &site.clusters[c].articles;
    let at = articles.iter().position(|&a| a == id).unwrap_or(0);
    let start = at
        .saturating_sub(MORE_IN_SECTION / 2)
        .min(articles.len().saturating_sub(MORE_IN_SECTION + 1));
    articles
        .iter()
        .skip(start)
        .copied()
        .filter(|&a| a != id)
        .take(MORE_IN_SECTION)
        .collect()
}

/// The link to the home page.
pub(super) fn home_link(site: &Site) -> LinkView {
    LinkView {
        title: site.strings.text("home").to_string(),
        url: site.urls.path(""),
    }
}

/// The newest articles of the site.
pub(super) fn latest(site: &Site) -> Vec<PageId> {
    newest(site, 0..site.pages.len(), LATEST_ON_HOME)
}

/// The `limit` newest of the dated articles among `ids`, newest first
/// ([`crate::link::newest_first`], an order in which no two pages tie). Only those are
/// sorted: the home page shows 8 of a site's 10,000 articles, and sorting them all took
/// milliseconds on every edit.
pub(crate) fn newest(site: &Site, ids: impl Iterator<Item = PageId>, limit: usize) -> Vec<PageId> {
    let dated = |&p: &PageId| site.pages[p].is_article() && site.pages[p].front.date.is_some();
    let mut ids: Vec<PageId> = ids.filter(dated).collect();
    let order =
        |a: &PageId, b: &PageId| crate::link::newest_first(&site.pages[*a], &site.pages[*b]);
    if limit == 0 {
        ids.clear();
    } else if limit < ids.len() {
        ids.select_nth_unstable_by(limit - 1, order);
        ids.truncate(limit);
    }
    ids.sort_by(order);
    ids
}

fn source_view(source: &crate::model::SourceRef, strings: &crate::i18n::Strings) -> SourceView {
    let byline: Vec<String> = [
        source.author.clone(),
        source.publisher.clone(),
        source.date.map(|d| strings.date(d)),
    ]
    .into_iter()
    .flatten()
    .collect();
    SourceView {
        title: source.title.clone(),
        byline: byline.join(strings.text("list_separator")),
        url: source.url.clone().filter(|u| crate::html::is_safe_href(u)),
    }
}

/// The path under `content/` of `page`'s own file, which "Edit this page" opens: a
/// translation's (`about.fr.md`), not its original's.
fn edit_path(page: &Page) -> String {
    page.source
        .path
        .strip_prefix("content")
        .ok()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or_else(|| page.content_path.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_support::site;
    use crate::render::{Templates, sidebar::Sidebars, site_view};

    /// A site of `n` articles in sections of `per_section`, each linking to the next
    /// and tagged with one of 10 tags.
    fn generated(n: usize, per_section: usize) -> Site {
        let mut files = Vec::new();
        for s in 0..n.div_ceil(per_section) {
            files.push((
                format!("s{s:04}/_index.md"),
                format!("---\ntitle: Section {s}\ndescription: d\n---\nA section.\n"),
            ));
        }
        for k in 0..n {
            let next = (k + 1) % n;
            files.push((
                format!("s{:04}/a{k:05}.md", k / per_section),
                format!(
                    "---\ntitle: Article {k}\ndescription: About {k}.\ntags: [t{}]\n---\nSee [the next](@/s{:04}/a{next:05}.md).\n",
                    k % 10,
                    next / per_section
                ),
            ));
        }
        let files: Vec<(&str, &str)> = files
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        site(&files)
    }

    /// Keeps the size of the largest view it takes, serialised.
    struct Largest(usize);

    impl ViewSink for Largest {
        type Error = Diagnostic;

        fn take<V: Serialize>(&mut self, _: String, _: &str, view: &V) -> Result<(), Diagnostic> {
            self.0 = self.0.max(serde_json::to_vec(view).unwrap().len());
            Ok(())
        }
    }

    /// The largest template context (the `page` view, serialised) of any file of `site`.
    fn largest_context(site: &Site) -> usize {
        let (links, _) = crate::link::link(site);
        let templates = Templates::new(&site.theme.templates, &site.strings).unwrap();
        let site_view = site_view(site);
        let sidebars = Sidebars::new(site);
        let renderer = PageRenderer {
            site,
            links: &links,
            templates: &templates,
            site_view: &site_view,
            sidebars: &sidebars,
            components: &|_, _| String::new(),
            scripts: &|_| Vec::new(),
        };
        let mut largest = Largest(serde_json::to_vec(&site_view).unwrap().len());
        for id in 0..site.pages.len() {
            renderer.for_each_view(id, &mut largest).unwrap();
        }
        largest.0
    }

    #[test]
    fn no_template_context_grows_with_the_site() {
        // Few large sections (their size doubles), then many small ones (their number
        // doubles): no page's context may grow by more than 10%.
        for (n, per_section) in [(400, 60), (300, 5)] {
            let one = largest_context(&generated(n, per_section));
            let two = largest_context(&generated(
                2 * n,
                per_section * if per_section > 5 { 2 } else { 1 },
            ));
            assert!(
                two as f64 <= one as f64 * 1.10,
                "{n} articles in sections of {per_section}: the largest context grew from {one} to {two} bytes"
            );
        }
    }
}
