//! Word splitting as Pagefind's query side expects it: each word of the text becomes
//! its lowercase alphanumeric form (diacritics removed, the original kept as a variant),
//! stemmed with the stemmer the runtime's WebAssembly stems queries with; a compound word
//! (`go-to-market`, `RevOps`, `sysconfig.is_python`) also gives its parts, at a split
//! weight.

use convert_case::{Case, Casing};
use hashbrown::HashMap;
use pagefind_stem::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// How many distinct words a [`WordCache`] remembers before it starts over.
const CACHED_WORDS: usize = 200_000;

/// A splitter that remembers the words it split: a site repeats its words, and
/// stemming is most of the cost of splitting. The words it gives are numbered
/// ([`WordId`]), so a page's words are collected as numbers, not strings.
pub(crate) struct WordCache<'a> {
    splitter: &'a Splitter,
    known: HashMap<String, Split>,
    /// [`Splitter::word_and_parts`] of the words of meta fields.
    known_meta: HashMap<String, Vec<WordId>>,
    names: Interned,
}

/// A word to index as two numbers of [`Interned`]: its stem, and its form with
/// diacritics ([`NO_NAME`] for none).
pub(crate) type WordId = (u32, u32);

/// The [`WordId`] of a word without diacritics.
pub(crate) const NO_NAME: u32 = u32::MAX;

/// Strings numbered in the order they are first seen.
#[derive(Default)]
pub(crate) struct Interned {
    numbers: HashMap<String, u32>,
    names: Vec<String>,
}

impl Interned {
    /// The number of `name`, given now if it has none yet.
    fn number(&mut self, name: &str) -> u32 {
        if let Some(&number) = self.numbers.get(name) {
            return number;
        }
        let number = self.names.len() as u32;
        self.names.push(name.to_string());
        self.numbers.insert(name.to_string(), number);
        number
    }

    /// The name numbered `number`.
    pub(crate) fn name(&self, number: u32) -> &str {
        &self.names[number as usize]
    }

    /// The [`WordId`] of `word`.
    fn word(&mut self, word: &IndexWord) -> WordId {
        let original = word.original.as_deref().map_or(NO_NAME, |o| self.number(o));
        (self.number(&word.stem), original)
    }

    fn clear(&mut self) {
        self.numbers.clear();
        self.names.clear();
    }
}

/// A word of the text, split: the words to index, numbered, and its form.
pub(crate) struct Split {
    /// The word itself ([`Splitter::index_words`]' first), if it has letters or digits.
    pub word: Option<WordId>,
    /// Its compound parts and dotted tails (the rest of [`Splitter::index_words`]).
    pub parts: Vec<WordId>,
    /// The first word's stem and the word as a reader would type it into the search
    /// box (lowercase, without punctuation or diacritics), numbered, when that form is
    /// not already its stem: the runtime looks up the chunk of the index that would
    /// hold this form too, so the form's chunk should be its stem's.
    pub form_ids: Option<(u32, u32)>,
}

impl<'a> WordCache<'a> {
    /// An empty cache over `splitter`.
    pub(crate) fn new(splitter: &'a Splitter) -> Self {
        WordCache {
            splitter,
            known: HashMap::new(),
            known_meta: HashMap::new(),
            names: Interned::default(),
        }
    }

    /// Starts a page: the numbers given until the next page stay the same (the cache
    /// starts over, if it must, only here).
    pub(crate) fn start_page(&mut self) {
        if self.known.len() + self.known_meta.len() >= CACHED_WORDS {
            self.known.clear();
            self.known_meta.clear();
            self.names.clear();
        }
    }

    /// The names of the numbers given since the page started.
    pub(crate) fn names(&self) -> &Interned {
        &self.names
    }

    /// [`Splitter::index_words`] of `raw`, and its form, split once.
    pub(crate) fn split(&mut self, raw: &str) -> &Split {
        let (splitter, names) = (self.splitter, &mut self.names);
        self.known.entry_ref(raw).or_insert_with(|| {
            let words = splitter.index_words(raw);
            let normalized = normalize_word(raw);
            let form = without_diacritics(&normalized).unwrap_or(normalized);
            let stemmed = words
                .first()
                .is_some_and(|w| !w.compound_part && w.stem != form);
            let form = stemmed.then_some(form);
            let form_ids = (form.as_deref().zip(words.first()))
                .map(|(form, word)| (names.number(&word.stem), names.number(form)));
            let (parts, word): (Vec<&IndexWord>, Vec<&IndexWord>) =
                words.iter().partition(|w| w.compound_part);
            Split {
                word: word.first().map(|w| names.word(w)),
                parts: parts.into_iter().map(|w| names.word(w)).collect(),
                form_ids,
            }
        })
    }

