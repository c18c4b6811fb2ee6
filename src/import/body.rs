//! A source page's body for pillar: its shortcodes in pillar's syntax (see
//! [`super::shortcodes`]), Hugo `ref` / `relref` and Zola `@/` links as pillar `@/`
//! links, root-relative links to pages too.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};

use super::Flavor;
use super::Settings;
use super::paths::{ContentTree, SourcePage};
use super::shortcodes::{self, Call, Stubs, arg_name, stub_name, write_args};
use crate::diagnostics::Diagnostic;

/// The body of `page`, converted.
pub(super) fn convert(
    flavor: Flavor,
    page: &SourcePage,
    tree: &ContentTree,
    settings: &Settings,
    stubs: &mut Stubs,
    warnings: &mut Vec<Diagnostic>,
) -> String {
    let body = &page.file.text[page.body.clone()];
    let calls = shortcodes::calls(flavor, body);
    let code = match flavor {
        Flavor::Zola => code_ranges(body),
        Flavor::Hugo => Vec::new(),
    };
    let mut page_calls = PageCalls {
        flavor,
        page,
        tree,
        settings,
        stubs,
        warnings,
        body,
        code,
    };
    let mut out = String::with_capacity(body.len());
    page_calls.write(0..body.len(), &calls, &mut out);
    links(&out, page, tree)
}

/// The calls of one page's body being written in pillar's syntax.
struct PageCalls<'a> {
    flavor: Flavor,
    page: &'a SourcePage,
    tree: &'a ContentTree,
    settings: &'a Settings,
    stubs: &'a mut Stubs,
    warnings: &'a mut Vec<Diagnostic>,
    body: &'a str,
    /// The code spans and blocks of the body, for Zola, which reads a call there
    /// only if the site has a template of its name.
    code: Vec<Range<usize>>,
}

/// A call in pillar's syntax.
enum Written {
    /// Text in place of the call (a link, an inline shortcode, nothing).
    Inline(String),
    /// A line of its own: a shortcode without a body, a fenced block.
    Block(String),
    /// A shortcode with a body: its name and arguments.
    Body(String, Vec<(String, String)>),
}

