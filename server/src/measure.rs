//! The operator's signals, recorded through the `metrics` facade: requests by route pattern
//! and status, their latency, the database pool's use, the mail backlog, job runs and audit
//! batch sizes. Served in Prometheus text format by `http::metrics` on an address of its own
//! (`BONDGENOOT_METRICS_ADDR`, never reachable through the public proxy); without that
//! address no recorder is installed and recording costs next to nothing.

use std::sync::OnceLock;
use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

pub const REQUESTS: &str = "bondgenoot_http_requests_total";
pub const REQUEST_SECONDS: &str = "bondgenoot_http_request_duration_seconds";
pub const POOL_CONNECTIONS: &str = "bondgenoot_db_pool_connections";
pub const OUTBOX_BACKLOG: &str = "bondgenoot_outbox_backlog";
pub const JOB_RUNS: &str = "bondgenoot_job_runs_total";
pub const AUDIT_BATCH_ROWS: &str = "bondgenoot_audit_batch_rows";

/// Request latency buckets in seconds: the budgets are 5 ms (status lookup) to 100 ms.
const SECONDS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];
/// Audit batch sizes, up to the writer's largest batch (256).
const ROWS: [f64; 9] = [1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 256.0];

static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();

/// Installs the process's recorder (once; later calls get the same handle).
pub fn install() -> PrometheusHandle {
    HANDLE
        .get_or_init(|| {
            let recorder = PrometheusBuilder::new()
                .set_buckets_for_metric(Matcher::Full(REQUEST_SECONDS.into()), &SECONDS)
                .and_then(|b| {
                    b.set_buckets_for_metric(Matcher::Full(AUDIT_BATCH_ROWS.into()), &ROWS)
                })
                .expect("bucket lists are not empty")
                .build_recorder();
            let handle = recorder.handle();
            // Fails only if another recorder was installed first, which this crate never does.
            if ::metrics::set_global_recorder(recorder).is_err() {
                tracing::warn!("a metrics recorder was already installed");
            }
            describe();
            handle
        })
        .clone()
}

fn describe() {
    ::metrics::describe_counter!(
        REQUESTS,
        "HTTP requests answered, by method, route pattern and status."
    );
    ::metrics::describe_histogram!(
        REQUEST_SECONDS,
        ::metrics::Unit::Seconds,
        "Time to answer a request, by route pattern."
    );
    ::metrics::describe_gauge!(
        POOL_CONNECTIONS,
        "Database connections in the pool, open and in use."
    );
    ::metrics::describe_gauge!(
        OUTBOX_BACKLOG,
        "Mails waiting to be sent (and still to be tried)."
    );
    ::metrics::describe_counter!(JOB_RUNS, "Background job runs, by job and outcome.");
    ::metrics::describe_histogram!(
        AUDIT_BATCH_ROWS,
        "Audit rows written per batch (one INSERT, one commit)."
    );
}

/// Counts and times each request under its route pattern (never the raw path).
pub async fn requests(request: Request, next: Next) -> Response {
    if HANDLE.get().is_none() {
        // No metrics address: nothing to count, and no labels to build.
        return next.run(request).await;
    }
    let started = Instant::now();
    let method = request.method().as_str().to_owned();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("(app)", MatchedPath::as_str)
        .to_owned();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    ::metrics::histogram!(REQUEST_SECONDS, "route" => route.clone())
        .record(started.elapsed().as_secs_f64());
    ::metrics::counter!(REQUESTS, "method" => method, "route" => route, "status" => status)
        .increment(1);
    response
}

/// A finished job run.
pub fn job_ran(job: &'static str, ok: bool) {
    let outcome = if ok { "ok" } else { "fout" };
    ::metrics::counter!(JOB_RUNS, "job" => job, "outcome" => outcome).increment(1);
}

/// The database pool's connections, open and in use (read at scrape time).
pub fn pool(open: u32, in_use: u32) {
    ::metrics::gauge!(POOL_CONNECTIONS, "state" => "open").set(f64::from(open));
    ::metrics::gauge!(POOL_CONNECTIONS, "state" => "in_use").set(f64::from(in_use));
}

/// Mails waiting to be sent (read at scrape time).
pub fn outbox_backlog(waiting: i64) {
    ::metrics::gauge!(OUTBOX_BACKLOG).set(waiting as f64);
}

/// A batch of audit rows written.
pub fn audit_batch(rows: usize) {
    ::metrics::histogram!(AUDIT_BATCH_ROWS).record(rows as f64);
}
