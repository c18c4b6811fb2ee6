//! The Tera environment: the theme's templates, parsed once per build.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tera::{ComponentInfo, Context, ErrorKind, Kwargs, State, Tera, Value};

use crate::diagnostics::Diagnostic;
use crate::i18n::Strings;
use crate::source::SourceFile;

/// The theme's templates, compiled.
pub(crate) struct Templates {
    tera: Tera,
    sources: BTreeMap<String, SourceFile>,
}

/// The templates every theme must provide.
pub(super) const REQUIRED: [&str; 9] = [
    "base.html",
    "home.html",
    "cluster.html",
    "article.html",
    "page.html",
    "tag.html",
    "tags.html",
    "404.html",
    "search.html",
];

impl Templates {
    /// Compiles every template of the theme, with `strings` behind the `t` function; a
    /// syntax error names the template and line.
    pub(crate) fn new(
        sources: &BTreeMap<String, SourceFile>,
        strings: &Arc<Strings>,
    ) -> Result<Templates, Vec<Diagnostic>> {
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml", ".svg"]);
        tera.register_filter("escape_xml", escape_xml);
        tera.register_function("t", crate::i18n::template_function(Arc::clone(strings)));
        tera.register_function(
            "script_words",
            crate::i18n::script_words(Arc::clone(strings)),
        );
        let mut problems = Vec::new();
        for name in REQUIRED {
            if !sources.contains_key(name) {
                problems.push(
                    Diagnostic::error(format!("the theme has no template `{name}`"))
                        .in_file(format!("templates/{name}"))
                        .with_hint(
                            "add it to the theme's templates/ folder, or remove the override",
                        ),
                );
            }
        }
        let all = sources
            .iter()
            .map(|(name, file)| (name.as_str(), &*file.text));
        match tera.add_raw_templates(all) {
            Ok(()) => problems.extend(check_shortcode_templates(&tera, sources)),
            Err(err) => problems.push(to_diagnostic(&err, sources)),
        }
        if problems.is_empty() {
            Ok(Templates {
                tera,
                sources: sources.clone(),
            })
        } else {
            Err(problems)
        }
    }

    /// Renders `name` with `context`; an error names the template and line. A page
    /// that takes longer than [`RENDER_BUDGET`] is stopped with an error naming the
    /// template, so a runaway loop cannot wedge a build or `pillar serve`.
    pub(crate) fn render(&self, name: &str, context: &Context) -> Result<String, Diagnostic> {
        let mut out = Budgeted {
            bytes: Vec::new(),
            deadline: Instant::now() + RENDER_BUDGET,
            writes: 0,
        };
        match self.tera.render_to(name, context, &mut out) {
            Ok(()) => String::from_utf8(out.bytes).map_err(|_| {
                Diagnostic::error(format!("the template `{name}` wrote invalid UTF-8"))
            }),
            Err(_) if Instant::now() >= out.deadline => Err(over_budget(name, &self.sources)),
            Err(err) => Err(to_diagnostic(&err, &self.sources)),
        }
    }
}

impl Templates {
    /// The shortcode `name`: the component of that name that `shortcodes/NAME.html`
    /// defines.
    pub(crate) fn shortcode(&self, name: &str) -> Option<ComponentInfo> {
        let file = format!("{SHORTCODES}{name}.html");
        self.sources
            .contains_key(&file)
            .then(|| self.tera.get_component_definition(name))?
    }

    /// The names of every shortcode, sorted.
    pub(crate) fn shortcode_names(&self) -> Vec<&str> {
        self.sources
            .keys()
            .filter_map(|k| k.strip_prefix(SHORTCODES)?.strip_suffix(".html"))
            .collect()
    }

