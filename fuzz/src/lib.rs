//! The drivers behind pillar's fuzz targets, one function per target: they live in the
//! library, behind its `fuzzing` feature ([`pillar::fuzzing`]), so they drive its stages
//! without reaching into its modules, and its unit tests replay `corpus/` and
//! `regressions/` through the same functions.

pub use pillar::fuzzing::{dataset, filter, front_matter, import_page, markdown, toml_front_matter};
