//! The checks a filter's rules must pass, computed on cubes.
//!
//! Rules are taken in priority order (highest first, declaration order among equals), the
//! order the runtime tries them in. Every check is one question, "which answers of this
//! cube do none of these rules match?", asked of:
//! - the whole answer space and all rules: the answers that reach no outcome;
//! - each rule and the rules before it: if none, the rule never fires;
//! - the overlap of two rules of equal priority with different outcomes and the rules of
//!   higher priority: if some, the overlap is ambiguous.
//!
//! [`Search::uncovered`] answers it by splitting the cube on the question the rules
//! constrain most, into the groups of options no rule tells apart, until each piece is
//! held whole by a rule (covered) or by none (uncovered). The work grows with how
//! intricately the rules cut the space, not with the number of combinations. Deciding
//! coverage is hard in general (it is DNF tautology), so the number of pieces visited
//! is capped at [`STEP_LIMIT`]; beyond it the analysis gives up with [`TooComplex`]
//! rather than run for ever.

use std::ops::ControlFlow;

use super::cube::Cube;
use super::model::Rule;

/// How many pieces the analysis of one filter may visit.
pub(crate) const STEP_LIMIT: usize = 100_000;

/// How many uncovered pieces are counted before the count is given up.
const GAP_PIECES: usize = 1_000;

/// Answers that reach no outcome.
#[derive(Debug, Clone)]
pub(crate) struct Gap {
    /// The first piece of them found.
    pub piece: Cube,
    /// How many combinations reach no outcome, if counted.
    pub count: Option<u128>,
}

/// Two rules of equal priority and different outcomes that both match some answers.
#[derive(Debug, Clone)]
pub(crate) struct Ambiguity {
    /// The rule tried first at runtime (declaration index).
    pub first: usize,
    /// The other rule (declaration index).
    pub second: usize,
    /// Answers both match that no higher-priority rule decides.
    pub overlap: Cube,
}

/// A rule that never decides any answer.
#[derive(Debug, Clone)]
pub(crate) struct DeadRule {
    /// The rule (declaration index).
    pub rule: usize,
    /// The rules tried before it that decide its answers; empty if it matches none.
    pub shadowed_by: Vec<usize>,
}

/// Everything wrong with a set of rules.
#[derive(Debug, Clone, Default)]
pub(crate) struct Findings {
    /// The answers that reach no outcome, if any.
    pub gap: Option<Gap>,
    /// Overlapping rules of equal priority with different outcomes.
    pub ambiguities: Vec<Ambiguity>,
    /// Rules that never fire, in declaration order.
    pub dead: Vec<DeadRule>,
    /// Outcomes (indices) that no firing rule recommends.
    pub unreached: Vec<usize>,
}

/// The rules cut the answer space into more than [`STEP_LIMIT`] pieces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TooComplex;

/// The declaration indices of `rules` in the order the runtime tries them: by priority,
/// highest first, and in declaration order among equal priorities.
pub(crate) fn priority_order(rules: &[Rule]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..rules.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(rules[i].priority));
    order
}

/// Checks `rules` over the answer space `universe` with `outcomes` outcomes.
pub(crate) fn analyse(
    universe: &Cube,
    rules: &[Rule],
    outcomes: usize,
) -> Result<Findings, TooComplex> {
    analyse_within(universe, rules, outcomes, STEP_LIMIT)
}

/// [`analyse`], visiting at most `budget` pieces.
fn analyse_within(
    universe: &Cube,
    rules: &[Rule],
    outcomes: usize,
    budget: usize,
) -> Result<Findings, TooComplex> {
    let order = priority_order(rules);
    let cubes: Vec<&Cube> = order.iter().map(|&r| &rules[r].cube).collect();
    let mut search = Search { steps_left: budget };
    let mut findings = Findings {
        gap: search.gap(universe, &cubes)?,
        ..Findings::default()
    };
    let mut fires = vec![false; rules.len()];
    for (position, &r) in order.iter().enumerate() {
        let cube = &rules[r].cube;
        fires[r] = search.witness(cube, &cubes[..position])?.is_some();
        if !fires[r] {
            let mut shadowed_by = Vec::new();
            for (before, &e) in order[..position].iter().enumerate() {
                if let Some(both) = rules[e].cube.intersect(cube)
                    && search.witness(&both, &cubes[..before])?.is_some()
                {
                    shadowed_by.push(e);
                }
            }
            findings.dead.push(DeadRule {
                rule: r,
                shadowed_by,
            });
        }
    }
    findings.dead.sort_by_key(|d| d.rule);
    let mut level_start = 0;
    for level in order.chunk_by(|&a, &b| rules[a].priority == rules[b].priority) {
        let higher = &cubes[..level_start];
        for (i, &first) in level.iter().enumerate() {
            for &second in &level[i + 1..] {
                if rules[first].outcome == rules[second].outcome {
                    continue;
                }
                let Some(both) = rules[first].cube.intersect(&rules[second].cube) else {
                    continue;
                };
                if let Some(overlap) = search.witness(&both, higher)? {
                    findings.ambiguities.push(Ambiguity {
                        first,
                        second,
                        overlap,
                    });
                }
            }
        }
        level_start += level.len();
    }
    findings.unreached = (0..outcomes)
        .filter(|&o| !rules.iter().zip(&fires).any(|(r, &f)| f && r.outcome == o))
        .collect();
    Ok(findings)
}

