//! Flowcharts (`graph TD`, `flowchart LR`…): parsed, laid out in ranks, drawn.

mod draw;
mod layout;
mod model;
mod parse;
mod rank;
mod route;

use super::Drawing;
use super::error::DiagramError;
pub(super) use model::{Direction, Edge, Flowchart, Node, Shape};

/// Draws the flowchart `source`.
pub(super) fn render(source: &str) -> Result<Drawing, DiagramError> {
    draw_chart(&parse::parse(source)?)
}

/// Draws `chart`, read from a source or made by pillar.
pub(super) fn draw_chart(chart: &Flowchart) -> Result<Drawing, DiagramError> {
    if chart.nodes.is_empty() {
        return Err(DiagramError::at(0..0, "the flowchart has no nodes"));
    }
    let layout = layout::layout(chart)?;
    Ok(Drawing {
        kind: "Flowchart",
        width: layout.width,
        height: layout.height,
        body: draw::draw(chart, &layout),
        description: draw::describe(chart),
    })
}
