//! The link stage on its own: sites built in memory (no files), linked, and the graph
//! read back by page path.

use super::{Linked, changed_pages, link, relink_page};
use crate::model::test_support::site;
use crate::model::{PageId, Site, reparse_page};
use crate::source::SourceFile;

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
    let (new_page, _) = reparse_page(&s, a, file).expect("only the body changed");
    let old = s.pages[a].clone();
    let mut s = s;
    s.pages[a] = std::sync::Arc::new(new_page);
    let before_links = links.clone();
    assert!(
        relink_page(&s, &mut links, a, &old),
        "an incremental relink"
    );
    let old_site = site(
        &before
            .iter()
            .map(|(p, t)| (*p, t.as_str()))
            .collect::<Vec<_>>(),
    );
    let changed = changed_pages(
        Linked {
            site: &old_site,
            links: &before_links,
        },
        Linked {
            site: &s,
            links: &links,
        },
        &[s.key(a)],
    );
    // The edited page, the page it now links to (whose backlinks show it), and the
    // hub, whose map draws the new link between two of its pages.
    let hub = id(&s, "c/_index.md");
    assert_eq!(changed, [hub, a, id(&s, "c/d.md")]);

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

/// The text each term link of page `path` covers, and the term page it links.
fn term_links(s: &Site, path: &str) -> Vec<(String, String)> {
    let (links, _) = link(s);
    let page = &s.pages[id(s, path)];
    links.terms[id(s, path)]
        .iter()
        .map(|t| {
            let text = page.source.text[t.range.clone()].to_string();
            (text, s.pages[t.target].content_path.clone())
        })
        .collect()
}

/// A glossary of two terms, and an article `body`.
fn glossary_and(body: &str, front: &str) -> Site {
    site(&[
        (
            "g/_index.md",
            &page("Glossary", "", "[i](icp.md) [c](customer.md)"),
        ),
        (
            "g/icp.md",
            &page(
                "ICP",
                "kind: term\nterms: [\"ideal customer profile\"]\n",
                "See also customer.",
            ),
        ),
        (
            "g/customer.md",
            &page(
                "Customer",
                "kind: term\n",
                "A customer buys; an ideal customer profile describes one.",
            ),
        ),
        ("c/_index.md", &page("Hub", "", "[a](a.md)")),
        ("c/a.md", &page("A", front, body)),
    ])
}

#[test]
fn the_first_mention_of_each_term_links_itself() {
    let s = glossary_and(
        "Our ICP is clear. The ICP again, and a Customer or two.",
        "",
    );
    assert_eq!(
        term_links(&s, "c/a.md"),
        [
            ("ICP".into(), "g/icp.md".into()),
            ("Customer".into(), "g/customer.md".into())
        ]
    );
    // Counted in backlinks.
    let (links, _) = link(&s);
    assert!(links.backlinks[id(&s, "g/icp.md")].contains(&id(&s, "c/a.md")));
}

#[test]
fn a_term_inside_a_formula_is_no_mention() {
    let mut s = glossary_and("The formula $\\text{ICP} = 1$ first, then the ICP.", "");
    let a = id(&s, "c/a.md");
    std::sync::Arc::make_mut(&mut s.pages[a]).outline.math = true;
    let (links, _) = link(&s);
    let page = &s.pages[a];
    let mentions: Vec<&str> = links.terms[a]
        .iter()
        .map(|t| &page.source.text[t.range.start - 4..t.range.end])
        .collect();
    assert_eq!(mentions, ["the ICP"]);
}

#[test]
fn terms_match_whole_words_in_their_case_and_the_longest_wins() {
    let s = glossary_and("topical icp, ICPs and an ideal customer profile.", "");
    // `icp` is not `ICP`, `ICPs` is another word; the long name beats `customer`.
    assert_eq!(
        term_links(&s, "c/a.md"),
        [("ideal customer profile".into(), "g/icp.md".into())]
    );
}

#[test]
fn terms_never_link_in_headings_links_code_or_their_own_page() {
    let s = glossary_and(
        "## ICP\n\n[the customer](https://example.org), `ICP`, and\n\n```\nICP\n```\n",
        "",
    );
    assert!(
        term_links(&s, "c/a.md").is_empty(),
        "{:?}",
        term_links(&s, "c/a.md")
    );
    // The term's own page links the other term, not itself.
    assert_eq!(
        term_links(&s, "g/customer.md"),
        [("ideal customer profile".into(), "g/icp.md".into())]
    );
}

#[test]
fn an_author_can_turn_term_links_off() {
    let off = glossary_and("The ICP.", "autolink: false\n");
    assert!(term_links(&off, "c/a.md").is_empty());
    // A link written to the term's page stands for the automatic one.
    let written = glossary_and("The [profile](@/g/icp.md), then the ICP.", "");
    assert!(term_links(&written, "c/a.md").is_empty());
    // A mention with a character written as an entity stays plain: the next one links.
    let plain = glossary_and("The &#73;CP, then the ICP.", "");
    let (links, _) = link(&plain);
    let a = id(&plain, "c/a.md");
    let text = &plain.pages[a].source.text;
    let then = text.find("then").unwrap();
    assert!(links.terms[a].len() == 1 && links.terms[a][0].range.start > then);
}

#[test]
fn terms_never_link_in_shortcode_arguments_but_do_in_bodies() {
    let s = glossary_and(
        ":::details{summary=\"ICP\"}\nA Customer buys.\n:::\n\n::figure{src=\"a.png\" alt=\"ICP\"}\n\nAn :value{key=\"ICP\"} here.\n",
        "",
    );
    assert_eq!(
        term_links(&s, "c/a.md"),
        [("Customer".into(), "g/customer.md".into())]
    );
}
