//! The `cost` component: a total-cost calculator from the datasets in `content/calculators/`,
//! placed with a ```` ```cost ```` block (`calculator: <id>`). It sets a fractional
//! engagement's total against the full-time figures and the time to impact, each
//! number from a dataset cell with its source, the sums labelled as arithmetic. Without
//! script it is a table of the totals over each source's own length; `cost.js` sums
//! them for the reader's ARR band, role, days a week and months.

mod arithmetic;
mod data;
mod html;
mod markdown;
mod result;

use std::ops::Range;
use std::sync::Arc;

use serde::Deserialize;

use super::{Component, PlacedBlock};
use crate::catalog::{Catalog, Lookup};
use crate::diagnostics::{Diagnostic, Diagnostics, closest};
use crate::link::{ContentLink, LinkResolver};
use crate::load::ThemeFile;
use crate::render::GeneratedPage;
use crate::source::SourceFile;
use crate::yaml;

use data::{CostData, load_costs};

/// The script that sums the figures for the reader's inputs.
const SCRIPT: &str = "js/cost.js";

/// The calculators' datasets, by id.
#[derive(Default)]
pub(super) struct Cost {
    datasets: Catalog<CostData>,
}

/// A placed calculator: the dataset it sums.
struct Calculator(Arc<CostData>);

/// The YAML body of a `cost` block.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBlock {
    calculator: String,
}

impl Component for Cost {
    fn fence(&self) -> &'static str {
        "cost"
    }

    fn data_folder(&self) -> &'static str {
        "calculators"
    }

    fn theme_files(&self) -> &'static [ThemeFile] {
        &[
            ("static/css/cost.css", include_bytes!("cost/cost.css")),
            ("static/js/cost.js", include_bytes!("cost/cost.js")),
        ]
    }

    fn load(&mut self, files: &[SourceFile], problems: &mut Diagnostics) {
        self.datasets = Catalog::load(files, load_costs, CostData::id, problems);
    }

    fn place(
        &self,
        source: &SourceFile,
        body: Range<usize>,
    ) -> Result<Box<dyn PlacedBlock>, Diagnostics> {
        let raw: RawBlock = yaml::parse(source, body.clone())?;
        match self.datasets.lookup(&raw.calculator) {
            Lookup::Found(data) => Ok(Box::new(Calculator(Arc::clone(data)))),
            Lookup::Failed => Err(Diagnostics::new()),
            Lookup::Unknown => {
                let at = source
                    .find_in(body.clone(), &raw.calculator)
                    .unwrap_or(body.start..body.start);
                let known = self.datasets.ids().collect::<Vec<_>>().join(", ");
                let hint = match closest(&raw.calculator, self.datasets.ids()) {
                    Some(best) => format!("did you mean `{best}`? the calculators are: {known}"),
                    None if known.is_empty() => {
                        "a calculator is a file under content/calculators/: create content/calculators/<id>.yaml"
                            .to_string()
                    }
                    None => format!("the calculators are: {known}"),
                };
                let found = format!("unknown calculator `{}`", raw.calculator);
                Err(Diagnostic::error(found)
                    .at(source, at)
                    .with_hint(hint)
                    .into())
            }
        }
    }

    fn content_links(&self) -> Vec<ContentLink> {
        self.datasets
            .items()
            .flat_map(CostData::content_links)
            .collect()
    }

    fn pages(&self, _links: &dyn LinkResolver) -> Vec<GeneratedPage> {
        Vec::new()
    }
}

impl PlacedBlock for Calculator {
    fn html(&self, links: &dyn LinkResolver, index: usize, _instance: usize) -> String {
        html::render(&self.0, links, index)
    }

