//! Secrets: passwords and codes hashed with argon2id, random tokens, and tokens and codes
//! stored as HMAC with the server's key ([`ServerKey`]). A leaf: imports nothing of the crate.

mod password_hashing;

use std::path::Path;
use std::sync::OnceLock;

use base64::Engine;
use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

pub use password_hashing::{
    hash_password, is_current, spend_like_a_password_check, verify_password, Limiter,
};

/// Why a secret could not be made.
#[derive(Debug, thiserror::Error)]
pub enum CryptoError {
    #[error("the operating system gave no random bytes")]
    Random(#[source] getrandom::Error),
    #[error("password hash")]
    Hash(#[source] argon2::password_hash::Error),
    #[error("the hashing task stopped")]
    Task(#[source] tokio::task::JoinError),
    /// Every hashing slot stayed taken for the whole wait: try again in a moment.
    #[error("all password hashing slots are busy")]
    Busy,
}

/// `bytes` random bytes from the operating system, URL-safe base64 without padding.
pub fn random_token(bytes: usize) -> Result<String, CryptoError> {
    let mut buffer = vec![0u8; bytes];
    getrandom::fill(&mut buffer).map_err(CryptoError::Random)?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(buffer))
}

pub fn random_u64() -> Result<u64, CryptoError> {
    let mut buffer = [0u8; 8];
    getrandom::fill(&mut buffer).map_err(CryptoError::Random)?;
    Ok(u64::from_le_bytes(buffer))
}

/// SHA-256, as hex: for what is not a secret (counter keys, names derived from a hash).
pub fn sha256_hex(value: &str) -> String {
    hex::encode(Sha256::digest(value.as_bytes()))
}

/// The server's key for storing codes and tokens: HMAC-SHA256 with it, so a copy of the
/// database alone (a backup, a leak) gives nothing to search offline. It is never in the
/// database: read from `BONDGENOOT_SECRET_KEY_FILE`, or made on first start in the data
/// directory (`sleutel`, mode 0600). Several instances must share it (README).
#[derive(Clone)]
pub struct ServerKey([u8; 32]);

static SERVER_KEY: OnceLock<ServerKey> = OnceLock::new();

/// Why the key could not be read or made.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("key file {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("key file {0} does not hold a key (32 bytes, base64)")]
    Malformed(String),
    #[error(transparent)]
    Random(#[from] CryptoError),
}

impl ServerKey {
    pub fn from_bytes(bytes: [u8; 32]) -> ServerKey {
        ServerKey(bytes)
    }

    /// Reads the key at `path`, or makes it there (32 random bytes, base64, readable by this
    /// user only) when there is none yet. Two instances starting at once read the same key.
    pub fn load_or_create(path: &Path) -> Result<ServerKey, KeyError> {
        use std::io::Write;
        use std::os::unix::fs::OpenOptionsExt;
        let shown = path.display().to_string();
        let io = |source| KeyError::Io {
            path: shown.clone(),
            source,
        };
        let created = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(path);
        match created {
            Ok(mut file) => {
                let key = random_token(32)?;
                file.write_all(key.as_bytes()).map_err(io)?;
                file.sync_all().map_err(io)?;
            }
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(err) => return Err(io(err)),
        }
        let text = std::fs::read_to_string(path).map_err(io)?;
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(text.trim())
            .ok()
            .and_then(|b| <[u8; 32]>::try_from(b).ok())
            .ok_or_else(|| KeyError::Malformed(shown.clone()))?;
        Ok(ServerKey(bytes))
    }

    /// Makes this the process's key; a key installed before stays (one per process).
    pub fn install(self) {
        let _ = SERVER_KEY.set(self);
    }

    fn hash(&self, value: &str) -> String {
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&self.0)
            .expect("HMAC takes a key of any length");
        mac.update(value.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }
}

/// How a code or token is stored (and looked up): HMAC-SHA256 with the server's key.
pub fn secret_hash(value: &str) -> String {
    SERVER_KEY
        .get()
        .expect("the server key is installed at start (crypto::ServerKey::install)")
        .hash(value)
}

/// The forms a long-lived code or link may be stored in: with the key, and as the plain
/// SHA-256 of the release before (links and codes made then keep working until they end).
pub fn secret_hashes(value: &str) -> [String; 2] {
    [secret_hash(value), sha256_hex(value)]
}

/// A fresh personal access code for a citizen and its argon2 hash (the only form stored).
pub async fn new_access_code() -> Result<(model::consent::Code, String), CryptoError> {
    let code = model::consent::Code::from_random(random_u64()?);
    let hash = hash_password(code.as_str().to_owned()).await?;
    Ok((code, hash))
}

/// A session's name for pages and the audit log: derived from its token's hash, so neither
/// holds anything that signs in (nor the key the store finds a session by).
pub fn session_ref(token_hash: &str) -> String {
    sha256_hex(&format!("sessie:{token_hash}"))[..20].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_made_once_readable_by_this_user_only_and_read_back() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("sleutel");
        let made = ServerKey::load_or_create(&path).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let again = ServerKey::load_or_create(&path).unwrap();
        assert_eq!(made.0, again.0, "the same key on the next start");
        // Stored values depend on the key: without it, the hash of a guess tells nothing.
        assert_ne!(
            made.hash("BG-7KQ3-M9XP"),
            ServerKey([0; 32]).hash("BG-7KQ3-M9XP")
        );
        assert_ne!(made.hash("token"), sha256_hex("token"));
        std::fs::write(&path, "kort").unwrap();
        assert!(matches!(
            ServerKey::load_or_create(&path),
            Err(KeyError::Malformed(_))
        ));
    }
}
