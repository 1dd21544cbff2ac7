//! The audit log: append-only (the database refuses UPDATE and DELETE on it; this module
//! has no function for either). Rows name the case reference, never personal data.

use model::lifecycle::Role;

use crate::db::{now, Db};
use crate::error::ApiError;

/// What was done to a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    ListCases,
    ReadCase,
    CreateDraft,
    UpdateDraft,
    DeleteDraft,
    Submit,
    Step,
    SignIn,
    SignOut,
    ConsentLinkMade,
    ConsentRequestRead,
    ConsentGiven,
    ConsentRefused,
    ConsentExpired,
    ConsentWithdrawn,
    ReadMessages,
    WriteMessage,
    ReadNotes,
    WriteNote,
    UploadDocument,
    DownloadDocument,
    ListDocuments,
    InviteIntermediary,
    RevokeIntermediary,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::ListCases => "zaken_lijst_bekeken",
            Action::ReadCase => "zaak_bekeken",
            Action::CreateDraft => "concept_gemaakt",
            Action::UpdateDraft => "concept_bijgewerkt",
            Action::DeleteDraft => "concept_verwijderd",
            Action::Submit => "zaak_ingediend",
            Action::Step => "stap_gezet",
            Action::SignIn => "ingelogd",
            Action::SignOut => "uitgelogd",
            Action::ConsentLinkMade => "toestemmingslink_gemaakt",
            Action::ConsentRequestRead => "toestemmingsvraag_bekeken",
            Action::ConsentGiven => "toestemming_gegeven",
            Action::ConsentRefused => "toestemming_geweigerd",
            Action::ConsentExpired => "toestemming_verlopen",
            Action::ConsentWithdrawn => "toestemming_ingetrokken",
            Action::ReadMessages => "berichten_bekeken",
            Action::WriteMessage => "bericht_geschreven",
            Action::ReadNotes => "notities_bekeken",
            Action::WriteNote => "notitie_geschreven",
            Action::UploadDocument => "document_toegevoegd",
            Action::DownloadDocument => "document_gedownload",
            Action::ListDocuments => "documenten_bekeken",
            Action::InviteIntermediary => "intermediair_uitgenodigd",
            Action::RevokeIntermediary => "uitnodiging_ingetrokken",
        }
    }
}

pub async fn record(
    db: &Db,
    role: Role,
    account: Option<i64>,
    action: Action,
    case_ref: Option<&str>,
) -> Result<(), ApiError> {
    sqlx::query(
        "INSERT INTO audit_log (at, actor_role, actor_account, action, case_ref) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(now())
    .bind(role.as_str())
    .bind(account)
    .bind(action.as_str())
    .bind(case_ref)
    .execute(db.pool())
    .await?;
    Ok(())
}
