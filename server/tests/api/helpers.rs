use std::path::Path;

use bondgenoot_server::listen::{self, ClientLimits};
use bondgenoot_server::store::assignment::TeamRights;
use bondgenoot_server::store::db::{Backend, Db};
use bondgenoot_server::store::schema;
use bondgenoot_server::workflow::Workflow;
use bondgenoot_server::{crypto, http, http::spa::Site, store, AppState, Settings};
use diesel::prelude::*;
use model::lifecycle::Role;
use serde_json::Value;
use tempfile::TempDir;

/// A running server and what it uses (temporary directories are removed on drop).
pub struct TestApp {
    pub address: String,
    pub db: Db,
    /// The app's own workflow, for jobs a test runs by hand.
    pub workflow: Workflow,
    /// Where this app keeps document files.
    pub documents_dir: std::path::PathBuf,
    _data: TempDir,
    _dist: TempDir,
}

/// The inline loader script in the fake `index.html`, so tests can check the CSP hash.
pub const INLINE_SCRIPT: &str = "import init from '/app-0123456789abcdef.js'; await init();";
/// The public app's inline loader (start page, about).
pub const PUBLIC_INLINE_SCRIPT: &str =
    "import init from '/publiek/p-0123456789abcdef.js'; await init();";
/// The staff's case page's inline loader.
pub const STAFF_CASE_INLINE_SCRIPT: &str =
    "import init from '/behandeling/s-0123456789abcdef.js'; await init();";
/// The case form's inline loader.
pub const FORM_INLINE_SCRIPT: &str =
    "import init from '/formulier/f-0123456789abcdef.js'; await init();";
/// The citizen's app's inline loader (consent, status, the intermediair's page).
pub const CITIZEN_INLINE_SCRIPT: &str =
    "import init from '/burger/c-0123456789abcdef.js'; await init();";
/// The case app's inline loader (following a case, the backoffice).
pub const WORK_INLINE_SCRIPT: &str =
    "import init from '/zaak/z-0123456789abcdef.js'; await init();";
/// The backoffice app's inline loader.
pub const BACKOFFICE_INLINE_SCRIPT: &str =
    "import init from '/backoffice-app/b-0123456789abcdef.js'; await init();";
/// The beheer app's inline loader.
pub const BEHEER_INLINE_SCRIPT: &str =
    "import init from '/beheer-app/m-0123456789abcdef.js'; await init();";
/// The supervision app's inline loader.
pub const TOEZICHT_INLINE_SCRIPT: &str =
    "import init from '/toezicht-app/t-0123456789abcdef.js'; await init();";
pub const PASSWORD: &str = "een lang wachtwoord voor tests";

/// Runs each test body once on SQLite and once on PostgreSQL.
#[macro_export]
macro_rules! on_both_backends {
    ($(async fn $name:ident($app:ident: TestApp) $body:block)*) => {
        mod sqlite {
            #[allow(unused_imports)]
            use super::*;
            $(#[tokio::test] async fn $name() {
                let $app = $crate::helpers::spawn_app_on(bondgenoot_server::store::db::Backend::Sqlite).await;
                $body
            })*
        }
        mod postgres {
            #[allow(unused_imports)]
            use super::*;
            $(#[tokio::test] async fn $name() {
                let Some($app) = $crate::helpers::spawn_postgres_app().await else { return };
                $body
            })*
        }
    };
}

/// Starts the app on 127.0.0.1:0 with a new SQLite database.
pub async fn spawn_app() -> TestApp {
    spawn_app_on(Backend::Sqlite).await
}

/// The PostgreSQL variant, when `BONDGENOOT_TEST_POSTGRES` names a server (an admin URL):
/// each test gets a database of its own. Without it the test is skipped, except on CI.
pub async fn spawn_postgres_app() -> Option<TestApp> {
    if std::env::var("BONDGENOOT_TEST_POSTGRES").is_err() {
        assert!(
            std::env::var("CI").is_err(),
            "CI must run the PostgreSQL tests: set BONDGENOOT_TEST_POSTGRES (scripts/test does)"
        );
        eprintln!("skipped: BONDGENOOT_TEST_POSTGRES is not set");
        return None;
    }
    Some(spawn_app_on(Backend::Postgres).await)
}

pub async fn spawn_app_on(backend: Backend) -> TestApp {
    spawn_app_on_with(backend, Options::default()).await
}

