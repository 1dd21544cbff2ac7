//! Reading the tagged enums (`{"status": "doorverwezen", "detail": "stella_team"}`) back
//! from JSON with less code. serde's derived `Deserialize` for internally and adjacently
//! tagged enums first buffers the whole value in a generic in-between form, and that code is
//! among the largest in the browser bundle. Here each tagged enum is read as a flat struct
//! (its tag as a plain enum, its data as optional fields) and then checked into the real
//! type. The JSON is exactly what the derived `Serialize` writes; the tests below prove it
//! for every variant.

use serde::de::{value, DeserializeOwned, IntoDeserializer};
use serde::Deserialize;

use crate::case::{Onderwerp, SpoedReden, Toelichting, ToeslagSoort};
use crate::domain::Date;
use crate::lifecycle::{CaseStatus, Controle, EscalatieNiveau, Uitkomst, Verwijzing};

/// A unit variant from its name as serde writes it (`"stella_team"` → `StellaTeam`).
fn unit_variant<T: DeserializeOwned>(name: &str) -> Result<T, String> {
    T::deserialize(IntoDeserializer::<value::Error>::into_deserializer(name))
        .map_err(|e| e.to_string())
}

fn required<T>(value: Option<T>, field: &str) -> Result<T, String> {
    value.ok_or_else(|| format!("missing field `{field}`"))
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum StatusKey {
    Concept,
    WachtOpToestemming,
    ToestemmingControleren,
    Aangemeld,
    InTriage,
    Doorverwezen,
    InBehandeling,
    ZienswijzeVerstuurd,
    Overgenomen,
    NietOvergenomen,
    Geescaleerd,
    Afgerond,
    Eindgesprek,
    Gesloten,
    Vervallen,
    Ingetrokken,
}

#[derive(Deserialize)]
pub(crate) struct CaseStatusWire {
    status: StatusKey,
    detail: Option<String>,
}

impl TryFrom<CaseStatusWire> for CaseStatus {
    type Error = String;

    fn try_from(wire: CaseStatusWire) -> Result<Self, Self::Error> {
        use StatusKey as K;
        let detail = || required(wire.detail.as_deref(), "detail");
        Ok(match wire.status {
            K::Concept => CaseStatus::Concept,
            K::WachtOpToestemming => CaseStatus::WachtOpToestemming,
            K::ToestemmingControleren => {
                CaseStatus::ToestemmingControleren(unit_variant::<Controle>(detail()?)?)
            }
            K::Aangemeld => CaseStatus::Aangemeld,
            K::InTriage => CaseStatus::InTriage,
            K::Doorverwezen => CaseStatus::Doorverwezen(unit_variant::<Verwijzing>(detail()?)?),
            K::InBehandeling => CaseStatus::InBehandeling,
            K::ZienswijzeVerstuurd => CaseStatus::ZienswijzeVerstuurd,
            K::Overgenomen => CaseStatus::Overgenomen,
            K::NietOvergenomen => CaseStatus::NietOvergenomen,
            K::Geescaleerd => CaseStatus::Geescaleerd(unit_variant::<EscalatieNiveau>(detail()?)?),
            K::Afgerond => CaseStatus::Afgerond(unit_variant::<Uitkomst>(detail()?)?),
            K::Eindgesprek => CaseStatus::Eindgesprek,
            K::Gesloten => CaseStatus::Gesloten,
            K::Vervallen => CaseStatus::Vervallen,
            K::Ingetrokken => CaseStatus::Ingetrokken,
        })
    }
}

/// [`CaseStatus::from_keys`]: the same check as reading it from JSON.
pub(crate) fn case_status_from_keys(key: &str, detail: Option<&str>) -> Result<CaseStatus, String> {
    CaseStatus::try_from(CaseStatusWire {
        status: unit_variant(key)?,
        detail: detail.map(str::to_owned),
    })
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum OnderwerpKey {
    Inkomstenbelasting,
    Omzetbelasting,
    Toeslag,
    Invordering,
    Herstel,
    Anders,
}

#[derive(Deserialize)]
pub(crate) struct OnderwerpWire {
    onderwerp: OnderwerpKey,
    soort: Option<ToeslagSoort>,
}

impl TryFrom<OnderwerpWire> for Onderwerp {
    type Error = String;

    fn try_from(wire: OnderwerpWire) -> Result<Self, Self::Error> {
        use OnderwerpKey as K;
        Ok(match wire.onderwerp {
            K::Inkomstenbelasting => Onderwerp::Inkomstenbelasting,
            K::Omzetbelasting => Onderwerp::Omzetbelasting,
            K::Toeslag => Onderwerp::Toeslag(required(wire.soort, "soort")?),
            K::Invordering => Onderwerp::Invordering,
            K::Herstel => Onderwerp::Herstel,
            K::Anders => Onderwerp::Anders,
        })
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum SpoedKey {
    DreigendeUithuiszetting,
    GeenLeefgeld,
    TermijnVerloopt,
    Anders,
}

#[derive(Deserialize)]
pub(crate) struct SpoedRedenWire {
    reden: SpoedKey,
    datum: Option<Date>,
    toelichting: Option<Toelichting>,
}

impl TryFrom<SpoedRedenWire> for SpoedReden {
    type Error = String;

    fn try_from(wire: SpoedRedenWire) -> Result<Self, Self::Error> {
        use SpoedKey as K;
        Ok(match wire.reden {
            K::DreigendeUithuiszetting => SpoedReden::DreigendeUithuiszetting,
            K::GeenLeefgeld => SpoedReden::GeenLeefgeld,
            K::TermijnVerloopt => SpoedReden::TermijnVerloopt {
                datum: required(wire.datum, "datum")?,
            },
            K::Anders => SpoedReden::Anders {
                toelichting: required(wire.toelichting, "toelichting")?,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::ToeslagSoort;
    use crate::domain::FreeText;
    use crate::lifecycle::CaseEvent;

    /// What the derived `Serialize` writes is read back as the same value.
    fn round_trip<T>(value: T)
    where
        T: serde::Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
    {
        let json = serde_json::to_string(&value).unwrap();
        assert_eq!(serde_json::from_str::<T>(&json).unwrap(), value, "{json}");
    }

    /// Every state a case can reach from a draft, by a breadth-first walk over the events.
    fn reachable() -> Vec<CaseStatus> {
        let mut seen = vec![CaseStatus::Concept];
        let mut i = 0;
        while i < seen.len() {
            let state = seen[i];
            for event in CaseEvent::staff_steps().into_iter().chain([
                CaseEvent::Indienen,
                CaseEvent::ToestemmingGegeven,
                CaseEvent::ToestemmingGeweigerd,
                CaseEvent::ToestemmingIntrekken,
            ]) {
                if let Ok(next) = state.apply(event, event.actor()) {
                    if !seen.contains(&next) {
                        seen.push(next);
                    }
                }
            }
            i += 1;
        }
        seen
    }

    #[test]
    fn every_reachable_case_status_reads_back() {
        let seen = reachable();
        assert_eq!(seen.len(), 12 + 10 + 3 + 3);
        for state in seen {
            round_trip(state);
        }
    }

    #[test]
    fn every_reachable_case_status_reads_back_from_its_stored_keys() {
        for status in reachable() {
            let json = serde_json::to_value(status).unwrap();
            assert_eq!(json["detail"].as_str(), status.detail_key(), "{status:?}");
            assert_eq!(
                CaseStatus::from_keys(status.key(), status.detail_key()),
                Ok(status)
            );
        }
        assert!(CaseStatus::from_keys("doorverwezen", None).is_err());
        assert!(CaseStatus::from_keys("doorverwezen", Some("nergens")).is_err());
        assert!(CaseStatus::from_keys("onbekend", None).is_err());
    }

    #[test]
    fn every_topic_and_urgency_reads_back() {
        for soort in [
            ToeslagSoort::Huurtoeslag,
            ToeslagSoort::Zorgtoeslag,
            ToeslagSoort::Kinderopvangtoeslag,
            ToeslagSoort::KindgebondenBudget,
        ] {
            round_trip(Onderwerp::Toeslag(soort));
        }
        for topic in [
            Onderwerp::Inkomstenbelasting,
            Onderwerp::Omzetbelasting,
            Onderwerp::Invordering,
            Onderwerp::Herstel,
            Onderwerp::Anders,
        ] {
            round_trip(topic);
        }
        round_trip(SpoedReden::DreigendeUithuiszetting);
        round_trip(SpoedReden::GeenLeefgeld);
        round_trip(SpoedReden::TermijnVerloopt {
            datum: Date::new(2026, 12, 31).unwrap(),
        });
        round_trip(SpoedReden::Anders {
            toelichting: FreeText::parse("De auto wordt opgehaald.").unwrap(),
        });
    }

    #[test]
    fn the_json_the_api_documents_is_read() {
        let status: CaseStatus =
            serde_json::from_str(r#"{"status":"doorverwezen","detail":"stella_team"}"#).unwrap();
        assert_eq!(status, CaseStatus::Doorverwezen(Verwijzing::StellaTeam));
        let status: CaseStatus = serde_json::from_str(r#"{"status":"aangemeld"}"#).unwrap();
        assert_eq!(status, CaseStatus::Aangemeld);
        let topic: Onderwerp =
            serde_json::from_str(r#"{"onderwerp":"toeslag","soort":"huurtoeslag"}"#).unwrap();
        assert_eq!(topic, Onderwerp::Toeslag(ToeslagSoort::Huurtoeslag));
        let urgent: SpoedReden =
            serde_json::from_str(r#"{"reden":"termijn_verloopt","datum":"2026-12-31"}"#).unwrap();
        assert!(matches!(urgent, SpoedReden::TermijnVerloopt { .. }));
    }

    #[test]
    fn a_tag_without_its_data_or_with_an_unknown_name_is_refused() {
        for json in [
            r#"{"status":"doorverwezen"}"#,
            r#"{"status":"geescaleerd","detail":"koning"}"#,
            r#"{"status":"gepauzeerd"}"#,
        ] {
            assert!(serde_json::from_str::<CaseStatus>(json).is_err(), "{json}");
        }
        assert!(serde_json::from_str::<Onderwerp>(r#"{"onderwerp":"toeslag"}"#).is_err());
        assert!(serde_json::from_str::<SpoedReden>(r#"{"reden":"termijn_verloopt"}"#).is_err());
        assert!(
            serde_json::from_str::<SpoedReden>(r#"{"reden":"anders","toelichting":""}"#).is_err(),
            "an empty explanation is not one"
        );
    }
}
