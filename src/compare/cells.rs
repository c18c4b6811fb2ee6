//! Checking a dataset's `values`: one value for every entity on every dimension, each in a
//! valid form and citing known sources.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use super::check::Check;
use super::dataset::{Cell, Cells, Variant};
use super::raw::{RawDataset, RawFull, RawValue};
use super::unknown::{DIMENSION, ENTITY, SOURCE, unknown};
use crate::diagnostics::Diagnostic;

/// Where a value is written and whose it is, for error messages.
struct At<'a> {
    /// `the value of `e` on `d``.
    owner: String,
    /// The span of the entity key under the dimension.
    key: Range<usize>,
    /// The key and everything under it.
    block: Range<usize>,
    /// The source ids that exist.
    sources: &'a [&'a str],
}

/// Checks `values` against the entities, dimensions and sources and returns the cells.
pub(super) fn check_values(check: &mut Check, raw: &RawDataset) -> Cells {
    let section = check.section("values");
    let entities = unique(raw.entities.iter().map(|e| e.id.as_str()));
    let dimensions = unique(raw.dimensions.iter().map(|d| d.id.as_str()));
    let sources = unique(raw.sources.iter().map(|s| s.id.as_str()));
    let known_entities: HashSet<&str> = entities.iter().copied().collect();
    let mut cells: Cells = BTreeMap::new();
    let mut rows_seen: HashMap<&str, usize> = HashMap::new();
    for (dimension, row) in &raw.values.0 {
        let nth = next(&mut rows_seen, dimension);
        let key = nth_or(check.layout.keys(&section, dimension), nth, &section);
        let block = nth_or(check.layout.blocks(&section, dimension), nth, &section);
        if nth > 0 {
            let message = format!("dimension `{dimension}` appears twice under `values`");
            check.report(Diagnostic::error(message).with_hint("merge the two"), key);
            continue;
        }
        if !dimensions.contains(&dimension.as_str()) {
            let place = " under `values`";
            check.report(
                unknown(DIMENSION, dimension, place, dimensions.iter().copied()),
                key,
            );
            continue;
        }
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (entity, value) in &row.0 {
            let nth = next(&mut seen, entity);
            let at = At {
                owner: format!("the value of `{entity}` on `{dimension}`"),
                key: nth_or(check.layout.keys(&block, entity), nth, &block),
                block: nth_or(check.layout.blocks(&block, entity), nth, &block),
                sources: &sources,
            };
            if nth > 0 {
                let message = format!("{} is given twice", at.owner);
                check.report(Diagnostic::error(message).with_hint("keep one"), at.key);
                continue;
            }
            if !known_entities.contains(entity.as_str()) {
                let place = format!(" under `values.{dimension}`");
                let diagnostic = unknown(ENTITY, entity, &place, entities.iter().copied());
                check.report(diagnostic, at.key);
                continue;
            }
            if let Some(cell) = cell(check, value, &at) {
                cells
                    .entry(dimension.clone())
                    .or_default()
                    .insert(entity.clone(), cell);
            }
        }
    }
    report_missing(check, raw, &section, &entities);
    cells
}

