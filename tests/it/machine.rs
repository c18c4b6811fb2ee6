//! Files for machine readers (`machine_readable: true` in `site.yaml`): `llms.txt`, the
//! datasets as JSON and CSV under `data/`, the decision filters' logic under `filters/`.
//! Built from the `components` fixture, which has a dataset (`plans`) and a filter
//! (`plan`).

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::{between, build, copy_fixture, stderr, text, tree};

/// The `components` fixture with `machine_readable: true` added to its `site.yaml`.
fn machine_readable_site() -> tempfile::TempDir {
    let site = copy_fixture("components");
    add_to_site_yaml(site.path(), "machine_readable: true\n");
    site
}

/// Appends `yaml` to the site's `content/site.yaml`.
fn add_to_site_yaml(root: &Path, yaml: &str) {
    let path = root.join("content/site.yaml");
    let mut config = std::fs::read_to_string(&path).unwrap();
    config.push_str(yaml);
    std::fs::write(&path, config).unwrap();
}

/// Builds the site at `root` and returns its output tree.
fn built(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let out = build(root, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    tree(&root.join("public"))
}

/// The machine-readable files of an output tree.
fn machine_files(files: &BTreeMap<String, Vec<u8>>) -> BTreeMap<&str, &Vec<u8>> {
    files
        .iter()
        .filter(|(path, _)| {
            *path == "llms.txt"
                || path.starts_with("data/")
                || path.starts_with("filters/")
                || path.ends_with(".md")
        })
        .map(|(path, bytes)| (path.as_str(), bytes))
        .collect()
}

/// A file of the tree parsed as JSON.
fn json(files: &BTreeMap<String, Vec<u8>>, path: &str) -> serde_json::Value {
    serde_json::from_str(&text(files, path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn without_the_option_no_machine_files_are_written() {
    let site = copy_fixture("components");
    let files = built(site.path());
    assert!(machine_files(&files).is_empty(), "{:?}", files.keys());
}

#[test]
fn with_the_option_llms_txt_and_each_dataset_and_filter_are_written() {
    let site = machine_readable_site();
    let files = built(site.path());
    let paths: Vec<&str> = machine_files(&files).into_keys().collect();
    assert_eq!(
        paths,
        [
            "about/index.md",
            "data/plans.csv",
            "data/plans.json",
            "filters/plan.json",
            "guides/containers/index.md",
            "guides/first/index.md",
            "guides/index.md",
            "guides/second/index.md",
            "guides/third/index.md",
            "index.md",
            "llms.txt"
        ]
    );
}

#[test]
fn llms_txt_has_the_title_summary_and_every_page_once_by_section() {
    let site = machine_readable_site();
    let llms = text(&built(site.path()), "llms.txt");
    assert!(
        llms.starts_with(
            "# Basic Fixture\n\n> A small site that uses every feature of the build pipeline.\n\n## Guides\n\n"
        ),
        "{llms}"
    );
    assert!(
        llms.contains("- [First Guide](https://example.org/guides/first/): The first guide, with code, a table and an FAQ.\n"),
        "{llms}"
    );
    let pages = [
        "https://example.org/guides/",
        "https://example.org/guides/first/",
        "https://example.org/guides/second/",
        "https://example.org/guides/third/",
        "https://example.org/guides/containers/",
        "https://example.org/",
        "https://example.org/about/",
    ];
    let listed: Vec<&str> = llms
        .lines()
        .filter_map(|line| line.strip_prefix("- ["))
        .map(|line| between(line, "](", ")"))
        .filter(|url| !url.ends_with(".json") && !url.ends_with(".csv"))
        .collect();
    assert_eq!(listed, pages, "{llms}");
    assert!(!llms.contains("unfinished"), "drafts are left out: {llms}");
    let optional = llms
        .split("\n## Optional\n")
        .nth(1)
        .expect("an Optional section");
    assert!(optional.contains("(https://example.org/about/)"), "{llms}");
    let data = between(&llms, "\n## Data\n", "\n## ");
    assert!(
        data.contains("- [data/plans.json](https://example.org/data/plans.json)\n"),
        "{llms}"
    );
}

#[test]
fn a_dataset_is_json_with_its_sources_and_a_value_per_entity_and_dimension() {
    let site = machine_readable_site();
    let files = built(site.path());
    let plans = json(&files, "data/plans.json");
    assert_eq!(plans["id"], "plans");
    assert_eq!(plans["entities"].as_array().unwrap().len(), 2);
    assert_eq!(plans["sources"][0]["id"], "price-list");
    assert_eq!(plans["sources"][0]["url"], "https://example.org/prices");
    let values = plans["values"].as_array().unwrap();
    assert_eq!(values.len(), 2, "{plans}");
    assert_eq!(values[1]["entity"], "pro");
    assert_eq!(values[1]["variants"][0]["text"], "$20");
    assert_eq!(values[1]["variants"][0]["source"], "price-list");
}

#[test]
fn a_dataset_is_csv_with_a_header_row_and_a_row_per_entity() {
    let site = machine_readable_site();
    let csv = text(&built(site.path()), "data/plans.csv");
    assert_eq!(
        csv,
        "id,name,price\r\nbasic,Basic,$10 [price-list]\r\npro,Pro,$20 [price-list]\r\n"
    );
}

#[test]
fn content_links_in_a_dataset_become_full_urls() {
    let site = machine_readable_site();
    let path = site.path().join("content/data/plans.yaml");
    let yaml = std::fs::read_to_string(&path).unwrap().replace(
        "    name: \"Pro\"\n",
        "    name: \"Pro\"\n    article: \"@/guides/second.md\"\n    summary: \"See [the guide](@/guides/third.md).\"\n",
    );
    std::fs::write(&path, yaml).unwrap();
    let plans = json(&built(site.path()), "data/plans.json");
    assert_eq!(
        plans["entities"][1]["article"],
        "https://example.org/guides/second/"
    );
    assert_eq!(
        plans["entities"][1]["summary"],
        "See [the guide](https://example.org/guides/third/)."
    );
}

#[test]
fn a_filter_file_is_the_compiled_json_its_page_embeds() {
    let site = machine_readable_site();
    let files = built(site.path());
    let published = json(&files, "filters/plan.json");
    let page = text(&files, "guides/containers/index.html");
    let embedded = between(&page, "class=\"decision-data\"", "</script>");
    let embedded: serde_json::Value =
        serde_json::from_str(&embedded[embedded.find('>').unwrap() + 1..]).unwrap();
    assert_eq!(published, embedded);
    assert_eq!(published["rules"][0]["outcome"], "basic");
}

#[test]
fn two_builds_write_the_same_bytes() {
    let first = machine_readable_site();
    let second = machine_readable_site();
    let (first, second) = (built(first.path()), built(second.path()));
    assert_eq!(machine_files(&first), machine_files(&second));
}

#[test]
fn a_content_file_at_a_generated_data_path_is_a_clear_error() {
    let site = machine_readable_site();
    std::fs::write(site.path().join("content/data/plans.csv"), "id,name\r\n").unwrap();
    let out = build(site.path(), &[]);
    assert!(!out.status.success());
    // The report wraps long lines: compare the words.
    let err = stderr(&out).replace("\n  | ", "");
    assert!(
        err.contains("content/data/plans.csv would overwrite the generated file /data/plans.csv"),
        "{err}"
    );
}

#[test]
fn a_site_under_a_sub_path_lists_full_urls_with_the_path() {
    let site = machine_readable_site();
    let path = site.path().join("content/site.yaml");
    let yaml = std::fs::read_to_string(&path).unwrap().replace(
        "base_url: \"https://example.org/\"",
        "base_url: \"https://example.org/guide/\"",
    );
    std::fs::write(&path, yaml).unwrap();
    let llms = text(&built(site.path()), "llms.txt");
    assert!(
        llms.contains("- [About](https://example.org/guide/about/)"),
        "{llms}"
    );
    assert!(
        llms.contains("(https://example.org/guide/data/plans.csv)"),
        "{llms}"
    );
}

#[test]
fn a_page_has_a_markdown_twin_with_its_title_and_body_and_full_urls() {
    let site = machine_readable_site();
    let files = built(site.path());
    let twin = text(&files, "guides/first/index.md");
    assert!(
        twin.starts_with("# First Guide\n\n## Getting started\n\n"),
        "{twin}"
    );
    assert!(
        !twin.contains("description:"),
        "front matter is dropped: {twin}"
    );
    assert!(
        twin.contains("[the second guide](https://example.org/guides/second/#details)"),
        "{twin}"
    );
    assert!(
        twin.contains("[blocks in containers](https://example.org/guides/containers/)"),
        "relative .md links too: {twin}"
    );
    assert!(!twin.contains("](@/"), "{twin}");
    assert!(text(&files, "index.md").starts_with("# Basic Fixture\n"));
    let containers = text(&files, "guides/containers/index.md");
    assert!(
        containers.contains("  ```compare\n  dataset: plans\n"),
        "a block in a list item stays as written: {containers}"
    );
}

#[test]
fn a_body_edit_in_the_dev_server_rewrites_the_markdown_twin() {
    use pillar::{BuildOptions, build_in_memory, build_keeping_state, rebuild_page};

    let site = machine_readable_site();
    let (outcome, built) = build_keeping_state(&BuildOptions::new(site.path()));
    assert!(outcome.is_ok(), "{:?}", outcome.diagnostics);
    let (_, state) = built.unwrap();
    let second = site.path().join("content/guides/second.md");
    let body = std::fs::read_to_string(&second).unwrap() + "\nA sentence added.\n";
    std::fs::write(&second, body).unwrap();
    let changed = [std::path::PathBuf::from("content/guides/second.md")];
    let rebuilt = rebuild_page(site.path(), state, &changed, &outcome.diagnostics)
        .expect("a body edit is rebuilt incrementally")
        .files;
    let twin = rebuilt
        .iter()
        .find(|f| f.path == "guides/second/index.md")
        .expect("the twin is rebuilt");
    let (_, full) = build_in_memory(&BuildOptions::new(site.path()));
    let full = full.unwrap();
    let expected = full.files.iter().find(|f| f.path == twin.path).unwrap();
    assert_eq!(twin.bytes, expected.bytes);
    assert!(String::from_utf8_lossy(&twin.bytes).contains("A sentence added."));
}

#[test]
fn a_comparison_table_in_a_twin_is_a_markdown_table_with_its_sources_as_footnotes() {
    let site = machine_readable_site();
    std::fs::write(
        site.path().join("content/guides/plans.md"),
        "---\ntitle: \"Plans compared\"\n---\nBefore.\n\n```compare\ndataset: plans\ncaption: \"Plans | prices\"\n```\n\nAfter.\n",
    )
    .unwrap();
    let twin = text(&built(site.path()), "guides/plans/index.md");
    assert_eq!(
        twin,
        "# Plans compared\n\nBefore.\n\n**Plans \\| prices**\n\n\
         |  | Basic | Pro |\n| --- | --- | --- |\n\
         | Price | $10[^plans-price-list] | $20[^plans-price-list] |\n\n\
         [^plans-price-list]: The price list. <https://example.org/prices>\n\nAfter.\n"
    );
}

#[test]
fn a_decision_filter_in_a_twin_is_its_questions_and_rules_in_prose() {
    let site = machine_readable_site();
    std::fs::write(
        site.path().join("content/guides/plans.md"),
        "---\ntitle: \"Plans chosen\"\n---\n```decision\nfilter: plan\n```\n",
    )
    .unwrap();
    let twin = text(&built(site.path()), "guides/plans/index.md");
    assert_eq!(
        twin,
        "# Plans chosen\n\n**Which plan?**\n\nQuestions:\n\n1. How big is the team? (Small, Large)\n\n\
         The first rule that holds decides:\n\n\
         - If Size is \"Small\": **Basic**. A small team needs little.\n\
         - If Size is \"Large\": **Pro**. A large team needs more.\n\n\
         The outcomes:\n\n\
         - **Basic**: Enough for a small team. Read: <https://example.org/guides/first/>.\n\
         - **Pro**: For a large team. Read: <https://example.org/guides/second/>.\n"
    );
}
