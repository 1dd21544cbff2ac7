//! What a case is about: the draft a helper fills in (raw text, saved as typed, never lost)
//! and the checked submission made from it (domain types only).

use crate::route_check::RouteAntwoord;
use serde::{Deserialize, Serialize};

use crate::domain::{Bsn, Date, Email, FreeText, PersonName, Phone};
use crate::invalid::{FieldError, Invalid};

/// Which Dienst the problem is with.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dienst {
    Belastingdienst,
    DienstToeslagen,
    Beide,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ToeslagSoort {
    Huurtoeslag,
    Zorgtoeslag,
    Kinderopvangtoeslag,
    KindgebondenBudget,
}

/// What the problem is about; several may apply.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "onderwerp", content = "soort", rename_all = "snake_case")]
// Read back through a flat struct (see `crate::wire`): less code in the browser.
#[serde(try_from = "crate::wire::OnderwerpWire")]
pub enum Onderwerp {
    Inkomstenbelasting,
    Omzetbelasting,
    Toeslag(ToeslagSoort),
    Invordering,
    Herstel,
    Anders,
}

/// Why a case is urgent (S003:1380-1382 names eviction and no money to live on).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "reden", rename_all = "snake_case")]
// Read back through a flat struct (see `crate::wire`): less code in the browser.
#[serde(try_from = "crate::wire::SpoedRedenWire")]
pub enum SpoedReden {
    DreigendeUithuiszetting,
    GeenLeefgeld,
    /// A term ends on this date (shown as a warning: it keeps running).
    TermijnVerloopt {
        datum: Date,
    },
    Anders {
        toelichting: FreeText<500>,
    },
}

impl Dienst {
    /// The choices of the case form, in its order, with their labels in both languages.
    pub const CHOICES: [(Dienst, crate::Text); 3] = [
        (
            Dienst::Belastingdienst,
            crate::Text::new("Belastingdienst", "Tax Administration"),
        ),
        (
            Dienst::DienstToeslagen,
            crate::Text::new("Dienst Toeslagen", "Benefits Service"),
        ),
        (Dienst::Beide, crate::Text::new("Allebei", "Both")),
    ];

    pub fn label(self) -> &'static str {
        Self::CHOICES
            .iter()
            .find(|(choice, _)| *choice == self)
            .map_or("", |(_, label)| label.get())
    }
}

impl Onderwerp {
    /// The choices of the case form, in its order, with their labels in both languages.
    pub const CHOICES: [(Onderwerp, crate::Text); 9] = [
        (
            Onderwerp::Inkomstenbelasting,
            crate::Text::new("Inkomstenbelasting", "Income tax"),
        ),
        (
            Onderwerp::Omzetbelasting,
            crate::Text::new("Omzetbelasting (btw)", "VAT"),
        ),
        (
            Onderwerp::Toeslag(ToeslagSoort::Huurtoeslag),
            crate::Text::new("Huurtoeslag", "Rent benefit"),
        ),
        (
            Onderwerp::Toeslag(ToeslagSoort::Zorgtoeslag),
            crate::Text::new("Zorgtoeslag", "Healthcare benefit"),
        ),
        (
            Onderwerp::Toeslag(ToeslagSoort::Kinderopvangtoeslag),
            crate::Text::new("Kinderopvangtoeslag", "Childcare benefit"),
        ),
        (
            Onderwerp::Toeslag(ToeslagSoort::KindgebondenBudget),
            crate::Text::new("Kindgebonden budget", "Child-related budget"),
        ),
        (
            Onderwerp::Invordering,
            crate::Text::new(
                "Invordering (betalen, schulden, beslag)",
                "Collection (paying, debts, seizure)",
            ),
        ),
        (
            Onderwerp::Herstel,
            crate::Text::new(
                "Herstel (bijvoorbeeld hersteloperatie toeslagen)",
                "Recovery (for example the benefits recovery operation)",
            ),
        ),
        (
            Onderwerp::Anders,
            crate::Text::new("Iets anders", "Something else"),
        ),
    ];

    pub fn label(self) -> &'static str {
        Self::CHOICES
            .iter()
            .find(|(choice, _)| *choice == self)
            .map_or("", |(_, label)| label.get())
    }
}

impl SpoedReden {
    /// The reasons without details that the case form offers, with their labels in both languages.
    pub const CHOICES: [(SpoedReden, crate::Text); 2] = [
        (
            SpoedReden::DreigendeUithuiszetting,
            crate::Text::new("Er dreigt een uithuiszetting", "An eviction is coming"),
        ),
        (
            SpoedReden::GeenLeefgeld,
            crate::Text::new(
                "De burger heeft geen geld om van te leven",
                "The citizen has no money to live on",
            ),
        ),
    ];
}

