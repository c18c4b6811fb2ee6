//! Tests of reading and checking dataset files.

use super::*;
use crate::compare::Cell;
use crate::compare::dataset::Variant;
use crate::compare::test_support::{ALTITUDE, dataset};

/// A valid dataset the tests break in one place each. Line numbers:
/// 3 `- id: s1`, 7 `- id: a`, 9 `- id: b`, 12 `- id: cost`, 14 `- id: time`,
/// 17 `cost:` under values, 18 `a: one`, 21 `source: s1`, 22 `time:`, 24 `b: four`.
const BASE: &str = "\
title: T
sources:
  - id: s1
    title: Source one
    url: https://example.org/1
entities:
  - id: a
    name: A
  - id: b
    name: B
dimensions:
  - id: cost
    label: Cost
  - id: time
    label: Time
values:
  cost:
    a: one
    b:
      value: two
      source: s1
  time:
    a: three
    b: four
";

/// The problems of `text` as `content/data/t.yaml`, one line each, sorted.
fn errors(text: &str) -> Vec<String> {
    let file = SourceFile::new("content/data/t.yaml", text);
    match load_dataset(&file) {
        Ok(_) => Vec::new(),
        Err(problems) => problems
            .into_sorted()
            .iter()
            .map(ToString::to_string)
            .collect(),
    }
}

/// The problems of BASE with `from` replaced by `to`.
fn errors_with(from: &str, to: &str) -> Vec<String> {
    assert!(BASE.contains(from), "BASE has no {from:?}");
    errors(&BASE.replacen(from, to, 1))
}

#[test]
fn base_is_valid() {
    assert_eq!(errors(BASE), Vec::<String>::new());
}

#[test]
fn reads_every_form_of_value() {
    let d = dataset("altitude", ALTITUDE);
    assert_eq!(d.id(), "altitude");
    assert_eq!(d.title(), "Fractional sales leader vs fractional CRO");
    let ids: Vec<&str> = d.entities().iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        ["fractional-sales-leader", "fractional-cro", "advisor"]
    );
    assert_eq!(d.dimensions().len(), 3);
    assert_eq!(
        d.source("altitude-decision").unwrap().date.as_deref(),
        Some("2026-05-27")
    );
    let shorthand = d.cell("horizon", "fractional-sales-leader").unwrap();
    assert_eq!(shorthand.variants[0].text, "The next *90 days*");
    let full = d.cell("horizon", "fractional-cro").unwrap();
    assert_eq!(
        full.variants[0].source.as_deref(),
        Some("altitude-decision")
    );
    assert!(full.note.as_deref().unwrap().starts_with("Longer for"));
    let variants = d.cell("monthly-cost", "fractional-cro").unwrap();
    assert_eq!(
        variants,
        &Cell {
            variants: vec![
                Variant {
                    text: "$15K-$28K".into(),
                    source: Some("altitude-decision".into()),
                    note: None,
                },
                Variant {
                    text: "$12K-$22K".into(),
                    source: Some("cro-guide".into()),
                    note: Some("At $3M ARR.".into()),
                },
            ],
            note: None,
        }
    );
    let number = d.cell("monthly-cost", "advisor").unwrap();
    assert_eq!(number.variants[0].text, "2000");
}

#[test]
fn content_links_carry_their_lines() {
    let d = dataset("altitude", ALTITUDE);
    let links: Vec<(String, usize)> = d
        .content_links()
        .iter()
        .map(|l| {
            assert_eq!(&l.file.text[l.range.clone()], l.target);
            (l.target.clone(), l.file.line_col(l.range.start).line)
        })
        .collect();
    let expected = [
        (
            "@/fractional-leadership/what-is-a-fractional-vp-of-sales.md",
            22,
        ),
        ("@/fractional-leadership/what-is-a-fractional-cro.md", 26),
        ("@/fractional-leadership/what-is-a-fractional-cro.md", 15),
        (
            "@/fractional-leadership/fractional-sales-leader-vs-fractional-cro.md",
            12,
        ),
        ("@/glossary/arr.md", 43),
    ];
    let expected: Vec<(String, usize)> =
        expected.iter().map(|(t, l)| (t.to_string(), *l)).collect();
    let mut links = links;
    let mut expected = expected;
    links.sort();
    expected.sort();
    assert_eq!(links, expected);
}

