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

/// A stored time as Dutch local time with its offset, e.g. `2026-12-05 15:33:10 +01:00`.
pub fn dutch_timestamp(seconds: i64) -> String {
    let offset = dutch_offset(seconds);
    let local = seconds + offset;
    let date =
        Date::from_days(local.div_euclid(86_400)).map_or_else(|| "?".to_owned(), |d| d.to_string());
    let of_day = local.rem_euclid(86_400);
    format!(
        "{date} {:02}:{:02}:{:02} +{:02}:00",
        of_day / 3600,
        of_day % 3600 / 60,
        of_day % 60,
        offset / 3600
    )
}

/// When the Dutch calendar day `date` begins, in stored time.
pub fn day_start(date: Date) -> i64 {
    let midnight_utc = date.to_days() * 86_400;
    midnight_utc - dutch_offset(midnight_utc)
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

    #[test]
    fn a_stored_time_reads_as_dutch_local_time() {
        let winter = day_start(Date::parse("15-1-2026").unwrap()) + 3600 + 61;
        assert_eq!(dutch_timestamp(winter), "2026-01-15 01:01:01 +01:00");
        let summer = day_start(Date::parse("15-7-2026").unwrap());
        assert_eq!(dutch_timestamp(summer), "2026-07-15 00:00:00 +02:00");
    }

    #[test]
    fn a_dutch_day_begins_at_local_midnight() {
        let winter = Date::parse("15-1-2026").unwrap();
        assert_eq!(date_of(day_start(winter)), Some(winter));
        assert_eq!(date_of(day_start(winter) - 1), winter.add_days(-1));
        let summer = Date::parse("15-7-2026").unwrap();
        assert_eq!(day_start(summer), summer.to_days() * 86_400 - 7200);
    }
}
