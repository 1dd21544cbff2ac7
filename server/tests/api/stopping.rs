//! Stopping gracefully (SIGTERM, as in a rolling restart): the real server binary answers
//! 503 on its readiness route at once, still serves new requests during the stop delay,
//! finishes an upload that was under way, writes that upload's audit row, and exits 0.

use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::crash::{dirs, on_both, Server};
use crate::helpers::complete_draft;

/// Sends SIGTERM to the server, as systemd or an orchestrator does.
fn terminate(server: &Server) {
    let status = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

#[tokio::test]
async fn a_terminated_server_says_it_stops_and_finishes_the_upload_under_way() {
    on_both(|database| async move {
        let dirs = dirs();
        Server::load_demo(dirs.data.path(), &database);
        let mut server = Server::start(
            dirs.data.path(),
            dirs.dist.path(),
            &database,
            &[
                ("BONDGENOOT_STOP_DELAY", "2"),
                ("BONDGENOOT_DRAIN_SECONDS", "20"),
            ],
        );
        let helper = server.sign_in(bondgenoot_server::demo::HELPER).await;
        let reference = helper.create_draft(&complete_draft()).await;
        let path = format!("/api/zaken/{reference}/documenten");

        // A 4 MB upload: the first megabyte now, the rest after the signal.
        const SIZE: u64 = 4 * 1024 * 1024;
        let (sender, upload) = crate::helpers::streamed_upload(
            &helper,
            &path,
            SIZE,
            "Besluit over de toeslag",
            "besluit.pdf",
        );
        let mut chunk = vec![b'x'; 1024 * 1024];
        chunk[..9].copy_from_slice(b"%PDF-1.7\n");
        sender.send(Ok(chunk.clone())).await.unwrap();
        chunk[..9].copy_from_slice(b"xxxxxxxxx");

        let health = format!("{}/api/health", server.address);
        let fresh = || {
            reqwest::Client::builder()
                .pool_max_idle_per_host(0)
                .build()
                .unwrap()
        };
        assert_eq!(fresh().get(&health).send().await.unwrap().status(), 200);
        terminate(&server);

        // During the delay: not ready, yet still serving.
        let started = Instant::now();
        let report: Value = loop {
            let answer = fresh().get(&health).send().await.unwrap();
            if answer.status() == 503 {
                break answer.json().await.unwrap();
            }
            assert!(
                started.elapsed() < Duration::from_secs(2),
                "503 within the delay"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        };
        assert_eq!(report["status"], "stopt");
        let live = fresh()
            .get(format!("{}/api/health/live", server.address))
            .send()
            .await
            .unwrap();
        assert_eq!(
            live.status(),
            200,
            "new requests are served during the delay"
        );

        // After the delay the listener is closed; the upload under way goes on.
        loop {
            if fresh().get(&health).send().await.is_err() {
                break;
            }
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "the listener closes"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        for _ in 1..4 {
            sender.send(Ok(chunk.clone())).await.unwrap();
        }
        drop(sender);
        let answer = upload.await.unwrap().expect("the upload is answered");
        assert_eq!(answer.status(), 201, "the upload under way is finished");

        let exited = Instant::now();
        let status = loop {
            if let Some(status) = server.child.try_wait().unwrap() {
                break status;
            }
            assert!(
                exited.elapsed() < Duration::from_secs(20),
                "the server exits"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        };
        assert!(
            status.success(),
            "a stop on SIGTERM is a clean exit: {status}"
        );
        database.check(dirs.data.path(), |conn| {
            assert_eq!(conn.document_rows(), 1, "the document was kept");
            assert_eq!(
                conn.audit_rows(&reference, "document_toegevoegd"),
                1,
                "its audit row was written before the exit"
            );
        });
    })
    .await;
}