/// Longest free-text answer about what happened.
pub const STORY_MAX: usize = 4000;
/// A free-text answer about what happened.
pub type Story = FreeText<STORY_MAX>;
/// A short explanation of an urgent situation.
pub type Toelichting = FreeText<500>;

/// The helper's draft, exactly as typed: every field optional and unchecked, so saving never
/// fails on a half-filled form. [`CaseDraft::check`] turns it into a [`Submission`].
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CaseDraft {
    pub burger_naam: Option<String>,
    pub burger_geboortedatum: Option<String>,
    pub burger_bsn: Option<String>,
    pub burger_telefoon: Option<String>,
    pub burger_email: Option<String>,
    pub dienst: Option<Dienst>,
    pub onderwerpen: Vec<Onderwerp>,
    pub wat_ging_mis: Option<String>,
    pub wat_is_geprobeerd: Option<String>,
    pub gewenste_uitkomst: Option<String>,
    /// Is there a bezwaar or beroep, or a decision it could be made against? Only then are
    /// the decision date and the end of the term asked.
    pub bezwaar_of_beroep: Option<bool>,
    pub besluitdatum: Option<String>,
    pub termijn_einddatum: Option<String>,
    pub spoed: Vec<SpoedReden>,
    pub pauzeknop_gevraagd: bool,
    /// A number at which the Belangenbehartiger can reach the helper about this case.
    pub hulpverlener_telefoon: Option<String>,
    /// What the route check before the form learned.
    pub routecheck: Vec<RouteAntwoord>,
}

/// A checked case, ready to submit. Only domain types: it cannot hold an invalid value.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Submission {
    pub burger_naam: PersonName,
    pub burger_geboortedatum: Date,
    pub burger_bsn: Option<Bsn>,
    pub burger_telefoon: Option<Phone>,
    pub burger_email: Option<Email>,
    pub dienst: Dienst,
    pub onderwerpen: Vec<Onderwerp>,
    pub wat_ging_mis: Story,
    pub wat_is_geprobeerd: Option<Story>,
    pub gewenste_uitkomst: Story,
    pub besluitdatum: Option<Date>,
    pub termijn_einddatum: Option<Date>,
    pub spoed: Vec<SpoedReden>,
    pub pauzeknop_gevraagd: bool,
    pub hulpverlener_telefoon: Option<Phone>,
    /// What the route check learned; cases sent before it was kept have none.
    #[serde(default)]
    pub routecheck: Vec<RouteAntwoord>,
}

/// Largest draft the server stores, in bytes of JSON: room for every field at its maximum.
pub const DRAFT_MAX_BYTES: usize = 48 * 1024;

impl CaseDraft {
    /// Checks every field and returns the submission, or one message per wrong field.
    /// `today` comes from the caller: the model has no clock.
    pub fn check(&self, today: Date) -> Result<Submission, Vec<FieldError>> {
        let mut errors = Errors(Vec::new());
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        let optional = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };

        let naam = errors.field(
            PersonName::parse(&text(&self.burger_naam)),
            "burger_naam",
            crate::Text::new("de naam van de burger", "the citizen's name"),
        );
        let geboortedatum = errors.field(
            Date::parse(&text(&self.burger_geboortedatum)).and_then(|d| d.not_after(today)),
            "burger_geboortedatum",
            crate::Text::new(
                "de geboortedatum van de burger",
                "the citizen's date of birth",
            ),
        );
        let bsn = optional(&self.burger_bsn).map(|v| {
            errors.field(
                Bsn::parse(&v),
                "burger_bsn",
                crate::Text::new("het BSN", "the BSN"),
            )
        });
        let telefoon = optional(&self.burger_telefoon).map(|v| {
            errors.field(
                Phone::parse(&v),
                "burger_telefoon",
                crate::Text::new(
                    "het telefoonnummer van de burger",
                    "the citizen's phone number",
                ),
            )
        });
        let email = optional(&self.burger_email).map(|v| {
            errors.field(
                Email::parse(&v),
                "burger_email",
                crate::Text::new(
                    "het e-mailadres van de burger",
                    "the citizen's e-mail address",
                ),
            )
        });
        let dienst = errors.field(
            self.dienst.ok_or(Invalid::NotAChoice),
            "dienst",
            crate::Text::new("de Dienst", "the service"),
        );
        let onderwerpen = errors.field(
            if self.onderwerpen.is_empty() {
                Err(Invalid::NotAChoice)
            } else {
                Ok(self.onderwerpen.clone())
            },
            "onderwerpen",
            crate::Text::new("waar het probleem over gaat", "what the problem is about"),
        );
        let wat_ging_mis = errors.field(
            FreeText::parse(&text(&self.wat_ging_mis)),
            "wat_ging_mis",
            crate::Text::new("wat er mis ging", "what went wrong"),
        );
        let wat_is_geprobeerd = optional(&self.wat_is_geprobeerd).map(|v| {
            errors.field(
                FreeText::parse(&v),
                "wat_is_geprobeerd",
                crate::Text::new("wat er al geprobeerd is", "what has been tried already"),
            )
        });
        let gewenste_uitkomst = errors.field(
            FreeText::parse(&text(&self.gewenste_uitkomst)),
            "gewenste_uitkomst",
            crate::Text::new(
                "welke uitkomst de burger wil",
                "which outcome the citizen wants",
            ),
        );
        // The dates belong to a bezwaar or beroep; when there is none, the page is skipped
        // and what may still be typed there does not count.
        let asks_dates = self.bezwaar_of_beroep == Some(true);
        let besluitdatum = optional(&self.besluitdatum)
            .filter(|_| asks_dates)
            .map(|v| {
                errors.field(
                    Date::parse(&v).and_then(|d| d.not_after(today)),
                    "besluitdatum",
                    crate::Text::new("de datum van het besluit", "the date of the decision"),
                )
            });
        let termijn = optional(&self.termijn_einddatum)
            .filter(|_| asks_dates)
            .map(|v| {
                errors.field(
                    Date::parse(&v),
                    "termijn_einddatum",
                    crate::Text::new(
                        "de einddatum van de termijn",
                        "the end date of the deadline",
                    ),
                )
            });
        // A term ends after its decision, and only a term that still runs is shown as one
        // that keeps running.
        match (besluitdatum.flatten(), termijn.flatten()) {
            (Some(decision), Some(end)) if end < decision => errors.0.push(FieldError {
                field: "termijn_einddatum".into(),
                message: crate::lang::tr("De einddatum van de termijn ligt voor de datum van het besluit. Controleer beide datums.", "The end date of the deadline is before the date of the decision. Check both dates.").into(),
            }),
            (_, Some(end)) if end < today => errors.0.push(FieldError {
                field: "termijn_einddatum".into(),
                message: crate::lang::tr("De einddatum van de termijn is al voorbij. Vul alleen een termijn in die nog loopt. Is de termijn voorbij? Laat dit leeg en schrijf het bij wat er mis ging.", "The end date of the deadline has passed. Only fill in a deadline that is still running. Has it passed? Leave this empty and write it under what went wrong.").into(),
            }),
            _ => {}
        }
        let hulpverlener_telefoon = optional(&self.hulpverlener_telefoon).map(|v| {
            errors.field(
                Phone::parse(&v),
                "hulpverlener_telefoon",
                crate::Text::new("uw telefoonnummer", "your phone number"),
            )
        });

        // Consent is asked on the citizen's own phone or by e-mail: one way to reach them is needed.
        if self
            .burger_telefoon
            .as_deref()
            .is_none_or(|v| v.trim().is_empty())
            && self
                .burger_email
                .as_deref()
                .is_none_or(|v| v.trim().is_empty())
        {
            errors.0.push(FieldError {
                field: "burger_telefoon".into(),
                message: crate::lang::tr("Vul een mobiel nummer of een e-mailadres van de burger in. Daarmee vragen we om toestemming.", "Fill in a mobile number or an e-mail address of the citizen. We use it to ask for consent.")
                    .into(),
            });
        }

        match (
            naam,
            geboortedatum,
            dienst,
            onderwerpen,
            wat_ging_mis,
            gewenste_uitkomst,
        ) {
            (
                Some(naam),
                Some(geboortedatum),
                Some(dienst),
                Some(onderwerpen),
                Some(wat_ging_mis),
                Some(gewenste_uitkomst),
            ) if errors.0.is_empty() => Ok(Submission {
                burger_naam: naam,
                burger_geboortedatum: geboortedatum,
                burger_bsn: bsn.flatten(),
                burger_telefoon: telefoon.flatten(),
                burger_email: email.flatten(),
                dienst,
                onderwerpen,
                wat_ging_mis,
                wat_is_geprobeerd: wat_is_geprobeerd.flatten(),
                gewenste_uitkomst,
                besluitdatum: besluitdatum.flatten(),
                termijn_einddatum: termijn.flatten(),
                spoed: self.spoed.clone(),
                pauzeknop_gevraagd: self.pauzeknop_gevraagd,
                hulpverlener_telefoon: hulpverlener_telefoon.flatten(),
                routecheck: crate::route_check::normalised(&self.routecheck),
            }),
            _ => Err(errors.0),
        }
    }
}

