//! `pillar check`: every problem of a broken site, each with its file and position.

use crate::common;

use crate::common::{fixture, pillar, stderr};

#[test]
fn reports_every_error_with_its_position() {
    let root = fixture("broken");
    let out = pillar(&["check", "--root", root.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let expected = [
        // (file:line:col as miette prints it, message)
        (
            "guides/broken-link.md:5:5",
            "broken link: no page `@/guides/missing.md`",
        ),
        (
            "guides/broken-anchor.md:7:5",
            "broken anchor: `@/guides/broken-link.md` has no heading `#no-such-heading`",
        ),
        ("guides/unknown-key.md:3:1", "unknown key `descripton`"),
        ("guides/wrong-type.md:4:7", "`tags` has the wrong type"),
        ("guides/missing-title.md:1:1", "the page has no title"),
        (
            "guides/duplicate-b.md:4:7",
            "two pages map to the URL /guides/same/",
        ),
    ];
    for (position, message) in expected {
        assert!(err.contains(message), "missing `{message}` in:\n{err}");
        assert!(
            err.contains(position),
            "missing position {position} in:\n{err}"
        );
    }
    assert!(err.contains("did you mean `description`?"), "{err}");
    assert!(err.contains("failed: 6 errors"), "{err}");
    // Reported together, sorted by file.
    let mut by_position: Vec<(usize, &str)> = expected
        .iter()
        .map(|(p, _)| (err.find(p).unwrap(), *p))
        .collect();
    by_position.sort();
    let in_output: Vec<&str> = by_position.into_iter().map(|(_, p)| p).collect();
    let mut by_name = in_output.clone();
    by_name.sort();
    assert_eq!(in_output, by_name, "diagnostics are sorted by file");
}

#[test]
fn check_writes_nothing() {
    let site = common::copy_fixture("basic");
    let out = pillar(&["check", "--root", site.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!site.path().join("public").exists());
}

#[test]
fn the_bundled_site_checks_clean() {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = pillar(&["check", "--strict", "--root", root]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("0 errors, 0 warnings"),
        "{}",
        stderr(&out)
    );
}

/// Every mistake of a front matter is reported in one run, each at its own line: an
/// author fixes five in one go rather than meeting them one build at a time.
#[test]
fn reports_every_mistake_of_one_front_matter() {
    let site = common::copy_fixture("basic");
    std::fs::write(
        site.path().join("content/guides/five-mistakes.md"),
        "---\ntitle: \"Five mistakes\"\ndescriptoin: \"x\"\ndraft: \"sometimes\"\ntags: 3\n\
         weight: heavy\nslgu: s\n---\nText.\n",
    )
    .unwrap();
    let out = pillar(&["check", "--root", site.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    for (position, message) in [
        ("five-mistakes.md:3:1", "unknown key `descriptoin`"),
        ("five-mistakes.md:4:8", "`draft` has the wrong type"),
        ("five-mistakes.md:5:7", "`tags` has the wrong type"),
        ("five-mistakes.md:6:9", "`weight` has the wrong type"),
        ("five-mistakes.md:7:1", "unknown key `slgu`"),
    ] {
        assert!(err.contains(message), "missing `{message}` in:\n{err}");
        assert!(err.contains(position), "missing {position} in:\n{err}");
    }
    assert!(err.contains("failed: 5 errors"), "{err}");
}
