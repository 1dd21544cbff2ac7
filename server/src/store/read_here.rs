//! Short reads on SQLite, run on the request's own thread.
//!
//! A unit of work normally goes to a blocking thread ([`super::db::Db::run`]): the hand-off
//! there and back (a wake-up of a sleeping thread, and one of the request's) cost the status
//! lookup about as much as its five reads. A read of a handful of rows found by key takes a
//! few microseconds in SQLite's WAL mode, where a reader never waits for the writer; so such a
//! read may as well run where the request already is.
//!
//! These connections are not the pool's: they can only read (`query_only`), so a unit of work
//! here can never take the write lock and make the request's thread wait for it; and there is
//! one per thread that reads at the same moment, so taking one never waits either.

use std::sync::Mutex;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;

use super::conn::Conn;
use super::{StoreError, StoreResult};

/// The read-only connections of one SQLite database, idle between reads.
pub struct ReadHere {
    path: String,
    idle: Mutex<Vec<Conn>>,
}

impl ReadHere {
    pub fn new(path: String) -> ReadHere {
        ReadHere {
            path,
            idle: Mutex::default(),
        }
    }

    /// Runs `work` at once on this thread, in one read transaction (so it sees the
    /// database at one moment).
    pub fn read<T>(&self, work: impl FnOnce(&mut Conn) -> StoreResult<T>) -> StoreResult<T> {
        let taken = self.idle.lock().ok().and_then(|mut idle| idle.pop());
        let mut conn = match taken {
            Some(conn) => conn,
            None => self.open()?,
        };
        let done = conn.transaction(work);
        if let Ok(mut idle) = self.idle.lock() {
            idle.push(conn);
        }
        done
    }

    fn open(&self) -> StoreResult<Conn> {
        let mut conn =
            Conn::establish(&self.path).map_err(|err| StoreError::Open(err.to_string()))?;
        // A reader waits for nothing in WAL mode but a moment in a rare case (another
        // connection recovering the log): never long, on a thread that serves requests.
        conn.batch_execute(
            "PRAGMA query_only = ON; PRAGMA busy_timeout = 250; PRAGMA foreign_keys = ON;",
        )?;
        Ok(conn)
    }
}
