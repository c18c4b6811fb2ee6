//! The index files in Pagefind 1.6's format, which its browser runtime reads unchanged.
//!
//! - `pagefind.<lang>_<hash>.pf_meta`: CBOR, the pages (fragment name and word count),
//!   the word range of each index chunk, the filters and the meta field names;
//! - `index/<hash>.pf_index`: CBOR, a sorted run of words, each with the pages it is on
//!   (page numbers delta-encoded) and its positions there: deltas, where a negative
//!   value `-(w + 1)` switches to weight `w` and is followed by an absolute position;
//!   title words are in `meta_locs`, per meta field;
//! - `fragment/<lang>_<tag>_<n>.pf_fragment`: JSON, a page's URL, text, meta, filters
//!   and anchors; pages are numbered by word count;
//! - `filter/<hash>.pf_filter`: CBOR, each value of a filter with its pages;
//! - and pillar's own `filters.<lang>.json` ([`urls::search_filter_counts`]): each
//!   filter's values with their page counts, as the runtime's `filters()` gives them,
//!   without loading every filter's pages.
//!
//! Every file is gzip of the `pagefind_dcd` signature followed by the payload. Pages are
//! encoded on every core; their words are then merged in page order.

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;

use flate2::Compression;
use hashbrown::HashMap;
use minicbor::Encode;
use rayon::prelude::*;
use serde::Serialize;

use super::record::{PageRecord, TextRun};
use super::words::{Interned, NO_NAME, Splitter, WordCache, WordId};
use crate::output::OutputFile;
use crate::urls;
use locations::{Packed, SiteWord, Span, word_index};

mod cbor;
mod gzip;
mod locations;
pub(crate) mod served;

/// The signature every binary file of the bundle starts with, inside its gzip.
const SIGNATURE: &[u8] = b"pagefind_dcd";

/// Pagefind's default: a chunk of the word index holds about this many locations.
const CHUNK_LOCATIONS: usize = 20_000;

/// The gzip level of the index files. Level 2 (zlib-rs's fast matcher, no lazy
/// matches) against 6: on the 1,000-article corpus the build runs 8 % fewer
/// instructions (the index's share 15 % fewer) for a bundle 4 % larger, still within
/// 6 % of the Pagefind CLI's at level 9 for the same pages (issue 26).
const GZIP_LEVEL: u32 = 2;

/// The weight a page's locations start at before their first weight switch. Prose is
/// weighted 24, so Pagefind's locations (and these) always open with a switch.
const DEFAULT_WEIGHT: u8 = 25;

/// The index of `records` for `language`: the meta file's hash (named in
/// `pagefind-entry.json`) and the files, with paths relative to the bundle folder.
pub(crate) struct EncodedIndex {
    /// `<lang>_<hash>` of the meta file.
    pub meta_hash: String,
    /// How many pages are indexed.
    pub page_count: usize,
    /// The meta, index, fragment and filter files.
    pub files: Vec<OutputFile>,
}

/// How many pages are encoded at once (on every core) before their words join the
/// site's: the encoded pages' words take several times the memory of the site's merged
/// words, so a large site is encoded a window at a time (issue 26: 10,000 pages held
/// 650 MB of encoded pages).
const WINDOW: usize = 1024;

/// Encodes the `count` pages' records, in page order, for `language` in `version`'s
/// format. `record(n)` makes page `n`'s record; each record is encoded as soon as it is
/// made (on every core, [`WINDOW`] pages at a time), so the site's text is never held
/// twice; `meta_fields` names every meta field the records have, sorted.
pub(crate) fn encode(
    count: usize,
    record: impl Fn(usize) -> PageRecord + Sync,
    meta_fields: Vec<String>,
    language: &str,
    version: &str,
) -> EncodedIndex {
    encode_in_windows(count, record, meta_fields, language, version, WINDOW)
}

/// [`encode`], `window` pages at a time.
fn encode_in_windows(
    count: usize,
    record: impl Fn(usize) -> PageRecord + Sync,
    meta_fields: Vec<String>,
    language: &str,
    version: &str,
    window: usize,
) -> EncodedIndex {
    let splitter = Splitter::new(language);
    let fields = meta_fields.clone();
    let page = |n: usize, cache: &mut WordCache| encode_page(record(n), &fields, cache);
    let cache = || WordCache::new(&splitter);
    index_pages(count, cache, page, meta_fields, language, version, window)
}

/// The pages' records encoded one by one, on every core, for `language`, with
/// `meta_fields` (sorted): what [`served::ServedIndex`] is given.
pub(crate) fn encode_pages(
    records: Vec<PageRecord>,
    meta_fields: &[String],
    language: &str,
) -> Vec<EncodedPage> {
    let splitter = Splitter::new(language);
    records
        .into_par_iter()
        .map_init(
            || WordCache::new(&splitter),
            |cache, record| encode_page(record, meta_fields, cache),
        )
        .collect()
}

