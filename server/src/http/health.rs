//! The probes: `GET /api/health/live` (is this process up? no I/O at all, for a proxy or an
//! orchestrator) and `GET /api/health` (ready: does the database answer, and is this instance
//! not stopping?).

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use model::api::{Health, HealthReport, Liveness};

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/health", get(health_show))
        .route("/health/live", get(health_live))
}

#[utoipa::path(get, path = "/api/health", tag = "systeem",
    responses((status = 200, description = "Alles werkt", body = HealthReport), (status = 503, description = "De database antwoordt niet, of deze server stopt", body = HealthReport)))]
pub(super) async fn health_show(State(state): State<AppState>) -> (StatusCode, Json<HealthReport>) {
    let stopping = state.stopping.has_begun();
    let database = match state.db.ping().await {
        Ok(()) => Health::Ok,
        Err(err) => {
            tracing::warn!(error = %err, "health check: database did not answer");
            Health::Fout
        }
    };
    // A stopping instance is not ready, so a balancer sends its next requests elsewhere.
    let status = if stopping { Health::Stopt } else { database };
    let code = match status {
        Health::Ok => StatusCode::OK,
        Health::Fout | Health::Stopt => StatusCode::SERVICE_UNAVAILABLE,
    };
    let report = HealthReport {
        status,
        database,
        version: env!("CARGO_PKG_VERSION").to_string(),
    };
    (code, Json(report))
}

#[utoipa::path(get, path = "/api/health/live", tag = "systeem",
    responses((status = 200, description = "Het proces draait (zonder de database te vragen)", body = Liveness)))]
pub(super) async fn health_live() -> Json<Liveness> {
    Json(Liveness {
        status: Health::Ok,
        version: env!("CARGO_PKG_VERSION").to_string(),
    })
}
