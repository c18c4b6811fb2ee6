//! A laid-out flowchart drawn as SVG, and told in words.

use super::layout::Layout;
use super::model::{Direction, Flowchart, Shape};
use crate::diagram::svg::{Canvas, Point};
use crate::diagram::text;

/// The SVG elements of `chart` laid out as `layout`: links, then nodes over them, then
/// link labels over both.
pub(super) fn draw(chart: &Flowchart, layout: &Layout) -> String {
    let mut canvas = Canvas::default();
    for (edge, route) in chart.edges.iter().zip(&layout.routes) {
        canvas.line(&route.points, edge.stroke, edge.arrow);
    }
    for (node, placed) in chart.nodes.iter().zip(&layout.nodes) {
        let Point { x, y } = placed.center;
        let (hw, hh) = (placed.width / 2.0, placed.height / 2.0);
        match node.shape {
            Shape::Box => canvas.rect(x - hw, y - hh, placed.width, placed.height, 3.0),
            Shape::Round => canvas.rect(x - hw, y - hh, placed.width, placed.height, hh),
            Shape::Text => {}
            Shape::Diamond => canvas.polygon(&[
                Point { x, y: y - hh },
                Point { x: x + hw, y },
                Point { x, y: y + hh },
                Point { x: x - hw, y },
            ]),
        }
        canvas.text_lines(placed.center, &text::lines(&node.label));
    }
    for (edge, route) in chart.edges.iter().zip(&layout.routes) {
        if let (Some(label), Some(at)) = (&edge.label, route.label_at) {
            canvas.label(at, label);
        }
    }
    canvas.into_body()
}

/// `chart` in words, for screen readers: its direction, then each link.
pub(super) fn describe(chart: &Flowchart) -> String {
    let direction = match chart.direction {
        Direction::Down => "top to bottom",
        Direction::Up => "bottom to top",
        Direction::Right => "left to right",
        Direction::Left => "right to left",
    };
    let mut out = format!("Flowchart, {direction}.");
    let spoken = |node: usize| text::lines(&chart.nodes[node].label).join(" ");
    for edge in &chart.edges {
        let (from, to) = (spoken(edge.from), spoken(edge.to));
        let verb = if edge.arrow {
            "leads to"
        } else {
            "is linked to"
        };
        match &edge.label {
            Some(label) => out.push_str(&format!(" {from} {verb} {to} ({label}).")),
            None => out.push_str(&format!(" {from} {verb} {to}.")),
        }
    }
    let linked: Vec<bool> = (0..chart.nodes.len())
        .map(|n| chart.edges.iter().any(|e| e.from == n || e.to == n))
        .collect();
    for (node, linked) in linked.into_iter().enumerate() {
        if !linked {
            out.push_str(&format!(" {}.", spoken(node)));
        }
    }
    out
}