/// The index of `count` pages, `page(n, cache)` encoding page `n` with a `cache` of its
/// thread's (made by `cache()`), `window` pages at a time.
fn index_pages<C>(
    count: usize,
    cache: impl Fn() -> C + Sync + Send,
    page: impl Fn(usize, &mut C) -> EncodedPage + Sync,
    meta_fields: Vec<String>,
    language: &str,
    version: &str,
    window: usize,
) -> EncodedIndex {
    let mut names = BundleNames::new(language);
    let mut files = Vec::new();
    let mut meta = MetaIndex {
        version: version.to_string(),
        meta_fields,
        ..MetaIndex::default()
    };
    let mut words: HashMap<String, SiteWord> = HashMap::new();
    let mut filters: BTreeMap<String, BTreeMap<String, Vec<usize>>> = BTreeMap::new();
    let mut fragments = Vec::with_capacity(count);
    let mut forms: HashMap<String, Forms> = HashMap::new();
    for start in (0..count).step_by(window) {
        let window: Vec<EncodedPage> = (start..count.min(start + window))
            .into_par_iter()
            .map_init(&cache, |cache, number| page(number, cache))
            .collect();
        for (number, page) in (start..).zip(window) {
            merge_words(&mut words, &page, number);
            for (stem, first, last) in page.forms() {
                let site_forms = forms.entry_ref(stem).or_default();
                site_forms.add(first);
                site_forms.add(last);
            }
            fragments.push((page.word_count, page.fragment_hash, page.fragment));
            for (filter, values) in page.filters {
                for value in values {
                    let pages = filters.entry(filter.clone()).or_default();
                    pages.entry(value).or_default().push(number);
                }
            }
        }
    }
    let page_count = count;

    // The pages are numbered by word count, shortest first, and their fragments named
    // by that number after a tag of the whole index: the meta file lists every page's
    // fragment name and word count, and in this order both change little from one page
    // to the next, which gzip turns into a third of the bytes that names from each
    // page's own hash take (issue 26: 75 KB of the 10,000-article site's query). The
    // tag changes with any fragment, so a name never stands for other contents in
    // another build, which a browser's cache could otherwise serve.
    let mut order: Vec<usize> = (0..count).collect();
    order.sort_by_key(|&n| (fragments[n].0, n));
    let mut renumbered = vec![0; count];
    for (new, &old) in order.iter().enumerate() {
        renumbered[old] = new;
    }
    let tag = fragments
        .iter()
        .fold(fnv1a(language.as_bytes()), |tag, (_, hash, _)| {
            fnv1a(&[tag.to_le_bytes(), hash.to_le_bytes()].concat())
        });
    let tag = &hex(tag)[..6];
    let mut fragments: Vec<Option<(u32, Vec<u8>)>> = fragments
        .into_iter()
        .map(|(word_count, _, bytes)| Some((word_count, bytes)))
        .collect();
    for (number, &old) in order.iter().enumerate() {
        let Some((word_count, bytes)) = fragments[old].take() else {
            continue;
        };
        let hash = format!("{language}_{tag}_{}", base36(number));
        files.push(OutputFile::new(
            format!("fragment/{hash}.pf_fragment"),
            bytes,
        ));
        meta.pages.push(MetaPage {
            hash,
            word_count,
            group_hash: String::new(),
        });
    }
    for pages in filters.values_mut().flat_map(BTreeMap::values_mut) {
        for page in pages.iter_mut() {
            *page = renumbered[*page];
        }
        pages.sort_unstable();
    }
    for word in words.values_mut() {
        word.pages.renumber(&renumbered);
        for (_, pages) in &mut word.variants {
            pages.renumber(&renumbered);
        }
    }

    let mut words: Vec<SiteWord> = words.into_values().collect();
    words.sort_unstable_by(|a, b| a.word.cmp(&b.word));
    let words: Vec<&SiteWord> = words.iter().collect();
    let chunks = chunk_sorted(&words, &forms);
    meta.index_chunks = chunk_ranges(&words, &chunks, &forms);
    let encoded: Vec<(u64, Vec<u8>)> = chunks
        .par_iter()
        .map(|chunk| compress(&word_index(&words[chunk.clone()])))
        .collect();
    for (range, (hash, bytes)) in meta.index_chunks.iter_mut().zip(encoded) {
        range.hash = names.index.name(hash);
        files.push(OutputFile::new(
            format!("index/{}.pf_index", range.hash),
            bytes,
        ));
    }

    let (filter_files, meta_filters) = filter_files(filters, language, &mut names.filter);
    files.extend(filter_files);
    meta.filters = meta_filters;
    let (meta_hash, meta_file) = meta_file(&meta, language);
    files.push(meta_file);
    EncodedIndex {
        meta_hash,
        page_count,
        files,
    }
}

