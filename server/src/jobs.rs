//! Background jobs. They keep no state in the server: every run reads the database, and
//! each change is a compare-and-set, so several server instances may run them at once.

use std::time::Duration;

use model::consent::step_messages;
use model::lifecycle::{CaseEvent, CaseStatus, Role};

use crate::db::{now, Db};
use crate::error::ApiError;
use crate::mail::Mailer;
use crate::store::audit::{self, Action};
use crate::store::cases::{self, Step};
use crate::store::{consent, outbox};

/// How often consent expiry runs.
const EXPIRY_EVERY: Duration = Duration::from_secs(15 * 60);
/// How often the outbox is sent.
const MAIL_EVERY: Duration = Duration::from_secs(10);

/// Starts the jobs; they run as long as the server does.
pub fn start(db: Db, public_url: String, mailer: Option<Mailer>) {
    let expiry_db = db.clone();
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(EXPIRY_EVERY);
        loop {
            ticks.tick().await;
            match expire_unanswered_consent(&expiry_db, now(), &public_url).await {
                Ok(0) => {}
                Ok(count) => tracing::info!(count, "cases lapsed without consent"),
                Err(err) => tracing::error!(error = %err, "consent expiry job failed"),
            }
        }
    });
    if let Some(mailer) = mailer {
        tokio::spawn(async move {
            let mut ticks = tokio::time::interval(MAIL_EVERY);
            loop {
                ticks.tick().await;
                match mailer.send_due(&db).await {
                    Ok(0) => {}
                    Ok(count) => tracing::info!(count, "mails sent"),
                    Err(err) => tracing::error!(error = %err, "mail job failed"),
                }
            }
        });
    }
}

/// Cases whose citizen did not answer within [`CaseStatus::CONSENT_DAYS`] lapse
/// (`Vervallen`), with a plain message to the helper. Returns how many lapsed.
pub async fn expire_unanswered_consent(
    db: &Db,
    at: i64,
    public_url: &str,
) -> Result<usize, ApiError> {
    let deadline = at - CaseStatus::CONSENT_DAYS * 24 * 3600;
    let event = CaseEvent::ToestemmingVerlopen;
    let (message_helper, message_citizen) =
        step_messages(event).ok_or_else(|| ApiError::Internal("no text for expiry".into()))?;
    let mut lapsed = 0;
    for id in consent::unanswered_before(db, deadline).await? {
        let Some(case) = cases::by_id(db, id).await? else {
            continue;
        };
        let Ok(to) = case.status.apply(event, Role::Systeem) else {
            continue;
        };
        let step = Step {
            role: Role::Systeem,
            account: None,
            event,
            message_helper,
            message_citizen,
            datum: None,
        };
        // False when the citizen answered at this very moment: their answer stands.
        if cases::transition(db, &case, to, step, None).await? {
            audit::record(
                db,
                Role::Systeem,
                None,
                Action::ConsentExpired,
                Some(&case.reference),
            )
            .await?;
            outbox::notify_step(db, &case, event, to, public_url).await?;
            lapsed += 1;
        }
    }
    Ok(lapsed)
}
