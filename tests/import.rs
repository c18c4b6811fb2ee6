//! `pillar import hugo|zola`: small Hugo- and Zola-shaped sites go through the import,
//! the result builds, its links resolve, and the source is never touched.

mod common;

use common::{fixture, pillar, stderr, text, tree};

/// Imports the fixture `name` as `flavor` into a new folder and builds the result.
fn import_and_build(flavor: &str, name: &str) -> (tempfile::TempDir, String) {
    let source = fixture(name);
    let before = tree(&source);
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("site");
    let out = pillar(&[
        "import",
        flavor,
        source.to_str().unwrap(),
        target.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(tree(&source), before, "the source is never written to");
    let warnings = stderr(&out);
    let built = pillar(&["build", "--root", target.to_str().unwrap(), "--strict"]);
    let built_err = stderr(&built);
    // The only warning a strict build of the import meets: a bundle is a cluster of
    // its own, without articles.
    assert!(
        built_err.contains("failed: 1 error")
            && built_err.contains("the cluster `about` has no articles"),
        "{built_err}"
    );
    let built = pillar(&["build", "--root", target.to_str().unwrap()]);
    assert!(built.status.success(), "{}", stderr(&built));
    assert!(!stderr(&built).contains("broken"), "{}", stderr(&built));
    (dir, warnings)
}

#[test]
fn a_hugo_site_imports_and_builds() {
    let (dir, warnings) = import_and_build("hugo", "import-hugo");
    // A folder named `Deep` becomes the section `deep`; aliases naming a page (its
    // own URL, another page's, or another page's alias) are left out, the others kept.
    let deep =
        std::fs::read_to_string(dir.path().join("site/content/guides/deep/_index.md")).unwrap();
    assert!(
        deep.contains("- /old-deep/") && !deep.contains("- /guides/\n"),
        "{deep}"
    );
    assert!(
        warnings.contains("the alias `/guides/` names another page"),
        "{warnings}"
    );
    assert!(
        warnings.contains("the alias `/old-deep/` names another page"),
        "{warnings}"
    );
    assert!(
        dir.path()
            .join("site/public/guides/deep/third/index.html")
            .is_file()
    );
    let site = dir.path().join("site");
    let files = tree(&site);
    let config = text(&files, "content/site.yaml");
    assert!(config.contains("title: Hugo Fixture"), "{config}");
    assert!(
        config.contains("base_url: https://example.org/docs/"),
        "{config}"
    );
    assert!(config.contains("links: warn"), "{config}");
    assert!(
        config.contains("- label: Guides\n  url: '@/guides/_index.md'"),
        "{config}"
    );
    let first = text(&files, "content/guides/first.md");
    for expected in [
        "date: 2026-01-10",
        "updated: 2026-02-01",
        "- /old/first/",
        "- Basics",
        "- setup",
        "  difficulty: easy",
        "  linkTitle: First",
        "[second guide](@/guides/second.md#details)",
        "[about page](@/about/_index.md)",
        "[old URL of this page](@/guides/first.md#getting-started)",
        "[second]: @/guides/second.md",
        // An escaped shortcode is the text Hugo showed.
        "```go-html-template\n{{< youtube abc123 >}}\n```",
    ] {
        assert!(first.contains(expected), "no {expected:?} in {first}");
    }
    // A page bundle keeps its files beside it; `url` becomes an alias.
    let about = text(&files, "content/about/_index.md");
    assert!(about.contains("- /about-us/"), "{about}");
    assert!(files.contains_key("content/about/team.svg"));
    assert!(
        files.contains_key("content/images/logo.svg"),
        "static/ is copied"
    );
    assert!(
        !files.keys().any(|k| k.contains("_common")),
        "headless bundles are left out"
    );
    let home = text(&files, "public/index.html");
    assert!(home.contains("href=\"/docs/about/\""), "{home}");
    for expected in [
        "content/guides/first.md:22:1",
        "the shortcode `youtube` is not converted",
        "layouts/ is left out",
        "the folder _common/ is never rendered by Hugo",
        "content/about/index.md:4:1",
        "`url` sets the page's own URL",
    ] {
        assert!(warnings.contains(expected), "no {expected:?} in {warnings}");
    }
}

#[test]
fn a_zola_site_imports_and_builds() {
    let (dir, warnings) = import_and_build("zola", "import-zola");
    let files = tree(&dir.path().join("site"));
    let config = text(&files, "content/site.yaml");
    assert!(config.contains("footer: Made with Zola"), "{config}");
    let first = text(&files, "content/notes/first.md");
    for expected in [
        "updated: 2026-03-05",
        "- rust",
        "- Ann",
        "  mood: calm",
        "[about page](@/about/_index.md)",
        "[second]: @/notes/second.md",
    ] {
        assert!(first.contains(expected), "no {expected:?} in {first}");
    }
    let home = text(&files, "content/_index.md");
    assert!(home.contains("[about](@/about/_index.md)"), "{home}");
    assert!(text(&files, "content/notes/_index.md").contains("  template: section.html"));
    assert!(files.contains_key("content/about/data.txt"));
    assert!(text(&files, "public/notes/first/index.html").contains("href=\"/notes/second/#how\""));
    for expected in [
        "content/notes/first.md:21:1",
        "the shortcode `note` is not converted",
        "templates/ is left out",
    ] {
        assert!(warnings.contains(expected), "no {expected:?} in {warnings}");
    }
}

#[test]
fn the_target_must_be_new_or_empty_and_outside_the_source() {
    let source = fixture("import-zola");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("keep.txt"), "mine").unwrap();
    let out = pillar(&[
        "import",
        "zola",
        source.to_str().unwrap(),
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("is not empty"), "{}", stderr(&out));
    let inside = source.join("converted");
    let out = pillar(&[
        "import",
        "zola",
        source.to_str().unwrap(),
        inside.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("overlaps the site being imported"),
        "{}",
        stderr(&out)
    );
    assert!(!inside.exists());
    let out = pillar(&[
        "import",
        "hugo",
        dir.path().to_str().unwrap(),
        "/nonexistent-target",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("has no site config"),
        "{}",
        stderr(&out)
    );
}
