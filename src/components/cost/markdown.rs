//! The calculator in a page's markdown twin (`machine_readable`): its title and the
//! three tables the page shows without script, with the sources as full links.

use super::arithmetic::{arr, full_time_over, money, span, total};
use super::data::{Bounds, CostData};
use crate::link::LinkResolver;

/// The calculator for `data` as markdown: the title in bold, then the fees with their
/// totals, the full-time figures with a month's share, and the time to impact.
pub(super) fn tables(data: &CostData, links: &dyn LinkResolver) -> String {
    let source = |id: &str| match data.source(id) {
        Some(s) => match links.url(&s.article) {
            Some(url) => format!("[{}]({url})", cell(&s.name)),
            None => cell(&s.name),
        },
        None => cell(id),
    };
    let mut text = format!("**{}**\n\n", cell(&data.title));
    text.push_str("Fractional fees, and the total over the length each source gives (the total is arithmetic: fee × months):\n\n");
    text.push_str(
        "| Role | ARR | Fee a month | Days a week | Length | Total (arithmetic) | Source |\n",
    );
    text.push_str("| --- | --- | --- | --- | --- | --- | --- |\n");
    for fee in &data.fees {
        let role = data.role(&fee.role).map_or(fee.role.as_str(), |r| &r.name);
        let role = match &fee.when {
            Some(when) => format!("{}, {}", cell(role), cell(when)),
            None => cell(role),
        };
        text.push_str(&format!(
            "| {role} | {} | {} | {} | {} | {} | {} |\n",
            arr(fee.arr),
            money(fee.monthly, false),
            fee.days.map_or_else(|| "not given".to_string(), span),
            fee.months.map_or_else(
                || "not given".to_string(),
                |m| format!("{} months", span(m))
            ),
            fee.months.map_or_else(
                || "no length given".to_string(),
                |m| money(total(fee.monthly, m), false)
            ),
            source(&fee.source),
        ));
    }
    text.push_str("\nFull-time figures to set against them (a month's share is arithmetic: a year ÷ 12, to the nearest $1K):\n\n");
    text.push_str("| Full-time | As the source gives it | A month (arithmetic) | Source |\n");
    text.push_str("| --- | --- | --- | --- |\n");
    for figure in &data.full_time {
        let (range, per) = match (figure.yearly, figure.monthly) {
            (Some(yearly), _) => (yearly, "a year"),
            (_, monthly) => (monthly.unwrap_or(Bounds { low: 0, high: 0 }), "a month"),
        };
        let mut given = format!("{} {per}", money(range, figure.or_more));
        if let Some(note) = &figure.note {
            given.push_str(&format!(", {}", cell(note)));
        }
        text.push_str(&format!(
            "| {} | {given} | {} | {} |\n",
            cell(&figure.name),
            money(full_time_over(figure, 1), figure.or_more),
            source(&figure.source),
        ));
    }
    text.push_str(
        "\nTime to impact:\n\n| Leader | Time to impact | Source |\n| --- | --- | --- |\n",
    );
    for impact in &data.impact {
        text.push_str(&format!(
            "| {} | {} | {} |\n",
            cell(&impact.name),
            cell(&impact.time),
            source(&impact.source),
        ));
    }
    text
}

/// Text that stays inside one table cell: no line breaks, `|` escaped.
fn cell(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}
