//! Validation errors that say, in plain words (Dutch, or English), which field is wrong and
//! what to do.

use serde::{Deserialize, Serialize};

use crate::lang::{current, Lang, Text};

/// A field's name in a sentence, in both languages, lower case ("de geboortedatum", "the
/// date of birth").
pub type Label = Text;

/// Why a value was refused. The same reason reads differently per field, so the
/// sentence is made by [`Invalid::message`] with the field's name.
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
    Format { hint: Text },
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
    /// A B1 sentence for a field called `label`, in the current language.
    pub fn message(&self, label: Label) -> String {
        let lang = current();
        let label = label.of(lang);
        let hint = match self {
            Invalid::Format { hint } => hint.of(lang),
            _ => "",
        };
        match (lang, self) {
            (Lang::Nl, Invalid::Empty) => format!("Vul {label} in."),
            (Lang::En, Invalid::Empty) => format!("Fill in {label}."),
            (Lang::Nl, Invalid::TooLong { max }) => format!(
                "{} is te lang. Gebruik niet meer dan {max} tekens.",
                capitalise(label)
            ),
            (Lang::En, Invalid::TooLong { max }) => format!(
                "{} is too long. Use no more than {max} characters.",
                capitalise(label)
            ),
            (Lang::Nl, Invalid::TooShort { min }) => format!(
                "{} is te kort. Gebruik minstens {min} tekens.",
                capitalise(label)
            ),
            (Lang::En, Invalid::TooShort { min }) => format!(
                "{} is too short. Use at least {min} characters.",
                capitalise(label)
            ),
            (Lang::Nl, Invalid::Format { .. }) => {
                format!("Vul een geldige waarde in voor {label}. {hint}")
            }
            (Lang::En, Invalid::Format { .. }) => {
                format!("Fill in a valid value for {label}. {hint}")
            }
            (Lang::Nl, Invalid::InFuture) => format!(
                "{} ligt in de toekomst. Vul een datum in die al geweest is.",
                capitalise(label)
            ),
            (Lang::En, Invalid::InFuture) => format!(
                "{} is in the future. Fill in a date that has passed.",
                capitalise(label)
            ),
            (Lang::Nl, Invalid::InPast) => format!(
                "{} ligt in het verleden. Vul een datum in de toekomst in.",
                capitalise(label)
            ),
            (Lang::En, Invalid::InPast) => format!(
                "{} is in the past. Fill in a date in the future.",
                capitalise(label)
            ),
            (Lang::Nl, Invalid::NotAChoice) => {
                format!("Kies een van de mogelijkheden voor {label}.")
            }
            (Lang::En, Invalid::NotAChoice) => format!("Choose one of the options for {label}."),
            (Lang::Nl, Invalid::BeforeCase) => format!(
                "{} ligt voor de dag waarop de zaak is gemaakt. Controleer de datum.",
                capitalise(label)
            ),
            (Lang::En, Invalid::BeforeCase) => format!(
                "{} is before the day the case was made. Check the date.",
                capitalise(label)
            ),
        }
    }

    /// Ties this reason to a field of a form.
    pub fn at(self, field: &'static str, label: Label) -> FieldError {
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

    /// The value when `result` is valid; otherwise records the reason at `field` (its name in
    /// a sentence is `label`) and gives `None`.
    pub fn check<T>(
        &mut self,
        result: Result<T, Invalid>,
        field: &'static str,
        label: Label,
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
    use crate::lang::speaking;

    const FIRST: Label = Text::new("de eerste", "the first");
    const SURNAME: Label = Text::new("de achternaam", "the surname");

    #[test]
    fn fields_collect_every_refused_value_in_order() {
        let mut fields = Fields::new();
        let a = fields.check(Err::<u8, _>(Invalid::Empty), "a", FIRST);
        let b = fields.check(
            Ok::<u8, Invalid>(2),
            "b",
            Text::new("de tweede", "the second"),
        );
        let c = fields.check(
            Err::<u8, _>(Invalid::NotAChoice),
            "c",
            Text::new("de derde", "the third"),
        );
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
        let a = fields.check(Ok::<u8, Invalid>(1), "a", FIRST);
        assert_eq!(fields.finish(|| Some(a? + 1)), Ok(2));
    }

    #[test]
    fn messages_name_the_field_and_say_what_to_do() {
        assert_eq!(Invalid::Empty.message(SURNAME), "Vul de achternaam in.");
        assert_eq!(
            Invalid::TooLong { max: 10 }.message(SURNAME),
            "De achternaam is te lang. Gebruik niet meer dan 10 tekens."
        );
        let error = Invalid::InFuture.at(
            "besluitdatum",
            Text::new("de datum van het besluit", "the date of the decision"),
        );
        assert_eq!(error.field, "besluitdatum");
        assert!(error
            .message
            .starts_with("De datum van het besluit ligt in de toekomst."));
    }

    #[test]
    fn in_english_the_same_reasons_say_the_same() {
        speaking(Lang::En, || {
            assert_eq!(Invalid::Empty.message(SURNAME), "Fill in the surname.");
            assert_eq!(
                Invalid::TooLong { max: 10 }.message(SURNAME),
                "The surname is too long. Use no more than 10 characters."
            );
            let hint = Text::new("Bijvoorbeeld 1234 AB.", "For example 1234 AB.");
            assert_eq!(
                Invalid::Format { hint }.message(SURNAME),
                "Fill in a valid value for the surname. For example 1234 AB."
            );
        });
    }
}
