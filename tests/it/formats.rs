//! Formats authors bring from other generators: page data under `extra`, TOML front
//! matter, definition lists, alerts and explicit ids.

use crate::common::{copy_fixture, pillar, stderr, text, tree};

fn build(root: &std::path::Path) -> std::process::Output {
    pillar(&["build", "--root", root.to_str().unwrap()])
}

fn check(root: &std::path::Path) -> std::process::Output {
    pillar(&["check", "--root", root.to_str().unwrap()])
}

fn built() -> (
    tempfile::TempDir,
    std::collections::BTreeMap<String, Vec<u8>>,
) {
    let site = copy_fixture("formats");
    let out = build(site.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("broken"), "{}", stderr(&out));
    let files = tree(&site.path().join("public"));
    (site, files)
}

#[test]
fn extra_reaches_templates_escaped() {
    let (_site, files) = built();
    let html = text(&files, "extra/index.html");
    assert!(
        html.contains("<p class=\"price\">&lt;script&gt;alert(1)&lt;&#x2F;script&gt;</p>")
            || html.contains("<p class=\"price\">&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
        "{html}"
    );
    assert!(html.contains("<span class=\"colour\">red</span><span class=\"colour\">blue</span>"));
}

#[test]
fn an_unknown_key_is_an_error_that_points_to_extra() {
    let site = copy_fixture("formats");
    let page = site.path().join("content/notes/params.md");
    std::fs::write(&page, "---\ntitle: P\nparams:\n  x: 1\n---\nBody.\n").unwrap();
    let toml = site.path().join("content/notes/params-toml.md");
    std::fs::write(&toml, "+++\ntitle = \"P\"\n[params]\nx = 1\n+++\nBody.\n").unwrap();
    let out = check(site.path());
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("unknown key `params`"), "{err}");
    assert!(err.contains("notes/params.md:3:1"), "{err}");
    assert!(err.contains("notes/params-toml.md:3:2"), "{err}");
    assert!(err.contains("move it under `extra`"), "{err}");
}

#[test]
fn toml_front_matter_builds_like_yaml() {
    let (_site, files) = built();
    let html = text(&files, "notes/toml-page/index.html");
    assert!(html.contains("<h1>A TOML page</h1>"), "{html}");
    assert!(html.contains("1 March 2026"), "{html}");
    assert!(html.contains("Front matter between plus lines"), "{html}");
    assert!(text(&files, "tags/toml/index.html").contains("A TOML page"));
    // The hub's front matter is TOML too.
    assert!(text(&files, "notes/index.html").contains("A hub whose front matter is TOML."));
}

#[test]
fn toml_errors_point_at_file_line_and_column() {
    let site = copy_fixture("formats");
    let page = site.path().join("content/notes/toml-page.md");
    std::fs::write(&page, "+++\ntitle = \"A\"\ndraft = \"no\"\n+++\nBody.\n").unwrap();
    let broken = site.path().join("content/notes/broken.md");
    std::fs::write(&broken, "+++\ntitle = \"B\"\ndescription: x\n+++\nBody.\n").unwrap();
    let slugged = site.path().join("content/notes/slugged.md");
    std::fs::write(
        &slugged,
        "+++\ntitle = \"Bad Slug\"\nslug = \"Bad Slug\"\n+++\nBody.\n",
    )
    .unwrap();
    let out = check(site.path());
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("`draft` has the wrong type: expected a boolean"),
        "{err}"
    );
    assert!(err.contains("notes/toml-page.md:3:9"), "{err}");
    assert!(err.contains("invalid TOML"), "{err}");
    assert!(err.contains("notes/broken.md:3:"), "{err}");
    // Later stages point into TOML front matter too.
    assert!(err.contains("the slug `Bad Slug` is not safe"), "{err}");
    assert!(err.contains("notes/slugged.md:3:9"), "{err}");
}

#[test]
fn definition_lists_and_alerts_render_accessibly() {
    let (_site, files) = built();
    let html = text(&files, "notes/markdown/index.html");
    assert!(
        html.contains("<dt id=\"front-matter\">Front matter</dt>"),
        "{html}"
    );
    assert!(
        html.contains("<dt id=\"lastmod\"><code>lastmod</code></dt>"),
        "{html}"
    );
    assert!(html.contains("<h2 id=\"glossary\">"), "{html}");
    assert!(
        html.contains(
            "<div class=\"alert alert-note\" role=\"note\"><p class=\"alert-title\">Note</p>"
        ),
        "{html}"
    );
    assert!(html.contains("alert-warning"), "{html}");
    assert!(html.contains("<blockquote>"), "a plain quote stays a quote");
    // Links to terms and explicit ids resolve, across pages too.
    assert!(
        html.contains("href=\"/docs/notes/markdown/#front-matter\""),
        "{html}"
    );
    let extra = text(&files, "extra/index.html");
    assert!(
        extra.contains("href=\"/docs/notes/markdown/#lastmod\""),
        "{extra}"
    );
    let css = text(&files, "css/style.css");
    assert!(css.contains(".prose .alert") && css.contains(".prose dt"));
}

#[test]
fn a_missing_term_is_a_broken_anchor() {
    let site = copy_fixture("formats");
    let page = site.path().join("content/extra.md");
    let source = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, source.replace("#lastmod", "#last-mod")).unwrap();
    let out = check(site.path());
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("has no heading `#last-mod`"), "{err}");
    assert!(err.contains("did you mean `#lastmod`?"), "{err}");
}
