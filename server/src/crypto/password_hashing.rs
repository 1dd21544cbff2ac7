//! Passwords and access codes hashed with argon2id, a few at a time, in memory that is used
//! again while more are waiting.
//!
//! The parameters are the last of OWASP's five equal choices for argon2id: 7 MiB, five passes
//! (the crate's default is the second: 19 MiB, two passes, about the same time). Equal in
//! defence and in CPU, they take a third of the memory, which a flood of sign-ins holds once per
//! core. Hashes made with other parameters still verify with their own, and a password that
//! signs in is hashed anew ([`is_current`]).
//!
//! Why the memory is kept: a flood of sign-ins keeps every hashing slot busy. When each hash
//! took its memory fresh and freed it, the allocator kept freed blocks for a moment before it
//! gave them back, so several lay about at once (with 19 MiB hashes: peak RSS 155–160 MB under
//! 1,024 sign-ins at a time, where the two slots need 40 MB), and each new block cost ~4,900
//! page faults. Kept, the slots' memory is exactly one hash's per slot, and it goes back as
//! soon as nobody waits (docs/benchmarks.md).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock, Mutex};
use std::time::Duration;

use argon2::password_hash::phc::{Output, ParamsString, PasswordHash, Salt};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use tokio::sync::Semaphore;

use super::CryptoError;

/// At most a few argon2 hashes at a time (each takes 7 MiB and a core for a while): a flood
/// of sign-ins waits here instead of filling the memory and the blocking pool that file
/// serving shares. Who waits longer than [`Limiter::wait`] gets [`CryptoError::Busy`].
pub struct Limiter {
    slots: Arc<Semaphore>,
    wait: Duration,
    memory: Arc<Memory>,
}

/// The hashing memory of slots that finished while others still wanted one.
struct Memory {
    /// Hashes running or waiting for a slot; the last one out lets the kept memory go.
    demand: AtomicUsize,
    kept: Mutex<Vec<Vec<Block>>>,
}

/// One hash that is running or waiting; counted in [`Memory::demand`] until dropped.
struct Wanted(Arc<Memory>);

impl Wanted {
    fn new(memory: &Arc<Memory>) -> Wanted {
        memory.demand.fetch_add(1, Ordering::AcqRel);
        Wanted(memory.clone())
    }

    /// Memory of at least `blocks` blocks: kept from an earlier hash, or new.
    fn take(&self, blocks: usize) -> Vec<Block> {
        let kept = self.0.kept.lock().map(|mut kept| kept.pop());
        match kept {
            Ok(Some(memory)) if memory.len() >= blocks => memory,
            _ => vec![Block::default(); blocks],
        }
    }

    fn give_back(&self, memory: Vec<Block>) {
        if let Ok(mut kept) = self.0.kept.lock() {
            kept.push(memory);
        }
    }
}

impl Drop for Wanted {
    fn drop(&mut self) {
        if self.0.demand.fetch_sub(1, Ordering::AcqRel) == 1 {
            // Nobody else wants a slot: an idle server holds no hashing memory.
            let kept = self
                .0
                .kept
                .lock()
                .map(|mut kept| std::mem::take(&mut *kept));
            drop(kept);
        }
    }
}

impl Limiter {
    pub fn new(slots: usize, wait: Duration) -> Limiter {
        Limiter {
            slots: Arc::new(Semaphore::new(slots.max(1))),
            wait,
            memory: Arc::new(Memory {
                demand: AtomicUsize::new(0),
                kept: Mutex::new(Vec::new()),
            }),
        }
    }

    /// Runs `work` on the blocking pool once a slot is free, with hashing memory of at least
    /// `blocks` blocks. The slot stays taken until `work` ends, also when the request that
    /// asked for it went away meanwhile: the bound on memory and cores holds.
    pub async fn run<T: Send + 'static>(
        &self,
        blocks: usize,
        work: impl FnOnce(&mut [Block]) -> T + Send + 'static,
    ) -> Result<T, CryptoError> {
        let wanted = Wanted::new(&self.memory);
        let permit = tokio::time::timeout(self.wait, self.slots.clone().acquire_owned())
            .await
            .map_err(|_| CryptoError::Busy)?
            .map_err(|_| CryptoError::Busy)?;
        tokio::task::spawn_blocking(move || {
            let mut memory = wanted.take(blocks);
            let result = work(&mut memory);
            wanted.give_back(memory);
            drop(permit);
            drop(wanted);
            result
        })
        .await
        .map_err(CryptoError::Task)
    }
}

