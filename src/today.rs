//! Dates in the browser: today (for checks such as "not in the future"), and server times
//! shown as dates in words, in the bundle's language.

use model::domain::Date;

pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    Date::new(
        u16::try_from(now.get_full_year()).unwrap_or(2026),
        u8::try_from(now.get_month() + 1).unwrap_or(1),
        u8::try_from(now.get_date()).unwrap_or(1),
    )
    .expect("the browser's clock gives a real date")
}

/// The calendar day of a Unix time, in the browser's time zone.
pub fn date_of(seconds: i64) -> Date {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(seconds as f64 * 1000.0));
    Date::new(
        u16::try_from(date.get_full_year()).unwrap_or(1970),
        u8::try_from(date.get_month() + 1).unwrap_or(1),
        u8::try_from(date.get_date()).unwrap_or(1),
    )
    .unwrap_or_else(|_| today())
}

/// A Unix time as a date in words, e.g. "3 maart 2026" ("3 March 2026"), in the browser's
/// time zone.
pub fn date_in_words(seconds: i64) -> String {
    date_of(seconds).in_words()
}

/// Whole days from `seconds` until now.
pub fn days_since(seconds: i64) -> i64 {
    let now = js_sys::Date::now() / 1000.0;
    ((now - seconds as f64) / 86_400.0).floor() as i64
}

/// A Unix time as a date with the time of day, e.g. "3 maart 2026 om 14:05".
pub fn moment_in_words(seconds: i64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(seconds as f64 * 1000.0));
    tf!(
        "{} om {:02}:{:02}",
        "{} at {:02}:{:02}",
        date_of(seconds).in_words(),
        date.get_hours(),
        date.get_minutes()
    )
}
