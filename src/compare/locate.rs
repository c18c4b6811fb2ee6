//! Where keys and values sit in a dataset file or a `compare` block, from the YAML
//! parser's spans.
//!
//! The checks know *what* is wrong (a duplicate id, an unknown key under `values`) but not
//! *where*: serde keeps no positions. A [`Layout`] reads the document once more as a
//! tree whose nodes know where they start ([`crate::yaml::tree`]) and indexes every key
//! (with the block it opens) and every scalar, so each lookup is a hash lookup: a dataset
//! of thousands of entities stays linear. Block and flow style are read alike.

use std::collections::HashMap;
use std::ops::Range;

use crate::source::SourceFile;
use crate::yaml::tree::{Kind, Node};

/// Every key and scalar of one document, by name and by text.
#[derive(Debug, Default)]
pub(super) struct Layout {
    /// Each key by its name, in document order.
    keys: HashMap<String, Vec<KeyAt>>,
    /// Each scalar value by its text, in document order, with the key it is written under.
    values: HashMap<String, Vec<(String, Range<usize>)>>,
}

/// Where one key is written.
#[derive(Debug, Clone)]
struct KeyAt {
    /// How many mappings deep it is.
    depth: usize,
    /// The key itself.
    key: Range<usize>,
    /// From the start of its line to the end of what is nested under it.
    block: Range<usize>,
}

impl Layout {
    /// The layout of the YAML in `within` of `file`; a document that does not parse has
    /// no keys and no values.
    pub(super) fn of(file: &SourceFile, within: Range<usize>) -> Layout {
        let text = file.text.get(within.clone()).unwrap_or_default();
        let mut layout = Layout::default();
        if let Ok(tree) = crate::yaml::tree_of(text) {
            let walk = Walk {
                text: &file.text,
                offset: within.start,
            };
            walk.node(&mut layout, &tree, "", 0, within.end);
        }
        layout
    }

    /// The spans of the key `key` inside `within`, at the least depth it is written at
    /// (so `cost` under `values` is found, not an entity named `cost` nested deeper).
    pub(super) fn keys(&self, within: &Range<usize>, key: &str) -> Vec<Range<usize>> {
        self.shallowest(within, key)
            .map(|at| at.key.clone())
            .collect()
    }

    /// The spans of the same keys as [`Layout::keys`], each with everything nested
    /// under it.
    pub(super) fn blocks(&self, within: &Range<usize>, key: &str) -> Vec<Range<usize>> {
        self.shallowest(within, key)
            .map(|at| at.block.clone())
            .collect()
    }

    fn shallowest<'a>(
        &'a self,
        within: &'a Range<usize>,
        key: &str,
    ) -> impl Iterator<Item = &'a KeyAt> + 'a {
        let inside = move |at: &&KeyAt| within.contains(&at.key.start);
        let found = self.keys.get(key).map_or(&[][..], Vec::as_slice);
        let least = found.iter().filter(inside).map(|at| at.depth).min();
        found
            .iter()
            .filter(inside)
            .filter(move |at| Some(at.depth) == least)
    }

    /// The spans of the scalars `value` written directly under the key `key` inside
    /// `within`, in order.
    pub(super) fn entries(
        &self,
        within: &Range<usize>,
        key: &str,
        value: &str,
    ) -> Vec<Range<usize>> {
        self.values
            .get(value)
            .into_iter()
            .flatten()
            .filter(|(k, span)| k == key && within.contains(&span.start))
            .map(|(_, span)| span.clone())
            .collect()
    }

    /// The spans of every scalar `word` inside `within` (an id in a list), in order.
    pub(super) fn words(&self, within: &Range<usize>, word: &str) -> Vec<Range<usize>> {
        self.values
            .get(word)
            .into_iter()
            .flatten()
            .filter(|(_, span)| within.contains(&span.start))
            .map(|(_, span)| span.clone())
            .collect()
    }
}

/// Reads a tree into a [`Layout`]: `offset` is where the tree's text starts in `text`.
struct Walk<'t> {
    text: &'t str,
    offset: usize,
}

