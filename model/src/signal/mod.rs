//! Signals (brief §1.11, S004:602): what goes wrong in the system, not in one citizen's case,
//! told as an anonymous story with a proposed solution. Staff triage a signal, a second staff
//! member approves its anonymisation before it leaves Bondgenoot (four-eyes, brief §4.13 #9),
//! it is forwarded to the KSMS, and the partner hears what happened with it (terugkoppeling):
//! partners say they never do today (S004:608, S001:3029).
//!
//! [`SignalStatus::apply`] is the only way to move a signal, as for cases.

pub mod anonymity;

use serde::{Deserialize, Serialize};

/// Where a signal is.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignalStatus {
    /// Filed; nobody has looked at it yet.
    Nieuw,
    /// A staff member looks at it.
    InBehandeling,
    /// A staff member wrote the text that is to leave Bondgenoot; a second one checks that
    /// it is anonymous.
    TerControle,
    /// The second staff member approved the text: it may be forwarded.
    Goedgekeurd,
    /// Sent to the KSMS, with the date and the text as sent.
    Doorgezet,
    /// The KSMS or the Dienst said what happened with it (there may be more than one).
    Teruggekoppeld,
    /// Taken together with another signal about the same problem.
    Samengevoegd,
    /// Not forwarded; the reason is the answer the partner reads.
    NietDoorgezet,
    Afgesloten,
}

/// What can happen to a signal. All are staff steps; filing is not an event (a new signal
/// starts as [`SignalStatus::Nieuw`]).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignalEvent {
    Oppakken,
    /// Offer the text to be sent for the four-eyes check (the text comes with the step).
    TerControleAanbieden,
    Goedkeuren,
    /// The check found the text not anonymous enough: back to the writer.
    Afkeuren,
    /// Forwarded to the KSMS on a date.
    Doorzetten,
    Terugkoppelen,
    /// Taken together with another signal (named with the step).
    Samenvoegen,
    NietDoorzetten,
    Afsluiten,
}

/// Why a step was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignalRefusal {
    NotInThisState,
    /// The four-eyes rule: the one who wrote the text to be sent cannot approve it.
    OwnText,
}

impl SignalRefusal {
    pub fn message(self) -> &'static str {
        match self {
            SignalRefusal::NotInThisState => crate::lang::tr(
                "Deze stap past niet bij de stand van het signaal. Laad de pagina opnieuw.",
                "This step does not fit the state of the signal. Load the page again.",
            ),
            SignalRefusal::OwnText => crate::lang::tr(
                "U schreef deze tekst zelf. Een collega moet controleren of de tekst anoniem is.",
                "You wrote this text yourself. A colleague must check that the text is anonymous.",
            ),
        }
    }
}

impl SignalEvent {
    pub const ALL: [SignalEvent; 9] = [
        SignalEvent::Oppakken,
        SignalEvent::TerControleAanbieden,
        SignalEvent::Goedkeuren,
        SignalEvent::Afkeuren,
        SignalEvent::Doorzetten,
        SignalEvent::Terugkoppelen,
        SignalEvent::Samenvoegen,
        SignalEvent::NietDoorzetten,
        SignalEvent::Afsluiten,
    ];

    /// The step as a choice for staff.
    pub fn label(self) -> &'static str {
        match self {
            SignalEvent::Oppakken => crate::lang::tr("Oppakken", "Take up"),
            SignalEvent::TerControleAanbieden => crate::lang::tr(
                "Tekst voor het KSMS laten controleren",
                "Have the text for the KSMS checked",
            ),
            SignalEvent::Goedkeuren => {
                crate::lang::tr("Tekst is anoniem: goedkeuren", "Text is anonymous: approve")
            }
            SignalEvent::Afkeuren => crate::lang::tr(
                "Tekst is niet anoniem genoeg: terug",
                "Text is not anonymous enough: back",
            ),
            SignalEvent::Doorzetten => {
                crate::lang::tr("Doorgezet naar het KSMS", "Passed on to the KSMS")
            }
            SignalEvent::Terugkoppelen => {
                crate::lang::tr("Terugkoppeling vastleggen", "Record response")
            }
            SignalEvent::Samenvoegen => crate::lang::tr(
                "Samenvoegen met een ander signaal",
                "Merge with another signal",
            ),
            SignalEvent::NietDoorzetten => crate::lang::tr(
                "Niet doorzetten (met de reden)",
                "Do not pass on (with the reason)",
            ),
            SignalEvent::Afsluiten => crate::lang::tr("Afsluiten", "Close"),
        }
    }

    /// Steps that carry a text: the text to be sent, the terugkoppeling, the reason.
    pub fn needs_text(self) -> bool {
        matches!(
            self,
            SignalEvent::TerControleAanbieden
                | SignalEvent::Afkeuren
                | SignalEvent::Terugkoppelen
                | SignalEvent::NietDoorzetten
        )
    }

    /// Steps that happened on a day staff name.
    pub fn needs_date(self) -> bool {
        self == SignalEvent::Doorzetten
    }
}

