//! Names and free text, with length limits counted in characters (not bytes).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::contact::string_newtype;
use crate::invalid::Invalid;

/// Trims, refuses control characters (except line breaks and tabs where `multiline`), and
/// checks the length in characters.
fn clean(input: &str, max: usize, multiline: bool) -> Result<String, Invalid> {
    // Count a Windows line break as one character, as the reader sees it.
    let text = input.trim().replace("\r\n", "\n");
    if text.is_empty() {
        return Err(Invalid::Empty);
    }
    if text.chars().count() > max {
        return Err(Invalid::TooLong { max });
    }
    let allowed = |c: char| !c.is_control() || (multiline && matches!(c, '\n' | '\r' | '\t'));
    if !text.chars().all(allowed) {
        return Err(Invalid::Format {
            hint: crate::Text::new(
                "Er staan tekens in die we niet kunnen lezen. Typ de tekst opnieuw.",
                "There are characters in it we cannot read. Type the text again.",
            ),
        });
    }
    Ok(text)
}

/// A person's name as they write it (one field; no assumptions about first and last names).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PersonName(String);

impl PersonName {
    pub const MAX: usize = 200;

    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let name = clean(input, Self::MAX, false)?;
        if !name.chars().any(char::is_alphabetic) {
            return Err(Invalid::Format {
                hint: crate::Text::new("Een naam heeft letters.", "A name has letters."),
            });
        }
        Ok(PersonName(name))
    }
}
string_newtype!(PersonName);

/// Names are personal data: Debug shows only the length.
impl fmt::Debug for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PersonName({} chars)", self.0.chars().count())
    }
}

/// Free text of at most `MAX` characters, line breaks allowed.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct FreeText<const MAX: usize>(String);

impl<const MAX: usize> FreeText<MAX> {
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        clean(input, MAX, true).map(FreeText)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// In the API free text is a string of at most `MAX` characters.
#[cfg(feature = "openapi")]
impl<const MAX: usize> utoipa::PartialSchema for FreeText<MAX> {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::{ObjectBuilder, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .min_length(Some(1))
            .max_length(Some(MAX))
            .into()
    }
}
#[cfg(feature = "openapi")]
impl<const MAX: usize> utoipa::ToSchema for FreeText<MAX> {
    fn name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Owned(format!("FreeText{MAX}"))
    }
}

impl<const MAX: usize> TryFrom<String> for FreeText<MAX> {
    type Error = Invalid;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        FreeText::parse(&value)
    }
}

impl<const MAX: usize> From<FreeText<MAX>> for String {
    fn from(value: FreeText<MAX>) -> Self {
        value.0
    }
}

/// Free text may hold personal data: Debug shows only the length.
impl<const MAX: usize> fmt::Debug for FreeText<MAX> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FreeText({} chars)", self.0.chars().count())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_need_a_letter() {
        assert_eq!(
            PersonName::parse("  Fatima el Amrani ").unwrap().as_str(),
            "Fatima el Amrani"
        );
        assert_eq!(
            PersonName::parse("Ĳsbrand Öztürk-de Wit").unwrap().as_str(),
            "Ĳsbrand Öztürk-de Wit"
        );
        assert_eq!(PersonName::parse(" "), Err(Invalid::Empty));
        assert!(PersonName::parse("12345").is_err());
        assert!(PersonName::parse("Anna\u{0}").is_err());
    }

    #[test]
    fn a_name_longer_than_the_limit_is_rejected() {
        let long = "a".repeat(PersonName::MAX + 1);
        assert_eq!(
            PersonName::parse(&long),
            Err(Invalid::TooLong {
                max: PersonName::MAX
            })
        );
        assert!(PersonName::parse(&"é".repeat(PersonName::MAX)).is_ok());
    }

    #[test]
    fn free_text_keeps_line_breaks_and_counts_characters() {
        let text = FreeText::<10>::parse("regel 1\r\nr2").unwrap();
        assert_eq!(text.as_str(), "regel 1\nr2");
        assert_eq!(
            FreeText::<3>::parse("abcd"),
            Err(Invalid::TooLong { max: 3 })
        );
        assert!(FreeText::<3>::parse("ëëë").is_ok());
    }

    #[test]
    fn personal_text_does_not_show_in_debug_output() {
        let name = PersonName::parse("Anna").unwrap();
        assert_eq!(format!("{name:?}"), "PersonName(4 chars)");
    }
}
