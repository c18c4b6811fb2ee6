//! A flowchart as its source says it: nodes with shapes and labels, and links.

use crate::diagram::svg::Stroke;

/// Which way the ranks of a flowchart run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Direction {
    /// `TD` or `TB`: top to bottom.
    Down,
    /// `BT`: bottom to top.
    Up,
    /// `LR`: left to right.
    Right,
    /// `RL`: right to left.
    Left,
}

impl Direction {
    /// Do ranks run across the page (left to right, or right to left)?
    pub(crate) fn is_horizontal(self) -> bool {
        matches!(self, Direction::Right | Direction::Left)
    }
}

/// The outline of a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// `id[text]`, and a node written with its id alone.
    Box,
    /// `id(text)`: rounded corners.
    Round,
    /// `id{text}`: a decision.
    Diamond,
    /// Words with no outline, sized like a box: an answer on the way from a question in
    /// a tree pillar draws itself (no Mermaid syntax makes it).
    Text,
}

/// A node: its id, the text in it and its shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Node {
    pub id: String,
    pub label: String,
    pub shape: Shape,
}

/// A link from one node to another (indices into the nodes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Edge {
    pub from: usize,
    pub to: usize,
    pub label: Option<String>,
    pub stroke: Stroke,
    /// Does it end in an arrowhead (`-->`), or is it a plain line (`---`)?
    pub arrow: bool,
}

/// A flowchart: nodes in the order they first appear, and links in source order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Flowchart {
    pub direction: Direction,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}
