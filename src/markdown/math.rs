//! Formulas: TeX between dollars (`$…$` inline, `$$…$$` display), as pulldown-cmark's
//! math extension finds them, rendered to MathML at build time with `pulldown-latex`.
//!
//! MathML is native in every current browser, so a page needs no script and no font
//! from another host to show a formula, and a screen reader reads the MathML itself.
//! Pagefind skips the MathML (its glyphs run together into nonsense words) and indexes
//! the formula's TeX instead, kept beside it in a hidden span.

use std::ops::Range;

use pulldown_latex::config::DisplayMode;
use pulldown_latex::{Parser, RenderConfig, Storage};

use crate::html::escape;

/// A formula of the body, rendered.
#[derive(Debug, Clone)]
pub(crate) struct Formula {
    /// Its HTML: the MathML, then the TeX as the search index's text.
    pub html: String,
}

/// A formula that does not parse: what is wrong, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MathError {
    /// What the TeX parser found wrong, with the offending token.
    pub message: String,
    /// Where, as a byte range of the file: the offending token when the parser says
    /// where it stopped, or the whole formula.
    pub range: Range<usize>,
}

/// The most commands (`\name`) a formula may hold. `pulldown-latex` parses an
/// unbraced argument by recursion, so a chain like `\sqrt\sqrt…x` some 2,000 deep
/// overflows a thread's stack and aborts the build; real formulas hold a few dozen.
const MAX_COMMANDS: usize = 500;

/// How many bytes of TeX `pulldown-latex` quotes on each side of the place it stopped.
const CONTEXT_SIZE: usize = 12;

/// Renders `tex`, written at `range` of `text` (the formula with its dollars), to HTML.
pub(super) fn render(
    tex: &str,
    display: bool,
    text: &str,
    range: Range<usize>,
) -> Result<Formula, MathError> {
    let commands = tex.matches('\\').count();
    if commands > MAX_COMMANDS {
        return Err(MathError {
            message: format!("formula has {commands} commands, more than {MAX_COMMANDS}: split it"),
            range,
        });
    }
    let storage = Storage::new();
    let mut events = Vec::new();
    for event in Parser::new(tex, &storage) {
        match event {
            Ok(event) => events.push(event),
            Err(error) => return Err(error_at(tex, &error.to_string(), text, range)),
        }
    }
    let config = RenderConfig {
        display_mode: if display {
            DisplayMode::Block
        } else {
            DisplayMode::Inline
        },
        ..RenderConfig::default()
    };
    let mut mathml = String::new();
    let written = pulldown_latex::push_mathml(
        &mut mathml,
        events.into_iter().map(Ok::<_, std::io::Error>),
        config,
    );
    if let Err(error) = written {
        return Err(MathError {
            message: format!("formula cannot be written as MathML: {error}"),
            range,
        });
    }
    let mathml =
        escape_lone_characters(&mathml).replacen("<math ", "<math data-pagefind-ignore ", 1);
    Ok(Formula {
        html: format!(
            "{mathml}<span class=\"math-text\" hidden>{}</span>",
            escape(tex)
        ),
    })
}

/// `mathml` with the `<` and `&` that are an element's text escaped. `pulldown-latex`
/// escapes the text of `\text{…}` but writes an operator or a delimiter character
/// as it is (`<mo><</mo>`); such a character is always its element's whole text, so it
/// stands right before an end tag.
fn escape_lone_characters(mathml: &str) -> String {
    mathml.replace("<</", "&lt;</").replace("&</", "&amp;</")
}

/// The error for `tex` (written at `range` of `text`), from `pulldown-latex`'s report:
/// its first line says what is wrong, its last quoted line is the TeX around the place
/// it stopped.
fn error_at(tex: &str, report: &str, text: &str, range: Range<usize>) -> MathError {
    let what = report
        .lines()
        .next()
        .unwrap_or(report)
        .trim_start_matches("parsing error: ");
    let whole = || MathError {
        message: format!("formula does not parse: {what}, in `{tex}`"),
        range: range.clone(),
    };
    let Some(stop) = stop_in(tex, report) else {
        return whole();
    };
    let Some(tex_start) = text.get(range.clone()).and_then(|f| f.find(tex)) else {
        return whole();
    };
    let token = last_token(&tex[..stop]);
    let at = range.start + tex_start + token.start;
    MathError {
        message: format!(
            "formula does not parse: {what}, at `{}`",
            &tex[token.clone()]
        ),
        range: at..at + token.len(),
    }
}

