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
    /// A date before the case it belongs to was made.
    #[error("before the case")]
    BeforeCase,
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
            Invalid::BeforeCase => format!(
                "{} ligt voor de dag waarop de zaak is gemaakt. Controleer de datum.",
                capitalise(label)
            ),
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

/// A request body that checks itself: every wrong field at once, in the form's order, with
/// the same Dutch words in the browser (before sending) and on the server (the authority).
pub trait Check {
    /// The body with every field turned into its domain type.
    type Checked;
    fn check(&self) -> Result<Self::Checked, Vec<FieldError>>;
}

/// Collects every wrong field of a form, so one answer names them all (and the browser can
/// show them all at once, with the same words as the server).
#[derive(Debug, Default)]
pub struct Fields {
    errors: Vec<FieldError>,
}

impl Fields {
    pub fn new() -> Self {
        Fields::default()
    }

    /// The value when `result` is valid; otherwise records the reason at `field` (its Dutch
    /// name is `label`) and gives `None`.
    pub fn check<T>(
        &mut self,
        result: Result<T, Invalid>,
        field: &'static str,
        label: &str,
    ) -> Option<T> {
        result
            .map_err(|e| self.errors.push(e.at(field, label)))
            .ok()
    }

    /// Records an error that is not one value's own (a rule over two fields, say).
    pub fn add(&mut self, error: FieldError) {
        self.errors.push(error);
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// The checked value when no field was wrong; otherwise every error, in form order.
    /// `build` returns `None` only where a field was refused (each `None` from
    /// [`Fields::check`] came with an error).
    pub fn finish<T>(self, build: impl FnOnce() -> Option<T>) -> Result<T, Vec<FieldError>> {
        if !self.errors.is_empty() {
            return Err(self.errors);
        }
        build().ok_or(self.errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_collect_every_refused_value_in_order() {
        let mut fields = Fields::new();
        let a = fields.check(Err::<u8, _>(Invalid::Empty), "a", "de eerste");
        let b = fields.check(Ok::<u8, Invalid>(2), "b", "de tweede");
        let c = fields.check(Err::<u8, _>(Invalid::NotAChoice), "c", "de derde");
        let result = fields.finish(|| Some((a?, b?, c?)));
        let errors = result.unwrap_err();
        assert_eq!(
            errors.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(),
            ["a", "c"]
        );
        assert_eq!(errors[0].message, "Vul de eerste in.");
    }

    #[test]
    fn fields_without_errors_give_the_checked_value() {
        let mut fields = Fields::new();
        let a = fields.check(Ok::<u8, Invalid>(1), "a", "de eerste");
        assert_eq!(fields.finish(|| Some(a? + 1)), Ok(2));
    }

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
