//! TOML mistakes as [`Diagnostic`]s in an author's words, the same words as the YAML
//! ones ([`crate::schema_words`]).
//!
//! A [`Mistake`] carries its facts (the key, what was expected, what was found), its
//! span and its key path; a syntax error of the `toml` crate carries its message and
//! span.

use std::ops::Range;

use super::de::{Mistake, Wrong};
use crate::diagnostics::Diagnostic;
use crate::schema_words::{joined, named, one_of, plain, type_hint, unknown_key};
use crate::source::SourceFile;

/// The diagnostic for `mistake`, found reading the TOML in `range` of `file`.
pub(super) fn mistake(file: &SourceFile, range: &Range<usize>, mistake: &Mistake) -> Diagnostic {
    let path = joined(&mistake.path);
    let (message, hint) = match &mistake.wrong {
        Wrong::UnknownKey { key, known } => unknown_key(key, known, &path),
        Wrong::MissingKey(key) => (
            format!("missing required key `{key}`"),
            Some(format!("add `{key}: ...`")),
        ),
        Wrong::RepeatedKey(key) => (
            format!("the key `{key}` is given twice"),
            Some("keep one of them".to_string()),
        ),
        Wrong::Type { found, expected } => {
            let what = match path.as_str() {
                "" => "wrong type".to_string(),
                path => format!("`{path}` has the wrong type"),
            };
            (
                format!("{what}: expected {}, found {found}", plain(expected)),
                type_hint(expected),
            )
        }
        Wrong::Value { found, expected } => (
            format!(
                "{} is not valid: expected {}, found {found}",
                named(&path),
                plain(expected)
            ),
            None,
        ),
        Wrong::Variant { name, known } => (
            format!(
                "{} is not valid: unknown variant `{name}`, {}",
                named(&path),
                one_of(known)
            ),
            None,
        ),
        Wrong::Other(message) if path.is_empty() => (format!("invalid TOML: {message}"), None),
        Wrong::Other(message) => (format!("{} is not valid: {message}", named(&path)), None),
    };
    let span = mistake.span.clone().unwrap_or(0..0);
    let diagnostic = Diagnostic::error(message).at(file, within(file, range, span));
    match hint {
        Some(hint) => diagnostic.with_hint(hint),
        None => diagnostic,
    }
}

/// The diagnostic for a syntax error of the TOML in `range` of `file`, with a hint for
/// the mistake authors coming from YAML make most: `key: value`.
pub(super) fn syntax(file: &SourceFile, range: &Range<usize>, err: &toml::de::Error) -> Diagnostic {
    let message = err.message().trim().replace('\n', "; ");
    let span = within(file, range, err.span().unwrap_or(0..0));
    let diagnostic = Diagnostic::error(format!("invalid TOML: {message}"));
    let hint = missing_equals(&file.text, span.start)
        .then_some("TOML writes `key = value`, with text in quotes: `title = \"A page\"`");
    let diagnostic = diagnostic.at(file, span);
    match hint {
        Some(hint) => diagnostic.with_hint(hint),
        None => diagnostic,
    }
}

/// Is the syntax error at `offset` right after a key written without its `=`
/// (`description: x`, `draft true`), as an author used to YAML writes it?
fn missing_equals(text: &str, offset: usize) -> bool {
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = text[start..].lines().next().unwrap_or_default();
    let key = text[start..offset].trim().trim_end_matches(':').trim_end();
    let bare_key = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
    !key.is_empty() && key.chars().all(bare_key) && !line.contains('=')
}

/// A span of the document (`span`, relative to `range`) as a span of the file: on char
/// boundaries, at least one character long where the text allows, and no longer than
/// its first line (a table's span is all of it).
fn within(file: &SourceFile, range: &Range<usize>, span: Range<usize>) -> Range<usize> {
    let text = &*file.text;
    let limit = range.end.min(text.len());
    let boundary = |at: usize| {
        let mut at = (range.start + at).min(limit);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    let start = boundary(span.start);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let mut end = boundary(span.end).min(line_end).max(start);
    if end == start && start < limit.min(line_end) {
        end = start + text[start..].chars().next().map_or(0, char::len_utf8);
    }
    start..end
}