/// How a test app is set up beyond its database.
pub struct Options {
    pub limits: ClientLimits,
    /// Proxies whose `X-Forwarded-For` counts (to play several client addresses).
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Another address citizens reach the server at (e.g. `https://…`).
    pub public_url: Option<String>,
    /// Where documents go, instead of `documenten` in the data directory.
    pub documents: Option<bondgenoot_server::documents::DocumentStore>,
}

impl Default for Options {
    /// The server's defaults, except that refused guesses are answered at once: many tests
    /// guess wrong on purpose, and `guessing::refused_guesses_wait_for_the_floor_in_parallel`
    /// holds the real floor.
    fn default() -> Self {
        Options {
            limits: ClientLimits {
                refusal_floor: std::time::Duration::ZERO,
                ..ClientLimits::default()
            },
            trusted_proxies: Vec::new(),
            public_url: None,
            documents: None,
        }
    }
}

pub async fn spawn_app_on_with(backend: Backend, options: Options) -> TestApp {
    let data = TempDir::new().expect("temp data dir");
    let db = match backend {
        Backend::Sqlite => Db::open_in_dir(data.path()).await.expect("database opens"),
        // As in a real installation: the migrations run as the schema's owner, the server as
        // a role that may only read and add to the audit log (`scripts/postgres` makes both).
        Backend::Postgres => {
            let owner = new_postgres_database();
            let server = owner.replacen(
                "bondgenoot_test:bondgenoot_test@",
                "bondgenoot_app_test:bondgenoot_app_test@",
                1,
            );
            assert_ne!(server, owner, "the test URL names the owner role");
            Db::connect_migrating_as(&server, Some(&owner))
                .await
                .expect("database opens")
        }
    };
    spawn_app_configured(data, db, options).await
}

/// A new, empty database on the test PostgreSQL server; its URL.
pub fn new_postgres_database() -> String {
    let admin_url = std::env::var("BONDGENOOT_TEST_POSTGRES").expect("admin URL");
    let name = format!("bg_test_{}", crypto::random_u64().unwrap());
    create_postgres_database(&admin_url, &name);
    let (base, _) = admin_url.rsplit_once('/').expect("URL has a database name");
    format!("{base}/{name}")
}

/// Starts the app on 127.0.0.1:0 on a database already opened, with its documents in
/// `data/documenten`.
pub async fn spawn_app_with(data: TempDir, db: Db) -> TestApp {
    spawn_app_configured(data, db, Options::default()).await
}

/// [`spawn_app_with`] with other [`Options`].
pub async fn spawn_app_configured(data: TempDir, db: Db, options: Options) -> TestApp {
    let Options {
        limits,
        trusted_proxies,
        public_url,
        documents,
    } = options;
    // One key for every app of this test process, as one installation has one.
    bondgenoot_server::crypto::ServerKey::from_bytes([7; 32]).install();
    let dist = TempDir::new().expect("temp dist dir");
    write_dist(dist.path());
    let site = Site::load(dist.path()).expect("site loads");
    let state = AppState::new(
        db.clone(),
        Settings {
            site,
            library: bondgenoot_server::knowledge::Library::load(
                &std::path::Path::new(
                    &std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
                )
                .join("../content"),
            )
            .expect("articles load"),
            secure_cookies: false,
            public_url: public_url.unwrap_or_else(|| "http://bondgenoot.test".into()),
            documents: documents.unwrap_or_else(|| {
                bondgenoot_server::documents::DocumentStore::open(
                    &data.path().join("documenten"),
                    1,
                    3,
                )
                .expect("document store")
            }),
            fault: None,
            limits,
            trusted_proxies,
            figures_k: model::figures::DEFAULT_K,
            // Every case view computes them anew: tests add cases and read at once.
            expected_refresh: std::time::Duration::ZERO,
            figures_refresh: std::time::Duration::ZERO,
        },
    );
    let workflow = state.workflow.clone();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a free port");
    let address = format!("http://{}", listener.local_addr().expect("local address"));
    tokio::spawn(listen::serve(
        listener,
        http::app(state),
        limits,
        std::future::pending(),
        std::time::Duration::from_secs(1),
    ));
    TestApp {
        address,
        db,
        workflow,
        documents_dir: data.path().join("documenten"),
        _data: data,
        _dist: dist,
    }
}

