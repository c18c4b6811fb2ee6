//! pillar's search index writer: the bundle is Pagefind 1.6's, every file decodes as
//! the runtime reads it, and the pages come with their headings, meta and filters.
//! (tests/search/run.sh runs the query set on it with Pagefind's own runtime in Node.)

use std::collections::BTreeMap;
use std::io::Read;

use crate::common::{build, copy_fixture, stderr, tree};
use minicbor::Decode;

/// The files of the basic fixture's bundle, built under a sub-path, by path under
/// `pagefind/`.
fn pillar_bundle() -> BTreeMap<String, Vec<u8>> {
    bundle_of("basic")
}

/// The files of fixture `fixture`'s bundle, built under a sub-path, by path under
/// `pagefind/`.
fn bundle_of(fixture: &str) -> BTreeMap<String, Vec<u8>> {
    let site = copy_fixture(fixture);
    let out = build(site.path(), &["--base-url", "https://example.org/guide/"]);
    assert!(out.status.success(), "{}", stderr(&out));
    tree(&site.path().join("public"))
        .into_iter()
        .filter_map(|(path, bytes)| Some((path.strip_prefix("pagefind/")?.to_string(), bytes)))
        .collect()
}

/// The payload of a binary bundle file: gzip of the `pagefind_dcd` signature and it.
fn payload(bytes: &[u8]) -> Vec<u8> {
    let mut plain = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut plain)
        .expect("gzip");
    let payload = plain.strip_prefix(b"pagefind_dcd").expect("the signature");
    payload.to_vec()
}

/// `pagefind.<hash>.pf_meta`, as the runtime decodes it.
#[derive(Decode)]
struct MetaIndex {
    #[n(0)]
    version: String,
    #[n(1)]
    pages: Vec<MetaPage>,
    #[n(2)]
    index_chunks: Vec<MetaChunk>,
    #[n(3)]
    filters: Vec<MetaFilter>,
    #[n(5)]
    meta_fields: Vec<String>,
}

#[derive(Decode)]
struct MetaPage {
    #[n(0)]
    hash: String,
    #[n(1)]
    word_count: u32,
}

#[derive(Decode)]
struct MetaChunk {
    #[n(0)]
    from: String,
    #[n(1)]
    to: String,
    #[n(2)]
    hash: String,
}

#[derive(Decode)]
struct MetaFilter {
    #[n(0)]
    filter: String,
    #[n(1)]
    hash: String,
}

/// `index/<hash>.pf_index`.
#[derive(Decode)]
struct WordIndex {
    #[n(0)]
    words: Vec<PackedWord>,
}

#[derive(Decode)]
struct PackedWord {
    #[n(0)]
    word: String,
    #[n(1)]
    pages: Vec<PackedPage>,
}

#[derive(Decode)]
struct PackedPage {
    #[n(0)]
    page_number: usize,
    #[n(1)]
    locs: Vec<i32>,
    #[n(2)]
    meta_locs: Vec<i32>,
}

/// `filter/<hash>.pf_filter`.
#[derive(Decode)]
struct FilterIndex {
    #[n(0)]
    filter: String,
    #[n(1)]
    values: Vec<FilterValue>,
}

#[derive(Decode)]
struct FilterValue {
    #[n(0)]
    value: String,
    #[n(1)]
    pages: Vec<usize>,
}

/// The bundle's meta index, found through `pagefind-entry.json`, and the entry.
fn meta(files: &BTreeMap<String, Vec<u8>>) -> (serde_json::Value, MetaIndex) {
    meta_of(files, "en")
}

/// The meta index of `language`, found through `pagefind-entry.json`, and the entry.
fn meta_of(files: &BTreeMap<String, Vec<u8>>, language: &str) -> (serde_json::Value, MetaIndex) {
    let entry: serde_json::Value =
        serde_json::from_slice(&files["pagefind-entry.json"]).expect("entry JSON");
    let hash = entry["languages"][language]["hash"]
        .as_str()
        .expect("a hash");
    let meta = payload(&files[&format!("pagefind.{hash}.pf_meta")]);
    (
        entry,
        minicbor::decode(&meta).expect("the meta index decodes"),
    )
}

