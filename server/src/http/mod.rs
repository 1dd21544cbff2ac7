//! The router: `/api/*` for the JSON API, everything else for the single-page app.

mod assignment;
mod audit_log;
mod beheer;
mod cases;
mod citizen;
mod documents;
mod download;
pub mod extract;
pub mod figures;
mod headers;
mod health;
mod help;
mod inzage;
mod json;
pub mod language;
mod letters;
pub mod metrics;
mod monitoring;
mod openapi;
mod own_account;
mod refusals;
mod retention;
mod sessions;
mod signals;
pub mod spa;
mod trace_context;
mod worklist;

use axum::extract::{MatchedPath, Request};
use axum::http::StatusCode;
use axum::Router;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::error::ApiError;
use crate::AppState;

/// Largest request body the API accepts, except uploads (their limit follows the file limit).
const MAX_BODY_BYTES: usize = 64 * 1024;
/// Room in an upload request for the form fields around the file.
const UPLOAD_OVERHEAD_BYTES: u64 = 64 * 1024;

/// Builds the whole application; tests call this without a socket.
pub fn app(state: AppState) -> Router {
    language::install();
    let small = Router::new()
        .merge(health::router())
        .merge(sessions::router())
        .merge(own_account::router())
        .merge(beheer::router())
        .merge(cases::router())
        .merge(assignment::router())
        .merge(worklist::router())
        .merge(audit_log::router())
        .merge(monitoring::router())
        .merge(retention::router())
        .merge(signals::router())
        .merge(figures::router())
        .merge(inzage::router())
        .merge(letters::router())
        .merge(citizen::router())
        .merge(documents::router())
        .merge(openapi::router())
        .layer(axum::middleware::from_fn_with_state(
            state.limits.refusal_floor,
            refusals::answer_slowly,
        ))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        // A request that takes longer (a body trickled in, say) is broken off: 408. Uploads
        // may take long on a slow line; they are broken off when they stall instead.
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            state.limits.request,
        ));
    let upload_limit = usize::try_from(state.documents.max_file_bytes + UPLOAD_OVERHEAD_BYTES)
        .unwrap_or(usize::MAX);
    // Streamed to disk; the handler stops at the file limit, this layer at the request's.
    let uploads = documents::upload_router()
        .layer(axum::extract::DefaultBodyLimit::disable())
        .layer(RequestBodyLimitLayer::new(upload_limit));
    let api = small
        .merge(uploads)
        .fallback(|| async { ApiError::NotFound });

    Router::new()
        .nest("/api", api)
        .merge(help::router())
        .merge(language::router())
        .fallback_service(spa::service(state.site.clone()))
        .layer(RequestBodyLimitLayer::new(upload_limit))
        .layer(axum::middleware::map_response(
            crate::error::dutch_plain_errors,
        ))
        // Built files are precompressed at the highest level when they are built; what is made
        // per request (API JSON, help pages) is small, and brotli's default level costs more
        // CPU time on it than the bytes it saves are worth.
        .layer(CompressionLayer::new().quality(CompressionLevel::Fastest))
        // Outside the layers above, so even their own answers (413) carry the headers.
        .layer(axum::middleware::from_fn_with_state(
            headers::HeaderSettings {
                site: state.site.clone(),
                https: state.cookies.secure,
            },
            headers::security_and_cache,
        ))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|request: &Request| {
                    // The route pattern, never the raw path: paths must not carry personal data,
                    // and this keeps it so even if one ever did.
                    let route = request
                        .extensions()
                        .get::<MatchedPath>()
                        .map_or("(app)", MatchedPath::as_str);
                    let trace_id = request
                        .extensions()
                        .get::<crate::trace::TraceContext>()
                        .map(crate::trace::TraceContext::trace_id);
                    tracing::info_span!("request", method = %request.method(), route, trace_id)
                })
                // Every failing 5xx is logged where it is made, with its cause and in this span
                // (`error.rs`; the readiness probe when the database does not answer — its 503
                // while this instance stops is expected). The layer's own ERROR line said the
                // same again: under a flood of sign-ins, once more per 503 "hashing busy".
                .on_failure(()),
        )
        .layer(axum::middleware::from_fn(language::scope))
        .layer(axum::middleware::from_fn(crate::measure::requests))
        // Outermost: the span above and every audit row of the request carry its trace id.
        .layer(axum::middleware::from_fn(trace_context::trace_context))
        .with_state(state)
}
