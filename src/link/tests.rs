//! The link stage on its own: sites built in memory (no files), linked, and the graph
//! read back by page path.

use std::collections::BTreeMap;

use super::{link, relink_page};
use crate::load::{Loaded, Theme};
use crate::model::{ModelOptions, PageId, Site, build_site, reparse_page};
use crate::source::SourceFile;

/// A site made in memory from `pages`: content paths and their whole text. Its
/// `site.yaml` holds only a title and `related_count: 3`.
fn site(pages: &[(&str, &str)]) -> Site {
    let config_file = SourceFile::new("content/site.yaml", "title: T\nrelated_count: 3\n");
    let loaded = Loaded {
        config: crate::yaml::parse_file(&config_file).unwrap(),
        config_file,
        pages: pages
            .iter()
            .map(|(path, text)| {
                (
                    path.to_string(),
                    SourceFile::new(format!("content/{path}"), text),
                )
            })
            .collect(),
        data: BTreeMap::new(),
        assets: Vec::new(),
        theme: Theme::built_in(),
    };
    let (site, problems) = build_site(loaded, &ModelOptions::default());
    assert!(!problems.has_errors(), "{problems:?}");
    site.unwrap()
}

/// A page with `front` (extra front matter lines) and `body`.
fn page(title: &str, front: &str, body: &str) -> String {
    format!("---\ntitle: \"{title}\"\ndescription: \"x\"\n{front}---\n{body}\n")
}

/// The content paths of `ids`.
fn paths(site: &Site, ids: &[PageId]) -> Vec<String> {
    ids.iter()
        .map(|&id| site.pages[id].content_path.clone())
        .collect()
}

fn id(site: &Site, path: &str) -> PageId {
    site.by_path[path]
}

#[test]
fn related_puts_explicit_pages_first_then_shared_tags_then_neighbours() {
    let s = site(&[
        (
            "c/_index.md",
            &page("Hub", "", "[a](a.md) [b](b.md) [d](d.md) [e](e.md)"),
        ),
        (
            "c/a.md",
            &page(
                "A",
                "tags: [x, y]\nweight: 1\nrelated: [\"@/c/e.md\"]\n",
                "",
            ),
        ),
        ("c/b.md", &page("B", "tags: [x, y]\nweight: 2\n", "")),
        ("c/d.md", &page("D", "tags: [x]\nweight: 3\n", "")),
        ("c/e.md", &page("E", "weight: 4\n", "")),
    ]);
    let (links, _) = link(&s);
    // e (explicit), then b (two shared tags + neighbour), then d (one tag).
    assert_eq!(
        paths(&s, &links.related[id(&s, "c/a.md")]),
        ["c/e.md", "c/b.md", "c/d.md"]
    );
}

#[test]
fn related_ties_go_to_the_newer_page() {
    let s = site(&[
        (
            "c/_index.md",
            &page("Hub", "", "[a](a.md) [o](old.md) [n](new.md)"),
        ),
        ("c/a.md", &page("A", "tags: [x]\nweight: 1\n", "")),
        (
            "c/old.md",
            &page("Old", "tags: [x]\ndate: 2025-01-01\nweight: 5\n", ""),
        ),
        (
            "c/new.md",
            &page("New", "tags: [x]\ndate: 2026-01-01\nweight: 6\n", ""),
        ),
    ]);
    let (links, _) = link(&s);
    assert_eq!(
        paths(&s, &links.related[id(&s, "c/a.md")]),
        ["c/new.md", "c/old.md"]
    );
}

#[test]
fn backlinks_and_orphans() {
    let s = site(&[
        ("c/_index.md", &page("Hub", "", "[a](a.md)")),
        (
            "c/a.md",
            &page("A", "", "[b](b.md) and [b again](@/c/b.md#top)"),
        ),
        ("c/b.md", &page("B", "", "## Top")),
        ("c/lonely.md", &page("Lonely", "", "")),
    ]);
    let (links, problems) = link(&s);
    assert_eq!(
        paths(&s, &links.backlinks[id(&s, "c/b.md")]),
        ["c/a.md"],
        "one entry per page"
    );
    let warnings: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("c/lonely.md") && w.contains("orphan")),
        "{warnings:?}"
    );
    assert!(
        !warnings.iter().any(|w| w.contains("c/b.md")),
        "{warnings:?}"
    );
}

#[test]
fn previous_and_next_follow_the_reading_order_of_the_section() {
    let s = site(&[
        (
            "c/_index.md",
            &page(
                "Hub",
                "",
                "[1](one.md) [2](two.md) [3](three.md) [s](s/x.md)",
            ),
        ),
        ("c/three.md", &page("Three", "weight: 3\n", "")),
        ("c/one.md", &page("One", "weight: 1\n", "")),
        ("c/two.md", &page("Two", "weight: 2\n", "")),
        ("c/s/x.md", &page("X", "weight: 0\n", "")),
    ]);
    let (links, _) = link(&s);
    let two = id(&s, "c/two.md");
    assert_eq!(
        paths(&s, &[links.prev[two].unwrap(), links.next[two].unwrap()]),
        ["c/one.md", "c/three.md"]
    );
    assert_eq!(links.prev[id(&s, "c/one.md")], None);
    // The sub-section's page has no neighbours in the parent section.
    let x = id(&s, "c/s/x.md");
    assert_eq!((links.prev[x], links.next[x]), (None, None));
}

#[test]
fn relinking_one_page_gives_what_a_full_link_gives() {
    let before = [
        (
            "c/_index.md",
            page("Hub", "", "[a](a.md) [b](b.md) [d](d.md)"),
        ),
        ("c/a.md", page("A", "", "[b](b.md)")),
        ("c/b.md", page("B", "", "[a](a.md)")),
        ("c/d.md", page("D", "", "[a](a.md)")),
    ];
    let s = site(
        &before
            .iter()
            .map(|(p, t)| (*p, t.as_str()))
            .collect::<Vec<_>>(),
    );
    let (mut links, _) = link(&s);
    // The body of a.md now links d.md as well.
    let edited = page("A", "", "[b](b.md) and [d](d.md)");
    let a = id(&s, "c/a.md");
    let file = SourceFile::new("content/c/a.md", &edited);
    let new_page = reparse_page(&s, a, file).expect("only the body changed");
    let old = s.pages[a].clone();
    let mut s = s;
    s.pages[a] = new_page;
    let changed = relink_page(&s, &mut links, a, &old).expect("an incremental relink");
    assert!(changed.contains(&id(&s, "c/d.md")));

    let mut after = before.to_vec();
    after[1].1 = edited;
    let full = site(
        &after
            .iter()
            .map(|(p, t)| (*p, t.as_str()))
            .collect::<Vec<_>>(),
    );
    let (expected, _) = link(&full);
    assert_eq!(links.backlinks, expected.backlinks);
    assert_eq!(links.outgoing, expected.outgoing);
    assert_eq!(links.related, expected.related);
}
