//! How long the step a case is in usually takes, for the case pages ("Meestal duurt deze stap
//! 2 tot 5 weken"): from the timelines of all cases, computed at most every quarter of an hour
//! per instance (it reads every case's steps), and only for steps at least k cases have left.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use model::lifecycle::CaseStatus;

use crate::store::db::Db;
use crate::store::figures::typical_in;

/// How long computed figures are used before they are computed again (in real use).
pub const REFRESH: Duration = Duration::from_secs(15 * 60);

type Typical = Arc<BTreeMap<String, (i64, i64)>>;

pub struct ExpectedTimes {
    k: i64,
    refresh: Duration,
    /// Read on every case view (the citizen's status lookup is the busiest route): a read
    /// lock, never held across an await.
    cached: std::sync::RwLock<Option<(Instant, Typical)>>,
    /// One computation at a time; the others wait for its result.
    refreshing: tokio::sync::Mutex<()>,
}

impl ExpectedTimes {
    /// `refresh`: [`REFRESH`] in real use; tests that add cases and read the text at once
    /// give zero.
    pub fn new(k: i64, refresh: Duration) -> ExpectedTimes {
        ExpectedTimes {
            k,
            refresh,
            cached: std::sync::RwLock::new(None),
            refreshing: tokio::sync::Mutex::new(()),
        }
    }

    /// The plain-language expectation for a case in `status`, if there is one to give: not
    /// for a draft or an ended case, nor before k earlier cases went through the step. A
    /// failure to compute gives no text (the page works without it), and is logged.
    pub async fn text_for(&self, db: &Db, status: CaseStatus) -> Option<String> {
        if status.is_end() || status == CaseStatus::Concept {
            return None;
        }
        let typical = match self.current(db).await {
            Ok(typical) => typical,
            Err(err) => {
                tracing::warn!(error = %crate::telemetry::chain(&err), "expected times");
                return None;
            }
        };
        let (median, p90) = typical.get(status.key())?;
        Some(model::figures::expected_text(*median, *p90))
    }

    fn fresh(&self) -> Option<Typical> {
        let cached = self.cached.read().ok()?;
        let (at, typical) = cached.as_ref()?;
        (at.elapsed() < self.refresh).then(|| typical.clone())
    }

    async fn current(&self, db: &Db) -> Result<Typical, crate::store::StoreError> {
        if let Some(typical) = self.fresh() {
            return Ok(typical);
        }
        let _one_at_a_time = self.refreshing.lock().await;
        if let Some(typical) = self.fresh() {
            return Ok(typical);
        }
        let k = self.k;
        let typical: Typical = Arc::new(db.run(move |conn| typical_in(conn, k)).await?);
        if let Ok(mut cached) = self.cached.write() {
            *cached = Some((Instant::now(), typical.clone()));
        }
        Ok(typical)
    }
}
