//! A sequence diagram as its source says it: participants, and messages and notes in
//! order.

/// A participant: its id, and the name shown for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Participant {
    pub id: String,
    pub label: String,
}

/// Where a note stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Placement {
    LeftOf(usize),
    RightOf(usize),
    /// Over the participants from the first to the second (the same one for one).
    Over(usize, usize),
}

/// A step of the diagram, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Step {
    /// A message from one participant to another (indices), or to itself.
    Message {
        from: usize,
        to: usize,
        text: String,
        /// `-->>`, `-->`: a reply, drawn dotted.
        dotted: bool,
        /// `->>`, `-->>`: with an arrowhead.
        arrow: bool,
    },
    Note {
        placement: Placement,
        text: String,
    },
}

/// A sequence diagram: participants in order (declared, then as they first appear),
/// and its steps.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct Sequence {
    pub participants: Vec<Participant>,
    pub steps: Vec<Step>,
}
