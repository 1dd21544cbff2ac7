//! Bondgenoot's HTTP server: the JSON API under `/api` and the built single-page app.

pub mod auth;
pub mod config;
pub mod db;
pub mod demo;
pub mod documents;
pub mod error;
pub mod http;
pub mod jobs;
pub mod knowledge;
pub mod mail;
pub mod store;
pub mod telemetry;

use std::sync::Arc;

use axum::serve::ListenerExt;
use config::{Cli, Command, DbArgs, ServeArgs};

/// Everything a request handler may need. Cheap to clone; holds no per-user state,
/// so several instances can run side by side on one database.
#[derive(Clone)]
pub struct AppState {
    pub db: db::Db,
    pub site: Arc<http::spa::Site>,
    pub library: Arc<knowledge::Library>,
    /// Mark the session cookie `Secure` (set when served over HTTPS, e.g. behind a proxy).
    pub secure_cookies: bool,
    /// Scheme, host and port citizens reach the server at, without a trailing slash.
    pub public_url: Arc<str>,
    /// Where document files are kept, and their size limits.
    pub documents: Arc<documents::DocumentStore>,
}

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("database: {0}")]
    Database(#[from] db::DbError),
    #[error("{0}")]
    Command(String),
    #[error("app files: {0}")]
    Site(#[from] http::spa::SiteError),
    #[error("knowledge articles: {0}")]
    Articles(#[from] knowledge::ArticleError),
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        addr: String,
        source: std::io::Error,
    },
}

/// Runs the command the user gave.
pub async fn run(cli: Cli) -> Result<(), StartError> {
    match cli.command.unwrap_or_default() {
        Command::Serve(args) => serve(args).await,
        Command::CreateBeheerder { db, email, naam } => create_beheerder(&db, &email, &naam).await,
        Command::Demo { db } => {
            let db = open_db(&db).await?;
            let loaded = demo::load(&db)
                .await
                .map_err(|err| StartError::Command(err.to_string()))?;
            if loaded {
                println!(
                    "Demogegevens geladen. Inloggen met wachtwoord '{}' als {}, {} of {}.",
                    demo::PASSWORD,
                    demo::HELPER,
                    demo::STAFF,
                    demo::ADMIN
                );
            } else {
                println!("Demogegevens waren al geladen.");
            }
            Ok(())
        }
    }
}

async fn create_beheerder(args: &DbArgs, email: &str, naam: &str) -> Result<(), StartError> {
    let email = model::domain::Email::parse(email)
        .map_err(|err| StartError::Command(err.message("het e-mailadres")))?;
    let naam = model::domain::PersonName::parse(naam)
        .map_err(|err| StartError::Command(err.message("de naam")))?;
    let mut password = String::new();
    std::io::stdin()
        .read_line(&mut password)
        .map_err(|err| StartError::Command(format!("cannot read the password: {err}")))?;
    let password = password.trim_end_matches(['\r', '\n']).to_owned();
    if password.chars().count() < 12 {
        return Err(StartError::Command(
            "Het wachtwoord is te kort. Gebruik minstens 12 tekens.".into(),
        ));
    }
    let db = open_db(args).await?;
    let hash = auth::hash_password(password)
        .await
        .map_err(|err| StartError::Command(err.to_string()))?;
    store::accounts::create_account(
        &db,
        None,
        email.as_str(),
        naam.as_str(),
        model::lifecycle::Role::Beheerder,
        &hash,
    )
    .await
    .map_err(|err| StartError::Command(err.to_string()))?;
    println!("Beheerder {} aangemaakt.", email.as_str());
    Ok(())
}

async fn serve(args: ServeArgs) -> Result<(), StartError> {
    let db = open_db(&args.db).await?;
    let site = http::spa::Site::load(&args.dist)?;
    let library = knowledge::Library::load(&args.content)?;
    let public_url = args
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{}", args.addr));
    let state = AppState {
        db: db.clone(),
        site: Arc::new(site),
        library: Arc::new(library),
        secure_cookies: args.secure_cookies,
        public_url: public_url.trim_end_matches('/').into(),
        documents: Arc::new(
            documents::DocumentStore::open(
                &args.db.data_dir.join("documenten"),
                args.max_file_mb,
                args.max_case_mb,
            )
            .map_err(|err| StartError::Command(format!("documentenmap: {err}")))?,
        ),
    };
    let mailer = match &args.smtp {
        Some(url) => Some(mail::Mailer::new(url, &args.mail_from).map_err(StartError::Command)?),
        None => None,
    };
    jobs::start(db, public_url.trim_end_matches('/').to_owned(), mailer);
    let listener = tokio::net::TcpListener::bind(&args.addr)
        .await
        .map_err(|source| StartError::Listen {
            addr: args.addr.clone(),
            source,
        })?;
    let local = listener.local_addr().map_err(|source| StartError::Listen {
        addr: args.addr.clone(),
        source,
    })?;
    // Scripts and tests wait for this exact line to know the server is up.
    println!("Bondgenoot luistert op http://{local}");
    tracing::info!(%local, "listening");
    // Without TCP_NODELAY, a response written in two parts (headers, then a body of a few KB)
    // waits ~40 ms for the client's delayed ACK (Nagle): static files then crawl under load.
    let listener = listener.tap_io(|tcp| {
        if let Err(err) = tcp.set_nodelay(true) {
            tracing::warn!(error = %err, "cannot set TCP_NODELAY");
        }
    });
    axum::serve(listener, http::app(state))
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|source| StartError::Listen {
            addr: args.addr,
            source,
        })
}

/// PostgreSQL when a URL is given, else the SQLite file in the data directory.
async fn open_db(args: &DbArgs) -> Result<db::Db, db::DbError> {
    match &args.database_url {
        Some(url) => db::Db::connect(url).await,
        None => db::Db::open_in_dir(&args.data_dir).await,
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
