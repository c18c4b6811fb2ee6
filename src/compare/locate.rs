//! Where keys and values sit in YAML text, which serde parses without keeping positions.
//!
//! The checks know *what* is wrong (a duplicate id, an unknown key under `values`) but not
//! *where*. These functions find it by reading block-style YAML line by line; each returns
//! `None` when the text is laid out otherwise (flow style, say) and the caller falls back
//! to a wider span.

use std::collections::HashMap;
use std::ops::Range;

use crate::source::SourceFile;

/// One non-blank, non-comment line: where its content starts, after indentation and any
/// `- ` sequence markers. Counting the markers as indentation makes a sequence written at
/// its parent key's level (`entities:` then `- id: a`) nest under that key.
struct Line<'a> {
    /// Byte offset of the line's first character in the file.
    start: usize,
    /// Byte offset just past the line's last character (before the newline).
    end: usize,
    /// Column of the content, counting sequence markers as indentation.
    column: usize,
    /// The content.
    body: &'a str,
}

impl Line<'_> {
    /// Byte offset of the content in the file.
    fn body_start(&self) -> usize {
        self.end - self.body.len()
    }

    /// The key of a `key: value` line and the rest after the colon.
    fn key(&self) -> Option<(&str, &str)> {
        let body = self.body;
        if let Some(quote @ ('"' | '\'')) = body.chars().next() {
            let close = body[1..].find(quote)? + 1;
            let rest = body[close + 1..].strip_prefix(':')?;
            return Some((&body[1..close], rest));
        }
        let colon = body
            .find(": ")
            .or_else(|| body.find(":\t"))
            .or_else(|| body.strip_suffix(':').map(str::len))?;
        Some((&body[..colon], &body[colon + 1..]))
    }
}

/// The lines of `within`, skipping blanks and comments.
fn lines(file: &SourceFile, within: Range<usize>) -> impl Iterator<Item = Line<'_>> {
    let text = file.text.get(within.clone()).unwrap_or_default();
    let mut offset = within.start;
    text.split_inclusive('\n').filter_map(move |raw| {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let mut body = line.trim_start_matches(' ');
        while let Some(rest) = body.strip_prefix('-') {
            if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
                break;
            }
            body = rest.trim_start();
        }
        let body = body.trim_end();
        if body.is_empty() || body.starts_with('#') {
            return None;
        }
        let end = start + line.trim_end().len();
        Some(Line {
            start,
            end,
            column: line.trim_end().len() - body.len(),
            body,
        })
    })
}

/// The lines of `within` whose key is `key`, at the least indentation any of them has.
fn key_lines<'a>(file: &'a SourceFile, within: Range<usize>, key: &str) -> Vec<Line<'a>> {
    let found: Vec<Line> = lines(file, within)
        .filter(|line| line.key().is_some_and(|(k, _)| k == key))
        .collect();
    let least = found.iter().map(|line| line.column).min().unwrap_or(0);
    found.into_iter().filter(|l| l.column == least).collect()
}

/// The spans of the key `key` inside `within`, at the least indentation it is written at
/// (so `cost` under `values` is found, not an entity named `cost` nested deeper).
pub(super) fn keys(file: &SourceFile, within: Range<usize>, key: &str) -> Vec<Range<usize>> {
    key_lines(file, within, key)
        .iter()
        .map(|line| {
            let start = line.body_start() + usize::from(line.body.starts_with(['"', '\'']));
            start..start + key.len()
        })
        .collect()
}

/// The spans of the same keys as [`keys`], each with everything nested under it.
pub(super) fn blocks(file: &SourceFile, within: Range<usize>, key: &str) -> Vec<Range<usize>> {
    key_lines(file, within.clone(), key)
        .iter()
        .map(|line| {
            let end = lines(file, line.end..within.end)
                .take_while(|next| next.column > line.column)
                .last()
                .map_or(line.end, |last| last.end);
            line.start..end
        })
        .collect()
}

/// Every key of a range found in one pass, for finding many of them: what [`keys`] and
/// [`blocks`] give for each key, without reading the range once per key (a dataset of
/// thousands of entities would take quadratic time).
pub(super) struct KeyIndex {
    found: HashMap<String, Vec<KeySpans>>,
}

/// Where one key is written: the key itself, and the key with everything under it.
type KeySpans = (Range<usize>, Range<usize>);

impl KeyIndex {
    /// Indexes the keys of `within`.
    pub(super) fn new(file: &SourceFile, within: Range<usize>) -> KeyIndex {
        let all: Vec<Line> = lines(file, within.clone()).collect();
        let mut by_key: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, line) in all.iter().enumerate() {
            if let Some((key, _)) = line.key() {
                by_key.entry(key).or_default().push(i);
            }
        }
        let found = by_key
            .into_iter()
            .map(|(key, at)| {
                let least = at.iter().map(|&i| all[i].column).min().unwrap_or(0);
                let spans = at
                    .into_iter()
                    .filter(|&i| all[i].column == least)
                    .map(|i| {
                        let line = &all[i];
                        let start =
                            line.body_start() + usize::from(line.body.starts_with(['"', '\'']));
                        let end = all[i + 1..]
                            .iter()
                            .take_while(|next| next.column > line.column)
                            .last()
                            .map_or(line.end, |last| last.end);
                        (start..start + key.len(), line.start..end)
                    })
                    .collect();
                (key.to_string(), spans)
            })
            .collect();
        KeyIndex { found }
    }

    /// The spans of `key`, as [`keys`] finds them.
    pub(super) fn keys(&self, key: &str) -> Vec<Range<usize>> {
        self.spans(key).map(|(key, _)| key.clone()).collect()
    }

    /// The spans of `key` with everything nested under it, as [`blocks`] finds them.
    pub(super) fn blocks(&self, key: &str) -> Vec<Range<usize>> {
        self.spans(key).map(|(_, block)| block.clone()).collect()
    }

    fn spans(&self, key: &str) -> impl Iterator<Item = &KeySpans> {
        self.found.get(key).into_iter().flatten()
    }
}

