//! Storage, one module per table group. Queries use `$n` placeholders, valid on SQLite and
//! PostgreSQL. This layer knows nothing of HTTP: it returns [`StoreError`], and the HTTP layer
//! decides what a client is told.

pub mod accounts;
pub mod attempts;
pub mod audit;
pub mod cases;
pub mod consent;
pub mod db;
pub mod documents;
pub mod help;
pub mod intermediary;
pub mod messages;
pub mod outbox;

use crate::crypto::CryptoError;

/// Why storage failed. The cause chain is kept (`source()`), for the log.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A unique value (an e-mail address, a reference) is already taken.
    #[error("unique value already taken")]
    UniqueViolation(#[source] sqlx::Error),
    #[error("database")]
    Database(#[source] sqlx::Error),
    /// A stored value this version cannot read (a role, a state, JSON).
    #[error("stored value unreadable: {0}")]
    Corrupt(String),
    #[error("stored JSON unreadable")]
    Json(#[from] serde_json::Error),
    #[error("making a secret")]
    Crypto(#[from] CryptoError),
    #[error("the audit writer has stopped")]
    AuditStopped,
    #[error("writing the audit batch")]
    Audit(#[source] std::sync::Arc<sqlx::Error>),
    #[error("no free random reference or code after 5 tries")]
    NoFreeReference,
}

impl From<sqlx::Error> for StoreError {
    fn from(err: sqlx::Error) -> Self {
        match &err {
            sqlx::Error::Database(db) if db.is_unique_violation() => {
                StoreError::UniqueViolation(err)
            }
            _ => StoreError::Database(err),
        }
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

/// A transaction on either backend.
pub type Tx = sqlx::Transaction<'static, sqlx::Any>;
