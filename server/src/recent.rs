//! Results that may be a little old: computed at most once per `refresh` per key and
//! instance, one computation at a time (whoever comes meanwhile waits for it and uses it).
//! For figures over many cases, which change slowly and take tens of milliseconds to count.

use std::collections::HashMap;
use std::future::Future;
use std::hash::Hash;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// At most this many keys are kept (periods asked for); the oldest goes first.
const KEYS: usize = 32;

pub struct Recent<K, V> {
    refresh: Duration,
    kept: std::sync::Mutex<HashMap<K, (Instant, Arc<V>)>>,
    computing: tokio::sync::Mutex<()>,
}

impl<K: Eq + Hash + Clone, V> Recent<K, V> {
    /// `refresh`: how long a result is used; zero computes every time (tests).
    pub fn new(refresh: Duration) -> Recent<K, V> {
        Recent {
            refresh,
            kept: std::sync::Mutex::new(HashMap::new()),
            computing: tokio::sync::Mutex::new(()),
        }
    }

    fn fresh(&self, key: &K) -> Option<Arc<V>> {
        let kept = self.kept.lock().ok()?;
        let (at, value) = kept.get(key)?;
        (at.elapsed() < self.refresh).then(|| value.clone())
    }

    /// The kept result for `key`, or a new one from `compute`.
    pub async fn get<E, F, Fut>(&self, key: K, compute: F) -> Result<Arc<V>, E>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<V, E>>,
    {
        if let Some(value) = self.fresh(&key) {
            return Ok(value);
        }
        let _one_at_a_time = self.computing.lock().await;
        if let Some(value) = self.fresh(&key) {
            return Ok(value);
        }
        let value = Arc::new(compute().await?);
        if let Ok(mut kept) = self.kept.lock() {
            if kept.len() >= KEYS && !kept.contains_key(&key) {
                let oldest = kept
                    .iter()
                    .min_by_key(|(_, (at, _))| *at)
                    .map(|(k, _)| k.clone());
                if let Some(oldest) = oldest {
                    kept.remove(&oldest);
                }
            }
            kept.insert(key, (Instant::now(), value.clone()));
        }
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};

    #[tokio::test]
    async fn a_result_is_kept_for_its_time_per_key_and_zero_keeps_nothing() {
        let runs = AtomicU32::new(0);
        let count = || async { Ok::<_, ()>(runs.fetch_add(1, Ordering::SeqCst)) };
        let kept = Recent::new(Duration::from_secs(60));
        assert_eq!(*kept.get(1, count).await.unwrap(), 0);
        assert_eq!(*kept.get(1, count).await.unwrap(), 0, "kept");
        assert_eq!(*kept.get(2, count).await.unwrap(), 1, "another key");
        let never = Recent::new(Duration::ZERO);
        assert_eq!(*never.get(1, count).await.unwrap(), 2);
        assert_eq!(*never.get(1, count).await.unwrap(), 3);
        for key in 0..40 {
            kept.get(key, count).await.unwrap();
        }
        assert!(kept.kept.lock().unwrap().len() <= KEYS);
    }
}
