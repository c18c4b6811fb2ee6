//! The numbered source notes of a table and the list of sources under it.

use std::fmt::Write;

use super::block::CompareBlock;
use super::dataset::{Dataset, Source};
use crate::html::{escape, is_safe_href};
use crate::link::LinkResolver;

/// The sources a table lists, numbered in the order its cells first cite them; sources
/// no value of the dataset cites (references for the whole dataset) come last.
pub(super) struct Citations<'a> {
    listed: Vec<&'a Source>,
}

impl<'a> Citations<'a> {
    /// Numbers the sources cited by the cells `block` shows.
    pub(super) fn new(block: &CompareBlock, dataset: &'a Dataset) -> Self {
        let cited_by = |dimensions: &[String], entities: &[String]| -> Vec<&'a str> {
            let mut ids: Vec<&'a str> = Vec::new();
            for dimension in dimensions {
                for entity in entities {
                    let variants = dataset.cell(dimension, entity).map(|c| &c.variants);
                    for source in variants
                        .into_iter()
                        .flatten()
                        .filter_map(|v| v.source.as_deref())
                    {
                        if !ids.contains(&source) {
                            ids.push(source);
                        }
                    }
                }
            }
            ids
        };
        let shown = cited_by(block.dimensions(), block.entities());
        let everywhere = CompareBlock::whole(dataset);
        let anywhere = cited_by(everywhere.dimensions(), everywhere.entities());
        let general = dataset
            .sources()
            .iter()
            .filter(|s| !anywhere.contains(&s.id.as_str()));
        let listed = shown
            .iter()
            .filter_map(|id| dataset.source(id))
            .chain(general)
            .collect();
        Citations { listed }
    }

    /// The number of a source in the list, from 1.
    pub(super) fn number(&self, source: &str) -> Option<usize> {
        self.listed
            .iter()
            .position(|s| s.id == source)
            .map(|i| i + 1)
    }

    /// The mark a citation shows: letters (a, b, … z, aa, ab…), so a table's sources are
    /// never confused with the page's numbered footnotes.
    pub(super) fn mark(n: usize) -> String {
        let mut n = n.max(1);
        let mut letters = Vec::new();
        while n > 0 {
            n -= 1;
            letters.push(char::from(b'a' + (n % 26) as u8));
            n /= 26;
        }
        letters.into_iter().rev().collect()
    }

    /// The id of a source's entry in the list under a table.
    pub(super) fn anchor(prefix: &str, source: &str) -> String {
        format!("{prefix}-source-{source}")
    }

    /// The list of sources (nothing if there are none).
    pub(super) fn render(&self, links: &dyn LinkResolver, prefix: &str) -> String {
        if self.listed.is_empty() {
            return String::new();
        }
        let prefix = escape(prefix);
        let mut out = String::from("<div class=\"compare-sources\">\n");
        let heading = escape(links.words().text("sources"));
        let _ = writeln!(
            out,
            "<p class=\"compare-sources-title\" id=\"{prefix}-sources\">{heading}</p>\n\
             <ol type=\"a\" aria-labelledby=\"{prefix}-sources\">"
        );
        for source in &self.listed {
            let anchor = Self::anchor(&prefix, &source.id);
            let _ = writeln!(out, "<li id=\"{anchor}\">{}</li>", reference(source, links));
        }
        out.push_str("</ol>\n</div>\n");
        out
    }
}

/// One source as a reference: the title (linked to the source, or to the article that
/// summarises it), publisher, author and date, and the article if there is also a url.
fn reference(source: &Source, links: &dyn LinkResolver) -> String {
    let url = source.url.as_deref().filter(|url| is_safe_href(url));
    let article = source
        .article
        .as_deref()
        .and_then(|a| Some((links.url(a)?, a)));
    let title = escape(&source.title);
    let mut out = match (url, &article) {
        (Some(url), _) => format!("<a href=\"{}\"><cite>{title}</cite></a>", escape(url)),
        (None, Some((href, _))) => format!("<a href=\"{}\"><cite>{title}</cite></a>", escape(href)),
        (None, None) => format!("<cite>{title}</cite>"),
    };
    for part in [&source.publisher, &source.author, &source.date]
        .into_iter()
        .flatten()
    {
        let _ = write!(out, ", {}", escape(part));
    }
    out.push('.');
    if let (Some(_), Some((href, target))) = (url, article) {
        let name = links
            .title(target)
            .unwrap_or_else(|| "our summary".to_string());
        let _ = write!(
            out,
            " See <a href=\"{}\">{}</a>.",
            escape(&href),
            escape(&name)
        );
    }
    out
}
