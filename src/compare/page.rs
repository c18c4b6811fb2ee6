//! The body of a dataset's interactive page, `/compare/<id>/`.

use std::fmt::Write;

use serde::Serialize;

use super::block::CompareBlock;
use super::dataset::Dataset;
use super::table::render_table;
use crate::html::{escape, json_for_script};
use crate::link::LinkResolver;

/// The words the script shows; `{n}` is a count, `{options}` and `{dimensions}` the
/// counted phrases.
#[derive(Serialize)]
struct Messages {
    status: &'static str,
    option: [&'static str; 2],
    dimension: [&'static str; 2],
    #[serde(rename = "tooFewOptions")]
    too_few_options: &'static str,
    #[serde(rename = "noDimension")]
    no_dimension: &'static str,
}

const MESSAGES: Messages = Messages {
    status: "Showing {options} and {dimensions}.",
    option: ["{n} option", "{n} options"],
    dimension: ["{n} dimension", "{n} dimensions"],
    too_few_options: "Tick at least two options to compare. The table still shows your last choice.",
    no_dimension: "Tick at least one dimension. The table still shows your last choice.",
};

/// The body of the compare page: the dataset's description, a form of checkboxes
/// (entities as `e`, dimensions as `d`, each group a fieldset with a legend), a live
/// region, and the full table, which `compare.js` filters. The form is `hidden` until the
/// script shows it, so without JavaScript the page is just the complete table.
pub fn render_page(dataset: &Dataset, links: &dyn LinkResolver) -> String {
    let mut out = String::from("<div class=\"compare-page\" data-compare>\n");
    if let Some(description) = dataset.description() {
        let _ = writeln!(out, "<p class=\"compare-lede\">{}</p>", escape(description));
    }
    out.push_str("<form class=\"compare-controls\" data-compare-form hidden>\n");
    let entities = dataset.entities().iter().map(|e| {
        let summary = e.summary.as_deref().map(escape);
        (e.id.as_str(), escape(&e.name), summary)
    });
    out.push_str(&fieldset("Options to compare", "e", entities));
    let dimensions = dataset.dimensions().iter().map(|d| {
        let description = d.description.as_deref().map(escape);
        (d.id.as_str(), escape(&d.label), description)
    });
    out.push_str(&fieldset("Dimensions to show", "d", dimensions));
    out.push_str("</form>\n");
    out.push_str("<p class=\"compare-status\" role=\"status\" aria-live=\"polite\" data-compare-status></p>\n");
    out.push_str(&render_table(&CompareBlock::whole(dataset), dataset, links, "compare"));
    let _ = writeln!(
        out,
        "<script type=\"application/json\" data-compare-messages>{}</script>",
        json_for_script(&MESSAGES)
    );
    out.push_str("</div>\n");
    out
}

/// A fieldset of ticked checkboxes named `name`: one per (id, escaped label, escaped
/// description).
fn fieldset<'a>(
    legend: &str,
    name: &str,
    choices: impl Iterator<Item = (&'a str, String, Option<String>)>,
) -> String {
    let mut out = format!("<fieldset>\n<legend>{legend}</legend>\n<ul class=\"compare-choices\">\n");
    for (id, label, description) in choices {
        let description = description
            .map(|d| format!(" <span class=\"compare-choice-description\">{d}</span>"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "<li><label><input type=\"checkbox\" name=\"{name}\" value=\"{}\" checked> \
             <span class=\"compare-choice-label\">{label}</span>{description}</label></li>",
            escape(id)
        );
    }
    out.push_str("</ul>\n</fieldset>\n");
    out
}
