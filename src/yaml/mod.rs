//! The one place that parses YAML.
//!
//! Front matter, `site.yaml`, comparison datasets, decision filters and the YAML bodies of
//! `compare` / `decision` blocks all come through [`parse`] or [`parse_all`]. The parser
//! is `serde-saphyr`: it keeps serde's data model, reports each mistake as a typed error
//! with its byte offset (no English message to take apart), and reads the text into a
//! [`tree::Node`] with the place of every key and value when a diagnostic needs a key
//! path or a later stage needs a value's place.

mod report;
pub(crate) mod tree;

use std::collections::BTreeSet;
use std::ops::Range;

use serde::de::DeserializeOwned;

use crate::diagnostics::Diagnostic;
use crate::source::SourceFile;

/// How many mistakes one document reports at most: each one costs a parse.
const MOST_MISTAKES: usize = 20;

/// Parses the YAML in `range` of `file` into `T`, reporting the first mistake.
///
/// An empty or blank document parses as an empty mapping, so a struct whose fields all
/// have defaults can be read from it and missing required keys are reported by name.
pub(crate) fn parse<T: DeserializeOwned>(
    file: &SourceFile,
    range: Range<usize>,
) -> Result<T, Diagnostic> {
    let text = &file.text[range.clone()];
    let text = if text.trim().is_empty() { "{}" } else { text };
    match serde_saphyr::from_str_with_options(text, options()) {
        // A document of comments only holds nothing, as a blank one.
        Err(serde_saphyr::Error::Eof { .. }) => {
            serde_saphyr::from_str_with_options("{}", options())
        }
        parsed => parsed,
    }
    .map_err(|err| report::diagnostic(file, range, &err))
}

/// Parses a whole file of YAML into `T`, reporting the first mistake.
pub(crate) fn parse_file<T: DeserializeOwned>(file: &SourceFile) -> Result<T, Diagnostic> {
    parse(file, 0..file.text.len())
}

/// Parses the YAML in `range` of `file` into `T`, reporting every mistake of the schema
/// (unknown keys, wrong types, bad values), not only the first.
///
/// After a mistake, the top-level entry that holds it is blanked out (turned into
/// spaces, so every later position stays where it is) and the text is read again; a
/// required key blanked out this way is not reported missing. A syntax error ends the
/// list: what follows it cannot be read.
pub(crate) fn parse_all<T: DeserializeOwned>(
    file: &SourceFile,
    range: Range<usize>,
) -> Result<T, Vec<Diagnostic>> {
    let first = match parse(file, range.clone()) {
        Ok(value) => return Ok(value),
        Err(first) => first,
    };
    let mut found = vec![first];
    let mut text = file.text[range.clone()].to_string();
    let mut blanked: BTreeSet<String> = BTreeSet::new();
    while found.len() < MOST_MISTAKES {
        let Some(offset) = found.last().and_then(start_of) else {
            break;
        };
        let Some(entry) = top_entry(&text, offset.saturating_sub(range.start)) else {
            break;
        };
        if let Some(key) = text[entry.clone()].split(':').next() {
            blanked.insert(key.trim().trim_matches(['"', '\'']).to_string());
        }
        text.replace_range(entry.clone(), &blank(&text[entry]));
        let err = match serde_saphyr::from_str_with_options::<T>(&text, options()) {
            Ok(_) => break,
            Err(err) => err,
        };
        if !report::is_schema_mistake(&err) {
            break;
        }
        let missing = report::missing_key(&err);
        if missing.is_some_and(|key| blanked.contains(key)) {
            break;
        }
        // The blanked text keeps every offset, so the error points into the real file.
        let diagnostic = report::diagnostic(file, range.clone(), &err);
        if found.last().map(ToString::to_string) == Some(diagnostic.to_string()) {
            break;
        }
        found.push(diagnostic);
        if missing.is_some() {
            // serde reports a missing key when its mapping ends: nothing follows.
            break;
        }
    }
    Err(found)
}

/// The byte offset in its file where a diagnostic points.
fn start_of(diagnostic: &Diagnostic) -> Option<usize> {
    let location = diagnostic.location.as_ref()?;
    location.span.as_ref().map(|span| span.range.start)
}

/// YAML text as plain data, whatever keys it holds (the front matter of a site being
/// imported); a mistake as the parser words it, with its line and column.
pub(crate) fn to_value(text: &str) -> Result<serde_json::Value, String> {
    serde_saphyr::from_str_with_options(text, options()).map_err(|err| err.to_string())
}

/// The document `text` as a tree of nodes with their places.
pub(crate) fn tree_of(text: &str) -> Result<tree::Node, serde_saphyr::Error> {
    serde_saphyr::from_str_with_options(text, options())
}

/// The byte range of the top-level entry that holds `offset` in `text`.
fn top_entry(text: &str, offset: usize) -> Option<Range<usize>> {
    let tree = tree_of(text).ok()?;
    tree.top_entry(offset, text.len())
}

