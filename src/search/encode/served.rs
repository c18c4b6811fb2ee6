//! The index `pillar serve` keeps up to date, edit after edit, in the same format as a
//! full build's but not with its bytes: only what an edit changed is encoded again.
//!
//! - A page keeps its number for as long as it is indexed (a page gone frees its number,
//!   which the next new page takes), so an edit never renumbers the others; a full
//!   build numbers pages by word count, which one edit can shift for every page.
//! - A fragment is named after the hash of its contents (`<lang>_<hash>`), so an
//!   unchanged page keeps its fragment file and an edited one gets a new name (a
//!   browser never serves the old contents from its cache).
//! - The site's words and their pages are kept merged, with each chunk of the word
//!   index as written. A page encoded again changes only the words whose locations on
//!   it differ (a sentence added at the end changes the words of that sentence); only
//!   the chunks holding those words are encoded again, cut again where they grew
//!   (never between a stem and its forms); every other chunk keeps its bytes and name.
//! - The filter files are written again only when a page's filters changed; the meta
//!   file (every page, chunk range and filter) is written on every update.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::ops::{Bound, Range};

use hashbrown::HashMap;
use rayon::prelude::*;

use super::locations::{Packed, PageList, SiteWord, word_index};
use super::{
    CHUNK_LOCATIONS, EncodedIndex, EncodedPage, Forms, MetaFilter, MetaIndex, MetaPage, Names,
    PageWord, chunk_forms, chunk_sorted, compress, filter_files, hex, meta_file, prefix_ranges,
};
use crate::output::OutputFile;

/// One language tree's index as `pillar serve` last served it.
pub(crate) struct ServedIndex {
    language: String,
    version: String,
    meta_fields: Vec<String>,
    /// Each page's number, by key.
    numbers: HashMap<String, usize>,
    /// The pages by number; `None` for a number freed and not taken again yet.
    slots: Vec<Option<Slot>>,
    /// The numbers freed, the smallest taken first.
    free: BTreeSet<usize>,
    /// Every word with its pages (in page order), by word.
    words: BTreeMap<String, SiteWord>,
    /// Per stem, how many of its pages' first and last forms each form is.
    forms: HashMap<String, BTreeMap<String, usize>>,
    /// The chunks of the word index, in word order: chunk `i` holds the words from its
    /// first up to the next chunk's first.
    chunks: Vec<Chunk>,
    chunk_names: Names,
    /// Each filter's values with their pages.
    filters: BTreeMap<String, BTreeMap<String, BTreeSet<usize>>>,
    /// The filter files and the meta file's list of them, as last written; `None` when
    /// a page's filters changed since.
    filter_files: Option<(Vec<OutputFile>, Vec<MetaFilter>)>,
}

/// A page of the index: what the next update needs to take it out again.
struct Slot {
    key: String,
    /// `<lang>_<hash of its contents>`.
    fragment_name: String,
    fragment: Vec<u8>,
    word_count: u32,
    filters: BTreeMap<String, Vec<String>>,
    forms: Vec<(String, Forms)>,
    words: Vec<String>,
}

/// A chunk of the word index, as written.
struct Chunk {
    /// Its first and last words.
    first: String,
    last: String,
    /// The first and last forms of its stems, which its range takes in.
    forms: Option<Forms>,
    name: String,
    bytes: Vec<u8>,
}

impl ServedIndex {
    /// An index of no pages yet, for `language` in `version`'s format, with
    /// `meta_fields` (sorted).
    pub(crate) fn new(language: &str, meta_fields: Vec<String>, version: &str) -> Self {
        ServedIndex {
            language: language.to_string(),
            version: version.to_string(),
            meta_fields,
            numbers: HashMap::new(),
            slots: Vec::new(),
            free: BTreeSet::new(),
            words: BTreeMap::new(),
            forms: HashMap::new(),
            chunks: Vec::new(),
            chunk_names: Names::new(language),
            filters: BTreeMap::new(),
            filter_files: None,
        }
    }

    /// Whether the page `key` is indexed.
    pub(crate) fn has(&self, key: &str) -> bool {
        self.numbers.contains_key(key)
    }

