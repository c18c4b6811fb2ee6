//! The ```` ```decision ```` block that places a filter on a page.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;

use super::model::Filter;
use super::parse::suggestion;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::places::Places;
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
/// An unknown id is reported at the id, with the closest id and the ids that exist.
pub fn parse_block(
    file: &SourceFile,
    range: Range<usize>,
    filters: &BTreeMap<String, Filter>,
) -> Result<String, Diagnostics> {
    let block: DecisionBlock = yaml::parse(file, range.clone())?;
    if filters.contains_key(&block.filter) {
        return Ok(block.filter);
    }
    let span = Places::yaml(file, range.clone())
        .value("filter", &block.filter)
        .unwrap_or(range.start..range.start);
    let hint = if filters.is_empty() {
        "there are no filters: add one as `content/filters/<id>.yaml`".to_string()
    } else {
        suggestion(
            &block.filter,
            "the filters are",
            filters.keys().map(String::as_str),
        )
    };
    Err(
        Diagnostic::error(format!("unknown filter `{}`", block.filter))
            .at(file, span)
            .with_hint(hint)
            .into(),
    )
}