impl SignalStatus {
    pub const ALL: [SignalStatus; 9] = [
        SignalStatus::Nieuw,
        SignalStatus::InBehandeling,
        SignalStatus::TerControle,
        SignalStatus::Goedgekeurd,
        SignalStatus::Doorgezet,
        SignalStatus::Teruggekoppeld,
        SignalStatus::Samengevoegd,
        SignalStatus::NietDoorgezet,
        SignalStatus::Afgesloten,
    ];

    pub fn key(self) -> &'static str {
        match self {
            SignalStatus::Nieuw => "nieuw",
            SignalStatus::InBehandeling => "in_behandeling",
            SignalStatus::TerControle => "ter_controle",
            SignalStatus::Goedgekeurd => "goedgekeurd",
            SignalStatus::Doorgezet => "doorgezet",
            SignalStatus::Teruggekoppeld => "teruggekoppeld",
            SignalStatus::Samengevoegd => "samengevoegd",
            SignalStatus::NietDoorgezet => "niet_doorgezet",
            SignalStatus::Afgesloten => "afgesloten",
        }
    }

    pub fn parse(key: &str) -> Option<SignalStatus> {
        SignalStatus::ALL.into_iter().find(|s| s.key() == key)
    }

    /// The next state after `event`. `writer` is who offered the text for the check,
    /// `actor` who takes this step: for [`SignalEvent::Goedkeuren`] they must differ.
    pub fn apply(
        self,
        event: SignalEvent,
        writer: Option<i64>,
        actor: i64,
    ) -> Result<SignalStatus, SignalRefusal> {
        use SignalEvent as E;
        use SignalStatus as S;
        Ok(match (self, event) {
            (S::Nieuw, E::Oppakken) => S::InBehandeling,
            (S::InBehandeling, E::TerControleAanbieden) => S::TerControle,
            (S::TerControle, E::Goedkeuren) if writer == Some(actor) => {
                return Err(SignalRefusal::OwnText)
            }
            (S::TerControle, E::Goedkeuren) => S::Goedgekeurd,
            (S::TerControle, E::Afkeuren) => S::InBehandeling,
            (S::Goedgekeurd, E::Doorzetten) => S::Doorgezet,
            (S::Doorgezet | S::Teruggekoppeld, E::Terugkoppelen) => S::Teruggekoppeld,
            (S::Nieuw | S::InBehandeling, E::Samenvoegen) => S::Samengevoegd,
            (S::Nieuw | S::InBehandeling, E::NietDoorzetten) => S::NietDoorgezet,
            (S::Teruggekoppeld | S::Samengevoegd | S::NietDoorgezet, E::Afsluiten) => S::Afgesloten,
            (
                S::Nieuw
                | S::InBehandeling
                | S::TerControle
                | S::Goedgekeurd
                | S::Doorgezet
                | S::Teruggekoppeld
                | S::Samengevoegd
                | S::NietDoorgezet
                | S::Afgesloten,
                _,
            ) => return Err(SignalRefusal::NotInThisState),
        })
    }

    /// A short Dutch name, the same for every reader.
    pub fn title(self) -> &'static str {
        match self {
            SignalStatus::Nieuw => crate::lang::tr("Nieuw", "New"),
            SignalStatus::InBehandeling => crate::lang::tr("In behandeling", "Being handled"),
            SignalStatus::TerControle => {
                crate::lang::tr("Tekst wordt gecontroleerd", "Text is being checked")
            }
            SignalStatus::Goedgekeurd => {
                crate::lang::tr("Klaar om door te zetten", "Ready to pass on")
            }
            SignalStatus::Doorgezet => {
                crate::lang::tr("Doorgezet naar het KSMS", "Passed on to the KSMS")
            }
            SignalStatus::Teruggekoppeld => {
                crate::lang::tr("Terugkoppeling ontvangen", "Response received")
            }
            SignalStatus::Samengevoegd => crate::lang::tr(
                "Samengevoegd met een ander signaal",
                "Merged with another signal",
            ),
            SignalStatus::NietDoorgezet => crate::lang::tr("Niet doorgezet", "Not passed on"),
            SignalStatus::Afgesloten => crate::lang::tr("Afgesloten", "Closed"),
        }
    }

    /// What it means for the partner who filed it, in B1 Dutch. Staff see the same texts:
    /// nothing here is internal.
    pub fn for_partner(self) -> &'static str {
        match self {
            SignalStatus::Nieuw => {
                crate::lang::tr("Uw signaal is binnen. Een medewerker van de Belangenbehartiger gaat het lezen.", "Your signal has come in. Someone from the Belangenbehartiger will read it.")
            }
            SignalStatus::InBehandeling | SignalStatus::TerControle | SignalStatus::Goedgekeurd => {
                crate::lang::tr("Een medewerker van de Belangenbehartiger bekijkt uw signaal. Voor het signaal verder gaat, controleert een collega dat er niets in staat dat naar één persoon wijst.", "Someone from the Belangenbehartiger is looking at your signal. Before the signal goes on, a colleague checks that nothing in it points to one person.")
            }
            SignalStatus::Doorgezet => {
                crate::lang::tr("Uw signaal is doorgezet naar het KSMS. Daar bespreken de Belastingdienst en Dienst Toeslagen wat er in het systeem beter moet. U hoort wat daaruit komt.", "Your signal was passed on to the KSMS. There the Tax Administration and the Benefits Service discuss what must improve in the system. You will hear what comes of it.")
            }
            SignalStatus::Teruggekoppeld => {
                crate::lang::tr("Er is een terugkoppeling: hieronder staat wat er met uw signaal is gebeurd.", "There is a response: below is what happened with your signal.")
            }
            SignalStatus::Samengevoegd => {
                crate::lang::tr("Er kwam al een signaal over hetzelfde probleem. Uw signaal is daarbij gevoegd. Zo telt het mee.", "There was already a signal about the same problem. Your signal was added to it. That way it counts.")
            }
            SignalStatus::NietDoorgezet => {
                crate::lang::tr("Uw signaal is niet doorgezet. De reden staat hieronder.", "Your signal was not passed on. The reason is below.")
            }
            SignalStatus::Afgesloten => crate::lang::tr("Er gebeurt niets meer met dit signaal.", "Nothing more happens with this signal."),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    use SignalEvent as E;
    use SignalStatus as S;

    /// Every allowed step, written out once.
    fn allowed() -> Vec<(SignalStatus, SignalEvent, SignalStatus)> {
        vec![
            (S::Nieuw, E::Oppakken, S::InBehandeling),
            (S::InBehandeling, E::TerControleAanbieden, S::TerControle),
            (S::TerControle, E::Goedkeuren, S::Goedgekeurd),
            (S::TerControle, E::Afkeuren, S::InBehandeling),
            (S::Goedgekeurd, E::Doorzetten, S::Doorgezet),
            (S::Doorgezet, E::Terugkoppelen, S::Teruggekoppeld),
            (S::Teruggekoppeld, E::Terugkoppelen, S::Teruggekoppeld),
            (S::Nieuw, E::Samenvoegen, S::Samengevoegd),
            (S::InBehandeling, E::Samenvoegen, S::Samengevoegd),
            (S::Nieuw, E::NietDoorzetten, S::NietDoorgezet),
            (S::InBehandeling, E::NietDoorzetten, S::NietDoorgezet),
            (S::Teruggekoppeld, E::Afsluiten, S::Afgesloten),
            (S::Samengevoegd, E::Afsluiten, S::Afgesloten),
            (S::NietDoorgezet, E::Afsluiten, S::Afgesloten),
        ]
    }

    #[test]
    fn exactly_the_listed_steps_are_possible() {
        let table = allowed();
        for from in SignalStatus::ALL {
            for event in SignalEvent::ALL {
                // Writer 1, actor 2: the four-eyes rule holds.
                let result = from.apply(event, Some(1), 2);
                match table.iter().find(|(f, e, _)| *f == from && *e == event) {
                    Some((_, _, to)) => assert_eq!(result, Ok(*to), "{from:?} + {event:?}"),
                    None => assert_eq!(
                        result,
                        Err(SignalRefusal::NotInThisState),
                        "{from:?} + {event:?}"
                    ),
                }
            }
        }
    }

    #[test]
    fn nothing_leaves_without_a_second_pair_of_eyes() {
        assert_eq!(
            S::TerControle.apply(E::Goedkeuren, Some(7), 7),
            Err(SignalRefusal::OwnText)
        );
        // Forwarding is only possible after an approval.
        for from in SignalStatus::ALL {
            if from != S::Goedgekeurd {
                assert!(from.apply(E::Doorzetten, Some(1), 2).is_err());
            }
        }
    }

    #[test]
    fn keys_read_back() {
        for status in SignalStatus::ALL {
            assert_eq!(SignalStatus::parse(status.key()), Some(status));
        }
    }

    proptest! {
        /// Any walk of steps reaches Doorgezet only through Goedgekeurd, approved by someone
        /// other than the writer.
        #[test]
        fn every_walk_to_the_ksms_passes_the_four_eyes(steps in proptest::collection::vec((0usize..9, 1i64..4), 0..30)) {
            let mut status = S::Nieuw;
            let mut writer = None;
            for (event, actor) in steps {
                let event = SignalEvent::ALL[event];
                if let Ok(next) = status.apply(event, writer, actor) {
                    if event == E::TerControleAanbieden {
                        writer = Some(actor);
                    }
                    if event == E::Goedkeuren {
                        prop_assert_ne!(writer, Some(actor));
                    }
                    if next == S::Doorgezet {
                        prop_assert_eq!(status, S::Goedgekeurd);
                    }
                    status = next;
                }
            }
        }
    }
}

pub mod wire;
