//! Document files: streamed in as they arrive (never held in memory), hashed on the way,
//! typed by their first bytes (not their name), and kept in a [`DocumentStorage`] under a
//! random id: a local directory ([`LocalDirectory`], the default) or an S3-compatible object
//! store ([`s3::ObjectStoreDocuments`]). A file that does not arrive whole, or is refused,
//! leaves nothing.

use std::future::Future;
use std::io;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use axum::extract::multipart::Field;
use sha2::{Digest, Sha256};
use tokio::io::{AsyncRead, AsyncWriteExt};

pub mod s3;

use crate::crypto::random_token;
use crate::crypto::CryptoError;

/// Types we accept, by content: PDF and photos (including the HEIC of iPhones). Office files
/// are left out: their content cannot be checked safely here.
pub const ALLOWED: [&str; 4] = ["application/pdf", "image/jpeg", "image/png", "image/heif"];

/// Bytes read before deciding the type.
const HEAD: usize = 4096;

const MB: u64 = 1024 * 1024;

/// Longer than any upload takes (20 MB on a slow phone line is well under half an hour): a
/// part file older than this was left by a crash, not by an upload still under way on
/// another instance that shares the directory.
pub const LONGEST_UPLOAD: Duration = Duration::from_secs(3600);

/// Room on a case is taken a quarter of a megabyte at a time while a file streams in.
pub const ROOM_STEP: u64 = 256 * 1024;

/// Where an upload takes room on its case (the database, in the HTTP layer): `take` says
/// whether `bytes` more fit.
pub trait TakeRoom: Send {
    fn take(&mut self, bytes: u64) -> impl Future<Output = Result<bool, UploadError>> + Send;
}

/// A boxed future, so storages can be chosen at start and used as a trait object.
pub type StorageFuture<'a, T> = Pin<Box<dyn Future<Output = io::Result<T>> + Send + 'a>>;

/// A file being written. Dropped before [`NewFile::keep`], it leaves nothing behind.
pub trait NewFile: Send {
    fn write<'a>(&'a mut self, chunk: &'a [u8]) -> StorageFuture<'a, ()>;
    /// Makes the file whole and findable under its id.
    fn keep(self: Box<Self>) -> StorageFuture<'static, ()>;
}

/// A file read back: its bytes as a stream, and its length.
pub struct StoredBytes {
    pub reader: Pin<Box<dyn AsyncRead + Send>>,
    pub len: u64,
}

/// Where document files are kept: put a stream in, open it, remove it.
pub trait DocumentStorage: Send + Sync {
    /// An empty new file under `id`.
    fn create<'a>(&'a self, id: &'a str) -> StorageFuture<'a, Box<dyn NewFile>>;
    /// The file, or `None` when there is none under `id`.
    fn open<'a>(&'a self, id: &'a str) -> StorageFuture<'a, Option<StoredBytes>>;
    fn remove<'a>(&'a self, id: &'a str) -> StorageFuture<'a, ()>;
    /// Every whole file, with when it was last written (for the sweep of files no row
    /// points to).
    fn list(&self) -> StorageFuture<'_, Vec<(String, SystemTime)>>;
}

/// Ids are ours (URL-safe base64); a path never takes anything else.
fn safe_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn refused_id() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, "not a document id")
}

/// A directory outside the web root: each file under its id, written as `id.part` first and
/// renamed when whole.
pub struct LocalDirectory {
    dir: PathBuf,
}

impl LocalDirectory {
    /// Opens (or makes) the directory, and removes part files that a crash left behind:
    /// only those older than [`LONGEST_UPLOAD`], so another instance's upload is not harmed.
    pub fn open(dir: &Path) -> io::Result<LocalDirectory> {
        std::fs::create_dir_all(dir)?;
        let now = SystemTime::now();
        for entry in std::fs::read_dir(dir)?.flatten() {
            let path = entry.path();
            let stale = entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|modified| now.duration_since(modified).ok())
                .is_some_and(|age| age > LONGEST_UPLOAD);
            if path.extension().is_some_and(|e| e == "part") && stale {
                let _ = std::fs::remove_file(path);
            }
        }
        Ok(LocalDirectory {
            dir: dir.to_path_buf(),
        })
    }
}

struct LocalNewFile {
    file: Option<tokio::fs::File>,
    partial: PathBuf,
    whole: PathBuf,
}

impl NewFile for LocalNewFile {
    fn write<'a>(&'a mut self, chunk: &'a [u8]) -> StorageFuture<'a, ()> {
        Box::pin(async move {
            match &mut self.file {
                Some(file) => file.write_all(chunk).await,
                None => Err(io::Error::other("file already kept")),
            }
        })
    }

