//! The database: an SQLite file in the data directory by default (WAL, foreign keys, busy
//! timeout), or PostgreSQL when `--database-url postgres://…` is given. Queries are Diesel's,
//! checked against [`super::schema`] and run on either backend through [`Conn`]; only the
//! migrations differ in dialect.
//!
//! Connections are blocking. A request's whole unit of work (its reads and writes) runs in
//! **one** [`Db::run`] call: one hand-off to a blocking thread per request, not one per query.
//! A short read by key on SQLite may skip even that hand-off ([`Db::read_here`]).

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::r2d2::{ConnectionManager, CustomizeConnection, Pool};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};
use tokio::sync::{Notify, Semaphore};

use super::checkpoint::Checkpointer;
use super::conn::Conn;
use super::queued_mail;
use super::read_here::ReadHere;
use super::{StoreError, StoreResult};
use crate::store::audit::AuditWriter;

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("cannot create data directory {path}: {source}")]
    DataDir {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot connect: {0}")]
    Pool(#[from] diesel::r2d2::PoolError),
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("migration failed: {0}")]
    Migrate(String),
    #[error("unsupported database URL (use sqlite:// or postgres://)")]
    UnsupportedUrl,
    #[error("cannot start a thread: {0}")]
    Thread(std::io::Error),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

type Manager = ConnectionManager<Conn>;

#[derive(Clone)]
pub struct Db {
    pool: Pool<Manager>,
    /// SQLite only: the thread that copies the write-ahead log back into the file.
    _checkpointer: Option<Arc<Checkpointer>>,
    backend: Backend,
    audit: AuditWriter,
    /// Set by [`Db::close`]: no new work starts (shutting down).
    closed: Arc<AtomicBool>,
    /// One permit per pooled connection. A unit of work waits here, as a task, before it
    /// takes a blocking thread: threads beyond the pool's size would only wait for a
    /// connection (and wake each other up) instead of working.
    slots: Arc<Semaphore>,
    /// Woken when a unit of work that queued a mail has committed (see [`Db::mail_queued`]).
    mail_queued: Arc<Notify>,
    /// SQLite only: read-only connections for [`Db::read_here`].
    here: Option<Arc<ReadHere>>,
}

const SQLITE: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Every SQLite connection, when the pool opens it: write-ahead log (readers do not wait for
/// the writer), foreign keys on, and a writer waits up to 5 s for the lock instead of failing.
/// No commit copies the log back into the file ([`super::checkpoint`] does, on a thread of
/// its own), and a log that grew under load is cut back to 64 MB once it starts over.
#[derive(Debug)]
struct SqlitePragmas;

impl CustomizeConnection<Conn, diesel::r2d2::Error> for SqlitePragmas {
    fn on_acquire(&self, conn: &mut Conn) -> Result<(), diesel::r2d2::Error> {
        if let Conn::Sqlite(c) = conn {
            c.batch_execute(
                "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                 PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; \
                 PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = 67108864;",
            )
            .map_err(diesel::r2d2::Error::QueryError)?;
        }
        Ok(())
    }
}

fn pool(target: &str, size: u32) -> Result<Pool<Manager>, DbError> {
    Ok(Pool::builder()
        .max_size(size)
        // Opened as load needs them, not all at start (r2d2 would open and wait for
        // every one of them before the server could answer anything).
        .min_idle(Some(2))
        // No `SELECT 1` before every checkout: a broken connection shows as a failed
        // query, and the pool then drops it (`has_broken`).
        .test_on_check_out(false)
        .connection_timeout(Duration::from_secs(10))
        .connection_customizer(Box::new(SqlitePragmas))
        .build(ConnectionManager::<Conn>::new(target))?)
}

impl Db {
    /// Opens (or creates) `bondgenoot.sqlite` in `dir` and brings its schema up to date.
    pub async fn open_in_dir(dir: &Path) -> Result<Self, DbError> {
        std::fs::create_dir_all(dir).map_err(|source| DbError::DataDir {
            path: dir.display().to_string(),
            source,
        })?;
        let path = dir.join("bondgenoot.sqlite");
        Db::connect(&format!("sqlite://{}", path.display())).await
    }

    /// Connects to `sqlite://…` or `postgres://…` and runs the migrations.
    pub async fn connect(url: &str) -> Result<Self, DbError> {
        Db::connect_migrating_as(url, None).await
    }

    /// [`Db::connect`], where on PostgreSQL the migrations run as `owner` (a URL of the role
    /// that owns the schema) and the server's own role — the one in `url` — is then granted
    /// what it needs and no more: on the audit log only SELECT and INSERT, so not even a
    /// bug in the server can change or remove a row of it.
    pub async fn connect_migrating_as(url: &str, owner: Option<&str>) -> Result<Self, DbError> {
        let (backend, target) = if let Some(path) = url.strip_prefix("sqlite://") {
            // Diesel's SQLite takes a file name; `?mode=rwc` was sqlx's way to say "create".
            let path = path.split('?').next().unwrap_or(path);
            (Backend::Sqlite, path.to_owned())
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            (Backend::Postgres, url.to_owned())
        } else {
            return Err(DbError::UnsupportedUrl);
        };
        // SQLite: one writer at a time anyway; readers run side by side (WAL).
        let size: u32 = if backend == Backend::Sqlite { 8 } else { 16 };
        let owner = owner.map(str::to_owned);
        let here = (backend == Backend::Sqlite).then(|| Arc::new(ReadHere::new(target.clone())));
        let pool = tokio::task::spawn_blocking(move || -> Result<_, DbError> {
            let pool = pool(&target, size)?;
            let mut conn = pool.get()?;
            match (backend, owner) {
                (Backend::Postgres, Some(owner)) => {
                    let mut owner =
                        Conn::establish(&owner).map_err(|err| DbError::Migrate(err.to_string()))?;
                    // The grants too: PostgreSQL refuses two GRANTs on one table at the same
                    // time ("tuple concurrently updated").
                    exclusively(&mut owner, backend, |owner| {
                        migrate(owner, backend)?;
                        grant_server_role(owner, &mut conn)
                    })?;
                }
                _ => exclusively(&mut conn, backend, |conn| migrate(conn, backend))?,
            }
            Ok(pool)
        })
        .await
        .map_err(|err| DbError::Migrate(err.to_string()))??;
        let audit = AuditWriter::start(pool.clone()).map_err(DbError::Thread)?;
        let checkpointer = match backend {
            Backend::Sqlite => Some(Arc::new(
                Checkpointer::start(pool.clone()).map_err(DbError::Thread)?,
            )),
            Backend::Postgres => None,
        };
        Ok(Db {
            pool,
            _checkpointer: checkpointer,
            backend,
            audit,
            closed: Arc::default(),
            // The audit writer holds one connection at times; the rest are for requests.
            slots: Arc::new(Semaphore::new(size as usize - 1)),
            mail_queued: Arc::default(),
            here,
        })
    }

    /// Runs one unit of work on a pooled connection, on a blocking thread. Put all of a
    /// request's queries in one call: each call is a thread hand-off.
    pub async fn run<T, F>(&self, work: F) -> StoreResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Conn) -> StoreResult<T> + Send + 'static,
    {
        if self.closed.load(Ordering::Relaxed) {
            return Err(StoreError::Closed);
        }
        let _slot = self.slots.acquire().await.map_err(|_| StoreError::Closed)?;
        let pool = self.pool.clone();
        let done = tokio::task::spawn_blocking(crate::trace::carry(move || {
            queued_mail::take();
            let done = pool
                .get()
                .map_err(StoreError::from)
                .and_then(|mut conn| work(&mut conn));
            (done, queued_mail::take())
        }))
        .await
        .map_err(|_| StoreError::WorkerGone)?;
        self.wake_mail_job(done)
    }

    /// A short read: a handful of rows found by key, never one whose size grows with the
    /// data, and no writes (refused). On SQLite it runs at once on this thread, in one read
    /// transaction (see [`super::read_here`]); on PostgreSQL, whose reads go over the
    /// network, it is [`Db::run`].
    pub async fn read_here<T, F>(&self, work: F) -> StoreResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Conn) -> StoreResult<T> + Send + 'static,
    {
        match &self.here {
            Some(_) if self.closed.load(Ordering::Relaxed) => Err(StoreError::Closed),
            Some(here) => here.read(work),
            None => self.run(work).await,
        }
    }

    /// [`Db::run`] inside one transaction: all of it commits, or none of it.
    pub async fn transaction<T, E, F>(&self, work: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + From<diesel::result::Error> + Send + 'static,
        F: FnOnce(&mut Conn) -> Result<T, E> + Send + 'static,
    {
        if self.closed.load(Ordering::Relaxed) {
            return Err(StoreError::Closed.into());
        }
        let _slot = self.slots.acquire().await.map_err(|_| StoreError::Closed)?;
        let pool = self.pool.clone();
        let done = tokio::task::spawn_blocking(crate::trace::carry(move || {
            queued_mail::take();
            let done = match pool.get() {
                Ok(mut pooled) => write_transaction(&mut pooled, work),
                Err(err) => Err(StoreError::from(err).into()),
            };
            (done, queued_mail::take())
        }))
        .await
        .map_err(|_| StoreError::WorkerGone)?;
        self.wake_mail_job(done)
    }

    /// Passes a unit of work's result on, and wakes the mail job when that work committed a
    /// mail (a failed one rolled its mail back).
    fn wake_mail_job<T, E>(&self, (done, queued): (Result<T, E>, bool)) -> Result<T, E> {
        if queued && done.is_ok() {
            self.mail_queued.notify_one();
        }
        done
    }

    /// Resolves when a mail was queued since the last time it resolved (a mail queued while
    /// nobody waits is remembered), for the mail job.
    pub async fn mail_queued(&self) {
        self.mail_queued.notified().await
    }

    /// Starts no more work: every later call answers [`StoreError::Closed`] (and the health
    /// check says the database is gone). For shutting down.
    pub fn close(&self) {
        self.closed.store(true, Ordering::Relaxed);
    }

    /// Pooled connections: (open, of which in use).
    pub fn pool_use(&self) -> (u32, u32) {
        let state = self.pool.state();
        (
            state.connections,
            state.connections - state.idle_connections,
        )
    }

    /// Where audit rows go (see [`crate::store::audit::AuditWriter::record`]).
    pub fn audit(&self) -> &AuditWriter {
        &self.audit
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// A round trip to the database, for the health check.
    pub async fn ping(&self) -> StoreResult<()> {
        use super::schema::meta::dsl::*;
        self.run(|conn| {
            meta.filter(key.eq("schema"))
                .select(value)
                .first::<String>(conn)?;
            Ok(())
        })
        .await
    }
}

/// A transaction that may write. On SQLite it begins `IMMEDIATE`, taking the write lock at
/// once (waiting for it up to the busy timeout): a deferred one that read first and then
/// writes fails at once with "database is locked" when another connection committed in
/// between, and no busy timeout helps (seen in CI: an invitation refused with a 500 while the
/// mailer marked mails sent). PostgreSQL's ordinary transaction needs no such care.
fn write_transaction<T, E, F>(conn: &mut Conn, work: F) -> Result<T, E>
where
    E: From<diesel::result::Error>,
    F: FnOnce(&mut Conn) -> Result<T, E>,
{
    use diesel::connection::{AnsiTransactionManager, TransactionManager};
    type Manager = <Conn as diesel::Connection>::TransactionManager;
    match conn {
        Conn::Sqlite(inner) => {
            AnsiTransactionManager::begin_transaction_sql(inner, "BEGIN IMMEDIATE")?
        }
        Conn::Pg(_) => Manager::begin_transaction(conn)?,
    }
    match work(conn) {
        Ok(value) => {
            Manager::commit_transaction(conn)?;
            Ok(value)
        }
        Err(error) => match Manager::rollback_transaction(conn) {
            Ok(()) | Err(diesel::result::Error::BrokenTransactionManager) => Err(error),
            Err(rollback) => Err(rollback.into()),
        },
    }
}

#[derive(QueryableByName)]
struct Version {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    version: i64,
}

#[derive(QueryableByName)]
struct Present {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

#[derive(QueryableByName)]
struct RoleName {
    #[diesel(sql_type = diesel::sql_types::Text)]
    name: String,
}

/// As the schema's owner, grants the server's role (the one `server` is connected as) what
/// it needs: every row of every table to read and write, except the audit log and the
/// destruction report — SELECT and INSERT only — and the migration history, which it only reads. Idempotent.
fn grant_server_role(owner: &mut Conn, server: &mut Conn) -> Result<(), DbError> {
    let role = diesel::sql_query("SELECT current_user::text AS name")
        .get_result::<RoleName>(server)
        .map_err(StoreError::from)?
        .name;
    let role = format!("\"{}\"", role.replace('"', "\"\""));
    owner
        .batch_execute(&format!(
            "GRANT USAGE ON SCHEMA public TO {role};\
             GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role};\
             GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role};\
             REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM {role};\
             REVOKE UPDATE, DELETE, TRUNCATE ON destruction_report FROM {role};\
             REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON __diesel_schema_migrations FROM {role};"
        ))
        .map_err(StoreError::from)?;
    Ok(())
}

/// Any number that no other advisory lock on the database uses.
const MIGRATION_LOCK: i64 = 0x00B0_6D6E_0074;

/// Runs `work` (migrations, grants) while no other instance does: instances started together
/// on one PostgreSQL database take turns, the first migrates, the others wait and find
/// nothing left to do. SQLite's own write lock does this there.
fn exclusively(
    conn: &mut Conn,
    backend: Backend,
    work: impl FnOnce(&mut Conn) -> Result<(), DbError>,
) -> Result<(), DbError> {
    let lock = |sql: &str, conn: &mut Conn| {
        diesel::sql_query(sql)
            .bind::<diesel::sql_types::BigInt, _>(MIGRATION_LOCK)
            .execute(conn)
            .map_err(|err| DbError::Migrate(format!("migration lock: {err}")))
    };
    if backend == Backend::Postgres {
        lock("SELECT pg_advisory_lock($1)", conn)?;
    }
    let done = work(conn);
    if backend == Backend::Postgres {
        lock("SELECT pg_advisory_unlock($1)", conn)?;
    }
    done
}

/// Brings the schema up to date. A database made by a release before typed storage kept
/// its migrations in sqlx's `_sqlx_migrations`; those are carried over to Diesel's table
/// first, so they are not run twice.
fn migrate(conn: &mut Conn, backend: Backend) -> Result<(), DbError> {
    adopt_sqlx_history(conn, backend).and_then(|()| {
        let migrations = match backend {
            Backend::Sqlite => SQLITE,
            Backend::Postgres => POSTGRES,
        };
        conn.run_pending_migrations(migrations)
            .map(drop)
            .map_err(|err| DbError::Migrate(err.to_string()))
    })
}

fn adopt_sqlx_history(conn: &mut Conn, backend: Backend) -> Result<(), DbError> {
    let exists = match backend {
        Backend::Sqlite => {
            "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'"
        }
        Backend::Postgres => {
            "SELECT COUNT(*) AS n FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_name = '_sqlx_migrations'"
        }
    };
    let found = diesel::sql_query(exists)
        .get_result::<Present>(conn)
        .map_err(StoreError::from)?;
    if found.n == 0 {
        return Ok(());
    }
    conn.transaction(|conn| {
        let applied = diesel::sql_query(
            "SELECT version FROM _sqlx_migrations WHERE success ORDER BY version",
        )
        .load::<Version>(conn)?;
        conn.batch_execute(
            "CREATE TABLE IF NOT EXISTS __diesel_schema_migrations (\
             version VARCHAR(50) PRIMARY KEY NOT NULL, \
             run_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)",
        )?;
        for Version { version } in applied {
            // The folders are named 0001_…: Diesel's version is the part before the `_`.
            conn.batch_execute(&format!(
                "INSERT INTO __diesel_schema_migrations (version) VALUES ('{version:04}')"
            ))?;
        }
        conn.batch_execute("DROP TABLE _sqlx_migrations")
    })
    .map_err(StoreError::from)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use diesel::prelude::*;

    use super::Db;

    /// A transaction that reads, then writes, while another connection commits in between:
    /// both commit (the second waits for the lock instead of failing at once).
    #[tokio::test]
    async fn a_write_transaction_that_read_first_is_not_refused_by_a_commit_in_between() {
        use diesel::connection::SimpleConnection;
        let dir = tempfile::tempdir().expect("temp dir");
        let db = Db::open_in_dir(dir.path()).await.expect("open");
        let path = dir.path().join("bondgenoot.sqlite");
        let result = db
            .transaction(move |conn| {
                conn.batch_execute("SELECT COUNT(*) FROM meta")?;
                let other = std::thread::spawn(move || {
                    let mut other = diesel::SqliteConnection::establish(&path.display().to_string())
                        .expect("second connection");
                    other
                        .batch_execute("PRAGMA busy_timeout = 5000; INSERT INTO meta (key, value) VALUES ('b', '1')")
                        .map_err(|e| e.to_string())
                });
                std::thread::sleep(std::time::Duration::from_millis(200));
                conn.batch_execute("INSERT INTO meta (key, value) VALUES ('a', '1')")?;
                Ok::<_, crate::store::StoreError>(other)
            })
            .await
            .expect("the first transaction commits");
        result
            .join()
            .expect("thread")
            .expect("the second write commits after it");
    }

    /// A short read on the request's thread sees what was committed a moment before, and
    /// cannot write: its connection is read-only, so it never waits for the write lock.
    #[tokio::test]
    async fn a_read_here_sees_the_last_commit_and_cannot_write() {
        use crate::store::schema::meta::dsl::*;
        let dir = tempfile::tempdir().expect("temp dir");
        let db = Db::open_in_dir(dir.path()).await.expect("open");
        let read = || {
            db.read_here(|conn| {
                Ok(meta
                    .filter(key.eq("proef"))
                    .select(value)
                    .first::<String>(conn)
                    .optional()?)
            })
        };
        assert_eq!(read().await.expect("read"), None);
        db.transaction(|conn| {
            diesel::insert_into(meta)
                .values((key.eq("proef"), value.eq("een")))
                .execute(conn)
                .map_err(super::StoreError::from)
        })
        .await
        .expect("written");
        assert_eq!(read().await.expect("read"), Some("een".to_owned()));
        let write = db
            .read_here(|conn| {
                Ok(diesel::update(meta.filter(key.eq("proef")))
                    .set(value.eq("twee"))
                    .execute(conn)?)
            })
            .await;
        assert!(write.is_err(), "a read here wrote: {write:?}");
        assert_eq!(read().await.expect("read"), Some("een".to_owned()));
    }

    /// The bundled SQLite is built as `.cargo/config.toml` says. Without the query planner
    /// stability guarantee every query with a bound LIMIT is recompiled on each run.
    #[tokio::test]
    async fn sqlite_is_built_with_the_flags_the_pool_relies_on() {
        #[derive(QueryableByName)]
        struct Opt {
            #[diesel(sql_type = diesel::sql_types::Text)]
            compile_options: String,
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let db = Db::open_in_dir(dir.path()).await.expect("open");
        let options: Vec<String> = db
            .run(|conn| {
                Ok(diesel::sql_query("PRAGMA compile_options")
                    .load::<Opt>(conn)?
                    .into_iter()
                    .map(|o| o.compile_options)
                    .collect())
            })
            .await
            .expect("compile options");
        for wanted in ["ENABLE_QPSG", "THREADSAFE=2", "DEFAULT_MEMSTATUS=0"] {
            assert!(
                options.iter().any(|o| o == wanted),
                "{wanted} missing: {options:?}"
            );
        }
        for unwanted in ["ENABLE_STAT4", "ENABLE_MEMORY_MANAGEMENT"] {
            assert!(
                !options.iter().any(|o| o.starts_with(unwanted)),
                "{unwanted} present: {options:?}"
            );
        }
    }

    /// Both folders hold the same migrations by name (so the same versions); that their
    /// contents make the same schema is `tests/api/schema.rs`'s to check.
    #[test]
    fn both_dialects_have_the_same_migrations() {
        let names = |dir: &str| {
            let mut names: Vec<String> = std::fs::read_dir(dir)
                .expect("migrations folder")
                .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
                .collect();
            names.sort();
            names
        };
        let dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
        let sqlite = names(&format!("{dir}/migrations/sqlite"));
        assert!(sqlite.len() >= 21, "the migrations folder is read");
        assert_eq!(sqlite, names(&format!("{dir}/migrations/postgres")));
    }
}
