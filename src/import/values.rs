//! Reading the YAML or TOML of a source site (front matter, config files) as plain
//! data, whatever keys it holds.

use serde_json::{Map, Value};

use crate::diagnostics::Diagnostic;

/// A mapping of keys to values (sorted by key).
pub(super) type Table = Map<String, Value>;

/// How deep front matter or a config may nest lists and tables. Deeper text is refused
/// before it is parsed: the parsers take time quadratic in the depth before their own
/// limits stop them.
const MAX_DEPTH: usize = 64;

/// Parses TOML text into a table. TOML dates become their text (`2026-05-27`).
pub(super) fn from_toml(text: &str) -> Result<Table, String> {
    check_depth(text)?;
    let table: toml::Table = toml::from_str(text).map_err(|e| e.message().to_string())?;
    Ok(toml_table(table))
}

/// Parses YAML text into a table; a blank document is an empty one.
pub(super) fn from_yaml(text: &str) -> Result<Table, String> {
    if text.trim().is_empty() {
        return Ok(Table::new());
    }
    check_depth(text)?;
    match crate::yaml::to_value(text) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(Value::Null) => Ok(Table::new()),
        Ok(_) => Err("the front matter is not a mapping of keys to values".to_string()),
        Err(message) => Err(message),
    }
}

/// Parses a config file by its extension: `.toml`, `.yaml`/`.yml` or `.json`.
pub(super) fn from_config(name: &str, text: &str) -> Result<Table, Diagnostic> {
    let parsed = if name.ends_with(".toml") {
        from_toml(text)
    } else if name.ends_with(".json") {
        serde_json::from_str(text).map_err(|e| e.to_string())
    } else {
        from_yaml(text)
    };
    parsed.map_err(|reason| {
        Diagnostic::error(format!("cannot read the site's config: {reason}")).in_file(name)
    })
}

/// Refuses YAML or TOML whose `[` and `{` nest deeper than [`MAX_DEPTH`], in one pass:
/// brackets inside quoted strings and comments do not count. A quote starts a string
/// only where a value or key can start (after `:`, `=`, `-`, `[`, `{`, `,`, `?` or at
/// the start of a line), so an apostrophe in plain text (`don't`) hides nothing.
fn check_depth(text: &str) -> Result<(), String> {
    let (mut depth, mut line) = (0usize, 1usize);
    let (mut quote, mut escaped, mut comment) = (None, false, false);
    let (mut before, mut previous) = ('\n', '\n');
    for c in text.chars() {
        if c == '\n' {
            line += 1;
            comment = false;
        }
        if comment {
            continue;
        }
        if let Some(open) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' && open == '"' {
                escaped = true;
            } else if c == open {
                quote = None;
            }
        } else {
            match c {
                '"' | '\'' if "\n:=-[{,?".contains(before) => quote = Some(c),
                '#' if previous.is_whitespace() => comment = true,
                '[' | '{' => {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return Err(format!(
                            "it nests lists and tables more than {MAX_DEPTH} levels deep (line {line})"
                        ));
                    }
                }
                ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        if c == '\n' || !c.is_whitespace() {
            before = c;
        }
        previous = c;
    }
    Ok(())
}

fn toml_table(table: toml::Table) -> Table {
    table.into_iter().map(|(k, v)| (k, toml_value(v))).collect()
}

fn toml_value(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(toml_value).collect()),
        toml::Value::Table(t) => Value::Object(toml_table(t)),
    }
}

/// The text of a value that is a string, a number or a boolean.
pub(super) fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The strings of a value that is a list of them, or one string.
pub(super) fn strings(value: &Value) -> Vec<String> {
    match value {
        Value::Array(items) => items.iter().filter_map(text).collect(),
        other => text(other).into_iter().collect(),
    }
}

/// `table.a.b…`, if every step is a table.
pub(super) fn get<'a>(table: &'a Table, keys: &[&str]) -> Option<&'a Value> {
    let (first, rest) = keys.split_first()?;
    let value = table.get(*first)?;
    if rest.is_empty() {
        return Some(value);
    }
    get(value.as_object()?, rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_dates_become_text_and_tables_nest() {
        let t = from_toml("date = 2026-05-27\n[params]\nx = [1, \"a\"]\n").unwrap();
        assert_eq!(t["date"], "2026-05-27");
        assert_eq!(strings(get(&t, &["params", "x"]).unwrap()), ["1", "a"]);
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        let deep = format!("a: {}{}\n", "[".repeat(65), "]".repeat(65));
        let err = from_yaml(&deep).unwrap_err();
        assert!(err.contains("more than 64 levels deep (line 1)"), "{err}");
        let deep = format!("a = {}1{}\n", "[".repeat(65), "]".repeat(65));
        assert!(from_toml(&deep).is_err());
        let quoted = format!(
            "a: \"{}\"\nb: don't [1] # {}\n",
            "[".repeat(99),
            "{".repeat(99)
        );
        assert_eq!(from_yaml(&quoted).unwrap()["b"], "don't [1]");
    }

    #[test]
    fn yaml_must_be_a_mapping() {
        assert!(from_yaml("").unwrap().is_empty());
        assert!(from_yaml("- a\n").is_err());
        assert_eq!(from_yaml("title: A\n").unwrap()["title"], "A");
    }
}
