//! The one place that parses TOML front matter (between `+++` lines).
//!
//! Like [`crate::yaml`], it turns every mistake into a [`Diagnostic`] at the line and
//! column of the file, in the same words as the YAML ones ([`crate::schema_words`]).
//! The text is parsed once, by the `toml` crate, into a tree whose values carry their
//! spans; [`de`] reads the schema from that tree and reports each mistake as a typed
//! [`de::Mistake`] with its span and key path, which [`report`] words.

mod de;
mod report;

use std::ops::Range;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostics::Diagnostic;
use crate::source::SourceFile;
use de::{Mistake, Value, Wrong};

/// How many mistakes one document reports at most.
const MOST_MISTAKES: usize = 20;

/// Parses the TOML in `range` of `file` into `T`, reporting every mistake against the
/// schema (unknown keys, wrong types, bad values) in document order, or the first
/// syntax error.
///
/// After a mistake against the schema, the top-level entry that holds it is left out
/// and the document read again; a required key left out this way is not reported
/// missing.
pub(crate) fn parse<T: DeserializeOwned>(
    file: &SourceFile,
    range: Range<usize>,
) -> Result<T, Vec<Diagnostic>> {
    // What follows a syntax error is read by guesswork (the `toml` crate can go on,
    // but each unclosed bracket sets off a cascade): only the first is reported.
    let table = DeTable::parse(&file.text[range.clone()])
        .map_err(|err| vec![report::syntax(file, &range, &err)])?;
    let span = table.span();
    let mut document = Spanned::new(span, DeValue::Table(table.into_inner()));
    let mut found = Vec::new();
    let mut left_out: Vec<String> = Vec::new();
    while found.len() < MOST_MISTAKES {
        let mistake = match T::deserialize(Value::new(&document)) {
            Ok(value) if found.is_empty() => return Ok(value),
            Ok(_) => break,
            Err(mistake) => mistake,
        };
        if matches!(mistake.wrong, Wrong::MissingKey(key) if left_out.iter().any(|k| k == key)) {
            break;
        }
        found.push(report::mistake(file, &range, &mistake));
        let Some(entry) = top_entry(&mistake) else {
            break;
        };
        let removed = match document.get_mut() {
            DeValue::Table(table) => table.remove(entry).is_some(),
            _ => false,
        };
        if !removed {
            break;
        }
        left_out.push(entry.to_string());
    }
    Err(found)
}

/// The key under which the `toml` crate hands a date over to serde, as a map of that
/// one key holding the date's text (`toml_datetime`'s protocol, which its own types and
/// [`crate::model::Date`] read back).
const DATE_KEY: &str = "$__toml_private_datetime";

/// `value` with every TOML date in it (a map of [`DATE_KEY`] alone) turned into its
/// text, `2026-05-27`, as YAML writes a date: what a theme gets of free-form data such
/// as `extra`.
pub(crate) fn dates_as_text(value: &mut serde_json::Value) {
    use serde_json::Value as Json;
    match value {
        Json::Object(map) => match map.get(DATE_KEY) {
            Some(Json::String(text)) if map.len() == 1 => *value = Json::String(text.clone()),
            _ => map.values_mut().for_each(dates_as_text),
        },
        Json::Array(items) => items.iter_mut().for_each(dates_as_text),
        _ => {}
    }
}

