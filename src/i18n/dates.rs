//! Month names per language, from glibc's locale data (`pure-rust-locales`).

use pure_rust_locales::{Locale, locale_match};

/// The region whose locale data a bare language tag uses, where it is not the
/// language's own code in capitals (`fr` → `fr_FR`).
const DEFAULT_REGIONS: [(&str, &str); 14] = [
    ("ar", "EG"),
    ("cs", "CZ"),
    ("da", "DK"),
    ("el", "GR"),
    ("en", "GB"),
    ("fa", "IR"),
    ("he", "IL"),
    ("hi", "IN"),
    ("ja", "JP"),
    ("ko", "KR"),
    ("sv", "SE"),
    ("uk", "UA"),
    ("ur", "PK"),
    ("zh", "CN"),
];

/// The twelve month names of `language` (a BCP 47 tag), January first, in the form
/// that follows a day number (glibc's `MON`, which is the genitive where a language
/// inflects it: Polish "7 maja"); English ones for a language without locale data.
pub(super) fn month_names(language: &str) -> [String; 12] {
    let locale = locale(language).unwrap_or(Locale::POSIX);
    let names: &[&str] = locale_match!(locale => LC_TIME::MON);
    std::array::from_fn(|i| names.get(i).copied().unwrap_or_default().to_string())
}

/// The locale data for `language`: `fr-CA` → `fr_CA`, `fr` → `fr_FR`, `ar` → `ar_EG`.
fn locale(language: &str) -> Option<Locale> {
    let mut parts = language.split(['-', '_']);
    let primary = parts.next()?.to_ascii_lowercase();
    let region = parts
        .find(|p| p.len() == 2 && p.chars().all(|c| c.is_ascii_alphabetic()))
        .map(str::to_ascii_uppercase);
    let default = DEFAULT_REGIONS
        .iter()
        .find(|(l, _)| *l == primary)
        .map_or_else(|| primary.to_ascii_uppercase(), |(_, r)| r.to_string());
    region
        .into_iter()
        .chain([default])
        .find_map(|r| Locale::try_from(format!("{primary}_{r}").as_str()).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_region_in_the_tag_is_used_and_a_bare_tag_gets_a_default() {
        assert!(matches!(locale("fr-CA"), Some(Locale::fr_CA)));
        assert!(matches!(locale("fr"), Some(Locale::fr_FR)));
        assert!(matches!(locale("ar"), Some(Locale::ar_EG)));
        assert!(locale("tlh").is_none());
        assert_eq!(month_names("tlh")[4], "May");
    }
}
