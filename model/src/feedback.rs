//! Feedback at the milestones of a case (brief R19, like Signalen's KTO but for both readers):
//! after the zienswijze, after the Dienst's reaction and at the end, the helper and the
//! citizen each give a thumbs up or down, with a few words if they like. A thumbs down can
//! ask for contact; the case then shows "contact gevraagd" in the staff's work list until a
//! staff member records the contact.

use serde::{Deserialize, Serialize};

use crate::api::CheckedText;
use crate::invalid::{Check, FieldError, Fields};
use crate::lifecycle::CaseStatus;

/// A moment at which helper and citizen are asked what they think.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mijlpaal {
    /// The zienswijze went to the Dienst.
    Zienswijze,
    /// The Dienst answered it (followed, not followed, or escalated after that).
    ReactieDienst,
    /// The handling is over.
    Einde,
}

impl Mijlpaal {
    pub const ALL: [Mijlpaal; 3] = [
        Mijlpaal::Zienswijze,
        Mijlpaal::ReactieDienst,
        Mijlpaal::Einde,
    ];

    /// The milestone a case in `status` is at, if any.
    pub fn of(status: CaseStatus) -> Option<Mijlpaal> {
        match status {
            CaseStatus::ZienswijzeVerstuurd => Some(Mijlpaal::Zienswijze),
            CaseStatus::Overgenomen | CaseStatus::NietOvergenomen | CaseStatus::Geescaleerd(_) => {
                Some(Mijlpaal::ReactieDienst)
            }
            CaseStatus::Afgerond(_) | CaseStatus::Eindgesprek | CaseStatus::Gesloten => {
                Some(Mijlpaal::Einde)
            }
            _ => None,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Mijlpaal::Zienswijze => "zienswijze",
            Mijlpaal::ReactieDienst => "reactie_dienst",
            Mijlpaal::Einde => "einde",
        }
    }

    pub fn parse(key: &str) -> Option<Mijlpaal> {
        Mijlpaal::ALL.into_iter().find(|m| m.key() == key)
    }

    /// The question, in plain words.
    pub fn question(self) -> &'static str {
        match self {
            Mijlpaal::Zienswijze => crate::lang::tr(
                "Wat vindt u van de hulp tot nu toe?",
                "What do you think of the help so far?",
            ),
            Mijlpaal::ReactieDienst => crate::lang::tr(
                "De Dienst heeft gereageerd. Wat vindt u van de hulp?",
                "The service has responded. What do you think of the help?",
            ),
            Mijlpaal::Einde => {
                crate::lang::tr("Wat vond u van de hulp?", "What did you think of the help?")
            }
        }
    }

    /// For staff: when it was given.
    pub fn title(self) -> &'static str {
        match self {
            Mijlpaal::Zienswijze => crate::lang::tr("na de zienswijze", "after the view"),
            Mijlpaal::ReactieDienst => crate::lang::tr(
                "na de reactie van de Dienst",
                "after the service's response",
            ),
            Mijlpaal::Einde => crate::lang::tr("aan het eind", "at the end"),
        }
    }
}

/// Thumbs up or down.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Duim {
    Omhoog,
    Omlaag,
}

/// `POST …/reactie`: the reader's thumbs, a few words if they like, and — with a thumbs
/// down — whether they want the Belangenbehartiger to contact them.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewFeedback {
    pub duim: Option<Duim>,
    #[serde(default)]
    pub tekst: String,
    #[serde(default)]
    pub contact: bool,
}

/// What the reader thought; only a thumbs down can ask for contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Oordeel {
    Goed,
    NietGoed { contact: bool },
}

impl Oordeel {
    pub fn positive(self) -> bool {
        self == Oordeel::Goed
    }

    pub fn asks_contact(self) -> bool {
        self == Oordeel::NietGoed { contact: true }
    }
}

/// Checked feedback: the thumbs, and the words when there were any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedFeedback {
    pub oordeel: Oordeel,
    pub tekst: Option<CheckedText>,
}

