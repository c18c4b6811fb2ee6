//! The files for machine readers, written with `machine_readable: true` (the formats
//! are in `docs/authoring.md`): `llms.txt` after the llmstxt.org convention, each
//! dataset as JSON and CSV under `data/`, each decision filter's compiled logic as JSON
//! under `filters/`, and each page's markdown twin beside its HTML (`…/index.md`). Every link in them is absolute and their order is the site's, so
//! two builds of one site write the same bytes.

use serde::Serialize;

use crate::compare::{Cell, Dataset, Dimension, Entity, Source};
use crate::components::SiteComponents;
use crate::filter::Filter;
use crate::link::{LinkResolver, Resolver, SiteLinks};
use crate::model::{ClusterId, PageId, PageRole, Site};
use crate::output::OutputFile;
use crate::urls::{self, Urls};

/// `llms.txt` and the components' data files, if the site asks for them.
pub fn machine_files(site: &Site, components: &SiteComponents) -> Vec<OutputFile> {
    if !site.config.machine_readable {
        return Vec::new();
    }
    let links = AbsoluteLinks {
        links: SiteLinks::new(site),
        urls: &site.urls,
    };
    let data = components.machine_files(&links);
    let mut files = vec![OutputFile::new(urls::LLMS_TXT, llms_txt(site, &data))];
    files.extend(data);
    files.extend((0..site.pages.len()).map(|p| markdown_twin(site, p)));
    files
}

/// Resolves `@/` links to full URLs (`https://example.org/guide/a/`), for files read
/// away from the site.
struct AbsoluteLinks<'a> {
    links: SiteLinks<'a>,
    urls: &'a Urls,
}

impl LinkResolver for AbsoluteLinks<'_> {
    fn url(&self, target: &str) -> Option<String> {
        let link = self.links.url(target)?;
        Some(self.urls.absolute_link(&link))
    }

    fn title(&self, target: &str) -> Option<String> {
        self.links.title(target)
    }
}

/// `llms.txt`: the site's title and description, then a `##` section per top-level
/// section (its hub, its articles in reading order, then its sub-sections' pages),
/// `## Data` with the `data` files, and `## Optional` with the home page and the
/// standalone pages. Each page is listed once.
fn llms_txt(site: &Site, data: &[OutputFile]) -> String {
    let mut text = format!("# {}\n", one_line(&site.config.title));
    if !site.config.description.trim().is_empty() {
        text.push_str(&format!("\n> {}\n", one_line(&site.config.description)));
    }
    let top_level = (0..site.clusters.len()).filter(|&c| site.clusters[c].parent.is_none());
    for cluster in top_level {
        let pages = pages_within(site, cluster);
        if !pages.is_empty() {
            list(&mut text, site, site.cluster_title(cluster), &pages);
        }
    }
    if !data.is_empty() {
        text.push_str("\n## Data\n\n");
        for file in data {
            let url = site.urls.absolute(&file.path);
            text.push_str(&format!("- [{}]({url})\n", file.path));
        }
    }
    let others: Vec<PageId> = site
        .home
        .into_iter()
        .chain((0..site.pages.len()).filter(|&p| site.pages[p].role == PageRole::Standalone))
        .collect();
    if !others.is_empty() {
        list(&mut text, site, "Optional", &others);
    }
    text
}

/// The pages of section `cluster` and the sections below it: each section's hub, then
/// its articles, then its sub-sections in path order.
fn pages_within(site: &Site, cluster: ClusterId) -> Vec<PageId> {
    let section = &site.clusters[cluster];
    let mut pages: Vec<PageId> = section.hub.into_iter().collect();
    pages.extend(&section.articles);
    for &sub in &section.subsections {
        pages.extend(pages_within(site, sub));
    }
    pages
}

/// Appends a `## heading` and a link line per page: `- [Title](URL): description`.
fn list(text: &mut String, site: &Site, heading: &str, pages: &[PageId]) {
    text.push_str(&format!("\n## {}\n\n", one_line(heading)));
    for &p in pages {
        let page = &site.pages[p];
        let title = one_line(&page.title)
            .replace('[', "\\[")
            .replace(']', "\\]");
        let url = site.urls.absolute(&page.site_path);
        text.push_str(&format!("- [{title}]({url})"));
        if let Some(description) = page.front.description.as_deref() {
            text.push_str(&format!(": {}", one_line(description)));
        }
        text.push('\n');
    }
}

