//! SQLite's write-ahead log is copied back into the database file by a thread of its own.
//!
//! By default the connection whose commit makes the log pass 1,000 pages does that copy, and
//! its two disk flushes, before its commit returns. Under load that connection is the audit
//! writer, so every request waiting for its audit row waits for the flushes too — and on a
//! shared disk one flush now and then takes 150 ms (measured: p99 of the status lookup 250–500
//! ms in one run of five). So no commit checkpoints (`wal_autocheckpoint = 0`), and this thread
//! does: a passive checkpoint never waits for readers or the writer.
//!
//! A passive checkpoint cannot make the log start over from its beginning (only a writer that
//! begins after a complete copy can, and under load the writer never waits that long), so a
//! log that has grown past [`RESTART_PAGES`] is first copied until little is left, and then
//! restarted by a `RESTART` checkpoint: that one holds writers back, but only for the last few
//! pages and the flushes (about a millisecond, once every few seconds of heavy writing).

use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use diesel::prelude::*;
use diesel::r2d2::{ConnectionManager, Pool};
use diesel::sql_types::BigInt;

use super::conn::Conn;

/// How often the log is copied back when it is small.
const EVERY: Duration = Duration::from_millis(200);
/// A log this long (pages of 4 KB: 16 MB) is made to start over.
const RESTART_PAGES: i64 = 4_096;
/// Pages a restarting checkpoint may still have to copy while writers wait.
const RESTART_LEFT: i64 = 256;
/// The pause between passive checkpoints while a long log is being caught up with.
const CATCHING_UP: Duration = Duration::from_millis(2);

#[derive(QueryableByName)]
struct Checkpointed {
    #[diesel(sql_type = BigInt)]
    log: i64,
    #[diesel(sql_type = BigInt)]
    checkpointed: i64,
}

/// Keeps the checkpoint thread running; when the last copy is dropped the thread makes one
/// last checkpoint and ends.
pub struct Checkpointer {
    _running: mpsc::Sender<()>,
}

impl Checkpointer {
    pub fn start(pool: Pool<ConnectionManager<Conn>>) -> std::io::Result<Checkpointer> {
        let (running, stopped) = mpsc::channel::<()>();
        std::thread::Builder::new()
            .name("wal-checkpoint".into())
            .spawn(move || {
                let mut pause = EVERY;
                loop {
                    let last = matches!(
                        stopped.recv_timeout(pause),
                        Err(RecvTimeoutError::Disconnected)
                    );
                    pause = upkeep(&pool, RESTART_PAGES);
                    if last {
                        break;
                    }
                }
            })?;
        Ok(Checkpointer { _running: running })
    }
}

/// One round: copy the log back, and make it start over when it is long and (nearly) all
/// copied. Returns how long to wait before the next round.
fn upkeep(pool: &Pool<ConnectionManager<Conn>>, restart_pages: i64) -> Duration {
    match checkpoint(pool, "PASSIVE") {
        Ok(c) if c.log < restart_pages => EVERY,
        Ok(c) if c.log - c.checkpointed > RESTART_LEFT => CATCHING_UP,
        Ok(_) => {
            if let Err(err) = checkpoint(pool, "RESTART") {
                tracing::warn!(error = %err, "restart of the write-ahead log failed");
            }
            EVERY
        }
        Err(err) => {
            tracing::warn!(error = %err, "checkpoint of the write-ahead log failed");
            EVERY
        }
    }
}

