//! Where document files live: a directory outside the web root, each file under a random id.
//! Files are streamed to disk as they arrive (never held in memory), hashed on the way, and
//! their type is decided by their first bytes, not their name. A file that does not arrive
//! whole, or is refused, leaves nothing behind.

use std::path::{Path, PathBuf};

use axum::extract::multipart::Field;
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;

use crate::crypto::random_token;
use crate::crypto::CryptoError;

/// Types we accept, by content: PDF and photos (including the HEIC of iPhones). Office files
/// are left out: their content cannot be checked safely here.
pub const ALLOWED: [&str; 4] = ["application/pdf", "image/jpeg", "image/png", "image/heif"];

/// Bytes read before deciding the type.
const HEAD: usize = 4096;

const MB: u64 = 1024 * 1024;

pub struct DocumentStore {
    dir: PathBuf,
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

/// Removes a file unless told to keep it: an upload that fails or is dropped halfway
/// (the connection was cut) cleans up after itself.
struct RemoveUnlessKept(Option<PathBuf>);

impl Drop for RemoveUnlessKept {
    fn drop(&mut self) {
        if let Some(path) = self.0.take() {
            let _ = std::fs::remove_file(path);
        }
    }
}

impl DocumentStore {
    pub fn open(dir: &Path, max_file_mb: u64, max_case_mb: u64) -> std::io::Result<Self> {
        std::fs::create_dir_all(dir)?;
        // Parts left by a crash in the middle of an upload.
        for entry in std::fs::read_dir(dir)?.flatten() {
            if entry.path().extension().is_some_and(|e| e == "part") {
                let _ = std::fs::remove_file(entry.path());
            }
        }
        Ok(DocumentStore {
            dir: dir.to_path_buf(),
            max_file_bytes: max_file_mb * MB,
            max_case_bytes: max_case_mb * MB,
        })
    }

    pub fn path_of(&self, id: &str) -> Option<PathBuf> {
        // Ids are ours (URL-safe base64), but a path never takes anything else.
        id.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            .then(|| self.dir.join(id))
    }

    pub fn remove(&self, id: &str) {
        if let Some(path) = self.path_of(id) {
            let _ = std::fs::remove_file(path);
        }
    }

    /// Streams `field` to disk. `room`: bytes the case may still take.
    pub async fn store(&self, mut field: Field<'_>, room: u64) -> Result<StoredFile, UploadError> {
        let id = random_token(18)?;
        let partial = self.dir.join(format!("{id}.part"));
        let mut guard = RemoveUnlessKept(Some(partial.clone()));
        let mut file = tokio::fs::File::create(&partial)
            .await
            .map_err(|err| UploadError::Io("create document", err))?;
        let mut hasher = Sha256::new();
        let mut size: u64 = 0;
        let mut head = Vec::with_capacity(HEAD);
        let mut content_type = None;
        while let Some(chunk) = field.chunk().await.map_err(upload_broken)? {
            size += chunk.len() as u64;
            if size > self.max_file_bytes {
                return Err(UploadError::TooLarge(format!(
                    "Het bestand is groter dan {} MB. Maak het kleiner, bijvoorbeeld een foto met minder pixels, of verdeel het in delen.",
                    self.max_file_bytes / MB
                )));
            }
            if size > room {
                return Err(UploadError::TooLarge(format!(
                    "Bij deze zaak past dit bestand niet meer: alle stukken samen mogen niet groter zijn dan {} MB. Vraag de Belangenbehartiger wat u kunt doen.",
                    self.max_case_bytes / MB
                )));
            }
            if content_type.is_none() {
                let take = (HEAD - head.len()).min(chunk.len());
                head.extend_from_slice(&chunk[..take]);
                if head.len() >= HEAD {
                    content_type = Some(sniff(&head)?);
                }
            }
            hasher.update(&chunk);
            file.write_all(&chunk)
                .await
                .map_err(|err| UploadError::Io("write document", err))?;
        }
        if size == 0 {
            return Err(UploadError::Refused(
                "Het bestand is leeg. Kies een ander bestand.".into(),
            ));
        }
        let content_type = match content_type {
            Some(found) => found,
            None => sniff(&head)?,
        };
        file.sync_all()
            .await
            .map_err(|err| UploadError::Io("sync document", err))?;
        drop(file);
        let path = self.dir.join(&id);
        tokio::fs::rename(&partial, &path)
            .await
            .map_err(|err| UploadError::Io("keep document", err))?;
        guard.0 = None;
        Ok(StoredFile {
            id,
            size,
            sha256: hasher
                .finalize()
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect(),
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
    #[error("{0}")]
    Io(&'static str, #[source] std::io::Error),
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
                "Dit soort bestand kunnen we niet aannemen. Stuur een PDF, of een foto (JPEG, PNG of HEIC)."
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
