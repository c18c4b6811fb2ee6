//! Translated data files: `data/plans.fr.yaml` beside `data/plans.yaml` translates the
//! dataset `plans` into French, `filters/which.fr.yaml` the filter `which`, as
//! `about.fr.md` translates `about.md`.

use std::collections::BTreeMap;

use crate::source::SourceFile;

/// A component's data files by its data folder (`data`), as the load stage reads them.
pub(crate) type DataFiles = BTreeMap<String, Vec<SourceFile>>;

/// The translations of one language's tree, by data folder: the id of the item each
/// translates (`plans`), and its file.
pub(crate) type DataTranslations = BTreeMap<String, Vec<(String, SourceFile)>>;

/// The language of the data file `file` and the id of the item it translates, if its
/// name ends in `.<code>.yaml` (or `.yml`) with `code` one of `languages`:
/// `data/plans.fr.yaml` → (`fr`, `plans`).
fn data_translation_of<'a>(
    file: &SourceFile,
    languages: impl IntoIterator<Item = &'a String>,
) -> Option<(&'a str, String)> {
    let stem = file.path.file_stem()?.to_str()?;
    let (id, code) = stem.rsplit_once('.')?;
    if id.is_empty() {
        return None;
    }
    let code = languages.into_iter().find(|l| l.as_str() == code)?;
    Some((code.as_str(), id.to_string()))
}

/// The data files of the default language (every file not named for a language of
/// `languages`), and each other language's translations.
pub(crate) fn split_data<'a>(
    data: DataFiles,
    languages: impl IntoIterator<Item = &'a String> + Clone,
) -> (DataFiles, BTreeMap<String, DataTranslations>) {
    let mut originals = DataFiles::new();
    let mut translated: BTreeMap<String, DataTranslations> = BTreeMap::new();
    for (folder, files) in data {
        let kept = originals.entry(folder.clone()).or_default();
        for file in files {
            match data_translation_of(&file, languages.clone()) {
                Some((code, id)) => translated
                    .entry(code.to_string())
                    .or_default()
                    .entry(folder.clone())
                    .or_default()
                    .push((id, file)),
                None => kept.push(file),
            }
        }
    }
    (originals, translated)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `plans.fr.yaml` is the French `plans`; a tag the site does not declare is
    /// part of the name (and an invalid id, which the loader reports).
    #[test]
    fn a_language_before_yaml_names_the_translation_and_its_item() {
        let file = |path: &str| SourceFile::new(path, "");
        let data = DataFiles::from([
            (
                "data".to_string(),
                vec![
                    file("content/data/plans.yaml"),
                    file("content/data/plans.fr.yaml"),
                    file("content/data/plans.de.yaml"),
                ],
            ),
            (
                "filters".to_string(),
                vec![file("content/filters/which.ar.yml")],
            ),
        ]);
        let languages = ["fr".to_string(), "ar".to_string()];
        let (originals, translated) = split_data(data, &languages);
        let paths = |files: &[SourceFile]| -> Vec<String> {
            files.iter().map(|f| f.path.display().to_string()).collect()
        };
        assert_eq!(
            paths(&originals["data"]),
            ["content/data/plans.yaml", "content/data/plans.de.yaml"]
        );
        assert!(originals["filters"].is_empty());
        let (id, file) = &translated["fr"]["data"][0];
        assert_eq!(
            (id.as_str(), file.path.to_str()),
            ("plans", Some("content/data/plans.fr.yaml"))
        );
        assert_eq!(translated["ar"]["filters"][0].0, "which");
    }
}
