//! Structured logs. Only method, route pattern, status and timing are logged for requests:
//! never query strings, bodies or raw paths, so no personal data reaches the logs.

use tracing_subscriber::filter::Targets;
use tracing_subscriber::prelude::*;

pub fn init(filter: &str) {
    let targets: Targets = filter.parse().unwrap_or_else(|_| {
        eprintln!("bondgenoot-server: log filter {filter:?} not understood, using `info`");
        Targets::new().with_default(tracing::Level::INFO)
    });
    let _ = tracing_subscriber::registry()
        .with(tracing_subscriber::fmt::layer().with_target(false))
        .with(targets)
        .try_init();
}
