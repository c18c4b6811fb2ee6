//! The total-cost calculator (the `cost` component): built from the `cost` fixture, a
//! page placing the calculator over `content/calculators/total.yaml`.

use std::path::Path;

use crate::common::{between, build, copy_fixture, stderr};

/// Builds the site at `root` and returns the output file `path` as text.
fn built_file(root: &Path, path: &str) -> String {
    let out = build(root, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    std::fs::read_to_string(root.join("public").join(path)).unwrap()
}

/// Without script the calculator is a table: each fee totalled over its source's
/// length ($10K–$14K for 4–6 months is $40K–$84K; $14K–$18K for 6–9 months is
/// $84K–$162K), the full-time figures with a month's share, the time to impact.
#[test]
fn the_calculator_tables_total_the_fees_of_its_data() {
    let site = copy_fixture("cost");
    let page = built_file(site.path(), "guides/calculator/index.html");
    let fees = between(&page, "<table class=\"cost-fees\">", "</table>");
    assert!(
        fees.contains("<td>$1M–$3M</td><td>$10K–$14K</td><td>3–4</td><td>4–6 months</td><td>$40K–$84K</td><td><a href=\"/guides/source/\">The Source</a></td>"),
        "{fees}"
    );
    assert!(
        fees.contains("<th scope=\"row\">Fractional leader, if the motion works</th><td>$3M–$8M</td><td>$14K–$18K</td><td>3–4</td><td>6–9 months</td><td>$84K–$162K</td>"),
        "{fees}"
    );
    assert!(fees.contains("<td>no length given</td>"), "{fees}");
    let full_time = between(&page, "<table class=\"cost-full-time\">", "</table>");
    assert!(
        full_time.contains("<td>$250K–$400K or more a year</td><td>$21K–$33K or more</td>"),
        "{full_time}"
    );
    assert!(page.contains("<td>4–8 weeks</td>"), "{page}");
    // The form is written with the result for its starting values (the first band and
    // role, 3 days, 6 months), so it takes its place before the script runs.
    let result = between(
        &page,
        "<div class=\"cost-result\" aria-live=\"polite\">",
        "</div>",
    );
    assert_eq!(
        result,
        "<p>The Source: Fractional leader, $10K–$14K a month, so $60K–$84K over 6 months.</p>\
         <p class=\"cost-arithmetic\">Arithmetic: fee × 6 months.</p>\
         <p>Full-time leader (The Source): $125K–$200K or more over the same 6 months.</p>\
         <p class=\"cost-arithmetic\">Arithmetic: a year × 6 ÷ 12, to the nearest $1K.</p>\
         <p>Full-time seller (The Source): $168K–$240K over the same 6 months.</p>\
         <p class=\"cost-arithmetic\">Arithmetic: a month × 6.</p>"
    );
}

/// The page holding a calculator loads its script, a page without one does not, and
/// the component's script and styles join the theme's.
#[test]
fn the_calculator_brings_its_own_script_and_styles() {
    let site = copy_fixture("cost");
    let root = site.path();
    let page = built_file(root, "guides/calculator/index.html");
    assert!(page.contains("<script src=\"/js/cost.js\""), "{page}");
    let other = std::fs::read_to_string(root.join("public/guides/source/index.html")).unwrap();
    assert!(!other.contains("cost.js"), "{other}");
    let script = std::fs::read_to_string(root.join("public/js/cost.js")).unwrap();
    assert!(script.contains("shareOfYear"), "{script}");
    let css = std::fs::read_to_string(root.join("public/css/style.css")).unwrap();
    assert!(css.contains("/* css/cost.css */\n"), "{css}");
}

/// A site's theme overrides a component's file like any theme file.
#[test]
fn a_site_theme_overrides_a_components_script() {
    let site = copy_fixture("cost");
    let root = site.path();
    let js = root.join("themes/default/static/js");
    std::fs::create_dir_all(&js).unwrap();
    std::fs::write(js.join("cost.js"), "/* the site's own */\n").unwrap();
    built_file(root, "index.html");
    let script = std::fs::read_to_string(root.join("public/js/cost.js")).unwrap();
    assert_eq!(script, "/* the site's own */\n");
}
