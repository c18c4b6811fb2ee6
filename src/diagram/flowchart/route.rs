//! Where a link meets the nodes it joins: on their outlines, not at their centres.

use super::layout::Placed;
use super::model::Shape;
use crate::diagram::svg::Point;

/// `points` (centre to centre) with the first and last moved to the outlines of the
/// nodes they start and end in.
pub(super) fn clip(
    mut points: Vec<Point>,
    from: (&Placed, Shape),
    to: (&Placed, Shape),
) -> Vec<Point> {
    let n = points.len();
    if n < 2 {
        return points;
    }
    points[0] = on_outline(from.0, from.1, points[1]);
    points[n - 1] = on_outline(to.0, to.1, points[n - 2]);
    points
}

/// Where the line from the centre of `node` towards `toward` leaves its outline.
fn on_outline(node: &Placed, shape: Shape, toward: Point) -> Point {
    let c = node.center;
    let (dx, dy) = (toward.x - c.x, toward.y - c.y);
    let (hw, hh) = (node.width / 2.0, node.height / 2.0);
    let t = match shape {
        Shape::Diamond => 1.0 / (dx.abs() / hw + dy.abs() / hh),
        Shape::Box | Shape::Round | Shape::Text => (hw / dx.abs()).min(hh / dy.abs()),
    };
    if !t.is_finite() {
        return c;
    }
    Point {
        x: c.x + t * dx,
        y: c.y + t * dy,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(x: f64, y: f64) -> Placed {
        Placed {
            center: Point { x, y },
            width: 40.0,
            height: 20.0,
        }
    }

    #[test]
    fn a_line_starts_and_ends_on_the_outlines() {
        let points = vec![Point { x: 0.0, y: 0.0 }, Point { x: 0.0, y: 100.0 }];
        let clipped = clip(
            points,
            (&node(0.0, 0.0), Shape::Box),
            (&node(0.0, 100.0), Shape::Diamond),
        );
        assert_eq!(
            clipped,
            [Point { x: 0.0, y: 10.0 }, Point { x: 0.0, y: 90.0 }]
        );
        let side = on_outline(&node(0.0, 0.0), Shape::Diamond, Point { x: 100.0, y: 0.0 });
        assert_eq!(side, Point { x: 20.0, y: 0.0 });
    }
}
