//! The audit log as a beheerder reads it (`GET /api/beheer/logboek`): filtered by person,
//! case, action and period, a page at a time, and as CSV. Reading it is logged too.

use serde::{Deserialize, Serialize};

use crate::domain::Date;
use crate::lifecycle::Role;
use crate::{Check, FieldError, Fields, Invalid};

/// Lines on one page of the log.
pub const PAGE_SIZE: i64 = 50;
/// Most lines in one CSV export: a period that holds more is asked for in parts.
pub const EXPORT_MAX: i64 = 50_000;

/// The filters as typed (in the page's address or the form): each optional.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema, utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    /// An account's id.
    #[serde(default)]
    pub persoon: Option<String>,
    /// A case reference.
    #[serde(default)]
    pub zaak: Option<String>,
    /// An action's key (`zaak_bekeken`).
    #[serde(default)]
    pub actie: Option<String>,
    /// From this day (dd-mm-jjjj).
    #[serde(default)]
    pub van: Option<String>,
    /// Up to and including this day.
    #[serde(default)]
    pub tot: Option<String>,
    #[serde(default)]
    pub pagina: Option<String>,
}

/// The filters, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckedAuditFilter {
    pub persoon: Option<i64>,
    pub zaak: Option<String>,
    pub actie: Option<String>,
    pub van: Option<Date>,
    pub tot: Option<Date>,
    pub pagina: i64,
}

fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

impl Check for AuditFilter {
    type Checked = CheckedAuditFilter;
    fn check(&self) -> Result<CheckedAuditFilter, Vec<FieldError>> {
        let mut fields = Fields::new();
        let persoon = given(&self.persoon).map(|v| {
            fields.check(
                v.parse::<i64>().map_err(|_| Invalid::NotAChoice),
                "persoon",
                crate::Text::new("de persoon", "the person"),
            )
        });
        let van = given(&self.van).map(|v| {
            fields.check(
                Date::parse(v),
                "van",
                crate::Text::new("de eerste dag", "the first day"),
            )
        });
        let tot = given(&self.tot).map(|v| {
            fields.check(
                Date::parse(v),
                "tot",
                crate::Text::new("de laatste dag", "the last day"),
            )
        });
        if let (Some(Some(from)), Some(Some(until))) = (van, tot) {
            if until < from {
                fields.add(FieldError {
                    field: "tot".into(),
                    message: crate::lang::tr(
                        "De laatste dag ligt voor de eerste dag. Controleer beide datums.",
                        "The last day is before the first day. Check both dates.",
                    )
                    .into(),
                });
            }
        }
        let pagina = match given(&self.pagina) {
            None => Some(1),
            Some(v) => fields.check(
                v.parse::<i64>()
                    .ok()
                    .filter(|p| *p >= 1)
                    .ok_or(Invalid::Format {
                        hint: crate::Text::new(
                            "Vul een heel getal in, 1 of hoger.",
                            "Fill in a whole number, 1 or higher.",
                        ),
                    }),
                "pagina",
                crate::Text::new("de pagina", "the page"),
            ),
        };
        fields.finish(|| {
            Some(CheckedAuditFilter {
                persoon: persoon.map_or(Some(None), |p| p.map(Some))?,
                zaak: given(&self.zaak).map(str::to_uppercase),
                actie: given(&self.actie).map(str::to_owned),
                van: van.map_or(Some(None), |d| d.map(Some))?,
                tot: tot.map_or(Some(None), |d| d.map(Some))?,
                pagina: pagina?,
            })
        })
    }
}

/// One line of the log.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLine {
    pub id: i64,
    pub tijd: i64,
    pub rol: Role,
    /// The account that acted, as "name <e-mail>"; none for a citizen, an intermediair or
    /// someone who was not signed in.
    pub persoon: Option<String>,
    /// The action's key.
    pub actie: String,
    /// The action in Dutch.
    pub actie_tekst: String,
    pub zaak: Option<String>,
    /// Who or what else it was about (`account/12`).
    pub over: Option<String>,
    pub sessie: Option<String>,
    pub reden: Option<String>,
}

/// A page of the log.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub regels: Vec<AuditLine>,
    pub totaal: i64,
    pub pagina: i64,
    pub paginas: i64,
    /// Every action key the filter can choose, with its Dutch text.
    pub acties: Vec<(String, String)>,
}

/// An action key in Dutch: "zaak_bekeken" reads "Zaak bekeken".
pub fn action_text(key: &str) -> String {
    let words = key.replace('_', " ").replace("beeindigd", "beëindigd");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_are_checked_and_name_what_is_wrong() {
        let wrong = AuditFilter {
            persoon: Some("Piet".into()),
            van: Some("31-02-2026".into()),
            tot: Some("1-1-2026".into()),
            pagina: Some("0".into()),
            ..AuditFilter::default()
        };
        let fields: Vec<String> = wrong
            .check()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["persoon", "van", "pagina"]);
        let backwards = AuditFilter {
            van: Some("2-1-2026".into()),
            tot: Some("1-1-2026".into()),
            ..AuditFilter::default()
        };
        assert_eq!(backwards.check().unwrap_err()[0].field, "tot");
        let fine = AuditFilter {
            persoon: Some("12".into()),
            zaak: Some(" bg-7kq3-m9xp ".into()),
            ..AuditFilter::default()
        }
        .check()
        .unwrap();
        assert_eq!(fine.persoon, Some(12));
        assert_eq!(fine.zaak.as_deref(), Some("BG-7KQ3-M9XP"));
        assert_eq!(fine.pagina, 1);
    }

    #[test]
    fn action_keys_read_as_dutch() {
        assert_eq!(
            action_text("zaak_geopend_met_reden"),
            "Zaak geopend met reden"
        );
        assert_eq!(action_text("sessie_beeindigd"), "Sessie beëindigd");
    }
}
