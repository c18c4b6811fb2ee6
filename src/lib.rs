//! pillar turns a folder of markdown articles with YAML front matter into a
//! cross-linked topic-cluster site: hub pages, articles with related pages and
//! backlinks, comparison tables from data and decision filters.
//!
//! The build is a pipeline, one module per stage:
//! [`load`] (read files) → [`model`] (pages, clusters, data) → [`link`] (resolve links,
//! derive the link graph) → [`render`] (HTML) → [`write`] (sitemap, feeds, atomic
//! output). [`pipeline`] runs it; the `pillar` binary is a thin command line over it.

#![warn(missing_docs)]

pub mod catalog;
pub mod compare;
pub mod components;
pub mod config;
pub mod diagnostics;
pub mod diagram;
pub mod external;
pub mod filter;
pub mod html;
pub mod i18n;
pub mod images;
pub mod import;
pub mod incremental;
pub mod link;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod places;
pub mod progress;
pub mod render;
pub mod report;
pub mod scaffold;
mod schema_words;
pub mod search;
pub mod serve;
pub mod shortcodes;
pub mod social;
pub mod source;
pub mod split;
pub mod toml_text;
pub mod translations;
pub mod urls;
pub mod write;
pub mod yaml;

pub use pipeline::{BuildOptions, Outcome, build, check, check_external};