    fn keep(mut self: Box<Self>) -> StorageFuture<'static, ()> {
        Box::pin(async move {
            if let Some(file) = self.file.take() {
                file.sync_all().await?;
            }
            tokio::fs::rename(&self.partial, &self.whole).await?;
            // Renamed: nothing left for `drop` to clean up.
            self.partial = PathBuf::new();
            Ok(())
        })
    }
}

impl Drop for LocalNewFile {
    fn drop(&mut self) {
        if !self.partial.as_os_str().is_empty() {
            let _ = std::fs::remove_file(&self.partial);
        }
    }
}

impl DocumentStorage for LocalDirectory {
    fn create<'a>(&'a self, id: &'a str) -> StorageFuture<'a, Box<dyn NewFile>> {
        Box::pin(async move {
            if !safe_id(id) {
                return Err(refused_id());
            }
            let partial = self.dir.join(format!("{id}.part"));
            let file = tokio::fs::File::create(&partial).await?;
            Ok(Box::new(LocalNewFile {
                file: Some(file),
                partial,
                whole: self.dir.join(id),
            }) as Box<dyn NewFile>)
        })
    }

    fn open<'a>(&'a self, id: &'a str) -> StorageFuture<'a, Option<StoredBytes>> {
        Box::pin(async move {
            if !safe_id(id) {
                return Ok(None);
            }
            match tokio::fs::File::open(self.dir.join(id)).await {
                Ok(file) => {
                    let len = file.metadata().await?.len();
                    Ok(Some(StoredBytes {
                        reader: Box::pin(file),
                        len,
                    }))
                }
                Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(None),
                Err(err) => Err(err),
            }
        })
    }

    fn remove<'a>(&'a self, id: &'a str) -> StorageFuture<'a, ()> {
        Box::pin(async move {
            if !safe_id(id) {
                return Err(refused_id());
            }
            match tokio::fs::remove_file(self.dir.join(id)).await {
                Err(err) if err.kind() != io::ErrorKind::NotFound => Err(err),
                _ => Ok(()),
            }
        })
    }

    fn list(&self) -> StorageFuture<'_, Vec<(String, SystemTime)>> {
        Box::pin(async move {
            let mut found = Vec::new();
            let mut entries = tokio::fs::read_dir(&self.dir).await?;
            while let Some(entry) = entries.next_entry().await? {
                let name = entry.file_name().to_string_lossy().into_owned();
                // Part files are uploads under way (or the start-up clean-up's).
                if !safe_id(&name) {
                    continue;
                }
                let modified = entry.metadata().await?.modified()?;
                found.push((name, modified));
            }
            Ok(found)
        })
    }
}

/// The documents of the service: where files go, and their size limits.
pub struct DocumentStore {
    storage: Arc<dyn DocumentStorage>,
    pub max_file_bytes: u64,
    pub max_case_bytes: u64,
}

/// A file that arrived whole and was accepted.
#[derive(Debug)]
pub struct StoredFile {
    pub id: String,
    pub size: u64,
    pub sha256: String,
    pub content_type: &'static str,
}

impl DocumentStore {
    /// Documents in the local directory `dir`.
    pub fn open(dir: &Path, max_file_mb: u64, max_case_mb: u64) -> io::Result<Self> {
        Ok(DocumentStore::new(
            Arc::new(LocalDirectory::open(dir)?),
            max_file_mb,
            max_case_mb,
        ))
    }

    /// As configured (`BONDGENOOT_DOCUMENTS`): an `s3://` address, a directory, or (`None`)
    /// `documenten` in the data directory.
    pub fn configured(
        setting: Option<&str>,
        data_dir: &Path,
        max_file_mb: u64,
        max_case_mb: u64,
    ) -> io::Result<Self> {
        match setting {
            Some(url) if url.starts_with("s3://") => Ok(DocumentStore::new(
                Arc::new(s3::ObjectStoreDocuments::from_url(url)?),
                max_file_mb,
                max_case_mb,
            )),
            Some(dir) => DocumentStore::open(Path::new(dir), max_file_mb, max_case_mb),
            None => DocumentStore::open(&data_dir.join("documenten"), max_file_mb, max_case_mb),
        }
    }

    pub fn new(storage: Arc<dyn DocumentStorage>, max_file_mb: u64, max_case_mb: u64) -> Self {
        DocumentStore {
            storage,
            max_file_bytes: max_file_mb * MB,
            max_case_bytes: max_case_mb * MB,
        }
    }

    pub async fn open_file(&self, id: &str) -> io::Result<Option<StoredBytes>> {
        self.storage.open(id).await
    }

    /// Removes a stored file (a record that could not be written, a deleted draft).
    pub async fn remove(&self, id: &str) {
        if let Err(err) = self.storage.remove(id).await {
            tracing::warn!(error = %err, "document file not removed");
        }
    }

