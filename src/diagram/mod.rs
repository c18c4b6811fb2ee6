//! Diagrams: fenced ```` ```mermaid ```` blocks drawn as inline SVG at build time, in
//! Rust, with no browser and no script on the page.
//!
//! pillar draws two of Mermaid's types: flowcharts (`graph`/`flowchart`, with
//! `TD`/`TB`/`BT`/`LR`/`RL`) and sequence diagrams (`sequenceDiagram`). Any other type,
//! and any statement of these two that pillar does not draw, is an error naming the
//! token, so a page never shows a wrong picture. Lines and text are `currentColor` and
//! fills the theme's CSS variables, so a diagram follows light and dark. Layout uses
//! estimated text widths, never the machine's fonts: the same source always gives the
//! same bytes.
//!
//! Every diagram is an `<svg role="img">` labelled by its `<title>` (the author's
//! description, from a first line `%% alt: …`, or the diagram's type) and its `<desc>`
//! (the diagram told in words), followed by its source in a `<details>`.

mod error;
mod flowchart;
pub(crate) mod graph;
mod lines;
mod sequence;
mod svg;
mod text;

pub(crate) use error::DiagramError;

use crate::html::escape;
use text::num;

/// A diagram of the body, rendered.
#[derive(Debug, Clone)]
pub(crate) struct Diagram {
    /// Its HTML: a `<figure>` holding the SVG and the source.
    pub html: String,
}

/// A diagram drawn: its type's name, its size, its SVG elements and itself in words.
#[derive(Debug, Clone)]
struct Drawing {
    kind: &'static str,
    width: f64,
    height: f64,
    body: String,
    description: String,
}

/// The prefix of a first line that gives the diagram's description.
const ALT_PREFIX: &str = "%% alt:";

/// Renders the diagram `source` (a `mermaid` block's text), the `number`th of its page
/// (from 1: its ids are `diagram-{number}-…`).
pub(crate) fn render(source: &str, number: usize) -> Result<Diagram, DiagramError> {
    let Some(header) = lines::statements(source, false).into_iter().next() else {
        return Err(DiagramError::at(0..0, "the diagram is empty"));
    };
    let kind = header
        .text
        .split(|c: char| c.is_whitespace() || c == ';')
        .next()
        .unwrap_or_default();
    let drawing = match kind {
        "graph" | "flowchart" => flowchart::render(source)?,
        "sequenceDiagram" => sequence::render(source)?,
        _ => {
            return Err(DiagramError::at(
                header.range_of(kind),
                format!(
                    "the diagram type `{kind}` is not supported: pillar draws flowcharts \
                     (`graph TD`, `flowchart LR`) and sequence diagrams (`sequenceDiagram`)"
                ),
            ));
        }
    };
    Ok(Diagram {
        html: figure(&drawing, source, number),
    })
}

/// The author's description of the diagram, from its first line (`%% alt: …`).
fn alt_text(source: &str) -> Option<&str> {
    let first = source.lines().find(|line| !line.trim().is_empty())?;
    let alt = first.trim().strip_prefix(ALT_PREFIX)?.trim();
    (!alt.is_empty()).then_some(alt)
}

/// The HTML of a drawn diagram: the SVG, labelled, then its source.
fn figure(drawing: &Drawing, source: &str, number: usize) -> String {
    let id = format!("diagram-{number}");
    let (width, height) = (num(drawing.width.ceil()), num(drawing.height.ceil()));
    let title = alt_text(source).unwrap_or(drawing.kind);
    format!(
        "<figure class=\"diagram\" style=\"margin:1.5rem 0\">\n\
         <svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" \
         width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" \
         style=\"max-width:100%;height:auto;font-family:var(--font,sans-serif);font-size:14px\">\n\
         <title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n{}</svg>\n\
         <details class=\"diagram-source\"><summary>Diagram source</summary>\n\
         <pre><code>{}</code></pre></details>\n</figure>\n",
        escape(title),
        escape(&drawing.description),
        drawing.body,
        escape(source.trim_end()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_diagram_is_labelled_svg_with_its_source_beside() {
        let html = render("graph TD\nA[Start] --> B[End]\n", 2).unwrap().html;
        assert!(html.contains("role=\"img\" aria-labelledby=\"diagram-2-title diagram-2-desc\""));
        assert!(html.contains("<title id=\"diagram-2-title\">Flowchart</title>"));
        assert!(html.contains(
            "<desc id=\"diagram-2-desc\">Flowchart, top to bottom. Start leads to End.</desc>"
        ));
        assert!(html.contains("<pre><code>graph TD\nA[Start] --&gt; B[End]</code></pre>"));
    }

    #[test]
    fn the_first_line_may_describe_the_diagram() {
        let html = render(
            "%% alt: How a request is served\nsequenceDiagram\nA->>B: hi\n",
            1,
        )
        .unwrap()
        .html;
        assert!(html.contains("<title id=\"diagram-1-title\">How a request is served</title>"));
    }

    #[test]
    fn the_same_source_gives_the_same_bytes() {
        let source = "graph LR\nA --> B --> C\nA --> C\nC -.-> A\n";
        assert_eq!(
            render(source, 1).unwrap().html,
            render(source, 1).unwrap().html
        );
    }

    #[test]
    fn no_source_makes_it_panic() {
        // Every mix of these tokens, as a simple generator picks them: an error (at a
        // place in the source) or a picture, never a panic.
        const TOKENS: &[&str] = &[
            "graph TD",
            "sequenceDiagram",
            "A",
            "B",
            "-->",
            "---",
            "-.->",
            "==>",
            "--",
            "-. x",
            "|l|",
            "[",
            "]",
            "(",
            ")",
            "{",
            "}",
            "\"",
            ";",
            "\n",
            " ",
            "->>",
            "-->>",
            ":",
            "Note",
            "over",
            "left of",
            ",",
            "participant",
            "as",
            "é",
            "日本",
            "%%",
            "x",
            "&",
            "<",
            ">",
            "+",
        ];
        let mut state: u64 = 7;
        for _ in 0..3_000 {
            let mut source = String::new();
            for _ in 0..12 {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                source.push_str(TOKENS[(state >> 33) as usize % TOKENS.len()]);
            }
            for header in ["graph LR\n", "sequenceDiagram\n", ""] {
                let source = format!("{header}{source}");
                if let Err(error) = render(&source, 1) {
                    assert!(
                        source.get(error.range.clone()).is_some(),
                        "{source:?}: {error:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_flowchart_too_large_to_lay_out_quickly_is_an_error() {
        let mut source = String::from("graph TD\n");
        for i in 0..300 {
            source.push_str(&format!("n{i} --> n{}\nn0 --> n{}\n", i + 1, i + 1));
        }
        let error = render(&source, 1).unwrap_err();
        assert!(
            error.message.contains("more than 2000: split it"),
            "{}",
            error.message
        );
    }

    #[test]
    fn an_unknown_type_is_named() {
        let source = "%% alt: x\n  pie title Pets\n";
        let error = render(source, 1).unwrap_err();
        assert!(
            error
                .message
                .starts_with("the diagram type `pie` is not supported")
        );
        assert_eq!(&source[error.range], "pie");
        assert_eq!(
            render("\n%% nothing\n", 1).unwrap_err().message,
            "the diagram is empty"
        );
    }
}
