//! The calculator's arithmetic, the only figures it makes itself: a monthly fee times a
//! number of months, a year's cost over some months, and the ARR bands the sources'
//! own breakpoints cut. `cost.js` does the same sums for the reader's inputs; the page
//! labels every result as arithmetic.

use super::data::{Bounds, CostData, FullTime};

/// A fee a month over a length in months (low with low, high with high).
pub(super) fn total(monthly: Bounds, months: Bounds) -> Bounds {
    Bounds {
        low: monthly.low * months.low,
        high: monthly.high * months.high,
    }
}

/// A full-time figure over `months` months: a month's cost times the months, or a
/// year's cost times the months over 12, rounded to the nearest thousand.
pub(super) fn full_time_over(figure: &FullTime, months: u32) -> Bounds {
    match (figure.monthly, figure.yearly) {
        (Some(monthly), _) => total(
            monthly,
            Bounds {
                low: months,
                high: months,
            },
        ),
        (None, Some(yearly)) => Bounds {
            low: share_of_year(yearly.low, months),
            high: share_of_year(yearly.high, months),
        },
        (None, None) => Bounds { low: 0, high: 0 },
    }
}

/// `yearly` × `months` / 12, rounded half up (as `Math.round` does in `cost.js`).
fn share_of_year(yearly: u32, months: u32) -> u32 {
    (yearly * months * 2 + 12) / 24
}

/// The ARR bands the fees' own breakpoints cut (`[1, 3]`, `[3, 5]`, …), in order: each
/// fee covers a band whole or not at all.
pub(super) fn bands(data: &CostData) -> Vec<Bounds> {
    let mut cuts: Vec<u32> = data
        .fees
        .iter()
        .flat_map(|fee| [fee.arr.low, fee.arr.high])
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .map(|pair| Bounds {
            low: pair[0],
            high: pair[1],
        })
        .collect()
}

/// Thousands of dollars as the page writes them: `$14K`, `$1,440K`.
pub(super) fn dollars(thousands: u32) -> String {
    let digits = thousands.to_string();
    let mut grouped = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    format!("${grouped}K")
}

/// A range of money: `$10K–$14K`, `$350K` when both ends agree, with "or more" if the
/// source says so.
pub(super) fn money(range: Bounds, or_more: bool) -> String {
    let text = if range.low == range.high {
        dollars(range.low)
    } else {
        format!("{}–{}", dollars(range.low), dollars(range.high))
    };
    if or_more {
        format!("{text} or more")
    } else {
        text
    }
}

/// An ARR band, in millions: `$1M–$3M`.
pub(super) fn arr(band: Bounds) -> String {
    format!("${}M–${}M", band.low, band.high)
}

/// A plain range: `3–4`, or `3` when both ends agree.
pub(super) fn span(range: Bounds) -> String {
    if range.low == range.high {
        range.low.to_string()
    } else {
        format!("{}–{}", range.low, range.high)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bounds(low: u32, high: u32) -> Bounds {
        Bounds { low, high }
    }

    /// $10K–$14K a month for 4–6 months is $40K–$84K in all.
    #[test]
    fn a_total_is_the_fee_times_the_months_end_to_end() {
        assert_eq!(total(bounds(10, 14), bounds(4, 6)), bounds(40, 84));
    }

    /// A year's $250K–$400K over 6 months is $125K–$200K; over 4 months $83K–$133K,
    /// rounded to the nearest thousand.
    #[test]
    fn a_year_over_some_months_is_its_share_rounded() {
        assert_eq!(share_of_year(250, 6), 125);
        assert_eq!(share_of_year(250, 4), 83);
        assert_eq!(share_of_year(400, 4), 133);
        assert_eq!(share_of_year(18, 1), 2);
    }

    #[test]
    fn money_is_written_in_thousands_with_groups() {
        assert_eq!(money(bounds(10, 14), false), "$10K–$14K");
        assert_eq!(money(bounds(350, 350), true), "$350K or more");
        assert_eq!(dollars(1440), "$1,440K");
        assert_eq!(dollars(100), "$100K");
        assert_eq!(span(bounds(3, 4)), "3–4");
    }
}
