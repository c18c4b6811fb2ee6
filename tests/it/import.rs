//! `pillar import hugo|zola`: small Hugo- and Zola-shaped sites go through the import,
//! the result builds, its links resolve, and the source is never touched.

use crate::common;

use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

use crate::common::{copy_dir, fixture, pillar, stderr, text, tree};

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
    // A page bundle is a page, not a cluster without articles: a strict build passes.
    let built = pillar(&["build", "--root", target.to_str().unwrap(), "--strict"]);
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
    // Hugo's RSS feeds were `index.xml`: pillar's feeds are written there too.
    assert!(config.contains("feed_aliases:\n- index.xml"), "{config}");
    assert!(config.contains("paginate: 7"), "{config}");
    assert_eq!(
        text(&files, "public/index.xml"),
        text(&files, "public/atom.xml")
    );
    assert!(
        config.contains("- label: Guides\n  url: \"@/guides/_index.md\""),
        "{config}"
    );
    let first = text(&files, "content/guides/first.md");
    for expected in [
        "date: \"2026-01-10\"",
        "updated: \"2026-02-01\"",
        "- /old/first/",
        // Relative aliases resolve from the page's folder, as Hugo resolves them.
        "- /guides/old-x/\n- /changelog/\n",
        "- Basics",
        "- setup",
        "  difficulty: easy",
        "  linkTitle: First",
        "[second guide](@/guides/second.md#details)",
        "[about page](@/about/index.md)",
        "[old URL of this page](@/guides/first.md#getting-started)",
        "[second]: @/guides/second.md",
        // An escaped shortcode is the text Hugo showed.
        "```go-html-template\n{{< youtube abc123 >}}\n```",
        // Hugo's built-in `youtube` is pillar's `video`.
        "::video{src=\"https://www.youtube.com/watch?v=abc123\" title=\"A video on YouTube\"}",
    ] {
        assert!(first.contains(expected), "no {expected:?} in {first}");
    }
    // A page bundle keeps its files beside it; `url` becomes an alias.
    assert!(
        reports(
            &warnings,
            "[content/_common/snippet.md:1:1]",
            "headless: Hugo never renders it (`cascade` in content/_common/_index.md sets"
        ),
        "{warnings}"
    );
    let about = text(&files, "content/about/index.md");
    assert!(about.contains("- /about-us/"), "{about}");
    assert!(files.contains_key("content/about/team.svg"));
    assert!(
        files.contains_key("content/images/logo.svg"),
        "static/ is copied"
    );
    // What Hugo never renders is headless: included, never a page.
    assert!(text(&files, "content/common/snippet.md").contains("headless: true"));
    assert!(!files.keys().any(|k| k.starts_with("public/common/")));
    let home = text(&files, "public/index.html");
    assert!(home.contains("href=\"/docs/about/\""), "{home}");
    for expected in [
        "layouts/ is left out",
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
        "updated: \"2026-03-05\"",
        "- rust",
        "author: Ann\n",
        "  mood: calm",
        "[about page](@/about/index.md)",
        "[second]: @/notes/second.md",
    ] {
        assert!(first.contains(expected), "no {expected:?} in {first}");
    }
    let home = text(&files, "content/_index.md");
    assert!(home.contains("[about](@/about/index.md)"), "{home}");
    assert!(text(&files, "content/notes/_index.md").contains("  template: section.html"));
    assert!(files.contains_key("content/about/data.txt"));
    // An alias ending in `.html` stays a file, where Zola wrote its redirect.
    assert!(text(&files, "content/notes/second.md").contains("- /old/second.html\n"));
    let redirect = text(&files, "public/old/second.html");
    assert!(
        redirect.contains("url=https://example.org/notes/second/"),
        "{redirect}"
    );
    assert!(text(&files, "public/notes/first/index.html").contains("href=\"/notes/second/#how\""));
    for expected in [
        "content/notes/first.md:21:1",
        "the shortcode `note` (1 call, the first here) becomes `note`",
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
    // Matched however the report wraps the long path before it.
    assert!(
        reports(
            &stderr(&out),
            "converted",
            "overlaps the site being imported"
        ),
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

/// Does one of the diagnostics of `report` name `file` and say `message`, however the
/// report wrapped its lines?
pub(crate) fn reports(report: &str, file: &str, message: &str) -> bool {
    let squeeze = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace() && *c != '|')
            .collect()
    };
    let (file, message) = (squeeze(file), squeeze(message));
    report
        .split("  ! ")
        .flat_map(|block| block.split("  x "))
        .map(squeeze)
        .any(|block| block.contains(&file) && block.contains(&message))
}