#[test]
fn malformed_yaml_names_the_line() {
    let found = errors_with("    a: three", "    a: three: 3");
    assert_eq!(found.len(), 1);
    assert!(
        found[0].starts_with("error: content/data/t.yaml:23:"),
        "{found:?}"
    );
    assert!(found[0].contains("invalid YAML"), "{found:?}");
}

#[test]
fn misspelt_key_suggests_the_right_one() {
    let found = errors_with("    name: B", "    nmae: B");
    assert_eq!(found.len(), 1);
    assert!(found[0].contains("unknown key `nmae`"), "{found:?}");
    assert!(found[0].contains("did you mean `name`?"), "{found:?}");
    assert!(
        found[0].starts_with("error: content/data/t.yaml:10:"),
        "{found:?}"
    );
}

#[test]
fn duplicate_ids_point_at_the_second() {
    assert_eq!(
        errors_with("  - id: b\n", "  - id: a\n"),
        [
            "error: content/data/t.yaml:9:9: duplicate entity id `a` (hint: each entity needs its own id)",
            "error: content/data/t.yaml:19:5: unknown entity `b` under `values.cost` (entities: `a`) (hint: use one of the entities listed)",
            "error: content/data/t.yaml:24:5: unknown entity `b` under `values.time` (entities: `a`) (hint: use one of the entities listed)",
        ]
    );
    assert_eq!(
        errors_with("  - id: time", "  - id: cost")
            .first()
            .map(String::as_str),
        Some(
            "error: content/data/t.yaml:14:9: duplicate dimension id `cost` (hint: each dimension needs its own id)"
        )
    );
    let two_sources = BASE.replacen("entities:", "  - id: s1\n    title: Again\nentities:", 1);
    assert_eq!(
        errors(&two_sources),
        [
            "error: content/data/t.yaml:6:9: duplicate source id `s1` (hint: each source needs its own id)"
        ]
    );
}

#[test]
fn missing_value_names_entity_and_dimension() {
    assert_eq!(
        errors_with("    b: four\n", ""),
        [
            "error: content/data/t.yaml:22:3: no value for entity `b` on dimension `time` (hint: add `b: ...` under `values.time`)"
        ]
    );
    assert_eq!(
        errors_with("  time:\n    a: three\n    b: four\n", ""),
        [
            "error: content/data/t.yaml:16:1: no values for dimension `time` (needed for `a`, `b`) (hint: add `time:` under `values`, with a value for each entity)"
        ]
    );
}

#[test]
fn values_for_unknown_ids_list_the_known_ones() {
    let found = errors_with(
        "  time:\n    a: three\n    b: four\n",
        "  time:\n    a: three\n    b: four\n  tme:\n    a: x\n",
    );
    assert_eq!(
        found,
        [
            "error: content/data/t.yaml:25:3: unknown dimension `tme` under `values` (dimensions: `cost`, `time`) (hint: did you mean `time`?)"
        ]
    );
    let found = errors_with("    b: four\n", "    b: four\n    c: five\n");
    assert_eq!(
        found,
        [
            "error: content/data/t.yaml:25:5: unknown entity `c` under `values.time` (entities: `a`, `b`) (hint: use one of the entities listed)"
        ]
    );
    assert_eq!(
        errors_with("    b: four\n", "    b: four\n    b: again\n"),
        [
            "error: content/data/t.yaml:25:5: the value of `b` on `time` is given twice (hint: keep one)"
        ]
    );
}

#[test]
fn unknown_source_lists_the_sources() {
    assert_eq!(
        errors_with("      source: s1", "      source: s2"),
        [
            "error: content/data/t.yaml:21:15: unknown source `s2` cited by the value of `b` on `cost` (sources: `s1`) (hint: use one of the sources listed)"
        ]
    );
}

#[test]
fn unsafe_urls_are_refused() {
    assert_eq!(
        errors_with("https://example.org/1", "javascript:alert(1)"),
        [
            "error: content/data/t.yaml:5:10: source `s1` has an unsafe url `javascript:alert(1)` (hint: use an https:// link)"
        ]
    );
    assert_eq!(
        errors_with("https://example.org/1", "/relative/"),
        [
            "error: content/data/t.yaml:5:10: the url of source `s1` is not an absolute http(s) URL: `/relative/` (hint: write the full `https://...` address; for a page of this site use `article: @/...`)"
        ]
    );
    assert_eq!(
        errors_with("a: one", "a: \"[x](javascript:alert(1))\""),
        [
            "error: content/data/t.yaml:18:13: the value of `a` on `cost` links to an unsafe url `javascript:alert(1)` (hint: link to an https:// page instead)"
        ]
    );
}

