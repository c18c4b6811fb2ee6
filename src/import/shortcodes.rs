//! The source's shortcodes as pillar shortcodes.
//!
//! Hugo's `{{< name args >}}` / `{{% name args %}}` (with `{{< /name >}}` closing a
//! body) and Zola's `{{ name(args) }}` / `{% name(args) %}…{% end %}` are read into a
//! tree of calls. Hugo's built-ins become pillar's (`figure`, `details`, `video`,
//! `value`, `include`, a fenced block for `highlight`, `@/` links for `ref`), `comment`
//! is dropped with its text, an escaped call (`{{</* … */>}}`, `{{/* … */}}`) becomes
//! the text the source generator shows, and every other shortcode becomes a call of a
//! stub template written into the import, reported once per name.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::Path;

use super::Flavor;
use crate::diagnostics::Diagnostic;
use crate::source::SourceFile;

/// The shortcodes pillar has built in: a stub of one of these names would replace it.
const PILLAR_BUILT_INS: &[&str] = &[
    "figure", "details", "tabs", "tab", "video", "value", "include",
];

/// One argument of a call: its name (none for a positional one) and its value as text.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Arg {
    pub name: Option<String>,
    pub value: String,
}

/// What one tag of the source is.
#[derive(Debug, PartialEq)]
enum Kind {
    /// Opens a call, which may have a body.
    Open,
    /// A call that has no body (`{{< x />}}`, Zola's `{{ x() }}`).
    Alone,
    /// Closes the call of this name (Hugo) or the innermost one (Zola's `{% end %}`).
    Close(Option<String>),
    /// An escaped call: this text is shown as written.
    Escaped(String),
}

/// One tag of the source, where it is in the body.
#[derive(Debug)]
struct Tag {
    range: Range<usize>,
    name: String,
    args: Vec<Arg>,
    kind: Kind,
}

/// A call of a shortcode, with the calls in its body.
#[derive(Debug)]
pub(super) struct Call {
    /// The whole call, from its opening tag to its closing one.
    pub range: Range<usize>,
    pub name: String,
    pub args: Vec<Arg>,
    /// Its body (between the tags) and the calls in it; `None` for a call without one.
    pub body: Option<(Range<usize>, Vec<Call>)>,
    /// The text to write instead, for an escaped call.
    pub escaped: Option<String>,
}

/// The calls of `body`, outermost first, in order.
pub(super) fn calls(flavor: Flavor, body: &str) -> Vec<Call> {
    let tags = match flavor {
        Flavor::Hugo => hugo_tags(body),
        Flavor::Zola => zola_tags(body),
    };
    nest(tags)
}

/// A frame of [`nest`]: an opened call and the calls seen since.
struct Frame {
    tag: Tag,
    inner: Vec<Call>,
}

/// Pairs opening and closing tags into calls. An opening tag never closed is a call
/// without a body, and the calls after it belong to its parent; a closing tag that
/// closes nothing is dropped.
fn nest(tags: Vec<Tag>) -> Vec<Call> {
    let mut top = Vec::new();
    let mut open: Vec<Frame> = Vec::new();
    for tag in tags {
        match &tag.kind {
            Kind::Open => open.push(Frame {
                tag,
                inner: Vec::new(),
            }),
            Kind::Alone | Kind::Escaped(_) => {
                let call = alone(tag);
                open.last_mut()
                    .map_or(&mut top, |f| &mut f.inner)
                    .push(call);
            }
            Kind::Close(name) => {
                let found = open
                    .iter()
                    .rposition(|frame| name.as_ref().is_none_or(|name| *name == frame.tag.name));
                let Some(found) = found else { continue };
                while open.len() > found + 1 {
                    unwind(&mut open, &mut top);
                }
                let Some(frame) = open.pop() else { continue };
                let call = Call {
                    range: frame.tag.range.start..tag.range.end,
                    body: Some((frame.tag.range.end..tag.range.start, frame.inner)),
                    name: frame.tag.name,
                    args: frame.tag.args,
                    escaped: None,
                };
                open.last_mut()
                    .map_or(&mut top, |f| &mut f.inner)
                    .push(call);
            }
        }
    }
    while !open.is_empty() {
        unwind(&mut open, &mut top);
    }
    top
}

/// Ends the innermost open frame as a call without a body; its calls follow it.
fn unwind(open: &mut Vec<Frame>, top: &mut Vec<Call>) {
    let Some(frame) = open.pop() else { return };
    let parent = open.last_mut().map_or(top, |f| &mut f.inner);
    parent.push(alone(frame.tag));
    parent.extend(frame.inner);
}

