//! Structured logs. Only method, route pattern, status and timing are logged for requests:
//! never query strings, bodies or raw paths, so no personal data reaches the logs.

use tracing_subscriber::filter::Targets;
use tracing_subscriber::prelude::*;

use crate::config::LogFormat;

pub fn init(filter: &str, format: LogFormat) {
    let targets: Targets = filter.parse().unwrap_or_else(|_| {
        eprintln!("bondgenoot-server: log filter {filter:?} not understood, using `info`");
        Targets::new().with_default(tracing::Level::INFO)
    });
    let registry = tracing_subscriber::registry().with(targets);
    let _ = match format {
        LogFormat::Text => registry
            .with(tracing_subscriber::fmt::layer().with_target(false))
            .try_init(),
        // One JSON object per line; the request span's fields (method, route, trace id) are
        // in each line's `span`, so a collector can group a request's lines by trace.
        LogFormat::Json => registry
            .with(
                tracing_subscriber::fmt::layer()
                    .json()
                    .with_target(false)
                    .with_current_span(true)
                    .with_span_list(false),
            )
            .try_init(),
    };
}

/// An error and its sources on one line, for the log: "storage: database: disk full".
pub fn chain(err: &dyn std::error::Error) -> String {
    let mut line = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        line.push_str(": ");
        line.push_str(&cause.to_string());
        source = cause.source();
    }
    line
}