#[test]
fn articles_must_be_content_paths() {
    assert_eq!(
        errors_with("    name: A\n", "    name: A\n    article: what-is.md\n"),
        [
            "error: content/data/t.yaml:9:14: the article of entity `a` is not a content path: `what-is.md` (hint: write it as `@/cluster/page.md`)"
        ]
    );
}

#[test]
fn ids_must_be_slugs() {
    assert_eq!(
        errors_with("  - id: time\n", "  - id: Time Spent\n")[0],
        "error: content/data/t.yaml:14:9: dimension id `Time Spent` may use only lowercase letters, digits and hyphens (hint: write `time-spent`)"
    );
    let file = SourceFile::new("content/data/Roles.yaml", BASE);
    let found: Vec<String> = load_dataset(&file)
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        found,
        [
            "error: content/data/Roles.yaml: dataset file name `Roles` may use only lowercase letters, digits and hyphens (hint: the file name is the dataset's id and URL)"
        ]
    );
}

#[test]
fn value_forms_are_checked() {
    assert_eq!(
        errors_with("    a: one", "    a:"),
        [
            "error: content/data/t.yaml:18:5: the value of `a` on `cost` is empty (hint: write the value, or `\"-\"` if the entity has none)"
        ]
    );
    assert_eq!(
        errors_with(
            "      value: two\n",
            "      value: two\n      variants: []\n"
        ),
        [
            "error: content/data/t.yaml:19:5: the value of `b` on `cost` has both `value` and `variants` (hint: keep one)"
        ]
    );
    assert_eq!(
        errors_with("      value: two\n      source: s1\n", "      note: n\n"),
        [
            "error: content/data/t.yaml:19:5: the value of `b` on `cost` has neither `value` nor `variants` (hint: add `value: ...`)"
        ]
    );
    assert_eq!(
        errors_with(
            "      value: two\n      source: s1\n",
            "      variants:\n        - value: two\n          source: s1\n        - value: three\n"
        ),
        [
            "error: content/data/t.yaml:19:5: variant 2 of the value of `b` on `cost` has no source (hint: each variant is one source's figure: add `source: <id>`)"
        ]
    );
    let found = errors_with("      source: s1", "      sorce: s1");
    assert_eq!(found.len(), 1);
    assert!(found[0].contains("unknown key `sorce`"), "{found:?}");
    assert!(found[0].contains("did you mean `source`?"), "{found:?}");
}

#[test]
fn required_keys_and_lists() {
    let found = errors(&BASE.replacen("title: T\n", "", 1));
    assert_eq!(found.len(), 1);
    assert!(
        found[0].contains("missing required key `title`"),
        "{found:?}"
    );
    assert_eq!(
        errors_with("title: T", "title: \"  \""),
        ["error: content/data/t.yaml:1:1: the title is empty"]
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let text = BASE
        .replacen("  - id: time\n", "  - id: cost\n", 1)
        .replacen("    name: A\n", "    name: A\n    article: a.md\n", 1)
        .replacen("https://example.org/1", "data:text/html,x", 1)
        .replacen("      source: s1", "      source: s9", 1)
        .replacen("    a: three\n", "", 1);
    let found = errors(&text);
    let lines: Vec<&str> = found
        .iter()
        .map(|f| f.split(": ").nth(1).unwrap())
        .collect();
    assert_eq!(
        lines,
        [
            "content/data/t.yaml:5:10",
            "content/data/t.yaml:9:14",
            "content/data/t.yaml:15:9",
            "content/data/t.yaml:22:15",
            "content/data/t.yaml:23:3",
        ],
        "{found:#?}"
    );
}

#[test]
fn a_dimension_written_twice_under_values_is_an_error() {
    assert_eq!(
        errors_with(
            "    b: four\n",
            "    b: four\n  time:\n    a: again\n    b: again\n"
        ),
        [
            "error: content/data/t.yaml:25:3: dimension `time` appears twice under `values` (hint: merge the two)"
        ]
    );
}
