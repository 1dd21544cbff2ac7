//! Limits on guessing a secret (a password, a citizen's access code), counted in the
//! database so every server instance sees the same counts.
//!
//! A guess is **reserved before** the slow check: the key's row is locked and tested with a
//! conditional update, then counted, in one transaction — the row lock (PostgreSQL) or the
//! single writer (SQLite) makes that atomic, so forty parallel guesses get five checks, not
//! forty. After a [`Limit`]'s free guesses each further one blocks the key for a while, twice
//! as long each time (a **growing back-off**, not one long lock). A key's count starts again
//! after [`WINDOW`] without guesses, and a right guess clears it.
//!
//! Anonymous guessing (sign-in, a citizen's access code) is counted three ways at once
//! ([`reserve_from`]): per key *and* client address (strict), per client address over all
//! keys (password spraying), and per key from anywhere (lenient: a distributed attack on one
//! account). So someone who knows a staff address or a case reference cannot lock its owner
//! out from their own address.

use diesel::prelude::*;

use super::conn::both;
use super::db::Db;
use super::schema::attempt_counters as counters;
use super::{Conn, StoreError, StoreResult};
use crate::clock::now;
use crate::crypto::secret_hash;

/// How many guesses are free, and how the back-off after them grows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub free: i64,
    /// Seconds blocked after the last free guess; doubled for every guess after it.
    pub first_block: i64,
    pub longest_block: i64,
}

/// One secret from one client address; also the limit where no address is known (a
/// signed-in person's own password, a second factor).
pub const PER_KEY: Limit = Limit {
    free: 5,
    first_block: 30,
    longest_block: 15 * 60,
};
/// One client address, over all keys.
pub const PER_ADDRESS: Limit = Limit {
    free: 20,
    first_block: 30,
    longest_block: 15 * 60,
};
/// One key, from all addresses together.
pub const PER_KEY_ANYWHERE: Limit = Limit {
    free: 50,
    first_block: 30,
    longest_block: 15 * 60,
};

/// Checks allowed per key before the back-off starts (the strict limit).
pub const MAX_ATTEMPTS: i64 = PER_KEY.free;
/// Seconds without a guess after which a key's count starts again.
pub const WINDOW: i64 = 15 * 60;

/// Whether a guess may be checked now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reservation {
    /// Counted: check the guess.
    Granted,
    /// Blocked for this many more seconds: do not check.
    Refused { retry_after: i64 },
}

impl Reservation {
    pub fn is_refused(self) -> bool {
        matches!(self, Reservation::Refused { .. })
    }
}

impl Limit {
    /// Seconds blocked after the `count`th counted guess (none before the last free one).
    fn block_after(self, count: i64) -> i64 {
        if count < self.free {
            return 0;
        }
        let doublings = u32::try_from((count - self.free).min(20)).unwrap_or(20);
        (self.first_block << doublings).min(self.longest_block)
    }
}

/// Locks `key`'s row (making it if missing, starting it again after [`WINDOW`]) and says
/// for how many seconds it is still blocked.
fn blocked_for_in(conn: &mut Conn, key: &str, at: i64) -> StoreResult<i64> {
    let insert = diesel::insert_into(counters::table)
        .values((
            counters::key_hash.eq(key),
            counters::window_start.eq(at),
            counters::attempts.eq(0),
            counters::blocked_until.eq(0),
        ))
        .on_conflict_do_nothing();
    both!(conn, |c| insert.execute(c))?;
    let this = counters::table.find(key);
    diesel::update(
        this.filter(counters::window_start.le(at - WINDOW))
            .filter(counters::blocked_until.le(at)),
    )
    .set((counters::window_start.eq(at), counters::attempts.eq(0)))
    .execute(conn)?;
    // A no-op update takes the row lock on PostgreSQL: a parallel guess waits here and then
    // sees this one's count and block.
    diesel::update(this)
        .set(counters::attempts.eq(counters::attempts))
        .execute(conn)?;
    let blocked_until: i64 = this.select(counters::blocked_until).first(conn)?;
    Ok((blocked_until - at).max(0))
}

