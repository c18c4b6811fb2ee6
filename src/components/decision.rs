//! The `decision` component: decision filters from `content/filters/`, placed with
//! ```` ```decision ```` blocks.

use std::ops::Range;
use std::sync::Arc;

use super::{Component, PlacedBlock};
use crate::catalog::{Catalog, Translatable};
use crate::diagnostics::Diagnostics;
use crate::filter::{self, Filter};
use crate::link::{ContentLink, LinkResolver};
use crate::load::ThemeFile;
use crate::output::OutputFile;
use crate::render::GeneratedPage;
use crate::source::SourceFile;
use crate::write::machine;

/// The filters, by id.
#[derive(Default)]
pub(super) struct Decision {
    filters: Catalog<Filter>,
}

/// A placed filter: its id, the filter, and whether its decision tree is shown.
struct Placed {
    id: String,
    filter: Arc<Filter>,
    tree: bool,
}

impl Component for Decision {
    fn fence(&self) -> &'static str {
        "decision"
    }

    fn data_folder(&self) -> &'static str {
        "filters"
    }

    fn theme_files(&self) -> &'static [ThemeFile] {
        &[
            (
                "static/css/filter.css",
                include_bytes!("decision/filter.css"),
            ),
            ("static/js/filter.js", include_bytes!("decision/filter.js")),
        ]
    }

    fn load(&mut self, files: &[SourceFile], problems: &mut Diagnostics) {
        self.filters = Catalog::load(files, filter::load_filter, Filter::id, problems);
    }

    fn place(
        &self,
        source: &SourceFile,
        body: Range<usize>,
    ) -> Result<Box<dyn PlacedBlock>, Diagnostics> {
        let placement = filter::parse_block(source, body, &self.filters)?;
        // parse_block only accepts a block whose filter loaded.
        let filter = self.filters.get(&placement.filter).map(Arc::clone);
        let filter = filter.ok_or_else(Diagnostics::new)?;
        Ok(Box::new(Placed {
            id: placement.filter,
            filter,
            tree: placement.diagram,
        }))
    }

    fn content_links(&self) -> Vec<ContentLink> {
        self.filters
            .items()
            .flat_map(Filter::content_links)
            .collect()
    }

    fn pages(&self, _links: &dyn LinkResolver) -> Vec<GeneratedPage> {
        Vec::new()
    }

    fn machine_files(&self, _links: &dyn LinkResolver) -> Vec<OutputFile> {
        self.filters.items().map(machine::filter_file).collect()
    }

    fn translate(&mut self, translations: &[(String, SourceFile)], problems: &mut Diagnostics) {
        let kind = Translatable {
            what: "filter",
            load: filter::load_filter_as,
            file: Filter::file,
            is_text: filter::is_text,
        };
        self.filters.translate(translations, &kind, problems);
    }
}

impl PlacedBlock for Placed {
    fn shows(&self) -> Option<&str> {
        Some(&self.id)
    }

    fn html(&self, links: &dyn LinkResolver, _index: usize, instance: usize) -> String {
        filter::render(&self.filter, links, instance, self.tree)
    }

    fn scripts(&self) -> &'static [&'static str] {
        &[crate::urls::FILTER_SCRIPT]
    }

    fn markdown(&self, links: &dyn LinkResolver) -> Option<String> {
        Some(machine::filter_prose(&self.filter, links))
    }

    fn data_file(&self) -> Option<&SourceFile> {
        Some(self.filter.file())
    }
}
