//! pillar turns a folder of markdown articles into a cross-linked topic-cluster site.
pub mod diagnostics;
pub mod html;
pub mod source;
pub mod urls;
pub mod yaml;
