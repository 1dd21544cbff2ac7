//! The signals' JSON shapes: the form a helper (or staff member) sends, the lines and the
//! page each reader gets, a staff step.

use serde::{Deserialize, Serialize};

use super::anonymity::{hints, Hint};
use super::{SignalEvent, SignalStatus};
use crate::case::Dienst;
use crate::domain::{Date, FreeText};
use crate::{Check, FieldError, Fields};

/// `POST /api/signalen`: a new signal.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewSignal {
    pub dienst: Dienst,
    /// A few words: what the signal is about ("Terugvordering huurtoeslag na verhuizing").
    pub thema: String,
    /// What goes wrong in the system, not in one case.
    pub wat_gaat_mis: String,
    /// A concrete story, anonymous.
    pub verhaal: String,
    /// What would help.
    pub oplossing: String,
    /// References of own cases it was seen in (staff read the link; it never leaves).
    #[serde(default)]
    pub zaken: Vec<String>,
    /// The writer read the warnings about personal data and sends anyway.
    #[serde(default)]
    pub bevestigd: bool,
}

pub type Theme = FreeText<120>;
pub type SignalText = FreeText<4000>;

/// A signal whose fields were checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedSignal {
    pub dienst: Dienst,
    pub thema: Theme,
    pub wat_gaat_mis: SignalText,
    pub verhaal: SignalText,
    pub oplossing: SignalText,
    pub zaken: Vec<String>,
}

/// The warnings for one text field: each kind of personal data it seems to hold.
pub fn warnings(field: &'static str, text: &str) -> Option<FieldError> {
    let found: Vec<Hint> = hints(text);
    (!found.is_empty()).then(|| FieldError {
        field: field.into(),
        message: found
            .iter()
            .map(|hint| hint.message())
            .collect::<Vec<_>>()
            .join(" "),
    })
}

impl Check for NewSignal {
    type Checked = CheckedSignal;
    fn check(&self) -> Result<CheckedSignal, Vec<FieldError>> {
        let mut fields = Fields::new();
        let thema = fields.check(
            Theme::parse(&self.thema),
            "thema",
            crate::Text::new("het onderwerp", "the subject"),
        );
        let wat = fields.check(
            SignalText::parse(&self.wat_gaat_mis),
            "wat_gaat_mis",
            crate::Text::new("wat er misgaat", "what goes wrong"),
        );
        let verhaal = fields.check(
            SignalText::parse(&self.verhaal),
            "verhaal",
            crate::Text::new("het verhaal", "the story"),
        );
        let oplossing = fields.check(
            SignalText::parse(&self.oplossing),
            "oplossing",
            crate::Text::new("de oplossing", "the solution"),
        );
        if self.zaken.len() > 20 {
            fields.add(FieldError {
                field: "zaken".into(),
                message: "Noem hoogstens 20 zaken.".into(),
            });
        }
        // The text leaves Bondgenoot: warn about what looks like personal data, unless the
        // writer has read the warnings and confirms.
        if !self.bevestigd {
            for (field, text) in [
                ("thema", &self.thema),
                ("wat_gaat_mis", &self.wat_gaat_mis),
                ("verhaal", &self.verhaal),
                ("oplossing", &self.oplossing),
            ] {
                if let Some(warning) = warnings(field, text) {
                    fields.add(warning);
                }
            }
        }
        fields.finish(|| {
            Some(CheckedSignal {
                dienst: self.dienst,
                thema: thema?,
                wat_gaat_mis: wat?,
                verhaal: verhaal?,
                oplossing: oplossing?,
                zaken: self.zaken.clone(),
            })
        })
    }
}

/// A signal in a list.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignalSummary {
    pub referentie: String,
    pub status: SignalStatus,
    pub status_titel: String,
    pub dienst: Dienst,
    pub thema: String,
    /// Filed at (seconds since 1970).
    pub ingediend: i64,
    /// The filing organisation (staff lists; a staff member's own signal has none).
    pub organisatie: Option<String>,
    /// How many terugkoppelingen it has had.
    pub terugkoppelingen: i64,
}

/// A step as the partner may read it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignalStep {
    pub tijd: i64,
    pub naar: SignalStatus,
    pub titel: String,
    /// The terugkoppeling, or why it was not forwarded; staff also read the text offered
    /// for the check and why it went back.
    pub tekst: Option<String>,
    /// Who took the step (staff only).
    pub door: Option<String>,
}

