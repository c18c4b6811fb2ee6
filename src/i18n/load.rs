//! Reading strings files and putting together the strings of a build.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{CATEGORIES, Phrase, Strings};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::Theme;
use crate::source::SourceFile;

/// The language every theme must have a strings file for, and the one that fills the
/// keys a translation lacks.
const FALLBACK: &str = "en";

/// An entry as written: a phrase, or a mapping of plural forms.
#[derive(Deserialize)]
#[serde(untagged)]
enum Written {
    Plain(String),
    Counted(BTreeMap<String, String>),
}

/// The phrases of a strings file. A counted phrase must have an `other` form and no
/// form but CLDR's six.
pub(super) fn parse(file: &SourceFile) -> Result<BTreeMap<String, Phrase>, Diagnostic> {
    let written: BTreeMap<String, Written> = crate::yaml::parse_file(file)?;
    written
        .into_iter()
        .map(|(key, entry)| match entry {
            Written::Plain(text) => Ok((key, Phrase::Plain(text))),
            Written::Counted(forms) => {
                let at = key_range(file, &key);
                if let Some(bad) = forms.keys().find(|f| !CATEGORIES.contains(&f.as_str())) {
                    return Err(Diagnostic::error(format!(
                        "`{key}` has the form `{bad}`, which is no plural category"
                    ))
                    .at(file, at)
                    .with_hint("the forms are zero, one, two, few, many and other"));
                }
                if !forms.contains_key("other") {
                    return Err(
                        Diagnostic::error(format!("`{key}` has no `other` form"))
                            .at(file, at)
                            .with_hint("every counted phrase needs `other`, the form any number may fall back to"),
                    );
                }
                Ok((key, Phrase::Counted(forms)))
            }
        })
        .collect()
}

/// Where `key` is written at the start of a line of `file` (the whole file's start if
/// nowhere).
fn key_range(file: &SourceFile, key: &str) -> std::ops::Range<usize> {
    let written = format!("{key}:");
    let start = file
        .text
        .match_indices(&written)
        .map(|(at, _)| at)
        .find(|&at| at == 0 || file.text[..at].ends_with('\n'))
        .unwrap_or(0);
    start..start + key.len()
}

/// The strings of `language`: the theme's file for it (the tag, else its primary
/// subtag: `fr-CA`, then `fr`), the site's own file over it key by key, and the
/// theme's English for any key still missing, with a warning naming the file and key.
pub(crate) fn strings_for(language: &str, theme: &Theme, problems: &mut Diagnostics) -> Strings {
    let mut parsed = |file: &SourceFile| match parse(file) {
        Ok(phrases) => phrases,
        Err(d) => {
            problems.push(d);
            BTreeMap::new()
        }
    };
    let english = match theme.strings.get(FALLBACK) {
        Some(file) => parsed(file),
        None => BTreeMap::new(),
    };
    let theme_file = find(&theme.strings, language);
    let own_file = find(&theme.own_strings, language);
    let mut phrases = theme_file.map(&mut parsed).unwrap_or_default();
    if let Some(file) = own_file {
        phrases.extend(parsed(file));
    }
    let named = own_file.or(theme_file);
    match named {
        None if primary(language) != FALLBACK => problems.push(
            Diagnostic::warning(format!(
                "no strings for the language `{language}`: pages show the theme's English words"
            ))
            .in_file("content/site.yaml")
            .with_hint(format!(
                "translate themes/default/i18n/en.yaml into i18n/{language}.yaml beside content/"
            )),
        ),
        _ => {}
    }
    for (key, phrase) in &english {
        if phrases.contains_key(key) {
            continue;
        }
        if let Some(file) = named.filter(|_| primary(language) != FALLBACK) {
            problems.push(
                Diagnostic::warning(format!(
                    "`{key}` is not translated: pages show the English words"
                ))
                .in_file(&file.path)
                .with_hint(format!("add `{key}:` to the file")),
            );
        }
        phrases.insert(key.clone(), phrase.clone());
    }
    Strings::new(language, phrases)
}

