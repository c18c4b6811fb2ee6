//! Includes: `::include{file="../shared/setup.md"}` splices another markdown file where
//! it is written, and `section="linux"` only the part under its heading with that id
//! (down to the next heading of the same or a higher level).
//!
//! The included text is read as if written on the page (its headings join the page's
//! table of contents), but its links resolve from where it lives, and a broken one is
//! reported in its own file. A file may include others; a cycle is an error naming the
//! chain. A file meant only for including carries `headless: true`, which keeps it
//! from becoming a page.

use std::collections::HashMap;
use std::ops::Range;

use super::{ArgValue, Call, Form, scan};
use crate::diagnostics::{Diagnostic, closest};
use crate::link::join_relative;
use crate::markdown::outline;
use crate::source::SourceFile;
use crate::split::split_front_matter;

/// The name of the built-in shortcode that includes a file.
pub(crate) const INCLUDE: &str = "include";

/// What an include call splices in.
#[derive(Debug, Clone)]
pub(crate) struct Included {
    /// The included file's path under `content/`, which its links resolve from.
    pub content_path: String,
    /// The included file.
    pub file: SourceFile,
    /// The part of it included, as a byte range of that file.
    pub range: Range<usize>,
    /// The calls in that part (includes resolved).
    pub calls: Vec<Call>,
}

/// Two includes are the same if they include the same part of the same file.
impl PartialEq for Included {
    fn eq(&self, other: &Self) -> bool {
        self.content_path == other.content_path && self.range == other.range
    }
}

/// The markdown files of the site by their path under `content/`, pages or not.
pub(crate) type Library = HashMap<String, SourceFile>;

/// Resolves every include among `calls` (written in the file at content path `from`)
/// and in their bodies, recursively. `chain` holds the files being included, outermost
/// first. Each problem is a diagnostic.
pub(crate) fn resolve_includes(
    library: &Library,
    from: &str,
    file: &SourceFile,
    calls: &mut [Call],
    chain: &mut Vec<String>,
    problems: &mut Vec<Diagnostic>,
) {
    for call in calls {
        if call.name == INCLUDE {
            match include(library, from, file, call, chain, problems) {
                Ok(included) => call.include = Some(Box::new(included)),
                Err(d) => problems.push(d),
            }
        } else if let Form::Block { children, .. } = &mut call.form {
            resolve_includes(library, from, file, children, chain, problems);
        }
    }
}

/// What the include call `call` in `file` (at content path `from`) includes.
fn include(
    library: &Library,
    from: &str,
    file: &SourceFile,
    call: &Call,
    chain: &mut Vec<String>,
    problems: &mut Vec<Diagnostic>,
) -> Result<Included, Diagnostic> {
    let error = |message: String, range: Range<usize>, hint: &str| {
        Diagnostic::error(message).at(file, range).with_hint(hint)
    };
    if call.form != Form::Leaf {
        return Err(error(
            "an include stands on its own line, without a body".into(),
            call.name_range.clone(),
            "write `::include{file=\"other.md\"}` on a line of its own",
        ));
    }
    let mut target = None;
    let mut section = None;
    for arg in &call.args {
        match (arg.name.as_str(), &arg.value) {
            ("file", ArgValue::Text(path)) => target = Some(path.as_str()),
            ("section", ArgValue::Text(id)) => section = Some((id.as_str(), arg.range.clone())),
            _ => {
                return Err(error(
                    format!("`include` takes no argument `{}` written so", arg.name),
                    arg.range.clone(),
                    "its arguments are `file=\"path.md\"` and, optionally, `section=\"heading-id\"`",
                ));
            }
        }
    }
    let Some(target) = target else {
        return Err(error(
            "the include names no file".into(),
            call.name_range.clone(),
            "add `file=\"path.md\"`: a path relative to this file, or `@/` and the path under content/",
        ));
    };
    let path = match target.strip_prefix("@/") {
        Some(path) => path.to_string(),
        None => join_relative(from, target),
    };
    if chain.contains(&path) || path == from {
        let mut names: Vec<&str> = chain.iter().map(String::as_str).collect();
        names.push(&path);
        return Err(error(
            format!("the include makes a cycle: {}", names.join(" → ")),
            call.range.clone(),
            "a file cannot include itself, directly or through the files it includes",
        ));
    }
    let Some(included) = library.get(&path) else {
        let hint = match closest(&path, library.keys().map(String::as_str)) {
            Some(best) => format!("did you mean `{best}`? Paths are relative to this file"),
            None => "paths are relative to this file; `@/` starts from content/".to_string(),
        };
        return Err(error(
            format!("no file content/{path} to include"),
            call.range.clone(),
            &hint,
        ));
    };
    let body = split_front_matter(included)?.body;
    let range = match section {
        None => body,
        Some((id, at)) => section_range(included, body, id).map_err(|ids| {
            let hint = match closest(id, ids.iter().map(String::as_str)) {
                Some(best) => format!("did you mean `{best}`?"),
                None if ids.is_empty() => "the file has no headings".to_string(),
                None => format!("its headings are {}", ids.join(", ")),
            };
            Diagnostic::error(format!("content/{path} has no heading `#{id}`"))
                .at(file, at)
                .with_hint(hint)
        })?,
    };
    let (mut calls, errors) = scan(&included.text, range.clone());
    problems.extend(errors.into_iter().map(|e| {
        Diagnostic::error(e.message)
            .at(included, e.range)
            .with_hint(e.hint)
    }));
    chain.push(path.clone());
    resolve_includes(library, &path, included, &mut calls, chain, problems);
    chain.pop();
    Ok(Included {
        content_path: path,
        file: included.clone(),
        range,
        calls,
    })
}

/// The part of `body` (of `file`) under the heading with id `id`; the ids there are
/// if it has none.
fn section_range(
    file: &SourceFile,
    body: Range<usize>,
    id: &str,
) -> Result<Range<usize>, Vec<String>> {
    let headings = outline(&file.text, body.clone(), &[]).headings;
    let Some(at) = headings.iter().position(|h| h.id == id) else {
        return Err(headings.into_iter().map(|h| h.id).collect());
    };
    let level = headings[at].level;
    let end = headings[at + 1..]
        .iter()
        .find(|h| h.level <= level)
        .map_or(body.end, |h| h.start);
    Ok(headings[at].start..end)
}

/// Does any of `calls` (or a call in their bodies) include a file?
pub(crate) fn has_includes(calls: &[Call]) -> bool {
    calls
        .iter()
        .any(|c| c.name == INCLUDE || has_includes(c.children()))
}
