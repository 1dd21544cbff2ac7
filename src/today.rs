//! Today's date in the browser, for checks such as "not in the future".

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
