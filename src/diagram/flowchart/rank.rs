//! The ranks of a flowchart's nodes: links that close a cycle are turned round (found
//! by a depth-first walk in source order), then each node's rank is the longest path of
//! links to it.

use super::model::Flowchart;

/// Each link as (lower end, higher end, turned round?): links that close a cycle (found
/// by a depth-first walk in source order) are turned round.
pub(super) fn acyclic(chart: &Flowchart) -> Vec<(usize, usize, bool)> {
    let n = chart.nodes.len();
    let mut outgoing = vec![Vec::new(); n];
    for (i, edge) in chart.edges.iter().enumerate() {
        outgoing[edge.from].push(i);
    }
    // 0: not seen, 1: on the walk's path, 2: done.
    let mut state = vec![0u8; n];
    let mut back = vec![false; chart.edges.len()];
    for root in 0..n {
        if state[root] != 0 {
            continue;
        }
        let mut stack = vec![(root, 0usize)];
        state[root] = 1;
        while let Some((node, next)) = stack.pop() {
            if let Some(&edge) = outgoing[node].get(next) {
                stack.push((node, next + 1));
                let to = chart.edges[edge].to;
                match state[to] {
                    0 => {
                        state[to] = 1;
                        stack.push((to, 0));
                    }
                    1 => back[edge] = true,
                    _ => {}
                }
            } else {
                state[node] = 2;
            }
        }
    }
    chart
        .edges
        .iter()
        .zip(back)
        .map(|(e, back)| {
            if back {
                (e.to, e.from, true)
            } else {
                (e.from, e.to, false)
            }
        })
        .collect()
}

/// Each node's rank: the length of the longest path of `forward` links to it.
pub(super) fn ranks(n: usize, forward: &[(usize, usize, bool)]) -> Vec<usize> {
    let mut rank = vec![0; n];
    // A longest path has at most n - 1 links, so n rounds settle every rank.
    for _ in 0..n {
        let mut changed = false;
        for &(from, to, _) in forward {
            if rank[to] < rank[from] + 1 {
                rank[to] = rank[from] + 1;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    rank
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagram::flowchart::parse::parse;

    fn ranked(source: &str) -> (Vec<usize>, Vec<bool>) {
        let chart = parse(source).unwrap();
        let forward = acyclic(&chart);
        let turned = forward.iter().map(|f| f.2).collect();
        (ranks(chart.nodes.len(), &forward), turned)
    }

    #[test]
    fn a_node_ranks_below_the_longest_path_to_it() {
        let (rank, turned) = ranked("graph TD\nA --> B --> C\nA --> C\nD");
        assert_eq!(rank, [0, 1, 2, 0]);
        assert_eq!(turned, [false, false, false]);
    }

    #[test]
    fn the_link_that_closes_a_cycle_is_turned_round() {
        let (rank, turned) = ranked("graph TD\nA --> B --> C --> A");
        assert_eq!(rank, [0, 1, 2]);
        assert_eq!(turned, [false, false, true]);
    }
}
