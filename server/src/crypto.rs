//! Secrets: passwords and codes hashed with argon2id, random tokens, SHA-256 of tokens.
//! A leaf: imports nothing of the crate.

use std::sync::LazyLock;
use std::time::Duration;

use tokio::sync::Semaphore;

use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::Argon2;
use base64::Engine;
use sha2::{Digest, Sha256};

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

/// At most a few argon2 hashes at a time (each takes 19 MiB and a core for a while): a flood
/// of sign-ins waits here instead of filling the memory and the blocking pool that file
/// serving shares. Who waits longer than [`Limiter::wait`] gets [`CryptoError::Busy`].
pub struct Limiter {
    slots: Semaphore,
    wait: Duration,
}

impl Limiter {
    pub fn new(slots: usize, wait: Duration) -> Limiter {
        Limiter {
            slots: Semaphore::new(slots.max(1)),
            wait,
        }
    }

    /// Runs `work` on the blocking pool once a slot is free.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, CryptoError> {
        let permit = tokio::time::timeout(self.wait, self.slots.acquire())
            .await
            .map_err(|_| CryptoError::Busy)?
            .map_err(|_| CryptoError::Busy)?;
        let result = tokio::task::spawn_blocking(work)
            .await
            .map_err(CryptoError::Task);
        drop(permit);
        result
    }
}

/// One slot per core, waiting at most five seconds.
static HASHING: LazyLock<Limiter> = LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    Limiter::new(cores, Duration::from_secs(5))
});

pub async fn hash_password(password: String) -> Result<String, CryptoError> {
    HASHING
        .run(move || {
            Argon2::default()
                .hash_password(password.as_bytes())
                .map(|hash| hash.to_string())
                .map_err(CryptoError::Hash)
        })
        .await?
}

/// Whether `password` matches `hash`; `Busy` when no hashing slot came free in time.
pub async fn verify_password(password: String, hash: String) -> Result<bool, CryptoError> {
    HASHING
        .run(move || {
            PasswordHash::new(&hash).is_ok_and(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
        })
        .await
}

/// An argon2id hash of a random password nobody knows.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$0x4pm2fFjLs4q2Cr0y6cIrdVQvwpX3cJUkBWZ3PjzDo";

/// Spends the time of a real check when there is nothing to check against, so the answer's
/// timing does not tell which accounts or cases exist.
pub async fn spend_like_a_password_check(secret: String) -> Result<(), CryptoError> {
    verify_password(secret, DUMMY_HASH.to_owned())
        .await
        .map(|_| ())
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

/// Tokens are stored hashed: a copy of the database does not give anyone a session.
pub fn sha256_hex(value: &str) -> String {
    Sha256::digest(value.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
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

    #[tokio::test]
    async fn a_full_limiter_answers_busy_instead_of_queueing_without_end() {
        let limiter = std::sync::Arc::new(Limiter::new(1, Duration::from_millis(100)));
        let slow = {
            let limiter = limiter.clone();
            tokio::spawn(async move {
                limiter
                    .run(|| std::thread::sleep(Duration::from_millis(600)))
                    .await
            })
        };
        tokio::time::sleep(Duration::from_millis(50)).await;
        let waited = limiter.run(|| 1).await;
        assert!(matches!(waited, Err(CryptoError::Busy)), "{waited:?}");
        assert!(slow.await.unwrap().is_ok());
        assert_eq!(limiter.run(|| 2).await.unwrap(), 2, "free again");
    }
}
