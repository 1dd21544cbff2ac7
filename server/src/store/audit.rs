//! The audit log: append-only (the database refuses UPDATE and DELETE on it; this module
//! has no function for either). Rows name the case reference, never personal data.

use model::lifecycle::Role;
use sqlx::AnyPool;
use tokio::sync::{mpsc, oneshot};

use std::sync::Arc;

use super::StoreError;
use super::Tx;
use crate::clock::now;

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

/// One audit row on its way to the database, and who waits for it to be committed.
struct Pending {
    at: i64,
    role: Role,
    account: Option<i64>,
    action: Action,
    case_ref: Option<String>,
    committed: oneshot::Sender<Result<(), Arc<sqlx::Error>>>,
}

/// Rows written in one statement at most; more wait for the next. 256 rows are 1280 bound
/// values, well under the limits of SQLite (32766) and PostgreSQL (65535).
const BATCH_MAX: usize = 256;

/// Writes audit rows in batches, from one task. Every read of a case writes a row, and on
/// SQLite each write on its own takes the database's one write lock in turn (with waits and
/// retries under load); one INSERT for all rows that arrived meanwhile takes it once.
/// A request still waits until its own row is committed, so nothing is answered that was
/// not logged.
#[derive(Clone)]
pub struct AuditWriter {
    queue: mpsc::Sender<Pending>,
}

impl AuditWriter {
    /// Starts the writing task on the current Tokio runtime; it ends when the last
    /// `AuditWriter` is dropped.
    pub fn start(pool: AnyPool) -> AuditWriter {
        let (queue, mut incoming) = mpsc::channel::<Pending>(4 * BATCH_MAX);
        tokio::spawn(async move {
            let mut batch = Vec::with_capacity(BATCH_MAX);
            while incoming.recv_many(&mut batch, BATCH_MAX).await > 0 {
                let result = insert(&pool, &batch).await.map_err(Arc::new);
                for pending in batch.drain(..) {
                    // The request may have gone (client hung up); its row is written anyway.
                    let _ = pending.committed.send(result.clone());
                }
            }
        });
        AuditWriter { queue }
    }
}

/// One INSERT for the whole batch: one round trip to the database and one commit.
async fn insert(pool: &AnyPool, batch: &[Pending]) -> Result<(), sqlx::Error> {
    let mut sql = String::from(
        "INSERT INTO audit_log (at, actor_role, actor_account, action, case_ref) VALUES ",
    );
    for i in 0..batch.len() {
        let n = i * 5;
        let separator = if i == 0 { "" } else { ", " };
        sql.push_str(&format!(
            "{separator}(${}, ${}, ${}, ${}, ${})",
            n + 1,
            n + 2,
            n + 3,
            n + 4,
            n + 5
        ));
    }
    // Every batch size is its own statement: not worth keeping prepared.
    let mut query = sqlx::query(&sql).persistent(false);
    for row in batch {
        query = query
            .bind(row.at)
            .bind(row.role.as_str())
            .bind(row.account)
            .bind(row.action.as_str())
            .bind(row.case_ref.as_deref());
    }
    query.execute(pool).await?;
    Ok(())
}

impl AuditWriter {
    /// Writes one audit row and returns once it is committed.
    pub async fn record(
        &self,
        role: Role,
        account: Option<i64>,
        action: Action,
        case_ref: Option<&str>,
    ) -> Result<(), StoreError> {
        let (committed, done) = oneshot::channel();
        let pending = Pending {
            at: now(),
            role,
            account,
            action,
            case_ref: case_ref.map(str::to_owned),
            committed,
        };
        self.queue
            .send(pending)
            .await
            .map_err(|_| StoreError::AuditStopped)?;
        done.await
            .map_err(|_| StoreError::AuditStopped)?
            .map_err(StoreError::Audit)
    }
}

/// Writes one audit row inside a transaction: for changes, whose row must commit (or not)
/// together with the change itself.
pub async fn record_in(
    tx: &mut Tx,
    role: Role,
    account: Option<i64>,
    action: Action,
    case_ref: Option<&str>,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO audit_log (at, actor_role, actor_account, action, case_ref) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(now())
    .bind(role.as_str())
    .bind(account)
    .bind(action.as_str())
    .bind(case_ref)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
