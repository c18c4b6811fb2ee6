//! pillar turns a folder of markdown articles into a cross-linked topic-cluster site.
pub mod compare;
pub mod diagnostics;
pub mod filter;
pub mod html;
pub mod link;
pub mod source;
pub mod urls;
pub mod yaml;
