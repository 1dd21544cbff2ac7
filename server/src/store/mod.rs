//! SQL, one module per table group. Queries use `$n` placeholders, valid on SQLite and PostgreSQL.

pub mod accounts;
pub mod audit;
pub mod cases;
pub mod consent;
pub mod documents;
pub mod intermediary;
pub mod messages;
pub mod outbox;