impl Check for NewFeedback {
    type Checked = CheckedFeedback;
    fn check(&self) -> Result<CheckedFeedback, Vec<FieldError>> {
        let mut fields = Fields::new();
        let oordeel = match (self.duim, self.contact) {
            (None, _) => {
                fields.add(FieldError {
                    field: "duim".into(),
                    message: crate::lang::tr(
                        "Kies duim omhoog of duim omlaag.",
                        "Choose thumbs up or thumbs down.",
                    )
                    .into(),
                });
                None
            }
            (Some(Duim::Omhoog), true) => {
                fields.add(FieldError {
                    field: "contact".into(),
                    message: crate::lang::tr(
                        "Contact vragen kan als u niet tevreden bent. Kies dan duim omlaag.",
                        "You can ask for contact if you are not satisfied. Then choose thumbs down.",
                    )
                    .into(),
                });
                None
            }
            (Some(Duim::Omhoog), false) => Some(Oordeel::Goed),
            (Some(Duim::Omlaag), contact) => Some(Oordeel::NietGoed { contact }),
        };
        let tekst = if self.tekst.trim().is_empty() {
            Some(None)
        } else {
            fields
                .check(
                    CheckedText::parse(&self.tekst),
                    "tekst",
                    crate::Text::new("uw uitleg", "your explanation"),
                )
                .map(Some)
        };
        fields.finish(|| {
            Some(CheckedFeedback {
                oordeel: oordeel?,
                tekst: tekst?,
            })
        })
    }
}

/// Feedback as staff read it on the case page.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Feedback {
    pub tijd: i64,
    /// "De burger" or "De hulpverlener".
    pub door: String,
    pub mijlpaal: Mijlpaal,
    /// Missing on feedback given before there were thumbs (text only).
    pub duim: Option<Duim>,
    pub tekst: Option<String>,
    pub contact_gevraagd: bool,
    /// When a staff member recorded that contact was made.
    pub contact_vastgelegd: Option<i64>,
}

/// With whom the eindgesprek was held.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gesprekspartner {
    Burger,
    Hulpverlener,
    Beiden,
}

impl Gesprekspartner {
    pub const ALL: [Gesprekspartner; 3] = [
        Gesprekspartner::Burger,
        Gesprekspartner::Hulpverlener,
        Gesprekspartner::Beiden,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Gesprekspartner::Burger => "burger",
            Gesprekspartner::Hulpverlener => "hulpverlener",
            Gesprekspartner::Beiden => "beiden",
        }
    }

    pub fn parse(key: &str) -> Option<Gesprekspartner> {
        Gesprekspartner::ALL.into_iter().find(|g| g.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            Gesprekspartner::Burger => crate::lang::tr("De burger", "The citizen"),
            Gesprekspartner::Hulpverlener => {
                crate::lang::tr("De hulpverlener", "The social worker")
            }
            Gesprekspartner::Beiden => crate::lang::tr(
                "De burger en de hulpverlener",
                "The citizen and the social worker",
            ),
        }
    }
}

/// `POST /api/zaken/{ref}/eindgesprek`: how the eindgesprek went (R19), recorded by staff.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewFinalTalk {
    pub met: Option<Gesprekspartner>,
    pub tevreden: Option<bool>,
    #[serde(default)]
    pub notitie: String,
}

/// The eindgesprek's outcome, every part checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedFinalTalk {
    pub met: Gesprekspartner,
    pub tevreden: bool,
    pub notitie: Option<CheckedText>,
}

