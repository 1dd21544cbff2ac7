//! Retention and destruction, in ZGW terms (brief §4.7, DESIGN.md §6). A case that ends gets
//! the *archiefnominatie* `vernietigen` and an *archiefactiedatum*: its end date plus the term
//! of its [`Bewaarklasse`]. A daily job puts the cases whose date passed on the destruction
//! list; the beheerder approves each one or keeps it with a reason; after a waiting period
//! the job deletes its personal data, and only an anonymous record and a line in the
//! destruction report stay.
//!
//! The terms below are Bondgenoot's defaults, not taken from the sources (brief §4.7 asks for
//! a retention schedule; the seeds give no terms). The consent text names them, so the
//! beheerder may shorten a term but never lengthen it past what the citizen read.

use serde::{Deserialize, Serialize};

use crate::domain::FreeText;
use crate::lifecycle::CaseStatus;
use crate::{Check, FieldError, Fields, Invalid};

/// What a case's end (or an untouched draft) means for how long its data stays.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bewaarklasse {
    /// A draft nobody changed: days since the last change.
    Concept,
    /// Consent refused or not given in time.
    Vervallen,
    /// Consent withdrawn.
    Ingetrokken,
    Doorverwezen,
    Gesloten,
}

impl Bewaarklasse {
    pub const ALL: [Bewaarklasse; 5] = [
        Bewaarklasse::Concept,
        Bewaarklasse::Vervallen,
        Bewaarklasse::Ingetrokken,
        Bewaarklasse::Doorverwezen,
        Bewaarklasse::Gesloten,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Bewaarklasse::Concept => "concept",
            Bewaarklasse::Vervallen => "vervallen",
            Bewaarklasse::Ingetrokken => "ingetrokken",
            Bewaarklasse::Doorverwezen => "doorverwezen",
            Bewaarklasse::Gesloten => "gesloten",
        }
    }

    pub fn parse(key: &str) -> Option<Bewaarklasse> {
        Bewaarklasse::ALL.into_iter().find(|k| k.key() == key)
    }

    /// The class of a case in `status`; `None` while it runs.
    pub fn of(status: CaseStatus) -> Option<Bewaarklasse> {
        match status {
            CaseStatus::Concept => Some(Bewaarklasse::Concept),
            CaseStatus::Vervallen => Some(Bewaarklasse::Vervallen),
            CaseStatus::Ingetrokken => Some(Bewaarklasse::Ingetrokken),
            CaseStatus::Doorverwezen(_) => Some(Bewaarklasse::Doorverwezen),
            CaseStatus::Gesloten => Some(Bewaarklasse::Gesloten),
            _ => None,
        }
    }

    /// The default term in days, and the longest the beheerder may set: the consent text
    /// (and, for drafts, the helper's list) promises it.
    pub fn default_days(self) -> i64 {
        match self {
            Bewaarklasse::Concept | Bewaarklasse::Vervallen | Bewaarklasse::Ingetrokken => 30,
            Bewaarklasse::Doorverwezen | Bewaarklasse::Gesloten => 365,
        }
    }

    /// The shortest term: a draft someone is typing must not go the same day.
    pub fn min_days(self) -> i64 {
        match self {
            Bewaarklasse::Concept => 1,
            _ => 0,
        }
    }

    /// The label of its field, in Dutch.
    pub fn label(self) -> &'static str {
        match self {
            Bewaarklasse::Concept => {
                crate::lang::tr("Concept dat niet verandert", "Draft that does not change")
            }
            Bewaarklasse::Vervallen => crate::lang::tr(
                "Geen toestemming of geen antwoord (vervallen)",
                "No consent or no answer (lapsed)",
            ),
            Bewaarklasse::Ingetrokken => {
                crate::lang::tr("Toestemming ingetrokken", "Consent withdrawn")
            }
            Bewaarklasse::Doorverwezen => crate::lang::tr("Doorverwezen", "Referred"),
            Bewaarklasse::Gesloten => crate::lang::tr("Gesloten", "Closed"),
        }
    }
}

/// What happens to a case's data when its term is over. Only `vernietigen` exists: nothing in
/// Bondgenoot is kept for good (*blijvend bewaren* would be the other ZGW value).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Archiefnominatie {
    Vernietigen,
}

