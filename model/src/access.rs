//! Who may do what with the parts of a case, in each state: the rules that depend only on
//! domain values (the reader's role, the part, the case's state). The server adds who a case
//! belongs to (its organisation, its citizen) in its own `access` module, and asks here for
//! the rest. The lifecycle steps themselves are [`CaseStatus::apply`]'s to decide.
//!
//! The checks come in a fixed order, so the answer never tells more than it must:
//! 1. [`Verdict::Forbidden`]: this role never does this, whatever the case (403, asked before
//!    the case is even looked up);
//! 2. [`Verdict::Hidden`]: this role does not see the case in this state (404, exactly like a
//!    case that does not exist);
//! 3. [`Verdict::NotNow`]: the case is visible, but its state does not allow this (409).

use crate::lifecycle::{CaseStatus, Role};

/// A part of a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Resource {
    /// The case itself: its facts, state and explanation.
    Case,
    /// The helper's draft, before it is sent.
    Draft,
    /// Sending the draft (the helper's step).
    Submission,
    /// A one-time link with which the citizen gives consent on their own phone.
    ConsentLink,
    /// Consent the citizen gave on a signed paper form, recorded by the helper.
    PaperConsent,
    /// A step of the Belangenbehartiger's staff.
    Step,
    /// The citizen withdrawing consent.
    Withdrawal,
    /// The steps so far, with the messages for this reader.
    Timeline,
    /// Messages between the helper and the Belangenbehartiger.
    Message,
    /// A message the citizen reads: the Belangenbehartiger's marked for them, or their own
    /// to the casemanager.
    CitizenMessage,
    /// The staff's internal notes.
    Note,
    /// Documents (which ones a reader sees is per document, see the server).
    Document,
    /// The helper's invitations for an intermediair.
    Invitation,
    /// What helper and citizen think of the help, at the milestones (`feedback::Mijlpaal`).
    Feedback,
    /// The letters as PDF: the proof of being helped, the summary at the end.
    Letter,
    /// A link with which the citizen who lost the personal code makes a new one.
    AccessCode,
}

impl Resource {
    pub const ALL: [Resource; 16] = [
        Resource::Case,
        Resource::Draft,
        Resource::Submission,
        Resource::ConsentLink,
        Resource::PaperConsent,
        Resource::Step,
        Resource::Withdrawal,
        Resource::Timeline,
        Resource::Message,
        Resource::CitizenMessage,
        Resource::Note,
        Resource::Document,
        Resource::Invitation,
        Resource::Feedback,
        Resource::Letter,
        Resource::AccessCode,
    ];
}

/// What a reader wants to do with a part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Act {
    Read,
    /// Add or change.
    Write,
    Delete,
}

impl Act {
    pub const ALL: [Act; 3] = [Act::Read, Act::Write, Act::Delete];
}

/// The answer to "may this role do this with this part, now?".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Allowed,
    /// This role never does this.
    Forbidden,
    /// This role does not see the case in this state: answer as if it did not exist.
    Hidden,
    /// Not in this state; the Dutch sentence says why and what to do.
    NotNow(&'static str),
    /// A staff member for whom this case is not theirs to handle (need-to-know): they see
    /// its line in the queue, nothing more. `may_break_glass` says whether they may open it
    /// with a stated reason (beheer allows that per team).
    NotAssigned {
        may_break_glass: bool,
    },
}

/// Where a member of the Belangenbehartiger's staff stands towards one case: need-to-know
/// (brief §4). A case that waits for triage is the triage teams'; once taken on, it is its
/// casemanager's and its assigned teams'. Everyone else on the staff sees its queue line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Its casemanager, a member of a team it is assigned to, or — before anyone took it
    /// on — a member of a triage team.
    Assigned,
    /// Opened outside their own with a stated reason ("break the glass"): may read for a
    /// while, never act.
    BrokeGlass,
    /// Not theirs.
    Outside { may_break_glass: bool },
}

/// The Dutch sentence for a staff member who may not open a case.
pub fn not_assigned_message(may_break_glass: bool) -> &'static str {
    if may_break_glass {
        crate::lang::tr("Deze zaak hoort niet bij u of uw team. Heeft u een goede reden om de zaak toch in te zien? Schrijf die reden op. Dat wordt vastgelegd.", "This case is not yours or your team's. Do you have a good reason to look at the case anyway? Write down that reason. It is recorded.")
    } else {
        crate::lang::tr("Deze zaak hoort niet bij u of uw team. Alleen de casemanager en het team van de zaak kunnen de zaak openen.", "This case is not yours or your team's. Only the case manager and the team of the case can open it.")
    }
}

