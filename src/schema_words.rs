//! How pillar words a mistake against a schema, for YAML and TOML alike: an unknown
//! key with the closest known one, a wrong type in an author's terms.

use crate::diagnostics::closest;

/// The message and hint for the key `key`, unknown where `expected` are the known keys;
/// `path` is where it was written (empty at the top level).
pub(crate) fn unknown_key(key: &str, known: &[&str], path: &str) -> (String, Option<String>) {
    let hint = match closest(key, known.iter().copied()) {
        Some(best) => format!("did you mean `{best}`?"),
        None if known.is_empty() => "remove it".to_string(),
        None if known.contains(&"extra") => format!(
            "move it under `extra`, where data for the theme goes; known keys here: {}",
            known.join(", ")
        ),
        None => format!("known keys here: {}", known.join(", ")),
    };
    let place = if path.is_empty() {
        String::new()
    } else {
        format!(" in `{path}`")
    };
    (format!("unknown key `{key}`{place}"), Some(hint))
}

/// serde's name for an expected type in an author's words: Rust's type names
/// (`i64`, `struct SiteConfig`) mean nothing to someone writing YAML.
pub(crate) fn plain(expected: &str) -> String {
    let word = expected.trim();
    let named = match word {
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => "a whole number",
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => "a whole number, 0 or more",
        "f32" | "f64" => "a number",
        "unit" => "nothing",
        "char" => "a single character",
        _ if word.starts_with("struct ") || word == "a map" => "a mapping of `key: value` lines",
        _ if word.starts_with("enum ") => "one of the values this key takes",
        _ if word.starts_with("sequence") || word.starts_with("tuple") => "a list",
        _ => return expected.to_string(),
    };
    named.to_string()
}

/// How to write a value of the `expected` type, for the types authors most often get
/// wrong.
pub(crate) fn type_hint(expected: &str) -> Option<String> {
    let hint = match expected {
        "a boolean" => "write `true` or `false`, without quotes",
        "a sequence" => "write a list: `[a, b]`, or one `- item` per line",
        "a string" => "put the value in quotes",
        _ => return None,
    };
    Some(hint.to_string())
}

/// A key path as authors read it: `faq[0].answer`, from its steps (`faq`, `[0]`,
/// `answer`).
pub(crate) fn joined(path: &[String]) -> String {
    let mut out = String::new();
    for step in path {
        if !out.is_empty() && !step.starts_with('[') {
            out.push('.');
        }
        out.push_str(step);
    }
    out
}

/// A key path (`faq[0].answer`) in backticks, or "the value" at the top level.
pub(crate) fn named(path: &str) -> String {
    match path {
        "" => "the value".to_string(),
        path => format!("`{path}`"),
    }
}

/// serde's list of the values a key takes: "expected `date` or `weight`".
pub(crate) fn one_of(expected: &[&str]) -> String {
    match expected {
        [] => "there are no variants".to_string(),
        [one] => format!("expected `{one}`"),
        [a, b] => format!("expected `{a}` or `{b}`"),
        many => {
            let quoted: Vec<String> = many.iter().map(|v| format!("`{v}`")).collect();
            format!("expected one of {}", quoted.join(", "))
        }
    }
}
