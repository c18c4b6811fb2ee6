//! The front matter schema of a page.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer};

/// What an author writes between the `---` (YAML) or `+++` (TOML) lines. Unknown keys
/// are errors; a theme's own data goes under `extra`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FrontMatter {
    /// The page title (required).
    pub title: Option<String>,
    /// The last part of the URL; default: the file name without `.md`.
    pub slug: Option<String>,
    /// One sentence for search results, listings and the meta description.
    pub description: Option<String>,
    /// When the page was first published.
    pub date: Option<Date>,
    /// When the page last changed in substance.
    pub updated: Option<Date>,
    /// Who wrote it; default: the site's author.
    pub author: Option<String>,
    /// The kind of page, one of the kinds `site.yaml` lists.
    pub kind: Option<String>,
    /// Tags; each gets a page listing what carries it.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Pages to show first among the related ones, as content paths.
    #[serde(default)]
    pub related: Vec<String>,
    /// Old URLs of this page; each gets a page that redirects here.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// A draft is left out of the build unless `--drafts` is given.
    #[serde(default)]
    pub draft: bool,
    /// A headless file is never a page: it holds text other pages include
    /// (`::include{file="…"}`), like Hugo's headless bundles.
    #[serde(default)]
    pub headless: bool,
    /// Order inside the cluster, lower first; pages without one come after.
    pub weight: Option<i64>,
    /// On a hub: how its section lists its articles. Without it, a section whose
    /// articles all have a date and none a weight lists them by date.
    pub sort_by: Option<SortBy>,
    /// Where the page's facts come from.
    #[serde(default)]
    pub sources: Vec<SourceRef>,
    /// Questions and answers, rendered as an FAQ section.
    #[serde(default)]
    pub faq: Vec<FaqEntry>,
    /// On a term page (`kind: term`): other names of the term (synonyms,
    /// abbreviations); the first mention of any of them, or of the title, in other
    /// pages links here.
    #[serde(default)]
    pub terms: Vec<String>,
    /// `false` keeps glossary terms on this page from linking themselves.
    #[serde(default)]
    pub autolink: Option<bool>,
    /// On a translation (`about.fr.md`): the hash of its original's text when it was
    /// translated, which `pillar check --mark-translated` writes; a build warns once
    /// the original's text has changed since.
    pub translated_from: Option<String>,
    /// Anything else a theme needs: passed to templates as `page.extra` (Zola's
    /// `extra`, Hugo's `params`).
    #[serde(default, deserialize_with = "extra_values")]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// How a section orders its articles (`sort_by` on its hub).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum SortBy {
    /// Newest first, by `date`; undated articles last.
    Date,
    /// By `weight`, then date, then title.
    Weight,
}

/// A reference the page's facts come from.
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SourceRef {
    /// The title of the work.
    pub title: String,
    /// Who wrote it.
    pub author: Option<String>,
    /// Who published it.
    pub publisher: Option<String>,
    /// When it was published.
    pub date: Option<Date>,
    /// Where to read it.
    pub url: Option<String>,
}

/// One question and its answer (markdown).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FaqEntry {
    /// The question.
    pub question: String,
    /// The answer, in markdown.
    pub answer: String,
}

/// A calendar date, written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Date {
    /// The year.
    pub year: u16,
    /// The month, 1-12.
    pub month: u8,
    /// The day of the month, 1-31.
    pub day: u8,
}

impl Date {
    /// Reads `YYYY-MM-DD`, checking the month and day exist.
    pub(crate) fn parse(text: &str) -> Option<Date> {
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        let mut parts = text.trim().splitn(3, '-');
        let year_part = parts.next()?;
        let month_part = parts.next()?;
        if !digits(year_part, 4) || !digits(month_part, 2) {
            return None;
        }
        let year: u16 = year_part.parse().ok()?;
        let month: u8 = month_part.parse().ok()?;
        let day_part = parts.next()?;
        let day_digits = day_part.get(..2).filter(|d| digits(d, 2))?;
        let rest = &day_part[2..];
        if !(rest.is_empty() || rest.starts_with('T') || rest.starts_with(' ')) {
            return None;
        }
        let day: u8 = day_digits.parse().ok()?;
        let leap =
            year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    /// `2026-05-27`.
    pub(crate) fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// `extra` as templates get it: a TOML date is its text, as a YAML one is.
fn extra_values<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<String, serde_json::Value>, D::Error> {
    let mut extra = BTreeMap::<String, serde_json::Value>::deserialize(deserializer)?;
    extra.values_mut().for_each(crate::toml_text::dates_as_text);
    Ok(extra)
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(DateVisitor)
    }
}

/// Reads a date written as text (YAML, JSON, quoted TOML) or as a TOML date.
struct DateVisitor;

impl<'de> serde::de::Visitor<'de> for DateVisitor {
    type Value = Date;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a date like 2026-05-27")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Date, E> {
        Date::parse(text).ok_or_else(|| E::invalid_value(serde::de::Unexpected::Str(text), &self))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Date, A::Error> {
        let written =
            toml::value::Datetime::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
        let text = written.to_string();
        Date::parse(&text).ok_or_else(|| {
            serde::de::Error::invalid_value(serde::de::Unexpected::Str(&text), &self)
        })
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.iso())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_dates_and_rejects_impossible_ones() {
        assert_eq!(
            Date::parse("2026-05-27"),
            Some(Date {
                year: 2026,
                month: 5,
                day: 27
            })
        );
        assert!(Date::parse("2026-02-29").is_none());
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2026-13-01").is_none());
        assert!(Date::parse("May 27").is_none());
        assert!(Date::parse("2026-5-07").is_none());
        assert!(Date::parse("2026-05-7").is_none());
        assert_eq!(
            Date::parse("2026-05-27T10:00:00Z").unwrap().iso(),
            "2026-05-27"
        );
    }
}
