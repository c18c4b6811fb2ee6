//! serde's view of a TOML document whose values keep their spans.
//!
//! The `toml` crate parses front matter into a tree of [`Spanned`] values
//! ([`toml::de::DeTable`]); its own deserializer then hands serde's complaints back as
//! English text. This one reads the same tree and keeps each complaint as it was made, a
//! typed [`Mistake`] with the span and key path of the value it is about, so a
//! diagnostic is built from facts, not from a message taken apart.
//!
//! Tables are read in the order they are written, so the mistakes of a document come in
//! document order.

use std::fmt;
use std::ops::Range;

use serde::de::value::StrDeserializer;
use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, IntoDeserializer, MapAccess, SeqAccess,
    Unexpected, VariantAccess, Visitor,
};
use toml::Spanned;
use toml::de::{DeInteger, DeString, DeTable, DeValue};
use toml_datetime::de::DatetimeDeserializer;

/// What serde found wrong, in its own terms.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Wrong {
    /// A key the schema does not know, and the keys it knows there.
    UnknownKey {
        /// The key as written.
        key: String,
        /// The keys the table takes.
        known: &'static [&'static str],
    },
    /// A required key that is not written.
    MissingKey(&'static str),
    /// A key given twice.
    RepeatedKey(&'static str),
    /// A value of another type than the schema's, both as serde describes them
    /// (``found: "string \"yes\""``, `expected: "a boolean"`).
    Type {
        /// What was written.
        found: String,
        /// What the schema takes.
        expected: String,
    },
    /// A value of the right type that the schema refuses (a date that does not exist).
    Value {
        /// What was written.
        found: String,
        /// What the schema takes.
        expected: String,
    },
    /// A name that is not one of the values the key takes.
    Variant {
        /// The name as written.
        name: String,
        /// The values the key takes.
        known: &'static [&'static str],
    },
    /// Any other complaint, in the words of the type that made it.
    Other(String),
}

/// One mistake against the schema: what is wrong, where, and under which keys.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Mistake {
    /// What is wrong.
    pub wrong: Wrong,
    /// The byte range in the document of the key or value it is about.
    pub span: Option<Range<usize>>,
    /// The keys from the top of the document down to the value it is about
    /// (`["faq", "[0]", "answer"]`); for an unknown key, down to the table holding it.
    pub path: Vec<String>,
}

impl Mistake {
    fn new(wrong: Wrong) -> Self {
        Mistake {
            wrong,
            span: None,
            path: Vec::new(),
        }
    }

    /// The mistake, placed at `span` unless a value inside already placed it.
    fn at(mut self, span: Range<usize>) -> Self {
        self.span.get_or_insert(span);
        self
    }

    /// The mistake about this value with `found` (what serde was told it is) said as
    /// `instead`.
    fn found_instead(mut self, found: Unexpected, instead: &str) -> Self {
        if let Wrong::Type { found: said, .. } = &mut self.wrong
            && self.path.is_empty()
            && *said == found.to_string()
        {
            *said = instead.to_string();
        }
        self
    }

    /// The mistake, one level down: under the key (or `[index]`) `step`.
    fn under(mut self, step: String) -> Self {
        self.path.insert(0, step);
        self
    }
}

impl fmt::Display for Mistake {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "{:?} at {:?} under {:?}",
            self.wrong, self.span, self.path
        )
    }
}

impl std::error::Error for Mistake {}

impl de::Error for Mistake {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Mistake::new(Wrong::Other(message.to_string()))
    }

    fn invalid_type(found: Unexpected, expected: &dyn de::Expected) -> Self {
        Mistake::new(Wrong::Type {
            found: found.to_string(),
            expected: expected.to_string(),
        })
    }

    fn invalid_value(found: Unexpected, expected: &dyn de::Expected) -> Self {
        Mistake::new(Wrong::Value {
            found: found.to_string(),
            expected: expected.to_string(),
        })
    }

    fn unknown_variant(name: &str, known: &'static [&'static str]) -> Self {
        Mistake::new(Wrong::Variant {
            name: name.to_string(),
            known,
        })
    }

    fn unknown_field(key: &str, known: &'static [&'static str]) -> Self {
        Mistake::new(Wrong::UnknownKey {
            key: key.to_string(),
            known,
        })
    }

    fn missing_field(key: &'static str) -> Self {
        Mistake::new(Wrong::MissingKey(key))
    }

    fn duplicate_field(key: &'static str) -> Self {
        Mistake::new(Wrong::RepeatedKey(key))
    }
}

