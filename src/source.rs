//! Source files as the load stage read them, and positions inside them.
//!
//! Every later stage points back into these files when it reports a problem, so a
//! [`SourceFile`] keeps its text alive (shared, never copied) and can turn a byte
//! offset into a line and column.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A text file of the site, read once by the load stage.
#[derive(Debug, Clone)]
pub(crate) struct SourceFile {
    /// The path as the author knows it: relative to the site root, e.g. `content/about.md`.
    pub path: PathBuf,
    /// The whole text of the file, with a UTF-8 byte-order mark removed.
    pub text: Arc<str>,
}

/// A line and column, both counted from 1; the column counts characters, not bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    /// The line number, from 1.
    pub line: usize,
    /// The column, in characters, from 1.
    pub col: usize,
}

impl SourceFile {
    /// Wraps text read from `path`; a leading byte-order mark is dropped.
    pub(crate) fn new(path: impl Into<PathBuf>, text: &str) -> Self {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        SourceFile {
            path: path.into(),
            text: Arc::from(text),
        }
    }

    /// The same file with the ASCII bytes of `ranges` turned into spaces, so byte
    /// offsets, lines and columns stay those of the file. A block fenced inside a list
    /// item or a block quote reads this way without the container's markers.
    pub(crate) fn blank_out(&self, ranges: &[Range<usize>]) -> SourceFile {
        if ranges.is_empty() {
            return self.clone();
        }
        let mut bytes = self.text.as_bytes().to_vec();
        for range in ranges {
            for b in bytes.get_mut(range.clone()).into_iter().flatten() {
                if b.is_ascii() && *b != b'\n' {
                    *b = b' ';
                }
            }
        }
        let text = String::from_utf8(bytes).unwrap_or_else(|_| self.text.to_string());
        SourceFile {
            path: self.path.clone(),
            text: Arc::from(text),
        }
    }

    /// Does `other` hold the same text? A file kept from one build to the next shares
    /// its text, which is then not compared byte by byte (`Arc<str>`'s `==` always is:
    /// a site of 10,000 pages compared whole took milliseconds on every edit).
    pub(crate) fn same_text(&self, other: &SourceFile) -> bool {
        Arc::ptr_eq(&self.text, &other.text) || self.text == other.text
    }

    /// The path relative to the site root.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// The line and column of a byte offset (clamped to the text, and to a char boundary).
    pub(crate) fn line_col(&self, offset: usize) -> LineCol {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &self.text[..offset];
        let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        LineCol { line, col }
    }

    /// The byte offset where a 1-based line starts, if the file has that line.
    pub(crate) fn line_start(&self, line: usize) -> Option<usize> {
        if line == 0 {
            return None;
        }
        if line == 1 {
            return Some(0);
        }
        self.text
            .match_indices('\n')
            .nth(line - 2)
            .map(|(i, _)| i + 1)
    }

    /// The span of the first occurrence of `needle` inside `within`, a byte range of this file.
    pub(crate) fn find_in(&self, within: Range<usize>, needle: &str) -> Option<Range<usize>> {
        let hay = self.text.get(within.clone())?;
        hay.find(needle)
            .map(|i| within.start + i..within.start + i + needle.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_lines_and_characters() {
        let f = SourceFile::new("a.md", "ab\nçd\nx");
        assert_eq!(f.line_col(0), LineCol { line: 1, col: 1 });
        assert_eq!(f.line_col(3), LineCol { line: 2, col: 1 });
        // `ç` is two bytes but one column.
        assert_eq!(f.line_col(5), LineCol { line: 2, col: 2 });
        assert_eq!(f.line_col(99), LineCol { line: 3, col: 2 });
    }

    #[test]
    fn byte_order_mark_is_dropped() {
        let f = SourceFile::new("a.md", "\u{feff}---");
        assert_eq!(&*f.text, "---");
    }

    #[test]
    fn line_start_finds_each_line() {
        let f = SourceFile::new("a.md", "one\ntwo\nthree");
        assert_eq!(f.line_start(1), Some(0));
        assert_eq!(f.line_start(3), Some(8));
        assert_eq!(f.line_start(4), None);
    }
}
