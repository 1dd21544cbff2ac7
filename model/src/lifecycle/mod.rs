//! The case lifecycle (DESIGN.md §3; brief §1.6 and §1.14): states, events, who may fire
//! each event, and the plain-language text every screen shows for a state.
//!
//! [`CaseStatus::apply`] is the only way to move a case. It matches on (state, event) pairs
//! with no catch-all that accepts, so a new state or event cannot slip through unhandled.

use serde::{Deserialize, Serialize};

/// Who acts. Staff roles sign in with an account; the citizen with a reference and access
/// code; `Systeem` is the server's own jobs (consent expiry).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Hulpverlener,
    Burger,
    Intermediair,
    Behandelaar,
    Beheerder,
    Systeem,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Hulpverlener,
        Role::Burger,
        Role::Intermediair,
        Role::Behandelaar,
        Role::Beheerder,
        Role::Systeem,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Hulpverlener => "hulpverlener",
            Role::Burger => "burger",
            Role::Intermediair => "intermediair",
            Role::Behandelaar => "behandelaar",
            Role::Beheerder => "beheerder",
            Role::Systeem => "systeem",
        }
    }

    pub fn parse(value: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.as_str() == value)
    }
}

/// Where triage sends a case it does not take on (brief §1.6 step 3a and §3.2).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verwijzing {
    AndereHelper,
    OnderdeelBelastingdienst,
    OnderdeelDienstToeslagen,
    StellaTeam,
    BelastingTelefoon,
    BezwaarOfBeroep,
    Geldfit,
    Uht,
    NationaleOmbudsman,
    Anders,
}

impl Verwijzing {
    pub fn label(self) -> &'static str {
        match self {
            Verwijzing::AndereHelper => {
                crate::lang::tr("een andere hulpverlener", "another social worker")
            }
            Verwijzing::OnderdeelBelastingdienst => crate::lang::tr(
                "een afdeling van de Belastingdienst",
                "a department of the Tax Administration",
            ),
            Verwijzing::OnderdeelDienstToeslagen => crate::lang::tr(
                "een afdeling van Dienst Toeslagen",
                "a department of the Benefits Service",
            ),
            Verwijzing::StellaTeam => crate::lang::tr("het Stella-team", "the Stella team"),
            Verwijzing::BelastingTelefoon => crate::lang::tr(
                "de BelastingTelefoon",
                "the BelastingTelefoon (tax helpline)",
            ),
            Verwijzing::BezwaarOfBeroep => {
                crate::lang::tr("bezwaar of beroep", "an objection or appeal")
            }
            Verwijzing::Geldfit => crate::lang::tr("Geldfit", "Geldfit"),
            Verwijzing::Uht => crate::lang::tr(
                "de Uitvoeringsorganisatie Herstel Toeslagen (UHT)",
                "the Benefits Recovery Agency (UHT)",
            ),
            Verwijzing::NationaleOmbudsman => {
                crate::lang::tr("de Nationale ombudsman", "the National Ombudsman")
            }
            Verwijzing::Anders => crate::lang::tr("een andere organisatie", "another organisation"),
        }
    }
}

/// How high inside a Dienst the Belangenbehartiger asked for reconsideration. The seeds set
/// only the top: "tot aan een directeur-generaal" (S004:115, 192).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EscalatieNiveau {
    Leidinggevende,
    Directeur,
    DirecteurGeneraal,
}

impl EscalatieNiveau {
    pub fn label(self) -> &'static str {
        match self {
            EscalatieNiveau::Leidinggevende => crate::lang::tr(
                "een leidinggevende bij de Dienst",
                "a manager at the service",
            ),
            EscalatieNiveau::Directeur => {
                crate::lang::tr("een directeur bij de Dienst", "a director at the service")
            }
            EscalatieNiveau::DirecteurGeneraal => crate::lang::tr(
                "de directeur-generaal van de Dienst",
                "the director-general of the service",
            ),
        }
    }
}