    /// Removes every stored file that no document row names (`known`) and that was written
    /// longer ago than [`LONGEST_UPLOAD`] (a younger one may be an upload whose row is about
    /// to be written). Returns how many went.
    pub async fn sweep(&self, known: &std::collections::HashSet<String>) -> io::Result<usize> {
        let now = SystemTime::now();
        let mut removed = 0;
        for (id, modified) in self.storage.list().await? {
            let old = now
                .duration_since(modified)
                .is_ok_and(|age| age > LONGEST_UPLOAD);
            if old && !known.contains(&id) {
                self.storage.remove(&id).await?;
                removed += 1;
            }
        }
        Ok(removed)
    }

    /// Streams `field` into the storage. `take_room(bytes)` is asked for room on the case
    /// ahead of the bytes that come and says whether it got it: first for `announced` (the
    /// request's length, which the file cannot exceed) when known, then [`ROOM_STEP`] at a
    /// time. Taking the announced length first lets the first uploads of a burst finish
    /// instead of all of them running out of room half-way. `stall`: how long the client
    /// may send nothing before the upload is broken off (and nothing kept).
    pub async fn store(
        &self,
        mut field: Field<'_>,
        announced: Option<u64>,
        room_on_case: &mut impl TakeRoom,
        stall: Duration,
    ) -> Result<StoredFile, UploadError> {
        let id = random_token(18)?;
        let mut file = self
            .storage
            .create(&id)
            .await
            .map_err(|err| UploadError::Io("create document", err))?;
        let mut hasher = Sha256::new();
        let mut size: u64 = 0;
        let mut head = Vec::with_capacity(HEAD);
        let mut content_type = None;
        let mut room: u64 = 0;
        if let Some(announced) = announced.map(|length| length.min(self.max_file_bytes)) {
            if announced > 0 && room_on_case.take(announced).await? {
                room = announced;
            }
        }
        while let Some(chunk) = tokio::time::timeout(stall, field.chunk())
            .await
            .map_err(|_| UploadError::Stalled)?
            .map_err(upload_broken)?
        {
            size += chunk.len() as u64;
            if size > self.max_file_bytes {
                let mb = self.max_file_bytes / MB;
                return Err(UploadError::TooLarge(match model::lang::current() {
                    model::Lang::Nl => format!("Het bestand is groter dan {mb} MB. Maak het kleiner, bijvoorbeeld een foto met minder pixels, of verdeel het in delen."),
                    model::Lang::En => format!("The file is larger than {mb} MB. Make it smaller, for example a photo with fewer pixels, or split it into parts."),
                }));
            }
            if size > room {
                let step = (size - room).max(ROOM_STEP);
                if room_on_case.take(step).await? {
                    room += step;
                }
            }
            if size > room {
                let mb = self.max_case_bytes / MB;
                return Err(UploadError::TooLarge(match model::lang::current() {
                    model::Lang::Nl => format!("Bij deze zaak past dit bestand niet meer: alle stukken samen mogen niet groter zijn dan {mb} MB. Vraag de Belangenbehartiger wat u kunt doen."),
                    model::Lang::En => format!("This file no longer fits with this case: all documents together may not be larger than {mb} MB. Ask the Belangenbehartiger what you can do."),
                }));
            }
            if content_type.is_none() {
                let take = (HEAD - head.len()).min(chunk.len());
                head.extend_from_slice(&chunk[..take]);
                if head.len() >= HEAD {
                    content_type = Some(sniff(&head)?);
                }
            }
            hasher.update(&chunk);
            file.write(&chunk)
                .await
                .map_err(|err| UploadError::Io("write document", err))?;
        }
        if size == 0 {
            return Err(UploadError::Refused(
                model::lang::tr(
                    "Het bestand is leeg. Kies een ander bestand.",
                    "The file is empty. Choose another file.",
                )
                .into(),
            ));
        }
        let content_type = match content_type {
            Some(found) => found,
            None => sniff(&head)?,
        };
        file.keep()
            .await
            .map_err(|err| UploadError::Io("keep document", err))?;
        Ok(StoredFile {
            id,
            size,
            sha256: hex::encode(hasher.finalize()),
            content_type,
        })
    }
}

