//! A crash right after a step commits loses nothing of that step: the real server binary is
//! stopped with SIGKILL at that very moment (it stalls there on purpose, see
//! `workflow::Fault`), and afterwards the step's timeline row, its outbox mail and its audit
//! row are all in the database. Before the workflow wrote them in one transaction, the mail
//! and the audit row came after the commit and were lost here.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use bondgenoot_server::store::schema::{audit_log, case_events, cases, outbox};
use diesel::prelude::*;
use serde_json::{json, Value};
use tempfile::TempDir;

use crate::helpers::write_dist;

const SERVER: &str = env!("CARGO_BIN_EXE_bondgenoot-server");

/// The rows the step writes, for one case: (timeline, mails, audit rows of steps).
fn counts(conn: &mut SqliteConnection, reference: &str) -> (i64, i64, i64) {
    let steps = case_events::table
        .inner_join(cases::table)
        .filter(cases::reference.eq(reference))
        .count()
        .get_result(conn)
        .unwrap();
    let mails = outbox::table
        .filter(outbox::case_ref.eq(reference))
        .count()
        .get_result(conn)
        .unwrap();
    let audit = audit_log::table
        .filter(audit_log::case_ref.eq(reference))
        .filter(audit_log::action.eq("stap_gezet"))
        .count()
        .get_result(conn)
        .unwrap();
    (steps, mails, audit)
}

#[tokio::test]
async fn a_step_killed_right_after_its_commit_keeps_its_mail_and_audit_row() {
    let data = TempDir::new().unwrap();
    let dist = TempDir::new().unwrap();
    write_dist(dist.path());
    let content = std::path::Path::new(
        &std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    )
    .join("../content");
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

    let mut conn =
        SqliteConnection::establish(&data.path().join("bondgenoot.sqlite").display().to_string())
            .unwrap();
    let (steps, mails, audit) = counts(&mut conn, &reference);

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
    while counts(&mut conn, &reference).0 == steps {
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

    let (steps_after, mails_after, audit_after) = counts(&mut conn, &reference);
    assert_eq!(steps_after, steps + 1);
    assert_eq!(mails_after, mails + 1, "the helper's mail is queued");
    assert_eq!(audit_after, audit + 1, "the step is in the audit log");
    let (status, detail): (String, Option<String>) = cases::table
        .filter(cases::reference.eq(&reference))
        .select((cases::status_key, cases::status_detail))
        .first(&mut conn)
        .unwrap();
    assert_eq!(
        (status.as_str(), detail.as_deref()),
        ("geescaleerd", Some("directeur_generaal"))
    );
}
