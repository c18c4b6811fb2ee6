//! Translations that say when they are stale. A translation records the text of the
//! original it was made from as `translated_from: <hash>` in its front matter;
//! `pillar check --mark-translated` writes it where it is missing, and every build and
//! check warns, naming both files, when the original's text has changed since. The
//! page then shows readers a quiet note.

use std::hash::Hasher;
use std::path::{Path, PathBuf};

use siphasher::sip128::{Hasher128, SipHasher13};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{FrontMatter, Page, Site};
use crate::places::Places;
use crate::source::SourceFile;
use crate::split::{Format, split_front_matter};

/// The hash a translation records of its original: of the text readers read (title,
/// description and body), so a change of tags or dates leaves translations current.
/// Twelve hex digits of SipHash-1-3 with fixed keys: the same on every machine.
pub(crate) fn text_hash(title: &str, description: Option<&str>, body: &str) -> String {
    let mut hasher = SipHasher13::new();
    for part in [
        title.trim(),
        description.unwrap_or_default().trim(),
        body.trim(),
    ] {
        hasher.write(part.as_bytes());
        hasher.write_u8(0);
    }
    format!("{:012x}", hasher.finish128().as_u128() >> 80)
}

/// The hash of `page`'s text (see [`text_hash`]).
pub(crate) fn page_hash(page: &Page) -> String {
    let body = page.source.text.get(page.body.clone()).unwrap_or_default();
    text_hash(&page.title, page.front.description.as_deref(), body)
}

/// A warning for each translation of `site` (another language's tree) whose original,
/// in the default language, changed since its `translated_from`.
pub(crate) fn stale_warnings(site: &Site) -> Diagnostics {
    let mut problems = Diagnostics::new();
    let Some(fallback) = &site.fallback else {
        return problems;
    };
    for page in &site.pages {
        let Some(recorded) = &page.front.translated_from else {
            continue;
        };
        let Some(original) = fallback.original(&page.content_path) else {
            continue;
        };
        if original.hash == *recorded {
            continue;
        }
        let at = Places::of(&page.source, page.front_range.clone())
            .value("translated_from", recorded)
            .unwrap_or(0..0);
        problems.push(
            Diagnostic::warning(format!(
                "{} changed since {} was translated from it",
                original.file.display(),
                page.source.path.display()
            ))
            .at(&page.source, at)
            .with_hint(format!(
                "bring the translation up to date, then write `translated_from: {}` (or delete the line and run `pillar check --mark-translated`)",
                original.hash
            )),
        );
    }
    problems
}

/// Is `page` (of another language's tree) a translation whose original changed since?
/// Then the original, in its language.
pub(crate) fn stale_original(site: &Site, page: &Page) -> Option<super::TranslationView> {
    let recorded = page.front.translated_from.as_ref()?;
    let fallback = site.fallback.as_ref()?;
    let original = fallback.original(&page.content_path)?;
    (original.hash != *recorded).then(|| super::TranslationView {
        code: fallback.language.clone(),
        name: fallback.name.clone(),
        url: original.url.clone(),
        permalink: original.permalink.clone(),
        translated: true,
        current: false,
        default: true,
    })
}

/// Writes `translated_from: <hash of the original>` into the front matter of each
/// translation among `pages` (content path and file, as read) that has none, whose
/// original is among them too. Returns the files written. A translation with TOML
/// front matter is an error: the line is for the author to add.
pub(crate) fn mark_translated(
    root: &Path,
    pages: &[(String, SourceFile)],
    languages: &std::collections::BTreeMap<String, crate::config::LanguageConfig>,
) -> Result<Vec<PathBuf>, Diagnostic> {
    let mut written = Vec::new();
    for (content_path, file) in pages {
        let Some((_, original_path)) = super::translation_of(content_path, languages.keys()) else {
            continue;
        };
        let Some((_, original)) = pages.iter().find(|(p, _)| *p == original_path) else {
            continue;
        };
        let Some((front, split)) = front_matter(file) else {
            continue;
        };
        if front.translated_from.is_some() {
            continue;
        }
        let Some(hash) = file_hash(original) else {
            continue;
        };
        if split.format != Format::Yaml {
            return Err(Diagnostic::error(format!(
                "{} has TOML front matter, which pillar does not edit",
                file.path.display()
            ))
            .with_hint(format!("add `translated_from = \"{hash}\"` to it by hand")));
        }
        let newline = if file.text.contains("\r\n") {
            "\r\n"
        } else {
            "\n"
        };
        let at = split.front_matter.end;
        let text = format!(
            "{}translated_from: {hash}{newline}{}",
            &file.text[..at],
            &file.text[at..]
        );
        let path = root.join(&file.path);
        write_atomically(&path, &text)
            .map_err(|err| Diagnostic::error(format!("cannot write {}: {err}", path.display())))?;
        written.push(file.path.clone());
    }
    Ok(written)
}

/// The front matter of `file` and where it is, if it parses.
fn front_matter(file: &SourceFile) -> Option<(FrontMatter, crate::split::Split)> {
    let split = split_front_matter(file).ok()?;
    let front = split.parse::<FrontMatter>(file).ok()?;
    Some((front, split))
}

/// The hash of the text of the page file `file` (see [`text_hash`]), if it parses.
fn file_hash(file: &SourceFile) -> Option<String> {
    let (front, split) = front_matter(file)?;
    let title = front.title.as_deref()?;
    let body = file.text.get(split.body.clone())?;
    Some(text_hash(title, front.description.as_deref(), body))
}

/// Replaces the file at `path` with `text` in one step: a reader sees the old file or
/// the new one, never half of it.
fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut file = tempfile::NamedTempFile::new_in(dir)?;
    file.write_all(text.as_bytes())?;
    if let Ok(metadata) = std::fs::metadata(path) {
        file.as_file().set_permissions(metadata.permissions())?;
    }
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_follows_the_text_readers_read_and_nothing_else() {
        let hash = text_hash("Title", Some("About it."), "Body.\n");
        assert_eq!(hash.len(), 12);
        assert_eq!(hash, text_hash(" Title ", Some("About it."), "\nBody."));
        assert_ne!(
            hash,
            text_hash("Title", Some("About it."), "Body, changed.")
        );
        assert_ne!(hash, text_hash("Title", None, "Body.\n"));
    }

    #[test]
    fn a_page_and_its_file_hash_alike() {
        let site = crate::model::test_support::site(&[(
            "a.md",
            "---\ntitle: A\ndescription: d\ntags: [x]\n---\nThe body.\n",
        )]);
        let page = &site.pages[site.by_path["a.md"]];
        assert_eq!(file_hash(&page.source), Some(page_hash(page)));
    }
}