/// Collects one message per wrong field while the rest of the form is still checked.
struct Errors(Vec<FieldError>);

impl Errors {
    fn field<T>(
        &mut self,
        result: Result<T, Invalid>,
        name: &'static str,
        label: crate::Label,
    ) -> Option<T> {
        result.map_err(|e| self.0.push(e.at(name, label))).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::new(2026, 11, 23).unwrap()
    }

    fn complete() -> CaseDraft {
        CaseDraft {
            burger_naam: Some("Anna de Vries".into()),
            burger_geboortedatum: Some("12-5-1980".into()),
            burger_bsn: Some("111222333".into()),
            burger_telefoon: Some("06 12345678".into()),
            dienst: Some(Dienst::DienstToeslagen),
            onderwerpen: vec![Onderwerp::Toeslag(ToeslagSoort::Huurtoeslag)],
            wat_ging_mis: Some("De huurtoeslag is teruggevorderd.".into()),
            gewenste_uitkomst: Some("Een betalingsregeling die past.".into()),
            ..CaseDraft::default()
        }
    }

    #[test]
    fn a_complete_draft_becomes_a_submission() {
        let submission = complete().check(today()).unwrap();
        assert_eq!(submission.burger_bsn.unwrap().masked(), "******333");
        assert_eq!(submission.burger_telefoon.unwrap().as_str(), "0612345678");
    }

    #[test]
    fn an_empty_draft_names_every_missing_field() {
        let errors = CaseDraft::default().check(today()).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "burger_naam",
                "burger_geboortedatum",
                "dienst",
                "onderwerpen",
                "wat_ging_mis",
                "gewenste_uitkomst",
                "burger_telefoon"
            ]
        );
        assert_eq!(errors[0].message, "Vul de naam van de burger in.");
    }

    #[test]
    fn a_wrong_optional_field_is_reported_but_an_empty_one_is_fine() {
        let mut draft = complete();
        draft.burger_bsn = Some("123".into());
        let errors = draft.check(today()).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "burger_bsn");
        assert!(errors[0].message.contains("Een BSN heeft 9 cijfers"));

        draft.burger_bsn = Some("  ".into());
        assert!(draft.check(today()).unwrap().burger_bsn.is_none());
    }

    #[test]
    fn a_decision_date_in_the_future_is_refused() {
        let mut draft = complete();
        draft.besluitdatum = Some("1-1-2027".into());
        assert!(
            draft.check(today()).is_ok(),
            "ignored without a bezwaar or beroep"
        );
        draft.bezwaar_of_beroep = Some(true);
        let errors = draft.check(today()).unwrap_err();
        assert_eq!(errors[0].field, "besluitdatum");
        assert!(errors[0].message.contains("ligt in de toekomst"));
    }

    #[test]
    fn a_term_that_ends_before_its_decision_or_has_ended_is_refused() {
        let mut draft = complete();
        draft.bezwaar_of_beroep = Some(true);
        draft.besluitdatum = Some("1-3-2025".into());
        draft.termijn_einddatum = Some("1-2-2025".into());
        let errors = draft.check(today()).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "termijn_einddatum");
        assert!(errors[0].message.contains("voor de datum van het besluit"));

        draft.termijn_einddatum = Some("1-4-2025".into());
        let errors = draft.check(Date::parse("1-5-2025").unwrap()).unwrap_err();
        assert!(errors[0].message.contains("al voorbij"), "{errors:?}");

        assert!(draft.check(Date::parse("15-3-2025").unwrap()).is_ok());
    }

    #[test]
    fn unknown_fields_in_a_draft_are_refused() {
        assert!(serde_json::from_str::<CaseDraft>(r#"{"burger_naam":"A","hack":1}"#).is_err());
        let draft: CaseDraft = serde_json::from_str(r#"{"burger_naam":"A"}"#).unwrap();
        assert_eq!(draft.burger_naam.as_deref(), Some("A"));
    }
}