/// The filter files of `filters` (each filter's values with their pages, sorted), named
/// by `names`, pillar's `filters.<lang>.json` of their counts, and the meta file's list
/// of them.
fn filter_files(
    filters: BTreeMap<String, BTreeMap<String, Vec<usize>>>,
    language: &str,
    names: &mut Names,
) -> (Vec<OutputFile>, Vec<MetaFilter>) {
    let mut files = Vec::new();
    let mut meta = Vec::new();
    let counts: BTreeMap<&str, BTreeMap<&str, usize>> = filters
        .iter()
        .map(|(filter, values)| {
            let values = values.iter().map(|(v, pages)| (v.as_str(), pages.len()));
            (filter.as_str(), values.collect())
        })
        .collect();
    files.push(OutputFile::new(
        urls::search_filter_counts(language),
        serde_json::to_vec(&counts).unwrap_or_default(),
    ));
    for (filter, values) in filters {
        let index = FilterIndex {
            filter: filter.clone(),
            values: values
                .into_iter()
                .map(|(value, pages)| FilterValue { value, pages })
                .collect(),
        };
        let (hash, bytes) = compress(&cbor(&index));
        let hash = names.name(hash);
        files.push(OutputFile::new(format!("filter/{hash}.pf_filter"), bytes));
        meta.push(MetaFilter { filter, hash });
    }
    (files, meta)
}

/// The meta file of `language`'s index, and `<lang>_<hash>`, its name in the entry.
fn meta_file(meta: &MetaIndex, language: &str) -> (String, OutputFile) {
    let (hash, bytes) = compress_at(&cbor(meta), Compression::best());
    let meta_hash = format!("{language}_{}", &hex(hash)[..10]);
    let file = OutputFile::new(format!("pagefind.{meta_hash}.pf_meta"), bytes);
    (meta_hash, file)
}

/// A page, encoded: its fragment (compressed, with the hash of its JSON), and its words
/// with their locations, packed. What it holds does not depend on where the page is in
/// the index: its number is given as its words join the site's.
///
/// The words are laid out flat, their text in one string and their locations in one
/// buffer: a page is a few allocations, not a few per word (issue 26: at 10,000 pages,
/// millions of small vectors made on one thread and freed on another).
#[derive(Clone)]
pub(crate) struct EncodedPage {
    fragment: Vec<u8>,
    fragment_hash: u64,
    word_count: u32,
    filters: BTreeMap<String, Vec<String>>,
    /// The text of the words, forms and stems named below, one after another.
    names: String,
    /// Per stem whose words take other forms in the text: the stem, its first and its
    /// last form.
    forms: Vec<[Name; 3]>,
    /// Each word, and each of its forms with diacritics, with its locations; the
    /// entries of a word follow each other, the one without diacritics first.
    words: Vec<PageWord>,
    /// The locations of every entry of `words`.
    locs: Vec<i32>,
}

/// A range of [`EncodedPage::names`].
type Name = (u32, u32);

/// A word of a page, or a form of it with diacritics, and where its locations are.
#[derive(Clone, Copy)]
struct PageWord {
    word: Name,
    /// The form with diacritics; `None` for the word as written without.
    form: Option<Name>,
    span: Span,
}

impl EncodedPage {
    fn name(&self, (start, end): Name) -> &str {
        &self.names[start as usize..end as usize]
    }

    /// Each word of the page with its entries (the one without diacritics first).
    fn words(&self) -> impl Iterator<Item = (&str, &[PageWord])> {
        (self.words.chunk_by(|a, b| a.word == b.word)).map(|entries| {
            let word = self.name(entries[0].word);
            (word, entries)
        })
    }

    /// The locations of `entry`, and its form (`None` without diacritics).
    fn entry(&self, entry: &PageWord) -> (Option<&str>, Packed<'_>) {
        let form = entry.form.map(|form| self.name(form));
        (form, entry.span.in_buffer(&self.locs))
    }

    /// Per stem whose words take other forms in the text: the stem, its first and its
    /// last form.
    fn forms(&self) -> impl Iterator<Item = (&str, &str, &str)> {
        (self.forms.iter())
            .map(|&[stem, first, last]| (self.name(stem), self.name(first), self.name(last)))
    }
}

/// An [`EncodedPage`]'s words as they are added.
#[derive(Default)]
struct PageWords {
    names: String,
    words: Vec<PageWord>,
    locs: Vec<i32>,
    forms: Vec<[Name; 3]>,
}

/// A word of a page at a location of its text, as one number that sorts by word, then
/// in [`text_order`]: stem and form (the [`WordId`]), weight order, position, weight.
type TextLocation = u128;

