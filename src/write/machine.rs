//! The files for machine readers, written with `machine_readable: true` (the formats
//! are in `docs/authoring.md`): `llms.txt` after the llmstxt.org convention, each
//! dataset as JSON and CSV under `data/`, each decision filter's compiled logic as JSON
//! under `filters/`, and each page's markdown twin beside its HTML (`…/index.md`). Every link in them is absolute and their order is the site's, so
//! two builds of one site write the same bytes.

use std::ops::Range;

use serde::Serialize;

use crate::compare::{Cell, CompareBlock, Dataset, Dimension, Entity, Source};
use crate::components::SiteComponents;
use crate::filter::Filter;
use crate::link::{LinkResolver, Resolver, SiteLinks};
use crate::model::{ClusterId, PageId, PageRole, Site};
use crate::output::OutputFile;
use crate::urls::{self, Urls};

/// `llms.txt` and the components' data files, if the site asks for them.
pub(crate) fn machine_files(site: &Site, components: &SiteComponents) -> Vec<OutputFile> {
    if !site.config.machine_readable {
        return Vec::new();
    }
    let links = AbsoluteLinks::new(site);
    let data = components.machine_files(&links);
    let mut files = vec![OutputFile::new(urls::LLMS_TXT, llms_txt(site, &data))];
    files.extend(data);
    files.extend((0..site.pages.len()).map(|p| markdown_twin(site, components, p)));
    files
}

/// Resolves `@/` links to full URLs (`https://example.org/guide/a/`), for files read
/// away from the site.
pub(crate) struct AbsoluteLinks<'a> {
    links: SiteLinks<'a>,
    urls: &'a Urls,
}

impl<'a> AbsoluteLinks<'a> {
    /// The full URLs of `site`'s pages.
    pub(crate) fn new(site: &'a Site) -> Self {
        AbsoluteLinks {
            links: SiteLinks::new(site),
            urls: &site.urls,
        }
    }
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
/// then its body as written, front matter dropped, the destinations of its links (`@/`
/// paths, relative `.md` paths, site paths) made full URLs and its comparison tables
/// written as markdown tables. Other blocks and shortcodes stay as written.
pub(crate) fn markdown_twin(site: &Site, components: &SiteComponents, id: PageId) -> OutputFile {
    let page = &site.pages[id];
    let mut edits = link_edits(site, id);
    edits.extend(block_edits(site, components, id));
    edits.sort_by_key(|(range, _)| range.start);
    let text = &page.source.text;
    let mut body = String::new();
    let mut written = page.body.start;
    for (range, replacement) in edits {
        // An edit inside an earlier one (a link in a replaced block) is part of it.
        if range.start < written {
            continue;
        }
        body.push_str(&text[written..range.start]);
        body.push_str(&replacement);
        written = range.end;
    }
    body.push_str(&text[written..page.body.end]);
    let twin = format!("# {}\n\n{}\n", one_line(&page.title), body.trim());
    OutputFile::new(urls::markdown_file(&page.site_path), twin)
}

/// A span of a page's file and what the twin writes instead.
type Edit = (Range<usize>, String);

/// The destinations of the links written in page `id` (not in files it includes), each
/// replaced by the full URL of what it points at.
fn link_edits(site: &Site, id: PageId) -> Vec<Edit> {
    let page = &site.pages[id];
    let resolver = Resolver::new(site);
    let own_links = page.outline.links.iter().filter(|l| l.origin.is_none());
    own_links
        .filter_map(|link| {
            let url = resolver.url(&page.content_path, &link.dest)?;
            // The destination is the last place the link's text names it.
            let at = page.source.text[link.range.clone()].rfind(link.dest.as_str())?;
            let start = link.range.start + at;
            Some((start..start + link.dest.len(), absolute(&site.urls, &url)))
        })
        .collect()
}

/// The component blocks of page `id` at the top level of its body (not in a list or a
/// quote) whose component writes markdown, each fence replaced by that markdown.
fn block_edits(site: &Site, components: &SiteComponents, id: PageId) -> Vec<Edit> {
    let page = &site.pages[id];
    let links = AbsoluteLinks {
        links: SiteLinks::new(site),
        urls: &site.urls,
    };
    let blocks = page.outline.blocks.iter().enumerate();
    blocks
        .filter(|(_, block)| block.outside.is_empty())
        .filter_map(|(index, block)| {
            let fenced = fenced_range(&page.source.text, &block.body)?;
            let markdown = components.markdown(id, index, &links)?;
            Some((fenced, format!("{}\n", markdown.trim_end())))
        })
        .collect()
}

/// The whole fenced block around the YAML at `body`: from its opening fence line to the
/// end of its closing one, if both are there.
fn fenced_range(text: &str, body: &Range<usize>) -> Option<Range<usize>> {
    let is_fence = |line: &str| line.trim_start().starts_with(['`', '~']);
    let before = text[..body.start].strip_suffix('\n')?;
    let open = before.rfind('\n').map_or(0, |i| i + 1);
    let close = body.end + usize::from(text[body.end..].starts_with('\n'));
    let close_line = &text[close..];
    let close_end = close + close_line.find('\n').map_or(close_line.len(), |i| i + 1);
    (is_fence(&text[open..body.start]) && is_fence(close_line)).then_some(open..close_end)
}

/// A comparison block as markdown: its caption in bold, a table with an entity per
/// column and a dimension per row, and the sources its cells cite as footnotes
/// (`[^<dataset>-<source>]`), each with its full URL.
pub(crate) fn compare_table(
    block: &CompareBlock,
    dataset: &Dataset,
    links: &dyn LinkResolver,
) -> String {
    let entities: Vec<&Entity> = block
        .entities()
        .iter()
        .filter_map(|id| dataset.entity(id))
        .collect();
    let mut table = format!("**{}**\n\n|  |", table_text(block.caption()));
    for entity in &entities {
        table.push_str(&format!(" {} |", table_text(&entity.name)));
    }
    table.push_str(&format!("\n| --- |{}\n", " --- |".repeat(entities.len())));
    let mut cited: Vec<&str> = Vec::new();
    for dimension in block
        .dimensions()
        .iter()
        .filter_map(|id| dataset.dimension(id))
    {
        table.push_str(&format!("| {} |", table_text(&dimension.label)));
        for entity in &entities {
            let cell = dataset.cell(&dimension.id, &entity.id);
            let text = cell.map(|c| cell_markdown(c, dataset, &mut cited, links));
            table.push_str(&format!(" {} |", text.unwrap_or_default()));
        }
        table.push('\n');
    }
    if !cited.is_empty() {
        table.push('\n');
    }
    for source in cited.iter().filter_map(|id| dataset.source(id)) {
        let label = footnote(dataset, &source.id);
        table.push_str(&format!("[^{label}]: {}\n", reference(source, links)));
    }
    table
}

/// A cell's figures (`; ` between those of disagreeing sources), each with its source as
/// a footnote reference and its note in brackets; `cited` collects the sources.
fn cell_markdown<'a>(
    cell: &'a Cell,
    dataset: &Dataset,
    cited: &mut Vec<&'a str>,
    links: &dyn LinkResolver,
) -> String {
    let mut figures = Vec::new();
    for variant in &cell.variants {
        let mut figure = table_text(&absolute_links(&variant.text, links));
        if let Some(note) = &variant.note {
            figure.push_str(&format!(" ({})", table_text(&absolute_links(note, links))));
        }
        if let Some(source) = variant.source.as_deref() {
            figure.push_str(&format!("[^{}]", footnote(dataset, source)));
            if !cited.contains(&source) {
                cited.push(source);
            }
        }
        figures.push(figure);
    }
    let mut text = figures.join("; ");
    if let Some(note) = &cell.note {
        text.push_str(&format!(" ({})", table_text(&absolute_links(note, links))));
    }
    text
}

