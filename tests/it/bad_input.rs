//! Every kind of bad input gets a clear error naming the file (and line:col where there
//! is one), exit code 1, no panic, and the previous output stays exactly as it was.
//!
//! Each case under tests/fixtures/bad/<case>/ is overlaid on a copy of the `basic`
//! fixture after a good build: its files replace or add files, a `delete` file lists
//! paths to remove, and `expect` lists lines the error output must contain. Cases that
//! cannot live in git (invalid UTF-8, symlink loops, huge files) are made in code below.

use crate::common;

use std::path::Path;

use crate::common::{copy_fixture, fixture, overlay, pillar, stderr, tree};

/// Builds the basic site, applies `spoil`, builds again, and checks the failure.
fn assert_rejected(case: &str, spoil: impl FnOnce(&Path), expected: &[&str]) {
    let site = copy_fixture("basic");
    let root = site.path();
    let root_arg = root.to_str().unwrap();
    let first = pillar(&["build", "--root", root_arg]);
    assert!(
        first.status.success(),
        "{case}: the good site builds: {}",
        stderr(&first)
    );
    let before = tree(&root.join("public"));
    spoil(root);
    let out = pillar(&["build", "--root", root_arg]);
    let err = stderr(&out);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{case}: exit code 1, got {:?}\n{err}",
        out.status.code()
    );
    assert!(!err.contains("panicked"), "{case}: no panic\n{err}");
    for line in expected {
        assert!(err.contains(line), "{case}: expected `{line}` in:\n{err}");
    }
    assert!(
        tree(&root.join("public")) == before,
        "{case}: the previous output is untouched"
    );
    let check = pillar(&["check", "--root", root_arg]);
    assert_eq!(check.status.code(), Some(1), "{case}: check fails too");
}

#[test]
fn every_fixture_case_is_rejected_with_its_position() {
    let cases = fixture("bad");
    let mut names: Vec<_> = std::fs::read_dir(&cases)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 20, "the corpus has its cases");
    for name in names {
        let dir = cases.join(&name);
        let expect =
            std::fs::read_to_string(dir.join("expect")).expect("each case has an expect file");
        let expected: Vec<&str> = expect.lines().filter(|l| !l.is_empty()).collect();
        assert_rejected(&name, |root| overlay(&dir, root), &expected);
    }
}

