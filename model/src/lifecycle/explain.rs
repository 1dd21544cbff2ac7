//! The plain-language (B1) text for each case state: what it means, what happens next and
//! who acts. One source, used by every screen, for the citizen and for the helper.
//! Facts come from the brief (S004:110-115, 190-192, 586-592); nothing here promises a time.

use serde::{Deserialize, Serialize};

use super::{CaseStatus, Controle, EscalatieNiveau, Uitkomst};

/// Who reads the text: the citizen (on a phone) or the helper.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    Burger,
    Hulpverlener,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explanation {
    /// A short name for the step, e.g. "Wacht op toestemming".
    pub title: String,
    /// What this step means.
    pub meaning: String,
    /// What happens next.
    pub next: String,
    /// Who has to do something now.
    pub who_acts: String,
    /// How long this step usually takes, from earlier cases (only once there are enough of
    /// them to say; see `model::figures::expected_text`).
    #[serde(default)]
    pub verwacht: Option<String>,
    /// For an ended or finished case, the outcome in plain words, shown first
    /// ([`CaseStatus::outcome_line`]); the eindgesprek's day while it is planned.
    #[serde(default)]
    pub uitkomst: Option<String>,
}

impl CaseStatus {
    /// The short Dutch name of the step.
    pub fn title(self) -> &'static str {
        match self {
            CaseStatus::Concept => "Concept",
            CaseStatus::WachtOpToestemming => "Wacht op toestemming",
            CaseStatus::ToestemmingControleren(Controle::Formulier) => {
                "Formulier wordt gecontroleerd"
            }
            CaseStatus::ToestemmingControleren(Controle::Betwist) => "Toestemming wordt uitgezocht",
            CaseStatus::Aangemeld => "Aangemeld",
            CaseStatus::InTriage => "Wordt bekeken",
            CaseStatus::Doorverwezen(_) => "Doorverwezen",
            CaseStatus::InBehandeling => "In behandeling",
            CaseStatus::ZienswijzeVerstuurd => "Advies gestuurd naar de Dienst",
            CaseStatus::Overgenomen => "Dienst neemt advies over",
            CaseStatus::NietOvergenomen => "Dienst neemt advies niet over",
            CaseStatus::Geescaleerd(_) => "Hoger in de Dienst voorgelegd",
            CaseStatus::Afgerond(_) => "Afgerond",
            CaseStatus::Eindgesprek => "Eindgesprek",
            CaseStatus::Gesloten => "Gesloten",
            CaseStatus::Vervallen => "Vervallen",
            CaseStatus::Ingetrokken => "Toestemming ingetrokken",
        }
    }

    pub fn explain(self, audience: Audience) -> Explanation {
        use Audience::{Burger, Hulpverlener};
        let title = self.title();
        let (meaning, next, who_acts): (String, &'static str, &'static str) = match (self, audience) {
            (CaseStatus::Concept, Burger) => (
                "Uw hulpverlener schrijft de zaak op. De zaak is nog niet verstuurd.".into(),
                "Als de zaak klaar is, vragen wij u om toestemming.",
                "Uw hulpverlener.",
            ),
            (CaseStatus::Concept, Hulpverlener) => (
                "U schrijft de zaak op. Alles wat u invult, wordt meteen bewaard. De zaak is nog niet verstuurd.".into(),
                "Als u de zaak verstuurt, vragen wij de burger om toestemming.",
                "U.",
            ),
            (CaseStatus::WachtOpToestemming, Burger) => (
                "Uw hulpverlener wil uw zaak voorleggen aan de Belangenbehartiger. Daarvoor is uw toestemming nodig.".into(),
                "Geeft u toestemming? Dan gaat de zaak naar de Belangenbehartiger. Zonder antwoord binnen 30 dagen stopt de aanvraag.",
                "U.",
            ),
            (CaseStatus::WachtOpToestemming, Hulpverlener) => (
                "De zaak is klaar. De burger moet nog toestemming geven. Tot die tijd ziet de Belangenbehartiger de zaak niet.".into(),
                "Geeft de burger toestemming? Dan gaat de zaak naar de Belangenbehartiger. Zonder antwoord binnen 30 dagen vervalt de zaak.",
                "De burger.",
            ),
            (CaseStatus::ToestemmingControleren(Controle::Formulier), Burger) => (
                "Uw hulpverlener heeft het formulier gestuurd dat u tekende. Een medewerker van de Belangenbehartiger controleert het formulier.".into(),
                "Klopt het formulier? Dan gaat de Belangenbehartiger de zaak bekijken.",
                "De Belangenbehartiger.",
            ),
            (CaseStatus::ToestemmingControleren(Controle::Formulier), Hulpverlener) => (
                "U heeft het getekende formulier toegevoegd. Een medewerker van de Belangenbehartiger controleert het formulier. Dat is altijd iemand anders dan u.".into(),
                "Klopt het formulier? Dan wordt de zaak aangemeld. Klopt het niet? Dan hoort u waarom, en vraagt u opnieuw om toestemming.",
                "De Belangenbehartiger.",
            ),
            (CaseStatus::ToestemmingControleren(Controle::Betwist), Burger) => (
                "Iemand heeft gemeld dat de toestemming niet door u is gegeven. Daarom staat het werk aan de zaak stil.".into(),
                "De Belangenbehartiger zoekt uit wie de toestemming gaf. Daarna hoort u wat er gebeurt.",
                "De Belangenbehartiger.",
            ),
            (CaseStatus::ToestemmingControleren(Controle::Betwist), Hulpverlener) => (
                "De burger heeft gemeld dat hij of zij zelf geen toestemming gaf. Daarom staat het werk aan de zaak stil. U kunt niets toevoegen.".into(),
                "De Belangenbehartiger zoekt uit wie de toestemming gaf. Klopt de toestemming niet? Dan stopt de zaak.",
                "De Belangenbehartiger.",
            ),
            (CaseStatus::Aangemeld, Burger) => (
                "U heeft toestemming gegeven. De zaak is aangemeld bij de Belangenbehartiger.".into(),
                "Een medewerker van de Belangenbehartiger gaat de zaak bekijken.",
                "De Belangenbehartiger.",
            ),
            (CaseStatus::Aangemeld, Hulpverlener) => (
                "De burger heeft toestemming gegeven. De zaak is aangemeld bij de Belangenbehartiger.".into(),
                "Een medewerker bekijkt of de Belangenbehartiger de zaak oppakt of dat een andere plek beter past.",
                "De Belangenbehartiger.",
            ),
            (CaseStatus::InTriage, _) => (
                "Een medewerker van de Belangenbehartiger bekijkt de zaak. Hij kijkt of de Belangenbehartiger de zaak zelf oppakt, of dat een andere plek beter kan helpen.".into(),
                "U hoort wat de Belangenbehartiger besluit, en waarom.",
                "De Belangenbehartiger.",
            ),
            (CaseStatus::Doorverwezen(route), _) => (
                format!(
                    "De Belangenbehartiger pakt de zaak niet zelf op. Hij verwijst door naar {}. Daar kan men beter helpen. De reden staat hieronder.",
                    route.label()
                ),
                "Neem contact op met de plek waar de zaak naartoe is verwezen. Bij deze zaak gebeurt verder niets meer.",
                match audience {
                    Burger => "U of uw hulpverlener.",
                    Hulpverlener => "U, samen met de burger.",
                },
            ),
            (CaseStatus::InBehandeling, _) => (
                "De Belangenbehartiger pakt de zaak op. Een vaste contactpersoon onderzoekt de zaak. Hij mag daarvoor gegevens van de Belastingdienst of Dienst Toeslagen bekijken.".into(),
                "De Belangenbehartiger zoekt een oplossing. Hij kan een advies sturen aan de Dienst. Dat heet een zienswijze.",
                "De Belangenbehartiger.",
            ),
            (CaseStatus::ZienswijzeVerstuurd, _) => (
                "De Belangenbehartiger heeft een advies gestuurd naar de Dienst. In dat advies staat een mogelijke oplossing. De Belangenbehartiger beslist niet zelf. De Dienst beslist.".into(),
                "De Dienst neemt het advies over, of legt op papier uit waarom niet.",
                "De Dienst.",
            ),
            (CaseStatus::Overgenomen, _) => (
                "De Dienst neemt het advies van de Belangenbehartiger over.".into(),
                "De Dienst voert de oplossing uit. Daarna rondt de Belangenbehartiger de zaak af.",
                "De Dienst.",
            ),
            (CaseStatus::NietOvergenomen, _) => (
                "De Dienst neemt het advies niet over. De Dienst heeft op papier uitgelegd waarom. De reden staat hieronder.".into(),
                "De Belangenbehartiger kan de zaak hoger in de Dienst voorleggen, tot aan de directeur-generaal. Of hij rondt de zaak af.",
                "De Belangenbehartiger.",
            ),
            (CaseStatus::Geescaleerd(level), _) => (
                format!(
                    "De Belangenbehartiger heeft de zaak voorgelegd aan {}. Hij vraagt de Dienst om de keuze opnieuw te bekijken.{}",
                    level.label(),
                    if level == EscalatieNiveau::DirecteurGeneraal {
                        " Hoger kan niet."
                    } else {
                        ""
                    }
                ),
                "De Dienst bekijkt de zaak opnieuw. Daarna rondt de Belangenbehartiger de zaak af.",
                "De Dienst.",
            ),
            (CaseStatus::Afgerond(outcome), _) => (
                match outcome {
                    Uitkomst::MinnelijkOpgelost => "De zaak is opgelost. De Dienst en de Belangenbehartiger zijn het eens geworden.",
                    Uitkomst::OpgelostNaEscalatie => "De zaak is opgelost, nadat de Belangenbehartiger de zaak hoger in de Dienst had voorgelegd.",
                    Uitkomst::NietOpgelost => "De Belangenbehartiger heeft de zaak afgerond. Er is geen oplossing gevonden. De reden staat hieronder.",
                }
                .into(),
                "De Belangenbehartiger wil graag horen hoe het ging. Daarvoor is er een eindgesprek.",
                "De Belangenbehartiger.",
            ),
            (CaseStatus::Eindgesprek, Burger) => (
                "De Belangenbehartiger vraagt hoe u de hulp heeft ervaren. Uw mening helpt om het beter te doen.".into(),
                "Na het eindgesprek wordt de zaak gesloten.",
                "U en de Belangenbehartiger.",
            ),
            (CaseStatus::Eindgesprek, Hulpverlener) => (
                "De Belangenbehartiger vraagt hoe u en de burger de hulp hebben ervaren.".into(),
                "Na het eindgesprek wordt de zaak gesloten.",
                "U, de burger en de Belangenbehartiger.",
            ),
            (CaseStatus::Gesloten, _) => (
                "De zaak is gesloten.".into(),
                "Er gebeurt niets meer met deze zaak.",
                "Niemand.",
            ),
            (CaseStatus::Vervallen, Burger) => (
                "Er is geen toestemming gegeven. De zaak is niet naar de Belangenbehartiger gegaan.".into(),
                "Er gebeurt niets meer met deze zaak. Wilt u toch hulp? Vraag het uw hulpverlener.",
                "Niemand.",
            ),
            (CaseStatus::Vervallen, Hulpverlener) => (
                "De burger heeft geen toestemming gegeven, of niet op tijd geantwoord. De zaak is niet naar de Belangenbehartiger gegaan.".into(),
                "Er gebeurt niets meer met deze zaak. U kunt samen met de burger een nieuwe zaak maken.",
                "Niemand.",
            ),
            (CaseStatus::Ingetrokken, Burger) => (
                "U heeft uw toestemming ingetrokken. De Belangenbehartiger werkt niet meer aan de zaak.".into(),
                "Uw gegevens worden na de bewaartermijn verwijderd.",
                "Niemand.",
            ),
            (CaseStatus::Ingetrokken, Hulpverlener) => (
                "De burger heeft de toestemming ingetrokken. De Belangenbehartiger werkt niet meer aan de zaak.".into(),
                "De persoonlijke gegevens worden na de bewaartermijn verwijderd.",
                "Niemand.",
            ),
        };
        Explanation {
            title: title.into(),
            meaning,
            next: next.into(),
            who_acts: who_acts.into(),
            verwacht: None,
            uitkomst: None,
        }
    }

    /// The outcome first, in plain words, for a case that has one: `outcome` is the one
    /// the handling ended with (a closed case's is on its timeline), `talk` the eindgesprek's
    /// day while the case waits for it.
    pub fn outcome_line(
        self,
        outcome: Option<Uitkomst>,
        talk: Option<crate::domain::Date>,
    ) -> Option<String> {
        let result = match (self, outcome) {
            (CaseStatus::Afgerond(done), _)
            | (CaseStatus::Eindgesprek | CaseStatus::Gesloten, Some(done)) => match done {
                Uitkomst::MinnelijkOpgelost => {
                    "Opgelost: de Dienst en de Belangenbehartiger zijn het eens geworden."
                }
                Uitkomst::OpgelostNaEscalatie => {
                    "Opgelost: het lukte nadat de zaak hoger in de Dienst was voorgelegd."
                }
                Uitkomst::NietOpgelost => {
                    "Niet opgelost: er is geen oplossing gevonden. De reden staat bij de stappen."
                }
            }
            .to_owned(),
            (CaseStatus::Doorverwezen(route), _) => format!("Doorverwezen naar {}.", route.label()),
            (CaseStatus::Vervallen, _) => "Niet behandeld: er kwam geen toestemming.".to_owned(),
            (CaseStatus::Ingetrokken, _) => "Gestopt: de toestemming is ingetrokken.".to_owned(),
            _ => return None,
        };
        Some(match (self, talk) {
            (CaseStatus::Eindgesprek, Some(day)) => {
                format!("{result} Het eindgesprek is op {}.", day.to_dutch())
            }
            _ => result,
        })
    }
}

