use clap::Parser;

/// See `mimalloc` in Cargo.toml: why not the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
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
