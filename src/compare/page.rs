//! The body of a dataset's interactive page, `/compare/<id>/`.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;

use super::block::CompareBlock;
use super::dataset::Dataset;
use super::table::render_table;
use crate::html::{escape, json_for_script};
use crate::i18n::Strings;
use crate::link::LinkResolver;

/// The words the script shows; `{n}` is a count, `{options}` and `{dimensions}` the
/// counted phrases, given in every plural form the language writes (the script picks
/// one with `Intl.PluralRules`).
#[derive(Serialize)]
struct Messages<'a> {
    status: &'a str,
    option: BTreeMap<&'static str, &'a str>,
    dimension: BTreeMap<&'static str, &'a str>,
    #[serde(rename = "tooFewOptions")]
    too_few_options: &'a str,
    #[serde(rename = "noDimension")]
    no_dimension: &'a str,
}

impl<'a> Messages<'a> {
    fn new(words: &'a Strings) -> Self {
        let forms = |key| words.forms(key);
        Messages {
            status: words.text("compare_status"),
            option: forms("compare_option_count"),
            dimension: forms("compare_dimension_count"),
            too_few_options: words.text("compare_too_few_options"),
            no_dimension: words.text("compare_no_dimension"),
        }
    }
}

/// The body of the compare page: the dataset's description, a form of checkboxes
/// (entities as `e`, dimensions as `d`, each group a fieldset with a legend), a live
/// region, and the full table, which `compare.js` filters. The form is `hidden` until the
/// script shows it, so without JavaScript the page is just the complete table.
pub(crate) fn render_page(dataset: &Dataset, links: &dyn LinkResolver) -> String {
    let words = links.words();
    let mut out = String::from("<div class=\"compare-page\" data-compare>\n");
    if let Some(description) = dataset.description() {
        let _ = writeln!(out, "<p class=\"compare-lede\">{}</p>", escape(description));
    }
    out.push_str("<form class=\"compare-controls\" data-compare-form hidden>\n");
    let entities = dataset.entities().iter().map(|e| {
        let summary = e.summary.as_deref().map(escape);
        (e.id.as_str(), escape(&e.name), summary)
    });
    out.push_str(&fieldset(
        &escape(words.text("compare_options")),
        "e",
        "compare-choices",
        entities,
    ));
    // Dimension descriptions are in the table's row headers; the list stays short.
    let dimensions = dataset
        .dimensions()
        .iter()
        .map(|d| (d.id.as_str(), escape(&d.label), None));
    let class = "compare-choices compare-choices-compact";
    let legend = escape(words.text("compare_dimensions"));
    out.push_str(&fieldset(&legend, "d", class, dimensions));
    out.push_str("</form>\n");
    out.push_str("<p class=\"compare-status\" role=\"status\" aria-live=\"polite\" data-compare-status></p>\n");
    out.push_str(&render_table(
        &CompareBlock::whole(dataset),
        dataset,
        links,
        "compare",
    ));
    let _ = writeln!(
        out,
        "<script type=\"application/json\" data-compare-messages>{}</script>",
        json_for_script(&Messages::new(words))
    );
    out.push_str("</div>\n");
    out
}

/// A fieldset of ticked checkboxes named `name` in a list of class `class`: one per (id,
/// escaped label, escaped description). The description stays out of the label, so the checkbox's name is short,
/// and is linked to it with `aria-describedby`.
fn fieldset<'a>(
    legend: &str,
    name: &str,
    class: &str,
    choices: impl Iterator<Item = (&'a str, String, Option<String>)>,
) -> String {
    let mut out = format!("<fieldset>\n<legend>{legend}</legend>\n<ul class=\"{class}\">\n");
    for (id, label, description) in choices {
        let id = escape(id);
        let about = format!("compare-{name}-{id}-about");
        let (described, description) = match description {
            Some(d) => (
                format!(" aria-describedby=\"{about}\""),
                format!(" <span class=\"compare-choice-description\" id=\"{about}\">{d}</span>"),
            ),
            None => (String::new(), String::new()),
        };
        let _ = writeln!(
            out,
            "<li><label><input type=\"checkbox\" name=\"{name}\" value=\"{id}\" checked{described}> \
             {label}</label>{description}</li>"
        );
    }
    out.push_str("</ul>\n</fieldset>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::test_support::{
        ALTITUDE, HOSTILE, Links, assert_inert, attributes, dataset,
    };

    #[test]
    fn page_of_a_dataset() {
        let d = dataset("altitude", ALTITUDE);
        insta::assert_snapshot!(render_page(&d, &Links));
    }

    #[test]
    fn without_the_script_the_page_is_the_full_table() {
        let d = dataset("altitude", ALTITUDE);
        let html = render_page(&d, &Links);
        assert!(html.contains("<form class=\"compare-controls\" data-compare-form hidden>"));
        assert_eq!(
            attributes(&html, "value"),
            [
                "fractional-sales-leader",
                "fractional-cro",
                "advisor",
                "horizon",
                "monthly-cost",
                "kpi"
            ]
        );
        assert_eq!(attributes(&html, "data-dimension").len(), 3);
        assert_eq!(attributes(&html, "data-entity").len(), 3 * 4);
        assert_eq!(html.matches("<fieldset>").count(), 2);
        assert_eq!(html.matches("<legend>").count(), 2);
    }

    #[test]
    fn hostile_labels_stay_text() {
        let d = dataset("hostile", HOSTILE);
        let html = render_page(&d, &Links);
        assert_inert(&html);
        let json = html.split("data-compare-messages>").nth(1).unwrap();
        assert_eq!(json.matches("</script>").count(), 1, "{json}");
    }
}
