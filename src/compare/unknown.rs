//! The error for an id that names nothing: it lists the ids that exist and suggests the
//! closest one.

use crate::diagnostics::{Diagnostic, closest};

/// What kind of id was looked up: its name and plural, e.g. `("entity", "entities")`.
pub(super) type Kind = (&'static str, &'static str);

/// An entity id.
pub(super) const ENTITY: Kind = ("entity", "entities");
/// A dimension id.
pub(super) const DIMENSION: Kind = ("dimension", "dimensions");
/// A source id.
pub(super) const SOURCE: Kind = ("source", "sources");
/// A dataset id.
pub(super) const DATASET: Kind = ("dataset", "datasets");

/// `unknown entity `x` in dataset `d` (entities: `a`, `b`)`, with a hint naming the closest
/// known id when one is close. `place` follows the id, e.g. ` in dataset `altitude``.
pub(super) fn unknown<'a>(
    (kind, plural): Kind,
    id: &str,
    place: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> Diagnostic {
    let known: Vec<&str> = known.into_iter().collect();
    let listed = if known.is_empty() {
        format!("there are no {plural}")
    } else {
        let quoted: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
        format!("{plural}: {}", quoted.join(", "))
    };
    let hint = match closest(id, known.iter().copied()) {
        Some(best) => format!("did you mean `{best}`?"),
        // A dataset is a file, so say which one.
        None if kind == DATASET.0 && known.is_empty() => {
            format!("a dataset is a file under content/data/: create content/data/{id}.yaml")
        }
        None if kind == DATASET.0 => {
            format!("use one of the {plural} listed, or create content/data/{id}.yaml")
        }
        None if known.is_empty() => format!("add the {kind} first"),
        None => format!("use one of the {plural} listed"),
    };
    Diagnostic::error(format!("unknown {kind} `{id}`{place} ({listed})")).with_hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_known_ids_and_suggests_the_closest() {
        let d = unknown(
            ENTITY,
            "fractional-cr",
            " in dataset `x`",
            ["advisor", "fractional-cro"],
        );
        assert_eq!(
            d.message,
            "unknown entity `fractional-cr` in dataset `x` (entities: `advisor`, `fractional-cro`)"
        );
        assert_eq!(d.hint.as_deref(), Some("did you mean `fractional-cro`?"));
    }

    #[test]
    fn says_when_there_are_none() {
        let d = unknown(SOURCE, "a", "", []);
        assert_eq!(d.message, "unknown source `a` (there are no sources)");
        assert_eq!(d.hint.as_deref(), Some("add the source first"));
    }
}