    /// [`Splitter::word_and_parts`] of `raw`, a word of a meta field, split once.
    pub(crate) fn split_meta(&mut self, raw: &str) -> &[WordId] {
        let (splitter, names) = (self.splitter, &mut self.names);
        self.known_meta.entry_ref(raw).or_insert_with(|| {
            let words = splitter.word_and_parts(raw);
            words.iter().map(|w| names.word(w)).collect()
        })
    }
}

/// Characters that count as letters inside a word (Pagefind's defaults): the
/// underscore and its connector-punctuation relatives.
pub(crate) const WORD_SYMBOLS: [char; 10] =
    ['_', '‿', '⁀', '⁔', '︳', '︴', '﹍', '﹎', '﹏', '＿'];

/// How many characters of a dotted word's tail are indexed as one word.
const MAX_DOTTED_TAIL_CHARS: usize = 64;

/// One word to index for a word of the text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct IndexWord {
    /// The form looked up: normalised and stemmed.
    pub stem: String,
    /// The word as written (lowercased) when it had diacritics, for ranking exact forms.
    pub original: Option<String>,
    /// A part of a compound word, which gets a share of the word's weight.
    pub compound_part: bool,
}

/// Splits the words of one language.
pub(crate) struct Splitter {
    stemmer: Option<Stemmer>,
}

impl Splitter {
    /// A splitter for `language` (`en`, `pt-BR`); a language Pagefind has no stemmer for
    /// is indexed unstemmed, as Pagefind does.
    pub(crate) fn new(language: &str) -> Self {
        Splitter {
            stemmer: stemmer(language),
        }
    }

    /// The words to index for `raw`, one whitespace-free word of the text: its own
    /// form, its compound parts and its dotted tails.
    pub(crate) fn index_words(&self, raw: &str) -> Vec<IndexWord> {
        let mut words = self.word_and_parts(raw);
        let tails = self.dotted_tails(raw, &words);
        words.extend(tails);
        words
    }

    /// The words to index for a word of a meta field (the title): no dotted tails.
    pub(crate) fn word_and_parts(&self, raw: &str) -> Vec<IndexWord> {
        let mut words = Vec::new();
        let normalized = normalize_word(raw);
        if !normalized.is_empty() {
            words.push(self.stem_word(&normalized, false));
        }
        let maybe_compound = raw.chars().any(|c| !c.is_alphanumeric())
            || raw.chars().skip(1).any(char::is_uppercase);
        if !maybe_compound || normalized.is_empty() {
            return words;
        }
        let parts = discrete_words(raw);
        if parts.contains(char::is_whitespace) || !normalized.starts_with(&parts) {
            for part in parts.split_whitespace().filter(|p| p.len() > 1) {
                let plain = without_diacritics(part);
                let base = plain.as_deref().unwrap_or(part);
                words.push(IndexWord {
                    stem: self.stem(base),
                    original: plain.map(|_| part.to_string()),
                    compound_part: true,
                });
            }
        }
        words
    }

    /// The tails after each dot of a dotted word that are compounds themselves
    /// (`is_python_build` in `sysconfig.is_python_build`), not already among `existing`.
    fn dotted_tails(&self, raw: &str, existing: &[IndexWord]) -> Vec<IndexWord> {
        let mut tails: Vec<IndexWord> = Vec::new();
        for (i, _) in raw.match_indices('.') {
            let rest = &raw[i + 1..];
            let tail = match rest.char_indices().nth(MAX_DOTTED_TAIL_CHARS) {
                Some((end, _)) => &rest[..end],
                None => rest,
            };
            let compound = tail.chars().any(|c| !c.is_alphanumeric())
                || tail.chars().skip(1).any(char::is_uppercase);
            let normalized = normalize_word(tail);
            if !compound || normalized.chars().count() < 2 {
                continue;
            }
            let word = self.stem_word(&normalized, true);
            let seen = |w: &IndexWord| w.stem == word.stem;
            if !existing.iter().any(seen) && !tails.iter().any(seen) {
                tails.push(word);
            }
        }
        tails
    }

    fn stem_word(&self, normalized: &str, compound_part: bool) -> IndexWord {
        let plain = without_diacritics(normalized);
        IndexWord {
            stem: self.stem(plain.as_deref().unwrap_or(normalized)),
            original: plain.map(|_| normalized.to_string()),
            compound_part,
        }
    }

    fn stem(&self, word: &str) -> String {
        match &self.stemmer {
            Some(stemmer) => stemmer.stem(word).into_owned(),
            None => word.to_string(),
        }
    }
}

