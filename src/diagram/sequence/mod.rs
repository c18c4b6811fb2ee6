//! Sequence diagrams (`sequenceDiagram`): participants, messages and notes.

mod draw;
mod layout;
mod model;
mod parse;

use super::Drawing;
use super::error::DiagramError;

/// Draws the sequence diagram `source`.
pub(super) fn render(source: &str) -> Result<Drawing, DiagramError> {
    let sequence = parse::parse(source)?;
    if sequence.participants.is_empty() {
        return Err(DiagramError::at(
            0..0,
            "the sequence diagram has no participants",
        ));
    }
    let layout = layout::layout(&sequence);
    Ok(Drawing {
        kind: "Sequence diagram",
        width: layout.width,
        height: layout.height,
        body: draw::draw(&sequence, &layout),
        description: draw::describe(&sequence),
    })
}