#[test]
fn a_file_that_is_not_utf8() {
    assert_rejected(
        "non-utf8",
        |root| {
            std::fs::write(
                root.join("content/guides/bad.md"),
                b"---\ntitle: \xff\xfe\n---\n",
            )
            .unwrap()
        },
        &["content/guides/bad.md:2:8", "the file is not valid UTF-8"],
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_loop() {
    assert_rejected(
        "symlink-loop",
        |root| std::os::unix::fs::symlink("..", root.join("content/guides/loop")).unwrap(),
        &["content/guides/loop", "a folder that holds it"],
    );
}

#[cfg(unix)]
#[test]
fn an_unreadable_file() {
    // A link to nothing: the file is listed but cannot be read (even by root, who can
    // read files without permission bits).
    assert_rejected(
        "unreadable",
        |root| {
            std::os::unix::fs::symlink("missing-target.md", root.join("content/guides/gone.md"))
                .unwrap()
        },
        &["content/guides/gone.md", "cannot read"],
    );
}

/// Not every unusual input is bad: these must build.
#[test]
fn crlf_line_endings_and_a_byte_order_mark_work() {
    let site = copy_fixture("basic");
    let root = site.path();
    let crlf = "---\r\ntitle: \"Windows\"\r\ndescription: \"CRLF\"\r\n---\r\n## Heading\r\n\r\nText [first](@/guides/first.md).\r\n";
    std::fs::write(root.join("content/guides/windows.md"), crlf).unwrap();
    let bom = "\u{feff}---\ntitle: \"With BOM\"\ndescription: \"BOM\"\n---\nText.\n";
    std::fs::write(root.join("content/guides/bom.md"), bom).unwrap();
    let out = pillar(&["build", "--root", root.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let files = tree(&root.join("public"));
    let windows = common::text(&files, "guides/windows/index.html");
    assert!(windows.contains("<h1>Windows</h1>"), "{windows}");
    assert!(windows.contains("id=\"heading\""));
    assert!(common::text(&files, "guides/bom/index.html").contains("<h1>With BOM</h1>"));
}

/// Builds the `fixture` site after `change`, returning the output and the built tree.
fn build_changed(
    fixture: &str,
    change: impl FnOnce(&Path),
) -> (
    std::process::Output,
    std::collections::BTreeMap<String, Vec<u8>>,
) {
    let site = copy_fixture(fixture);
    let root = site.path();
    change(root);
    let out = pillar(&["build", "--root", root.to_str().unwrap()]);
    let files = tree(&root.join("public"));
    (out, files)
}

/// Valid CommonMark builds, however long or deep: the only limit is one that protects
/// the machine (128 MiB per file).
#[test]
fn a_long_article_and_deep_nesting_build() {
    let (out, files) = build_changed("basic", |root| {
        let mut text = String::from("---\ntitle: Long\ndescription: x\n---\n");
        while text.len() < 5 * 1024 * 1024 {
            text.push_str("All work and no play makes a very long article indeed.\n\n");
        }
        std::fs::write(root.join("content/guides/long.md"), text).unwrap();
        let mut deep = String::from("---\ntitle: Deep\ndescription: x\n---\n");
        for depth in 0..200 {
            deep.push_str(&"  ".repeat(depth));
            deep.push_str("- > item\n");
        }
        deep.push_str(&">".repeat(5_000));
        deep.push_str(" quoted\n");
        std::fs::write(root.join("content/guides/deep.md"), deep).unwrap();
    });
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(common::text(&files, "guides/long/index.html").len() > 5 * 1024 * 1024);
    let deep = common::text(&files, "guides/deep/index.html");
    assert!(deep.matches("<blockquote>").count() > 5_000);
}

#[test]
fn a_file_beyond_the_machine_limit_is_refused_with_the_limit() {
    assert_rejected(
        "too large",
        |root| {
            let file = std::fs::File::create(root.join("content/guides/dump.md")).unwrap();
            // Sparse: nothing is written, but the file is 129 MiB long.
            file.set_len(129 * 1024 * 1024).unwrap();
        },
        &["content/guides/dump.md", "at most 128 MB"],
    );
}

#[test]
fn nul_becomes_the_replacement_character() {
    let (out, files) = build_changed("basic", |root| {
        let page = "---\ntitle: Nul\ndescription: x\n---\nbefore\0after\n";
        std::fs::write(root.join("content/guides/nul.md"), page).unwrap();
    });
    assert!(out.status.success(), "{}", stderr(&out));
    let html = common::text(&files, "guides/nul/index.html");
    assert!(html.contains("before\u{FFFD}after"), "{html}");
    assert!(!html.contains('\0'));
}

#[test]
fn control_characters_never_reach_the_feeds() {
    let (out, files) = build_changed("basic", |root| {
        let page = "---\ntitle: \"Bell\\x07 and \\x01 start\"\ndescription: \"Form\\x0c feed\"\ndate: 2026-05-01\n---\nText.\n";
        std::fs::write(root.join("content/guides/bell.md"), page).unwrap();
    });
    assert!(out.status.success(), "{}", stderr(&out));
    for feed in ["atom.xml", "guides/atom.xml", "sitemap.xml"] {
        let xml = common::text(&files, feed);
        let bad = xml
            .chars()
            .find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'));
        assert_eq!(bad, None, "{feed} holds a character XML forbids");
    }
    assert!(common::text(&files, "atom.xml").contains("Bell and  start"));
}

#[test]
fn a_file_name_without_letters_asks_for_a_slug() {
    for name in ["🚀.md", "---.md", "_.md"] {
        assert_rejected(
            name,
            |root| {
                let page = "---\ntitle: Rocket\ndescription: x\n---\nText.\n";
                std::fs::write(root.join("content/guides").join(name), page).unwrap();
            },
            &[&format!("content/guides/{name}"), "add `slug: ...`"],
        );
    }
}

#[test]
fn component_blocks_work_inside_lists_quotes_and_indented_fences() {
    let (out, files) = build_changed("components", |_| {});
    assert!(out.status.success(), "{}", stderr(&out));
    let html = common::text(&files, "guides/containers/index.html");
    assert!(
        html.contains("Plans in a list") && html.contains("Plans in a quote"),
        "{html}"
    );
    // The filter placed twice: every id on the page is unique.
    let mut ids: Vec<&str> = html
        .split(" id=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect();
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count, "duplicate ids on the page");
    assert_eq!(html.matches("<form class=\"decision\"").count(), 2);
}

/// The examples docs/authoring.md gives for images and other files.
#[test]
fn asset_paths_are_relative_to_the_markdown_file_as_documented() {
    let (out, files) = build_changed("basic", |root| {
        std::fs::write(root.join("content/guides/chart.png"), b"png").unwrap();
        std::fs::create_dir(root.join("content/images")).unwrap();
        std::fs::write(root.join("content/images/logo.svg"), b"<svg/>").unwrap();
        let page = "---\ntitle: Pictures\ndescription: x\n---\n![chart](chart.png) ![logo](../images/logo.svg)\n";
        std::fs::write(root.join("content/guides/pictures.md"), page).unwrap();
    });
    assert!(out.status.success(), "{}", stderr(&out));
    let html = common::text(&files, "guides/pictures/index.html");
    assert!(html.contains("src=\"/guides/chart.png\""), "{html}");
    assert!(html.contains("src=\"/images/logo.svg\""), "{html}");
    assert!(files.contains_key("guides/chart.png") && files.contains_key("images/logo.svg"));
    let docs =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/authoring.md")).unwrap();
    assert!(docs.contains("![chart](chart.png)") && docs.contains("![logo](../images/logo.svg)"));
}

#[test]
fn a_link_to_a_folder_names_its_hub_file() {
    assert_rejected(
        "folder link",
        |root| {
            let page = "---\ntitle: Folder\ndescription: x\n---\nSee [the guides](@/guides).\n";
            std::fs::write(root.join("content/guides/folder.md"), page).unwrap();
        },
        &[
            "content/guides/folder.md:5:",
            "no page `@/guides`",
            "did you mean `@/guides/_index.md`?",
        ],
    );
}

#[test]
fn a_broken_filter_is_reported_once() {
    let site = copy_fixture("components");
    let root = site.path();
    std::fs::write(root.join("content/filters/plan.yaml"), "title: [unclosed\n").unwrap();
    let out = pillar(&["check", "--root", root.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("content/filters/plan.yaml"), "{err}");
    assert!(
        !err.contains("unknown filter"),
        "no second error for the pages: {err}"
    );
}

#[test]
fn an_alias_over_a_file_is_a_clear_error() {
    assert_rejected(
        "alias over a file",
        |root| {
            std::fs::write(root.join("content/guides/logo.png"), b"png").unwrap();
            let page = "---\ntitle: Aliased\ndescription: x\naliases: [\"/guides/logo.png/\"]\n---\nText.\n";
            std::fs::write(root.join("content/guides/aliased.md"), page).unwrap();
        },
        &["content/guides/logo.png", "to be a folder"],
    );
}

#[test]
fn a_duplicate_key_points_at_the_repeat() {
    assert_rejected(
        "duplicate key",
        |root| {
            let page = "---\ntitle: A\ndescription: x\ntags: [a]\ntitle: B\n---\nText.\n";
            std::fs::write(root.join("content/guides/twice.md"), page).unwrap();
        },
        &[
            "content/guides/twice.md:5:1",
            "the key `title` is given twice",
        ],
    );
}

#[test]
fn type_errors_speak_yaml_not_rust() {
    assert_rejected(
        "types",
        |root| {
            let site = root.join("content/site.yaml");
            let mut text = std::fs::read_to_string(&site).unwrap();
            text.push_str("related_count: -3\n");
            std::fs::write(&site, text).unwrap();
        },
        &["content/site.yaml:", "expected a whole number"],
    );
    assert_rejected(
        "not a mapping",
        |root| std::fs::write(root.join("content/site.yaml"), "- a\n- b\n").unwrap(),
        &["content/site.yaml", "expected a mapping"],
    );
}

#[test]
fn a_runaway_template_is_stopped_with_its_name() {
    assert_rejected(
        "runaway template",
        |root| {
            let dir = root.join("themes/default/templates");
            std::fs::create_dir_all(&dir).unwrap();
            let loops = "{% for i in range(end=100000) %}{% for j in range(end=100000) %}x{% endfor %}{% endfor %}";
            std::fs::write(dir.join("page.html"), loops).unwrap();
        },
        &["the template `page.html` took more than 5 s"],
    );
}

#[cfg(unix)]
mod symlinks {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn links_to_the_root_or_the_kernel_trees_are_caught_at_once() {
        for (name, target) in [("root", "/"), ("me", "/proc/self"), ("site", "../..")] {
            assert_rejected(
                name,
                |root| symlink(target, root.join("content/guides").join(name)).unwrap(),
                &[&format!("content/guides/{name}")],
            );
        }
    }

    #[test]
    fn a_secret_behind_a_link_is_never_published() {
        assert_rejected(
            "environ",
            |root| symlink("/proc/self/environ", root.join("content/guides/env.txt")).unwrap(),
            &["content/guides/env.txt", "system folder"],
        );
    }

    /// A file outside the site is left out with a warning, unless site.yaml asks for it.
    #[test]
    fn links_out_of_the_site_follow_follow_symlinks() {
        let outside = tempfile::tempdir().unwrap();
        let secret = outside.path().join("secret.txt");
        std::fs::write(&secret, "not for the web").unwrap();
        let link = |root: &Path| symlink(&secret, root.join("content/guides/secret.txt")).unwrap();

        let (out, files) = build_changed("basic", link);
        let err = stderr(&out);
        assert!(out.status.success(), "{err}");
        assert!(
            err.contains("points outside the site") && err.contains("follow_symlinks: outside"),
            "{err}"
        );
        assert!(!files.contains_key("guides/secret.txt"));

        let (out, files) = build_changed("basic", |root| {
            link(root);
            let site = root.join("content/site.yaml");
            let text = std::fs::read_to_string(&site).unwrap() + "follow_symlinks: outside\n";
            std::fs::write(&site, text).unwrap();
        });
        let err = stderr(&out);
        assert!(out.status.success(), "{err}");
        assert!(
            err.contains("publishing") && err.contains("from outside the site"),
            "{err}"
        );
        assert_eq!(
            files.get("guides/secret.txt").map(Vec::as_slice),
            Some(&b"not for the web"[..])
        );
    }

    #[test]
    fn links_inside_the_site_are_followed() {
        let (out, files) = build_changed("basic", |root| {
            std::fs::create_dir(root.join("shared")).unwrap();
            std::fs::write(root.join("shared/note.txt"), "shared").unwrap();
            symlink("../../shared", root.join("content/guides/shared")).unwrap();
        });
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(files.contains_key("guides/shared/note.txt"));
    }
}

#[test]
fn a_page_under_a_generated_folder_is_refused() {
    assert_rejected(
        "under tags",
        |root| {
            std::fs::create_dir(root.join("content/tags")).unwrap();
            let page = "---\ntitle: Basics\ndescription: x\n---\nText.\n";
            std::fs::write(root.join("content/tags/basics.md"), page).unwrap();
        },
        &[
            "content/tags/basics.md",
            "the URL /tags/basics/ is reserved",
        ],
    );
}

#[test]
fn a_file_in_the_search_index_folder_is_refused() {
    assert_rejected(
        "under pagefind",
        |root| {
            std::fs::create_dir(root.join("content/pagefind")).unwrap();
            std::fs::write(root.join("content/pagefind/pagefind.js"), "mine").unwrap();
        },
        &[
            "content/pagefind/pagefind.js",
            "which pillar writes to /pagefind/",
        ],
    );
}