/// The word's letters and digits (and [`WORD_SYMBOLS`]), lowercased.
fn normalize_word(raw: &str) -> String {
    let mut word = String::with_capacity(raw.len());
    for c in raw.chars() {
        if !c.is_alphanumeric() && !WORD_SYMBOLS.contains(&c) {
            continue;
        }
        if c.is_uppercase() {
            word.extend(c.to_lowercase());
        } else {
            word.push(c);
        }
    }
    word
}

/// The parts of a compound word: ASCII punctuation and case changes split it, and the
/// parts are lowercased and joined by single spaces.
fn discrete_words(raw: &str) -> String {
    raw.replace(|c: char| c.is_ascii_punctuation(), " ")
        .to_case(Case::Lower)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The word without its diacritics (`café` → `cafe`), or `None` if it has none. The
/// kana voicing marks are kept: they tell words apart.
fn without_diacritics(word: &str) -> Option<String> {
    if word.is_ascii() || !word.chars().any(decomposes) {
        return None;
    }
    let is_voicing = |c: char| matches!(c, '\u{3099}' | '\u{309A}');
    let stripped: String = word
        .nfd()
        .filter(|&c| !is_combining_mark(c) || is_voicing(c))
        .collect();
    let plain = if stripped.chars().any(is_voicing) {
        stripped.nfc().collect()
    } else {
        stripped
    };
    (plain != word).then_some(plain)
}

/// Is `c` a combining mark, or does it decompose into others?
fn decomposes(c: char) -> bool {
    let mut changes = is_combining_mark(c);
    decompose_canonical(c, |part| changes |= part != c);
    changes
}

/// The stemmer Pagefind's runtime uses for `language`, by its base language.
fn stemmer(language: &str) -> Option<Stemmer> {
    use Algorithm::*;
    let algorithm = match language.split('-').next().unwrap_or_default() {
        "ar" => Arabic,
        "hy" => Armenian,
        "eu" => Basque,
        "ca" => Catalan,
        "da" => Danish,
        "nl" => Dutch,
        "en" => English,
        "eo" => Esperanto,
        "et" => Estonian,
        "fi" => Finnish,
        "fr" => French,
        "de" => German,
        "el" => Greek,
        "hi" => Hindi,
        "hu" => Hungarian,
        "id" => Indonesian,
        "ga" => Irish,
        "it" => Italian,
        "lt" => Lithuanian,
        "nb" | "nn" | "no" => Norwegian,
        "ne" => Nepali,
        "pt" => Portuguese,
        "ro" => Romanian,
        "ru" => Russian,
        "sr" => Serbian,
        "pl" => Polish,
        "es" => Spanish,
        "sv" => Swedish,
        "ta" => Tamil,
        "tr" => Turkish,
        "yi" => Yiddish,
        _ => return None,
    };
    Some(Stemmer::create(algorithm))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(word: &str) -> Vec<(String, bool)> {
        Splitter::new("en")
            .index_words(word)
            .into_iter()
            .map(|w| (w.stem, w.compound_part))
            .collect()
    }

    #[test]
    fn a_plain_word_is_lowercased_and_stemmed() {
        assert_eq!(stems("Downgrades,"), [("downgrad".to_string(), false)]);
    }

    #[test]
    fn compound_words_give_their_parts() {
        let words = stems("go-to-market");
        assert_eq!(words[0], ("gotomarket".to_string(), false));
        assert!(words.contains(&("go".to_string(), true)), "{words:?}");
        assert!(words.contains(&("market".to_string(), true)), "{words:?}");
        let words = stems("RevOps");
        assert!(words.contains(&("rev".to_string(), true)), "{words:?}");
        assert!(words.contains(&("op".to_string(), true)), "{words:?}");
    }

    #[test]
    fn diacritics_are_removed_and_the_original_kept() {
        let words = Splitter::new("en").index_words("Café");
        assert_eq!(words[0].stem, "cafe");
        assert_eq!(words[0].original.as_deref(), Some("café"));
    }

    #[test]
    fn dotted_tails_that_are_compounds_are_indexed_whole() {
        let words = stems("sysconfig.is_python_build");
        assert!(
            words.contains(&("is_python_build".to_string(), true)),
            "{words:?}"
        );
    }

    #[test]
    fn a_word_keeps_its_form_when_its_stem_differs() {
        let splitter = Splitter::new("en");
        let mut cache = WordCache::new(&splitter);
        let (stem, form) = cache.split("Settings,").form_ids.unwrap();
        assert_eq!(cache.names().name(stem), "set");
        assert_eq!(cache.names().name(form), "settings");
        assert_eq!(cache.split("risk").form_ids, None);
    }

    #[test]
    fn an_unknown_language_is_not_stemmed() {
        let words = Splitter::new("xx").index_words("Running");
        assert_eq!(words[0].stem, "running");
    }
}