/// One value of the document, read by serde.
pub(super) struct Value<'a, 'i> {
    value: &'a Spanned<DeValue<'i>>,
}

impl<'a, 'i> Value<'a, 'i> {
    /// Reads `value` (the whole document, as a table, or any value inside it).
    pub(super) fn new(value: &'a Spanned<DeValue<'i>>) -> Self {
        Value { value }
    }
}

impl<'de> Deserializer<'de> for Value<'_, '_> {
    type Error = Mistake;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mistake> {
        let span = self.value.span();
        match self.value.get_ref() {
            DeValue::String(text) => visitor.visit_str(text),
            DeValue::Integer(number) => integer(number, visitor),
            DeValue::Float(number) => match number.as_str().parse::<f64>() {
                // `inf` is written as such; `1e999` is a number too large.
                Ok(v) if v.is_finite() || number.as_str().contains("inf") => visitor.visit_f64(v),
                _ => Err(de::Error::custom("floating-point number overflowed")),
            },
            DeValue::Boolean(v) => visitor.visit_bool(*v),
            // As the `toml` crate gives it: a map of one private key, which
            // `toml::value::Datetime` (and pillar's `Date`) read back. A type that
            // takes no map calls it one: the mistake names the date instead.
            DeValue::Datetime(v) => visitor
                .visit_map(DatetimeDeserializer::new(*v))
                .map_err(|mistake: Mistake| mistake.found_instead(Unexpected::Map, &written(v))),
            DeValue::Array(items) => visitor.visit_seq(Items {
                items: items.iter().enumerate(),
            }),
            DeValue::Table(table) => visitor.visit_map(Entries::new(table)),
        }
        .map_err(|mistake| mistake.at(span))
    }

    /// TOML has no null: a value that is written is `Some`.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Mistake> {
        let span = self.value.span();
        visitor.visit_some(self).map_err(|mistake| mistake.at(span))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Mistake> {
        let span = self.value.span();
        visitor
            .visit_newtype_struct(self)
            .map_err(|mistake| mistake.at(span))
    }

    /// An enum is a string (`sort_by = "date"`) or a table of one key, the variant, and
    /// its value.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Mistake> {
        let span = self.value.span();
        match self.value.get_ref() {
            DeValue::String(name) => {
                let name: StrDeserializer<Mistake> = name.as_ref().into_deserializer();
                visitor.visit_enum(name)
            }
            DeValue::Table(table) if table.len() == 1 => {
                let (name, value) = table.iter().next().expect("a table of one entry");
                visitor.visit_enum(Variant { name, value })
            }
            _ => Err(de::Error::invalid_type(
                unexpected(self.value.get_ref()),
                &"a string",
            )),
        }
        .map_err(|mistake| mistake.at(span))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
        byte_buf unit unit_struct seq tuple tuple_struct map struct identifier
        ignored_any
    }
}

/// Hands an integer to `visitor` as the smallest type that holds it.
fn integer<'de, V: Visitor<'de>>(number: &DeInteger, visitor: V) -> Result<V::Value, Mistake> {
    let (text, radix) = (number.as_str(), number.radix());
    if let Ok(v) = i64::from_str_radix(text, radix) {
        visitor.visit_i64(v)
    } else if let Ok(v) = u64::from_str_radix(text, radix) {
        visitor.visit_u64(v)
    } else if let Ok(v) = i128::from_str_radix(text, radix) {
        visitor.visit_i128(v)
    } else if let Ok(v) = u128::from_str_radix(text, radix) {
        visitor.visit_u128(v)
    } else {
        Err(de::Error::custom("integer number overflowed"))
    }
}

