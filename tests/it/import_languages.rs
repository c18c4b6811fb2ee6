//! `pillar import hugo|zola` of a site in several languages: each translation lands
//! beside its original (`about.fr.md`), site.yaml declares the languages, and the
//! imported site passes `pillar check` with one URL tree per language.

use std::collections::BTreeMap;

use crate::common::{copy_dir, fixture, pillar, stderr, text, tree};
use crate::import::{import, import_check_build, reports};

/// The markdown files under `content/` of an imported site.
fn pages(files: &BTreeMap<String, Vec<u8>>) -> Vec<&str> {
    files
        .keys()
        .map(String::as_str)
        .filter(|path| path.starts_with("content/") && path.ends_with(".md"))
        .collect()
}

/// Runs `pillar check` on the site at `root` and asserts it finds no error.
fn assert_checks(root: &std::path::Path) {
    let check = pillar(&["check", "--root", root.to_str().unwrap()]);
    assert!(
        stderr(&check).contains("checked: 0 errors"),
        "{}",
        stderr(&check)
    );
}

#[test]
fn hugo_mounts_per_language_become_translations_beside_their_originals() {
    let (_dir, warnings, files) = import_check_build("hugo", "import-languages");
    // One mount per language onto `content`, one onto `content/docs`. The French
    // pages sit beside the English ones; `about.de.md` is in a language the site does
    // not declare, so it stays a page of the default language, as pillar reads it.
    assert_eq!(
        pages(&files),
        [
            "content/_index.fr.md",
            "content/_index.md",
            "content/about.de.md",
            "content/docs/_index.md",
            "content/docs/extra.md",
            "content/guide.fr.md",
            "content/guide.md",
            "content/seulement.fr.md",
            "content/trip/index.fr.md",
            "content/trip/index.md",
        ]
    );
    // The bundle's map is the same in both languages: one copy, shared.
    assert!(files.contains_key("content/trip/map.svg"));
    assert!(!files.keys().any(|path| path.contains("map.fr")));
    let site = text(&files, "content/site.yaml");
    assert!(site.contains("language: en\n"), "{site}");
    assert!(
        site.contains(
            "languages:\n  fr:\n    title: Deux langues\n    description: Un site en deux langues.\n"
        ),
        "{site}"
    );
    // Links to the French tree's URLs name the French files.
    assert!(text(&files, "content/_index.md").contains("[en français](@/_index.fr.md)"));
    assert!(text(&files, "content/_index.fr.md").contains("[le guide](@/guide.fr.md)"));
    // Each language has its tree; the French-only page is in the French one alone.
    for page in [
        "public/index.html",
        "public/guide/index.html",
        "public/trip/index.html",
        "public/fr/index.html",
        "public/fr/guide/index.html",
        "public/fr/trip/index.html",
        "public/fr/seulement/index.html",
    ] {
        assert!(files.contains_key(page), "no {page}");
    }
    assert!(!files.contains_key("public/seulement/index.html"));
    assert!(
        !warnings.contains("pillar has no multilingual sites"),
        "{warnings}"
    );
}

#[test]
fn hugo_content_folders_per_language_and_file_names_become_translations() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    copy_dir(&fixture("import-languages"), &site);
    std::fs::write(
        site.join("hugo.toml"),
        "title = \"By folder\"\n[languages.en]\ncontentDir = \"content/en\"\n\
         [languages.fr]\ncontentDir = \"content/fr\"\n[languages.de]\n",
    )
    .unwrap();
    // The French bundle's map differs from the English one.
    std::fs::write(
        site.join("content/fr/trip/map.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"20\" height=\"20\"/>\n",
    )
    .unwrap();
    let target = dir.path().join("out");
    let out = import("hugo", &site, &target);
    assert!(out.status.success(), "{}", stderr(&out));
    let files = tree(&target);
    for page in [
        "content/_index.md",
        "content/_index.fr.md",
        "content/guide.md",
        "content/guide.fr.md",
        // German by its file name, with no English original.
        "content/about.de.md",
        "content/trip/map.svg",
        "content/trip/map.fr.svg",
    ] {
        assert!(files.contains_key(page), "no {page} in {:?}", files.keys());
    }
    let site_yaml = text(&files, "content/site.yaml");
    assert!(
        site_yaml.contains("language: en\nlanguages:\n  de: {}\n  fr: {}\n"),
        "{site_yaml}"
    );
    assert!(
        reports(
            &stderr(&out),
            "content/fr/trip/map.svg",
            "kept as content/trip/map.fr.svg: the default language has another file at content/trip/map.svg"
        ),
        "{}",
        stderr(&out)
    );
    assert_checks(&target);
}

#[test]
fn hugo_pages_named_for_a_language_stay_beside_their_originals() {
    let (_dir, warnings, files) = import_check_build("hugo", "import-languages-names");
    assert_field_notes_in_two_languages(&warnings, &files);
    // Each language's main menu (`languages.fr.menus.main`) is its `nav`, whose links
    // lead to the pages in its language.
    let site = text(&files, "content/site.yaml");
    assert!(
        site.contains("    nav:\n    - label: À propos\n      url: \"@/about.md\"\n"),
        "{site}"
    );
    assert!(
        site.contains("nav:\n- label: About\n  url: \"@/about.md\"\n"),
        "{site}"
    );
    let french = text(&files, "public/fr/index.html");
    assert!(french.contains(">À propos</a>"), "{french}");
    assert!(french.contains("href=\"/fr/about/\""), "{french}");
}

#[test]
fn zola_languages_become_translations_and_site_yaml_languages() {
    let (_dir, warnings, files) = import_check_build("zola", "import-languages-zola");
    assert_field_notes_in_two_languages(&warnings, &files);
    assert!(files.contains_key("public/fr/notes/first/index.html"));
}

/// The field-notes site (written for Hugo with `.fr.md` names, and for Zola with
/// `[languages.fr]`), imported and built: each translation beside its original, the
/// French title and description in site.yaml, links to French pages kept French, and
/// the page that exists only in French published only under `/fr/`.
fn assert_field_notes_in_two_languages(warnings: &str, files: &BTreeMap<String, Vec<u8>>) {
    assert_eq!(
        pages(files),
        [
            "content/_index.fr.md",
            "content/_index.md",
            "content/about.fr.md",
            "content/about.md",
            "content/notes/_index.fr.md",
            "content/notes/_index.md",
            "content/notes/first.fr.md",
            "content/notes/first.md",
            "content/notes/second.fr.md",
        ]
    );
    let site = text(files, "content/site.yaml");
    assert!(
        site.contains(
            "language: en\nlanguages:\n  fr:\n    title: Carnet de terrain\n    description: Des notes en deux langues.\n"
        ),
        "{site}"
    );
    assert!(
        text(files, "content/_index.fr.md").contains("[la première note](@/notes/first.fr.md)")
    );
    for page in [
        "public/fr/index.html",
        "public/fr/about/index.html",
        "public/fr/notes/second/index.html",
    ] {
        assert!(files.contains_key(page), "no {page}");
    }
    assert!(!files.contains_key("public/notes/second/index.html"));
    assert!(!warnings.contains("imported as the section"), "{warnings}");
}