/// The outcome recorded when handling ends (brief §1.6 step 8).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Uitkomst {
    MinnelijkOpgelost,
    OpgelostNaEscalatie,
    NietOpgelost,
}

/// Why consent waits for a check by the Belangenbehartiger's staff before any work starts.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Controle {
    /// The helper added a signed paper form: a staff member checks it (four-eyes).
    Formulier,
    /// Someone used the link in the confirmation mail: "dit was ik niet". The work stops
    /// until staff found out who consented.
    Betwist,
}

/// Where a case is. States with data carry it, so a state without it cannot exist.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "status", content = "detail", rename_all = "snake_case")]
// Read back through a flat struct (see `crate::wire`): less code in the browser.
#[serde(try_from = "crate::wire::CaseStatusWire")]
pub enum CaseStatus {
    Concept,
    WachtOpToestemming,
    /// Consent given, but a staff member checks it first ([`Controle`]).
    ToestemmingControleren(Controle),
    Aangemeld,
    InTriage,
    Doorverwezen(Verwijzing),
    InBehandeling,
    ZienswijzeVerstuurd,
    Overgenomen,
    NietOvergenomen,
    Geescaleerd(EscalatieNiveau),
    Afgerond(Uitkomst),
    Eindgesprek,
    Gesloten,
    Vervallen,
    Ingetrokken,
}

/// What can happen to a case.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "event", content = "detail", rename_all = "snake_case")]
pub enum CaseEvent {
    /// The helper sends the draft; the citizen is asked for consent.
    Indienen,
    ToestemmingGegeven,
    ToestemmingGeweigerd,
    /// 30 days passed without an answer from the citizen.
    ToestemmingVerlopen,
    /// The helper adds the form the citizen signed on paper; staff check it before triage.
    FormulierToevoegen,
    /// "Dit was ik niet": the citizen says someone else gave consent. The work stops.
    ToestemmingBetwisten,
    /// Staff checked the consent (the paper form, or who gave it) and found it right.
    ToestemmingGoedkeuren,
    /// Staff found the consent not right: a form goes back to the helper, a disputed
    /// consent ends the case as withdrawn. The step's messages say why.
    ToestemmingAfkeuren,
    TriageStarten,
    Doorverwijzen(Verwijzing),
    InBehandelingNemen,
    ZienswijzeVersturen,
    ZienswijzeOvergenomen,
    /// The Dienst did not follow the zienswijze; its written reasons are required data.
    ZienswijzeNietOvergenomen,
    Escaleren(EscalatieNiveau),
    Afronden(Uitkomst),
    EindgesprekPlannen,
    Sluiten,
    ToestemmingIntrekken,
    /// Another behandelaar becomes the casemanager (and the case goes to their teams); the
    /// state stays. Its reason is internal: staff read it, helper and citizen read who.
    Toewijzen,
}

/// Why an event was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("this role may not do this")]
    NotAllowedForRole,
    #[error("this cannot happen in the current state")]
    NotInThisState,
    #[error("the case has ended")]
    Ended,
}

impl TransitionError {
    pub fn message(self) -> &'static str {
        match self {
            TransitionError::NotAllowedForRole => crate::lang::tr("U mag deze stap niet zetten.", "You may not take this step."),
            TransitionError::NotInThisState => {
                crate::lang::tr("Deze stap past niet bij de stand van de zaak. Laad de pagina opnieuw om de laatste stand te zien.", "This step does not fit the state of the case. Load the page again to see the latest state.")
            }
            TransitionError::Ended => crate::lang::tr("Deze zaak is afgesloten. Er kan niets meer aan veranderen.", "This case is closed. Nothing can be changed any more."),
        }
    }
}