/// A word of a page at a location of a meta field, as one number that sorts by word,
/// then field number, then position.
type MetaLocation = u128;

/// The [`TextLocation`] of word `id` at position `at` with `weight`.
fn text_location((stem, form): WordId, at: u32, weight: u8) -> TextLocation {
    let (order, at) = text_order(&(at, weight));
    (u128::from(stem) << 96)
        | (u128::from(form) << 64)
        | (u128::from(order) << 40)
        | (u128::from(at) << 8)
        | u128::from(weight)
}

/// The [`MetaLocation`] of word `id` at position `at` of meta field `field`.
fn meta_location((stem, form): WordId, field: u16, at: u32) -> MetaLocation {
    (u128::from(stem) << 96) | (u128::from(form) << 64) | (u128::from(field) << 32) | u128::from(at)
}

/// The word of a [`TextLocation`] or [`MetaLocation`].
fn located_word(location: u128) -> WordId {
    ((location >> 96) as u32, (location >> 64) as u32)
}

impl PageWords {
    /// The words of a page at `text` and `meta` locations, and its stems' `forms`
    /// (stem and form), all numbered by `names`.
    fn new(
        mut text: Vec<TextLocation>,
        mut meta: Vec<MetaLocation>,
        mut forms: Vec<(u32, u32)>,
        names: &Interned,
    ) -> Self {
        text.sort_unstable();
        meta.sort_unstable();
        // The page's words, a stem's entries together: without diacritics first, then
        // each form with, in order.
        let mut ids: Vec<WordId> = text.iter().map(|&t| located_word(t)).collect();
        ids.dedup();
        ids.extend(meta.iter().map(|&m| located_word(m)));
        ids.sort_unstable();
        ids.dedup();
        let original = |id: &WordId| (id.1 != NO_NAME).then(|| names.name(id.1));
        ids.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| original(a).cmp(&original(b))));
        let mut page = PageWords::default();
        let mut stem: Option<(u32, Name)> = None;
        for id in ids {
            let word = match stem {
                Some((number, name)) if number == id.0 => name,
                _ => page.name(names.name(id.0)),
            };
            stem = Some((id.0, word));
            let run = |start: usize, len: usize| start..start + len;
            let of_word = |locations: &[u128]| {
                let at = locations.partition_point(|&l| located_word(l) < id);
                let len = locations[at..].partition_point(|&l| located_word(l) == id);
                run(at, len)
            };
            let text = &text[of_word(&text)];
            let meta = &meta[of_word(&meta)];
            let start = page.locs.len();
            let text_locations = text.iter().map(|&l| ((l >> 8) as u32, l as u8));
            pack_text(text_locations, &mut page.locs);
            let text_len = page.locs.len() - start;
            pack_meta(
                meta.iter().map(|&l| ((l >> 32) as u16, l as u32)),
                &mut page.locs,
            );
            let span = Span {
                start: start as u32,
                text: text_len as u32,
                meta: (page.locs.len() - start - text_len) as u32,
            };
            let form = original(&id).map(|form| page.name(form));
            page.words.push(PageWord { word, form, span });
        }
        forms.sort_unstable();
        forms.dedup();
        for stem_forms in forms.chunk_by(|a, b| a.0 == b.0) {
            let forms = stem_forms.iter().map(|&(_, form)| names.name(form));
            let (Some(first), Some(last)) = (forms.clone().min(), forms.max()) else {
                continue;
            };
            let stem = names.name(stem_forms[0].0);
            let names = [stem, first, last].map(|name| page.name(name));
            page.forms.push(names);
        }
        page
    }

    /// Adds `text` to the names.
    fn name(&mut self, text: &str) -> Name {
        let start = self.names.len() as u32;
        self.names.push_str(text);
        (start, self.names.len() as u32)
    }
}

/// The forms a stem's words take in the text, as far as they reach in the sorted
/// words: the first and the last.
#[derive(Default, Clone, PartialEq, Debug)]
struct Forms {
    first: String,
    last: String,
}

impl Forms {
    /// Takes `form` into account.
    fn add(&mut self, form: &str) {
        if self.first.is_empty() || form < self.first.as_str() {
            self.first = form.to_string();
        }
        if form > self.last.as_str() {
            self.last = form.to_string();
        }
    }
}

