//! A layered layout for flowcharts (Sugiyama's method, kept small): nodes get ranks
//! ([`super::rank`]), links across several ranks pass through placeholder points, each
//! rank is ordered to cross few links, and nodes move towards their neighbours without
//! overlapping.
//!
//! Every step iterates in source order and breaks ties by it, so a chart is always laid
//! out the same way.

use super::model::{Direction, Flowchart, Shape};
use super::rank::{acyclic, ranks};
use super::route::clip;
use crate::diagram::error::DiagramError;
use crate::diagram::svg::Point;
use crate::diagram::text::{self, LINE_HEIGHT};

/// Room around the drawing.
pub(super) const MARGIN: f64 = 8.0;
/// The least room between two nodes of a rank.
const NODE_GAP: f64 = 30.0;
/// The least room between two ranks.
const RANK_GAP: f64 = 50.0;
/// Room inside a box around its text.
const PADDING: f64 = 16.0;
/// How many times the ranks are re-ordered and the nodes moved.
const PASSES: usize = 8;
/// The room a link passing through a rank takes in it.
const BEND_BREADTH: f64 = 12.0;
/// How far apart links between the same two nodes are drawn.
const PARALLEL_GAP: f64 = 16.0;
/// The most points links may pass through on their way across ranks: layout time grows
/// with their number times the number of ranks, and a readable chart has a few dozen.
const MAX_BENDS: usize = 2_000;
/// The most nodes a flowchart may have (ranking takes nodes times links).
const MAX_NODES: usize = 500;

/// Where a node is drawn: its centre and size.
#[derive(Debug, Clone, Copy)]
pub(super) struct Placed {
    pub center: Point,
    pub width: f64,
    pub height: f64,
}

/// Where a link is drawn: the points of its line, from its start to its end, and where
/// its label goes.
#[derive(Debug, Clone)]
pub(super) struct Route {
    pub points: Vec<Point>,
    pub label_at: Option<Point>,
}

/// A flowchart laid out.
#[derive(Debug, Clone)]
pub(super) struct Layout {
    pub width: f64,
    pub height: f64,
    pub nodes: Vec<Placed>,
    pub routes: Vec<Route>,
}

/// The size of a node with this label and shape: (width, height).
fn node_size(label: &str, shape: Shape) -> (f64, f64) {
    let lines = text::lines(label);
    let text = text::block_width(&lines);
    let tall = lines.len() as f64 * LINE_HEIGHT;
    match shape {
        Shape::Box | Shape::Round | Shape::Text => (text + 2.0 * PADDING, tall + PADDING + 4.0),
        // A diamond holds its text's box when the box's corners are inside it.
        Shape::Diamond => (1.6 * text + 2.0 * PADDING, 2.0 * tall + PADDING + 14.0),
    }
}

/// One thing placed in a rank: a node, or a point a long link passes through.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Item {
    Node(usize),
    /// The `k`th point of link `edge`.
    Bend {
        edge: usize,
        k: usize,
    },
}

/// The layout being made, in rank coordinates: `depth` runs along the ranks, `breadth`
/// across them.
struct Layered {
    /// Each node's (breadth, depth) size.
    sizes: Vec<(f64, f64)>,
    ranks: Vec<Vec<Item>>,
    /// Each item's position across its rank.
    across: Vec<Vec<f64>>,
    /// For each link: the items it passes through, from its lower rank to its higher,
    /// and whether it was turned round to break a cycle.
    chains: Vec<(Vec<(usize, usize)>, bool)>,
}

