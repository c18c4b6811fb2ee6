//! Where a sequence diagram's parts go: a column for each participant, far enough
//! apart for the messages and notes between them, and a row for each step.

use super::model::{Placement, Sequence, Step};
use crate::diagram::text::{self, LINE_HEIGHT};

/// Room around the drawing.
pub(super) const MARGIN: f64 = 8.0;
/// The height of a participant's box.
pub(super) const BOX_HEIGHT: f64 = 36.0;
/// Room inside a box or note around its text.
pub(super) const PADDING: f64 = 12.0;
/// The least room between two participants' boxes.
const BOX_GAP: f64 = 30.0;
/// How far a message to oneself reaches right of the lifeline.
pub(super) const SELF_REACH: f64 = 30.0;
/// The height of a message's row (its text over its line).
pub(super) const MESSAGE_ROW: f64 = 40.0;
/// The height of a message to oneself (its text over its loop).
pub(super) const SELF_ROW: f64 = 58.0;
/// The height of a note.
pub(super) const NOTE_HEIGHT: f64 = LINE_HEIGHT + 12.0;
/// The room around a note.
pub(super) const NOTE_ROW: f64 = NOTE_HEIGHT + 12.0;

/// A sequence diagram laid out: each participant's column and box width, the top of
/// each step's row, and the size of the whole.
#[derive(Debug, Clone)]
pub(super) struct Layout {
    pub columns: Vec<f64>,
    pub box_widths: Vec<f64>,
    pub rows: Vec<f64>,
    /// Where the lifelines end and the boxes at the bottom start.
    pub bottom: f64,
    pub width: f64,
    pub height: f64,
}

/// The width of a note with `text`.
pub(super) fn note_width(text: &str, placement: Placement) -> f64 {
    let least = match placement {
        Placement::Over(..) => 80.0,
        _ => 40.0,
    };
    (text::width(text) + 2.0 * PADDING).max(least)
}

/// Lays out `sequence`.
pub(super) fn layout(sequence: &Sequence) -> Layout {
    let box_widths: Vec<f64> = sequence
        .participants
        .iter()
        .map(|p| (text::width(&p.label) + 2.0 * PADDING).max(60.0))
        .collect();
    let n = box_widths.len();
    // The least distance between each column and the next.
    let mut apart: Vec<f64> = (1..n)
        .map(|i| (box_widths[i - 1] + box_widths[i]) / 2.0 + BOX_GAP)
        .collect();
    // Room a step needs left of the first column and right of the last.
    let (mut left, mut right) = (box_widths[0] / 2.0, box_widths[n - 1] / 2.0);
    for step in &sequence.steps {
        match step {
            Step::Message { from, to, text, .. } if from == to => {
                let need = text::width(text) + SELF_REACH + 16.0;
                if *from + 1 < n {
                    apart[*from] = apart[*from].max(need);
                } else {
                    right = right.max(need);
                }
            }
            Step::Message { from, to, text, .. } => {
                let (a, b) = (*from.min(to), *from.max(to));
                let need = text::width(text) + 24.0;
                let have: f64 = apart[a..b].iter().sum();
                if have < need {
                    // Widen the last gap of the span.
                    apart[b - 1] += need - have;
                }
            }
            Step::Note { placement, text } => {
                let width = note_width(text, *placement);
                match *placement {
                    Placement::LeftOf(0) => left = left.max(width + 10.0),
                    Placement::LeftOf(p) => apart[p - 1] = apart[p - 1].max(width + 20.0),
                    Placement::RightOf(p) if p + 1 == n => right = right.max(width + 10.0),
                    Placement::RightOf(p) => apart[p] = apart[p].max(width + 20.0),
                    Placement::Over(a, b) => {
                        let have: f64 = apart[a..b].iter().sum();
                        let overhang = ((width - have) / 2.0).max(0.0);
                        if a == 0 {
                            left = left.max(overhang);
                        }
                        if b + 1 == n {
                            right = right.max(overhang);
                        }
                    }
                }
            }
        }
    }
    let mut columns = vec![MARGIN + left];
    for gap in &apart {
        let last = columns[columns.len() - 1];
        columns.push(last + gap);
    }
    let mut rows = Vec::with_capacity(sequence.steps.len());
    let mut y = MARGIN + BOX_HEIGHT + 10.0;
    for step in &sequence.steps {
        rows.push(y);
        y += match step {
            Step::Message { from, to, .. } if from == to => SELF_ROW,
            Step::Message { .. } => MESSAGE_ROW,
            Step::Note { .. } => NOTE_ROW,
        };
    }
    let bottom = y + 6.0;
    Layout {
        width: columns[n - 1] + right + MARGIN,
        height: bottom + BOX_HEIGHT + MARGIN,
        columns,
        box_widths,
        rows,
        bottom,
    }
}
