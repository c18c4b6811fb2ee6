//! What the search index knows of a page: its URL, meta, filters and text, taken from
//! the model the renderer renders from (the markdown's events, the outline's heading
//! ids, the front matter), never from the written HTML.
//!
//! The text follows what the default theme marks `data-pagefind-body`: the title, the
//! lead, the body, then for an article its questions, sources and tags. A component
//! block (a comparison table, a decision filter) is read as the markdown its component
//! writes for it (the table, the filter in prose), where the block stands; a page a
//! component generates is read from the markdown it gives with the page. Headings are
//! weighted as Pagefind weighs them (`h1` 7×, `h2` 6×… a word of prose) and carry their
//! ids, which become the heading sub-results.

use std::collections::BTreeMap;

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, LinkType, Tag, TagEnd};

use crate::markdown::{Heading, Piece, Woven, options_for};
use crate::model::{Page, PageRole, Site};
use crate::render::GeneratedPage;
use crate::shortcodes::{Call, Form};

/// The weight of a word of prose. Pagefind stores weights as 24ths.
pub(crate) const PROSE: u8 = 24;

/// A page as the index sees it.
#[derive(Debug, Clone, Default)]
pub(crate) struct PageRecord {
    /// Its URL from the site's root (`/glossary/icp/`).
    pub url: String,
    /// Fields shown with a result: `title`, and `cluster` for an article.
    pub meta: BTreeMap<String, String>,
    /// Values results can be narrowed by: `kind` and `section`, the search page's menus.
    /// Tags are words of the record's text, not a filter: a filter's file is loaded with
    /// every query's first search, and the tags' file was the largest (80 KB of 560 KB
    /// at 10,000 articles) for a menu the page does not show.
    pub filters: BTreeMap<String, Vec<String>>,
    /// Its text, in order, in runs of one weight.
    pub runs: Vec<TextRun>,
}

/// A run of text of one weight, which may start at an anchor (a heading's id).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TextRun {
    /// The weight of its words, in 24ths of a word of prose.
    pub weight: u8,
    /// The element and id it starts at, if it is a heading (or a section) with an id.
    pub anchor: Option<Anchor>,
    /// Its text, words separated by whitespace.
    pub text: String,
}

/// An element with an id the text passes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Anchor {
    /// `h2`, `section`…
    pub element: String,
    /// Its id.
    pub id: String,
    /// Its own text (a heading's words; empty for a section).
    pub text: String,
}

impl Anchor {
    /// The anchor of heading `h{level}` with id `id` and text `text`.
    fn heading(level: u8, id: &str, text: &str) -> Anchor {
        Anchor {
            element: format!("h{level}"),
            id: id.to_string(),
            text: text.to_string(),
        }
    }
}

/// Is `page` searchable? Every page but the home page, as in the default theme.
pub(crate) fn is_indexed(page: &Page) -> bool {
    page.role != PageRole::Home
}

/// The text of a page's component blocks: block `index` of the page as markdown, `None`
/// for a block that shows no text.
pub(crate) type BlockText<'a> = dyn Fn(usize) -> Option<String> + 'a;

/// The record of page `page` of `site`, whose component blocks read as `blocks` gives.
pub(crate) fn page_record(site: &Site, page: &Page, blocks: &BlockText) -> PageRecord {
    let mut text = TextBuilder::default();
    text.heading(1, None, &page.title);
    if let Some(lead) = &page.front.description {
        text.block(lead);
    }
    let outline = &page.outline;
    let components: Vec<&str> = outline.blocks.iter().map(|b| b.fence).collect();
    let body = page.body_text();
    let source = Source {
        window: body,
        start: outline.base,
        range: outline.base..outline.base + body.len(),
        calls: &outline.shortcodes,
        components: &components,
        math: outline.math,
        addresses: true,
    };
    let mut walk = Walk {
        headings: outline.headings.iter(),
        blocks,
        next_block: 0,
    };
    markdown_text(&mut text, &source, &mut walk);
    if page.is_article() {
        article_extras(&mut text, site, page);
    }
    let hub_title = page
        .cluster()
        .and_then(|c| site.clusters[c].hub)
        .map(|hub| site.pages[hub].title.clone());
    let mut meta = BTreeMap::from([("title".to_string(), page.title.clone())]);
    if let (true, Some(hub)) = (page.is_article(), &hub_title) {
        meta.insert("cluster".to_string(), hub.clone());
    }
    PageRecord {
        url: format!("/{}{}", site.urls.tree(), page.site_path),
        meta,
        filters: filters(site, page, hub_title),
        runs: text.finish(),
    }
}

