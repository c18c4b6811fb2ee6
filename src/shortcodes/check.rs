//! Checking every call against its template: the shortcode exists, each argument is
//! one it declares, of the type it declares, and none it needs is missing.
//!
//! A shortcode declares its arguments as a Tera component does:
//! `{% component figure(src: string, caption: string = "") %}`. An argument with a
//! default may be left out; one without is needed; a `...rest` argument takes any.

use tera::{ComponentArgType, ComponentInfo};

use super::{ArgValue, Call, INCLUDE};
use crate::diagnostics::{Diagnostic, Diagnostics, closest};
use crate::model::{Page, Site};
use crate::render::Templates;
use crate::source::SourceFile;

/// Every problem with the calls of every page.
pub(crate) fn check(site: &Site, templates: &Templates) -> Diagnostics {
    let mut problems = Diagnostics::new();
    for page in &site.pages {
        problems.extend(check_page(page, templates));
    }
    problems
}

/// Every problem with the calls of `page`.
pub(crate) fn check_page(page: &Page, templates: &Templates) -> Diagnostics {
    let mut problems = Diagnostics::new();
    for call in &page.outline.shortcodes {
        check_call(&page.source, call, templates, &mut problems);
    }
    problems
}

/// Checks `call` (written in `file`) and the calls in its body.
fn check_call(file: &SourceFile, call: &Call, templates: &Templates, problems: &mut Diagnostics) {
    if call.name == INCLUDE {
        // Built in, and checked when the model resolved it; what it includes is not.
        if let Some(included) = &call.include {
            for inner in &included.calls {
                check_call(&included.file, inner, templates, problems);
            }
        }
        return;
    }
    match templates.shortcode(&call.name) {
        Some(info) => check_args(file, call, &info, problems),
        None => problems.push(unknown(file, call, templates)),
    }
    for child in call.children() {
        check_call(file, child, templates, problems);
    }
}

/// The error for a call to no shortcode.
fn unknown(file: &SourceFile, call: &Call, templates: &Templates) -> Diagnostic {
    let names = templates.shortcode_names();
    let hint = match closest(&call.name, names.iter().copied()) {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!(
            "a shortcode is a template templates/shortcodes/{}.html in the site or its theme; the shortcodes are {}",
            call.name,
            names
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    Diagnostic::error(format!("unknown shortcode `{}`", call.name))
        .at(file, call.name_range.clone())
        .with_hint(hint)
}

/// Checks the arguments of a call to the shortcode `info` declares.
fn check_args(file: &SourceFile, call: &Call, info: &ComponentInfo, problems: &mut Diagnostics) {
    let declared: Vec<&str> = info
        .args()
        .iter()
        .filter(|a| !a.is_implicit())
        .map(|a| a.name())
        .collect();
    let listed = || {
        if declared.is_empty() {
            format!("`{}` takes no arguments", call.name)
        } else {
            format!(
                "its arguments are {}",
                declared
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    };
    for arg in &call.args {
        let Some(spec) = info.args().iter().find(|a| a.name() == arg.name) else {
            if info.rest_param().is_none() {
                let hint = match closest(&arg.name, declared.iter().copied()) {
                    Some(best) => format!("did you mean `{best}`? {}", listed()),
                    None => listed(),
                };
                problems.push(
                    Diagnostic::error(format!(
                        "the shortcode `{}` has no argument `{}`",
                        call.name, arg.name
                    ))
                    .at(file, arg.range.clone())
                    .with_hint(hint),
                );
            }
            continue;
        };
        if let Some(wanted) = spec.arg_type().filter(|t| !fits(&arg.value, *t)) {
            problems.push(
                Diagnostic::error(format!(
                    "the argument `{}` of `{}` takes {}, not {}",
                    arg.name,
                    call.name,
                    type_name(wanted),
                    arg.value.kind()
                ))
                .at(file, arg.range.clone())
                .with_hint(type_hint(wanted)),
            );
        }
    }
    for spec in info.args().iter().filter(|a| a.is_required()) {
        if call.arg(spec.name()).is_none() {
            problems.push(
                Diagnostic::error(format!(
                    "the shortcode `{}` needs the argument `{}`",
                    call.name,
                    spec.name()
                ))
                .at(file, call.name_range.clone())
                .with_hint(format!(
                    "add `{}=\"…\"` inside the braces after `{}`",
                    spec.name(),
                    call.name
                )),
            );
        }
    }
}

/// Does a value written in markdown fit the declared type?
fn fits(value: &ArgValue, wanted: ComponentArgType) -> bool {
    matches!(
        (value, wanted),
        (ArgValue::Text(_), ComponentArgType::String)
            | (ArgValue::Bool(_), ComponentArgType::Bool)
            | (ArgValue::Integer(_), ComponentArgType::Integer)
            | (
                ArgValue::Integer(_) | ArgValue::Float(_),
                ComponentArgType::Float | ComponentArgType::Number
            )
    )
}

/// A type as the error message says it.
fn type_name(wanted: ComponentArgType) -> &'static str {
    match wanted {
        ComponentArgType::String => "text",
        ComponentArgType::Bool => "a boolean",
        ComponentArgType::Integer => "a whole number",
        ComponentArgType::Float | ComponentArgType::Number => "a number",
        _ => "a list or map, which markdown cannot write",
    }
}

/// How to write a value of the type.
fn type_hint(wanted: ComponentArgType) -> &'static str {
    match wanted {
        ComponentArgType::String => "quote the value: `name=\"…\"`",
        ComponentArgType::Bool => "write `true` or `false`, without quotes",
        ComponentArgType::Integer => "write digits, without quotes: `width=640`",
        ComponentArgType::Float | ComponentArgType::Number => {
            "write a number, without quotes: `ratio=1.5`"
        }
        _ => "declare the argument as `string` in the template and split it there",
    }
}
