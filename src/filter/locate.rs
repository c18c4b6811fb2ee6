//! Where the parts of a filter file are written, from the YAML parser's spans.
//!
//! The checks know *what* is wrong (a duplicate id, an unknown option) but not *where*:
//! serde keeps no positions. [`Outline`] reads the file once more as a tree whose nodes
//! know where they start ([`crate::yaml::tree`]) and keeps the items of `questions`,
//! `outcomes` and `rules` and every key and scalar, so a check asks where a key or a
//! value inside an item is written. Block and flow style are read alike.

use std::ops::Range;

use crate::yaml::tree::{Kind, Node};

/// The sections of a filter file, their items, and every key and scalar, by position.
#[derive(Debug, Clone, Default)]
pub(crate) struct Outline {
    /// The `questions:` key and its items.
    pub questions: Section,
    /// The `outcomes:` key and its items.
    pub outcomes: Section,
    /// The `rules:` key and its items.
    pub rules: Section,
    /// Every mapping key: its text and its span.
    keys: Vec<(String, Range<usize>)>,
    /// Every scalar value: the key it is written under, its text and its span.
    values: Vec<(String, String, Range<usize>)>,
    /// Every block or flow sequence under an `options` key, by the span of its key.
    options: Vec<(usize, Vec<Range<usize>>)>,
}

/// A top-level key holding a sequence.
#[derive(Debug, Clone, Default)]
pub(crate) struct Section {
    /// The key itself, e.g. `rules`, if found.
    pub key: Option<Range<usize>>,
    /// Each item, from its `-` to the start of the next item.
    pub items: Vec<Range<usize>>,
}

impl Outline {
    /// Reads the outline of a filter file's text; a text that is no YAML has none.
    pub(crate) fn of(text: &str) -> Self {
        let Ok(tree) = crate::yaml::tree_of(text) else {
            return Outline::default();
        };
        let mut outline = Outline::default();
        outline.walk(text, &tree, "", text.len());
        if let Kind::Map(entries) = &tree.kind {
            for (i, (key, value)) in entries.iter().enumerate() {
                let end = entries
                    .get(i + 1)
                    .map_or(text.len(), |(next, _)| next.start);
                let section = Section {
                    key: Some(key_span(text, key)),
                    items: items(text, value, end),
                };
                match key.text() {
                    Some("questions") => outline.questions = section,
                    Some("outcomes") => outline.outcomes = section,
                    Some("rules") => outline.rules = section,
                    _ => {}
                }
            }
        }
        outline
    }

    /// Records the keys and scalars under `node`, which is written under `key` and ends
    /// before `end`.
    fn walk(&mut self, text: &str, node: &Node, key: &str, end: usize) {
        match &node.kind {
            Kind::Scalar(scalar) => {
                let start = node.start + usize::from(text[node.start..].starts_with(['"', '\'']));
                let span = start..(start + scalar.text.len()).min(text.len());
                self.values
                    .push((key.to_string(), scalar.text.clone(), span));
            }
            Kind::Seq(list) => {
                for item in list {
                    self.walk(text, item, key, end);
                }
            }
            Kind::Map(entries) => {
                for (i, (k, v)) in entries.iter().enumerate() {
                    let name = k.text().unwrap_or_default();
                    let span = key_span(text, k);
                    if name == "options" {
                        let next = entries.get(i + 1).map_or(end, |(next, _)| next.start);
                        self.options.push((span.start, items(text, v, next)));
                    }
                    self.keys.push((name.to_string(), span));
                    let next = entries.get(i + 1).map_or(end, |(next, _)| next.start);
                    self.walk(text, v, name, next);
                }
            }
        }
    }

    /// The span of the first key `key` written inside `range`.
    pub(crate) fn key(&self, range: Range<usize>, key: &str) -> Option<Range<usize>> {
        self.keys
            .iter()
            .find(|(k, span)| k == key && range.contains(&span.start))
            .map(|(_, span)| span.clone())
    }

    /// The span of `value` written under the key `key` inside `range` (the value may
    /// be quoted, or one of a list).
    pub(crate) fn value(
        &self,
        range: Range<usize>,
        key: &str,
        value: &str,
    ) -> Option<Range<usize>> {
        self.values
            .iter()
            .find(|(k, v, span)| k == key && v == value && range.contains(&span.start))
            .map(|(_, _, span)| span.clone())
    }

