//! One access policy: who is asking ([`Viewer`]), and what they may read and do with each
//! part of a case in its current state. The rules that depend only on domain values (role,
//! part, state) are `model::access`'s; this module adds whose case it is. Every handler asks
//! here — through the extractors in `http::extract` — and nowhere else.

use model::access::{self, Act, Resource, Standing, Verdict};
use model::lifecycle::Role;

use crate::store::audit::Action;
use crate::store::cases::{CaseRow, Reader};
use crate::store::documents::DocumentRow;

/// Who is asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    /// A helper of a partner organisation: that organisation's cases.
    Helper { account: i64, organisation: i64 },
    /// A member of the Belangenbehartiger's staff.
    Staff { account: i64 },
    /// The citizen of one case, signed in with its reference and access code.
    Citizen { case: i64 },
    /// An intermediair with a live invitation to one case.
    Intermediary { invitation: i64, case: i64 },
    /// A functional administrator: no case content.
    Beheerder { account: i64 },
}

impl Viewer {
    /// Who the audit log names for this viewer: a role, and the account where there is one
    /// (a citizen and an intermediair have none; the case reference says which case).
    pub fn actor(self) -> (Role, Option<i64>) {
        match self {
            Viewer::Helper { account, .. } => (Role::Hulpverlener, Some(account)),
            Viewer::Staff { account } => (Role::Behandelaar, Some(account)),
            Viewer::Citizen { .. } => (Role::Burger, None),
            Viewer::Intermediary { .. } => (Role::Intermediair, None),
            Viewer::Beheerder { account } => (Role::Beheerder, Some(account)),
        }
    }
}

/// Why access was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denied {
    /// Answer exactly as if the case did not exist (404).
    Hidden,
    /// This viewer never does this (403).
    Forbidden,
    /// Not in the case's current state (409), with the reason in Dutch.
    NotNow(&'static str),
    /// A staff member's case outside their own (403): its queue line, nothing more.
    NotAssigned { may_break_glass: bool },
}

impl Viewer {
    pub fn role(self) -> Role {
        match self {
            Viewer::Helper { .. } => Role::Hulpverlener,
            Viewer::Staff { .. } => Role::Behandelaar,
            Viewer::Citizen { .. } => Role::Burger,
            Viewer::Intermediary { .. } => Role::Intermediair,
            Viewer::Beheerder { .. } => Role::Beheerder,
        }
    }

    /// The account behind the viewer, where there is one.
    pub fn account(self) -> Option<i64> {
        match self {
            Viewer::Helper { account, .. }
            | Viewer::Staff { account }
            | Viewer::Beheerder { account } => Some(account),
            Viewer::Citizen { .. } | Viewer::Intermediary { .. } => None,
        }
    }

    /// Which side of the case the viewer reads from: whose messages on the timeline, how
    /// the people who acted are named.
    pub fn reader(self) -> Reader {
        match self {
            Viewer::Staff { .. } => Reader::Staff,
            Viewer::Citizen { .. } => Reader::Citizen,
            Viewer::Helper { .. } | Viewer::Intermediary { .. } | Viewer::Beheerder { .. } => {
                Reader::Helper
            }
        }
    }

    /// Whether the case is this viewer's to see at all: their organisation's, their own, the
    /// one they are invited to. Staff may see any case; its state decides (`model::access`).
    fn belongs(self, case: &CaseRow) -> bool {
        match self {
            Viewer::Helper { organisation, .. } => organisation == case.organisation_id,
            Viewer::Staff { .. } => true,
            Viewer::Citizen { case: own } | Viewer::Intermediary { case: own, .. } => {
                own == case.id
            }
            Viewer::Beheerder { .. } => false,
        }
    }
}

/// Whether this viewer ever does `act` with `resource`: asked before the case is looked up,
/// so a refusal tells nothing about which cases exist.
pub fn check_role(viewer: Viewer, resource: Resource, act: Act) -> Result<(), Denied> {
    if access::role_may(viewer.role(), resource, act) {
        Ok(())
    } else {
        Err(Denied::Forbidden)
    }
}

/// The whole decision for `act` on `resource` of `case`. `standing` is where a staff member
/// stands towards this case (`store::assignment::standing_in`); for every other viewer the
/// case is theirs or not by `belongs`, and `standing` is not asked.
pub fn authorize(
    viewer: Viewer,
    standing: Standing,
    resource: Resource,
    act: Act,
    case: &CaseRow,
) -> Result<(), Denied> {
    check_role(viewer, resource, act)?;
    if !viewer.belongs(case) {
        return Err(Denied::Hidden);
    }
    let verdict = match viewer {
        Viewer::Staff { .. } => access::staff_verdict(standing, resource, act, case.status),
        _ => access::verdict(viewer.role(), resource, act, case.status),
    };
    match verdict {
        Verdict::Allowed => Ok(()),
        Verdict::Forbidden => Err(Denied::Forbidden),
        Verdict::Hidden => Err(Denied::Hidden),
        Verdict::NotNow(why) => Err(Denied::NotNow(why)),
        Verdict::NotAssigned { may_break_glass } => Err(Denied::NotAssigned { may_break_glass }),
    }
}

/// Where `viewer` stands towards `case`, in the caller's unit of work: a staff member's
/// need-to-know; every other viewer's belonging is `authorize`'s to check.
pub fn standing_in(
    conn: &mut crate::store::Conn,
    viewer: Viewer,
    case: &CaseRow,
) -> crate::store::StoreResult<Standing> {
    match viewer {
        Viewer::Staff { account } => {
            crate::store::assignment::standing_in(conn, account, case.assignable())
        }
        _ => Ok(Standing::Assigned),
    }
}

