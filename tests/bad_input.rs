//! Every kind of bad input gets a clear error naming the file (and line:col where there
//! is one), exit code 1, no panic, and the previous output stays exactly as it was.
//!
//! Each case under tests/fixtures/bad/<case>/ is overlaid on a copy of the `basic`
//! fixture after a good build: its files replace or add files, a `delete` file lists
//! paths to remove, and `expect` lists lines the error output must contain. Cases that
//! cannot live in git (invalid UTF-8, symlink loops, huge files) are made in code below.

mod common;

use std::path::Path;

use common::{copy_fixture, fixture, overlay, pillar, stderr, tree};

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

#[test]
fn a_huge_article() {
    assert_rejected(
        "huge",
        |root| {
            let mut text = String::from("---\ntitle: Huge\ndescription: x\n---\n");
            while text.len() < 10 * 1024 * 1024 {
                text.push_str("All work and no play makes a very long article indeed.\n");
            }
            std::fs::write(root.join("content/guides/huge.md"), text).unwrap();
        },
        &[
            "content/guides/huge.md",
            "pages and data files may be at most 4 MB",
        ],
    );
}

#[test]
fn deeply_nested_lists_and_quotes() {
    assert_rejected(
        "nesting",
        |root| {
            let mut text = String::from("---\ntitle: Deep\ndescription: x\n---\n");
            for depth in 0..200 {
                text.push_str(&"  ".repeat(depth));
                text.push_str("- > item\n");
            }
            std::fs::write(root.join("content/guides/deep.md"), text).unwrap();
        },
        &["content/guides/deep.md:", "nest more than 32 levels deep"],
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_loop() {
    assert_rejected(
        "symlink-loop",
        |root| std::os::unix::fs::symlink("..", root.join("content/guides/loop")).unwrap(),
        &[
            "content/guides/loop",
            "a symbolic link loops back to `content`",
        ],
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