impl CaseEvent {
    /// The one role that may fire this event.
    pub fn actor(self) -> Role {
        use CaseEvent::*;
        match self {
            Indienen | FormulierToevoegen => Role::Hulpverlener,
            ToestemmingGegeven | ToestemmingGeweigerd | ToestemmingIntrekken
            | ToestemmingBetwisten => Role::Burger,
            ToestemmingVerlopen => Role::Systeem,
            ToestemmingGoedkeuren
            | ToestemmingAfkeuren
            | TriageStarten
            | Doorverwijzen(_)
            | InBehandelingNemen
            | ZienswijzeVersturen
            | ZienswijzeOvergenomen
            | ZienswijzeNietOvergenomen
            | Escaleren(_)
            | Afronden(_)
            | EindgesprekPlannen
            | Sluiten
            | Toewijzen => Role::Behandelaar,
        }
    }
}

impl Verwijzing {
    pub const ALL: [Verwijzing; 10] = [
        Verwijzing::StellaTeam,
        Verwijzing::BelastingTelefoon,
        Verwijzing::BezwaarOfBeroep,
        Verwijzing::OnderdeelBelastingdienst,
        Verwijzing::OnderdeelDienstToeslagen,
        Verwijzing::Uht,
        Verwijzing::Geldfit,
        Verwijzing::NationaleOmbudsman,
        Verwijzing::AndereHelper,
        Verwijzing::Anders,
    ];
}

impl CaseEvent {
    /// Every step the Belangenbehartiger's staff can take, with each route, level and outcome
    /// spelled out; which of them fit a case is for [`CaseStatus::apply`] to say.
    pub fn staff_steps() -> Vec<CaseEvent> {
        use CaseEvent::*;
        let mut steps = vec![
            ToestemmingGoedkeuren,
            ToestemmingAfkeuren,
            TriageStarten,
            InBehandelingNemen,
        ];
        steps.extend(Verwijzing::ALL.map(Doorverwijzen));
        steps.extend([
            ZienswijzeVersturen,
            ZienswijzeOvergenomen,
            ZienswijzeNietOvergenomen,
        ]);
        steps.extend(
            [
                EscalatieNiveau::Leidinggevende,
                EscalatieNiveau::Directeur,
                EscalatieNiveau::DirecteurGeneraal,
            ]
            .map(Escaleren),
        );
        steps.extend(
            [
                Uitkomst::MinnelijkOpgelost,
                Uitkomst::OpgelostNaEscalatie,
                Uitkomst::NietOpgelost,
            ]
            .map(Afronden),
        );
        steps.extend([EindgesprekPlannen, Sluiten]);
        steps
    }

    /// The step as a choice for staff, in the current language.
    pub fn label(self) -> String {
        use crate::lang::{current, tr};
        use crate::Lang;
        use CaseEvent::*;
        match self {
            Indienen => tr("Zaak versturen", "Send case").into(),
            ToestemmingGegeven => tr("Toestemming gegeven", "Consent given").into(),
            ToestemmingGeweigerd => tr("Geen toestemming gegeven", "No consent given").into(),
            ToestemmingVerlopen => tr(
                "Geen antwoord op de vraag om toestemming",
                "No answer to the request for consent",
            )
            .into(),
            FormulierToevoegen => tr("Getekend formulier toegevoegd", "Signed form added").into(),
            ToestemmingBetwisten => tr(
                "De burger meldt: dit was ik niet",
                "The citizen reports: this was not me",
            )
            .into(),
            ToestemmingGoedkeuren => {
                tr("Toestemming gecontroleerd: klopt", "Consent checked: right").into()
            }
            ToestemmingAfkeuren => tr(
                "Toestemming gecontroleerd: klopt niet",
                "Consent checked: not right",
            )
            .into(),
            TriageStarten => tr(
                "Triage beginnen: de zaak bekijken",
                "Start triage: look at the case",
            )
            .into(),
            Doorverwijzen(route) => match current() {
                Lang::Nl => format!("Doorverwijzen naar {}", route.label()),
                Lang::En => format!("Refer to {}", route.label()),
            },
            InBehandelingNemen => tr(
                "In behandeling nemen (u wordt casemanager)",
                "Take up the case (you become case manager)",
            )
            .into(),
            ZienswijzeVersturen => tr(
                "Zienswijze is naar de Dienst gestuurd",
                "View sent to the service",
            )
            .into(),
            ZienswijzeOvergenomen => tr(
                "De Dienst neemt de zienswijze over",
                "The service follows the view",
            )
            .into(),
            ZienswijzeNietOvergenomen => tr(
                "De Dienst neemt de zienswijze niet over (met de redenen)",
                "The service does not follow the view (with the reasons)",
            )
            .into(),
            Escaleren(level) => match current() {
                Lang::Nl => format!("Voorleggen aan {}", level.label()),
                Lang::En => format!("Take to {}", level.label()),
            },
            Afronden(Uitkomst::MinnelijkOpgelost) => tr(
                "Afronden: minnelijk opgelost",
                "Complete: solved by agreement",
            )
            .into(),
            Afronden(Uitkomst::OpgelostNaEscalatie) => tr(
                "Afronden: opgelost na escalatie",
                "Complete: solved after escalation",
            )
            .into(),
            Afronden(Uitkomst::NietOpgelost) => {
                tr("Afronden: niet opgelost", "Complete: not solved").into()
            }
            EindgesprekPlannen => tr("Eindgesprek plannen", "Plan the final talk").into(),
            Sluiten => tr("Zaak sluiten", "Close case").into(),
            ToestemmingIntrekken => tr("Toestemming ingetrokken", "Consent withdrawn").into(),
            Toewijzen => tr(
                "Toewijzen aan een andere casemanager",
                "Assign to another case manager",
            )
            .into(),
        }
    }

