//! The shortcode syntax: finding the calls in a page body.
//!
//! pillar writes shortcodes as the generic directives of remark-directive, MyST and
//! Docusaurus, because the page stays readable on any markdown viewer (a body renders as
//! the markdown it is; only the short marker lines show as text):
//!
//! - `:::name{arg="value"}` on its own line opens a call with a body, which a line of
//!   `:::` closes. Calls nest: the closer closes the innermost open call, with as many
//!   colons as its opener (more colons on the outer call read better).
//! - `::name{arg="value"}` on its own line is a call without a body.
//! - `:name{arg="value"}` inside a line of text is an inline call (no body).
//!
//! Values are `"quoted"` (with `\"` and `\\`), `'quoted'`, or a bare word: `true` and
//! `false` are booleans, digits a number. Inside code spans, fenced or indented code and
//! raw HTML the syntax is text, and a backslash before the first colon (`\::name`)
//! writes a call as text anywhere.

use std::collections::BTreeSet;
use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag};

use crate::markdown::options;

/// The arguments whose value is a link, resolved like a link in the text.
pub(crate) const LINK_ARGS: [&str; 3] = ["src", "href", "poster"];

/// A value written for an argument.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(untagged)]
pub(crate) enum ArgValue {
    /// Quoted text, or a bare word that is no boolean or number.
    Text(String),
    /// A bare whole number.
    Integer(i64),
    /// A bare number with a fraction.
    Float(f64),
    /// A bare `true` or `false`.
    Bool(bool),
}

impl ArgValue {
    /// The value as an author would read it in an error message.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            ArgValue::Text(_) => "text",
            ArgValue::Integer(_) => "a whole number",
            ArgValue::Float(_) => "a number",
            ArgValue::Bool(_) => "a boolean",
        }
    }
}

/// One `name=value` of a call.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Arg {
    /// The argument's name.
    pub name: String,
    /// Its value.
    pub value: ArgValue,
    /// Where `name=value` is written, as a byte range of the file.
    pub range: Range<usize>,
}

/// Where a call sits and what it holds.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Form {
    /// `:name{…}` inside a line of text.
    Inline,
    /// `::name{…}` on its own line.
    Leaf,
    /// `:::name{…}`, a body of markdown, then `:::`.
    Block {
        /// The markdown between the opener and the closer, as a byte range of the file.
        body: Range<usize>,
        /// The closing line (`:::`), without its indentation.
        close: Range<usize>,
        /// The calls inside the body, in order.
        children: Vec<Call>,
    },
}

/// A shortcode call found in a body.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Call {
    /// The shortcode's name: the template `shortcodes/NAME.html` renders it.
    pub name: String,
    /// Where the name is written.
    pub name_range: Range<usize>,
    /// The arguments, in the order written.
    pub args: Vec<Arg>,
    /// The whole call, from its first colon to the end of its last line (the closer's,
    /// for a block), without the line break.
    pub range: Range<usize>,
    /// Inline, leaf or block.
    pub form: Form,
    /// For an `include` call, what it includes (once the model has resolved it).
    pub include: Option<Box<super::Included>>,
}

impl Call {
    /// The argument named `name`, if given.
    pub(crate) fn arg(&self, name: &str) -> Option<&ArgValue> {
        self.args.iter().find(|a| a.name == name).map(|a| &a.value)
    }

    /// The arguments that name a page or file (`src`, `href`, `poster`), resolved and
    /// checked like the links of the text: each value and where it is written.
    pub(crate) fn links(&self) -> impl Iterator<Item = (&str, Range<usize>)> {
        self.args.iter().filter_map(|arg| match &arg.value {
            ArgValue::Text(dest) if LINK_ARGS.contains(&arg.name.as_str()) => {
                Some((dest.as_str(), arg.range.clone()))
            }
            _ => None,
        })
    }

    /// The calls inside its body (none for a call without a body).
    pub(crate) fn children(&self) -> &[Call] {
        match &self.form {
            Form::Block { children, .. } => children,
            Form::Inline | Form::Leaf => &[],
        }
    }

