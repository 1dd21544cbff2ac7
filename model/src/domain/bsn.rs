//! Burgerservicenummer: 9 digits passing the elfproef. Optional everywhere it is asked.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::contact::string_newtype;
use crate::invalid::Invalid;

const HINT: crate::Text = crate::Text::new(
                "Een BSN heeft 9 cijfers. Kijk op het paspoort, de ID-kaart of een brief van de Belastingdienst.",
                "A BSN has 9 digits. Look on the passport, the ID card or a letter from the Tax Administration.",
            );

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Bsn(String);

impl Bsn {
    /// Accepts 9 digits, with spaces or dots between them (as people write them), or 8 digits
    /// with the leading zero left out.
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let digits: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '.' && *c != '-')
            .collect();
        if digits.is_empty() {
            return Err(Invalid::Empty);
        }
        if !digits.chars().all(|c| c.is_ascii_digit()) || !(8..=9).contains(&digits.len()) {
            return Err(Invalid::Format { hint: HINT });
        }
        let digits = format!("{digits:0>9}");
        if !elfproef(&digits) {
            return Err(Invalid::Format {
                hint: crate::Text::new(
                    "Dit nummer bestaat niet. Controleer of u alle cijfers goed heeft overgenomen.",
                    "This number does not exist. Check that you copied all digits correctly.",
                ),
            });
        }
        Ok(Bsn(digits))
    }

    /// For lists and screens: only the last three digits show (`******123`).
    pub fn masked(&self) -> String {
        format!("******{}", &self.0[6..])
    }
}

/// The BSN variant of the elfproef: weights 9..2 and -1 for the last digit; the sum is a
/// multiple of 11 and not 0.
pub(crate) fn elfproef(digits: &str) -> bool {
    let sum: i32 = digits
        .bytes()
        .zip([9, 8, 7, 6, 5, 4, 3, 2, -1])
        .map(|(d, w)| i32::from(d - b'0') * w)
        .sum();
    sum != 0 && sum % 11 == 0
}

string_newtype!(Bsn);

/// Debug never prints the number, so it cannot leak into logs.
impl fmt::Debug for Bsn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Bsn({})", self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_valid_bsn_is_accepted_in_the_ways_people_write_it() {
        for input in ["111222333", "111 222 333", "111.22.23.33", " 111222333 "] {
            assert_eq!(Bsn::parse(input).unwrap().as_str(), "111222333", "{input}");
        }
        // Eight digits: the leading zero was left out.
        assert_eq!(Bsn::parse("12345672").unwrap().as_str(), "012345672");
    }

    #[test]
    fn a_bsn_failing_the_elfproef_is_rejected() {
        assert!(matches!(
            Bsn::parse("111222334"),
            Err(Invalid::Format { .. })
        ));
        assert!(matches!(
            Bsn::parse("000000000"),
            Err(Invalid::Format { .. })
        ));
    }

    #[test]
    fn a_bsn_of_the_wrong_length_or_with_letters_is_rejected() {
        assert_eq!(Bsn::parse("   "), Err(Invalid::Empty));
        assert!(Bsn::parse("1234567").is_err());
        assert!(Bsn::parse("1234567890").is_err());
        assert!(Bsn::parse("11122233a").is_err());
        let message = Bsn::parse("12")
            .unwrap_err()
            .message(crate::Text::new("het BSN", "the BSN"));
        assert!(message.contains("Een BSN heeft 9 cijfers"), "{message}");
    }

    #[test]
    fn the_number_never_shows_in_debug_output() {
        let bsn = Bsn::parse("111222333").unwrap();
        assert_eq!(format!("{bsn:?}"), "Bsn(******333)");
        assert_eq!(bsn.masked(), "******333");
    }

    #[test]
    fn deserialising_cannot_bypass_validation() {
        assert!(serde_json::from_str::<Bsn>(r#""111222334""#).is_err());
        assert_eq!(
            serde_json::from_str::<Bsn>(r#""111222333""#)
                .unwrap()
                .as_str(),
            "111222333"
        );
    }

    proptest! {
        #[test]
        fn every_accepted_bsn_has_nine_digits_and_passes_the_elfproef(input in "[0-9 .]{0,14}") {
            if let Ok(bsn) = Bsn::parse(&input) {
                prop_assert_eq!(bsn.as_str().len(), 9);
                prop_assert!(elfproef(bsn.as_str()));
            }
        }
    }
}
