//! Two-factor sign-in (TOTP, RFC 6238): after the right password, a second step with the
//! code from an authenticator app, or once with a recovery code; the first time, setting up
//! the app. Mandatory for behandelaars and beheerders (see `server::access`).

use serde::{Deserialize, Serialize};

use crate::api::Me;
use crate::consent::Code;
use crate::lifecycle::Role;
use crate::{Check, FieldError, Fields, Invalid};

/// Digits of an app's code.
pub const CODE_DIGITS: usize = 6;
/// Recovery codes made when the second factor is set up, each usable once.
pub const RECOVERY_CODES: usize = 10;

/// Whether an account of `role` must sign in with a second factor: staff and beheerders
/// always, a helper when the organisation asks it of its helpers. (Demo mode's accounts,
/// whose passwords are public, are exempt: the server keeps that flag.)
pub fn required(role: Role, organisation_requires: bool) -> bool {
    match role {
        Role::Behandelaar | Role::Beheerder => true,
        Role::Hulpverlener => organisation_requires,
        Role::Burger | Role::Intermediair | Role::Systeem => false,
    }
}

/// What still has to happen after the right password: the `202` answer to
/// `POST /api/sessies`. The browser keeps the step in a cookie of its own for five minutes.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "stap", rename_all = "snake_case")]
pub enum SecondStep {
    /// Type the code the app shows now, or a recovery code.
    Code,
    /// Set up the app first: scan the QR code (or type the secret), then type its code.
    Instellen {
        /// The secret in base32, for typing it into the app by hand.
        geheim: String,
        /// The `otpauth://` link as a QR code: an SVG `data:` URL.
        qr_svg: String,
    },
}

/// `POST /api/sessies/code`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeInput {
    pub code: String,
}

/// The second factor as typed: six digits from the app, or a recovery code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecondFactor {
    App(String),
    Recovery(Code),
}

impl Check for CodeInput {
    type Checked = SecondFactor;
    fn check(&self) -> Result<SecondFactor, Vec<FieldError>> {
        let compact: String = self
            .code
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        let parsed = if compact.is_empty() {
            Err(Invalid::Empty)
        } else if compact.len() == CODE_DIGITS && compact.bytes().all(|b| b.is_ascii_digit()) {
            Ok(SecondFactor::App(compact))
        } else {
            Code::parse(&compact)
                .map(SecondFactor::Recovery)
                .map_err(|_| Invalid::Format {
                    hint: crate::Text::new(
                "Typ de 6 cijfers die nu in de app staan. Of typ een herstelcode, zoals K7D3-FQ9M-X4TC.",
                "Type the 6 digits the app shows now. Or type a recovery code, like K7D3-FQ9M-X4TC.",
            ),
                })
        };
        let mut fields = Fields::new();
        let factor = fields.check(parsed, "code", crate::Text::new("de code", "the code"));
        fields.finish(|| factor)
    }
}

/// The `201` answer to `POST /api/sessies/code`: signed in.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeAccepted {
    pub ik: Me,
    /// Only right after the set-up: the recovery codes, shown this once.
    #[serde(default)]
    pub herstelcodes: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(code: &str) -> Result<SecondFactor, Vec<FieldError>> {
        CodeInput { code: code.into() }.check()
    }

    #[test]
    fn staff_and_beheerders_always_need_it_helpers_when_their_organisation_asks() {
        assert!(required(Role::Behandelaar, false));
        assert!(required(Role::Beheerder, false));
        assert!(!required(Role::Hulpverlener, false));
        assert!(required(Role::Hulpverlener, true));
        assert!(!required(Role::Burger, true));
    }

    #[test]
    fn six_digits_are_an_app_code_with_or_without_spaces() {
        assert_eq!(check("123 456"), Ok(SecondFactor::App("123456".into())));
        assert_eq!(check(" 012345 "), Ok(SecondFactor::App("012345".into())));
    }

    #[test]
    fn a_recovery_code_is_read_in_any_case() {
        let Ok(SecondFactor::Recovery(code)) = check("k7d3 fq9m-x4tc") else {
            panic!("a recovery code");
        };
        assert_eq!(code.as_str(), "K7D3-FQ9M-X4TC");
    }

    #[test]
    fn anything_else_is_refused_at_the_field() {
        for wrong in ["", "12345", "1234567", "abcdef"] {
            let errors = check(wrong).unwrap_err();
            assert_eq!(errors[0].field, "code", "{wrong:?}");
        }
    }
}