    /// The byte ranges of the file that are the call's own syntax, not its body: the
    /// whole call for one without a body, the opening and closing lines for a block.
    pub(crate) fn syntax(&self) -> Vec<Range<usize>> {
        match &self.form {
            Form::Block {
                body,
                close,
                children,
            } => {
                let mut out = vec![self.range.start..body.start, close.clone()];
                out.extend(children.iter().flat_map(Call::syntax));
                out
            }
            Form::Inline | Form::Leaf => vec![self.range.clone()],
        }
    }
}

/// A mistake in the shortcode syntax.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SyntaxError {
    /// What is wrong.
    pub message: String,
    /// Where, as a byte range of the file.
    pub range: Range<usize>,
    /// How to put it right.
    pub hint: String,
}

impl SyntaxError {
    fn new(message: impl Into<String>, range: Range<usize>, hint: impl Into<String>) -> Self {
        SyntaxError {
            message: message.into(),
            range,
            hint: hint.into(),
        }
    }
}

/// An opened block call whose closer is still to come.
struct Open {
    colons: usize,
    call: Call,
    body_start: usize,
    children: Vec<Call>,
}

/// Finds the calls in `body`, a byte range of `text` (positions are of `text`), as a
/// tree, and every syntax mistake.
pub(crate) fn scan(text: &str, body: Range<usize>) -> (Vec<Call>, Vec<SyntaxError>) {
    if !may_hold_calls(&text[body.clone()]) {
        // Most pages call nothing: spare them the parse that finds the code.
        return (Vec::new(), Vec::new());
    }
    let literal = literal_zones(text, body.clone());
    let mut errors = Vec::new();
    let mut top = Vec::new();
    let mut open: Vec<Open> = Vec::new();
    let mut line_start = body.start;
    while line_start < body.end {
        let line_end = text[line_start..body.end]
            .find('\n')
            .map_or(body.end, |i| line_start + i);
        let indent = text[line_start..line_end].len()
            - text[line_start..line_end]
                .trim_start_matches([' ', '\t'])
                .len();
        let col = line_start + indent;
        if !literal.contains(col) {
            let siblings = open.last_mut().map_or(&mut top, |o| &mut o.children);
            match marker(text, col..line_end) {
                Ok(Marker::Text) => {
                    scan_inline(text, col..line_end, &literal, siblings, &mut errors)
                }
                Ok(Marker::Leaf(call)) => siblings.push(call),
                Ok(Marker::Open(colons, call)) => open.push(Open {
                    colons,
                    call,
                    body_start: (line_end + 1).min(body.end),
                    children: Vec::new(),
                }),
                Ok(Marker::Close(colons)) => close(
                    text,
                    colons,
                    line_start,
                    col..line_end,
                    &mut open,
                    &mut top,
                    &mut errors,
                ),
                Err(e) => errors.push(e),
            }
        }
        line_start = line_end + 1;
    }
    for unclosed in open {
        errors.push(SyntaxError::new(
            format!("the shortcode `{}` is never closed", unclosed.call.name),
            unclosed.call.range,
            format!(
                "end its body with a line of `{}`",
                ":".repeat(unclosed.colons)
            ),
        ));
    }
    (top, errors)
}

/// Could `text` hold a call: a line starting with `::`, or `:name{`?
fn may_hold_calls(text: &str) -> bool {
    let marker_line = text.lines().any(|line| line.trim_start().starts_with("::"));
    marker_line
        || text.match_indices(':').any(|(at, _)| {
            let name = &text[at + 1..];
            let len = name
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(name.len());
            len > 0 && name[len..].starts_with('{')
        })
}

