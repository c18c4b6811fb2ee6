//! The filter file as written: the shapes serde reads, before any checking.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

/// `content/filters/<id>.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFilter {
    /// The heading of the form.
    pub title: String,
    /// Markdown shown above the questions.
    #[serde(default)]
    pub intro: Option<String>,
    /// The questions, in the order asked.
    pub questions: Vec<RawQuestion>,
    /// The recommendations.
    pub outcomes: Vec<RawOutcome>,
    /// The rules mapping answers to outcomes.
    pub rules: Vec<RawRule>,
}

/// One question and its options.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawQuestion {
    /// The id: the radio buttons' name and the URL parameter.
    pub id: String,
    /// A short name for the decision table.
    #[serde(default)]
    pub label: Option<String>,
    /// The question as the reader sees it.
    pub text: String,
    /// A line of help under it.
    #[serde(default)]
    pub help: Option<String>,
    /// The answers to choose from.
    pub options: Vec<RawOption>,
}

/// One answer to a question.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawOption {
    /// The id, unique within the question.
    pub id: String,
    /// The answer as the reader sees it.
    pub label: String,
}

/// One recommendation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawOutcome {
    /// The id rules name.
    pub id: String,
    /// The recommendation in a few words.
    pub title: String,
    /// Markdown: what it means.
    #[serde(default)]
    pub summary: Option<String>,
    /// Content paths of the articles that explain it.
    #[serde(default)]
    pub links: Vec<String>,
    /// Ids of other outcomes worth a look.
    #[serde(default)]
    pub also_consider: Vec<String>,
}

/// One rule: conditions, the outcome they lead to, and why.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRule {
    /// The conditions; questions not named match any answer.
    #[serde(default)]
    pub when: Conditions,
    /// The outcome id.
    pub outcome: String,
    /// The rationale the reader sees.
    pub because: String,
    /// Higher wins where rules overlap.
    #[serde(default)]
    pub priority: i64,
}

/// The `when` mapping, in the order written, duplicates kept so they can be reported.
#[derive(Debug, Default)]
pub(crate) struct Conditions(pub Vec<(String, Condition)>);

/// What a rule allows for one question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Condition {
    /// `any`: every option.
    Any,
    /// One option id, or a list of them.
    Options(Vec<String>),
}

impl<'de> Deserialize<'de> for Conditions {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ConditionsVisitor;
        impl<'de> Visitor<'de> for ConditionsVisitor {
            type Value = Conditions;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping of question ids to option ids")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Conditions, E> {
                Ok(Conditions::default())
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Conditions, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry::<String, Condition>()? {
                    entries.push(entry);
                }
                Ok(Conditions(entries))
            }
        }
        deserializer.deserialize_any(ConditionsVisitor)
    }
}

impl<'de> Deserialize<'de> for Condition {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ConditionVisitor;
        impl ConditionVisitor {
            fn one(value: String) -> Condition {
                if value == "any" {
                    Condition::Any
                } else {
                    Condition::Options(vec![value])
                }
            }
        }
        impl<'de> Visitor<'de> for ConditionVisitor {
            type Value = Condition;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an option id, a list of option ids, or `any`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Condition, E> {
                Ok(Self::one(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Condition, E> {
                Ok(Self::one(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Condition, E> {
                Ok(Self::one(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Condition, E> {
                Ok(Self::one(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Condition, E> {
                Ok(Self::one(v.to_string()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Condition, A::Error> {
                let mut ids = Vec::new();
                while let Some(id) = seq.next_element::<String>()? {
                    ids.push(id);
                }
                Ok(Condition::Options(ids))
            }
        }
        deserializer.deserialize_any(ConditionVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;
    use crate::yaml;

    fn rule(text: &str) -> RawRule {
        yaml::parse_file(&SourceFile::new("r.yaml", text)).unwrap()
    }

    #[test]
    fn conditions_keep_order_and_duplicates() {
        let r = rule("when:\n  b: any\n  a: [x, 2]\n  b: yes\noutcome: o\nbecause: w\n");
        assert_eq!(
            r.when.0,
            [
                ("b".to_string(), Condition::Any),
                (
                    "a".to_string(),
                    Condition::Options(vec!["x".into(), "2".into()])
                ),
                ("b".to_string(), Condition::Options(vec!["yes".into()])),
            ]
        );
        assert_eq!(r.priority, 0);
    }

    #[test]
    fn scalars_of_any_type_are_option_ids() {
        let r = rule("when: {a: 3, b: true}\noutcome: o\nbecause: w\npriority: -2\n");
        assert_eq!(r.when.0[0].1, Condition::Options(vec!["3".into()]));
        assert_eq!(r.when.0[1].1, Condition::Options(vec!["true".into()]));
        assert_eq!(r.priority, -2);
    }

    #[test]
    fn an_empty_when_matches_everything() {
        assert!(rule("when:\noutcome: o\nbecause: w\n").when.0.is_empty());
        assert!(rule("outcome: o\nbecause: w\n").when.0.is_empty());
    }

    #[test]
    fn a_mapping_is_not_a_condition() {
        let file = SourceFile::new("r.yaml", "when:\n  a: {x: 1}\noutcome: o\nbecause: w\n");
        let d = yaml::parse_file::<RawRule>(&file).unwrap_err();
        assert!(
            d.message
                .contains("an option id, a list of option ids, or `any`"),
            "{}",
            d.message
        );
        assert_eq!(d.line_col().unwrap().line, 2);
    }
}