    /// Renders the shortcode `name` with its arguments, the values it may ask for with
    /// `@name` (`implicits`) and its body's HTML. An error is the template's.
    pub(crate) fn render_shortcode(
        &self,
        name: &str,
        args: &Context,
        implicits: &Context,
        body: &str,
    ) -> Result<String, Diagnostic> {
        self.tera
            .render_component_with_implicits(name, args, implicits, Some(body), true)
            .map_err(|err| to_diagnostic(&err, &self.sources))
    }
}

/// The `escape_xml` filter, in place of Tera's: [`crate::html::escape`], which also
/// drops the characters XML 1.0 forbids, so no value can make a feed or sitemap
/// ill-formed. Its result is marked safe, so auto-escape does not escape it twice.
fn escape_xml(text: &str, _: Kwargs, _: &State) -> Value {
    Value::safe_string(&crate::html::escape(text))
}

/// The folder of the templates that are shortcodes.
pub(super) const SHORTCODES: &str = "shortcodes/";

/// Each `shortcodes/NAME.html` must define the component `NAME`.
fn check_shortcode_templates(
    tera: &Tera,
    sources: &BTreeMap<String, SourceFile>,
) -> Vec<Diagnostic> {
    sources
        .iter()
        .filter_map(|(file, source)| {
            let name = file.strip_prefix(SHORTCODES)?.strip_suffix(".html")?;
            if tera.get_component_definition(name).is_some() {
                return None;
            }
            Some(
                Diagnostic::error(format!("the shortcode template defines no component `{name}`"))
                    .in_file(&source.path)
                    .with_hint(format!(
                        "write its HTML between `{{% component {name}(arg: string) %}}` and `{{% endcomponent {name} %}}`"
                    )),
            )
        })
        .collect()
}

/// How long one page may take to render: far more than any real page needs (they take
/// milliseconds), little enough that a template looping without end is stopped soon.
pub(super) const RENDER_BUDGET: Duration = Duration::from_secs(5);

/// The output of one render, refusing more once its time is up. Tera writes as it
/// goes, so the check runs inside every loop that produces output (on every 256th
/// write: reading the clock on each would cost more than the rest of the write).
struct Budgeted {
    bytes: Vec<u8>,
    deadline: Instant,
    writes: u32,
}

