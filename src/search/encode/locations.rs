//! The site's words with their pages, laid out flat: each word's (and each of its
//! forms') packed locations on all its pages in one buffer, the pages ranges into it.
//! A 10,000-page site has millions of word-and-page pairs; one vector each was the
//! index's largest cost (allocated as pages were encoded, freed as chunks were
//! written, on other threads; issue 26).

use super::cbor;

/// A word of the site with the pages it is on: as written without diacritics, and per
/// form with diacritics (in the order the forms first appear).
#[derive(Clone, Debug, PartialEq)]
pub(super) struct SiteWord {
    pub word: String,
    pub pages: PageList,
    pub variants: Vec<(String, PageList)>,
}

/// Pages, each with its packed locations (text, then meta) as a range of `locs`.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct PageList {
    pages: Vec<PageLocations>,
    /// The locations of every page in `pages`, and nothing else.
    locs: Vec<i32>,
}

/// A page of a [`PageList`]: its number and where its locations are.
#[derive(Clone, Copy, Debug, PartialEq)]
struct PageLocations {
    number: u32,
    span: Span,
}

/// Where a word's locations on a page are in a buffer: the text locations from
/// `start`, then the meta locations.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Span {
    pub start: u32,
    pub text: u32,
    pub meta: u32,
}

impl Span {
    /// The span of `locations` appended to `locs`.
    pub(super) fn append(locs: &mut Vec<i32>, (text, meta): Packed) -> Span {
        let span = Span {
            start: locs.len() as u32,
            text: text.len() as u32,
            meta: meta.len() as u32,
        };
        locs.extend_from_slice(text);
        locs.extend_from_slice(meta);
        span
    }

    /// Its text and meta locations in `locs`.
    pub(super) fn in_buffer<'a>(&self, locs: &'a [i32]) -> Packed<'a> {
        let start = self.start as usize;
        let middle = start + self.text as usize;
        (
            &locs[start..middle],
            &locs[middle..middle + self.meta as usize],
        )
    }

    /// How many locations it holds.
    fn len(&self) -> u32 {
        self.text + self.meta
    }
}

/// Text and meta locations packed as Pagefind packs them (see [`super::pack_text`]).
pub(super) type Packed<'a> = (&'a [i32], &'a [i32]);

impl SiteWord {
    /// `word`, on no page yet.
    pub(super) fn new(word: &str) -> Self {
        SiteWord {
            word: word.to_string(),
            pages: PageList::default(),
            variants: Vec::new(),
        }
    }

    /// The pages of `form` (with diacritics), made if it has none yet.
    pub(super) fn variant(&mut self, form: &str) -> &mut PageList {
        let at = match self.variants.iter().position(|(f, _)| f == form) {
            Some(at) => at,
            None => {
                self.variants.push((form.to_string(), PageList::default()));
                self.variants.len() - 1
            }
        };
        &mut self.variants[at].1
    }

    /// Its share of a chunk: locations, one per page, one per variant.
    pub(super) fn size(&self) -> usize {
        let variants = self.variants.iter().map(|(_, pages)| pages.size());
        self.pages.size() + variants.sum::<usize>() + self.variants.len()
    }

    /// Whether it is on no page.
    pub(super) fn is_empty(&self) -> bool {
        self.pages.is_empty() && self.variants.is_empty()
    }

    /// Writes it as Pagefind's `PackedWord`, its page numbers delta-encoded.
    fn write(&self, out: &mut Vec<u8>) {
        cbor::array(out, 3);
        cbor::text(out, &self.word);
        self.pages.write(out);
        cbor::array(out, self.variants.len());
        for (form, pages) in &self.variants {
            cbor::array(out, 2);
            cbor::text(out, form);
            pages.write(out);
        }
    }
}

impl PageList {
    /// Adds page `number` (after the others) with its `locations`.
    pub(super) fn push(&mut self, number: usize, locations: Packed) {
        let span = Span::append(&mut self.locs, locations);
        self.pages.push(PageLocations {
            number: number as u32,
            span,
        });
    }

    /// Whether it holds no page.
    pub(super) fn is_empty(&self) -> bool {
        self.pages.is_empty()
    }

    /// Its share of a chunk: locations, and one per page.
    fn size(&self) -> usize {
        self.locs.len() + self.pages.len()
    }

    /// Gives each page its new number (`renumbered[old]`) and puts them in order.
    pub(super) fn renumber(&mut self, renumbered: &[usize]) {
        for page in &mut self.pages {
            page.number = renumbered[page.number as usize] as u32;
        }
        self.pages.sort_unstable_by_key(|page| page.number);
    }

