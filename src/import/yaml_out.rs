//! The YAML `pillar import` writes (front matter, `site.yaml`): mappings in the order
//! the importer puts their keys, written by serde-saphyr, the parser pillar reads YAML
//! with, so what is written reads back the same (a string like `yes`, `null` or
//! `2024-01-02` is quoted).

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;

/// A YAML mapping whose keys keep the order they were inserted in.
#[derive(Debug, Default)]
pub(super) struct Mapping(Vec<(String, Yaml)>);

/// A value of a [`Mapping`]: plain data, a list, or a mapping in order.
#[derive(Debug)]
pub(super) enum Yaml {
    Data(Value),
    List(Vec<Yaml>),
    Map(Mapping),
}

impl Mapping {
    /// An empty mapping.
    pub(super) fn new() -> Mapping {
        Mapping::default()
    }

    /// Sets `key` to `value`, in its place if the key is there already, else last.
    pub(super) fn insert(&mut self, key: &str, value: Yaml) {
        match self.0.iter_mut().find(|(k, _)| k == key) {
            Some((_, old)) => *old = value,
            None => self.0.push((key.to_string(), value)),
        }
    }

    /// Whether `key` is set.
    pub(super) fn contains_key(&self, key: &str) -> bool {
        self.0.iter().any(|(k, _)| k == key)
    }

    /// The mapping as YAML text, ending in a line break (empty for no keys).
    pub(super) fn to_yaml(&self) -> String {
        if self.0.is_empty() {
            return String::new();
        }
        // Serializing plain data, strings and maps with string keys cannot fail.
        serde_saphyr::to_string(self).unwrap_or_default()
    }
}

impl Serialize for Mapping {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

impl Serialize for Yaml {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Yaml::Data(value) => value.serialize(serializer),
            Yaml::List(items) => items.serialize(serializer),
            Yaml::Map(map) => map.serialize(serializer),
        }
    }
}

/// Plain data of these types becomes a [`Yaml::Data`].
macro_rules! data_from {
    ($($t:ty),*) => {$(
        impl From<$t> for Yaml {
            fn from(value: $t) -> Yaml {
                Yaml::Data(value.into())
            }
        }
    )*};
}

data_from!(Value, String, &str, bool, i64, u64);

impl From<Mapping> for Yaml {
    fn from(map: Mapping) -> Yaml {
        Yaml::Map(map)
    }
}

impl From<Vec<Yaml>> for Yaml {
    fn from(items: Vec<Yaml>) -> Yaml {
        Yaml::List(items)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_keep_their_order_and_strings_that_read_as_other_types_are_quoted() {
        let mut nav = Mapping::new();
        nav.insert("label", "Home".into());
        nav.insert("url", "@/_index.md".into());
        let mut map = Mapping::new();
        map.insert("title", "Yes: a title".into());
        map.insert("date", "2024-01-02".into());
        map.insert("draft", "yes".into());
        map.insert("weight", 3_i64.into());
        map.insert("nav", vec![Yaml::from(nav)].into());
        map.insert("title", "Kept first".into());
        assert_eq!(
            map.to_yaml(),
            "title: Kept first\ndate: \"2024-01-02\"\ndraft: \"yes\"\nweight: 3\nnav:\n- label: Home\n  url: \"@/_index.md\"\n"
        );
    }
}
