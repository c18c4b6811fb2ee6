//! Which language a page file is in, from its name: `about.fr.md` is the French
//! translation of `about.md`, `_index.fr.md` of a hub's `_index.md`, as in Zola and
//! Hugo.

use std::collections::BTreeMap;

use crate::source::SourceFile;

/// The language of the file at `content_path` and the content path of the page it
/// translates, if its name ends in `.<code>.md` with `code` one of `languages`:
/// `guides/setup.fr.md` → (`fr`, `guides/setup.md`). `None` for a page in the default
/// language.
pub(crate) fn translation_of<'a>(
    content_path: &str,
    languages: impl IntoIterator<Item = &'a String>,
) -> Option<(&'a str, String)> {
    let stem = content_path.strip_suffix(".md")?;
    let (original, code) = stem.rsplit_once('.')?;
    if original.is_empty() || original.ends_with('/') {
        return None;
    }
    let code = languages.into_iter().find(|l| l.as_str() == code)?;
    Some((code.as_str(), format!("{original}.md")))
}

/// The page files of each language tree, by language code: the default language's
/// (`default`) under their own paths, each translation under the content path of the
/// page it translates (so `@/about.md` on a French page names the French page). The
/// files keep their own names for every message about them.
pub(crate) fn split_pages(
    pages: Vec<(String, SourceFile)>,
    default: &str,
    languages: &BTreeMap<String, crate::config::LanguageConfig>,
) -> BTreeMap<String, Vec<(String, SourceFile)>> {
    let mut trees: BTreeMap<String, Vec<(String, SourceFile)>> = BTreeMap::new();
    trees.insert(default.to_string(), Vec::new());
    for code in languages.keys() {
        trees.insert(code.clone(), Vec::new());
    }
    for (content_path, file) in pages {
        match translation_of(&content_path, languages.keys()) {
            Some((code, original)) => trees
                .entry(code.to_string())
                .or_default()
                .push((original, file)),
            None => trees
                .entry(default.to_string())
                .or_default()
                .push((content_path, file)),
        }
    }
    trees
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_language_suffix_names_the_translation_and_its_original() {
        let languages = ["fr".to_string(), "ar".to_string()];
        assert_eq!(
            translation_of("guides/setup.fr.md", &languages),
            Some(("fr", "guides/setup.md".to_string()))
        );
        assert_eq!(
            translation_of("_index.ar.md", &languages),
            Some(("ar", "_index.md".to_string()))
        );
        // Not a declared language, or no page name before it: a page of its own.
        assert_eq!(translation_of("notes.de.md", &languages), None);
        assert_eq!(translation_of("guides/.fr.md", &languages), None);
        assert_eq!(translation_of("about.md", &languages), None);
    }
}
