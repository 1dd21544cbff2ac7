//! Limits on guessing a secret (a password, a citizen's access code): at most
//! [`MAX_ATTEMPTS`] checks per key in [`WINDOW`] seconds, counted in the database so every
//! server instance sees the same count.
//!
//! A guess is **reserved before** the slow check, with one conditional upsert that either
//! counts it or refuses it; the row lock (PostgreSQL) or the single writer (SQLite) makes that
//! atomic, so forty parallel guesses get five checks, not forty. A right guess clears the key.

use diesel::prelude::*;

use super::conn::both;
use super::db::Db;
use super::schema::attempt_counters as counters;
use super::{StoreError, StoreResult};
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

/// Counts one guess at `key_hash`, unless the window's guesses are used up. In one
/// transaction: the key's row is made if missing, an expired window starts again, and the
/// count goes up only while it is under the limit — a conditional UPDATE, which PostgreSQL
/// re-checks under the row lock and SQLite runs as its single writer.
pub async fn reserve(db: &Db, key_hash: &str) -> StoreResult<Reservation> {
    let key = key_hash.to_owned();
    db.transaction(move |conn| {
        let at = now();
        let insert = diesel::insert_into(counters::table)
            .values((
                counters::key_hash.eq(&key),
                counters::window_start.eq(at),
                counters::attempts.eq(0),
            ))
            .on_conflict_do_nothing();
        both!(conn, |c| insert.execute(c))?;
        let this = counters::table.find(&key);
        diesel::update(this.filter(counters::window_start.le(at - WINDOW)))
            .set((counters::window_start.eq(at), counters::attempts.eq(0)))
            .execute(conn)?;
        let counted = diesel::update(this.filter(counters::attempts.lt(MAX_ATTEMPTS)))
            .set(counters::attempts.eq(counters::attempts + 1))
            .execute(conn)?;
        Ok::<_, StoreError>(if counted == 1 {
            Reservation::Granted
        } else {
            Reservation::Refused
        })
    })
    .await
}

/// A right guess: the count starts again.
pub async fn clear(db: &Db, key_hash: &str) -> StoreResult<()> {
    let key = key_hash.to_owned();
    db.run(move |conn| {
        diesel::delete(counters::table.find(key)).execute(conn)?;
        Ok(())
    })
    .await
}
