//! Reads a flowchart: `graph TD` (or `flowchart`, with `TB`, `BT`, `LR`, `RL`), then
//! statements of nodes joined by links.
//!
//! Nodes: `id`, `id[box]`, `id(round)`, `id{decision}`; a label may be quoted
//! (`id["a [b]"]`). Links: `-->`, `---`, `-.->`, `-.-`, `==>`, `===` (longer runs
//! too), labelled as `-->|text|` or `-- text -->`. Anything else is an error naming
//! the token.

use std::collections::HashMap;

use super::model::{Direction, Edge, Flowchart, Node, Shape};
use crate::diagram::error::DiagramError;
use crate::diagram::lines::{Statement, statements};
use crate::diagram::svg::Stroke;

/// Statements Mermaid knows that pillar does not draw.
const UNSUPPORTED: &[&str] = &[
    "subgraph",
    "end",
    "classDef",
    "class",
    "style",
    "linkStyle",
    "click",
    "direction",
    "accTitle",
    "accDescr",
];

/// Parses the flowchart `source`, whose first statement is its header.
pub(super) fn parse(source: &str) -> Result<Flowchart, DiagramError> {
    let statements = statements(source, true);
    let Some((header, body)) = statements.split_first() else {
        return Err(DiagramError::at(0..0, "the diagram is empty"));
    };
    let mut chart = Flowchart {
        direction: direction(header)?,
        nodes: Vec::new(),
        edges: Vec::new(),
    };
    let mut ids = HashMap::new();
    for statement in body {
        Reader {
            statement,
            rest: statement.text,
            chart: &mut chart,
            ids: &mut ids,
        }
        .statement()?;
    }
    Ok(chart)
}

/// The direction the header (`graph TD`) gives; `TD` if it gives none.
fn direction(header: &Statement) -> Result<Direction, DiagramError> {
    let mut words = header.text.split_whitespace();
    words.next();
    let Some(word) = words.next() else {
        return Ok(Direction::Down);
    };
    let direction = match word {
        "TD" | "TB" => Direction::Down,
        "BT" => Direction::Up,
        "LR" => Direction::Right,
        "RL" => Direction::Left,
        _ => {
            return Err(DiagramError::at(
                header.range_of(word),
                format!("unknown direction `{word}`: write TD, TB, BT, LR or RL"),
            ));
        }
    };
    match words.next() {
        Some(extra) => Err(DiagramError::at(
            header.range_of(extra),
            format!("unexpected `{extra}` after the direction"),
        )),
        None => Ok(direction),
    }
}

/// Reads one statement into the chart.
struct Reader<'a, 's> {
    statement: &'a Statement<'s>,
    /// What of the statement is left to read.
    rest: &'s str,
    chart: &'a mut Flowchart,
    ids: &'a mut HashMap<String, usize>,
}