/// Every fragment, by URL, in page order.
fn fragments(files: &BTreeMap<String, Vec<u8>>, meta: &MetaIndex) -> Vec<serde_json::Value> {
    meta.pages
        .iter()
        .map(|page| {
            let bytes = &files[&format!("fragment/{}.pf_fragment", page.hash)];
            serde_json::from_slice(&payload(bytes)).expect("fragment JSON")
        })
        .collect()
}

#[test]
fn pillars_own_index_is_a_pagefind_bundle_whose_files_all_decode() {
    let files = pillar_bundle();
    let (entry, meta) = meta(&files);
    assert_eq!(entry["version"], "1.6.0", "the runtime's version");
    assert_eq!(meta.version, "1.6.0");
    assert_eq!(entry["languages"]["en"]["wasm"], "en");
    assert_eq!(entry["languages"]["en"]["page_count"], meta.pages.len());
    for runtime in [
        "pagefind.js",
        "pagefind-worker.js",
        "wasm.en.pagefind",
        "pagefind-ui.js",
    ] {
        assert!(files.contains_key(runtime), "{runtime} missing");
    }
    assert_eq!(meta.meta_fields, ["cluster", "title"]);

    let urls: Vec<String> = fragments(&files, &meta)
        .iter()
        .map(|f| f["url"].as_str().unwrap().to_string())
        .collect();
    // Root-relative under a sub-path; no home page, tag lists or redirects.
    for page in ["/guides/", "/guides/first/", "/guides/second/", "/about/"] {
        assert!(urls.iter().any(|u| u == page), "{page} not in {urls:?}");
    }
    assert!(
        urls.iter()
            .all(|u| u != "/" && !u.starts_with("/guide/") && !u.starts_with("/tags/")),
        "{urls:?}"
    );
    assert!(meta.pages.iter().all(|p| p.word_count > 0));

    let mut previous = String::new();
    for chunk in &meta.index_chunks {
        assert!(
            chunk.from <= chunk.to && previous < chunk.from,
            "chunks in order"
        );
        let index: WordIndex =
            minicbor::decode(&payload(&files[&format!("index/{}.pf_index", chunk.hash)]))
                .expect("the word index decodes");
        assert!(!index.words.is_empty());
        previous = chunk.to.clone();
    }
    for filter in &meta.filters {
        let index: FilterIndex = minicbor::decode(&payload(
            &files[&format!("filter/{}.pf_filter", filter.hash)],
        ))
        .expect("the filter decodes");
        assert_eq!(index.filter, filter.filter);
        assert!(index.values.iter().all(|v| !v.pages.is_empty()));
        assert!(index.values.iter().all(|v| !v.value.is_empty()));
    }
    // The search page's two menus; tags are words of the text (each filter's file is
    // fetched with a query, so one no menu uses would cost every reader).
    let names: Vec<&str> = meta.filters.iter().map(|f| f.filter.as_str()).collect();
    assert_eq!(names, ["kind", "section"]);
}