/// Lays out `chart`, unless its links cross so many ranks that it would take long.
pub(super) fn layout(chart: &Flowchart) -> Result<Layout, DiagramError> {
    if chart.nodes.len() > MAX_NODES {
        return Err(DiagramError::at(
            0..0,
            format!(
                "the flowchart has {} nodes, more than {MAX_NODES}: split it",
                chart.nodes.len()
            ),
        ));
    }
    let horizontal = chart.direction.is_horizontal();
    let sizes: Vec<(f64, f64)> = chart
        .nodes
        .iter()
        .map(|node| {
            let (w, h) = node_size(&node.label, node.shape);
            if horizontal { (h, w) } else { (w, h) }
        })
        .collect();
    let forward = acyclic(chart);
    let rank = ranks(chart.nodes.len(), &forward);
    let bends: usize = forward
        .iter()
        .map(|&(from, to, _)| (rank[to] - rank[from]).saturating_sub(1))
        .sum();
    if bends > MAX_BENDS {
        return Err(DiagramError::at(
            0..0,
            format!(
                "the flowchart's links cross {bends} ranks in all, more than {MAX_BENDS}: split it"
            ),
        ));
    }
    let mut layered = Layered::new(sizes, &forward, &rank);
    layered.order();
    layered.place_across();
    Ok(layered.finish(chart))
}

impl Layered {
    /// The ranks with their nodes in source order, and a point in each rank a link
    /// crosses between its ends.
    fn new(sizes: Vec<(f64, f64)>, forward: &[(usize, usize, bool)], rank: &[usize]) -> Self {
        let count = rank.iter().max().map_or(0, |r| r + 1);
        let mut ranks: Vec<Vec<Item>> = vec![Vec::new(); count];
        for (node, &r) in rank.iter().enumerate() {
            ranks[r].push(Item::Node(node));
        }
        let mut chains = Vec::new();
        for (edge, &(from, to, turned)) in forward.iter().enumerate() {
            let mut chain = vec![(rank[from], index_of(&ranks[rank[from]], Item::Node(from)))];
            for (k, r) in (rank[from] + 1..rank[to]).enumerate() {
                ranks[r].push(Item::Bend { edge, k });
                chain.push((r, ranks[r].len() - 1));
            }
            chain.push((rank[to], index_of(&ranks[rank[to]], Item::Node(to))));
            chains.push((chain, turned));
        }
        let across = ranks.iter().map(|r| vec![0.0; r.len()]).collect();
        Layered {
            sizes,
            ranks,
            across,
            chains,
        }
    }

    /// The breadth of an item.
    fn breadth(&self, item: Item) -> f64 {
        match item {
            Item::Node(n) => self.sizes[n].0,
            Item::Bend { .. } => BEND_BREADTH,
        }
    }

    /// The links between rank `r` and `r + 1`, as (index in `r`, index in `r + 1`).
    fn links_below(&self, r: usize) -> Vec<(usize, usize)> {
        self.chains
            .iter()
            .flat_map(|(chain, _)| chain.windows(2))
            .filter(|pair| pair[0].0 == r)
            .map(|pair| (pair[0].1, pair[1].1))
            .collect()
    }

    /// Re-orders each rank by the mean place of its neighbours, down and up, keeping the
    /// order with the fewest crossings.
    fn order(&mut self) {
        let mut best = (self.crossings(), self.ranks.clone(), self.chains.clone());
        for pass in 0..PASSES {
            let down = pass % 2 == 0;
            let rs: Vec<usize> = if down {
                (1..self.ranks.len()).collect()
            } else {
                (0..self.ranks.len().saturating_sub(1)).rev().collect()
            };
            for r in rs {
                let links = if down {
                    self.links_below(r - 1)
                        .into_iter()
                        .map(|(a, b)| (b, a))
                        .collect::<Vec<_>>()
                } else {
                    self.links_below(r)
                };
                let mut key: Vec<(f64, usize)> = (0..self.ranks[r].len())
                    .map(|i| {
                        let others: Vec<f64> = links
                            .iter()
                            .filter(|(mine, _)| *mine == i)
                            .map(|(_, other)| *other as f64)
                            .collect();
                        let mean = if others.is_empty() {
                            i as f64
                        } else {
                            others.iter().sum::<f64>() / others.len() as f64
                        };
                        (mean, i)
                    })
                    .collect();
                key.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                self.reorder(r, &key.iter().map(|(_, i)| *i).collect::<Vec<_>>());
            }
            let crossings = self.crossings();
            if crossings < best.0 {
                best = (crossings, self.ranks.clone(), self.chains.clone());
            }
        }
        (_, self.ranks, self.chains) = best;
    }