/// The markdown twin of page `id`, `<site path>index.md`: its title as a `#` heading,
/// then its body as written, front matter dropped and the destinations of its links
/// (`@/` paths, relative `.md` paths, site paths) made full URLs. Component blocks and
/// shortcodes stay as written.
pub fn markdown_twin(site: &Site, id: PageId) -> OutputFile {
    let page = &site.pages[id];
    let resolver = Resolver::new(site);
    let text = &page.source.text;
    let mut body = String::new();
    let mut written = page.body.start;
    for link in page.outline.links.iter().filter(|l| l.origin.is_none()) {
        if link.range.start < written {
            continue;
        }
        let Some(url) = resolver.url(&page.content_path, &link.dest) else {
            continue;
        };
        // The destination is the last place the link's text names it.
        let Some(at) = text[link.range.clone()].rfind(link.dest.as_str()) else {
            continue;
        };
        let dest_start = link.range.start + at;
        body.push_str(&text[written..dest_start]);
        body.push_str(&absolute(&site.urls, &url));
        written = dest_start + link.dest.len();
    }
    body.push_str(&text[written..page.body.end]);
    let twin = format!("# {}\n\n{}\n", one_line(&page.title), body.trim());
    OutputFile::new(urls::markdown_file(&page.site_path), twin)
}

/// A link from the resolver as a full URL (a link from the host root gets the origin).
fn absolute(urls: &Urls, link: &str) -> String {
    if link.starts_with('/') {
        urls.absolute_link(link)
    } else {
        link.to_string()
    }
}

/// `text` on one line, its runs of whitespace made single spaces.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `data/<id>.json` (everything, with the sources) and `data/<id>.csv` (a row per
/// entity, a column per dimension) of a dataset.
pub fn dataset_files(dataset: &Dataset, links: &dyn LinkResolver) -> [OutputFile; 2] {
    let json = DatasetJson::new(dataset, links);
    [
        OutputFile::new(urls::dataset_file(dataset.id(), "json"), to_json(&json)),
        OutputFile::new(
            urls::dataset_file(dataset.id(), "csv"),
            dataset_csv(dataset),
        ),
    ]
}

/// `filters/<id>.json`: the filter's compiled logic, the JSON its page embeds for the
/// runtime (questions with their option ids, rules in the order they are tried).
pub fn filter_file(filter: &Filter) -> OutputFile {
    OutputFile::new(urls::filter_file(filter.id()), to_json(&filter.compiled))
}

/// Pretty JSON with a final newline.
fn to_json(value: &impl Serialize) -> String {
    let mut json = serde_json::to_string_pretty(value).expect("plain data serialises");
    json.push('\n');
    json
}

/// The JSON of a dataset: its entities, dimensions and sources in the order written,
/// then the value of every entity on every dimension. Links are full URLs.
#[derive(Serialize)]
struct DatasetJson<'a> {
    id: &'a str,
    title: &'a str,
    description: Option<&'a str>,
    entities: Vec<EntityJson<'a>>,
    dimensions: Vec<DimensionJson<'a>>,
    sources: Vec<SourceJson<'a>>,
    values: Vec<ValueJson<'a>>,
}

#[derive(Serialize)]
struct EntityJson<'a> {
    id: &'a str,
    name: &'a str,
    short: Option<&'a str>,
    summary: Option<String>,
    article: Option<String>,
}

#[derive(Serialize)]
struct DimensionJson<'a> {
    id: &'a str,
    label: &'a str,
    description: Option<String>,
}

#[derive(Serialize)]
struct SourceJson<'a> {
    id: &'a str,
    title: &'a str,
    publisher: Option<&'a str>,
    author: Option<&'a str>,
    date: Option<&'a str>,
    url: Option<&'a str>,
    article: Option<String>,
}

#[derive(Serialize)]
struct ValueJson<'a> {
    dimension: &'a str,
    entity: &'a str,
    variants: Vec<VariantJson<'a>>,
    note: Option<String>,
}

#[derive(Serialize)]
struct VariantJson<'a> {
    text: String,
    source: Option<&'a str>,
    note: Option<String>,
}

