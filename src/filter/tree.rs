//! A filter's rules as a decision tree, summarised so a reader can follow it.
//!
//! Every combination of answers reaches one outcome: the first rule, in the order the
//! runtime tries them, that matches it. The tree asks a question only where its answer
//! still changes the outcome; answers that lead to the same subtree share one branch; a
//! branch ends at an outcome as soon as every combination left reaches it. Of the
//! orders the questions can be asked in, the tree takes the one with the fewest boxes
//! (ties go to the order the filter asks them in). The bundled filter's 1,536
//! combinations and 50 rules become a tree of 163 boxes; asked in the filter's order,
//! it would have 279.

use std::collections::HashMap;

use super::model::{Filter, Question};

/// The most partial answers (each question answered with one of its options, or not
/// yet) a tree is made from: the search for the smallest tree may look at each. The
/// bundled filter has 14,580.
pub(crate) const MAX_PARTIAL: usize = 50_000;

/// A point of the tree: an outcome reached, or a question asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Tree {
    /// Index of the outcome every combination left reaches.
    Outcome(usize),
    /// Index of the question asked, and its answers grouped by where they lead.
    Ask {
        question: usize,
        branches: Vec<Branch>,
    },
}

/// Answers to a question that lead to the same subtree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Branch {
    /// Indices of the options, in the order the question lists them.
    pub options: Vec<usize>,
    pub next: Tree,
}

impl Branch {
    /// The labels of its answers to `question` (the question it answers).
    pub(crate) fn labels<'q>(&self, question: &'q Question) -> Vec<&'q str> {
        self.options
            .iter()
            .map(|&o| question.options[o].label.as_str())
            .collect()
    }
}

/// The combinations of answers still possible: for each question, its option or none
/// chosen yet.
type Region = Vec<Option<usize>>;

/// The outcome of every combination of answers, indexed in mixed radix (the first
/// question's option varies slowest).
struct Outcomes {
    sizes: Vec<usize>,
    table: Vec<usize>,
}

impl Outcomes {
    fn of(filter: &Filter) -> Option<Outcomes> {
        if partial_answers(filter) > MAX_PARTIAL {
            return None;
        }
        let sizes: Vec<usize> = filter.questions.iter().map(|q| q.options.len()).collect();
        let total = sizes.iter().product();
        let rules: Vec<_> = filter.rules_in_order().collect();
        let mut answers = vec![0usize; sizes.len()];
        let mut table = Vec::with_capacity(total);
        for _ in 0..total {
            // The filter was checked: every combination matches a rule.
            let rule = rules.iter().find(|rule| {
                rule.cube
                    .masks()
                    .iter()
                    .zip(&answers)
                    .all(|(mask, &a)| mask & (1 << a) != 0)
            })?;
            table.push(rule.outcome);
            for (answer, &size) in answers.iter_mut().zip(&sizes).rev() {
                *answer += 1;
                if *answer < size {
                    break;
                }
                *answer = 0;
            }
        }
        Some(Outcomes { sizes, table })
    }

    /// The outcomes of the combinations in `region`, in index order.
    fn within(&self, region: &Region) -> Vec<usize> {
        let mut out = vec![0usize];
        for (&size, chosen) in self.sizes.iter().zip(region) {
            let options: Vec<usize> = match chosen {
                Some(o) => vec![*o],
                None => (0..size).collect(),
            };
            out = out
                .iter()
                .flat_map(|&i| options.iter().map(move |&o| i * size + o))
                .collect();
        }
        out.into_iter().map(|i| self.table[i]).collect()
    }
}

/// How many partial answers `filter` has (at most `usize::MAX`).
pub(crate) fn partial_answers(filter: &Filter) -> usize {
    filter
        .questions
        .iter()
        .fold(1usize, |n, q| n.saturating_mul(q.options.len() + 1))
}

/// The decision tree of `filter`, or `None` if it has more than [`MAX_PARTIAL`]
/// partial answers.
pub(crate) fn tree(filter: &Filter) -> Option<Tree> {
    let outcomes = Outcomes::of(filter)?;
    Some(grow(
        &outcomes,
        &mut vec![None; outcomes.sizes.len()],
        &mut HashMap::new(),
    ))
}

