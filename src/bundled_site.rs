//! The bundled site in content/, read through the model and the link graph the build
//! makes of it: every article is woven into the cluster, names its sources in its front
//! matter, and keeps its prices prices. (Tests of the built bundled site, which need
//! nothing internal, are in `tests/it/bundled_site.rs`.)

use std::collections::BTreeSet;
use std::path::Path;

use crate::link::Links;
use crate::model::{PageRole, Site};

/// The bundled site's model and link graph, as the build makes them.
fn bundled_site(root: &Path) -> (Site, Links) {
    let options = crate::BuildOptions {
        search: false,
        ..crate::BuildOptions::new(root)
    };
    let (outcome, built) = crate::build_keeping_state(&options);
    assert!(outcome.is_ok(), "{:?}", outcome.diagnostics);
    let state = built.expect("the bundled site builds").1;
    (state.site, state.links)
}

#[test]
fn every_article_links_three_pages_and_is_linked_from_an_article() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (site, links) = bundled_site(root);
    let mut failures = Vec::new();
    for (id, page) in site.pages.iter().enumerate() {
        if !matches!(page.role, PageRole::Article(_)) {
            continue;
        }
        // Written links and glossary term links alike.
        let targets: BTreeSet<usize> = links.outgoing[id]
            .iter()
            .copied()
            .filter(|&t| t != id)
            .collect();
        if targets.len() < 3 {
            failures.push(format!(
                "{} links to only {} pages in its text",
                page.content_path,
                targets.len()
            ));
        }
        let from_article = links.backlinks[id]
            .iter()
            .any(|&b| site.pages[b].is_article());
        if !from_article {
            failures.push(format!(
                "{} is not linked from any other article",
                page.content_path
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_hub_links_every_article_of_its_cluster() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (site, links) = bundled_site(root);
    for cluster in &site.clusters {
        let Some(hub) = cluster.hub else { continue };
        for &article in &cluster.articles {
            assert!(
                links.outgoing[hub].contains(&article),
                "{} is not linked from its hub's text",
                site.pages[article].content_path
            );
        }
    }
}

/// Each source's short name (as the About page lists them) and the title its front matter
/// entry carries.
const SHORT_NAMES: &[(&str, &str)] = &[
    ("King", "What is a Fractional VP Sales?"),
    (
        "*The Altitude Decision*",
        "Fractional Sales Leader vs Fractional CRO: The Altitude Decision",
    ),
    ("Arredondo", "What a Fractional CRO Actually Does"),
    (
        "*The Revenue Team*",
        "How a Fractional Revenue Team Works Together",
    ),
    ("*What Is a Fractional CRO?*", "What Is a Fractional CRO?"),
];

/// A figure names its source in the text and in the front matter (issue 33): every source
/// an article or glossary term names by its short name, in its body or its FAQ, is in its
/// `sources` list.
#[test]
fn every_source_an_article_names_is_in_its_front_matter() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (site, _) = bundled_site(root);
    let mut failures = Vec::new();
    for page in site.pages.iter().filter(|p| p.is_article()) {
        let faq = page.front.faq.iter().map(|e| e.answer.as_str());
        let text: String = std::iter::once(page.body_text()).chain(faq).collect();
        let listed: BTreeSet<&str> = page
            .front
            .sources
            .iter()
            .map(|s| s.title.as_str())
            .collect();
        for (name, title) in SHORT_NAMES {
            if text.contains(name) && !listed.contains(title) {
                failures.push(format!(
                    "{} names {name} but its front matter does not list \"{title}\"",
                    page.content_path
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every page of the bundled site, as `(path, markdown)`.
fn bundled_pages() -> Vec<(String, String)> {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    walkdir::WalkDir::new(&content)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|entry| entry.path().extension().is_some_and(|e| e == "md"))
        .map(|entry| {
            let path = entry.path().strip_prefix(&content).unwrap();
            let text = std::fs::read_to_string(entry.path()).unwrap();
            (path.display().to_string(), text)
        })
        .collect()
}

#[test]
fn the_bundled_sites_prices_stay_prices() {
    let config =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("content/site.yaml"))
            .unwrap();
    let file = crate::source::SourceFile::new("content/site.yaml", &config);
    let config: crate::config::SiteConfig = crate::yaml::parse_file(&file).unwrap();
    assert!(!config.markdown.math, "the bundled site keeps math off");
    // With math on, pulldown-cmark's rules would read some price ranges as formulas
    // (`$5M–$10M`): that is why math is opt-in.
    let turned: Vec<String> = bundled_pages()
        .iter()
        .filter_map(|(path, text)| {
            let outline =
                crate::markdown::outline_with(text, 0..text.len(), &[], Default::default(), true);
            let n = outline.formulas.len() + outline.math_errors.len();
            (n > 0).then(|| format!("{path}: {n}"))
        })
        .collect();
    assert!(
        !turned.is_empty(),
        "no price would turn into math: make math default?"
    );
}
