//! The analysis's findings in words, pointing at the rules and outcomes concerned.

use std::ops::Range;

use super::analysis::{Ambiguity, DeadRule, Gap, STEP_LIMIT, analyse};
use super::cube::{Cube, full_mask};
use super::locate::{self, Outline};
use super::model::{Outcome, Question, Rule};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::source::SourceFile;

/// Analyses checked rules and describes every problem found.
pub(crate) fn analysis_problems(
    file: &SourceFile,
    outline: &Outline,
    questions: &[Question],
    outcomes: &[Outcome],
    rules: &[Rule],
) -> Diagnostics {
    let report = Report {
        file,
        outline,
        questions,
        outcomes,
        rules,
    };
    let universe = Cube::new(
        questions
            .iter()
            .map(|q| full_mask(q.options.len()))
            .collect(),
    );
    let mut problems = Diagnostics::new();
    let Ok(findings) = analyse(&universe, rules, outcomes.len()) else {
        problems.push(
            Diagnostic::error(format!(
                "the rules are too intricate to check: the analysis gave up after splitting the answers into {STEP_LIMIT} pieces"
            ))
            .at(file, report.rules_key())
            .with_hint("simplify the rules (a catch-all rule of low priority helps), or split the filter"),
        );
        return problems;
    };
    if let Some(gap) = &findings.gap {
        problems.push(report.gap(gap));
    }
    for ambiguity in &findings.ambiguities {
        problems.push(report.ambiguity(ambiguity));
    }
    for dead in &findings.dead {
        problems.push(report.dead(dead));
    }
    for &outcome in &findings.unreached {
        problems.push(report.unreached(outcome));
    }
    problems
}

struct Report<'a> {
    file: &'a SourceFile,
    outline: &'a Outline,
    questions: &'a [Question],
    outcomes: &'a [Outcome],
    rules: &'a [Rule],
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

impl Report<'_> {
    fn rules_key(&self) -> Range<usize> {
        self.outline.rules.key.clone().unwrap_or(0..0)
    }

    /// The first line of rule `n` (declaration index).
    fn rule_span(&self, n: usize) -> Range<usize> {
        match self.outline.rules.items.get(n) {
            Some(item) => locate::head(&self.file.text, item.clone()),
            None => self.rules_key(),
        }
    }

    fn rule_line(&self, n: usize) -> usize {
        self.file.line_col(self.rule_span(n).start).line
    }

    /// One combination of answers in words: `fear = missed-quarter, icp = no`.
    fn combination(&self, cube: &Cube) -> String {
        self.questions
            .iter()
            .zip(cube.example())
            .map(|(q, o)| format!("{} = {}", q.id, q.options[o].id))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The conditions of a cube as a `when` mapping: `{fear: missed-quarter, icp: [no, maybe]}`.
    fn when(&self, cube: &Cube) -> String {
        let parts: Vec<String> = self
            .questions
            .iter()
            .zip(cube.masks())
            .filter(|(q, m)| **m != q.all())
            .map(|(q, &m)| {
                let ids: Vec<&str> = q
                    .options
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| m & (1 << i) != 0)
                    .map(|(_, c)| c.id.as_str())
                    .collect();
                match ids.as_slice() {
                    [one] => format!("{}: {one}", q.id),
                    many => format!("{}: [{}]", q.id, many.join(", ")),
                }
            })
            .collect();
        format!("{{{}}}", parts.join(", "))
    }

    fn gap(&self, gap: &Gap) -> Diagnostic {
        let example = self.combination(&gap.piece);
        let message = match gap.count {
            Some(1) => format!("1 combination of answers reaches no outcome: {example}"),
            Some(n) => format!("{n} combinations of answers reach no outcome, e.g. {example}"),
            None => format!("many combinations of answers reach no outcome, e.g. {example}"),
        };
        let hint = if self.rules.is_empty() {
            "add rules that map answers to outcomes".to_string()
        } else {
            format!(
                "add a rule with `when: {}`, or a catch-all rule without `when` at a lower priority",
                self.when(&gap.piece)
            )
        };
        Diagnostic::error(message)
            .at(self.file, self.rules_key())
            .with_hint(hint)
    }

    fn ambiguity(&self, a: &Ambiguity) -> Diagnostic {
        let (first, second) = (&self.rules[a.first], &self.rules[a.second]);
        let message = format!(
            "rules at lines {} and {} recommend different outcomes (`{}` and `{}`) with equal priority {} for {}",
            self.rule_line(a.first),
            self.rule_line(a.second),
            self.outcomes[first.outcome].id,
            self.outcomes[second.outcome].id,
            first.priority,
            self.combination(&a.overlap),
        );
        Diagnostic::error(message)
            .at(self.file, self.rule_span(a.second))
            .with_hint("give the rule that should win a higher `priority`, or narrow one so they no longer overlap")
    }

    fn dead(&self, dead: &DeadRule) -> Diagnostic {
        let rule = &self.rules[dead.rule];
        let span = self.rule_span(dead.rule);
        if dead.shadowed_by.is_empty() {
            let empty: Vec<String> = self
                .questions
                .iter()
                .zip(rule.cube.masks())
                .filter(|(_, m)| **m == 0)
                .map(|(q, _)| format!("`{}`", q.id))
                .collect();
            return Diagnostic::error(format!(
                "this rule never fires: it allows no option for {}",
                and_list(&empty)
            ))
            .at(self.file, span)
            .with_hint("list at least one option, or `any`");
        }
        let lines: Vec<String> = dead
            .shadowed_by
            .iter()
            .map(|&r| self.rule_line(r).to_string())
            .collect();
        let by = match lines.as_slice() {
            [one] => format!("the rule at line {one}"),
            _ => format!("the rules at lines {}", and_list(&lines)),
        };
        Diagnostic::error(format!(
            "this rule never fires: every answer it matches is decided first by {by}"
        ))
        .at(self.file, span)
        .with_hint("give it a higher `priority`, narrow the rules before it, or remove it")
    }

    fn unreached(&self, outcome: usize) -> Diagnostic {
        let id = &self.outcomes[outcome].id;
        let items = &self.outline.outcomes.items;
        let span = match items.get(outcome) {
            Some(item) => (self.outline)
                .value(item.clone(), "id", id)
                .unwrap_or_else(|| locate::head(&self.file.text, item.clone())),
            None => self.outline.outcomes.key.clone().unwrap_or(0..0),
        };
        let dead: Vec<String> = (0..self.rules.len())
            .filter(|&r| self.rules[r].outcome == outcome)
            .map(|r| self.rule_line(r).to_string())
            .collect();
        let (message, hint) = if dead.is_empty() {
            (
                format!("no rule leads to outcome `{id}`"),
                format!("add a rule with `outcome: {id}`, or remove the outcome"),
            )
        } else {
            (
                format!(
                    "outcome `{id}` is reached only by rules that never fire (line{} {})",
                    if dead.len() == 1 { "" } else { "s" },
                    and_list(&dead)
                ),
                "fix those rules so they can fire".to_string(),
            )
        };
        Diagnostic::error(message)
            .at(self.file, span)
            .with_hint(hint)
    }
}