/// The smallest tree of the combinations in `region` (fewest boxes: questions asked
/// and outcomes reached), found by trying each question that matters there; a tie goes
/// to the question asked first. Trees already grown are kept in `grown`.
fn grow(outcomes: &Outcomes, region: &mut Region, grown: &mut HashMap<Region, Tree>) -> Tree {
    if let Some(tree) = grown.get(region) {
        return tree.clone();
    }
    let reached = outcomes.within(region);
    let mut best = Tree::Outcome(reached[0]);
    if reached.iter().any(|&o| o != reached[0]) {
        let mut smallest = usize::MAX;
        for question in 0..region.len() {
            if !matters(outcomes, region, question) {
                continue;
            }
            let tree = ask(outcomes, region, grown, question);
            let size = tree.size();
            if size < smallest {
                (smallest, best) = (size, tree);
            }
        }
    }
    grown.insert(region.clone(), best.clone());
    best
}

/// The tree of `region` that asks `question` first: a branch per option, options
/// whose subtrees are the same sharing one.
fn ask(
    outcomes: &Outcomes,
    region: &mut Region,
    grown: &mut HashMap<Region, Tree>,
    question: usize,
) -> Tree {
    let mut branches: Vec<Branch> = Vec::new();
    for option in 0..outcomes.sizes[question] {
        region[question] = Some(option);
        let next = grow(outcomes, region, grown);
        match branches.iter_mut().find(|b| b.next == next) {
            Some(branch) => branch.options.push(option),
            None => branches.push(Branch {
                options: vec![option],
                next,
            }),
        }
    }
    region[question] = None;
    Tree::Ask { question, branches }
}

/// Does the answer to `question`, not chosen in `region`, change the outcome of some
/// combination there? It does unless every option gives the other answers the same
/// outcomes.
fn matters(outcomes: &Outcomes, region: &mut Region, question: usize) -> bool {
    if region[question].is_some() {
        return false;
    }
    let mut first = None;
    let mut differs = false;
    for option in 0..outcomes.sizes[question] {
        region[question] = Some(option);
        let reached = outcomes.within(region);
        match &first {
            None => first = Some(reached),
            Some(first) => differs |= *first != reached,
        }
    }
    region[question] = None;
    differs
}

impl Tree {
    /// How many boxes the tree has: questions asked and outcomes reached.
    pub(crate) fn size(&self) -> usize {
        match self {
            Tree::Outcome(_) => 1,
            Tree::Ask { branches, .. } => 1 + branches.iter().map(|b| b.next.size()).sum::<usize>(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::tests::{SAMPLE, load};

    /// `tree` written as `question(option ids: subtree, …)`, outcomes by id.
    fn show(filter: &Filter, tree: &Tree) -> String {
        match tree {
            Tree::Outcome(o) => filter.outcomes[*o].id.clone(),
            Tree::Ask { question, branches } => {
                let q = &filter.questions[*question];
                let branches: Vec<String> = branches
                    .iter()
                    .map(|b| {
                        let options: Vec<&str> = b
                            .options
                            .iter()
                            .map(|&o| q.options[o].id.as_str())
                            .collect();
                        format!("{}: {}", options.join(" "), show(filter, &b.next))
                    })
                    .collect();
                format!("{}({})", q.id, branches.join(", "))
            }
        }
    }

    #[test]
    fn the_sample_asks_only_what_changes_the_outcome() {
        let filter = load(SAMPLE).unwrap();
        let tree = tree(&filter).unwrap();
        // Asking `manages` first settles "nobody" at once. Then `fear` and `icp` give
        // trees of the same size, and the tie goes to the one the filter asks first.
        // Asked in the filter's order (fear, icp, manages), the tree would have 11
        // boxes, not 7.
        assert_eq!(
            show(&filter, &tree),
            "manages(reps managers: fear(missed-quarter: icp(yes: sales-leader, no: cro), \
             wrong-strategy: cro), nobody: advisor)"
        );
        assert_eq!(tree.size(), 7);
    }

    #[test]
    fn a_filter_with_one_outcome_asks_nothing() {
        let text = SAMPLE
            .replace("outcome: advisor", "outcome: cro")
            .replace("outcome: sales-leader", "outcome: cro");
        let Ok(filter) = load(&text) else {
            // Unreachable outcomes are an error of their own; nothing to draw then.
            return;
        };
        assert_eq!(tree(&filter), Some(Tree::Outcome(1)));
    }
}
