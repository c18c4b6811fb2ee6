//! The served index answers as a fresh index of the same pages does, edit after edit,
//! and an edit leaves what it did not touch as it was.

use std::collections::{BTreeMap, HashSet};
use std::io::Read;

use minicbor::Decode;

use super::super::{WINDOW, encode_in_windows, encode_pages};
use super::ServedIndex;
use crate::output::OutputFile;
use crate::search::record::{PageRecord, TextRun};

/// What a search finds in an index, whatever its page numbers and file names: per word
/// (and per form of it, after `/`), the URLs of its pages with the locations there; per
/// filter value, its URLs; per URL, its fragment and word count.
/// A word's pages by URL, each with the word's text and meta locations there.
pub(crate) type OnPages = BTreeMap<String, (Vec<i32>, Vec<i32>)>;

#[derive(Debug, PartialEq)]
pub(crate) struct Found {
    pub words: BTreeMap<String, OnPages>,
    pub filters: BTreeMap<(String, String), Vec<String>>,
    pub pages: BTreeMap<String, (serde_json::Value, u32)>,
    pub meta_fields: Vec<String>,
}

#[derive(Decode)]
struct Meta {
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
    #[n(1)]
    hash: String,
}

#[derive(Decode)]
struct Chunk {
    #[n(0)]
    words: Vec<Word>,
}

#[derive(Decode)]
struct Word {
    #[n(0)]
    word: String,
    #[n(1)]
    pages: Vec<Page>,
    #[n(2)]
    variants: Vec<Variant>,
}

#[derive(Decode)]
struct Variant {
    #[n(0)]
    form: String,
    #[n(1)]
    pages: Vec<Page>,
}

#[derive(Decode)]
struct Page {
    #[n(0)]
    number: usize,
    #[n(1)]
    locs: Vec<i32>,
    #[n(2)]
    meta_locs: Vec<i32>,
}

#[derive(Decode)]
struct Filter {
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

/// The payload of a binary bundle file: gzip of the `pagefind_dcd` signature and it.
fn payload(bytes: &[u8]) -> Vec<u8> {
    let mut plain = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut plain)
        .expect("gzip");
    plain
        .strip_prefix(b"pagefind_dcd")
        .expect("signature")
        .to_vec()
}

/// What a search finds in the index of `files` (paths relative to the bundle folder)
/// whose meta file is `pagefind.<meta_hash>.pf_meta`. Checks on the way that every
/// chunk's words are within its range and in order, as the runtime expects.
pub(crate) fn found(files: &BTreeMap<String, Vec<u8>>, meta_hash: &str) -> Found {
    let meta: Meta =
        minicbor::decode(&payload(&files[&format!("pagefind.{meta_hash}.pf_meta")])).unwrap();
    let mut pages = BTreeMap::new();
    let urls: Vec<Option<String>> = (meta.pages.iter())
        .map(|page| {
            let path = format!("fragment/{}.pf_fragment", page.hash);
            let bytes = files.get(&path)?;
            let json: serde_json::Value = serde_json::from_slice(&payload(bytes)).unwrap();
            let url = json["url"].as_str().unwrap().to_string();
            pages.insert(url.clone(), (json, page.word_count));
            Some(url)
        })
        .collect();
    let url = |n: usize| urls[n].clone().expect("a word or filter names a page gone");
    let mut words = BTreeMap::new();
    let mut previous = String::new();
    for range in &meta.index_chunks {
        let bytes = &files[&format!("index/{}.pf_index", range.hash)];
        let chunk: Chunk = minicbor::decode(&payload(bytes)).unwrap();
        for word in chunk.words {
            assert!(word.word > previous, "{} after {previous}", word.word);
            // The runtime looks a word up in the chunks whose range holds it.
            let to: String = word.word.chars().take(range.to.chars().count()).collect();
            assert!(
                range.from <= word.word && to <= range.to,
                "{} in {}..{}",
                word.word,
                range.from,
                range.to
            );
            previous.clone_from(&word.word);
            let mut on = |name: String, list: Vec<Page>| {
                let mut number = 0;
                let pages: OnPages = list
                    .into_iter()
                    .map(|p| {
                        number += p.number;
                        (url(number), (p.locs, p.meta_locs))
                    })
                    .collect();
                if !pages.is_empty() {
                    words.insert(name, pages);
                }
            };
            on(word.word.clone(), word.pages);
            for variant in word.variants {
                on(format!("{}/{}", word.word, variant.form), variant.pages);
            }
        }
    }
    let mut filters = BTreeMap::new();
    for filter in &meta.filters {
        let bytes = &files[&format!("filter/{}.pf_filter", filter.hash)];
        let index: Filter = minicbor::decode(&payload(bytes)).unwrap();
        for value in index.values {
            let mut urls: Vec<String> = value.pages.into_iter().map(url).collect();
            urls.sort();
            filters.insert((index.filter.clone(), value.value), urls);
        }
    }
    Found {
        words,
        filters,
        pages,
        meta_fields: meta.meta_fields,
    }
}

