//! What the link stage needs to know of a page's body, found in one parse.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, LinkType, Tag, TagEnd};

use super::math::{self, Formula, MathError};
use super::slug::HeadingIds;
use super::weave::{Piece, Woven};
use crate::diagram::{self, Diagram, DiagramError};
use crate::shortcodes::{Call, Form, Included, SyntaxError};
use crate::source::SourceFile;

/// A heading of the body.
#[derive(Debug, Clone)]
pub(crate) struct Heading {
    /// 1 for `#`, 2 for `##`…
    pub level: u8,
    /// The heading's plain text.
    pub text: String,
    /// Its unique id, the anchor links point at.
    pub id: String,
    /// Where it starts, as a byte offset of its file.
    pub start: usize,
}

/// A link or image written in the body.
#[derive(Debug, Clone)]
pub(crate) struct LinkRef {
    /// The destination as written.
    pub dest: String,
    /// Where the link is, as a byte range of the whole file (of `origin`'s file, if
    /// it is written in an included file).
    pub range: Range<usize>,
    /// The included file it is written in, if not the page's own.
    pub origin: Option<Origin>,
}

impl LinkRef {
    /// The content path a link resolves from and the file it is reported in: the
    /// included file it is written in, else the page's own (`page_path`, `page_file`).
    pub(crate) fn written_in<'a>(
        &'a self,
        page_path: &'a str,
        page_file: &'a SourceFile,
    ) -> (&'a str, &'a SourceFile) {
        self.origin.as_ref().map_or((page_path, page_file), |o| {
            (o.content_path.as_str(), &o.file)
        })
    }
}

/// An included file, which links written in it resolve from.
#[derive(Debug, Clone)]
pub(crate) struct Origin {
    /// Its path under `content/`.
    pub content_path: String,
    /// The file.
    pub file: SourceFile,
}

/// A component block in the body.
#[derive(Debug, Clone)]
pub(crate) struct BlockRef {
    /// The fence's first word, which names the component (`compare`).
    pub fence: &'static str,
    /// The YAML inside the fence, as a byte range of the whole file, from the start of
    /// its first line.
    pub body: Range<usize>,
    /// What of `body` is not the block's: the markers and indentation of the list
    /// items and block quotes it sits in (empty for a block at the top level).
    pub outside: Vec<Range<usize>>,
}

/// Headings, links, component blocks and shortcode calls of a page body, and its
/// length in words.
#[derive(Debug, Clone, Default)]
pub(crate) struct Outline {
    /// Every heading, in order, with unique ids.
    pub headings: Vec<Heading>,
    /// The ids of the definition-list terms, in order, unique among the heading ids.
    pub terms: Vec<String>,
    /// Every link, in order (those given to shortcodes as `src`, `href` or `poster`
    /// too).
    pub links: Vec<LinkRef>,
    /// Every `compare` and `decision` block, in order.
    pub blocks: Vec<BlockRef>,
    /// The shortcode calls, as a tree in order.
    pub shortcodes: Vec<Call>,
    /// Mistakes in the shortcode syntax.
    pub shortcode_errors: Vec<SyntaxError>,
    /// Was the body read with math (`$…$`, `$$…$$`)? The site's `markdown.math`.
    pub math: bool,
    /// Every formula, rendered, in order (one for each that does not parse too, so
    /// the renderer's count stays right).
    pub formulas: Vec<Formula>,
    /// The formulas that do not parse, each with the included file it is written in,
    /// if not the page's own.
    pub math_errors: Vec<(MathError, Option<Origin>)>,
    /// Every ```` ```mermaid ```` block, rendered, in order (one for each that cannot be
    /// drawn too, so the renderer's count stays right).
    pub diagrams: Vec<Diagram>,
    /// The diagrams that cannot be drawn (their range a byte range of their file), each
    /// with the included file it is written in, if not the page's own.
    pub diagram_errors: Vec<(DiagramError, Option<Origin>)>,
    /// Where images without alt text are written (byte ranges of their file), each
    /// with the included file it is in, if not the page's own.
    pub images_without_alt: Vec<(Range<usize>, Option<Origin>)>,
    /// Where the body starts in the file.
    pub base: usize,
    /// Words of prose (code excluded).
    pub words: usize,
    /// Does the body contain highlighted code?
    pub has_code: bool,
}

