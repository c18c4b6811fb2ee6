//! pillar turns a folder of markdown articles with YAML front matter into a
//! cross-linked topic-cluster site: hub pages, articles with related pages and
//! backlinks, comparison tables from data and decision filters.
//!
//! The build is a pipeline, one private module per stage: load (read files) → model
//! (pages, clusters, data) → link (resolve links, derive the link graph) → render
//! (HTML) → write (sitemap, feeds, atomic output). The `pillar` binary is a thin
//! command line over the small API below; everything else is internal to the crate.
//!
//! # The API
//! - **The pipeline**: [`build`] publishes a site, [`check`] and [`check_external`]
//!   only report on it, [`build_in_memory`] keeps the output in memory. With
//!   [`build_keeping_state`] the stages' work is kept as an opaque [`SiteState`], from
//!   which [`rebuild`] (any edit) and [`rebuild_page`] (a page's body) re-render only
//!   what an edit affects, as `pillar serve` does.
//! - **The options**: [`BuildOptions`] (with a [`progress::Progress`] observer) and
//!   [`ExternalOptions`] for the link checker.
//! - **The diagnostics**: every problem is a [`Diagnostic`] naming its file, line and
//!   column and a fix; [`report`] renders them as the command line prints them.
//! - **The output**: an [`Outcome`] (diagnostics and counts), or in memory a
//!   [`SiteOutput`] of [`OutputFile`]s.
//! - **The commands** beside the build: [`serve`], [`import`] from Hugo or Zola,
//!   [`init`], [`new_article`] and [`new_cluster`] for a new site and its pages, and
//!   [`mark_site`] for translations.
//!
//! The cargo feature `fuzzing` adds `pillar::fuzzing`: the entry points the fuzz targets in
//! `fuzz/` drive (parsers and renderers of untrusted input), so the fuzz crate needs
//! no internal path.

#![warn(missing_docs)]
#![warn(unreachable_pub)]

pub use diagnostics::{Diagnostic, Location, Severity, SourceSpan};
pub use external::ExternalOptions;
pub use import::{Flavor, Imported, import};
pub use incremental::{Failed, Rebuilt, rebuild, rebuild_page};
pub use markdown::options as markdown_options;
pub use output::OutputFile;
pub use pipeline::{
    BuildOptions, Outcome, SiteOutput, SiteState, build, build_in_memory, build_keeping_state,
    check, check_external,
};
pub use scaffold::{NewArticle, Publish, init, new_article, new_cluster};
pub use serve::{ServeOptions, serve};
pub use source::LineCol;
pub use translations::mark_site;

mod catalog;
mod compare;
mod components;
mod config;
mod diagnostics;
mod diagram;
mod external;
mod filter;
#[cfg(any(test, feature = "fuzzing"))]
pub mod fuzzing;
mod html;
mod i18n;
mod images;
mod import;
mod incremental;
mod link;
mod load;
mod markdown;
mod model;
mod output;
mod pipeline;
mod places;
pub mod progress;
mod render;
pub mod report;
mod scaffold;
mod schema_words;
mod search;
mod serve;
mod shortcodes;
mod social;
mod source;
mod split;
mod toml_text;
mod translations;
mod urls;
mod write;
mod yaml;

#[cfg(test)]
mod bundled_site;
