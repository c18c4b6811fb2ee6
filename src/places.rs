//! Where the values of a front matter (or `site.yaml`) are written, from the parsers'
//! spans.
//!
//! The model and link stages find a problem with a value (an unsafe slug, an unknown
//! kind, a broken `related` path) after serde has dropped its position. [`Places`] reads
//! the document once more, as a tree whose nodes keep their offsets (YAML through
//! [`crate::yaml::tree`], TOML through the `toml` crate's spanned tables), and answers
//! where a value under a key is written.

use std::ops::Range;

use crate::source::SourceFile;
use crate::yaml::tree::{Kind, Node};

/// Every scalar of one document with the key it is written under.
#[derive(Debug)]
pub(crate) struct Places {
    /// The scalars in document order.
    found: Vec<Place>,
    /// The file, whose text the spans point into.
    file: SourceFile,
    /// The document's byte range in its file.
    within: Range<usize>,
}

/// One scalar: the nearest key above it, its text, and where it starts in the file.
#[derive(Debug)]
struct Place {
    key: String,
    text: String,
    start: usize,
}

impl Places {
    /// The places of the front matter or file in `within` of `file`: TOML when the file
    /// opens with `+++`, else YAML. A document that does not parse has no places.
    pub(crate) fn of(file: &SourceFile, within: Range<usize>) -> Places {
        if !file.text.starts_with("+++") {
            return Places::yaml(file, within);
        }
        let text = file.text.get(within.clone()).unwrap_or_default();
        let mut found = Vec::new();
        if let Ok(table) = toml::de::DeTable::parse(text) {
            toml_places(table.get_ref(), within.start, &mut found);
        }
        found.sort_by_key(|place| place.start);
        Places {
            found,
            file: file.clone(),
            within,
        }
    }

    /// The places of the YAML in `within` of `file` (a block of a page, say).
    pub(crate) fn yaml(file: &SourceFile, within: Range<usize>) -> Places {
        let text = file.text.get(within.clone()).unwrap_or_default();
        let mut found = Vec::new();
        if let Ok(tree) = crate::yaml::tree_of(text) {
            yaml_places(&tree, "", within.start, &mut found);
        }
        Places {
            found,
            file: file.clone(),
            within,
        }
    }

    /// The span of `value` as written under the key `key`: inside the first scalar under
    /// that key that contains it (a `related` item, a link in an `answer`). Falls back
    /// to the first occurrence anywhere in the document.
    pub(crate) fn value(&self, key: &str, value: &str) -> Option<Range<usize>> {
        self.found
            .iter()
            .filter(|place| place.key == key && place.text.contains(value))
            .find_map(|place| self.file.find_in(place.start..self.within.end, value))
            .or_else(|| self.file.find_in(self.within.clone(), value))
    }
}

/// The scalars of a YAML node, each under the nearest key above it (`key`).
fn yaml_places(node: &Node, key: &str, offset: usize, found: &mut Vec<Place>) {
    match &node.kind {
        Kind::Scalar(scalar) => found.push(Place {
            key: key.to_string(),
            text: scalar.text.clone(),
            start: offset + node.start,
        }),
        Kind::Seq(items) => {
            for item in items {
                yaml_places(item, key, offset, found);
            }
        }
        Kind::Map(entries) => {
            for (k, v) in entries {
                yaml_places(v, k.text().unwrap_or_default(), offset, found);
            }
        }
    }
}

/// The scalars of a TOML table, each under the nearest key above it.
fn toml_places(table: &toml::de::DeTable, offset: usize, found: &mut Vec<Place>) {
    for (key, value) in table {
        toml_value_places(value, key.get_ref(), offset, found);
    }
}

fn toml_value_places(
    value: &toml::Spanned<toml::de::DeValue>,
    key: &str,
    offset: usize,
    found: &mut Vec<Place>,
) {
    use toml::de::DeValue;
    let text = match value.get_ref() {
        DeValue::String(text) => text.to_string(),
        DeValue::Array(items) => {
            for item in items {
                toml_value_places(item, key, offset, found);
            }
            return;
        }
        DeValue::Table(table) => return toml_places(table, offset, found),
        DeValue::Integer(_) | DeValue::Float(_) | DeValue::Boolean(_) | DeValue::Datetime(_) => {
            String::new()
        }
    };
    found.push(Place {
        key: key.to_string(),
        text,
        start: offset + value.span().start,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The line where `value` under `key` is written in `text`, a page's front matter
    /// (between `---` or `+++` fences) or a whole YAML file.
    fn line_of(text: &str, key: &str, value: &str) -> usize {
        let file = SourceFile::new("a.md", text);
        let within = match crate::split::split_front_matter(&file) {
            Ok(split) if !split.front_matter.is_empty() => split.front_matter,
            _ => 0..text.len(),
        };
        let at = Places::of(&file, within).value(key, value).unwrap();
        file.line_col(at.start).line
    }

    #[test]
    fn a_value_is_found_under_its_key() {
        assert_eq!(
            line_of("description: slug same\nslug: same\n", "slug", "same"),
            2
        );
        assert_eq!(
            line_of(
                "+++\ndescription = \"slug same\"\nslug = \"same\"\n+++\n",
                "slug",
                "same"
            ),
            3
        );
    }

    #[test]
    fn list_items_and_nested_keys_are_found() {
        let text = "related: [a.md, b.md]\nfaq:\n  - question: q\n    answer: see [b](@/b.md)\n";
        assert_eq!(line_of(text, "related", "b.md"), 1);
        assert_eq!(line_of(text, "answer", "@/b.md"), 4);
    }
}
