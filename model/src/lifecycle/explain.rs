//! The plain-language (B1) text for each case state: what it means, what happens next and
//! who acts. One source, used by every screen, for the citizen and for the helper.
//! Facts come from the brief (S004:110-115, 190-192, 586-592); nothing here promises a time.

use serde::{Deserialize, Serialize};

use super::{CaseStatus, Controle, EscalatieNiveau, Uitkomst};
use crate::lang::{current, tr, Lang};

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
    /// A short name for the step, e.g. tr("Wacht op toestemming", "Waiting for consent").
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
    /// The short name of the step, in the current language.
    pub fn title(self) -> &'static str {
        match self {
            CaseStatus::Concept => tr("Concept", "Draft"),
            CaseStatus::WachtOpToestemming => tr("Wacht op toestemming", "Waiting for consent"),
            CaseStatus::ToestemmingControleren(Controle::Formulier) => {
                tr("Formulier wordt gecontroleerd", "Form is being checked")
            }
            CaseStatus::ToestemmingControleren(Controle::Betwist) => tr(
                "Toestemming wordt uitgezocht",
                "Consent is being looked into",
            ),
            CaseStatus::Aangemeld => tr("Aangemeld", "Submitted"),
            CaseStatus::InTriage => tr("Wordt bekeken", "Being looked at"),
            CaseStatus::Doorverwezen(_) => tr("Doorverwezen", "Referred"),
            CaseStatus::InBehandeling => tr("In behandeling", "Being handled"),
            CaseStatus::ZienswijzeVerstuurd => tr(
                "Advies gestuurd naar de Dienst",
                "Advice sent to the service",
            ),
            CaseStatus::Overgenomen => tr("Dienst neemt advies over", "Service follows the advice"),
            CaseStatus::NietOvergenomen => tr(
                "Dienst neemt advies niet over",
                "Service does not follow the advice",
            ),
            CaseStatus::Geescaleerd(_) => tr(
                "Hoger in de Dienst voorgelegd",
                "Taken higher up in the service",
            ),
            CaseStatus::Afgerond(_) => tr("Afgerond", "Completed"),
            CaseStatus::Eindgesprek => tr("Eindgesprek", "Final talk"),
            CaseStatus::Gesloten => tr("Gesloten", "Closed"),
            CaseStatus::Vervallen => tr("Vervallen", "Lapsed"),
            CaseStatus::Ingetrokken => tr("Toestemming ingetrokken", "Consent withdrawn"),
        }
    }

    pub fn explain(self, audience: Audience) -> Explanation {
        use Audience::{Burger, Hulpverlener};
        let title = self.title();
        let (meaning, next, who_acts): (String, &'static str, &'static str) = match (self, audience) {
            (CaseStatus::Concept, Burger) => (
                tr("Uw hulpverlener schrijft de zaak op. De zaak is nog niet verstuurd.", "Your social worker is writing down the case. The case has not been sent yet.").into(),
                tr("Als de zaak klaar is, vragen wij u om toestemming.", "When the case is ready, we will ask for your consent."),
                tr("Uw hulpverlener.", "Your social worker."),
            ),
            (CaseStatus::Concept, Hulpverlener) => (
                tr("U schrijft de zaak op. Alles wat u invult, wordt meteen bewaard. De zaak is nog niet verstuurd.", "You are writing down the case. Everything you fill in is saved at once. The case has not been sent yet.").into(),
                tr("Als u de zaak verstuurt, vragen wij de burger om toestemming.", "When you send the case, we ask the citizen for consent."),
                tr("U.", "You."),
            ),
            (CaseStatus::WachtOpToestemming, Burger) => (
                tr("Uw hulpverlener wil uw zaak voorleggen aan de Belangenbehartiger. Daarvoor is uw toestemming nodig.", "Your social worker wants to bring your case to the Belangenbehartiger. For this, your consent is needed.").into(),
                tr("Geeft u toestemming? Dan gaat de zaak naar de Belangenbehartiger. Zonder antwoord binnen 30 dagen stopt de aanvraag.", "Do you give consent? Then the case goes to the Belangenbehartiger. Without an answer within 30 days, the request stops."),
                tr("U.", "You."),
            ),
            (CaseStatus::WachtOpToestemming, Hulpverlener) => (
                tr("De zaak is klaar. De burger moet nog toestemming geven. Tot die tijd ziet de Belangenbehartiger de zaak niet.", "The case is ready. The citizen still has to give consent. Until then the Belangenbehartiger does not see the case.").into(),
                tr("Geeft de burger toestemming? Dan gaat de zaak naar de Belangenbehartiger. Zonder antwoord binnen 30 dagen vervalt de zaak.", "Does the citizen give consent? Then the case goes to the Belangenbehartiger. Without an answer within 30 days the case lapses."),
                tr("De burger.", "The citizen."),
            ),
            (CaseStatus::ToestemmingControleren(Controle::Formulier), Burger) => (
                tr("Uw hulpverlener heeft het formulier gestuurd dat u tekende. Een medewerker van de Belangenbehartiger controleert het formulier.", "Your social worker sent the form you signed. Someone from the Belangenbehartiger checks the form.").into(),
                tr("Klopt het formulier? Dan gaat de Belangenbehartiger de zaak bekijken.", "Is the form right? Then the Belangenbehartiger will look at the case."),
                tr("De Belangenbehartiger.", "The Belangenbehartiger."),
            ),
            (CaseStatus::ToestemmingControleren(Controle::Formulier), Hulpverlener) => (
                tr("U heeft het getekende formulier toegevoegd. Een medewerker van de Belangenbehartiger controleert het formulier. Dat is altijd iemand anders dan u.", "You added the signed form. Someone from the Belangenbehartiger checks the form. That is always someone other than you.").into(),
                tr("Klopt het formulier? Dan wordt de zaak aangemeld. Klopt het niet? Dan hoort u waarom, en vraagt u opnieuw om toestemming.", "Is the form right? Then the case is submitted. Is it not right? Then you hear why, and you ask for consent again."),
                tr("De Belangenbehartiger.", "The Belangenbehartiger."),
            ),
            (CaseStatus::ToestemmingControleren(Controle::Betwist), Burger) => (
                tr("Iemand heeft gemeld dat de toestemming niet door u is gegeven. Daarom staat het werk aan de zaak stil.", "Someone reported that the consent was not given by you. So the work on the case is on hold.").into(),
                tr("De Belangenbehartiger zoekt uit wie de toestemming gaf. Daarna hoort u wat er gebeurt.", "The Belangenbehartiger finds out who gave the consent. After that you hear what happens."),
                tr("De Belangenbehartiger.", "The Belangenbehartiger."),
            ),
            (CaseStatus::ToestemmingControleren(Controle::Betwist), Hulpverlener) => (
                tr("De burger heeft gemeld dat hij of zij zelf geen toestemming gaf. Daarom staat het werk aan de zaak stil. U kunt niets toevoegen.", "The citizen reported that they did not give consent themselves. So the work on the case is on hold. You cannot add anything.").into(),
                tr("De Belangenbehartiger zoekt uit wie de toestemming gaf. Klopt de toestemming niet? Dan stopt de zaak.", "The Belangenbehartiger finds out who gave the consent. Is the consent not right? Then the case stops."),
                tr("De Belangenbehartiger.", "The Belangenbehartiger."),
            ),
            (CaseStatus::Aangemeld, Burger) => (
                tr("U heeft toestemming gegeven. De zaak is aangemeld bij de Belangenbehartiger.", "You gave consent. The case has been submitted to the Belangenbehartiger.").into(),
                tr("Een medewerker van de Belangenbehartiger gaat de zaak bekijken.", "Someone from the Belangenbehartiger will look at the case."),
                tr("De Belangenbehartiger.", "The Belangenbehartiger."),
            ),
            (CaseStatus::Aangemeld, Hulpverlener) => (
                tr("De burger heeft toestemming gegeven. De zaak is aangemeld bij de Belangenbehartiger.", "The citizen gave consent. The case has been submitted to the Belangenbehartiger.").into(),
                tr("Een medewerker bekijkt of de Belangenbehartiger de zaak oppakt of dat een andere plek beter past.", "Someone checks whether the Belangenbehartiger takes up the case or whether another place fits better."),
                tr("De Belangenbehartiger.", "The Belangenbehartiger."),
            ),
            (CaseStatus::InTriage, _) => (
                tr("Een medewerker van de Belangenbehartiger bekijkt de zaak. Hij kijkt of de Belangenbehartiger de zaak zelf oppakt, of dat een andere plek beter kan helpen.", "Someone from the Belangenbehartiger is looking at the case. They check whether the Belangenbehartiger takes up the case itself, or whether another place can help better.").into(),
                tr("U hoort wat de Belangenbehartiger besluit, en waarom.", "You will hear what the Belangenbehartiger decides, and why."),
                tr("De Belangenbehartiger.", "The Belangenbehartiger."),
            ),
            (CaseStatus::Doorverwezen(route), _) => (
                match current() {
                    Lang::Nl => format!(
                        "De Belangenbehartiger pakt de zaak niet zelf op. Hij verwijst door naar {}. Daar kan men beter helpen. De reden staat hieronder.",
                        route.label()
                    ),
                    Lang::En => format!(
                        "The Belangenbehartiger does not take up the case itself. It refers it to {}. They can help better there. The reason is below.",
                        route.label()
                    ),
                },
                tr("Neem contact op met de plek waar de zaak naartoe is verwezen. Bij deze zaak gebeurt verder niets meer.", "Contact the place the case was referred to. Nothing more happens with this case."),
                match audience {
                    Burger => tr("U of uw hulpverlener.", "You or your social worker."),
                    Hulpverlener => tr("U, samen met de burger.", "You, together with the citizen."),
                },
            ),
            (CaseStatus::InBehandeling, _) => (
                tr("De Belangenbehartiger pakt de zaak op. Een vaste contactpersoon onderzoekt de zaak. Hij mag daarvoor gegevens van de Belastingdienst of Dienst Toeslagen bekijken.", "The Belangenbehartiger takes up the case. A fixed contact person looks into the case. For this they may look at data of the Tax Administration or the Benefits Service.").into(),
                tr("De Belangenbehartiger zoekt een oplossing. Hij kan een advies sturen aan de Dienst. Dat heet een zienswijze.", "The Belangenbehartiger looks for a solution. It can send advice to the service. That is called a view (zienswijze)."),
                tr("De Belangenbehartiger.", "The Belangenbehartiger."),
            ),
            (CaseStatus::ZienswijzeVerstuurd, _) => (
                tr("De Belangenbehartiger heeft een advies gestuurd naar de Dienst. In dat advies staat een mogelijke oplossing. De Belangenbehartiger beslist niet zelf. De Dienst beslist.", "The Belangenbehartiger sent advice to the service. The advice has a possible solution. The Belangenbehartiger does not decide itself. The service decides.").into(),
                tr("De Dienst neemt het advies over, of legt op papier uit waarom niet.", "The service follows the advice, or explains in writing why not."),
                tr("De Dienst.", "The service."),
            ),
            (CaseStatus::Overgenomen, _) => (
                tr("De Dienst neemt het advies van de Belangenbehartiger over.", "The service follows the advice of the Belangenbehartiger.").into(),
                tr("De Dienst voert de oplossing uit. Daarna rondt de Belangenbehartiger de zaak af.", "The service carries out the solution. After that the Belangenbehartiger completes the case."),
                tr("De Dienst.", "The service."),
            ),
            (CaseStatus::NietOvergenomen, _) => (
                tr("De Dienst neemt het advies niet over. De Dienst heeft op papier uitgelegd waarom. De reden staat hieronder.", "The service does not follow the advice. The service explained why in writing. The reason is below.").into(),
                tr("De Belangenbehartiger kan de zaak hoger in de Dienst voorleggen, tot aan de directeur-generaal. Of hij rondt de zaak af.", "The Belangenbehartiger can take the case higher up in the service, up to the director-general. Or it completes the case."),
                tr("De Belangenbehartiger.", "The Belangenbehartiger."),
            ),
            (CaseStatus::Geescaleerd(level), _) => (
                format!(
                    "{}{}",
                    match current() {
                        Lang::Nl => format!("De Belangenbehartiger heeft de zaak voorgelegd aan {}. Hij vraagt de Dienst om de keuze opnieuw te bekijken.", level.label()),
                        Lang::En => format!("The Belangenbehartiger took the case to {}. It asks the service to look at the choice again.", level.label()),
                    },
                    if level == EscalatieNiveau::DirecteurGeneraal {
                        tr(" Hoger kan niet.", " It cannot go higher.")
                    } else {
                        ""
                    }
                ),
                tr("De Dienst bekijkt de zaak opnieuw. Daarna rondt de Belangenbehartiger de zaak af.", "The service looks at the case again. After that the Belangenbehartiger completes the case."),
                tr("De Dienst.", "The service."),
            ),
            (CaseStatus::Afgerond(outcome), _) => (
                match outcome {
                    Uitkomst::MinnelijkOpgelost => tr("De zaak is opgelost. De Dienst en de Belangenbehartiger zijn het eens geworden.", "The case is solved. The service and the Belangenbehartiger have agreed."),
                    Uitkomst::OpgelostNaEscalatie => tr("De zaak is opgelost, nadat de Belangenbehartiger de zaak hoger in de Dienst had voorgelegd.", "The case is solved, after the Belangenbehartiger took the case higher up in the service."),
                    Uitkomst::NietOpgelost => tr("De Belangenbehartiger heeft de zaak afgerond. Er is geen oplossing gevonden. De reden staat hieronder.", "The Belangenbehartiger completed the case. No solution was found. The reason is below."),
                }
                .into(),
                tr("De Belangenbehartiger wil graag horen hoe het ging. Daarvoor is er een eindgesprek.", "The Belangenbehartiger would like to hear how it went. For that there is a final talk."),
                tr("De Belangenbehartiger.", "The Belangenbehartiger."),
            ),
            (CaseStatus::Eindgesprek, Burger) => (
                tr("De Belangenbehartiger vraagt hoe u de hulp heeft ervaren. Uw mening helpt om het beter te doen.", "The Belangenbehartiger asks how you found the help. Your opinion helps to do better.").into(),
                tr("Na het eindgesprek wordt de zaak gesloten.", "After the final talk the case is closed."),
                tr("U en de Belangenbehartiger.", "You and the Belangenbehartiger."),
            ),
            (CaseStatus::Eindgesprek, Hulpverlener) => (
                tr("De Belangenbehartiger vraagt hoe u en de burger de hulp hebben ervaren.", "The Belangenbehartiger asks how you and the citizen found the help.").into(),
                tr("Na het eindgesprek wordt de zaak gesloten.", "After the final talk the case is closed."),
                tr("U, de burger en de Belangenbehartiger.", "You, the citizen and the Belangenbehartiger."),
            ),
            (CaseStatus::Gesloten, _) => (
                tr("De zaak is gesloten.", "The case is closed.").into(),
                tr("Er gebeurt niets meer met deze zaak.", "Nothing more happens with this case."),
                tr("Niemand.", "Nobody."),
            ),
            (CaseStatus::Vervallen, Burger) => (
                tr("Er is geen toestemming gegeven. De zaak is niet naar de Belangenbehartiger gegaan.", "No consent was given. The case did not go to the Belangenbehartiger.").into(),
                tr("Er gebeurt niets meer met deze zaak. Wilt u toch hulp? Vraag het uw hulpverlener.", "Nothing more happens with this case. Do you still want help? Ask your social worker."),
                tr("Niemand.", "Nobody."),
            ),
            (CaseStatus::Vervallen, Hulpverlener) => (
                tr("De burger heeft geen toestemming gegeven, of niet op tijd geantwoord. De zaak is niet naar de Belangenbehartiger gegaan.", "The citizen did not give consent, or did not answer in time. The case did not go to the Belangenbehartiger.").into(),
                tr("Er gebeurt niets meer met deze zaak. U kunt samen met de burger een nieuwe zaak maken.", "Nothing more happens with this case. You can make a new case together with the citizen."),
                tr("Niemand.", "Nobody."),
            ),
            (CaseStatus::Ingetrokken, Burger) => (
                tr("U heeft uw toestemming ingetrokken. De Belangenbehartiger werkt niet meer aan de zaak.", "You withdrew your consent. The Belangenbehartiger no longer works on the case.").into(),
                tr("Uw gegevens worden na de bewaartermijn verwijderd.", "Your data will be deleted after the retention period."),
                tr("Niemand.", "Nobody."),
            ),
            (CaseStatus::Ingetrokken, Hulpverlener) => (
                tr("De burger heeft de toestemming ingetrokken. De Belangenbehartiger werkt niet meer aan de zaak.", "The citizen withdrew the consent. The Belangenbehartiger no longer works on the case.").into(),
                tr("De persoonlijke gegevens worden na de bewaartermijn verwijderd.", "The personal data will be deleted after the retention period."),
                tr("Niemand.", "Nobody."),
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
                Uitkomst::MinnelijkOpgelost => tr(
                    "Opgelost: de Dienst en de Belangenbehartiger zijn het eens geworden.",
                    "Solved: the service and the Belangenbehartiger have agreed.",
                ),
                Uitkomst::OpgelostNaEscalatie => tr(
                    "Opgelost: het lukte nadat de zaak hoger in de Dienst was voorgelegd.",
                    "Solved: it worked after the case was taken higher up in the service.",
                ),
                Uitkomst::NietOpgelost => tr(
                    "Niet opgelost: er is geen oplossing gevonden. De reden staat bij de stappen.",
                    "Not solved: no solution was found. The reason is with the steps.",
                ),
            }
            .to_owned(),
            (CaseStatus::Doorverwezen(route), _) => match current() {
                Lang::Nl => format!("Doorverwezen naar {}.", route.label()),
                Lang::En => format!("Referred to {}.", route.label()),
            },
            (CaseStatus::Vervallen, _) => tr(
                "Niet behandeld: er kwam geen toestemming.",
                "Not handled: no consent came.",
            )
            .to_owned(),
            (CaseStatus::Ingetrokken, _) => tr(
                "Gestopt: de toestemming is ingetrokken.",
                "Stopped: the consent was withdrawn.",
            )
            .to_owned(),
            _ => return None,
        };
        Some(match (self, talk) {
            (CaseStatus::Eindgesprek, Some(day)) => match current() {
                Lang::Nl => format!("{result} Het eindgesprek is op {}.", day.to_dutch()),
                Lang::En => format!("{result} The final talk is on {}.", day.to_english()),
            },
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
