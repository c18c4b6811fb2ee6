//! The words pages show readers, in the site's language.
//!
//! Every reader-facing word comes from a strings file: the theme's
//! `i18n/<language>.yaml`, with single keys overridden by the site's own
//! `i18n/<language>.yaml`, and any key a translation lacks taken from the theme's
//! English file (with a warning). Templates read them with the `t` function, Rust code
//! that writes HTML with [`Strings::text`], [`Strings::fill`] and [`Strings::count`].
//! Counted phrases follow the language's plural rules (CLDR, through
//! `intl_pluralrules`); dates use the language's month names (glibc's locale data,
//! through `pure-rust-locales`).

mod dates;
mod load;
mod template;

use std::collections::BTreeMap;

use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use unic_langid::LanguageIdentifier;

pub(crate) use load::strings_for;
pub(crate) use template::{function as template_function, script_words};

use crate::config::KindDef;
use crate::html::escape;
use crate::model::Date;

/// The built-in theme's English strings, for code that renders without a site (tests,
/// fuzz targets).
pub(crate) fn english() -> &'static Strings {
    static ENGLISH: std::sync::OnceLock<Strings> = std::sync::OnceLock::new();
    ENGLISH.get_or_init(Strings::english)
}

/// One entry of a strings file: a phrase, or a phrase per plural form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Phrase {
    /// The same words whatever the number.
    Plain(String),
    /// One phrase per CLDR plural category (`zero`, `one`, `two`, `few`, `many`,
    /// `other`); `other` is always there.
    Counted(BTreeMap<String, String>),
}

/// The reader-facing words of one language, ready to look up.
pub(crate) struct Strings {
    /// The language, as a BCP 47 tag (`fr`, `ar`, `en-GB`).
    language: String,
    /// Every phrase by key.
    phrases: BTreeMap<String, Phrase>,
    /// The language's cardinal plural rules.
    plurals: PluralRules,
    /// The month names dates use, January first.
    months: [String; 12],
}

impl std::fmt::Debug for Strings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Strings")
            .field("language", &self.language)
            .field("phrases", &self.phrases.len())
            .finish_non_exhaustive()
    }
}

/// The plural categories of CLDR, in its order.
pub(crate) const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// The primary language subtags written right to left.
const RIGHT_TO_LEFT: [&str; 10] = ["ar", "ckb", "dv", "fa", "he", "ps", "sd", "ug", "ur", "yi"];

impl Strings {
    /// The strings `phrases` of `language`. A tag the plural rules do not know counts
    /// as English does.
    pub(crate) fn new(language: &str, phrases: BTreeMap<String, Phrase>) -> Strings {
        let plurals = language
            .parse::<LanguageIdentifier>()
            .ok()
            .and_then(|id| PluralRules::create(id, PluralRuleType::CARDINAL).ok())
            .unwrap_or_else(|| {
                let en: LanguageIdentifier = "en".parse().expect("a valid tag");
                PluralRules::create(en, PluralRuleType::CARDINAL).expect("English plural rules")
            });
        Strings {
            language: language.to_string(),
            months: dates::month_names(language),
            phrases,
            plurals,
        }
    }

    /// The built-in theme's English strings alone.
    pub(crate) fn english() -> Strings {
        load::built_in_english()
    }

    /// Every form of the phrase `key` by plural category (a plain phrase as `other`).
    pub(crate) fn forms<'a>(&'a self, key: &'a str) -> BTreeMap<&'static str, &'a str> {
        match self.phrases.get(key) {
            Some(Phrase::Counted(forms)) => CATEGORIES
                .iter()
                .filter_map(|&c| Some((c, forms.get(c)?.as_str())))
                .collect(),
            _ => BTreeMap::from([("other", self.text(key))]),
        }
    }

    /// The form of the counted phrase `key` for the plural category `category`
    /// (`one`, `other`, …), unfilled; its `other` form where that one is not written.
    pub(crate) fn form<'a>(&'a self, key: &'a str, category: &str) -> &'a str {
        match self.phrases.get(key) {
            Some(Phrase::Counted(forms)) => forms
                .get(category)
                .or_else(|| forms.get("other"))
                .map_or(key, String::as_str),
            _ => self.text(key),
        }
    }

    /// The language tag.
    pub(crate) fn language(&self) -> &str {
        &self.language
    }

    /// `rtl` for a language written right to left, else `ltr`.
    pub(crate) fn direction(&self) -> &'static str {
        let primary = self.language.split(['-', '_']).next().unwrap_or_default();
        if RIGHT_TO_LEFT.contains(&primary.to_ascii_lowercase().as_str()) {
            "rtl"
        } else {
            "ltr"
        }
    }

    /// The phrase `key` (for a counted one, its `other` form); the key itself if no
    /// file has it, so a theme's new key shows up rather than vanishing.
    pub(crate) fn text<'a>(&'a self, key: &'a str) -> &'a str {
        match self.phrases.get(key) {
            Some(Phrase::Plain(text)) => text,
            Some(Phrase::Counted(forms)) => forms.get("other").map_or(key, String::as_str),
            None => key,
        }
    }

    /// The phrase `key` with each `{name}` replaced by its value.
    pub(crate) fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        fill(self.text(key), values)
    }

    /// The phrase `key` as HTML: escaped, then each `{name}` replaced by its value,
    /// which is HTML already (escaped text, or markup such as a link).
    pub(crate) fn fill_html(&self, key: &str, values: &[(&str, &str)]) -> String {
        fill(&escape(self.text(key)), values)
    }

    /// The counted phrase `key` for `n` as HTML: escaped, in the form the language uses
    /// for that number, `{n}` replaced by it and each other `{name}` by its value, which
    /// is HTML already (as for [`Strings::fill_html`]).
    pub(crate) fn count_html(&self, key: &str, n: usize, values: &[(&str, &str)]) -> String {
        let n_text = n.to_string();
        let mut all = vec![("n", n_text.as_str())];
        all.extend_from_slice(values);
        fill(&escape(self.counted(key, n)), &all)
    }

    /// The form of the counted phrase `key` for `n`, unfilled (`other` when the
    /// language's form for `n` is not written; the plain phrase if it is not counted).
    fn counted<'a>(&'a self, key: &'a str, n: usize) -> &'a str {
        self.form(key, self.plural_category(n))
    }

    /// The CLDR plural category of `n` in this language (`one`, `few`, `other`, …).
    pub(crate) fn plural_category(&self, n: usize) -> &'static str {
        match self.plurals.select(n) {
            Ok(PluralCategory::ZERO) => "zero",
            Ok(PluralCategory::ONE) => "one",
            Ok(PluralCategory::TWO) => "two",
            Ok(PluralCategory::FEW) => "few",
            Ok(PluralCategory::MANY) => "many",
            Ok(PluralCategory::OTHER) | Err(_) => "other",
        }
    }

    /// `date` for people, in the `date` pattern of the strings (`{day} {month} {year}`).
    pub(crate) fn date(&self, date: Date) -> String {
        let month = &self.months[usize::from(date.month.clamp(1, 12) - 1)];
        let (day, year) = (date.day.to_string(), date.year.to_string());
        self.fill("date", &[("day", &day), ("month", month), ("year", &year)])
    }

    /// Gives `kind` the label of this language if it has the built-in English one of its
    /// id (`guide` named "Guides": the default kinds, or a site's copy of them), from
    /// the phrase `kind_<id>`; a label the site chose stays.
    pub(crate) fn translate_default_kind(&self, kind: &mut KindDef) {
        let key = format!("kind_{}", kind.id);
        if self.phrases.contains_key(&key) && english().text(&key) == kind.label {
            kind.label = self.text(&key).to_string();
        }
    }

    /// Every key with its phrase, for checks over the whole file.
    pub(crate) fn phrases(&self) -> &BTreeMap<String, Phrase> {
        &self.phrases
    }
}