    /// Steps that must say why: a referral (why, and why there), the Dienst's written
    /// reasons for not following the zienswijze (brief §1.6; S004:192), and why a case ends
    /// without a solution.
    pub fn needs_reasons(self) -> bool {
        matches!(
            self,
            CaseEvent::Doorverwijzen(_)
                | CaseEvent::ZienswijzeNietOvergenomen
                | CaseEvent::Afronden(Uitkomst::NietOpgelost)
        )
    }

    /// Steps that happened on a day staff must name.
    pub fn needs_date(self) -> bool {
        matches!(
            self,
            CaseEvent::ZienswijzeVersturen | CaseEvent::EindgesprekPlannen
        )
    }
}

impl CaseStatus {
    /// Days a citizen has to answer the request for consent before the case lapses.
    pub const CONSENT_DAYS: i64 = 30;

    /// End states: nothing can happen after them.
    pub fn is_end(self) -> bool {
        matches!(
            self,
            CaseStatus::Doorverwezen(_)
                | CaseStatus::Gesloten
                | CaseStatus::Vervallen
                | CaseStatus::Ingetrokken
        )
    }

    /// Someone took the case on and it is not over: it has a casemanager, who can hand it
    /// to a colleague ([`CaseEvent::Toewijzen`]).
    pub fn is_taken_on(self) -> bool {
        matches!(
            self,
            CaseStatus::InBehandeling
                | CaseStatus::ZienswijzeVerstuurd
                | CaseStatus::Overgenomen
                | CaseStatus::NietOvergenomen
                | CaseStatus::Geescaleerd(_)
                | CaseStatus::Afgerond(_)
                | CaseStatus::Eindgesprek
        )
    }

    /// The citizen has consented, nobody checks that consent now, and the case is not over:
    /// the Belangenbehartiger may process it.
    pub fn has_consent(self) -> bool {
        !self.is_end()
            && !matches!(
                self,
                CaseStatus::Concept
                    | CaseStatus::WachtOpToestemming
                    | CaseStatus::ToestemmingControleren(_)
            )
    }

    /// The citizen consented and holds a personal code that still opens the case: while it
    /// runs, and after a referral or closing (to read the outcome and the letters). Not while
    /// consent is checked: the holder of the code may be a stand-in.
    pub fn citizen_has_code(self) -> bool {
        self.has_consent() || matches!(self, CaseStatus::Doorverwezen(_) | CaseStatus::Gesloten)
    }

    /// Consent is being checked: nothing is added to the case until staff decided.
    pub fn is_frozen(self) -> bool {
        matches!(self, CaseStatus::ToestemmingControleren(_))
    }

