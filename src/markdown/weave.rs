//! A body read as markdown events with its shortcode calls in place.
//!
//! Before the body is parsed, each call on its own line becomes a stand-in block of the
//! same length: a thematic break (`***`) for `::name{…}`, an empty fenced code block
//! for `:::name{…}` … `:::` (its body blanked). The parser so sees a block where the
//! call is, inside the list item it is written in, a paragraph ends before it, and
//! every position still points into the file. The stand-in's events come out as one
//! [`Piece::Call`]. Inline calls stay in the text; the text around them is cut.

use std::borrow::Cow;
use std::collections::VecDeque;
use std::ops::Range;

use pulldown_cmark::{CowStr, DefaultBrokenLinkCallback, Event, OffsetIter, Options, Parser};

use crate::shortcodes::{Call, Form};

/// What reading a body yields: a markdown event, or a shortcode call in its place.
pub(crate) enum Piece<'a, 'c> {
    /// An event of the body's own markdown, with its byte range of the file.
    Event(Event<'a>, Range<usize>),
    /// A call, where it is written.
    Call(&'c Call),
}

/// A body (or a call's body) ready to read: `range` of a file, of which `window` is
/// the part starting at byte `window_start`, with `calls` (its calls, in order).
pub(crate) struct Woven<'t, 'c> {
    window: &'t str,
    window_start: usize,
    range: Range<usize>,
    prepared: Cow<'t, str>,
    calls: &'c [Call],
    options: Options,
}

impl<'t, 'c> Woven<'t, 'c> {
    /// Prepares `range` (a byte range of the file `window` is a part of), to be read
    /// with `options`.
    pub(crate) fn new(
        window: &'t str,
        window_start: usize,
        range: Range<usize>,
        calls: &'c [Call],
        options: Options,
    ) -> Self {
        let text = &window[range.start - window_start..range.end - window_start];
        let prepared = if calls.iter().all(|c| c.form == Form::Inline) {
            Cow::Borrowed(text)
        } else {
            Cow::Owned(with_stand_ins(text, range.start, calls))
        };
        Woven {
            window,
            window_start,
            range,
            prepared,
            calls,
            options,
        }
    }

    /// The events and calls, in the order they are written.
    pub(crate) fn pieces(&self) -> Pieces<'_, 'c> {
        Pieces {
            parser: Parser::new_ext(&self.prepared, self.options).into_offset_iter(),
            woven: self,
            next: 0,
            inside: None,
            queue: VecDeque::new(),
        }
    }

    /// Where the events a call stands for start: for a call on its own line, at the
    /// start of the line.
    fn hole_start(&self, call: &Call) -> usize {
        if call.form == Form::Inline {
            return call.range.start;
        }
        let before = &self.window[..call.range.start - self.window_start];
        self.window_start + before.rfind('\n').map_or(0, |i| i + 1)
    }

    /// Where the events a call stands for end: for a call on its own line, after its
    /// line break.
    fn hole_end(&self, call: &Call) -> usize {
        let after = self
            .window
            .as_bytes()
            .get(call.range.end - self.window_start);
        let own_line = call.form != Form::Inline && after == Some(&b'\n');
        call.range.end + usize::from(own_line)
    }

    /// The body's text at `range` (of the file).
    fn slice(&self, range: Range<usize>) -> &str {
        &self.prepared[range.start - self.range.start..range.end - self.range.start]
    }
}

/// `text` (starting at byte `start` of the file) with each call that stands on its own
/// line replaced by a block of the same length.
fn with_stand_ins(text: &str, start: usize, calls: &[Call]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for call in calls {
        let at = call.range.start - start;
        match &call.form {
            Form::Inline => {}
            Form::Leaf => stand_in(&mut bytes, at, b"***"),
            Form::Block { body, close, .. } => {
                let opener_indent = indent(&bytes, at);
                let closer_indent = indent(&bytes, close.start - start);
                stand_in(&mut bytes, at, b"```");
                for byte in &mut bytes[body.start - start..body.end - start] {
                    if *byte != b'\n' {
                        *byte = b' ';
                    }
                }
                // A closer left of its opener (which is in a list item, say) would
                // open a fence of its own outside; the item's end closes the fence.
                let fence: &[u8] = if closer_indent < opener_indent {
                    b""
                } else {
                    b"```"
                };
                stand_in(&mut bytes, close.start - start, fence);
            }
        }
    }
    // Whole lines were replaced by ASCII, so the text is still UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into())
}

/// The indentation before `at` on its line, as a stand-in gets it: spaces, at most 3.
fn indent(bytes: &[u8], at: usize) -> usize {
    let start = bytes[..at]
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |i| i + 1);
    if bytes[start..at].iter().all(|b| *b == b' ') {
        (at - start).min(3)
    } else {
        0
    }
}

/// Replaces the line holding `at` (whose text before `at` is indentation) by `marker`,
/// indented by at most three spaces, then spaces. Deeper indentation would make it
/// indented code, or text inside a paragraph, and the stand-in no block.
fn stand_in(bytes: &mut [u8], at: usize, marker: &[u8]) {
    let start = bytes[..at]
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |i| i + 1);
    let end = bytes[at..]
        .iter()
        .position(|b| *b == b'\n')
        .map_or(bytes.len(), |i| at + i);
    let indent = indent(bytes, at);
    for (i, byte) in bytes[start..end].iter_mut().enumerate() {
        *byte = match i.checked_sub(indent) {
            Some(j) => marker.get(j).copied().unwrap_or(b' '),
            None => b' ',
        };
    }
}

