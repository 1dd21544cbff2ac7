//! Backup and restore of an installation on SQLite (`bondgenoot-server backup --to DIR`,
//! `restore --from DIR`): the database as one consistent copy (`VACUUM INTO`, safe while the
//! server runs and writes: it reads one snapshot), then exactly the document files that copy
//! names. Files are never changed once stored, so copying them after the snapshot is safe; a
//! file deleted in between (its row was deleted after the snapshot) is reported, not fatal.
//! For PostgreSQL the README gives `pg_dump`; the files are copied the same way.

use std::path::{Path, PathBuf};

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::Text;

use crate::store::schema::documents;

/// The database file in a data directory and in a backup.
const DATABASE: &str = "bondgenoot.sqlite";
/// The document files beside it.
const DOCUMENTS: &str = "documenten";

/// What a backup or restore copied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub documents: usize,
    /// Document files the copied database names but that were gone.
    pub missing: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0}")]
    Refused(String),
    #[error("{what} {path}: {source}")]
    Io {
        what: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("database: {0}")]
    Database(#[from] diesel::result::Error),
    #[error("opening the database: {0}")]
    Open(#[from] diesel::ConnectionError),
}

fn io(what: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> BackupError {
    let path = path.to_owned();
    move |source| BackupError::Io { what, path, source }
}

#[derive(QueryableByName)]
struct Check {
    #[diesel(sql_type = Text)]
    integrity_check: String,
}

fn open(path: &Path) -> Result<SqliteConnection, BackupError> {
    let mut conn = SqliteConnection::establish(&path.to_string_lossy())?;
    conn.batch_execute("PRAGMA busy_timeout = 10000;")?;
    Ok(conn)
}

/// `PRAGMA integrity_check` of the database at `path`.
pub fn integrity_ok(path: &Path) -> Result<bool, BackupError> {
    let rows: Vec<Check> = diesel::sql_query("PRAGMA integrity_check").load(&mut open(path)?)?;
    Ok(rows.len() == 1 && rows[0].integrity_check == "ok")
}

/// Copies the files the database at `database` names from `from` to `to`.
fn copy_documents(database: &Path, from: &Path, to: &Path) -> Result<Report, BackupError> {
    std::fs::create_dir_all(to).map_err(io("making", to))?;
    let ids: Vec<String> = documents::table
        .select(documents::id)
        .load(&mut open(database)?)?;
    let mut report = Report {
        documents: 0,
        missing: Vec::new(),
    };
    for id in ids {
        let source = from.join(&id);
        match std::fs::copy(&source, to.join(&id)) {
            Ok(_) => report.documents += 1,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => report.missing.push(id),
            Err(err) => return Err(io("copying", &source)(err)),
        }
    }
    Ok(report)
}

/// Backs up the installation in `data_dir` into the new directory `to`.
pub fn backup(data_dir: &Path, to: &Path) -> Result<Report, BackupError> {
    let live = data_dir.join(DATABASE);
    if !live.is_file() {
        return Err(BackupError::Refused(format!(
            "no database at {}",
            live.display()
        )));
    }
    if to.exists()
        && std::fs::read_dir(to)
            .map_err(io("reading", to))?
            .next()
            .is_some()
    {
        return Err(BackupError::Refused(format!(
            "{} is not empty: a backup goes into a new directory",
            to.display()
        )));
    }
    std::fs::create_dir_all(to).map_err(io("making", to))?;
    let copy = to.join(DATABASE);
    diesel::sql_query("VACUUM INTO ?")
        .bind::<Text, _>(copy.to_string_lossy().into_owned())
        .execute(&mut open(&live)?)?;
    if !integrity_ok(&copy)? {
        return Err(BackupError::Refused(
            "the copy fails its integrity check".into(),
        ));
    }
    copy_documents(&copy, &data_dir.join(DOCUMENTS), &to.join(DOCUMENTS))
}

/// Restores the backup in `from` into `data_dir`, which must hold no database yet.
pub fn restore(from: &Path, data_dir: &Path) -> Result<Report, BackupError> {
    let saved = from.join(DATABASE);
    if !saved.is_file() || !integrity_ok(&saved)? {
        return Err(BackupError::Refused(format!(
            "{} holds no sound backup",
            from.display()
        )));
    }
    let target = data_dir.join(DATABASE);
    if target.exists() {
        return Err(BackupError::Refused(format!(
            "{} exists: restore into a data directory without a database",
            target.display()
        )));
    }
    std::fs::create_dir_all(data_dir).map_err(io("making", data_dir))?;
    std::fs::copy(&saved, &target).map_err(io("copying", &saved))?;
    copy_documents(&target, &from.join(DOCUMENTS), &data_dir.join(DOCUMENTS))
}
