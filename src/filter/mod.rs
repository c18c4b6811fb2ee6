//! Decision filters: a questionnaire compiled, checked and rendered.
//!
//! A filter is YAML in `content/filters/<id>.yaml` (the format is in
//! `docs/decision-filters.md`): questions with options, outcomes, and rules mapping
//! answers to outcomes. [`load_filter`] reads and checks it like a compiler checks a
//! `match`: every combination of answers must reach exactly one outcome, every rule must
//! be able to fire and every outcome must be reachable. A page places a filter with a
//! ```` ```decision ```` block ([`parse_block`]) and [`render`] turns it into a plain
//! HTML form with the compiled rules embedded as JSON for the runtime
//! (`src/components/decision/filter.js`).
//!
//! Reading goes `raw` (serde shapes) → `parse` with `declare` and `resolve` (a checked
//! [`Filter`], spans from the YAML tree in `locate`) → `analysis` on `cube`s (reported by `report`)
//! → `compile`; `render` and `markdown` write the HTML.

mod analysis;
mod block;
mod compile;
mod cube;
mod declare;
mod locate;
mod markdown;
mod model;
mod parse;
mod raw;
mod render;
mod report;
mod resolve;
mod runtime;
mod tree;
mod tree_html;

pub(crate) use block::parse_block;
pub(crate) use model::Filter;
pub(crate) use parse::{is_text, load_filter, load_filter_as};
pub(crate) use render::render;

#[cfg(test)]
mod tests;