/// Runs `pillar import flavor source target`.
pub(crate) fn import(flavor: &str, source: &Path, target: &Path) -> std::process::Output {
    pillar(&[
        "import",
        flavor,
        source.to_str().unwrap(),
        target.to_str().unwrap(),
    ])
}

/// A copy of the fixture `name` at `dir/site`, with a folder `dir/secret` beside it
/// holding a private key that must never reach an import.
fn site_beside_a_secret(name: &str, dir: &Path) -> PathBuf {
    let site = dir.join("site");
    copy_dir(&fixture(name), &site);
    std::fs::create_dir_all(dir.join("secret")).unwrap();
    std::fs::write(dir.join("secret/id_rsa"), "PRIVATE KEY").unwrap();
    site
}

/// Asserts that an import failed with `message` and wrote nothing at `target`.
fn assert_refused(out: &std::process::Output, message: &str, target: &Path) {
    assert_eq!(out.status.code(), Some(1), "{}", stderr(out));
    assert!(
        stderr(out).contains(message),
        "no {message:?} in {}",
        stderr(out)
    );
    assert!(!target.exists(), "{} was written", target.display());
}

#[test]
fn a_target_inside_the_source_is_refused_through_symlinks_and_dots() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("site");
    copy_dir(&fixture("import-zola"), &source);
    symlink(&source, dir.path().join("link")).unwrap();
    let dotted = dir.path().join("site/../site/new");
    for target in [dir.path().join("link/new"), dotted] {
        let out = import("zola", &source, &target);
        assert_refused(&out, "overlaps the site being imported", &target);
    }
    assert!(
        !source.join("new").exists(),
        "nothing is written into the source"
    );
}

#[test]
fn nothing_from_outside_the_source_is_imported() {
    let configs = [
        "contentDir = \"../secret\"\n".to_string(),
        "[module]\n[[module.mounts]]\nsource = \"../secret\"\ntarget = \"content\"\n".to_string(),
    ];
    for config in configs {
        let dir = tempfile::tempdir().unwrap();
        let site = site_beside_a_secret("import-never", dir.path());
        std::fs::write(site.join("hugo.toml"), format!("title = \"Out\"\n{config}")).unwrap();
        let target = dir.path().join("out");
        let out = import("hugo", &site, &target);
        assert_refused(&out, "leads outside the site", &target);
    }
    // An absolute contentDir, and a content folder that is a symlink leading out.
    let dir = tempfile::tempdir().unwrap();
    let site = site_beside_a_secret("import-never", dir.path());
    let secret = dir.path().join("secret");
    let config = format!(
        "title = \"Out\"\ncontentDir = {:?}\n",
        secret.to_str().unwrap()
    );
    std::fs::write(site.join("hugo.toml"), config).unwrap();
    let out = import("hugo", &site, &dir.path().join("out"));
    assert_refused(&out, "`contentDir`", &dir.path().join("out"));
    std::fs::write(site.join("hugo.toml"), "title = \"Out\"\n").unwrap();
    std::fs::remove_dir_all(site.join("content")).unwrap();
    symlink(&secret, site.join("content")).unwrap();
    let out = import("hugo", &site, &dir.path().join("out"));
    assert_refused(&out, "leads outside the site", &dir.path().join("out"));
}

