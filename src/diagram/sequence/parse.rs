//! Reads a sequence diagram: `sequenceDiagram`, then one statement a line:
//! `participant A` (or `actor A`, `participant A as Alice`), messages
//! `A->>B: text` (arrows `->>`, `-->>`, `->`, `-->`) and notes
//! (`Note left of A: text`, `right of`, `over A`, `over A,B`). Anything else is an
//! error naming the token.

use super::model::{Participant, Placement, Sequence, Step};
use crate::diagram::error::DiagramError;
use crate::diagram::lines::{Statement, statements};

/// Statements Mermaid knows that pillar does not draw.
const UNSUPPORTED: &[&str] = &[
    "loop",
    "alt",
    "else",
    "opt",
    "par",
    "and",
    "critical",
    "option",
    "break",
    "rect",
    "end",
    "activate",
    "deactivate",
    "autonumber",
    "box",
    "create",
    "destroy",
    "link",
    "links",
    "title",
    "accTitle",
    "accDescr",
];

/// The arrows pillar draws, longest first: (arrow, dotted, with an arrowhead).
const ARROWS: &[(&str, bool, bool)] = &[
    ("-->>", true, true),
    ("->>", false, true),
    ("-->", true, false),
    ("->", false, false),
];

/// Parses the sequence diagram `source`, whose first statement is its header.
pub(super) fn parse(source: &str) -> Result<Sequence, DiagramError> {
    let statements = statements(source, false);
    let Some((header, body)) = statements.split_first() else {
        return Err(DiagramError::at(0..0, "the diagram is empty"));
    };
    if let Some(extra) = header.text.split_whitespace().nth(1) {
        return Err(DiagramError::at(
            header.range_of(extra),
            format!("unexpected `{extra}` after `sequenceDiagram`"),
        ));
    }
    let mut sequence = Sequence::default();
    for statement in body {
        read(statement, &mut sequence)?;
    }
    Ok(sequence)
}

/// Reads one statement into `sequence`.
fn read(statement: &Statement, sequence: &mut Sequence) -> Result<(), DiagramError> {
    let text = statement.text;
    let first = text
        .split(|c: char| c.is_whitespace() || c == ':')
        .next()
        .unwrap_or_default();
    if let Some(keyword) = UNSUPPORTED.iter().find(|k| **k == first) {
        return Err(DiagramError::at(
            statement.range_of(first),
            format!("`{keyword}` is not supported: pillar draws participants, messages and notes"),
        ));
    }
    match first {
        "participant" | "actor" => declare(statement, &text[first.len()..], sequence),
        _ if first.eq_ignore_ascii_case("note") => note(statement, &text[first.len()..], sequence),
        _ => message(statement, sequence),
    }
}

/// `participant A` or `participant A as Alice` (`rest` follows the keyword).
fn declare(statement: &Statement, rest: &str, sequence: &mut Sequence) -> Result<(), DiagramError> {
    let rest = rest.trim();
    let (id, label) = match rest.split_once(" as ") {
        Some((id, label)) => (id.trim(), label.trim()),
        None => (rest, rest),
    };
    let id = checked_id(statement, id)?;
    let index = participant(sequence, id);
    if !label.is_empty() {
        sequence.participants[index].label = label.to_string();
    }
    Ok(())
}

/// `Note left of A: text`, `right of A`, `over A`, `over A,B` (`rest` follows `Note`).
fn note(statement: &Statement, rest: &str, sequence: &mut Sequence) -> Result<(), DiagramError> {
    let Some((place, text)) = rest.split_once(':') else {
        return Err(DiagramError::at(
            statement.range(),
            "a note needs its text after a `:`",
        ));
    };
    let place = place.trim();
    let placement = if let Some(id) = place.strip_prefix("left of ") {
        Placement::LeftOf(participant(sequence, checked_id(statement, id.trim())?))
    } else if let Some(id) = place.strip_prefix("right of ") {
        Placement::RightOf(participant(sequence, checked_id(statement, id.trim())?))
    } else if let Some(ids) = place.strip_prefix("over ") {
        let (a, b) = ids.split_once(',').unwrap_or((ids, ids));
        let a = participant(sequence, checked_id(statement, a.trim())?);
        let b = participant(sequence, checked_id(statement, b.trim())?);
        Placement::Over(a.min(b), a.max(b))
    } else {
        let token = place.split_whitespace().next().unwrap_or(place);
        return Err(DiagramError::at(
            statement.range_of(token),
            format!("expected `left of`, `right of` or `over` after `Note`, found `{token}`"),
        ));
    };
    sequence.steps.push(Step::Note {
        placement,
        text: text.trim().to_string(),
    });
    Ok(())
}