impl std::io::Write for Budgeted {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.writes = self.writes.wrapping_add(1);
        if self.writes.is_multiple_of(256) && Instant::now() >= self.deadline {
            return Err(std::io::Error::other("the render's time budget is used up"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The error for a page whose template `name` ran over [`RENDER_BUDGET`].
fn over_budget(name: &str, sources: &BTreeMap<String, SourceFile>) -> Diagnostic {
    let message = format!(
        "the template `{name}` took more than {} s to render a page, so it was stopped",
        RENDER_BUDGET.as_secs()
    );
    let hint =
        "look for a loop that runs far more often than meant (nested `for` over large ranges)";
    match sources.get(name) {
        Some(file) => Diagnostic::error(message)
            .in_file(&file.path)
            .with_hint(hint),
        None => Diagnostic::error(message).with_hint(hint),
    }
}

/// A Tera error as a diagnostic at the template's file and line.
fn to_diagnostic(err: &tera::Error, sources: &BTreeMap<String, SourceFile>) -> Diagnostic {
    // Tera may wrap the error that carries the span (a filter failing inside a block of a
    // child template, say): look for it along the chain of sources.
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = current {
        if let Some(inner) = e.downcast_ref::<tera::Error>()
            && matches!(
                inner.kind(),
                ErrorKind::SyntaxError(_) | ErrorKind::RenderingError(_)
            )
        {
            return located(inner, sources);
        }
        current = e.source();
    }
    from_report_text(&err.to_string(), sources)
}

/// Some Tera errors carry their position only in their rendered text
/// (`error: …\n --> page.html:3:17`); read it from there.
fn from_report_text(text: &str, sources: &BTreeMap<String, SourceFile>) -> Diagnostic {
    let first_line = text.lines().next().unwrap_or(text);
    let message = format!(
        "template error: {}",
        first_line.trim_start_matches("error: ")
    );
    let position = text
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("--> "))
        .and_then(|place| {
            let mut parts = place.rsplitn(3, ':');
            let col: usize = parts.next()?.trim().parse().ok()?;
            let line: usize = parts.next()?.trim().parse().ok()?;
            Some((parts.next()?.to_string(), line, col))
        });
    match position.and_then(|(name, line, col)| Some((sources.get(&name)?, line, col))) {
        Some((file, line, col)) => {
            let start = file.line_start(line).unwrap_or(0) + col.saturating_sub(1);
            Diagnostic::error(message).at(file, start..start + 1)
        }
        None => Diagnostic::error(message).in_file("templates"),
    }
}

/// A hint for the template syntax errors whose message says least about the cause.
fn syntax_hint(message: &str, word: &str) -> Option<String> {
    let word = word.trim();
    (message == "Unknown tag" && !word.is_empty()).then(|| {
        format!(
            "`{word}` cannot go here: check that every `{{% if %}}` and `{{% for %}}` before it \
             is closed (`endif`, `endfor`) and that the tag is spelt right"
        )
    })
}

/// A diagnostic for an error whose kind carries a span.
fn located(err: &tera::Error, sources: &BTreeMap<String, SourceFile>) -> Diagnostic {
    match err.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let message = format!("template error: {}", report.message());
            match sources.get(report.filename()) {
                Some(file) => {
                    let span = report.span();
                    let start = file.line_start(span.start_line).unwrap_or(0) + span.start_col;
                    let end = if span.end_line == span.start_line {
                        (start + span.end_col.saturating_sub(span.start_col)).max(start + 1)
                    } else {
                        start + 1
                    };
                    let diagnostic = Diagnostic::error(message).at(file, start..end);
                    let word = file.text.get(start..end).unwrap_or_default();
                    match syntax_hint(report.message(), word) {
                        Some(hint) => diagnostic.with_hint(hint),
                        None => diagnostic,
                    }
                }
                None => {
                    Diagnostic::error(message).in_file(format!("templates/{}", report.filename()))
                }
            }
        }
        _ => Diagnostic::error(format!("template error: {err}")).in_file("templates"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english() -> Arc<Strings> {
        Arc::new(Strings::english())
    }

    fn sources(pairs: &[(&str, &str)]) -> BTreeMap<String, SourceFile> {
        let mut map: BTreeMap<String, SourceFile> = REQUIRED
            .iter()
            .map(|n| {
                (
                    n.to_string(),
                    SourceFile::new(format!("themes/t/templates/{n}"), "ok"),
                )
            })
            .collect();
        for (name, text) in pairs {
            map.insert(
                name.to_string(),
                SourceFile::new(format!("themes/t/templates/{name}"), text),
            );
        }
        map
    }

    #[test]
    fn syntax_error_names_template_and_line() {
        let err = Templates::new(
            &sources(&[("page.html", "line one\n{% if %}\n")]),
            &english(),
        )
        .err()
        .unwrap();
        let d = &err[0];
        assert_eq!(
            d.path().unwrap().to_string_lossy(),
            "themes/t/templates/page.html"
        );
        assert_eq!(d.line_col().unwrap().line, 2);
        assert!(d.message.starts_with("template error"), "{}", d.message);
    }

    #[test]
    fn missing_template_is_named() {
        let mut map = sources(&[]);
        map.remove("tag.html");
        let err = Templates::new(&map, &english()).err().unwrap();
        assert!(err[0].message.contains("`tag.html`"));
    }

    #[test]
    fn rendering_error_names_the_line() {
        let t = Templates::new(
            &sources(&[("page.html", "a\n{{ missing.field }}\n")]),
            &english(),
        )
        .ok()
        .unwrap();
        let d = t.render("page.html", &Context::new()).unwrap_err();
        assert_eq!(d.line_col().unwrap().line, 2, "{d}");
    }
}