#[test]
fn a_page_carries_its_headings_as_anchors_its_title_kind_and_section_and_its_tags_as_text() {
    let files = pillar_bundle();
    let (_, meta) = meta(&files);
    let fragments = fragments(&files, &meta);
    let first = fragments
        .iter()
        .find(|f| f["url"] == "/guides/first/")
        .expect("the first guide");
    assert_eq!(first["meta"]["title"], "First Guide");
    assert!(first["filters"]["tags"].is_null(), "{first}");
    let content = first["content"].as_str().unwrap();
    assert!(content.contains("Basics setup"), "{content}");
    assert!(first["filters"]["section"].is_array(), "{first}");
    assert!(first["filters"]["kind"].is_array(), "{first}");
    let anchors: Vec<(&str, &str)> = first["anchors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["element"].as_str().unwrap(), a["id"].as_str().unwrap()))
        .collect();
    for heading in [
        ("h2", "getting-started"),
        ("h2", "the-end"),
        ("h2", "faq-heading"),
    ] {
        assert!(anchors.contains(&heading), "{heading:?} not in {anchors:?}");
    }
    let content = first["content"].as_str().unwrap();
    assert!(
        content.starts_with("First Guide. The first guide"),
        "{content}"
    );
    assert!(
        content.contains("fn main()"),
        "code is searchable: {content}"
    );
    assert!(content.contains("Is this a question?"), "{content}");
    assert!(!content.contains("<"), "text, not HTML: {content}");
}

/// A word's page (absolute), text locations and meta locations.
type Postings = (usize, Vec<i32>, Vec<i32>);

#[test]
fn words_are_stemmed_weighted_and_found_in_the_title() {
    let files = pillar_bundle();
    let (_, meta) = meta(&files);
    let fragments = fragments(&files, &meta);
    let first = fragments
        .iter()
        .position(|f| f["url"] == "/guides/first/")
        .unwrap();
    let mut words: BTreeMap<String, Vec<Postings>> = BTreeMap::new();
    for chunk in &meta.index_chunks {
        let index: WordIndex =
            minicbor::decode(&payload(&files[&format!("index/{}.pf_index", chunk.hash)])).unwrap();
        for word in index.words {
            // Page numbers are deltas.
            let mut page = 0;
            let pages = word.pages.into_iter().map(|p| {
                page += p.page_number;
                (page, p.locs, p.meta_locs)
            });
            words.insert(word.word, pages.collect());
        }
    }
    // "started" is stemmed to "start", and "Getting started" is an h2: weight 6 × 24.
    let start = &words["start"];
    let (_, locs, _) = start.iter().find(|(p, ..)| *p == first).expect("on page");
    assert_eq!(locs[0], -(6 * 24) - 1, "{locs:?}");
    // "First" is in the title: meta field 1 (`title`, after `cluster`), position 0.
    let (_, _, meta_locs) = words["first"].iter().find(|(p, ..)| *p == first).unwrap();
    assert_eq!(meta_locs, &[-2, 0]);
}

/// Every word of the index, with the pages it is on (positions in `meta.pages`).
fn word_pages(files: &BTreeMap<String, Vec<u8>>, meta: &MetaIndex) -> BTreeMap<String, Vec<usize>> {
    let mut words = BTreeMap::new();
    for chunk in &meta.index_chunks {
        let index: WordIndex =
            minicbor::decode(&payload(&files[&format!("index/{}.pf_index", chunk.hash)])).unwrap();
        for word in index.words {
            let mut page = 0;
            let pages = word.pages.iter().map(|p| {
                page += p.page_number;
                page
            });
            words.insert(word.word, pages.collect());
        }
    }
    words
}

#[test]
fn comparison_tables_and_decision_filters_placed_in_an_article_are_searchable() {
    let files = bundle_of("components");
    let (_, meta) = meta(&files);
    let fragments = fragments(&files, &meta);
    let page = fragments
        .iter()
        .position(|f| f["url"] == "/guides/containers/")
        .expect("the article with the blocks");
    let content = fragments[page]["content"].as_str().unwrap();
    // The table's caption and cells, the filter's question, outcome and reason.
    for shown in [
        "Plans in a list",
        "Plans in a quote",
        "$10",
        "How big is the team?",
        "Enough for a small team.",
        "A large team needs more.",
    ] {
        assert!(content.contains(shown), "{shown:?} not in {content}");
    }
    assert!(
        !content.contains("dataset:"),
        "the YAML is not text: {content}"
    );
    assert!(!content.contains('<'), "links are not text: {content}");
    // "Price" is only in the table (a dimension's label).
    let words = word_pages(&files, &meta);
    assert!(words["price"].contains(&page), "{:?}", words["price"]);
}

#[test]
fn a_datasets_comparison_page_is_searchable() {
    let files = bundle_of("components");
    let (_, meta) = meta(&files);
    let fragments = fragments(&files, &meta);
    let page = fragments
        .iter()
        .find(|f| f["url"] == "/compare/plans/")
        .expect("the comparison page is indexed");
    assert_eq!(page["meta"]["title"], "Plans");
    let content = page["content"].as_str().unwrap();
    assert!(content.starts_with("Plans. "), "{content}");
    for shown in ["Basic", "Pro", "Price", "$20", "The price list"] {
        assert!(content.contains(shown), "{shown:?} not in {content}");
    }
    // A source's address is a link on the page, not text.
    assert!(!content.contains("example.org"), "{content}");
    assert!(!content.contains('<'), "{content}");
}

/// A site in several languages gets one index per language, as Pagefind splits one:
/// each named in the entry file with its WebAssembly, holding that language's pages
/// only, its words stemmed for that language.
#[test]
fn each_language_of_a_site_has_its_own_index_stemmed_for_it() {
    let files = bundle_of("multilingual");
    let (entry, _) = meta(&files);
    let languages = entry["languages"].as_object().unwrap();
    assert_eq!(languages.keys().collect::<Vec<_>>(), ["ar", "en", "fr"]);
    for (language, pages) in [("en", 6), ("fr", 5), ("ar", 5)] {
        assert_eq!(languages[language]["page_count"], pages, "{language}");
        assert_eq!(languages[language]["wasm"], language);
        assert!(files.contains_key(&format!("wasm.{language}.pagefind")));
    }
    // The pages of a language, sorted (the index numbers them by length).
    let urls = |language: &str| -> Vec<String> {
        let (_, meta) = meta_of(&files, language);
        let mut urls: Vec<String> = fragments(&files, &meta)
            .iter()
            .map(|f| f["url"].as_str().unwrap().to_string())
            .collect();
        urls.sort();
        urls
    };
    assert_eq!(
        urls("fr"),
        [
            "/fr/a-propos/",
            "/fr/compare/formules/",
            "/fr/compare/plans/",
            "/fr/guides/",
            "/fr/guides/first/"
        ],
        "the French pages, in their tree"
    );
    assert!(urls("ar").iter().all(|u| u.starts_with("/ar/")));
    assert!(
        urls("en")
            .iter()
            .all(|u| !u.starts_with("/fr/") && !u.starts_with("/ar/"))
    );
    // "Premier" is stemmed as French ("premi"; English would keep "premier"), "Steps"
    // as English ("step").
    let (_, fr) = meta_of(&files, "fr");
    let french = word_pages(&files, &fr);
    assert!(french.contains_key("premi"), "{:?}", french.keys());
    assert!(!french.contains_key("premier"));
    let (_, en) = meta_of(&files, "en");
    assert!(word_pages(&files, &en).contains_key("step"));
    assert!(!word_pages(&files, &en).contains_key("etap"));
}

/// The French index holds the French words of a translated dataset and filter, the
/// English index the English ones (`data/plans.fr.yaml`, `filters/which-plan.fr.yaml`).
#[test]
fn each_languages_index_holds_its_translation_of_the_data() {
    let files = bundle_of("multilingual");
    let content = |language: &str, url: &str| -> String {
        let (_, meta) = meta_of(&files, language);
        let fragments = fragments(&files, &meta);
        let page = fragments.iter().find(|f| f["url"] == url);
        let page = page.unwrap_or_else(|| panic!("{url} is in the {language} index"));
        page["content"].as_str().unwrap().to_string()
    };
    let french = content("fr", "/fr/guides/first/");
    for shown in ["Par téléphone", "Combien êtes-vous dans l’équipe ?"] {
        assert!(french.contains(shown), "{shown:?} not in {french}");
    }
    assert!(!french.contains("By phone"), "{french}");
    assert!(content("fr", "/fr/compare/plans/").contains("Prix mensuel"));
    let english = content("en", "/guides/first/");
    assert!(english.contains("By phone") && !english.contains("Par téléphone"));
}
