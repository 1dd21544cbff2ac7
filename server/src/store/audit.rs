//! The audit log: append-only (the database refuses UPDATE and DELETE on it; this module
//! has no function for either). Rows name the case reference, never personal data.

use std::sync::Arc;

use diesel::prelude::*;
use diesel::r2d2::{ConnectionManager, Pool};
use model::lifecycle::Role;
use tokio::sync::{mpsc, oneshot};

use super::conn::both;
use super::schema::audit_log;
use super::{Conn, StoreError, StoreResult};
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
    ConsentDisputed,
    SignalFiled,
    SignalRead,
    SignalStep,
    SignalExport,
    FiguresRead,
    ReadMessages,
    WriteMessage,
    ReadNotes,
    WriteNote,
    /// Staff recorded how the eindgesprek went.
    FinalTalkRecorded,
    /// The helper made a link for the citizen's new personal code.
    NewCodeLinkMade,
    /// The citizen made a new personal code with that link; the old one stopped.
    AccessCodeReplaced,
    /// A staff member recorded the contact a thumbs down asked for.
    ContactRecorded,
    UploadDocument,
    DownloadDocument,
    ListDocuments,
    InviteIntermediary,
    RevokeIntermediary,
    CreateOrganisation,
    ChangeOrganisation,
    CreateTeam,
    InviteAccount,
    ChangeAccount,
    ResendInvitation,
    RevokeInvitation,
    ChoosePassword,
    RequestPasswordReset,
    SetUpSecondFactor,
    UseRecoveryCode,
    ResetSecondFactor,
    ChangePassword,
    EndSession,
    ChangeTeam,
    BreakGlass,
    Reassign,
    SignInFailed,
    SignInLocked,
    AccessCodeFailed,
    ReadRefused,
    ListInvitations,
    ReadAuditLog,
    ExportAuditLog,
    ChangeMonitoring,
    HandleAlert,
    MakeInzage,
    ChangeRetention,
    ReviewDestruction,
    DestroyCase,
    DownloadProof,
    DownloadSummary,
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
            Action::ConsentDisputed => "toestemming_betwist",
            Action::SignalFiled => "signaal_ingediend",
            Action::SignalRead => "signaal_bekeken",
            Action::SignalStep => "signaal_stap",
            Action::SignalExport => "signalen_geexporteerd",
            Action::FiguresRead => "cijfers_bekeken",
            Action::ReadMessages => "berichten_bekeken",
            Action::WriteMessage => "bericht_geschreven",
            Action::ReadNotes => "notities_bekeken",
            Action::WriteNote => "notitie_geschreven",
            Action::ContactRecorded => "contact_vastgelegd",
            Action::FinalTalkRecorded => "eindgesprek_vastgelegd",
            Action::NewCodeLinkMade => "link_nieuwe_code_gemaakt",
            Action::AccessCodeReplaced => "nieuwe_code_gemaakt",
            Action::UploadDocument => "document_toegevoegd",
            Action::DownloadDocument => "document_gedownload",
            Action::ListDocuments => "documenten_bekeken",
            Action::InviteIntermediary => "intermediair_uitgenodigd",
            Action::RevokeIntermediary => "uitnodiging_ingetrokken",
            Action::CreateOrganisation => "organisatie_gemaakt",
            Action::ChangeOrganisation => "organisatie_gewijzigd",
            Action::CreateTeam => "team_gemaakt",
            Action::InviteAccount => "account_uitgenodigd",
            Action::ChangeAccount => "account_gewijzigd",
            Action::ResendInvitation => "accountuitnodiging_opnieuw_gestuurd",
            Action::RevokeInvitation => "accountuitnodiging_ingetrokken",
            Action::ChoosePassword => "wachtwoord_gekozen",
            Action::RequestPasswordReset => "wachtwoordherstel_gevraagd",
            Action::SetUpSecondFactor => "tweede_factor_ingesteld",
            Action::UseRecoveryCode => "herstelcode_gebruikt",
            Action::ResetSecondFactor => "tweede_factor_gewist",
            Action::ChangePassword => "wachtwoord_gewijzigd",
            Action::EndSession => "sessie_beeindigd",
            Action::ChangeTeam => "team_gewijzigd",
            Action::BreakGlass => "zaak_geopend_met_reden",
            Action::Reassign => "zaak_toegewezen",
            Action::SignInFailed => "inloggen_mislukt",
            Action::SignInLocked => "inloggen_geblokkeerd",
            Action::AccessCodeFailed => "toegangscode_fout",
            Action::ReadRefused => "inzage_geweigerd",
            Action::ListInvitations => "uitnodigingen_bekeken",
            Action::ReadAuditLog => "logboek_bekeken",
            Action::ExportAuditLog => "logboek_gedownload",
            Action::ChangeMonitoring => "bewaking_gewijzigd",
            Action::HandleAlert => "melding_behandeld",
            Action::MakeInzage => "inzage_gemaakt",
            Action::ChangeRetention => "bewaartermijnen_gewijzigd",
            Action::ReviewDestruction => "vernietiging_beoordeeld",
            Action::DownloadProof => "bewijs_gedownload",
            Action::DownloadSummary => "samenvatting_gedownload",
            Action::DestroyCase => "zaak_vernietigd",
        }
    }

    pub const ALL: [Action; 66] = [
        Action::ListCases,
        Action::ReadCase,
        Action::CreateDraft,
        Action::UpdateDraft,
        Action::DeleteDraft,
        Action::Submit,
        Action::Step,
        Action::SignIn,
        Action::SignOut,
        Action::ConsentLinkMade,
        Action::ConsentRequestRead,
        Action::ConsentGiven,
        Action::ConsentRefused,
        Action::ConsentExpired,
        Action::ConsentWithdrawn,
        Action::ConsentDisputed,
        Action::SignalFiled,
        Action::SignalRead,
        Action::SignalStep,
        Action::SignalExport,
        Action::FiguresRead,
        Action::ReadMessages,
        Action::WriteMessage,
        Action::ReadNotes,
        Action::WriteNote,
        Action::ContactRecorded,
        Action::FinalTalkRecorded,
        Action::NewCodeLinkMade,
        Action::AccessCodeReplaced,
        Action::UploadDocument,
        Action::DownloadDocument,
        Action::ListDocuments,
        Action::InviteIntermediary,
        Action::RevokeIntermediary,
        Action::CreateOrganisation,
        Action::ChangeOrganisation,
        Action::CreateTeam,
        Action::InviteAccount,
        Action::ChangeAccount,
        Action::ResendInvitation,
        Action::RevokeInvitation,
        Action::ChoosePassword,
        Action::RequestPasswordReset,
        Action::SetUpSecondFactor,
        Action::UseRecoveryCode,
        Action::ResetSecondFactor,
        Action::ChangePassword,
        Action::EndSession,
        Action::ChangeTeam,
        Action::BreakGlass,
        Action::Reassign,
        Action::SignInFailed,
        Action::SignInLocked,
        Action::AccessCodeFailed,
        Action::ReadRefused,
        Action::ListInvitations,
        Action::ReadAuditLog,
        Action::ExportAuditLog,
        Action::ChangeMonitoring,
        Action::HandleAlert,
        Action::MakeInzage,
        Action::ChangeRetention,
        Action::ReviewDestruction,
        Action::DestroyCase,
        Action::DownloadProof,
        Action::DownloadSummary,
    ];

    /// The action stored as `key`, if this version knows it.
    pub fn parse(key: &str) -> Option<Action> {
        Action::ALL
            .into_iter()
            .find(|action| action.as_str() == key)
    }
}

