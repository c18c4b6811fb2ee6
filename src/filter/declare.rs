//! Checking the declarations of a filter: its questions with their options, and its
//! outcomes with their links.

use std::collections::HashMap;
use std::ops::Range;

use super::model::{Choice, Outcome, Question};
use super::parse::{Checker, MAX_OPTIONS, suggestion};
use super::raw::{RawOutcome, RawQuestion};

impl Checker<'_> {
    /// Checks the questions and their options: ids, texts and option counts.
    pub(crate) fn questions(&mut self, raw: &[RawQuestion]) -> Vec<Question> {
        let fallback = self.section_key(&self.outline.questions.key);
        if raw.is_empty() {
            let message = "a filter needs at least one question".to_string();
            self.error(fallback.clone(), message, None);
        }
        let items = self.outline.questions.items.clone();
        let mut seen = HashMap::new();
        raw.iter()
            .enumerate()
            .map(|(n, q)| {
                let span = self.span(&items, n, fallback.clone(), |o, r| o.value(r, "id", &q.id));
                self.id_ok(&q.id, "question", span.clone(), &mut seen);
                let what = format!("the `text` of question `{}`", q.id);
                self.text_given(&q.text, &what, span.clone());
                let option_items = match items.get(n) {
                    Some(item) => self.outline.options(item.clone()),
                    None => Vec::new(),
                };
                Question {
                    id: q.id.clone(),
                    label: q.label.clone().unwrap_or_else(|| q.id.clone()),
                    text: q.text.clone(),
                    help: q.help.clone(),
                    options: self.options(q, &option_items, span),
                }
            })
            .collect()
    }

    /// Checks the options of question `q`, whose items are `items` (`span` is the
    /// question's id).
    fn options(
        &mut self,
        q: &RawQuestion,
        items: &[Range<usize>],
        span: Range<usize>,
    ) -> Vec<Choice> {
        if q.options.is_empty() {
            let message = format!("question `{}` has no options", q.id);
            self.error(span.clone(), message, None);
        } else if q.options.len() > MAX_OPTIONS {
            let count = q.options.len();
            let message = format!(
                "question `{}` has {count} options; at most {MAX_OPTIONS} are supported",
                q.id
            );
            let hint = "split it into several questions".to_string();
            self.error(span.clone(), message, Some(hint));
        }
        let mut seen = HashMap::new();
        q.options
            .iter()
            .enumerate()
            .map(|(j, o)| {
                let at = self.span(items, j, span.clone(), |outline, r| {
                    outline.value(r, "id", &o.id)
                });
                self.id_ok(&o.id, "option", at.clone(), &mut seen);
                if o.id == "any" {
                    let message =
                        "an option cannot be called `any`: in rules, `any` means every option";
                    self.error(at.clone(), message.to_string(), None);
                }
                let what = format!("the `label` of option `{}`", o.id);
                self.text_given(&o.label, &what, at);
                Choice {
                    id: o.id.clone(),
                    label: o.label.clone(),
                }
            })
            .collect()
    }

    /// Checks the outcomes: ids, titles, links and `also_consider` references.
    pub(crate) fn outcomes(&mut self, raw: &[RawOutcome]) -> Vec<Outcome> {
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
                let span = self.span(&items, n, fallback.clone(), |outline, r| {
                    outline.value(r, "id", &o.id)
                });
                self.id_ok(&o.id, "outcome", span.clone(), &mut seen);
                self.text_given(
                    &o.title,
                    &format!("the `title` of outcome `{}`", o.id),
                    span.clone(),
                );
                for link in &o.links {
                    let at = self.span(&items, n, fallback.clone(), |outline, r| {
                        outline
                            .value(r.clone(), "links", link)
                            .or_else(|| self.file.find_in(r, link))
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
                        let at = self.span(&items, n, fallback.clone(), |outline, r| {
                            outline.value(r, "also_consider", other)
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
}
