//! The link stage: resolves links, and derives backlinks, related pages and listings.
mod target;

pub use target::{ContentLink, LinkResolver};