    /// Messages, documents and notes may be added: the case runs and is not frozen. The
    /// screens offer their forms only then (the access policy refuses them otherwise).
    pub fn accepts_additions(self) -> bool {
        !self.is_end() && !self.is_frozen()
    }

    /// At a milestone (after the zienswijze, after the Dienst's reaction, at the end): helper
    /// and citizen may say what they think of the help (`feedback::Mijlpaal`).
    pub fn asks_feedback(self) -> bool {
        crate::feedback::Mijlpaal::of(self).is_some()
    }

    /// A draft may be deleted by the helper; it was never sent, so nothing else keeps it.
    pub fn may_delete(self, role: Role) -> bool {
        self == CaseStatus::Concept && role == Role::Hulpverlener
    }

    /// The next state after `event` fired by `role`, or why it cannot happen.
    pub fn apply(self, event: CaseEvent, role: Role) -> Result<CaseStatus, TransitionError> {
        use CaseEvent as E;
        use CaseStatus as S;
        if self.is_end() {
            return Err(TransitionError::Ended);
        }
        if event.actor() != role {
            return Err(TransitionError::NotAllowedForRole);
        }
        let next = match (self, event) {
            (S::Concept, E::Indienen) => S::WachtOpToestemming,
            (S::WachtOpToestemming, E::ToestemmingGegeven) => S::Aangemeld,
            (S::WachtOpToestemming, E::ToestemmingGeweigerd | E::ToestemmingVerlopen) => {
                S::Vervallen
            }
            (S::WachtOpToestemming, E::FormulierToevoegen) => {
                S::ToestemmingControleren(Controle::Formulier)
            }
            (state, E::ToestemmingBetwisten) if state.has_consent() => {
                S::ToestemmingControleren(Controle::Betwist)
            }
            (S::ToestemmingControleren(_), E::ToestemmingGoedkeuren) => S::Aangemeld,
            // A form that is not right goes back: the helper asks again, on paper or by link.
            (S::ToestemmingControleren(Controle::Formulier), E::ToestemmingAfkeuren) => {
                S::WachtOpToestemming
            }
            // Consent someone else gave is no consent: the work stops as after a withdrawal.
            (S::ToestemmingControleren(Controle::Betwist), E::ToestemmingAfkeuren) => {
                S::Ingetrokken
            }
            (S::Aangemeld, E::TriageStarten) => S::InTriage,
            (S::InTriage, E::Doorverwijzen(route)) => S::Doorverwezen(route),
            (S::InTriage, E::InBehandelingNemen) => S::InBehandeling,
            (S::InBehandeling, E::ZienswijzeVersturen) => S::ZienswijzeVerstuurd,
            (S::ZienswijzeVerstuurd, E::ZienswijzeOvergenomen) => S::Overgenomen,
            (S::ZienswijzeVerstuurd, E::ZienswijzeNietOvergenomen) => S::NietOvergenomen,
            (S::NietOvergenomen, E::Escaleren(level)) => S::Geescaleerd(level),
            // Escalating again only goes higher, never past the directeur-generaal.
            (S::Geescaleerd(current), E::Escaleren(level)) if level > current => {
                S::Geescaleerd(level)
            }
            (S::Overgenomen, E::Afronden(Uitkomst::MinnelijkOpgelost)) => {
                S::Afgerond(Uitkomst::MinnelijkOpgelost)
            }
            (S::NietOvergenomen, E::Afronden(Uitkomst::NietOpgelost)) => {
                S::Afgerond(Uitkomst::NietOpgelost)
            }
            (
                S::Geescaleerd(_),
                E::Afronden(outcome @ (Uitkomst::OpgelostNaEscalatie | Uitkomst::NietOpgelost)),
            ) => S::Afgerond(outcome),
            (S::Afgerond(_), E::EindgesprekPlannen) => S::Eindgesprek,
            (S::Eindgesprek, E::Sluiten) => S::Gesloten,
            (state, E::ToestemmingIntrekken) if state.has_consent() => S::Ingetrokken,
            // A new casemanager: the case stays where it is.
            (state, E::Toewijzen) if state.is_taken_on() => state,
            (
                S::Concept
                | S::WachtOpToestemming
                | S::ToestemmingControleren(_)
                | S::Aangemeld
                | S::InTriage
                | S::InBehandeling
                | S::ZienswijzeVerstuurd
                | S::Overgenomen
                | S::NietOvergenomen
                | S::Geescaleerd(_)
                | S::Afgerond(_)
                | S::Eindgesprek
                | S::Doorverwezen(_)
                | S::Gesloten
                | S::Vervallen
                | S::Ingetrokken,
                _,
            ) => return Err(TransitionError::NotInThisState),
        };
        Ok(next)
    }

