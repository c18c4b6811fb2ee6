//! Comparison datasets and the tables and pages rendered from them.
//!
//! A dataset (`content/data/<id>.yaml`, see `docs/comparisons.md`) holds entities (columns),
//! dimensions (rows) and a value for every entity on every dimension. [`load_dataset`]
//! reads and checks one; [`parse_block`] reads a ```` ```compare ```` block of an article;
//! [`render_table`] turns a block into an accessible table and [`render_page`] builds the
//! body of the interactive page `/compare/<id>/`, which `compare.js` filters.

mod block;
mod cells;
mod check;
mod dataset;
mod inline;
mod load;
mod locate;
mod page;
mod raw;
mod sources;
mod table;
#[cfg(test)]
mod test_support;
mod unknown;

pub(crate) use block::{CompareBlock, parse_block};
pub(crate) use dataset::{Cell, Dataset, Dimension, Entity, Source};
pub(crate) use load::{is_text, load_dataset, load_dataset_as};
pub(crate) use page::render_page;
pub(crate) use table::render_table;