/// The call of a tag that has no body.
fn alone(tag: Tag) -> Call {
    let escaped = match tag.kind {
        Kind::Escaped(text) => Some(text),
        _ => None,
    };
    Call {
        range: tag.range,
        name: tag.name,
        args: tag.args,
        body: None,
        escaped,
    }
}

/// Hugo's tags: `{{< … >}}` and `{{% … %}}`.
fn hugo_tags(body: &str) -> Vec<Tag> {
    let mut tags = Vec::new();
    let mut search = 0;
    // An opening after the last closing of its kind is passed over without searching,
    // so the scan is linear however many are left open.
    let last_close = [body.rfind(">}}"), body.rfind("%}}")];
    while let Some(found) = body[search..].find("{{") {
        let start = search + found;
        search = start + 2;
        let (close, last) = match body.as_bytes().get(start + 2) {
            Some(b'<') => (">}}", last_close[0]),
            Some(b'%') => ("%}}", last_close[1]),
            _ => continue,
        };
        let inner_start = start + 3;
        if last.is_none_or(|last| last < inner_start) {
            continue;
        }
        let Some(len) = body[inner_start..].find(close) else {
            continue;
        };
        let end = inner_start + len + 3;
        let inner = body[inner_start..inner_start + len].trim();
        search = end;
        let (open, shut) = (&body[start..start + 3], &body[end - 3..end]);
        let kind;
        let text;
        if let Some(escaped) = inner.strip_prefix("/*").and_then(|i| i.strip_suffix("*/")) {
            let literal = format!("{open} {} {shut}", escaped.trim());
            tags.push(Tag {
                range: start..end,
                name: String::new(),
                args: Vec::new(),
                kind: Kind::Escaped(literal),
            });
            continue;
        } else if let Some(closing) = inner.strip_prefix('/') {
            kind = Kind::Close(Some(closing.trim().to_string()));
            text = "";
        } else if let Some(alone) = inner.strip_suffix('/') {
            kind = Kind::Alone;
            text = alone;
        } else {
            kind = Kind::Open;
            text = inner;
        }
        let (name, args) = match kind {
            Kind::Close(Some(ref name)) => (name.clone(), Vec::new()),
            _ => {
                let name_len = text.find(char::is_whitespace).unwrap_or(text.len());
                (text[..name_len].to_string(), hugo_args(&text[name_len..]))
            }
        };
        if name.is_empty() {
            continue;
        }
        tags.push(Tag {
            range: start..end,
            name,
            args,
            kind,
        });
    }
    tags
}

/// Hugo's arguments: `name="value"` pairs or positional values, each quoted with `"`
/// or a backtick, or a bare word.
pub(super) fn hugo_args(text: &str) -> Vec<Arg> {
    let mut args = Vec::new();
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        let word_end = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '"' || c == '`')
            .unwrap_or(rest.len());
        let (name, value_at) = if rest[word_end..].starts_with('=') && word_end > 0 {
            (Some(rest[..word_end].to_string()), word_end + 1)
        } else {
            (None, 0)
        };
        let (value, used) = quoted_or_word(&rest[value_at..], |c| c.is_whitespace());
        args.push(Arg { name, value });
        rest = rest[value_at + used..].trim_start();
    }
    args
}

/// A value at the start of `text`: quoted (`"…"` with `\"` escapes, `'…'`, or
/// `` `…` ``) or up to the first character `ends` accepts. Its text and how many bytes
/// it took.
fn quoted_or_word(text: &str, ends: impl Fn(char) -> bool) -> (String, usize) {
    let Some(quote) = text
        .chars()
        .next()
        .filter(|c| matches!(c, '"' | '\'' | '`'))
    else {
        let len = text.find(ends).unwrap_or(text.len());
        return (text[..len].trim().to_string(), len.max(1).min(text.len()));
    };
    let mut value = String::new();
    let mut escaped = false;
    for (i, c) in text.char_indices().skip(1) {
        match c {
            '\\' if quote == '"' && !escaped => escaped = true,
            c if c == quote && !escaped => return (value, i + 1),
            c => {
                value.push(c);
                escaped = false;
            }
        }
    }
    (value, text.len())
}