/// Closes the innermost open call with the closer at `close` (`colons` colons), which
/// starts the line at `line_start`.
fn close(
    text: &str,
    colons: usize,
    line_start: usize,
    close: Range<usize>,
    open: &mut Vec<Open>,
    top: &mut Vec<Call>,
    errors: &mut Vec<SyntaxError>,
) {
    let Some(opened) = open.pop() else {
        errors.push(SyntaxError::new(
            format!("`{}` closes no shortcode", &text[close.clone()]),
            close,
            "remove the line, or write `\\:::` to show the colons as text",
        ));
        return;
    };
    if opened.colons != colons {
        errors.push(SyntaxError::new(
            format!(
                "`{}` closes `{}`, which opens with {} colons",
                &text[close.clone()],
                opened.call.name,
                opened.colons
            ),
            close.clone(),
            format!(
                "close each shortcode with as many colons as opened it: `{}`",
                ":".repeat(opened.colons)
            ),
        ));
    }
    let mut call = opened.call;
    call.range = call.range.start..close.end;
    call.form = Form::Block {
        body: opened.body_start..line_start.max(opened.body_start),
        close,
        children: opened.children,
    };
    open.last_mut().map_or(top, |o| &mut o.children).push(call);
}

/// What a line that starts with colons is.
enum Marker {
    /// Not a marker: the line is text (it may hold inline calls).
    Text,
    /// `::name{…}`.
    Leaf(Call),
    /// `:::name{…}`, with its number of colons.
    Open(usize, Call),
    /// `:::`, with its number of colons.
    Close(usize),
}

/// Reads the line `line` (without indentation) as a marker line.
fn marker(text: &str, line: Range<usize>) -> Result<Marker, SyntaxError> {
    let written = &text[line.clone()];
    let colons = written.len() - written.trim_start_matches(':').len();
    if colons < 2 {
        return Ok(Marker::Text);
    }
    let after = line.start + colons;
    let rest = &text[after..line.end];
    if rest.trim().is_empty() {
        return Ok(if colons >= 3 {
            Marker::Close(colons)
        } else {
            Marker::Text
        });
    }
    if rest.starts_with('{') {
        return Err(SyntaxError::new(
            "the shortcode has no name",
            line,
            "write its name after the colons, e.g. `:::details{summary=\"More\"}`",
        ));
    }
    if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Ok(Marker::Text);
    }
    let (call, end) = call_at(text, line.start, after, line.end, Form::Leaf)?;
    if !text[end..line.end].trim().is_empty() {
        return Err(SyntaxError::new(
            format!("text after the shortcode `{}`", call.name),
            end..line.end,
            "a shortcode on a line starting with `::` stands alone; use `:name{…}` inside a sentence",
        ));
    }
    Ok(match colons {
        2 => Marker::Leaf(call),
        _ => Marker::Open(colons, call),
    })
}

/// Reads a call whose name starts at `name_start` (the call itself at `start`) up to
/// `limit`: its name and optional `{arguments}`. Returns it and where it ends.
fn call_at(
    text: &str,
    start: usize,
    name_start: usize,
    limit: usize,
    form: Form,
) -> Result<(Call, usize), SyntaxError> {
    let name_end = name_start
        + text[name_start..limit]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(limit - name_start);
    let name = text[name_start..name_end].to_string();
    let (args, end) = if text[name_end..limit].starts_with('{') {
        parse_args(text, name_end + 1, limit, &name)?
    } else {
        (Vec::new(), name_end)
    };
    let call = Call {
        name,
        name_range: name_start..name_end,
        args,
        range: start..end,
        form,
        include: None,
    };
    Ok((call, end))
}

