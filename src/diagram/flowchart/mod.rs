//! Flowcharts (`graph TD`, `flowchart LR`…): parsed, laid out in ranks, drawn.

mod draw;
mod layout;
mod model;
mod parse;
mod rank;
mod route;

use super::Drawing;
use super::error::DiagramError;

/// Draws the flowchart `source`.
pub fn render(source: &str) -> Result<Drawing, DiagramError> {
    let chart = parse::parse(source)?;
    if chart.nodes.is_empty() {
        return Err(DiagramError::at(0..0, "the flowchart has no nodes"));
    }
    let layout = layout::layout(&chart)?;
    Ok(Drawing {
        kind: "Flowchart",
        width: layout.width,
        height: layout.height,
        body: draw::draw(&chart, &layout),
        description: draw::describe(&chart),
    })
}