/// The footnote label of a dataset's source, unique on a page holding several datasets.
fn footnote(dataset: &Dataset, source: &str) -> String {
    format!("{}-{source}", dataset.id())
}

/// A source as a reference: title, publisher, author, date, then its URL and the full
/// URL of the article that summarises it.
fn reference(source: &Source, links: &dyn LinkResolver) -> String {
    let mut parts = vec![source.title.as_str()];
    parts.extend(
        [&source.publisher, &source.author, &source.date]
            .into_iter()
            .flatten()
            .map(String::as_str),
    );
    let mut text = format!("{}.", one_line(&parts.join(", ")));
    if let Some(url) = &source.url {
        text.push_str(&format!(" <{url}>"));
    }
    if let Some(article) = source.article.as_deref().and_then(|a| links.url(a)) {
        text.push_str(&format!(" See <{article}>."));
    }
    text
}

/// A decision filter in prose: its title in bold, its intro, each question with its
/// options, then its rules in the order they are tried, as "If …: **outcome**. Why.",
/// and each outcome's summary and articles.
pub(crate) fn filter_prose(filter: &Filter, links: &dyn LinkResolver) -> String {
    let mut text = format!("**{}**\n\n", one_line(&filter.title));
    if let Some(intro) = &filter.intro {
        text.push_str(&format!("{}\n\n", absolute_links(intro.trim(), links)));
    }
    text.push_str("Questions:\n\n");
    for (n, question) in filter.questions.iter().enumerate() {
        let options: Vec<&str> = question.options.iter().map(|o| o.label.as_str()).collect();
        text.push_str(&format!(
            "{}. {} ({})\n",
            n + 1,
            one_line(&question.text),
            one_line(&options.join(", "))
        ));
    }
    text.push_str("\nThe first rule that holds decides:\n\n");
    for rule in filter.rules_in_order() {
        let conditions: Vec<String> = rule
            .conditions(&filter.questions)
            .map(|(question, allowed)| {
                let labels: Vec<String> =
                    allowed.iter().map(|c| format!("\"{}\"", c.label)).collect();
                format!("{} is {}", question.label, labels.join(" or "))
            })
            .collect();
        let when = match conditions.is_empty() {
            true => "Otherwise".to_string(),
            false => format!("If {}", conditions.join(", and ")),
        };
        let outcome = &filter.outcomes[rule.outcome];
        text.push_str(&format!(
            "- {}: **{}**. {}\n",
            one_line(&when),
            one_line(&outcome.title),
            one_line(&rule.because)
        ));
    }
    text.push_str("\nThe outcomes:\n\n");
    for outcome in &filter.outcomes {
        text.push_str(&format!("- **{}**", one_line(&outcome.title)));
        if let Some(summary) = &outcome.summary {
            text.push_str(&format!(": {}", one_line(&absolute_links(summary, links))));
        }
        let articles: Vec<String> = outcome
            .links
            .iter()
            .filter_map(|target| Some(format!("<{}>", links.url(target)?)))
            .collect();
        if !articles.is_empty() {
            text.push_str(&format!(" Read: {}.", articles.join(", ")));
        }
        text.push('\n');
    }
    text
}

/// Text for a markdown table cell: on one line, its pipes escaped.
fn table_text(text: &str) -> String {
    one_line(text).replace('|', "\\|")
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
pub(crate) fn dataset_files(dataset: &Dataset, links: &dyn LinkResolver) -> [OutputFile; 2] {
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
pub(crate) fn filter_file(filter: &Filter) -> OutputFile {
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
