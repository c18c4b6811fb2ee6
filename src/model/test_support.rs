//! Sites built in memory for tests of the stages after the model (no files).

use std::collections::BTreeMap;

use super::{ModelOptions, Site, build_site};
use crate::load::{Loaded, Theme};
use crate::source::SourceFile;

/// A site made in memory from `pages`: content paths and their whole text. Its
/// `site.yaml` holds only a title and `related_count: 3`.
pub(crate) fn site(pages: &[(&str, &str)]) -> Site {
    let (site, problems) = build_site(loaded(pages), &ModelOptions::default());
    assert!(!problems.has_errors(), "{problems:?}");
    site.unwrap()
}

/// What the load stage reads of a site made of `pages` (see [`site`]).
pub(crate) fn loaded(pages: &[(&str, &str)]) -> Loaded {
    let config_file = SourceFile::new("content/site.yaml", "title: T\nrelated_count: 3\n");
    Loaded {
        config: crate::yaml::parse_file(&config_file).unwrap(),
        config_file,
        pages: pages
            .iter()
            .map(|(path, text)| {
                (
                    path.to_string(),
                    SourceFile::new(format!("content/{path}"), text),
                )
            })
            .collect(),
        data: BTreeMap::new(),
        assets: Vec::new(),
        image_sizes: BTreeMap::new(),
        heavy_images: BTreeMap::new(),
        theme: Theme::built_in(&[]),
        sources: Vec::new(),
    }
}
