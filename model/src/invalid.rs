//! Validation errors that say, in plain Dutch, which field is wrong and what to do.

use serde::{Deserialize, Serialize};

/// Why a value was refused. The same reason reads differently per field, so the
/// sentence is made by [`Invalid::message`] with the field's Dutch name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Invalid {
    #[error("empty")]
    Empty,
    #[error("too long (max {max})")]
    TooLong { max: usize },
    #[error("too short (min {min})")]
    TooShort { min: usize },
    /// The value has the wrong form; the hint says what the right form is.
    #[error("wrong format")]
    Format { hint: &'static str },
    #[error("in the future")]
    InFuture,
    #[error("in the past")]
    InPast,
    #[error("not one of the choices")]
    NotAChoice,
}

impl Invalid {
    /// A B1 Dutch sentence for a field called `label` (lower case, e.g. "de geboortedatum").
    pub fn message(&self, label: &str) -> String {
        match self {
            Invalid::Empty => format!("Vul {label} in."),
            Invalid::TooLong { max } => {
                format!(
                    "{} is te lang. Gebruik niet meer dan {max} tekens.",
                    capitalise(label)
                )
            }
            Invalid::TooShort { min } => {
                format!(
                    "{} is te kort. Gebruik minstens {min} tekens.",
                    capitalise(label)
                )
            }
            Invalid::Format { hint } => format!("Vul een geldige waarde in voor {label}. {hint}"),
            Invalid::InFuture => format!(
                "{} ligt in de toekomst. Vul een datum in die al geweest is.",
                capitalise(label)
            ),
            Invalid::InPast => format!(
                "{} ligt in het verleden. Vul een datum in de toekomst in.",
                capitalise(label)
            ),
            Invalid::NotAChoice => format!("Kies een van de mogelijkheden voor {label}."),
        }
    }

    /// Ties this reason to a field of a form.
    pub fn at(self, field: &'static str, label: &str) -> FieldError {
        FieldError {
            message: self.message(label),
            field: field.to_string(),
        }
    }
}

fn capitalise(label: &str) -> String {
    let mut chars = label.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A refused value of one form field: the field's API name and the Dutch message.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{field}: {message}")]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_field_and_say_what_to_do() {
        assert_eq!(
            Invalid::Empty.message("de achternaam"),
            "Vul de achternaam in."
        );
        assert_eq!(
            Invalid::TooLong { max: 10 }.message("de achternaam"),
            "De achternaam is te lang. Gebruik niet meer dan 10 tekens."
        );
        let error = Invalid::InFuture.at("besluitdatum", "de datum van het besluit");
        assert_eq!(error.field, "besluitdatum");
        assert!(error
            .message
            .starts_with("De datum van het besluit ligt in de toekomst."));
    }
}
