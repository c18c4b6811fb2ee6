//! Resolving the references of rules: questions, options and outcomes by id.

use std::ops::Range;

use super::cube::{Cube, full_mask};
use super::model::{Outcome, Question, Rule};
use super::parse::{Checker, suggestion};
use super::raw::{Condition, RawRule};

impl Checker<'_> {
    /// Resolves each rule's conditions to a cube and its outcome to an index, reporting
    /// unknown and repeated references.
    pub(crate) fn rules(
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
                    let key_span = self.span(&items, n, fallback.clone(), |outline, range| {
                        outline.key(range, qid)
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
                let outcome_span = self.span(&items, n, fallback.clone(), |outline, range| {
                    outline.value(range, "outcome", &r.outcome)
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
            let at = self.span(items, n, key_span.clone(), |outline, range| {
                outline.value(range, &question.id, id)
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
