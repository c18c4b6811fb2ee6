//! What the last build made, as the next edit's rebuild reads it.

use std::collections::HashSet;

use crate::write::KeptSitemap;

/// The output paths of the rendered and generated files of a build (not the copied
/// files), and the sitemap an edit's rebuild made last: what the next edit replaces
/// some of and keeps the rest of.
#[derive(Default)]
pub(crate) struct Outputs {
    /// The output paths.
    pub(crate) paths: HashSet<String>,
    /// The sitemap's entries, from the last edit's rebuild (none after a full build,
    /// whose first edit makes every part again).
    pub(crate) sitemap: KeptSitemap,
}

impl FromIterator<String> for Outputs {
    /// The outputs of a build that made the files at these paths.
    fn from_iter<I: IntoIterator<Item = String>>(paths: I) -> Outputs {
        Outputs {
            paths: paths.into_iter().collect(),
            sitemap: KeptSitemap::default(),
        }
    }
}
