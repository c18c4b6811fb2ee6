//! Whether a translated data file (`data/plans.fr.yaml`) keeps the logic of its
//! original (`data/plans.yaml`): the same ids, options, rules, conditions and values,
//! with only the words changed.
//!
//! Both files are read as YAML trees with the place of every node and walked side by
//! side. Each component says which scalars are words (by the keys above them, see
//! [`IsText`]): those may differ, or be left out or added; everything else must be
//! written alike. The first difference is an error at the translation's line and
//! column that names the original's.

use std::ops::Range;

use crate::diagnostics::Diagnostic;
use crate::source::SourceFile;
use crate::yaml::tree::{Kind, Node};

/// Whether a scalar under the mapping keys `path` (sequences add no key: the label of
/// an option of a question is `["questions", "options", "label"]`) is words a
/// translation may change.
pub(crate) type IsText = fn(&[&str]) -> bool;

/// One place where the two files differ.
struct Difference {
    /// What the translation has there, in words.
    ours: String,
    /// What the original has there.
    theirs: String,
    /// Where in the translation.
    at: Range<usize>,
    /// Where in the original.
    original: usize,
}

/// `None` when `translation` has the logic of `original`, else an error at the first
/// place it differs, naming both files. Files that do not parse are left to the
/// loader, which reports them.
pub(crate) fn check_same_logic(
    original: &SourceFile,
    translation: &SourceFile,
    is_text: IsText,
) -> Option<Diagnostic> {
    let theirs = crate::yaml::tree_of(&original.text).ok()?;
    let ours = crate::yaml::tree_of(&translation.text).ok()?;
    let walk = Walk {
        ours: &translation.text,
        is_text,
    };
    let found = walk.compare(&theirs, &ours, &mut Vec::new())?;
    let at = original.line_col(found.original);
    let original_at = format!("{}:{}:{}", original.path.display(), at.line, at.col);
    Some(
        Diagnostic::error(format!(
            "{} is a translation of {}, but its logic differs: {} where {original_at} has {}",
            translation.path.display(),
            original.path.display(),
            found.ours,
            found.theirs,
        ))
        .at(translation, found.at)
        .with_hint(format!(
            "a translation changes only words (titles, names, labels, text); keep the ids, options, rules and values of {} as they are written there",
            original.path.display()
        )),
    )
}

/// The walk of two trees, `ours` the translation's text.
struct Walk<'a> {
    ours: &'a str,
    is_text: IsText,
}

impl<'a> Walk<'a> {
    /// The first difference of `ours` from `theirs`, both under `path`.
    fn compare<'n>(
        &self,
        theirs: &'n Node,
        ours: &'n Node,
        path: &mut Vec<&'n str>,
    ) -> Option<Difference> {
        let differs = |in_ours: String, in_theirs: String| {
            Some(Difference {
                ours: in_ours,
                theirs: in_theirs,
                at: self.span(ours),
                original: theirs.start,
            })
        };
        match (&theirs.kind, &ours.kind) {
            (Kind::Scalar(t), Kind::Scalar(o)) => {
                let words = t.found.starts_with("string") && (self.is_text)(path);
                if words || t.text == o.text {
                    None
                } else {
                    differs(
                        format!("`{}` {}", o.text, self.under(path)),
                        format!("`{}`", t.text),
                    )
                }
            }
            (Kind::Seq(t), Kind::Seq(o)) => {
                if t.len() != o.len() {
                    return differs(
                        format!("{} {}", items(o.len()), self.under(path)),
                        items(t.len()),
                    );
                }
                t.iter().zip(o).find_map(|(t, o)| self.compare(t, o, path))
            }
            (Kind::Map(t), Kind::Map(o)) => self.compare_maps(theirs, t, ours, o, path),
            _ => differs(
                format!("a {} {}", ours.found(), self.under(path)),
                format!("a {}", theirs.found()),
            ),
        }
    }

    /// The first difference of the mappings `o` (at `ours`) from `t` (at `theirs`):
    /// a key one of them has and the other not (but words), or a value that differs.
    /// The order of keys does not matter.
    fn compare_maps<'n>(
        &self,
        theirs: &'n Node,
        t: &'n [(Node, Node)],
        ours: &'n Node,
        o: &'n [(Node, Node)],
        path: &mut Vec<&'n str>,
    ) -> Option<Difference> {
        let find = |entries: &'n [(Node, Node)], key: &str| {
            entries
                .iter()
                .find(|(k, _)| k.text() == Some(key))
                .map(|(_, v)| v)
        };
        for (key, value) in o {
            let name = key.text().unwrap_or_default();
            path.push(name);
            let found = match find(t, name) {
                Some(original) => self.compare(original, value, path),
                None if self.words(value, path) => None,
                None => Some(Difference {
                    ours: format!("`{name}` {}", self.under(&path[..path.len() - 1])),
                    theirs: format!("no `{name}`"),
                    at: self.span(key),
                    original: theirs.start,
                }),
            };
            path.pop();
            if found.is_some() {
                return found;
            }
        }
        for (key, value) in t {
            let name = key.text().unwrap_or_default();
            path.push(name);
            let missing = find(o, name).is_none() && !self.words(value, path);
            path.pop();
            if missing {
                return Some(Difference {
                    ours: format!("no `{name}` {}", self.under(path)),
                    theirs: format!("`{name}`"),
                    at: self.span(ours),
                    original: key.start,
                });
            }
        }
        None
    }

    /// Whether `node`, under `path`, is words only (a translation may leave it out or
    /// add it).
    fn words(&self, node: &Node, path: &[&str]) -> bool {
        matches!(&node.kind, Kind::Scalar(s) if s.found.starts_with("string"))
            && (self.is_text)(path)
    }

    /// Where the mistake is said to be: `under `questions.options``.
    fn under(&self, path: &[&str]) -> String {
        if path.is_empty() {
            "at the top".to_string()
        } else {
            format!("under `{}`", path.join("."))
        }
    }

    /// The span of `node` in the translation: a scalar inside its quotes, else the
    /// rest of its first line.
    fn span(&self, node: &Node) -> Range<usize> {
        let start = node.start.min(self.ours.len());
        let start = start + usize::from(self.ours[start..].starts_with(['"', '\'']));
        let len = match &node.kind {
            Kind::Scalar(s) => s.text.len(),
            _ => self.ours[start..]
                .find('\n')
                .unwrap_or(self.ours.len() - start),
        };
        start..(start + len).min(self.ours.len())
    }
}