    /// The index after `pages` (each page's key and the page, encoded with this
    /// index's meta fields and language) replace the pages of the same keys, and the
    /// pages whose keys are not in `indexed` are taken out.
    pub(crate) fn update(
        &mut self,
        pages: Vec<(String, EncodedPage)>,
        indexed: &HashSet<&str>,
    ) -> EncodedIndex {
        let mut changed: BTreeSet<String> = BTreeSet::new();
        let gone: Vec<usize> = (self.slots.iter().enumerate())
            .filter_map(|(n, slot)| Some((n, slot.as_ref()?)))
            .filter(|(_, slot)| !indexed.contains(slot.key.as_str()))
            .map(|(n, _)| n)
            .collect();
        for number in gone {
            if let Some(slot) = self.take_out(number, &HashSet::new(), &mut changed) {
                if !slot.filters.is_empty() {
                    self.filter_files = None;
                }
                changed.extend(slot.forms.into_iter().map(|(stem, _)| stem));
                self.numbers.remove(&slot.key);
                self.free.insert(number);
            }
        }
        for (key, page) in pages {
            self.put(key, page, &mut changed);
        }
        self.rechunk(&changed);
        self.files()
    }

    /// Puts `page` in as page `key`, in place of its previous contents, adding the
    /// words whose pages changed to `changed`.
    fn put(&mut self, key: String, page: EncodedPage, changed: &mut BTreeSet<String>) {
        let number = match self.numbers.get(&key) {
            Some(&number) => number,
            None => {
                let number = self.free.pop_first().unwrap_or(self.slots.len());
                if number == self.slots.len() {
                    self.slots.push(None);
                }
                self.numbers.insert(key.clone(), number);
                number
            }
        };
        let words: HashSet<&str> = page.words().map(|(w, _)| w).collect();
        let page_forms: Vec<(String, Forms)> = (page.forms())
            .map(|(stem, first, last)| {
                let (first, last) = (first.to_string(), last.to_string());
                (stem.to_string(), Forms { first, last })
            })
            .collect();
        let stems: Vec<String> = (self.slots[number].iter())
            .flat_map(|slot| &slot.forms)
            .chain(&page_forms)
            .map(|(stem, _)| stem.clone())
            .collect();
        let reach: Vec<Option<Forms>> = stems.iter().map(|s| self.reach(s)).collect();
        let old = self.take_out(number, &words, changed);
        if old.map_or(BTreeMap::new(), |slot| slot.filters) != page.filters {
            self.filter_files = None;
        }
        for (filter, values) in &page.filters {
            let filter = self.filters.entry(filter.clone()).or_default();
            for value in values {
                filter.entry(value.clone()).or_default().insert(number);
            }
        }
        for (stem, forms) in &page_forms {
            let counts = self.forms.entry(stem.clone()).or_default();
            for form in [&forms.first, &forms.last] {
                *counts.entry(form.clone()).or_default() += 1;
            }
        }
        // A stem whose forms reach further or less far changes its chunk's range.
        for (stem, before) in stems.into_iter().zip(reach) {
            if self.reach(&stem) != before {
                changed.insert(stem);
            }
        }
        let mut words = Vec::with_capacity(page.words.len());
        for (word, entries) in page.words() {
            // Before the first chunks are written every word is written anyway.
            if self.set_locations(word, number, &page, entries) && !self.chunks.is_empty() {
                changed.insert(word.to_string());
            }
            words.push(word.to_string());
        }
        self.slots[number] = Some(Slot {
            key,
            fragment_name: format!("{}_{}", self.language, &hex(page.fragment_hash)[..12]),
            fragment: page.fragment,
            word_count: page.word_count,
            filters: page.filters,
            forms: page_forms,
            words,
        });
    }

    /// Takes page `number` out of the filters and forms, and out of its words but
    /// those in `staying` (which the page is about to be given again), adding those
    /// words to `changed`; its slot, if it had one.
    fn take_out(
        &mut self,
        number: usize,
        staying: &HashSet<&str>,
        changed: &mut BTreeSet<String>,
    ) -> Option<Slot> {
        let slot = self.slots.get_mut(number)?.take()?;
        for (filter, values) in &slot.filters {
            let Some(pages) = self.filters.get_mut(filter) else {
                continue;
            };
            for value in values {
                if let Some(set) = pages.get_mut(value) {
                    set.remove(&number);
                    if set.is_empty() {
                        pages.remove(value);
                    }
                }
            }
            if pages.is_empty() {
                self.filters.remove(filter);
            }
        }
        for (stem, forms) in &slot.forms {
            let Some(counts) = self.forms.get_mut(stem) else {
                continue;
            };
            for form in [&forms.first, &forms.last] {
                if let Some(count) = counts.get_mut(form) {
                    *count -= 1;
                    if *count == 0 {
                        counts.remove(form);
                    }
                }
            }
            if counts.is_empty() {
                self.forms.remove(stem);
            }
        }
        for word in slot.words.iter().filter(|w| !staying.contains(w.as_str())) {
            self.set_pages(word, number, None, Vec::new());
            changed.insert(word.clone());
        }
        Some(slot)
    }