/// Splits cubes to find the answers no rule matches, within a budget of steps.
struct Search {
    steps_left: usize,
}

impl Search {
    /// Calls `visit` with disjoint pieces of `cube` that none of `rules` holds, together
    /// making up all such answers, until `visit` breaks.
    fn uncovered(
        &mut self,
        cube: &Cube,
        rules: &[&Cube],
        visit: &mut dyn FnMut(&Cube) -> ControlFlow<()>,
    ) -> Result<ControlFlow<()>, TooComplex> {
        self.steps_left = self.steps_left.checked_sub(1).ok_or(TooComplex)?;
        if cube.is_empty() {
            return Ok(ControlFlow::Continue(()));
        }
        let live: Vec<&Cube> = rules.iter().copied().filter(|r| r.meets(cube)).collect();
        if live.is_empty() {
            return Ok(visit(cube));
        }
        if live.iter().any(|r| r.holds(cube)) {
            return Ok(ControlFlow::Continue(()));
        }
        // Split on the question most rules constrain inside this cube.
        let masks = cube.masks();
        let constraining = |q: usize| {
            live.iter()
                .filter(|r| r.masks()[q] & masks[q] != masks[q])
                .count()
        };
        let question = (0..masks.len())
            .rev()
            .max_by_key(|&q| constraining(q))
            .unwrap_or(0);
        let mut rest = masks[question];
        while rest != 0 {
            // The options no rule tells apart from the lowest one left.
            let lowest = rest & rest.wrapping_neg();
            let group = live.iter().fold(rest, |group, r| {
                let m = r.masks()[question];
                if m & lowest != 0 {
                    group & m
                } else {
                    group & !m
                }
            });
            rest &= !group;
            if self
                .uncovered(&cube.with(question, group), &live, visit)?
                .is_break()
            {
                return Ok(ControlFlow::Break(()));
            }
        }
        Ok(ControlFlow::Continue(()))
    }

    /// Some answers of `cube` that none of `rules` holds, if there are any.
    fn witness(&mut self, cube: &Cube, rules: &[&Cube]) -> Result<Option<Cube>, TooComplex> {
        let mut found = None;
        let _ = self.uncovered(cube, rules, &mut |piece| {
            found = Some(piece.clone());
            ControlFlow::Break(())
        })?;
        Ok(found)
    }