impl Outline {
    /// Every id a link may point at: the headings', then the terms'.
    pub(crate) fn anchors(&self) -> impl Iterator<Item = &str> + Clone {
        self.headings
            .iter()
            .map(|h| h.id.as_str())
            .chain(self.terms.iter().map(String::as_str))
    }
}

/// The block whose text is the `pieces` of `text` (one per line inside a container),
/// or an empty one at `end`.
fn block_ref(text: &str, fence: &'static str, pieces: &[Range<usize>], end: usize) -> BlockRef {
    let (Some(first), Some(last)) = (pieces.first(), pieces.last()) else {
        return BlockRef {
            fence,
            body: end..end,
            outside: Vec::new(),
        };
    };
    let line_start = |at: usize| text[..at].rfind('\n').map_or(0, |i| i + 1);
    let outside = pieces
        .iter()
        .map(|piece| line_start(piece.start)..piece.start)
        .filter(|before| !before.is_empty())
        .collect();
    BlockRef {
        fence,
        body: line_start(first.start)..last.end,
        outside,
    }
}

/// Reads the outline of `body`, a byte range of `text` (positions are kept relative to
/// `text`, so they point into the file). Fenced blocks whose first word is one of
/// `fences` are component blocks; shortcode bodies are read where they are written.
pub(crate) fn outline(text: &str, body: Range<usize>, fences: &[&'static str]) -> Outline {
    let scanned = crate::shortcodes::scan(text, body.clone());
    outline_with(text, body, fences, scanned, false)
}

/// [`outline`] of a body whose shortcode calls (`calls`, includes resolved) and syntax
/// mistakes (`errors`) are known, read with math if `math`.
pub(crate) fn outline_with(
    text: &str,
    body: Range<usize>,
    fences: &[&'static str],
    (calls, errors): (Vec<Call>, Vec<SyntaxError>),
    math: bool,
) -> Outline {
    let mut reader = Reader {
        fences,
        out: Outline {
            base: body.start,
            math,
            ..Outline::default()
        },
        ids: HeadingIds::default(),
        heading: None,
        origin: None,
        term: None,
        block: None,
        diagram: None,
        image_alt: None,
    };
    reader.read(text, body, &calls);
    let mut out = reader.out;
    out.shortcodes = calls;
    out.shortcode_errors = errors;
    out
}

/// A piece of text and the byte range of the file it is written at.
type Written = (Range<usize>, String);

/// A heading whose text is still being read.
struct OpenHeading {
    level: u8,
    explicit: Option<String>,
    text: String,
    start: usize,
}

/// The alt text of an image being read.
struct AltText {
    text: String,
    /// Where the image is written.
    at: Range<usize>,
    /// How many images inside it are open: their text is its alt text.
    nested: usize,
}

/// The outline being read, and what is open at the current event.
struct Reader<'f> {
    fences: &'f [&'static str],
    out: Outline,
    ids: HeadingIds,
    heading: Option<OpenHeading>,
    /// The included file being read, if any: its links resolve from there.
    origin: Option<Origin>,
    term: Option<String>,
    block: Option<(Option<&'static str>, Vec<Range<usize>>)>,
    /// The ```` ```mermaid ```` block being read: where it starts, and its text, piece
    /// by piece.
    diagram: Option<(usize, Vec<Written>)>,
    /// The image being read (the outermost, if images are nested in its alt text).
    image_alt: Option<AltText>,
}

impl Reader<'_> {
    /// Reads `range` of `text`, whose shortcode calls are `calls`.
    fn read(&mut self, text: &str, range: Range<usize>, calls: &[Call]) {
        let woven = Woven::new(text, 0, range, calls, super::options_for(self.out.math));
        for piece in woven.pieces() {
            match piece {
                Piece::Event(event, range) => self.event(text, event, range),
                Piece::Call(call) => {
                    let origin = self.origin.clone();
                    self.out
                        .links
                        .extend(call.links().map(|(dest, range)| LinkRef {
                            dest: dest.to_string(),
                            range,
                            origin: origin.clone(),
                        }));
                    if let Form::Block { body, children, .. } = &call.form {
                        self.read(text, body.clone(), children);
                    }
                    if let Some(included) = &call.include {
                        self.read_included(included);
                    }
                }
            }
        }
    }

    /// Reads what an include call includes: its links resolve from its own file, and
    /// its fenced blocks are code, never components (those belong to a page).
    fn read_included(&mut self, included: &Included) {
        let outer = self.origin.replace(Origin {
            content_path: included.content_path.clone(),
            file: included.file.clone(),
        });
        let fences = std::mem::take(&mut self.fences);
        self.read(&included.file.text, included.range.clone(), &included.calls);
        self.fences = fences;
        self.origin = outer;
    }

    fn event(&mut self, text: &str, event: Event<'_>, range: Range<usize>) {
        self.track_alt_text(&event, &range);
        let out = &mut self.out;
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                self.heading = Some(OpenHeading {
                    level: level as u8,
                    explicit: id.map(|s| s.to_string()),
                    text: String::new(),
                    start: range.start,
                });
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(h) = self.heading.take() {
                    let id = self.ids.next(&h.text, h.explicit.as_deref());
                    out.headings.push(Heading {
                        level: h.level,
                        text: h.text,
                        id,
                        start: h.start,
                    });
                }
            }
            Event::Start(Tag::DefinitionListTitle) => self.term = Some(String::new()),
            Event::End(TagEnd::DefinitionListTitle) => {
                if let Some(text) = self.term.take() {
                    out.terms.push(self.ids.next(&text, None));
                }
            }
            Event::Start(Tag::Link {
                link_type: LinkType::Email,
                dest_url,
                ..
            }) => {
                // `<someone@example.org>`: the parser leaves out the scheme the HTML gets.
                out.links.push(LinkRef {
                    dest: format!("mailto:{dest_url}"),
                    range,
                    origin: self.origin.clone(),
                })
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                out.links.push(LinkRef {
                    dest: dest_url.to_string(),
                    range,
                    origin: self.origin.clone(),
                })
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let component = match &kind {
                    CodeBlockKind::Fenced(info) => component_fence(info, self.fences),
                    CodeBlockKind::Indented => None,
                };
                let is_diagram = component.is_none()
                    && matches!(&kind, CodeBlockKind::Fenced(info) if is_diagram_fence(info));
                out.has_code |= component.is_none() && !is_diagram;
                self.block = Some((component, Vec::new()));
                self.diagram = is_diagram.then(|| (range.start, Vec::new()));
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((Some(fence), pieces)) = self.block.take() {
                    out.blocks.push(block_ref(text, fence, &pieces, range.end));
                }
                if let Some((start, pieces)) = self.diagram.take() {
                    self.diagram(start, &pieces);
                }
            }
            Event::InlineMath(tex) => self.formula(text, &tex, false, range),
            Event::DisplayMath(tex) => self.formula(text, &tex, true, range),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, pieces)) = &mut self.diagram {
                    pieces.push((range.clone(), t.to_string()));
                }
                if let Some((_, pieces)) = &mut self.block {
                    pieces.push(range);
                    return;
                }
                if let Some(heading) = &mut self.heading {
                    heading.text.push_str(&t);
                }
                if let Some(text) = &mut self.term {
                    text.push_str(&t);
                }
                out.words += t.split_whitespace().count();
            }
            _ => {}
        }
    }
}

