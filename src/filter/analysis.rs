//! The checks a filter's rules must pass, computed on cubes.
//!
//! Rules are taken in priority order (highest first, declaration order among equals), the
//! order the runtime tries them in. Walking that list, the analysis keeps the answers no
//! rule has claimed yet as disjoint cubes and subtracts each rule from them: what is left
//! at the end reaches no outcome, a rule that claims nothing never fires, and two rules of
//! one priority that both reach answers still unclaimed by higher priorities are
//! ambiguous there. The work grows with the number of pieces the rules cut the space
//! into, not with the number of combinations.
//!
//! Deciding whether rules cover a space is hard in general (it is DNF tautology), so the
//! number of pieces can grow exponentially for adversarial rules; past [`PIECE_LIMIT`]
//! pieces the analysis gives up with [`TooComplex`] rather than run for ever.

use super::cube::Cube;
use super::model::Rule;

/// How many disjoint pieces of unclaimed answers the analysis keeps at most.
pub(crate) const PIECE_LIMIT: usize = 50_000;

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
    /// The rules tried before it that match some of its answers; empty if it matches none.
    pub shadowed_by: Vec<usize>,
}

/// Everything wrong with a set of rules.
#[derive(Debug, Clone, Default)]
pub(crate) struct Findings {
    /// Disjoint pieces of the answers that reach no outcome.
    pub uncovered: Vec<Cube>,
    /// Overlapping rules of equal priority with different outcomes.
    pub ambiguities: Vec<Ambiguity>,
    /// Rules that never fire, in declaration order.
    pub dead: Vec<DeadRule>,
    /// Outcomes (indices) that no firing rule recommends.
    pub unreached: Vec<usize>,
}

/// The rules cut the answer space into more than [`PIECE_LIMIT`] pieces.
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
    let order = priority_order(rules);
    let mut findings = Findings::default();
    let mut unclaimed = vec![universe.clone()];
    let mut fires = vec![false; rules.len()];
    for level in order.chunk_by(|&a, &b| rules[a].priority == rules[b].priority) {
        find_ambiguities(rules, level, &unclaimed, &mut findings.ambiguities);
        for &r in level {
            let cube = &rules[r].cube;
            fires[r] = unclaimed.iter().any(|c| c.intersect(cube).is_some());
            if fires[r] {
                unclaimed = subtract_all(&unclaimed, cube)?;
            }
        }
    }
    findings.uncovered = unclaimed;
    for (position, &r) in order.iter().enumerate() {
        if !fires[r] {
            let cube = &rules[r].cube;
            let shadowed_by = if cube.is_empty() {
                Vec::new()
            } else {
                order[..position]
                    .iter()
                    .copied()
                    .filter(|&e| rules[e].cube.intersect(cube).is_some())
                    .collect()
            };
            findings.dead.push(DeadRule {
                rule: r,
                shadowed_by,
            });
        }
    }
    findings.dead.sort_by_key(|d| d.rule);
    findings.unreached = (0..outcomes)
        .filter(|&o| !rules.iter().zip(&fires).any(|(r, &f)| f && r.outcome == o))
        .collect();
    Ok(findings)
}

/// Records every pair of rules of one priority `level` with different outcomes whose
/// overlap reaches answers still `unclaimed` by higher priorities.
fn find_ambiguities(rules: &[Rule], level: &[usize], unclaimed: &[Cube], out: &mut Vec<Ambiguity>) {
    for (i, &first) in level.iter().enumerate() {
        for &second in &level[i + 1..] {
            if rules[first].outcome == rules[second].outcome {
                continue;
            }
            let Some(both) = rules[first].cube.intersect(&rules[second].cube) else {
                continue;
            };
            if let Some(overlap) = unclaimed.iter().find_map(|c| c.intersect(&both)) {
                out.push(Ambiguity {
                    first,
                    second,
                    overlap,
                });
            }
        }
    }
}

