//! A laid-out sequence diagram drawn as SVG, and told in words.

use super::layout::{BOX_HEIGHT, Layout, MARGIN, NOTE_HEIGHT, SELF_REACH, SELF_ROW, note_width};
use super::model::{Placement, Sequence, Step};
use crate::diagram::svg::{Canvas, Point, Stroke};
use crate::diagram::text::LINE_HEIGHT;

/// The SVG elements of `sequence` laid out as `layout`: lifelines, boxes at top and
/// bottom, then each step.
pub(super) fn draw(sequence: &Sequence, layout: &Layout) -> String {
    let mut canvas = Canvas::default();
    let top = MARGIN + BOX_HEIGHT;
    for (participant, (&x, &width)) in sequence
        .participants
        .iter()
        .zip(layout.columns.iter().zip(&layout.box_widths))
    {
        canvas.line(
            &[
                Point { x, y: top },
                Point {
                    x,
                    y: layout.bottom,
                },
            ],
            Stroke::Solid,
            false,
        );
        for y in [MARGIN, layout.bottom] {
            canvas.rect(x - width / 2.0, y, width, BOX_HEIGHT, 3.0);
            canvas.text(
                Point {
                    x,
                    y: y + BOX_HEIGHT / 2.0,
                },
                &participant.label,
            );
        }
    }
    for (step, &y) in sequence.steps.iter().zip(&layout.rows) {
        match step {
            Step::Message {
                from,
                to,
                text,
                dotted,
                arrow,
            } => {
                let stroke = if *dotted {
                    Stroke::Dotted
                } else {
                    Stroke::Solid
                };
                let (x1, x2) = (layout.columns[*from], layout.columns[*to]);
                let line_y = y + LINE_HEIGHT + 10.0;
                if from == to {
                    let loop_end = y + SELF_ROW - 10.0;
                    canvas.line(
                        &[
                            Point { x: x1, y: line_y },
                            Point {
                                x: x1 + SELF_REACH,
                                y: line_y,
                            },
                            Point {
                                x: x1 + SELF_REACH,
                                y: loop_end,
                            },
                            Point { x: x1, y: loop_end },
                        ],
                        stroke,
                        *arrow,
                    );
                    let width = crate::diagram::text::width(text);
                    canvas.label(
                        Point {
                            x: x1 + 8.0 + width / 2.0,
                            y: y + LINE_HEIGHT / 2.0 + 2.0,
                        },
                        text,
                    );
                } else {
                    canvas.line(
                        &[Point { x: x1, y: line_y }, Point { x: x2, y: line_y }],
                        stroke,
                        *arrow,
                    );
                    canvas.label(
                        Point {
                            x: (x1 + x2) / 2.0,
                            y: y + LINE_HEIGHT / 2.0 + 2.0,
                        },
                        text,
                    );
                }
            }
            Step::Note { placement, text } => {
                let width = note_width(text, *placement);
                let left = match *placement {
                    Placement::LeftOf(p) => layout.columns[p] - 10.0 - width,
                    Placement::RightOf(p) => layout.columns[p] + 10.0,
                    Placement::Over(a, b) => {
                        (layout.columns[a] + layout.columns[b]) / 2.0 - width / 2.0
                    }
                };
                let top = y + 6.0;
                canvas.note(left, top, width, NOTE_HEIGHT);
                canvas.text(
                    Point {
                        x: left + width / 2.0,
                        y: top + NOTE_HEIGHT / 2.0,
                    },
                    text,
                );
            }
        }
    }
    canvas.into_body()
}

/// `sequence` in words, for screen readers: its participants, then each step.
pub(super) fn describe(sequence: &Sequence) -> String {
    let names: Vec<&str> = sequence
        .participants
        .iter()
        .map(|p| p.label.as_str())
        .collect();
    let mut out = format!("Sequence diagram between {}.", names.join(", "));
    for step in &sequence.steps {
        match step {
            Step::Message { from, to, text, .. } => {
                let said = if text.is_empty() {
                    String::new()
                } else {
                    format!(": {text}")
                };
                out.push_str(&format!(" {} to {}{said}.", names[*from], names[*to]));
            }
            Step::Note { placement, text } => {
                let about = match *placement {
                    Placement::LeftOf(p) | Placement::RightOf(p) => names[p].to_string(),
                    Placement::Over(a, b) if a == b => names[a].to_string(),
                    Placement::Over(a, b) => format!("{} and {}", names[a], names[b]),
                };
                out.push_str(&format!(" Note on {about}: {text}."));
            }
        }
    }
    out
}
