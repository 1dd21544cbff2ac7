//! The case reference shown to helpers and citizens, e.g. `BG-7KQ3-M9XP`.
//! It carries no personal data and is not a secret: access needs a session or the access code.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::contact::string_newtype;
use crate::invalid::Invalid;

/// Letters and digits that cannot be mistaken for each other when read aloud or typed
/// from paper (no 0/O, 1/I/L, 5/S, 2/Z, 8/B, U/V).
pub const ALPHABET: &[u8; 23] = b"34679ACDEFGHJKMNPQRTWXY";

/// Symbols as typed from paper: spaces and dashes dropped, letters in capitals.
pub(crate) fn compact(input: &str) -> String {
    input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_uppercase)
        .collect()
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CaseReference(String);

impl CaseReference {
    /// Eight symbols from [`ALPHABET`], taken from `random` (the server gives fresh random bits).
    pub fn from_random(mut random: u64) -> Self {
        let mut symbols = String::with_capacity(12);
        symbols.push_str("BG-");
        for i in 0..8 {
            if i == 4 {
                symbols.push('-');
            }
            let index = (random % ALPHABET.len() as u64) as usize;
            random /= ALPHABET.len() as u64;
            symbols.push(char::from(ALPHABET[index]));
        }
        CaseReference(symbols)
    }

    /// Accepts the reference in any case, with or without dashes and spaces.
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let compact = compact(input);
        if compact.is_empty() {
            return Err(Invalid::Empty);
        }
        let hint = crate::Text::new(
                "Het zaaknummer begint met BG en heeft daarna 8 letters en cijfers, bijvoorbeeld BG-7KQ3-M9XP.",
                "The case number starts with BG and then has 8 letters and digits, for example BG-7KQ3-M9XP.",
            );
        let Some(body) = compact.strip_prefix("BG") else {
            return Err(Invalid::Format { hint });
        };
        if body.len() != 8 || !body.bytes().all(|b| ALPHABET.contains(&b)) {
            return Err(Invalid::Format { hint });
        }
        Ok(CaseReference(format!("BG-{}-{}", &body[..4], &body[4..])))
    }
}

impl fmt::Debug for CaseReference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CaseReference({})", self.0)
    }
}

impl fmt::Display for CaseReference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

string_newtype!(CaseReference);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_reference_is_read_back_however_it_is_typed() {
        let reference = CaseReference::from_random(123_456_789);
        let typed = reference.as_str().to_lowercase().replace('-', " ");
        assert_eq!(CaseReference::parse(&typed).unwrap(), reference);
    }

    #[test]
    fn references_with_confusable_or_missing_symbols_are_rejected() {
        for input in [
            "BG-0000-0000",
            "BG-7KQ3-M9X",
            "XX-7KQ3-M9XP",
            "BG-7KQ3-M9XPP",
        ] {
            assert!(CaseReference::parse(input).is_err(), "{input}");
        }
    }

    proptest! {
        #[test]
        fn every_generated_reference_parses(random: u64) {
            let reference = CaseReference::from_random(random);
            prop_assert_eq!(reference.as_str().len(), 12);
            prop_assert_eq!(CaseReference::parse(reference.as_str()), Ok(reference));
        }
    }
}
