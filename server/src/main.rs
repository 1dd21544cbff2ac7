use clap::Parser;

/// See `mimalloc` in Cargo.toml: why not the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Threads for blocking work at most (Tokio's default is 512). The work itself is bounded
/// (database units of work by the pool's slots, password hashes by `crypto::Limiter`), but
/// Tokio starts a new thread whenever none is idle at that moment: under a flood of 4,000
/// parallel sign-ins the pool grew to about a hundred threads for a dozen tasks at a time.
const BLOCKING_THREADS: usize = 64;

fn main() -> std::process::ExitCode {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(BLOCKING_THREADS)
        .build();
    match runtime {
        Ok(runtime) => runtime.block_on(serve()),
        Err(err) => {
            eprintln!("bondgenoot-server: cannot start: {err}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn serve() -> std::process::ExitCode {
    let cli = bondgenoot_server::config::Cli::parse();
    bondgenoot_server::telemetry::init(&cli.log, cli.log_format);
    match bondgenoot_server::run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            // With the causes: "database: …" alone does not say what to fix.
            let err = bondgenoot_server::telemetry::chain(&err);
            tracing::error!(error = %err, "server stopped with an error");
            eprintln!("bondgenoot-server: {err}");
            std::process::ExitCode::FAILURE
        }
    }
}