    fn scripts(&self) -> &'static [&'static str] {
        &[SCRIPT]
    }

    fn markdown(&self, links: &dyn LinkResolver) -> Option<String> {
        Some(markdown::tables(&self.0, links))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::PathLinks;

    /// A small dataset: two fees (one with no length), two full-time figures (a year's
    /// and a month's) and a time to impact.
    const DATA: &str = r#"title: "Total cost"
sources:
  - id: one
    name: "Source One"
    article: "@/a/one.md"
roles:
  - id: leader
    name: "Fractional leader"
  - id: pair
    name: "Pair"
fees:
  - role: leader
    arr: [1, 3]
    monthly: [10, 14]
    days: [3, 4]
    months: [4, 6]
    source: one
  - role: pair
    arr: [3, 8]
    monthly: [28, 40]
    source: one
full_time:
  - name: "Full-time leader"
    yearly: [250, 400]
    or_more: true
    source: one
  - name: "Full-time seller"
    monthly: [28, 40]
    source: one
impact:
  - name: "Fractional leader"
    time: "4–8 weeks"
    source: one
"#;

    fn load(text: &str) -> Result<CostData, Vec<String>> {
        let file = SourceFile::new("content/calculators/total.yaml", text);
        load_costs(&file).map_err(|found| {
            found
                .into_sorted()
                .iter()
                .map(ToString::to_string)
                .collect()
        })
    }

    fn calculator() -> String {
        html::render(&load(DATA).unwrap(), &PathLinks, 2)
    }

    /// Each fee's total is its low fee times its shortest length and its high fee times
    /// its longest: $10K–$14K for 4–6 months is $40K–$84K; a fee with no length gets no
    /// total.
    #[test]
    fn a_fee_is_totalled_over_its_sources_length() {
        let html = calculator();
        assert!(html.contains("<td>$10K–$14K</td><td>3–4</td><td>4–6 months</td><td>$40K–$84K</td><td><a href=\"/a/one/\">Source One</a></td>"), "{html}");
        assert!(
            html.contains(
                "<td>$28K–$40K</td><td>not given</td><td>not given</td><td>no length given</td>"
            ),
            "{html}"
        );
    }

    /// A year's figure is shown as given and as a month's share ($250K–$400K a year is
    /// $21K–$33K a month, rounded); a month's figure is its own share.
    #[test]
    fn a_full_time_figure_is_shown_as_given_and_by_the_month() {
        let html = calculator();
        assert!(
            html.contains("<td>$250K–$400K or more a year</td><td>$21K–$33K or more</td>"),
            "{html}"
        );
        assert!(
            html.contains("<td>$28K–$40K a month</td><td>$28K–$40K</td>"),
            "{html}"
        );
        assert!(html.contains("<td>4–8 weeks</td>"), "{html}");
    }

    /// The form offers the bands the fees' own breakpoints cut, and its ids carry the
    /// block's index; the script's data sits beside it.
    #[test]
    fn the_form_offers_the_bands_the_fees_cut() {
        let html = calculator();
        assert!(
            html.contains(
                "<option value=\"0\">$1M–$3M</option><option value=\"1\">$3M–$8M</option></select>"
            ),
            "{html}"
        );
        assert!(html.contains("id=\"cost2-months\""), "{html}");
        assert!(
            html.contains("\"source_name\":\"Source One\",\"source_url\":\"/a/one/\""),
            "{html}"
        );
    }

    /// A range written high end first is reported at a line and column of its fee
    /// (lines 12–17; the YAML reader decides which), with the path to it.
    #[test]
    fn a_backwards_range_is_reported_where_it_is_written() {
        let problems = load(&DATA.replace("monthly: [10, 14]", "monthly: [14, 10]")).unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        let position = problems[0]
            .strip_prefix("error: content/calculators/total.yaml:")
            .unwrap();
        let (line, rest) = position.split_once(':').unwrap();
        let (column, _) = rest.split_once(':').unwrap();
        assert!(
            (12..=17).contains(&line.parse::<usize>().unwrap()),
            "{problems:?}"
        );
        assert!(column.parse::<usize>().unwrap() > 0, "{problems:?}");
        assert!(problems[0].contains("fees[0]"), "{problems:?}");
        assert!(
            problems[0].contains("the range [14, 10] runs backwards"),
            "{problems:?}"
        );
    }

    /// A fee naming an unknown role or source is reported at the id, with the ids there
    /// are.
    #[test]
    fn an_unknown_role_or_source_is_reported_at_the_id() {
        let text = DATA.replace("  - role: pair", "  - role: pear").replace(
            "time: \"4–8 weeks\"\n    source: one",
            "time: \"4–8 weeks\"\n    source: two",
        );
        assert_eq!(
            load(&text).unwrap_err(),
            [
                "error: content/calculators/total.yaml:18:11: unknown role `pear` (hint: the roles are: leader, pair)",
                "error: content/calculators/total.yaml:33:13: unknown source `two` (hint: the sources are: one)",
            ]
        );
    }

    /// A block names a calculator by id; an unknown one is reported at the id, with the
    /// closest.
    #[test]
    fn a_block_names_a_known_calculator() {
        let mut cost = Cost::default();
        let data = SourceFile::new("content/calculators/total.yaml", DATA);
        let mut problems = Diagnostics::new();
        cost.load(&[data], &mut problems);
        assert!(problems.is_empty());
        let page = SourceFile::new("content/a.md", "calculator: totl\n");
        let Err(found) = cost.place(&page, 0..page.text.len()) else {
            panic!("an unknown calculator was placed");
        };
        assert_eq!(
            found.into_sorted()[0].to_string(),
            "error: content/a.md:1:13: unknown calculator `totl` (hint: did you mean `total`? the calculators are: total)"
        );
        let page = SourceFile::new("content/a.md", "calculator: total\n");
        let placed = cost.place(&page, 0..page.text.len()).ok().unwrap();
        assert_eq!(placed.scripts(), ["js/cost.js"]);
    }

    /// In the markdown twin the calculator is its tables, with the same sums and the
    /// sources linked.
    #[test]
    fn the_markdown_twin_holds_the_tables() {
        let text = markdown::tables(&load(DATA).unwrap(), &PathLinks);
        assert!(text.starts_with("**Total cost**\n\n"), "{text}");
        assert!(text.contains("| Fractional leader | $1M–$3M | $10K–$14K | 3–4 | 4–6 months | $40K–$84K | [Source One](/a/one/) |\n"), "{text}");
        assert!(text.contains("| Full-time leader | $250K–$400K or more a year | $21K–$33K or more | [Source One](/a/one/) |\n"), "{text}");
        assert!(
            text.contains("| Fractional leader | 4–8 weeks | [Source One](/a/one/) |\n"),
            "{text}"
        );
    }
}