    /// Stable text key for storage and filtering (the detail is stored beside it).
    pub fn key(self) -> &'static str {
        match self {
            CaseStatus::Concept => "concept",
            CaseStatus::WachtOpToestemming => "wacht_op_toestemming",
            CaseStatus::ToestemmingControleren(_) => "toestemming_controleren",
            CaseStatus::Aangemeld => "aangemeld",
            CaseStatus::InTriage => "in_triage",
            CaseStatus::Doorverwezen(_) => "doorverwezen",
            CaseStatus::InBehandeling => "in_behandeling",
            CaseStatus::ZienswijzeVerstuurd => "zienswijze_verstuurd",
            CaseStatus::Overgenomen => "overgenomen",
            CaseStatus::NietOvergenomen => "niet_overgenomen",
            CaseStatus::Geescaleerd(_) => "geescaleerd",
            CaseStatus::Afgerond(_) => "afgerond",
            CaseStatus::Eindgesprek => "eindgesprek",
            CaseStatus::Gesloten => "gesloten",
            CaseStatus::Vervallen => "vervallen",
            CaseStatus::Ingetrokken => "ingetrokken",
        }
    }

    /// The key of the state's data (a route, a level, an outcome), as serde names it;
    /// `None` for a state without data. With [`CaseStatus::key`] this is how a case's
    /// state is stored: two plain columns, no JSON.
    pub fn detail_key(self) -> Option<&'static str> {
        Some(match self {
            CaseStatus::Doorverwezen(to) => match to {
                Verwijzing::AndereHelper => "andere_helper",
                Verwijzing::OnderdeelBelastingdienst => "onderdeel_belastingdienst",
                Verwijzing::OnderdeelDienstToeslagen => "onderdeel_dienst_toeslagen",
                Verwijzing::StellaTeam => "stella_team",
                Verwijzing::BelastingTelefoon => "belasting_telefoon",
                Verwijzing::BezwaarOfBeroep => "bezwaar_of_beroep",
                Verwijzing::Geldfit => "geldfit",
                Verwijzing::Uht => "uht",
                Verwijzing::NationaleOmbudsman => "nationale_ombudsman",
                Verwijzing::Anders => "anders",
            },
            CaseStatus::Geescaleerd(level) => match level {
                EscalatieNiveau::Leidinggevende => "leidinggevende",
                EscalatieNiveau::Directeur => "directeur",
                EscalatieNiveau::DirecteurGeneraal => "directeur_generaal",
            },
            CaseStatus::Afgerond(outcome) => match outcome {
                Uitkomst::MinnelijkOpgelost => "minnelijk_opgelost",
                Uitkomst::OpgelostNaEscalatie => "opgelost_na_escalatie",
                Uitkomst::NietOpgelost => "niet_opgelost",
            },
            CaseStatus::ToestemmingControleren(check) => match check {
                Controle::Formulier => "formulier",
                Controle::Betwist => "betwist",
            },
            _ => return None,
        })
    }

    /// The state from its two stored keys; an error names what this version cannot read.
    pub fn from_keys(key: &str, detail: Option<&str>) -> Result<CaseStatus, String> {
        crate::wire::case_status_from_keys(key, detail)
    }
}

pub mod explain;
pub use explain::{Audience, Explanation};

#[cfg(test)]
mod tests;
