//! Background jobs. They keep no state in the server: every run reads the database, and
//! each change is a compare-and-set, so several server instances may run them at once.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use tokio::task::JoinSet;
use tokio::time::Instant;

use model::lifecycle::{CaseEvent, CaseStatus};

use crate::clock::now;
use crate::documents::DocumentStore;
use crate::mail::Mailer;
use crate::measure;
use crate::stopping::Stopping;
use crate::store::db::Db;
use crate::store::{cases, consent, message_mail, monitoring, outbox, retention, StoreError};
use crate::telemetry::chain;
use crate::workflow::{Actor, StepTexts, Workflow, WorkflowError};

/// How often consent expiry runs.
const EXPIRY_EVERY: Duration = Duration::from_secs(15 * 60);
/// How often files that no document row names are looked for.
const SWEEP_EVERY: Duration = Duration::from_secs(3600);
/// How often retention runs: abandoned drafts, the destruction list, approved destructions.
const RETENTION_EVERY: Duration = Duration::from_secs(24 * 3600);
/// How often the monitoring rules run over the audit log.
const MONITOR_EVERY: Duration = Duration::from_secs(5 * 60);
/// How often the outbox is sent (besides at once when this instance queued a mail).
const MAIL_EVERY: Duration = Duration::from_secs(10);
/// Digests of new messages: a reader hears within a minute (or the digest window, when that
/// is shorter), and at most once per window.
const MESSAGE_DIGEST_EVERY: Duration = Duration::from_secs(60);

/// The running jobs. Each waits for its next tick or for the instance to stop; a run that
/// has begun is finished first.
pub struct Jobs {
    running: JoinSet<()>,
    stopping: Arc<Stopping>,
}