/// `A->>B: text`.
fn message(statement: &Statement, sequence: &mut Sequence) -> Result<(), DiagramError> {
    let text = statement.text;
    let head = text.split_once(':').map_or(text, |(head, _)| head);
    let Some(at) = head.find('-') else {
        let token = head.split_whitespace().next().unwrap_or(head);
        return Err(DiagramError::at(
            statement.range_of(token),
            format!("expected a message like `A->>B: text`, found `{token}`"),
        ));
    };
    let after = &head[at..];
    let Some(&(arrow, dotted, has_head)) = ARROWS.iter().find(|(a, ..)| after.starts_with(a))
    else {
        let run = after
            .find(|c: char| !matches!(c, '-' | '<' | '>' | ')' | '+'))
            .unwrap_or(after.len());
        let end = run + usize::from(after[run..].starts_with('x'));
        let token = &after[..end.max(1)];
        return Err(DiagramError::at(
            statement.range_of(token),
            format!("the arrow `{token}` is not supported: write `->>`, `-->>`, `->` or `-->`"),
        ));
    };
    let rest = &after[arrow.len()..];
    if let Some(mark) = rest
        .get(..1)
        .filter(|m| matches!(*m, "+" | "-" | "x" | ")"))
    {
        let token = &after[..arrow.len() + 1];
        return Err(DiagramError::at(
            statement.range_of(token),
            format!(
                "`{token}` is not supported ({mark} after the arrow): write `->>`, `-->>`, `->` or `-->`"
            ),
        ));
    }
    let from = participant(sequence, checked_id(statement, head[..at].trim())?);
    let to = participant(sequence, checked_id(statement, rest.trim())?);
    let said = text.split_once(':').map_or("", |(_, said)| said.trim());
    sequence.steps.push(Step::Message {
        from,
        to,
        text: said.to_string(),
        dotted,
        arrow: has_head,
    });
    Ok(())
}

/// `id`, if it is a participant's id: no spaces, no arrow or punctuation in it.
fn checked_id<'s>(statement: &Statement, id: &'s str) -> Result<&'s str, DiagramError> {
    if id.is_empty() {
        return Err(DiagramError::at(
            statement.range(),
            "a participant's id is missing",
        ));
    }
    if let Some(bad) = id.find(|c: char| c.is_whitespace() || "<>,;:\"".contains(c)) {
        let token = &id[bad..bad + id[bad..].chars().next().map_or(1, char::len_utf8)];
        return Err(DiagramError::at(
            statement.range_of(token),
            format!("unexpected `{token}` in the participant id `{id}`"),
        ));
    }
    Ok(id)
}

/// The index of the participant `id`, added if it is new.
fn participant(sequence: &mut Sequence, id: &str) -> usize {
    if let Some(index) = sequence.participants.iter().position(|p| p.id == id) {
        return index;
    }
    sequence.participants.push(Participant {
        id: id.to_string(),
        label: id.to_string(),
    });
    sequence.participants.len() - 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(source: &str) -> (String, &str) {
        let error = parse(source).unwrap_err();
        (error.message, &source[error.range])
    }

    #[test]
    fn participants_messages_and_notes() {
        let sequence = parse(
            "sequenceDiagram\n  participant B as Bob\n  actor A\n  A->>B: Hello\n  B-->>A: Hi: there\n  A->C: plain\n  C-->C: self\n  Note over A,B: both\n  note right of C: alone\n",
        )
        .unwrap();
        let names: Vec<_> = sequence
            .participants
            .iter()
            .map(|p| (p.id.as_str(), p.label.as_str()))
            .collect();
        assert_eq!(names, [("B", "Bob"), ("A", "A"), ("C", "C")]);
        assert_eq!(
            sequence.steps[1],
            Step::Message {
                from: 0,
                to: 1,
                text: "Hi: there".into(),
                dotted: true,
                arrow: true
            }
        );
        assert_eq!(
            sequence.steps[2],
            Step::Message {
                from: 1,
                to: 2,
                text: "plain".into(),
                dotted: false,
                arrow: false
            }
        );
        assert_eq!(
            sequence.steps[4],
            Step::Note {
                placement: Placement::Over(0, 1),
                text: "both".into()
            }
        );
        assert_eq!(
            sequence.steps[5],
            Step::Note {
                placement: Placement::RightOf(2),
                text: "alone".into()
            }
        );
    }

    #[test]
    fn what_is_not_drawn_is_an_error_at_its_token() {
        assert_eq!(
            error("sequenceDiagram\n  loop Every minute\n  A->>B: ping\n  end\n"),
            (
                "`loop` is not supported: pillar draws participants, messages and notes".into(),
                "loop"
            )
        );
        assert_eq!(error("sequenceDiagram\nA-xB: lost").1, "-x");
        assert_eq!(error("sequenceDiagram\nA->>+B: go").1, "->>+");
        assert_eq!(error("sequenceDiagram\nA->>B C: go").1, " ");
        assert_eq!(error("sequenceDiagram\nNote under A: x").1, "under");
        assert_eq!(error("sequenceDiagram\nhello there").1, "hello");
    }
}