/// Zola's tags: `{{ name(args) }}`, `{% name(args) %}`, `{% end %}`, and the escaped
/// `{{/* … */}}` / `{%/* … */%}`.
fn zola_tags(body: &str) -> Vec<Tag> {
    let mut tags = Vec::new();
    let mut search = 0;
    while let Some(found) = body[search..].find('{') {
        let start = search + found;
        search = start + 1;
        let (kind_char, close) = match body.as_bytes().get(start + 1) {
            Some(b'{') => ('{', "}}"),
            Some(b'%') => ('%', "%}"),
            _ => continue,
        };
        let after = &body[start + 2..floor_char_boundary(body, start + 2 + MAX_ZOLA_TAG)];
        if let Some(escaped) = after.strip_prefix("/*") {
            let Some(len) = escaped.find(&format!("*/{close}")) else {
                continue;
            };
            let end = start + 4 + len + 4;
            let open = &body[start..start + 2];
            let literal = format!("{open} {} {close}", escaped[..len].trim());
            tags.push(Tag {
                range: start..end,
                name: String::new(),
                args: Vec::new(),
                kind: Kind::Escaped(literal),
            });
            search = end;
            continue;
        }
        let Some((tag, end)) = zola_tag(after, kind_char, close) else {
            continue;
        };
        let end = start + 2 + end;
        tags.push(Tag {
            range: start..end,
            ..tag
        });
        search = end;
    }
    tags
}

/// How long a Zola tag may be: a longer one is text, which keeps the scan linear.
const MAX_ZOLA_TAG: usize = 1024;

/// The largest char boundary of `text` at or below `at`.
fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The tag at the start of `text` (just after `{{` or `{%`), and where it ends in
/// `text`: a name, its arguments in parentheses, and `close`; or `end` for `{%`.
fn zola_tag(text: &str, kind_char: char, close: &str) -> Option<(Tag, usize)> {
    let trimmed = text.trim_start_matches(is_blank);
    let name_len = trimmed
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(trimmed.len());
    let name = &trimmed[..name_len];
    if name.is_empty() {
        return None;
    }
    let after_name = &trimmed[name_len..];
    let tag = |kind, args| Tag {
        range: 0..0,
        name: name.to_string(),
        args,
        kind,
    };
    if kind_char == '%' && name == "end" {
        let rest = after_name.trim_start_matches(is_blank);
        let end = text.len() - rest.len();
        return rest
            .starts_with(close)
            .then(|| (tag(Kind::Close(None), Vec::new()), end + close.len()));
    }
    let inside = after_name.strip_prefix('(')?;
    let (args, used) = zola_args(inside)?;
    let rest = inside[used..].trim_start_matches(is_blank);
    if !rest.starts_with(close) {
        return None;
    }
    let end = text.len() - rest.len() + close.len();
    let kind = if kind_char == '%' {
        Kind::Open
    } else {
        Kind::Alone
    };
    Some((tag(kind, args), end))
}

fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t' || c == '\n' || c == '\r'
}

/// Zola's arguments up to their closing `)`: `name=value` separated by commas, each
/// value a quoted string or a literal (a number, a boolean, an array, written as text).
/// The arguments and how many bytes they took with the `)`.
fn zola_args(text: &str) -> Option<(Vec<Arg>, usize)> {
    let mut args = Vec::new();
    let mut at = 0;
    loop {
        at += text[at..].len() - text[at..].trim_start_matches(is_blank).len();
        let rest = &text[at..];
        if rest.starts_with(')') {
            return Some((args, at + 1));
        }
        let eq = rest.find('=')?;
        let name = rest[..eq].trim();
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return None;
        }
        at += eq + 1;
        at += text[at..].len() - text[at..].trim_start_matches(is_blank).len();
        let (value, used) = zola_value(&text[at..])?;
        args.push(Arg {
            name: Some(name.to_string()),
            value,
        });
        at += used;
        at += text[at..].len() - text[at..].trim_start_matches(is_blank).len();
        if text[at..].starts_with(',') {
            at += 1;
        }
    }
}

/// One Zola value at the start of `text`, and how many bytes it took.
fn zola_value(text: &str) -> Option<(String, usize)> {
    if text.starts_with(['"', '\'', '`']) {
        let (value, used) = quoted_or_word(text, |_| false);
        return Some((value, used));
    }
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'' | '`') => quote = Some(c),
            (None, '[') => depth += 1,
            (None, ']') => depth = depth.checked_sub(1)?,
            (None, ',' | ')') if depth == 0 => return Some((text[..i].trim().to_string(), i)),
            // A brace outside quotes is no Zola value: the tag is text, and the scan
            // stops at the next opening.
            (None, '\n') if depth == 0 => return None,
            (None, '{' | '}') => return None,
            _ => {}
        }
    }
    None
}

/// The shortcodes a page calls that become stubs: one template each, and one warning
/// each, whatever the number of calls.
#[derive(Default)]
pub(super) struct Stubs {
    by_name: BTreeMap<String, Stub>,
    /// The shortcodes the source defines in its templates, by name: the template's path.
    defined: BTreeMap<String, String>,
}