pub fn write_dist(dir: &Path) {
    let index = format!(
        "<!doctype html><html lang=\"nl\"><head>\
         <script type=\"module\">{INLINE_SCRIPT}</script>\
         <script src=\"/other.js\"></script><link href=/app-0123456789abcdef.css rel=stylesheet></head><body></body></html>"
    );
    std::fs::write(dir.join("index.html"), index).expect("write index.html");
    let public = format!(
        "<!doctype html><html lang=\"nl\"><head><title>publiek</title>\
         <script type=\"module\">{PUBLIC_INLINE_SCRIPT}</script></head><body></body></html>"
    );
    std::fs::create_dir_all(dir.join("publiek")).expect("mkdir publiek");
    std::fs::write(dir.join("publiek/index.html"), &public).expect("write publiek/index.html");
    // What e2e/build/first-paint.mjs writes: the page of `/over` with its first view.
    std::fs::create_dir_all(dir.join("first-paint")).expect("mkdir first-paint");
    std::fs::write(
        dir.join("first-paint/over.html"),
        public.replace(
            "<body></body>",
            r#"<body><main id="inhoud" data-first-paint=""><h1>Over Bondgenoot</h1></main></body>"#,
        ),
    )
    .expect("write first-paint/over.html");
    let citizen = format!(
        "<!doctype html><html lang=\"nl\"><head><title>burger</title>\
         <script type=\"module\">{CITIZEN_INLINE_SCRIPT}</script></head><body></body></html>"
    );
    std::fs::create_dir_all(dir.join("behandeling")).expect("mkdir behandeling");
    std::fs::write(
        dir.join("behandeling/index.html"),
        format!("<!doctype html><html lang=\"nl\"><head><title>behandeling</title><script type=\"module\">{STAFF_CASE_INLINE_SCRIPT}</script></head><body></body></html>"),
    )
    .expect("write behandeling/index.html");
    std::fs::create_dir_all(dir.join("formulier")).expect("mkdir formulier");
    std::fs::write(
        dir.join("formulier/index.html"),
        format!("<!doctype html><html lang=\"nl\"><head><title>formulier</title><script type=\"module\">{FORM_INLINE_SCRIPT}</script></head><body></body></html>"),
    )
    .expect("write formulier/index.html");
    std::fs::create_dir_all(dir.join("burger")).expect("mkdir burger");
    std::fs::write(dir.join("burger/index.html"), citizen).expect("write burger/index.html");
    let work = format!(
        "<!doctype html><html lang=\"nl\"><head><title>zaak</title>\
         <script type=\"module\">{WORK_INLINE_SCRIPT}</script></head><body></body></html>"
    );
    std::fs::create_dir_all(dir.join("zaak")).expect("mkdir zaak");
    std::fs::write(dir.join("zaak/index.html"), work).expect("write zaak/index.html");
    std::fs::create_dir_all(dir.join("backoffice-app")).expect("mkdir backoffice-app");
    std::fs::write(
        dir.join("backoffice-app/index.html"),
        format!("<!doctype html><html lang=\"nl\"><head><title>backoffice</title><script type=\"module\">{BACKOFFICE_INLINE_SCRIPT}</script></head><body></body></html>"),
    )
    .expect("write backoffice-app/index.html");
    std::fs::create_dir_all(dir.join("beheer-app")).expect("mkdir beheer-app");
    std::fs::write(
        dir.join("beheer-app/index.html"),
        format!("<!doctype html><html lang=\"nl\"><head><title>beheer</title><script type=\"module\">{BEHEER_INLINE_SCRIPT}</script></head><body></body></html>"),
    )
    .expect("write beheer-app/index.html");
    std::fs::create_dir_all(dir.join("toezicht-app")).expect("mkdir toezicht-app");
    std::fs::write(
        dir.join("toezicht-app/index.html"),
        format!("<!doctype html><html lang=\"nl\"><head><title>toezicht</title><script type=\"module\">{TOEZICHT_INLINE_SCRIPT}</script></head><body></body></html>"),
    )
    .expect("write toezicht-app/index.html");
    // The English build (dist/en/): each app's page in English, and the about page's first
    // view.
    for app in model::routes::App::ALL {
        let folder = app.dist_dir();
        let dutch = std::fs::read_to_string(dir.join(folder).join("index.html")).expect("a page");
        let english_dir = dir.join("en").join(folder);
        std::fs::create_dir_all(&english_dir).expect("mkdir en/…");
        std::fs::write(
            english_dir.join("index.html"),
            dutch.replace("<html lang=\"nl\">", "<html lang=\"en\">"),
        )
        .expect("write en/…/index.html");
    }
    std::fs::create_dir_all(dir.join("en/first-paint")).expect("mkdir en/first-paint");
    std::fs::write(
        dir.join("en/first-paint/over.html"),
        public.replace("<html lang=\"nl\">", "<html lang=\"en\">").replace(
            "<body></body>",
            r#"<body><main id="inhoud" data-first-paint=""><h1>About Bondgenoot</h1></main></body>"#,
        ),
    )
    .expect("write en/first-paint/over.html");
    std::fs::write(dir.join("app-0123456789abcdef.js"), "export default 1;").expect("write js");
    // What the build's precompression writes beside a file (the bytes stand in for brotli).
    std::fs::write(dir.join("app-0123456789abcdef.js.br"), "brotli bytes").expect("write js.br");
    std::fs::write(dir.join("robots.txt"), "User-agent: *\nDisallow: /\n").expect("write robots");
    // A large file with both compressed copies, as a Wasm bundle: its plain bytes stay on disk.
    let wasm: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
    std::fs::write(dir.join("app-fedcba9876543210_bg.wasm"), &wasm).expect("write wasm");
    std::fs::write(dir.join("app-fedcba9876543210_bg.wasm.br"), "brotli wasm").expect("write .br");
    std::fs::write(dir.join("app-fedcba9876543210_bg.wasm.gz"), "gzip wasm").expect("write .gz");
}

