//! Reading a filter file: YAML to checked model, with every problem reported.
//!
//! References are resolved to indices here; a rule that names an unknown question,
//! option or outcome is reported and the filter goes no further, since analysing rules
//! whose meaning is unknown would only add noise. A filter whose references are sound is
//! then analysed ([`super::report`]) and compiled.

use std::collections::HashMap;
use std::ops::Range;

use super::compile::compile;
use super::cube::{Cube, full_mask};
use super::locate::{self, Outline};
use super::markdown::link_targets;
use super::model::{Choice, Filter, Outcome, Question, Rule};
use super::raw::{Condition, RawFilter, RawOutcome, RawQuestion, RawRule};
use super::report::analysis_problems;
use crate::diagnostics::{Diagnostic, Diagnostics, closest};
use crate::html::is_safe_href;
use crate::source::SourceFile;
use crate::yaml;

/// The most options a question may have.
const MAX_OPTIONS: usize = 64;

/// Parses, checks and analyses a filter file (`content/filters/<id>.yaml`).
///
/// Every problem is returned, each pointing at the line and column it concerns:
/// malformed YAML, invalid or duplicate ids, unknown questions, options and outcomes
/// (with the closest match and the ones that exist), answers that reach no outcome or
/// two outcomes at equal priority (with an example), rules that never fire and outcomes
/// no rule reaches.
pub fn load_filter(file: &SourceFile) -> Result<Filter, Diagnostics> {
    let raw: RawFilter = yaml::parse_file(file)?;
    let mut check = Checker {
        file,
        outline: Outline::of(&file.text),
        problems: Diagnostics::new(),
        links: Vec::new(),
    };
    let id = check.filter_id();
    let title_span = locate::key(&file.text, 0..file.text.len(), "title").unwrap_or(0..0);
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

/// Collects the problems of one file while building its model.
struct Checker<'a> {
    file: &'a SourceFile,
    outline: Outline,
    problems: Diagnostics,
    /// `@/` links found so far, with their spans.
    links: Vec<(String, Range<usize>)>,
}

