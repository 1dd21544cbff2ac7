//! What an operator reads: with `BONDGENOOT_LOG_FORMAT=json` the real server binary writes
//! one JSON object per line, and a request's lines carry its route pattern and the trace id
//! from the proxy's `traceparent` — never the raw path; with `BONDGENOOT_METRICS_ADDR` it
//! serves Prometheus metrics on that address only.

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

/// The value of the first sample line of `name` whose labels include every one of `labels`.
fn sample(text: &str, name: &str, labels: &[&str]) -> Option<f64> {
    text.lines()
        .filter(|line| !line.starts_with('#'))
        .filter(|line| {
            line.strip_prefix(name)
                .is_some_and(|rest| rest.starts_with('{') || rest.starts_with(' '))
        })
        .find(|line| labels.iter().all(|label| line.contains(label)))
        .and_then(|line| line.rsplit(' ').next())
        .and_then(|value| value.parse().ok())
}

#[tokio::test]
async fn metrics_count_requests_by_route_and_status_on_their_own_address() {
    let dirs = dirs();
    let database = Database::Sqlite;
    Server::load_demo(dirs.data.path(), &database);
    let metrics_addr = format!("127.0.0.1:{}", crate::helpers::free_port());
    let server = Server::start(
        dirs.data.path(),
        dirs.dist.path(),
        &database,
        &[("BONDGENOOT_METRICS_ADDR", metrics_addr.as_str())],
    );
    let helper = server.sign_in(bondgenoot_server::demo::HELPER).await;
    for _ in 0..3 {
        assert_eq!(helper.get("/api/zaken").await.status(), 200);
    }
    assert_eq!(helper.get("/api/zaken/BG-0000-0000").await.status(), 404);

    let text = reqwest::get(format!("http://{metrics_addr}/metrics"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let requests = "bondgenoot_http_requests_total";
    assert_eq!(
        sample(
            &text,
            requests,
            &[
                r#"route="/api/zaken""#,
                r#"status="200""#,
                r#"method="GET""#
            ]
        ),
        Some(3.0),
        "{text}"
    );
    assert_eq!(
        sample(
            &text,
            requests,
            &[r#"route="/api/zaken/{referentie}""#, r#"status="404""#]
        ),
        Some(1.0)
    );
    assert!(
        !text.contains("BG-0000-0000"),
        "route patterns, never paths"
    );
    assert_eq!(
        sample(
            &text,
            "bondgenoot_http_request_duration_seconds_count",
            &[r#"route="/api/zaken""#]
        ),
        Some(3.0)
    );
    assert!(sample(
        &text,
        "bondgenoot_http_request_duration_seconds_bucket",
        &[r#"le="0.005""#]
    )
    .is_some());
    assert!(
        sample(
            &text,
            "bondgenoot_db_pool_connections",
            &[r#"state="open""#]
        )
        .unwrap()
            >= 1.0
    );
    assert!(sample(
        &text,
        "bondgenoot_db_pool_connections",
        &[r#"state="in_use""#]
    )
    .is_some());
    // The demo queued mails, and no mail server is set: they wait.
    assert!(sample(&text, "bondgenoot_outbox_backlog", &[]).unwrap() >= 1.0);
    // Each read above wrote an audit row through the batch writer.
    assert!(sample(&text, "bondgenoot_audit_batch_rows_count", &[]).unwrap() >= 1.0);
    // The jobs ran once at start: in the background, so on a busy machine the first run may
    // still be going when the requests above are done. Asked again until it is counted.
    let sweeps = |text: &str| {
        sample(
            text,
            "bondgenoot_job_runs_total",
            &[r#"job="sweep""#, r#"outcome="ok""#],
        )
    };
    let mut text = text;
    for _ in 0..100 {
        if sweeps(&text).is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        text = reqwest::get(format!("http://{metrics_addr}/metrics"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
    }
    // At least once: on a busy machine the next run may already have come too.
    let log: Vec<String> = server.log.try_iter().collect();
    assert!(
        sweeps(&text).is_some_and(|runs| runs >= 1.0),
        "{text}\n--- server log ---\n{}",
        log.join("\n")
    );

    // Not through the public address.
    let public = helper.get("/metrics").await.text().await.unwrap();
    assert!(!public.contains(requests));
}
