//! The state of checking one dataset file: the problems found so far, the `@/` links met,
//! and where things are in the file.

use std::collections::HashMap;
use std::ops::Range;

use super::inline;
use super::locate::Layout;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::html::is_safe_href;
use crate::link::ContentLink;
use crate::source::SourceFile;

/// Collects the problems and content links of one dataset file.
pub(super) struct Check<'a> {
    /// The file being checked.
    pub file: &'a SourceFile,
    /// Every problem found so far.
    pub problems: Diagnostics,
    /// Every `@/` link found so far.
    pub links: Vec<ContentLink>,
    /// Where the keys and values of the file are written.
    pub layout: Layout,
}

/// Where one item of a list (`entities`, `dimensions`, `sources`) is written.
pub(super) struct Item {
    /// The span of its id.
    pub id: Range<usize>,
    /// From its id to the next item's id: where to look for its other keys.
    pub range: Range<usize>,
}

impl<'a> Check<'a> {
    /// Starts checking `file`.
    pub(super) fn new(file: &'a SourceFile) -> Self {
        Check {
            file,
            problems: Diagnostics::new(),
            links: Vec::new(),
            layout: Layout::of(file, 0..file.text.len()),
        }
    }

    /// The whole file.
    pub(super) fn all(&self) -> Range<usize> {
        0..self.file.text.len()
    }

    /// The top-level key `key` and everything under it, or the whole file.
    pub(super) fn section(&self, key: &str) -> Range<usize> {
        self.layout
            .blocks(&self.all(), key)
            .into_iter()
            .next()
            .unwrap_or_else(|| self.all())
    }

    /// Reports `diagnostic` at `span`.
    pub(super) fn report(&mut self, diagnostic: Diagnostic, span: Range<usize>) {
        self.problems.push(diagnostic.at(self.file, span));
    }

    /// Where each item of a list section is, given the ids in the order written.
    pub(super) fn items(&self, section: Range<usize>, ids: &[&str]) -> Vec<Item> {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        let spans: Vec<Range<usize>> = ids
            .iter()
            .map(|id| {
                let nth = seen.entry(id).or_default();
                *nth += 1;
                let mut found = self.layout.entries(&section, "id", id);
                if found.len() < *nth {
                    // Not written `id: x` (a plain list of ids, say).
                    found = self.layout.words(&section, id);
                }
                found
                    .get(*nth - 1)
                    .cloned()
                    .unwrap_or(section.start..section.start)
            })
            .collect();
        let mut starts: Vec<usize> = spans.iter().map(|s| s.start).collect();
        starts.sort_unstable();
        spans
            .iter()
            .map(|span| {
                let later = starts.partition_point(|&s| s <= span.start);
                let end = starts.get(later).copied().unwrap_or(section.end);
                Item {
                    id: span.clone(),
                    range: span.start..end,
                }
            })
            .collect()
    }

    /// The span of `key: value` in `item` (or anywhere in `section`), else of the item's id.
    pub(super) fn field(
        &self,
        section: &Range<usize>,
        item: &Item,
        key: &str,
        value: &str,
    ) -> Range<usize> {
        // The wider searches run only when the item's own range has no such line.
        let first = |found: Vec<Range<usize>>| found.into_iter().next();
        first(self.layout.entries(&item.range, key, value))
            .or_else(|| self.file.find_in(item.range.clone(), value))
            .or_else(|| first(self.layout.entries(section, key, value)))
            .or_else(|| self.file.find_in(section.clone(), value))
            .unwrap_or_else(|| item.id.clone())
    }

    /// Reports an id that is not lowercase letters, digits and hyphens.
    pub(super) fn id_format(&mut self, kind: &str, id: &str, span: Range<usize>) {
        if is_id(id) {
            return;
        }
        let message =
            format!("{kind} id `{id}` may use only lowercase letters, digits and hyphens");
        let slug = slug(id);
        let diagnostic = if slug.is_empty() {
            Diagnostic::error(message)
        } else {
            Diagnostic::error(message).with_hint(format!("write `{slug}`"))
        };
        self.report(diagnostic, span);
    }

    /// Reports an empty required text such as a name or label.
    pub(super) fn not_blank(&mut self, text: &str, what: &str, span: Range<usize>) {
        if text.trim().is_empty() {
            self.report(Diagnostic::error(format!("{what} is empty")), span);
        }
    }

    /// Checks an `article:` path and records it as a content link.
    pub(super) fn article(&mut self, owner: &str, target: &str, span: Range<usize>) {
        if target.starts_with("@/") {
            self.link(target, span);
        } else {
            let message = format!("the article of {owner} is not a content path: `{target}`");
            let hint = "write it as `@/cluster/page.md`";
            self.report(Diagnostic::error(message).with_hint(hint), span);
        }
    }

    /// Checks the links inside inline-markdown text written in `within`: unsafe schemes are
    /// errors, `@/` links are recorded.
    pub(super) fn text_links(&mut self, owner: &str, text: &str, within: Range<usize>) {
        for target in inline::link_targets(text) {
            let span = self
                .file
                .find_in(within.clone(), &target)
                .unwrap_or(within.start..within.start);
            if target.starts_with("@/") {
                self.link(&target, span);
            } else if !is_safe_href(&target) {
                let message = format!("{owner} links to an unsafe url `{target}`");
                let hint = "link to an https:// page instead";
                self.report(Diagnostic::error(message).with_hint(hint), span);
            }
        }
    }

    /// Records an `@/` link for the link stage.
    fn link(&mut self, target: &str, range: Range<usize>) {
        self.links.push(ContentLink {
            target: target.to_string(),
            file: self.file.clone(),
            range,
        });
    }
}

/// Is `id` made of lowercase ASCII letters, digits and hyphens only (and not empty)?
pub(super) fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// `Fractional CRO` → `fractional-cro`: a valid id close to what was written.
fn slug(text: &str) -> String {
    let lowered = text.to_lowercase();
    let words: Vec<&str> = lowered
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_slugs() {
        assert!(is_id("fractional-cro-2"));
        assert!(!is_id("Fractional CRO"));
        assert!(!is_id(""));
        assert_eq!(slug("Fractional CRO (2026)"), "fractional-cro-2026");
    }
}
