//! Slow and hostile clients (issue 18): a client that trickles its headers is cut off, a
//! thousand idle sockets do not stop the status page, connections past the most served at
//! once wait until one is free, and a request body or an upload that stalls is answered 408
//! (in Dutch) with nothing kept. The limits are one second here
//! (`ClientLimits`); the server's defaults are in the README.

use std::time::{Duration, Instant};

use bondgenoot_server::listen::{raise_open_files_limit, ClientLimits};
use bondgenoot_server::store::db::Db;
use futures_util::StreamExt;
use serde_json::Value;
use tempfile::TempDir;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::helpers::{spawn_app_configured, Options, TestApp};

const SHORT: Duration = Duration::from_secs(1);

async fn app_with_short_limits() -> TestApp {
    app_with_limits(ClientLimits::default().max_connections).await
}

async fn app_with_limits(max_connections: usize) -> TestApp {
    let data = TempDir::new().unwrap();
    let db = Db::open_in_dir(data.path()).await.unwrap();
    let limits = ClientLimits {
        header_read: SHORT,
        request: SHORT,
        upload_stall: SHORT,
        max_connections,
        ..ClientLimits::default()
    };
    let options = Options {
        limits,
        ..Options::default()
    };
    spawn_app_configured(data, db, options).await
}

fn socket_address(app: &TestApp) -> String {
    app.address.trim_start_matches("http://").to_owned()
}

/// Reads until the server closes the connection (or `within` passes); what it sent, and
/// whether it closed.
async fn read_until_closed(stream: &mut TcpStream, within: Duration) -> (String, bool) {
    let mut received = Vec::new();
    let mut buffer = [0_u8; 4096];
    let deadline = Instant::now() + within;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, stream.read(&mut buffer)).await {
            Err(_) => return (String::from_utf8_lossy(&received).into_owned(), false),
            Ok(Ok(0) | Err(_)) => return (String::from_utf8_lossy(&received).into_owned(), true),
            Ok(Ok(n)) => received.extend_from_slice(&buffer[..n]),
        }
    }
}

#[tokio::test]
async fn a_client_that_trickles_its_headers_is_cut_off() {
    let app = app_with_short_limits().await;
    let stream = TcpStream::connect(socket_address(&app)).await.unwrap();
    let (mut reader, mut writer) = stream.into_split();
    let started = Instant::now();
    // One header line every 200 ms, for up to 10 s: never the blank line that ends them.
    let trickle = tokio::spawn(async move {
        if writer
            .write_all(b"GET /api/health HTTP/1.1\r\nHost: x\r\n")
            .await
            .is_err()
        {
            return;
        }
        for i in 0..50 {
            tokio::time::sleep(Duration::from_millis(200)).await;
            if writer
                .write_all(format!("X-Trickle-{i}: 1\r\n").as_bytes())
                .await
                .is_err()
            {
                return;
            }
        }
    });
    let mut buffer = [0_u8; 1024];
    let closed = loop {
        match tokio::time::timeout(Duration::from_secs(10), reader.read(&mut buffer)).await {
            Err(_) => break false,
            Ok(Ok(0) | Err(_)) => break true,
            Ok(Ok(_)) => continue,
        }
    };
    trickle.abort();
    assert!(closed, "the server kept the trickling connection open");
    let took = started.elapsed();
    assert!(
        took < Duration::from_secs(5),
        "cut off after {took:?}, the limit is {SHORT:?}"
    );
}

/// `n` connections that never send a byte.
async fn idle_sockets(app: &TestApp, n: usize) -> Vec<TcpStream> {
    let address = socket_address(app);
    let mut idle = Vec::with_capacity(n);
    for _ in 0..n {
        idle.push(TcpStream::connect(&address).await.unwrap());
    }
    idle
}

/// Asks for the status page on a new connection; how long its answer (200) took.
async fn status_page_answers(app: &TestApp, within: Duration) -> Duration {
    let started = Instant::now();
    let health = app
        .anonymous()
        .http
        .get(format!("{}/api/health", app.address))
        .timeout(within)
        .send()
        .await
        .expect("the status page answers");
    assert_eq!(health.status(), 200);
    started.elapsed()
}