    /// Makes `locations` those of page `number` (the pages in order of number), or
    /// takes the page out (`None`); whether that changed it.
    pub(super) fn set(&mut self, number: usize, locations: Option<Packed>) -> bool {
        let number = number as u32;
        let at = self.pages.partition_point(|p| p.number < number);
        let there = self.pages.get(at).copied().filter(|p| p.number == number);
        if let (Some(old), Some(new)) = (there, locations)
            && old.span.in_buffer(&self.locs) == new
        {
            return false;
        }
        if there.is_none() && locations.is_none() {
            return false;
        }
        // The new locations take the old ones' place in the buffer; the pages after
        // them move.
        let (start, removed) = match there {
            Some(old) => (old.span.start, old.span.len()),
            None => (self.locs.len() as u32, 0),
        };
        let (text, meta) = locations.unwrap_or_default();
        let added = (text.len() + meta.len()) as u32;
        let range = start as usize..(start + removed) as usize;
        self.locs.splice(range, text.iter().chain(meta).copied());
        for page in &mut self.pages {
            if page.span.start > start {
                page.span.start = page.span.start + added - removed;
            }
        }
        let page = PageLocations {
            number,
            span: Span {
                start,
                text: text.len() as u32,
                meta: meta.len() as u32,
            },
        };
        match (there, locations) {
            (Some(_), Some(_)) => self.pages[at] = page,
            (Some(_), None) => {
                self.pages.remove(at);
            }
            _ => self.pages.insert(at, page),
        }
        true
    }

    /// Writes it as Pagefind's pages of a word: each page's number (the difference
    /// from the page before), text and meta locations.
    fn write(&self, out: &mut Vec<u8>) {
        cbor::array(out, self.pages.len());
        let mut last = 0;
        for page in &self.pages {
            let (text, meta) = page.span.in_buffer(&self.locs);
            cbor::array(out, 3);
            cbor::unsigned(out, u64::from(page.number - last));
            cbor::ints(out, text);
            cbor::ints(out, meta);
            last = page.number;
        }
    }
}

/// A chunk of the word index (`index/<hash>.pf_index`) holding `words`, in CBOR.
pub(super) fn word_index(words: &[&SiteWord]) -> Vec<u8> {
    let size: usize = words.iter().map(|w| w.size()).sum();
    let mut out = Vec::with_capacity(2 * size + 16 * words.len());
    cbor::array(&mut out, 1);
    cbor::array(&mut out, words.len());
    for word in words {
        word.write(&mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use minicbor::Encode;

    /// The word index as minicbor writes it from Pagefind's own structures.
    #[derive(Encode)]
    struct WordIndex {
        #[n(0)]
        words: Vec<PackedWord>,
    }

    #[derive(Encode)]
    struct PackedWord {
        #[n(0)]
        word: String,
        #[n(1)]
        pages: Vec<PackedPage>,
        #[n(2)]
        variants: Vec<PackedVariant>,
    }

    #[derive(Encode)]
    struct PackedVariant {
        #[n(0)]
        form: String,
        #[n(1)]
        pages: Vec<PackedPage>,
    }

    #[derive(Encode)]
    struct PackedPage {
        #[n(0)]
        number: usize,
        #[n(1)]
        locs: Vec<i32>,
        #[n(2)]
        meta_locs: Vec<i32>,
    }

    fn packed(number: usize, locs: &[i32], meta_locs: &[i32]) -> PackedPage {
        PackedPage {
            number,
            locs: locs.to_vec(),
            meta_locs: meta_locs.to_vec(),
        }
    }

    #[test]
    fn a_chunk_is_written_as_minicbor_writes_pagefinds_structures() {
        let mut cafe = SiteWord::new("cafe");
        cafe.pages.push(3, (&[-25, 4, 9], &[]));
        cafe.pages.push(40, (&[-145, 1], &[-1, 0]));
        cafe.variant("café").push(7, (&[-25, 300], &[]));
        let mut tea = SiteWord::new("tea");
        tea.pages.push(1000, (&[-25, 70_000], &[]));
        let theirs = WordIndex {
            words: vec![
                PackedWord {
                    word: "cafe".into(),
                    pages: vec![
                        packed(3, &[-25, 4, 9], &[]),
                        packed(37, &[-145, 1], &[-1, 0]),
                    ],
                    variants: vec![PackedVariant {
                        form: "café".into(),
                        pages: vec![packed(7, &[-25, 300], &[])],
                    }],
                },
                PackedWord {
                    word: "tea".into(),
                    pages: vec![packed(1000, &[-25, 70_000], &[])],
                    variants: Vec::new(),
                },
            ],
        };
        assert_eq!(
            word_index(&[&cafe, &tea]),
            minicbor::to_vec(&theirs).unwrap()
        );
    }

    #[test]
    fn a_page_set_again_replaces_its_locations_in_place() {
        let mut list = PageList::default();
        list.push(1, (&[-25, 1], &[]));
        list.push(4, (&[-25, 2, 3], &[-1, 0]));
        list.push(9, (&[-25, 5], &[]));
        assert!(!list.set(4, Some((&[-25, 2, 3], &[-1, 0]))));
        assert!(list.set(4, Some((&[-25, 8], &[]))));
        assert!(list.set(6, Some((&[-13, 2], &[]))));
        assert!(list.set(1, None));
        assert!(!list.set(2, None));
        let mut expected = PageList::default();
        expected.push(4, (&[-25, 8], &[]));
        expected.push(6, (&[-13, 2], &[]));
        expected.push(9, (&[-25, 5], &[]));
        let pages = |list: &PageList| -> Vec<(u32, Vec<i32>, Vec<i32>)> {
            (list.pages.iter())
                .map(|p| {
                    let (text, meta) = p.span.in_buffer(&list.locs);
                    (p.number, text.to_vec(), meta.to_vec())
                })
                .collect()
        };
        assert_eq!(pages(&list), pages(&expected));
        assert_eq!(list.size(), expected.size());
    }
}