    /// Puts rank `r` in the order `new` (old indices), updating the chains.
    fn reorder(&mut self, r: usize, new: &[usize]) {
        let mut position = vec![0; new.len()];
        for (to, &from) in new.iter().enumerate() {
            position[from] = to;
        }
        self.ranks[r] = new.iter().map(|&i| self.ranks[r][i]).collect();
        for (chain, _) in &mut self.chains {
            for point in chain.iter_mut().filter(|p| p.0 == r) {
                point.1 = position[point.1];
            }
        }
    }

    /// How many pairs of links cross.
    fn crossings(&self) -> usize {
        (0..self.ranks.len().saturating_sub(1))
            .map(|r| {
                let links = self.links_below(r);
                let mut count = 0;
                for (i, a) in links.iter().enumerate() {
                    for b in &links[i + 1..] {
                        if (a.0 < b.0 && a.1 > b.1) || (a.0 > b.0 && a.1 < b.1) {
                            count += 1;
                        }
                    }
                }
                count
            })
            .sum()
    }

    /// Places items across their ranks: packed in order, then moved towards their
    /// neighbours' mean place, each rank kept apart by the gap.
    fn place_across(&mut self) {
        for r in 0..self.ranks.len() {
            let mut at = 0.0;
            for i in 0..self.ranks[r].len() {
                let half = self.breadth(self.ranks[r][i]) / 2.0;
                self.across[r][i] = at + half;
                at += 2.0 * half + NODE_GAP;
            }
        }
        for pass in 0..PASSES {
            let down = pass % 2 == 0;
            for step in 0..self.ranks.len() {
                let r = if down {
                    step
                } else {
                    self.ranks.len() - 1 - step
                };
                self.settle(r);
            }
        }
        let least = (0..self.ranks.len())
            .flat_map(|r| (0..self.ranks[r].len()).map(move |i| (r, i)))
            .map(|(r, i)| self.across[r][i] - self.breadth(self.ranks[r][i]) / 2.0)
            .fold(f64::INFINITY, f64::min);
        if least.is_finite() {
            for row in &mut self.across {
                for x in row.iter_mut() {
                    *x += MARGIN - least;
                }
            }
        }
    }

    /// Moves the items of rank `r` towards the mean place of their neighbours in the
    /// ranks around it, keeping their order and gaps.
    fn settle(&mut self, r: usize) {
        let mut neighbours: Vec<Vec<f64>> = vec![Vec::new(); self.ranks[r].len()];
        for (chain, _) in &self.chains {
            for pair in chain.windows(2) {
                let (a, b) = (pair[0], pair[1]);
                if a.0 == r {
                    neighbours[a.1].push(self.across[b.0][b.1]);
                }
                if b.0 == r {
                    neighbours[b.1].push(self.across[a.0][a.1]);
                }
            }
        }
        let wanted: Vec<f64> = neighbours
            .iter()
            .enumerate()
            .map(|(i, n)| {
                if n.is_empty() {
                    self.across[r][i]
                } else {
                    n.iter().sum::<f64>() / n.len() as f64
                }
            })
            .collect();
        let mut placed = wanted.clone();
        for i in 1..placed.len() {
            let gap = (self.breadth(self.ranks[r][i - 1]) + self.breadth(self.ranks[r][i])) / 2.0
                + NODE_GAP;
            placed[i] = placed[i].max(placed[i - 1] + gap);
        }
        // The forward pass only pushes right: shift the rank back by the mean push.
        let shift = placed.iter().zip(&wanted).map(|(p, w)| p - w).sum::<f64>()
            / placed.len().max(1) as f64;
        for (i, x) in placed.into_iter().enumerate() {
            self.across[r][i] = x - shift;
        }
    }

