//! The calculator's HTML: three tables that work without script (the fractional fees
//! with their totals over the length each source gives, the full-time figures with
//! their monthly share, the time to impact), and a form that sums the figures for the
//! reader's own inputs from the data embedded beside it (`cost.js`). The form shows
//! only where script runs (`@media (scripting: none)` hides it), and it is written with
//! its starting result, so it takes its place at the first paint.

use serde::Serialize;

use super::arithmetic::{arr, bands, full_time_over, money, span, total};
use super::data::{CostData, Fee, FullTime};
use super::result::{START_DAYS, START_MONTHS, starting_result};
use crate::html::{escape, json_for_script};
use crate::link::LinkResolver;

/// The calculator for `data`, as block `index` of its page (its ids start `cost{index}`).
pub(super) fn render(data: &CostData, links: &dyn LinkResolver, index: usize) -> String {
    let base = format!("cost{index}");
    let mut html = format!(
        "<div class=\"cost\" id=\"{base}\">\n<p class=\"cost-title\">{}</p>\n",
        escape(&data.title)
    );
    html.push_str(&form(data, &base));
    html.push_str(&fees_table(data, links));
    html.push_str(&full_time_table(data, links));
    html.push_str(&impact_table(data, links));
    html.push_str(&format!(
        "<script type=\"application/json\" class=\"cost-data\">{}</script>\n</div>",
        json_for_script(&Embedded::new(data, links))
    ));
    html
}

/// The form the script drives: ARR band, role, days a week and months, and the result
/// for the starting values, which the script rewrites (announced when it changes).
fn form(data: &CostData, base: &str) -> String {
    let band_options: String = bands(data)
        .iter()
        .enumerate()
        .map(|(i, band)| format!("<option value=\"{i}\">{}</option>", arr(*band)))
        .collect();
    let role_options: String = (data.roles.iter())
        .map(|r| {
            let (id, name) = (escape(&r.id), escape(&r.name));
            format!("<option value=\"{id}\">{name}</option>")
        })
        .collect();
    let result = starting_result(data);
    format!(
        "<form class=\"cost-form\">\n<div class=\"cost-inputs\">\n\
         <label for=\"{base}-arr\">ARR</label><select id=\"{base}-arr\" name=\"arr\">{band_options}</select>\n\
         <label for=\"{base}-role\">Role</label><select id=\"{base}-role\" name=\"role\">{role_options}</select>\n\
         <label for=\"{base}-days\">Days a week</label><input id=\"{base}-days\" name=\"days\" type=\"number\" min=\"1\" max=\"5\" value=\"{START_DAYS}\">\n\
         <label for=\"{base}-months\">Months</label><input id=\"{base}-months\" name=\"months\" type=\"number\" min=\"1\" max=\"36\" value=\"{START_MONTHS}\">\n\
         </div>\n<div class=\"cost-result\" aria-live=\"polite\">{result}</div>\n</form>\n"
    )
}

/// The fractional fees, each with its total over the length its source gives.
fn fees_table(data: &CostData, links: &dyn LinkResolver) -> String {
    let mut html = String::from(
        "<div class=\"table-scroll\"><table class=\"cost-fees\">\n\
         <caption>Fractional fees, and the total over the length each source gives (the total is arithmetic: fee × months)</caption>\n\
         <thead><tr><th scope=\"col\">Role</th><th scope=\"col\">ARR</th><th scope=\"col\">Fee a month</th><th scope=\"col\">Days a week</th><th scope=\"col\">Length</th><th scope=\"col\">Total (arithmetic)</th><th scope=\"col\">Source</th></tr></thead>\n<tbody>\n",
    );
    for fee in &data.fees {
        html.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            role_name(data, fee),
            arr(fee.arr),
            money(fee.monthly, false),
            fee.days.map_or_else(|| "not given".to_string(), span),
            fee.months
                .map_or_else(|| "not given".to_string(), |m| format!("{} months", span(m))),
            fee.months.map_or_else(
                || "no length given".to_string(),
                |m| money(total(fee.monthly, m), false)
            ),
            source_link(data, &fee.source, links),
        ));
    }
    html.push_str("</tbody>\n</table></div>\n");
    html
}

