//! Organisations, accounts, sessions and the sign-in rate limit.

use model::lifecycle::Role;
use sqlx::Row;

use super::StoreError;
use crate::clock::now;
use crate::store::db::Db;

#[derive(Debug, Clone)]
pub struct Account {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub organisation_id: Option<i64>,
    pub organisation_name: Option<String>,
}

/// A session ends after this long without a request…
pub const IDLE_SECONDS: i64 = 2 * 3600;
/// …and in any case this long after sign-in.
pub const ABSOLUTE_SECONDS: i64 = 12 * 3600;

pub async fn create_organisation(db: &Db, name: &str, is_demo: bool) -> Result<i64, StoreError> {
    let row = sqlx::query(
        "INSERT INTO organisations (name, is_demo, created_at) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(name)
    .bind(i64::from(is_demo))
    .bind(now())
    .fetch_one(db.pool())
    .await?;
    Ok(row.try_get("id")?)
}

pub async fn create_account(
    db: &Db,
    organisation_id: Option<i64>,
    email: &str,
    name: &str,
    role: Role,
    password_hash: &str,
) -> Result<i64, StoreError> {
    let row = sqlx::query(
        "INSERT INTO accounts (organisation_id, email, name, role, password_hash, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(organisation_id)
    .bind(email.to_lowercase())
    .bind(name)
    .bind(role.as_str())
    .bind(password_hash)
    .bind(now())
    .fetch_one(db.pool())
    .await?;
    Ok(row.try_get("id")?)
}

const ACCOUNT_COLUMNS: &str =
    "a.id, a.name, a.email, a.role, a.organisation_id, o.name AS organisation_name";

fn account_from(row: &sqlx::any::AnyRow) -> Result<Account, StoreError> {
    let role: String = row.try_get("role")?;
    Ok(Account {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        email: row.try_get("email")?,
        role: Role::parse(&role)
            .ok_or_else(|| StoreError::Corrupt(format!("unknown role {role}")))?,
        organisation_id: row.try_get("organisation_id")?,
        organisation_name: row.try_get("organisation_name")?,
    })
}

/// The account and its password hash, by e-mail address.
pub async fn by_email(db: &Db, email: &str) -> Result<Option<(Account, String)>, StoreError> {
    let row = sqlx::query(&format!(
        "SELECT {ACCOUNT_COLUMNS}, a.password_hash FROM accounts a \
         LEFT JOIN organisations o ON o.id = a.organisation_id WHERE a.email = $1"
    ))
    .bind(email.trim().to_lowercase())
    .fetch_optional(db.pool())
    .await?;
    row.map(|row| Ok((account_from(&row)?, row.try_get("password_hash")?)))
        .transpose()
}

pub async fn create_session(
    db: &Db,
    token_hash: &str,
    account_id: i64,
    csrf_token: &str,
) -> Result<(), StoreError> {
    let at = now();
    sqlx::query(
        "INSERT INTO sessions (token_hash, account_id, csrf_token, created_at, last_seen_at) \
         VALUES ($1, $2, $3, $4, $4)",
    )
    .bind(token_hash)
    .bind(account_id)
    .bind(csrf_token)
    .bind(at)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// The account behind a live session, and the session's CSRF token. Touches the session, so
/// it stays alive while it is used; an expired one is removed.
pub async fn session(db: &Db, token_hash: &str) -> Result<Option<(Account, String)>, StoreError> {
    let row = sqlx::query(&format!(
        "SELECT {ACCOUNT_COLUMNS}, s.csrf_token, s.created_at, s.last_seen_at FROM sessions s \
         JOIN accounts a ON a.id = s.account_id \
         LEFT JOIN organisations o ON o.id = a.organisation_id WHERE s.token_hash = $1"
    ))
    .bind(token_hash)
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let lifetime = Lifetime {
        table: "sessions",
        idle: IDLE_SECONDS,
        absolute: ABSOLUTE_SECONDS,
    };
    let (created, last_seen) = (row.try_get("created_at")?, row.try_get("last_seen_at")?);
    if !lifetime
        .keep_alive(db, token_hash, created, last_seen)
        .await?
    {
        return Ok(None);
    }
    Ok(Some((account_from(&row)?, row.try_get("csrf_token")?)))
}

pub async fn delete_session(db: &Db, token_hash: &str) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// How long rows of a session table live. One rule for every kind of session: expired rows
/// are removed; live ones are touched at most once a minute (a write per request would
/// serialise readers on SQLite).
pub struct Lifetime {
    /// A table with `token_hash`, `created_at` and `last_seen_at`.
    pub table: &'static str,
    pub idle: i64,
    pub absolute: i64,
}

impl Lifetime {
    /// Whether the session made at `created` and last seen at `last_seen` is alive; removes
    /// it when it is not.
    pub async fn keep_alive(
        &self,
        db: &Db,
        token_hash: &str,
        created: i64,
        last_seen: i64,
    ) -> Result<bool, StoreError> {
        let at = now();
        let table = self.table;
        if at - last_seen > self.idle || at - created > self.absolute {
            sqlx::query(&format!("DELETE FROM {table} WHERE token_hash = $1"))
                .bind(token_hash)
                .execute(db.pool())
                .await?;
            return Ok(false);
        }
        if at - last_seen >= 60 {
            sqlx::query(&format!(
                "UPDATE {table} SET last_seen_at = $1 WHERE token_hash = $2"
            ))
            .bind(at)
            .bind(token_hash)
            .execute(db.pool())
            .await?;
        }
        Ok(true)
    }
}