impl Jobs {
    /// Every `period` (the first run at `first`), runs `run` until stopping begins; `run`
    /// logs what it did and says whether it went well (counted per job in `measure`).
    fn every<F, Fut>(&mut self, job: &'static str, first: Instant, period: Duration, mut run: F)
    where
        F: FnMut() -> Fut + Send + 'static,
        Fut: Future<Output = bool> + Send,
    {
        let stopping = self.stopping.clone();
        self.running.spawn(async move {
            let mut ticks = tokio::time::interval_at(first, period);
            loop {
                tokio::select! {
                    biased;
                    () = stopping.begun() => break,
                    _ = ticks.tick() => measure::job_ran(job, run().await),
                }
            }
        });
    }

    /// Waits until every job has finished its run and stopped (after stopping began).
    pub async fn finish(mut self) {
        while self.running.join_next().await.is_some() {}
    }
}

/// Starts the jobs; they run until `stopping` begins.
pub fn start(
    workflow: Workflow,
    db: Db,
    mailer: Option<Mailer>,
    documents: Arc<DocumentStore>,
    digest_window: i64,
    stopping: Arc<Stopping>,
) -> Jobs {
    let mut jobs = Jobs {
        running: JoinSet::new(),
        stopping,
    };
    let at_once = Instant::now();
    let (sweep_db, sweep_files) = (db.clone(), documents.clone());
    jobs.every("sweep", at_once, SWEEP_EVERY, move || {
        let (db, files) = (sweep_db.clone(), sweep_files.clone());
        async move {
            match sweep_documents(&db, &files).await {
                Ok(0) => true,
                Ok(count) => {
                    tracing::info!(count, "document files without a record removed");
                    true
                }
                Err(err) => {
                    tracing::error!(error = %err, "document sweep failed");
                    false
                }
            }
        }
    });
    let (retention_db, retention_files) = (db.clone(), documents.clone());
    let retention_url: Arc<str> = workflow.public_url().into();
    jobs.every("retention", at_once, RETENTION_EVERY, move || {
        let (db, files, url) = (
            retention_db.clone(),
            retention_files.clone(),
            retention_url.clone(),
        );
        async move {
            match run_retention(&db, &files, now(), &url).await {
                Ok(run) if run == RetentionRun::default() => true,
                Ok(run) => {
                    tracing::info!(
                        drafts = run.drafts_deleted,
                        proposed = run.proposed,
                        destroyed = run.destroyed,
                        "retention ran"
                    );
                    true
                }
                Err(err) => {
                    tracing::error!(error = %chain(&err), "retention job failed");
                    false
                }
            }
        }
    });
    let monitor_db = db.clone();
    let monitor_url: Arc<str> = workflow.public_url().into();
    jobs.every("monitoring", at_once, MONITOR_EVERY, move || {
        let (db, url) = (monitor_db.clone(), monitor_url.clone());
        async move {
            let run = db
                .transaction(move |conn| monitoring::evaluate_in(conn, now(), &url))
                .await;
            match run {
                Ok(0) => true,
                Ok(count) => {
                    tracing::info!(count, "access alerts raised");
                    true
                }
                Err(err) => {
                    tracing::error!(error = %chain(&err), "monitoring job failed");
                    false
                }
            }
        }
    });
    // The first digest one tick after start, not with the other jobs' first runs.
    let digest_every = MESSAGE_DIGEST_EVERY.min(Duration::from_secs(digest_window.unsigned_abs()));
    let digest_db = db.clone();
    let digest_url: Arc<str> = workflow.public_url().into();
    jobs.every(
        "message_digest",
        at_once + digest_every,
        digest_every,
        move || {
            let (db, url) = (digest_db.clone(), digest_url.clone());
            async move {
                let run = db
                    .transaction(move |conn| {
                        message_mail::send_due_in(conn, now(), digest_window, &url)
                    })
                    .await;
                match run {
                    Ok(0) => true,
                    Ok(count) => {
                        tracing::info!(count, "message mails queued");
                        true
                    }
                    Err(err) => {
                        tracing::error!(error = %chain(&err), "message mail job failed");
                        false
                    }
                }
            }
        },
    );
    let expiry_db = db.clone();
    let expiry_workflow = workflow.clone();
    jobs.every("expiry", at_once, EXPIRY_EVERY, move || {
        let (db, workflow) = (expiry_db.clone(), expiry_workflow.clone());
        async move {
            match expire_unanswered_consent(&workflow, &db, now()).await {
                Ok(0) => true,
                Ok(count) => {
                    tracing::info!(count, "cases lapsed without consent");
                    true
                }
                Err(err) => {
                    tracing::error!(error = %chain(&err), "consent expiry job failed");
                    false
                }
            }
        }
    });
    if let Some(mailer) = mailer {
        let stopping = jobs.stopping.clone();
        // Not `every`: besides its tick, this one wakes when this instance queued a mail (the
        // tick is for retries and for mails that other instances queued).
        jobs.running.spawn(async move {
            let mut ticks = tokio::time::interval(MAIL_EVERY);
            loop {
                tokio::select! {
                    biased;
                    () = stopping.begun() => break,
                    _ = ticks.tick() => {}
                    () = db.mail_queued() => {}
                }
                let sent = mailer.send_due(&db).await;
                measure::job_ran("mail", sent.is_ok());
                match sent {
                    Ok(0) => {}
                    Ok(count) => tracing::info!(count, "mails sent"),
                    Err(err) => tracing::error!(error = %chain(&err), "mail job failed"),
                }
            }
        });
    }
    jobs
}

/// Removes stored files that no document row names (left by a crash between a deletion's
/// commit and the file's removal, or an upload cut off after its file was kept). Returns
/// how many went.
pub async fn sweep_documents(db: &Db, documents: &DocumentStore) -> Result<usize, String> {
    let known = crate::store::documents::all_ids(db)
        .await
        .map_err(|err| chain(&err))?;
    documents.sweep(&known).await.map_err(|err| err.to_string())
}

/// Cases whose citizen did not answer within [`CaseStatus::CONSENT_DAYS`] lapse
/// (`Vervallen`), with a plain message to the helper. Returns how many lapsed.
pub async fn expire_unanswered_consent(
    workflow: &Workflow,
    db: &Db,
    at: i64,
) -> Result<usize, WorkflowError> {
    let deadline = at - CaseStatus::CONSENT_DAYS * 24 * 3600;
    let event = CaseEvent::ToestemmingVerlopen;
    let mut lapsed = 0;
    for id in consent::unanswered_before(db, deadline).await? {
        let Some(case) = cases::by_id(db, id).await? else {
            continue;
        };
        match workflow
            .run(&case, event, Actor::system(), StepTexts::OfEvent, None)
            .await
        {
            Ok(_) => lapsed += 1,
            // The citizen answered at this very moment (or another instance was first):
            // their answer stands.
            Err(WorkflowError::ChangedMeanwhile | WorkflowError::Refused(_)) => {}
            Err(other) => return Err(other),
        }
    }
    Ok(lapsed)
}

/// What one run of the retention job did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct RetentionRun {
    pub drafts_deleted: usize,
    pub proposed: usize,
    pub destroyed: usize,
}

