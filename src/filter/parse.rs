//! Reading a filter file: YAML to checked model, with every problem reported.
//!
//! References are resolved to indices (in `declare` and `resolve`); a rule that names
//! an unknown question, option or outcome is reported and the filter goes no further,
//! since analysing rules whose meaning is unknown would only add noise. A filter whose
//! references are sound is then analysed (`report`) and compiled.

use std::collections::HashMap;
use std::ops::Range;

use super::compile::compile;
use super::locate::{self, Outline};
use super::markdown::link_targets;
use super::model::Filter;
use super::raw::RawFilter;
use super::report::analysis_problems;
use crate::diagnostics::{Diagnostic, Diagnostics, closest};
use crate::html::is_safe_href;
use crate::source::SourceFile;
use crate::yaml;

/// The most options a question may have (one bit each in a [`super::cube::Mask`]).
pub(crate) const MAX_OPTIONS: usize = 64;

/// Parses, checks and analyses a filter file (`content/filters/<id>.yaml`).
///
/// Every problem is returned, each pointing at the line and column it concerns:
/// malformed YAML, invalid or duplicate ids, unknown questions, options and outcomes
/// (with the closest match and the ones that exist), answers that reach no outcome or
/// two outcomes at equal priority (with an example), rules that never fire and outcomes
/// no rule reaches.
pub(crate) fn load_filter(file: &SourceFile) -> Result<Filter, Diagnostics> {
    let stem = file.path.file_stem().unwrap_or_default();
    load_filter_as(file, &stem.to_string_lossy())
}

/// [`load_filter`] for the filter `id`, whatever the file's name: a translation
/// (`which.fr.yaml`) is the filter `which`.
pub(crate) fn load_filter_as(file: &SourceFile, id: &str) -> Result<Filter, Diagnostics> {
    let raw: RawFilter = yaml::parse_file(file)?;
    let mut check = Checker {
        file,
        outline: Outline::of(&file.text),
        problems: Diagnostics::new(),
        links: Vec::new(),
    };
    let id = check.filter_id(id);
    let title_span = check
        .outline
        .key(0..file.text.len(), "title")
        .unwrap_or(0..0);
    check.text_given(&raw.title, "the filter's `title`", title_span);
    let questions = check.questions(&raw.questions);
    let outcomes = check.outcomes(&raw.outcomes);
    if let Some(intro) = &raw.intro {
        check.markdown_links(intro, 0..file.text.len(), "intro");
    }
    let rules = check.rules(&raw.rules, &questions, &outcomes);
    let mut problems = check.problems;
    if problems.has_errors() {
        return Err(problems);
    }
    problems.extend(analysis_problems(
        file,
        &check.outline,
        &questions,
        &outcomes,
        &rules,
    ));
    if problems.has_errors() {
        return Err(problems);
    }
    let compiled = compile(&questions, &outcomes, &rules);
    let mut links = check.links;
    links.sort_by_key(|(_, range)| range.start);
    Ok(Filter {
        id,
        title: raw.title,
        intro: raw.intro,
        questions,
        outcomes,
        rules,
        links,
        file: file.clone(),
        compiled,
    })
}

/// Is `id` a valid id: lowercase letters, digits and dashes?
pub(crate) fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// `closest` as a hint, followed by the list of what exists.
pub(crate) fn suggestion<'a>(
    word: &str,
    kind: &str,
    known: impl IntoIterator<Item = &'a str> + Clone,
) -> String {
    let list: Vec<&str> = known.clone().into_iter().collect();
    let list = if list.is_empty() {
        "none".to_string()
    } else {
        list.join(", ")
    };
    match closest(word, known) {
        Some(best) => format!("did you mean `{best}`? {kind}: {list}"),
        None => format!("{kind}: {list}"),
    }
}

/// Collects the problems of one file while building its model. Its checks are split
/// by part of the file: here the shared ones, in `declare` the questions and outcomes,
/// in `resolve` the rules.
pub(crate) struct Checker<'a> {
    /// The file being read.
    pub file: &'a SourceFile,
    /// Where its parts are.
    pub outline: Outline,
    /// The problems found so far.
    pub problems: Diagnostics,
    /// `@/` links found so far, with their spans.
    pub links: Vec<(String, Range<usize>)>,
}

