//! The compiled form of a filter, embedded in the page as JSON for the runtime.
//!
//! It is the rule list in the order the runtime tries them (priority, then declaration
//! order), each rule reduced to the questions it constrains and the option ids it allows
//! for them. The runtime picks the first rule whose conditions hold.

use std::collections::BTreeMap;

use serde::Serialize;

use super::analysis::priority_order;
use super::model::{Outcome, Question, Rule};

/// What the runtime needs to decide: question ids, option ids and the ordered rules.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Compiled {
    /// Declaration indices of the rules, in the order they are tried.
    #[serde(skip)]
    pub order: Vec<usize>,
    /// The questions, in the order asked.
    pub questions: Vec<CompiledQuestion>,
    /// The rules, in the order tried.
    pub rules: Vec<CompiledRule>,
}

/// A question as the runtime sees it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct CompiledQuestion {
    /// The question id, also the radio buttons' name and the URL parameter.
    pub id: String,
    /// The option ids, also the radio buttons' values.
    pub options: Vec<String>,
}

/// A rule as the runtime sees it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct CompiledRule {
    /// For each constrained question, the option ids allowed; other questions match any.
    pub when: BTreeMap<String, Vec<String>>,
    /// The outcome id.
    pub outcome: String,
    /// The rationale shown with the recommendation.
    pub because: String,
}

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
