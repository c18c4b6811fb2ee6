//! Compiling a filter into the form the runtime gets ([`super::runtime`]).
//!
//! It is the rule list in the order the runtime tries them (priority, then declaration
//! order), each rule reduced to the questions it constrains and the option ids it allows
//! for them. The runtime picks the first rule whose conditions hold.

use super::analysis::priority_order;
use super::model::{Outcome, Question, Rule};
use super::runtime::{Compiled, CompiledQuestion, CompiledRule};

/// Compiles checked questions, outcomes and rules.
pub(crate) fn compile(questions: &[Question], outcomes: &[Outcome], rules: &[Rule]) -> Compiled {
    let order = priority_order(rules);
    let compiled_rules = order
        .iter()
        .map(|&i| {
            let rule = &rules[i];
            CompiledRule {
                when: rule
                    .conditions(questions)
                    .map(|(q, allowed)| {
                        (q.id.clone(), allowed.iter().map(|c| c.id.clone()).collect())
                    })
                    .collect(),
                outcome: outcomes[rule.outcome].id.clone(),
                because: rule.because.clone(),
            }
        })
        .collect();
    Compiled {
        order,
        questions: questions
            .iter()
            .map(|q| CompiledQuestion {
                id: q.id.clone(),
                options: q.options.iter().map(|c| c.id.clone()).collect(),
            })
            .collect(),
        rules: compiled_rules,
    }
}