impl Archiefnominatie {
    pub fn key(self) -> &'static str {
        match self {
            Archiefnominatie::Vernietigen => "vernietigen",
        }
    }
}

/// Days between the beheerder's approval and the deletion: time to change one's mind.
pub const WAITING_DEFAULT: i64 = 7;
pub const WAITING_MAX: i64 = 30;
/// Days a case the beheerder keeps stays off the list before it comes back ("na een jaar"
/// on the destruction page).
pub const KEEP_DAYS: i64 = 365;

/// The terms in force, in days.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Terms {
    pub concept: i64,
    pub vervallen: i64,
    pub ingetrokken: i64,
    pub doorverwezen: i64,
    pub gesloten: i64,
    /// Days between approval and deletion.
    pub wachttijd: i64,
}

impl Terms {
    pub const DEFAULT: Terms = Terms {
        concept: 30,
        vervallen: 30,
        ingetrokken: 30,
        doorverwezen: 365,
        gesloten: 365,
        wachttijd: WAITING_DEFAULT,
    };

    pub fn days(&self, class: Bewaarklasse) -> i64 {
        match class {
            Bewaarklasse::Concept => self.concept,
            Bewaarklasse::Vervallen => self.vervallen,
            Bewaarklasse::Ingetrokken => self.ingetrokken,
            Bewaarklasse::Doorverwezen => self.doorverwezen,
            Bewaarklasse::Gesloten => self.gesloten,
        }
    }

    fn days_mut(&mut self, class: Bewaarklasse) -> &mut i64 {
        match class {
            Bewaarklasse::Concept => &mut self.concept,
            Bewaarklasse::Vervallen => &mut self.vervallen,
            Bewaarklasse::Ingetrokken => &mut self.ingetrokken,
            Bewaarklasse::Doorverwezen => &mut self.doorverwezen,
            Bewaarklasse::Gesloten => &mut self.gesloten,
        }
    }

    /// The terms with one stored value set (a key from [`Bewaarklasse::key`] or
    /// `wachttijd`); an unknown key changes nothing.
    pub fn with(mut self, key: &str, days: i64) -> Terms {
        match Bewaarklasse::parse(key) {
            Some(class) => *self.days_mut(class) = days,
            None if key == "wachttijd" => self.wachttijd = days,
            None => {}
        }
        self
    }

    /// Every stored value with its key, for saving.
    pub fn entries(&self) -> Vec<(&'static str, i64)> {
        let mut all: Vec<_> = Bewaarklasse::ALL
            .into_iter()
            .map(|class| (class.key(), self.days(class)))
            .collect();
        all.push(("wachttijd", self.wachttijd));
        all
    }
}

/// `PUT /api/beheer/bewaartermijnen`: each term as typed, in days.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermsInput {
    pub concept: String,
    pub vervallen: String,
    pub ingetrokken: String,
    pub doorverwezen: String,
    pub gesloten: String,
    pub wachttijd: String,
}

impl TermsInput {
    pub fn of(terms: &Terms) -> TermsInput {
        TermsInput {
            concept: terms.concept.to_string(),
            vervallen: terms.vervallen.to_string(),
            ingetrokken: terms.ingetrokken.to_string(),
            doorverwezen: terms.doorverwezen.to_string(),
            gesloten: terms.gesloten.to_string(),
            wachttijd: terms.wachttijd.to_string(),
        }
    }

    /// The typed value of a field, by its key.
    pub fn value(&self, key: &str) -> &str {
        match key {
            "concept" => &self.concept,
            "vervallen" => &self.vervallen,
            "ingetrokken" => &self.ingetrokken,
            "doorverwezen" => &self.doorverwezen,
            "gesloten" => &self.gesloten,
            _ => &self.wachttijd,
        }
    }

    pub fn value_mut(&mut self, key: &str) -> &mut String {
        match key {
            "concept" => &mut self.concept,
            "vervallen" => &mut self.vervallen,
            "ingetrokken" => &mut self.ingetrokken,
            "doorverwezen" => &mut self.doorverwezen,
            "gesloten" => &mut self.gesloten,
            _ => &mut self.wachttijd,
        }
    }
}

