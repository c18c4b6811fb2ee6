//! The bundled site in content/: every article is woven into the cluster.

use std::collections::BTreeSet;
use std::path::Path;

use pillar::link::{Resolver, link};
use pillar::model::{ModelOptions, PageRole, build_site};

#[test]
fn every_article_links_three_pages_and_is_linked_from_an_article() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let loaded = pillar::load::load(root).0.expect("the bundled site loads");
    let (site, problems) = build_site(loaded, &ModelOptions::default());
    assert!(!problems.has_errors(), "{:?}", problems);
    let site = site.unwrap();
    let (links, problems) = link(&site);
    assert!(!problems.has_errors(), "{:?}", problems);
    let resolver = Resolver::new(&site);
    let mut failures = Vec::new();
    for (id, page) in site.pages.iter().enumerate() {
        if !matches!(page.role, PageRole::Article(_)) {
            continue;
        }
        let targets: BTreeSet<usize> = page
            .outline
            .links
            .iter()
            .filter_map(|l| resolver.resolve(&page.content_path, &l.dest).ok().flatten())
            .map(|(target, _)| target)
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
    let loaded = pillar::load::load(root).0.expect("the bundled site loads");
    let (site, _) = build_site(loaded, &ModelOptions::default());
    let site = site.unwrap();
    let (links, _) = link(&site);
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