/// One row of the audit log, as the code that acts describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub role: Role,
    pub account: Option<i64>,
    pub action: Action,
    pub case_ref: Option<String>,
    /// Who or what else it was about (`account/12`, `team/3`).
    pub subject: Option<String>,
    /// The session that acted: a name derived from its token (`crypto::session_ref`), or
    /// `uitnodiging/{id}` for an intermediair.
    pub session: Option<String>,
    /// The reason the actor gave (a break-the-glass read).
    pub reason: Option<String>,
    /// The trace id of the request that acts (`crate::trace`), when there is one.
    pub trace_id: Option<String>,
}

impl Entry {
    /// An entry for `action`, in the current request's trace.
    pub fn new(role: Role, account: Option<i64>, action: Action) -> Entry {
        Entry {
            role,
            account,
            action,
            case_ref: None,
            subject: None,
            session: None,
            reason: None,
            trace_id: crate::trace::current().map(|context| context.trace_id()),
        }
    }

    pub fn on_case(mut self, reference: Option<&str>) -> Entry {
        self.case_ref = reference.map(str::to_owned);
        self
    }

    pub fn about(mut self, subject: &str) -> Entry {
        self.subject = Some(subject.to_owned());
        self
    }

    /// The reason the actor gave (kept beside the action).
    pub fn because(mut self, reason: &str) -> Entry {
        self.reason = Some(reason.to_owned());
        self
    }

    pub fn in_session(mut self, session: Option<String>) -> Entry {
        self.session = session;
        self
    }
}

/// One audit row on its way to the database, and who waits for it to be committed.
struct Pending {
    at: i64,
    entry: Entry,
    committed: oneshot::Sender<Result<(), Arc<str>>>,
}

