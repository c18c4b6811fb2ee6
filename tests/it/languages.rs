//! Sites in a language other than English: `language` in site.yaml picks the theme's
//! strings file, and every page type then speaks that language.
//!
//! The `language-fr` and `language-ar` fixtures are the same small site, in French and
//! in Arabic: a home page, two sections (one listed in parts), articles with dates,
//! tags, sources, an FAQ, a comparison table and a decision filter, a standalone page;
//! the build adds tag pages, the compare page, the search page and the 404 page.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::{build, copy_fixture, stderr};

/// Builds the fixture `name` without a search index and returns every HTML page of the
/// output by path, with the temporary folder that holds it.
fn built_pages(name: &str) -> (tempfile::TempDir, BTreeMap<String, String>) {
    let site = copy_fixture(name);
    let out = build(site.path(), &["--no-search"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pages = html_pages(&site.path().join("public"));
    (site, pages)
}

fn html_pages(dir: &Path) -> BTreeMap<String, String> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            let text = std::fs::read_to_string(e.path()).unwrap();
            (rel.to_string_lossy().replace('\\', "/"), text)
        })
        .collect()
}

/// What a reader sees or hears of a page: its text outside scripts and styles, and
/// the attributes read out or shown (`aria-label`, `placeholder`, `alt`, `title`),
/// with each run of white space (markup in between, too) one space.
pub(crate) fn visible_text(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        text.push(' ');
        let tag_end = rest[open..].find('>').map_or(rest.len(), |e| open + e + 1);
        let tag = &rest[open..tag_end];
        for attribute in ["aria-label=\"", "placeholder=\"", "alt=\"", "title=\""] {
            if let Some(at) = tag.find(attribute) {
                let value = &tag[at + attribute.len()..];
                text.push_str(&value[..value.find('"').unwrap_or(value.len())]);
                text.push(' ');
            }
        }
        rest = &rest[tag_end..];
        for element in ["script", "style"] {
            if tag.starts_with(&format!("<{element}")) {
                let close = format!("</{element}>");
                rest = rest.find(&close).map_or("", |c| &rest[c + close.len()..]);
            }
        }
    }
    text.push_str(rest);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    text.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

