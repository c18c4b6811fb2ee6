//! The shapes a dataset file is read into, before it is checked.
//!
//! `values` is kept as written: maps as ordered lists of entries (so duplicate keys can be
//! reported), and each value in the short form (just the text), the full form (`value`,
//! `source`, `note`) or the variants form (`variants`), or empty.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, de::value::MapAccessDeserializer};

use super::dataset::{Dimension, Entity, Source};

/// A dataset file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDataset {
    /// The title (required).
    pub title: String,
    /// One sentence on the dataset.
    #[serde(default)]
    pub description: Option<String>,
    /// The references values may cite.
    #[serde(default)]
    pub sources: Vec<Source>,
    /// The columns.
    pub entities: Vec<Entity>,
    /// The rows.
    pub dimensions: Vec<Dimension>,
    /// Values by dimension id, then entity id, as written.
    pub values: Entries<Entries<RawValue>>,
}

/// A mapping kept as its entries in the order written, duplicates included.
#[derive(Debug)]
pub(super) struct Entries<T>(pub Vec<(String, T)>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Entries<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for EntriesVisitor<T> {
            type Value = Entries<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping of ids")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }
        deserializer.deserialize_map(EntriesVisitor(PhantomData))
    }
}

/// One value of an entity on a dimension, in whichever form it was written.
#[derive(Debug)]
pub(super) enum RawValue {
    /// Nothing after the key.
    Empty,
    /// The short form: just the text.
    Text(String),
    /// The full or variants form.
    Full(RawFull),
}

/// The full form of a value: either `value` (with `source`) or `variants`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFull {
    /// The figure, in the full form.
    #[serde(default)]
    pub value: Option<Text>,
    /// The source of the figure, in the full form.
    #[serde(default)]
    pub source: Option<String>,
    /// A note on the whole value.
    #[serde(default)]
    pub note: Option<String>,
    /// Each source's figure, in the variants form.
    #[serde(default)]
    pub variants: Option<Vec<RawVariant>>,
}

/// One sourced figure of a value whose sources disagree.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawVariant {
    /// The figure.
    pub value: Text,
    /// The source it comes from (required, but checked after parsing for a clearer error).
    #[serde(default)]
    pub source: Option<String>,
    /// A note on this figure.
    #[serde(default)]
    pub note: Option<String>,
}

/// Value text; a number or boolean (`employees: 40`) is read as the text it was written as.
#[derive(Debug)]
pub(super) struct Text(pub String);

/// Reads scalars as text and nulls as empty; reads a mapping as the full form only where
/// one is allowed (`accepts_map`), so a mapping for a variant's text is a type error.
struct ValueVisitor {
    accepts_map: bool,
}

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = RawValue;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if self.accepts_map {
            f.write_str("text, or a mapping with `value` or `variants`")
        } else {
            f.write_str("text")
        }
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<RawValue, E> {
        Ok(RawValue::Text(v.to_string()))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<RawValue, E> {
        Ok(RawValue::Text(v.to_string()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawValue, E> {
        Ok(RawValue::Text(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawValue, E> {
        Ok(RawValue::Text(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawValue, E> {
        Ok(RawValue::Text(v.to_string()))
    }
    fn visit_unit<E: de::Error>(self) -> Result<RawValue, E> {
        Ok(RawValue::Empty)
    }
    fn visit_none<E: de::Error>(self) -> Result<RawValue, E> {
        Ok(RawValue::Empty)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawValue, A::Error> {
        if !self.accepts_map {
            return Err(de::Error::invalid_type(de::Unexpected::Map, &self));
        }
        RawFull::deserialize(MapAccessDeserializer::new(map)).map(RawValue::Full)
    }
}

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor { accepts_map: true })
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match deserializer.deserialize_any(ValueVisitor { accepts_map: false })? {
            RawValue::Text(text) => Ok(Text(text)),
            _ => Ok(Text(String::new())),
        }
    }
}