/// Reports every entity without a value on a dimension.
fn report_missing(check: &mut Check, raw: &RawDataset, section: &Range<usize>, entities: &[&str]) {
    let mut rows = HashMap::new();
    for (dimension, row) in &raw.values.0 {
        rows.entry(dimension.as_str()).or_insert(row);
    }
    for id in unique(raw.dimensions.iter().map(|d| d.id.as_str())) {
        let row = rows.get(id).copied();
        let given: HashSet<&str> = row
            .map(|row| row.0.iter().map(|(e, _)| e.as_str()).collect())
            .unwrap_or_default();
        let given = |entity: &&str| given.contains(entity);
        let missing: Vec<&str> = entities.iter().copied().filter(|e| !given(e)).collect();
        if missing.is_empty() {
            continue;
        }
        let span = match row {
            Some(_) => check.layout.keys(section, id).into_iter().next(),
            None => None,
        }
        .unwrap_or(section.start..section.start + "values".len().min(section.len()));
        let listed = missing
            .iter()
            .map(|e| format!("`{e}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let (message, hint) = match row {
            Some(_) if missing.len() == 1 => (
                format!("no value for entity {listed} on dimension `{id}`"),
                format!("add `{}: ...` under `values.{id}`", missing[0]),
            ),
            Some(_) => (
                format!("no value for entities {listed} on dimension `{id}`"),
                format!("add a value for each under `values.{id}`"),
            ),
            None => (
                format!("no values for dimension `{id}` (needed for {listed})"),
                format!("add `{id}:` under `values`, with a value for each entity"),
            ),
        };
        check.report(Diagnostic::error(message).with_hint(hint), span);
    }
}

/// The cell a value makes, or `None` (with the problems reported) if it is invalid.
fn cell(check: &mut Check, value: &RawValue, at: &At) -> Option<Cell> {
    match value {
        RawValue::Empty => {
            empty(check, at);
            None
        }
        RawValue::Text(text) if text.trim().is_empty() => {
            empty(check, at);
            None
        }
        RawValue::Text(text) => {
            check.text_links(&at.owner, text, at.block.clone());
            Some(Cell {
                variants: vec![Variant {
                    text: text.clone(),
                    source: None,
                    note: None,
                }],
                note: None,
            })
        }
        RawValue::Full(full) => full_cell(check, full, at),
    }
}

/// The cell of a value in the full or variants form.
fn full_cell(check: &mut Check, full: &RawFull, at: &At) -> Option<Cell> {
    let before = check.problems.len();
    let variants = match (&full.value, &full.variants) {
        (Some(_), Some(_)) => {
            let message = format!("{} has both `value` and `variants`", at.owner);
            check.report(
                Diagnostic::error(message).with_hint("keep one"),
                at.key.clone(),
            );
            return None;
        }
        (None, None) => {
            let message = format!("{} has neither `value` nor `variants`", at.owner);
            let hint = "add `value: ...`";
            check.report(Diagnostic::error(message).with_hint(hint), at.key.clone());
            return None;
        }
        (Some(value), None) => vec![Variant {
            text: value.0.clone(),
            source: full.source.clone(),
            note: None,
        }],
        (None, Some(variants)) => {
            if variants.is_empty() {
                let message = format!("{} has no variants", at.owner);
                check.report(Diagnostic::error(message), at.key.clone());
                return None;
            }
            if full.source.is_some() {
                let message = format!("{} has `source` beside `variants`", at.owner);
                let hint = "give each variant its own `source`";
                check.report(Diagnostic::error(message).with_hint(hint), at.key.clone());
            }
            for (i, variant) in variants.iter().enumerate() {
                if variant.source.is_none() {
                    let n = i + 1;
                    let message = format!("variant {n} of {} has no source", at.owner);
                    let hint = "each variant is one source's figure: add `source: <id>`";
                    check.report(Diagnostic::error(message).with_hint(hint), at.key.clone());
                }
            }
            variants
                .iter()
                .map(|v| Variant {
                    text: v.value.0.clone(),
                    source: v.source.clone(),
                    note: v.note.clone(),
                })
                .collect()
        }
    };
    for variant in &variants {
        if variant.text.trim().is_empty() {
            empty(check, at);
        }
        check.text_links(&at.owner, &variant.text, at.block.clone());
        if let Some(note) = &variant.note {
            check.text_links(&at.owner, note, at.block.clone());
        }
        if let Some(source) = &variant.source {
            cited(check, source, at);
        }
    }
    if let Some(note) = &full.note {
        check.text_links(&at.owner, note, at.block.clone());
    }
    (check.problems.len() == before).then(|| Cell {
        variants,
        note: full.note.clone(),
    })
}

/// Reports a source id that is not among the dataset's sources.
fn cited(check: &mut Check, source: &str, at: &At) {
    if at.sources.contains(&source) {
        return;
    }
    let span = (check.layout)
        .entries(&at.block, "source", source)
        .into_iter()
        .next()
        .unwrap_or_else(|| at.key.clone());
    let place = format!(" cited by {}", at.owner);
    check.report(
        unknown(SOURCE, source, &place, at.sources.iter().copied()),
        span,
    );
}

/// Reports an empty value.
fn empty(check: &mut Check, at: &At) {
    let message = format!("{} is empty", at.owner);
    let hint = "write the value, or `\"-\"` if the entity has none";
    check.report(Diagnostic::error(message).with_hint(hint), at.key.clone());
}

/// The ids, each once, in the order first written.
fn unique<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen = HashSet::new();
    ids.filter(|id| seen.insert(*id)).collect()
}

/// Counts one more sighting of `id` and returns how many times it was seen before.
fn next<'a>(seen: &mut HashMap<&'a str, usize>, id: &'a str) -> usize {
    let count = seen.entry(id).or_default();
    *count += 1;
    *count - 1
}

/// The `nth` span found, or the start of `fallback`.
fn nth_or(found: Vec<Range<usize>>, nth: usize, fallback: &Range<usize>) -> Range<usize> {
    found
        .into_iter()
        .nth(nth)
        .unwrap_or(fallback.start..fallback.start)
}