/// `text` with each `{name}` of `values` replaced by its value, in one pass: a value
/// that itself holds `{other}` is left as it is.
fn fill(text: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let named = after.find('}').and_then(|close| {
            let name = &after[..close];
            values
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (close, *v))
        });
        match named {
            Some((close, value)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(language: &str, yaml: &str) -> Strings {
        let file = crate::source::SourceFile::new(format!("i18n/{language}.yaml"), yaml);
        Strings::new(language, load::parse(&file).unwrap())
    }

    #[test]
    fn placeholders_are_filled_once_and_unknown_ones_stay() {
        assert_eq!(
            fill(
                "Tagged “{tag}” on {site}",
                &[("tag", "{site}"), ("site", "S")]
            ),
            "Tagged “{site}” on S"
        );
        assert_eq!(fill("{nothing} {", &[]), "{nothing} {");
    }

    #[test]
    fn french_counts_zero_and_one_as_singular() {
        let fr = strings(
            "fr",
            "articles:\n  one: \"{n} article\"\n  other: \"{n} articles\"\n",
        );
        assert_eq!(fr.count_html("articles", 0, &[]), "0 article");
        assert_eq!(fr.count_html("articles", 1, &[]), "1 article");
        assert_eq!(fr.count_html("articles", 2, &[]), "2 articles");
    }

    #[test]
    fn arabic_has_six_plural_forms() {
        let ar = strings("ar", "");
        let categories: Vec<&str> = [0, 1, 2, 3, 11, 100]
            .into_iter()
            .map(|n| ar.plural_category(n))
            .collect();
        assert_eq!(categories, ["zero", "one", "two", "few", "many", "other"]);
    }

    #[test]
    fn a_missing_plural_form_falls_back_to_other() {
        let ar = strings("ar", "pages:\n  other: \"{n} صفحة\"\n");
        assert_eq!(ar.count_html("pages", 3, &[]), "3 صفحة");
    }

    #[test]
    fn default_kind_labels_are_translated_and_a_site_own_label_stays() {
        let fr = strings("fr", "kind_guide: Guides pratiques\nkind_tool: Outils\n");
        let mut guide = KindDef {
            id: "guide".to_string(),
            label: "Guides".to_string(),
        };
        let mut tool = KindDef {
            id: "tool".to_string(),
            label: "Calculators".to_string(),
        };
        fr.translate_default_kind(&mut guide);
        fr.translate_default_kind(&mut tool);
        assert_eq!(guide.label, "Guides pratiques");
        assert_eq!(tool.label, "Calculators");
    }

    #[test]
    fn right_to_left_languages_are_known_by_their_primary_subtag() {
        assert_eq!(strings("ar", "").direction(), "rtl");
        assert_eq!(strings("he-IL", "").direction(), "rtl");
        assert_eq!(strings("fr", "").direction(), "ltr");
        assert_eq!(strings("en", "").direction(), "ltr");
    }

    #[test]
    fn dates_use_the_language_month_names() {
        let date = Date::parse("2026-05-07").unwrap();
        let pattern = "date: \"{day} {month} {year}\"\n";
        assert_eq!(strings("en", pattern).date(date), "7 May 2026");
        assert_eq!(strings("fr", pattern).date(date), "7 mai 2026");
        assert_eq!(strings("ar", pattern).date(date), "7 مايو 2026");
    }
}