/// Rows written in one batch at most; more wait for the next. 256 rows are 1280 bound
/// values, well under the limits of SQLite (32766) and PostgreSQL (65535).
const BATCH_MAX: usize = 256;

/// Group commit: while rows keep coming (the last commit was less than this ago), the writer
/// gathers for this long before it writes. Without it, the status lookup at 16,000 requests/s
/// made 6,000 commits/s of 2.7 rows each — and every commit empties the page cache of every
/// connection that reads next (SQLite's WAL), so the reads fetched their pages again. A
/// request waits up to this much longer for its row (a row after a quiet spell goes at once),
/// and 32 clients that each wait for their answer are held back by it: measured on 2 cores,
/// 2 ms gave 10,400 requests/s, 1 ms 18,600, 600 µs 21,600 (p99 3.0 ms), 400 µs 22,200 but
/// a p99 of 6 ms (three times as many commits, and the log restarted more often). Later, on a
/// build serving connections on one thread per core (since dropped, README): 450 µs 28,100
/// (p99 4.5 ms), 300 µs 29,400 (p99 5.4 ms): too close to, or over, the 5 ms budget.
const GATHER: std::time::Duration = std::time::Duration::from_micros(600);

/// Writes audit rows in batches, from one task. Every read of a case writes a row, and on
/// SQLite each write on its own takes the database's one write lock in turn (with waits and
/// retries under load); one transaction for all rows that arrived meanwhile takes it once.
/// A request still waits until its own row is committed, so nothing is answered that was
/// not logged.
#[derive(Clone)]
pub struct AuditWriter {
    queue: mpsc::Sender<Queued>,
}

/// What the writer thread takes in turn: a row, or a caller waiting for every row queued
/// before it to be written (the last step of stopping).
enum Queued {
    Row(Pending),
    Flush(oneshot::Sender<()>),
}

impl AuditWriter {
    /// Starts the writer on a thread of its own (it only waits for rows and for the
    /// database, so it needs no share of the request threads, and a hand-off per batch to
    /// Tokio's blocking pool would cost more than the batch); it ends when the last
    /// `AuditWriter` is dropped.
    pub fn start(pool: Pool<ConnectionManager<Conn>>) -> std::io::Result<AuditWriter> {
        let (queue, mut incoming) = mpsc::channel::<Queued>(4 * BATCH_MAX);
        std::thread::Builder::new()
            .name("audit-writer".into())
            .spawn(move || {
                let mut batch = Vec::with_capacity(BATCH_MAX);
                let mut flushes = Vec::new();
                let mut last_commit: Option<std::time::Instant> = None;
                while incoming.blocking_recv_many(&mut batch, BATCH_MAX) > 0 {
                    if last_commit.is_some_and(|at| at.elapsed() < GATHER) {
                        std::thread::sleep(GATHER);
                        while batch.len() < BATCH_MAX {
                            match incoming.try_recv() {
                                Ok(queued) => batch.push(queued),
                                Err(_) => break,
                            }
                        }
                    }
                    let mut pending = Vec::with_capacity(batch.len());
                    for queued in batch.drain(..) {
                        match queued {
                            Queued::Row(row) => pending.push(row),
                            Queued::Flush(done) => flushes.push(done),
                        }
                    }
                    if !pending.is_empty() {
                        crate::measure::audit_batch(pending.len());
                        let rows: Vec<_> = pending.iter().map(Pending::row).collect();
                        let result = pool
                            .get()
                            .map_err(StoreError::from)
                            .and_then(|mut conn| insert(&mut conn, &rows))
                            .map_err(|err| Arc::<str>::from(crate::telemetry::chain(&err)));
                        last_commit = Some(std::time::Instant::now());
                        for row in pending {
                            // The request may have gone (client hung up); its row is written anyway.
                            let _ = row.committed.send(result.clone());
                        }
                    }
                    // Rows queued before a flush were in this batch or an earlier one.
                    for done in flushes.drain(..) {
                        let _ = done.send(());
                    }
                }
            })?;
        Ok(AuditWriter { queue })
    }
}

/// An audit row as inserted.
#[derive(Insertable)]
#[diesel(table_name = audit_log)]
struct NewRow {
    at: i64,
    actor_role: &'static str,
    actor_account: Option<i64>,
    action: &'static str,
    case_ref: Option<String>,
    subject: Option<String>,
    reason: Option<String>,
    session: Option<String>,
    trace_id: Option<String>,
}

impl NewRow {
    fn of(at: i64, entry: &Entry) -> NewRow {
        NewRow {
            at,
            actor_role: entry.role.as_str(),
            actor_account: entry.account,
            action: entry.action.as_str(),
            case_ref: entry.case_ref.clone(),
            subject: entry.subject.clone(),
            reason: entry.reason.clone(),
            session: entry.session.clone(),
            trace_id: entry.trace_id.clone(),
        }
    }