/// A browser-like client of one person: keeps its cookie and sends the CSRF token.
#[derive(Clone)]
pub struct Client {
    pub http: reqwest::Client,
    pub address: String,
    pub csrf: Option<String>,
}

impl Client {
    /// A client of a server at `address`, not signed in.
    pub fn anonymous_at(address: &str) -> Client {
        Client {
            http: reqwest::Client::builder()
                .cookie_store(true)
                .no_gzip()
                .build()
                .expect("client builds"),
            address: address.to_owned(),
            csrf: None,
        }
    }

    /// A client signed in to an existing account of the server at `address`.
    pub async fn signed_in_at(address: &str, email: &str, password: &str) -> Client {
        let mut client = Client::anonymous_at(address);
        let response = client
            .post_json(
                "/api/sessies",
                &serde_json::json!({"email": email, "wachtwoord": password}),
            )
            .await;
        assert_eq!(response.status(), 201, "sign-in works");
        let me: Value = response.json().await.unwrap();
        client.csrf = Some(me["csrf_token"].as_str().unwrap().to_owned());
        client
    }
}

impl TestApp {
    pub fn anonymous(&self) -> Client {
        Client::anonymous_at(&self.address)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.anonymous().get(path).await
    }

    pub async fn organisation(&self, name: &str) -> i64 {
        store::accounts::create_organisation(&self.db, name, false)
            .await
            .expect("organisation")
    }

    /// Creates an account and returns a signed-in client for it. The account signs in
    /// without a second factor (as demo mode's do); `two_factor.rs` tests that step.
    pub async fn user(&self, role: Role, organisation: Option<i64>, email: &str) -> Client {
        let id = self.account(role, organisation, email).await;
        store::accounts::exempt_from_second_factor(&self.db, id)
            .await
            .expect("exempt");
        self.sign_in(email, PASSWORD).await
    }

    /// Creates an account with [`PASSWORD`], not signed in; returns its id.
    pub async fn account(&self, role: Role, organisation: Option<i64>, email: &str) -> i64 {
        let hash = crypto::hash_password(PASSWORD.into()).await.expect("hash");
        store::accounts::create_account(&self.db, organisation, email, "Test Persoon", role, &hash)
            .await
            .expect("account")
    }

    /// A client signed in to an existing account.
    pub async fn sign_in(&self, email: &str, password: &str) -> Client {
        Client::signed_in_at(&self.address, email, password).await
    }