    /// The room between rank `r` and the next: more if a link label sits there.
    fn gap_below(&self, r: usize, chart: &Flowchart) -> f64 {
        let horizontal = chart.direction.is_horizontal();
        self.chains
            .iter()
            .zip(&chart.edges)
            .filter(|((chain, _), _)| label_rank(chain) == Some(r))
            .filter_map(|(_, edge)| edge.label.as_deref())
            .map(|label| {
                let lines = text::lines(label);
                let size = if horizontal {
                    text::block_width(&lines)
                } else {
                    lines.len() as f64 * LINE_HEIGHT
                };
                size + 32.0
            })
            .fold(RANK_GAP, f64::max)
    }

    /// The layout in page coordinates.
    fn finish(self, chart: &Flowchart) -> Layout {
        // Each rank's centre, and the middle of the gap below it (where labels go).
        let mut depth_at = Vec::with_capacity(self.ranks.len());
        let mut gap_middle = Vec::with_capacity(self.ranks.len());
        let mut at = MARGIN;
        for (r, items) in self.ranks.iter().enumerate() {
            let depth = items
                .iter()
                .map(|item| match item {
                    Item::Node(n) => self.sizes[*n].1,
                    Item::Bend { .. } => 0.0,
                })
                .fold(0.0, f64::max);
            let gap = self.gap_below(r, chart);
            depth_at.push(at + depth / 2.0);
            gap_middle.push(at + depth + gap / 2.0);
            at += depth + gap;
        }
        let last_gap = self.gap_below(self.ranks.len().saturating_sub(1), chart);
        let depth_total = at - last_gap + MARGIN;
        let breadth_total = (0..self.ranks.len())
            .flat_map(|r| (0..self.ranks[r].len()).map(move |i| (r, i)))
            .map(|(r, i)| self.across[r][i] + self.breadth(self.ranks[r][i]) / 2.0)
            .fold(0.0, f64::max)
            + MARGIN;
        let direction = chart.direction;
        let point = |breadth: f64, depth: f64| match direction {
            Direction::Down => Point {
                x: breadth,
                y: depth,
            },
            Direction::Up => Point {
                x: breadth,
                y: depth_total - depth,
            },
            Direction::Right => Point {
                x: depth,
                y: breadth,
            },
            Direction::Left => Point {
                x: depth_total - depth,
                y: breadth,
            },
        };
        let mut nodes = vec![
            Placed {
                center: Point { x: 0.0, y: 0.0 },
                width: 0.0,
                height: 0.0,
            };
            chart.nodes.len()
        ];
        for (r, items) in self.ranks.iter().enumerate() {
            for (i, item) in items.iter().enumerate() {
                if let Item::Node(n) = *item {
                    let (b, d) = self.sizes[n];
                    let (width, height) = if direction.is_horizontal() {
                        (d, b)
                    } else {
                        (b, d)
                    };
                    nodes[n] = Placed {
                        center: point(self.across[r][i], depth_at[r]),
                        width,
                        height,
                    };
                }
            }
        }
        let mut seen_pairs: Vec<(usize, usize)> = Vec::new();
        let routes = self
            .chains
            .iter()
            .zip(&chart.edges)
            .map(|((chain, turned), edge)| {
                let pair = (edge.from.min(edge.to), edge.from.max(edge.to));
                let earlier = seen_pairs.iter().filter(|p| **p == pair).count();
                seen_pairs.push(pair);
                // The label sits in the gap below the link's first rank, on its line.
                let mut label_at = edge.label.as_ref().map(|_| {
                    let ((ra, ia), (rb, ib)) = (chain[0], chain[1]);
                    let (da, db) = (depth_at[ra], depth_at[rb]);
                    let middle = gap_middle[ra];
                    let t = (middle - da) / (db - da);
                    let (ba, bb) = (self.across[ra][ia], self.across[rb][ib]);
                    point(ba + t * (bb - ba), middle)
                });
                let mut points: Vec<Point> = chain
                    .iter()
                    .map(|&(r, i)| point(self.across[r][i], depth_at[r]))
                    .collect();
                if *turned {
                    points.reverse();
                }
                if earlier > 0 && points.len() == 2 {
                    // Another link between the same two nodes: bent to one side.
                    let side = if earlier % 2 == 1 { 1.0 } else { -1.0 };
                    let offset = side * PARALLEL_GAP * earlier.div_ceil(2) as f64;
                    let (a, b) = (points[0], points[1]);
                    let (dx, dy) = (b.x - a.x, b.y - a.y);
                    let length = (dx * dx + dy * dy).sqrt().max(f64::EPSILON);
                    let (nx, ny) = (-dy / length * offset, dx / length * offset);
                    let middle = Point {
                        x: (a.x + b.x) / 2.0 + nx,
                        y: (a.y + b.y) / 2.0 + ny,
                    };
                    points.insert(1, middle);
                    label_at = label_at.map(|_| middle);
                }
                let from = (&nodes[edge.from], chart.nodes[edge.from].shape);
                let to = (&nodes[edge.to], chart.nodes[edge.to].shape);
                Route {
                    points: clip(points, from, to),
                    label_at,
                }
            })
            .collect();
        let (width, height) = if direction.is_horizontal() {
            (depth_total, breadth_total)
        } else {
            (breadth_total, depth_total)
        };
        Layout {
            width,
            height,
            nodes,
            routes,
        }
    }
}

