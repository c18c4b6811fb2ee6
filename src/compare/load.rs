//! Reading and checking a dataset file.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::cells::check_values;
use super::check::{Check, Item, is_id};
use super::dataset::{Dataset, Dimension, Entity, Index, Source};
use super::raw::RawDataset;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::html::is_safe_href;
use crate::source::SourceFile;
use crate::yaml;

/// Parses and checks `content/data/<id>.yaml`. Reports every problem at once, each naming
/// the file, line and column: malformed YAML, unknown or missing keys, a badly formed or
/// duplicate id, values for unknown entities or dimensions, a missing value, an unknown
/// source, an unsafe url, an article that is not an `@/` path.
pub(crate) fn load_dataset(file: &SourceFile) -> Result<Dataset, Diagnostics> {
    let id = file
        .path()
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default();
    load_dataset_as(file, &id)
}

/// [`load_dataset`] for the dataset `id`, whatever the file's name: a translation
/// (`plans.fr.yaml`) is the dataset `plans`.
pub(crate) fn load_dataset_as(file: &SourceFile, id: &str) -> Result<Dataset, Diagnostics> {
    let raw: RawDataset = yaml::parse_file(file)?;
    let mut check = Check::new(file);
    let id = id.to_string();
    if !is_id(&id) {
        check.problems.push(
            Diagnostic::error(format!(
                "dataset file name `{id}` may use only lowercase letters, digits and hyphens"
            ))
            .with_hint("the file name is the dataset's id and URL")
            .in_file(file.path()),
        );
    }
    let title = check.section("title");
    check.not_blank(&raw.title, "the title", title);
    check_entities(&mut check, &raw.entities);
    check_dimensions(&mut check, &raw.dimensions);
    check_sources(&mut check, &raw.sources);
    let cells = check_values(&mut check, &raw);
    if check.problems.has_errors() {
        return Err(check.problems);
    }
    let position = |ids: Vec<&String>| -> HashMap<String, usize> {
        ids.into_iter()
            .enumerate()
            .map(|(i, id)| (id.clone(), i))
            .collect()
    };
    let index = Index {
        entities: position(raw.entities.iter().map(|e| &e.id).collect()),
        dimensions: position(raw.dimensions.iter().map(|d| &d.id).collect()),
        sources: position(raw.sources.iter().map(|s| &s.id).collect()),
    };
    Ok(Dataset {
        id,
        title: raw.title,
        description: raw.description,
        sources: raw.sources,
        entities: raw.entities,
        dimensions: raw.dimensions,
        cells,
        file: file.clone(),
        links: check.links,
        index,
    })
}

/// The items of a list section, each with where it is written; reports a badly formed or
/// duplicate id, and an empty list.
fn locate_list<'t, T>(
    check: &mut Check,
    key: &str,
    kind: &str,
    list: &'t [T],
    id_of: impl Fn(&T) -> &str,
) -> (Range<usize>, Vec<(&'t T, Item)>) {
    let section = check.section(key);
    if list.is_empty() {
        let span = section.start..section.start + key.len();
        let message = format!("`{key}` is empty: a dataset needs at least one {kind}");
        check.report(Diagnostic::error(message), span);
    }
    let ids: Vec<&str> = list.iter().map(&id_of).collect();
    let items = check.items(section.clone(), &ids);
    let mut seen = HashSet::new();
    for (id, item) in ids.iter().zip(&items) {
        check.id_format(kind, id, item.id.clone());
        if !seen.insert(*id) {
            let message = format!("duplicate {kind} id `{id}`");
            let hint = format!("each {kind} needs its own id");
            check.report(Diagnostic::error(message).with_hint(hint), item.id.clone());
        }
    }
    (section, list.iter().zip(items).collect())
}

fn check_entities(check: &mut Check, entities: &[Entity]) {
    let (section, items) = locate_list(check, "entities", "entity", entities, |e| &e.id);
    for (entity, item) in items {
        let owner = format!("entity `{}`", entity.id);
        let span = check.field(&section, &item, "name", &entity.name);
        check.not_blank(&entity.name, &format!("the name of {owner}"), span);
        if let Some(article) = &entity.article {
            let span = check.field(&section, &item, "article", article);
            check.article(&owner, article, span);
        }
    }
}

fn check_dimensions(check: &mut Check, dimensions: &[Dimension]) {
    let (section, items) = locate_list(check, "dimensions", "dimension", dimensions, |d| &d.id);
    for (dimension, item) in items {
        let span = check.field(&section, &item, "label", &dimension.label);
        let what = format!("the label of dimension `{}`", dimension.id);
        check.not_blank(&dimension.label, &what, span);
    }
}

fn check_sources(check: &mut Check, sources: &[Source]) {
    if sources.is_empty() {
        return;
    }
    let (section, items) = locate_list(check, "sources", "source", sources, |s| &s.id);
    for (source, item) in items {
        let owner = format!("source `{}`", source.id);
        let span = check.field(&section, &item, "title", &source.title);
        check.not_blank(&source.title, &format!("the title of {owner}"), span);
        if let Some(article) = &source.article {
            let span = check.field(&section, &item, "article", article);
            check.article(&owner, article, span);
        }
        if let Some(url) = &source.url {
            let span = check.field(&section, &item, "url", url);
            if let Some(problem) = url_problem(&owner, url) {
                check.report(problem, span);
            }
        }
    }
}

/// What is wrong with a source's url, if anything: it must be an absolute http(s) URL.
fn url_problem(owner: &str, url: &str) -> Option<Diagnostic> {
    if !is_safe_href(url) {
        let message = format!("{owner} has an unsafe url `{url}`");
        return Some(Diagnostic::error(message).with_hint("use an https:// link"));
    }
    let lowered = url.trim().to_ascii_lowercase();
    if lowered.starts_with("https://") || lowered.starts_with("http://") {
        return None;
    }
    let message = format!("the url of {owner} is not an absolute http(s) URL: `{url}`");
    let hint = "write the full `https://...` address; for a page of this site use `article: @/...`";
    Some(Diagnostic::error(message).with_hint(hint))
}

/// Whether a scalar of a dataset under the keys `path` is words a translation may
/// change: titles, names, labels, descriptions, the details of a source (its title,
/// publisher, author, date and url) and the text and notes of values. Ids, articles
/// and which source a value cites are the dataset's logic.
pub(crate) fn is_text(path: &[&str]) -> bool {
    let words = [
        "title",
        "description",
        "name",
        "short",
        "summary",
        "label",
        "publisher",
        "author",
        "date",
        "url",
        "value",
        "note",
    ];
    // `values: {price: {basic: "$10"}}`: the short form of a value.
    let short_value = path.len() == 3 && path[0] == "values";
    short_value || path.last().is_some_and(|key| words.contains(key))
}

#[cfg(test)]
#[path = "load_tests.rs"]
mod tests;
