//! Tests of reading `compare` blocks.

use super::*;
use crate::compare::test_support::datasets;

/// An article holding one `compare` block with `body`; the block starts on line 5, so
/// the body's first line is line 6.
fn article(body: &str) -> (SourceFile, Range<usize>) {
    let text = format!("---\ntitle: A\n---\nIntro.\n```compare\n{body}```\n\nMore.\n");
    let start = text.find("```compare\n").unwrap() + "```compare\n".len();
    let end = start + body.len();
    (
        SourceFile::new("content/cluster/page.md", &text),
        start..end,
    )
}

/// The block, or its problems one line each.
fn parse(body: &str) -> Result<CompareBlock, Vec<String>> {
    let (file, range) = article(body);
    parse_block(&file, range, &datasets()).map_err(|problems| {
        problems
            .into_sorted()
            .iter()
            .map(ToString::to_string)
            .collect()
    })
}

#[test]
fn reads_the_chosen_columns_and_rows_in_order() {
    let block = parse(
        "dataset: altitude\n\
         entities: [fractional-cro, fractional-sales-leader]\n\
         dimensions:\n  - monthly-cost\n  - horizon\n\
         caption: \"Side by side\"\n",
    )
    .unwrap();
    assert_eq!(block.dataset(), "altitude");
    assert_eq!(
        block.entities(),
        ["fractional-cro", "fractional-sales-leader"]
    );
    assert_eq!(block.dimensions(), ["monthly-cost", "horizon"]);
    assert_eq!(block.caption(), "Side by side");
}

#[test]
fn defaults_to_everything_and_the_title() {
    let block = parse("dataset: altitude\n").unwrap();
    assert_eq!(
        block.entities(),
        ["fractional-sales-leader", "fractional-cro", "advisor"]
    );
    assert_eq!(block.dimensions(), ["horizon", "monthly-cost", "kpi"]);
    assert_eq!(block.caption(), "Fractional sales leader vs fractional CRO");
}

#[test]
fn unknown_dataset_lists_the_datasets() {
    assert_eq!(
        parse("dataset: altitud\n").unwrap_err(),
        [
            "error: content/cluster/page.md:6:10: unknown dataset `altitud` (datasets: `altitude`, `hostile`) (hint: did you mean `altitude`?)"
        ]
    );
    let (file, range) = article("dataset: roles\n");
    let none = parse_block(&file, range, &Catalog::default()).unwrap_err();
    assert_eq!(
        none.iter().next().unwrap().to_string(),
        "error: content/cluster/page.md:6:10: unknown dataset `roles` (there are no datasets) (hint: a dataset is a file under content/data/: create content/data/roles.yaml)"
    );
}

/// A block naming a dataset whose file failed to load is not placed and adds no
/// problem of its own: the file's errors say what is wrong.
#[test]
fn a_dataset_that_failed_to_load_adds_no_second_problem() {
    let broken = SourceFile::new("content/data/roles.yaml", "title: [unclosed\n");
    let mut problems = Diagnostics::new();
    let catalog = Catalog::load(
        &[broken],
        crate::compare::load_dataset,
        Dataset::id,
        &mut problems,
    );
    assert!(problems.has_errors());
    let (file, range) = article("dataset: roles\n");
    let found = parse_block(&file, range, &catalog).unwrap_err();
    assert!(found.is_empty(), "{:?}", found.into_sorted());
}

#[test]
fn unknown_entity_and_dimension_list_the_ids_and_suggest_the_closest() {
    assert_eq!(
        parse("dataset: altitude\nentities: [advisor, fractional-cr]\ndimensions:\n  - horizon\n  - horzon\n")
            .unwrap_err(),
        [
            "error: content/cluster/page.md:7:21: unknown entity `fractional-cr` in dataset `altitude` (entities: `fractional-sales-leader`, `fractional-cro`, `advisor`) (hint: did you mean `fractional-cro`?)",
            "error: content/cluster/page.md:10:5: unknown dimension `horzon` in dataset `altitude` (dimensions: `horizon`, `monthly-cost`, `kpi`) (hint: did you mean `horizon`?)",
        ]
    );
}

#[test]
fn duplicate_entity_points_at_the_second() {
    assert_eq!(
        parse("dataset: altitude\nentities: [advisor, fractional-cro, advisor]\n").unwrap_err(),
        [
            "error: content/cluster/page.md:7:37: entity `advisor` is listed twice (hint: remove one)"
        ]
    );
}

#[test]
fn malformed_yaml_points_into_the_markdown_file() {
    let found = parse("dataset: altitude\nentities: [advisor, fractional-cro\n").unwrap_err();
    assert_eq!(found.len(), 1);
    assert!(
        found[0].starts_with("error: content/cluster/page.md:8:"),
        "{found:?}"
    );
    assert!(found[0].contains("invalid YAML"), "{found:?}");
}

#[test]
fn misspelt_key_suggests_the_right_one() {
    let found = parse("dataset: altitude\nentites: [advisor]\n").unwrap_err();
    assert_eq!(found.len(), 1);
    assert!(
        found[0].starts_with("error: content/cluster/page.md:7:1: unknown key `entites`"),
        "{found:?}"
    );
    assert!(
        found[0].ends_with("(hint: did you mean `entities`?)"),
        "{found:?}"
    );
    let found = parse("entities: [advisor]\n").unwrap_err();
    assert!(
        found[0].contains("missing required key `dataset`"),
        "{found:?}"
    );
}

#[test]
fn empty_list_and_caption_are_errors() {
    assert_eq!(
        parse("dataset: altitude\nentities: []\ncaption: \"\"\n").unwrap_err(),
        [
            "error: content/cluster/page.md:7:1: `entities` is empty (hint: leave `entities` out to show all entities)",
            "error: content/cluster/page.md:8:1: the caption is empty (hint: leave `caption` out to use the dataset's title)",
        ]
    );
}
