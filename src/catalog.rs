//! The data items of one component kind (datasets, filters), by id, together with the
//! ids of the files that failed to load.
//!
//! A block that names a file which failed to load is not placed, and says nothing of
//! its own: the file's errors already say what is wrong. [`Catalog::lookup`] tells that
//! case apart from an unknown id, so no one has to recognise a repeated error by its
//! message.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::diagnostics::Diagnostics;
use crate::source::SourceFile;

/// Loaded items by id (shared, so placed blocks can keep the item they show), and the
/// ids (file names) of the files that failed to load.
#[derive(Debug)]
pub struct Catalog<T> {
    loaded: BTreeMap<String, Arc<T>>,
    failed: BTreeSet<String>,
}

/// What a catalog holds under an id.
#[derive(Debug)]
pub enum Lookup<'a, T> {
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
    pub fn load(
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

    /// What the catalog holds under `id`.
    pub fn lookup(&self, id: &str) -> Lookup<'_, T> {
        match self.loaded.get(id) {
            Some(item) => Lookup::Found(item),
            None if self.failed.contains(id) => Lookup::Failed,
            None => Lookup::Unknown,
        }
    }

    /// The item `id`, if it loaded.
    pub fn get(&self, id: &str) -> Option<&Arc<T>> {
        self.loaded.get(id)
    }

    /// The ids of the loaded items, in order.
    pub fn ids(&self) -> impl Iterator<Item = &str> + Clone {
        self.loaded.keys().map(String::as_str)
    }

    /// The loaded items, in the order of their ids.
    pub fn items(&self) -> impl Iterator<Item = &T> {
        self.loaded.values().map(|item| &**item)
    }

    /// Whether no item loaded.
    pub fn is_empty(&self) -> bool {
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