#[cfg(test)]
mod outcome_tests {
    use super::*;
    use crate::domain::Date;
    use crate::lifecycle::Verwijzing;

    #[test]
    fn an_ended_or_finished_case_says_its_outcome_first_and_a_running_one_does_not() {
        let closed = CaseStatus::Gesloten.outcome_line(Some(Uitkomst::OpgelostNaEscalatie), None);
        assert_eq!(
            closed.as_deref(),
            Some("Opgelost: het lukte nadat de zaak hoger in de Dienst was voorgelegd.")
        );
        let talk = Date::parse("15-12-2027").ok();
        let waiting = CaseStatus::Eindgesprek.outcome_line(Some(Uitkomst::NietOpgelost), talk);
        assert!(waiting
            .as_deref()
            .is_some_and(|t| t.starts_with("Niet opgelost:")
                && t.ends_with("Het eindgesprek is op 15 december 2027.")));
        let referred = CaseStatus::Doorverwezen(Verwijzing::StellaTeam).outcome_line(None, None);
        assert!(referred.is_some_and(|t| t.starts_with("Doorverwezen naar ")));
        for running in [
            CaseStatus::Aangemeld,
            CaseStatus::InBehandeling,
            CaseStatus::Geescaleerd(crate::lifecycle::EscalatieNiveau::Directeur),
        ] {
            assert_eq!(
                running.outcome_line(Some(Uitkomst::MinnelijkOpgelost), talk),
                None
            );
        }
        // Every line is short and ends a sentence (B1: short sentences).
        for status in [
            CaseStatus::Vervallen,
            CaseStatus::Ingetrokken,
            CaseStatus::Afgerond(Uitkomst::MinnelijkOpgelost),
        ] {
            let line = status.outcome_line(None, None).unwrap_or_default();
            assert!(
                line.ends_with('.') && line.split(". ").all(|s| s.split(' ').count() <= 16),
                "{line}"
            );
        }
    }
}