/// `n items`.
fn items(n: usize) -> String {
    format!("{n} {}", if n == 1 { "item" } else { "items" })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(path: &[&str]) -> bool {
        matches!(path.last(), Some(&"label" | &"title"))
    }

    const ORIGINAL: &str = "\
title: Which plan?
questions:
  - id: size
    options:
      - { id: small, label: Small }
      - { id: large, label: Large }
rules:
  - { when: { size: small }, outcome: basic, priority: 2 }
";

    fn check(translation: &str) -> Option<Diagnostic> {
        let original = SourceFile::new("filters/plan.yaml", ORIGINAL);
        let translation = SourceFile::new("filters/plan.fr.yaml", translation);
        check_same_logic(&original, &translation, labels)
    }

    /// Words change, and may be left out; keys may come in another order.
    #[test]
    fn a_translation_of_the_words_keeps_the_logic() {
        let french = ORIGINAL
            .replace("Which plan?", "Quelle formule ?")
            .replace("label: Small", "label: Petite")
            .replace("outcome: basic, priority: 2", "priority: 2, outcome: basic");
        assert!(check(&french).is_none(), "{:?}", check(&french));
        let fewer = ORIGINAL.replace(", label: Large", "");
        assert!(check(&fewer).is_none());
    }

    /// An id, an option too many, a condition or a value that is not words: an error at
    /// the translation's place, naming the original's.
    #[test]
    fn a_translation_that_changes_the_logic_is_an_error_naming_both_files() {
        let d = check(&ORIGINAL.replace("id: large", "id: grande")).unwrap();
        assert!(
            d.to_string().starts_with(
                "error: filters/plan.fr.yaml:6:15: filters/plan.fr.yaml is a translation of filters/plan.yaml, but its logic differs: `grande` under `questions.options.id` where filters/plan.yaml:6:15 has `large`"
            ),
            "{d}"
        );
        let d = check(&ORIGINAL.replace("size: small", "size: large")).unwrap();
        assert!(d.message.contains("`large` under `rules.when.size`"), "{d}");
        let d = check(&ORIGINAL.replace("priority: 2", "priority: 3")).unwrap();
        assert!(d.message.contains("`3` under `rules.priority`"), "{d}");
        let more = ORIGINAL.replace(
            "      - { id: large",
            "      - { id: medium, label: M }\n      - { id: large",
        );
        let d = check(&more).unwrap();
        assert!(
            d.message.contains("3 items under `questions.options`"),
            "{d}"
        );
        let d = check(&ORIGINAL.replace(", priority: 2", "")).unwrap();
        assert!(d.message.contains("no `priority` under `rules`"), "{d}");
        assert_eq!(d.line_col().unwrap().line, 8);
    }
}