#[test]
fn links_inside_the_source_are_left_out_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let site = site_beside_a_secret("import-hugo", dir.path());
    symlink(dir.path().join("secret"), site.join("static/keys")).unwrap();
    symlink("first.md", site.join("content/guides/linked.md")).unwrap();
    symlink("team.svg", site.join("content/about/linked.svg")).unwrap();
    symlink("../secret/id_rsa", site.join("content/id_rsa")).unwrap();
    let odd = std::ffi::OsStr::from_bytes(b"caf\xe9.md");
    std::fs::write(
        site.join("content/guides").join(odd),
        "---\ntitle: Odd\n---\n",
    )
    .unwrap();
    let target = dir.path().join("out");
    let out = import("hugo", &site, &target);
    assert!(out.status.success(), "{}", stderr(&out));
    let warnings = stderr(&out);
    for (file, expected) in [
        ("static/keys", "left out: it is a symbolic link"),
        (
            "content/guides/linked.md",
            "left out: it is a symbolic link",
        ),
        (
            "content/about/linked.svg",
            "left out: it is a symbolic link",
        ),
        ("content/id_rsa", "left out: it is a symbolic link"),
        (
            "content/guides/caf\u{fffd}.md",
            "left out: its name is not UTF-8",
        ),
    ] {
        assert!(
            reports(&warnings, file, expected),
            "no {file}: {expected:?} in {warnings}"
        );
    }
    let files = tree(&target);
    assert!(files.contains_key("content/guides/first.md"));
    assert!(
        !files.values().any(|bytes| bytes == b"PRIVATE KEY"),
        "the key is not imported"
    );
}

#[test]
fn a_static_folder_leading_outside_the_source_is_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let site = site_beside_a_secret("import-hugo", dir.path());
    std::fs::remove_dir_all(site.join("static")).unwrap();
    symlink(dir.path().join("secret"), site.join("static")).unwrap();
    let target = dir.path().join("out");
    let out = import("hugo", &site, &target);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("left out: static/ leads outside the site"),
        "{}",
        stderr(&out)
    );
    assert!(!tree(&target).contains_key("content/id_rsa"));
}

#[test]
fn collisions_are_refused_before_anything_is_written() {
    let cases: [(&str, &str, &str); 5] = [
        (
            "static/site.yaml",
            "x: 1\n",
            "become content/site.yaml, which is also made from hugo.toml",
        ),
        (
            "static/guides/first.md",
            "static",
            "become content/guides/first.md, which is also made from content/guides/first.md",
        ),
        (
            "content/Guides/second.md",
            "---\ntitle: B\n---\n",
            "become content/guides/second.md, which is also made from content/Guides/second.md",
        ),
        (
            "content/guides/first.markdown",
            "---\ntitle: C\n---\n",
            "become content/guides/first.md, which is also made from content/guides/first.markdown",
        ),
        (
            "static/about",
            "a file",
            "become the file content/about, where content/about/index.md needs a folder",
        ),
    ];
    for (path, text, message) in cases {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        copy_dir(&fixture("import-hugo"), &site);
        std::fs::create_dir_all(site.join(path).parent().unwrap()).unwrap();
        std::fs::write(site.join(path), text).unwrap();
        // An empty target stays as it was: there, empty, with nothing beside it.
        let target = dir.path().join("out");
        std::fs::create_dir(&target).unwrap();
        let out = import("hugo", &site, &target);
        assert_eq!(out.status.code(), Some(1), "{path}: {}", stderr(&out));
        assert!(
            reports(&stderr(&out), "", message),
            "{path}: no {message:?} in {}",
            stderr(&out)
        );
        assert_eq!(std::fs::read_dir(&target).unwrap().count(), 0, "{path}");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            2,
            "{path}: no staging left"
        );
    }
}

#[test]
fn pages_hugo_never_renders_are_headless_one_by_one() {
    let source = fixture("import-never");
    let dir = tempfile::tempdir().unwrap();
    // An empty target folder is replaced by the staged import.
    let target = dir.path().join("site");
    std::fs::create_dir(&target).unwrap();
    let out = import("hugo", &source, &target);
    assert!(out.status.success(), "{}", stderr(&out));
    let warnings = stderr(&out);
    let own = "headless: Hugo never renders it (it sets `build.render: never` or `headless`)";
    let bundle =
        "(the bundle's content/snippets/index.md sets `build.render: never` or `headless`)";
    let cascade = "(`cascade` in content/hidden/_index.md sets `build.render: never`)";
    for (file, expected) in [
        ("[content/_index.md:1:1]", own),
        ("[content/guides/_index.md:1:1]", own),
        ("[content/snippets/index.md:1:1]", own),
        ("content/snippets/shared.svg", bundle),
        ("[content/hidden/_index.md:1:1]", cascade),
        ("[content/hidden/page.md:1:1]", cascade),
    ] {
        assert!(
            reports(&warnings, file, expected),
            "no {file}: {expected:?} in {warnings}"
        );
    }
    // `build.render: never` on the home page and on a section makes those files
    // headless only: it cascades through `cascade` alone. A headless bundle's files are
    // left out.
    let files = tree(&target);
    let headless: Vec<&str> = files
        .iter()
        .filter(|(_, bytes)| String::from_utf8_lossy(bytes).contains("headless: true"))
        .map(|(path, _)| path.as_str())
        .collect();
    assert_eq!(
        headless,
        [
            "content/_index.md",
            "content/guides/_index.md",
            "content/hidden/_index.md",
            "content/hidden/page.md",
            "content/snippets/index.md",
        ]
    );
    assert!(!text(&files, "content/guides/kept.md").contains("headless"));
    assert!(!files.contains_key("content/snippets/shared.svg"));
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no staging left"
    );
    let built = common::build(&target, &[]);
    assert!(built.status.success(), "{}", stderr(&built));
}

