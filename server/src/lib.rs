//! Bondgenoot's HTTP server: the JSON API under `/api` and the built single-page app.

pub mod access;
pub mod backup;
pub mod clock;
pub mod config;
pub mod crypto;
pub mod demo;
pub mod documents;
pub mod error;
pub mod expected;
pub mod http;
pub mod jobs;
pub mod knowledge;
pub mod letters;
pub mod listen;
pub mod mail;
pub mod measure;
pub mod passwords;
pub mod recent;
pub mod stopping;
pub mod store;
pub mod telemetry;
pub mod totp;
pub mod trace;
pub mod workflow;

use std::sync::Arc;

use config::{Cli, Command, DbArgs, ServeArgs};

/// Everything a request handler may need: [`Shared`] behind one `Arc`, so the clones axum
/// makes for every extractor and middleware of a request cost one count each, not one per
/// field (they showed in the status lookup's profile). Holds no per-user state, so several
/// instances can run side by side on one database. Made by [`AppState::new`] only, for the
/// server and the tests alike.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// What an [`AppState`] holds.
pub struct Shared {
    pub db: store::db::Db,
    /// The only way to move a case (see [`workflow`]).
    pub workflow: workflow::Workflow,
    pub site: Arc<http::spa::Site>,
    pub library: Arc<knowledge::Library>,
    /// `Secure` cookies with a name prefix, and HSTS, when served over HTTPS.
    pub cookies: http::extract::CookiePolicy,
    /// Scheme, host and port citizens reach the server at, without a trailing slash.
    pub public_url: Arc<str>,
    /// Where document files are kept, and their size limits.
    pub documents: Arc<documents::DocumentStore>,
    /// How long a request and an upload may take (`listen`).
    pub limits: listen::ClientLimits,
    /// Proxies whose `X-Forwarded-For` names the client (`http::extract::ClientAddress`).
    pub trusted_proxies: Arc<[std::net::IpAddr]>,
    /// The figures page publishes no count below this (`model::figures`).
    pub figures_k: i64,
    /// How long a step usually takes, for the case pages.
    pub expected: Arc<expected::ExpectedTimes>,
    /// The figures page's counts per period and organisation, kept for a minute.
    pub figures: Arc<recent::Recent<http::figures::FiguresKey, store::figures::Raw>>,
    /// Set on SIGTERM: the readiness route then answers 503.
    pub stopping: Arc<stopping::Stopping>,
}

/// What an [`AppState`] is made of besides the database.
pub struct Settings {
    pub site: http::spa::Site,
    pub library: knowledge::Library,
    pub secure_cookies: bool,
    /// Scheme, host and port citizens reach the server at.
    pub public_url: String,
    pub documents: documents::DocumentStore,
    pub fault: Option<workflow::Fault>,
    pub limits: listen::ClientLimits,
    pub trusted_proxies: Vec<std::net::IpAddr>,
    pub figures_k: i64,
    /// How long the expected times per step are kept ([`expected::REFRESH`]), and the
    /// figures page's counts ([`http::figures::REFRESH`]); tests give zero for both.
    pub expected_refresh: std::time::Duration,
    pub figures_refresh: std::time::Duration,
}