/// A whole number of days from `min` to `max`.
fn days_between(input: &str, min: i64, max: i64) -> Result<i64, (i64, i64)> {
    input
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .ok_or((min, max))
}

impl Check for TermsInput {
    type Checked = Terms;
    fn check(&self) -> Result<Terms, Vec<FieldError>> {
        let mut fields = Fields::new();
        let mut terms = Terms::DEFAULT;
        let mut all_valid = true;
        for class in Bewaarklasse::ALL {
            match days_between(
                self.value(class.key()),
                class.min_days(),
                class.default_days(),
            ) {
                Ok(days) => *terms.days_mut(class) = days,
                Err((min, max)) => {
                    all_valid = false;
                    fields.add(FieldError {
                        field: class.key().to_owned(),
                        message: format!(
                            "Vul bij \u{201c}{}\u{201d} een heel aantal dagen in, van {min} tot en met {max}. Langer dan {max} dagen kan niet: dat staat in de tekst waarmee de burger toestemming gaf.",
                            class.label()
                        ),
                    });
                }
            }
        }
        match days_between(&self.wachttijd, 1, WAITING_MAX) {
            Ok(days) => terms.wachttijd = days,
            Err(_) => {
                all_valid = false;
                fields.add(
                    Invalid::Format {
                        hint: crate::Text::new(
                            "Vul een heel aantal dagen in, van 1 tot en met 30.",
                            "Fill in a whole number of days, from 1 to 30.",
                        ),
                    }
                    .at(
                        "wachttijd",
                        crate::Text::new("de wachttijd", "the waiting time"),
                    ),
                );
            }
        }
        fields.finish(|| all_valid.then_some(terms))
    }
}

/// Where a case on the destruction list stands.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Beoordeling {
    /// Due: waits for the beheerder.
    Voorgesteld,
    /// Approved: deleted once the waiting period is over, unless cancelled.
    Goedgekeurd,
    /// Kept, with a reason, for [`KEEP_DAYS`].
    Bewaren,
}

impl Beoordeling {
    pub fn key(self) -> &'static str {
        match self {
            Beoordeling::Voorgesteld => "voorgesteld",
            Beoordeling::Goedgekeurd => "goedgekeurd",
            Beoordeling::Bewaren => "bewaren",
        }
    }

    pub fn parse(key: &str) -> Option<Beoordeling> {
        [
            Beoordeling::Voorgesteld,
            Beoordeling::Goedgekeurd,
            Beoordeling::Bewaren,
        ]
        .into_iter()
        .find(|b| b.key() == key)
    }

    /// Approve or keep what is proposed; cancel an approval (back to proposed) while it
    /// waits. A kept case comes back by itself when its new date passes.
    pub fn may_become(self, next: Beoordeling) -> bool {
        matches!(
            (self, next),
            (
                Beoordeling::Voorgesteld,
                Beoordeling::Goedgekeurd | Beoordeling::Bewaren
            ) | (Beoordeling::Goedgekeurd, Beoordeling::Voorgesteld)
        )
    }
}

/// A case on the destruction list, as the beheerder reads it (no personal data).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    pub referentie: String,
    pub klasse: Bewaarklasse,
    /// When the case ended (seconds since 1970).
    pub einde: i64,
    pub archiefactiedatum: i64,
    /// The Dienst, in words, when the case was sent.
    pub dienst: Option<String>,
    pub stand: Beoordeling,
    /// When it is deleted (approved) or comes back (kept).
    pub tot: Option<i64>,
    pub reden: Option<String>,
    pub beoordeeld_door: Option<String>,
}

/// A line of the destruction report: which case (its reference hash), when, approved by whom.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Destroyed {
    /// The first 16 characters of the reference's hash.
    pub zaak: String,
    pub klasse: Bewaarklasse,
    pub archiefactiedatum: i64,
    pub goedgekeurd_door: String,
    pub goedgekeurd_op: i64,
    pub vernietigd_op: i64,
}

/// Cases per end state: still in Bondgenoot, and only left as an anonymous record.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndCount {
    pub klasse: Bewaarklasse,
    pub bewaard: i64,
    pub vernietigd: i64,
}

