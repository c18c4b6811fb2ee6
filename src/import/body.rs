//! A source page's body for pillar: Hugo `ref` / `relref` shortcodes and Zola `@/`
//! links become pillar `@/` links, root-relative links to pages too, and every other
//! shortcode is reported where it is.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};

use super::Flavor;
use super::paths::{ContentTree, SourcePage};
use crate::diagnostics::Diagnostic;

/// The body of `page`, converted.
pub fn convert(
    flavor: Flavor,
    page: &SourcePage,
    tree: &ContentTree,
    warnings: &mut Vec<Diagnostic>,
) -> String {
    let body = &page.file.text[page.body.clone()];
    let body = match flavor {
        Flavor::Hugo => shortcodes(body, page, tree, warnings),
        Flavor::Zola => zola_shortcodes(body, page, warnings),
    };
    links(&body, &page.target, tree)
}

/// Replaces `ref` / `relref` shortcodes by `@/` paths, writes escaped shortcodes
/// (`{{</* x */>}}`) as the text Hugo shows, and reports the others.
fn shortcodes(
    body: &str,
    page: &SourcePage,
    tree: &ContentTree,
    warnings: &mut Vec<Diagnostic>,
) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = 0;
    for found in Shortcodes::new(body) {
        out.push_str(&body[rest..found.range.start]);
        let at = page.body.start + found.range.start..page.body.start + found.range.end;
        let inner = found.inner.trim();
        if let Some(escaped) = inner.strip_prefix("/*").and_then(|i| i.strip_suffix("*/")) {
            out.push_str(&format!("{{{{{}{}{}}}}}", found.open, escaped, found.close));
        } else {
            let mut words = inner.split_whitespace();
            let name = words.next().unwrap_or_default();
            let argument = inner[name.len()..].trim().trim_matches(['"', '\'', '`']);
            match name {
                "ref" | "relref" => {
                    let (path, anchor) = argument
                        .split_once('#')
                        .map_or((argument, ""), |(p, a)| (p, a));
                    match tree.page_ref(&page.source, path) {
                        Some(target) if anchor.is_empty() => out.push_str(&format!("@/{target}")),
                        Some(target) => {
                            let anchor = tree.anchor(target, anchor);
                            out.push_str(&format!("@/{target}#{anchor}"));
                        }
                        None => {
                            warnings.push(
                                Diagnostic::warning(format!(
                                    "`{name}` names no page of the site: `{path}`"
                                ))
                                .at(&page.file, at)
                                .with_hint("it is kept as written; link to the page as `@/path/under/content.md`"),
                            );
                            out.push_str(&body[found.range.clone()]);
                        }
                    }
                }
                _ => {
                    if !name.starts_with('/') {
                        warnings.push(unconverted(&page.file, at, name));
                    }
                    out.push_str(&body[found.range.clone()]);
                }
            }
        }
        rest = found.range.end;
    }
    out.push_str(&body[rest..]);
    out
}

/// Reports Zola's shortcodes (`{{ name(…) }}` and `{% name(…) %}` bodies), which stay
/// as written.
fn zola_shortcodes(body: &str, page: &SourcePage, warnings: &mut Vec<Diagnostic>) -> String {
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        for open in ["{{ ", "{% "] {
            if let Some(i) = line.find(open) {
                let name = line[i + 3..]
                    .split(|c: char| !c.is_alphanumeric() && c != '_')
                    .next()
                    .unwrap_or_default();
                if !name.is_empty() && line[i + 3 + name.len()..].starts_with('(') {
                    let start = page.body.start + offset + i;
                    warnings.push(unconverted(
                        &page.file,
                        start..start + open.len() + name.len(),
                        name,
                    ));
                }
            }
        }
        offset += line.len();
    }
    body.to_string()
}

fn unconverted(file: &crate::source::SourceFile, at: Range<usize>, name: &str) -> Diagnostic {
    Diagnostic::warning(format!(
        "the shortcode `{name}` is not converted: it stays as written"
    ))
    .at(file, at)
    .with_hint("pillar has no shortcodes: replace it with markdown, or raw HTML")
}

/// One `{{< … >}}` or `{{% … %}}` in a body.
struct Shortcode<'a> {
    range: Range<usize>,
    open: char,
    close: char,
    inner: &'a str,
}

/// The shortcodes of a body, in order, in one pass: an opening `{{<` or `{{%` after
/// the last closing `>}}` or `%}}` is passed over without searching for its close, so
/// the scan is linear however many are left open.
struct Shortcodes<'a> {
    body: &'a str,
    search: usize,
    /// Where the last `>}}` and the last `%}}` of the body start.
    last_close: [Option<usize>; 2],
}

impl<'a> Shortcodes<'a> {
    fn new(body: &'a str) -> Self {
        Shortcodes {
            body,
            search: 0,
            last_close: [body.rfind(">}}"), body.rfind("%}}")],
        }
    }
}

impl<'a> Iterator for Shortcodes<'a> {
    type Item = Shortcode<'a>;

    fn next(&mut self) -> Option<Shortcode<'a>> {
        let body = self.body;
        loop {
            let start = self.search + body[self.search..].find("{{")?;
            self.search = start + 2;
            let (open, close_char, last) = match body.as_bytes().get(start + 2) {
                Some(b'<') => ('<', '>', self.last_close[0]),
                Some(b'%') => ('%', '%', self.last_close[1]),
                _ => continue,
            };
            let inner_start = start + 3;
            if last.is_none_or(|last| last < inner_start) {
                continue;
            }
            let close = format!("{close_char}}}}}");
            let len = body[inner_start..].find(&close)?;
            let end = inner_start + len + close.len();
            self.search = end;
            return Some(Shortcode {
                range: start..end,
                open,
                close: close_char,
                inner: &body[inner_start..inner_start + len],
            });
        }
    }
}

/// Rewrites link destinations (inline ones and reference definitions) that name a
/// page of the source, by its URL from the root or as a Zola `@/` path, to pillar `@/`
/// paths.
///
/// Each destination is looked for after the link's text (or a definition's label), so a
/// text or title that holds the same URL keeps it.
fn links(body: &str, from: &str, tree: &ContentTree) -> String {
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
            Event::Start(Tag::Link {
                link_type: LinkType::Inline,
                dest_url,
                ..
            }) => open = Some((dest_url.to_string(), range.start + 1..range.end)),
            Event::End(TagEnd::Link) => found.extend(open.take()),
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
        return None;
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
    fn finds_both_shortcode_forms() {
        let body = "a {{< x 1 >}} b {{% y %}} {{ not }} {{< open";
        let mut found = Shortcodes::new(body);
        let first = found.next().unwrap();
        assert_eq!(&body[first.range.clone()], "{{< x 1 >}}");
        assert_eq!((first.open, first.close, first.inner), ('<', '>', " x 1 "));
        let second = found.next().unwrap();
        assert_eq!(&body[second.range.clone()], "{{% y %}}");
        assert!(found.next().is_none());
    }

    #[test]
    fn reference_labels_end_at_their_first_unescaped_bracket() {
        assert_eq!(label_len("[a]: /x"), 3);
        assert_eq!(label_len(r"[a\]b]: /x"), 6);
    }
}