    /// The password step of a sign-in that needs a second factor: the client holds the
    /// step's cookie; the answer says what comes next (`{"stap": "code"}` or the set-up).
    pub async fn password_step(&self, email: &str, password: &str) -> (Client, Value) {
        let client = self.anonymous();
        let response = client
            .post_json(
                "/api/sessies",
                &serde_json::json!({"email": email, "wachtwoord": password}),
            )
            .await;
        assert_eq!(response.status(), 202, "a second step is due");
        let step = response.json().await.unwrap();
        (client, step)
    }

    /// Signs in an account whose second factor is due to be set up, with the app's code
    /// computed from the shown secret. Returns the client, the secret and the recovery codes.
    pub async fn sign_in_setting_up(
        &self,
        email: &str,
        password: &str,
    ) -> (Client, String, Vec<String>) {
        let (mut client, step) = self.password_step(email, password).await;
        assert_eq!(step["stap"], "instellen");
        let secret = step["geheim"].as_str().unwrap().to_owned();
        let code =
            bondgenoot_server::totp::code_at(&secret, bondgenoot_server::clock::now()).unwrap();
        let response = client
            .post_json("/api/sessies/code", &serde_json::json!({"code": code}))
            .await;
        assert_eq!(response.status(), 201, "the first code sets it up");
        let accepted: Value = response.json().await.unwrap();
        client.csrf = Some(accepted["ik"]["csrf_token"].as_str().unwrap().to_owned());
        let codes = accepted["herstelcodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap().to_owned())
            .collect();
        (client, secret, codes)
    }

    pub async fn helper(&self, organisation: i64, email: &str) -> Client {
        self.user(Role::Hulpverlener, Some(organisation), email)
            .await
    }

    /// A behandelaar in the triage team: sees every consented case nobody took on yet.
    pub async fn staff(&self, email: &str) -> Client {
        self.staff_in(
            email,
            "Triage",
            TeamRights {
                triage: true,
                break_glass: false,
            },
        )
        .await
    }

    /// Adds the account `email` to team `team` (made with `rights` when it is new).
    pub async fn join(&self, email: &str, team: &str, rights: TeamRights) {
        let (account, _) = store::accounts::by_email(&self.db, email)
            .await
            .expect("account")
            .expect("known account");
        store::assignment::join_team(&self.db, account.id, team, rights)
            .await
            .expect("team");
    }

    /// A behandelaar in team `team` (made with `rights` when it is new).
    pub async fn staff_in(&self, email: &str, team: &str, rights: TeamRights) -> Client {
        let id = self.account(Role::Behandelaar, None, email).await;
        store::assignment::join_team(&self.db, id, team, rights)
            .await
            .expect("team");
        store::accounts::exempt_from_second_factor(&self.db, id)
            .await
            .expect("exempt");
        self.sign_in(email, PASSWORD).await
    }

    pub async fn audit_rows(&self, case_ref: &str, action: &str) -> i64 {
        use schema::audit_log as a;
        let (case_ref, action) = (case_ref.to_owned(), action.to_owned());
        self.db
            .run(move |conn| {
                Ok(a::table
                    .filter(a::case_ref.eq(case_ref))
                    .filter(a::action.eq(action))
                    .count()
                    .get_result(conn)?)
            })
            .await
            .unwrap()
    }

    /// Audit rows of `action`, whatever they are about.
    pub async fn audit_subject_rows(&self, action: &str) -> i64 {
        use schema::audit_log as a;
        let action = action.to_owned();
        self.db
            .run(move |conn| {
                Ok(a::table
                    .filter(a::action.eq(action))
                    .count()
                    .get_result(conn)?)
            })
            .await
            .unwrap()
    }

    pub async fn case_count(&self) -> i64 {
        self.db
            .run(|conn| Ok(schema::cases::table.count().get_result(conn)?))
            .await
            .unwrap()
    }

    /// Runs SQL that needs no parameters (a test's own change to the data).
    pub async fn execute(&self, sql: &'static str) -> Result<usize, String> {
        self.db
            .run(move |conn| Ok(diesel::sql_query(sql).execute(conn)?))
            .await
            .map_err(|err| bondgenoot_server::telemetry::chain(&err))
    }
}

impl Client {
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub fn with_csrf(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match &self.csrf {
            Some(token) => request.header("x-csrf-token", token),
            None => request,
        }
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.http
            .get(self.url(path))
            .send()
            .await
            .expect("answered")
    }

    pub async fn post_json(&self, path: &str, body: &Value) -> reqwest::Response {
        self.with_csrf(self.http.post(self.url(path)).json(body))
            .send()
            .await
            .expect("answered")
    }

