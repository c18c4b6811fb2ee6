//! Finding the parts of a filter file in its text, since serde keeps no positions.
//!
//! The file is block-style YAML as documented: top-level keys at column 0, sequences of
//! items starting with `- `. [`Outline`] finds the items of `questions`, `outcomes` and
//! `rules` by reading lines, and the helpers find a key or a value inside an item. Where
//! the text is written some other way (flow style, say) a lookup finds nothing and the
//! caller points at the enclosing item, section or file instead.

use std::ops::Range;

/// The sections of a filter file and their items, as byte ranges.
#[derive(Debug, Clone, Default)]
pub(crate) struct Outline {
    /// The `questions:` key and its items.
    pub questions: Section,
    /// The `outcomes:` key and its items.
    pub outcomes: Section,
    /// The `rules:` key and its items.
    pub rules: Section,
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
    /// Reads the outline of a filter file's text.
    pub(crate) fn of(text: &str) -> Self {
        Outline {
            questions: Section::of(text, "questions"),
            outcomes: Section::of(text, "outcomes"),
            rules: Section::of(text, "rules"),
        }
    }
}

impl Section {
    fn of(text: &str, key: &str) -> Self {
        let Some((key_range, body)) = top_level(text, key) else {
            return Section::default();
        };
        Section {
            key: Some(key_range),
            items: items(text, body),
        }
    }
}

/// The lines of `text` inside `range`, as (start, line without its newline).
fn lines(text: &str, range: Range<usize>) -> impl Iterator<Item = (usize, &str)> {
    let mut start = range.start;
    text[range.clone()].split_inclusive('\n').map(move |line| {
        let at = start;
        start += line.len();
        (at, line.trim_end_matches(['\n', '\r']))
    })
}

/// The span of a top-level `key:` and the byte range of its value.
fn top_level(text: &str, key: &str) -> Option<(Range<usize>, Range<usize>)> {
    let mut found: Option<(Range<usize>, usize)> = None;
    for (at, line) in lines(text, 0..text.len()) {
        match &found {
            None => {
                let rest = line.strip_prefix(key).map(str::trim_start);
                if rest.is_some_and(|r| r.starts_with(':')) {
                    found = Some((at..at + key.len(), at + key.len()));
                }
            }
            Some((span, body_start)) => {
                let first = line.chars().next();
                let ends = first.is_some_and(|c| !c.is_whitespace() && c != '-' && c != '#');
                if ends {
                    return Some((span.clone(), *body_start..at));
                }
            }
        }
    }
    found.map(|(span, body_start)| (span, body_start..text.len()))
}

/// The block-sequence items of `range`: the least indented `- ` lines start them.
pub(crate) fn items(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let dashes: Vec<(usize, usize)> = lines(text, range.clone())
        .filter_map(|(at, line)| {
            let indent = line.len() - line.trim_start_matches(' ').len();
            let rest = &line[indent..];
            let is_item = rest == "-" || rest.starts_with("- ");
            is_item.then_some((indent, at + indent))
        })
        .collect();
    let Some(min) = dashes.iter().map(|&(indent, _)| indent).min() else {
        return Vec::new();
    };
    let starts: Vec<usize> = dashes
        .into_iter()
        .filter(|&(indent, _)| indent == min)
        .map(|(_, at)| at)
        .collect();
    starts
        .iter()
        .enumerate()
        .map(|(i, &s)| s..starts.get(i + 1).copied().unwrap_or(range.end))
        .collect()
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

/// Each occurrence of `word` in `range` that is not part of a longer word.
fn words<'a>(
    text: &'a str,
    range: Range<usize>,
    word: &'a str,
) -> impl Iterator<Item = Range<usize>> + 'a {
    let hay = &text[range.clone()];
    hay.match_indices(word).filter_map(move |(i, _)| {
        let start = range.start + i;
        let end = start + word.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        let bounded = !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char);
        (bounded && !word.is_empty()).then_some(start..end)
    })
}

/// The span of the key `key` (followed by `:`) inside `range`.
pub(crate) fn key(text: &str, range: Range<usize>, key: &str) -> Option<Range<usize>> {
    words(text, range, key).find(|span| {
        let after = text[span.end..].trim_start_matches(['"', '\'']);
        after.trim_start_matches(' ').starts_with(':')
    })
}

/// The span of `value` after the key `key` inside `range` (the value may be quoted, or
/// one of a list).
pub(crate) fn value(
    text: &str,
    range: Range<usize>,
    key_name: &str,
    value: &str,
) -> Option<Range<usize>> {
    let mut from = range.start;
    while let Some(k) = key(text, from..range.end, key_name) {
        if let Some(v) = words(text, k.end..range.end, value).next() {
            return Some(v);
        }
        from = k.end;
    }
    None
}

/// The span of `value` anywhere in `range`, as a whole word.
pub(crate) fn word(text: &str, range: Range<usize>, value: &str) -> Option<Range<usize>> {
    words(text, range, value).next()
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
        let question = o.questions.items[0].clone();
        let after = key(TEXT, question.clone(), "options").unwrap().end;
        let options = items(TEXT, after..question.end);
        assert_eq!(options.len(), 2);
        assert!(at(options[1].clone()).starts_with("- id: y"));
    }

    #[test]
    fn finds_keys_and_values_as_whole_words() {
        let o = Outline::of(TEXT);
        let second = o.rules.items[1].clone();
        assert_eq!(at(value(TEXT, second.clone(), "a", "y").unwrap()), "y");
        let y = value(TEXT, second.clone(), "a", "y").unwrap();
        assert_eq!(&TEXT[y.start - 1..y.end + 1], "\"y\"");
        assert!(value(TEXT, second.clone(), "a", "z").is_none());
        assert_eq!(at(key(TEXT, second.clone(), "when").unwrap()), "when");
        let question = o.questions.items[0].clone();
        assert_eq!(at(value(TEXT, question.clone(), "id", "a").unwrap()), "a");
        assert!(word(TEXT, question, "i").is_none());
    }
}
