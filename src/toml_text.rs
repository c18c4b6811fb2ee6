//! The one place that parses TOML: front matter between `+++` lines.
//!
//! Like [`crate::yaml`], it turns the parser's complaints into [`Diagnostic`]s at the
//! line and column of the file, in the same words as the YAML ones
//! ([`crate::schema_words`]).

use std::ops::Range;

use serde::de::DeserializeOwned;

use crate::diagnostics::Diagnostic;
use crate::schema_words::{plain, type_hint, unknown_key};
use crate::source::SourceFile;

/// Parses the TOML in `range` of `file` into `T`.
pub(crate) fn parse<T: DeserializeOwned>(
    file: &SourceFile,
    range: Range<usize>,
) -> Result<T, Diagnostic> {
    toml::from_str(&file.text[range.clone()]).map_err(|err| to_diagnostic(file, range, &err))
}

fn to_diagnostic(file: &SourceFile, range: Range<usize>, err: &toml::de::Error) -> Diagnostic {
    let message = err.message().trim().replace('\n', "; ");
    let span = err.span().map_or(range.start..range.start, |s| {
        range.start + s.start..range.start + s.end
    });
    let span = clamp(&file.text, span, range.end);
    let key = key_on_line(&file.text, span.start);
    let (message, hint) = explain(&message, key)
        .unwrap_or_else(|| (format!("invalid TOML: {message}"), syntax_hint(&message)));
    let diagnostic = Diagnostic::error(message).at(file, span);
    match hint {
        Some(hint) => diagnostic.with_hint(hint),
        None => diagnostic,
    }
}

/// A span inside the front matter, on char boundaries, at least one character long
/// where the text allows and no longer than its first line (a table's span is all of it).
fn clamp(text: &str, span: Range<usize>, limit: usize) -> Range<usize> {
    let boundary = |mut at: usize| {
        at = at.min(limit).min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    let start = boundary(span.start);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let mut end = boundary(span.end.min(line_end)).max(start);
    if end == start && start < limit.min(line_end) {
        end = start + text[start..].chars().next().map_or(0, char::len_utf8);
    }
    start..end
}

/// The key written on the line that holds `offset` (`date` in `date = x`).
fn key_on_line(text: &str, offset: usize) -> Option<&str> {
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = text[start..].lines().next()?;
    let (key, _) = line.split_once('=')?;
    let key = key.trim().trim_matches(['"', '\'']);
    (!key.is_empty() && !key.contains(' ')).then_some(key)
}

/// Rewrites serde's wording into an author's terms, with a hint where one helps;
/// `None` for a message that is not serde's (a syntax error of TOML). `key` is the key
/// written where the problem is, if known. The `toml` crate hands serde's errors over as
/// text only, so this reads the text.
fn explain(message: &str, key: Option<&str>) -> Option<(String, Option<String>)> {
    if let Some(rest) = message.split("unknown field `").nth(1) {
        let (path, _) = message.split_once("unknown field").unwrap_or(("", ""));
        let key = rest.split('`').next().unwrap_or_default();
        let known: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
        return Some(unknown_key(key, &known, path.trim_end_matches(": ").trim()));
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

/// The key of serde's ``duplicate field `title` ``.
fn duplicate_key(message: &str) -> Option<&str> {
    let start = message.find("duplicate field `")? + "duplicate field `".len();
    let len = message[start..].find('`')?;
    Some(&message[start..start + len])
}

/// How to fix the TOML mistake authors coming from YAML make most: `key: value`.
fn syntax_hint(message: &str) -> Option<String> {
    message
        .contains("expected `=`")
        .then(|| "TOML writes `key = value`, with text in quotes: `title = \"A page\"`".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(text: &str) -> Diagnostic {
        let file = SourceFile::new("a.md", text);
        parse::<crate::model::FrontMatter>(&file, 0..text.len()).unwrap_err()
    }

    #[test]
    fn reads_the_front_matter_schema() {
        let text = "title = \"A\"\ndate = 2026-05-27\ntags = [\"x\"]\n[extra]\nprice = 3\n";
        let file = SourceFile::new("a.md", text);
        let front: crate::model::FrontMatter = parse(&file, 0..text.len()).unwrap();
        assert_eq!(front.title.as_deref(), Some("A"));
        assert_eq!(front.date.unwrap().iso(), "2026-05-27");
        assert_eq!(front.tags, ["x"]);
        assert_eq!(front.extra["price"], 3);
    }

    #[test]
    fn unknown_key_points_at_it_and_suggests() {
        let d = error_of("title = \"A\"\ntgas = [\"x\"]\n");
        assert_eq!(d.message, "unknown key `tgas`");
        assert_eq!(d.hint.as_deref(), Some("did you mean `tags`?"));
        let at = d.line_col().unwrap();
        assert_eq!((at.line, at.col), (2, 1));
        let d = error_of("title = \"A\"\nprice = 3\n");
        assert!(d.hint.unwrap().starts_with("move it under `extra`"));
    }

    #[test]
    fn wrong_type_names_the_key_at_the_value() {
        let d = error_of("title = \"A\"\ndraft = \"yes\"\n");
        assert!(
            d.message
                .starts_with("`draft` has the wrong type: expected a boolean"),
            "{}",
            d.message
        );
        let at = d.line_col().unwrap();
        assert_eq!((at.line, at.col), (2, 9));
    }

    #[test]
    fn bad_dates_and_syntax_errors_have_positions() {
        let d = error_of("title = \"A\"\ndate = \"2026-02-30\"\n");
        assert!(
            d.message.contains("a date like 2026-05-27"),
            "{}",
            d.message
        );
        assert_eq!(d.line_col().unwrap().line, 2);
        let d = error_of("title = \"A\"\ndescription: x\n");
        assert!(d.message.starts_with("invalid TOML"), "{}", d.message);
        assert_eq!(d.line_col().unwrap().line, 2);
        assert!(d.hint.unwrap().contains("key = value"));
    }

    #[test]
    fn odd_spans_stay_inside_the_text() {
        for text in [
            "title = \"é",
            "[extra]\n[extra]\n",
            "\u{FFFD} = 1",
            "a = [1,",
        ] {
            let d = error_of(text);
            assert!(d.line_col().is_some(), "{text}: {d}");
        }
    }
}