    pub async fn put_json(&self, path: &str, body: &Value) -> reqwest::Response {
        self.with_csrf(self.http.put(self.url(path)).json(body))
            .send()
            .await
            .expect("answered")
    }

    /// Sends one file as the upload forms do: the fields first, the file last.
    pub async fn upload(
        &self,
        path: &str,
        kind: &str,
        description: &str,
        file_name: &str,
        bytes: Vec<u8>,
        shared: bool,
    ) -> reqwest::Response {
        let form = reqwest::multipart::Form::new()
            .text("soort", kind.to_owned())
            .text("omschrijving", description.to_owned())
            .text("gedeeld_met_burger", shared.to_string())
            .part(
                "bestand",
                reqwest::multipart::Part::bytes(bytes).file_name(file_name.to_owned()),
            );
        self.with_csrf(self.http.post(self.url(path)).multipart(form))
            .send()
            .await
            .expect("answered")
    }

    pub async fn delete(&self, path: &str) -> reqwest::Response {
        self.with_csrf(self.http.delete(self.url(path)))
            .send()
            .await
            .expect("answered")
    }

    /// A case as this client reads it (`GET /api/zaken/{reference}`).
    pub async fn case(&self, reference: &str) -> Value {
        self.get(&format!("/api/zaken/{reference}"))
            .await
            .json()
            .await
            .expect("the case as JSON")
    }

    /// Creates a draft and returns its reference.
    pub async fn create_draft(&self, draft: &Value) -> String {
        let response = self.post_json("/api/zaken", draft).await;
        assert_eq!(response.status(), 201);
        let body: Value = response.json().await.unwrap();
        body["referentie"].as_str().unwrap().to_owned()
    }
}

impl Client {
    /// Sends a complete draft; the case then waits for the citizen's consent.
    pub async fn submit(&self, reference: &str) {
        let response = self
            .post_json(
                &format!("/api/zaken/{reference}/indienen"),
                &serde_json::json!({}),
            )
            .await;
        assert_eq!(response.status(), 200, "submitted");
    }

