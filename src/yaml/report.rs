//! serde-saphyr's typed errors as [`Diagnostic`]s in an author's words.
//!
//! Each error kind carries its facts (the key, what was expected, what was found) and a
//! byte offset; the key path around the offset comes from the document's
//! [`Node`](super::tree::Node) tree.

use std::ops::Range;

use serde_saphyr::Error;

use crate::diagnostics::Diagnostic;
use crate::schema_words::{joined, named, one_of, plain, type_hint, unknown_key};
use crate::source::SourceFile;

/// The diagnostic for `err`, raised reading the YAML in `range` of `file`.
pub(super) fn diagnostic(file: &SourceFile, range: Range<usize>, err: &Error) -> Diagnostic {
    let text = &file.text[range.clone()];
    let local = err.location().and_then(|loc| offset_of(text, loc));
    let offset = local.map_or(range.start, |o| range.start + o);
    let tree = || local.and_then(|o| Some((super::tree_of(text).ok()?, o)));
    let path = || tree().map(|(t, o)| t.path_to(o)).unwrap_or_default();
    let (message, hint) = match err {
        Error::SerdeUnknownField {
            field, expected, ..
        } => {
            let mut path = path();
            if path.last().is_some_and(|last| last == field) {
                path.pop();
            }
            unknown_key(field, expected, &joined(&path))
        }
        Error::SerdeMissingField { field, .. } => (
            format!("missing required key `{field}`"),
            Some(format!("add `{field}: ...`")),
        ),
        Error::DuplicateMappingKey { key, .. } => (
            match key {
                Some(key) => format!("the key `{key}` is given twice"),
                None => "a key is given twice".to_string(),
            },
            Some("keep one of them".to_string()),
        ),
        Error::SerdeInvalidType {
            unexpected,
            expected,
            ..
        } => {
            let what = match joined(&path()).as_str() {
                "" => "wrong type".to_string(),
                path => format!("`{path}` has the wrong type"),
            };
            (
                format!("{what}: expected {}, found {unexpected}", plain(expected)),
                type_hint(expected),
            )
        }
        _ if scalar_expected(err).is_some() => {
            let expected = scalar_expected(err).unwrap_or_default();
            let found = tree().map(|(t, o)| t.node_at(o).found().to_string());
            let found = found.unwrap_or_else(|| "another type".to_string());
            let what = match joined(&path()).as_str() {
                "" => "wrong type".to_string(),
                path => format!("`{path}` has the wrong type"),
            };
            (
                format!("{what}: expected {}, found {found}", plain(expected)),
                type_hint(expected),
            )
        }
        Error::SerdeInvalidValue {
            unexpected,
            expected,
            ..
        } => (
            format!(
                "{} is not valid: expected {}, found {unexpected}",
                named(&joined(&path())),
                plain(expected)
            ),
            None,
        ),
        Error::SerdeUnknownVariant {
            variant, expected, ..
        } => (
            format!(
                "{} is not valid: unknown variant `{variant}`, {}",
                named(&joined(&path())),
                one_of(expected)
            ),
            None,
        ),
        // A struct's repeated field reaches serde-saphyr as serde's free-form message; the
        // tree finds the repeat.
        Error::Message { .. } if repeated(text).is_some() => {
            let (key, at) = repeated(text).unwrap_or_default();
            let diagnostic = Diagnostic::error(format!("the key `{key}` is given twice"))
                .at(file, range.start + at..range.start + at + key.len());
            return diagnostic.with_hint("keep one of them");
        }
        // A type's own check (a range written backwards, say): the document was read, so
        // the tree names where.
        Error::Message { msg, .. } if !path().is_empty() => (
            format!("{} is not valid: {msg}", named(&joined(&path()))),
            None,
        ),
        _ => {
            let message = format!("invalid YAML: {}", without_position(err));
            let hint = syntax_hint(&message, &file.text, offset);
            (message, hint)
        }
    };
    let diagnostic = Diagnostic::error(message).at(file, offset..word_end(&file.text, offset));
    match hint {
        Some(hint) => diagnostic.with_hint(hint),
        None => diagnostic,
    }
}