/// `pieces` minus `cube`, failing once the result grows past [`PIECE_LIMIT`].
fn subtract_all(pieces: &[Cube], cube: &Cube) -> Result<Vec<Cube>, TooComplex> {
    let mut out = Vec::with_capacity(pieces.len());
    for piece in pieces {
        out.extend(piece.subtract(cube));
        if out.len() > PIECE_LIMIT {
            return Err(TooComplex);
        }
    }
    Ok(out)
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
        assert!(f.uncovered.is_empty() && f.ambiguities.is_empty());
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
    fn shadowed_rules_name_the_rules_before_them() {
        let universe = Cube::new(vec![0b11]);
        let rules = [
            rule(&[0b01], 0, 0),
            rule(&[0b11], 1, 2),
            rule(&[0b00], 0, 9),
        ];
        let f = analyse(&universe, &rules, 3).unwrap();
        let dead: Vec<_> = f
            .dead
            .iter()
            .map(|d| (d.rule, d.shadowed_by.clone()))
            .collect();
        assert_eq!(dead, [(0, vec![1]), (2, vec![])]);
        assert_eq!(f.unreached, [0, 2]);
    }

    #[test]
    fn twenty_questions_of_four_options_check_fast() {
        // 4^20 ≈ 10^12 combinations: far too many to enumerate.
        let n = 20;
        let universe = Cube::new(vec![full_mask(4); n]);
        let mut rules = Vec::new();
        for q in 0..n {
            let mut masks = vec![full_mask(4); n];
            masks[q] = 1 << (q % 4);
            masks[(q + 1) % n] = 0b0011;
            rules.push(rule(&masks, q % 3, (q % 2) as i64));
        }
        let start = std::time::Instant::now();
        let f = analyse(&universe, &rules, 3).unwrap();
        assert!(start.elapsed().as_millis() < 500, "{:?}", start.elapsed());
        assert!(!f.uncovered.is_empty());
        let uncovered: u128 = f.uncovered.iter().map(|c| c.size().unwrap()).sum();
        assert!(uncovered < 4u128.pow(20));
        // A catch-all closes every gap.
        rules.push(rule(&vec![full_mask(4); n], 0, -1));
        let f = analyse(&universe, &rules, 3).unwrap();
        assert!(f.uncovered.is_empty());
    }

    #[test]
    fn adversarial_rules_give_up_instead_of_running_for_ever() {
        // Rules `q2i = a and q2i+1 = a` (k of them) leave 2^k disjoint pieces uncovered.
        let n = 34;
        let universe = Cube::new(vec![0b11; n]);
        let rules: Vec<_> = (0..n / 2)
            .map(|i| {
                let mut masks = vec![0b11; n];
                masks[2 * i] = 0b01;
                masks[2 * i + 1] = 0b01;
                rule(&masks, 0, 0)
            })
            .collect();
        assert_eq!(analyse(&universe, &rules, 1).unwrap_err(), TooComplex);
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
            for p in points(&counts) {
                let matching: Vec<usize> =
                    order.iter().copied().filter(|&r| contains(&rules[r].cube, &p)).collect();
                let Some(&winner) = matching.first() else {
                    uncovered.insert(p);
                    continue;
                };
                winners.insert(winner);
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
            // Uncovered pieces are disjoint and hold exactly the uncovered points.
            let size: u128 = f.uncovered.iter().map(|c| c.size().unwrap()).sum();
            prop_assert_eq!(size, uncovered.len() as u128);
            for p in &uncovered {
                prop_assert!(f.uncovered.iter().any(|c| contains(c, p)));
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
            let reached: BTreeSet<_> = winners.iter().map(|&r| rules[r].outcome).collect();
            let unreached: Vec<_> = (0..3).filter(|o| !reached.contains(o)).collect();
            prop_assert_eq!(&f.unreached, &unreached);
        }
    }
}
#[cfg(test)]
mod probe {
    use super::*;
    use crate::filter::cube::full_mask;
    #[test]
    fn probe() {
        let n = 20;
        let universe = Cube::new(vec![full_mask(4); n]);
        let mut unclaimed = vec![universe];
        for q in 0..n {
            let mut masks = vec![full_mask(4); n];
            masks[q] = 1 << (q % 4);
            masks[(q + 1) % n] = 0b0011;
            unclaimed = subtract_all(&unclaimed, &Cube::new(masks)).unwrap();
            eprintln!("{q}: {}", unclaimed.len());
        }
    }
}
