//! Time as the server stores and checks it. A leaf: imports nothing of the crate.

use std::time::{SystemTime, UNIX_EPOCH};

use model::domain::Date;

/// Seconds since the Unix epoch: how times are stored.
pub fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// The last Sunday of `month` in `year`, in days since the epoch.
fn last_sunday(year: u16, month: u8) -> Option<i64> {
    let last = Date::new(year, month, 31).ok()?.to_days();
    // 1970-01-01 was a Thursday: (days + 4) mod 7 is 0 on a Sunday.
    Some(last - (last + 4).rem_euclid(7))
}

/// Seconds the Netherlands is ahead of UTC at `seconds`: one hour, two in summer time (from
/// the last Sunday of March to the last Sunday of October, at 01:00 UTC, as in the whole EU).
pub fn dutch_offset(seconds: i64) -> i64 {
    let Some(year) = Date::from_days(seconds.div_euclid(86_400)).map(Date::year) else {
        return 3600;
    };
    match (last_sunday(year, 3), last_sunday(year, 10)) {
        (Some(march), Some(october))
            if seconds >= march * 86_400 + 3600 && seconds < october * 86_400 + 3600 =>
        {
            7200
        }
        _ => 3600,
    }
}

/// The Dutch calendar day of a stored time.
pub fn date_of(seconds: i64) -> Option<Date> {
    Date::from_days((seconds + dutch_offset(seconds)).div_euclid(86_400))
}

/// Today's date in the Netherlands, for checks such as "not in the future".
pub fn today() -> Date {
    date_of(now()).expect("the system clock is between 1900 and 2200")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(date: &str, hh_mm: (i64, i64)) -> i64 {
        Date::parse(date).unwrap().to_days() * 86_400 + hh_mm.0 * 3600 + hh_mm.1 * 60
    }

    #[test]
    fn the_dutch_day_starts_at_midnight_in_amsterdam_summer_and_winter() {
        // Winter: 23:10 UTC is 00:10 the next day in Amsterdam.
        assert_eq!(
            date_of(at("01-12-2026", (23, 10))).unwrap().to_string(),
            "2026-12-02"
        );
        assert_eq!(
            date_of(at("01-12-2026", (22, 50))).unwrap().to_string(),
            "2026-12-01"
        );
        // Summer: 22:10 UTC is already 00:10 the next day.
        assert_eq!(
            date_of(at("15-07-2026", (22, 10))).unwrap().to_string(),
            "2026-07-16"
        );
        assert_eq!(
            date_of(at("15-07-2026", (21, 50))).unwrap().to_string(),
            "2026-07-15"
        );
    }

    #[test]
    fn summer_time_begins_and_ends_on_the_last_sundays_at_one_utc() {
        // 2026: 29 March and 25 October.
        assert_eq!(dutch_offset(at("29-03-2026", (0, 59))), 3600);
        assert_eq!(dutch_offset(at("29-03-2026", (1, 0))), 7200);
        assert_eq!(dutch_offset(at("25-10-2026", (0, 59))), 7200);
        assert_eq!(dutch_offset(at("25-10-2026", (1, 0))), 3600);
    }
}
