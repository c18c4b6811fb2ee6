//! The `compare` component: comparison tables from the datasets in `content/data/`,
//! placed with ```` ```compare ```` blocks, and a page per dataset at `/compare/<id>/`.

use std::any::Any;
use std::collections::BTreeMap;
use std::ops::Range;

use super::{Component, Placement, load_all, without_failed};
use crate::compare::{self, CompareBlock, Dataset};
use crate::diagnostics::Diagnostics;
use crate::link::{ContentLink, LinkResolver};
use crate::output::OutputFile;
use crate::render::GeneratedPage;
use crate::source::SourceFile;
use crate::urls;
use crate::write::machine;

/// The datasets, by id, and the ids of dataset files that failed to load.
#[derive(Default)]
pub struct Compare {
    datasets: BTreeMap<String, Dataset>,
    failed: Vec<String>,
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

    fn load(&mut self, files: &[SourceFile], problems: &mut Diagnostics) {
        (self.datasets, self.failed) =
            load_all(files, compare::load_dataset, Dataset::id, problems);
    }

    fn place(&self, source: &SourceFile, body: Range<usize>) -> Result<Placement, Diagnostics> {
        compare::parse_block(source, body, &self.datasets)
            .map(|block| Box::new(block) as Placement)
            .map_err(|found| without_failed(found, "unknown dataset", &self.failed))
    }

    fn content_links(&self) -> Vec<ContentLink> {
        self.datasets
            .values()
            .flat_map(Dataset::content_links)
            .collect()
    }

    fn html(
        &self,
        placed: &(dyn Any + Send + Sync),
        links: &dyn LinkResolver,
        index: usize,
        _instance: usize,
    ) -> String {
        let Some(block) = placed.downcast_ref::<CompareBlock>() else {
            return String::new();
        };
        match self.datasets.get(block.dataset()) {
            Some(dataset) => compare::render_table(block, dataset, links, &format!("cmp{index}")),
            None => String::new(),
        }
    }

    fn scripts(&self) -> &'static [&'static str] {
        &[]
    }

    fn pages(&self, links: &dyn LinkResolver) -> Vec<GeneratedPage> {
        self.datasets
            .values()
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
                scripts: vec![urls::COMPARE_SCRIPT],
            })
            .collect()
    }

    fn markdown(
        &self,
        placed: &(dyn Any + Send + Sync),
        links: &dyn LinkResolver,
    ) -> Option<String> {
        let block = placed.downcast_ref::<CompareBlock>()?;
        let dataset = self.datasets.get(block.dataset())?;
        Some(machine::compare_table(block, dataset, links))
    }

    fn machine_files(&self, links: &dyn LinkResolver) -> Vec<OutputFile> {
        self.datasets
            .values()
            .flat_map(|dataset| machine::dataset_files(dataset, links))
            .collect()
    }
}
