//! Snapshots of what `pillar check` prints for a representative set of problems: the
//! whole plain-text report (no colours: standard error is not a terminal here), so a
//! change to any message, hint, position or source excerpt shows up in review.
//!
//! Each case is a fixture overlaid on a copy of the `basic` site (see tests/bad_input.rs):
//! errors from tests/fixtures/bad/, warnings from tests/fixtures/warnings/. Paths in the
//! report are relative to the site root, so the snapshots do not depend on where the
//! copy is. Snapshots live in tests/snapshots/; after changing a message, review the
//! `.snap.new` files (`cargo insta review`, or by hand) and accept them.

use crate::common::{copy_fixture, fixture, overlay, pillar};

/// Runs `pillar check` (and `extra` arguments) on the basic site with `case` laid over
/// it; returns the exit code and everything printed to standard error.
fn check(case: &str, extra: &[&str]) -> (Option<i32>, String) {
    let site = copy_fixture("basic");
    overlay(&fixture(case), site.path());
    let root = site.path().to_str().unwrap();
    let mut args = vec!["check", "--root", root];
    args.extend_from_slice(extra);
    let out = pillar(&args);
    let err = String::from_utf8(out.stderr).expect("the report is UTF-8");
    assert!(
        !err.contains(root),
        "{case}: the report names files relative to the site root:\n{err}"
    );
    assert!(!err.contains('\u{1b}'), "{case}: no colours:\n{err}");
    (out.status.code(), err)
}

/// Snapshots the report of a case that fails to build.
fn assert_error_report(name: &str, case: &str) {
    let (code, report) = check(case, &[]);
    assert_eq!(code, Some(1), "{case} fails:\n{report}");
    insta::assert_snapshot!(name, report);
}

/// Snapshots the report of a case that builds with warnings.
fn assert_warning_report(name: &str, case: &str) {
    let (code, report) = check(case, &[]);
    assert_eq!(code, Some(0), "{case} builds:\n{report}");
    insta::assert_snapshot!(name, report);
}

#[test]
fn unknown_front_matter_key() {
    assert_error_report("unknown_key", "bad/unknown-key");
}

#[test]
fn value_of_the_wrong_type() {
    assert_error_report("wrong_type", "bad/wrong-type");
}

#[test]
fn malformed_yaml() {
    assert_error_report("malformed_yaml", "bad/malformed-yaml");
}

#[test]
fn broken_link_with_a_suggestion() {
    assert_error_report("broken_link_typo", "bad/broken-link-typo");
}

#[test]
fn missing_anchor() {
    assert_error_report("broken_anchor", "bad/broken-anchor");
}

#[test]
fn unknown_dataset_in_a_compare_block() {
    assert_error_report("unknown_dataset", "bad/unknown-dataset-in-block");
}

#[test]
fn decision_filter_with_a_gap() {
    assert_error_report("filter_gap", "bad/broken-filter");
}

#[test]
fn template_error() {
    assert_error_report("template_error", "bad/broken-template");
}

#[test]
fn links_to_a_draft() {
    assert_warning_report("draft_link", "warnings/draft-link");
}

#[test]
fn orphan_page() {
    assert_warning_report("orphan", "warnings/orphan");
}

#[test]
fn article_without_description() {
    assert_warning_report("missing_description", "warnings/missing-description");
}

#[test]
fn strict_turns_the_warnings_into_errors() {
    let (code, report) = check("warnings/orphan", &["--strict"]);
    assert_eq!(code, Some(1), "{report}");
    insta::assert_snapshot!("orphan_strict", report);
}
