//! The integration tests: one binary, one module per suite (as mdBook and Cargo do).
//! Each module runs the real `pillar` binary on fixture sites from `tests/fixtures/`;
//! run one suite with `cargo test --test it build::`.

mod bad_input;
mod blog;
mod build;
mod bundled_site;
mod check;
mod common;
mod cost;
mod decision_tree;
mod deploy;
mod diagnostics;
mod diagrams;
mod external;
mod formats;
mod images;
mod import;
mod import_languages;
mod incremental;
mod injection;
mod languages;
mod links;
mod machine;
mod math;
mod multilingual;
mod multilingual_data;
mod publish;
mod scaffold;
mod scale;
mod search_index;
mod serve;
mod serve_edits;
mod shortcodes;
mod social;
