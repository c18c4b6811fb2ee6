//! Showing diagnostics to a person: each problem with its file, line and column, the
//! source line with the span underlined, and the hint (rendered by miette).

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource, Report,
};

use crate::diagnostics::{Diagnostic, Severity};

/// How to draw the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Unicode box drawing and colours, for a terminal.
    Terminal,
    /// Plain ASCII without colours, for logs, CI and tests.
    Plain,
}

/// Renders diagnostics, one block each, in the order given.
pub fn render(diagnostics: &[Diagnostic], style: Style) -> String {
    let theme = match style {
        Style::Terminal => GraphicalTheme::unicode(),
        Style::Plain => GraphicalTheme::none(),
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(100);
    let mut out = String::new();
    for d in diagnostics {
        let report = to_report(d);
        if handler.render_report(&mut out, report.as_ref()).is_err() {
            out.push_str(&d.to_string());
        }
        out.push('\n');
    }
    out
}

/// A one-line summary: `2 errors, 1 warning`.
pub fn summary(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}

fn to_report(d: &Diagnostic) -> Report {
    let severity = match d.severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
    };
    let mut diagnostic = MietteDiagnostic::new(d.message.clone()).with_severity(severity);
    if let Some(hint) = &d.hint {
        diagnostic = diagnostic.with_help(hint.clone());
    }
    let Some(location) = &d.location else {
        return Report::new(diagnostic);
    };
    let path = location.path.to_string_lossy().into_owned();
    match &location.span {
        Some(span) => {
            let len = span
                .range
                .len()
                .max(usize::from(span.range.start < span.text.len()));
            diagnostic = diagnostic.with_label(LabeledSpan::at(
                span.range.start..span.range.start + len,
                "here",
            ));
            Report::new(diagnostic).with_source_code(NamedSource::new(path, span.text.to_string()))
        }
        None => {
            let message = format!("{path}: {}", d.message);
            let mut diagnostic = MietteDiagnostic::new(message).with_severity(severity);
            if let Some(hint) = &d.hint {
                diagnostic = diagnostic.with_help(hint.clone());
            }
            Report::new(diagnostic)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    #[test]
    fn shows_file_line_column_source_and_hint() {
        let file = SourceFile::new("content/a.md", "---\ntitel: A\n---\n");
        let d = Diagnostic::error("unknown key `titel`")
            .at(&file, 4..9)
            .with_hint("did you mean `title`?");
        let text = render(&[d], Style::Plain);
        insta::assert_snapshot!(text);
    }

    #[test]
    fn summary_counts() {
        let file = SourceFile::new("a.md", "x");
        let list = [
            Diagnostic::error("a").at(&file, 0..1),
            Diagnostic::warning("b"),
            Diagnostic::warning("c"),
        ];
        assert_eq!(summary(&list), "1 error, 2 warnings");
    }
}