impl Reader<'_> {
    /// Follows the alt text of images: an image without any is noted where it is.
    fn track_alt_text(&mut self, event: &Event<'_>, range: &Range<usize>) {
        match (event, &mut self.image_alt) {
            (Event::Start(Tag::Image { .. }), Some(open)) => open.nested += 1,
            (Event::Start(Tag::Image { .. }), None) => {
                self.image_alt = Some(AltText {
                    text: String::new(),
                    at: range.clone(),
                    nested: 0,
                })
            }
            (
                Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t),
                Some(open),
            ) => open.text.push_str(t),
            (Event::End(TagEnd::Image), Some(open)) if open.nested > 0 => open.nested -= 1,
            (Event::End(TagEnd::Image), Some(_)) => {
                if let Some(alt) = self.image_alt.take()
                    && alt.text.trim().is_empty()
                {
                    self.out
                        .images_without_alt
                        .push((alt.at, self.origin.clone()));
                }
            }
            _ => {}
        }
    }

    /// Renders the formula `tex` (written at `range` of `text`): its TeX is heading or
    /// term text and counts as words.
    fn formula(&mut self, text: &str, tex: &str, display: bool, range: Range<usize>) {
        if let Some(heading) = &mut self.heading {
            heading.text.push_str(tex);
        }
        if let Some(term) = &mut self.term {
            term.push_str(tex);
        }
        self.out.words += tex.split_whitespace().count();
        let formula = math::render(tex, display, text, range).unwrap_or_else(|error| {
            let shown = Formula {
                html: format!("<code>{}</code>", crate::html::escape(tex)),
            };
            self.out.math_errors.push((error, self.origin.clone()));
            shown
        });
        self.out.formulas.push(formula);
    }

    /// Renders the diagram whose block starts at byte `start` of its file and whose
    /// text is `pieces`; one that cannot be drawn is an error where its offending token
    /// is written, and shows as its source.
    fn diagram(&mut self, start: usize, pieces: &[Written]) {
        let source: String = pieces.iter().map(|(_, piece)| piece.as_str()).collect();
        let number = self.out.diagrams.len() + 1;
        let diagram = diagram::render(&source, number).unwrap_or_else(|error| {
            let at = file_offset(pieces, error.range.start, start);
            let range = at..at + error.range.len();
            self.out
                .diagram_errors
                .push((DiagramError::at(range, error.message), self.origin.clone()));
            Diagram {
                html: format!("<pre><code>{}</code></pre>\n", crate::html::escape(&source)),
            }
        });
        self.out.diagrams.push(diagram);
    }
}

