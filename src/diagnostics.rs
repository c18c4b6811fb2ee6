//! Problems found in the content, collected rather than thrown.
//!
//! Every stage reports what is wrong with the site as [`Diagnostic`]s: a message, the
//! file and span it concerns, and a hint on how to fix it. A stage collects all it finds
//! into [`Diagnostics`] so an author sees every problem of a build at once, sorted by file.
//! Turning them into terminal output is the job of [`crate::report`].

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::source::{LineCol, SourceFile};

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Allowed, but probably not what the author meant.
    Warning,
    /// The site cannot be built as written.
    Error,
}

/// Where a problem is: a file, and a span inside it when the problem has one.
#[derive(Debug, Clone)]
pub struct Location {
    /// The file, relative to the site root.
    pub path: PathBuf,
    /// The byte range inside the file, with the text it points into.
    pub span: Option<SourceSpan>,
}

/// A byte range of a file, with the file's text so the span can be shown.
#[derive(Debug, Clone)]
pub struct SourceSpan {
    /// The byte range.
    pub range: Range<usize>,
    /// Line and column of the range's start.
    pub start: LineCol,
    /// The whole text of the file.
    pub text: Arc<str>,
}

/// One problem found in the site.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Where it is, if it is anywhere in particular (boxed: most results carry no error).
    pub location: Option<Box<Location>>,
    /// How to fix it.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error with a message and no location yet.
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            location: None,
            hint: None,
        }
    }

    /// A warning with a message and no location yet.
    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    /// Points the diagnostic at a whole file.
    pub fn in_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.location = Some(Box::new(Location {
            path: path.into(),
            span: None,
        }));
        self
    }

    /// Points the diagnostic at a byte range of a source file.
    pub(crate) fn at(mut self, file: &SourceFile, range: Range<usize>) -> Self {
        let len = file.text.len();
        let start = range.start.min(len);
        let end = range.end.clamp(start, len);
        self.location = Some(Box::new(Location {
            path: file.path.clone(),
            span: Some(SourceSpan {
                range: start..end,
                start: file.line_col(start),
                text: file.text.clone(),
            }),
        }));
        self
    }

    /// Adds a hint: how to fix the problem.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Is this an error (as opposed to a warning)?
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The file the diagnostic points at, if any.
    pub fn path(&self) -> Option<&Path> {
        self.location.as_ref().map(|l| l.path.as_path())
    }

    /// Line and column of the diagnostic, if it points into a file's text.
    pub fn line_col(&self) -> Option<LineCol> {
        self.location.as_ref()?.span.as_ref().map(|s| s.start)
    }

    fn sort_key(&self) -> (Option<&Path>, Option<LineCol>, &str) {
        (self.path(), self.line_col(), &self.message)
    }
}

impl fmt::Display for Diagnostic {
    /// One line: `error: content/a.md:3:7: message (hint)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}: ")?;
        if let Some(path) = self.path() {
            write!(f, "{}", path.display())?;
            if let Some(lc) = self.line_col() {
                write!(f, ":{}:{}", lc.line, lc.col)?;
            }
            write!(f, ": ")?;
        }
        write!(f, "{}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " (hint: {hint})")?;
        }
        Ok(())
    }
}

/// All problems a build found, in the order they are reported: by file, then position.
#[derive(Debug, Clone, Default)]
pub(crate) struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// No problems.
    pub(crate) fn new() -> Self {
        Diagnostics(Vec::new())
    }

    /// Adds one problem.
    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// Adds every problem of another list.
    pub(crate) fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }

    /// Are there any errors (warnings do not count)?
    pub(crate) fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// Is the list empty?
    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many problems there are.
    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }

    /// Turns every warning into an error (`--strict`).
    pub(crate) fn promote_warnings(&mut self) {
        for d in &mut self.0 {
            d.severity = Severity::Error;
        }
    }

    /// Turns every error into a warning (`links: warn` for broken links).
    pub(crate) fn demote_errors(&mut self) {
        for d in &mut self.0 {
            d.severity = Severity::Warning;
        }
    }

    /// The problems sorted by file, line and column, duplicates removed.
    pub(crate) fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.0.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.0.dedup_by(|a, b| a.sort_key() == b.sort_key());
        self.0
    }

    /// Iterates over the problems in the order they were found (for tests).
    #[cfg(test)]
    pub(crate) fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics(iter.into_iter().collect())
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// The closest of `candidates` to `word`, if one is close enough to be a likely typo.
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

/// A short, stable reason for an I/O error (no OS error numbers, which differ by platform).
pub(crate) fn io_reason(err: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match err.kind() {
        NotFound => "it does not exist".to_string(),
        PermissionDenied => "permission denied".to_string(),
        IsADirectory => "it is a directory".to_string(),
        _ => err.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_line_and_column() {
        let file = SourceFile::new("content/a.md", "---\ntitel: x\n---\n");
        let d = Diagnostic::error("unknown key `titel`")
            .at(&file, 4..9)
            .with_hint("did you mean `title`?");
        assert_eq!(
            d.to_string(),
            "error: content/a.md:2:1: unknown key `titel` (hint: did you mean `title`?)"
        );
    }

    #[test]
    fn sorted_by_file_then_position() {
        let a = SourceFile::new("b.md", "x\ny\n");
        let mut list = Diagnostics::new();
        list.push(Diagnostic::error("second").at(&a, 2..3));
        list.push(Diagnostic::error("first").at(&a, 0..1));
        list.push(Diagnostic::error("other file").in_file("a.md"));
        let messages: Vec<_> = list.into_sorted().into_iter().map(|d| d.message).collect();
        assert_eq!(messages, ["other file", "first", "second"]);
    }

    #[test]
    fn closest_suggests_typos_only() {
        assert_eq!(closest("titel", ["title", "slug"]), Some("title"));
        assert_eq!(closest("zzz", ["title", "slug"]), None);
    }
}
