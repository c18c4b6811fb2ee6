//! The markdown of a filter's intro and outcome summaries.
//!
//! It is data, not a page: raw HTML in it is shown as text, `@/` links are resolved to
//! URLs, and links with a script scheme lose their link and keep their text.

use crate::link::LinkResolver;
use crate::markdown::data_html;

pub(crate) use crate::markdown::link_targets;

/// Renders `markdown` to HTML, resolving `@/` links through `links`.
pub(crate) fn to_html(markdown: &str, links: &dyn LinkResolver) -> String {
    data_html(markdown, &|dest| links.url(dest))
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
