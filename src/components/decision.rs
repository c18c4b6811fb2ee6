//! The `decision` component: decision filters from `content/filters/`, placed with
//! ```` ```decision ```` blocks.

use std::any::Any;
use std::collections::BTreeMap;
use std::ops::Range;

use super::{Component, Placement, load_all, without_failed};
use crate::diagnostics::Diagnostics;
use crate::filter::{self, Filter};
use crate::link::{ContentLink, LinkResolver};
use crate::output::OutputFile;
use crate::render::GeneratedPage;
use crate::source::SourceFile;
use crate::write::machine;

/// The filters, by id, and the ids of filter files that failed to load.
#[derive(Default)]
pub struct Decision {
    filters: BTreeMap<String, Filter>,
    failed: Vec<String>,
}

/// A placed filter: its id.
struct Placed(String);

impl Component for Decision {
    fn fence(&self) -> &'static str {
        "decision"
    }

    fn data_folder(&self) -> &'static str {
        "filters"
    }

    fn load(&mut self, files: &[SourceFile], problems: &mut Diagnostics) {
        (self.filters, self.failed) = load_all(files, filter::load_filter, Filter::id, problems);
    }

    fn place(&self, source: &SourceFile, body: Range<usize>) -> Result<Placement, Diagnostics> {
        filter::parse_block(source, body, &self.filters)
            .map(|id| Box::new(Placed(id)) as Placement)
            .map_err(|found| without_failed(found, "unknown filter", &self.failed))
    }

    fn same_placement(&self, a: &(dyn Any + Send + Sync), b: &(dyn Any + Send + Sync)) -> bool {
        match (a.downcast_ref::<Placed>(), b.downcast_ref::<Placed>()) {
            (Some(a), Some(b)) => a.0 == b.0,
            _ => false,
        }
    }

    fn content_links(&self) -> Vec<ContentLink> {
        self.filters
            .values()
            .flat_map(Filter::content_links)
            .collect()
    }

    fn html(
        &self,
        placed: &(dyn Any + Send + Sync),
        links: &dyn LinkResolver,
        _index: usize,
        instance: usize,
    ) -> String {
        placed
            .downcast_ref::<Placed>()
            .and_then(|Placed(id)| self.filters.get(id))
            .map(|f| filter::render(f, links, instance))
            .unwrap_or_default()
    }

    fn scripts(&self) -> &'static [&'static str] {
        &[crate::urls::FILTER_SCRIPT]
    }

    fn pages(&self, _links: &dyn LinkResolver) -> Vec<GeneratedPage> {
        Vec::new()
    }

    fn markdown(
        &self,
        placed: &(dyn Any + Send + Sync),
        links: &dyn LinkResolver,
    ) -> Option<String> {
        let Placed(id) = placed.downcast_ref::<Placed>()?;
        Some(machine::filter_prose(self.filters.get(id)?, links))
    }

    fn machine_files(&self, _links: &dyn LinkResolver) -> Vec<OutputFile> {
        self.filters.values().map(machine::filter_file).collect()
    }
}