#[test]
fn values_pillar_cannot_build_are_dropped_with_a_warning() {
    let source = fixture("import-values");
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("site");
    let out = import("hugo", &source, &target);
    assert!(out.status.success(), "{}", stderr(&out));
    let warnings = stderr(&out);
    let file = "[content/guides/first.md:";
    for alias in [
        "/a/../b/",
        "/my page/",
        "/a/%2e%2e/x/",
        "//elsewhere.example/y/",
        "https://elsewhere.example/first/",
    ] {
        let expected = format!("left out: the alias `{alias}` is not a path of this site");
        assert!(
            reports(&warnings, file, &expected),
            "no {expected:?} in {warnings}"
        );
    }
    let slug = "the slug has no URL pillar can use";
    assert!(reports(&warnings, file, slug), "{warnings}");
    let files = tree(&target);
    assert!(
        files.contains_key("content/ber-uns/_index.md"),
        "a folder name in ASCII"
    );
    let first = text(&files, "content/guides/first.md");
    assert!(first.contains("aliases:\n- /kept/\n"), "{first}");
    assert!(!first.contains("\nslug:"), "{first}");
    // A title holding the link's own URL keeps it; the destination is rewritten.
    for expected in [
        "[the second guide](@/guides/second.md \"the page at /guides/second/\")",
        "[second]: @/guides/second.md \"/guides/second/\"",
    ] {
        assert!(first.contains(expected), "no {expected:?} in {first}");
    }
    let check = pillar(&["check", "--root", target.to_str().unwrap()]);
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(
        stderr(&check).contains("checked: 0 errors"),
        "{}",
        stderr(&check)
    );
}

/// Imports the fixture `name` as `flavor`, checks the result (0 errors) and builds
/// it; returns the folder, the import's warnings and the built site's files.
pub(crate) fn import_check_build(
    flavor: &str,
    name: &str,
) -> (
    tempfile::TempDir,
    String,
    std::collections::BTreeMap<String, Vec<u8>>,
) {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("site");
    let out = import(flavor, &fixture(name), &target);
    assert!(out.status.success(), "{}", stderr(&out));
    let check = pillar(&["check", "--root", target.to_str().unwrap()]);
    assert!(
        stderr(&check).contains("checked: 0 errors"),
        "{}",
        stderr(&check)
    );
    let built = common::build(&target, &[]);
    assert!(built.status.success(), "{}", stderr(&built));
    let files = tree(&target);
    (dir, stderr(&out), files)
}

/// The text a reader sees on a built page: its HTML without code, scripts, styles and
/// tags.
fn visible_text(html: &str) -> String {
    let mut text = html.to_string();
    for element in ["pre", "code", "script", "style"] {
        let open = format!("<{element}");
        let close = format!("</{element}>");
        while let Some(start) = text.find(&open) {
            let end = text[start..]
                .find(&close)
                .map_or(text.len(), |e| start + e + close.len());
            text.replace_range(start..end, " ");
        }
    }
    let mut visible = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => visible.push(c),
            _ => {}
        }
    }
    visible
}

/// The shortcode syntax of Hugo, Zola or pillar's directives found in `text`.
fn shortcode_remnants(text: &str) -> Vec<String> {
    let mut found: Vec<String> = ["{{<", "{{%", "{%", ":::", "::"]
        .iter()
        .filter(|syntax| text.contains(*syntax))
        .map(|syntax| syntax.to_string())
        .collect();
    for (at, _) in text.match_indices("{{ ") {
        let rest = &text[at + 3..];
        let name_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        if name_len > 0 && rest[name_len..].starts_with('(') {
            found.push(format!("{{{{ {}(", &rest[..name_len]));
        }
    }
    found
}

