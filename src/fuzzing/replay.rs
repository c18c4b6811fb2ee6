//! Replays the fuzz corpus through the code the fuzz targets run, without libFuzzer.
//!
//! `fuzz/corpus/<target>/` holds the minimised corpus of each target (the site's real
//! files and what the fuzzer grew from them); `fuzz/regressions/<target>/` holds every
//! input that ever made a target panic. Each file goes through the target's driver in
//! [`super`], the functions the fuzz targets call, so a change that makes any of them
//! panic again fails `cargo test`. See `fuzz/README.md` for running the fuzzer itself.

use std::path::{Path, PathBuf};
use std::{fs, panic};

/// Every file of `fuzz/corpus/<target>/` and `fuzz/regressions/<target>/`.
fn inputs(target: &str) -> Vec<PathBuf> {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut files = Vec::new();
    for dir in ["corpus", "regressions"] {
        let Ok(entries) = fs::read_dir(fuzz.join(dir).join(target)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_file() {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Runs every input of `target` through `run` and names each one that panics.
fn replay(target: &str, run: fn(&[u8])) {
    let files = inputs(target);
    assert!(
        !files.is_empty(),
        "fuzz/corpus/{target}/ is empty; run fuzz/seed.sh"
    );
    let failed: Vec<String> = files
        .iter()
        .filter(|path| {
            let data = fs::read(path).unwrap();
            panic::catch_unwind(|| run(&data)).is_err()
        })
        .map(|path| path.display().to_string())
        .collect();
    assert!(
        failed.is_empty(),
        "{} of {} {target} inputs panic (reproduce one with `cargo fuzz run {target} FILE` \
         in fuzz/):\n{}",
        failed.len(),
        files.len(),
        failed.join("\n")
    );
}

#[test]
fn front_matter_corpus_never_panics() {
    replay("front_matter", super::front_matter);
}

#[test]
fn toml_front_matter_corpus_never_panics() {
    replay("toml_front_matter", super::toml_front_matter);
}

#[test]
fn markdown_corpus_never_panics() {
    replay("markdown", super::markdown);
}

#[test]
fn filter_corpus_never_panics() {
    replay("filter", super::filter);
}

#[test]
fn dataset_corpus_never_panics() {
    replay("dataset", super::dataset);
}

#[test]
fn import_page_corpus_never_panics() {
    replay("import_page", super::import_page);
}

/// The markdown target places `compare` and `decision` blocks against a built-in
/// dataset and filter; if the schema ever rejects them, those paths go unfuzzed.
#[test]
fn built_in_components_still_load() {
    if let Err(problems) = super::components_load() {
        let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
        panic!("{}", messages.join("\n"));
    }
}
