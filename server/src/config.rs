//! Command line and environment, read and checked once at start.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// At most one mail about new messages per reader per quarter of an hour, unless configured.
pub const DEFAULT_MESSAGE_DIGEST_SECONDS: i64 = 15 * 60;

#[derive(Debug, Parser)]
#[command(
    name = "bondgenoot-server",
    version,
    about = "Bondgenoot: server and API"
)]
pub struct Cli {
    /// Log filter, e.g. `info` or `bondgenoot_server=debug,info`.
    #[arg(long, env = "BONDGENOOT_LOG", default_value = "info", global = true)]
    pub log: String,

    /// Log lines as `text` (for people) or `json` (one object per line, for a log collector;
    /// each request's lines carry its method, route pattern and trace id).
    #[arg(
        long,
        env = "BONDGENOOT_LOG_FORMAT",
        default_value = "text",
        global = true
    )]
    pub log_format: LogFormat,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the API and the app (the default).
    Serve(Box<ServeArgs>),
    /// Invite the first `beheerder`: the account is made, and the one-time link to choose a
    /// password (and so no password on any command line) is mailed — or, when no SMTP relay is
    /// set, printed here.
    CreateBeheerder {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long)]
        email: String,
        #[arg(long)]
        naam: String,
        /// The address the server is reached at, for the link.
        #[arg(
            long,
            env = "BONDGENOOT_PUBLIC_URL",
            default_value = "http://127.0.0.1:8080"
        )]
        public_url: String,
        /// Set when the server sends mail: then the link goes by mail only.
        #[arg(long, env = "BONDGENOOT_SMTP")]
        smtp: Option<String>,
    },
    /// Load demo organisations, accounts and cases (clearly marked; for local use only).
    Demo {
        #[command(flatten)]
        db: DbArgs,
    },
    /// Back up the SQLite database and the documents into a new directory (the server may
    /// keep running). For PostgreSQL: `pg_dump` (README).
    Backup {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long)]
        to: PathBuf,
    },
    /// Restore a backup into a data directory that has no database yet.
    Restore {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long)]
        from: PathBuf,
    },
}

/// Where the database is: the SQLite file in the data directory, or PostgreSQL.
#[derive(Debug, Clone, Args)]
pub struct DbArgs {
    /// Directory for the SQLite database (and, later, stored documents).
    #[arg(long, env = "BONDGENOOT_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,

    /// The server key that codes and tokens are stored with (HMAC): a file of 32 random bytes
    /// in base64. Without it: `sleutel` in the data directory, made on first start. Keep it
    /// out of backups and give every instance the same one (README).
    #[arg(long, env = "BONDGENOOT_SECRET_KEY_FILE")]
    pub secret_key_file: Option<PathBuf>,

    /// A PostgreSQL URL (`postgres://…`) to use instead of the SQLite file. Read from the
    /// environment only, so the password does not show in the process list.
    #[arg(skip = std::env::var("BONDGENOOT_DATABASE_URL").ok())]
    pub database_url: Option<String>,

    /// PostgreSQL only: a URL of the role that owns the schema, to run the migrations as;
    /// the server then runs as the role of `BONDGENOOT_DATABASE_URL`, which may only read
    /// and add to the audit log (README, "PostgreSQL roles"). Environment only.
    #[arg(skip = std::env::var("BONDGENOOT_MIGRATION_DATABASE_URL").ok())]
    pub migration_database_url: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

impl Default for Command {
    fn default() -> Self {
        Command::Serve(Box::new(ServeArgs::parse_from_env()))
    }
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "BONDGENOOT_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: String,

    #[command(flatten)]
    pub db: DbArgs,

    /// Mark the session cookie `Secure`; set this when users reach the server over HTTPS.
    #[arg(long, env = "BONDGENOOT_SECURE_COOKIES")]
    pub secure_cookies: bool,

    /// The address citizens use to reach this server, for the links and QR codes they get
    /// (e.g. `https://bondgenoot.example.nl`). Without it: `http://` and the listen address.
    #[arg(long, env = "BONDGENOOT_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// SMTP relay for notification e-mails as `host:port`, e.g. `127.0.0.1:25` (a relay on
    /// this host; spoken to without TLS). Without it, mails wait in the outbox table.
    #[arg(long, env = "BONDGENOOT_SMTP")]
    pub smtp: Option<String>,

