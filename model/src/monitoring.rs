//! Monitoring of access (seed 002, brief §4): rules evaluated on the audit log, each with a
//! threshold the beheerder sets. A hit becomes an alert that the beheerder handles
//! (open → seen → handled, with a note).

use serde::{Deserialize, Serialize};

use crate::domain::FreeText;
use crate::{Check, FieldError, Fields, Invalid};

/// A pattern in the audit log that asks for a look.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// One account opens many different cases within an hour.
    VeelZakenPerUur,
    /// Cases opened outside one's own, with a reason, in a day.
    BuitenEigenZaken,
    /// Reads outside office hours (before 7:00, from 19:00, or at the weekend), in a day.
    BuitenKantoortijd,
    /// Refused reads (a case that is not theirs) within an hour.
    GeweigerdeInzage,
    /// Wrong passwords for one account within an hour.
    MislukteInlogpogingen,
}

/// How long the window is over which a rule counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    Hour,
    Day,
}

impl Rule {
    pub const ALL: [Rule; 5] = [
        Rule::VeelZakenPerUur,
        Rule::BuitenEigenZaken,
        Rule::BuitenKantoortijd,
        Rule::GeweigerdeInzage,
        Rule::MislukteInlogpogingen,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Rule::VeelZakenPerUur => "veel_zaken_per_uur",
            Rule::BuitenEigenZaken => "buiten_eigen_zaken",
            Rule::BuitenKantoortijd => "buiten_kantoortijd",
            Rule::GeweigerdeInzage => "geweigerde_inzage",
            Rule::MislukteInlogpogingen => "mislukte_inlogpogingen",
        }
    }

    pub fn parse(key: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|rule| rule.key() == key)
    }

    pub fn window(self) -> Window {
        match self {
            Rule::VeelZakenPerUur | Rule::GeweigerdeInzage | Rule::MislukteInlogpogingen => {
                Window::Hour
            }
            Rule::BuitenEigenZaken | Rule::BuitenKantoortijd => Window::Day,
        }
    }

    /// The threshold until the beheerder sets one: an alert from this many on.
    pub fn default_threshold(self) -> i64 {
        match self {
            Rule::VeelZakenPerUur => 20,
            Rule::BuitenEigenZaken => 1,
            Rule::BuitenKantoortijd => 10,
            Rule::GeweigerdeInzage => 3,
            Rule::MislukteInlogpogingen => 5,
        }
    }

    /// What the rule watches, in Dutch, with its threshold.
    pub fn describe(self, threshold: i64) -> String {
        match self {
            Rule::VeelZakenPerUur => {
                format!("Iemand bekijkt {threshold} of meer verschillende zaken in een uur.")
            }
            Rule::BuitenEigenZaken => format!(
                "Iemand opent {threshold} of meer zaken van een ander team op een dag (met een reden)."
            ),
            Rule::BuitenKantoortijd => format!(
                "Iemand bekijkt {threshold} of meer keer een zaak buiten kantoortijd op een dag (voor 7 uur, vanaf 19 uur, of in het weekend)."
            ),
            Rule::GeweigerdeInzage => format!(
                "Iemand probeert {threshold} of meer keer in een uur een zaak te openen die niet van hem of haar is."
            ),
            Rule::MislukteInlogpogingen => format!(
                "Er wordt {threshold} of meer keer in een uur een verkeerd wachtwoord gebruikt voor één account."
            ),
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Rule::VeelZakenPerUur => {
                crate::lang::tr("Veel zaken in een uur", "Many cases in an hour")
            }
            Rule::BuitenEigenZaken => crate::lang::tr(
                "Zaken van een ander team geopend",
                "Cases of another team opened",
            ),
            Rule::BuitenKantoortijd => crate::lang::tr(
                "Zaken bekeken buiten kantoortijd",
                "Cases viewed outside office hours",
            ),
            Rule::GeweigerdeInzage => {
                crate::lang::tr("Herhaald geweigerde inzage", "Repeatedly refused access")
            }
            Rule::MislukteInlogpogingen => {
                crate::lang::tr("Herhaald mislukt inloggen", "Repeatedly failed sign-in")
            }
        }
    }
}

/// Whether a time of the Dutch day is outside office hours: before 7:00, from 19:00, or on
/// a Saturday or Sunday (`weekday`: 0 is Monday).
pub fn outside_office_hours(hour: i64, weekday: i64) -> bool {
    !(7..19).contains(&hour) || weekday >= 5
}

/// A rule as the beheerder sees and sets it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleSetting {
    pub regel: Rule,
    pub titel: String,
    pub uitleg: String,
    pub drempel: i64,
    pub aan: bool,
}