impl AppState {
    pub fn new(db: store::db::Db, settings: Settings) -> AppState {
        let public_url = settings.public_url.trim_end_matches('/');
        AppState(Arc::new(Shared {
            workflow: workflow::Workflow::new(db.clone(), public_url, settings.fault),
            db,
            site: Arc::new(settings.site),
            library: Arc::new(settings.library),
            // Over HTTPS, by the public address or because the proxy in front says so.
            cookies: http::extract::CookiePolicy {
                secure: settings.secure_cookies || public_url.starts_with("https://"),
            },
            public_url: public_url.into(),
            documents: Arc::new(settings.documents),
            limits: settings.limits,
            trusted_proxies: settings.trusted_proxies.into(),
            figures_k: settings.figures_k,
            expected: Arc::new(expected::ExpectedTimes::new(
                settings.figures_k,
                settings.expected_refresh,
            )),
            figures: Arc::new(recent::Recent::new(settings.figures_refresh)),
            stopping: Arc::default(),
        }))
    }
}

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("database: {0}")]
    Database(#[from] store::db::DbError),
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
        Command::Serve(args) => serve(*args).await,
        Command::CreateBeheerder {
            db,
            email,
            naam,
            public_url,
            smtp,
        } => create_beheerder(&db, &email, &naam, &public_url, smtp.as_deref()).await,
        Command::Backup { db, to } => copy_command(&db, to, "Backup gemaakt", backup::backup).await,
        Command::Restore { db, from } => {
            let restore =
                |dir: &std::path::Path, from: &std::path::Path| backup::restore(from, dir);
            copy_command(&db, from, "Backup teruggezet", restore).await
        }
        Command::Demo { db } => {
            install_server_key(&db)?;
            let db = open_db(&db).await?;
            // Demo steps queue their mails like real ones; links in them point here.
            let public_url = std::env::var("BONDGENOOT_PUBLIC_URL")
                .unwrap_or_else(|_| "http://127.0.0.1:8080".into());
            let workflow = workflow::Workflow::new(db.clone(), &public_url, None);
            let loaded = demo::load(&workflow, &db)
                .await
                .map_err(|err| StartError::Command(telemetry::chain(&err)))?;
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

async fn create_beheerder(
    args: &DbArgs,
    email: &str,
    naam: &str,
    public_url: &str,
    smtp: Option<&str>,
) -> Result<(), StartError> {
    install_server_key(args)?;
    let email = model::domain::Email::parse(email).map_err(|err| {
        StartError::Command(err.message(model::Text::new("het e-mailadres", "the e-mail address")))
    })?;
    let naam = model::domain::PersonName::parse(naam)
        .map_err(|err| StartError::Command(err.message(model::Text::new("de naam", "the name"))))?;
    let db = open_db(args).await?;
    let public_url = public_url.trim_end_matches('/').to_owned();
    let (_, token) = store::beheer::invite(
        &db,
        None,
        naam.as_str().to_owned(),
        email.as_str().to_owned(),
        model::beheer::Assignment::Beheerder,
        public_url.clone(),
    )
    .await
    .map_err(|err| StartError::Command(telemetry::chain(&err)))?;
    println!("Beheerder {} uitgenodigd.", email.as_str());
    if smtp.is_none() {
        println!(
            "Er is geen mailserver ingesteld. Open deze link om het wachtwoord te kiezen \
             (72 uur geldig, één keer):\n{public_url}/account/uitnodiging#{token}"
        );
    } else {
        println!("De link om het wachtwoord te kiezen gaat per e-mail (72 uur geldig).");
    }
    Ok(())
}

async fn serve(args: ServeArgs) -> Result<(), StartError> {
    listen::raise_open_files_limit();
    install_server_key(&args.db)?;
    let db = open_db(&args.db).await?;
    let site = http::spa::Site::load(&args.dist)?;
    let library = knowledge::Library::load(&args.content)?;
    let public_url = args
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{}", args.addr));
    let documents = documents::DocumentStore::configured(
        args.documents.as_deref(),
        &args.db.data_dir,
        args.max_file_mb,
        args.max_case_mb,
    )
    .map_err(|err| StartError::Command(format!("documenten: {err}")))?;
    let fault = match args.fault.as_deref() {
        None => None,
        Some(name) => Some(
            workflow::Fault::parse(name)
                .ok_or_else(|| StartError::Command(format!("unknown BONDGENOOT_FAULT {name:?}")))?,
        ),
    };
    let state = AppState::new(
        db.clone(),
        Settings {
            site,
            library,
            secure_cookies: args.secure_cookies,
            public_url,
            documents,
            fault,
            limits: args.limits(),
            trusted_proxies: args.trusted_proxies.clone(),
            figures_k: args.figures_k,
            expected_refresh: expected::REFRESH,
            figures_refresh: http::figures::REFRESH,
        },
    );
    let mailer = match &args.smtp {
        Some(url) => Some(mail::Mailer::new(url, &args.mail_from).map_err(StartError::Command)?),
        None => None,
    };
    if let Some(addr) = &args.metrics_addr {
        let handle = measure::install();
        let metrics = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| StartError::Listen {
                addr: addr.clone(),
                source,
            })?;
        tracing::info!(addr = %addr, "metrics at /metrics");
        let router = http::metrics::router(handle, db.clone());
        tokio::spawn(async move {
            if let Err(err) = axum::serve(metrics, router).await {
                tracing::error!(error = %err, "metrics address stopped");
            }
        });
    }
    // After the metrics recorder: a job's first run, at once, is counted.
    let jobs = jobs::start(
        state.workflow.clone(),
        db.clone(),
        mailer,
        state.documents.clone(),
        args.message_digest_seconds,
        state.stopping.clone(),
    );
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
    let limits = state.limits;
    let times = args.stop_times();
    let stopping = state.stopping.clone();
    let signal = async move {
        shutdown_signal().await;
        stopping.begin();
        tracing::info!(
            delay_s = times.delay.as_secs(),
            "stopping: readiness answers 503, requests are still served for the delay"
        );
        tokio::time::sleep(times.delay).await;
    };
    listen::serve(listener, http::app(state), limits, signal, times.drain).await;
    // Jobs finish the run they are in (a mail half sent would be sent again elsewhere).
    if tokio::time::timeout(times.drain, jobs.finish())
        .await
        .is_err()
    {
        tracing::warn!("a job was still running after the drain period");
    }
    db.audit().flush().await;
    tracing::info!("stopped");
    Ok(())
}

/// Reads (or makes, on first start) the server key and installs it for this process.
fn install_server_key(db: &DbArgs) -> Result<(), StartError> {
    let path = match &db.secret_key_file {
        Some(path) => path.clone(),
        None => {
            std::fs::create_dir_all(&db.data_dir)
                .map_err(|err| StartError::Command(format!("{}: {err}", db.data_dir.display())))?;
            db.data_dir.join("sleutel")
        }
    };
    crypto::ServerKey::load_or_create(&path)
        .map_err(|err| StartError::Command(format!("server key: {err}")))?
        .install();
    Ok(())
}

/// Backup and restore are for the SQLite file; PostgreSQL has `pg_dump` (README).
fn sqlite_only(
    db: &DbArgs,
    path: std::path::PathBuf,
) -> Result<(std::path::PathBuf, std::path::PathBuf), StartError> {
    if db.database_url.is_some() {
        return Err(StartError::Command(
            "this is for the SQLite database; for PostgreSQL use pg_dump (see the README)".into(),
        ));
    }
    Ok((db.data_dir.clone(), path))
}

/// Runs a backup or a restore (`work` gets the data directory and the other directory) off
/// the async threads, and says what it copied.
async fn copy_command(
    db: &DbArgs,
    other: std::path::PathBuf,
    done: &str,
    work: fn(&std::path::Path, &std::path::Path) -> Result<backup::Report, backup::BackupError>,
) -> Result<(), StartError> {
    let (dir, other) = sqlite_only(db, other)?;
    let report = tokio::task::spawn_blocking(move || work(&dir, &other))
        .await
        .map_err(|err| StartError::Command(err.to_string()))?
        .map_err(|err| StartError::Command(err.to_string()))?;
    println!("{done}: de database en {} documenten.", report.documents);
    if !report.missing.is_empty() {
        println!(
            "Let op: {} documentbestanden waren al verwijderd: {}",
            report.missing.len(),
            report.missing.join(", ")
        );
    }
    Ok(())
}

/// PostgreSQL when a URL is given, else the SQLite file in the data directory.
async fn open_db(args: &DbArgs) -> Result<store::db::Db, store::db::DbError> {
    match &args.database_url {
        Some(url) => {
            store::db::Db::connect_migrating_as(url, args.migration_database_url.as_deref()).await
        }
        None => store::db::Db::open_in_dir(&args.data_dir).await,
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
