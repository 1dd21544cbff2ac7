//! A calendar date without time zone: what people mean by "the date of the letter".
//! Written by hand on purpose: a date crate adds kilobytes to the Wasm bundle for three functions.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::invalid::Invalid;

const HINT: crate::Text = crate::Text::new(
    "Schrijf de datum als dag-maand-jaar, bijvoorbeeld 15-3-2025.",
    "Write the date as day-month-year, for example 15-3-2025.",
);

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Date {
    // Field order makes the derived ordering chronological.
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    pub fn new(year: u16, month: u8, day: u8) -> Result<Self, Invalid> {
        if !(1900..=2200).contains(&year)
            || !(1..=12).contains(&month)
            || day == 0
            || day > days_in_month(year, month)
        {
            return Err(Invalid::Format {
                hint: crate::Text::new(
                    "Deze datum bestaat niet. Controleer de dag, de maand en het jaar.",
                    "This date does not exist. Check the day, the month and the year.",
                ),
            });
        }
        Ok(Date { year, month, day })
    }

    /// Accepts `2025-03-15` (what a date field sends) and `15-3-2025` or `15/3/2025`
    /// (how people in the Netherlands write it).
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let input = input.trim();
        if input.is_empty() {
            return Err(Invalid::Empty);
        }
        let parts: Vec<&str> = input.split(['-', '/', '.']).collect();
        let [a, b, c] = parts[..] else {
            return Err(Invalid::Format { hint: HINT });
        };
        let number = |s: &str| -> Result<u16, Invalid> {
            if s.is_empty() || s.len() > 4 || !s.chars().all(|c| c.is_ascii_digit()) {
                return Err(Invalid::Format { hint: HINT });
            }
            s.parse().map_err(|_| Invalid::Format { hint: HINT })
        };
        let (year, month, day) = if a.len() == 4 {
            (number(a)?, number(b)?, number(c)?)
        } else if c.len() == 4 {
            (number(c)?, number(b)?, number(a)?)
        } else {
            return Err(Invalid::Format { hint: HINT });
        };
        let month = u8::try_from(month).map_err(|_| Invalid::Format { hint: HINT })?;
        let day = u8::try_from(day).map_err(|_| Invalid::Format { hint: HINT })?;
        Date::new(year, month, day)
    }

    /// The date must not be after `today` (a decision date, a date of birth).
    pub fn not_after(self, today: Date) -> Result<Self, Invalid> {
        if self > today {
            Err(Invalid::InFuture)
        } else {
            Ok(self)
        }
    }

    /// Days since 1970-01-01 (negative before), for date arithmetic.
    pub fn to_days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The inverse of [`Date::to_days`]; `None` outside the years this type accepts.
    pub fn from_days(days: i64) -> Option<Self> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(
            u16::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )
        .ok()
    }

    /// The date `days` later (or earlier, when negative).
    pub fn add_days(self, days: i64) -> Option<Self> {
        Date::from_days(self.to_days() + days)
    }

    pub fn year(self) -> u16 {
        self.year
    }
    pub fn month(self) -> u8 {
        self.month
    }
    pub fn day(self) -> u8 {
        self.day
    }

    /// The months' Dutch names, January first.
    pub const MONTHS: [&'static str; 12] = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];

    /// `15 maart 2025`, as a Dutch reader expects it.
    pub fn to_dutch(self) -> String {
        format!(
            "{} {} {}",
            self.day,
            Date::MONTHS[usize::from(self.month - 1)],
            self.year
        )
    }
}

impl Date {
    /// "15 March 2027".
    pub fn to_english(self) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        format!(
            "{} {} {}",
            self.day,
            MONTHS[usize::from(self.month - 1)],
            self.year
        )
    }

    /// The day in words in the current language.
    pub fn in_words(self) -> String {
        match crate::lang::current() {
            crate::Lang::Nl => self.to_dutch(),
            crate::Lang::En => self.to_english(),
        }
    }
}

/// How long ago a day was, in plain words: "vandaag", "gisteren", "5 dagen geleden".
pub fn days_ago(days: i64) -> String {
    match (crate::lang::current(), days) {
        (crate::Lang::Nl, ..=0) => "vandaag".into(),
        (crate::Lang::Nl, 1) => "gisteren".into(),
        (crate::Lang::Nl, n) => format!("{n} dagen geleden"),
        (crate::Lang::En, ..=0) => "today".into(),
        (crate::Lang::En, 1) => "yesterday".into(),
        (crate::Lang::En, n) => format!("{n} days ago"),
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// ISO form, `2025-03-15`: what the API and the database carry.
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Date({self})")
    }
}

/// In the API a date is an ISO string (`format: date`).
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Date {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)))
            .examples(["2025-03-15"])
            .into()
    }
}
#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Date {}

impl TryFrom<String> for Date {
    type Error = Invalid;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Date::parse(&value)
    }
}

impl From<Date> for String {
    fn from(value: Date) -> Self {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn days_ago_in_plain_words() {
        assert_eq!(days_ago(0), "vandaag");
        assert_eq!(days_ago(-1), "vandaag"); // a clock a little ahead: still today
        assert_eq!(days_ago(1), "gisteren");
        assert_eq!(days_ago(12), "12 dagen geleden");
    }

    #[test]
    fn iso_and_dutch_forms_are_accepted() {
        let expected = Date::new(2025, 3, 15).unwrap();
        for input in [
            "2025-03-15",
            "15-3-2025",
            "15/03/2025",
            "15.3.2025",
            " 15-03-2025 ",
        ] {
            assert_eq!(Date::parse(input).unwrap(), expected, "{input}");
        }
        assert_eq!(expected.to_string(), "2025-03-15");
        assert_eq!(expected.to_dutch(), "15 maart 2025");
    }

    #[test]
    fn dates_that_do_not_exist_are_rejected() {
        for input in [
            "2025-02-29",
            "31-4-2025",
            "0-1-2025",
            "1-13-2025",
            "15-3-25",
            "gisteren",
            "1-2-3-4",
        ] {
            assert!(Date::parse(input).is_err(), "{input}");
        }
        assert_eq!(Date::parse(""), Err(Invalid::Empty));
        assert!(Date::parse("2024-02-29").is_ok());
    }

    #[test]
    fn a_decision_date_after_today_is_rejected() {
        let today = Date::new(2026, 11, 23).unwrap();
        assert_eq!(
            Date::parse("24-11-2026").unwrap().not_after(today),
            Err(Invalid::InFuture)
        );
        assert!(Date::parse("23-11-2026").unwrap().not_after(today).is_ok());
    }

    #[test]
    fn day_arithmetic_crosses_months_and_leap_days() {
        let date = Date::new(2024, 2, 28).unwrap();
        assert_eq!(date.add_days(1), Some(Date::new(2024, 2, 29).unwrap()));
        assert_eq!(date.add_days(2), Some(Date::new(2024, 3, 1).unwrap()));
        assert_eq!(Date::new(1970, 1, 1).unwrap().to_days(), 0);
        assert_eq!(
            Date::new(2026, 11, 23).unwrap().add_days(30),
            Some(Date::new(2026, 12, 23).unwrap())
        );
    }

    proptest! {
        #[test]
        fn days_round_trip(days in -25_000i64..80_000) {
            if let Some(date) = Date::from_days(days) {
                prop_assert_eq!(date.to_days(), days);
                prop_assert_eq!(Date::parse(&date.to_string()), Ok(date));
            }
        }
    }
}