/// The Dutch sentence for a staff member who opened a case with a reason and tries to act.
pub const ONLY_LOOKING: crate::Text = crate::Text::new(
    "U heeft deze zaak geopend om in te zien. Alleen de casemanager en het team van de zaak kunnen iets doen.",
    "You opened this case to look at it. Only the case manager and the team of the case can do something.",
);

pub const ALREADY_SENT: crate::Text = crate::Text::new(
    "Deze zaak is al verstuurd. U kunt het concept niet meer aanpassen.",
    "This case has already been sent. You can no longer change the draft.",
);
pub const ONLY_DRAFTS_DELETED: crate::Text = crate::Text::new(
    "Alleen een concept kan worden verwijderd. Deze zaak is al verstuurd.",
    "Only a draft can be deleted. This case has already been sent.",
);
const LINK_ONLY_WHILE_WAITING: crate::Text = crate::Text::new(
    "U kunt alleen een link maken zolang de zaak op toestemming wacht.",
    "You can only make a link while the case waits for consent.",
);
const NO_MESSAGES_ON_DRAFT: crate::Text = crate::Text::new(
    "Een concept heeft nog geen berichten. Verstuur eerst de zaak.",
    "A draft has no messages yet. First send the case.",
);
const FEEDBACK_AT_MILESTONES: crate::Text = crate::Text::new(
    "U kunt uw reactie geven na de zienswijze, na de reactie van de Dienst en aan het eind.",
    "You can give your response after the view, after the service's response and at the end.",
);
const NO_LETTER_NOW: crate::Text = crate::Text::new(
    "Er is nu geen brief voor deze zaak. Een bewijs is er na de toestemming, een samenvatting aan het eind.",
    "There is no letter for this case now. A proof comes after the consent, a summary at the end.",
);
const NO_CODE_TO_REPLACE: crate::Text = crate::Text::new(
    "De burger heeft nog geen persoonlijke code. Die komt pas als de burger toestemming geeft.",
    "The citizen has no personal code yet. It only comes when the citizen gives consent.",
);
const CITIZEN_CASE_ENDED: crate::Text = crate::Text::new(
    "Uw zaak is afgesloten. U kunt geen stukken meer toevoegen.",
    "Your case is closed. You can no longer add documents.",
);
const CASE_ENDED: crate::Text = crate::Text::new(
    "Deze zaak is afgesloten. U kunt er niets meer aan toevoegen.",
    "This case is closed. You can no longer add anything to it.",
);
const CASE_ENDED_NO_DOCUMENTS: crate::Text = crate::Text::new(
    "Deze zaak is afgesloten. U kunt geen stukken meer toevoegen.",
    "This case is closed. You can no longer add documents.",
);
const INVITATION_CASE_ENDED: crate::Text = crate::Text::new(
    "Deze zaak is afgesloten. U kunt niemand meer uitnodigen.",
    "This case is closed. You can no longer invite anyone.",
);
const FROZEN: crate::Text = crate::Text::new(
    "De toestemming wordt eerst gecontroleerd. Tot die controle klaar is, kan niemand iets aan de zaak toevoegen.",
    "The consent is checked first. Until that check is done, nobody can add anything to the case.",
);
const DISPUTED: crate::Text = crate::Text::new(
    "Iemand meldde dat de toestemming niet van de burger kwam. Tot de Belangenbehartiger dat heeft uitgezocht, zijn de stukken en berichten niet te zien.",
    "Someone reported that the consent did not come from the citizen. Until the Belangenbehartiger has found out, the documents and messages cannot be seen.",
);
const WITHDRAWN: crate::Text = crate::Text::new(
    "De burger heeft de toestemming ingetrokken. U ziet alleen nog de stappen en de data.",
    "The citizen withdrew the consent. You only see the steps and the dates.",
);

