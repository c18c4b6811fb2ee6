//! The ```` ```compare ```` block an article places a table with.

use std::collections::HashMap;
use std::ops::Range;

use serde::Deserialize;

use super::dataset::Dataset;
use super::locate::Layout;
use super::unknown::{DATASET, DIMENSION, ENTITY, Kind, unknown};
use crate::catalog::{Catalog, Lookup};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::source::SourceFile;
use crate::yaml;

/// A block's YAML body as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBlock {
    dataset: String,
    #[serde(default)]
    entities: Option<Vec<String>>,
    #[serde(default)]
    dimensions: Option<Vec<String>>,
    #[serde(default)]
    caption: Option<String>,
}

/// A checked `compare` block: which dataset, which of its entities (columns) and
/// dimensions (rows) in which order, and the caption.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CompareBlock {
    dataset: String,
    entities: Vec<String>,
    dimensions: Vec<String>,
    caption: String,
}

impl CompareBlock {
    /// A block showing all of a dataset, captioned with its title.
    pub(crate) fn whole(dataset: &Dataset) -> Self {
        CompareBlock {
            dataset: dataset.id().to_string(),
            entities: dataset.entities().iter().map(|e| e.id.clone()).collect(),
            dimensions: dataset.dimensions().iter().map(|d| d.id.clone()).collect(),
            caption: dataset.title().to_string(),
        }
    }

    /// The id of the dataset.
    pub(crate) fn dataset(&self) -> &str {
        &self.dataset
    }

    /// The ids of the entities shown, as columns, in order.
    pub(crate) fn entities(&self) -> &[String] {
        &self.entities
    }

    /// The ids of the dimensions shown, as rows, in order.
    pub(crate) fn dimensions(&self) -> &[String] {
        &self.dimensions
    }

    /// The table's caption: as written, or the dataset's title.
    pub(crate) fn caption(&self) -> &str {
        &self.caption
    }
}

/// Parses a ```` ```compare ```` block whose YAML body is the byte range `range` of `file`
/// (a markdown page). Reports malformed YAML, an unknown key, an unknown dataset, entity or
/// dimension (listing those that exist and suggesting the closest), a duplicate in a list
/// and an empty list or caption, each at its line and column in the markdown file. A
/// dataset whose file failed to load fails the block with no problem of its own.
pub(crate) fn parse_block(
    file: &SourceFile,
    range: Range<usize>,
    datasets: &Catalog<Dataset>,
) -> Result<CompareBlock, Diagnostics> {
    let raw: RawBlock = yaml::parse(file, range.clone())?;
    let layout = Layout::of(file, range.clone());
    let dataset = match datasets.lookup(&raw.dataset) {
        Lookup::Found(dataset) => dataset,
        Lookup::Failed => return Err(Diagnostics::new()),
        Lookup::Unknown => {
            let span = (layout.entries(&range, "dataset", &raw.dataset))
                .into_iter()
                .next()
                .unwrap_or(range.start..range.start);
            let known = datasets.ids();
            return Err(unknown(DATASET, &raw.dataset, "", known)
                .at(file, span)
                .into());
        }
    };
    let mut choice = Choice {
        file,
        layout,
        range,
        dataset,
        problems: Diagnostics::new(),
    };
    let all_entities = dataset.entities().iter().map(|e| e.id.as_str());
    let entities = choice.ids("entities", ENTITY, raw.entities, all_entities.collect());
    let all_dimensions = dataset.dimensions().iter().map(|d| d.id.as_str());
    let dimensions = choice.ids(
        "dimensions",
        DIMENSION,
        raw.dimensions,
        all_dimensions.collect(),
    );
    if raw.caption.as_deref().is_some_and(|c| c.trim().is_empty()) {
        let span = choice.section("caption");
        let hint = "leave `caption` out to use the dataset's title";
        choice.report(
            Diagnostic::error("the caption is empty").with_hint(hint),
            span,
        );
    }
    if choice.problems.has_errors() {
        return Err(choice.problems);
    }
    Ok(CompareBlock {
        dataset: raw.dataset,
        entities,
        dimensions,
        caption: raw.caption.unwrap_or_else(|| dataset.title().to_string()),
    })
}

/// Checking the lists of one block.
struct Choice<'a> {
    file: &'a SourceFile,
    layout: Layout,
    range: Range<usize>,
    dataset: &'a Dataset,
    problems: Diagnostics,
}

impl Choice<'_> {
    /// The key `key` and what is under it, or the whole block.
    fn section(&self, key: &str) -> Range<usize> {
        self.layout
            .blocks(&self.range, key)
            .into_iter()
            .next()
            .unwrap_or_else(|| self.range.clone())
    }

    fn report(&mut self, diagnostic: Diagnostic, span: Range<usize>) {
        self.problems.push(diagnostic.at(self.file, span));
    }

    /// The ids chosen under `key` (all of `known` if the key is absent), reporting unknown
    /// and repeated ones and an empty list.
    fn ids(
        &mut self,
        key: &str,
        kind: Kind,
        chosen: Option<Vec<String>>,
        known: Vec<&str>,
    ) -> Vec<String> {
        let Some(chosen) = chosen else {
            return known.into_iter().map(str::to_string).collect();
        };
        let section = self.section(key);
        if chosen.is_empty() {
            let message = format!("`{key}` is empty");
            let hint = format!("leave `{key}` out to show all {}", kind.1);
            self.report(Diagnostic::error(message).with_hint(hint), section);
            return chosen;
        }
        let place = format!(" in dataset `{}`", self.dataset.id());
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for id in &chosen {
            let nth = seen.entry(id).or_default();
            let span = (self.layout.words(&section, id))
                .into_iter()
                .nth(*nth)
                .unwrap_or(section.start..section.start);
            *nth += 1;
            if *nth == 2 {
                let message = format!("{} `{id}` is listed twice", kind.0);
                self.report(Diagnostic::error(message).with_hint("remove one"), span);
            } else if *nth == 1 && !known.contains(&id.as_str()) {
                let diagnostic = unknown(kind, id, &place, known.iter().copied());
                self.report(diagnostic, span);
            }
        }
        chosen
    }
}

#[cfg(test)]
#[path = "block_tests.rs"]
mod tests;
