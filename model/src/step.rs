//! A staff step on a case as the server accepts it: the event, the messages for helper and
//! citizen, and what that event must carry — a date, or reasons. Checked here, once, by the
//! browser's step form and by the server alike.

use crate::api::StepRequest;
use crate::domain::{Date, FreeText};
use crate::invalid::{FieldError, Fields, Invalid};
use crate::lifecycle::CaseEvent;

/// Longest message on a timeline step.
pub const MESSAGE_MAX: usize = 2000;
/// Longest reasons text of a step.
pub const REASONS_MAX: usize = 4000;

pub type StepMessage = FreeText<MESSAGE_MAX>;
pub type Reasons = FreeText<REASONS_MAX>;

/// What a step carries beside its messages: a date, reasons, or neither — never both, and
/// never missing where the event needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepDetail {
    Plain,
    Dated(Date),
    Reasons(Reasons),
}

/// A step whose every part was checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedStep {
    pub event: CaseEvent,
    pub message_helper: StepMessage,
    pub message_citizen: StepMessage,
    pub detail: StepDetail,
}

impl CheckedStep {
    pub fn datum(&self) -> Option<Date> {
        match self.detail {
            StepDetail::Dated(date) => Some(date),
            StepDetail::Plain | StepDetail::Reasons(_) => None,
        }
    }

    pub fn reasons(&self) -> Option<&str> {
        match &self.detail {
            StepDetail::Reasons(reasons) => Some(reasons.as_str()),
            StepDetail::Plain | StepDetail::Dated(_) => None,
        }
    }
}

/// The days a step is checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepContext {
    pub today: Date,
    /// The day the case was made: no step of it happened before.
    pub case_created: Date,
}

impl CaseEvent {
    /// The Dutch name of the date field, for steps that have one.
    fn date_label(self) -> crate::Label {
        match self {
            CaseEvent::ZienswijzeVersturen => crate::Text::new(
                "de datum waarop de zienswijze is verstuurd",
                "the date the view was sent",
            ),
            _ => crate::Text::new("de datum van het eindgesprek", "the date of the final talk"),
        }
    }

    /// The Dutch name of the reasons field, for steps that have one (in a sentence).
    pub fn reasons_label(self) -> crate::Label {
        match self {
            CaseEvent::ZienswijzeNietOvergenomen => {
                crate::Text::new("de redenen van de Dienst", "the reasons of the service")
            }
            CaseEvent::Afronden(_) => crate::Text::new(
                "de reden dat er geen oplossing is",
                "the reason there is no solution",
            ),
            _ => crate::Text::new(
                "de reden van de doorverwijzing",
                "the reason for the referral",
            ),
        }
    }

    /// The same name as the field's label.
    pub fn reasons_title(self) -> &'static str {
        match self {
            CaseEvent::ZienswijzeNietOvergenomen => {
                crate::lang::tr("De redenen van de Dienst", "The reasons of the service")
            }
            CaseEvent::Afronden(_) => crate::lang::tr(
                "De reden dat er geen oplossing is",
                "The reason there is no solution",
            ),
            _ => crate::lang::tr(
                "De reden van de doorverwijzing",
                "The reason for the referral",
            ),
        }
    }
}

