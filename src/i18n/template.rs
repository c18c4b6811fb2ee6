//! The functions templates read the strings with: `t` for a phrase,
//! `{{ t(key="home") }}`, `{{ t(key="min_read", n=page.reading_minutes) }}`,
//! `{{ t(key="more_in", section=link | safe) }}`; `script_words` for the phrases a
//! script shows, as JSON for a `<script type="application/json">`.

use std::sync::Arc;

use tera::{Error, Kwargs, State, TeraResult, Value};

use super::{Phrase, Strings};
use crate::html::{escape, json_for_script};

/// The `t` function over `strings`: the phrase `key`, in the plural form for `n` if
/// given, each other argument filling the `{name}` of its name. The phrase and plain
/// values are escaped; a value marked `safe` (a link built in the template) goes in as
/// it is. An unknown key is an error at the template's line.
pub(crate) fn function(strings: Arc<Strings>) -> impl Fn(Kwargs, &State) -> TeraResult<Value> {
    move |kwargs: Kwargs, _: &State| {
        let key: &str = kwargs.must_get("key")?;
        if !strings.phrases().contains_key(key) {
            return Err(Error::message(format!(
                "no phrase `{key}` in the strings of `{}`",
                strings.language()
            )));
        }
        let mut values: Vec<(String, String)> = Vec::new();
        let mut n = None;
        for (name, value) in kwargs.iter() {
            let Some(name) = name.as_str() else { continue };
            if name == "key" {
                continue;
            }
            if name == "n" {
                n = Some(value.as_u64().ok_or_else(|| {
                    Error::message(format!("`n` must be a count, not `{value}`"))
                })?);
            }
            let text = match value.as_str() {
                Some(s) if value.is_safe() => s.to_string(),
                Some(s) => escape(s),
                None => escape(&value.to_string()),
            };
            values.push((name.to_string(), text));
        }
        let pairs: Vec<(&str, &str)> = values
            .iter()
            .filter(|(name, _)| name != "n")
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let out = match n {
            Some(n) => strings.count_html(key, usize::try_from(n).unwrap_or(usize::MAX), &pairs),
            None => strings.fill_html(key, &pairs),
        };
        Ok(Value::safe_string(&out))
    }
}

/// The `script_words` function over `strings`: the phrases `keys` names, as a JSON
/// object safe inside `<script>` (a counted phrase as an object of its plural forms,
/// which a script picks from with `Intl.PluralRules`). An unknown key is an error.
pub(crate) fn script_words(strings: Arc<Strings>) -> impl Fn(Kwargs, &State) -> TeraResult<Value> {
    move |kwargs: Kwargs, _: &State| {
        let keys: Vec<String> = kwargs.must_get("keys")?;
        let mut words = serde_json::Map::new();
        for key in keys {
            let value = match strings.phrases().get(&key) {
                Some(Phrase::Plain(text)) => serde_json::json!(text),
                Some(Phrase::Counted(forms)) => serde_json::json!(forms),
                None => {
                    return Err(Error::message(format!(
                        "no phrase `{key}` in the strings of `{}`",
                        strings.language()
                    )));
                }
            };
            words.insert(key, value);
        }
        Ok(Value::safe_string(&json_for_script(&words)))
    }
}
