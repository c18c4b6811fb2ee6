//! Rebuilding after an edit (what `pillar serve` does on save), on the `incremental`
//! fixture: when only a page's body changed, re-rendering that page and the pages whose backlinks changed must give
//! exactly what a full build of the edited site gives, file for file. Edits that reach
//! further fall back to a full build.

use crate::common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use pillar::{BuildOptions, SiteState, build_in_memory, build_keeping_state, rebuild_page};

/// The article the tests edit, and the page it renders to.
const ROLES: &str = "content/guides/roles.md";
const ROLES_PAGE: &str = "guides/roles/index.html";

/// Every file of a build in memory, by path.
type Files = BTreeMap<String, Vec<u8>>;

struct Served {
    root: tempfile::TempDir,
    files: Files,
    state: SiteState,
}

/// A full build of a copy of the `incremental` fixture, kept as `pillar serve` keeps it.
fn serve() -> Served {
    let root = common::copy_fixture("incremental");
    let (outcome, built) = build_keeping_state(&BuildOptions::new(root.path()));
    assert!(outcome.is_ok(), "{:?}", outcome.diagnostics);
    assert!(outcome.diagnostics.is_empty(), "{:?}", outcome.diagnostics);
    let (output, state) = built.unwrap();
    let files = output
        .files
        .into_iter()
        .map(|f| (f.path, f.bytes))
        .collect();
    Served { root, files, state }
}

fn edit(root: &Path, rel: &str, change: impl FnOnce(String) -> String) {
    let path = root.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    let changed = change(text.clone());
    assert_ne!(changed, text, "the edit of {rel} changed nothing");
    std::fs::write(&path, changed).unwrap();
}

/// Applies the edit already made to `rel` incrementally and checks the result against a
/// full build of the edited site: the re-rendered files are the full build's, and every
/// other file is the same in both builds. Returns the paths re-rendered.
fn rebuild_matches_full_build(served: Served, rel: &str) -> Vec<String> {
    let Served { root, files, state } = served;
    let rendered = rebuild_page(root.path(), state, &[PathBuf::from(rel)], &[])
        .expect("a body edit is rebuilt incrementally")
        .files;
    let (outcome, full) = build_in_memory(&BuildOptions::new(root.path()));
    assert!(outcome.is_ok(), "{:?}", outcome.diagnostics);
    let full: Files = full
        .unwrap()
        .files
        .into_iter()
        .map(|f| (f.path, f.bytes))
        .collect();
    let rendered: Files = rendered.into_iter().map(|f| (f.path, f.bytes)).collect();
    assert_eq!(
        full.keys().collect::<Vec<_>>(),
        files.keys().collect::<Vec<_>>(),
        "a body edit never adds or removes a file"
    );
    for (path, expected) in &full {
        let actual = rendered.get(path).unwrap_or(&files[path]);
        assert!(
            actual == expected,
            "{path} differs from a full build{}",
            if rendered.contains_key(path) {
                " (re-rendered)"
            } else {
                " (kept)"
            }
        );
    }
    rendered.into_keys().collect()
}

#[test]
fn a_body_edit_re_renders_the_page_alone() {
    let served = serve();
    edit(served.root.path(), ROLES, |t| {
        t + "\nOne more sentence for the reader.\n"
    });
    assert_eq!(rebuild_matches_full_build(served, ROLES), [ROLES_PAGE]);
}

