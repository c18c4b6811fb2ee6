//! Value text as inline markdown: emphasis, code and links, never markup.
//!
//! A dataset value is one line of prose. It may use emphasis, code spans and links, but
//! raw HTML in it is shown as text, links to `javascript:` and the like lose their link,
//! `@/` links go through the link resolver, and nothing in it can start a block (`# of
//! reps` is text, not a heading).

use crate::link::LinkResolver;
use crate::markdown::data_html;

/// Renders `text` as inline HTML: the one paragraph it makes, without the `<p>`.
pub(super) fn render(text: &str, links: &dyn LinkResolver) -> String {
    let html = data_html(&prepare(text), &|dest| links.url(dest));
    let inner = html.trim_end();
    let inner = inner.strip_prefix("<p>").unwrap_or(inner);
    inner.strip_suffix("</p>").unwrap_or(inner).to_string()
}

/// The destination of every link in `text`, as written.
pub(super) fn link_targets(text: &str) -> Vec<String> {
    crate::markdown::link_targets(&prepare(text))
}

/// The text on one line, with a backslash where it would otherwise start a block.
fn prepare(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match block_marker(&line) {
        Some(i) => format!("{}\\{}", &line[..i], &line[i..]),
        None => line,
    }
}

/// The offset of the character that makes `line` start a block, if it would.
fn block_marker(line: &str) -> Option<usize> {
    let spaced = |rest: &str| rest.is_empty() || rest.starts_with(' ');
    match line.chars().next()? {
        '#' | '>' | '+' | '-' | '=' | '|' => Some(0),
        '*' | '_' if spaced(&line[1..]) || line.chars().all(|c| "*_ ".contains(c)) => Some(0),
        '`' | '~' if line.starts_with("```") || line.starts_with("~~~") => Some(0),
        '[' if line.contains("]:") => Some(0),
        // An HTML block would swallow the markdown after it; an autolink (`<https://…>`)
        // starts no block.
        '<' if !line
            .split('>')
            .next()
            .is_some_and(|tag| tag.contains(':') && !tag.contains(' ')) =>
        {
            Some(0)
        }
        '0'..='9' => {
            let digits = line.find(|c: char| !c.is_ascii_digit())?;
            let rest = &line[digits..];
            (rest.starts_with(['.', ')']) && spaced(&rest[1..])).then_some(digits)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::test_support::Links;
    use crate::html::escape;

    fn html(text: &str) -> String {
        render(text, &Links)
    }

    #[test]
    fn keeps_emphasis_code_and_links() {
        assert_eq!(
            html("*About* **$8k** `a<b` [more](https://example.org/)"),
            "<em>About</em> <strong>$8k</strong> <code>a&lt;b</code> \
             <a href=\"https://example.org/\">more</a>"
        );
    }

    #[test]
    fn raw_html_is_text() {
        assert_eq!(
            html("<script>alert(1)</script> <b>x</b>"),
            "&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;x&lt;/b&gt;"
        );
        assert_eq!(
            html("<div onclick=\"x\">hi</div>"),
            "&lt;div onclick=“x”&gt;hi&lt;/div&gt;"
        );
    }

    #[test]
    fn unsafe_and_unknown_links_lose_their_link() {
        assert_eq!(html("[click](javascript:alert(1))"), "click");
        assert_eq!(html("<javascript:alert(1)>"), "javascript:alert(1)");
        assert_eq!(html("[gone](@/missing.md)"), "gone");
        assert_eq!(
            html("[ARR](@/glossary/arr.md)"),
            "<a href=\"/glossary/arr/\">ARR</a>"
        );
    }

    #[test]
    fn images_keep_their_alt_text() {
        assert_eq!(
            html("![a chart](https://example.org/x.png)"),
            "<img src=\"https://example.org/x.png\" alt=\"a chart\" />"
        );
        assert_eq!(html("![a chart](javascript:x)"), "a chart");
    }

    #[test]
    fn nothing_starts_a_block() {
        for text in [
            "# of reps",
            "> 50 reps",
            "- 5%",
            "+ more",
            "* note",
            "***",
            "1. first",
            "2) second",
            "```code",
            "[a]: https://example.org",
            "    indented",
            "one\n\ntwo",
            "<div>",
        ] {
            let out = html(text);
            assert!(!out.contains('<'), "{text:?} gave {out:?}");
            let visible = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(out, escape(&visible), "{text:?}");
        }
        assert_eq!(html("**Bold** start"), "<strong>Bold</strong> start");
        assert_eq!(html("2026 figures"), "2026 figures");
        assert_eq!(html("<p> then *more*"), "&lt;p&gt; then <em>more</em>");
        assert_eq!(
            html("<a href=\"x:y\"> `code`"),
            "&lt;a href=“x:y”&gt; <code>code</code>"
        );
        assert_eq!(
            html("<https://example.org> first"),
            "<a href=\"https://example.org\">https://example.org</a> first"
        );
    }

    #[test]
    fn finds_link_targets() {
        assert_eq!(
            link_targets("[a](@/x.md) and [b](javascript:x) ![c](data:y)"),
            ["@/x.md", "javascript:x", "data:y"]
        );
    }
}