    /// Makes a consent link for the citizen and returns its code.
    pub async fn consent_code(&self, reference: &str) -> String {
        let response = self
            .post_json(
                &format!("/api/zaken/{reference}/toestemming"),
                &serde_json::json!({}),
            )
            .await;
        assert_eq!(response.status(), 201, "consent link made");
        let body: Value = response.json().await.unwrap();
        body["code"].as_str().unwrap().to_owned()
    }
}

/// Staff fire `event` on a case, with messages, today's date and reasons (each step takes
/// what it needs); returns the case as it is after the step.
pub async fn fire_step(
    staff: &Client,
    reference: &str,
    event: model::lifecycle::CaseEvent,
) -> Value {
    let body = serde_json::json!({
        "stap": event,
        "bericht_hulpverlener": "Bericht voor de hulpverlener.",
        "bericht_burger": "Bericht voor u.",
        "datum": bondgenoot_server::clock::today().to_string(),
        "reden": "De reden voor deze stap.",
    });
    let response = staff
        .post_json(&format!("/api/zaken/{reference}/stappen"), &body)
        .await;
    assert_eq!(response.status(), 200, "{event:?} on {reference}");
    response.json().await.unwrap()
}

/// The citizen's date of birth in [`complete_draft`].
pub const BIRTH_DATE: &str = "12-05-1980";

/// The citizen answers through the consent link, as the consent page does.
pub async fn citizen_answers(app: &TestApp, code: &str, besluit: &str) -> reqwest::Response {
    app.anonymous()
        .post_json(
            "/api/toestemming/besluit",
            &serde_json::json!({
                "code": code,
                "geboortedatum": BIRTH_DATE,
                "versie": model::consent::CONSENT_TEXT.version,
                "besluit": besluit,
            }),
        )
        .await
}

/// The citizen signs in with the reference and access code, as the status page does. On
/// success the response is a fresh read of the case and the client holds the session.
pub async fn citizen(app: &TestApp, reference: &str, code: &str) -> (reqwest::Response, Client) {
    let mut client = app.anonymous();
    let response = client
        .post_json(
            "/api/burger/sessie",
            &serde_json::json!({"referentie": reference, "toegangscode": code}),
        )
        .await;
    if response.status() == 201 {
        let cookie = response
            .headers()
            .get("set-cookie")
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned();
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"));
        assert!(cookie.contains("Path=/api/burger"), "{cookie}");
        let body: Value = response.json().await.unwrap();
        client.csrf = Some(body["csrf_token"].as_str().unwrap().to_owned());
        // Give the caller a response with the body again.
        let again = client.get("/api/burger/zaak").await;
        return (again, client);
    }
    (response, client)
}

/// A helper submits a complete case and the citizen consents through the link. Returns the
/// helper, the case reference and the citizen's personal access code.
pub async fn consented_case(app: &TestApp, helper_email: &str) -> (Client, String, String) {
    let org = app
        .organisation(&format!("Organisatie van {helper_email}"))
        .await;
    let helper = app.helper(org, helper_email).await;
    let (reference, access) = consented_case_of(app, &helper).await;
    (helper, reference, access)
}

/// [`consented_case`] for a helper who is already signed in: the case reference and the
/// citizen's personal access code.
pub async fn consented_case_of(app: &TestApp, helper: &Client) -> (String, String) {
    let reference = helper.create_draft(&complete_draft()).await;
    helper.submit(&reference).await;
    let code = helper.consent_code(&reference).await;
    let response = citizen_answers(app, &code, "gegeven").await;
    assert_eq!(response.status(), 200, "consent recorded");
    let body: Value = response.json().await.unwrap();
    let access = body["toegangscode"].as_str().unwrap().to_owned();
    (reference, access)
}

/// A draft with everything needed to submit.
pub fn complete_draft() -> Value {
    serde_json::json!({
        "burger_naam": "Anna de Vries",
        "burger_geboortedatum": "12-5-1980",
        "burger_bsn": "111222333",
        "burger_telefoon": "06 12345678",
        "burger_email": "anna@example.org",
        "dienst": "dienst_toeslagen",
        "onderwerpen": [{"onderwerp": "toeslag", "soort": "huurtoeslag"}],
        "wat_ging_mis": "De huurtoeslag is teruggevorderd.",
        "gewenste_uitkomst": "Een betalingsregeling die past.",
        "spoed": [{"reden": "geen_leefgeld"}],
        "termijn_einddatum": "2026-12-31"
    })
}

/// The program that scripts/setup installs for the `what` tests, named by the variable `var`
/// (lib.sh sets it). `None` when it is missing, which only a run outside CI may be.
fn installed_tool(var: &str, what: &str) -> Option<String> {
    let found = std::env::var(var).ok().filter(|p| Path::new(p).exists());
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run the {what} tests: run scripts/setup ({var})"
        );
        eprintln!("skipped: the {what} tests need {var} (scripts/setup)");
    }
    found
}

/// A port nobody listens on right now (the server or tool binds it a moment later).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// Where a test sends the chunks of a streamed upload's body.
pub type Chunks = tokio::sync::mpsc::Sender<Result<Vec<u8>, std::io::Error>>;

/// A PDF upload whose body the test sends itself, chunk by chunk, `size` bytes announced:
/// under way in the background. Returns where the chunks go and the request's task.
pub fn streamed_upload(
    helper: &Client,
    path: &str,
    size: u64,
    description: &str,
    file_name: &str,
) -> (
    Chunks,
    tokio::task::JoinHandle<reqwest::Result<reqwest::Response>>,
) {
    let (sender, receiver) = tokio::sync::mpsc::channel::<Result<Vec<u8>, std::io::Error>>(4);
    let stream = futures_util::stream::unfold(receiver, |mut receiver| async move {
        receiver.recv().await.map(|chunk| (chunk, receiver))
    });
    let form = reqwest::multipart::Form::new()
        .text("soort", "besluit")
        .text("omschrijving", description.to_owned())
        .part(
            "bestand",
            reqwest::multipart::Part::stream_with_length(reqwest::Body::wrap_stream(stream), size)
                .file_name(file_name.to_owned()),
        );
    let request = helper
        .with_csrf(helper.http.post(format!("{}{path}", helper.address)))
        .multipart(form);
    (sender, tokio::spawn(async move { request.send().await }))
}

/// An SMTP sink for the mail tests: Python's aiosmtpd (installed by scripts/setup) writing
/// every message it receives into a maildir. Stopped when dropped.
pub struct SmtpSink {
    pub address: String,
    pub maildir: TempDir,
    child: std::process::Child,
}