/// Finds the inline calls (`:name{…}`) of a line of text.
fn scan_inline(
    text: &str,
    line: Range<usize>,
    literal: &Zones,
    calls: &mut Vec<Call>,
    errors: &mut Vec<SyntaxError>,
) {
    let mut from = line.start;
    while let Some(i) = text[from..line.end].find(':') {
        let at = from + i;
        from = at + 1;
        let before = text[..at].chars().next_back();
        let starts_name = text[at + 1..line.end].starts_with(|c: char| c.is_ascii_alphabetic());
        let is_call_start = starts_name
            && !before.is_some_and(|c| c.is_alphanumeric() || c == ':' || c == '\\')
            && !literal.contains(at);
        if !is_call_start {
            continue;
        }
        let name_end = text[at + 1..line.end]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .map_or(line.end, |n| at + 1 + n);
        // Only `:name{` is a call: a colon before a word is everyday prose.
        if !text[name_end..line.end].starts_with('{') {
            continue;
        }
        match call_at(text, at, at + 1, line.end, Form::Inline) {
            Ok((call, end)) => {
                from = end;
                calls.push(call);
            }
            Err(e) => {
                errors.push(e);
                return;
            }
        }
    }
}

/// Reads `name=value` pairs from `start` (after `{`) to the closing `}`, before `limit`.
/// Returns them and the position after the `}`.
fn parse_args(
    text: &str,
    start: usize,
    limit: usize,
    call: &str,
) -> Result<(Vec<Arg>, usize), SyntaxError> {
    let mut args: Vec<Arg> = Vec::new();
    let mut at = start;
    let unclosed = || {
        SyntaxError::new(
            format!("the arguments of `{call}` are not closed"),
            start - 1..limit,
            "end them with `}` on the same line",
        )
    };
    loop {
        at += text[at..limit].len() - text[at..limit].trim_start().len();
        let rest = &text[at..limit];
        if rest.starts_with('}') {
            return Ok((args, at + 1));
        }
        if rest.is_empty() {
            return Err(unclosed());
        }
        let name_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        if name_len == 0 || !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            let bad = rest.chars().next().map_or(0, char::len_utf8);
            return Err(SyntaxError::new(
                format!("expected an argument name in `{call}`"),
                at..at + bad,
                "write arguments as `name=\"value\"`, separated by spaces",
            ));
        }
        let name = &rest[..name_len];
        let name_range = at..at + name_len;
        at += name_len;
        if !text[at..limit].starts_with('=') {
            return Err(SyntaxError::new(
                format!("the argument `{name}` of `{call}` has no value"),
                name_range,
                format!("write `{name}=\"…\"` (or `{name}=true`)"),
            ));
        }
        at += 1;
        let (value, end) = parse_value(text, at, limit).ok_or_else(unclosed)?;
        if args.iter().any(|a| a.name == name) {
            return Err(SyntaxError::new(
                format!("the argument `{name}` of `{call}` is given twice"),
                name_range.start..end,
                "keep one of them",
            ));
        }
        args.push(Arg {
            name: name.to_string(),
            value,
            range: name_range.start..end,
        });
        at = end;
    }
}

/// Reads one value at `at`: quoted, or a bare word. `None` if a quote is not closed
/// before `limit`.
fn parse_value(text: &str, at: usize, limit: usize) -> Option<(ArgValue, usize)> {
    let rest = &text[at..limit];
    if let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') {
        let mut value = String::new();
        let mut chars = rest.char_indices().skip(1);
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => value.push(chars.next()?.1),
                c if c == quote => return Some((ArgValue::Text(value), at + i + 1)),
                c => value.push(c),
            }
        }
        return None;
    }
    let len = rest
        .find(|c: char| c.is_whitespace() || c == '}')
        .unwrap_or(rest.len());
    let word = &rest[..len];
    let value = match word {
        "true" => ArgValue::Bool(true),
        "false" => ArgValue::Bool(false),
        _ => {
            if let Ok(n) = word.parse::<i64>() {
                ArgValue::Integer(n)
            } else if let Some(x) = word.parse::<f64>().ok().filter(|x| x.is_finite()) {
                ArgValue::Float(x)
            } else {
                ArgValue::Text(word.to_string())
            }
        }
    };
    Some((value, at + len))
}

/// The byte ranges of a body where shortcode syntax is text: code spans, code blocks and
/// raw HTML.
struct Zones(BTreeSet<(usize, usize)>);