/// Splits the words of a page, packs their locations and writes its fragment.
fn encode_page(record: PageRecord, meta_fields: &[String], cache: &mut WordCache) -> EncodedPage {
    cache.start_page();
    let mut words: Vec<TextLocation> = Vec::new();
    let mut meta: Vec<MetaLocation> = Vec::new();
    let mut forms: Vec<(u32, u32)> = Vec::new();
    let mut content = String::new();
    let mut anchors = Vec::new();
    let mut position: u32 = 0;
    for TextRun {
        weight,
        anchor,
        text,
    } in &record.runs
    {
        if let Some(anchor) = anchor {
            anchors.push(FragmentAnchor {
                element: &anchor.element,
                id: &anchor.id,
                text: &anchor.text,
                location: position,
            });
        }
        for raw in text.split_whitespace() {
            content.push_str(raw);
            content.push(' ');
            let split = cache.split(raw);
            forms.extend(split.form_ids);
            let part_weight = match u8::try_from(split.parts.len()).unwrap_or(u8::MAX) {
                0 => 0,
                _ if *weight == 0 => 0,
                n => (weight / n).max(1),
            };
            if let Some(id) = split.word {
                words.push(text_location(id, position, *weight));
            }
            for &id in &split.parts {
                words.push(text_location(id, position, part_weight));
            }
            position += 1;
        }
    }
    content.truncate(content.trim_end().len());
    for (field, name) in meta_fields.iter().enumerate() {
        let Some(value) = record.meta.get(name) else {
            continue;
        };
        for (at, raw) in value.split_whitespace().enumerate() {
            for &id in cache.split_meta(raw) {
                meta.push(meta_location(id, field as u16, at as u32));
            }
        }
    }
    let word_count = position.max(1);
    let fragment = Fragment {
        url: &record.url,
        content: &content,
        word_count,
        filters: &record.filters,
        meta: &record.meta,
        anchors,
    };
    let json = serde_json::to_vec(&fragment).unwrap_or_default();
    let (fragment_hash, fragment) = compress(&json);
    let page = PageWords::new(words, meta, forms, cache.names());
    EncodedPage {
        fragment,
        fragment_hash,
        word_count,
        filters: record.filters,
        names: page.names,
        forms: page.forms,
        words: page.words,
        locs: page.locs,
    }
}

