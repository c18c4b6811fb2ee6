//! Splitting a markdown file into its front matter (YAML or TOML) and its body.

use std::ops::Range;

use serde::de::DeserializeOwned;

use crate::diagnostics::Diagnostic;
use crate::source::SourceFile;

/// The language front matter is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Format {
    /// YAML between `---` lines.
    #[default]
    Yaml,
    /// TOML between `+++` lines, as Zola and Hugo write it.
    Toml,
}

/// Where the front matter and the body of a markdown file are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Split {
    /// The text between the fence lines (empty range if the file has no front matter).
    pub front_matter: Range<usize>,
    /// The markdown after the closing fence line.
    pub body: Range<usize>,
    /// What the front matter is written in.
    pub format: Format,
}

impl Split {
    /// Parses the front matter of `file` (which this split was made from) into `T`,
    /// reporting every mistake.
    pub(crate) fn parse<T: DeserializeOwned>(
        &self,
        file: &SourceFile,
    ) -> Result<T, Vec<Diagnostic>> {
        match self.format {
            Format::Yaml => crate::yaml::parse_all(file, self.front_matter.clone()),
            Format::Toml => crate::toml_text::parse(file, self.front_matter.clone()),
        }
    }
}

/// Finds the front matter of a markdown file: YAML between a first line `---` and the
/// next line that is `---` (or `...`), or TOML between a first line `+++` and the next
/// line that is `+++`. CRLF line endings are accepted.
///
/// A file that starts with neither has no front matter (the model stage then reports
/// the missing title); one whose front matter is never closed is an error.
pub(crate) fn split_front_matter(file: &SourceFile) -> Result<Split, Diagnostic> {
    let text = &*file.text;
    let Some(first_end) = line_end(text, 0) else {
        return Ok(no_front_matter(text));
    };
    let (format, closers, fence): (_, &[&str], _) = match trim_eol(&text[..first_end]) {
        "---" => (Format::Yaml, &["---", "..."], "---"),
        "+++" => (Format::Toml, &["+++"], "+++"),
        _ => return Ok(no_front_matter(text)),
    };
    let start = first_end;
    let mut pos = start;
    while pos < text.len() {
        let end = line_end(text, pos).unwrap_or(text.len());
        let line = trim_eol(&text[pos..end]);
        if closers.contains(&line) {
            return Ok(Split {
                front_matter: start..pos,
                body: end..text.len(),
                format,
            });
        }
        pos = end;
    }
    Err(Diagnostic::error("the front matter is never closed")
        .at(file, 0..3)
        .with_hint(format!(
            "end the front matter with a line that is just `{fence}`"
        )))
}

fn no_front_matter(text: &str) -> Split {
    Split {
        front_matter: 0..0,
        body: 0..text.len(),
        format: Format::Yaml,
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
    fn splits_toml_between_plus_lines() {
        let file = SourceFile::new("a.md", "+++\r\ntitle = \"A\"\r\n+++\r\nBody ---\n");
        let found = split_front_matter(&file).unwrap();
        assert_eq!(found.format, Format::Toml);
        assert_eq!(&file.text[found.front_matter], "title = \"A\"\r\n");
        assert_eq!(&file.text[found.body], "Body ---\n");
        let err = split("+++\ntitle = \"A\"\n---\n").unwrap_err();
        assert_eq!(
            err.hint.as_deref(),
            Some("end the front matter with a line that is just `+++`")
        );
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
