//! Consent links, the citizen's answers, their personal access code and their sessions.
//! Codes are stored only as hashes: a copy of the database gives nobody access.

use model::consent::{Besluit, Code, ConsentText, Wijze};
use sqlx::Row;

use super::StoreError;
use super::Tx;
use crate::clock::now;
use crate::crypto::{random_u64, sha256_hex};
use crate::store::accounts::Lifetime;
use crate::store::cases::{case_from, CaseRow};
use crate::store::db::Db;

/// Wrong dates of birth after which a consent link stops working.
pub const MAX_BIRTH_DATE_FAILURES: i64 = 5;
/// A citizen's session ends after this long without a request…
pub const CITIZEN_IDLE_SECONDS: i64 = 30 * 60;
/// …and in any case this long after signing in.
pub const CITIZEN_ABSOLUTE_SECONDS: i64 = 4 * 3600;

/// A consent link as stored.
#[derive(Debug, Clone)]
pub struct Invitation {
    pub id: i64,
    pub case_id: i64,
    pub expires_at: i64,
    pub used: bool,
    pub revoked: bool,
    pub failures: i64,
}

/// Makes a new link for the case and revokes the older ones that were not used, so only
/// the newest link a helper handed over works.
pub async fn create_invitation(
    db: &Db,
    case_id: i64,
    account_id: i64,
    expires_at: i64,
) -> Result<Code, StoreError> {
    let at = now();
    for _ in 0..5 {
        let code = Code::from_random(random_u64()?);
        let mut tx = db.pool().begin().await?;
        sqlx::query(
            "UPDATE consent_invitations SET revoked_at = $1 \
             WHERE case_id = $2 AND used_at IS NULL AND revoked_at IS NULL",
        )
        .bind(at)
        .bind(case_id)
        .execute(&mut *tx)
        .await?;
        let inserted = sqlx::query(
            "INSERT INTO consent_invitations (case_id, code_hash, created_by, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(case_id)
        .bind(sha256_hex(code.as_str()))
        .bind(account_id)
        .bind(at)
        .bind(expires_at)
        .execute(&mut *tx)
        .await;
        match inserted {
            Ok(_) => {
                tx.commit().await?;
                return Ok(code);
            }
            Err(sqlx::Error::Database(err)) if err.is_unique_violation() => continue,
            Err(err) => return Err(err.into()),
        }
    }
    Err(StoreError::NoFreeReference)
}

pub async fn invitation_by_code(db: &Db, code: &Code) -> Result<Option<Invitation>, StoreError> {
    let row = sqlx::query(
        "SELECT id, case_id, expires_at, used_at, revoked_at, failures \
         FROM consent_invitations WHERE code_hash = $1",
    )
    .bind(sha256_hex(code.as_str()))
    .fetch_optional(db.pool())
    .await?;
    row.map(|row| {
        Ok(Invitation {
            id: row.try_get("id")?,
            case_id: row.try_get("case_id")?,
            expires_at: row.try_get("expires_at")?,
            used: row.try_get::<Option<i64>, _>("used_at")?.is_some(),
            revoked: row.try_get::<Option<i64>, _>("revoked_at")?.is_some(),
            failures: row.try_get("failures")?,
        })
    })
    .transpose()
}

/// Counts a guess at the date of birth before it is compared, unless the link's guesses are
/// used up (one conditional UPDATE: parallel guesses cannot all pass). False: locked.
pub async fn reserve_birth_date_guess(db: &Db, invitation_id: i64) -> Result<bool, StoreError> {
    let row = sqlx::query(
        "UPDATE consent_invitations SET failures = failures + 1 WHERE id = $1 AND failures < $2 \
         RETURNING failures",
    )
    .bind(invitation_id)
    .bind(MAX_BIRTH_DATE_FAILURES)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.is_some())
}

/// The guess was right: it does not count as a failure.
pub async fn release_birth_date_guess(db: &Db, invitation_id: i64) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE consent_invitations SET failures = failures - 1 WHERE id = $1 AND failures > 0",
    )
    .bind(invitation_id)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Marks the link used; false when it already was (two answers at once: the first wins).
