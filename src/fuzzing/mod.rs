//! The drivers behind pillar's fuzz targets, one function per target (cargo feature
//! `fuzzing`).
//!
//! Each takes the raw bytes libFuzzer generates (or a file of the regression corpus),
//! skips them unless they are UTF-8 (the load stage rejects other files before any of
//! this code runs) and drives the stages the way the build does: parse, check,
//! render, and on failure render the diagnostics as the command line would. None of
//! them may panic on any input.
//!
//! The fuzz targets in `fuzz/fuzz_targets/` call these functions (the `fuzz` crate
//! turns this feature on); the unit tests of `replay` run every file of `fuzz/corpus/`
//! and `fuzz/regressions/` through them, so the normal test suite runs exactly what the
//! fuzzer ran.

use std::ops::Range;
use std::sync::OnceLock;

#[cfg(test)]
mod replay;

use crate::compare::{self, CompareBlock};
use crate::components::{Component, registry};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::filter;
use crate::import::{self, Flavor};
// Every `@/….md` path resolves, as for a page that exists.
use crate::link::{ContentLink, LinkResolver, PathLinks as Links};
use crate::markdown::{RenderHooks, data_html, link_targets, outline, render_html};
use crate::model::FrontMatter;
use crate::places::Places;
use crate::report::{self, Style};
use crate::source::SourceFile;
use crate::split::split_front_matter;

/// Front matter: split a markdown file, parse what is between the `---` (YAML) or
/// `+++` (TOML) lines as the page schema (`FrontMatter`), and render FAQ answers the
/// way page rendering does.
pub fn front_matter(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    page_front_matter(text);
}

/// TOML front matter: the input, as the TOML between `+++` lines of a page, through
/// the same checks as [`front_matter`].
pub fn toml_front_matter(data: &[u8]) {
    let Ok(toml) = std::str::from_utf8(data) else {
        return;
    };
    page_front_matter(&format!("+++\n{toml}\n+++\n# Body\n"));
}

fn page_front_matter(text: &str) {
    let file = SourceFile::new("content/fuzz/page.md", text);
    let split = match split_front_matter(&file) {
        Ok(split) => split,
        Err(d) => return show(vec![d]),
    };
    assert_range(&file, &split.front_matter, "front matter");
    assert_range(&file, &split.body, "body");
    assert!(
        split.front_matter.end <= split.body.start,
        "front matter {:?} overlaps the body {:?}",
        split.front_matter,
        split.body
    );
    match split.parse::<FrontMatter>(&file) {
        Ok(front) => {
            for entry in &front.faq {
                // The link stage reads the links of an answer, the renderer its HTML.
                let _ = link_targets(&entry.answer);
                check_data_html(&data_html(&entry.answer, &|dest| Hooks.link(dest)));
            }
            for (key, value) in [("slug", &front.slug), ("kind", &front.kind)] {
                if let Some(value) = value {
                    // How the model stage points at a bad slug or an unknown kind.
                    let at = Places::of(&file, split.front_matter.clone())
                        .value(key, value)
                        .unwrap_or(0..0);
                    show(vec![Diagnostic::error("fuzz").at(&file, at)]);
                }
            }
        }
        Err(found) => show(found),
    }
}

/// Markdown: the outline of a page body, its component blocks parsed against a small
/// dataset and filter, the body rendered with `@/` links rewritten, and the same text
/// rendered as markdown from data (an FAQ answer, a filter intro, a dataset value).
pub fn markdown(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let file = SourceFile::new("content/fuzz/page.md", text);
    // A file whose front matter is never closed is rejected; fuzz its text as a body
    // anyway so no input is wasted.
    let body = split_front_matter(&file).map_or(0..file.text.len(), |split| split.body);
    let fences: Vec<&'static str> = components().iter().map(|k| k.fence()).collect();
    let outline = outline(&file.text, body.clone(), &fences);
    for link in &outline.links {
        assert_range(&file, &link.range, "link");
    }
    let kinds = components();
    let mut problems = Vec::new();
    for (index, block) in outline.blocks.iter().enumerate() {
        assert_range(&file, &block.body, "component block");
        let source = file.blank_out(&block.outside);
        let Some(kind) = kinds.iter().find(|k| k.fence() == block.fence) else {
            panic!(
                "the outline found a block no component takes: {}",
                block.fence
            );
        };
        match kind.place(&source, block.body.clone()) {
            Ok(placed) => drop(placed.html(&Links, index, 0)),
            Err(found) => problems.extend(found.into_sorted()),
        }
    }
    let _ = render_html(&file.text[body], &outline, &Hooks);
    show(problems);
    let _ = link_targets(&file.text);
    check_data_html(&data_html(&file.text, &|dest| Hooks.link(dest)));
}

/// Decision filters: load (parse, check, analyse, compile) a filter file, then render
/// it and report its content links; or render its problems.
pub fn filter(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let file = SourceFile::new("content/filters/fuzz.yaml", text);
    match filter::load_filter(&file) {
        Ok(filter) => {
            let _ = filter::render(&filter, &Links, 0, true);
            show_links(filter.content_links());
        }
        Err(problems) => show(problems.into_sorted()),
    }
}