    /// The items of the `options` list written inside `range` (a question).
    pub(crate) fn options(&self, range: Range<usize>) -> Vec<Range<usize>> {
        self.options
            .iter()
            .find(|(at, _)| range.contains(at))
            .map(|(_, items)| items.clone())
            .unwrap_or_default()
    }
}

/// The span of a mapping key, inside its quotes if it has them.
fn key_span(text: &str, key: &Node) -> Range<usize> {
    let name = key.text().unwrap_or_default();
    let start = key.start + usize::from(text[key.start..].starts_with(['"', '\'']));
    start..(start + name.len()).min(text.len())
}

/// The items of a sequence node, each from its `-` (or its first character in a flow
/// list) to the start of the next item; the last one ends at `end`.
fn items(text: &str, node: &Node, end: usize) -> Vec<Range<usize>> {
    let Kind::Seq(list) = &node.kind else {
        return Vec::new();
    };
    let starts: Vec<usize> = list
        .iter()
        .map(|item| dash_before(text, item.start))
        .collect();
    starts
        .iter()
        .enumerate()
        .map(|(i, &s)| s..starts.get(i + 1).copied().unwrap_or(end).max(s))
        .collect()
}

/// The offset of the `- ` that opens a block sequence item starting at `start`, or
/// `start` in a flow list.
fn dash_before(text: &str, start: usize) -> usize {
    let before = text[..start].trim_end_matches([' ', '\t']);
    match before.strip_suffix('-') {
        Some(rest) if rest.is_empty() || rest.ends_with([' ', '\n', '-']) => rest.len(),
        _ => start,
    }
}

/// The first line of a range, to underline an item without its whole body.
pub(crate) fn head(text: &str, range: Range<usize>) -> Range<usize> {
    let end = text[range.clone()]
        .find('\n')
        .map_or(range.end, |i| range.start + i);
    range.start..end
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_'
}

/// The span of `word` in `range` of `text` where it is not part of a longer word (a
/// link inside an outcome's text).
pub(crate) fn word(text: &str, range: Range<usize>, word: &str) -> Option<Range<usize>> {
    let hay = &text[range.clone()];
    hay.match_indices(word).find_map(|(i, _)| {
        let start = range.start + i;
        let end = start + word.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        let bounded = !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char);
        (bounded && !word.is_empty()).then_some(start..end)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "title: t\nquestions:\n  - id: a\n    options:\n      - id: x\n        label: X\n      - id: y\n        label: Y\nrules:\n- when: {a: x}\n  outcome: o\n# a comment\n- outcome: p\n  when:\n    a: [x, \"y\"]\noutcomes: []\n";

    fn at(range: Range<usize>) -> &'static str {
        &TEXT[range]
    }

    #[test]
    fn finds_sections_and_items() {
        let o = Outline::of(TEXT);
        assert_eq!(at(o.questions.key.clone().unwrap()), "questions");
        assert_eq!(o.questions.items.len(), 1);
        assert_eq!(o.rules.items.len(), 2);
        assert!(at(o.rules.items[1].clone()).starts_with("- outcome: p"));
        assert!(at(o.rules.items[1].clone()).ends_with("\"y\"]\n"));
        assert!(o.outcomes.items.is_empty());
        assert_eq!(at(head(TEXT, o.rules.items[0].clone())), "- when: {a: x}");
        let options = o.options(o.questions.items[0].clone());
        assert_eq!(options.len(), 2);
        assert!(at(options[1].clone()).starts_with("- id: y"));
    }

    #[test]
    fn finds_keys_and_values_as_written() {
        let o = Outline::of(TEXT);
        let second = o.rules.items[1].clone();
        let y = o.value(second.clone(), "a", "y").unwrap();
        assert_eq!(&TEXT[y.start - 1..y.end + 1], "\"y\"");
        assert!(o.value(second.clone(), "a", "z").is_none());
        assert_eq!(at(o.key(second, "when").unwrap()), "when");
        let question = o.questions.items[0].clone();
        assert_eq!(at(o.value(question.clone(), "id", "a").unwrap()), "a");
        assert!(word(TEXT, question, "i").is_none());
    }
}