/// The index of `item` in `rank`.
fn index_of(rank: &[Item], item: Item) -> usize {
    rank.iter().position(|i| *i == item).unwrap_or(0)
}

/// The rank below which a link's label sits: its first.
fn label_rank(chain: &[(usize, usize)]) -> Option<usize> {
    chain.first().map(|p| p.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagram::flowchart::parse::parse;

    fn laid_out(source: &str) -> Layout {
        layout(&parse(source).unwrap()).unwrap()
    }

    #[test]
    fn ranks_run_down_or_across_and_nodes_of_a_rank_do_not_overlap() {
        let down = laid_out("graph TD\nA --> B\nA --> C\nA --> D");
        let (a, b, c, d) = (down.nodes[0], down.nodes[1], down.nodes[2], down.nodes[3]);
        assert!(b.center.y > a.center.y);
        assert_eq!((b.center.y, c.center.y), (d.center.y, d.center.y));
        for (left, right) in [(b, c), (c, d)] {
            let gap = right.center.x - left.center.x - (left.width + right.width) / 2.0;
            assert!(gap >= NODE_GAP - 0.01, "{gap}");
        }
        // The parent sits over the middle of its children.
        assert!((a.center.x - c.center.x).abs() < 0.01);
        let across = laid_out("graph LR\nA --> B");
        assert!(across.nodes[1].center.x > across.nodes[0].center.x);
        assert_eq!(across.nodes[0].center.y, across.nodes[1].center.y);
        let up = laid_out("graph BT\nA --> B");
        assert!(up.nodes[1].center.y < up.nodes[0].center.y);
    }

    #[test]
    fn everything_is_inside_the_drawing() {
        let chart = laid_out("graph RL\nA[a long label here] --> B --> C\nA --> C\nC -.-> A");
        for node in &chart.nodes {
            assert!(node.center.x - node.width / 2.0 >= MARGIN - 0.01);
            assert!(node.center.x + node.width / 2.0 <= chart.width - MARGIN + 0.01);
            assert!(node.center.y + node.height / 2.0 <= chart.height - MARGIN + 0.01);
        }
        for route in &chart.routes {
            for p in &route.points {
                assert!(p.x >= 0.0 && p.x <= chart.width && p.y >= 0.0 && p.y <= chart.height);
            }
        }
    }
}
