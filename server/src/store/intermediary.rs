//! Invitations for an intermediair (a bewindvoerder, a belastingadviseur) to add documents to
//! one case. The link's token opens a session once; the session works until the invitation
//! expires or the helper revokes it. Tokens are stored hashed.

use model::document::IntermediaryInvitation;
use model::domain::Date;
use sqlx::Row;

use super::StoreError;
use crate::clock::now;
use crate::crypto::{random_token, sha256_hex};
use crate::store::db::Db;

fn date_of(seconds: i64) -> Result<Date, StoreError> {
    crate::clock::date_of(seconds).ok_or_else(|| StoreError::Corrupt("date out of range".into()))
}

/// Makes an invitation and returns it with its token (shown once, in the link).
pub async fn create(
    db: &Db,
    case_id: i64,
    account: i64,
    label: &str,
    expires_at: i64,
) -> Result<(IntermediaryInvitation, String), StoreError> {
    let token = random_token(24)?;
    let row = sqlx::query(
        "INSERT INTO intermediary_invitations (case_id, token_hash, label, created_by, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(case_id)
    .bind(sha256_hex(&token))
    .bind(label)
    .bind(account)
    .bind(now())
    .bind(expires_at)
    .fetch_one(db.pool())
    .await?;
    Ok((
        IntermediaryInvitation {
            id: row.try_get("id")?,
            naam: label.to_owned(),
            geldig_tot: date_of(expires_at)?,
            gebruikt: false,
            ingetrokken: false,
            link: None,
        },
        token,
    ))
}

pub async fn list(db: &Db, case_id: i64) -> Result<Vec<IntermediaryInvitation>, StoreError> {
    let rows = sqlx::query(
        "SELECT id, label, expires_at, used_at, revoked_at FROM intermediary_invitations \
         WHERE case_id = $1 ORDER BY id",
    )
    .bind(case_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| {
            Ok(IntermediaryInvitation {
                id: row.try_get("id")?,
                naam: row.try_get("label")?,
                geldig_tot: date_of(row.try_get("expires_at")?)?,
                gebruikt: row.try_get::<Option<i64>, _>("used_at")?.is_some(),
                ingetrokken: row.try_get::<Option<i64>, _>("revoked_at")?.is_some(),
                link: None,
            })
        })
        .collect()
}

/// Revokes an invitation of this case; false when there is none.
pub async fn revoke(db: &Db, case_id: i64, id: i64) -> Result<bool, StoreError> {
    let result = sqlx::query(
        "UPDATE intermediary_invitations SET revoked_at = $1 WHERE id = $2 AND case_id = $3 AND revoked_at IS NULL",
    )
    .bind(now())
    .bind(id)
    .bind(case_id)
    .execute(db.pool())
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Uses the token once: opens a session and returns its token and CSRF token. `None` when the
/// token is unknown, used, revoked or expired (all answer alike).
pub async fn open_session(db: &Db, token: &str) -> Result<Option<(String, String)>, StoreError> {
    let at = now();
    let row = sqlx::query(
        "UPDATE intermediary_invitations SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL \
         AND revoked_at IS NULL AND expires_at > $1 RETURNING id",
    )
    .bind(at)
    .bind(sha256_hex(token))
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let invitation: i64 = row.try_get("id")?;
    let session = random_token(32)?;
    let csrf = random_token(32)?;
    sqlx::query(
        "INSERT INTO intermediary_sessions (token_hash, invitation_id, csrf_token, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(sha256_hex(&session))
    .bind(invitation)
    .bind(&csrf)
    .bind(at)
    .execute(db.pool())
    .await?;
    Ok(Some((session, csrf)))
}

/// A live intermediair session.
pub struct IntermediarySession {
    pub invitation_id: i64,
    pub case_id: i64,
    pub label: String,
    pub expires_at: i64,
    pub csrf_token: String,
}

impl IntermediarySession {
    pub fn valid_until(&self) -> Result<Date, StoreError> {
        date_of(self.expires_at)
    }
}

/// The session behind a token, while its invitation still works.
pub async fn session(db: &Db, token_hash: &str) -> Result<Option<IntermediarySession>, StoreError> {
    let row = sqlx::query(
        "SELECT i.id, i.case_id, i.label, i.expires_at, s.csrf_token FROM intermediary_sessions s \
         JOIN intermediary_invitations i ON i.id = s.invitation_id \
         WHERE s.token_hash = $1 AND i.revoked_at IS NULL AND i.expires_at > $2",
    )
    .bind(token_hash)
    .bind(now())
    .fetch_optional(db.pool())
    .await?;
    row.map(|row| {
        Ok(IntermediarySession {
            invitation_id: row.try_get("id")?,
            case_id: row.try_get("case_id")?,
            label: row.try_get("label")?,
            expires_at: row.try_get("expires_at")?,
            csrf_token: row.try_get("csrf_token")?,
        })
    })
    .transpose()
}
