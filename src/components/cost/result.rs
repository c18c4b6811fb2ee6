//! The result for the form's starting values (the first ARR band, the first role, 3 days
//! a week, 6 months), written into the page as `cost.js` writes it for any values. The
//! form and its result are there from the first paint, so nothing moves when the
//! script starts (no layout shift); without script, CSS hides both and the tables stand.

use super::arithmetic::{bands, full_time_over, money, span, total};
use super::data::{Bounds, CostData};
use crate::html::escape;

/// The days a week and the months the form starts with (`html::form` writes them).
pub(super) const START_DAYS: u32 = 3;
pub(super) const START_MONTHS: u32 = 6;

/// The result's paragraphs for the starting values.
pub(super) fn starting_result(data: &CostData) -> String {
    let band = bands(data)
        .first()
        .copied()
        .unwrap_or(Bounds { low: 0, high: 0 });
    let Some(role) = data.roles.first() else {
        return String::new();
    };
    let (days, months) = (START_DAYS, START_MONTHS);
    let mut lines = Vec::new();
    let fees: Vec<_> = (data.fees.iter())
        .filter(|f| f.role == role.id && f.arr.low <= band.low && band.high <= f.arr.high)
        .collect();
    if fees.is_empty() {
        lines.push(line(
            "",
            &format!(
                "No source gives a fee for a {} at {} ARR.",
                role.name.to_lowercase(),
                super::arithmetic::arr(band)
            ),
        ));
    }
    for fee in fees {
        let source = data
            .source(&fee.source)
            .map_or(fee.source.as_str(), |s| &s.name);
        let who = match &fee.when {
            Some(when) => format!("{}, {when}", role.name),
            None => role.name.clone(),
        };
        let length = Bounds {
            low: months,
            high: months,
        };
        lines.push(line(
            "",
            &format!(
                "{source}: {who}, {} a month, so {} over {months} months.",
                money(fee.monthly, false),
                money(total(fee.monthly, length), false)
            ),
        ));
        let mut note = format!("Arithmetic: fee × {months} months.");
        match fee.days {
            None => note.push_str(" The source does not say how many days a week the fee buys."),
            Some(d) if days < d.low || days > d.high => note.push_str(&format!(
                " The fee is for {} days a week; no source prices {days}.",
                span(d)
            )),
            Some(_) => {}
        }
        if let Some(m) = fee.months.filter(|m| months < m.low || months > m.high) {
            note.push_str(&format!(
                " The source's engagement runs {} months.",
                span(m)
            ));
        }
        lines.push(line("cost-arithmetic", &note));
    }
    for figure in &data.full_time {
        let source = data
            .source(&figure.source)
            .map_or(figure.source.as_str(), |s| &s.name);
        let how = if figure.monthly.is_some() {
            format!("a month × {months}")
        } else {
            format!("a year × {months} ÷ 12, to the nearest $1K")
        };
        lines.push(line(
            "",
            &format!(
                "{} ({source}): {} over the same {months} months.",
                figure.name,
                money(full_time_over(figure, months), figure.or_more)
            ),
        ));
        lines.push(line("cost-arithmetic", &format!("Arithmetic: {how}.")));
    }
    lines.concat()
}

/// A paragraph as `cost.js` makes one (`p(cls, text)`).
fn line(class: &str, text: &str) -> String {
    if class.is_empty() {
        format!("<p>{}</p>", escape(text))
    } else {
        format!("<p class=\"{class}\">{}</p>", escape(text))
    }
}