impl Walk<'_> {
    /// Records `node`, written under `key` at `depth`, which ends before `end`.
    fn node(&self, layout: &mut Layout, node: &Node, key: &str, depth: usize, end: usize) {
        match &node.kind {
            Kind::Scalar(scalar) => {
                let span = self.scalar(node.start, &scalar.text);
                let values = layout.values.entry(scalar.text.clone()).or_default();
                values.push((key.to_string(), span));
            }
            Kind::Seq(items) => {
                for (i, item) in items.iter().enumerate() {
                    let next = items.get(i + 1).map_or(end, |n| self.offset + n.start);
                    self.node(layout, item, key, depth, next);
                }
            }
            Kind::Map(entries) => {
                for (i, (k, v)) in entries.iter().enumerate() {
                    let name = k.text().unwrap_or_default();
                    let next = entries
                        .get(i + 1)
                        .map_or(end, |(n, _)| self.offset + n.start);
                    let span = self.scalar(k.start, name);
                    let line_start = self.text[..span.start].rfind('\n').map_or(0, |i| i + 1);
                    let block_end =
                        line_start.max(span.start + self.text[span.start..next].trim_end().len());
                    layout
                        .keys
                        .entry(name.to_string())
                        .or_default()
                        .push(KeyAt {
                            depth,
                            key: span,
                            block: line_start..block_end,
                        });
                    self.node(layout, v, name, depth + 1, next);
                }
            }
        }
    }

    /// The span of a scalar starting at `start` of the tree's text, inside its quotes.
    fn scalar(&self, start: usize, written: &str) -> Range<usize> {
        let start = self.offset + start;
        let start = start + usize::from(self.text[start..].starts_with(['"', '\'']));
        start..(start + written.len()).min(self.text.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str = "\
title: x
entities:
- id: a
  name: \"A\"
- id: 'b' # the second
  name: B
dimensions:
  - id: cost
    label: Cost
values:
  cost:
    a: one
    b:
      value: two
      source: s
other: 1
";

    #[test]
    fn finds_the_least_deep_key() {
        let file = SourceFile::new("d.yaml", YAML);
        let all = 0..YAML.len();
        let layout = Layout::of(&file, all.clone());
        let span = layout.keys(&all, "cost");
        assert_eq!(span.len(), 1);
        assert_eq!(&YAML[span[0].clone()], "cost");
        assert_eq!(file.line_col(span[0].start).line, 11);
        assert!(layout.keys(&all, "missing").is_empty());
    }

    #[test]
    fn block_covers_nested_lines_and_same_level_sequences() {
        let file = SourceFile::new("d.yaml", YAML);
        let all = 0..YAML.len();
        let layout = Layout::of(&file, all.clone());
        let entities = &YAML[layout.blocks(&all, "entities")[0].clone()];
        assert!(entities.starts_with("entities:"));
        assert!(entities.ends_with("name: B"), "{entities}");
        let values = &YAML[layout.blocks(&all, "values")[0].clone()];
        assert!(values.ends_with("source: s"), "{values}");
    }

    #[test]
    fn entries_match_quoted_and_plain_values() {
        let file = SourceFile::new("d.yaml", YAML);
        let all = 0..YAML.len();
        let layout = Layout::of(&file, all.clone());
        let ids: Vec<_> = ["a", "b"]
            .iter()
            .map(|id| layout.entries(&all, "id", id))
            .collect();
        assert_eq!(&YAML[ids[0][0].clone()], "a");
        assert_eq!(&YAML[ids[1][0].clone()], "b");
        assert_eq!(file.line_col(ids[1][0].start).line, 5);
        assert_eq!(layout.entries(&all, "name", "A").len(), 1);
        assert!(layout.entries(&all, "id", "c").is_empty());
    }

    #[test]
    fn words_are_whole_scalars() {
        let text = "entities: [cro, fractional-cro, cro]";
        let file = SourceFile::new("b.md", text);
        let layout = Layout::of(&file, 0..text.len());
        assert_eq!(layout.words(&(0..text.len()), "cro"), vec![11..14, 32..35]);
    }
}