/// The record of a page a component generated (a dataset's comparison page) in the
/// language tree `tree` (`fr/`, or empty): its title, then the markdown it comes with.
pub(crate) fn generated_record(tree: &str, page: &GeneratedPage) -> PageRecord {
    let mut text = TextBuilder::default();
    text.heading(1, None, &page.title);
    markdown_text(
        &mut text,
        &Source::component(&page.text),
        &mut Walk::plain(),
    );
    PageRecord {
        url: format!("/{tree}{}", page.path),
        meta: BTreeMap::from([("title".to_string(), page.title.clone())]),
        filters: BTreeMap::new(),
        runs: text.finish(),
    }
}

/// The meta fields the site's records have, sorted: `title`, and `cluster` where an
/// article's section has a hub.
pub(crate) fn meta_fields(site: &Site) -> Vec<String> {
    let has_hub = |page: &Page| {
        page.cluster()
            .is_some_and(|c| site.clusters[c].hub.is_some())
    };
    let clustered = site.pages.iter().any(|p| p.is_article() && has_hub(p));
    let fields: &[&str] = if clustered {
        &["cluster", "title"]
    } else {
        &["title"]
    };
    fields.iter().map(|f| f.to_string()).collect()
}

/// An article's questions, sources and tags, as the default theme shows them.
fn article_extras(text: &mut TextBuilder, site: &Site, page: &Page) {
    let front = &page.front;
    let words = &site.strings;
    if !front.faq.is_empty() {
        text.section("faq");
        text.heading(2, Some("faq-heading"), words.text("faq"));
        for entry in &front.faq {
            text.block(&entry.question);
            markdown_text(text, &Source::plain(&entry.answer), &mut Walk::plain());
        }
    }
    if !front.sources.is_empty() {
        text.section("sources");
        text.heading(2, Some("sources-heading"), words.text("sources"));
        for source in &front.sources {
            let byline = [&source.author, &source.publisher]
                .into_iter()
                .flatten()
                .cloned()
                .chain(source.date.map(|d| words.date(d)));
            let line: Vec<String> = std::iter::once(source.title.clone())
                .chain(byline)
                .collect();
            text.block(&line.join(words.text("list_separator")));
        }
    }
    if !front.tags.is_empty() {
        text.block(&format!(
            "{}{}",
            words.text("tags_label"),
            front.tags.join(" ")
        ));
    }
}

/// The page's filter values: its kind's label and its section's title.
fn filters(site: &Site, page: &Page, section: Option<String>) -> BTreeMap<String, Vec<String>> {
    let mut filters = BTreeMap::new();
    if let Some(kind) = site.kind_label(page) {
        filters.insert("kind".to_string(), vec![kind.to_string()]);
    }
    if let Some(section) = section {
        filters.insert("section".to_string(), vec![section]);
    }
    filters
}

/// The markdown a part of a page is read from: the page's body, an answer, a file the
/// body includes, or the body of a shortcode call.
struct Source<'t, 'c> {
    /// The text, which starts at byte `start` of its file.
    window: &'t str,
    start: usize,
    /// The part to read, as a byte range of the file.
    range: Range<usize>,
    /// The shortcode calls in that part.
    calls: &'c [Call],
    /// The fences of the page's component blocks (none in an included file, whose
    /// fenced blocks are code).
    components: &'t [&'t str],
    /// Is `$…$` math (whose TeX is left out of the text)?
    math: bool,
    /// Are the addresses of autolinks (`<https://…>`) shown as text? They are in what
    /// authors write; in what a component writes for machine readers they stand for
    /// links whose page shows no address.
    addresses: bool,
}

impl<'t, 'c> Source<'t, 'c> {
    /// A piece of markdown of its own, without calls or components (an FAQ answer).
    fn plain(markdown: &'t str) -> Self {
        Source {
            window: markdown,
            start: 0,
            range: 0..markdown.len(),
            calls: &[],
            components: &[],
            math: false,
            addresses: true,
        }
    }

    /// Markdown a component wrote (a table, a filter in prose), whose addresses are
    /// not text.
    fn component(markdown: &'t str) -> Self {
        Source {
            addresses: false,
            ..Source::plain(markdown)
        }
    }
}

/// Where the reading of a page stands: the ids of the headings still to come, and the
/// next component block, both numbered in order as the renderer numbers them.
struct Walk<'h, 'b> {
    headings: std::slice::Iter<'h, Heading>,
    blocks: &'b BlockText<'b>,
    next_block: usize,
}

impl Walk<'_, '_> {
    /// A walk through markdown without heading ids or component blocks of its own.
    fn plain() -> Self {
        Walk {
            headings: [].iter(),
            blocks: &no_blocks,
            next_block: 0,
        }
    }