/// The file of `language` among `files` (keyed by language): the whole tag, else its
/// primary subtag.
fn find<'a>(files: &'a BTreeMap<String, SourceFile>, language: &str) -> Option<&'a SourceFile> {
    files.get(language).or_else(|| files.get(primary(language)))
}

/// `fr` of `fr-CA`.
fn primary(language: &str) -> &str {
    language.split(['-', '_']).next().unwrap_or(language)
}

/// The built-in theme's English strings.
pub(super) fn built_in_english() -> Strings {
    let theme = Theme::built_in(&[]);
    let file = theme
        .strings
        .get(FALLBACK)
        .expect("the default theme has English strings");
    Strings::new(
        FALLBACK,
        parse(file).expect("the default theme's English strings parse"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn theme_with(own: &[(&str, &str)]) -> Theme {
        let mut theme = Theme::built_in(&[]);
        for (language, text) in own {
            theme.own_strings.insert(
                language.to_string(),
                SourceFile::new(format!("i18n/{language}.yaml"), text),
            );
        }
        theme
    }

    #[test]
    fn every_shipped_translation_has_every_english_key() {
        let theme = Theme::built_in(&[]);
        for language in theme.strings.keys() {
            let mut problems = Diagnostics::new();
            strings_for(language, &theme, &mut problems);
            assert!(problems.is_empty(), "{language}: {problems:?}");
        }
    }

    /// A phrase a translation leaves as the English one is a slip, unless both
    /// languages say it so.
    #[test]
    fn translations_keep_only_the_phrases_both_languages_share() {
        let theme = Theme::built_in(&[]);
        let english = parse(&theme.strings["en"]).unwrap();
        let shared = |language: &str| -> Vec<String> {
            let phrases = parse(&theme.strings[language]).unwrap();
            english
                .iter()
                .filter(|(key, phrase)| phrases.get(*key) == Some(phrase))
                .map(|(key, _)| key.clone())
                .collect()
        };
        assert_eq!(
            shared("fr"),
            [
                "alert_important",
                "article_count",
                "articles",
                "compare_option_count",
                "compare_source",
                "date",
                "filter_leads_to",
                "kind_guide",
                "list_separator",
                "page_count",
                "page_number",
                "site_navigation",
                "sources"
            ]
        );
        assert_eq!(shared("ar"), ["date"]);
    }

    #[test]
    fn the_site_overrides_single_keys() {
        let theme = theme_with(&[("fr", "home: Départ\n")]);
        let mut problems = Diagnostics::new();
        let fr = strings_for("fr", &theme, &mut problems);
        assert_eq!(fr.text("home"), "Départ");
        assert_eq!(fr.text("tags"), "Étiquettes");
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn a_missing_key_falls_back_to_english_with_a_warning_naming_file_and_key() {
        let theme = theme_with(&[("eo", "home: Hejmo\n")]);
        let mut problems = Diagnostics::new();
        let eo = strings_for("eo", &theme, &mut problems);
        assert_eq!(eo.text("home"), "Hejmo");
        assert_eq!(eo.text("tags"), "Tags");
        let warning = problems
            .iter()
            .find(|d| d.message.contains("`tags`"))
            .expect("a warning for `tags`");
        assert!(!warning.is_error());
        assert_eq!(warning.path().unwrap().to_string_lossy(), "i18n/eo.yaml");
    }

    #[test]
    fn a_language_without_strings_is_one_warning() {
        let mut problems = Diagnostics::new();
        let de = strings_for("de", &Theme::built_in(&[]), &mut problems);
        assert_eq!(de.text("home"), "Home");
        assert_eq!(problems.len(), 1, "{problems:?}");
    }

    #[test]
    fn a_counted_phrase_without_other_is_an_error_at_its_key() {
        let file = SourceFile::new(
            "i18n/fr.yaml",
            "home: Accueil\npages:\n  one: \"{n} page\"\n",
        );
        let d = parse(&file).unwrap_err();
        assert!(d.message.contains("`pages` has no `other`"), "{d}");
        assert_eq!(d.line_col().unwrap().line, 2);
    }
}