impl PageCalls<'_> {
    /// Writes the part `range` of the body, holding `calls`, to `out`; returns how deep
    /// the bodies in it nest.
    fn write(&mut self, range: Range<usize>, calls: &[Call], out: &mut String) -> usize {
        let mut rest = range.start;
        let mut depth = 0;
        for call in calls {
            out.push_str(&self.body[rest..call.range.start]);
            rest = call.range.end;
            match self.written(call) {
                Written::Inline(text) => out.push_str(&text),
                Written::Block(line) => {
                    let indent = start_line(out);
                    out.push_str(&line);
                    self.end_line(call.range.end, &indent, out);
                }
                Written::Body(name, args) => {
                    let indent = start_line(out);
                    let mut inner = String::new();
                    let inner_depth = match &call.body {
                        Some((body, calls)) => self.write(body.clone(), calls, &mut inner),
                        None => 0,
                    };
                    depth = depth.max(inner_depth + 1);
                    let colons = ":".repeat(3 + inner_depth);
                    let inner = inner.trim_start_matches([' ', '\t']);
                    let inner = inner.strip_prefix('\n').unwrap_or(inner).trim_end();
                    out.push_str(&format!("{colons}{name}{{{}}}\n", write_args(&args)));
                    if !inner.is_empty() {
                        out.push_str(inner);
                        out.push('\n');
                    }
                    out.push_str(&format!("{indent}{colons}"));
                    self.end_line(call.range.end, &indent, out);
                }
            }
        }
        out.push_str(&self.body[rest..range.end]);
        depth
    }

    /// Ends the line of a block written for a call ending at `end`, unless the source
    /// line ends there too.
    fn end_line(&self, end: usize, indent: &str, out: &mut String) {
        let line = self.body[end..].split('\n').next().unwrap_or_default();
        if !line.trim().is_empty() {
            out.push('\n');
            out.push_str(indent);
        }
    }

    /// Where `call` is in the page's file.
    fn at(&self, call: &Call) -> Range<usize> {
        self.page.body.start + call.range.start..self.page.body.start + call.range.end
    }

    /// `call` in pillar's syntax: a built-in of the source mapped to pillar's, or a
    /// call of a stub.
    fn written(&mut self, call: &Call) -> Written {
        if let Some(text) = &call.escaped {
            return Written::Inline(text.clone());
        }
        if self.is_code_text(call) {
            return Written::Inline(self.body[call.range.clone()].to_string());
        }
        let hugo = self.flavor == Flavor::Hugo;
        let mapped = match call.name.as_str() {
            "comment" if hugo => Some(Written::Inline(String::new())),
            "ref" | "relref" if hugo => Some(self.reference(call)),
            "highlight" if hugo => self.highlight(call),
            "param" if hugo => Some(self.param(call)),
            "include" | "readfile" if hugo => self.include(call),
            "figure" => figure(call),
            "details" => Some(details(call)),
            "youtube" | "vimeo" => video(call),
            _ => None,
        };
        mapped.unwrap_or_else(|| self.stub(call))
    }

    /// `ref` / `relref`: the `@/` path of the page it names.
    fn reference(&mut self, call: &Call) -> Written {
        let argument = arg(call, &["path"], true).unwrap_or_default();
        let (path, anchor) = argument
            .split_once('#')
            .map_or((argument, ""), |(p, a)| (p, a));
        let Some(target) = self.tree.page_ref(&self.page.source, path) else {
            self.warnings.push(
                Diagnostic::warning(format!(
                    "`{}` names no page of the site: `{path}`",
                    call.name
                ))
                .at(&self.page.file, self.at(call))
                .with_hint("the link is left empty; link to the page as `@/path/under/content.md`"),
            );
            return Written::Inline(String::new());
        };
        Written::Inline(if anchor.is_empty() {
            format!("@/{target}")
        } else {
            format!("@/{target}#{}", self.tree.anchor(target, anchor))
        })
    }

    /// `highlight LANG`: its body as a fenced code block.
    fn highlight(&self, call: &Call) -> Option<Written> {
        let (body, _) = call.body.as_ref()?;
        let code = self.body[body.clone()].trim_matches('\n').trim_end();
        let language = arg(call, &["lang"], true).unwrap_or_default();
        let fence = if code.contains("```") { "~~~~" } else { "```" };
        Some(Written::Block(format!(
            "{fence}{language}\n{code}\n{fence}"
        )))
    }

    /// `param KEY`: pillar's `value` of a key the page or the site sets; for a dotted
    /// key (`a.b`), which `value` cannot read, the value itself, as Hugo wrote it.
    fn param(&mut self, call: &Call) -> Written {
        let key = arg(call, &["name", "key"], true).unwrap_or_default();
        let front = self.page.front.as_ref();
        let params = front
            .and_then(|f| f.get("params"))
            .and_then(|p| p.as_object());
        let found = [front, params, Some(&self.settings.extra)]
            .into_iter()
            .flatten()
            .find_map(|table| lookup(table, key));
        // `value` reads `extra`, where the page's `params` and the site's go.
        let in_extra = [params, Some(&self.settings.extra)]
            .into_iter()
            .flatten()
            .any(|table| table.contains_key(key));
        match found {
            Some(_) if in_extra && !key.contains('.') => {
                return Written::Inline(format!(":value{{key=\"{key}\"}}"));
            }
            Some(value) => {
                if let Some(text) = super::values::text(value) {
                    return Written::Inline(text);
                }
            }
            None => {}
        }
        self.warnings.push(
            Diagnostic::warning(format!(
                "left out: `param` reads `{key}`, which neither the page nor the site sets as text"
            ))
            .at(&self.page.file, self.at(call))
            .with_hint(
                "set it under `extra` of the page or of site.yaml, and write :value{key=\"…\"}",
            ),
        );
        Written::Inline(String::new())
    }

    /// `include` / `readfile`: pillar's `include` of the page it names.
    fn include(&self, call: &Call) -> Option<Written> {
        let file = arg(call, &["file", "path"], true)?;
        let target = self.tree.page_ref(&self.page.source, file)?;
        Some(Written::Block(format!("::include{{file=\"@/{target}\"}}")))
    }

    /// Any other shortcode: a call of its stub, noted for the stub's template.
    fn stub(&mut self, call: &Call) -> Written {
        let name = stub_name(&call.name);
        let mut positional = 0;
        let mut args: Vec<(String, String)> = Vec::new();
        for arg in &call.args {
            let name = arg_name(arg, positional);
            if arg.name.is_none() {
                positional += 1;
            }
            // An argument given twice: the last one wins, as in Hugo.
            args.retain(|(taken, _)| *taken != name);
            args.push((name, arg.value.clone()));
        }
        self.stubs
            .note(&name, &call.name, &args, &self.page.file, self.at(call));
        if call.body.is_some() {
            return Written::Body(name, args);
        }
        let call_text = format!("{name}{{{}}}", write_args(&args));
        if self.alone_on_its_line(call) {
            Written::Block(format!("::{call_text}"))
        } else {
            Written::Inline(format!(":{call_text}"))
        }
    }

    /// Is `call` text in code, as Zola leaves a call of a name it has no template for
    /// (a Tera example: `{{ get_url(path=x) }}`)?
    fn is_code_text(&self, call: &Call) -> bool {
        let known = self.stubs.defines(&call.name)
            || matches!(
                call.name.as_str(),
                "youtube" | "vimeo" | "gist" | "streamable"
            );
        !known
            && self
                .code
                .iter()
                .any(|code| code.start <= call.range.start && call.range.end <= code.end)
    }

    /// Is `call` the only thing on its line?
    fn alone_on_its_line(&self, call: &Call) -> bool {
        let before = &self.body[..call.range.start];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let after = self.body[call.range.end..].split('\n').next();
        before[line_start..].trim().is_empty() && after.unwrap_or_default().trim().is_empty()
    }
}

