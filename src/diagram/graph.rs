//! Graphs that pillar makes itself (a decision filter's tree), drawn with the
//! flowchart's layout and shapes: no Mermaid source, no source shown beside them.
//! Words between two boxes are a node of their own rather than a label on the line,
//! so the layout keeps them apart however long they are.

use super::error::DiagramError;
use super::flowchart::{self, Direction, Edge, Flowchart, Node, Shape};
use super::svg::Stroke;
use super::text::num;
use crate::html::escape;

/// A graph to draw: boxes with labels, and labelled arrows between them.
#[derive(Debug, Clone, Default)]
pub(crate) struct Graph {
    /// The boxes: their text (lines joined with `<br>`) and their kind.
    pub nodes: Vec<(String, Kind)>,
    /// The links: from, to (indices into `nodes`), and whether the line ends in an
    /// arrowhead.
    pub links: Vec<(usize, usize, bool)>,
}

/// How a box of a [`Graph`] is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A square box: a step.
    Step,
    /// Words with no outline: what leads from one step to the next.
    Words,
    /// A rounded box: an end point.
    End,
}

/// `graph` drawn left to right as an `<svg role="img">` named by `title` (its ids start
/// with `id`). The picture's words are left to the HTML beside it (a list of the same
/// graph), so the SVG carries only its title. It keeps its natural size (14 px words)
/// rather than shrinking to the column: the caller puts it where it can scroll.
pub(crate) fn draw(graph: &Graph, id: &str, title: &str) -> Result<String, DiagramError> {
    let chart = Flowchart {
        direction: Direction::Right,
        nodes: graph
            .nodes
            .iter()
            .enumerate()
            .map(|(i, (label, kind))| Node {
                id: format!("n{i}"),
                label: label.clone(),
                shape: match kind {
                    Kind::Step => Shape::Box,
                    Kind::Words => Shape::Text,
                    Kind::End => Shape::Round,
                },
            })
            .collect(),
        edges: graph
            .links
            .iter()
            .map(|&(from, to, arrow)| Edge {
                from,
                to,
                label: None,
                stroke: Stroke::Solid,
                arrow,
            })
            .collect(),
    };
    let drawing = flowchart::draw_chart(&chart)?;
    let (width, height) = (num(drawing.width.ceil()), num(drawing.height.ceil()));
    Ok(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"{id}-title\" \
         width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" \
         style=\"max-width:none;font-family:var(--font,sans-serif);font-size:14px\">\n\
         <title id=\"{id}-title\">{}</title>\n{}</svg>\n",
        escape(title),
        drawing.body,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_graph_is_an_svg_named_by_its_title() {
        let graph = Graph {
            nodes: vec![
                ("Size?".into(), Kind::Step),
                ("under 5".into(), Kind::Words),
                ("Small<br>and cheap".into(), Kind::End),
            ],
            links: vec![(0, 1, false), (1, 2, true)],
        };
        let svg = draw(&graph, "tree-1", "The tree").unwrap();
        assert!(svg.starts_with("<svg xmlns"));
        assert!(svg.contains("aria-labelledby=\"tree-1-title\""));
        assert!(svg.contains("<title id=\"tree-1-title\">The tree</title>"));
        assert!(svg.contains(">Small</text>") && svg.contains(">and cheap</text>"));
        assert!(svg.contains(">under 5</text>"));
        // At its natural size, whatever the theme says of `svg { max-width }`.
        assert!(svg.contains("style=\"max-width:none;"));
    }
}
