//! Storage, one module per table group. Queries are Diesel's, checked at compile time
//! against [`schema`], and run on SQLite and PostgreSQL alike ([`db::Conn`]). This layer knows nothing of HTTP: it returns [`StoreError`], and the HTTP layer
//! decides what a client is told.

pub mod accounts;
pub mod assignment;
pub mod attempts;
pub mod audit;
pub mod audit_log;
pub mod beheer;
pub mod cases;
mod checkpoint;
pub mod conn;
pub mod consent;
pub mod db;
pub mod documents;
pub mod facets;
pub mod feedback;
pub mod figures;
pub mod help;
pub mod intermediary;
pub mod inzage;
pub mod message_mail;
pub mod message_writer;
pub mod messages;
pub mod monitoring;
pub mod outbox;
pub mod own_account;
mod queued_mail;
mod read_here;
pub mod retention;
pub mod signals;

pub mod schema;
pub mod two_factor;
pub mod worklist;

use crate::crypto::CryptoError;

/// Why storage failed. The cause chain is kept (`source()`), for the log.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A unique value (an e-mail address, a reference) is already taken.
    #[error("unique value already taken")]
    UniqueViolation(#[source] diesel::result::Error),
    #[error("database")]
    Database(#[source] diesel::result::Error),
    #[error("no database connection")]
    Pool(#[from] diesel::r2d2::PoolError),
    /// A read-only connection for [`db::Db::read_here`] could not be opened.
    #[error("cannot open a connection: {0}")]
    Open(String),
    /// [`db::Db::close`] was called: the server is shutting down.
    #[error("the database is closed")]
    Closed,
    /// The blocking thread that ran the query ended without an answer (it panicked).
    #[error("the database worker stopped")]
    WorkerGone,
    /// A stored value this version cannot read (a role, a state, JSON).
    #[error("stored value unreadable: {0}")]
    Corrupt(String),
    #[error("stored JSON unreadable")]
    Json(#[from] serde_json::Error),
    #[error("making a secret")]
    Crypto(#[from] CryptoError),
    #[error("the audit writer has stopped")]
    AuditStopped,
    #[error("writing the audit batch: {0}")]
    Audit(std::sync::Arc<str>),
    #[error("no free random reference or code after 5 tries")]
    NoFreeReference,
}

impl From<diesel::result::Error> for StoreError {
    fn from(err: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind, Error};
        match err {
            Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => {
                StoreError::UniqueViolation(err)
            }
            _ => StoreError::Database(err),
        }
    }
}

impl StoreError {
    pub fn is_unique_violation(&self) -> bool {
        matches!(self, StoreError::UniqueViolation(_))
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

pub use conn::Conn;

/// JSON of a stored document-like value (a draft, a submission).
pub(crate) fn json<T: serde::Serialize>(value: &T) -> StoreResult<String> {
    Ok(serde_json::to_string(value)?)
}

pub(crate) fn parse<T: serde::de::DeserializeOwned>(text: &str) -> StoreResult<T> {
    Ok(serde_json::from_str(text)?)
}

/// A role read back from a row.
pub(crate) fn role_of(text: &str) -> StoreResult<model::lifecycle::Role> {
    model::lifecycle::Role::parse(text)
        .ok_or_else(|| StoreError::Corrupt(format!("unknown role {text}")))
}