    /// Makes `entries` (of `page`) the locations of `word` on page `number`; whether
    /// they changed.
    fn set_locations(
        &mut self,
        word: &str,
        number: usize,
        page: &EncodedPage,
        entries: &[PageWord],
    ) -> bool {
        let mut plain = None;
        let mut forms = Vec::new();
        for entry in entries {
            match page.entry(entry) {
                (None, locations) => plain = Some(locations),
                (Some(form), locations) => forms.push((form, locations)),
            }
        }
        self.set_pages(word, number, plain, forms)
    }

    /// Makes `plain` the locations of `word` on page `number` without diacritics, and
    /// `forms` those of its forms with (none elsewhere); whether they changed.
    fn set_pages(
        &mut self,
        word: &str,
        number: usize,
        plain: Option<Packed>,
        mut forms: Vec<(&str, Packed)>,
    ) -> bool {
        if !self.words.contains_key(word) {
            self.words.insert(word.to_string(), SiteWord::new(word));
        }
        let Some(entry) = self.words.get_mut(word) else {
            return false;
        };
        let mut changed = entry.pages.set(number, plain);
        for (form, pages) in &mut entry.variants {
            let at = forms.iter().position(|(f, _)| f == form);
            changed |= pages.set(number, at.map(|at| forms.remove(at).1));
        }
        for (form, locations) in forms {
            changed = true;
            let mut pages = PageList::default();
            pages.push(number, locations);
            entry.variants.push((form.to_string(), pages));
        }
        entry.variants.retain(|(_, pages)| !pages.is_empty());
        if entry.is_empty() {
            self.words.remove(word);
        }
        changed
    }

    /// How far the forms of `stem` reach in the site: its first and last forms.
    fn reach(&self, stem: &str) -> Option<Forms> {
        let counts = self.forms.get(stem)?;
        let (first, _) = counts.first_key_value()?;
        let (last, _) = counts.last_key_value()?;
        Some(Forms {
            first: first.clone(),
            last: last.clone(),
        })
    }

    /// Encodes again the chunks holding the `changed` words (all of them the first
    /// time), cut again where they grew; the others keep their bytes and names.
    fn rechunk(&mut self, changed: &BTreeSet<String>) {
        if changed.is_empty() && !self.chunks.is_empty() {
            return;
        }
        let firsts: Vec<&str> = self.chunks.iter().map(|c| c.first.as_str()).collect();
        let dirty: BTreeSet<usize> = changed
            .iter()
            .map(|w| {
                firsts
                    .partition_point(|first| *first <= w.as_str())
                    .saturating_sub(1)
            })
            .collect();
        let site_forms: HashMap<String, Forms> = self
            .forms
            .keys()
            .filter_map(|stem| Some((stem.clone(), self.reach(stem)?)))
            .collect();
        let old = std::mem::take(&mut self.chunks);
        let count = old.len().max(1);
        let bounds: Vec<(Bound<String>, Bound<String>)> = (0..count)
            .map(|i| {
                let from = match i {
                    0 => Bound::Unbounded,
                    _ => Bound::Included(old[i].first.clone()),
                };
                let to = match old.get(i + 1) {
                    None => Bound::Unbounded,
                    Some(next) => Bound::Excluded(next.first.clone()),
                };
                (from, to)
            })
            .collect();
        let mut old: Vec<Option<Chunk>> = old.into_iter().map(Some).collect();
        // Each chunk kept, or the words of a chunk to encode again.
        let mut parts: Vec<Result<Chunk, Vec<&SiteWord>>> = Vec::new();
        for (i, range) in bounds.into_iter().enumerate() {
            let kept = old.get_mut(i).and_then(Option::take);
            match kept {
                Some(chunk) if !dirty.contains(&i) => parts.push(Ok(chunk)),
                kept => {
                    if let Some(chunk) = kept {
                        self.chunk_names.release(&chunk.name);
                    }
                    let words: Vec<&SiteWord> = self.words.range(range).map(|(_, w)| w).collect();
                    let chunks = chunk_again(&words, &site_forms);
                    parts.extend(chunks.into_iter().map(|chunk| Err(words[chunk].to_vec())));
                }
            }
        }
        // Each chunk, with the hash to name it by if it was encoded again.
        let encoded: Vec<(Chunk, Option<u64>)> = parts
            .into_par_iter()
            .map(|part| match part {
                Ok(chunk) => (chunk, None),
                Err(words) => {
                    let (chunk, hash) = encode_chunk(&words, &site_forms);
                    (chunk, Some(hash))
                }
            })
            .collect();
        for (mut chunk, hash) in encoded {
            if let Some(hash) = hash {
                chunk.name = self.chunk_names.name(hash);
            }
            self.chunks.push(chunk);
        }
    }