/// Whether `role` does `act` with `resource` at all, in any state (the first check).
pub fn role_may(role: Role, resource: Resource, act: Act) -> bool {
    use Act::{Delete, Read, Write};
    use Resource::*;
    use Role::{Behandelaar, Burger, Hulpverlener, Intermediair};
    matches!(
        (role, resource, act),
        (Hulpverlener | Behandelaar | Burger, Case | Timeline, Read)
            | (Hulpverlener, Draft, Write | Delete)
            | (Hulpverlener, Submission | ConsentLink | PaperConsent, Write)
            | (Behandelaar, Step, Write)
            | (Burger, Withdrawal, Write)
            | (Hulpverlener | Behandelaar, Message, Read | Write)
            | (Hulpverlener | Behandelaar | Burger, CitizenMessage, Read)
            | (Behandelaar | Burger, CitizenMessage, Write)
            | (Behandelaar, Note, Read | Write)
            | (
                Hulpverlener | Behandelaar | Burger | Intermediair,
                Document,
                Read | Write
            )
            | (Hulpverlener, Invitation, Read | Write | Delete)
            | (Hulpverlener | Burger, Feedback, Write)
            | (Behandelaar, Feedback, Read)
            | (Hulpverlener | Burger, Letter, Read)
            | (Hulpverlener, AccessCode, Write)
    )
}

/// States in which the Belangenbehartiger's staff do not see a case: the citizen has not
/// (yet) consented.
pub const HIDDEN_FROM_STAFF: [CaseStatus; 3] = [
    CaseStatus::Concept,
    CaseStatus::WachtOpToestemming,
    CaseStatus::Vervallen,
];

/// Whether `role` sees a case in `status` at all (the second check). The staff see a case
/// only once the citizen consented; an intermediair reaches a case only through an
/// invitation, never by its reference.
pub fn sees_case(role: Role, status: CaseStatus) -> bool {
    match role {
        Role::Hulpverlener | Role::Burger => true,
        Role::Behandelaar => !HIDDEN_FROM_STAFF.contains(&status),
        Role::Intermediair => true,
        Role::Beheerder | Role::Systeem => false,
    }
}

/// Whether `role` sees only a tombstone of a case in `status`: once the citizen withdrew
/// consent, the Belangenbehartiger's staff see the reference, the states and their dates and
/// who acted — no personal data, documents, messages or notes ("Dan stopt het werk").
pub fn tombstone_only(role: Role, status: CaseStatus) -> bool {
    role == Role::Behandelaar && status == CaseStatus::Ingetrokken
}

/// The rule for a staff member, given where they stand towards the case: the state decides
/// first whether staff see it at all (so a case before consent stays hidden even from its
/// future team), then need-to-know, then the rest of [`verdict`].
pub fn staff_verdict(
    standing: Standing,
    resource: Resource,
    act: Act,
    status: CaseStatus,
) -> Verdict {
    let role = Role::Behandelaar;
    if !role_may(role, resource, act) {
        return Verdict::Forbidden;
    }
    if !sees_case(role, status) {
        return Verdict::Hidden;
    }
    match standing {
        Standing::Assigned => {}
        Standing::BrokeGlass if act == Act::Read => {}
        Standing::BrokeGlass => return Verdict::NotNow(ONLY_LOOKING.get()),
        Standing::Outside { may_break_glass } => return Verdict::NotAssigned { may_break_glass },
    }
    verdict(role, resource, act, status)
}