/// What the calls of one stubbed shortcode showed.
struct Stub {
    /// Its name in the source.
    source_name: String,
    calls: usize,
    /// Where it is first called: a warning waiting for its message.
    first: Diagnostic,
    args: BTreeSet<String>,
}

impl Stubs {
    /// The stubs of a site whose templates define the shortcodes in `defined` (name →
    /// template path).
    pub(super) fn new(defined: BTreeMap<String, String>) -> Self {
        Stubs {
            by_name: BTreeMap::new(),
            defined,
        }
    }

    /// Does the source define a template for the shortcode `name`?
    pub(super) fn defines(&self, name: &str) -> bool {
        self.defined.contains_key(name)
    }

    /// Notes a call of `source_name`, stubbed as `name` with `args`, at `at` in `file`.
    pub(super) fn note(
        &mut self,
        name: &str,
        source_name: &str,
        args: &[(String, String)],
        file: &SourceFile,
        at: Range<usize>,
    ) {
        let stub = self
            .by_name
            .entry(name.to_string())
            .or_insert_with(|| Stub {
                source_name: source_name.to_string(),
                calls: 0,
                first: Diagnostic::warning("").at(file, at),
                args: BTreeSet::new(),
            });
        stub.calls += 1;
        stub.args.extend(args.iter().map(|(name, _)| name.clone()));
    }

    /// Each stub's template (its path under the target and its text), and one warning
    /// per stubbed shortcode.
    pub(super) fn finish(self) -> (Vec<(String, String)>, Vec<Diagnostic>) {
        let mut templates = Vec::new();
        let mut warnings = Vec::new();
        for (name, stub) in self.by_name {
            let path = format!("templates/shortcodes/{name}.html");
            templates.push((path.clone(), template(&name, &stub.source_name, &stub.args)));
            let uses = match stub.calls {
                1 => "1 call".to_string(),
                n => format!("{n} calls"),
            };
            let mut warning = stub.first;
            warning.message = format!(
                "the shortcode `{}` ({uses}, the first here) becomes `{name}`, a stub in {path} that shows its body or its arguments",
                stub.source_name
            );
            warning.hint = Some(match self.defined.get(&stub.source_name) {
                Some(source) => format!("port {source} to {path}, a Tera component"),
                None => format!(
                    "the site defines no template for it: write {path}, or replace the calls"
                ),
            });
            warnings.push(warning);
        }
        (templates, warnings)
    }
}

/// The stub template of `name`: a Tera component taking every argument its calls use
/// (each optional), rendering the call's body, or else its name and arguments.
fn template(name: &str, source_name: &str, args: &BTreeSet<String>) -> String {
    let signature: Vec<String> = args
        .iter()
        .map(|arg| format!("{arg}: string = \"\""))
        .collect();
    let shown: Vec<String> = args
        .iter()
        .map(|arg| format!("{{% if {arg} %}} {arg}={{{{ {arg} }}}}{{% endif %}}"))
        .collect();
    format!(
        "{{#- A stub made by `pillar import` for the source's shortcode `{source_name}`:\n    \
         it shows the call's body, or else its name and arguments. Port the source's\n    \
         template here. -#}}\n\
         {{% component {name}({}) -%}}\n\
         {{% if body %}}<div class=\"imported-shortcode\">{{{{ body }}}}</div>\
         {{% else %}}<span class=\"imported-shortcode\">[{source_name}{}]</span>{{% endif %}}\n\
         {{%- endcomponent {name} %}}\n",
        signature.join(", "),
        shown.join("")
    )
}

/// The pillar name of a source shortcode: ASCII letters, digits and `_` (`blocks/cover`
/// → `blocks_cover`), not one of pillar's built-ins.
pub(super) fn stub_name(source: &str) -> String {
    let mut name = identifier(source);
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert_str(0, "sc_");
    }
    if PILLAR_BUILT_INS.contains(&name.as_str()) {
        name.push_str("_imported");
    }
    name
}

/// `text` as a Tera identifier: ASCII letters and digits, lowercased, every other
/// character `_`.
fn identifier(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect()
}

/// A pillar argument name for a source one: `arg1`, `arg2`… for positional ones.
pub(super) fn arg_name(arg: &Arg, position: usize) -> String {
    match &arg.name {
        Some(name) => {
            let name = identifier(name);
            match name.as_str() {
                "" | "body" => format!("{name}_arg"),
                n if n.starts_with(|c: char| c.is_ascii_digit()) => format!("a{name}"),
                _ => name,
            }
        }
        None => format!("arg{}", position + 1),
    }
}

