//! Math (#30): `$…$` and `$$…$$` rendered to MathML at build time, on sites that turn
//! it on with `markdown: {math: true}`; formulas that do not parse are errors with
//! their position; prices stay prices.

use crate::common;

use std::path::Path;

use crate::common::{build, copy_fixture, pillar, stderr, text, tree};
use pillar::markdown::outline_with;

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

/// The formulas that reading `markdown` with math on finds, rendered.
fn formulas(markdown: &str) -> Vec<String> {
    let outline = outline_with(markdown, 0..markdown.len(), &[], Default::default(), true);
    assert!(outline.math_errors.is_empty(), "{:?}", outline.math_errors);
    outline.formulas.into_iter().map(|f| f.html).collect()
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
fn every_formula_of_the_fixture_renders() {
    let list = std::fs::read_to_string(common::fixture("math").join("formulas.tex")).unwrap();
    let lines: Vec<&str> = list
        .lines()
        .filter(|line| !line.starts_with('%') && !line.is_empty())
        .collect();
    assert!(lines.len() >= 20, "{}", lines.len());
    for line in lines {
        let html = formulas(&format!("$${line}$$\n"));
        assert_eq!(html.len(), 1, "{line}");
        assert!(html[0].starts_with("<math "), "{line}: {}", html[0]);
    }
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

/// Every page of the bundled site, as `(path, markdown)`.
fn bundled_pages() -> Vec<(String, String)> {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    walkdir::WalkDir::new(&content)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|entry| entry.path().extension().is_some_and(|e| e == "md"))
        .map(|entry| {
            let path = entry.path().strip_prefix(&content).unwrap();
            let text = std::fs::read_to_string(entry.path()).unwrap();
            (path.display().to_string(), text)
        })
        .collect()
}

#[test]
fn the_bundled_sites_prices_stay_prices() {
    let config =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("content/site.yaml"))
            .unwrap();
    let config: pillar::config::SiteConfig = serde_yaml::from_str(&config).unwrap();
    assert!(!config.markdown.math, "the bundled site keeps math off");
    // With math on, pulldown-cmark's rules would read some price ranges as formulas
    // (`$5M–$10M`): that is why math is opt-in.
    let turned: Vec<String> = bundled_pages()
        .iter()
        .filter_map(|(path, text)| {
            let outline = outline_with(text, 0..text.len(), &[], Default::default(), true);
            let n = outline.formulas.len() + outline.math_errors.len();
            (n > 0).then(|| format!("{path}: {n}"))
        })
        .collect();
    assert!(
        !turned.is_empty(),
        "no price would turn into math: make math default?"
    );
}
