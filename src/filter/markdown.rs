//! The markdown of a filter's intro and outcome summaries.
//!
//! It is data, not a page: raw HTML in it is shown as text, `@/` links are resolved to
//! URLs, and links with a script scheme lose their link and keep their text.

use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd};

use crate::html::is_safe_href;
use crate::link::LinkResolver;

/// The destinations of every link and image in `markdown`, as written.
pub(crate) fn link_targets(markdown: &str) -> Vec<String> {
    Parser::new(markdown)
        .filter_map(|event| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                Some(dest_url.to_string())
            }
            _ => None,
        })
        .collect()
}

/// Renders `markdown` to HTML, resolving `@/` links through `links`.
pub(crate) fn to_html(markdown: &str, links: &dyn LinkResolver) -> String {
    // For each open link or image: was it kept?
    let mut kept: Vec<bool> = Vec::new();
    let events = Parser::new(markdown).filter_map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest = resolve(dest_url, links);
            kept.push(dest.is_some());
            dest.map(|dest_url| {
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            })
        }
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest = resolve(dest_url, links);
            kept.push(dest.is_some());
            dest.map(|dest_url| {
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            })
        }
        Event::End(TagEnd::Link | TagEnd::Image) => kept.pop().unwrap_or(true).then_some(event),
        other => Some(other),
    });
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events);
    out
}

/// The URL to write for a link destination, or `None` if it must not be a link.
fn resolve<'a>(dest: CowStr<'a>, links: &dyn LinkResolver) -> Option<CowStr<'a>> {
    if dest.starts_with("@/") {
        // An unknown target is reported by the link stage; the text stays readable.
        return Some(links.url(&dest).map_or(dest, CowStr::from));
    }
    is_safe_href(&dest).then_some(dest)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A resolver that knows `@/a/b.md` (title "B") and nothing else.
    pub(crate) struct OneArticle;

    impl LinkResolver for OneArticle {
        fn url(&self, target: &str) -> Option<String> {
            target
                .strip_prefix("@/a/b.md")
                .map(|anchor| format!("/a/b/{anchor}"))
        }
        fn title(&self, target: &str) -> Option<String> {
            target.starts_with("@/a/b.md").then(|| "B".to_string())
        }
    }

    #[test]
    fn resolves_content_links_and_escapes_raw_html() {
        let html = to_html("See [b](@/a/b.md#x) <script>alert(1)</script>", &OneArticle);
        assert_eq!(
            html,
            "<p>See <a href=\"/a/b/#x\">b</a> &lt;script&gt;alert(1)&lt;/script&gt;</p>\n"
        );
    }

    #[test]
    fn script_links_keep_only_their_text() {
        let html = to_html(
            "[click *me*](javascript:alert(1)) and ![x](data:x)",
            &OneArticle,
        );
        assert_eq!(html, "<p>click <em>me</em> and x</p>\n");
    }

    #[test]
    fn lists_link_targets() {
        assert_eq!(
            link_targets("[a](@/a/b.md) and [c](https://c.org/)"),
            ["@/a/b.md", "https://c.org/"]
        );
    }
}