/// Where in `tex` the parser stopped, from the TeX it quotes around the place (12 bytes
/// each side): known when the quote is cut at either end.
fn stop_in(tex: &str, report: &str) -> Option<usize> {
    let quoted = report
        .lines()
        .filter(|line| !line.starts_with("│ ^") && line.starts_with('│'))
        .filter_map(|line| line.strip_prefix("│").filter(|rest| !rest.is_empty()))
        .next_back()?;
    let (cut_before, quoted) = match quoted.strip_prefix('…') {
        Some(rest) => (true, rest),
        None => (false, quoted.strip_prefix(' ').unwrap_or(quoted)),
    };
    let start = tex.find(quoted)?;
    let end = start + quoted.len();
    let stop = if cut_before {
        start + CONTEXT_SIZE
    } else if end < tex.len() {
        end.checked_sub(CONTEXT_SIZE)?
    } else {
        return None;
    };
    (stop <= tex.len() && tex.is_char_boundary(stop)).then_some(stop)
}

/// The last TeX token of `before` (a control word like `\frac`, or one character).
fn last_token(before: &str) -> Range<usize> {
    let trimmed = before.trim_end();
    let end = trimmed.len();
    let word_start = trimmed
        .rfind(|c: char| !c.is_ascii_alphabetic())
        .map_or(0, |i| i + 1);
    if word_start > 0 && trimmed[..word_start].ends_with('\\') {
        return word_start - 1..end;
    }
    let last = trimmed.chars().next_back().map_or(0, char::len_utf8);
    end - last..end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rendered(text: &str) -> Result<Formula, MathError> {
        let display = text.starts_with("$$");
        let dollars = if display { 2 } else { 1 };
        render(
            &text[dollars..text.len() - dollars],
            display,
            text,
            0..text.len(),
        )
    }

    #[test]
    fn inline_and_display_formulas_are_mathml_with_their_tex_beside() {
        let inline = rendered("$a < b$").unwrap().html;
        assert_eq!(
            inline,
            "<math data-pagefind-ignore display=\"inline\"><mi>a</mi><mo>&lt;</mo><mi>b</mi></math>\
             <span class=\"math-text\" hidden>a &lt; b</span>"
        );
        assert!(
            rendered("$$x^2$$")
                .unwrap()
                .html
                .contains("display=\"block\"")
        );
        let ampersand = rendered("$\\& \\text{a<b}$").unwrap().html;
        assert!(ampersand.contains("<mi>&amp;</mi>"), "{ampersand}");
        assert!(ampersand.contains("<mtext>a&lt;b</mtext>"), "{ampersand}");
    }

    #[test]
    fn an_unknown_command_is_named_where_it_is() {
        let text = "$x + \\unknowncommand + y = 2$";
        let error = rendered(text).unwrap_err();
        assert_eq!(
            error.message,
            "formula does not parse: unknown primitive command found, at `\\unknowncommand`"
        );
        assert_eq!(&text[error.range], "\\unknowncommand");
    }

    #[test]
    fn a_formula_too_deep_to_parse_is_an_error_not_a_crash() {
        let text = format!("${}x$", "\\sqrt".repeat(20_000));
        let error = rendered(&text).unwrap_err();
        assert_eq!(
            error.message,
            "formula has 20000 commands, more than 500: split it"
        );
        assert_eq!(error.range, 0..text.len());
    }

    #[test]
    fn a_short_formula_that_does_not_parse_is_quoted_whole() {
        let error = rendered("$\\frac{a}{b$").unwrap_err();
        assert!(
            error.message.contains("unbalanced group"),
            "{}",
            error.message
        );
        assert!(
            error.message.ends_with("in `\\frac{a}{b`"),
            "{}",
            error.message
        );
        assert_eq!(error.range, 0..12);
    }

    /// Every formula of `tests/fixtures/math/formulas.tex` (one a line, `%` comments),
    /// read as a display formula of a page body with math on: one formula, as MathML.
    #[test]
    fn every_formula_of_the_fixture_renders() {
        let list = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/math/formulas.tex"
        ))
        .unwrap();
        let lines: Vec<&str> = list
            .lines()
            .filter(|line| !line.starts_with('%') && !line.is_empty())
            .collect();
        assert!(lines.len() >= 20, "{}", lines.len());
        for line in lines {
            let text = format!("$${line}$$\n");
            let outline =
                super::super::outline_with(&text, 0..text.len(), &[], Default::default(), true);
            assert!(
                outline.math_errors.is_empty(),
                "{line}: {:?}",
                outline.math_errors
            );
            let html: Vec<String> = outline.formulas.into_iter().map(|f| f.html).collect();
            assert_eq!(html.len(), 1, "{line}");
            assert!(html[0].starts_with("<math "), "{line}: {}", html[0]);
        }
    }
}
