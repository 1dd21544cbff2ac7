//! Stopping without losing a request (SIGTERM, as in a rolling restart): the readiness
//! route answers 503 at once, so a balancer that polls it moves traffic elsewhere; requests
//! are still served for a short delay; then the listener closes, requests in flight (uploads
//! too) get a limited time to finish, the jobs finish the run they are in, and the audit
//! writer's last batch is committed before the process exits.

use std::time::Duration;

use tokio::sync::watch;

/// How an instance stops; the times come from the configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StopTimes {
    /// After the signal, new requests are still served this long (readiness says 503).
    pub delay: Duration,
    /// Then requests in flight may take at most this long to finish.
    pub drain: Duration,
}

/// Whether this instance has begun to stop. Shared by the readiness route and the jobs.
#[derive(Debug)]
pub struct Stopping {
    begun: watch::Sender<bool>,
}

impl Default for Stopping {
    fn default() -> Self {
        Stopping {
            begun: watch::Sender::new(false),
        }
    }
}

impl Stopping {
    pub fn begin(&self) {
        self.begun.send_replace(true);
    }

    pub fn has_begun(&self) -> bool {
        *self.begun.borrow()
    }

    /// Completes once stopping has begun (at once if it has).
    pub async fn begun(&self) {
        let mut begun = self.begun.subscribe();
        // `wait_for` fails only when the sender is gone, and `self` holds it.
        let _ = begun.wait_for(|begun| *begun).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn waiters_wake_when_stopping_begins() {
        let stopping = std::sync::Arc::new(Stopping::default());
        assert!(!stopping.has_begun());
        let waiter = tokio::spawn({
            let stopping = stopping.clone();
            async move { stopping.begun().await }
        });
        tokio::task::yield_now().await;
        assert!(!waiter.is_finished());
        stopping.begin();
        waiter.await.expect("the waiter ends");
        assert!(stopping.has_begun());
        // Later waiters do not wait.
        stopping.begun().await;
    }
}
