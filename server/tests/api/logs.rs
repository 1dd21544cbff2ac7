//! The log as an operator reads it: with `BONDGENOOT_LOG_FORMAT=json` the real server binary
//! writes one JSON object per line, and a request's lines carry its route pattern and the
//! trace id from the proxy's `traceparent` — never the raw path.

use std::time::{Duration, Instant};

use serde_json::Value;

use crate::crash::{dirs, Database, Server};

#[tokio::test]
async fn json_log_lines_carry_the_route_pattern_and_the_trace_id() {
    let dirs = dirs();
    let database = Database::Sqlite;
    Server::load_demo(dirs.data.path(), &database);
    let server = Server::start(
        dirs.data.path(),
        dirs.dist.path(),
        &database,
        &[
            ("BONDGENOOT_LOG_FORMAT", "json"),
            ("BONDGENOOT_LOG", "info,tower_http=debug"),
        ],
    );
    let helper = server.sign_in(bondgenoot_server::demo::HELPER).await;
    let cases: Value = helper.get("/api/zaken").await.json().await.unwrap();
    let reference = cases[0]["referentie"].as_str().unwrap().to_owned();
    let answer = helper
        .http
        .get(format!("{}/api/zaken/{reference}", server.address))
        .header(
            "traceparent",
            "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        )
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);

    let started = Instant::now();
    let line = loop {
        let line = server
            .log
            .recv_timeout(Duration::from_secs(10))
            .expect("the server logs the request");
        let parsed: Value = serde_json::from_str(&line)
            .unwrap_or_else(|_| panic!("every log line is JSON: {line}"));
        if parsed["span"]["trace_id"] == "0af7651916cd43dd8448eb211c80319c" {
            assert!(
                !line.contains(&reference),
                "no case reference in the log: {line}"
            );
            break parsed;
        }
        assert!(started.elapsed() < Duration::from_secs(10));
    };
    assert_eq!(line["span"]["route"], "/api/zaken/{referentie}");
    assert_eq!(line["span"]["method"], "GET");
    assert!(line["timestamp"].is_string());
}
