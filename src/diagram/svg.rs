//! The SVG a diagram is drawn with: shapes whose colours are the theme's CSS variables
//! (`currentColor` for lines and text, `--surface`/`--bg` for fills), so a diagram
//! follows the page into light and dark.

use super::text::{FONT_SIZE, LINE_HEIGHT, num};
use crate::html::escape;

/// The fill of a box: the theme's surface colour.
const BOX_FILL: &str = "fill:var(--surface,#f5f6f8)";
/// The fill behind a label on a line: the page's background.
const LABEL_FILL: &str = "fill:var(--bg,#fff)";
/// The fill of a note: the accent colour, faint.
const NOTE_FILL: &str = "fill:var(--surface,#f5f6f8);stroke-dasharray:4 3";

/// A point, in pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Point {
    pub x: f64,
    pub y: f64,
}

/// How a line is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stroke {
    Solid,
    Dotted,
    Thick,
}

impl Stroke {
    fn attributes(self) -> &'static str {
        match self {
            Stroke::Solid => "stroke-width=\"1.5\"",
            Stroke::Dotted => "stroke-width=\"1.5\" stroke-dasharray=\"3 4\"",
            Stroke::Thick => "stroke-width=\"3\"",
        }
    }
}

/// The SVG elements of a diagram, written in order.
#[derive(Debug, Default)]
pub(super) struct Canvas {
    body: String,
}

impl Canvas {
    /// A rectangle, with rounded corners of `radius`.
    pub(super) fn rect(&mut self, x: f64, y: f64, width: f64, height: f64, radius: f64) {
        self.body.push_str(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" stroke=\"currentColor\" stroke-width=\"1.5\" style=\"{BOX_FILL}\"/>\n",
            num(x), num(y), num(width), num(height), num(radius)
        ));
    }

    /// A note: a rectangle with a dashed border.
    pub(super) fn note(&mut self, x: f64, y: f64, width: f64, height: f64) {
        self.body.push_str(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" stroke=\"currentColor\" stroke-width=\"1\" style=\"{NOTE_FILL}\"/>\n",
            num(x), num(y), num(width), num(height)
        ));
    }

    /// A closed polygon through `points` (a diamond).
    pub(super) fn polygon(&mut self, points: &[Point]) {
        self.body.push_str(&format!(
            "<polygon points=\"{}\" stroke=\"currentColor\" stroke-width=\"1.5\" style=\"{BOX_FILL}\"/>\n",
            point_list(points)
        ));
    }

    /// A line through `points`, drawn as `stroke`, with an arrowhead at its end if
    /// `arrow` (the line stops at the arrowhead's base, so a thick line does not show
    /// past its tip).
    pub(super) fn line(&mut self, points: &[Point], stroke: Stroke, arrow: bool) {
        let mut points = points.to_vec();
        let head = match (arrow, points.as_slice()) {
            (true, [.., from, to]) => Some(arrowhead(*from, *to)),
            _ => None,
        };
        if let (Some(head), Some(last)) = (&head, points.last_mut()) {
            *last = head[3];
        }
        self.body.push_str(&format!(
            "<polyline points=\"{}\" fill=\"none\" stroke=\"currentColor\" {}/>\n",
            point_list(&points),
            stroke.attributes()
        ));
        if let Some(head) = head {
            self.body.push_str(&format!(
                "<polygon points=\"{}\" fill=\"currentColor\"/>\n",
                point_list(&head[..3])
            ));
        }
    }

    /// `text` centred on `at`.
    pub(super) fn text(&mut self, at: Point, text: &str) {
        self.body.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" dominant-baseline=\"central\" fill=\"currentColor\">{}</text>\n",
            num(at.x),
            num(at.y),
            escape(text)
        ));
    }

    /// The `lines` of a label, centred on `at` one under the other.
    pub(super) fn text_lines(&mut self, at: Point, lines: &[&str]) {
        let first = at.y - (lines.len() as f64 - 1.0) * LINE_HEIGHT / 2.0;
        for (i, line) in lines.iter().enumerate() {
            let y = first + i as f64 * LINE_HEIGHT;
            self.text(Point { x: at.x, y }, line);
        }
    }

    /// `text` centred on `at`, on a patch of the page's background so a line under it
    /// does not cross it. It breaks into lines at each `<br>`, as a node's text does.
    pub(super) fn label(&mut self, at: Point, text: &str) {
        let lines = super::text::lines(text);
        let width = super::text::block_width(&lines) + 6.0;
        let height = (lines.len() as f64 - 1.0) * LINE_HEIGHT + FONT_SIZE + 6.0;
        self.body.push_str(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" style=\"{LABEL_FILL}\"/>\n",
            num(at.x - width / 2.0),
            num(at.y - height / 2.0),
            num(width),
            num(height)
        ));
        self.text_lines(at, &lines);
    }

    /// The elements drawn so far.
    pub(super) fn into_body(self) -> String {
        self.body
    }
}

/// An arrowhead at `to` pointing away from `from`: its tip, its two back corners, and
/// the middle of its base.
fn arrowhead(from: Point, to: Point) -> [Point; 4] {
    let (dx, dy) = (to.x - from.x, to.y - from.y);
    let length = (dx * dx + dy * dy).sqrt().max(f64::EPSILON);
    let (ux, uy) = (dx / length, dy / length);
    let (size, half) = (9.0, 4.5);
    let back = Point {
        x: to.x - ux * size,
        y: to.y - uy * size,
    };
    let left = Point {
        x: back.x - uy * half,
        y: back.y + ux * half,
    };
    let right = Point {
        x: back.x + uy * half,
        y: back.y - ux * half,
    };
    [to, left, right, back]
}

/// `points` as an SVG points list.
fn point_list(points: &[Point]) -> String {
    points
        .iter()
        .map(|p| format!("{},{}", num(p.x), num(p.y)))
        .collect::<Vec<_>>()
        .join(" ")
}