/// The value at the dotted `key` (`a.b`) of `table`, matching names without regard to
/// case, as Hugo does.
fn lookup<'t>(table: &'t super::values::Table, key: &str) -> Option<&'t serde_json::Value> {
    let mut parts = key.split('.');
    let first = parts.next()?;
    let find = |t: &'t super::values::Table, name: &str| {
        t.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    };
    let mut value = find(table, first)?;
    for part in parts {
        value = find(value.as_object()?, part)?;
    }
    Some(value)
}

/// The first argument of `call` named one of `names`, or else, if `positional`, its
/// first positional one.
fn arg<'c>(call: &'c Call, names: &[&str], positional: bool) -> Option<&'c str> {
    let named = call
        .args
        .iter()
        .find(|a| a.name.as_deref().is_some_and(|n| names.contains(&n)));
    let first = || call.args.iter().find(|a| a.name.is_none());
    named
        .or_else(|| if positional { first() } else { None })
        .map(|a| a.value.as_str())
}

/// `figure`: pillar's `figure`, with the image, its text and its caption.
fn figure(call: &Call) -> Option<Written> {
    let src = arg(call, &["src", "path", "image"], true)?;
    let mut args = vec![("src".to_string(), src.to_string())];
    if let Some(alt) = arg(call, &["alt"], false) {
        args.push(("alt".into(), alt.into()));
    }
    if let Some(caption) = arg(call, &["caption", "title"], false) {
        args.push(("caption".into(), caption.into()));
    }
    Some(Written::Block(format!("::figure{{{}}}", write_args(&args))))
}

/// `details`: pillar's `details`, whose summary is required.
fn details(call: &Call) -> Written {
    let summary = arg(call, &["summary"], true).unwrap_or("Details");
    Written::Body(
        "details".into(),
        vec![("summary".into(), summary.to_string())],
    )
}

/// `youtube ID` / `vimeo ID`: pillar's `video`, which loads nothing until asked.
fn video(call: &Call) -> Option<Written> {
    let id = arg(call, &["id"], true)?;
    let (src, host) = match call.name.as_str() {
        "youtube" => (format!("https://www.youtube.com/watch?v={id}"), "YouTube"),
        _ => (format!("https://vimeo.com/{id}"), "Vimeo"),
    };
    let title =
        arg(call, &["title"], false).map_or_else(|| format!("A video on {host}"), str::to_string);
    let args = [("src".to_string(), src), ("title".to_string(), title)];
    Some(Written::Block(format!("::video{{{}}}", write_args(&args))))
}

/// Where the code spans and code blocks of `body` are.
fn code_ranges(body: &str) -> Vec<Range<usize>> {
    Parser::new_ext(body, crate::markdown::options())
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Code(_) | Event::Start(Tag::CodeBlock(_)) => Some(range),
            _ => None,
        })
        .collect()
}