/// One slot per core, waiting at most five seconds.
static HASHING: LazyLock<Limiter> = LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    Limiter::new(cores, Duration::from_secs(5))
});

/// OWASP's argon2id m=7168 (KiB), t=5, p=1.
fn current_params() -> Params {
    Params::new(7 * 1024, 5, 1, None).expect("valid argon2 parameters")
}

/// Whether `hash` was made with today's algorithm and parameters; if not, the password it
/// matched is best hashed anew.
pub fn is_current(hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        parsed.algorithm == Algorithm::Argon2id.ident()
            && parsed.version == Some(Version::V0x13.into())
            && Params::try_from(&parsed).is_ok_and(|params| {
                let today = current_params();
                (params.m_cost(), params.t_cost(), params.p_cost())
                    == (today.m_cost(), today.t_cost(), today.p_cost())
            })
    })
}

/// Blocks of 1 KiB that a hash with `params` fills.
fn blocks_for(params: &Params) -> usize {
    params.m_cost() as usize
}

pub async fn hash_password(password: String) -> Result<String, CryptoError> {
    let params = current_params();
    let mut salt = [0u8; Salt::RECOMMENDED_LENGTH];
    getrandom::fill(&mut salt).map_err(CryptoError::Random)?;
    HASHING
        .run(blocks_for(&params), move |memory| {
            hash_into(memory, password.as_bytes(), &salt, params)
        })
        .await?
}

/// The PHC string of `password` hashed with `salt` (as `PasswordHasher::hash_password` makes
/// it, but in the slot's memory).
fn hash_into(
    memory: &mut [Block],
    password: &[u8],
    salt: &[u8],
    params: Params,
) -> Result<String, CryptoError> {
    let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone())
        .hash_password_into_with_memory(password, salt, &mut out, memory)
        .map_err(|err| CryptoError::Hash(err.into()))?;
    let phc = |params: &Params| -> Result<PasswordHash, argon2::password_hash::Error> {
        Ok(PasswordHash {
            algorithm: Algorithm::Argon2id.ident(),
            version: Some(Version::V0x13.into()),
            params: ParamsString::try_from(params)?,
            salt: Some(Salt::new(salt)?),
            hash: Some(Output::new(&out)?),
        })
    };
    phc(&params)
        .map(|hash| hash.to_string())
        .map_err(CryptoError::Hash)
}

/// Whether `password` matches `hash`; `Busy` when no hashing slot came free in time.
pub async fn verify_password(password: String, hash: String) -> Result<bool, CryptoError> {
    let Ok(parsed) = PasswordHash::new(&hash) else {
        return Ok(false);
    };
    let Ok(params) = Params::try_from(&parsed) else {
        return Ok(false);
    };
    HASHING
        .run(blocks_for(&params), move |memory| {
            matches_in(memory, password.as_bytes(), &parsed, params)
        })
        .await
}

/// `PasswordVerifier::verify_password`, in the slot's memory: the hash of `password` with the
/// stored salt and parameters, compared in constant time (`Output`'s `PartialEq`).
fn matches_in(
    memory: &mut [Block],
    password: &[u8],
    stored: &PasswordHash,
    params: Params,
) -> bool {
    let (Some(salt), Some(expected)) = (&stored.salt, &stored.hash) else {
        return false;
    };
    let Ok(algorithm) = Algorithm::try_from(stored.algorithm.as_str()) else {
        return false;
    };
    let Ok(version) = stored
        .version
        .map_or(Ok(Version::default()), Version::try_from)
    else {
        return false;
    };
    let mut out = [0u8; Output::MAX_LENGTH];
    let Some(out) = out.get_mut(..expected.len()) else {
        return false;
    };
    Argon2::new(algorithm, version, params)
        .hash_password_into_with_memory(password, salt, out, memory)
        .is_ok_and(|()| Output::new(out).is_ok_and(|computed| computed == *expected))
}

/// An argon2id hash, with today's parameters, of a random password nobody knows: made once.
static DUMMY_HASH: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();

