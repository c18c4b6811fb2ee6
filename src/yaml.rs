//! The one place that parses YAML.
//!
//! Front matter, `site.yaml`, comparison datasets, decision filters and the YAML bodies of
//! `compare` / `decision` blocks all come through [`parse`], which turns the parser's
//! complaints into [`Diagnostic`]s that point at the right line and column of the right
//! file and suggest the closest known key for a misspelt one. Keeping `serde_yaml` behind
//! this module means swapping the YAML library touches one file.

use std::ops::Range;

use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, closest};
use crate::source::SourceFile;

/// Parses the YAML in `range` of `file` into `T`.
///
/// An empty or blank document parses as an empty mapping, so a struct whose fields all
/// have defaults can be read from it and missing required keys are reported by name.
pub fn parse<T: DeserializeOwned>(file: &SourceFile, range: Range<usize>) -> Result<T, Diagnostic> {
    let text = &file.text[range.clone()];
    let text = if text.trim().is_empty() { "{}" } else { text };
    serde_yaml::from_str(text).map_err(|err| to_diagnostic(file, range, &err))
}

/// Parses a whole file of YAML into `T`.
pub fn parse_file<T: DeserializeOwned>(file: &SourceFile) -> Result<T, Diagnostic> {
    parse(file, 0..file.text.len())
}

fn to_diagnostic(file: &SourceFile, range: Range<usize>, err: &serde_yaml::Error) -> Diagnostic {
    let raw = err.to_string();
    let message = strip_position(&raw);
    let offset = err
        .location()
        .map(|loc| offset_of(&file.text[range.clone()], loc.line(), loc.column()))
        .map_or(range.start, |o| range.start + o);
    // serde reports a bad value found by a custom type (a date, say) at the start of the
    // mapping; point at the value itself when its text can be found.
    let offset = quoted_value(message)
        .filter(|_| message.contains("invalid value"))
        .and_then(|v| file.find_in(range.clone(), v))
        .map_or(offset, |found| found.start);
    let offset = duplicate_key(message)
        .and_then(|key| second_key(&file.text, range.clone(), offset, key))
        .unwrap_or(offset);
    let key = key_on_line(&file.text, offset);
    let (message, hint) =
        explain(message, key).unwrap_or_else(|| (format!("invalid YAML: {message}"), None));
    let hint = hint.or_else(|| syntax_hint(&message, &file.text, offset));
    let span_end = word_end(&file.text, offset);
    let diagnostic = Diagnostic::error(message).at(file, offset..span_end);
    match hint {
        Some(hint) => diagnostic.with_hint(hint),
        None => diagnostic,
    }
}

/// Rewrites serde's wording into an author's terms, with a hint where one helps;
/// `None` for a message that is not serde's (a syntax error of the format). `key` is
/// the key written where the problem is, if known. The TOML reader shares it.
pub(crate) fn explain(message: &str, key: Option<&str>) -> Option<(String, Option<String>)> {
    if let Some(rest) = message.split("unknown field `").nth(1) {
        let (path, _) = message.split_once("unknown field").unwrap_or(("", ""));
        let key = rest.split('`').next().unwrap_or_default();
        let known: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
        let hint = match closest(key, known.iter().copied()) {
            Some(best) => format!("did you mean `{best}`?"),
            None if known.is_empty() => "remove it".to_string(),
            None if known.contains(&"extra") => format!(
                "move it under `extra`, where data for the theme goes; known keys here: {}",
                known.join(", ")
            ),
            None => format!("known keys here: {}", known.join(", ")),
        };
        let path = path.trim_end_matches(": ").trim();
        let place = if path.is_empty() {
            String::new()
        } else {
            format!(" in `{path}`")
        };
        return Some((format!("unknown key `{key}`{place}"), Some(hint)));
    }
    if let Some(key) = duplicate_key(message) {
        return Some((
            format!("the key `{key}` is given twice"),
            Some("keep one of them".to_string()),
        ));
    }
    if let Some(rest) = message.split("missing field `").nth(1) {
        let key = rest.split('`').next().unwrap_or_default();
        return Some((
            format!("missing required key `{key}`"),
            Some(format!("add `{key}: ...`")),
        ));
    }
    if let Some((path, rest)) = message.split_once(": invalid type: ") {
        let (found, expected) = rest
            .split_once(", expected ")
            .unwrap_or((rest, "another type"));
        return Some((
            format!(
                "`{path}` has the wrong type: expected {}, found {found}",
                plain(expected)
            ),
            type_hint(expected),
        ));
    }
    if let Some((path, rest)) = message.split_once(": invalid value: ") {
        let (found, expected) = rest
            .split_once(", expected ")
            .unwrap_or((rest, "another value"));
        return Some((
            format!(
                "`{path}` is not valid: expected {}, found {found}",
                plain(expected)
            ),
            None,
        ));
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        let (found, expected) = rest
            .split_once(", expected ")
            .unwrap_or((rest, "another value"));
        let what = key.map_or("the value".to_string(), |k| format!("`{k}`"));
        return Some((
            format!(
                "{what} is not valid: expected {}, found {found}",
                plain(expected)
            ),
            None,
        ));
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest
            .split_once(", expected ")
            .unwrap_or((rest, "another type"));
        let what = key.map_or("wrong type".to_string(), |k| {
            format!("`{k}` has the wrong type")
        });
        return Some((
            format!("{what}: expected {}, found {found}", plain(expected)),
            type_hint(expected),
        ));
    }
    None
}