/// Comparison datasets: load and check a dataset file, then render its page and a
/// table of all of it and report its content links; or render its problems.
pub fn dataset(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let file = SourceFile::new("content/data/fuzz.yaml", text);
    match compare::load_dataset(&file) {
        Ok(dataset) => {
            let _ = compare::render_page(&dataset, &Links);
            let _ = compare::render_table(&CompareBlock::whole(&dataset), &dataset, &Links, "t");
            show_links(dataset.content_links());
        }
        Err(problems) => show(problems.into_sorted()),
    }
}

/// The importer: a page of a Hugo site and of a Zola site converted to pillar's front
/// matter and body (shortcodes, `ref`s, `@/` and root-relative links); what it writes
/// must split into front matter and body again, and be read by the schema or rejected
/// with a diagnostic.
pub fn import_page(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for flavor in [Flavor::Hugo, Flavor::Zola] {
        let (converted, warnings) = import::convert_page(flavor, "guides/page.md", text);
        show(warnings);
        let Some(converted) = converted else {
            continue;
        };
        let file = SourceFile::new("content/guides/page.md", &converted);
        let split = match split_front_matter(&file) {
            Ok(split) => split,
            Err(d) => panic!("the import wrote front matter pillar cannot split: {d}\n{converted}"),
        };
        assert_range(&file, &split.body, "body");
        if let Err(found) = split.parse::<FrontMatter>(&file) {
            show(found);
        }
    }
}

/// Renders diagnostics as `pillar build` prints them (both styles).
fn show(diagnostics: Vec<Diagnostic>) {
    if diagnostics.is_empty() {
        return;
    }
    let _ = report::render(&diagnostics, Style::Plain);
    let _ = report::render(&diagnostics, Style::Terminal);
    let _ = report::summary(&diagnostics);
    for d in &diagnostics {
        let _ = d.to_string();
    }
}

/// Reports every content link as broken, the way the link stage reports one.
fn show_links(links: Vec<ContentLink>) {
    let found: Vec<Diagnostic> = links
        .iter()
        .map(|link| Diagnostic::error("broken link").at(&link.file, link.range.clone()))
        .collect();
    show(found);
}

/// A range the API returns must be a slice of the file's text.
fn assert_range(file: &SourceFile, range: &Range<usize>, what: &str) {
    assert!(
        file.text.get(range.clone()).is_some(),
        "{what} range {range:?} is not a slice of a {}-byte text",
        file.text.len()
    );
}

/// Markdown from data shows raw HTML as text: no element can come out of it.
fn check_data_html(html: &str) {
    assert!(
        !html.contains("<script"),
        "data markdown let a script through: {html}"
    );
}

/// Rewrites `@/cluster/page.md#anchor` to `/cluster/page/#anchor`, like the site.
struct Hooks;

impl RenderHooks for Hooks {
    fn link(&self, dest: &str) -> Option<String> {
        Links.url(dest)
    }

    fn component(&self, index: usize) -> String {
        format!("<div class=\"component\">{index}</div>\n")
    }
}

/// A small dataset that `compare` blocks may place.
const DATASET: &str = r#"title: "Fuzz"
description: "A dataset for [fuzzing](@/fuzz/page.md)."
sources:
  - { id: s, title: "Source", url: "https://example.org/" }
entities:
  - { id: a, name: "A", summary: "First.", article: "@/fuzz/a.md" }
  - { id: b, name: "B" }
dimensions:
  - { id: x, label: "X", description: "The x." }
  - { id: y, label: "Y" }
values:
  x:
    a: { value: "1", source: s, note: "Noted." }
    b: "2"
  y:
    a: "yes"
    b: { value: "no", source: s }
"#;

/// A small filter that `decision` blocks may place.
const FILTER: &str = r#"title: "Fuzz"
intro: "Pick [one](@/fuzz/page.md#pick)."
questions:
  - id: size
    text: "How big?"
    options:
      - { id: small, label: "Small" }
      - { id: large, label: "Large" }
outcomes:
  - { id: a, title: "A", summary: "For small.", links: ["@/fuzz/a.md"] }
  - { id: b, title: "B", summary: "For large.", links: ["@/fuzz/b.md"] }
rules:
  - { when: { size: small }, outcome: a, because: "Small." }
  - { when: { size: large }, outcome: b, because: "Large." }
"#;

/// The dataset and filter above, loaded once (empty if the schema ever rejects them).
/// The site's components, loaded with the built-in dataset and filter.
fn components() -> &'static [Box<dyn Component>] {
    static COMPONENTS: OnceLock<Vec<Box<dyn Component>>> = OnceLock::new();
    COMPONENTS.get_or_init(|| {
        let mut kinds = registry();
        for kind in &mut kinds {
            let file = match kind.data_folder() {
                "data" => SourceFile::new("content/data/fuzz.yaml", DATASET),
                _ => SourceFile::new("content/filters/fuzz.yaml", FILTER),
            };
            kind.load(&[file], &mut Diagnostics::new());
        }
        kinds
    })
}

/// Loads the built-in dataset and filter, with their problems if the schema changed
/// under them (the replay test checks they still load, so blocks keep being covered).
#[cfg(test)]
fn components_load() -> Result<(), Diagnostics> {
    let file = SourceFile::new("content/data/fuzz.yaml", DATASET);
    compare::load_dataset(&file)?;
    let file = SourceFile::new("content/filters/fuzz.yaml", FILTER);
    filter::load_filter(&file)?;
    Ok(())
}
