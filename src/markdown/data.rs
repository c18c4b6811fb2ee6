//! Markdown written in data rather than in a page body: FAQ answers, filter intros and
//! outcome summaries, dataset values.
//!
//! It renders like the author's prose with one difference: such text comes from data
//! files that many hands edit, so raw HTML in it is shown as text, and a link with a
//! script scheme (`javascript:`, `data:`) loses its link but keeps its words.

use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd, html};

use super::{map_dest, options};
use crate::html::{escape, is_safe_href};

/// Renders data markdown to HTML. `link` gives the URL for a destination the site
/// resolves (`@/` paths, files under `content/`); a link the site cannot resolve (the
/// link stage reports it) or one with an unsafe scheme keeps its words but not its link.
pub(crate) fn data_html(markdown: &str, link: &dyn Fn(&str) -> Option<String>) -> String {
    // For each open link or image: was it kept?
    let mut kept: Vec<bool> = Vec::new();
    let events = Parser::new_ext(markdown, options()).filter_map(|event| match event {
        // Escaped here (quotes too) and written as is: never markup.
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::InlineHtml(escape(&raw).into())),
        Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
            let tag = map_dest(tag, |dest| href(dest, link));
            kept.push(tag.is_some());
            tag.map(Event::Start)
        }
        Event::End(TagEnd::Link | TagEnd::Image) => kept.pop().unwrap_or(true).then_some(event),
        other => Some(other),
    });
    let mut out = String::with_capacity(markdown.len() + markdown.len() / 4);
    html::push_html(&mut out, events);
    out
}

/// The destination of every link and image in data markdown, as written.
pub(crate) fn link_targets(markdown: &str) -> Vec<String> {
    Parser::new_ext(markdown, options())
        .filter_map(|event| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                Some(dest_url.into_string())
            }
            _ => None,
        })
        .collect()
}

/// The URL to write for a destination, or `None` if it must not be a link.
fn href<'a>(dest: CowStr<'a>, link: &dyn Fn(&str) -> Option<String>) -> Option<CowStr<'a>> {
    if let Some(url) = link(&dest) {
        return Some(CowStr::from(url));
    }
    (!is_page_path(&dest) && is_safe_href(&dest)).then_some(dest)
}

/// A destination naming a page by its content path (`@/a/b.md`, `../b.md#x`): the site
/// resolves those, so one it did not resolve (a draft, a broken link) is no link.
fn is_page_path(dest: &str) -> bool {
    let path = dest.split(['#', '?']).next().unwrap_or(dest);
    dest.starts_with("@/")
        || (path.ends_with(".md") && !path.contains(':') && !path.starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(markdown: &str) -> String {
        data_html(markdown, &|d| {
            d.strip_prefix("@/x.md").map(|rest| format!("/x/{rest}"))
        })
    }

    #[test]
    fn raw_html_is_text() {
        assert_eq!(
            html("<b onclick=\"x\">hi</b>"),
            "<p>&lt;b onclick=&quot;x&quot;&gt;hi&lt;/b&gt;</p>\n"
        );
        assert_eq!(html("<script>x</script>"), "&lt;script&gt;x&lt;/script&gt;");
        assert!(!html("<a href=\"javascript:x\">a</a>").contains('"'));
    }

    #[test]
    fn script_links_lose_their_link_but_keep_their_words() {
        assert_eq!(html("[click](javascript:alert%281%29)"), "<p>click</p>\n");
        assert_eq!(html("![x](data:text/html,hi)"), "<p>x</p>\n");
    }

    #[test]
    fn site_links_resolve_and_safe_links_stay() {
        assert_eq!(html("[a](@/x.md#b)"), "<p><a href=\"/x/#b\">a</a></p>\n");
        assert_eq!(html("[a](@/missing.md)"), "<p>a</p>\n");
        assert_eq!(html("[a](../draft.md#b)"), "<p>a</p>\n");
        assert_eq!(
            html("[a](https://example.org/README.md)"),
            "<p><a href=\"https://example.org/README.md\">a</a></p>\n"
        );
        assert_eq!(
            html("[a](https://example.org/)"),
            "<p><a href=\"https://example.org/\">a</a></p>\n"
        );
    }

    #[test]
    fn finds_link_targets() {
        assert_eq!(link_targets("[a](@/x.md) ![b](i.png)"), ["@/x.md", "i.png"]);
    }
}