#[test]
fn a_new_link_re_renders_the_page_it_points_at_with_its_new_backlink() {
    let served = serve();
    let target = "glossary/nrr/index.html";
    let before = String::from_utf8(served.files[target].clone()).unwrap();
    // The backlinks do not list the page yet.
    let backlinks = before
        .split(r#"<section id="backlinks""#)
        .nth(1)
        .map_or("", |s| s.split("</section>").next().unwrap());
    assert!(!backlinks.contains("Who Leads Sales"));
    edit(served.root.path(), ROLES, |t| {
        t + "\nSee also [NRR](@/glossary/nrr.md).\n"
    });
    let rendered = rebuild_matches_full_build(served, ROLES);
    assert_eq!(rendered, [target, ROLES_PAGE]);
}

#[test]
fn a_removed_link_re_renders_the_page_it_pointed_at() {
    let served = serve();
    let target = "guides/fees/index.html";
    edit(served.root.path(), ROLES, |t| {
        t.replace("[fees](@/guides/fees.md)", "fees")
    });
    let rendered = rebuild_matches_full_build(served, ROLES);
    assert!(rendered.contains(&target.to_string()), "{rendered:?}");
}

#[test]
fn a_term_mention_that_moves_is_rebuilt_like_a_full_build() {
    let served = serve();
    // The first mention of the term goes; the term links from a later one instead.
    edit(served.root.path(), ROLES, |t| {
        t.replacen("pipeline coverage, win rate", "coverage, win rate", 1)
    });
    rebuild_matches_full_build(served, ROLES);
}

#[test]
fn a_renamed_heading_no_page_links_to_is_a_body_edit() {
    let served = serve();
    edit(served.root.path(), ROLES, |t| {
        assert!(
            t.contains("## What would they take on?"),
            "the heading to rename is gone"
        );
        t.replace(
            "## What would they take on?",
            "## What would their week hold?",
        )
    });
    assert_eq!(rebuild_matches_full_build(served, ROLES), [ROLES_PAGE]);
}

#[test]
fn a_page_with_a_comparison_table_is_rebuilt_alone() {
    let rel = "content/guides/plans.md";
    let served = serve();
    edit(served.root.path(), rel, |t| t + "\nA closing remark.\n");
    assert_eq!(
        rebuild_matches_full_build(served, rel),
        ["guides/plans/index.html"]
    );
}

/// Edits that reach other pages or need reporting are left to a full build.
#[test]
fn edits_that_reach_further_need_a_full_build() {
    type Edit = (&'static str, fn(String) -> String);
    let cases: [Edit; 5] = [
        (ROLES, |t| t.replacen("title:", "title: Renamed", 1)),
        (ROLES, |t| t + "\n[broken](@/guides/nowhere.md)\n"),
        (ROLES, |t| {
            t + "\n[missing anchor](@/glossary/nrr.md#nowhere)\n"
        }),
        ("content/guides/plans.md", |t| {
            t.replacen("```compare\n", "```compare\ndataset: nowhere\n", 1)
        }),
        ("content/data/plans.yaml", |t| t + "\n"),
    ];
    for (rel, change) in cases {
        let served = serve();
        edit(served.root.path(), rel, change);
        let rebuilt = rebuild_page(served.root.path(), served.state, &[PathBuf::from(rel)], &[]);
        assert!(rebuilt.is_none(), "{rel}: expected a full build");
    }
}

/// The diagnostics, one line each, as `pillar serve` prints them.
fn lines(diagnostics: &[pillar::Diagnostic]) -> Vec<String> {
    diagnostics.iter().map(ToString::to_string).collect()
}

/// Builds the fixture with `site.yaml` ending in `extra` and `edit` made to `rel` first,
/// then makes `change` to `rel` and rebuilds it incrementally: the page must take the
/// fast path, and report what a full build of the edited site reports.
fn warnings_follow_the_edit(
    extra: &str,
    rel: &str,
    edit_first: fn(String) -> String,
    change: fn(String) -> String,
) -> Vec<String> {
    let root = common::copy_fixture("incremental");
    if !extra.is_empty() {
        edit(root.path(), "content/site.yaml", |t| t + extra);
    }
    edit(root.path(), rel, edit_first);
    let (outcome, built) = build_keeping_state(&BuildOptions::new(root.path()));
    assert!(outcome.is_ok(), "{:?}", outcome.diagnostics);
    let (_, state) = built.unwrap();
    edit(root.path(), rel, change);
    let rebuilt = rebuild_page(
        root.path(),
        state,
        &[PathBuf::from(rel)],
        &outcome.diagnostics,
    )
    .expect("a page with a warning takes the fast path");
    let (full, _) = build_in_memory(&BuildOptions::new(root.path()));
    assert_eq!(lines(&rebuilt.diagnostics), lines(&full.diagnostics));
    lines(&rebuilt.diagnostics)
}

#[test]
fn a_page_with_a_warning_takes_the_fast_path_and_keeps_its_warning() {
    // An article without a description is warned about; a body edit leaves the warning.
    let shown = warnings_follow_the_edit(
        "",
        "content/guides/fees.md",
        |t| t.replace("description: \"What a part-time leader costs.\"\n", ""),
        |t| t + "\nOne more sentence.\n",
    );
    assert!(
        shown.iter().any(|l| l.contains("has no description")),
        "{shown:?}"
    );
}

#[test]
fn a_broken_link_warned_about_goes_when_the_body_no_longer_has_it() {
    let shown = warnings_follow_the_edit(
        "links: warn\n",
        ROLES,
        |t| t + "\n[gone](@/guides/nowhere.md)\n",
        |t| t.replace("\n[gone](@/guides/nowhere.md)\n", ""),
    );
    assert!(shown.is_empty(), "{shown:?}");
}

#[test]
fn a_broken_link_warned_about_is_reported_at_once() {
    let shown = warnings_follow_the_edit(
        "links: warn\n",
        ROLES,
        |t| t + "\nA first sentence.\n",
        |t| t + "\n[gone](@/guides/nowhere.md)\n",
    );
    assert!(shown.iter().any(|l| l.contains("nowhere")), "{shown:?}");
}

#[test]
fn several_files_changed_at_once_need_a_full_build() {
    let served = serve();
    let changed = [PathBuf::from(ROLES), PathBuf::from("content/about.md")];
    assert!(rebuild_page(served.root.path(), served.state, &changed, &[]).is_none());
}