    /// The index's files: fragments, chunks and filters as kept, and the meta file.
    fn files(&mut self) -> EncodedIndex {
        let mut files = Vec::new();
        let mut meta = MetaIndex {
            version: self.version.clone(),
            meta_fields: self.meta_fields.clone(),
            ..MetaIndex::default()
        };
        for slot in &self.slots {
            meta.pages.push(match slot {
                Some(slot) => {
                    files.push(OutputFile::new(
                        format!("fragment/{}.pf_fragment", slot.fragment_name),
                        slot.fragment.clone(),
                    ));
                    MetaPage {
                        hash: slot.fragment_name.clone(),
                        word_count: slot.word_count,
                        group_hash: String::new(),
                    }
                }
                // A number no word or filter names: never a result.
                None => MetaPage {
                    hash: String::new(),
                    word_count: 1,
                    group_hash: String::new(),
                },
            });
        }
        let bounds = self.chunks.iter();
        meta.index_chunks = prefix_ranges(bounds.map(|c| (c.first.clone(), c.last.clone())));
        for (range, chunk) in meta.index_chunks.iter_mut().zip(&self.chunks) {
            if let Some(reach) = &chunk.forms {
                range.widen(reach);
            }
            range.hash.clone_from(&chunk.name);
            files.push(OutputFile::new(
                format!("index/{}.pf_index", chunk.name),
                chunk.bytes.clone(),
            ));
        }
        let (filter_files, meta_filters) = self.filter_files.get_or_insert_with(|| {
            let filters = (self.filters.iter())
                .map(|(filter, values)| {
                    let values = values.iter().map(|(v, pages)| {
                        let pages: Vec<usize> = pages.iter().copied().collect();
                        (v.clone(), pages)
                    });
                    (filter.clone(), values.collect())
                })
                .collect();
            filter_files(filters, &self.language, &mut Names::new(&self.language))
        });
        files.extend(filter_files.iter().cloned());
        meta.filters = meta_filters.clone();
        let (meta_hash, meta) = meta_file(&meta, &self.language);
        files.push(meta);
        EncodedIndex {
            meta_hash,
            page_count: self.slots.len(),
            files,
        }
    }
}

/// The chunks `words` (sorted) are cut into, as ranges of them: one while they stay
/// under twice a chunk's locations, so a chunk a little over does not split at every
/// edit; else cut as a full build cuts them.
fn chunk_again(words: &[&SiteWord], forms: &HashMap<String, Forms>) -> Vec<Range<usize>> {
    if words.is_empty() {
        return Vec::new();
    }
    let size: usize = words.iter().map(|w| w.size()).sum();
    if size < 2 * CHUNK_LOCATIONS {
        return std::iter::once(0..words.len()).collect();
    }
    chunk_sorted(words, forms)
}

/// The chunk of `words` (sorted, not empty), encoded, with the hash its name is made of.
fn encode_chunk(words: &[&SiteWord], forms: &HashMap<String, Forms>) -> (Chunk, u64) {
    let word = |w: Option<&&SiteWord>| w.map_or_else(String::new, |w| w.word.clone());
    let (first, last) = (word(words.first()), word(words.last()));
    let reach = chunk_forms(words, forms);
    let (hash, bytes) = compress(&word_index(words));
    let chunk = Chunk {
        first,
        last,
        forms: reach,
        name: String::new(),
        bytes,
    };
    (chunk, hash)
}

#[cfg(test)]
pub(crate) mod tests;
