//! Translated datasets and decision filters: `data/plans.fr.yaml` beside
//! `data/plans.yaml`, `filters/which-plan.fr.yaml` beside `filters/which-plan.yaml`.
//!
//! The `multilingual` fixture places the dataset `plans` and the filter `which-plan`
//! on its first guide in English and in French; both are translated into French, not
//! into Arabic.

use std::path::Path;

use crate::common::{build, copy_fixture, pillar, stderr, text, tree};
use crate::languages::visible_text;

/// Builds the site at `root` without a search index; returns standard error and the
/// built files.
fn built(root: &Path) -> (String, std::collections::BTreeMap<String, Vec<u8>>) {
    let out = build(root, &["--no-search"]);
    assert!(out.status.success(), "{}", stderr(&out));
    (stderr(&out), tree(&root.join("public")))
}

/// The French page shows the French words of the table and the filter; the English
/// page its own, as without translations.
#[test]
fn a_french_page_shows_the_french_dataset_and_filter_and_the_english_page_is_unchanged() {
    let site = copy_fixture("multilingual");
    let (_, files) = built(site.path());
    let french = visible_text(&text(&files, "fr/guides/first/index.html"));
    for shown in [
        "Formules d’abonnement",
        "Essentielle",
        "Prix mensuel",
        "Par téléphone",
        "La grille tarifaire",
        "Quelle formule ?",
        "Combien êtes-vous dans l’équipe ?",
        "Cinq personnes ou moins",
        "La formule essentielle",
        "Une petite équipe a peu de besoins.",
    ] {
        assert!(
            french.contains(shown),
            "{shown:?} not on the French page:\n{french}"
        );
    }
    for english in [
        "Monthly price",
        "By phone",
        "How big is the team?",
        "The team plan",
    ] {
        assert!(!french.contains(english), "{english:?} on the French page");
    }
    let english = visible_text(&text(&files, "guides/first/index.html"));
    for shown in [
        "Monthly price",
        "By phone",
        "How big is the team?",
        "The team plan",
    ] {
        assert!(english.contains(shown), "{shown:?} not on the English page");
    }
    assert!(!english.contains("Essentielle"));
    // The same ids: the filter's form and its rules are the original's.
    let html = |path: &str| text(&files, path);
    for id in ["name=\"size\"", "value=\"small\"", "value=\"large\""] {
        assert!(html("fr/guides/first/index.html").contains(id), "{id}");
    }
    // Each tree's comparison page, in its language.
    let page = visible_text(&html("fr/compare/plans/index.html"));
    assert!(page.contains("Formules d’abonnement") && page.contains("Par courriel"));
    assert!(visible_text(&html("compare/plans/index.html")).contains("By email"));
}

/// A translation whose logic differs from its original's is an error at its line and
/// column naming the original's.
#[test]
fn a_translation_whose_logic_differs_is_an_error_naming_both_files() {
    let site = copy_fixture("multilingual");
    let content = site.path().join("content");
    let filter = content.join("filters/which-plan.fr.yaml");
    let french = std::fs::read_to_string(&filter).unwrap();
    std::fs::write(
        &filter,
        french.replace("when: { size: large }", "when: { size: small }"),
    )
    .unwrap();
    let dataset = content.join("data/plans.fr.yaml");
    let french = std::fs::read_to_string(&dataset).unwrap();
    std::fs::write(&dataset, french.replace("- id: team", "- id: equipe")).unwrap();
    let root = site.path().to_str().unwrap();
    let out = pillar(&["check", "--root", root]);
    assert_eq!(out.status.code(), Some(1));
    let report = stderr(&out);
    let errors: Vec<&str> = report
        .split("\n\n")
        .filter(|d| d.contains("its logic differs"))
        .collect();
    insta::assert_snapshot!("translation_logic_differs", errors.join("\n\n"));
}

/// A French page placing data with no French translation shows the original's words
/// and warns, unless the site says `untranslated_links: quiet`.
#[test]
fn data_without_a_translation_shows_the_original_with_a_warning() {
    let site = copy_fixture("multilingual");
    let content = site.path().join("content");
    let page = content.join("guides/first.ar.md");
    let mut arabic = std::fs::read_to_string(&page).unwrap();
    arabic.push_str("\n```compare\ndataset: plans\n```\n");
    std::fs::write(&page, arabic).unwrap();
    let (report, files) = built(site.path());
    assert!(
        report.contains("content/data/plans.yaml has no `ar` translation"),
        "{report}"
    );
    assert!(report.contains("translate it as content/data/plans.ar.yaml"));
    let shown = visible_text(&text(&files, "ar/guides/first/index.html"));
    assert!(shown.contains("Monthly price"), "{shown}");

    let config = content.join("site.yaml");
    let mut yaml = std::fs::read_to_string(&config).unwrap();
    yaml.push_str("untranslated_links: quiet\n");
    std::fs::write(&config, yaml).unwrap();
    let (report, _) = built(site.path());
    assert!(!report.contains("has no `ar` translation"), "{report}");
}