/// Is a fenced block with this info string a diagram (```` ```mermaid ````)?
fn is_diagram_fence(info: &str) -> bool {
    info.split_whitespace().next() == Some("mermaid")
}

/// The byte of the file that byte `at` of a block's text is, from the block's `pieces`
/// (each written at its range; one whose text is not its range's counts from its start).
fn file_offset(pieces: &[Written], at: usize, block_start: usize) -> usize {
    let mut start = 0;
    for (range, piece) in pieces {
        if at < start + piece.len() {
            let exact = range.len() == piece.len();
            return range.start + if exact { at - start } else { 0 };
        }
        start += piece.len();
    }
    pieces.last().map_or(block_start, |(range, _)| range.end)
}

/// The component fence (one of `fences`) a fenced block's info string names, if any.
fn component_fence(info: &str, fences: &[&'static str]) -> Option<&'static str> {
    let word = info.split_whitespace().next()?;
    fences.iter().copied().find(|f| *f == word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_headings_links_and_blocks() {
        let text =
            "---\n---\n## One\n\nSee [a](@/x.md#one).\n\n```compare\ndataset: d\n```\n\n## One\n";
        let o = outline(text, 8..text.len(), &["compare"]);
        let ids: Vec<_> = o.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["one", "one-1"]);
        assert_eq!(o.links[0].dest, "@/x.md#one");
        assert_eq!(&text[o.links[0].range.clone()], "[a](@/x.md#one)");
        assert_eq!(o.blocks[0].fence, "compare");
        assert_eq!(&text[o.blocks[0].body.clone()], "dataset: d\n");
        assert!(!o.has_code);
    }

    #[test]
    fn email_autolinks_are_mail_links() {
        let text = "Write to <someone@example.org>.\n";
        let o = outline(text, 0..text.len(), &[]);
        assert_eq!(o.links[0].dest, "mailto:someone@example.org");
    }

    #[test]
    fn definition_terms_get_ids_beside_the_headings() {
        let text = "## Term {#t}\n\nTerm\n: one\n\n`lastmod`\n: two\n\nT\n: three\n";
        let o = outline(text, 0..text.len(), &[]);
        assert_eq!(o.terms, ["term", "lastmod", "t-1"]);
        assert_eq!(
            o.anchors().collect::<Vec<_>>(),
            ["t", "term", "lastmod", "t-1"]
        );
    }

    #[test]
    fn counts_prose_words_only() {
        let text = "One two three.\n\n```rust\nfn a() {}\n```\n";
        let o = outline(text, 0..text.len(), &[]);
        assert_eq!(o.words, 3);
        assert!(o.has_code);
    }
}