/// The files of an index by path.
fn by_path(files: Vec<OutputFile>) -> BTreeMap<String, Vec<u8>> {
    files.into_iter().map(|f| (f.path, f.bytes)).collect()
}

/// A page of `words`, titled `title`, of kind `kind`.
fn record(url: &str, title: &str, kind: &str, words: &str) -> PageRecord {
    PageRecord {
        url: url.to_string(),
        meta: BTreeMap::from([("title".to_string(), title.to_string())]),
        filters: BTreeMap::from([("kind".to_string(), vec![kind.to_string()])]),
        runs: vec![TextRun {
            weight: 24,
            anchor: None,
            text: words.to_string(),
        }],
    }
}

/// The served index of a site, and the records it was last given, by key.
struct Served {
    index: ServedIndex,
    site: BTreeMap<String, PageRecord>,
    last: BTreeMap<String, Vec<u8>>,
    meta_hash: String,
}

impl Served {
    fn new() -> Self {
        Served {
            index: ServedIndex::new("en", fields(), "1.6.0"),
            site: BTreeMap::new(),
            last: BTreeMap::new(),
            meta_hash: String::new(),
        }
    }

    /// Puts `records` in (new or edited, by key) and takes the pages `gone` out.
    fn edit(&mut self, records: Vec<(&str, PageRecord)>, gone: &[&str]) {
        for key in gone {
            self.site.remove(*key);
        }
        let keys: Vec<String> = records.iter().map(|(k, _)| k.to_string()).collect();
        for (key, record) in &records {
            self.site.insert(key.to_string(), record.clone());
        }
        let encoded = encode_pages(
            records.into_iter().map(|(_, r)| r).collect(),
            &fields(),
            "en",
        );
        let indexed: HashSet<&str> = self.site.keys().map(String::as_str).collect();
        let index = self
            .index
            .update(keys.into_iter().zip(encoded).collect(), &indexed);
        self.meta_hash = index.meta_hash;
        self.last = by_path(index.files);
    }

    /// What a search finds in the served index, and in a full build's of its pages.
    fn found_and_fresh(&self) -> (Found, Found) {
        let records: Vec<&PageRecord> = self.site.values().collect();
        let fresh = encode_in_windows(
            records.len(),
            |n| records[n].clone(),
            fields(),
            "en",
            "1.6.0",
            WINDOW,
        );
        let fresh_found = found(&by_path(fresh.files), &fresh.meta_hash);
        (found(&self.last, &self.meta_hash), fresh_found)
    }
}

fn fields() -> Vec<String> {
    vec!["title".to_string()]
}

