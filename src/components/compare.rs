//! The `compare` component: comparison tables from the datasets in `content/data/`,
//! placed with ```` ```compare ```` blocks, and a page per dataset at `/compare/<id>/`.

use std::ops::Range;
use std::sync::Arc;

use super::{Component, PlacedBlock};
use crate::catalog::{Catalog, Translatable};
use crate::compare::{self, CompareBlock, Dataset};
use crate::diagnostics::Diagnostics;
use crate::link::{ContentLink, LinkResolver};
use crate::load::ThemeFile;
use crate::output::OutputFile;
use crate::render::GeneratedPage;
use crate::source::SourceFile;
use crate::urls;
use crate::write::machine;

/// The datasets, by id.
#[derive(Default)]
pub(super) struct Compare {
    datasets: Catalog<Dataset>,
}

/// A placed table: the block as written and the dataset it shows.
struct Table {
    block: CompareBlock,
    dataset: Arc<Dataset>,
}

impl Component for Compare {
    fn fence(&self) -> &'static str {
        "compare"
    }

    fn data_folder(&self) -> &'static str {
        "data"
    }

    fn generated_dir(&self) -> Option<&'static str> {
        Some(urls::COMPARE)
    }

    fn theme_files(&self) -> &'static [ThemeFile] {
        &[
            (
                "static/css/compare.css",
                include_bytes!("compare/compare.css"),
            ),
            ("static/js/compare.js", include_bytes!("compare/compare.js")),
        ]
    }

    fn load(&mut self, files: &[SourceFile], problems: &mut Diagnostics) {
        self.datasets = Catalog::load(files, compare::load_dataset, Dataset::id, problems);
    }

    fn place(
        &self,
        source: &SourceFile,
        body: Range<usize>,
    ) -> Result<Box<dyn PlacedBlock>, Diagnostics> {
        let block = compare::parse_block(source, body, &self.datasets)?;
        let dataset = self.datasets.get(block.dataset()).map(Arc::clone);
        // parse_block only accepts a block whose dataset loaded.
        let dataset = dataset.ok_or_else(Diagnostics::new)?;
        Ok(Box::new(Table { block, dataset }))
    }

    fn content_links(&self) -> Vec<ContentLink> {
        self.datasets
            .items()
            .flat_map(Dataset::content_links)
            .collect()
    }

    fn pages(&self, links: &dyn LinkResolver) -> Vec<GeneratedPage> {
        self.datasets
            .items()
            .map(|dataset| GeneratedPage {
                path: urls::compare(dataset.id()),
                template: "compare.html",
                title: dataset.title().to_string(),
                description: dataset.description().map_or_else(
                    || {
                        links
                            .words()
                            .fill("compare_description", &[("dataset", dataset.title())])
                    },
                    str::to_string,
                ),
                content: compare::render_page(dataset, links),
                text: page_text(dataset, links),
                scripts: vec![urls::COMPARE_SCRIPT],
            })
            .collect()
    }

    fn machine_files(&self, links: &dyn LinkResolver) -> Vec<OutputFile> {
        self.datasets
            .items()
            .flat_map(|dataset| machine::dataset_files(dataset, links))
            .collect()
    }

    fn translate(&mut self, translations: &[(String, SourceFile)], problems: &mut Diagnostics) {
        let kind = Translatable {
            what: "dataset",
            load: compare::load_dataset_as,
            file: Dataset::file,
            is_text: compare::is_text,
        };
        self.datasets.translate(translations, &kind, problems);
    }
}

impl PlacedBlock for Table {
    fn html(&self, links: &dyn LinkResolver, index: usize, _instance: usize) -> String {
        compare::render_table(&self.block, &self.dataset, links, &format!("cmp{index}"))
    }

    fn markdown(&self, links: &dyn LinkResolver) -> Option<String> {
        Some(machine::compare_table(&self.block, &self.dataset, links))
    }

    fn data_file(&self) -> Option<&SourceFile> {
        Some(self.dataset.file())
    }
}

/// The text of a dataset's page as markdown: its description, then its whole table.
fn page_text(dataset: &Dataset, links: &dyn LinkResolver) -> String {
    let table = machine::compare_table(&CompareBlock::whole(dataset), dataset, links);
    match dataset.description() {
        Some(description) => format!("{description}\n\n{table}"),
        None => table,
    }
}