/// Asserts that no built page of `files` shows shortcode syntax as text.
fn assert_no_shortcode_text(files: &std::collections::BTreeMap<String, Vec<u8>>) {
    let mut pages = 0;
    for (path, bytes) in files {
        if !(path.starts_with("public/") && path.ends_with(".html")) {
            continue;
        }
        pages += 1;
        let visible = visible_text(&String::from_utf8_lossy(bytes));
        let remnants = shortcode_remnants(&visible);
        assert!(remnants.is_empty(), "{path} shows {remnants:?}: {visible}");
    }
    assert!(pages > 2, "only {pages} pages built");
}

#[test]
fn hugo_shortcodes_become_pillar_shortcodes_and_no_page_shows_their_syntax() {
    let (_dir, warnings, files) = import_check_build("hugo", "import-shortcodes-hugo");
    assert_no_shortcode_text(&files);
    let tour = text(&files, "content/guides/tour.md");
    for expected in [
        "Version :value{key=\"version\"} of the tool, from :value{key=\"ghrepo\"}.",
        "::figure{src=\"/images/logo.svg\" alt=\"The logo\" caption=\"Our logo\"}",
        "```go\nfmt.Println(\"hi\")\n```",
        ":::details{summary=\"More\"}\nHidden *text* with :note{arg1=\"inner\"} inside.\n:::",
        "::video{src=\"https://vimeo.com/12345\" title=\"A video on Vimeo\"}",
        "- A list item:\n  ::video{src=\"https://www.youtube.com/watch?v=abc123\" title=\"The tour\"}",
        ":::note{kind=\"warn\"}\nCareful with :unknown{arg1=\"x\"}.\n:::",
        "[the start](@/guides/tour.md#start)",
        "Text with :note{arg1=\"one\"} inline, and :note{}.",
        "```go-html-template\n{{< note \"shown\" >}}\n```",
        // Hugo's `include` of a headless page is pillar's `include`.
        "::include{file=\"@/common/install.md\"}",
    ] {
        assert!(tour.contains(expected), "no {expected:?} in {tour}");
    }
    let built = text(&files, "public/guides/tour/index.html");
    assert!(built.contains("Run the shared installer."), "{built}");
    // The text `comment` hides stays hidden.
    assert!(
        !files
            .values()
            .any(|bytes| String::from_utf8_lossy(bytes).contains("do not ship")),
        "the comment is dropped"
    );
    let home = text(&files, "public/index.html");
    assert!(home.contains("Read <strong>the guides</strong>"), "{home}");
    // One stub per shortcode the pages call, with every argument the calls use.
    let note = text(&files, "templates/shortcodes/note.html");
    assert!(
        note.contains("{% component note(arg1: string = \"\", kind: string = \"\") -%}"),
        "{note}"
    );
    assert!(files.contains_key("templates/shortcodes/blocks_cover.html"));
    assert!(files.contains_key("templates/shortcodes/unknown.html"));
    // One warning per name, with its count, its first call and the template to port.
    assert_eq!(
        warnings.matches("the shortcode `note`").count(),
        1,
        "{warnings}"
    );
    for (file, expected) in [
        (
            "content/guides/tour.md:21:20",
            "the shortcode `note` (4 calls, the first here) becomes `note`",
        ),
        (
            "",
            "port layouts/shortcodes/note.html to templates/shortcodes/note.html",
        ),
        (
            "content/_index.md:4:1",
            "the shortcode `blocks/cover` (1 call, the first here) becomes `blocks_cover`",
        ),
        (
            "content/guides/tour.md:30:14",
            "the site defines no template for it: write templates/shortcodes/unknown.html",
        ),
    ] {
        assert!(
            reports(&warnings, file, expected),
            "no {file}: {expected:?} in {warnings}"
        );
    }
}