impl<'s> Reader<'_, 's> {
    fn statement(&mut self) -> Result<(), DiagramError> {
        let first = self.rest.split_whitespace().next().unwrap_or_default();
        if let Some(keyword) = UNSUPPORTED.iter().find(|k| **k == first) {
            return Err(self.error(
                first,
                format!("`{keyword}` is not supported: pillar draws nodes and links only"),
            ));
        }
        let mut from = self.node()?;
        loop {
            self.skip_space();
            if self.rest.is_empty() {
                return Ok(());
            }
            let (stroke, arrow, label) = self.link()?;
            self.skip_space();
            let to = self.node()?;
            if to == from {
                let id = &self.chart.nodes[from].id;
                return Err(DiagramError::at(
                    self.statement.range(),
                    format!("a link from `{id}` to itself is not supported"),
                ));
            }
            self.chart.edges.push(Edge {
                from,
                to,
                label,
                stroke,
                arrow,
            });
            from = to;
        }
    }

    /// Reads a node (`id`, `id[text]`, `id(text)`, `id{text}`): its index.
    fn node(&mut self) -> Result<usize, DiagramError> {
        let end = self
            .rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(self.rest.len());
        let id = &self.rest[..end];
        if self.rest.is_empty() {
            return Err(self.error(self.rest, "expected a node id at the end of the line"));
        }
        if id.is_empty() {
            let token = self.token();
            return Err(self.error(token, format!("expected a node id, found `{token}`")));
        }
        self.rest = &self.rest[end..];
        let shape = match self.rest.chars().next() {
            Some('[') => Some((Shape::Box, ']')),
            Some('(') => Some((Shape::Round, ')')),
            Some('{') => Some((Shape::Diamond, '}')),
            _ => None,
        };
        let given = match shape {
            Some((shape, close)) => Some((shape, self.label(close)?)),
            None => None,
        };
        let index = match self.ids.get(id) {
            Some(&index) => index,
            None => {
                self.chart.nodes.push(Node {
                    id: id.to_string(),
                    label: id.to_string(),
                    shape: Shape::Box,
                });
                self.ids.insert(id.to_string(), self.chart.nodes.len() - 1);
                self.chart.nodes.len() - 1
            }
        };
        if let Some((shape, label)) = given {
            let node = &mut self.chart.nodes[index];
            node.shape = shape;
            node.label = label;
        }
        Ok(index)
    }

    /// Reads a node's label from its opening bracket to `close`.
    fn label(&mut self, close: char) -> Result<String, DiagramError> {
        let open = &self.rest[..1];
        let inner = &self.rest[1..];
        if inner.starts_with(['[', '(', '{', '>', '/', '\\']) {
            let shape = &self.rest[..2];
            return Err(self.error(
                shape,
                format!("the shape `{shape}` is not supported: use [box], (round) or {{decision}}"),
            ));
        }
        let (label, after) = if let Some(quoted) = inner.strip_prefix('"') {
            let Some(end) = quoted.find('"') else {
                return Err(self.error(open, "the quoted label is not closed with `\"`"));
            };
            let after = &quoted[end + 1..];
            if !after.starts_with(close) {
                return Err(self.error(open, format!("the label is not closed with `{close}`")));
            }
            (&quoted[..end], &after[1..])
        } else {
            let Some(end) = inner.find(close) else {
                return Err(self.error(open, format!("the label is not closed with `{close}`")));
            };
            (&inner[..end], &inner[end + 1..])
        };
        self.rest = after;
        let label = label.trim();
        if label.is_empty() {
            return Err(self.error(open, "the node's label is empty"));
        }
        Ok(label.to_string())
    }

    /// Reads a link (`-->`, `-- text -->`, `-->|text|`…): its stroke, whether it has an
    /// arrowhead, and its label.
    fn link(&mut self) -> Result<(Stroke, bool, Option<String>), DiagramError> {
        let start = self.rest;
        if start.starts_with('<') || start.starts_with('&') {
            let token = self.token();
            let hint = if token.starts_with('&') {
                "write one link per pair of nodes"
            } else {
                "links go one way: write `-->`"
            };
            return Err(self.error(token, format!("`{token}` is not supported: {hint}")));
        }
        let run_end = start
            .find(|c: char| !matches!(c, '-' | '.' | '='))
            .unwrap_or(start.len());
        let run = &start[..run_end];
        let stroke = match run {
            _ if run.len() >= 2 && run.chars().all(|c| c == '-') => Stroke::Solid,
            _ if run.len() >= 2 && run.chars().all(|c| c == '=') => Stroke::Thick,
            _ if run.starts_with("-.") && run.trim_end_matches('-').ends_with('.') => {
                Stroke::Dotted
            }
            _ => {
                let token = self.token();
                return Err(self.error(
                    token,
                    format!("expected a link like `-->`, found `{token}`"),
                ));
            }
        };
        self.rest = &start[run_end..];
        if let Some(head) = self.rest.chars().next().filter(|c| matches!(c, 'x' | 'o')) {
            let after = &self.rest[1..];
            if after.is_empty() || after.starts_with(char::is_whitespace) {
                let token = &start[..run_end + 1];
                return Err(self.error(
                    token,
                    format!("the arrowhead `{head}` of `{token}` is not supported: write `-->`"),
                ));
            }
        }
        let opening = matches!(run, "--" | "==" | "-.");
        if opening && !self.rest.starts_with('>') {
            return self.link_with_text(run, stroke);
        }
        let arrow = self.rest.starts_with('>');
        if arrow {
            self.rest = &self.rest[1..];
        }
        Ok((stroke, arrow, self.pipe_label()?))
    }

    /// Reads the rest of a link whose text stands inside it (`-- text -->`), after its
    /// opening `run`.
    fn link_with_text(
        &mut self,
        run: &'s str,
        stroke: Stroke,
    ) -> Result<(Stroke, bool, Option<String>), DiagramError> {
        let (closing, marks, example): (&str, &[char], &str) = match stroke {
            Stroke::Solid => ("--", &['-'], "-->"),
            Stroke::Thick => ("==", &['='], "==>"),
            Stroke::Dotted => (".-", &['.', '-'], ".->"),
        };
        let Some(at) = self.rest.find(closing) else {
            return Err(self.error(
                run,
                format!("the link's text is not closed: end it with `{example}`"),
            ));
        };
        let text = self.rest[..at].trim();
        // The closing run, which may be longer (`---->`), then its arrowhead if any.
        let after = self.rest[at..].trim_start_matches(marks);
        let arrow = after.starts_with('>');
        self.rest = after.strip_prefix('>').unwrap_or(after);
        Ok((stroke, arrow, (!text.is_empty()).then(|| text.to_string())))
    }

    /// Reads a `|text|` label after a link, if there is one.
    fn pipe_label(&mut self) -> Result<Option<String>, DiagramError> {
        let rest = self.rest.trim_start();
        let Some(inner) = rest.strip_prefix('|') else {
            return Ok(None);
        };
        let Some(end) = inner.find('|') else {
            return Err(self.error(&rest[..1], "the link's label is not closed with `|`"));
        };
        let text = inner[..end].trim().trim_matches('"').trim();
        self.rest = &inner[end + 1..];
        Ok((!text.is_empty()).then(|| text.to_string()))
    }

    fn skip_space(&mut self) {
        self.rest = self.rest.trim_start();
    }

    /// The token at the reading position: up to the next space.
    fn token(&self) -> &'s str {
        let end = self
            .rest
            .find(char::is_whitespace)
            .unwrap_or(self.rest.len());
        let end = end.max(self.rest.chars().next().map_or(0, char::len_utf8));
        &self.rest[..end]
    }

    fn error(&self, token: &str, message: impl Into<String>) -> DiagramError {
        DiagramError::at(self.statement.range_of(token), message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edges(source: &str) -> Vec<(String, String, Option<String>, Stroke, bool)> {
        let chart = parse(source).unwrap();
        chart
            .edges
            .iter()
            .map(|e| {
                (
                    chart.nodes[e.from].id.clone(),
                    chart.nodes[e.to].id.clone(),
                    e.label.clone(),
                    e.stroke,
                    e.arrow,
                )
            })
            .collect()
    }

    fn error(source: &str) -> (String, &str) {
        let error = parse(source).unwrap_err();
        (error.message, &source[error.range])
    }

    #[test]
    fn nodes_take_their_shape_and_label_where_given() {
        let chart = parse("graph LR\nA[Start] --> B{Ok?}\nB --> C(\"Done [x]\")\nC --> A").unwrap();
        assert_eq!(chart.direction, Direction::Right);
        let nodes: Vec<_> = chart
            .nodes
            .iter()
            .map(|n| (n.id.as_str(), n.label.as_str(), n.shape))
            .collect();
        assert_eq!(
            nodes,
            [
                ("A", "Start", Shape::Box),
                ("B", "Ok?", Shape::Diamond),
                ("C", "Done [x]", Shape::Round)
            ]
        );
    }

    #[test]
    fn links_of_every_kind_and_their_labels() {
        let found = edges(
            "flowchart TD\nA --> B\nB --- C\nC -.-> D\nD ==> E\nE -->|yes| F\nF -- no way --> G\nG -. maybe .-> H\nH ----> I; I == big ==> J",
        );
        let s = |t: &str| Some(t.to_string());
        use Stroke::*;
        let short: Vec<_> = found
            .into_iter()
            .map(|(a, b, l, st, ar)| (a + &b, l, st, ar))
            .collect();
        assert_eq!(
            short,
            [
                ("AB".into(), None, Solid, true),
                ("BC".into(), None, Solid, false),
                ("CD".into(), None, Dotted, true),
                ("DE".into(), None, Thick, true),
                ("EF".into(), s("yes"), Solid, true),
                ("FG".into(), s("no way"), Solid, true),
                ("GH".into(), s("maybe"), Dotted, true),
                ("HI".into(), None, Solid, true),
                ("IJ".into(), s("big"), Thick, true),
            ]
        );
    }

    #[test]
    fn chains_link_each_node_to_the_next() {
        let found = edges("graph TD\nA --> B --> C");
        assert_eq!(found.len(), 2);
        assert_eq!((found[1].0.as_str(), found[1].1.as_str()), ("B", "C"));
    }

    #[test]
    fn what_is_not_drawn_is_an_error_at_its_token() {
        assert_eq!(
            error("graph TD\n  subgraph one\n  A --> B\n  end"),
            (
                "`subgraph` is not supported: pillar draws nodes and links only".into(),
                "subgraph"
            )
        );
        assert_eq!(error("graph XY\nA --> B").1, "XY");
        assert_eq!(
            error("graph TD\nA((circle)) --> B").0,
            "the shape `((` is not supported: use [box], (round) or {decision}"
        );
        assert_eq!(error("graph TD\nA --> B & C").1, "&");
        assert_eq!(error("graph TD\nA --x B").1, "--x");
        assert_eq!(error("graph TD\nA[open --> B").1, "[");
        assert_eq!(error("graph TD\nA -- text B").1, "--");
        assert_eq!(error("graph TD\nA ~~> B").1, "~~>");
        assert_eq!(
            error("graph TD\nA --> ").0,
            "expected a node id at the end of the line"
        );
    }
}