/// Every phrase of a strings file of the default theme (each plural form on its own).
fn phrases(language: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("themes/default/i18n")
        .join(format!("{language}.yaml"));
    let text = std::fs::read_to_string(path).unwrap();
    let entries: BTreeMap<String, serde_json::Value> = serde_saphyr::from_str(&text).unwrap();
    entries
        .into_values()
        .flat_map(|value| match value {
            serde_json::Value::String(s) => vec![s],
            serde_json::Value::Object(forms) => forms
                .into_iter()
                .filter_map(|(_, v)| v.as_str().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        })
        .collect()
}

/// The English words of the strings file a page must not show in `language`: each
/// phrase cut at its `{slots}`, the pieces with a word in them that the language's own
/// file does not use too ("Sources" is French as well).
fn english_words_foreign_to(language: &str) -> Vec<String> {
    let own = phrases(language).join("\n").to_lowercase();
    let mut words: Vec<String> = phrases("en")
        .iter()
        .flat_map(|phrase| {
            phrase
                .split(['{', '}'])
                .step_by(2)
                .map(|piece| {
                    piece
                        .trim_matches(|c: char| !c.is_alphanumeric())
                        .to_string()
                })
                .collect::<Vec<_>>()
        })
        .filter(|piece| piece.chars().filter(|c| c.is_alphabetic()).count() >= 3)
        .filter(|piece| !own.contains(&piece.to_lowercase()))
        .collect();
    words.sort();
    words.dedup();
    words
}

/// Whether `text` holds `words` as whole words (not inside a longer word).
fn holds_words(text: &str, words: &str) -> bool {
    text.match_indices(words).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + words.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Every page of the fixture `name` shows its `expected` words, and no page shows an
/// English word of the strings file.
fn assert_speaks(name: &str, language: &str, expected: &[(&str, &str)]) {
    let (_site, pages) = built_pages(name);
    for (page, words) in expected {
        let html = pages.get(*page).unwrap_or_else(|| panic!("no page {page}"));
        assert!(
            visible_text(html).contains(words),
            "{page} does not show “{words}”:\n{}",
            visible_text(html)
        );
    }
    let english = english_in(&pages, language);
    assert!(english.is_empty(), "pages show English: {english:?}");
}

/// The English words of the strings file that `pages` show in `language`, by page.
pub(crate) fn english_in(
    pages: &BTreeMap<String, String>,
    language: &str,
) -> Vec<(String, String)> {
    let english = english_words_foreign_to(language);
    assert!(english.len() > 50, "too few words to look for: {english:?}");
    let mut found = Vec::new();
    for (page, html) in pages {
        let text = visible_text(html);
        for words in english.iter().filter(|w| holds_words(&text, w)) {
            found.push((page.clone(), words.clone()));
        }
    }
    found
}

/// The check above finds an English word a theme writes into a template by hand.
#[test]
fn a_word_written_into_a_template_is_found() {
    let site = copy_fixture("language-fr");
    let templates = site.path().join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    let page = include_str!("../../themes/default/templates/page.html");
    let edited = page.replace(r#"{{ t(key="edit_page") }}"#, "Edit this page");
    assert_ne!(page, edited);
    std::fs::write(templates.join("page.html"), edited).unwrap();
    let config = site.path().join("content/site.yaml");
    let yaml = std::fs::read_to_string(&config).unwrap();
    let with_edit = "edit_url: \"https://example.org/edit/\"\n";
    std::fs::write(&config, format!("{yaml}{with_edit}")).unwrap();
    let out = build(site.path(), &["--no-search"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pages = html_pages(&site.path().join("public"));
    assert_eq!(
        english_in(&pages, "fr"),
        [(
            "a-propos/index.html".to_string(),
            "Edit this page".to_string()
        )]
    );
}

#[test]
fn every_page_type_of_a_french_site_is_in_french() {
    assert_speaks(
        "language-fr",
        "fr",
        &[
            ("index.html", "Derniers articles"),
            ("guides/index.html", "Sujet"),
            ("guides/page/2/index.html", "Page 2"),
            ("guides/premier/index.html", "Sur cette page"),
            (
                "guides/premier/index.html",
                "10 janvier 2026 · mis à jour le 2 mars 2026",
            ),
            ("guides/premier/index.html", "1 min de lecture"),
            ("guides/premier/index.html", "Questions fréquentes"),
            ("guides/premier/index.html", "Si Taille est Petite"),
            ("guides/premier/index.html", "Recommencer"),
            ("tags/bases/index.html", "Étiquette « Bases »"),
            ("search/index.html", "La recherche a besoin de JavaScript"),
            ("404.html", "Page introuvable"),
            ("compare/formules/index.html", "Options à comparer"),
        ],
    );
}

#[test]
fn every_page_type_of_an_arabic_site_is_in_arabic() {
    assert_speaks(
        "language-ar",
        "ar",
        &[
            ("index.html", "أحدث المقالات"),
            ("guides/index.html", "محور الموضوع"),
            ("guides/page/2/index.html", "الصفحة 2"),
            ("guides/first/index.html", "في هذه الصفحة"),
            (
                "guides/first/index.html",
                "10 يناير 2026 · حُدِّث في 2 مارس 2026",
            ),
            ("guides/first/index.html", "قراءة في دقيقة واحدة"),
            ("guides/first/index.html", "الأسئلة الشائعة"),
            ("guides/first/index.html", "ابدأ من جديد"),
            ("tags/index.html", "الوسوم"),
            ("search/index.html", "يحتاج البحث إلى JavaScript"),
            ("404.html", "الصفحة غير موجودة"),
            ("compare/plans/index.html", "الخيارات المراد مقارنتها"),
        ],
    );
}

#[test]
fn arabic_pages_are_right_to_left_and_french_ones_are_not() {
    let (_ar, arabic) = built_pages("language-ar");
    for (page, html) in &arabic {
        assert!(
            html.contains("<html lang=\"ar\" dir=\"rtl\""),
            "{page} is not marked right to left"
        );
    }
    let (_fr, french) = built_pages("language-fr");
    for (page, html) in &french {
        assert!(html.contains("<html lang=\"fr\" data-root"), "{page}");
    }
}

#[test]
fn counts_take_the_plural_form_of_the_language() {
    let (_fr, french) = built_pages("language-fr");
    let tags = visible_text(&french["tags/index.html"]);
    assert!(tags.contains("Bases (1 page)"), "{tags}");
    assert!(tags.contains("installation (2 pages)"), "{tags}");
    let home = visible_text(&french["index.html"]);
    assert!(
        home.contains("3 articles") && home.contains("1 article"),
        "{home}"
    );

    // Arabic has six forms; the fixture has counts of one and three (few).
    let (_ar, arabic) = built_pages("language-ar");
    let tags = visible_text(&arabic["tags/index.html"]);
    assert!(tags.contains("أساسيات (صفحة واحدة)"), "{tags}");
    assert!(tags.contains("تثبيت (3 صفحات)"), "{tags}");
    let home = visible_text(&arabic["index.html"]);
    assert!(
        home.contains("3 مقالات") && home.contains("مقالة واحدة"),
        "{home}"
    );
}

#[test]
fn a_site_changes_single_phrases_in_its_own_strings_file() {
    let site = copy_fixture("language-fr");
    std::fs::create_dir(site.path().join("i18n")).unwrap();
    std::fs::write(site.path().join("i18n/fr.yaml"), "home: Départ\n").unwrap();
    let out = build(site.path(), &["--no-search"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = std::fs::read_to_string(site.path().join("public/a-propos/index.html")).unwrap();
    assert!(page.contains(">Départ</a>"), "{page}");
    assert!(
        page.contains("Rubriques"),
        "the other phrases stay the theme's"
    );
}

#[test]
fn a_phrase_missing_from_a_translation_is_english_with_a_warning_naming_file_and_key() {
    let site = copy_fixture("language-fr");
    let config = site.path().join("content/site.yaml");
    let yaml = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, yaml.replace("language: fr", "language: eo")).unwrap();
    std::fs::create_dir(site.path().join("i18n")).unwrap();
    std::fs::write(site.path().join("i18n/eo.yaml"), "home: Hejmo\n").unwrap();
    let out = build(site.path(), &["--no-search"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("i18n/eo.yaml: `tags` is not translated: pages show the English words"),
        "{err}"
    );
    let tags = std::fs::read_to_string(site.path().join("public/tags/index.html")).unwrap();
    assert!(tags.contains("<h1>Tags</h1>"), "{tags}");
}

#[test]
fn the_search_index_is_built_for_the_site_language() {
    let site = copy_fixture("language-fr");
    let out = build(site.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let entry =
        std::fs::read_to_string(site.path().join("public/pagefind/pagefind-entry.json")).unwrap();
    let entry: serde_json::Value = serde_json::from_str(&entry).unwrap();
    let languages: Vec<&String> = entry["languages"].as_object().unwrap().keys().collect();
    assert_eq!(languages, ["fr"], "{entry}");
}

#[test]
fn scripts_get_their_words_in_the_language_with_every_plural_form() {
    let (_fr, french) = built_pages("language-fr");
    let search = &french["search/index.html"];
    assert!(
        search.contains("\"search_searching\":\"Recherche…\""),
        "{search}"
    );
    let filter = &french["guides/premier/index.html"];
    assert!(filter.contains("\"filter_recommendation\":\"Notre recommandation\""));

    let (_ar, arabic) = built_pages("language-ar");
    let compare = &arabic["compare/plans/index.html"];
    assert!(
        compare.contains(
            "\"option\":{\"few\":\"{n} خيارات\",\"many\":\"{n} خيارًا\",\"one\":\"خيار واحد\",\
             \"other\":\"{n} خيار\",\"two\":\"خياران\",\"zero\":\"لا خيارات\"}"
        ),
        "{compare}"
    );
}
