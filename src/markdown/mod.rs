//! Markdown: the options pillar reads it with, the outline the link stage needs, and
//! the HTML the render stage writes.
//!
//! A page's body is parsed twice: once by [`outline`] before the link stage (headings,
//! links and component blocks, with their positions) and once by [`render_html`] after
//! it, when every link can be resolved. Both use [`options`], so they see the same
//! document.

mod data;
mod highlight;
mod outline;
mod render;
pub mod slug;

pub use data::{data_html, link_targets};
pub use highlight::{Highlighter, syntax_css};
pub use outline::{BlockKind, BlockRef, Heading, LinkRef, MAX_NESTING, Outline, outline};
pub use render::{RenderHooks, render_html};

use pulldown_cmark::Options;

/// CommonMark with GFM tables, footnotes, strikethrough and task lists, smart
/// punctuation and `{#id}` heading attributes.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Minutes a reader needs for `words` words, at 230 words a minute, at least one.
pub fn reading_minutes(words: usize) -> usize {
    words.div_ceil(230).max(1)
}