/// Is `err` a mistake against the schema (the YAML itself was read), after which the
/// rest of the document can still be checked?
pub(super) fn is_schema_mistake(err: &Error) -> bool {
    matches!(
        err,
        Error::SerdeUnknownField { .. }
            | Error::SerdeMissingField { .. }
            | Error::DuplicateMappingKey { .. }
            | Error::SerdeInvalidType { .. }
            | Error::SerdeInvalidValue { .. }
            | Error::SerdeInvalidLength { .. }
            | Error::SerdeUnknownVariant { .. }
    ) || scalar_expected(err).is_some()
}

/// What was expected where the parser met a node of another type, in serde's words
/// (the node itself is described from the tree).
fn scalar_expected(err: &Error) -> Option<&'static str> {
    let expected = match err {
        Error::Unexpected { expected, .. } => match *expected {
            "sequence start" => "a sequence",
            "mapping start" => "a map",
            "string scalar" => "a string",
            other => other,
        },
        Error::InvalidScalar { ty, .. } => ty,
        Error::InvalidBooleanStrict { .. } => "a boolean",
        Error::NullIntoString { .. } => "a string",
        Error::InvalidCharNull { .. } | Error::InvalidCharNotSingleScalar { .. } => "char",
        _ => return None,
    };
    Some(expected)
}

/// The key a missing-key error names.
pub(super) fn missing_key(err: &Error) -> Option<&'static str> {
    match err {
        Error::SerdeMissingField { field, .. } => Some(field),
        _ => None,
    }
}

/// The first key written twice in one mapping of `text`, and where it is written again.
fn repeated(text: &str) -> Option<(String, usize)> {
    let tree = super::tree_of(text).ok()?;
    let key = tree.repeated_key()?;
    Some((key.text()?.to_string(), key.start))
}

/// The byte offset in `text` of a parser location: its byte offset where the parser
/// kept one, else its line and column (in characters, from 1).
fn offset_of(text: &str, location: serde_saphyr::Location) -> Option<usize> {
    if let Some(offset) = location.span().byte_offset() {
        return usize::try_from(offset)
            .ok()
            .filter(|&o| text.is_char_boundary(o));
    }
    let line = usize::try_from(location.line()).ok()?;
    let column = usize::try_from(location.column()).ok()?;
    let line_start = match line {
        0 => return None,
        1 => 0,
        _ => text.match_indices('\n').nth(line - 2)?.0 + 1,
    };
    let rest = &text[line_start..];
    let in_line = rest
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(rest.len(), |(i, _)| i);
    Some(line_start + in_line)
}

/// The parser's message for a syntax error, without the position the diagnostic carries.
fn without_position(err: &Error) -> String {
    let formatter = serde_saphyr::DefaultMessageFormatter.with_localizer(&NoPosition);
    let options = serde_saphyr::render_options! {
        formatter: &formatter,
        snippets: serde_saphyr::SnippetMode::Off,
    };
    err.render_with_options(options)
}

/// English wording, without the "at line …, column …" suffix.
struct NoPosition;

impl serde_saphyr::Localizer for NoPosition {
    fn attach_location<'a>(
        &self,
        base: std::borrow::Cow<'a, str>,
        _: serde_saphyr::Location,
    ) -> std::borrow::Cow<'a, str> {
        base
    }
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

/// The end of the word starting at `offset`, so a span underlines a key or value.
fn word_end(text: &str, offset: usize) -> usize {
    let rest = &text[offset.min(text.len())..];
    let len = rest
        .find(|c: char| c.is_whitespace() || c == ':' || c == ',' || c == ']' || c == '}')
        .unwrap_or(rest.len());
    offset + len.max(1).min(rest.len())
}
