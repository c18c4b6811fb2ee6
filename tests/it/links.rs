//! Root-relative links (`/a/b/`) resolved like `@/` links, and `links: warn` for a site
//! in migration.

use crate::common::{copy_fixture, pillar, stderr, text, tree};

fn run(command: &str, root: &std::path::Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![command, "--root", root.to_str().unwrap()];
    args.extend_from_slice(extra);
    pillar(&args)
}

/// The formats fixture with one more page whose body is `body`.
fn site_with(body: &str) -> tempfile::TempDir {
    let site = copy_fixture("formats");
    let page = format!("---\ntitle: \"Broken\"\ndescription: \"Links.\"\n---\n{body}");
    std::fs::write(site.path().join("content/notes/broken.md"), page).unwrap();
    site
}

#[test]
fn root_relative_links_resolve_under_the_base_path() {
    let site = copy_fixture("formats");
    let out = run("build", site.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let files = tree(&site.path().join("public"));
    let html = text(&files, "notes/root-links/index.html");
    for href in [
        "/docs/notes/",
        "/docs/notes/markdown/#lastmod",
        // A reference-style definition, and one that already names the base path.
        "/docs/notes/toml-page/",
        "/docs/tags/",
        "/docs/tags/toml/",
        "/docs/notes/atom.xml",
        "/docs/css/style.css",
        // An alias resolves to the page it redirects to.
        "/docs/extra/",
        "/docs/",
        // A file the site does not know is left as written.
        "/favicon.ico",
    ] {
        assert!(
            html.contains(&format!("href=\"{href}\"")),
            "no {href} in {html}"
        );
    }
    // Root-relative links count as links: the page is no orphan, and gets a backlink.
    assert!(!stderr(&out).contains("orphan"), "{}", stderr(&out));
    assert!(text(&files, "notes/toml-page/index.html").contains("Root-relative links"));
}

#[test]
fn a_broken_root_relative_link_names_the_content_path() {
    let site = site_with("[a](/notes/toml-pag/) and [b](/notes/markdown/#nope).\n");
    let out = run("check", site.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("broken link: no page at `/notes/toml-pag/`"),
        "{err}"
    );
    assert!(
        err.contains("did you mean `@/notes/toml-page.md`?"),
        "{err}"
    );
    assert!(err.contains("notes/broken.md:5:1"), "{err}");
    assert!(
        err.contains("broken anchor: `@/notes/markdown.md` has no heading `#nope`"),
        "{err}"
    );
}

#[test]
fn links_warn_builds_a_site_with_broken_links_unless_strict() {
    let site = site_with("[a](@/notes/missing.md), [b](/nowhere/) and [c](#gone).\n");
    let config = site.path().join("content/site.yaml");
    let yaml = std::fs::read_to_string(&config).unwrap();
    assert_eq!(run("check", site.path(), &[]).status.code(), Some(1));
    std::fs::write(&config, format!("{yaml}links: warn\n")).unwrap();
    let out = run("build", site.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    // Three broken links, and the orphan page warning.
    assert!(err.contains("0 errors, 4 warnings"), "{err}");
    assert!(
        err.contains("broken link: no page `@/notes/missing.md`"),
        "{err}"
    );
    let html = text(
        &tree(&site.path().join("public")),
        "notes/broken/index.html",
    );
    assert!(
        html.contains("href=\"/nowhere/\""),
        "written as it was: {html}"
    );
    let strict = run("build", site.path(), &["--strict"]);
    assert_eq!(strict.status.code(), Some(1), "{}", stderr(&strict));
}

#[test]
fn links_takes_error_or_warn() {
    let site = copy_fixture("formats");
    let config = site.path().join("content/site.yaml");
    let yaml = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{yaml}links: ignore\n")).unwrap();
    let out = run("check", site.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("site.yaml:4:"), "{}", stderr(&out));
}

/// `<someone@example.org>` is a mail link (issue #27), not a file beside the page.
#[test]
fn an_email_autolink_is_a_mail_link_not_a_missing_file() {
    let site = site_with("Write to <someone@example.org> or [us](@/notes/markdown.md).\n");
    let out = run("build", site.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("broken link"), "{}", stderr(&out));
    let files = tree(&site.path().join("public"));
    let html = text(&files, "notes/broken/index.html");
    assert!(
        html.contains("<a href=\"mailto:someone@example.org\">someone@example.org</a>"),
        "{html}"
    );
}
