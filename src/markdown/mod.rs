//! Markdown: the options pillar reads it with, the outline the link stage needs, and
//! the HTML the render stage writes.
//!
//! A page's body is parsed twice: once by [`outline`] before the link stage (headings,
//! links and component blocks, with their positions) and once by [`render_html`] after
//! it, when every link can be resolved. Both use [`options`], so they see the same
//! document.

mod data;
mod highlight;
mod math;
mod outline;
mod render;
pub(crate) mod slug;
mod weave;

pub(crate) use data::{data_html, link_targets};
pub(crate) use highlight::{Highlighter, syntax_css};
pub(crate) use outline::{Heading, Outline, outline, outline_with};
pub(crate) use render::{RenderHooks, ShortcodeCall, render_html};
/// A body read with its shortcode calls in place (the search index reads text so).
pub(crate) use weave::{Piece, Woven};

use pulldown_cmark::{CowStr, Options, Tag};

/// CommonMark with GFM tables, footnotes, strikethrough, task lists and alerts
/// (`> [!NOTE]`), definition lists, smart punctuation and `{#id}` heading attributes.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_GFM
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// [`options`], with math (`$…$` inline, `$$…$$` display) if `math`: the options a
/// page body is read with, by the outline and by the renderer alike.
pub(crate) fn options_for(math: bool) -> Options {
    if math {
        options() | Options::ENABLE_MATH
    } else {
        options()
    }
}

/// Minutes a reader needs for `words` words, at 230 words a minute, at least one.
pub(crate) fn reading_minutes(words: usize) -> usize {
    words.div_ceil(230).max(1)
}

/// A link or image tag with its destination replaced by `new_dest(dest)`; `None` from
/// it drops the tag (its text stays). Other tags pass through.
pub(crate) fn map_dest<'a>(
    tag: Tag<'a>,
    new_dest: impl FnOnce(CowStr<'a>) -> Option<CowStr<'a>>,
) -> Option<Tag<'a>> {
    match tag {
        Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        } => new_dest(dest_url).map(|dest_url| Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }),
        Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        } => new_dest(dest_url).map(|dest_url| Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }),
        other => Some(other),
    }
}
