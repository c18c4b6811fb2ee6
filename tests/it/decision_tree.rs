//! A decision filter's tree (#30): a ```` ```decision ```` block with `diagram: true`
//! shows, under the filter's table, its rules as a summarised tree, drawn as inline
//! SVG per answer to the first question and told as a nested list.

use crate::common::{build, copy_fixture, pillar, stderr, text, tree};

/// The diagrams fixture built: the prose of its decision-tree page.
fn built() -> String {
    let site = copy_fixture("diagrams");
    let out = build(site.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let files = tree(&site.path().join("public"));
    let html = text(&files, "notes/decision-tree/index.html");
    let start = html
        .find("<details class=\"decision-tree\">")
        .expect("a tree");
    let end = start + html[start..].find("<script").expect("the data follows");
    html[start..end].to_string()
}

#[test]
fn the_tree_is_drawn_and_listed() {
    let tree = built();
    // Eleven boxes: small enough for one drawing, named by its title; the list under
    // it is its words.
    assert_eq!(tree.matches("<svg ").count(), 1, "{tree}");
    assert!(!tree.contains("decision-branch"), "{tree}");
    assert!(tree.contains("role=\"img\" aria-labelledby=\"decision-which-notes-tree-1-title\""));
    assert!(
        tree.contains("<title id=\"decision-which-notes-tree-1-title\">The decision tree</title>")
    );
    assert!(!tree.contains("<desc"), "{tree}");
    // The drawing keeps its natural size (its words stay 14 px on a phone) in a figure
    // that scrolls sideways: a region named by the same title, which Tab reaches.
    assert!(tree.contains(
        "<figure class=\"diagram decision-diagram\" role=\"region\" \
         aria-labelledby=\"decision-which-notes-tree-1-title\" tabindex=\"0\" \
         style=\"margin:1rem 0;overflow-x:auto\">"
    ));
    assert!(tree.contains("style=\"max-width:none;"), "{tree}");
    insta::assert_snapshot!("decision_tree", tree);
}

#[test]
fn the_list_asks_only_what_changes_the_outcome() {
    let tree = built();
    // "A small team" and "The whole company" lead the same way: one branch.
    assert!(tree.contains(
        "<li><span class=\"decision-a\">A small team</span> or <span class=\"decision-a\">The whole company</span> → "
    ));
    // For one writer online, and for a team offline, the budget is not asked.
    assert_eq!(
        tree.matches("<span class=\"decision-q\">budget</span>")
            .count(),
        2
    );
    assert!(tree.contains(
        "<li><span class=\"decision-a\">No</span> → <a href=\"#decision-which-notes-outcome-files\">Markdown files in a folder</a></li>"
    ));
    // Every leaf links to its outcome's description in the table.
    assert_eq!(
        tree.matches("<a href=\"#decision-which-notes-outcome-")
            .count(),
        6
    );
}

#[test]
fn the_tree_is_the_same_every_build() {
    assert_eq!(built(), built());
}

#[test]
fn a_filter_with_too_many_answers_to_draw_is_an_error_at_diagram() {
    let site = copy_fixture("diagrams");
    // 10 yes-or-no questions: 1,024 combinations of answers, but 59,049 partial ones
    // (each question answered or not yet) for the search for the smallest tree.
    let mut filter = String::from("title: \"Big\"\nquestions:\n");
    for q in 0..10 {
        filter.push_str(&format!(
            "  - id: q{q}\n    text: \"Q{q}?\"\n    options:\n      - id: a\n        label: A\n      - id: b\n        label: B\n"
        ));
    }
    filter.push_str("outcomes:\n  - id: x\n    title: X\nrules:\n  - when: {}\n    outcome: x\n    because: \"Always.\"\n");
    std::fs::write(site.path().join("content/filters/big.yaml"), filter).unwrap();
    std::fs::write(
        site.path().join("content/notes/decision-tree.md"),
        "---\ntitle: \"Tree\"\ndescription: \"Too big.\"\n---\n```decision\nfilter: big\ndiagram: true\n```\n",
    )
    .unwrap();
    let out = pillar(&["check", "--root", site.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("too many ways to draw its tree: 59049 partial"),
        "{err}"
    );
    assert!(err.contains("notes/decision-tree.md:7:10"), "{err}");
    assert!(err.contains("remove `diagram: true`"), "{err}");
}

#[test]
fn a_tree_of_more_than_sixteen_boxes_is_drawn_in_parts_each_its_own_region() {
    let site = copy_fixture("diagrams");
    let out = build(site.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let files = tree(&site.path().join("public"));
    let html = text(&files, "notes/split-tree/index.html");
    // Twelve outcomes, 21 boxes: a part per season, each a scrolling region named by
    // its own title, so the two are told apart.
    assert_eq!(
        html.matches("<details class=\"decision-branch\">").count(),
        2
    );
    assert_eq!(html.matches("role=\"region\"").count(), 2);
    for (n, season) in [(1, "Summer"), (2, "Winter")] {
        assert!(html.contains(&format!(
            "role=\"region\" aria-labelledby=\"decision-which-trip-tree-{n}-title\""
        )));
        assert!(html.contains(&format!(
            "<title id=\"decision-which-trip-tree-{n}-title\">The decision tree; season: {season}</title>"
        )));
    }
}