    fn now(
        role: Role,
        account: Option<i64>,
        action: Action,
        case_ref: Option<&str>,
        subject: Option<&str>,
    ) -> NewRow {
        NewRow {
            at: now(),
            actor_role: role.as_str(),
            actor_account: account,
            action: action.as_str(),
            case_ref: case_ref.map(str::to_owned),
            subject: subject.map(str::to_owned),
            reason: None,
            session: None,
            trace_id: crate::trace::current().map(|context| context.trace_id()),
        }
    }
}

impl Pending {
    fn row(&self) -> NewRow {
        NewRow::of(self.at, &self.entry)
    }
}

/// The whole batch, committed once: one INSERT on PostgreSQL (one round trip); on SQLite,
/// in the same process, Diesel runs it row by row inside one transaction.
fn insert(conn: &mut Conn, rows: &[NewRow]) -> StoreResult<()> {
    let insert = diesel::insert_into(audit_log::table).values(rows);
    both!(conn, |c| insert.execute(c))?;
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
    ) -> StoreResult<()> {
        self.write(Entry::new(role, account, action).on_case(case_ref))
            .await
    }

    /// Writes `entry` and returns once it is committed.
    pub async fn write(&self, entry: Entry) -> StoreResult<()> {
        self.queue(entry).await?.committed().await
    }

    /// Hands `entry` to the writer and returns at once: the request can make its answer
    /// while the row is gathered and committed, and then waits for [`QueuedRow::committed`]
    /// before it answers. (The status lookup made its answer after the wait, on memory gone
    /// cold meanwhile: measured back to back, made before it, 6 % more lookups per second.)
    pub async fn queue(&self, entry: Entry) -> StoreResult<QueuedRow> {
        let (committed, done) = oneshot::channel();
        let pending = Pending {
            at: now(),
            entry,
            committed,
        };
        self.queue
            .send(Queued::Row(pending))
            .await
            .map_err(|_| StoreError::AuditStopped)?;
        Ok(QueuedRow(done))
    }
}

/// An audit row on its way to the database (see [`AuditWriter::queue`]).
#[must_use = "a request answers only once its audit row is committed"]
pub struct QueuedRow(oneshot::Receiver<Result<(), Arc<str>>>);

impl QueuedRow {
    /// Returns once the row is committed, or says why it was not.
    pub async fn committed(self) -> StoreResult<()> {
        self.0
            .await
            .map_err(|_| StoreError::AuditStopped)?
            .map_err(StoreError::Audit)
    }
}

impl AuditWriter {
    /// Returns once every row queued before this call is written (or failed; the request
    /// that queued it heard so).
    pub async fn flush(&self) {
        let (done, written) = oneshot::channel();
        if self.queue.send(Queued::Flush(done)).await.is_ok() {
            let _ = written.await;
        }
    }
}

/// Writes one audit row inside a transaction: for changes, whose row must commit (or not)
/// together with the change itself.
pub fn record_in(
    conn: &mut Conn,
    role: Role,
    account: Option<i64>,
    action: Action,
    case_ref: Option<&str>,
) -> StoreResult<()> {
    insert(conn, &[NewRow::now(role, account, action, case_ref, None)])
}

/// Writes one audit row about an account, organisation or team (`subject`, e.g.
/// `account/12`) inside the transaction of the change it records.
pub fn record_about_in(
    conn: &mut Conn,
    role: Role,
    account: Option<i64>,
    action: Action,
    subject: &str,
) -> StoreResult<()> {
    insert(
        conn,
        &[NewRow::now(role, account, action, None, Some(subject))],
    )
}

/// Writes `entry` inside the caller's transaction.
pub fn write_in(conn: &mut Conn, entry: &Entry) -> StoreResult<()> {
    insert(conn, &[NewRow::of(now(), entry)])
}

/// Writes one audit row on a case with the reason its actor gave (a break-the-glass read,
/// a reassignment), inside the transaction of what it records.
pub fn record_with_reason_in(
    conn: &mut Conn,
    role: Role,
    account: Option<i64>,
    action: Action,
    case_ref: &str,
    reason: &str,
) -> StoreResult<()> {
    let mut row = NewRow::now(role, account, action, Some(case_ref), None);
    row.reason = Some(reason.to_owned());
    insert(conn, &[row])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_its_own_key_and_reads_back() {
        let mut keys: Vec<&str> = Action::ALL.iter().map(|a| a.as_str()).collect();
        for action in Action::ALL {
            assert_eq!(Action::parse(action.as_str()), Some(action));
        }
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(
            keys.len(),
            Action::ALL.len(),
            "a key used twice, or an action listed twice"
        );
    }
}