/// The iterator of [`Woven::pieces`].
pub(crate) struct Pieces<'a, 'c> {
    parser: OffsetIter<'a, DefaultBrokenLinkCallback>,
    woven: &'a Woven<'a, 'c>,
    /// The first call not yet yielded.
    next: usize,
    /// The call yielded last: events inside it are its syntax, not text.
    inside: Option<&'c Call>,
    queue: VecDeque<Piece<'a, 'c>>,
}

impl<'a, 'c> Iterator for Pieces<'a, 'c> {
    type Item = Piece<'a, 'c>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(piece) = self.queue.pop_front() {
                return Some(piece);
            }
            let Some((event, range)) = self.parser.next() else {
                // A call whose stand-in made no event (none should): still in order.
                let call = self.woven.calls.get(self.next)?;
                self.next += 1;
                return Some(Piece::Call(call));
            };
            let base = self.woven.range.start;
            self.place(event, range.start + base..range.end + base);
        }
    }
}

impl<'a, 'c> Pieces<'a, 'c> {
    /// Queues what the event at `range` stands for.
    fn place(&mut self, event: Event<'a>, range: Range<usize>) {
        let woven = self.woven;
        while let Some(call) = woven.calls.get(self.next) {
            let passed = call.range.end <= range.start;
            let reached = call.form != Form::Inline && woven.hole_start(call) <= range.start;
            if !(passed || reached) {
                break;
            }
            self.yield_call(call);
        }
        if let Some(call) = self.inside
            && woven.hole_start(call) <= range.start
            && match call.form {
                Form::Inline => range.end <= woven.hole_end(call),
                // A stand-in block may run on over blank lines after it.
                Form::Leaf | Form::Block { .. } => range.start < woven.hole_end(call),
            }
        {
            return;
        }
        if let Some(call) = self.inside
            && call.form == Form::Inline
            && range.start < call.range.end
            && matches!(event, Event::Text(_))
        {
            // Text that runs on past the inline call just yielded.
            return self.cut_text(call.range.end..range.end);
        }
        let cuts = woven
            .calls
            .get(self.next)
            .is_some_and(|c| c.form == Form::Inline && c.range.start < range.end);
        match event {
            Event::Text(_) if cuts => self.cut_text(range),
            event => self.queue.push_back(Piece::Event(event, range)),
        }
    }

    /// Queues the text at `range` with the inline calls that start inside it.
    fn cut_text(&mut self, range: Range<usize>) {
        let woven = self.woven;
        let mut at = range.start;
        while let Some(call) = woven
            .calls
            .get(self.next)
            .filter(|c| c.range.start < range.end)
        {
            if call.range.start > at {
                self.push_text(at..call.range.start);
            }
            self.yield_call(call);
            at = at.max(call.range.end.min(range.end));
        }
        if at < range.end {
            self.push_text(at..range.end);
        }
    }

    fn push_text(&mut self, range: Range<usize>) {
        let text = CowStr::Borrowed(self.woven.slice(range.clone()));
        self.queue.push_back(Piece::Event(Event::Text(text), range));
    }