    /// The answers of `universe` that none of `rules` holds, counted up to [`GAP_PIECES`]
    /// pieces.
    fn gap(&mut self, universe: &Cube, rules: &[&Cube]) -> Result<Option<Gap>, TooComplex> {
        let mut first: Option<Cube> = None;
        let mut count = Some(0u128);
        let mut pieces = 0;
        let flow = self.uncovered(universe, rules, &mut |piece| {
            first.get_or_insert_with(|| piece.clone());
            count = count.and_then(|c| c.checked_add(piece.size()?));
            pieces += 1;
            if pieces < GAP_PIECES {
                ControlFlow::Continue(())
            } else {
                ControlFlow::Break(())
            }
        })?;
        let count = if flow.is_break() { None } else { count };
        Ok(first.map(|piece| Gap { piece, count }))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use proptest::prelude::*;

    use super::*;
    use crate::filter::cube::full_mask;

    fn rule(masks: &[u64], outcome: usize, priority: i64) -> Rule {
        Rule {
            cube: Cube::new(masks.to_vec()),
            outcome,
            because: String::new(),
            priority,
        }
    }

    #[test]
    fn a_catch_all_of_lower_priority_covers_the_gaps() {
        let universe = Cube::new(vec![0b11, 0b111]);
        let rules = [rule(&[0b01, 0b111], 0, 1), rule(&[0b11, 0b111], 1, 0)];
        let f = analyse(&universe, &rules, 2).unwrap();
        assert!(f.gap.is_none() && f.ambiguities.is_empty());
        assert!(f.dead.is_empty() && f.unreached.is_empty());
    }

    #[test]
    fn equal_priority_overlap_is_ambiguous_unless_decided_above() {
        let universe = Cube::new(vec![0b11, 0b11]);
        let rules = [
            rule(&[0b01, 0b11], 0, 0),
            rule(&[0b11, 0b01], 1, 0),
            rule(&[0b11, 0b11], 2, -1),
        ];
        let f = analyse(&universe, &rules, 3).unwrap();
        assert_eq!(f.ambiguities.len(), 1);
        assert_eq!(f.ambiguities[0].overlap, Cube::new(vec![0b01, 0b01]));
        let decided = [
            rule(&[0b01, 0b01], 2, 5),
            rules[0].clone(),
            rules[1].clone(),
        ];
        let f = analyse(&universe, &decided, 3).unwrap();
        assert!(f.ambiguities.is_empty());
    }

    #[test]
    fn shadowed_rules_name_the_rules_that_decide_first() {
        let universe = Cube::new(vec![0b11, 0b11]);
        let rules = [
            rule(&[0b01, 0b11], 0, 0),
            rule(&[0b11, 0b11], 1, 2),
            rule(&[0b00, 0b11], 0, 9),
            rule(&[0b11, 0b01], 0, 3),
        ];
        let f = analyse(&universe, &rules, 3).unwrap();
        let dead: Vec<_> = f
            .dead
            .iter()
            .map(|d| (d.rule, d.shadowed_by.clone()))
            .collect();
        // Rule 0 is decided by rules 3 and 1, in the order they are tried.
        assert_eq!(dead, [(0, vec![3, 1]), (2, vec![])]);
        assert_eq!(f.unreached, [2]);
    }

    /// 20 questions of 4 options (4^20 ≈ 10^12 combinations, far too many to
    /// enumerate): a decision tree on the first three questions, overrides on each of
    /// the others, and one rule of top priority.
    fn large_filter() -> (Cube, Vec<Rule>) {
        let n = 20;
        let all = vec![full_mask(4); n];
        let mut rules = Vec::new();
        for a in 0..4 {
            for b in 0..4 {
                for c in 0..4 {
                    let mut masks = all.clone();
                    masks[0] = 1 << a;
                    masks[1] = 1 << b;
                    masks[2] = 1 << c;
                    rules.push(rule(&masks, (a + b + c) % 3, 0));
                }
            }
        }
        for q in 3..n {
            let mut masks = all.clone();
            masks[q] = 0b1000;
            masks[0] = 0b0011;
            rules.push(rule(&masks, 0, 1));
        }
        let mut masks = all.clone();
        masks[5] = 0b0001;
        masks[6] = 0b0001;
        masks[7] = 0b0001;
        rules.push(rule(&masks, 1, 2));
        (Cube::new(all), rules)
    }

    /// Analyses with a budget of pieces far below the number of combinations (4^20 or
    /// 2^34 here), so passing shows the analysis did not enumerate them.
    fn timed(universe: &Cube, rules: &[Rule]) -> Findings {
        let start = std::time::Instant::now();
        let f = analyse_within(universe, rules, 3, 5_000).expect("within 5000 pieces");
        // Milliseconds in a release build; generous for a debug build on a busy machine.
        assert!(start.elapsed().as_secs() < 5, "took {:?}", start.elapsed());
        f
    }

    #[test]
    fn a_space_too_large_to_enumerate_checks_fast() {
        let (universe, rules) = large_filter();
        let f = timed(&universe, &rules);
        assert!(f.gap.is_none() && f.ambiguities.is_empty(), "{f:?}");
        assert!(f.dead.is_empty() && f.unreached.is_empty(), "{f:?}");

        // Without the tree's last leaf, its answers reach no outcome unless the top rule
        // (q5 = q6 = q7 = option 0) decides them.
        let gap = timed(
            &universe,
            &rules[..63]
                .iter()
                .chain(&rules[64..])
                .cloned()
                .collect::<Vec<_>>(),
        );
        let gap = gap.gap.unwrap();
        assert_eq!(gap.count, Some(4u128.pow(17) - 4u128.pow(14)));
        assert_eq!(&gap.piece.masks()[..3], [0b1000, 0b1000, 0b1000]);

        // A new override on q4 overlaps the 17 others with another outcome.
        let mut masks = vec![full_mask(4); 20];
        masks[4] = 0b1000;
        let mut ambiguous = rules.clone();
        ambiguous.push(rule(&masks, 2, 1));
        let f = timed(&universe, &ambiguous);
        assert_eq!(f.ambiguities.len(), 17);
    }

    #[test]
    fn fragmented_gaps_are_shown_without_being_counted() {
        // Rules `q2i = a and q2i+1 = a` (17 of them) leave 2^17 disjoint pieces uncovered.
        let n = 34;
        let mut rules: Vec<_> = (0..n / 2)
            .map(|i| {
                let mut masks = vec![0b11; n];
                masks[2 * i] = 0b01;
                masks[2 * i + 1] = 0b01;
                rule(&masks, 0, 0)
            })
            .collect();
        let universe = Cube::new(vec![0b11; n]);
        let gap = timed(&universe, &rules).gap.unwrap();
        assert_eq!(gap.count, None);
        // A catch-all closes the gap, and is found to fire at once.
        rules.push(rule(&vec![0b11; n], 1, -1));
        let f = timed(&universe, &rules);
        assert!(f.gap.is_none() && f.dead.is_empty());
    }

    #[test]
    fn the_budget_stops_the_search() {
        let (universe, rules) = large_filter();
        assert_eq!(
            analyse_within(&universe, &rules, 3, 50).unwrap_err(),
            TooComplex
        );
    }

    /// Small random filters: option counts, then rules as (masks, outcome, priority).
    fn small_filter() -> impl Strategy<Value = (Vec<usize>, Vec<Rule>)> {
        prop::collection::vec(1usize..=3, 1..=4).prop_flat_map(|counts| {
            let masks: Vec<_> = counts
                .iter()
                .map(|&c| prop_oneof![Just(full_mask(c)), 0..=full_mask(c)])
                .collect();
            let one = (masks, 0usize..3, 0i64..3)
                .prop_map(|(masks, outcome, priority)| rule(&masks, outcome, priority));
            (Just(counts), prop::collection::vec(one, 0..6))
        })
    }

    fn points(counts: &[usize]) -> Vec<Vec<usize>> {
        counts.iter().fold(vec![vec![]], |acc, &c| {
            acc.into_iter()
                .flat_map(|p| {
                    (0..c).map(move |o| {
                        let mut p = p.clone();
                        p.push(o);
                        p
                    })
                })
                .collect()
        })
    }

    fn contains(cube: &Cube, point: &[usize]) -> bool {
        cube.masks()
            .iter()
            .zip(point)
            .all(|(m, &o)| m & (1 << o) != 0)
    }

    proptest! {
        #[test]
        fn cubes_agree_with_enumeration((counts, rules) in small_filter()) {
            let universe = Cube::new(counts.iter().map(|&c| full_mask(c)).collect());
            let f = analyse(&universe, &rules, 3).unwrap();
            let order = priority_order(&rules);
            let mut uncovered = BTreeSet::new();
            let mut ambiguous = BTreeSet::new();
            let mut winners = BTreeSet::new();
            // For each rule, the rules that win the points it matches.
            let mut decided_by = vec![BTreeSet::new(); rules.len()];
            for p in points(&counts) {
                let matching: Vec<usize> =
                    order.iter().copied().filter(|&r| contains(&rules[r].cube, &p)).collect();
                let Some(&winner) = matching.first() else {
                    uncovered.insert(p);
                    continue;
                };
                winners.insert(winner);
                for &r in &matching {
                    decided_by[r].insert(winner);
                }
                let top: Vec<usize> = matching
                    .iter()
                    .copied()
                    .filter(|&r| rules[r].priority == rules[winner].priority)
                    .collect();
                for (i, &a) in top.iter().enumerate() {
                    for &b in &top[i + 1..] {
                        if rules[a].outcome != rules[b].outcome {
                            ambiguous.insert((a, b));
                        }
                    }
                }
            }
            // The gap is counted exactly, and its piece holds only uncovered points.
            match &f.gap {
                None => prop_assert!(uncovered.is_empty()),
                Some(gap) => {
                    prop_assert_eq!(gap.count, Some(uncovered.len() as u128));
                    for p in points(&counts) {
                        prop_assert!(!contains(&gap.piece, &p) || uncovered.contains(&p));
                    }
                }
            }
            let found: BTreeSet<_> = f.ambiguities.iter().map(|a| (a.first, a.second)).collect();
            prop_assert_eq!(&found, &ambiguous);
            for a in &f.ambiguities {
                let p = a.overlap.example();
                prop_assert!(contains(&rules[a.first].cube, &p));
                prop_assert!(contains(&rules[a.second].cube, &p));
                prop_assert!(rules.iter().all(|r| r.priority <= rules[a.first].priority
                    || !contains(&r.cube, &p)));
            }
            let dead: BTreeSet<_> = f.dead.iter().map(|d| d.rule).collect();
            let expected: BTreeSet<_> = (0..rules.len()).filter(|r| !winners.contains(r)).collect();
            prop_assert_eq!(dead, expected);
            for d in &f.dead {
                let blamed: BTreeSet<_> = d.shadowed_by.iter().copied().collect();
                prop_assert_eq!(&blamed, &decided_by[d.rule]);
            }
            let reached: BTreeSet<_> = winners.iter().map(|&r| rules[r].outcome).collect();
            let unreached: Vec<_> = (0..3).filter(|o| !reached.contains(o)).collect();
            prop_assert_eq!(&f.unreached, &unreached);
        }
    }
}