/// Starts a new line in `out` unless its last line is blank so far; returns that
/// line's indentation, which a block keeps.
fn start_line(out: &mut String) -> String {
    let line_start = out.rfind('\n').map_or(0, |i| i + 1);
    let line = &out[line_start..];
    if line.trim().is_empty() {
        return line.to_string();
    }
    out.push('\n');
    String::new()
}
/// Rewrites link destinations (inline ones and reference definitions) that name a
/// page of the source, by its URL from the root or as a Zola `@/` path, to pillar `@/`
/// paths.
///
/// Each destination is looked for after the link's text (or a definition's label), so a
/// text or title that holds the same URL keeps it.
fn links(body: &str, page: &SourcePage, tree: &ContentTree) -> String {
    let from = page.target.as_str();
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut rewrite = |dest: &str, within: Range<usize>| {
        let Some(new) = new_dest(dest, from, tree) else {
            return;
        };
        if let Some(i) = body[within.clone()].find(dest) {
            let start = within.start + i;
            edits.push((start..start + dest.len(), new));
        }
    };
    for (dest, after_text) in inline_links(body) {
        rewrite(&dest, after_text);
    }
    let parser = Parser::new_ext(body, crate::markdown::options());
    for (_, def) in parser.reference_definitions().iter() {
        let after_label = def.span.start + label_len(&body[def.span.clone()]);
        rewrite(&def.dest, after_label..def.span.end);
    }
    edits.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
    let mut out = body.to_string();
    let mut last = usize::MAX;
    for (range, new) in edits {
        if range.end <= last {
            out.replace_range(range.clone(), &new);
            last = range.start;
        }
    }
    out
}

/// The inline links of `body`: each one's destination, and the part of the body from
/// the end of its text to the end of the link (where the destination is written).
fn inline_links(body: &str) -> Vec<(String, Range<usize>)> {
    let mut found = Vec::new();
    let mut open: Option<(String, Range<usize>)> = None;
    for (event, range) in Parser::new_ext(body, crate::markdown::options()).into_offset_iter() {
        match event {
            Event::Start(
                Tag::Link {
                    link_type: LinkType::Inline,
                    dest_url,
                    ..
                }
                | Tag::Image {
                    link_type: LinkType::Inline,
                    dest_url,
                    ..
                },
            ) => open = Some((dest_url.to_string(), range.start + 1..range.end)),
            Event::End(TagEnd::Link | TagEnd::Image) => found.extend(open.take()),
            _ => {
                if let Some((_, after_text)) = &mut open {
                    after_text.start = after_text.start.max(range.end.min(after_text.end));
                }
            }
        }
    }
    found
}

/// The length of the `[label]` a reference definition starts with (up to its first
/// `]` that is not escaped).
fn label_len(definition: &str) -> usize {
    let mut escaped = false;
    for (i, c) in definition.char_indices() {
        match c {
            ']' if !escaped => return i + 1,
            '\\' => escaped = !escaped,
            _ => escaped = false,
        }
    }
    0
}

/// The path from the site root a browser follows for the relative link `path` on the
/// page at `page_url` (`../b/` on `/a/x/` → `/a/b/`); `None` for another site's
/// address or a path above the root.
fn from_url(page_url: &str, path: &str) -> Option<String> {
    let scheme = path
        .find(':')
        .is_some_and(|colon| !path[..colon].contains('/'));
    if scheme || path.starts_with(['/', '?']) {
        return None;
    }
    let mut segments: Vec<&str> = page_url.split('/').filter(|s| !s.is_empty()).collect();
    if !page_url.ends_with('/') {
        segments.pop();
    }
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop()?;
            }
            segment => segments.push(segment),
        }
    }
    Some(format!("/{}/", segments.join("/")))
}

/// The `@/` form of `dest` (on the page with pillar content path `from`), if it names
/// a page; for an anchor on `from` itself, the anchor as pillar writes it, if that
/// differs.
fn new_dest(dest: &str, from: &str, tree: &ContentTree) -> Option<String> {
    let (path, anchor) = dest
        .split_once('#')
        .map_or((dest, None), |(p, a)| (p, Some(a)));
    if path.is_empty() {
        let anchor = anchor?;
        let fixed = tree.anchor(from, anchor);
        return (fixed != anchor).then(|| format!("#{fixed}"));
    }
    let target = if let Some(zola) = path.strip_prefix("@/") {
        tree.page_ref("", zola)?
    } else if path.starts_with('/') && !path.starts_with("//") {
        tree.page_at(path)?
    } else {
        let page_url = format!("/{}", super::front::site_path(from));
        tree.page_at(&from_url(&page_url, path)?)?
    };
    Some(match anchor {
        Some(a) => format!("@/{target}#{}", tree.anchor(target, a)),
        None => format!("@/{target}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_resolve_from_the_page_url() {
        assert_eq!(from_url("/a/x/", "../b/").as_deref(), Some("/a/b/"));
        assert_eq!(from_url("/a/x/", "c").as_deref(), Some("/a/x/c/"));
        assert_eq!(from_url("/a/", "../../up"), None);
        assert_eq!(from_url("/a/", "https://x.org/"), None);
    }

    #[test]
    fn reference_labels_end_at_their_first_unescaped_bracket() {
        assert_eq!(label_len("[a]: /x"), 3);
        assert_eq!(label_len(r"[a\]b]: /x"), 6);
    }
}