impl Zones {
    /// Is `at` inside a zone?
    fn contains(&self, at: usize) -> bool {
        self.0
            .range(..=(at, usize::MAX))
            .next_back()
            .is_some_and(|&(start, end)| start <= at && at < end)
    }
}

/// The zones of `body` (a byte range of `text`) where the syntax is text.
fn literal_zones(text: &str, body: Range<usize>) -> Zones {
    let base = body.start;
    let mut zones = BTreeSet::new();
    let mut in_code = 0usize;
    for (event, range) in Parser::new_ext(&text[body], options()).into_offset_iter() {
        let literal = match event {
            Event::Start(Tag::CodeBlock(_)) => {
                in_code += 1;
                true
            }
            Event::End(pulldown_cmark::TagEnd::CodeBlock) => {
                in_code = in_code.saturating_sub(1);
                false
            }
            Event::Code(_) | Event::Html(_) | Event::InlineHtml(_) => in_code == 0,
            _ => false,
        };
        if literal {
            zones.insert((range.start + base, range.end + base));
        }
    }
    Zones(zones)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn calls(text: &str) -> Vec<Call> {
        let (calls, errors) = scan(text, 0..text.len());
        assert!(errors.is_empty(), "{errors:?}");
        calls
    }

    fn errors(text: &str) -> Vec<String> {
        scan(text, 0..text.len())
            .1
            .into_iter()
            .map(|e| e.message)
            .collect()
    }

    #[test]
    fn reads_the_three_forms_with_their_arguments() {
        let text = "::figure{src=\"a.png\" width=300}\n\nPrice: :value{key=price}.\n\n:::details{summary='Why?' open=true}\nBody.\n:::\n";
        let found = calls(text);
        assert_eq!(found.len(), 3);
        assert_eq!(found[0].name, "figure");
        assert_eq!(found[0].form, Form::Leaf);
        assert_eq!(found[0].arg("src"), Some(&ArgValue::Text("a.png".into())));
        assert_eq!(found[0].arg("width"), Some(&ArgValue::Integer(300)));
        assert_eq!(found[1].form, Form::Inline);
        assert_eq!(&text[found[1].range.clone()], ":value{key=price}");
        let Form::Block { body, .. } = &found[2].form else {
            panic!("a block")
        };
        assert_eq!(&text[body.clone()], "Body.\n");
        assert_eq!(found[2].arg("open"), Some(&ArgValue::Bool(true)));
        assert!(text[found[2].range.clone()].ends_with(":::"));
    }

    #[test]
    fn blocks_nest() {
        let text = "::::tabs\n:::tab{title=A}\nOne.\n:::\n:::tab{title=B}\nTwo.\n:::\n::::\n";
        let found = calls(text);
        assert_eq!(found.len(), 1);
        let titles: Vec<_> = found[0]
            .children()
            .iter()
            .map(|c| c.arg("title").cloned())
            .collect();
        assert_eq!(
            titles,
            [
                Some(ArgValue::Text("A".into())),
                Some(ArgValue::Text("B".into()))
            ]
        );
    }

    #[test]
    fn code_and_escapes_are_text() {
        let text = "`:value{key=x}` and \\:value{key=y}\n\n```\n::figure{src=a}\n```\n\n\\::figure{src=b}\n\nhttps://x.org/a:b{c} 10:30{x}\n";
        assert!(calls(text).is_empty());
    }

    #[test]
    fn mistakes_are_reported_each_with_its_place() {
        assert_eq!(
            errors(":::details{summary=\"x\"}\nNever closed.\n"),
            ["the shortcode `details` is never closed"]
        );
        assert_eq!(errors(":::\n"), ["`:::` closes no shortcode"]);
        assert_eq!(
            errors(":value{key=\"x} and ::figure{src}\n\n::figure{src}\n"),
            [
                "the arguments of `value` are not closed",
                "the argument `src` of `figure` has no value"
            ]
        );
        assert_eq!(
            errors("::::tabs\n:::\n"),
            ["`:::` closes `tabs`, which opens with 4 colons",]
        );
    }
}