impl SmtpSink {
    /// `None` when the sink's Python is not installed (outside CI only).
    pub async fn start() -> Option<SmtpSink> {
        let python = installed_tool("BONDGENOOT_TEST_SMTPD_PYTHON", "mail")?;
        let port = free_port();
        let maildir = TempDir::new().expect("maildir");
        let address = format!("127.0.0.1:{port}");
        let child = std::process::Command::new(python)
            .args([
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                &address,
                "-c",
                "aiosmtpd.handlers.Mailbox",
            ])
            .arg(maildir.path().join("mail"))
            .spawn()
            .expect("aiosmtpd starts");
        // Owned by the sink from here: dropping it (also on a failed start) stops the process.
        let sink = SmtpSink {
            address,
            maildir,
            child,
        };
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(&sink.address).await.is_ok() {
                return Some(sink);
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("aiosmtpd did not listen on {}", sink.address);
    }

    /// Every message received so far, as text.
    pub fn messages(&self) -> Vec<String> {
        let dir = self.maildir.path().join("mail/new");
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Vec::new();
        };
        entries
            .filter_map(Result::ok)
            .filter_map(|e| std::fs::read_to_string(e.path()).ok())
            .collect()
    }

    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.stop();
    }
}

/// An S3 API server for the object-store tests: moto in server mode (installed by
/// scripts/setup), with one empty bucket. Stopped when dropped.
pub struct S3Server {
    /// `http://127.0.0.1:port`
    pub endpoint: String,
    pub bucket: String,
    child: std::process::Child,
}

impl S3Server {
    /// `None` when moto is not installed (outside CI only).
    pub async fn start() -> Option<S3Server> {
        let server = installed_tool("BONDGENOOT_TEST_MOTO_SERVER", "object-store")?;
        let port = free_port();
        let child = std::process::Command::new(server)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("moto starts");
        let s3 = S3Server {
            endpoint: format!("http://127.0.0.1:{port}"),
            bucket: "bondgenoot-test".into(),
            child,
        };
        let http = reqwest::Client::new();
        for _ in 0..200 {
            // Creating the bucket is also the check that the server answers.
            if let Ok(made) = http.put(s3.url("")).send().await {
                assert!(made.status().is_success(), "bucket made: {}", made.status());
                return Some(s3);
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("moto did not listen on {}", s3.endpoint);
    }

    /// The bucket's URL with `rest` after it (`?list-type=2`, `/key`).
    pub fn url(&self, rest: &str) -> String {
        format!("{}/{}{rest}", self.endpoint, self.bucket)
    }

    /// A document store on this bucket, under `prefix`.
    pub fn documents(
        &self,
        prefix: &str,
        max_file_mb: u64,
        max_case_mb: u64,
    ) -> bondgenoot_server::documents::DocumentStore {
        let storage = bondgenoot_server::documents::s3::ObjectStoreDocuments::from_url_with(
            &format!("s3://{}/{prefix}", self.bucket),
            &[
                ("aws_endpoint", &self.endpoint),
                ("aws_allow_http", "true"),
                ("aws_access_key_id", "test"),
                ("aws_secret_access_key", "test"),
                ("aws_region", "us-east-1"),
            ],
        )
        .expect("S3 store");
        bondgenoot_server::documents::DocumentStore::new(
            std::sync::Arc::new(storage),
            max_file_mb,
            max_case_mb,
        )
    }

    /// Keys of the objects under `prefix`, and multipart uploads not finished or aborted.
    pub async fn contents(&self, prefix: &str) -> (Vec<String>, usize) {
        let http = reqwest::Client::new();
        let listed = http
            .get(self.url(&format!("?list-type=2&prefix={prefix}")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let keys = listed
            .split("<Key>")
            .skip(1)
            .map(|rest| rest.split("</Key>").next().unwrap_or_default().to_owned())
            .collect();
        let uploads = http
            .get(self.url("?uploads"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        (keys, uploads.matches("<UploadId>").count())
    }
}

impl Drop for S3Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A fresh database on the PostgreSQL server the admin URL points at.
pub fn create_postgres_database(admin_url: &str, name: &str) {
    use diesel::connection::SimpleConnection;
    let mut admin = diesel::PgConnection::establish(admin_url).expect("postgres admin connects");
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .expect("create test database");
}