/// serde's name for an expected type in an author's words: Rust's type names
/// (`i64`, `struct SiteConfig`) mean nothing to someone writing YAML.
fn plain(expected: &str) -> String {
    let word = expected.trim();
    let named = match word {
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => "a whole number",
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => "a whole number, 0 or more",
        "f32" | "f64" => "a number",
        "unit" => "nothing",
        "char" => "a single character",
        _ if word.starts_with("struct ") || word == "a map" => "a mapping of `key: value` lines",
        _ if word.starts_with("enum ") => "one of the values this key takes",
        _ if word.starts_with("sequence") || word.starts_with("tuple") => "a list",
        _ => return expected.to_string(),
    };
    named.to_string()
}

/// How to write a value of the `expected` type, for the types authors most often get
/// wrong.
fn type_hint(expected: &str) -> Option<String> {
    let hint = match expected {
        "a boolean" => "write `true` or `false`, without quotes",
        "a sequence" => "write a list: `[a, b]`, or one `- item` per line",
        "a string" => "put the value in quotes",
        _ => return None,
    };
    Some(hint.to_string())
}

/// A hint for the YAML syntax error authors meet most: `: ` inside a value that is not
/// quoted (`description: Pricing: a guide`), which YAML reads as a nested key.
fn syntax_hint(message: &str, text: &str, offset: usize) -> Option<String> {
    if !message.contains("mapping values are not allowed") {
        return None;
    }
    let start = text[..offset.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line = text[start..].lines().next()?;
    let (key, value) = line.split_once(": ")?;
    let (key, value) = (key.trim().trim_start_matches("- "), value.trim());
    if !value.contains(": ") {
        return Some(
            "a line indented under a key that already has a value: give the key no value, \
             or indent the line like the keys above it"
                .to_string(),
        );
    }
    if value.contains('"') {
        return Some("a value that contains `: ` must be quoted".to_string());
    }
    Some(format!(
        "a value that contains `: ` must be quoted: `{key}: \"{value}\"`"
    ))
}

/// The mapping key written on the line that holds `offset` (`date` in `date: x`).
fn key_on_line(text: &str, offset: usize) -> Option<&str> {
    let start = text[..offset.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line = text[start..].lines().next()?;
    let (key, _) = line.split_once(':')?;
    let key = key.trim().trim_start_matches("- ").trim();
    (!key.is_empty() && !key.contains(' ')).then_some(key)
}

/// The key of serde's `duplicate entry with key "title"` or ``duplicate field `title` ``.
fn duplicate_key(message: &str) -> Option<&str> {
    for (open, close) in [
        ("duplicate entry with key \"", '"'),
        ("duplicate field `", '`'),
    ] {
        if let Some(at) = message.find(open) {
            let start = at + open.len();
            let len = message[start..].find(close)?;
            return Some(&message[start..start + len]);
        }
    }
    None
}

/// Where `key` is written for the second time in the mapping whose first key is at
/// `mapping` (serde points at the mapping, not at the repeat): the key lines after
/// `mapping`, within `range`, at the same indentation.
fn second_key(text: &str, range: Range<usize>, mapping: usize, key: &str) -> Option<usize> {
    let line_start = text[..mapping.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let indent = mapping - line_start;
    let mut offset = line_start;
    let mut seen = 0;
    for line in text.get(line_start..range.end)?.split_inclusive('\n') {
        let here = offset;
        offset += line.len();
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        // A character cut by the indentation is not a space: the mapping has ended.
        let Some(prefix) = line.get(..indent.min(line.len())) else {
            break;
        };
        if here > line_start && !prefix.chars().all(|c| c == ' ') {
            // Less indented, or the next item of a list: the mapping has ended.
            break;
        }
        let body = line.get(indent..).unwrap_or_default();
        if body.starts_with([' ', '\t']) {
            continue;
        }
        let written = body
            .split(':')
            .next()
            .unwrap_or_default()
            .trim()
            .trim_matches(['"', '\'']);
        if written == key && body.contains(':') {
            seen += 1;
            if seen == 2 {
                return Some(here + indent);
            }
        }
    }
    None
}

/// The value serde quotes in `invalid value: string "2026-02-30", expected …`.
fn quoted_value(message: &str) -> Option<&str> {
    let start = message.find("string \"")? + "string \"".len();
    let len = message[start..].find('"')?;
    Some(&message[start..start + len])
}

/// `"... at line 3 column 7"` without the position, which the diagnostic carries itself.
fn strip_position(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(i) => &message[..i],
        None => message,
    }
}

/// The byte offset of a 1-based line and column (in characters) inside `text`.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    let rest = &text[line_start..];
    let col = rest
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(rest.len(), |(i, _)| i);
    line_start + col
}

/// The end of the word starting at `offset`, so a span underlines a key or value.
fn word_end(text: &str, offset: usize) -> usize {
    let rest = &text[offset.min(text.len())..];
    let len = rest
        .find(|c: char| c.is_whitespace() || c == ':' || c == ',' || c == ']' || c == '}')
        .unwrap_or(rest.len());
    offset + len.max(1).min(rest.len())
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

    #[test]
    fn position_is_relative_to_the_range() {
        let file = SourceFile::new("a.md", "---\ntitle: a\nbad: 1\n---\n");
        let d = parse::<Example>(&file, 4..20).unwrap_err();
        assert_eq!(d.line_col().unwrap().line, 3);
    }
}
