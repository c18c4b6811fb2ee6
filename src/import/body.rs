//! A source page's body for pillar: Hugo `ref` / `relref` shortcodes and Zola `@/`
//! links become pillar `@/` links, root-relative links to pages too, and every other
//! shortcode is reported where it is.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Parser, Tag};

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
    while let Some(found) = next_shortcode(body, rest) {
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

fn next_shortcode(body: &str, from: usize) -> Option<Shortcode<'_>> {
    let mut search = from;
    loop {
        let start = search + body[search..].find("{{")?;
        let open = body[start + 2..].chars().next()?;
        if open != '<' && open != '%' {
            search = start + 2;
            continue;
        }
        let close_char = if open == '<' { '>' } else { '%' };
        let close = format!("{close_char}}}}}");
        let inner_start = start + 3;
        let Some(len) = body[inner_start..].find(&close) else {
            search = start + 2;
            continue;
        };
        return Some(Shortcode {
            range: start..inner_start + len + close.len(),
            open,
            close: close_char,
            inner: &body[inner_start..inner_start + len],
        });
    }
}

/// Rewrites link destinations (inline ones and reference definitions) that name a
/// page of the source, by its URL from the root or as a Zola `@/` path, to pillar `@/`
/// paths.
fn links(body: &str, from: &str, tree: &ContentTree) -> String {
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut rewrite = |dest: &str, within: Range<usize>| {
        let Some(new) = new_dest(dest, from, tree) else {
            return;
        };
        let slice = &body[within.clone()];
        if let Some(i) = slice.rfind(dest) {
            let start = within.start + i;
            edits.push((start..start + dest.len(), new));
        }
    };
    let parser = Parser::new_ext(body, crate::markdown::options()).into_offset_iter();
    let mut inline = Vec::new();
    for (event, range) in parser {
        if let Event::Start(Tag::Link {
            link_type: LinkType::Inline,
            dest_url,
            ..
        }) = event
        {
            inline.push((dest_url.to_string(), range));
        }
    }
    for (dest, range) in inline {
        rewrite(&dest, range);
    }
    let parser = Parser::new_ext(body, crate::markdown::options());
    for (_, def) in parser.reference_definitions().iter() {
        rewrite(&def.dest, def.span.clone());
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
        let first = next_shortcode(body, 0).unwrap();
        assert_eq!(&body[first.range.clone()], "{{< x 1 >}}");
        assert_eq!((first.open, first.close, first.inner), ('<', '>', " x 1 "));
        let second = next_shortcode(body, first.range.end).unwrap();
        assert_eq!(&body[second.range.clone()], "{{% y %}}");
        assert!(next_shortcode(body, second.range.end).is_none());
    }
}