pub async fn use_invitation(tx: &mut Tx, invitation_id: i64) -> Result<bool, StoreError> {
    let result = sqlx::query(
        "UPDATE consent_invitations SET used_at = $1 WHERE id = $2 AND used_at IS NULL",
    )
    .bind(now())
    .bind(invitation_id)
    .execute(&mut **tx)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// The answer, with the version and scope of the text that was shown and how it was given.
pub async fn record_decision(
    tx: &mut Tx,
    case_id: i64,
    decision: Besluit,
    text: &ConsentText,
    method: Wijze,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO consents (case_id, decision, text_version, scope, method, decided_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(case_id)
    .bind(decision.as_str())
    .bind(text.version)
    .bind(text.scope)
    .bind(method.as_str())
    .bind(now())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn record_withdrawal(tx: &mut Tx, case_id: i64) -> Result<(), StoreError> {
    sqlx::query("UPDATE consents SET withdrawn_at = $1 WHERE case_id = $2")
        .bind(now())
        .bind(case_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The stored consent record, for staff and tests: (decision, text version, method, withdrawn).
pub async fn decision(
    db: &Db,
    case_id: i64,
) -> Result<Option<(String, String, String, bool)>, StoreError> {
    let row = sqlx::query(
        "SELECT decision, text_version, method, withdrawn_at FROM consents WHERE case_id = $1",
    )
    .bind(case_id)
    .fetch_optional(db.pool())
    .await?;
    row.map(|row| {
        Ok((
            row.try_get("decision")?,
            row.try_get("text_version")?,
            row.try_get("method")?,
            row.try_get::<Option<i64>, _>("withdrawn_at")?.is_some(),
        ))
    })
    .transpose()
}

pub async fn set_access_code(tx: &mut Tx, case_id: i64, code_hash: &str) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO citizen_access (case_id, code_hash, created_at) VALUES ($1, $2, $3)")
        .bind(case_id)
        .bind(code_hash)
        .bind(now())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The case id and argon2 hash of the access code for a case reference, if it has one.
pub async fn access_code_hash(
    db: &Db,
    reference: &str,
) -> Result<Option<(i64, String)>, StoreError> {
    let row = sqlx::query(
        "SELECT c.id, a.code_hash FROM cases c JOIN citizen_access a ON a.case_id = c.id \
         WHERE c.reference = $1",
    )
    .bind(reference)
    .fetch_optional(db.pool())
    .await?;
    row.map(|row| Ok((row.try_get("id")?, row.try_get("code_hash")?)))
        .transpose()
}

pub async fn create_citizen_session(
    db: &Db,
    token_hash: &str,
    case_id: i64,
    csrf_token: &str,
) -> Result<(), StoreError> {
    let at = now();
    sqlx::query(
        "INSERT INTO citizen_sessions (token_hash, case_id, csrf_token, created_at, last_seen_at) \
         VALUES ($1, $2, $3, $4, $4)",
    )
    .bind(token_hash)
    .bind(case_id)
    .bind(csrf_token)
    .bind(at)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// A live citizen session, with the case it opens and the name of the helper organisation
/// that sent it.
pub struct CitizenSession {
    pub case: CaseRow,
    pub organisation: String,
    pub csrf_token: String,
}

/// The citizen's session with its case, in one query: the status page asks for it on every
/// load, and each query is a round trip to a database thread. Touches the session; an
/// expired one is removed.
pub async fn citizen_session(
    db: &Db,
    token_hash: &str,
) -> Result<Option<CitizenSession>, StoreError> {
    let row = sqlx::query(
        "SELECT c.*, s.csrf_token, s.created_at AS session_created_at, \
         s.last_seen_at AS session_last_seen_at, o.name AS organisation_name \
         FROM citizen_sessions s JOIN cases c ON c.id = s.case_id \
         JOIN organisations o ON o.id = c.organisation_id WHERE s.token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let lifetime = Lifetime {
        table: "citizen_sessions",
        idle: CITIZEN_IDLE_SECONDS,
        absolute: CITIZEN_ABSOLUTE_SECONDS,
    };
    let created = row.try_get("session_created_at")?;
    let last_seen = row.try_get("session_last_seen_at")?;
    if !lifetime
        .keep_alive(db, token_hash, created, last_seen)
        .await?
    {
        return Ok(None);
    }
    Ok(Some(CitizenSession {
        case: case_from(&row)?,
        organisation: row.try_get("organisation_name")?,
        csrf_token: row.try_get("csrf_token")?,
    }))
}

pub async fn delete_citizen_session(db: &Db, token_hash: &str) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM citizen_sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Cases whose citizen did not answer before the deadline: (case id) of every case still
/// waiting for consent that was submitted before `submitted_before`.
pub async fn unanswered_before(db: &Db, submitted_before: i64) -> Result<Vec<i64>, StoreError> {
    let rows = sqlx::query(
        "SELECT id FROM cases WHERE status_key = 'wacht_op_toestemming' AND submitted_at < $1",
    )
    .bind(submitted_before)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(|row| Ok(row.try_get("id")?)).collect()
}