impl Checker<'_> {
    /// The text of the file.
    pub(crate) fn text(&self) -> &str {
        &self.file.text
    }

    /// Reports an error at `span`.
    pub(crate) fn error(&mut self, span: Range<usize>, message: String, hint: Option<String>) {
        let d = Diagnostic::error(message).at(self.file, span);
        self.problems.push(match hint {
            Some(h) => d.with_hint(h),
            None => d,
        });
    }

    /// The span of something inside the `n`th of `items`, found by `find`; the item's
    /// first line if `find` fails, `fallback` if there is no such item.
    pub(crate) fn span(
        &self,
        items: &[Range<usize>],
        n: usize,
        fallback: Range<usize>,
        find: impl FnOnce(&Outline, Range<usize>) -> Option<Range<usize>>,
    ) -> Range<usize> {
        match items.get(n) {
            Some(item) => find(&self.outline, item.clone())
                .unwrap_or_else(|| locate::head(self.text(), item.clone())),
            None => fallback,
        }
    }

    /// The span of a section's key, or the start of the file.
    pub(crate) fn section_key(&self, key: &Option<Range<usize>>) -> Range<usize> {
        key.clone().unwrap_or(0..0)
    }

    /// The filter id (the file name without `.yaml`), reported if it is not a valid id.
    fn filter_id(&mut self, id: &str) -> String {
        let id = id.to_string();
        if !is_id(&id) {
            self.error(
                0..0,
                format!("the file name `{id}` is not a valid filter id"),
                Some("name the file with lowercase letters, digits and dashes, e.g. `which-leader.yaml`".into()),
            );
        }
        id
    }

    /// Reports an id that is malformed, or a repeat of one in `seen`.
    pub(crate) fn id_ok(
        &mut self,
        id: &str,
        kind: &str,
        span: Range<usize>,
        seen: &mut HashMap<String, usize>,
    ) {
        if !is_id(id) {
            let fixed: String = id
                .trim()
                .to_lowercase()
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
                .collect();
            self.error(
                span.clone(),
                format!("{kind} id `{id}` may only contain lowercase letters, digits and dashes"),
                is_id(&fixed).then(|| format!("try `{fixed}`")),
            );
        }
        let line = self.file.line_col(span.start).line;
        if let Some(first) = seen.insert(id.to_string(), line) {
            seen.insert(id.to_string(), first);
            self.error(
                span,
                format!("duplicate {kind} id `{id}`"),
                Some(format!("the first is at line {first}; ids must be unique")),
            );
        }
    }

    /// Reports a required text that is blank.
    pub(crate) fn text_given(&mut self, text: &str, what: &str, span: Range<usize>) {
        if text.trim().is_empty() {
            self.error(span, format!("{what} is empty"), None);
        }
    }

    /// Records the `@/` links of a markdown text and reports script links.
    pub(crate) fn markdown_links(&mut self, markdown: &str, within: Range<usize>, what: &str) {
        for target in link_targets(markdown) {
            let span = locate::word(self.text(), within.clone(), &target)
                .or_else(|| self.file.find_in(within.clone(), &target))
                .unwrap_or(within.start..within.start);
            if target.starts_with("@/") {
                self.links.push((target, span));
            } else if !is_safe_href(&target) {
                self.error(
                    span,
                    format!("the {what} links to `{target}`, which is not allowed"),
                    Some(
                        "link to articles as `@/cluster/article.md`, or to an https:// address"
                            .into(),
                    ),
                );
            }
        }
    }
}

/// Whether a scalar of a filter under the keys `path` is words a translation may
/// change: the title, the intro, each question's label, text and help, each option's
/// label, each outcome's title and summary, and each rule's rationale (`because`). Ids,
/// conditions (`when`), outcomes, priorities and links are the filter's logic.
pub(crate) fn is_text(path: &[&str]) -> bool {
    let words = [
        "title", "intro", "label", "text", "help", "summary", "because",
    ];
    !path.contains(&"when") && path.last().is_some_and(|key| words.contains(key))
}