/// `PUT /api/beheer/bewaking/{regel}`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleInput {
    pub drempel: String,
    pub aan: bool,
}

/// The most a threshold can be: beyond it, a rule would never fire.
pub const THRESHOLD_MAX: i64 = 10_000;

impl Check for RuleInput {
    type Checked = (i64, bool);
    fn check(&self) -> Result<(i64, bool), Vec<FieldError>> {
        let mut fields = Fields::new();
        let threshold = fields.check(
            self.drempel
                .trim()
                .parse::<i64>()
                .ok()
                .filter(|n| (1..=THRESHOLD_MAX).contains(n))
                .ok_or(Invalid::Format {
                    hint: crate::Text::new(
                        "Vul een heel getal in van 1 tot en met 10000.",
                        "Fill in a whole number from 1 to 10000.",
                    ),
                }),
            "drempel",
            crate::Text::new("de drempel", "the threshold"),
        );
        fields.finish(|| Some((threshold?, self.aan)))
    }
}

/// Where an alert stands.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertState {
    Open,
    Gezien,
    Afgehandeld,
}

impl AlertState {
    pub fn key(self) -> &'static str {
        match self {
            AlertState::Open => "open",
            AlertState::Gezien => "gezien",
            AlertState::Afgehandeld => "afgehandeld",
        }
    }

    pub fn parse(key: &str) -> Option<AlertState> {
        [
            AlertState::Open,
            AlertState::Gezien,
            AlertState::Afgehandeld,
        ]
        .into_iter()
        .find(|state| state.key() == key)
    }

    /// Alerts only go forward: open → seen → handled (or open → handled).
    pub fn may_become(self, next: AlertState) -> bool {
        matches!(
            (self, next),
            (
                AlertState::Open,
                AlertState::Gezien | AlertState::Afgehandeld
            ) | (AlertState::Gezien, AlertState::Afgehandeld)
        )
    }
}

/// An alert, as the beheerder reads it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alert {
    pub id: i64,
    pub regel: Rule,
    pub titel: String,
    /// The account the pattern is about, as "name <e-mail>".
    pub persoon: Option<String>,
    /// The account's id, to filter the audit log on.
    pub persoon_id: Option<i64>,
    /// The start of the hour or day counted (seconds since 1970).
    pub venster: i64,
    pub aantal: i64,
    pub drempel: i64,
    pub aangemaakt: i64,
    pub stand: AlertState,
    pub notitie: Option<String>,
    pub afgehandeld_door: Option<String>,
}

/// `PUT /api/beheer/meldingen/{id}`: seen, or handled with a note.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlertChange {
    pub stand: AlertState,
    #[serde(default)]
    pub notitie: String,
}

pub type AlertNote = FreeText<1000>;

impl Check for AlertChange {
    type Checked = (AlertState, Option<AlertNote>);
    fn check(&self) -> Result<Self::Checked, Vec<FieldError>> {
        let mut fields = Fields::new();
        let note = match self.stand {
            AlertState::Afgehandeld => fields
                .check(
                    AlertNote::parse(&self.notitie),
                    "notitie",
                    crate::Text::new("wat u heeft gedaan", "what you did"),
                )
                .map(Some),
            _ => Some(None),
        };
        fields.finish(|| Some((self.stand, note?)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_read_back_and_say_their_threshold() {
        for rule in Rule::ALL {
            assert_eq!(Rule::parse(rule.key()), Some(rule));
            let text = rule.describe(7);
            assert!(text.contains('7') && text.ends_with('.'), "{text}");
        }
    }

    #[test]
    fn office_hours_are_weekdays_from_seven_to_seven() {
        assert!(!outside_office_hours(7, 0));
        assert!(!outside_office_hours(18, 4));
        assert!(outside_office_hours(19, 2));
        assert!(outside_office_hours(6, 2));
        assert!(outside_office_hours(12, 5));
    }

    #[test]
    fn alerts_go_forward_and_are_handled_with_a_note() {
        assert!(AlertState::Open.may_become(AlertState::Gezien));
        assert!(!AlertState::Afgehandeld.may_become(AlertState::Open));
        assert!(!AlertState::Gezien.may_become(AlertState::Gezien));
        let bare = AlertChange {
            stand: AlertState::Afgehandeld,
            notitie: " ".into(),
        };
        assert_eq!(
            bare.check().unwrap_err()[0].message,
            "Vul wat u heeft gedaan in."
        );
        let threshold = RuleInput {
            drempel: "0".into(),
            aan: true,
        };
        assert_eq!(threshold.check().unwrap_err()[0].field, "drempel");
    }
}
