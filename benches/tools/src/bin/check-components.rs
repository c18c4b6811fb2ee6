//! Checks the generated comparison datasets, decision filters and the ```compare and
//! ```decision blocks of every page with pillar's own parsers (`pillar::compare`,
//! `pillar::filter`), and that every `@/` link they hold names an existing page, before
//! anything is timed: a generator bug then fails fast with the parsers' own messages.
//!
//! Usage: check-components ROOT

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use pillar::markdown::BlockKind;
use pillar::source::SourceFile;

fn main() {
    let root = std::env::args().nth(1).unwrap_or_else(|| {
        eprintln!("usage: check-components ROOT");
        std::process::exit(2)
    });
    let content = Path::new(&root).join("content");
    let mut problems: Vec<String> = Vec::new();
    let mut links = Vec::new();

    let mut datasets = BTreeMap::new();
    for file in yaml_files(&content.join("data")) {
        match pillar::compare::load_dataset(&file) {
            Ok(d) => {
                links.extend(d.content_links());
                datasets.insert(d.id().to_string(), d);
            }
            Err(found) => problems.extend(found.into_sorted().iter().map(|d| d.to_string())),
        }
    }
    let mut filters = BTreeMap::new();
    for file in yaml_files(&content.join("filters")) {
        match pillar::filter::load_filter(&file) {
            Ok(f) => {
                links.extend(f.content_links());
                filters.insert(f.id().to_string(), f);
            }
            Err(found) => problems.extend(found.into_sorted().iter().map(|d| d.to_string())),
        }
    }

    let mut pages = BTreeSet::new();
    let (mut compare, mut decision) = (0, 0);
    for entry in walkdir::WalkDir::new(&content).into_iter().filter_map(Result::ok) {
        let path = entry.path();
        if !entry.file_type().is_file() || path.extension().is_none_or(|x| x != "md") {
            continue;
        }
        let rel = path.strip_prefix(&content).unwrap().to_string_lossy().replace('\\', "/");
        pages.insert(rel.clone());
        let file = SourceFile::new(Path::new("content").join(&rel), &fs::read_to_string(path).unwrap());
        let split = match pillar::load::split_front_matter(&file) {
            Ok(split) => split,
            Err(d) => {
                problems.push(d.to_string());
                continue;
            }
        };
        for block in pillar::markdown::outline(&file.text, split.body).blocks {
            let result = match block.kind {
                BlockKind::Compare => {
                    compare += 1;
                    pillar::compare::parse_block(&file, block.body, &datasets).map(|_| ())
                }
                BlockKind::Decision => {
                    decision += 1;
                    pillar::filter::parse_block(&file, block.body, &filters).map(|_| ())
                }
            };
            if let Err(found) = result {
                problems.extend(found.into_sorted().iter().map(|d| d.to_string()));
            }
        }
    }
    for link in &links {
        let target = link.target.trim_start_matches("@/");
        let target = target.split('#').next().unwrap_or_default();
        if !pages.contains(target) {
            problems.push(format!("{}: no page `{}`", link.file.path.display(), link.target));
        }
    }
    for p in &problems {
        eprintln!("{p}");
    }
    println!(
        "check-components: {} datasets, {} filters, {compare} compare blocks, {decision} decision blocks, {} links: {} problems",
        datasets.len(),
        filters.len(),
        links.len(),
        problems.len()
    );
    if !problems.is_empty() {
        std::process::exit(1);
    }
}

fn yaml_files(dir: &Path) -> Vec<SourceFile> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let shown = Path::new("content").join(dir.file_name().unwrap()).join(name);
            SourceFile::new(shown, &fs::read_to_string(&p).unwrap())
        })
        .collect()
}