#[test]
fn zola_shortcodes_become_pillar_shortcodes_and_no_page_shows_their_syntax() {
    let (_dir, warnings, files) = import_check_build("zola", "import-shortcodes-zola");
    assert_no_shortcode_text(&files);
    let home = text(&files, "content/_index.md");
    for expected in [
        ":::note{kind=\"tip\"}\nA body with :quote{text=\"inner\" n=\"2\"} inside.\n:::",
        "::video{src=\"https://www.youtube.com/watch?v=abc123\" title=\"A video on YouTube\"}",
        "A list :stars{count=\"[1, 2]\" label=\"four\"} inline.",
        // An escaped shortcode is the text Zola shows.
        "`{{ note(text=\"x\") }}`",
    ] {
        assert!(home.contains(expected), "no {expected:?} in {home}");
    }
    // Nested bodies: the outer call has more colons.
    let first = text(&files, "content/notes/first.md");
    assert!(
        first.contains(
            "::::note{kind=\"warn\"}\nOuter.\n:::note{kind=\"info\"}\nInner, nested.\n:::\n::::"
        ),
        "{first}"
    );
    assert!(
        first.contains("```\n{% note() %}\na body\n{% end %}\n```"),
        "{first}"
    );
    // In code, a call of a name the site has no template for is text, as in Zola.
    assert!(
        first.contains("<a href=\"{{ get_url(path=asset) }}\">:note{kind=\"x\"}</a>"),
        "{first}"
    );
    for expected in [
        "port templates/shortcodes/quote.md to templates/shortcodes/quote.html",
        "the shortcode `note` (4 calls, the first here)",
    ] {
        assert!(warnings.contains(expected), "no {expected:?} in {warnings}");
    }
}

#[test]
fn pages_on_paths_pillar_reserves_move_and_the_import_passes_check() {
    let (_dir, warnings, files) = import_check_build("hugo", "import-reserved");
    for moved in [
        "content/search-page.md",
        "content/tags-section/_index.md",
        "content/tags-section/rust.md",
        "content/tags-section/logo.svg",
    ] {
        assert!(
            files.contains_key(moved),
            "no {moved} in {:?}",
            files.keys()
        );
    }
    let home = text(&files, "content/_index.md");
    assert!(
        home.contains("[search](@/search-page.md), [the tags](@/tags-section/_index.md) and [one tag](@/tags-section/rust.md)"),
        "{home}"
    );
    for (file, expected) in [
        (
            "content/search.md",
            "moved: /search/ is a path pillar keeps for its own pages, so this page moves to /search-page/",
        ),
        (
            "content/tags/",
            "moved: /tags/ is a path pillar keeps for its own pages, so the pages under it move to /tags-section/",
        ),
    ] {
        assert!(
            reports(&warnings, file, expected),
            "no {file}: {expected:?} in {warnings}"
        );
    }
    assert_eq!(warnings.matches("moved:").count(), 2, "{warnings}");
}

#[test]
fn the_wrong_importer_names_the_generator_the_site_looks_made_for() {
    let dir = tempfile::tempdir().unwrap();
    for (flavor, name, expected) in [
        (
            "hugo",
            "import-zola",
            "looks like a Zola site: config.toml sets `base_url`, config.toml sets `compile_sass`, config.toml sets `markdown`, it has templates/",
        ),
        (
            "zola",
            "import-hugo",
            "looks like a Hugo site: it has hugo.toml, it has layouts/",
        ),
    ] {
        let target = dir.path().join(name);
        let out = import(flavor, &fixture(name), &target);
        assert_refused(&out, "looks like a", &target);
        assert!(reports(&stderr(&out), "", expected), "{}", stderr(&out));
        let other = if flavor == "hugo" { "zola" } else { "hugo" };
        let hint = format!("import it with `pillar import {other} ");
        assert!(stderr(&out).contains(&hint), "{}", stderr(&out));
    }
}

