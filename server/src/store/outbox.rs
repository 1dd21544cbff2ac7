//! The notification outbox: e-mails wait here until the mail job sends them. The texts hold
//! no personal data (fiscal secrecy: mail passes servers we do not control): the case
//! reference, the new state in plain words, and where to read more after signing in.

use model::lifecycle::{CaseEvent, CaseStatus, Role};
use sqlx::Row;

use super::cases::CaseRow;
use super::StoreError;
use super::Tx;
use crate::clock::now;
use crate::store::db::Db;

/// An e-mail claimed for sending.
#[derive(Debug, Clone)]
pub struct Mail {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub attempts: i64,
}

/// Sends no more after this many failures; the row stays for a person to look at.
pub const MAX_ATTEMPTS: i64 = 8;

async fn enqueue(
    tx: &mut Tx,
    case_ref: &str,
    recipient: &str,
    subject: &str,
    body: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO outbox (case_ref, recipient, subject, body, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(case_ref)
    .bind(recipient)
    .bind(subject)
    .bind(body)
    .bind(now())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Queues the mails for a step on a case: to the helper who sent it (unless they took the
/// step themselves), and to the citizen when they left an e-mail address and the step was
/// the Belangenbehartiger's (the citizen's own answers need no mail).
///
/// Written in the step's own transaction: a step that commits has its mails, one that does
/// not has none.
pub(crate) async fn notify_step_in(
    tx: &mut Tx,
    case: &CaseRow,
    event: CaseEvent,
    to: CaseStatus,
    public_url: &str,
) -> Result<(), StoreError> {
    let reference = &case.reference;
    let subject = format!("Nieuws over zaak {reference}");
    let footer =
        "Dit bericht is automatisch verstuurd door Bondgenoot. U kunt er niet op antwoorden.";
    if event.actor() != Role::Hulpverlener {
        let helper: Option<String> = sqlx::query(
            "SELECT a.email FROM cases c JOIN accounts a ON a.id = c.created_by WHERE c.id = $1",
        )
        .bind(case.id)
        .fetch_optional(&mut **tx)
        .await?
        .map(|row| row.try_get("email"))
        .transpose()?;
        if let Some(address) = helper {
            let body = format!(
                "Er is nieuws over zaak {reference}.\n\nDe zaak staat nu op: {}.\n\n\
                 Lees wat er is gebeurd, en waarom: {public_url}/zaken/{reference}\n\n{footer}\n",
                to.title()
            );
            enqueue(tx, reference, &address, &subject, &body).await?;
        }
    }
    let citizen = case
        .submission
        .as_ref()
        .and_then(|s| s.burger_email.as_ref())
        .map(|e| e.as_str().to_owned());
    if let (Some(address), Role::Behandelaar) = (citizen, event.actor()) {
        let body = format!(
            "Er is nieuws over uw zaak {reference}.\n\nUw zaak staat nu op: {}.\n\n\
             Kijk op {public_url}/status met uw zaaknummer en uw persoonlijke code.\n\n{footer}\n",
            to.title()
        );
        enqueue(tx, reference, &address, &subject, &body).await?;
    }
    Ok(())
}

/// Claims the oldest mail that is due, for `lease` seconds. A compare-and-set on
/// `claimed_until`: of several instances, one wins each row.
pub async fn claim(db: &Db, lease: i64) -> Result<Option<Mail>, StoreError> {
    let at = now();
    let candidate = sqlx::query(
        "SELECT id FROM outbox WHERE sent_at IS NULL AND attempts < $1 \
         AND (claimed_until IS NULL OR claimed_until < $2) ORDER BY id LIMIT 1",
    )
    .bind(MAX_ATTEMPTS)
    .bind(at)
    .fetch_optional(db.pool())
    .await?;
    let Some(candidate) = candidate else {
        return Ok(None);
    };
    let id: i64 = candidate.try_get("id")?;
    let claimed = sqlx::query(
        "UPDATE outbox SET claimed_until = $1 WHERE id = $2 AND sent_at IS NULL \
         AND (claimed_until IS NULL OR claimed_until < $3) \
         RETURNING id, recipient, subject, body, attempts",
    )
    .bind(at + lease)
    .bind(id)
    .bind(at)
    .fetch_optional(db.pool())
    .await?;
    claimed
        .map(|row| {
            Ok(Mail {
                id: row.try_get("id")?,
                recipient: row.try_get("recipient")?,
                subject: row.try_get("subject")?,
                body: row.try_get("body")?,
                attempts: row.try_get("attempts")?,
            })
        })
        .transpose()
}

pub async fn mark_sent(db: &Db, id: i64) -> Result<(), StoreError> {
    sqlx::query("UPDATE outbox SET sent_at = $1, last_error = NULL WHERE id = $2")
        .bind(now())
        .bind(id)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// A failed try: wait longer after each one (1, 2, 4… minutes) before the next.
pub async fn mark_failed(db: &Db, mail: &Mail, error: &str) -> Result<(), StoreError> {
    let wait = 60 * (1_i64 << mail.attempts.clamp(0, 6));
    sqlx::query(
        "UPDATE outbox SET attempts = attempts + 1, last_error = $1, claimed_until = $2 WHERE id = $3",
    )
    .bind(error)
    .bind(now() + wait)
    .bind(mail.id)
    .execute(db.pool())
    .await?;
    Ok(())
}