/// The whole rule for a reader of a case they belong to (their organisation's, their own).
pub fn verdict(role: Role, resource: Resource, act: Act, status: CaseStatus) -> Verdict {
    use Resource::*;
    if !role_may(role, resource, act) {
        return Verdict::Forbidden;
    }
    if !sees_case(role, status) {
        return Verdict::Hidden;
    }
    if tombstone_only(role, status)
        && act == Act::Read
        && matches!(
            resource,
            Message | CitizenMessage | Note | Document | Feedback
        )
    {
        return Verdict::NotNow(WITHDRAWN.get());
    }
    let draft = status == CaseStatus::Concept;
    // Ended means ended: nothing is added to a case that was referred, closed, lapsed or
    // withdrawn (the feedback asked for at the very end excepted).
    let ended_write = status.is_end()
        && act == Act::Write
        && matches!(
            resource,
            Step | Message | CitizenMessage | Note | Document | Invitation
        );
    // While consent is checked, nothing is added; after "dit was ik niet", whoever holds the
    // citizen's code (perhaps the stand-in) or an invitation reads nothing of the case's files.
    if status.is_frozen()
        && act == Act::Write
        && matches!(
            resource,
            Message | CitizenMessage | Note | Document | Invitation | Feedback
        )
    {
        return Verdict::NotNow(FROZEN.get());
    }
    if status == CaseStatus::ToestemmingControleren(crate::lifecycle::Controle::Betwist)
        && matches!(role, Role::Burger | Role::Intermediair)
        && matches!(resource, Message | CitizenMessage | Document)
    {
        return Verdict::NotNow(DISPUTED.get());
    }
    if ended_write {
        return Verdict::NotNow(match (resource, role) {
            (Document, Role::Burger) => CITIZEN_CASE_ENDED.get(),
            (Document, _) => CASE_ENDED_NO_DOCUMENTS.get(),
            (Invitation, _) => INVITATION_CASE_ENDED.get(),
            _ => CASE_ENDED.get(),
        });
    }
    let not_now = match (resource, act) {
        (Draft, Act::Write) if !draft => Some(ALREADY_SENT),
        (Draft, Act::Delete) if !draft => Some(ONLY_DRAFTS_DELETED),
        (ConsentLink, _) if status != CaseStatus::WachtOpToestemming => {
            Some(LINK_ONLY_WHILE_WAITING)
        }
        (Message | CitizenMessage, Act::Write) if draft => Some(NO_MESSAGES_ON_DRAFT),
        (Feedback, Act::Write) if !status.asks_feedback() => Some(FEEDBACK_AT_MILESTONES),
        (AccessCode, Act::Write) if !status.citizen_has_code() => Some(NO_CODE_TO_REPLACE),
        (Letter, Act::Read)
            if !crate::letter::has_proof(status) && !crate::letter::has_summary(status) =>
        {
            Some(NO_LETTER_NOW)
        }
        _ => None,
    };
    not_now.map_or(Verdict::Allowed, |text| Verdict::NotNow(text.get()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_role_that_never_does_something_is_refused_before_the_state_is_looked_at() {
        for status in [
            CaseStatus::Concept,
            CaseStatus::Gesloten,
            CaseStatus::InTriage,
        ] {
            assert_eq!(
                verdict(Role::Hulpverlener, Resource::Note, Act::Read, status),
                Verdict::Forbidden
            );
            assert_eq!(
                verdict(Role::Beheerder, Resource::Case, Act::Read, status),
                Verdict::Forbidden
            );
        }
    }

    #[test]
    fn staff_do_not_see_a_case_before_consent_nor_a_lapsed_one() {
        for status in [
            CaseStatus::Concept,
            CaseStatus::WachtOpToestemming,
            CaseStatus::Vervallen,
        ] {
            assert_eq!(
                verdict(Role::Behandelaar, Resource::Case, Act::Read, status),
                Verdict::Hidden
            );
        }
        assert_eq!(
            verdict(
                Role::Behandelaar,
                Resource::Case,
                Act::Read,
                CaseStatus::Aangemeld
            ),
            Verdict::Allowed
        );
    }

    #[test]
    fn a_draft_changes_only_while_it_is_one() {
        assert_eq!(
            verdict(
                Role::Hulpverlener,
                Resource::Draft,
                Act::Write,
                CaseStatus::Concept
            ),
            Verdict::Allowed
        );
        assert!(matches!(
            verdict(
                Role::Hulpverlener,
                Resource::Draft,
                Act::Delete,
                CaseStatus::WachtOpToestemming
            ),
            Verdict::NotNow(_)
        ));
    }

    #[test]
    fn nothing_is_added_to_an_ended_case_but_the_feedback_asked_for() {
        for status in [
            CaseStatus::Gesloten,
            CaseStatus::Ingetrokken,
            CaseStatus::Vervallen,
            CaseStatus::Doorverwezen(crate::lifecycle::Verwijzing::StellaTeam),
        ] {
            for (role, resource) in [
                (Role::Hulpverlener, Resource::Message),
                (Role::Hulpverlener, Resource::Document),
                (Role::Hulpverlener, Resource::Invitation),
                (Role::Burger, Resource::Document),
            ] {
                assert!(
                    matches!(
                        verdict(role, resource, Act::Write, status),
                        Verdict::NotNow(_)
                    ),
                    "{role:?} {resource:?} on {status:?}"
                );
            }
        }
        assert_eq!(
            verdict(
                Role::Hulpverlener,
                Resource::Feedback,
                Act::Write,
                CaseStatus::Gesloten
            ),
            Verdict::Allowed
        );
        assert_eq!(
            verdict(
                Role::Hulpverlener,
                Resource::Message,
                Act::Read,
                CaseStatus::Gesloten
            ),
            Verdict::Allowed
        );
    }

    #[test]
    fn staff_outside_a_case_see_nothing_of_it_and_who_broke_the_glass_only_reads() {
        let outside = Standing::Outside {
            may_break_glass: true,
        };
        for resource in Resource::ALL {
            for act in Act::ALL {
                if !role_may(Role::Behandelaar, resource, act) {
                    continue;
                }
                let status = CaseStatus::InBehandeling;
                assert_eq!(
                    staff_verdict(outside, resource, act, status),
                    Verdict::NotAssigned {
                        may_break_glass: true
                    }
                );
                let glass = staff_verdict(Standing::BrokeGlass, resource, act, status);
                if act == Act::Read {
                    assert_eq!(glass, Verdict::Allowed, "{resource:?}");
                } else {
                    assert_eq!(glass, Verdict::NotNow(ONLY_LOOKING.get()), "{resource:?}");
                }
                assert_eq!(
                    staff_verdict(Standing::Assigned, resource, act, status),
                    verdict(Role::Behandelaar, resource, act, status)
                );
            }
        }
        // Before consent the case stays hidden, whoever asks.
        assert_eq!(
            staff_verdict(
                Standing::Assigned,
                Resource::Case,
                Act::Read,
                CaseStatus::WachtOpToestemming
            ),
            Verdict::Hidden
        );
        assert_eq!(
            staff_verdict(outside, Resource::Case, Act::Read, CaseStatus::Concept),
            Verdict::Hidden
        );
        for may in [true, false] {
            let message = not_assigned_message(may);
            assert!(
                message.ends_with('.') && message.split(". ").all(|s| s.split(' ').count() <= 16)
            );
        }
    }

    #[test]
    fn after_withdrawal_staff_read_only_the_tombstone() {
        let withdrawn = CaseStatus::Ingetrokken;
        assert!(tombstone_only(Role::Behandelaar, withdrawn));
        assert!(!tombstone_only(Role::Hulpverlener, withdrawn));
        assert!(!tombstone_only(Role::Behandelaar, CaseStatus::Gesloten));
        for resource in [
            Resource::Message,
            Resource::CitizenMessage,
            Resource::Note,
            Resource::Document,
            Resource::Feedback,
        ] {
            assert_eq!(
                verdict(Role::Behandelaar, resource, Act::Read, withdrawn),
                Verdict::NotNow(WITHDRAWN.get()),
                "{resource:?}"
            );
        }
        for resource in [Resource::Case, Resource::Timeline] {
            assert_eq!(
                verdict(Role::Behandelaar, resource, Act::Read, withdrawn),
                Verdict::Allowed
            );
        }
        // The helper who sent it still reads the messages of their own case.
        assert_eq!(
            verdict(Role::Hulpverlener, Resource::Message, Act::Read, withdrawn),
            Verdict::Allowed
        );
    }

    #[test]
    fn every_not_now_message_says_what_to_do_in_plain_dutch() {
        for role in Role::ALL {
            for resource in Resource::ALL {
                for act in Act::ALL {
                    for status in [
                        CaseStatus::Concept,
                        CaseStatus::Gesloten,
                        CaseStatus::Ingetrokken,
                    ] {
                        if let Verdict::NotNow(message) = verdict(role, resource, act, status) {
                            assert!(message.ends_with('.'), "{message}");
                            assert!(message.len() < 120, "{message}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn while_consent_is_checked_nothing_is_added_and_a_disputed_case_shows_no_files() {
        use crate::lifecycle::Controle;
        for check in [Controle::Formulier, Controle::Betwist] {
            let status = CaseStatus::ToestemmingControleren(check);
            for (role, resource) in [
                (Role::Hulpverlener, Resource::Message),
                (Role::Hulpverlener, Resource::Document),
                (Role::Hulpverlener, Resource::Invitation),
                (Role::Behandelaar, Resource::Note),
                (Role::Behandelaar, Resource::CitizenMessage),
                (Role::Burger, Resource::Document),
            ] {
                assert_eq!(
                    verdict(role, resource, Act::Write, status),
                    Verdict::NotNow(FROZEN.get()),
                    "{role:?} {resource:?} {check:?}"
                );
            }
            // Staff see the case, to check the form or find out who consented.
            assert_eq!(
                verdict(Role::Behandelaar, Resource::Document, Act::Read, status),
                Verdict::Allowed
            );
        }
        let disputed = CaseStatus::ToestemmingControleren(Controle::Betwist);
        for role in [Role::Burger, Role::Intermediair] {
            assert_eq!(
                verdict(role, Resource::Document, Act::Read, disputed),
                Verdict::NotNow(DISPUTED.get())
            );
        }
    }
}