#[test]
fn a_zola_blog_keeps_its_dates_urls_bundles_and_authors() {
    let (_dir, warnings, files) = import_check_build("zola", "import-blog");
    // A date in the file name (which pillar reads as Zola does) or in `path`.
    let launch = text(&files, "content/2024-05-01-launch.md");
    for expected in [
        "date: \"2024-05-01\"",
        "author: Ann, Bo",
        "[the bundle](@/2024-06-02-bundle/index.md)",
    ] {
        assert!(launch.contains(expected), "no {expected:?} in {launch}");
    }
    let later = text(&files, "content/later.md");
    assert!(
        later.contains("date: \"2024-07-03\"") && later.contains("- /2024/07/03/later/"),
        "{later}"
    );
    assert!(
        reports(
            &warnings,
            "content/later.md",
            "`path` sets the page's own URL, which pillar does not: it becomes an alias"
        ),
        "{warnings}"
    );
    // A page bundle stays one: a page with its files, no cluster of its own; a
    // relative link to a page's URL becomes an @/ link.
    let bundle = text(&files, "content/2024-06-02-bundle/index.md");
    for expected in [
        "date: \"2024-06-02\"",
        "![The chart](chart.svg)",
        "[the launch](@/2024-05-01-launch.md)",
    ] {
        assert!(bundle.contains(expected), "no {expected:?} in {bundle}");
    }
    assert!(files.contains_key("content/2024-06-02-bundle/chart.svg"));
    // Zola's URLs, without the dates.
    for page in ["launch", "bundle", "later"] {
        assert!(
            files.contains_key(&format!("public/{page}/index.html")),
            "no /{page}/"
        );
    }
    let page = text(&files, "public/bundle/index.html");
    assert!(page.contains("chart.svg"), "{page}");
    let home = text(&files, "content/_index.md");
    assert!(home.contains("[later](@/later.md)"), "{home}");
    // Zola's `sort_by = "date"` on the home section: the home lists the posts.
    assert!(home.contains("sort_by: date"), "{home}");
    let listed = text(&files, "public/index.html");
    let order: Vec<usize> = ["Later", "A bundle"]
        .iter()
        .map(|title| listed.find(&format!("\">{title}</a></h3>")).expect(title))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{listed}");
    // `feed_filenames` named `rss.xml` beside `atom.xml`: the feed keeps that URL.
    let config = text(&files, "content/site.yaml");
    assert!(config.contains("feed_aliases:\n- rss.xml"), "{config}");
    // The home section's `paginate_by` pages pillar's listings.
    assert!(config.contains("paginate: 2"), "{config}");
    assert!(files.contains_key("public/page/2/index.html"));
    assert_eq!(
        text(&files, "public/rss.xml"),
        text(&files, "public/atom.xml")
    );
}

#[test]
fn mounts_by_site_matrix_and_of_one_file_are_read_and_one_leading_out_is_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let site = site_beside_a_secret("import-languages", dir.path());
    std::fs::write(
        site.join("NOTES.md"),
        "---\ntitle: Notes\n---\nRepo notes.\n",
    )
    .unwrap();
    std::fs::write(
        site.join("hugo.toml"),
        "title = \"Matrix\"\n\
         [[module.mounts]]\nsource = \"content/fr\"\ntarget = \"content\"\nsites = { matrix = { languages = [\"fr\"] } }\n\
         [[module.mounts]]\nsource = \"content/en\"\ntarget = \"content\"\nsites = { matrix = { languages = [\"en\", \"fr\"] } }\n\
         [[module.mounts]]\nsource = \"NOTES.md\"\ntarget = \"content/repo/notes.md\"\n\
         [[module.mounts]]\nsource = \"../secret\"\ntarget = \"content/secret\"\n",
    )
    .unwrap();
    let target = dir.path().join("out");
    let out = import("hugo", &site, &target);
    assert!(out.status.success(), "{}", stderr(&out));
    let files = tree(&target);
    for page in [
        "content/_index.md",
        "content/guide.fr.md",
        "content/repo/notes.md",
    ] {
        assert!(files.contains_key(page), "no {page} in {:?}", files.keys());
    }
    assert!(
        !files.values().any(|bytes| bytes == b"PRIVATE KEY"),
        "the key is not imported"
    );
    assert!(
        reports(
            &stderr(&out),
            "hugo.toml",
            "left out: the module mount `../secret` leads outside the site"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_hugo_page_named_with_a_date_keeps_hugo_url() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    copy_dir(&fixture("import-hugo"), &site);
    std::fs::write(
        site.join("content/guides/2024-05-01-news.md"),
        "---\ntitle: News\n---\nNews.\n",
    )
    .unwrap();
    let target = dir.path().join("out");
    let out = import("hugo", &site, &target);
    assert!(out.status.success(), "{}", stderr(&out));
    let news = text(&tree(&target), "content/guides/2024-05-01-news.md");
    // Hugo keeps the date in the URL, where pillar would leave it out.
    assert!(
        news.contains("slug: 2024-05-01-news") && news.contains("date: \"2024-05-01\""),
        "{news}"
    );
}