#[tokio::test]
async fn a_thousand_idle_sockets_do_not_stop_the_status_page() {
    raise_open_files_limit();
    let app = app_with_short_limits().await;
    assert!(ClientLimits::default().max_connections > 1000);
    let mut idle = idle_sockets(&app, 1000).await;
    let took = status_page_answers(&app, Duration::from_secs(5)).await;
    assert!(took < Duration::from_secs(2), "{took:?}");
    // And the idle ones are let go once their time for headers is up.
    for stream in idle.iter_mut().step_by(125) {
        let (_, closed) = read_until_closed(stream, Duration::from_secs(5)).await;
        assert!(closed, "an idle socket stayed open");
    }
}

#[tokio::test]
async fn past_the_most_connections_a_new_one_waits_until_an_idle_one_is_cut_off() {
    let app = app_with_limits(20).await;
    let _idle = idle_sockets(&app, 20).await;
    // Every slot is taken: the request waits in the kernel's queue, not in the server's
    // memory, and is served once the idle ones are cut off (after one second here).
    let took = status_page_answers(&app, Duration::from_secs(10)).await;
    assert!(
        took >= Duration::from_millis(800),
        "answered before a slot was free: {took:?}"
    );
}

#[tokio::test]
async fn a_request_body_that_stalls_gets_a_dutch_408() {
    let app = app_with_short_limits().await;
    let mut stream = TcpStream::connect(socket_address(&app)).await.unwrap();
    stream
        .write_all(b"POST /api/sessies HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"email\":")
        .await
        .unwrap();
    let started = Instant::now();
    let (response, _) = read_until_closed(&mut stream, Duration::from_secs(5)).await;
    assert!(response.starts_with("HTTP/1.1 408"), "{response}");
    assert!(
        response.contains("te-langzaam") && response.contains("duurde te lang"),
        "{response}"
    );
    assert!(started.elapsed() < Duration::from_secs(4));
}

#[tokio::test]
async fn an_upload_that_stalls_is_broken_off_and_leaves_no_file() {
    let app = app_with_short_limits().await;
    let org = app.organisation("Oost").await;
    let helper = app.helper(org, "h@oost.nl").await;
    let reference = helper.create_draft(&crate::helpers::complete_draft()).await;
    let head = "--grens\r\nContent-Disposition: form-data; name=\"soort\"\r\n\r\nbesluit\r\n\
         --grens\r\nContent-Disposition: form-data; name=\"omschrijving\"\r\n\r\nHet besluit\r\n\
         --grens\r\nContent-Disposition: form-data; name=\"bestand\"; filename=\"b.pdf\"\r\n\
         Content-Type: application/pdf\r\n\r\n%PDF-1.7\n%\u{e2}\u{e3}\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
        .to_owned();
    // The first part of the file, then nothing more (for far longer than the limit).
    let body = futures_util::stream::iter([Ok::<_, std::io::Error>(head.into_bytes())]).chain(
        futures_util::stream::once(async {
            tokio::time::sleep(Duration::from_secs(30)).await;
            Ok(b"--grens--\r\n".to_vec())
        }),
    );
    let started = Instant::now();
    let response = helper
        .http
        .post(format!("{}/api/zaken/{reference}/documenten", app.address))
        .header("x-csrf-token", helper.csrf.clone().unwrap())
        .header("content-type", "multipart/form-data; boundary=grens")
        .body(reqwest::Body::wrap_stream(body))
        .timeout(Duration::from_secs(10))
        .send()
        .await
        .expect("the server answers instead of waiting for the rest");
    assert_eq!(response.status(), 408);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    let problem: Value = response.json().await.unwrap();
    assert_eq!(problem["type"], "te-langzaam");
    tokio::time::sleep(Duration::from_millis(200)).await;
    let left = std::fs::read_dir(&app.documents_dir).map_or(0, |d| d.count());
    assert_eq!(left, 0, "nothing of the broken upload is kept");
}