impl Check for NewFinalTalk {
    type Checked = CheckedFinalTalk;
    fn check(&self) -> Result<CheckedFinalTalk, Vec<FieldError>> {
        let mut fields = Fields::new();
        let mut required = |value: Option<()>, field: &str, message: &str| {
            if value.is_none() {
                fields.add(FieldError {
                    field: field.into(),
                    message: message.into(),
                });
            }
        };
        required(
            self.met.map(|_| ()),
            "met",
            "Kies met wie het eindgesprek was.",
        );
        required(
            self.tevreden.map(|_| ()),
            "tevreden",
            "Kies of de burger tevreden was.",
        );
        let notitie = if self.notitie.trim().is_empty() {
            Some(None)
        } else {
            fields
                .check(
                    CheckedText::parse(&self.notitie),
                    "notitie",
                    crate::Text::new("de notitie", "the note"),
                )
                .map(Some)
        };
        fields.finish(|| {
            Some(CheckedFinalTalk {
                met: self.met?,
                tevreden: self.tevreden?,
                notitie: notitie?,
            })
        })
    }
}

/// The eindgesprek as staff read it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinalTalk {
    pub met: Gesprekspartner,
    pub tevreden: bool,
    pub notitie: Option<String>,
    pub tijd: i64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lifecycle::{EscalatieNiveau, Uitkomst};

    #[test]
    fn feedback_is_asked_after_the_zienswijze_after_the_dienst_and_at_the_end_only() {
        assert_eq!(Mijlpaal::of(CaseStatus::InBehandeling), None);
        assert_eq!(Mijlpaal::of(CaseStatus::Aangemeld), None);
        assert_eq!(Mijlpaal::of(CaseStatus::Ingetrokken), None);
        assert_eq!(
            Mijlpaal::of(CaseStatus::ZienswijzeVerstuurd),
            Some(Mijlpaal::Zienswijze)
        );
        assert_eq!(
            Mijlpaal::of(CaseStatus::Geescaleerd(EscalatieNiveau::Leidinggevende)),
            Some(Mijlpaal::ReactieDienst)
        );
        assert_eq!(
            Mijlpaal::of(CaseStatus::Afgerond(Uitkomst::MinnelijkOpgelost)),
            Some(Mijlpaal::Einde)
        );
        for m in Mijlpaal::ALL {
            assert_eq!(Mijlpaal::parse(m.key()), Some(m));
        }
    }

    #[test]
    fn an_eindgesprek_names_with_whom_and_whether_the_citizen_was_satisfied() {
        let empty = NewFinalTalk {
            met: None,
            tevreden: None,
            notitie: " ".into(),
        };
        let errors = empty.check().unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["met", "tevreden"]);
        let held = NewFinalTalk {
            met: Some(Gesprekspartner::Beiden),
            tevreden: Some(false),
            notitie: String::new(),
        }
        .check()
        .unwrap();
        assert_eq!(
            (held.met, held.tevreden, held.notitie),
            (Gesprekspartner::Beiden, false, None)
        );
        for g in Gesprekspartner::ALL {
            assert_eq!(Gesprekspartner::parse(g.key()), Some(g));
        }
    }

    #[test]
    fn only_a_thumbs_down_asks_for_contact_and_words_are_optional() {
        let feedback = |duim, tekst: &str, contact| NewFeedback {
            duim,
            tekst: tekst.into(),
            contact,
        };
        let down = feedback(Some(Duim::Omlaag), "", true).check().unwrap();
        assert!(down.oordeel.asks_contact());
        assert_eq!(down.tekst, None);
        let up = feedback(Some(Duim::Omhoog), "Fijn geholpen.", false)
            .check()
            .unwrap();
        assert!(up.oordeel.positive());
        assert_eq!(up.tekst.unwrap().as_str(), "Fijn geholpen.");
        let errors = feedback(Some(Duim::Omhoog), "", true).check().unwrap_err();
        assert_eq!(errors[0].field, "contact");
        let errors = feedback(None, "", false).check().unwrap_err();
        assert_eq!(errors[0].field, "duim");
        let long = "x".repeat(crate::api::NewText::MAX + 1);
        let errors = feedback(Some(Duim::Omlaag), &long, false)
            .check()
            .unwrap_err();
        assert_eq!(errors[0].field, "tekst");
    }
}