/// The top-level key of the entry that holds `mistake`: the first key of its path, or
/// the unknown key itself at the top level. `None` for a mistake of the whole document
/// (a missing key), after which nothing is left to read.
fn top_entry(mistake: &Mistake) -> Option<&str> {
    match (mistake.path.first(), &mistake.wrong) {
        (Some(first), _) => Some(first),
        (None, Wrong::UnknownKey { key, .. }) => Some(key),
        (None, _) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors_of(text: &str) -> Vec<Diagnostic> {
        let file = SourceFile::new("a.md", text);
        parse::<crate::model::FrontMatter>(&file, 0..text.len()).unwrap_err()
    }

    fn error_of(text: &str) -> Diagnostic {
        errors_of(text).remove(0)
    }

    fn line_col(d: &Diagnostic) -> (usize, usize) {
        let at = d.line_col().unwrap();
        (at.line, at.col)
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
    fn a_date_under_extra_reaches_templates_as_its_text() {
        let text = "title = \"A\"\n[extra]\nlaunched = 2026-05-27\nmeetings = [{ at = 2026-06-01T10:00:00Z }]\n";
        let file = SourceFile::new("a.md", text);
        let front: crate::model::FrontMatter = parse(&file, 0..text.len()).unwrap();
        assert_eq!(front.extra["launched"], "2026-05-27");
        assert_eq!(front.extra["meetings"][0]["at"], "2026-06-01T10:00:00Z");
    }

    #[test]
    fn unknown_key_points_at_it_and_suggests() {
        let d = error_of("title = \"A\"\ntgas = [\"x\"]\n");
        assert_eq!(d.message, "unknown key `tgas`");
        assert_eq!(d.hint.as_deref(), Some("did you mean `tags`?"));
        assert_eq!(line_col(&d), (2, 1));
        let d = error_of("title = \"A\"\nprice = 3\n");
        assert!(d.hint.unwrap().starts_with("move it under `extra`"));
    }

    #[test]
    fn a_mistake_inside_a_table_names_its_path() {
        let d = error_of("title = \"A\"\n[[sources]]\ntitle = \"S\"\npubisher = \"P\"\n");
        assert_eq!(d.message, "unknown key `pubisher` in `sources[0]`");
        assert_eq!(d.hint.as_deref(), Some("did you mean `publisher`?"));
        assert_eq!(line_col(&d), (4, 1));
        let d = error_of("title = \"A\"\ntags = [\"a\", 2]\n");
        assert_eq!(
            d.message,
            "`tags[1]` has the wrong type: expected a string, found integer `2`"
        );
        assert_eq!(line_col(&d), (2, 14));
    }

    #[test]
    fn wrong_type_names_the_key_at_the_value() {
        let d = error_of("title = \"A\"\ndraft = \"yes\"\n");
        assert_eq!(
            d.message,
            "`draft` has the wrong type: expected a boolean, found string \"yes\""
        );
        assert_eq!(
            d.hint.as_deref(),
            Some("write `true` or `false`, without quotes")
        );
        assert_eq!(line_col(&d), (2, 9));
    }

    #[test]
    fn bad_dates_and_unknown_variants_are_not_valid() {
        let d = error_of("title = \"A\"\ndate = \"2026-02-30\"\n");
        assert_eq!(
            d.message,
            "`date` is not valid: expected a date like 2026-05-27, found string \"2026-02-30\""
        );
        assert_eq!(line_col(&d), (2, 8));
        let d = error_of("title = \"A\"\nsort_by = \"name\"\n");
        assert_eq!(
            d.message,
            "`sort_by` is not valid: unknown variant `name`, expected `date` or `weight`"
        );
    }

    #[test]
    fn a_date_where_text_goes_is_named_a_date() {
        let d = error_of("title = 2026-05-27\n");
        assert_eq!(
            d.message,
            "`title` has the wrong type: expected a string, found date `2026-05-27`"
        );
        assert_eq!(line_col(&d), (1, 9));
    }

    #[test]
    fn a_number_too_large_is_not_valid() {
        assert_eq!(
            error_of("[extra]\nbig = 1e999\n").message,
            "`extra.big` is not valid: floating-point number overflowed"
        );
        assert_eq!(
            error_of("weight = 99999999999999999999999999999999999999999\n").message,
            "`weight` is not valid: integer number overflowed"
        );
    }

    #[test]
    fn a_missing_key_is_named() {
        let d = error_of("description = \"d\"\n[[faq]]\nquestion = \"Q\"\n");
        assert_eq!(d.message, "missing required key `answer`");
        assert_eq!(d.hint.as_deref(), Some("add `answer: ...`"));
        assert_eq!(line_col(&d).0, 2);
    }

    #[test]
    fn syntax_errors_have_positions_and_a_hint_for_yaml() {
        let d = error_of("title = \"A\"\ndescription: x\n");
        assert!(d.message.starts_with("invalid TOML"), "{}", d.message);
        assert_eq!(d.line_col().unwrap().line, 2);
        assert_eq!(
            d.hint.as_deref(),
            Some("TOML writes `key = value`, with text in quotes: `title = \"A page\"`")
        );
        for forgotten in ["title \"A\"\n", "title = \"A\"\ndraft true\n"] {
            assert!(error_of(forgotten).hint.is_some(), "{forgotten}");
        }
        assert_eq!(error_of("tags = [\"x\"= \"A\"]\n").hint, None);
        let d = error_of("title = \"A\"\ntitle = \"B\"\n");
        assert!(d.message.starts_with("invalid TOML"), "{}", d.message);
        assert_eq!(d.line_col().unwrap().line, 2);
        assert_eq!(d.hint, None);
    }

    /// Five mistakes of a front matter give five diagnostics, in the order written.
    #[test]
    fn every_mistake_is_reported() {
        let found = errors_of(
            "tgas = [\"x\"]\ndraft = \"sometimes\"\nweight = \"heavy\"\ntitle = [\"a\"]\nslgu = \"s\"\n",
        );
        let lines: Vec<usize> = found.iter().map(|d| d.line_col().unwrap().line).collect();
        assert_eq!(lines, [1, 2, 3, 4, 5], "{found:?}");
        assert_eq!(found[4].message, "unknown key `slgu`");
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Example {
        title: String,
        #[serde(default)]
        tags: Vec<String>,
    }

    /// A required key whose entry held a mistake is not reported missing as well.
    #[test]
    fn a_left_out_required_key_is_not_missing() {
        let text = "title = [\"a\"]\ntgas = 1\n";
        let file = SourceFile::new("x.toml", text);
        let found = parse::<Example>(&file, 0..text.len()).unwrap_err();
        let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`title` has the wrong type: expected a string, found sequence",
                "unknown key `tgas`"
            ]
        );
    }

    #[test]
    fn odd_spans_stay_inside_the_text() {
        for text in [
            "title = \"é",
            "[extra]\n[extra]\n",
            "\u{FFFD} = 1",
            "a = [1,",
            "title = 2026-05-27",
            "weight = 99999999999999999999999999999999999999999",
        ] {
            for d in errors_of(text) {
                assert!(d.line_col().is_some(), "{text}: {d}");
            }
        }
    }
}
