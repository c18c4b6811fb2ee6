//! The ```` ```decision ```` block that places a filter on a page.

use std::ops::Range;

use serde::Deserialize;

use super::locate;
use super::model::Filter;
use super::parse::suggestion;
use crate::catalog::{Catalog, Lookup};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::source::SourceFile;
use crate::yaml;

/// The YAML body of a `decision` block.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DecisionBlock {
    filter: String,
}

/// Parses a ```` ```decision ```` fenced block whose YAML body (`filter: <id>`) is at
/// `range` of the markdown `file`, and returns the id of the filter it places.
///
/// An unknown id is reported at the id, with the closest id and the ids that exist; a
/// filter whose file failed to load fails the block with no problem of its own.
pub fn parse_block(
    file: &SourceFile,
    range: Range<usize>,
    filters: &Catalog<Filter>,
) -> Result<String, Diagnostics> {
    let block: DecisionBlock = yaml::parse(file, range.clone())?;
    match filters.lookup(&block.filter) {
        Lookup::Found(_) => return Ok(block.filter),
        Lookup::Failed => return Err(Diagnostics::new()),
        Lookup::Unknown => {}
    }
    let span = locate::value(&file.text, range.clone(), "filter", &block.filter)
        .unwrap_or(range.start..range.start);
    let hint = if filters.is_empty() {
        "there are no filters: add one as `content/filters/<id>.yaml`".to_string()
    } else {
        suggestion(&block.filter, "the filters are", filters.ids())
    };
    Err(
        Diagnostic::error(format!("unknown filter `{}`", block.filter))
            .at(file, span)
            .with_hint(hint)
            .into(),
    )
}
