//! The components authors place in markdown (comparison tables and decision filters),
//! joined to the pipeline: loaded with the model, checked with the links, rendered
//! with the pages.

use std::collections::BTreeMap;

use crate::compare::{self, CompareBlock, Dataset};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::filter::{self, Filter};
use crate::link::{LinkResolver, Resolver, SiteLinks};
use crate::markdown::BlockKind;
use crate::model::{Page, PageId, Site};
use crate::render::{
    Components, LinkView, OutputFile, PageView, SiteView, Templates, render_generated,
};
use crate::source::SourceFile;

/// A component block as placed on a page.
enum Placed {
    /// A comparison table.
    Compare(CompareBlock),
    /// A decision filter, by id.
    Decision(String),
    /// A block whose problems were reported; it renders as nothing.
    Broken,
}

/// The site's datasets, filters and the blocks that place them.
pub struct SiteComponents {
    datasets: BTreeMap<String, Dataset>,
    filters: BTreeMap<String, Filter>,
    /// The blocks of each page, by page id and block index.
    blocks: Vec<Vec<Placed>>,
    /// The messages a block naming a file that failed to load would add ("unknown
    /// filter `x`"): that file's own errors say what is wrong, so these are left out.
    failed: Vec<String>,
}

impl SiteComponents {
    /// Loads every dataset and filter and parses every block of every page, adding
    /// their problems to `problems`.
    pub fn new(
        site: &Site,
        datasets: &[SourceFile],
        filters: &[SourceFile],
        problems: &mut Diagnostics,
    ) -> Self {
        let stem = |file: &SourceFile| {
            let stem = file.path.file_stem().unwrap_or_default();
            stem.to_string_lossy().into_owned()
        };
        let mut components = SiteComponents {
            datasets: load_all(datasets, compare::load_dataset, Dataset::id, problems),
            filters: load_all(filters, filter::load_filter, Filter::id, problems),
            blocks: Vec::with_capacity(site.pages.len()),
            failed: Vec::new(),
        };
        let failed_datasets = datasets
            .iter()
            .map(stem)
            .filter(|id| !components.datasets.contains_key(id))
            .map(|id| format!("unknown dataset `{id}`"));
        let failed_filters = filters
            .iter()
            .map(stem)
            .filter(|id| !components.filters.contains_key(id))
            .map(|id| format!("unknown filter `{id}`"));
        components.failed = failed_datasets.chain(failed_filters).collect();
        for page in &site.pages {
            let placed = components.place_blocks(page, problems);
            components.blocks.push(placed);
        }
        components
    }

    /// Parses the blocks of page `id` again, after an edit of its body. Returns whether
    /// they parse without a problem; if not, nothing changes (the whole site is built
    /// again to report it).
    pub fn replace_blocks(&mut self, site: &Site, id: PageId) -> bool {
        let mut problems = Diagnostics::new();
        let placed = self.place_blocks(&site.pages[id], &mut problems);
        if !problems.is_empty() {
            return false;
        }
        self.blocks[id] = placed;
        true
    }

    /// The component blocks of `page`, each parsed against the datasets and filters.
    fn place_blocks(&self, page: &Page, problems: &mut Diagnostics) -> Vec<Placed> {
        page.outline
            .blocks
            .iter()
            .map(|block| {
                let source = page.source.blank_out(&block.outside);
                let placed = match block.kind {
                    BlockKind::Compare => {
                        compare::parse_block(&source, block.body.clone(), &self.datasets)
                            .map(Placed::Compare)
                    }
                    BlockKind::Decision => {
                        filter::parse_block(&source, block.body.clone(), &self.filters)
                            .map(Placed::Decision)
                    }
                };
                placed.unwrap_or_else(|found| {
                    let own = found
                        .into_iter()
                        .filter(|d| !self.failed.iter().any(|m| d.message.starts_with(m)));
                    problems.extend(own);
                    Placed::Broken
                })
            })
            .collect()
    }

    /// Checks the content links held in datasets and filters.
    pub fn check_links(&self, site: &Site, problems: &mut Diagnostics) {
        let resolver = Resolver::new(site);
        let links = self
            .datasets
            .values()
            .flat_map(Dataset::content_links)
            .chain(self.filters.values().flat_map(Filter::content_links));
        for link in links {
            if let Err(d) = resolver.check(&link) {
                problems.push(d);
            }
        }
    }

    fn compare_page(
        &self,
        site: &Site,
        dataset: &Dataset,
        templates: &Templates,
        site_view: &SiteView,
    ) -> Result<OutputFile, Diagnostic> {
        let path = format!("compare/{}/", dataset.id());
        let links = SiteLinks::new(site);
        let page = PageView {
            title: dataset.title().to_string(),
            description: dataset.description().map_or_else(
                || format!("Compare {} side by side.", dataset.title()),
                str::to_string,
            ),
            url: site.urls.path(&path),
            permalink: site.urls.absolute(&path),
            content: compare::render_page(dataset, &links as &dyn LinkResolver),
            breadcrumbs: vec![
                LinkView {
                    title: "Home".to_string(),
                    url: site.urls.path(""),
                },
                LinkView {
                    title: dataset.title().to_string(),
                    url: site.urls.path(&path),
                },
            ],
            scripts: vec![site.urls.path("js/compare.js")],
            ..PageView::default()
        };
        let html = render_generated(templates, site_view, "compare.html", &page)?;
        Ok(OutputFile::new(format!("{path}index.html"), html))
    }
}

/// Loads every file with `load`, keyed by `id`; problems are collected.
fn load_all<T>(
    files: &[SourceFile],
    load: fn(&SourceFile) -> Result<T, Diagnostics>,
    id: fn(&T) -> &str,
    problems: &mut Diagnostics,
) -> BTreeMap<String, T> {
    let mut out = BTreeMap::new();
    for file in files {
        match load(file) {
            Ok(item) => {
                out.insert(id(&item).to_string(), item);
            }
            Err(found) => problems.extend(found),
        }
    }
    out
}

impl Components for SiteComponents {
    fn html(&self, site: &Site, page: PageId, index: usize) -> String {
        let links = SiteLinks::new(site);
        match self.blocks.get(page).and_then(|b| b.get(index)) {
            Some(Placed::Compare(block)) => match self.datasets.get(block.dataset()) {
                Some(dataset) => {
                    compare::render_table(block, dataset, &links, &format!("cmp{index}"))
                }
                None => String::new(),
            },
            Some(Placed::Decision(id)) => {
                let earlier = self.blocks[page][..index]
                    .iter()
                    .filter(|p| matches!(p, Placed::Decision(other) if other == id))
                    .count();
                self.filters
                    .get(id)
                    .map(|f| filter::render(f, &links, earlier))
                    .unwrap_or_default()
            }
            Some(Placed::Broken) | None => String::new(),
        }
    }

    fn scripts(&self, site: &Site, page: PageId) -> Vec<String> {
        let has_filter = self
            .blocks
            .get(page)
            .is_some_and(|b| b.iter().any(|p| matches!(p, Placed::Decision(_))));
        if has_filter {
            vec![site.urls.path("js/filter.js")]
        } else {
            Vec::new()
        }
    }

    fn pages(
        &self,
        site: &Site,
        templates: &Templates,
        site_view: &SiteView,
    ) -> Result<Vec<OutputFile>, Diagnostic> {
        self.datasets
            .values()
            .map(|dataset| self.compare_page(site, dataset, templates, site_view))
            .collect()
    }
}