/// `text` with every character but line breaks turned into spaces of the same byte length.
fn blank(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\r' => c.to_string(),
            _ => " ".repeat(c.len_utf8()),
        })
        .collect()
}

/// The parser's settings: YAML 1.2's booleans (`yes` is a string, as in serde_yaml),
/// errors without a snippet (pillar renders its own), and the default budget that
/// bounds aliases and nesting.
fn options() -> serde_saphyr::Options {
    let mut options = serde_saphyr::Options::default();
    options.strict_booleans = true;
    options.with_snippet = false;
    // Repeated keys reach serde as serde_yaml passed them: a struct rejects a repeated
    // field, and the checks of datasets and filters name a repeated id themselves.
    options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::PassThrough;
    options
}
#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Example {
        title: String,
        #[serde(default)]
        tags: Vec<String>,
    }

    fn error_of(text: &str) -> Diagnostic {
        let file = SourceFile::new("x.yaml", text);
        parse_file::<Example>(&file).unwrap_err()
    }

    #[test]
    fn unknown_key_suggests_the_closest() {
        let d = error_of("title: a\ntgas: [x]\n");
        assert_eq!(d.message, "unknown key `tgas`");
        assert_eq!(d.hint.as_deref(), Some("did you mean `tags`?"));
        assert_eq!(d.line_col().unwrap().line, 2);
    }

    #[test]
    fn wrong_type_names_key_and_expected_type() {
        let d = error_of("title: a\ntags: 3\n");
        assert!(
            d.message.starts_with("`tags` has the wrong type"),
            "{}",
            d.message
        );
        assert!(d.message.contains("expected a sequence"), "{}", d.message);
        assert_eq!(d.line_col().unwrap().line, 2);
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Dated {
        title: String,
        date: crate::model::Date,
    }

    #[test]
    fn invalid_value_points_at_the_value() {
        let file = SourceFile::new("x.yaml", "title: a\ndate: 2026-02-30\n");
        let d = parse_file::<Dated>(&file).unwrap_err();
        assert_eq!(d.line_col().unwrap().line, 2, "{d}");
        assert!(
            d.message.starts_with("`date` is not valid"),
            "{}",
            d.message
        );
        assert!(
            d.message.contains("a date like 2026-05-27"),
            "{}",
            d.message
        );
    }

    #[test]
    fn missing_key_is_named() {
        let d = error_of("tags: []\n");
        assert_eq!(d.message, "missing required key `title`");
    }

    #[test]
    fn malformed_yaml_points_at_the_line() {
        let d = error_of("title: a\ntags: [x\n");
        assert!(d.message.starts_with("invalid YAML"), "{}", d.message);
        assert!(d.line_col().is_some());
    }

    #[test]
    fn a_colon_in_a_value_asks_for_quotes() {
        let d = error_of("title: Pricing: a guide\n");
        assert!(d.message.starts_with("invalid YAML"), "{}", d.message);
        assert_eq!(
            d.hint.as_deref(),
            Some("a value that contains `: ` must be quoted: `title: \"Pricing: a guide\"`")
        );
        let d = error_of("title: a\n  tags: [x]\n");
        assert!(d.hint.unwrap().contains("indent"), "{}", d.message);
    }

    #[test]
    fn wrong_types_say_how_to_write_the_value() {
        assert_eq!(
            error_of("title: a\ntags: 3\n").hint.as_deref(),
            Some("write a list: `[a, b]`, or one `- item` per line")
        );
    }

    /// Five mistakes of a front matter give five diagnostics, in the order written.
    #[test]
    fn every_mistake_is_reported() {
        let text = "tgas: [x]\ndraft: sometimes\nweight: heavy\ntitle: [a]\nslgu: s\n";
        let file = SourceFile::new("a.md", text);
        let found = parse_all::<crate::model::FrontMatter>(&file, 0..text.len()).unwrap_err();
        let lines: Vec<usize> = found.iter().map(|d| d.line_col().unwrap().line).collect();
        assert_eq!(lines, [1, 2, 3, 4, 5], "{found:?}");
        assert_eq!(found[4].message, "unknown key `slgu`");
    }

    /// A required key whose entry held a mistake is not reported missing as well.
    #[test]
    fn a_blanked_required_key_is_not_missing() {
        let found = parse_all::<Example>(
            &SourceFile::new(
                "x.yaml",
                "title: [a]
tgas: 1
",
            ),
            0..19,
        )
        .unwrap_err();
        let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert_eq!(messages[1], "unknown key `tgas`");
    }

    #[test]
    fn position_is_relative_to_the_range() {
        let file = SourceFile::new("a.md", "---\ntitle: a\nbad: 1\n---\n");
        let d = parse::<Example>(&file, 4..20).unwrap_err();
        assert_eq!(d.line_col().unwrap().line, 3);
    }
}
