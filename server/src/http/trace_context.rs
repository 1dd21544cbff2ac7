//! Gives each request its trace context (`crate::trace`): from the proxy's `traceparent`
//! header, or a new trace. The request's log span and audit rows carry its trace id.

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;

use crate::trace::TraceContext;

pub async fn trace_context(mut request: Request, next: Next) -> Response {
    let parent = request
        .headers()
        .get("traceparent")
        .and_then(|value| value.to_str().ok());
    let context = TraceContext::for_request(parent);
    request.extensions_mut().insert(context);
    context.scope(next.run(request)).await
}
