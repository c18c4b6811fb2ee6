//! Social cards (`social_cards: true` in `site.yaml`): every page gets an Open Graph
//! image, a 1200×630 PNG drawn from the theme's `social_card.svg` with the theme's font,
//! kept in `.pillar-cache/social/` between builds. Built from the `basic` fixture.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::{between, build, copy_fixture, stderr, text, tree};

/// The `basic` fixture with `social_cards: true` added to its `site.yaml`.
fn site_with_cards() -> tempfile::TempDir {
    let site = copy_fixture("basic");
    let path = site.path().join("content/site.yaml");
    let mut config = std::fs::read_to_string(&path).unwrap();
    config.push_str("social_cards: true\n");
    std::fs::write(&path, config).unwrap();
    site
}

/// Builds the site at `root` (no search index) and returns its output tree.
fn built(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let out = build(root, &["--no-search"]);
    assert!(out.status.success(), "{}", stderr(&out));
    tree(&root.join("public"))
}

/// The cards of an output tree, by path.
fn cards(files: &BTreeMap<String, Vec<u8>>) -> BTreeMap<&str, &Vec<u8>> {
    files
        .iter()
        .filter(|(path, _)| path.starts_with("social/"))
        .map(|(path, bytes)| (path.as_str(), bytes))
        .collect()
}

/// The files of the cache folder with their bytes.
fn cache(root: &Path) -> BTreeMap<String, Vec<u8>> {
    tree(&root.join(".pillar-cache/social"))
}

/// The width and height a PNG's header gives (the IHDR chunk, right after the
/// signature).
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG");
    assert_eq!(&bytes[12..16], b"IHDR");
    let number = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (number(16), number(20))
}

#[test]
fn each_page_names_its_card_in_open_graph_tags() {
    let site = site_with_cards();
    let files = built(site.path());
    let page = text(&files, "guides/first/index.html");
    let head = between(&page, "<head>", "</head>");
    assert!(
        head.contains(
            r#"<meta property="og:image" content="https://example.org/social/guides/first.png">"#
        ),
        "{head}"
    );
    assert!(head.contains(r#"<meta property="og:image:width" content="1200">"#));
    assert!(head.contains(r#"<meta property="og:image:height" content="630">"#));
    assert!(
        head.contains(r#"<meta property="og:image:alt" content="First"#),
        "{head}"
    );
    assert!(head.contains(r#"<meta name="twitter:card" content="summary_large_image">"#));
    assert!(!head.contains(r#"content="summary">"#));
    let home = text(&files, "index.html");
    assert!(home.contains(r#"content="https://example.org/social/index.png""#));
}

#[test]
fn each_markdown_page_gets_a_1200_by_630_png() {
    let site = site_with_cards();
    let files = built(site.path());
    let cards = cards(&files);
    for path in [
        "social/index.png",
        "social/about.png",
        "social/guides.png",
        "social/guides/first.png",
    ] {
        let png = cards
            .get(path)
            .unwrap_or_else(|| panic!("{path} in {cards:?}"));
        assert_eq!(png_size(png), (1200, 630), "{path}");
    }
    // Cards differ by page: the title is drawn.
    assert_ne!(
        cards["social/guides/first.png"],
        cards["social/guides/second.png"]
    );
}

#[test]
fn without_the_option_there_are_no_cards_and_no_image_tags() {
    let site = copy_fixture("basic");
    let files = built(site.path());
    assert!(cards(&files).is_empty(), "{:?}", files.keys());
    let page = text(&files, "guides/first/index.html");
    assert!(!page.contains("og:image"), "{page}");
    assert!(page.contains(r#"<meta name="twitter:card" content="summary">"#));
    assert!(!site.path().join(".pillar-cache/social").exists());
}

#[test]
fn two_builds_draw_the_same_bytes() {
    let (one, two) = (site_with_cards(), site_with_cards());
    let (first, second) = (built(one.path()), built(two.path()));
    assert!(!cards(&first).is_empty());
    assert_eq!(cards(&first), cards(&second));
}

/// A rebuild reads unchanged cards from the cache; a changed title draws that card
/// again and drops the old one.
#[test]
fn a_rebuild_takes_unchanged_cards_from_the_cache() {
    let site = site_with_cards();
    let files = built(site.path());
    let kept = cache(site.path());
    assert_eq!(kept.len(), cards(&files).len(), "one cached card per page");

    // Mark every cached card: a rebuild that reads the cache publishes the marks.
    for name in kept.keys() {
        let path = site.path().join(".pillar-cache/social").join(name);
        std::fs::write(path, format!("cached {name}")).unwrap();
    }
    let again = built(site.path());
    for (path, bytes) in cards(&again) {
        assert!(bytes.starts_with(b"cached "), "{path} was drawn again");
    }
    assert_eq!(
        cache(site.path()).keys().collect::<Vec<_>>(),
        kept.keys().collect::<Vec<_>>(),
        "no new cache files"
    );

    // A changed title draws that page's card again, and only that one.
    let page = site.path().join("content/about.md");
    let source = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, source.replacen("title:", "title: Renamed", 1)).unwrap();
    let renamed = built(site.path());
    let drawn: Vec<&str> = cards(&renamed)
        .into_iter()
        .filter(|(_, bytes)| !bytes.starts_with(b"cached "))
        .map(|(path, _)| path)
        .collect();
    assert_eq!(drawn, ["social/about.png"]);
    // The old card of the page is dropped from the cache, the new one kept.
    assert_eq!(cache(site.path()).len(), kept.len());
    assert_ne!(
        cache(site.path()).keys().collect::<Vec<_>>(),
        kept.keys().collect::<Vec<_>>()
    );
}

#[test]
fn a_broken_card_template_is_an_error_naming_it_with_its_line() {
    let site = site_with_cards();
    let templates = site.path().join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("social_card.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\">\n{{ title | no_such_filter }}\n</svg>\n",
    )
    .unwrap();
    let out = build(site.path(), &["--no-search"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("social_card.svg:2"), "{err}");
    assert!(err.contains("failed: 1 error,"), "reported once: {err}");
}

#[test]
fn a_card_template_that_is_not_svg_is_an_error_naming_it() {
    let site = site_with_cards();
    let templates = site.path().join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(templates.join("social_card.svg"), "<svg>{{ title }}").unwrap();
    let out = build(site.path(), &["--no-search"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("themes/default/templates/social_card.svg"),
        "{err}"
    );
    // The report wraps long lines (`\n  | `): read it as one.
    let flat = err.replace("\n  | ", " ");
    assert!(flat.contains("not an image resvg can draw"), "{err}");
}

#[test]
fn check_draws_the_cards_but_keeps_nothing() {
    let site = site_with_cards();
    let out = crate::common::pillar(&["check", "--root", site.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!site.path().join(".pillar-cache").exists());
}
