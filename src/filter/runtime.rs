//! The compiled form of a filter, embedded in the page as JSON for the runtime
//! (`src/components/decision/filter.js`): plain data, made by [`super::compile`].

use std::collections::BTreeMap;

use serde::Serialize;

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
