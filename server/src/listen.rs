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
}

impl Default for ClientLimits {
    fn default() -> Self {
        ClientLimits {
            header_read: Duration::from_secs(10),
            request: Duration::from_secs(30),
            upload_stall: Duration::from_secs(30),
            max_connections: 10_000,
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
) -> std::io::Result<()> {
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_read)
        .keep_alive(true);
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let mut connections = ConnectionThreads::start(threads)?;
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
        // Taken off this runtime's reactor, to be registered with the connection thread's.
        let stream = match stream.into_std() {
            Ok(stream) => stream,
            Err(err) => {
                tracing::warn!(error = %err, "cannot hand over a connection");
                continue;
            }
        };
        let app = app.clone();
        let http = http.clone();
        let watcher = graceful.watcher();
        connections.hand_over(Box::new(move || {
            let stream = match tokio::net::TcpStream::from_std(stream) {
                Ok(stream) => stream,
                Err(err) => {
                    tracing::warn!(error = %err, "cannot take over a connection");
                    return;
                }
            };
            let service =
                hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
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
            let connection = watcher.watch(http.serve_connection(TokioIo::new(stream), service));
            tokio::spawn(async move {
                // A client that went away or was cut off by a timeout: nothing to report.
                if let Err(err) = connection.await {
                    tracing::debug!(error = %err, "connection ended");
                }
                drop(slot);
            });
        }));
    }
    drop(listener);
    tracing::info!("no new connections; finishing the requests in flight");
    if tokio::time::timeout(drain, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("connections still open after the drain period");
    }
    // The connection threads end here; a request still running after the drain ends with them.
    drop(connections);
    Ok(())
}

/// Starts serving one accepted connection; run on the connection thread it was handed to.
type HandOver = Box<dyn FnOnce() + Send>;

/// The threads connections are served on: one per core, each with a runtime of its own that
/// runs on that thread alone. A connection is handed to the next thread in turn and stays
/// there, with every task it wakes. On Tokio's shared work-stealing runtime a request that
/// waited (for its audit row's commit, woken by the audit writer's thread) went on on
/// whichever core was free, and its memory was then touched and freed from the other core:
/// the status lookup took 74 µs of server CPU on 2 cores, against 48 µs on one core alone
/// (docs/benchmarks.md). The main runtime keeps the accept loop and the background jobs.
struct ConnectionThreads {
    queues: Vec<tokio::sync::mpsc::UnboundedSender<HandOver>>,
    next: usize,
}

impl ConnectionThreads {
    fn start(count: usize) -> std::io::Result<ConnectionThreads> {
        let mut queues = Vec::with_capacity(count);
        for number in 0..count.max(1) {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            let (queue, mut handed) = tokio::sync::mpsc::unbounded_channel::<HandOver>();
            std::thread::Builder::new()
                .name(format!("http-{number}"))
                .spawn(move || {
                    runtime.block_on(async move {
                        while let Some(start) = handed.recv().await {
                            start();
                        }
                    });
                })?;
            queues.push(queue);
        }
        Ok(ConnectionThreads { queues, next: 0 })
    }

    fn hand_over(&mut self, start: HandOver) {
        let queue = &self.queues[self.next];
        self.next = (self.next + 1) % self.queues.len();
        if queue.send(start).is_err() {
            tracing::error!("a connection thread has stopped");
        }
    }
}