/// The spans of the values of every `key: value` line in `within`, by value (unquoted),
/// in order: [`entries`] for every value at once.
pub(super) fn entries_by_value(
    file: &SourceFile,
    within: Range<usize>,
    key: &str,
) -> HashMap<String, Vec<Range<usize>>> {
    let mut found: HashMap<String, Vec<Range<usize>>> = HashMap::new();
    for line in lines(file, within) {
        let Some((k, rest)) = line.key() else {
            continue;
        };
        if k != key {
            continue;
        }
        let (start, value) = value_span(&line, rest);
        found
            .entry(value.to_string())
            .or_default()
            .push(start..start + value.len());
    }
    found
}

/// Where the scalar after a key's colon starts, and the scalar without its quotes.
fn value_span<'a>(line: &Line, rest: &'a str) -> (usize, &'a str) {
    let written = scalar(rest);
    let unquoted = written
        .strip_prefix(['"', '\''])
        .and_then(|w| w.strip_suffix(['"', '\'']))
        .unwrap_or(written);
    let start = line.end - rest.len() + (rest.len() - rest.trim_start().len());
    (start + (written.len() - unquoted.len()) / 2, unquoted)
}

/// The spans of the values of every `key: value` line in `within` whose value is `value`
/// (quoted or not), in order.
pub(super) fn entries(
    file: &SourceFile,
    within: Range<usize>,
    key: &str,
    value: &str,
) -> Vec<Range<usize>> {
    lines(file, within)
        .filter_map(|line| {
            let (k, rest) = line.key()?;
            if k != key {
                return None;
            }
            let (start, unquoted) = value_span(&line, rest);
            if unquoted != value {
                return None;
            }
            Some(start..start + value.len())
        })
        .collect()
}

/// The scalar after a key's colon, without surrounding space or a trailing comment.
fn scalar(rest: &str) -> &str {
    let rest = rest.trim();
    let quoted = rest.starts_with(['"', '\'']);
    let rest = match rest.find(" #") {
        Some(i) if !quoted || rest[..i].trim_end().ends_with(['"', '\'']) => &rest[..i],
        _ => rest,
    };
    rest.trim_end()
}

/// The spans of `word` in `within` where it stands as a whole id (not part of a longer one).
pub(super) fn words(file: &SourceFile, within: Range<usize>, word: &str) -> Vec<Range<usize>> {
    let Some(text) = file.text.get(within.clone()) else {
        return Vec::new();
    };
    let is_id_char = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    text.match_indices(word)
        .filter(|(i, _)| {
            let before = text[..*i].chars().next_back();
            let after = text[i + word.len()..].chars().next();
            !before.is_some_and(is_id_char) && !after.is_some_and(is_id_char)
        })
        .map(|(i, _)| within.start + i..within.start + i + word.len())
        .collect()
}

/// Every whole id in `within` (runs of letters, digits, `-` and `_`) with its spans, in
/// order: [`words`] for every word at once.
pub(super) fn words_by_text(
    file: &SourceFile,
    within: Range<usize>,
) -> HashMap<&str, Vec<Range<usize>>> {
    let mut found: HashMap<&str, Vec<Range<usize>>> = HashMap::new();
    let Some(text) = file.text.get(within.clone()) else {
        return found;
    };
    let is_id_char = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (is_id_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                found
                    .entry(&text[s..i])
                    .or_default()
                    .push(within.start + s..within.start + i);
                start = None;
            }
            _ => {}
        }
    }
    found
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
    fn finds_the_least_indented_key() {
        let file = SourceFile::new("d.yaml", YAML);
        let all = 0..YAML.len();
        let span = keys(&file, all.clone(), "cost");
        assert_eq!(span.len(), 1);
        assert_eq!(&YAML[span[0].clone()], "cost");
        assert_eq!(file.line_col(span[0].start).line, 11);
        assert!(keys(&file, all, "missing").is_empty());
    }

    #[test]
    fn block_covers_nested_lines_and_same_level_sequences() {
        let file = SourceFile::new("d.yaml", YAML);
        let all = 0..YAML.len();
        let entities = &YAML[blocks(&file, all.clone(), "entities")[0].clone()];
        assert!(entities.starts_with("entities:"));
        assert!(entities.ends_with("name: B"), "{entities}");
        let values = &YAML[blocks(&file, all, "values")[0].clone()];
        assert!(values.ends_with("source: s"), "{values}");
    }

    #[test]
    fn entries_match_quoted_and_plain_values() {
        let file = SourceFile::new("d.yaml", YAML);
        let all = 0..YAML.len();
        let ids: Vec<_> = ["a", "b"]
            .iter()
            .map(|id| entries(&file, all.clone(), "id", id))
            .collect();
        assert_eq!(&YAML[ids[0][0].clone()], "a");
        assert_eq!(&YAML[ids[1][0].clone()], "b");
        assert_eq!(file.line_col(ids[1][0].start).line, 5);
        assert_eq!(entries(&file, all.clone(), "name", "A").len(), 1);
        assert!(entries(&file, all, "id", "c").is_empty());
    }

    #[test]
    fn words_skip_longer_ids() {
        let file = SourceFile::new("b.md", "entities: [cro, fractional-cro, cro]");
        let found = words(&file, 0..file.text.len(), "cro");
        assert_eq!(found, vec![11..14, 32..35]);
    }
}
