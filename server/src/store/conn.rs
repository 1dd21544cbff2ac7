//! One connection type for both databases. Queries written once with Diesel's DSL run on
//! either; where a statement exists per backend only, [`both!`] writes it once and compiles it
//! for each.

/// A connection to either database. Queries written once with Diesel's DSL run on both;
/// where a statement is dialect-specific (an upsert, a locking read), [`both!`] writes it
/// once and compiles it for each.
#[derive(diesel::MultiConnection)]
pub enum Conn {
    Sqlite(diesel::SqliteConnection),
    Pg(diesel::PgConnection),
}

/// Runs the same Diesel code on the concrete connection inside a [`Conn`], for statements
/// that only exist per backend (`ON CONFLICT`, `RETURNING`, `FOR UPDATE SKIP LOCKED`).
macro_rules! both {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            $crate::store::conn::Conn::Sqlite($c) => $body,
            $crate::store::conn::Conn::Pg($c) => $body,
        }
    };
}
pub(crate) use both;
