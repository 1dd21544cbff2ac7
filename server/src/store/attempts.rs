//! Limits on guessing a secret (a password, a citizen's access code): at most
//! [`MAX_ATTEMPTS`] checks per key in [`WINDOW`] seconds, counted in the database so every
//! server instance sees the same count.
//!
//! A guess is **reserved before** the slow check, with one conditional upsert that either
//! counts it or refuses it; the row lock (PostgreSQL) or the single writer (SQLite) makes that
//! atomic, so forty parallel guesses get five checks, not forty. A right guess clears the key.

use sqlx::Row;

use super::db::Db;
use super::StoreError;
use crate::clock::now;

/// Checks allowed per key within [`WINDOW`].
pub const MAX_ATTEMPTS: i64 = 5;
/// Seconds a window lasts, from its first guess.
pub const WINDOW: i64 = 15 * 60;

/// Whether a guess may be checked now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reservation {
    /// Counted: check the guess.
    Granted,
    /// Too many guesses in this window: do not check.
    Refused,
}

/// Counts one guess at `key_hash`, unless the window's guesses are used up.
pub async fn reserve(db: &Db, key_hash: &str) -> Result<Reservation, StoreError> {
    let at = now();
    let expired = at - WINDOW;
    let row = sqlx::query(
        "INSERT INTO attempt_counters (key_hash, window_start, attempts) VALUES ($1, $2, 1) \
         ON CONFLICT (key_hash) DO UPDATE SET \
           attempts = CASE WHEN attempt_counters.window_start <= $3 THEN 1 \
                      ELSE attempt_counters.attempts + 1 END, \
           window_start = CASE WHEN attempt_counters.window_start <= $3 THEN $2 \
                          ELSE attempt_counters.window_start END \
         WHERE attempt_counters.window_start <= $3 OR attempt_counters.attempts < $4 \
         RETURNING attempts",
    )
    .bind(key_hash)
    .bind(at)
    .bind(expired)
    .bind(MAX_ATTEMPTS)
    .fetch_optional(db.pool())
    .await?;
    Ok(match row {
        Some(row) if row.try_get::<i64, _>("attempts")? <= MAX_ATTEMPTS => Reservation::Granted,
        _ => Reservation::Refused,
    })
}

/// A right guess: the count starts again.
pub async fn clear(db: &Db, key_hash: &str) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM attempt_counters WHERE key_hash = $1")
        .bind(key_hash)
        .execute(db.pool())
        .await?;
    Ok(())
}