/// The full-time figures as the sources give them, and a month's share of each.
fn full_time_table(data: &CostData, links: &dyn LinkResolver) -> String {
    let mut html = String::from(
        "<div class=\"table-scroll\"><table class=\"cost-full-time\">\n\
         <caption>Full-time figures to set against them (a month's share is arithmetic: a year ÷ 12, to the nearest $1K)</caption>\n\
         <thead><tr><th scope=\"col\">Full-time</th><th scope=\"col\">As the source gives it</th><th scope=\"col\">A month (arithmetic)</th><th scope=\"col\">Source</th></tr></thead>\n<tbody>\n",
    );
    for figure in &data.full_time {
        html.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            escape(&figure.name),
            as_given(figure),
            money(full_time_over(figure, 1), figure.or_more),
            source_link(data, &figure.source, links),
        ));
    }
    html.push_str("</tbody>\n</table></div>\n");
    html
}

/// How long each kind of leader takes to show an effect.
fn impact_table(data: &CostData, links: &dyn LinkResolver) -> String {
    let mut html = String::from(
        "<div class=\"table-scroll\"><table class=\"cost-impact\">\n<caption>Time to impact</caption>\n\
         <thead><tr><th scope=\"col\">Leader</th><th scope=\"col\">Time to impact</th><th scope=\"col\">Source</th></tr></thead>\n<tbody>\n",
    );
    for impact in &data.impact {
        html.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td></tr>\n",
            escape(&impact.name),
            escape(&impact.time),
            source_link(data, &impact.source, links),
        ));
    }
    html.push_str("</tbody>\n</table></div>\n");
    html
}

/// A full-time figure as its source gives it: "$250K–$400K or more a year, including …".
fn as_given(figure: &FullTime) -> String {
    let (range, per) = match (figure.yearly, figure.monthly) {
        (Some(yearly), _) => (yearly, "a year"),
        (None, Some(monthly)) => (monthly, "a month"),
        (None, None) => return String::new(),
    };
    let text = format!("{} {per}", money(range, figure.or_more));
    match &figure.note {
        Some(note) => format!("{text}, {}", escape(note)),
        None => text,
    }
}

/// The role of a fee, with the condition its source attaches.
fn role_name(data: &CostData, fee: &Fee) -> String {
    let name = data.role(&fee.role).map_or(fee.role.as_str(), |r| &r.name);
    match &fee.when {
        Some(when) => format!("{}, {}", escape(name), escape(when)),
        None => escape(name),
    }
}

/// A source's short name, linked to the site's article on it.
fn source_link(data: &CostData, id: &str, links: &dyn LinkResolver) -> String {
    let Some(source) = data.source(id) else {
        return escape(id);
    };
    match links.url(&source.article) {
        Some(url) => format!("<a href=\"{}\">{}</a>", escape(&url), escape(&source.name)),
        None => escape(&source.name),
    }
}

/// The data `cost.js` sums, with every source resolved to its name and URL.
#[derive(Serialize)]
struct Embedded<'a> {
    bands: Vec<Band>,
    roles: &'a [super::data::Role],
    fees: Vec<Cited<'a, Fee>>,
    full_time: Vec<Cited<'a, FullTime>>,
}

/// An ARR band and its label.
#[derive(Serialize)]
struct Band {
    low: u32,
    high: u32,
    label: String,
}

/// A figure with its source's name and URL.
#[derive(Serialize)]
struct Cited<'a, T> {
    #[serde(flatten)]
    figure: &'a T,
    source_name: String,
    source_url: Option<String>,
}

impl<'a> Embedded<'a> {
    fn new(data: &'a CostData, links: &dyn LinkResolver) -> Self {
        let cite = |id: &str| {
            let source = data.source(id);
            let name = source.map_or(id, |s| s.name.as_str()).to_string();
            (name, source.and_then(|s| links.url(&s.article)))
        };
        Embedded {
            bands: bands(data)
                .into_iter()
                .map(|b| Band {
                    low: b.low,
                    high: b.high,
                    label: arr(b),
                })
                .collect(),
            roles: &data.roles,
            fees: (data.fees.iter())
                .map(|figure| {
                    let (source_name, source_url) = cite(&figure.source);
                    Cited {
                        figure,
                        source_name,
                        source_url,
                    }
                })
                .collect(),
            full_time: (data.full_time.iter())
                .map(|figure| {
                    let (source_name, source_url) = cite(&figure.source);
                    Cited {
                        figure,
                        source_name,
                        source_url,
                    }
                })
                .collect(),
        }
    }
}