/// One signal, for its partner organisation or for staff.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignalDetail {
    pub referentie: String,
    pub status: SignalStatus,
    pub status_titel: String,
    /// What the state means, in B1 Dutch.
    pub uitleg: String,
    pub dienst: Dienst,
    pub thema: String,
    pub wat_gaat_mis: String,
    pub verhaal: String,
    pub oplossing: String,
    pub ingediend: i64,
    pub organisatie: Option<String>,
    pub stappen: Vec<SignalStep>,
    /// Staff only: the cases it was seen in.
    pub zaken: Option<Vec<String>>,
    /// Staff only: the text for the KSMS, who wrote it and who approved it.
    pub tekst_voor_ksms: Option<String>,
    pub geschreven_door: Option<String>,
    pub goedgekeurd_door: Option<String>,
    pub doorgezet_op: Option<Date>,
    /// Staff only: the steps that fit now (the four-eyes rule applied to the reader).
    #[serde(default)]
    pub mogelijke_stappen: Vec<SignalEvent>,
}

/// `POST /api/signalen/{ref}/stappen`: a staff step.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignalStepRequest {
    pub stap: SignalEvent,
    /// The text the step carries (see [`SignalEvent::needs_text`]).
    #[serde(default)]
    pub tekst: Option<String>,
    /// The day it was forwarded (`dd-mm-jjjj`), for [`SignalEvent::Doorzetten`].
    #[serde(default)]
    pub datum: Option<String>,
    /// The signal this one joins, for [`SignalEvent::Samenvoegen`].
    #[serde(default)]
    pub samen_met: Option<String>,
}

/// A checked step: the text and date where the step needs them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedSignalStep {
    pub stap: SignalEvent,
    pub tekst: Option<SignalText>,
    pub datum: Option<Date>,
    pub samen_met: Option<String>,
}

impl SignalStepRequest {
    /// Checks the fields the step needs; `today` bounds the forwarding date.
    pub fn check(&self, today: Date) -> Result<CheckedSignalStep, Vec<FieldError>> {
        let mut fields = Fields::new();
        let tekst = if self.stap.needs_text() {
            fields.check(
                SignalText::parse(self.tekst.as_deref().unwrap_or_default()),
                "tekst",
                crate::Text::new("de tekst", "the text"),
            )
        } else {
            None
        };
        let datum = if self.stap.needs_date() {
            let parsed = Date::parse(self.datum.as_deref().unwrap_or_default()).and_then(|d| {
                if d > today {
                    Err(crate::Invalid::InFuture)
                } else {
                    Ok(d)
                }
            });
            fields.check(parsed, "datum", crate::Text::new("de datum", "the date"))
        } else {
            None
        };
        let samen_met = if self.stap == SignalEvent::Samenvoegen {
            let other = self.samen_met.clone().unwrap_or_default();
            if other.trim().is_empty() {
                fields.add(FieldError {
                    field: "samen_met".into(),
                    message: "Vul het nummer in van het signaal waarbij dit signaal hoort.".into(),
                });
            }
            Some(other.trim().to_uppercase())
        } else {
            None
        };
        let needs_text = self.stap.needs_text();
        let needs_date = self.stap.needs_date();
        fields.finish(|| {
            Some(CheckedSignalStep {
                stap: self.stap,
                tekst: if needs_text { Some(tekst?) } else { None },
                datum: if needs_date { Some(datum?) } else { None },
                samen_met,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(verhaal: &str, bevestigd: bool) -> NewSignal {
        NewSignal {
            dienst: Dienst::DienstToeslagen,
            thema: "Terugvordering na verhuizing".into(),
            wat_gaat_mis: "Na een verhuizing komt de terugvordering te vroeg.".into(),
            verhaal: verhaal.into(),
            oplossing: "Wacht met terugvorderen tot het nieuwe adres bekend is.".into(),
            zaken: vec![],
            bevestigd,
        }
    }

    #[test]
    fn a_story_with_a_bsn_is_held_back_until_the_writer_confirms() {
        let errors = form("Haar BSN is 111222333.", false).check().unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "verhaal");
        assert!(errors[0].message.contains("BSN"));
        assert!(form("Haar BSN is 111222333.", true).check().is_ok());
        assert!(form("Een moeder van twee kinderen verhuisde.", false)
            .check()
            .is_ok());
    }

    #[test]
    fn a_step_asks_for_what_it_carries() {
        let today = Date::parse("05-12-2026").unwrap();
        let forward = SignalStepRequest {
            stap: SignalEvent::Doorzetten,
            tekst: None,
            datum: None,
            samen_met: None,
        };
        assert_eq!(forward.check(today).unwrap_err()[0].field, "datum");
        let back = SignalStepRequest {
            stap: SignalEvent::Terugkoppelen,
            tekst: Some(String::new()),
            datum: None,
            samen_met: None,
        };
        assert_eq!(back.check(today).unwrap_err()[0].field, "tekst");
        let take = SignalStepRequest {
            stap: SignalEvent::Oppakken,
            tekst: None,
            datum: None,
            samen_met: None,
        };
        assert!(take.check(today).is_ok());
    }
}
