//! Math (#30): `$…$` and `$$…$$` rendered to MathML at build time, on sites that turn
//! it on with `markdown: {math: true}`; formulas that do not parse are errors with
//! their position; prices stay prices.

use crate::common::{build, copy_fixture, pillar, stderr, text, tree};

/// The fixture built: the prose of each of its two pages.
fn built() -> (String, String) {
    let site = copy_fixture("math");
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
        prose("notes/formulas/index.html"),
        prose("notes/edges/index.html"),
    )
}

/// The fixture with the formulas page's body replaced by `body`, checked: its errors.
fn check_with(body: &str) -> String {
    let site = copy_fixture("math");
    let page = format!("---\ntitle: \"Formulas\"\ndescription: \"Broken.\"\n---\n{body}");
    std::fs::write(site.path().join("content/notes/formulas.md"), page).unwrap();
    let out = pillar(&["check", "--root", site.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    stderr(&out)
}

#[test]
fn inline_and_display_formulas_become_mathml() {
    let (formulas, _) = built();
    insta::assert_snapshot!("formulas_page", formulas);
}

#[test]
fn escaped_dollars_prices_and_code_are_not_math() {
    let (_, edges) = built();
    assert!(!edges.contains("<math"), "{edges}");
    insta::assert_snapshot!("edges_page", edges);
}

#[test]
fn a_formula_that_does_not_parse_is_an_error_at_its_token() {
    let err = check_with("Intro.\n\nSee $x + \\unknowncommand + y = 2$ here.\n");
    assert!(
        err.contains(
            "formula does not parse: unknown primitive command found, at `\\unknowncommand`"
        ),
        "{err}"
    );
    assert!(err.contains("notes/formulas.md:7:10"), "{err}");
}

#[test]
fn a_short_formula_that_does_not_parse_is_quoted_whole_at_its_dollar() {
    let err = check_with("$$\\foo x$$\n");
    assert!(err.contains("unknown primitive command"), "{err}");
    assert!(err.contains("in `\\foo x`"), "{err}");
    assert!(err.contains("notes/formulas.md:5:1"), "{err}");
}

#[test]
fn formulas_in_an_included_file_render_and_fail_where_they_are_written() {
    let site = copy_fixture("math");
    let out = build(site.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = text(
        &tree(&site.path().join("public")),
        "notes/included/index.html",
    );
    assert!(
        html.contains("<math data-pagefind-ignore display=\"inline\"><msup><mi>a</mi>"),
        "{html}"
    );
    let fragment = site.path().join("content/fragments/pythagoras.md");
    std::fs::write(
        &fragment,
        "---\nheadless: true\n---\nShared: $a^2 + b^2 = \\nosuchthing{c}^2$.\n",
    )
    .unwrap();
    let out = pillar(&["check", "--root", site.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("at `\\nosuchthing`"), "{err}");
    assert!(
        err.contains("content/fragments/pythagoras.md:4:22"),
        "{err}"
    );
}

#[test]
fn without_math_on_dollars_are_text() {
    let site = copy_fixture("math");
    std::fs::write(
        site.path().join("content/site.yaml"),
        "title: \"No math\"\ndescription: \"Math off.\"\n",
    )
    .unwrap();
    let out = build(site.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = text(
        &tree(&site.path().join("public")),
        "notes/formulas/index.html",
    );
    assert!(!html.contains("<math"), "{html}");
    assert!(
        html.contains("Mass and energy are one: $E = mc^2$"),
        "{html}"
    );
}