/// A TOML date, time or both, as a mistake names it: ``date `2026-05-27` ``.
fn written(value: &toml::value::Datetime) -> String {
    let what = match (value.date, value.time) {
        (Some(_), None) => "date",
        (None, Some(_)) => "time",
        _ => "date and time",
    };
    format!("{what} `{value}`")
}

/// A value as serde names what it did not expect.
fn unexpected<'a>(value: &'a DeValue) -> Unexpected<'a> {
    match value {
        DeValue::String(text) => Unexpected::Str(text),
        DeValue::Integer(number) => i64::from_str_radix(number.as_str(), number.radix())
            .map_or(Unexpected::Other("integer"), Unexpected::Signed),
        DeValue::Float(number) => number
            .as_str()
            .parse()
            .map_or(Unexpected::Other("float"), Unexpected::Float),
        DeValue::Boolean(v) => Unexpected::Bool(*v),
        DeValue::Datetime(_) | DeValue::Table(_) => Unexpected::Map,
        DeValue::Array(_) => Unexpected::Seq,
    }
}

/// The items of an array, each under its `[index]`.
struct Items<'a, 'i> {
    items: std::iter::Enumerate<std::slice::Iter<'a, Spanned<DeValue<'i>>>>,
}

impl<'de> SeqAccess<'de> for Items<'_, '_> {
    type Error = Mistake;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Mistake> {
        let Some((index, item)) = self.items.next() else {
            return Ok(None);
        };
        seed.deserialize(Value::new(item))
            .map(Some)
            .map_err(|mistake| mistake.under(format!("[{index}]")))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// The entries of a table, in the order they are written (the `toml` crate keeps them
/// sorted by key).
struct Entries<'a, 'i> {
    entries: std::vec::IntoIter<(&'a Spanned<DeString<'i>>, &'a Spanned<DeValue<'i>>)>,
    /// The entry whose key was read last, until its value is.
    current: Option<(&'a str, &'a Spanned<DeValue<'i>>)>,
}

impl<'a, 'i> Entries<'a, 'i> {
    fn new(table: &'a DeTable<'i>) -> Self {
        let mut entries: Vec<_> = table.iter().collect();
        entries.sort_by_key(|(key, value)| (key.span().start, value.span().start));
        Entries {
            entries: entries.into_iter(),
            current: None,
        }
    }
}

impl<'de> MapAccess<'de> for Entries<'_, '_> {
    type Error = Mistake;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Mistake> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.current = Some((key.get_ref(), value));
        let name: StrDeserializer<Mistake> = key.get_ref().as_ref().into_deserializer();
        seed.deserialize(name)
            .map(Some)
            .map_err(|mistake| mistake.at(key.span()))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Mistake> {
        let Some((key, value)) = self.current.take() else {
            return Err(de::Error::custom("a value asked for before its key"));
        };
        seed.deserialize(Value::new(value))
            .map_err(|mistake| mistake.under(key.to_string()))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// An enum written as a table of one key: the variant's name and its value.
struct Variant<'a, 'i> {
    name: &'a Spanned<DeString<'i>>,
    value: &'a Spanned<DeValue<'i>>,
}

impl<'de, 'a, 'i> EnumAccess<'de> for Variant<'a, 'i> {
    type Error = Mistake;
    type Variant = Value<'a, 'i>;

    fn variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<(T::Value, Value<'a, 'i>), Mistake> {
        let name: StrDeserializer<Mistake> = self.name.get_ref().as_ref().into_deserializer();
        let variant = seed
            .deserialize(name)
            .map_err(|mistake| mistake.at(self.name.span()))?;
        Ok((variant, Value::new(self.value)))
    }
}

impl<'de> VariantAccess<'de> for Value<'_, '_> {
    type Error = Mistake;

    /// A variant without data takes none: `{ date = {} }` at most.
    fn unit_variant(self) -> Result<(), Mistake> {
        match self.value.get_ref() {
            DeValue::Table(table) if table.is_empty() => Ok(()),
            other => Err(
                <Mistake as de::Error>::invalid_type(unexpected(other), &"nothing")
                    .at(self.value.span()),
            ),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Mistake> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Mistake> {
        self.deserialize_any(visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Mistake> {
        self.deserialize_any(visitor)
    }
}