/// `GET /api/beheer/vernietiging`: the terms, the list, the report and the counts.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DestructionOverview {
    pub termijnen: Terms,
    pub lijst: Vec<Candidate>,
    /// The newest lines of the report (at most [`REPORT_LINES`]).
    pub verslag: Vec<Destroyed>,
    pub verslag_totaal: i64,
    pub cijfers: Vec<EndCount>,
}

/// How many report lines the overview carries.
pub const REPORT_LINES: i64 = 100;

/// `PUT /api/beheer/vernietiging/{referentie}`: approve, keep (with a reason) or cancel.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    pub stand: Beoordeling,
    #[serde(default)]
    pub reden: String,
}

pub type KeepReason = FreeText<1000>;

impl Check for Review {
    type Checked = (Beoordeling, Option<KeepReason>);
    fn check(&self) -> Result<Self::Checked, Vec<FieldError>> {
        let mut fields = Fields::new();
        let reason = match self.stand {
            Beoordeling::Bewaren => fields
                .check(
                    KeepReason::parse(&self.reden),
                    "reden",
                    crate::Text::new("waarom de zaak bewaard blijft", "why the case is kept"),
                )
                .map(Some),
            _ => Some(None),
        };
        fields.finish(|| Some((self.stand, reason?)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lifecycle::Verwijzing;

    #[test]
    fn every_end_state_has_a_class_and_running_cases_have_none() {
        assert_eq!(
            Bewaarklasse::of(CaseStatus::Doorverwezen(Verwijzing::Geldfit)),
            Some(Bewaarklasse::Doorverwezen)
        );
        assert_eq!(Bewaarklasse::of(CaseStatus::InBehandeling), None);
        assert_eq!(Bewaarklasse::of(CaseStatus::Aangemeld), None);
        for class in Bewaarklasse::ALL {
            assert_eq!(Bewaarklasse::parse(class.key()), Some(class));
            assert_eq!(Terms::DEFAULT.days(class), class.default_days());
        }
    }

    #[test]
    fn terms_may_be_shortened_but_not_lengthened_past_the_consent_text() {
        let mut input = TermsInput::of(&Terms::DEFAULT);
        assert_eq!(input.check(), Ok(Terms::DEFAULT));
        input.gesloten = "90".into();
        input.ingetrokken = "0".into();
        let terms = input.check().unwrap();
        assert_eq!((terms.gesloten, terms.ingetrokken), (90, 0));
        input.vervallen = "31".into();
        input.concept = "0".into();
        input.wachttijd = "zeven".into();
        let errors = input.check().unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["concept", "vervallen", "wachttijd"]);
        assert!(
            errors[1].message.contains("van 0 tot en met 30"),
            "{}",
            errors[1].message
        );
    }

    #[test]
    fn stored_values_read_back_into_the_terms() {
        let terms = Terms::DEFAULT
            .entries()
            .into_iter()
            .fold(Terms::DEFAULT.with("gesloten", 1), |terms, (key, days)| {
                terms.with(key, days + 1)
            });
        assert_eq!(terms.gesloten, 366);
        assert_eq!(terms.wachttijd, WAITING_DEFAULT + 1);
        assert_eq!(terms.with("onbekend", 5), terms);
    }

    #[test]
    fn a_review_goes_forward_and_keeping_needs_a_reason() {
        assert!(Beoordeling::Voorgesteld.may_become(Beoordeling::Goedgekeurd));
        assert!(Beoordeling::Goedgekeurd.may_become(Beoordeling::Voorgesteld));
        assert!(!Beoordeling::Bewaren.may_become(Beoordeling::Goedgekeurd));
        assert!(!Beoordeling::Goedgekeurd.may_become(Beoordeling::Bewaren));
        let bare = Review {
            stand: Beoordeling::Bewaren,
            reden: "  ".into(),
        };
        assert_eq!(bare.check().unwrap_err()[0].field, "reden");
        let approve = Review {
            stand: Beoordeling::Goedgekeurd,
            reden: String::new(),
        };
        assert_eq!(approve.check(), Ok((Beoordeling::Goedgekeurd, None)));
    }
}