    /// The markdown of the next component block, if it shows text.
    fn next_block_text(&mut self) -> Option<String> {
        let index = self.next_block;
        self.next_block += 1;
        (self.blocks)(index)
    }
}

/// The blocks of markdown that has none.
fn no_blocks(_: usize) -> Option<String> {
    None
}

/// Adds the text of `source` to `text`: its headings (taking their ids from `walk`, in
/// order, as the renderer does) weighted, code included, and each component block's
/// markdown in its place; images, raw HTML and what shortcode templates add left out,
/// the markdown a call includes or holds read in its place.
fn markdown_text(text: &mut TextBuilder, source: &Source, walk: &mut Walk) {
    let woven = Woven::new(
        source.window,
        source.start,
        source.range.clone(),
        source.calls,
        options_for(source.math),
    );
    let mut skipping = 0usize;
    // In an autolink whose address is not text.
    let mut in_address = false;
    for piece in woven.pieces() {
        let event = match piece {
            Piece::Event(event, _) => event,
            Piece::Call(call) => {
                if let Some(part) = call_text(call, source) {
                    markdown_text(text, &part, walk);
                }
                continue;
            }
        };
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let level = level as u8;
                let anchor = walk
                    .headings
                    .next()
                    .map(|h| Anchor::heading(level, &h.id, &h.text));
                text.open_heading(level, anchor);
            }
            Event::End(TagEnd::Heading(_)) => text.close_heading(),
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                if info
                    .split_whitespace()
                    .next()
                    .is_some_and(|lang| source.components.contains(&lang)) =>
            {
                skipping += 1;
                if let Some(markdown) = walk.next_block_text() {
                    markdown_text(text, &Source::component(&markdown), &mut Walk::plain());
                    text.end_sentence();
                }
            }
            Event::Start(Tag::Image { .. }) => skipping += 1,
            Event::End(TagEnd::Image) => skipping = skipping.saturating_sub(1),
            Event::Start(Tag::Link {
                link_type: LinkType::Autolink | LinkType::Email,
                ..
            }) if !source.addresses => in_address = true,
            Event::End(TagEnd::Link) => in_address = false,
            Event::End(TagEnd::CodeBlock) if skipping > 0 => skipping -= 1,
            Event::Text(t) | Event::Code(t) if skipping == 0 && !in_address => text.push(&t),
            Event::SoftBreak | Event::HardBreak => text.push(" "),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_)
                | TagEnd::DefinitionListTitle
                | TagEnd::DefinitionListDefinition
                | TagEnd::FootnoteDefinition,
            ) => text.end_sentence(),
            _ => {}
        }
    }
}

