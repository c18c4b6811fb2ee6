//! A YAML document as a tree of nodes that know where they start.
//!
//! serde gives a struct its values but not their places; this tree keeps them. The
//! parser reads the text into it only when it is asked for places: to name the key
//! path of a mistake, to find where a top-level entry ends, or to point a later stage at
//! a value of the front matter.

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

/// One node of the document and the byte offset where it starts in the parsed text.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    /// Byte offset of the node's first character (a quoted scalar's quote).
    pub start: usize,
    /// What the node holds.
    pub kind: Kind,
}

/// A scalar value: its text, and what it is in serde's words.
#[derive(Debug, Clone)]
pub(crate) struct Scalar {
    /// The value as text (`true`, `3`, `a guide`); empty for null.
    pub text: String,
    /// What the value is, as serde describes a value it did not expect:
    /// ``integer `3` ``, `string "x"`, `unit value`.
    pub found: String,
}

/// The three shapes a YAML node takes.
#[derive(Debug, Clone)]
pub(crate) enum Kind {
    /// A scalar.
    Scalar(Scalar),
    /// A sequence of nodes.
    Seq(Vec<Node>),
    /// A mapping, its entries in the order written.
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// The text of a scalar node.
    pub(crate) fn text(&self) -> Option<&str> {
        match &self.kind {
            Kind::Scalar(scalar) => Some(&scalar.text),
            _ => None,
        }
    }

    /// What the node is, as serde describes a value it did not expect.
    pub(crate) fn found(&self) -> &str {
        match &self.kind {
            Kind::Scalar(scalar) => &scalar.found,
            Kind::Seq(_) => "sequence",
            Kind::Map(_) => "map",
        }
    }

    /// The deepest node that starts at or before `offset`, descending from this one.
    pub(crate) fn node_at(&self, offset: usize) -> &Node {
        let mut node = self;
        loop {
            let next = match &node.kind {
                Kind::Scalar(_) => None,
                Kind::Seq(items) => items.iter().rev().find(|item| item.start <= offset),
                Kind::Map(entries) => entries
                    .iter()
                    .rev()
                    .find(|(k, _)| k.start <= offset)
                    .map(|(k, v)| if v.start <= offset { v } else { k }),
            };
            match next {
                Some(next) => node = next,
                None => return node,
            }
        }
    }

    /// The first key written twice in one mapping (the second time it is written),
    /// in document order.
    pub(crate) fn repeated_key(&self) -> Option<&Node> {
        match &self.kind {
            Kind::Scalar(_) => None,
            Kind::Seq(items) => items.iter().find_map(Node::repeated_key),
            Kind::Map(entries) => entries.iter().enumerate().find_map(|(i, (key, value))| {
                let earlier = entries[..i].iter().any(|(k, _)| k.text() == key.text());
                if earlier && key.text().is_some() {
                    Some(key)
                } else {
                    key.repeated_key().or_else(|| value.repeated_key())
                }
            }),
        }
    }

    /// The key path (`faq[0].answer`) of the deepest node that starts at or before
    /// `offset`, descending from this one.
    pub(crate) fn path_to(&self, offset: usize) -> Vec<String> {
        let mut path = Vec::new();
        let mut node = self;
        loop {
            match &node.kind {
                Kind::Scalar(_) => return path,
                Kind::Seq(items) => {
                    let Some(i) = items.iter().rposition(|item| item.start <= offset) else {
                        return path;
                    };
                    path.push(format!("[{i}]"));
                    node = &items[i];
                }
                Kind::Map(entries) => {
                    let Some((key, value)) = entries.iter().rev().find(|(k, _)| k.start <= offset)
                    else {
                        return path;
                    };
                    path.push(key.text().unwrap_or_default().to_string());
                    if value.start > offset {
                        return path;
                    }
                    node = value;
                }
            }
        }
    }

    /// The byte range of the top-level mapping entry that holds `offset`: from its key
    /// to the next entry's key (or `end`).
    pub(crate) fn top_entry(&self, offset: usize, end: usize) -> Option<std::ops::Range<usize>> {
        let Kind::Map(entries) = &self.kind else {
            return None;
        };
        let i = entries.iter().rposition(|(key, _)| key.start <= offset)?;
        let stop = entries.get(i + 1).map_or(end, |(key, _)| key.start);
        Some(entries[i].0.start..stop)
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = Spanned::<Kind>::deserialize(deserializer)?;
        let start = spanned.referenced.span().byte_offset().unwrap_or(0);
        Ok(Node {
            start: usize::try_from(start).unwrap_or(usize::MAX),
            kind: spanned.value,
        })
    }
}

impl<'de> Deserialize<'de> for Kind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(KindVisitor)
    }
}

/// Reads any node into a [`Kind`].
struct KindVisitor;

impl<'de> Visitor<'de> for KindVisitor {
    type Value = Kind;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Kind, E> {
        Ok(scalar(v, format!("boolean `{v}`")))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Kind, E> {
        Ok(scalar(v, format!("integer `{v}`")))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Kind, E> {
        Ok(scalar(v, format!("integer `{v}`")))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Kind, E> {
        Ok(scalar(v, format!("integer `{v}`")))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Kind, E> {
        Ok(scalar(v, format!("integer `{v}`")))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Kind, E> {
        Ok(scalar(v, format!("floating point `{v}`")))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Kind, E> {
        Ok(scalar(v, format!("string {v:?}")))
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Kind, E> {
        Ok(scalar(String::from_utf8_lossy(v), "byte array".to_string()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Kind, E> {
        Ok(scalar("", "unit value".to_string()))
    }

    fn visit_none<E: de::Error>(self) -> Result<Kind, E> {
        Ok(scalar("", "unit value".to_string()))
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Kind, D::Error> {
        Kind::deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Kind, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Node>()? {
            items.push(item);
        }
        Ok(Kind::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Kind, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry::<Node, Node>()? {
            entries.push(entry);
        }
        Ok(Kind::Map(entries))
    }
}

/// A scalar node's kind.
fn scalar(text: impl ToString, found: String) -> Kind {
    Kind::Scalar(Scalar {
        text: text.to_string(),
        found,
    })
}