impl StepRequest {
    /// Checks every field; a date lies on or after the day the case was made, and a
    /// zienswijze was sent on a day that has come.
    pub fn check(&self, context: StepContext) -> Result<CheckedStep, Vec<FieldError>> {
        let mut fields = Fields::new();
        let helper = fields.check(
            StepMessage::parse(&self.bericht_hulpverlener),
            "bericht_hulpverlener",
            crate::Text::new(
                "het bericht voor de hulpverlener",
                "the message for the social worker",
            ),
        );
        let citizen = fields.check(
            StepMessage::parse(&self.bericht_burger),
            "bericht_burger",
            crate::Text::new("het bericht voor de burger", "the message for the citizen"),
        );
        let event = self.stap;
        // A new casemanager is chosen with its own form (`model::assignment::Reassign`):
        // as a plain step it would name nobody.
        if event == CaseEvent::Toewijzen {
            fields.add(FieldError {
                field: "stap".into(),
                message: "Een andere casemanager kiest u bij Toewijzen, niet als stap.".into(),
            });
        }
        let detail = if event.needs_date() {
            let date = Date::parse(self.datum.as_deref().unwrap_or_default())
                .and_then(|date| {
                    if event == CaseEvent::ZienswijzeVersturen {
                        date.not_after(context.today)
                    } else {
                        Ok(date)
                    }
                })
                .and_then(|date| {
                    if date < context.case_created {
                        Err(Invalid::BeforeCase)
                    } else {
                        Ok(date)
                    }
                });
            fields
                .check(date, "datum", event.date_label())
                .map(StepDetail::Dated)
        } else if event.needs_reasons() {
            fields
                .check(
                    Reasons::parse(self.reden.as_deref().unwrap_or_default()),
                    "reden",
                    event.reasons_label(),
                )
                .map(StepDetail::Reasons)
        } else {
            Some(StepDetail::Plain)
        };
        fields.finish(|| {
            Some(CheckedStep {
                event,
                message_helper: helper?,
                message_citizen: citizen?,
                detail: detail?,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lifecycle::Verwijzing;

    fn context() -> StepContext {
        StepContext {
            today: Date::parse("01-12-2026").unwrap(),
            case_created: Date::parse("01-11-2026").unwrap(),
        }
    }

    fn request(stap: CaseEvent) -> StepRequest {
        StepRequest {
            stap,
            bericht_hulpverlener: "Voor de hulpverlener.".into(),
            bericht_burger: "Voor u.".into(),
            datum: None,
            reden: None,
        }
    }

    fn fields(errors: &[FieldError]) -> Vec<&str> {
        errors.iter().map(|e| e.field.as_str()).collect()
    }

    #[test]
    fn a_step_without_reasons_where_the_dienst_must_give_them_is_refused() {
        for event in [
            CaseEvent::ZienswijzeNietOvergenomen,
            CaseEvent::Doorverwijzen(Verwijzing::StellaTeam),
        ] {
            let errors = request(event).check(context()).unwrap_err();
            assert_eq!(fields(&errors), ["reden"]);
            assert!(errors[0].message.starts_with("Vul de rede"), "{errors:?}");
        }
    }

    #[test]
    fn reasons_are_kept_with_the_step() {
        let mut step = request(CaseEvent::ZienswijzeNietOvergenomen);
        step.reden = Some("  De wet laat geen ruimte voor een andere uitkomst. ".into());
        let checked = step.check(context()).unwrap();
        assert_eq!(
            checked.reasons(),
            Some("De wet laat geen ruimte voor een andere uitkomst.")
        );
        assert_eq!(checked.datum(), None);
    }

    #[test]
    fn a_step_that_needs_nothing_more_ignores_a_date_and_reasons() {
        let mut step = request(CaseEvent::TriageStarten);
        step.reden = Some("iets".into());
        step.datum = Some("01-01-2000".into());
        assert_eq!(step.check(context()).unwrap().detail, StepDetail::Plain);
    }

    #[test]
    fn a_zienswijze_date_before_the_case_existed_or_in_the_future_is_refused() {
        for date in ["31-10-2026", "02-12-2026", "", "31-02-2026"] {
            let mut step = request(CaseEvent::ZienswijzeVersturen);
            step.datum = Some(date.into());
            let errors = step.check(context()).unwrap_err();
            assert_eq!(fields(&errors), ["datum"], "{date}");
        }
        let mut step = request(CaseEvent::ZienswijzeVersturen);
        step.datum = Some("31-10-2026".into());
        assert_eq!(
            step.check(context()).unwrap_err()[0].message,
            "De datum waarop de zienswijze is verstuurd ligt voor de dag waarop de zaak is gemaakt. Controleer de datum."
        );
    }

    #[test]
    fn an_eindgesprek_may_be_planned_ahead_but_not_before_the_case() {
        let mut step = request(CaseEvent::EindgesprekPlannen);
        step.datum = Some("15-01-2027".into());
        assert!(step.check(context()).is_ok());
        step.datum = Some("15-01-2025".into());
        assert_eq!(fields(&step.check(context()).unwrap_err()), ["datum"]);
    }

    #[test]
    fn every_wrong_field_is_named_at_once() {
        let mut step = request(CaseEvent::ZienswijzeNietOvergenomen);
        step.bericht_hulpverlener = " ".into();
        step.bericht_burger = "x".repeat(MESSAGE_MAX + 1);
        let errors = step.check(context()).unwrap_err();
        assert_eq!(
            fields(&errors),
            ["bericht_hulpverlener", "bericht_burger", "reden"]
        );
    }
}