/// Which documents of a case this viewer sees: all of them for the helper's organisation
/// and staff; for the citizen what was shared with them and what they added; for an
/// intermediair only what they uploaded with their own invitation.
pub fn sees_document(viewer: Viewer, document: &DocumentRow) -> bool {
    match viewer {
        Viewer::Helper { .. } | Viewer::Staff { .. } => true,
        Viewer::Citizen { .. } => {
            document.shared_with_citizen || document.uploader_role == Role::Burger
        }
        Viewer::Intermediary { invitation, .. } => document.invitation_id == Some(invitation),
        Viewer::Beheerder { .. } => false,
    }
}

/// Whether a document the viewer adds may be shared with the citizen: only the helper's side
/// and staff decide that; the citizen and an intermediair do not share on anyone's behalf.
pub fn may_share_with_citizen(viewer: Viewer) -> bool {
    matches!(viewer, Viewer::Helper { .. } | Viewer::Staff { .. })
}

/// The audit row an endpoint's access writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audit {
    /// Before anything is shown: no audit row, no data.
    OnEntry(Action),
    /// After the change succeeded (the handler calls `Authorised::audit_done`).
    AfterChange(Action),
    /// A workflow step: its audit row is written in the step's own transaction.
    ByWorkflow,
    /// Nothing personal is read or changed.
    Nothing,
}

/// What an endpoint does with a case: the part, the act, and its audit row. Each endpoint
/// names one of the rules below in its signature (`Authorised<rules::ShowCase>`), so the
/// whole table of who-may-do-what is this list plus `model::access`.
pub trait CaseRule {
    const RESOURCE: Resource;
    const ACT: Act;
    const AUDIT: Audit;
}

pub mod rules {
    use super::{Act, Action, Audit, CaseRule, Resource};

    macro_rules! rules {
        ($($(#[$doc:meta])* $name:ident = $resource:ident $act:ident, $audit:expr;)*) => {
            $($(#[$doc])* pub struct $name;
            impl CaseRule for $name {
                const RESOURCE: Resource = Resource::$resource;
                const ACT: Act = Act::$act;
                const AUDIT: Audit = $audit;
            })*
        };
    }

    rules! {
        /// `GET /api/zaken/{ref}`
        ShowCase = Case Read, Audit::OnEntry(Action::ReadCase);
        /// `PUT /api/zaken/{ref}/concept`
        ChangeDraft = Draft Write, Audit::AfterChange(Action::UpdateDraft);
        /// `DELETE /api/zaken/{ref}`
        DeleteDraft = Draft Delete, Audit::AfterChange(Action::DeleteDraft);
        /// `POST /api/zaken/{ref}/indienen`
        Submit = Submission Write, Audit::ByWorkflow;
        /// `POST /api/zaken/{ref}/stappen`
        TakeStep = Step Write, Audit::ByWorkflow;
        /// `POST /api/zaken/{ref}/toewijzing`: a new casemanager is a step too.
        Reassign = Step Write, Audit::ByWorkflow;
        /// `POST /api/zaken/{ref}/toestemming`
        MakeConsentLink = ConsentLink Write, Audit::AfterChange(Action::ConsentLinkMade);
        /// `POST /api/zaken/{ref}/nieuwe-code`
        MakeNewCodeLink = AccessCode Write, Audit::AfterChange(Action::NewCodeLinkMade);
        /// `POST /api/zaken/{ref}/toestemming/formulier`
        RecordPaperConsent = PaperConsent Write, Audit::ByWorkflow;
        /// `GET /api/zaken/{ref}/berichten`
        ReadMessages = Message Read, Audit::OnEntry(Action::ReadMessages);
        /// `POST /api/zaken/{ref}/berichten`
        WriteMessage = Message Write, Audit::AfterChange(Action::WriteMessage);
        /// `GET /api/zaken/{ref}/notities`
        ReadNotes = Note Read, Audit::OnEntry(Action::ReadNotes);
        /// `POST /api/zaken/{ref}/notities`
        WriteNote = Note Write, Audit::AfterChange(Action::WriteNote);
        /// `POST /api/zaken/{ref}/reactie`
        GiveFeedback = Feedback Write, Audit::AfterChange(Action::WriteMessage);
        /// `POST /api/zaken/{ref}/contact`: the contact a thumbs down asked for, recorded as
        /// an internal note.
        RecordContact = Note Write, Audit::AfterChange(Action::ContactRecorded);
        /// `POST /api/zaken/{ref}/eindgesprek`: part of the eindgesprek step.
        RecordFinalTalk = Step Write, Audit::AfterChange(Action::FinalTalkRecorded);
        /// `GET /api/zaken/{ref}/documenten`
        ListDocuments = Document Read, Audit::OnEntry(Action::ListDocuments);
        /// `POST /api/zaken/{ref}/documenten`
        UploadDocument = Document Write, Audit::AfterChange(Action::UploadDocument);
        /// `GET /api/zaken/{ref}/uitnodigingen`
        ListInvitations = Invitation Read, Audit::OnEntry(Action::ListInvitations);
        /// `POST /api/zaken/{ref}/uitnodigingen`
        Invite = Invitation Write, Audit::AfterChange(Action::InviteIntermediary);
        /// `DELETE /api/zaken/{ref}/uitnodigingen/{id}`
        RevokeInvitation = Invitation Delete, Audit::AfterChange(Action::RevokeIntermediary);
        /// `GET /api/zaken/{ref}/brieven/{soort}`: the handler logs which letter it made.
        MakeLetter = Letter Read, Audit::Nothing;
    }
}