/// The arguments of a pillar call, written `a="x" b="y"` (every value quoted).
pub(super) fn write_args(args: &[(String, String)]) -> String {
    args.iter()
        .map(|(name, value)| {
            let value = value.replace('\\', "\\\\").replace('"', "\\\"");
            let value = value.replace('\n', " ");
            format!("{name}=\"{value}\"")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The shortcodes a source's templates define: name → the template's path, from
/// Hugo's `layouts/shortcodes/` or `layouts/_shortcodes/` (names may hold folders:
/// `blocks/cover`) or Zola's
/// `templates/shortcodes/`, in the site and in its themes.
pub(super) fn defined(flavor: Flavor, source: &Path) -> BTreeMap<String, String> {
    let folders: &[&str] = match flavor {
        Flavor::Hugo => &["layouts/shortcodes", "layouts/_shortcodes"],
        Flavor::Zola => &["templates/shortcodes"],
    };
    let mut sites = vec![source.to_path_buf()];
    if let Ok(themes) = std::fs::read_dir(source.join("themes")) {
        let mut themes: Vec<_> = themes.flatten().map(|e| e.path()).collect();
        themes.sort();
        sites.extend(themes);
    }
    let roots = sites
        .iter()
        .flat_map(|site| folders.iter().map(move |folder| site.join(folder)));
    let mut found = BTreeMap::new();
    for root in roots {
        let mut stack = vec![root.clone()];
        while let Some(dir) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                let Ok(kind) = entry.file_type() else {
                    continue;
                };
                if kind.is_dir() {
                    stack.push(path);
                    continue;
                }
                let Ok(rel) = path.strip_prefix(&root) else {
                    continue;
                };
                let rel = rel.to_string_lossy().replace('\\', "/");
                let Some((stem, _)) = rel.split_once('.') else {
                    continue;
                };
                let shown = path.strip_prefix(source).unwrap_or(&path);
                found
                    .entry(stem.to_string())
                    .or_insert_with(|| shown.display().to_string());
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(calls: &[Call]) -> Vec<String> {
        calls
            .iter()
            .map(|c| match &c.body {
                Some((_, inner)) => format!("{}[{}]", c.name, names(inner).join(",")),
                None => c.name.clone(),
            })
            .collect()
    }

    #[test]
    fn hugo_calls_nest_and_unclosed_ones_have_no_body() {
        let body = "{{< a >}}x{{% b 1 %}}{{< c />}}{{% /b %}}{{< /a >}} {{< d >}} {{</* e */>}}";
        let calls = calls(Flavor::Hugo, body);
        assert_eq!(names(&calls), ["a[b[c]]", "d", ""]);
        assert_eq!(calls[2].escaped.as_deref(), Some("{{< e >}}"));
    }

    #[test]
    fn zola_calls_nest_through_end() {
        let body = "{% a(x=1) %}t {{ b(y=\"q)\", z=[1, 2]) }}{% end %} {{/* c() */}} {{ no }}";
        let calls = calls(Flavor::Zola, body);
        assert_eq!(names(&calls), ["a[b]", ""]);
        let Some((_, inner)) = &calls[0].body else {
            panic!("a body")
        };
        assert_eq!(
            inner[0].args[1],
            Arg {
                name: Some("z".into()),
                value: "[1, 2]".into()
            }
        );
        assert_eq!(calls[1].escaped.as_deref(), Some("{{ c() }}"));
    }

    #[test]
    fn hugo_arguments_are_named_or_positional() {
        let args = hugo_args(r#" "a b" src="x.png" `raw` bare"#);
        let values: Vec<_> = args
            .iter()
            .map(|a| (a.name.as_deref(), a.value.as_str()))
            .collect();
        assert_eq!(
            values,
            [
                (None, "a b"),
                (Some("src"), "x.png"),
                (None, "raw"),
                (None, "bare")
            ]
        );
    }

    #[test]
    fn stub_names_are_pillar_names() {
        assert_eq!(stub_name("blocks/cover"), "blocks_cover");
        assert_eq!(stub_name("figure"), "figure_imported");
    }
}
#[cfg(test)]
mod scan_tests {
    use super::*;

    /// Openings left unclosed by the thousand are passed over in one pass.
    #[test]
    fn unclosed_openings_are_read_in_linear_time() {
        for (flavor, unit) in [
            (Flavor::Hugo, "{{< a "),
            (Flavor::Zola, "{{ a(x=\""),
            (Flavor::Zola, "{% a(x=[ "),
        ] {
            let body = unit.repeat(50_000);
            let started = std::time::Instant::now();
            let _ = calls(flavor, &body);
            assert!(started.elapsed().as_secs() < 5, "{unit:?}");
        }
    }
}