/// Page `n`'s text: 120 words of a vocabulary of 600, spread over the alphabet, some
/// with forms a stemmer joins (`walking`, `walked`).
fn text(n: usize) -> String {
    (0..120)
        .map(|i| {
            let w = (n * 7 + i * 13) % 600;
            let letter = (b'a' + (w % 26) as u8) as char;
            match w % 5 {
                0 => format!("{letter}walking{}", w / 26),
                1 => format!("{letter}walked{}", w / 26),
                _ => format!("{letter}word{}x{}", w / 26, w % 7),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn site(pages: usize) -> Served {
    let mut served = Served::new();
    let records: Vec<(String, PageRecord)> = (0..pages)
        .map(|n| {
            let kind = if n % 3 == 0 { "guide" } else { "article" };
            let url = format!("/p{n}/");
            (
                format!("p{n}.md"),
                record(&url, &format!("Page {n}"), kind, &text(n)),
            )
        })
        .collect();
    served.edit(
        records
            .iter()
            .map(|(k, r)| (k.as_str(), r.clone()))
            .collect(),
        &[],
    );
    served
}

#[test]
fn after_each_edit_the_served_index_finds_what_a_fresh_index_of_the_same_pages_finds() {
    let mut served = site(400);
    let (now, fresh) = served.found_and_fresh();
    assert!(now.words.len() > 500, "{}", now.words.len());
    assert_eq!(now, fresh);

    // A sentence added at the end of a page.
    let more = format!("{} zebra crossing walking", text(5));
    served.edit(
        vec![("p5.md", record("/p5/", "Page 5", "article", &more))],
        &[],
    );
    let (now, fresh) = served.found_and_fresh();
    assert!(now.words["zebra"].contains_key("/p5/"));
    assert_eq!(now, fresh);

    // A page rewritten, its title and kind changed; another taken out; a new one.
    served.edit(
        vec![
            (
                "p7.md",
                record("/p7/", "Renamed walking", "guide", "only a few words now"),
            ),
            ("new.md", record("/new/", "New page", "news", &text(3))),
        ],
        &["p2.md"],
    );
    let (now, fresh) = served.found_and_fresh();
    assert!(!now.pages.contains_key("/p2/"));
    assert_eq!(
        now.filters[&("kind".to_string(), "news".to_string())],
        ["/new/"]
    );
    assert_eq!(now, fresh);

    // The number a page gone frees is taken again by a new page; a page's words all go.
    served.edit(
        vec![
            (
                "other.md",
                record("/other/", "Other", "article", "fresh text"),
            ),
            ("p9.md", record("/p9/", "Page 9", "article", "")),
        ],
        &["new.md"],
    );
    let (now, fresh) = served.found_and_fresh();
    assert_eq!(now, fresh);
    assert_eq!(served.index.slots.len(), 400);

    // A page gone and none new: its number stays free, named by no word or filter.
    served.edit(Vec::new(), &["p11.md"]);
    let (now, fresh) = served.found_and_fresh();
    assert_eq!(now, fresh);
    assert!(served.index.slots.iter().any(Option::is_none));

    // Many pages at once, then back as they were.
    let edits: Vec<(String, PageRecord)> = (100..300)
        .map(|n| {
            (
                format!("p{n}.md"),
                record(&format!("/p{n}/"), "Same", "article", &text(n + 1)),
            )
        })
        .collect();
    served.edit(
        edits.iter().map(|(k, r)| (k.as_str(), r.clone())).collect(),
        &[],
    );
    let (now, fresh) = served.found_and_fresh();
    assert_eq!(now, fresh);
}

#[test]
fn an_edit_leaves_the_fragments_of_other_pages_and_the_chunks_of_other_words_as_they_were() {
    let mut served = site(400);
    let before = served.last.clone();
    let chunks = |files: &BTreeMap<String, Vec<u8>>| {
        (files.keys())
            .filter(|p| p.starts_with("index/"))
            .cloned()
            .collect::<HashSet<String>>()
    };
    assert!(chunks(&before).len() > 4, "{:?}", chunks(&before));

    let more = format!("{} zebra", text(5));
    served.edit(
        vec![("p5.md", record("/p5/", "Page 5", "article", &more))],
        &[],
    );
    let after = &served.last;
    // Every fragment but the edited page's is the same file.
    let fragments = |files: &BTreeMap<String, Vec<u8>>| {
        (files.iter())
            .filter(|(p, _)| p.starts_with("fragment/"))
            .map(|(p, b)| (p.clone(), b.clone()))
            .collect::<HashSet<_>>()
    };
    let (old, new) = (fragments(&before), fragments(after));
    assert_eq!(old.len(), new.len());
    assert_eq!(old.difference(&new).count(), 1);
    // Only the chunk that takes `zebra` is written again; the others keep name and bytes.
    let (old, new) = (chunks(&before), chunks(after));
    assert_eq!(old.difference(&new).count(), 1, "{old:?} {new:?}");
    for name in old.intersection(&new) {
        assert_eq!(before[name], after[name]);
    }
    // The filters did not change: their files are the same.
    let filters = |files: &BTreeMap<String, Vec<u8>>| {
        (files.iter())
            .filter(|(p, _)| p.starts_with("filter/"))
            .map(|(p, b)| (p.clone(), b.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(filters(&before), filters(after));
}

/// What a search finds in each language's index of a bundle (paths under the bundle
/// folder, as `prefix` followed by the path relative to it), by language.
pub(crate) fn bundle_found(files: &[(String, Vec<u8>)], prefix: &str) -> BTreeMap<String, Found> {
    let files: BTreeMap<String, Vec<u8>> = (files.iter())
        .filter_map(|(path, bytes)| Some((path.strip_prefix(prefix)?.to_string(), bytes.clone())))
        .collect();
    let entry: serde_json::Value = serde_json::from_slice(&files["pagefind-entry.json"]).unwrap();
    let languages = entry["languages"].as_object().unwrap();
    (languages.iter())
        .map(|(language, index)| {
            let hash = index["hash"].as_str().unwrap();
            (language.clone(), found(&files, hash))
        })
        .collect()
}