/// Counts one guess at `key` (locked by [`blocked_for_in`]) and blocks it when `limit` says so.
fn count_in(conn: &mut Conn, key: &str, limit: Limit, at: i64) -> StoreResult<()> {
    let this = counters::table.find(key);
    let count: i64 = diesel::update(this)
        .set((
            counters::attempts.eq(counters::attempts + 1),
            counters::window_start.eq(at),
        ))
        .returning(counters::attempts)
        .get_result(conn)?;
    let block = limit.block_after(count);
    if block > 0 {
        diesel::update(this)
            .set(counters::blocked_until.eq(at + block))
            .execute(conn)?;
    }
    Ok(())
}

/// Counts one guess at every key of `keys` (each with its limit), unless one of them is
/// blocked: then none is counted.
async fn reserve_all(db: &Db, keys: Vec<(String, Limit)>) -> StoreResult<Reservation> {
    db.transaction(move |conn| {
        let at = now();
        let mut wait = 0;
        for (key, _) in &keys {
            wait = wait.max(blocked_for_in(conn, key, at)?);
        }
        if wait > 0 {
            return Ok::<_, StoreError>(Reservation::Refused { retry_after: wait });
        }
        for (key, limit) in &keys {
            count_in(conn, key, *limit, at)?;
        }
        Ok(Reservation::Granted)
    })
    .await
}

/// Counts one guess at `key_hash` with the strict limit, where no client address counts (a
/// signed-in person's own password or second factor, password reset mails).
pub async fn reserve(db: &Db, key_hash: &str) -> StoreResult<Reservation> {
    reserve_all(db, vec![(key_hash.to_owned(), PER_KEY)]).await
}

/// The three counters of an anonymous guess at `key` (`what`: which secret, e.g. `inloggen`)
/// from the client address `from`.
fn keys_from(what: &str, key: &str, from: &str) -> [(String, Limit); 3] {
    [
        (secret_hash(&format!("{what}:{key}:{from}")), PER_KEY),
        (secret_hash(&format!("{what}:adres:{from}")), PER_ADDRESS),
        (secret_hash(&format!("{what}:{key}")), PER_KEY_ANYWHERE),
    ]
}

/// Counts one anonymous guess at `key` from the client address `from` (see the module).
pub async fn reserve_from(db: &Db, what: &str, key: &str, from: &str) -> StoreResult<Reservation> {
    reserve_all(db, keys_from(what, key, from).to_vec()).await
}

/// Counts one guess from the client address `from` only, where no key is known yet (a
/// consent link's code: a wrong one names no link).
pub async fn reserve_address(db: &Db, what: &str, from: &str) -> StoreResult<Reservation> {
    let [_, address, _] = keys_from(what, "", from);
    reserve_all(db, vec![address]).await
}

/// Gives the client address `from` back one guess (it was right), lifting the back-off that
/// guess may have started.
fn give_back_in(conn: &mut Conn, address: &(String, Limit)) -> StoreResult<()> {
    let this = || counters::table.find(address.0.clone());
    diesel::update(this().filter(counters::attempts.gt(0)))
        .set(counters::attempts.eq(counters::attempts - 1))
        .execute(conn)?;
    diesel::update(this().filter(counters::attempts.lt(address.1.free)))
        .set(counters::blocked_until.eq(0))
        .execute(conn)?;
    Ok(())
}

/// A right guess counted with [`reserve_address`].
pub async fn give_back_address(db: &Db, what: &str, from: &str) -> StoreResult<()> {
    let [_, address, _] = keys_from(what, "", from);
    db.transaction(move |conn| give_back_in(conn, &address))
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

/// A right anonymous guess: the key's counts start again, and the address's count is given
/// back this one guess (so an office behind one address can sign in all day, while one
/// good sign-in does not wipe out a spraying address's wrong ones).
pub async fn clear_from(db: &Db, what: &str, key: &str, from: &str) -> StoreResult<()> {
    let [pair, address, anywhere] = keys_from(what, key, from);
    db.transaction(move |conn| {
        diesel::delete(counters::table.filter(counters::key_hash.eq_any([pair.0, anywhere.0])))
            .execute(conn)?;
        give_back_in(conn, &address)
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_back_off_starts_after_the_free_guesses_and_doubles_up_to_its_longest() {
        let blocks: Vec<i64> = (1..=12).map(|n| PER_KEY.block_after(n)).collect();
        assert_eq!(blocks, [0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900, 900]);
        assert_eq!(PER_ADDRESS.block_after(19), 0);
        assert_eq!(PER_ADDRESS.block_after(20), 30);
        assert_eq!(PER_KEY.block_after(10_000), 900);
    }
}