/// The markdown a shortcode call puts in its place: the part of a file it includes,
/// or its body; `None` for a call without either.
fn call_text<'t, 'c>(call: &'c Call, source: &Source<'t, 'c>) -> Option<Source<'t, 'c>>
where
    'c: 't,
{
    if let Some(included) = &call.include {
        return Some(Source {
            window: &included.file.text,
            start: 0,
            range: included.range.clone(),
            calls: &included.calls,
            components: &[],
            math: source.math,
            addresses: source.addresses,
        });
    }
    match &call.form {
        Form::Block { body, children, .. } => Some(Source {
            range: body.clone(),
            calls: children,
            ..*source
        }),
        Form::Inline | Form::Leaf => None,
    }
}

/// Collects a page's text into runs of one weight.
#[derive(Default)]
struct TextBuilder {
    runs: Vec<TextRun>,
    /// The heading being read: its level and anchor.
    heading: Option<(u8, Option<Anchor>)>,
    current: String,
}

impl TextBuilder {
    /// A whole heading.
    fn heading(&mut self, level: u8, id: Option<&str>, words: &str) {
        self.open_heading(level, id.map(|id| Anchor::heading(level, id, words)));
        self.push(words);
        self.close_heading();
    }

    /// A block of prose.
    fn block(&mut self, words: &str) {
        self.push(words);
        self.end_sentence();
    }

    /// A section with an id, without text of its own.
    fn section(&mut self, id: &str) {
        self.flush(None);
        self.runs.push(TextRun {
            weight: PROSE,
            anchor: Some(Anchor {
                element: "section".to_string(),
                id: id.to_string(),
                text: String::new(),
            }),
            text: String::new(),
        });
    }

    fn open_heading(&mut self, level: u8, anchor: Option<Anchor>) {
        self.flush(None);
        self.heading = Some((level, anchor));
    }

    fn close_heading(&mut self) {
        self.end_sentence();
        let heading = self.heading.take();
        self.flush(heading);
    }

    fn push(&mut self, words: &str) {
        self.current.push_str(words);
    }

    /// Ends a block: a full stop after a last word that has none, as Pagefind writes
    /// its excerpts, and a space.
    fn end_sentence(&mut self) {
        let trimmed = self.current.trim_end().len();
        self.current.truncate(trimmed);
        if self
            .current
            .chars()
            .last()
            .is_some_and(|c| c.is_alphanumeric() || "_'\")$*".contains(c))
        {
            self.current.push('.');
        }
        self.current.push(' ');
    }

    /// Ends the current run; `heading` is the heading it was, if it was one.
    fn flush(&mut self, heading: Option<(u8, Option<Anchor>)>) {
        let text = std::mem::take(&mut self.current);
        if text.trim().is_empty() && heading.is_none() {
            return;
        }
        let (weight, anchor) = match heading {
            Some((level, anchor)) => (heading_weight(level), anchor),
            None => (PROSE, None),
        };
        self.runs.push(TextRun {
            weight,
            anchor,
            text,
        });
    }

    fn finish(mut self) -> Vec<TextRun> {
        self.flush(None);
        self.runs
    }
}

/// Pagefind's automatic weight of a heading: `h1` 7×, `h2` 6×… `h6` 2× a word of prose.
fn heading_weight(level: u8) -> u8 {
    (8 - level.clamp(1, 6)) * PROSE
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The runs of `markdown`, whose `compare` blocks read as `blocks` gives.
    fn runs_with(markdown: &str, blocks: &BlockText) -> Vec<(u8, Option<String>, String)> {
        let mut text = TextBuilder::default();
        let source = Source {
            components: &["compare"],
            ..Source::plain(markdown)
        };
        let mut walk = Walk {
            blocks,
            ..Walk::plain()
        };
        markdown_text(&mut text, &source, &mut walk);
        text.finish()
            .into_iter()
            .map(|r| (r.weight, r.anchor.map(|a| a.element), r.text))
            .collect()
    }

    fn runs(markdown: &str) -> Vec<(u8, Option<String>, String)> {
        runs_with(markdown, &no_blocks)
    }

    #[test]
    fn headings_are_weighted_runs_and_prose_ends_its_sentences() {
        assert_eq!(
            runs("Intro *here*\n\n## Why\n\n- one\n- two!\n"),
            [
                (24, None, "Intro here. ".to_string()),
                (144, None, "Why. ".to_string()),
                (24, None, "one. two! ".to_string()),
            ]
        );
    }

    #[test]
    fn shortcode_bodies_are_read_in_place_and_the_calls_left_out() {
        let md = "Intro :mark{x=\"y\"} end\n\n:::box\n## Inside\n\nBoxed words\n:::\n\n::video{src=\"a.mp4\"}\n\n## After\n";
        let outline = crate::markdown::outline(md, 0..md.len(), &[]);
        let source = Source {
            calls: &outline.shortcodes,
            ..Source::plain(md)
        };
        let mut text = TextBuilder::default();
        let mut walk = Walk {
            headings: outline.headings.iter(),
            ..Walk::plain()
        };
        markdown_text(&mut text, &source, &mut walk);
        let runs = text.finish();
        let all: String = runs.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(all, "Intro  end. Inside. Boxed words. After. ");
        let ids: Vec<&str> = runs
            .iter()
            .filter_map(|r| r.anchor.as_ref())
            .map(|a| a.id.as_str())
            .collect();
        assert_eq!(ids, ["inside", "after"]);
    }

    #[test]
    fn images_are_left_out_but_code_is_kept() {
        let text: String = runs("![alt](a.png) `x = 1`\n\n```\nfn main\n```\n")
            .into_iter()
            .map(|r| r.2)
            .collect();
        assert_eq!(text.trim_start(), "x = 1. fn main. ");
    }

    #[test]
    fn component_blocks_read_as_their_markdown_in_place_not_as_their_yaml() {
        let markdown = "Before.\n\n```compare\ndataset: d\n```\n\nBetween.\n\n```compare\ndataset: e\n```\n\nAfter.\n";
        let table = |index: usize| {
            match index {
            0 => Some(
                "**Plans**\n\n|  | Basic |\n| --- | --- |\n| Price | $10 |\n\nA list <https://example.org/list>.\n"
                    .to_string(),
            ),
            _ => None,
        }
        };
        let text: String = runs_with(markdown, &table)
            .into_iter()
            .map(|r| r.2)
            .collect();
        assert_eq!(
            text,
            "Before. Plans. Basic. Price. $10. A list . Between. After. "
        );
    }
}
