//! What the link stage needs to know of a page's body, found in one parse.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

use super::options;
use super::slug::HeadingIds;

/// A heading of the body.
#[derive(Debug, Clone)]
pub struct Heading {
    /// 1 for `#`, 2 for `##`…
    pub level: u8,
    /// The heading's plain text.
    pub text: String,
    /// Its unique id, the anchor links point at.
    pub id: String,
}

/// A link or image written in the body.
#[derive(Debug, Clone)]
pub struct LinkRef {
    /// The destination as written.
    pub dest: String,
    /// Where the link is, as a byte range of the whole file.
    pub range: Range<usize>,
}

/// The components a fenced block can stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// ```` ```compare ````: a comparison table.
    Compare,
    /// ```` ```decision ````: a decision filter.
    Decision,
}

/// A component block in the body.
#[derive(Debug, Clone)]
pub struct BlockRef {
    /// Which component.
    pub kind: BlockKind,
    /// The YAML inside the fence, as a byte range of the whole file.
    pub body: Range<usize>,
}

/// Headings, links and component blocks of a page body, and its length in words.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    /// Every heading, in order, with unique ids.
    pub headings: Vec<Heading>,
    /// Every link, in order.
    pub links: Vec<LinkRef>,
    /// Every `compare` and `decision` block, in order.
    pub blocks: Vec<BlockRef>,
    /// Words of prose (code excluded).
    pub words: usize,
    /// Does the body contain highlighted code?
    pub has_code: bool,
    /// Where lists and quotes first nest deeper than [`MAX_NESTING`], if they do.
    pub too_deep: Option<Range<usize>>,
}

/// How deeply lists and block quotes may nest. Deeper nesting is never meant (it is a
/// stray indentation or generated input) and makes pages no reader can follow.
pub const MAX_NESTING: usize = 32;

/// Reads the outline of `body`, a byte range of `text` (positions are kept relative to
/// `text`, so they point into the file).
pub fn outline(text: &str, body: Range<usize>) -> Outline {
    let base = body.start;
    let markdown = &text[body];
    let mut out = Outline::default();
    let mut ids = HeadingIds::default();
    let mut heading: Option<(u8, Option<String>, String)> = None;
    let mut block: Option<(Option<BlockKind>, Option<Range<usize>>)> = None;
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        let range = range.start + base..range.end + base;
        match event {
            Event::Start(Tag::List(_) | Tag::BlockQuote(_)) => {
                depth += 1;
                if depth > MAX_NESTING && out.too_deep.is_none() {
                    out.too_deep = Some(range.start..range.start + 1);
                }
            }
            Event::End(TagEnd::List(_) | TagEnd::BlockQuote(_)) => depth = depth.saturating_sub(1),
            Event::Start(Tag::Heading { level, id, .. }) => {
                heading = Some((level as u8, id.map(|s| s.to_string()), String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, explicit, text)) = heading.take() {
                    let id = ids.next(&text, explicit.as_deref());
                    out.headings.push(Heading { level, text, id });
                }
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                out.links.push(LinkRef {
                    dest: dest_url.to_string(),
                    range,
                })
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let component = match &kind {
                    CodeBlockKind::Fenced(info) => block_kind(info),
                    CodeBlockKind::Indented => None,
                };
                out.has_code |= component.is_none();
                block = Some((component, None));
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((Some(kind), body)) = block.take() {
                    let body = body.unwrap_or(range.end..range.end);
                    out.blocks.push(BlockRef { kind, body });
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, body)) = &mut block {
                    let whole = body.get_or_insert(range.clone());
                    whole.end = range.end;
                    continue;
                }
                if let Some((_, _, text)) = &mut heading {
                    text.push_str(&t);
                }
                out.words += t.split_whitespace().count();
            }
            _ => {}
        }
    }
    out
}

/// The component a fenced block's info string names, if any.
fn block_kind(info: &str) -> Option<BlockKind> {
    match info.split_whitespace().next() {
        Some("compare") => Some(BlockKind::Compare),
        Some("decision") => Some(BlockKind::Decision),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_headings_links_and_blocks() {
        let text =
            "---\n---\n## One\n\nSee [a](@/x.md#one).\n\n```compare\ndataset: d\n```\n\n## One\n";
        let o = outline(text, 8..text.len());
        let ids: Vec<_> = o.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["one", "one-1"]);
        assert_eq!(o.links[0].dest, "@/x.md#one");
        assert_eq!(&text[o.links[0].range.clone()], "[a](@/x.md#one)");
        assert_eq!(o.blocks[0].kind, BlockKind::Compare);
        assert_eq!(&text[o.blocks[0].body.clone()], "dataset: d\n");
        assert!(!o.has_code);
    }

    #[test]
    fn notices_runaway_nesting() {
        let deep = ">".repeat(MAX_NESTING + 1) + " x\n";
        assert!(outline(&deep, 0..deep.len()).too_deep.is_some());
        let fine = ">".repeat(MAX_NESTING) + " x\n";
        assert!(outline(&fine, 0..fine.len()).too_deep.is_none());
    }

    #[test]
    fn counts_prose_words_only() {
        let text = "One two three.\n\n```rust\nfn a() {}\n```\n";
        let o = outline(text, 0..text.len());
        assert_eq!(o.words, 3);
        assert!(o.has_code);
    }
}
