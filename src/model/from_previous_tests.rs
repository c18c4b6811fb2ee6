//! The model made again after an edit from the last build's ([`super::build_site_from`])
//! shares what the edit left alone and reports what a build from nothing reports.

use std::sync::Arc;

use super::test_support::loaded;
use super::{ModelOptions, Site, build_site, build_site_from};
use crate::diagnostics::Diagnostics;

/// A page titled `title`, with `front` (extra front matter lines), linking to `a`.
fn page(title: &str, front: &str) -> String {
    format!("---\ntitle: \"{title}\"\ndescription: \"x\"\n{front}---\nSee [a](@/c/a.md).\n")
}

/// The site of a hub and articles `a` and `b`, with `b` as `b` gives it.
fn files(b: &str) -> Vec<(&'static str, String)> {
    vec![
        ("_index.md", page("Home", "")),
        ("c/_index.md", page("Hub", "")),
        ("c/a.md", page("A", "")),
        ("c/b.md", b.to_string()),
    ]
}

/// The model of `files` made from `old`'s, and made from nothing, with what each
/// reports.
fn both(old: &Site, files: &[(&str, String)]) -> ((Site, String), (Site, String)) {
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let options = ModelOptions::default();
    let text = |d: Diagnostics| format!("{:?}", d.into_sorted());
    let (from_old, found) = build_site_from(loaded(&files), &options, Some(old));
    let (whole, expected) = build_site(loaded(&files), &options);
    (
        (from_old.unwrap(), text(found)),
        (whole.unwrap(), text(expected)),
    )
}

fn old() -> Site {
    let files = files(&page("B", ""));
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    build_site(loaded(&files), &ModelOptions::default())
        .0
        .unwrap()
}

#[test]
fn a_title_edit_shares_the_other_pages_and_the_maps() {
    let old = old();
    let ((new, found), (whole, expected)) = both(&old, &files(&page("B, retitled", "")));
    assert_eq!(found, expected);
    let (a, b) = (new.by_path["c/a.md"], new.by_path["c/b.md"]);
    assert!(Arc::ptr_eq(&new.pages[a], &old.pages[a]), "a is kept");
    assert!(
        !Arc::ptr_eq(&new.pages[b], &old.pages[b]),
        "b is parsed again"
    );
    assert_eq!(new.pages[b].title, "B, retitled");
    assert!(Arc::ptr_eq(&new.by_path, &old.by_path));
    assert!(Arc::ptr_eq(&new.by_url, &old.by_url));
    assert_eq!(new.by_url, whole.by_url);
}

#[test]
fn a_new_slug_or_alias_makes_the_urls_again() {
    let old = old();
    for edit in [
        page("B", "slug: bee\n"),
        page("B", "aliases: [\"/old-b/\"]\n"),
    ] {
        let ((new, found), (whole, expected)) = both(&old, &files(&edit));
        assert_eq!(found, expected, "after\n{edit}");
        assert!(Arc::ptr_eq(&new.by_path, &old.by_path), "the same files");
        assert!(!Arc::ptr_eq(&new.by_url, &old.by_url));
        assert_eq!(new.by_url, whole.by_url, "after\n{edit}");
    }
}

#[test]
fn a_page_that_takes_another_pages_url_is_reported_as_a_whole_build_reports_it() {
    let old = old();
    let ((_, found), (_, expected)) = both(&old, &files(&page("B", "slug: a\n")));
    assert!(found.contains("two pages map to the URL /c/a/"), "{found}");
    assert_eq!(found, expected);
}

#[test]
fn a_page_that_comes_makes_the_maps_again() {
    let old = old();
    let mut more = files(&page("B", ""));
    more.push(("c/d.md", page("D", "")));
    let ((new, found), (whole, expected)) = both(&old, &more);
    assert_eq!(found, expected);
    assert_eq!(new.by_path, whole.by_path);
    assert_eq!(new.by_url, whole.by_url);
}
