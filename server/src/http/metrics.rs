//! `GET /metrics` in Prometheus text format, on the separate metrics address (see
//! [`crate::measure`]).

use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use metrics_exporter_prometheus::PrometheusHandle;

use crate::measure;
use crate::store::db::Db;
use crate::store::outbox;

#[derive(Clone)]
struct Scrape {
    handle: PrometheusHandle,
    db: Db,
}

pub fn router(handle: PrometheusHandle, db: Db) -> Router {
    Router::new()
        .route("/metrics", get(render))
        .with_state(Scrape { handle, db })
}

async fn render(State(scrape): State<Scrape>) -> impl IntoResponse {
    // Gauges read at scrape time: they show now, not when something last changed.
    let (open, in_use) = scrape.db.pool_use();
    measure::pool(open, in_use);
    match outbox::backlog(&scrape.db).await {
        Ok(waiting) => measure::outbox_backlog(waiting),
        Err(err) => {
            tracing::warn!(error = %crate::telemetry::chain(&err), "outbox backlog not read")
        }
    }
    scrape.handle.run_upkeep();
    (
        [(CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")],
        scrape.handle.render(),
    )
}
