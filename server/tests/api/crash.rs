//! A crash right after a step commits loses nothing of that step: the real server binary is
//! stopped with SIGKILL at that very moment (it stalls there on purpose, see
//! `workflow::Fault`), and afterwards the step's timeline row, its outbox mail and its audit
//! row are all in the database. Before the workflow wrote them in one transaction, the mail
//! and the audit row came after the commit and were lost here.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use sqlx::Row;
use tempfile::TempDir;

use crate::helpers::write_dist;

const SERVER: &str = env!("CARGO_BIN_EXE_bondgenoot-server");

async fn count(pool: &sqlx::SqlitePool, sql: &str, reference: &str) -> i64 {
    sqlx::query(sql)
        .bind(reference)
        .fetch_one(pool)
        .await
        .unwrap()
        .get::<i64, _>(0)
}

#[tokio::test]
async fn a_step_killed_right_after_its_commit_keeps_its_mail_and_audit_row() {
    let data = TempDir::new().unwrap();
    let dist = TempDir::new().unwrap();
    write_dist(dist.path());
    let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    let loaded = Command::new(SERVER)
        .args(["demo", "--data-dir"])
        .arg(data.path())
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(loaded.success(), "demo data loads");

    let mut server = Command::new(SERVER)
        .env("BONDGENOOT_ADDR", "127.0.0.1:0")
        .env("BONDGENOOT_DATA_DIR", data.path())
        .env("BONDGENOOT_DIST", dist.path())
        .env("BONDGENOOT_CONTENT", &content)
        .env("BONDGENOOT_FAULT", "stall-after-step-commit")
        .env_remove("BONDGENOOT_DATABASE_URL")
        .env_remove("BONDGENOOT_SMTP")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(server.stdout.take().unwrap()).lines();
    let address = loop {
        let line = lines
            .next()
            .expect("the server says where it listens")
            .unwrap();
        if let Some(address) = line.strip_prefix("Bondgenoot luistert op ") {
            break address.to_owned();
        }
    };

    let staff = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let me: Value = staff
        .post(format!("{address}/api/sessies"))
        .json(&json!({"email": bondgenoot_server::demo::STAFF, "wachtwoord": bondgenoot_server::demo::PASSWORD}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let csrf = me["csrf_token"].as_str().unwrap().to_owned();
    let queue: Value = staff
        .get(format!("{address}/api/zaken"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    // The demo's escalated case: staff can escalate it once more, and the helper gets a mail.
    let reference = queue
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["status"]["status"] == "geescaleerd")
        .expect("the demo has an escalated case")["referentie"]
        .as_str()
        .unwrap()
        .to_owned();

    let pool = sqlx::SqlitePool::connect(&format!(
        "sqlite://{}",
        data.path().join("bondgenoot.sqlite").display()
    ))
    .await
    .unwrap();
    const STEPS: &str = "SELECT COUNT(*) FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.reference = $1";
    const MAILS: &str = "SELECT COUNT(*) FROM outbox WHERE case_ref = $1";
    const AUDIT: &str =
        "SELECT COUNT(*) FROM audit_log WHERE case_ref = $1 AND action = 'stap_gezet'";
    let (steps, mails, audit) = (
        count(&pool, STEPS, &reference).await,
        count(&pool, MAILS, &reference).await,
        count(&pool, AUDIT, &reference).await,
    );

    // The step's request never gets an answer: the server stalls right after the commit.
    let step = staff
        .post(format!("{address}/api/zaken/{reference}/stappen"))
        .header("x-csrf-token", &csrf)
        .json(&json!({"stap": {"event": "escaleren", "detail": "directeur_generaal"},
            "bericht_hulpverlener": "Voorgelegd aan de directeur-generaal.", "bericht_burger": "Voorgelegd."}))
        .timeout(Duration::from_secs(60))
        .send();
    let step = tokio::spawn(step);
    let started = Instant::now();
    while count(&pool, STEPS, &reference).await == steps {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the step commits"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    server.kill().unwrap(); // SIGKILL
    server.wait().unwrap();
    assert!(
        step.await.unwrap().is_err(),
        "the request died with the server"
    );

    assert_eq!(count(&pool, STEPS, &reference).await, steps + 1);
    assert_eq!(
        count(&pool, MAILS, &reference).await,
        mails + 1,
        "the helper's mail is queued"
    );
    assert_eq!(
        count(&pool, AUDIT, &reference).await,
        audit + 1,
        "the step is in the audit log"
    );
    let status: String = sqlx::query("SELECT status_key FROM cases WHERE reference = $1")
        .bind(&reference)
        .fetch_one(&pool)
        .await
        .unwrap()
        .get(0);
    assert_eq!(status, "geescaleerd");
    pool.close().await;
}
