//! Accepting connections, with the limits a slow or hostile client meets (issue 18):
//! `axum::serve` reads request headers for as long as a client keeps trickling them and
//! accepts as many connections as come. Here each connection's request headers must arrive
//! within [`ClientLimits::header_read`] (a slowloris client is cut off), at most
//! [`ClientLimits::max_connections`] are served at once (further ones wait in the kernel's
//! queue), and the client's address travels with each request as axum's `ConnectInfo`.
//! The request and upload timeouts are the router's (`http::app`).

use std::convert::Infallible;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

/// How long a client may take, and how many may be connected at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientLimits {
    /// From the first byte of a request (or a connection's start) to the end of its headers.
    pub header_read: Duration,
    /// A request's whole handling, body included, except uploads.
    pub request: Duration,
    /// An upload that sends no byte for this long is broken off.
    pub upload_stall: Duration,
    pub max_connections: usize,
    /// A refused guess at a secret (a wrong password, code or date of birth, or one too
    /// many) is answered no sooner than this after it came in (`http::refusals`).
    pub refusal_floor: Duration,
}

/// Connections served at once by default. Each open connection with a request in flight
/// holds about 40 KB (hyper's read and write buffers, the request's futures), and a flood of
/// sign-ins keeps a request in flight on every connection it opens: at 1,024 such connections
/// the server peaked at about 100 MB, at 2,048 at 137 MB, and with no bound it grows with the
/// flood (DESIGN.md §7: at most 128 MB under any flood of sign-ins). Further connections wait
/// in the kernel's queue, which costs the server nothing; a slow client is cut off after
/// [`ClientLimits::header_read`]. Behind a proxy (nginx holds the slow clients), this is
/// plenty.
pub const MAX_CONNECTIONS: usize = 1_024;

impl Default for ClientLimits {
    fn default() -> Self {
        ClientLimits {
            header_read: Duration::from_secs(10),
            request: Duration::from_secs(30),
            upload_stall: Duration::from_secs(30),
            max_connections: MAX_CONNECTIONS,
            refusal_floor: Duration::from_secs(1),
        }
    }
}

/// Raises this process's soft limit on open files to its hard limit, so many idle sockets
/// do not use up the file descriptors that new connections and the database need.
pub fn raise_open_files_limit() {
    match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(limit) => tracing::debug!(limit, "open files"),
        Err(err) => tracing::warn!(error = %err, "cannot raise the open files limit"),
    }
}

/// Serves `app` on `listener` until `shutdown` completes, then closes the listener and lets
/// requests in flight finish (for at most `drain`; see [`crate::stopping`]).
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: ClientLimits,
    shutdown: impl Future<Output = ()>,
    drain: Duration,
) {
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_read)
        .keep_alive(true);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => match slot {
                Ok(slot) => slot,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) => {
                    // Out of file descriptors, or a connection reset before it was taken:
                    // wait a moment instead of spinning.
                    tracing::warn!(error = %err, "accept failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        // Without TCP_NODELAY, a response written in two parts (headers, then a body of a
        // few KB) waits ~40 ms for the client's delayed ACK (Nagle).
        if let Err(err) = stream.set_nodelay(true) {
            tracing::warn!(error = %err, "cannot set TCP_NODELAY");
        }
        let app = app.clone();
        let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(remote));
            let app = app.clone();
            async move {
                Ok::<_, Infallible>(
                    app.oneshot(request.map(axum::body::Body::new))
                        .await
                        .unwrap_or_else(|never| match never {}),
                )
            }
        });
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            // A client that went away or was cut off by a timeout: nothing to report.
            if let Err(err) = connection.await {
                tracing::debug!(error = %err, "connection ended");
            }
            drop(slot);
        });
    }
    drop(listener);
    tracing::info!("no new connections; finishing the requests in flight");
    if tokio::time::timeout(drain, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("connections still open after the drain period");
    }
}
