//! Splitting a markdown file into its YAML front matter and its body.

use std::ops::Range;

use crate::diagnostics::Diagnostic;
use crate::source::SourceFile;

/// Where the front matter and the body of a markdown file are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// The YAML between the `---` lines (empty range if the file has no front matter).
    pub front_matter: Range<usize>,
    /// The markdown after the closing `---` line.
    pub body: Range<usize>,
}

/// Finds the front matter of a markdown file: YAML between a first line `---` and the
/// next line that is `---` (or `...`). CRLF line endings are accepted.
///
/// A file that does not start with `---` has no front matter (the model stage then
/// reports the missing title); one whose front matter is never closed is an error.
pub fn split_front_matter(file: &SourceFile) -> Result<Split, Diagnostic> {
    let text = &*file.text;
    let Some(first_end) = line_end(text, 0) else {
        return Ok(no_front_matter(text));
    };
    if trim_eol(&text[..first_end]) != "---" {
        return Ok(no_front_matter(text));
    }
    let yaml_start = first_end;
    let mut pos = yaml_start;
    while pos < text.len() {
        let end = line_end(text, pos).unwrap_or(text.len());
        let line = trim_eol(&text[pos..end]);
        if line == "---" || line == "..." {
            return Ok(Split {
                front_matter: yaml_start..pos,
                body: end..text.len(),
            });
        }
        pos = end;
    }
    Err(Diagnostic::error("the front matter is never closed")
        .at(file, 0..3)
        .with_hint("end the front matter with a line that is just `---`"))
}

fn no_front_matter(text: &str) -> Split {
    Split {
        front_matter: 0..0,
        body: 0..text.len(),
    }
}

/// The offset just past the newline of the line starting at `start`, or `None` if the
/// line has no newline (it is the last line).
fn line_end(text: &str, start: usize) -> Option<usize> {
    text[start..].find('\n').map(|i| start + i + 1)
}

fn trim_eol(line: &str) -> &str {
    line.trim_end_matches(['\n', '\r'])
        .trim_end_matches([' ', '\t'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Result<(String, String), Diagnostic> {
        let file = SourceFile::new("a.md", text);
        split_front_matter(&file).map(|s| {
            (
                file.text[s.front_matter].to_string(),
                file.text[s.body].to_string(),
            )
        })
    }

    #[test]
    fn splits_yaml_from_body() {
        let (fm, body) = split("---\ntitle: A\n---\n# Body\n").unwrap();
        assert_eq!(fm, "title: A\n");
        assert_eq!(body, "# Body\n");
    }

    #[test]
    fn accepts_crlf() {
        let (fm, body) = split("---\r\ntitle: A\r\n---\r\nBody").unwrap();
        assert_eq!(fm, "title: A\r\n");
        assert_eq!(body, "Body");
    }

    #[test]
    fn no_front_matter_is_all_body() {
        let (fm, body) = split("# Just text\n").unwrap();
        assert_eq!(fm, "");
        assert_eq!(body, "# Just text\n");
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let err = split("---\ntitle: A\n# Body\n").unwrap_err();
        assert_eq!(err.message, "the front matter is never closed");
        assert_eq!(err.line_col().unwrap().line, 1);
    }

    #[test]
    fn empty_file_has_empty_body() {
        assert_eq!(split("").unwrap(), (String::new(), String::new()));
    }

    #[test]
    fn closing_line_at_end_of_file() {
        let (fm, body) = split("---\ntitle: A\n---").unwrap();
        assert_eq!(fm, "title: A\n");
        assert_eq!(body, "");
    }
}