/// Spends the time of a real check when there is nothing to check against, so the answer's
/// timing does not tell which accounts or cases exist.
pub async fn spend_like_a_password_check(secret: String) -> Result<(), CryptoError> {
    let dummy = DUMMY_HASH
        .get_or_try_init(|| async { hash_password(super::random_token(32)?).await })
        .await?;
    verify_password(secret, dummy.clone()).await.map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::password_hash::{PasswordHasher, PasswordVerifier};

    #[tokio::test]
    async fn hashes_match_the_crates_own_and_the_crates_own_match_here() {
        let made_here = hash_password("correct horse".into()).await.unwrap();
        let parsed = PasswordHash::new(&made_here).unwrap();
        assert!(Argon2::default()
            .verify_password(b"correct horse", &parsed)
            .is_ok());
        assert!(Argon2::default()
            .verify_password(b"correct horsf", &parsed)
            .is_err());
        // A hash from before this module (the crate's `hash_password`), and the dummy.
        assert!(verify_password("hunter42-lang".into(), made_by_the_crate())
            .await
            .unwrap());
        assert!(
            !verify_password("hunter42-lanG".into(), made_by_the_crate())
                .await
                .unwrap()
        );
        assert!(verify_password("correct horse".into(), made_here.clone())
            .await
            .unwrap());
        assert!(!verify_password("correct horse ".into(), made_here)
            .await
            .unwrap());
        assert!(!verify_password("x".into(), "geen hash".into())
            .await
            .unwrap());
        spend_like_a_password_check("x".into()).await.unwrap();
        assert!(is_current(DUMMY_HASH.get().unwrap()));
    }

    #[test]
    fn hashes_with_the_crates_default_parameters_are_not_current() {
        assert!(!is_current(&made_by_the_crate()), "19 MiB, two passes");
        assert!(!is_current("geen hash"));
    }

    fn made_by_the_crate() -> String {
        Argon2::default()
            .hash_password(b"hunter42-lang")
            .unwrap()
            .to_string()
    }

    #[tokio::test]
    async fn hashes_with_other_parameters_get_memory_of_their_size() {
        let small = Params::new(1024, 1, 1, None).unwrap();
        let stored = Argon2::new(Algorithm::Argon2id, Version::V0x13, small)
            .hash_password_with_salt(b"klein", b"zoutzoutzoutzout")
            .unwrap()
            .to_string();
        let big = Params::new(32 * 1024, 2, 1, None).unwrap();
        let stored_big = Argon2::new(Algorithm::Argon2id, Version::V0x13, big)
            .hash_password_with_salt(b"groot", b"zoutzoutzoutzout")
            .unwrap()
            .to_string();
        // The small one leaves memory of 1,024 blocks behind only while others wait; either
        // way the big one needs and gets more.
        assert!(verify_password("klein".into(), stored).await.unwrap());
        assert!(verify_password("groot".into(), stored_big).await.unwrap());
    }

    /// Takes `limiter`'s one slot on a task of its own, for `held`; `then` writes in its
    /// memory before the slot is let go.
    fn hold_the_slot(
        limiter: &Arc<Limiter>,
        held: Duration,
        then: impl FnOnce(&mut [Block]) + Send + 'static,
    ) -> tokio::task::JoinHandle<Result<(), CryptoError>> {
        let limiter = limiter.clone();
        tokio::spawn(async move {
            limiter
                .run(8, move |memory| {
                    std::thread::sleep(held);
                    then(memory);
                })
                .await
        })
    }

    #[tokio::test]
    async fn memory_is_kept_while_others_wait_and_let_go_when_nobody_does() {
        let limiter = Arc::new(Limiter::new(1, Duration::from_secs(5)));
        let first = hold_the_slot(&limiter, Duration::from_millis(300), |memory| {
            memory[0].as_mut()[0] = 42;
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        // New memory starts zeroed; the kept one still holds what the first hash left.
        let seen = limiter
            .run(8, |memory| memory[0].as_ref()[0])
            .await
            .unwrap();
        first.await.unwrap().unwrap();
        assert_eq!(seen, 42, "the first one's memory again");
        let alone = limiter
            .run(8, |memory| memory[0].as_ref()[0])
            .await
            .unwrap();
        assert_eq!(alone, 0, "new memory once nobody waited");
        assert_eq!(limiter.memory.demand.load(Ordering::Acquire), 0);
        assert!(
            limiter.memory.kept.lock().unwrap().is_empty(),
            "nothing kept when idle"
        );
    }

    #[tokio::test]
    async fn a_full_limiter_answers_busy_instead_of_queueing_without_end() {
        let limiter = Arc::new(Limiter::new(1, Duration::from_millis(100)));
        let slow = hold_the_slot(&limiter, Duration::from_millis(600), |_| {});
        tokio::time::sleep(Duration::from_millis(50)).await;
        let waited = limiter.run(8, |_| 1).await;
        assert!(matches!(waited, Err(CryptoError::Busy)), "{waited:?}");
        assert!(slow.await.unwrap().is_ok());
        assert_eq!(limiter.run(8, |_| 2).await.unwrap(), 2, "free again");
        assert_eq!(limiter.memory.demand.load(Ordering::Acquire), 0);
    }
}