    fn yield_call(&mut self, call: &'c Call) {
        self.next += 1;
        self.inside = Some(call);
        self.queue.push_back(Piece::Call(call));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shortcodes::scan;

    /// The pieces of `text` written out: events by kind, calls by name.
    fn pieces(text: &str) -> Vec<String> {
        let (calls, errors) = scan(text, 0..text.len());
        assert!(errors.is_empty(), "{errors:?}");
        let woven = Woven::new(text, 0, 0..text.len(), &calls, crate::markdown::options());
        woven
            .pieces()
            .map(|p| match p {
                Piece::Call(c) => format!("call {}", c.name),
                Piece::Event(Event::Text(t), _) => format!("text {t}"),
                Piece::Event(e, _) => format!("{e:?}")
                    .split(['(', ' '])
                    .next()
                    .unwrap()
                    .to_string(),
            })
            .collect()
    }

    #[test]
    fn a_call_on_its_own_line_ends_the_paragraph() {
        assert_eq!(
            pieces("Before\n::figure{src=a}\nAfter\n"),
            [
                "Start",
                "text Before",
                "End",
                "call figure",
                "Start",
                "text After",
                "End"
            ]
        );
    }

    #[test]
    fn a_block_call_is_one_piece_whatever_its_body_holds() {
        assert_eq!(
            pieces("A\n:::note{x=1}\n```\ncode\n```\n## Not a heading here\n:::\nB\n"),
            [
                "Start",
                "text A",
                "End",
                "call note",
                "Start",
                "text B",
                "End"
            ]
        );
    }

    /// Any mix of shortcode syntax and markdown: no panic, and the renderer gives out
    /// exactly the heading ids the outline found (they are numbered across bodies).
    #[test]
    fn outline_and_render_agree_on_any_mix() {
        use crate::markdown::{RenderHooks, ShortcodeCall, outline, render_html};
        struct Hooks;
        impl RenderHooks for Hooks {
            fn link(&self, _: &str) -> Option<String> {
                None
            }
            fn component(&self, _: usize) -> String {
                String::new()
            }
            fn shortcode(&self, call: &ShortcodeCall) -> String {
                call.body.clone().unwrap_or_default()
            }
        }
        let pieces = [
            ":::",
            "::",
            ":",
            "a",
            "b{",
            "{",
            "}",
            "=",
            "\"",
            "x=1",
            "\n",
            "\n\n",
            "  ",
            "- ",
            "> ",
            "```",
            "`",
            "\\",
            "é",
            "\r\n",
            "## h",
            "*",
            "[l](x.md)",
            "<b>",
            "|",
            "    ",
            ":::d{s=\"x\"}\n",
            ":::\n",
            "::f{a=b}\n",
            ":v{k=\"é\"}",
            "::::t\n",
            "::::\n",
        ];
        let mut seed: u64 = 0x2718_2818;
        for _ in 0..3000 {
            let mut text = String::from("---\n---\n");
            for _ in 0..seed % 24 + 1 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            let o = outline(&text, 8..text.len(), &[]);
            let html = render_html(&text[8..], &o, &Hooks);
            let ids: usize = (1..=6)
                .map(|level| html.matches(&format!("<h{level} id=")).count())
                .sum();
            assert_eq!(ids, o.headings.len(), "{text:?}\n{html}");
        }
    }

    #[test]
    fn a_deeply_indented_call_still_stands_for_one_block() {
        assert_eq!(
            pieces("Para\n     :::note{}\n     Body\n     :::\n\nAfter\n"),
            [
                "Start",
                "text Para",
                "End",
                "call note",
                "Start",
                "text After",
                "End"
            ]
        );
    }

    #[test]
    fn a_closer_left_of_its_opener_closes_it_without_opening_a_fence() {
        let got = pieces("- item\n\n  :::note{}\n  Body\n:::\n\nAfter\n");
        let call = got.iter().position(|p| p == "call note").expect("the call");
        assert_eq!(
            &got[call - 1..],
            [
                "End",
                "call note",
                "End",
                "End",
                "Start",
                "text After",
                "End"
            ],
            "{got:?}"
        );
    }

    #[test]
    fn inline_calls_cut_their_text() {
        assert_eq!(
            pieces("Costs :value{key=\"price\"} a *month*.\n"),
            [
                "Start",
                "text Costs ",
                "call value",
                "text  a ",
                "Start",
                "text month",
                "End",
                "text .",
                "End"
            ]
        );
    }
}
