//! Answers that may leave only once their audit row is committed.
//!
//! A handler that reads personal data queues its audit row ([`AuditWriter::queue`]), makes its
//! answer and hands both to [`once_logged`]. The layer [`send_when_logged`] lets the answer
//! pass through the layers inside it (compression included), collects its body, and only then
//! waits for the row: the work after the wait is writing bytes to the socket. (Waiting in the
//! handler left the layers' work and the request's drops for after the wait, on memory that
//! had gone cold meanwhile.) If the row fails, the answer is dropped and a 5xx goes instead.
//!
//! [`AuditWriter::queue`]: crate::store::audit::AuditWriter::queue

use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;
use crate::store::audit::QueuedRow;

/// The row an answer waits for, in the answer's extensions (which need `Clone`).
#[derive(Clone)]
struct AwaitingAudit(Arc<Mutex<Option<QueuedRow>>>);

/// `answer`, to be sent once `row` is committed.
pub fn once_logged(mut answer: Response, row: QueuedRow) -> Response {
    answer
        .extensions_mut()
        .insert(AwaitingAudit(Arc::new(Mutex::new(Some(row)))));
    answer
}

/// The layer that holds back an answer made by [`once_logged`] until its row is committed.
pub async fn send_when_logged(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let Some(awaiting) = response.extensions_mut().remove::<AwaitingAudit>() else {
        return response;
    };
    let row = awaiting.0.lock().ok().and_then(|mut row| row.take());
    let (parts, body) = response.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX).await;
    let committed = match row {
        Some(row) => row.committed().await.map_err(ApiError::from),
        None => Err(ApiError::Internal(
            "an answer's audit row was taken twice".into(),
        )),
    };
    match (committed, body) {
        (Ok(()), Ok(body)) => Response::from_parts(parts, Body::from(body)),
        (Err(err), _) => err.into_response(),
        (Ok(()), Err(err)) => {
            ApiError::Internal(format!("an answer awaiting its audit row: {err}")).into_response()
        }
    }
}
