//! Time as the server stores and checks it. A leaf: imports nothing of the crate.

use std::time::{SystemTime, UNIX_EPOCH};

use model::domain::Date;

/// Seconds since the Unix epoch: how times are stored.
pub fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// The Dutch calendar day of a stored time. Dutch time is UTC+1 or +2; taking +1 errs,
/// for one hour a year, on "still yesterday".
pub fn date_of(seconds: i64) -> Option<Date> {
    Date::from_days((seconds + 3600).div_euclid(86_400))
}

/// Today's date in the Netherlands, for checks such as "not in the future".
pub fn today() -> Date {
    date_of(now()).expect("the system clock is between 1900 and 2200")
}