impl<'a> DatasetJson<'a> {
    fn new(dataset: &'a Dataset, links: &dyn LinkResolver) -> Self {
        let markdown = |text: &Option<String>| text.as_deref().map(|t| absolute_links(t, links));
        let article = |path: &Option<String>| path.as_deref().and_then(|a| links.url(a));
        let entity = |e: &'a Entity| EntityJson {
            id: &e.id,
            name: &e.name,
            short: e.short.as_deref(),
            summary: markdown(&e.summary),
            article: article(&e.article),
        };
        let dimension = |d: &'a Dimension| DimensionJson {
            id: &d.id,
            label: &d.label,
            description: markdown(&d.description),
        };
        let source = |s: &'a Source| SourceJson {
            id: &s.id,
            title: &s.title,
            publisher: s.publisher.as_deref(),
            author: s.author.as_deref(),
            date: s.date.as_deref(),
            url: s.url.as_deref(),
            article: article(&s.article),
        };
        let value = |d: &'a Dimension, e: &'a Entity, cell: &'a Cell| ValueJson {
            dimension: &d.id,
            entity: &e.id,
            variants: cell
                .variants
                .iter()
                .map(|v| VariantJson {
                    text: absolute_links(&v.text, links),
                    source: v.source.as_deref(),
                    note: markdown(&v.note),
                })
                .collect(),
            note: markdown(&cell.note),
        };
        let values = dataset
            .dimensions()
            .iter()
            .flat_map(|d| dataset.entities().iter().map(move |e| (d, e)))
            .filter_map(|(d, e)| Some(value(d, e, dataset.cell(&d.id, &e.id)?)))
            .collect();
        DatasetJson {
            id: dataset.id(),
            title: dataset.title(),
            description: dataset.description(),
            entities: dataset.entities().iter().map(entity).collect(),
            dimensions: dataset.dimensions().iter().map(dimension).collect(),
            sources: dataset.sources().iter().map(source).collect(),
            values,
        }
    }
}

/// The CSV of a dataset (RFC 4180): a header `id,name,<dimension ids>…`, then a row per
/// entity. A value is its figures as written, each followed by ` [source id]` if it
/// has one, joined by `; `.
fn dataset_csv(dataset: &Dataset) -> String {
    let mut header = vec!["id".to_string(), "name".to_string()];
    header.extend(dataset.dimensions().iter().map(|d| d.id.clone()));
    let mut csv = csv_row(&header);
    for entity in dataset.entities() {
        let mut row = vec![entity.id.clone(), entity.name.clone()];
        row.extend(dataset.dimensions().iter().map(|d| {
            dataset
                .cell(&d.id, &entity.id)
                .map(csv_value)
                .unwrap_or_default()
        }));
        csv.push_str(&csv_row(&row));
    }
    csv
}

/// A cell's figures, each with its source id in brackets, joined by `; `.
fn csv_value(cell: &Cell) -> String {
    let figures: Vec<String> = cell
        .variants
        .iter()
        .map(|v| match &v.source {
            Some(source) => format!("{} [{source}]", v.text),
            None => v.text.clone(),
        })
        .collect();
    figures.join("; ")
}

/// One CSV line, fields quoted where they hold a comma, a quote or a line break.
fn csv_row(fields: &[String]) -> String {
    let quoted: Vec<String> = fields
        .iter()
        .map(|f| {
            if f.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", f.replace('"', "\"\""))
            } else {
                f.clone()
            }
        })
        .collect();
    format!("{}\r\n", quoted.join(","))
}

/// Inline markdown with the targets of its `](@/…)` links made full URLs; a target no
/// page answers stays as written.
fn absolute_links(markdown: &str, links: &dyn LinkResolver) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut rest = markdown;
    while let Some(start) = rest.find("](@/") {
        let (before, after) = rest.split_at(start + 2);
        out.push_str(before);
        let end = after.find(')').unwrap_or(after.len());
        let target = &after[..end];
        match links.url(target) {
            Some(url) => out.push_str(&url),
            None => out.push_str(target),
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::PathLinks;

    #[test]
    fn content_links_in_inline_markdown_become_the_resolvers_urls() {
        assert_eq!(
            absolute_links("see [a](@/x/a.md#h) and [b](@/missing.md).", &PathLinks),
            "see [a](/x/a/#h) and [b](@/missing.md)."
        );
        assert_eq!(
            absolute_links("no [link](@/x.md", &PathLinks),
            "no [link](/x/"
        );
    }

    #[test]
    fn csv_fields_with_commas_quotes_or_line_breaks_are_quoted() {
        let row = csv_row(&["a".into(), "b,c".into(), "say \"hi\"".into(), "x\ny".into()]);
        assert_eq!(row, "a,\"b,c\",\"say \"\"hi\"\"\",\"x\ny\"\r\n");
    }
}