/// Why a file was not stored. The messages are Dutch and meant for the person uploading.
#[derive(Debug, thiserror::Error)]
pub enum UploadError {
    /// Above the limit of a file or of the case.
    #[error("file too large")]
    TooLarge(String),
    /// Refused for its content (type) or emptiness.
    #[error("file refused")]
    Refused(String),
    /// The request was larger than any upload may be.
    #[error("request too large")]
    RequestTooLarge,
    /// The body stopped before the file ended.
    #[error("upload broken off")]
    Broken,
    /// No byte came for [`crate::listen::ClientLimits::upload_stall`].
    #[error("upload stalled")]
    Stalled,
    #[error("{0}")]
    Io(&'static str, #[source] std::io::Error),
    /// Taking room on the case failed (the database).
    #[error("taking room: {0}")]
    Room(String),
    #[error("random id")]
    Crypto(#[from] CryptoError),
}

/// The type by content (magic bytes), if it is one we accept.
fn sniff(head: &[u8]) -> Result<&'static str, UploadError> {
    let found = infer::get(head).map(|kind| kind.mime_type());
    ALLOWED
        .into_iter()
        .find(|allowed| Some(*allowed) == found)
        .ok_or_else(|| {
            UploadError::Refused(
                model::lang::tr(
                    "Dit soort bestand kunnen we niet aannemen. Stuur een PDF, of een foto (JPEG, PNG of HEIC).",
                    "We cannot accept this kind of file. Send a PDF, or a photo (JPEG, PNG or HEIC).",
                )
                .into(),
            )
        })
}

/// The body stopped before the file ended: the connection was cut, or the request was
/// larger than any file may be.
fn upload_broken(err: axum::extract::multipart::MultipartError) -> UploadError {
    if err.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
        UploadError::RequestTooLarge
    } else {
        UploadError::Broken
    }
}

/// A file name as metadata: the last part only, letters, digits and a few signs, at most 120
/// characters. It is never used as a path.
pub fn clean_name(name: Option<&str>) -> String {
    let last = name
        .unwrap_or_default()
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default();
    let cleaned: String = last
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | ' ' | '(' | ')') {
                c
            } else {
                '_'
            }
        })
        .take(120)
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_owned();
    if cleaned.is_empty() {
        "document".into()
    } else {
        cleaned
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn age(path: &Path, seconds: u64) {
        let file = std::fs::File::options().write(true).open(path).unwrap();
        file.set_modified(SystemTime::now() - Duration::from_secs(seconds))
            .unwrap();
    }

    #[test]
    fn only_part_files_older_than_the_longest_upload_are_swept() {
        let dir = tempfile::TempDir::new().unwrap();
        let old = dir.path().join("oud.part");
        let running = dir.path().join("bezig.part");
        let kept = dir.path().join("bewaard");
        for path in [&old, &running, &kept] {
            std::fs::write(path, b"x").unwrap();
        }
        age(&old, LONGEST_UPLOAD.as_secs() + 60);
        age(&kept, LONGEST_UPLOAD.as_secs() + 60);
        LocalDirectory::open(dir.path()).unwrap();
        assert!(!old.exists(), "a crash's leftover is removed");
        assert!(
            running.exists(),
            "another instance's upload under way is left alone"
        );
        assert!(kept.exists(), "a stored document is never swept");
    }

    #[tokio::test]
    async fn a_new_file_dropped_before_it_is_kept_leaves_nothing() {
        let dir = tempfile::TempDir::new().unwrap();
        let storage = LocalDirectory::open(dir.path()).unwrap();
        let mut file = storage.create("abc").await.unwrap();
        file.write(b"half").await.unwrap();
        drop(file);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        assert!(storage.open("abc").await.unwrap().is_none());

        let mut file = storage.create("abc").await.unwrap();
        file.write(b"whole").await.unwrap();
        file.keep().await.unwrap();
        assert_eq!(storage.open("abc").await.unwrap().unwrap().len, 5);
        storage.remove("abc").await.unwrap();
        assert!(storage.open("abc").await.unwrap().is_none());
        assert!(storage.open("../etc/passwd").await.unwrap().is_none());
    }

    #[test]
    fn names_lose_paths_and_odd_signs() {
        assert_eq!(clean_name(Some("../../etc/passwd")), "passwd");
        assert_eq!(
            clean_name(Some("C:\\Users\\x\\besluit 2025.pdf")),
            "besluit 2025.pdf"
        );
        assert_eq!(clean_name(Some("a\"b<c>.pdf")), "a_b_c_.pdf");
        assert_eq!(clean_name(Some(".verborgen")), "verborgen");
        assert_eq!(clean_name(None), "document");
        assert_eq!(clean_name(Some(&"x".repeat(500))).len(), 120);
    }

    #[test]
    fn the_type_comes_from_the_content() {
        assert_eq!(sniff(b"%PDF-1.7\n%\xe2\xe3").unwrap(), "application/pdf");
        assert_eq!(
            sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]).unwrap(),
            "image/jpeg"
        );
        assert!(
            sniff(b"MZ\x90\x00\x03\x00\x00\x00").is_err(),
            "a Windows program"
        );
        assert!(sniff(b"gewoon wat tekst").is_err());
    }
}
