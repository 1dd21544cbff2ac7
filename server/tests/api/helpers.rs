use std::path::Path;

use bondgenoot_server::{db::Db, http, http::spa::Site, AppState};
use tempfile::TempDir;

/// A running server and the temporary directories it uses (removed on drop).
pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub db: Db,
    _data: TempDir,
    _dist: TempDir,
}

/// The inline loader script in the fake `index.html`, so tests can check the CSP hash.
pub const INLINE_SCRIPT: &str = "import init from '/app-0123456789abcdef.js'; await init();";

/// Starts the app on 127.0.0.1:0 with a new database and a small built-app directory.
pub async fn spawn_app() -> TestApp {
    let data = TempDir::new().expect("temp data dir");
    let dist = TempDir::new().expect("temp dist dir");
    write_dist(dist.path());

    let db = Db::open_in_dir(data.path()).await.expect("database opens");
    let site = Site::load(dist.path()).expect("site loads");
    let state = AppState {
        db: db.clone(),
        site: std::sync::Arc::new(site),
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a free port");
    let address = format!("http://{}", listener.local_addr().expect("local address"));
    tokio::spawn(async move {
        axum::serve(listener, http::app(state))
            .await
            .expect("server runs");
    });
    TestApp {
        address,
        client: reqwest::Client::builder()
            .no_gzip()
            .build()
            .expect("client builds"),
        db,
        _data: data,
        _dist: dist,
    }
}

fn write_dist(dir: &Path) {
    let index = format!(
        "<!doctype html><html lang=\"nl\"><head>\
         <script type=\"module\">{INLINE_SCRIPT}</script>\
         <script src=\"/other.js\"></script></head><body></body></html>"
    );
    std::fs::write(dir.join("index.html"), index).expect("write index.html");
    std::fs::write(dir.join("app-0123456789abcdef.js"), "export default 1;").expect("write js");
    std::fs::write(dir.join("robots.txt"), "User-agent: *\nDisallow: /\n").expect("write robots");
}

impl TestApp {
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("request is answered")
    }
}
