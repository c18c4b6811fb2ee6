//! Today's date, computed from the system clock without a calendar crate.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::model::Date;

/// Today's date in UTC.
pub(super) fn today() -> Date {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_from_days(seconds / 86_400)
}

/// The proleptic Gregorian date `days` days after 1970-01-01 (Howard Hinnant's
/// `civil_from_days`, for dates from 1970 on).
fn civil_from_days(days: u64) -> Date {
    let z = days + 719_468;
    let era = z / 146_097;
    let day_of_era = z % 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    Date {
        year: u16::try_from(year).unwrap_or(u16::MAX),
        month: month as u8,
        day: day as u8,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(days: u64) -> String {
        civil_from_days(days).iso()
    }

    #[test]
    fn known_dates() {
        assert_eq!(iso(0), "1970-01-01");
        assert_eq!(iso(59), "1970-03-01");
        assert_eq!(iso(10_957), "2000-01-01");
        assert_eq!(iso(11_016), "2000-02-29");
        assert_eq!(iso(11_017), "2000-03-01");
        assert_eq!(iso(19_782), "2024-02-29");
        assert_eq!(iso(20_453), "2025-12-31");
        assert_eq!(iso(20_454), "2026-01-01");
    }

    #[test]
    fn every_day_is_a_valid_date_and_follows_the_previous_one() {
        let mut previous = civil_from_days(0);
        for days in 1..=60_000 {
            let date = civil_from_days(days);
            assert_eq!(Date::parse(&date.iso()), Some(date), "{}", date.iso());
            assert!(date > previous, "{}", date.iso());
            previous = date;
        }
    }
}