impl Checker<'_> {
    fn text(&self) -> &str {
        &self.file.text
    }

    fn error(&mut self, span: Range<usize>, message: String, hint: Option<String>) {
        let d = Diagnostic::error(message).at(self.file, span);
        self.problems.push(match hint {
            Some(h) => d.with_hint(h),
            None => d,
        });
    }

    /// The span of something inside the `n`th of `items`, found by `find`; the item's
    /// first line if `find` fails, `fallback` if there is no such item.
    fn span(
        &self,
        items: &[Range<usize>],
        n: usize,
        fallback: Range<usize>,
        find: impl FnOnce(&str, Range<usize>) -> Option<Range<usize>>,
    ) -> Range<usize> {
        match items.get(n) {
            Some(item) => find(self.text(), item.clone())
                .unwrap_or_else(|| locate::head(self.text(), item.clone())),
            None => fallback,
        }
    }

    fn section_key(&self, key: &Option<Range<usize>>) -> Range<usize> {
        key.clone().unwrap_or(0..0)
    }

    fn filter_id(&mut self) -> String {
        let stem = self.file.path.file_stem().unwrap_or_default();
        let id = stem.to_string_lossy().into_owned();
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
    fn id_ok(
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
    fn text_given(&mut self, text: &str, what: &str, span: Range<usize>) {
        if text.trim().is_empty() {
            self.error(span, format!("{what} is empty"), None);
        }
    }

    fn questions(&mut self, raw: &[RawQuestion]) -> Vec<Question> {
        if raw.is_empty() {
            let span = self.section_key(&self.outline.questions.key);
            self.error(span, "a filter needs at least one question".into(), None);
        }
        let items = self.outline.questions.items.clone();
        let fallback = self.section_key(&self.outline.questions.key);
        let mut seen = HashMap::new();
        raw.iter()
            .enumerate()
            .map(|(n, q)| {
                let span = self.span(&items, n, fallback.clone(), |t, r| {
                    locate::value(t, r, "id", &q.id)
                });
                self.id_ok(&q.id, "question", span.clone(), &mut seen);
                self.text_given(&q.text, &format!("the `text` of question `{}`", q.id), span.clone());
                let option_items = match items.get(n) {
                    Some(item) => {
                        let after = locate::key(self.text(), item.clone(), "options")
                            .map_or(item.start, |k| k.end);
                        locate::items(self.text(), after..item.end)
                    }
                    None => Vec::new(),
                };
                if q.options.is_empty() {
                    self.error(span.clone(), format!("question `{}` has no options", q.id), None);
                } else if q.options.len() > MAX_OPTIONS {
                    self.error(
                        span.clone(),
                        format!(
                            "question `{}` has {} options; at most {MAX_OPTIONS} are supported",
                            q.id,
                            q.options.len()
                        ),
                        Some("split it into several questions".into()),
                    );
                }
                let mut seen_options = HashMap::new();
                let options = q
                    .options
                    .iter()
                    .enumerate()
                    .map(|(j, o)| {
                        let span = self.span(&option_items, j, span.clone(), |t, r| {
                            locate::value(t, r, "id", &o.id)
                        });
                        self.id_ok(&o.id, "option", span.clone(), &mut seen_options);
                        if o.id == "any" {
                            self.error(
                                span.clone(),
                                "an option cannot be called `any`: in rules, `any` means every option".into(),
                                None,
                            );
                        }
                        self.text_given(&o.label, &format!("the `label` of option `{}`", o.id), span);
                        Choice {
                            id: o.id.clone(),
                            label: o.label.clone(),
                        }
                    })
                    .collect();
                Question {
                    id: q.id.clone(),
                    label: q.label.clone().unwrap_or_else(|| q.id.clone()),
                    text: q.text.clone(),
                    help: q.help.clone(),
                    options,
                }
            })
            .collect()
    }

    /// Records the `@/` links of a markdown text and reports script links.
    fn markdown_links(&mut self, markdown: &str, within: Range<usize>, what: &str) {
        for target in link_targets(markdown) {
            let span = locate::word(self.text(), within.clone(), &target)
                .or_else(|| self.file.find_in(within.clone(), &target))
                .unwrap_or_else(|| within.start..within.start);
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

    fn outcomes(&mut self, raw: &[RawOutcome]) -> Vec<Outcome> {
        let items = self.outline.outcomes.items.clone();
        let fallback = self.section_key(&self.outline.outcomes.key);
        if raw.is_empty() {
            self.error(
                fallback.clone(),
                "a filter needs at least one outcome".into(),
                None,
            );
        }
        let mut seen = HashMap::new();
        let index: HashMap<&str, usize> = raw
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id.as_str(), i))
            .rev()
            .collect();
        let ids: Vec<&str> = raw.iter().map(|o| o.id.as_str()).collect();
        raw.iter()
            .enumerate()
            .map(|(n, o)| {
                let item = items.get(n).cloned().unwrap_or(fallback.clone());
                let span = self.span(&items, n, fallback.clone(), |t, r| {
                    locate::value(t, r, "id", &o.id)
                });
                self.id_ok(&o.id, "outcome", span.clone(), &mut seen);
                self.text_given(
                    &o.title,
                    &format!("the `title` of outcome `{}`", o.id),
                    span.clone(),
                );
                for link in &o.links {
                    let at = self.span(&items, n, fallback.clone(), |t, r| {
                        locate::word(t, r.clone(), link).or_else(|| self.file.find_in(r, link))
                    });
                    if link.starts_with("@/") {
                        self.links.push((link.clone(), at));
                    } else {
                        self.error(
                            at,
                            format!("outcome link `{link}` is not a content path"),
                            Some("link to the articles as `@/cluster/article.md`".into()),
                        );
                    }
                }
                if let Some(summary) = &o.summary {
                    self.markdown_links(summary, item, "summary");
                }
                let also_consider = o
                    .also_consider
                    .iter()
                    .filter_map(|other| {
                        let at = self.span(&items, n, fallback.clone(), |t, r| {
                            locate::value(t, r, "also_consider", other)
                        });
                        match index.get(other.as_str()) {
                            Some(&i) if i == n => {
                                self.error(
                                    at,
                                    format!("outcome `{other}` lists itself in `also_consider`"),
                                    None,
                                );
                                None
                            }
                            Some(&i) => Some(i),
                            None => {
                                let hint =
                                    suggestion(other, "the outcomes are", ids.iter().copied());
                                self.error(
                                    at,
                                    format!("`also_consider` names unknown outcome `{other}`"),
                                    Some(hint),
                                );
                                None
                            }
                        }
                    })
                    .collect();
                Outcome {
                    id: o.id.clone(),
                    title: o.title.clone(),
                    summary: o.summary.clone(),
                    links: o.links.clone(),
                    also_consider,
                }
            })
            .collect()
    }

    fn rules(
        &mut self,
        raw: &[RawRule],
        questions: &[Question],
        outcomes: &[Outcome],
    ) -> Vec<Rule> {
        let items = self.outline.rules.items.clone();
        let fallback = self.section_key(&self.outline.rules.key);
        raw.iter()
            .enumerate()
            .map(|(n, r)| {
                let mut masks: Vec<u64> = questions.iter().map(Question::all).collect();
                let mut named: Vec<&str> = Vec::new();
                for (qid, condition) in &r.when.0 {
                    let key_span = self.span(&items, n, fallback.clone(), |t, range| {
                        locate::key(t, range, qid)
                    });
                    if named.contains(&qid.as_str()) {
                        self.error(
                            key_span,
                            format!("`{qid}` is named twice in this rule"),
                            Some(
                                "name each question once; list several options as `[a, b]`".into(),
                            ),
                        );
                        continue;
                    }
                    named.push(qid);
                    let Some(qi) = questions.iter().position(|q| &q.id == qid) else {
                        let hint = suggestion(
                            qid,
                            "the questions are",
                            questions.iter().map(|q| q.id.as_str()),
                        );
                        self.error(
                            key_span,
                            format!("rule names unknown question `{qid}`"),
                            Some(hint),
                        );
                        continue;
                    };
                    masks[qi] = match condition {
                        Condition::Any => full_mask(questions[qi].options.len()),
                        Condition::Options(ids) => {
                            self.options_mask(&questions[qi], ids, &items, n, key_span)
                        }
                    };
                }
                let outcome_span = self.span(&items, n, fallback.clone(), |t, range| {
                    locate::value(t, range, "outcome", &r.outcome)
                });
                let outcome = outcomes.iter().position(|o| o.id == r.outcome);
                if outcome.is_none() {
                    let hint = suggestion(
                        &r.outcome,
                        "the outcomes are",
                        outcomes.iter().map(|o| o.id.as_str()),
                    );
                    self.error(
                        outcome_span.clone(),
                        format!("rule leads to unknown outcome `{}`", r.outcome),
                        Some(hint),
                    );
                }
                let head = self.span(&items, n, fallback.clone(), |_, _| None);
                self.text_given(&r.because, "the rule's `because`", head);
                Rule {
                    cube: Cube::new(masks),
                    outcome: outcome.unwrap_or_default(),
                    because: r.because.clone(),
                    priority: r.priority,
                }
            })
            .collect()
    }

    /// The mask of the option `ids` a rule allows for `question`, reporting unknown ones.
    fn options_mask(
        &mut self,
        question: &Question,
        ids: &[String],
        items: &[Range<usize>],
        n: usize,
        key_span: Range<usize>,
    ) -> u64 {
        let mut mask = 0;
        for id in ids {
            let at = self.span(items, n, key_span.clone(), |t, range| {
                locate::value(t, range, &question.id, id)
            });
            if id == "any" {
                self.error(
                    at,
                    "`any` cannot be listed with options".into(),
                    Some(format!("write `{}: any` alone", question.id)),
                );
            } else if let Some(i) = question.options.iter().position(|c| &c.id == id) {
                mask |= 1 << i;
            } else {
                let hint = suggestion(
                    id,
                    "its options are",
                    question.options.iter().map(|c| c.id.as_str()),
                );
                self.error(
                    at,
                    format!("question `{}` has no option `{id}`", question.id),
                    Some(hint),
                );
            }
        }
        mask
    }
}
