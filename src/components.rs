//! The components authors place in markdown (comparison tables and decision filters),
//! joined to the pipeline: loaded with the model, checked with the links, rendered
//! with the pages.

use crate::diagnostics::Diagnostics;
use crate::model::{PageId, Site};
use crate::render::{Components, OutputFile, SiteView, Templates};
use crate::source::SourceFile;

/// The site's datasets, filters and the blocks that place them.
pub struct SiteComponents {}

impl SiteComponents {
    /// Loads every dataset and filter and parses every block of every page.
    pub fn new(
        _site: &Site,
        _datasets: &[SourceFile],
        _filters: &[SourceFile],
        _problems: &mut Diagnostics,
    ) -> Self {
        SiteComponents {}
    }

    /// Checks the content links held in datasets and filters.
    pub fn check_links(&self, _site: &Site, _problems: &mut Diagnostics) {}
}

impl Components for SiteComponents {
    fn html(&self, _site: &Site, _page: PageId, _index: usize) -> String {
        String::new()
    }

    fn scripts(&self, _site: &Site, _page: PageId) -> Vec<String> {
        Vec::new()
    }

    fn pages(
        &self,
        _site: &Site,
        _templates: &Templates,
        _site_view: &SiteView,
    ) -> Result<Vec<OutputFile>, crate::diagnostics::Diagnostic> {
        Ok(Vec::new())
    }
}
