//! How to reach a person: e-mail address, phone number, postcode.

use serde::{Deserialize, Serialize};

use crate::invalid::Invalid;

macro_rules! string_newtype {
    ($name:ident) => {
        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
        impl TryFrom<String> for $name {
            type Error = Invalid;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                $name::parse(&value)
            }
        }
        impl From<$name> for String {
            fn from(value: $name) -> Self {
                value.0
            }
        }
    };
}
pub(crate) use string_newtype;

/// An e-mail address, checked for its form only (one `@`, a domain with a dot, no spaces).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let input = input.trim();
        if input.is_empty() {
            return Err(Invalid::Empty);
        }
        if input.chars().count() > 254 {
            return Err(Invalid::TooLong { max: 254 });
        }
        let hint = crate::Text::new(
            "Een e-mailadres ziet er zo uit: naam@voorbeeld.nl.",
            "An e-mail address looks like this: name@example.nl.",
        );
        let Some((local, domain)) = input.split_once('@') else {
            return Err(Invalid::Format { hint });
        };
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && !domain.contains('@');
        if local.is_empty()
            || !domain_ok
            || input.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(Invalid::Format { hint });
        }
        // Domains are case-insensitive; keep the local part as typed.
        Ok(Email(format!("{local}@{}", domain.to_lowercase())))
    }
}
string_newtype!(Email);

/// A Dutch phone number, kept as `0612345678` or `+31612345678` (or another country code).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

impl Phone {
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let compact: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '(' | ')' | '.'))
            .collect();
        if compact.is_empty() {
            return Err(Invalid::Empty);
        }
        let hint = crate::Text::new(
            "Een telefoonnummer heeft 10 cijfers, bijvoorbeeld 06 12345678.",
            "A phone number has 10 digits, for example 06 12345678.",
        );
        let (prefix, digits) = match compact.strip_prefix('+') {
            Some(rest) => ("+", rest),
            None => match compact.strip_prefix("00") {
                Some(rest) => ("+", rest),
                None => ("", compact.as_str()),
            },
        };
        if !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(Invalid::Format { hint });
        }
        let valid = if prefix == "+" {
            if let Some(national) = digits.strip_prefix("31") {
                national.len() == 9 && !national.starts_with('0')
            } else {
                (8..=15).contains(&digits.len())
            }
        } else {
            digits.len() == 10 && digits.starts_with('0')
        };
        if !valid {
            return Err(Invalid::Format { hint });
        }
        Ok(Phone(format!("{prefix}{digits}")))
    }

    /// A Dutch mobile number (06…), to which a text with a link could be sent.
    pub fn is_mobile(&self) -> bool {
        self.0.starts_with("06") || self.0.starts_with("+316")
    }
}
string_newtype!(Phone);

/// A Dutch postcode, kept as `1234 AB`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Postcode(String);

impl Postcode {
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let compact: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.is_empty() {
            return Err(Invalid::Empty);
        }
        let bytes = compact.as_bytes();
        let valid = bytes.len() == 6
            && bytes[0] != b'0'
            && bytes[..4].iter().all(u8::is_ascii_digit)
            && bytes[4..].iter().all(u8::is_ascii_alphabetic);
        if !valid {
            return Err(Invalid::Format {
                hint: crate::Text::new(
                    "Een postcode heeft 4 cijfers en 2 letters, bijvoorbeeld 1234 AB.",
                    "A postcode has 4 digits and 2 letters, for example 1234 AB.",
                ),
            });
        }
        Ok(Postcode(format!(
            "{} {}",
            &compact[..4],
            compact[4..].to_uppercase()
        )))
    }
}
string_newtype!(Postcode);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_email_addresses_are_accepted_and_the_domain_is_lower_cased() {
        assert_eq!(
            Email::parse(" Anna.de.Vries@Voorbeeld.NL ")
                .unwrap()
                .as_str(),
            "Anna.de.Vries@voorbeeld.nl"
        );
        assert!(Email::parse("a+b@sub.voorbeeld.nl").is_ok());
    }

    #[test]
    fn malformed_email_addresses_are_rejected() {
        for input in [
            "anna",
            "anna@",
            "@voorbeeld.nl",
            "anna@voorbeeld",
            "anna @voorbeeld.nl",
            "anna@voorbeeld..nl",
            "a@b@c.nl",
        ] {
            assert!(Email::parse(input).is_err(), "{input}");
        }
        assert_eq!(Email::parse(""), Err(Invalid::Empty));
    }

    #[test]
    fn dutch_phone_numbers_in_common_forms_are_accepted() {
        assert_eq!(Phone::parse("06-12345678").unwrap().as_str(), "0612345678");
        assert_eq!(
            Phone::parse("+31 6 1234 5678").unwrap().as_str(),
            "+31612345678"
        );
        assert_eq!(
            Phone::parse("0031 20 123 4567").unwrap().as_str(),
            "+31201234567"
        );
        assert_eq!(
            Phone::parse("(020) 123 45 67").unwrap().as_str(),
            "0201234567"
        );
        assert!(Phone::parse("06 12345678").unwrap().is_mobile());
        assert!(!Phone::parse("020 1234567").unwrap().is_mobile());
    }

    #[test]
    fn wrong_phone_numbers_are_rejected() {
        for input in [
            "12345",
            "0612345",
            "06123456789",
            "+31 06 12345678",
            "06-1234567a",
        ] {
            assert!(Phone::parse(input).is_err(), "{input}");
        }
    }

    #[test]
    fn postcodes_are_normalised() {
        assert_eq!(Postcode::parse("1234ab").unwrap().as_str(), "1234 AB");
        assert_eq!(Postcode::parse(" 1234 AB ").unwrap().as_str(), "1234 AB");
        for input in ["0123 AB", "123 AB", "1234 A", "ABCD 12"] {
            assert!(Postcode::parse(input).is_err(), "{input}");
        }
    }
}