fn checkpoint(
    pool: &Pool<ConnectionManager<Conn>>,
    mode: &'static str,
) -> Result<Checkpointed, String> {
    let mut conn = pool.get().map_err(|e| e.to_string())?;
    diesel::sql_query(format!("PRAGMA wal_checkpoint({mode})"))
        .get_result::<Checkpointed>(&mut *conn)
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use diesel::connection::SimpleConnection;
    use diesel::r2d2::{ConnectionManager, Pool};

    use super::*;

    /// The pool's settings that matter here (as `db.rs` sets them).
    #[derive(Debug)]
    struct Pragmas;

    impl diesel::r2d2::CustomizeConnection<Conn, diesel::r2d2::Error> for Pragmas {
        fn on_acquire(&self, conn: &mut Conn) -> Result<(), diesel::r2d2::Error> {
            conn.batch_execute(
                "PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; \
                 PRAGMA wal_autocheckpoint = 0;",
            )
            .map_err(diesel::r2d2::Error::QueryError)
        }
    }

    fn pool(dir: &std::path::Path) -> Pool<ConnectionManager<Conn>> {
        let path = dir.join("wal.sqlite");
        let pool = Pool::builder()
            .max_size(5)
            .connection_customizer(Box::new(Pragmas))
            .build(ConnectionManager::<Conn>::new(path.display().to_string()))
            .expect("pool");
        pool.get()
            .expect("connection")
            .batch_execute("CREATE TABLE filler (bytes BLOB NOT NULL);")
            .expect("schema");
        pool
    }

    /// Without checkpoints on commit, only this thread keeps the log from growing for ever,
    /// also under load: a writer that commits a batch every millisecond (the audit writer)
    /// and readers that never stop, so that some reader always holds on to the log.
    /// The test counts commits, not seconds, so a slow machine only makes it take longer.
    #[test]
    fn the_log_stays_short_under_a_steady_writer() {
        use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
        // Each commit adds at least four pages; without restarts the log would hold them all.
        const COMMITS: usize = 1000;
        let dir = tempfile::tempdir().expect("temp dir");
        let pool = pool(dir.path());
        let stop = std::sync::Arc::new(AtomicBool::new(false));
        let commits = std::sync::Arc::new(AtomicUsize::new(0));
        let writer = {
            let (pool, commits) = (pool.clone(), commits.clone());
            std::thread::spawn(move || {
                let mut conn = pool.get().expect("connection");
                for _ in 0..COMMITS {
                    conn.batch_execute(
                        "BEGIN IMMEDIATE; \
                         INSERT INTO filler (bytes) VALUES (zeroblob(3000)), (zeroblob(3000)), \
                         (zeroblob(3000)), (zeroblob(3000)); COMMIT;",
                    )
                    .expect("insert");
                    commits.fetch_add(1, Ordering::Relaxed);
                    std::thread::sleep(Duration::from_millis(1));
                }
            })
        };
        let readers: Vec<_> = (0..2)
            .map(|_| {
                let (pool, stop) = (pool.clone(), stop.clone());
                std::thread::spawn(move || {
                    let mut conn = pool.get().expect("connection");
                    while !stop.load(Ordering::Relaxed) {
                        conn.batch_execute(
                            "SELECT length(bytes) FROM filler ORDER BY rowid DESC LIMIT 1",
                        )
                        .expect("read");
                    }
                })
            })
            .collect();
        let mut longest = 0;
        while commits.load(Ordering::Relaxed) < COMMITS {
            std::thread::sleep(upkeep(&pool, 512).min(Duration::from_millis(20)));
            longest = longest.max(checkpoint(&pool, "PASSIVE").expect("checkpoint").log);
        }
        writer.join().expect("writer");
        stop.store(true, Ordering::Relaxed);
        for reader in readers {
            reader.join().expect("reader");
        }
        assert!(
            longest < 4 * 512,
            "the log grew to {longest} pages over {COMMITS} commits"
        );
    }

    /// A short log is copied back but left to grow, and the next round comes after a pause.
    #[test]
    fn a_short_log_is_only_copied_back() {
        let dir = tempfile::tempdir().expect("temp dir");
        let pool = pool(dir.path());
        let mut conn = pool.get().expect("connection");
        for _ in 0..50 {
            conn.batch_execute("INSERT INTO filler (bytes) VALUES (zeroblob(4000))")
                .expect("insert");
        }
        assert_eq!(upkeep(&pool, RESTART_PAGES), EVERY);
        let after = checkpoint(&pool, "PASSIVE").expect("checkpoint");
        assert_eq!(after.checkpointed, after.log);
        assert!(after.log >= 50);
    }
}