/// Retention at `at` (`store::retention`): deletes drafts nobody changed for the draft
/// term, puts ended cases whose archiefactiedatum passed on the destruction list (and mails
/// the beheerders when there are new ones), and destroys approved cases whose waiting period
/// is over. Each case in a transaction of its own; files go after its commit (a crash in
/// between leaves them to the sweep).
pub async fn run_retention(
    db: &Db,
    documents: &DocumentStore,
    at: i64,
    public_url: &str,
) -> Result<RetentionRun, StoreError> {
    let mut run = RetentionRun::default();
    let drafts = db
        .run(move |conn| retention::abandoned_drafts_in(conn, at))
        .await?;
    run.drafts_deleted = delete_each(db, documents, drafts, move |conn, id| {
        retention::delete_abandoned_draft_in(conn, id, at)
    })
    .await?;
    let public_url = public_url.to_owned();
    run.proposed = db
        .transaction(move |conn| {
            let proposed = retention::propose_due_in(conn, at)?;
            if proposed > 0 {
                outbox::mail_beheerders_in(conn, || match model::lang::current() {
                    model::Lang::Nl => (
                        "Bondgenoot: zaken op de vernietigingslijst".to_owned(),
                        format!(
                            "Er staan {proposed} zaken op de vernietigingslijst. Hun bewaartermijn is voorbij.\n\n\
                             Keur ze goed, of houd een zaak langer met een reden: {public_url}/beheer/vernietiging\n\n{}\n",
                            outbox::footer()
                        ),
                    ),
                    model::Lang::En => (
                        "Bondgenoot: cases on the destruction list".to_owned(),
                        format!(
                            "There are {proposed} cases on the destruction list. Their retention period has passed.\n\n\
                             Approve them, or keep a case longer with a reason: {public_url}/beheer/vernietiging\n\n{}\n",
                            outbox::footer()
                        ),
                    ),
                })?;
            }
            Ok::<_, StoreError>(proposed)
        })
        .await?;
    let approved = db
        .run(move |conn| retention::approved_due_in(conn, at))
        .await?;
    run.destroyed = delete_each(db, documents, approved, move |conn, id| {
        retention::destroy_in(conn, id, at)
    })
    .await?;
    Ok(run)
}

/// Runs `delete` for each case of `ids` in a transaction of its own, and after each commit
/// removes the document files it names. Returns how many it deleted (`None`: no longer due).
async fn delete_each<F>(
    db: &Db,
    documents: &DocumentStore,
    ids: Vec<i64>,
    delete: F,
) -> Result<usize, StoreError>
where
    F: Fn(&mut crate::store::Conn, i64) -> Result<Option<Vec<String>>, StoreError>
        + Clone
        + Send
        + 'static,
{
    let mut deleted = 0;
    for id in ids {
        let delete = delete.clone();
        if let Some(files) = db.transaction(move |conn| delete(conn, id)).await? {
            for file in files {
                documents.remove(&file).await;
            }
            deleted += 1;
        }
    }
    Ok(deleted)
}
