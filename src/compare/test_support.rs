//! Fixtures shared by the tests of the compare module.

use super::{Dataset, load_dataset};
use crate::catalog::Catalog;
use crate::source::SourceFile;

/// The link resolver the compare tests render with.
pub(super) use crate::link::PathLinks as Links;

/// The dataset of `tests/fixtures/compare/altitude.yaml`.
pub(super) const ALTITUDE: &str = include_str!("../../tests/fixtures/compare/altitude.yaml");

/// The dataset of `tests/fixtures/compare/hostile.yaml`: markup and scripts everywhere.
pub(super) const HOSTILE: &str = include_str!("../../tests/fixtures/compare/hostile.yaml");

/// Loads `text` as `content/data/<id>.yaml`, panicking with the problems if it is invalid.
pub(super) fn dataset(id: &str, text: &str) -> Dataset {
    let file = SourceFile::new(format!("content/data/{id}.yaml"), text);
    match load_dataset(&file) {
        Ok(dataset) => dataset,
        Err(problems) => panic!(
            "{}",
            problems
                .into_sorted()
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        ),
    }
}

/// The fixture datasets by id.
pub(super) fn datasets() -> Catalog<Dataset> {
    [dataset("altitude", ALTITUDE), dataset("hostile", HOSTILE)]
        .into_iter()
        .map(|d| (d.id().to_string(), d))
        .collect()
}

/// The values of every `name="..."` attribute in `html`.
pub(super) fn attributes<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let needle = format!(" {name}=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            &rest[..rest.find('"').unwrap_or(rest.len())]
        })
        .collect()
}

/// Asserts that `html` carries no markup or script from data: no script-like elements, no
/// event handler or injected attributes, and only site, anchor or https links.
pub(super) fn assert_inert(html: &str) {
    let html = &html.replace(
        "<script type=\"application/json\" data-compare-messages>",
        "",
    );
    for tag in [
        "<script>",
        "<script ",
        "<img",
        "<iframe",
        "<b ",
        "<b>",
        "<em>label",
        "<a href=\"javascript",
    ] {
        assert!(!html.contains(tag), "{tag} in\n{html}");
    }
    for attribute in ["onerror", "onclick", "onfocus", "onmouseover", "data-x"] {
        assert!(
            attributes(html, attribute).is_empty(),
            "{attribute} in\n{html}"
        );
    }
    for href in attributes(html, "href") {
        assert!(
            href.starts_with('/') || href.starts_with('#') || href.starts_with("https://"),
            "unsafe href {href}"
        );
    }
}
