//! The ```` ```decision ```` block that places a filter on a page.

use std::ops::Range;

use serde::Deserialize;

use super::model::Filter;
use super::parse::suggestion;
use super::tree_html::check as check_tree;
use crate::catalog::{Catalog, Lookup};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::places::Places;
use crate::source::SourceFile;
use crate::yaml;

/// The YAML body of a `decision` block.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DecisionBlock {
    filter: String,
    /// Show the filter's decision tree, drawn and listed, under its table.
    #[serde(default)]
    diagram: bool,
}

/// A filter placed on a page: which, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Placement {
    /// The id of the filter.
    pub filter: String,
    /// Is its decision tree shown (`diagram: true`)?
    pub diagram: bool,
}

/// Parses a ```` ```decision ```` fenced block whose YAML body (`filter: <id>`, and
/// `diagram: true` for its decision tree) is at `range` of the markdown `file`, and
/// returns the filter it places and how.
///
/// An unknown id is reported at the id, with the closest id and the ids that exist; a
/// filter whose file failed to load fails the block with no problem of its own; a tree
/// that cannot be drawn is reported at `diagram`.
pub(crate) fn parse_block(
    file: &SourceFile,
    range: Range<usize>,
    filters: &Catalog<Filter>,
) -> Result<Placement, Diagnostics> {
    let block: DecisionBlock = yaml::parse(file, range.clone())?;
    match filters.lookup(&block.filter) {
        Lookup::Found(filter) => {
            if block.diagram
                && let Err(problem) = check_tree(filter)
            {
                let span = Places::yaml(file, range.clone())
                    .value("diagram", "true")
                    .unwrap_or(range.start..range.start);
                return Err(Diagnostic::error(problem)
                    .at(file, span)
                    .with_hint("remove `diagram: true`, or split the filter into smaller ones")
                    .into());
            }
            return Ok(Placement {
                filter: block.filter,
                diagram: block.diagram,
            });
        }
        Lookup::Failed => return Err(Diagnostics::new()),
        Lookup::Unknown => {}
    }
    let span = Places::yaml(file, range.clone())
        .value("filter", &block.filter)
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
