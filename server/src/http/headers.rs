//! Security and cache headers on every response.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

use super::spa::{is_hashed_asset, Site};

/// What the headers depend on: the site (its CSP) and whether it is served over HTTPS.
#[derive(Clone)]
pub struct HeaderSettings {
    pub site: Arc<Site>,
    pub https: bool,
}

pub async fn security_and_cache(
    State(settings): State<HeaderSettings>,
    request: Request,
    next: Next,
) -> Response {
    let site = settings.site;
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    let success = response.status().is_success();
    let headers = response.headers_mut();

    headers.insert(header::CONTENT_SECURITY_POLICY, site.csp().clone());
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if settings.https {
        // Once seen, the browser uses only HTTPS for this host for a year.
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    headers.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(self), geolocation=(), microphone=()"),
    );

    if !headers.contains_key(header::CACHE_CONTROL) {
        let cache = if path.starts_with("/api/") || path == "/api" {
            // API answers may hold personal data: never store them.
            "no-store"
        } else if is_hashed_asset(&path) && success {
            "public, max-age=31536000, immutable"
        } else {
            // index.html and unhashed files: always ask the server whether they changed.
            "no-cache"
        };
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    }
    response
}
