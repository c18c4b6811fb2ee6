//! The statements of a diagram's source: its lines (and `;`-separated parts, where the
//! type allows them), without comments and blank ones, each with its byte offset.

/// A statement of the source: its text, trimmed, and where that text starts.
#[derive(Debug, Clone, Copy)]
pub(super) struct Statement<'s> {
    pub text: &'s str,
    pub start: usize,
}

impl Statement<'_> {
    /// The byte range of the source that `part` (a slice of this statement's text)
    /// covers.
    pub(super) fn range_of(&self, part: &str) -> std::ops::Range<usize> {
        let offset = part.as_ptr() as usize - self.text.as_ptr() as usize;
        self.start + offset..self.start + offset + part.len()
    }

    /// The whole statement's byte range of the source.
    pub(super) fn range(&self) -> std::ops::Range<usize> {
        self.start..self.start + self.text.len()
    }
}

/// The statements of `source`: each line, split at `;` if `split_semicolons`, trimmed;
/// `%%` comment lines and blank parts left out.
pub(super) fn statements(source: &str, split_semicolons: bool) -> Vec<Statement<'_>> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in source.split_inclusive('\n') {
        let parts: Vec<(usize, &str)> = if split_semicolons && !line.trim_start().starts_with("%%")
        {
            split_outside_quotes(line)
        } else {
            vec![(0, line)]
        };
        for (offset, part) in parts {
            let trimmed = part.trim();
            if trimmed.is_empty() || trimmed.starts_with("%%") {
                continue;
            }
            let lead = part.len() - part.trim_start().len();
            out.push(Statement {
                text: trimmed,
                start: line_start + offset + lead,
            });
        }
        line_start += line.len();
    }
    out
}

/// `line` split at the `;`s outside double quotes, each part with its offset.
fn split_outside_quotes(line: &str) -> Vec<(usize, &str)> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    for (i, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => {
                parts.push((start, &line[start..i]));
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push((start, &line[start..]));
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_keep_their_offsets_and_skip_comments() {
        let source = "graph TD\n  %% a comment\n  A --> B; B --> C\n\n";
        let found: Vec<_> = statements(source, true)
            .iter()
            .map(|s| (s.text, &source[s.range()]))
            .map(|(t, r)| {
                assert_eq!(t, r);
                t
            })
            .collect();
        assert_eq!(found, ["graph TD", "A --> B", "B --> C"]);
    }

    #[test]
    fn a_semicolon_in_quotes_does_not_split() {
        let found: Vec<_> = statements("A[\"a;b\"] --> B", true)
            .iter()
            .map(|s| s.text)
            .collect();
        assert_eq!(found, ["A[\"a;b\"] --> B"]);
    }
}
