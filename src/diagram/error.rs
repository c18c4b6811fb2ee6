//! A diagram that cannot be drawn: what is wrong, and where in its source.

use std::ops::Range;

/// A mistake in a diagram's source, or something pillar does not draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DiagramError {
    /// What is wrong, naming the offending token.
    pub message: String,
    /// The offending token, as a byte range of the diagram's source.
    pub range: Range<usize>,
}

impl DiagramError {
    /// The error `message` about the token at `range` of the source.
    pub(crate) fn at(range: Range<usize>, message: impl Into<String>) -> Self {
        DiagramError {
            message: message.into(),
            range,
        }
    }
}