/// `n` in base 36, digits then lowercase letters: the shortest name a number gets.
fn base36(mut n: usize) -> String {
    let mut digits = Vec::new();
    loop {
        digits.push(b"0123456789abcdefghijklmnopqrstuvwxyz"[n % 36]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    digits.reverse();
    String::from_utf8(digits).unwrap_or_default()
}

/// Adds the words of page `number` (the pages come in order) to the site's.
fn merge_words(site: &mut HashMap<String, SiteWord>, page: &EncodedPage, number: usize) {
    for (word, entries) in page.words() {
        let site_word = site.entry_ref(word).or_insert_with(|| SiteWord::new(word));
        for entry in entries {
            match page.entry(entry) {
                (None, locations) => site_word.pages.push(number, locations),
                (Some(form), locations) => site_word.variant(form).push(number, locations),
            }
        }
    }
}

/// The order text locations (position and weight) are packed in: grouped by weight,
/// the default weight first, each group by position.
fn text_order(&(at, weight): &(u32, u8)) -> (u8, u32) {
    (if weight == DEFAULT_WEIGHT { 0 } else { weight }, at)
}

/// Appends text locations (position and weight, in [`text_order`]) to `packed`,
/// delta-encoded within a weight; `-(w + 1)` switches to weight `w` and is followed by
/// an absolute position.
fn pack_text(locations: impl Iterator<Item = (u32, u8)>, packed: &mut Vec<i32>) {
    let mut weight = DEFAULT_WEIGHT;
    let mut last = 0;
    for (at, w) in locations {
        if w == weight {
            packed.push((at - last) as i32);
        } else {
            packed.push(-i32::from(w) - 1);
            packed.push(at as i32);
            weight = w;
        }
        last = at;
    }
}

/// Appends meta locations (field and position, in order) to `packed` by field:
/// `-(field + 1)` starts a field, then delta-encoded positions.
fn pack_meta(locations: impl Iterator<Item = (u16, u32)>, packed: &mut Vec<i32>) {
    let mut field = None;
    let mut last = 0;
    for (f, at) in locations {
        if field != Some(f) {
            packed.push(-i32::from(f) - 1);
            field = Some(f);
            last = 0;
        }
        packed.push((at - last) as i32);
        last = at;
    }
}

/// The words in order, cut into chunks of about [`CHUNK_LOCATIONS`] locations, never
/// between a stem and the forms it stands for (`set` and `setting`) or the few words
/// it begins (`set_point`), up to
/// [`MAX_CHUNK_LOCATIONS`]: the runtime loads the chunk of the word a reader typed as
/// well as its stem's, and a chunk of other words for the typed form (about 60 KB for
/// a word on most pages of a 10,000-page site) is a chunk too many (issue 26).
///
/// `words` are sorted; each chunk is a range of them.
fn chunk_sorted(words: &[&SiteWord], forms: &HashMap<String, Forms>) -> Vec<Range<usize>> {
    let whole = whole_spans(words, forms);
    let mut chunks = Vec::new();
    let mut start = 0;
    let mut size = 0;
    for (i, word) in words.iter().enumerate() {
        size += word.size();
        if (size >= CHUNK_LOCATIONS && whole[i]) || size >= MAX_CHUNK_LOCATIONS {
            chunks.push(start..i + 1);
            start = i + 1;
            size = 0;
        }
    }
    if start < words.len() {
        chunks.push(start..words.len());
    }
    chunks
}

/// How many words a word may begin (`risk` begins `risks_owner`) and still keep them
/// in its chunk.
const MAX_BEGUN_WORDS: usize = 64;

/// How large a chunk may grow to keep a stem with its forms and the words it begins:
/// the runtime loads those together anyway (a search for a word looks at every word it
/// begins), so the bound only stops a long chain of them.
const MAX_CHUNK_LOCATIONS: usize = 10 * CHUNK_LOCATIONS;

/// For each of the sorted `words`, whether a chunk may end after it: no stem before it
/// has a form (or a word it begins) after it, and no stem after it a form before it.
fn whole_spans(words: &[&SiteWord], forms: &HashMap<String, Forms>) -> Vec<bool> {
    let n = words.len();
    // The span of sorted positions each word's forms cover, and the words it begins
    // (the runtime also loads the chunks of the words a typed word begins), when they
    // are few.
    let spans: Vec<(usize, usize)> = words
        .iter()
        .enumerate()
        .map(|(i, word)| {
            let begun = i + words[i..].partition_point(|w| w.word.starts_with(&word.word)) - 1;
            let begun = if begun - i <= MAX_BEGUN_WORDS {
                begun
            } else {
                i
            };
            match forms.get(&word.word) {
                None => (i, begun),
                Some(f) => {
                    let first = words.partition_point(|w| w.word < f.first);
                    let last = words.partition_point(|w| w.word <= f.last);
                    (first.min(i), last.saturating_sub(1).max(begun))
                }
            }
        })
        .collect();
    let mut reach_after = vec![0; n];
    let mut furthest = 0;
    for (i, &(_, last)) in spans.iter().enumerate() {
        furthest = furthest.max(last);
        reach_after[i] = furthest;
    }
    let mut reach_before = vec![0; n];
    let mut earliest = usize::MAX;
    for i in (0..n).rev() {
        earliest = earliest.min(spans[i].0);
        reach_before[i] = earliest;
    }
    (0..n)
        .map(|i| reach_after[i] <= i && (i + 1 == n || reach_before[i + 1] > i))
        .collect()
}

/// The word range of each chunk, each bound cut to the shortest prefix that still
/// tells neighbouring chunks apart, then widened to take in the forms of the chunk's
/// stems, so the runtime finds a typed form in its stem's chunk. Each of `chunks` is
/// a range of `words`.
fn chunk_ranges(
    words: &[&SiteWord],
    chunks: &[Range<usize>],
    forms: &HashMap<String, Forms>,
) -> Vec<MetaChunk> {
    let mut ranges = prefix_ranges(chunks.iter().map(|chunk| {
        let chunk = &words[chunk.clone()];
        let word = |w: Option<&&SiteWord>| w.map_or_else(String::new, |w| w.word.clone());
        (word(chunk.first()), word(chunk.last()))
    }));
    for (range, chunk) in ranges.iter_mut().zip(chunks) {
        if let Some(reach) = chunk_forms(&words[chunk.clone()], forms) {
            range.widen(&reach);
        }
    }
    ranges
}

/// The first and the last of the forms of the stems among `chunk`'s words, if any.
fn chunk_forms(chunk: &[&SiteWord], forms: &HashMap<String, Forms>) -> Option<Forms> {
    let mut reach: Option<Forms> = None;
    for f in chunk.iter().filter_map(|w| forms.get(&w.word)) {
        match &mut reach {
            None => reach = Some(f.clone()),
            Some(reach) => {
                reach.add(&f.first);
                reach.add(&f.last);
            }
        }
    }
    reach
}

impl MetaChunk {
    /// Takes in the forms from `reach.first` to `reach.last`.
    fn widen(&mut self, reach: &Forms) {
        if reach.first < self.from {
            self.from.clone_from(&reach.first);
        }
        if reach.last > self.to {
            self.to.clone_from(&reach.last);
        }
    }
}

/// The ranges of chunks whose first and last words are `bounds`, in order: each bound
/// cut to the shortest prefix that still tells neighbouring chunks apart.
fn prefix_ranges(bounds: impl Iterator<Item = (String, String)>) -> Vec<MetaChunk> {
    let mut ranges: Vec<MetaChunk> = bounds
        .map(|(from, to)| MetaChunk {
            from,
            to,
            hash: String::new(),
        })
        .collect();
    for i in 1..ranges.len() {
        let shared = ranges[i]
            .from
            .chars()
            .zip(ranges[i - 1].to.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let to: String = ranges[i - 1].to.chars().take(shared + 1).collect();
        if to >= ranges[i - 1].from {
            ranges[i - 1].to = to;
        }
        ranges[i].from = ranges[i].from.chars().take(shared + 1).collect();
    }
    ranges
}

/// Short names for files of one kind: `<lang>_` and the first 7 hex digits of the
/// contents' hash, longer where two files would share a name.
struct Names {
    prefix: String,
    taken: HashSet<String>,
}

/// The name sets of the bundle's folders named by hash (fragments are named by page).
struct BundleNames {
    index: Names,
    filter: Names,
}

impl Names {
    /// No names taken yet, each to begin with `<language>_`.
    fn new(language: &str) -> Self {
        Names {
            prefix: format!("{language}_"),
            taken: HashSet::new(),
        }
    }

    /// Gives `name` up: a file of other contents may take it.
    fn release(&mut self, name: &str) {
        self.taken.remove(name);
    }

    fn name(&mut self, hash: u64) -> String {
        let hex = hex(hash);
        let mut length = 7;
        loop {
            let mut name = format!("{}{}", self.prefix, &hex[..length.min(hex.len())]);
            if length > hex.len() {
                name.push_str(&format!("-{}", length - hex.len()));
            }
            if self.taken.insert(name.clone()) {
                return name;
            }
            length += 1;
        }
    }
}

impl BundleNames {
    fn new(language: &str) -> Self {
        BundleNames {
            index: Names::new(language),
            filter: Names::new(language),
        }
    }
}

/// `bytes` behind the signature, gzipped, with the hash of `bytes`.
fn compress(bytes: &[u8]) -> (u64, Vec<u8>) {
    compress_at(bytes, Compression::new(GZIP_LEVEL))
}

/// [`compress`] at `level`: the meta file, which every query loads and which is
/// written once, at the best level.
fn compress_at(bytes: &[u8], level: Compression) -> (u64, Vec<u8>) {
    (fnv1a(bytes), gzip::gzip(&[SIGNATURE, bytes], level))
}

/// `value` in CBOR.
fn cbor<T: Encode<()>>(value: &T) -> Vec<u8> {
    // Encoding to a vector cannot fail.
    minicbor::to_vec(value).unwrap_or_default()
}

/// The 64-bit FNV-1a hash of `bytes`: stable across builds and platforms.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// 16 lowercase hex digits.
fn hex(hash: u64) -> String {
    format!("{hash:016x}")
}

/// `pagefind.<hash>.pf_meta`.
#[derive(Encode, Default)]
struct MetaIndex {
    #[n(0)]
    version: String,
    #[n(1)]
    pages: Vec<MetaPage>,
    #[n(2)]
    index_chunks: Vec<MetaChunk>,
    #[n(3)]
    filters: Vec<MetaFilter>,
    #[n(4)]
    sorts: Vec<MetaSort>,
    #[n(5)]
    meta_fields: Vec<String>,
}

#[derive(Encode)]
struct MetaPage {
    #[n(0)]
    hash: String,
    #[n(1)]
    word_count: u32,
    #[n(2)]
    group_hash: String,
}

#[derive(Encode)]
struct MetaChunk {
    #[n(0)]
    from: String,
    #[n(1)]
    to: String,
    #[n(2)]
    hash: String,
}

#[derive(Encode, Clone)]
struct MetaFilter {
    #[n(0)]
    filter: String,
    #[n(1)]
    hash: String,
}

/// A sort order (none are written; the field must be there).
#[derive(Encode)]
struct MetaSort {
    #[n(0)]
    sort: String,
    #[n(1)]
    pages: Vec<usize>,
}

/// `filter/<hash>.pf_filter`.
#[derive(Encode)]
struct FilterIndex {
    #[n(0)]
    filter: String,
    #[n(1)]
    values: Vec<FilterValue>,
}

#[derive(Encode)]
struct FilterValue {
    #[n(0)]
    value: String,
    #[n(1)]
    pages: Vec<usize>,
}

/// `fragment/<hash>.pf_fragment`.
#[derive(Serialize)]
struct Fragment<'a> {
    url: &'a str,
    content: &'a str,
    word_count: u32,
    filters: &'a BTreeMap<String, Vec<String>>,
    meta: &'a BTreeMap<String, String>,
    anchors: Vec<FragmentAnchor<'a>>,
}

#[derive(Serialize)]
struct FragmentAnchor<'a> {
    element: &'a str,
    id: &'a str,
    text: &'a str,
    location: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_locations_start_with_a_weight_switch_and_are_deltas_within_a_weight() {
        // Prose (24) at 3 and 7, a heading word (144) at 1, a compound part (12) at 5.
        let mut locations = vec![(7, 24), (1, 144), (3, 24), (5, 12)];
        locations.sort_unstable_by_key(text_order);
        let mut packed = Vec::new();
        pack_text(locations.into_iter(), &mut packed);
        assert_eq!(packed, [-13, 5, -25, 3, 4, -145, 1]);
    }

    #[test]
    fn meta_locations_are_grouped_by_field() {
        let mut packed = Vec::new();
        pack_meta([(0, 2), (1, 0), (1, 4)].into_iter(), &mut packed);
        assert_eq!(packed, [-1, 2, -2, 0, 4]);
    }

    #[test]
    fn chunk_bounds_are_the_shortest_prefixes_that_tell_chunks_apart() {
        let words = ["apple", "apricot", "banana"].map(SiteWord::new);
        let words: Vec<&SiteWord> = words.iter().collect();
        let ranges: Vec<(String, String)> = chunk_ranges(&words, &[0..1, 1..3], &HashMap::new())
            .into_iter()
            .map(|r| (r.from, r.to))
            .collect();
        assert_eq!(
            ranges,
            [
                ("apple".to_string(), "apple".to_string()),
                ("apr".to_string(), "banana".to_string())
            ]
        );
    }

    #[test]
    fn no_chunk_ends_between_a_stem_and_its_forms() {
        // `setting` is stemmed `set`: a reader typing "setting" makes the runtime load
        // the chunk that would hold `setting`, which must be the one holding `set`.
        let words = ["apple", "set", "setb", "shape", "shaped", "shore"].map(SiteWord::new);
        let words: Vec<&SiteWord> = words.iter().collect();
        let forms = HashMap::from([(
            "set".to_string(),
            Forms {
                first: "setting".to_string(),
                last: "setting".to_string(),
            },
        )]);
        // `shape` begins `shaped`, which a search for "shape" loads too.
        assert_eq!(
            whole_spans(&words, &forms),
            [true, false, true, false, true, true]
        );
        let words = ["apple", "set", "shape"].map(SiteWord::new);
        let words: Vec<&SiteWord> = words.iter().collect();
        let ranges = chunk_ranges(&words, &[0..2, 2..3], &forms);
        assert_eq!(ranges[0].to, "setting");
        assert_eq!(ranges[1].from, "sh");
    }

    #[test]
    fn pages_are_numbered_by_word_count_and_fragments_named_by_number() {
        let record = |n: usize| PageRecord {
            url: format!("/p{n}/"),
            meta: BTreeMap::new(),
            filters: BTreeMap::new(),
            runs: vec![TextRun {
                weight: 24,
                anchor: None,
                text: "word ".repeat(3 - n),
            }],
        };
        let index = encode_in_windows(3, record, Vec::new(), "en", "1.6.0", WINDOW);
        let fragments: Vec<&str> = index
            .files
            .iter()
            .map(|f| f.path.as_str())
            .filter(|p| p.starts_with("fragment/"))
            .collect();
        let tag = &fragments[0]["fragment/en_".len()..][..6];
        assert_eq!(
            fragments,
            ["0", "1", "2"].map(|n| format!("fragment/en_{tag}_{n}.pf_fragment"))
        );
        // The shortest page, the last one written, is page 0.
        let first = &index
            .files
            .iter()
            .find(|f| f.path == fragments[0])
            .unwrap()
            .bytes;
        let mut json = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&first[..]), &mut json)
            .unwrap();
        assert!(json.contains("/p2/"), "{json}");
    }

    #[test]
    fn the_index_does_not_depend_on_how_many_pages_are_encoded_at_once() {
        let record = |n: usize| PageRecord {
            url: format!("/p{n}/"),
            meta: BTreeMap::from([("title".to_string(), format!("Page {n}"))]),
            filters: BTreeMap::from([("kind".to_string(), vec![format!("k{}", n % 3)])]),
            runs: vec![TextRun {
                weight: 24,
                anchor: None,
                text: format!(
                    "shared words on every page, and word{n} once, café {}",
                    n % 4
                ),
            }],
        };
        let fields = || vec!["title".to_string()];
        let whole = encode_in_windows(7, record, fields(), "en", "1.6.0", WINDOW);
        let in_threes = encode_in_windows(7, record, fields(), "en", "1.6.0", 3);
        assert_eq!(whole.page_count, 7);
        assert_eq!(whole.meta_hash, in_threes.meta_hash);
        assert_eq!(whole.files, in_threes.files);
    }

    #[test]
    fn names_grow_where_two_hashes_share_a_prefix() {
        let mut names = BundleNames::new("en").index;
        assert_eq!(names.name(0x1234_5678_9abc_def0), "en_1234567");
        assert_eq!(names.name(0x1234_5670_0000_0000), "en_12345670");
    }
}
