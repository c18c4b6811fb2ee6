//! The components made again after an edit keep the blocks of the pages the edit left
//! alone, when the data reads as it did ([`SiteComponents::new`]).

use std::collections::BTreeMap;
use std::sync::Arc;

use super::{SiteComponents, registry};
use crate::diagnostics::Diagnostics;
use crate::model::Site;
use crate::model::test_support::loaded;
use crate::model::{ModelOptions, build_site_from};
use crate::source::SourceFile;

const PLANS: &str = include_str!("../../tests/fixtures/incremental/content/data/plans.yaml");

/// A page titled `title` placing the `plans` dataset.
fn placing(title: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\ndescription: x\n---\nSee [b](@/c/b.md).\n\n```compare\ndataset: plans\n```\n"
    )
}

/// The files of a site of two articles placing the dataset, `b` with the title `b`.
fn files(b: &str) -> Vec<(&'static str, String)> {
    vec![
        (
            "_index.md",
            "---\ntitle: Home\n---\n[a](@/c/a.md)\n".to_string(),
        ),
        ("c/a.md", placing("A")),
        ("c/b.md", placing(b)),
    ]
}

/// The model of the site whose `b` has the title `b`, made from `old`'s if given (so
/// that the pages it leaves alone are `old`'s).
fn with_b(b: &str, old: Option<&Site>) -> Site {
    let files = files(b);
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let options = ModelOptions {
        fences: registry().iter().map(|k| k.fence()).collect(),
        ..ModelOptions::default()
    };
    build_site_from(loaded(&files), &options, old).0.unwrap()
}

/// The data files with `plans` as `text` gives it.
fn data(text: &str) -> BTreeMap<String, Vec<SourceFile>> {
    let file = SourceFile::new("content/data/plans.yaml", text);
    BTreeMap::from([("data".to_string(), vec![file])])
}

/// The placed block of page `path`.
fn block<'a>(
    site: &Site,
    components: &'a SiteComponents,
    path: &str,
) -> &'a Arc<dyn super::PlacedBlock> {
    let (_, block) = components.blocks[site.by_path[path]][0].as_ref().unwrap();
    block
}

#[test]
fn an_edit_of_one_page_keeps_the_other_pages_blocks() {
    let (old, mut problems) = (with_b("B", None), Diagnostics::new());
    let before = SiteComponents::new(registry(), &old, &data(PLANS), None, &mut problems);
    assert!(problems.is_empty(), "{problems:?}");
    let new = with_b("B, retitled", Some(&old));
    let previous = Some((&old, &before));
    let after = SiteComponents::new(registry(), &new, &data(PLANS), previous, &mut problems);
    assert!(problems.is_empty(), "{problems:?}");
    let kept = |path| Arc::ptr_eq(block(&old, &before, path), block(&new, &after, path));
    assert!(kept("c/a.md"), "a is the same page");
    assert!(!kept("c/b.md"), "b is placed again");
}
