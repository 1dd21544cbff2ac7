//! Need-to-know among the Belangenbehartiger's staff, as the API carries it: opening a case
//! outside one's own with a stated reason ("break the glass"). Who may, is
//! [`crate::access::Standing`]'s and beheer's (per team) to say.

use serde::{Deserialize, Serialize};

use crate::domain::FreeText;
use crate::{Check, FieldError, Fields, Invalid};

/// `POST /api/zaken/{ref}/inzage`: why a staff member opens a case that is not theirs.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BreakGlass {
    pub reden: String,
}

/// A reason someone else can judge later: a few words at least, one short paragraph at most.
pub type Reason = FreeText<{ BreakGlass::MAX }>;

impl BreakGlass {
    pub const MIN: usize = 10;
    pub const MAX: usize = 500;
    pub const LABEL: crate::Label = crate::Text::new("de reden", "the reason");
}

/// Checks a stated reason: long enough to say something.
pub fn reason(text: &str) -> Result<Reason, Invalid> {
    let reason = Reason::parse(text)?;
    if reason.as_str().chars().count() < BreakGlass::MIN {
        return Err(Invalid::TooShort {
            min: BreakGlass::MIN,
        });
    }
    Ok(reason)
}

impl Check for BreakGlass {
    type Checked = Reason;
    fn check(&self) -> Result<Reason, Vec<FieldError>> {
        let mut fields = Fields::new();
        let reden = fields.check(reason(&self.reden), "reden", BreakGlass::LABEL);
        fields.finish(|| reden)
    }
}

/// `POST /api/zaken/{ref}/toewijzing`: another behandelaar becomes the casemanager.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reassign {
    /// The account of the new casemanager (0: none chosen yet).
    pub casemanager: i64,
    /// Why: for the staff, on the case's internal notes.
    pub reden: String,
}

/// A reassignment whose fields were checked (whether the account is a behandelaar who can
/// take it, is the server's to say).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedReassign {
    pub casemanager: i64,
    pub reden: Reason,
}

impl Check for Reassign {
    type Checked = CheckedReassign;
    fn check(&self) -> Result<CheckedReassign, Vec<FieldError>> {
        let mut fields = Fields::new();
        let casemanager = fields.check(
            if self.casemanager > 0 {
                Ok(self.casemanager)
            } else {
                Err(Invalid::NotAChoice)
            },
            "casemanager",
            crate::Text::new("de nieuwe casemanager", "the new case manager"),
        );
        let reden = fields.check(reason(&self.reden), "reden", BreakGlass::LABEL);
        fields.finish(|| {
            Some(CheckedReassign {
                casemanager: casemanager?,
                reden: reden?,
            })
        })
    }
}

/// A behandelaar a case can be handed to.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Colleague {
    pub id: i64,
    pub naam: String,
    /// Their teams' names.
    pub teams: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reassignment_names_a_colleague_and_a_reason() {
        let errors = Reassign::default().check().unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["casemanager", "reden"]);
        assert_eq!(
            errors[0].message,
            "Kies een van de mogelijkheden voor de nieuwe casemanager."
        );
        assert!(Reassign {
            casemanager: 7,
            reden: "Ik ben drie weken met verlof.".into()
        }
        .check()
        .is_ok());
    }

    #[test]
    fn a_reason_says_something_and_not_too_much() {
        assert!(BreakGlass {
            reden: "Collega is ziek, de burger belt nu.".into()
        }
        .check()
        .is_ok());
        let short = BreakGlass {
            reden: "  even  ".into(),
        }
        .check()
        .unwrap_err();
        assert_eq!(short[0].field, "reden");
        assert_eq!(
            short[0].message,
            "De reden is te kort. Gebruik minstens 10 tekens."
        );
        let empty = BreakGlass::default().check().unwrap_err();
        assert_eq!(empty[0].message, "Vul de reden in.");
        assert!(BreakGlass {
            reden: "x".repeat(501)
        }
        .check()
        .is_err());
    }
}
