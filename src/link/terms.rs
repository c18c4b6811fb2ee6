//! Glossary terms that link themselves: the first mention of a term in a page becomes a
//! link to the term's page.
//!
//! A term page is a page of `kind: term`; its names are its title and its `terms`
//! (synonyms, abbreviations). In every article but the term's own page, the first
//! mention of any of a term's names in running text links to it: never in headings,
//! links, code, raw HTML or component blocks, at most once per term per page, and not
//! at all if the page already links the term's page or says `autolink: false`. Matching
//! is on whole words; a name written with a capital letter after its first one (`ICP`,
//! `RevOps`) matches only as written, other names match in any case. Where names
//! overlap, the longest wins.

use std::collections::HashSet;
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::markdown::options_for;
use crate::model::{Page, PageId, Site};

/// A mention of a term that links to its page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TermLink {
    /// Where the mention is, as a byte range of the page's file.
    pub range: Range<usize>,
    /// The term's page.
    pub target: PageId,
}

/// One name of a term.
struct Name {
    page: PageId,
    text: String,
    exact_case: bool,
}

/// Every term of the site, ready to be found in a page.
pub(super) struct Glossary {
    names: Vec<Name>,
    /// Finds the names, lowercased, in lowercased text.
    finder: AhoCorasick,
}

impl Glossary {
    /// The site's terms, or `None` if it has no term page.
    pub(super) fn new(site: &Site) -> Option<Glossary> {
        let mut names = Vec::new();
        for (page, p) in site.pages.iter().enumerate() {
            if p.front.kind.as_deref() != Some("term") {
                continue;
            }
            let mut seen = HashSet::new();
            for text in std::iter::once(&p.title).chain(&p.front.terms) {
                let text = text.trim();
                if !text.is_empty() && seen.insert(text.to_string()) {
                    let exact_case = text.chars().skip(1).any(char::is_uppercase);
                    names.push(Name {
                        page,
                        text: text.to_string(),
                        exact_case,
                    });
                }
            }
        }
        if names.is_empty() {
            return None;
        }
        let finder = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(names.iter().map(|n| lowercase(&n.text)))
            .ok()?;
        Some(Glossary { names, finder })
    }

    /// The term links of page `id`; `linked` holds the pages its body links to already.
    pub(super) fn links(&self, site: &Site, id: PageId, linked: &[PageId]) -> Vec<TermLink> {
        let page = &site.pages[id];
        if !page.is_article() || page.front.autolink == Some(false) {
            return Vec::new();
        }
        let mut done: HashSet<PageId> = linked.iter().copied().collect();
        done.insert(id);
        let mut found = Vec::new();
        for range in prose(page) {
            let text = &page.source.text[range.clone()];
            let lowered = lowercase(text);
            for hit in self.finder.find_iter(&lowered) {
                let name = &self.names[hit.pattern().as_usize()];
                let written = &text[hit.start()..hit.end()];
                let whole_word = !text[..hit.start()].chars().next_back().is_some_and(is_word)
                    && !text[hit.end()..].chars().next().is_some_and(is_word);
                let case_fits = !name.exact_case || written == name.text;
                if whole_word && case_fits && done.insert(name.page) {
                    let start = range.start + hit.start();
                    found.push(TermLink {
                        range: start..start + written.len(),
                        target: name.page,
                    });
                }
            }
        }
        found
    }
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

/// `text` in lowercase, byte for byte (ASCII only), so positions carry over.
fn lowercase(text: &str) -> String {
    text.to_ascii_lowercase()
}

/// The byte ranges (of the file) of the page's running text: text outside headings,
/// links, images, code, formulas, raw HTML and component blocks, where the text is
/// written as it reads (no escapes or entities inside).
fn prose(page: &Page) -> Vec<Range<usize>> {
    let body = page.body.clone();
    let markdown = &page.source.text[body.clone()];
    let mut ranges = Vec::new();
    let mut excluded = 0usize;
    // A shortcode's own syntax (its name and arguments) is no prose.
    let syntax: Vec<Range<usize>> = page
        .outline
        .shortcodes
        .iter()
        .flat_map(|call| call.syntax())
        .collect();
    let in_syntax = |r: &Range<usize>| syntax.iter().any(|s| s.start < r.end && r.start < s.end);
    let options = options_for(page.outline.math);
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        match event {
            Event::Start(
                Tag::Heading { .. }
                | Tag::Link { .. }
                | Tag::Image { .. }
                | Tag::CodeBlock(_)
                | Tag::HtmlBlock
                | Tag::MetadataBlock(_),
            ) => excluded += 1,
            Event::End(
                TagEnd::Heading(_)
                | TagEnd::Link
                | TagEnd::Image
                | TagEnd::CodeBlock
                | TagEnd::HtmlBlock
                | TagEnd::MetadataBlock(_),
            ) => excluded = excluded.saturating_sub(1),
            Event::Text(text) if excluded == 0 && markdown.get(range.clone()) == Some(&*text) => {
                let range = body.start + range.start..body.start + range.end;
                if !in_syntax(&range) {
                    ranges.push(range);
                }
            }
            _ => {}
        }
    }
    ranges
}