    /// Sender of notification e-mails.
    #[arg(
        long,
        env = "BONDGENOOT_MAIL_FROM",
        default_value = "Bondgenoot <noreply@bondgenoot.invalid>"
    )]
    pub mail_from: String,

    /// Where documents are kept: `s3://bucket/prefix` for an S3-compatible object store (with
    /// the usual `AWS_*` variables), or a directory. Without it: `documenten` in the data
    /// directory. Several instances need a store they all reach (README).
    #[arg(long, env = "BONDGENOOT_DOCUMENTS")]
    pub documents: Option<String>,

    /// Largest document file, in MB.
    #[arg(long, env = "BONDGENOOT_MAX_FILE_MB", default_value_t = 20)]
    pub max_file_mb: u64,

    /// Largest total of documents on one case, in MB.
    #[arg(long, env = "BONDGENOOT_MAX_CASE_MB", default_value_t = 200)]
    pub max_case_mb: u64,

    /// Directory with the knowledge articles (Markdown).
    #[arg(long, env = "BONDGENOOT_CONTENT", default_value = "content")]
    pub content: PathBuf,

    /// Directory with the built app (Trunk's `dist/`).
    #[arg(long, env = "BONDGENOOT_DIST", default_value = "dist")]
    pub dist: PathBuf,

    /// Seconds a client may take to send a request's headers (slowloris clients are cut off).
    #[arg(long, env = "BONDGENOOT_HEADER_TIMEOUT", default_value_t = 10)]
    pub header_timeout: u64,

    /// Seconds a request may take, body included (uploads excepted).
    #[arg(long, env = "BONDGENOOT_REQUEST_TIMEOUT", default_value_t = 30)]
    pub request_timeout: u64,

    /// Seconds an upload may send nothing before it is broken off.
    #[arg(long, env = "BONDGENOOT_UPLOAD_STALL", default_value_t = 30)]
    pub upload_stall: u64,

    /// Milliseconds before a refused guess at a secret is answered, counted from the request:
    /// a wrong password, code or date of birth, or one too many (README, "Refused guesses are
    /// answered slowly").
    #[arg(long, env = "BONDGENOOT_REFUSAL_DELAY_MS", default_value_t = 1000)]
    pub refusal_delay_ms: u64,

    /// Addresses of the proxies in front of the server (comma-separated, e.g. `127.0.0.1`):
    /// only from them is `X-Forwarded-For` believed, for the limits per client address.
    #[arg(long, env = "BONDGENOOT_TRUSTED_PROXIES", value_delimiter = ',')]
    pub trusted_proxies: Vec<std::net::IpAddr>,

    /// The figures page publishes no count below this (README, "Figures").
    #[arg(long, env = "BONDGENOOT_FIGURES_K", default_value_t = model::figures::DEFAULT_K, value_parser = clap::value_parser!(i64).range(2..))]
    pub figures_k: i64,

    /// At most one mail about new messages per reader in this many seconds (a digest).
    #[arg(long, env = "BONDGENOOT_MESSAGE_DIGEST_SECONDS", default_value_t = DEFAULT_MESSAGE_DIGEST_SECONDS, value_parser = clap::value_parser!(i64).range(1..))]
    pub message_digest_seconds: i64,

    /// Address for `GET /metrics` (Prometheus text format), e.g. `127.0.0.1:9464`: a separate
    /// port, so the public proxy never passes it on. Without it, no metrics are kept.
    #[arg(long, env = "BONDGENOOT_METRICS_ADDR")]
    pub metrics_addr: Option<String>,

    /// On SIGTERM: seconds that new requests are still served while the readiness route
    /// already answers 503 (for a balancer that polls it; nginx here does not).
    #[arg(long, env = "BONDGENOOT_STOP_DELAY", default_value_t = 0)]
    pub stop_delay: u64,

    /// On SIGTERM, after the listener closed: seconds requests in flight (uploads too) and
    /// running jobs may take to finish.
    #[arg(long, env = "BONDGENOOT_DRAIN_SECONDS", default_value_t = 30)]
    pub drain_seconds: u64,

    /// Connections served at once; more wait in the kernel's queue. Each costs memory (see
    /// `listen::MAX_CONNECTIONS`): raise it only with the memory to match.
    #[arg(long, env = "BONDGENOOT_MAX_CONNECTIONS", default_value_t = crate::listen::MAX_CONNECTIONS)]
    pub max_connections: usize,

    /// For crash tests only: a deliberate stop (`stall-after-step-commit`). Never set it in
    /// real use.
    #[arg(skip = std::env::var("BONDGENOOT_FAULT").ok())]
    pub fault: Option<String>,
}

impl ServeArgs {
    pub fn limits(&self) -> crate::listen::ClientLimits {
        crate::listen::ClientLimits {
            header_read: std::time::Duration::from_secs(self.header_timeout.max(1)),
            request: std::time::Duration::from_secs(self.request_timeout.max(1)),
            upload_stall: std::time::Duration::from_secs(self.upload_stall.max(1)),
            max_connections: self.max_connections.max(1),
            refusal_floor: std::time::Duration::from_millis(self.refusal_delay_ms),
        }
    }

    pub fn stop_times(&self) -> crate::stopping::StopTimes {
        crate::stopping::StopTimes {
            delay: std::time::Duration::from_secs(self.stop_delay),
            drain: std::time::Duration::from_secs(self.drain_seconds),
        }
    }

    /// `serve` given without its own flags: take the settings from the environment.
    fn parse_from_env() -> Self {
        #[derive(Parser)]
        struct Only {
            #[command(flatten)]
            args: ServeArgs,
        }
        Only::parse_from(["bondgenoot-server"]).args
    }
}
