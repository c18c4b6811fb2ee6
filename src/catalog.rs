//! The data items of one component kind (datasets, filters), by id, together with the
//! ids of the files that failed to load.
//!
//! A block that names a file which failed to load is not placed, and says nothing of
//! its own: the file's errors already say what is wrong. [`Catalog::lookup`] tells that
//! case apart from an unknown id, so no one has to recognise a repeated error by its
//! message.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::source::SourceFile;
use crate::translations;

/// Loaded items by id (shared, so placed blocks can keep the item they show), and the
/// ids (file names) of the files that failed to load.
#[derive(Debug)]
pub(crate) struct Catalog<T> {
    loaded: BTreeMap<String, Arc<T>>,
    failed: BTreeSet<String>,
}

/// How the items of a kind are translated: what they are called (`dataset`), how a
/// translation is read (as the item of a given id), the file an item was read from,
/// and which of its scalars are words.
pub(crate) struct Translatable<T> {
    /// The kind of item, in messages.
    pub what: &'static str,
    /// Reads a translation as the item `id`.
    pub load: fn(&SourceFile, &str) -> Result<T, Diagnostics>,
    /// The file an item was read from.
    pub file: fn(&T) -> &SourceFile,
    /// Which scalars of its file are words.
    pub is_text: translations::IsText,
}

/// What a catalog holds under an id.
#[derive(Debug)]
pub(crate) enum Lookup<'a, T> {
    /// The item.
    Found(&'a Arc<T>),
    /// A file with this id exists but failed to load; its errors are reported.
    Failed,
    /// No file has this id.
    Unknown,
}

impl<T> Default for Catalog<T> {
    fn default() -> Self {
        Catalog {
            loaded: BTreeMap::new(),
            failed: BTreeSet::new(),
        }
    }
}

impl<T> Catalog<T> {
    /// Loads every file with `load`, keyed by `id`; the problems go to `problems` and the
    /// file's name (without extension) to the failed ids.
    pub(crate) fn load(
        files: &[SourceFile],
        load: fn(&SourceFile) -> Result<T, Diagnostics>,
        id: fn(&T) -> &str,
        problems: &mut Diagnostics,
    ) -> Self {
        let mut catalog = Catalog::default();
        for file in files {
            match load(file) {
                Ok(item) => {
                    catalog.loaded.insert(id(&item).to_string(), Arc::new(item));
                }
                Err(found) => {
                    problems.extend(found);
                    let stem = file.path.file_stem().unwrap_or_default();
                    catalog.failed.insert(stem.to_string_lossy().into_owned());
                }
            }
        }
        catalog
    }

    /// Puts each translation in place of the item it translates (`(id, file)`: the file
    /// `data/plans.fr.yaml` for the item `plans`), read with `load`, when it loads and
    /// has the logic of the original (read from `file` of the item; see
    /// [`translations::check_same_logic`]); the problems go to `problems`. A translation
    /// of an item that failed to load says nothing: the original's errors are reported.
    pub(crate) fn translate(
        &mut self,
        translations: &[(String, SourceFile)],
        kind: &Translatable<T>,
        problems: &mut Diagnostics,
    ) {
        for (id, file) in translations {
            let original = match self.lookup(id) {
                Lookup::Found(original) => (kind.file)(original).clone(),
                Lookup::Failed => continue,
                Lookup::Unknown => {
                    let folder = file.path.parent().unwrap_or(std::path::Path::new(""));
                    let hint = format!(
                        "name the file after the {} it translates, or add {} first",
                        kind.what,
                        folder.join(format!("{id}.yaml")).display()
                    );
                    problems.push(
                        Diagnostic::error(format!(
                            "{} translates the {} `{id}`, which the site does not have",
                            file.path.display(),
                            kind.what
                        ))
                        .in_file(&file.path)
                        .with_hint(hint),
                    );
                    continue;
                }
            };
            let differs = translations::check_same_logic(&original, file, kind.is_text);
            match (kind.load)(file, id) {
                Ok(item) if differs.is_none() => {
                    self.loaded.insert(id.clone(), Arc::new(item));
                }
                Ok(_) => {}
                Err(found) => problems.extend(found),
            }
            problems.extend(differs);
        }
    }

    /// What the catalog holds under `id`.
    pub(crate) fn lookup(&self, id: &str) -> Lookup<'_, T> {
        match self.loaded.get(id) {
            Some(item) => Lookup::Found(item),
            None if self.failed.contains(id) => Lookup::Failed,
            None => Lookup::Unknown,
        }
    }

    /// The item `id`, if it loaded.
    pub(crate) fn get(&self, id: &str) -> Option<&Arc<T>> {
        self.loaded.get(id)
    }

    /// The ids of the loaded items, in order.
    pub(crate) fn ids(&self) -> impl Iterator<Item = &str> + Clone {
        self.loaded.keys().map(String::as_str)
    }

    /// The loaded items, in the order of their ids.
    pub(crate) fn items(&self) -> impl Iterator<Item = &T> {
        self.loaded.values().map(|item| &**item)
    }

    /// Whether no item loaded.
    pub(crate) fn is_empty(&self) -> bool {
        self.loaded.is_empty()
    }
}

/// A catalog of loaded items only, keyed by `id` (for tests and callers that load by
/// other means).
impl<T> FromIterator<(String, T)> for Catalog<T> {
    fn from_iter<I: IntoIterator<Item = (String, T)>>(items: I) -> Self {
        Catalog {
            loaded: items
                .into_iter()
                .map(|(id, item)| (id, Arc::new(item)))
                .collect(),
            failed: BTreeSet::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(file: &SourceFile) -> Result<u32, Diagnostics> {
        file.text.trim().parse().map_err(|_| {
            let d = crate::diagnostics::Diagnostic::error("not a number");
            Diagnostics::from_iter([d.in_file(&file.path)])
        })
    }

    /// A file that failed to load is known as failed, not unknown, and its errors are
    /// reported once, by the load.
    #[test]
    fn a_failed_file_is_told_apart_from_an_unknown_id() {
        let files = [
            SourceFile::new("content/data/one.yaml", "1"),
            SourceFile::new("content/data/two.yaml", "two"),
        ];
        let mut problems = Diagnostics::new();
        let catalog = Catalog::load(&files, number, |_| "one", &mut problems);
        assert_eq!(problems.len(), 1);
        assert!(matches!(catalog.lookup("one"), Lookup::Found(n) if **n == 1));
        assert!(matches!(catalog.lookup("two"), Lookup::Failed));
        assert!(matches!(catalog.lookup("three"), Lookup::Unknown));
        assert_eq!(catalog.ids().collect::<Vec<_>>(), ["one"]);
    }
}
