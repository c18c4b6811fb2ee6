//! Diagrams (#30): ```` ```mermaid ```` blocks drawn as inline SVG at build time
//! (flowcharts and sequence diagrams), labelled for screen readers, with their source
//! beside; a type or statement pillar does not draw is an error at its token.

use crate::common::{build, copy_fixture, pillar, stderr, text, tree};

/// The fixture built: the prose of the diagrams page, and the included page's.
fn built() -> (String, String) {
    let site = copy_fixture("diagrams");
    let out = build(site.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let files = tree(&site.path().join("public"));
    let prose = |path: &str| {
        let html = text(&files, path);
        let start = html
            .find("<div class=\"prose\">")
            .expect("the page has prose");
        let end = start + html[start..].find("\n</div>").expect("the prose ends");
        html[start..end].to_string()
    };
    (
        prose("notes/diagrams/index.html"),
        prose("notes/included/index.html"),
    )
}

/// The fixture with the diagrams page's body replaced by `body`, checked: its errors.
fn check_with(body: &str) -> String {
    let site = copy_fixture("diagrams");
    let page = format!("---\ntitle: \"Diagrams\"\ndescription: \"Broken.\"\n---\n{body}");
    std::fs::write(site.path().join("content/notes/diagrams.md"), page).unwrap();
    let out = pillar(&["check", "--root", site.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    stderr(&out)
}

#[test]
fn flowcharts_and_sequence_diagrams_become_inline_svg() {
    let (page, _) = built();
    assert_eq!(page.matches("<svg ").count(), 3, "{page}");
    assert!(!page.contains("<script"), "{page}");
    insta::assert_snapshot!("diagrams_page", page);
}

#[test]
fn each_diagram_is_labelled_and_keeps_its_source() {
    let (page, _) = built();
    for n in 1..=3 {
        assert!(
            page.contains(&format!(
                "role=\"img\" aria-labelledby=\"diagram-{n}-title diagram-{n}-desc\""
            )),
            "{page}"
        );
    }
    assert!(page.contains(
        "<title id=\"diagram-1-title\">A deploy: build, test, and ship when the tests pass, or fix and build again</title>"
    ));
    assert!(page.contains("<title id=\"diagram-2-title\">Flowchart</title>"));
    assert!(page.contains("Browser to Server: GET /pricing."), "{page}");
    // A `<br>` breaks a node's label into lines; in words it is a space.
    assert!(
        page.contains("Ship leads to Announce the release."),
        "{page}"
    );
    assert!(page.contains(">Announce</text>\n<text"), "{page}");
    assert_eq!(page.matches("<summary>Diagram source</summary>").count(), 3);
}

#[test]
fn colours_come_from_the_theme() {
    let (page, _) = built();
    let svgs: Vec<&str> = page.split("<svg ").skip(1).collect();
    for svg in svgs {
        let svg = &svg[..svg.find("</svg>").unwrap()];
        // No colour of its own: lines and text are currentColor, fills theme variables.
        assert!(!svg.contains("fill=\"#"), "{svg}");
        assert!(!svg.contains("stroke=\"#"), "{svg}");
        assert!(svg.contains("fill:var(--surface"), "{svg}");
    }
}

#[test]
fn a_diagram_in_an_included_file_is_drawn() {
    let (_, included) = built();
    assert!(
        included.contains("<desc id=\"diagram-1-desc\">Sequence diagram between Client, Server."),
        "{included}"
    );
}

#[test]
fn the_same_site_builds_the_same_diagrams() {
    assert_eq!(built(), built());
}

#[test]
fn an_unsupported_diagram_type_is_an_error_at_the_block() {
    let err = check_with("Intro.\n\n```mermaid\npie title Pets\n  \"Dogs\" : 3\n```\n");
    assert!(
        err.contains("the diagram type `pie` is not supported"),
        "{err}"
    );
    assert!(err.contains("notes/diagrams.md:8:1"), "{err}");
}

#[test]
fn a_statement_pillar_does_not_draw_is_an_error_at_its_token() {
    let err = check_with("```mermaid\ngraph TD\n    A --> B\n    subgraph one\n```\n");
    assert!(
        err.contains("`subgraph` is not supported: pillar draws nodes and links only"),
        "{err}"
    );
    assert!(err.contains("notes/diagrams.md:8:5"), "{err}");
}

#[test]
fn bad_syntax_in_a_list_item_is_an_error_where_it_is_written() {
    let err = check_with("- A step:\n\n  ```mermaid\n  sequenceDiagram\n  A-xB: lost\n  ```\n");
    assert!(err.contains("the arrow `-x` is not supported"), "{err}");
    assert!(err.contains("notes/diagrams.md:9:4"), "{err}");
}

#[test]
fn a_bad_diagram_in_an_included_file_is_an_error_in_that_file() {
    let site = copy_fixture("diagrams");
    std::fs::write(
        site.path().join("content/fragments/handshake.md"),
        "---\nheadless: true\n---\n```mermaid\nsequenceDiagram\n    loop forever\n```\n",
    )
    .unwrap();
    let out = pillar(&["check", "--root", site.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("`loop` is not supported"), "{err}");
    assert!(err.contains("content/fragments/handshake.md:6:5"), "{err}");
}
