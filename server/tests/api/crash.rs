//! Crashes lose nothing that was answered: the real server binary is stopped with SIGKILL
//! (a) right after a step commits (it stalls there on purpose, see `workflow::Fault`): the
//! step's timeline row, its outbox mail and its audit row are all in the database — before
//! the workflow wrote them in one transaction, the mail and the audit row were lost here;
//! (b) during a 50 MB upload: no file and no document row stay, only a part file the next
//! start removes once it is older than the longest upload; (c) during a burst of draft saves
//! and submits: every answered save and submit is there, and every case's state is the one
//! its timeline ends in. The database passes `PRAGMA integrity_check` (SQLite) after each.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use bondgenoot_server::store::schema::{audit_log, case_events, cases, outbox};
use diesel::prelude::*;
use serde_json::{json, Value};
use tempfile::TempDir;

use crate::helpers::{complete_draft, write_dist, Client};

const SERVER: &str = env!("CARGO_BIN_EXE_bondgenoot-server");

/// Where a crash test's server keeps its data.
pub(crate) enum Database {
    Sqlite,
    /// The server's URL and the schema owner's (the migrations run as the owner).
    Postgres {
        server: String,
        owner: String,
    },
}

impl Database {
    /// PostgreSQL when the tests have a server (`BONDGENOOT_TEST_POSTGRES`), else `None`.
    pub(crate) fn postgres() -> Option<Database> {
        std::env::var("BONDGENOOT_TEST_POSTGRES").ok()?;
        let owner = crate::helpers::new_postgres_database();
        let server = owner.replacen(
            "bondgenoot_test:bondgenoot_test@",
            "bondgenoot_app_test:bondgenoot_app_test@",
            1,
        );
        Some(Database::Postgres { server, owner })
    }

    fn configure(&self, command: &mut Command) {
        match self {
            Database::Sqlite => {
                command
                    .env_remove("BONDGENOOT_DATABASE_URL")
                    .env_remove("BONDGENOOT_MIGRATION_DATABASE_URL");
            }
            Database::Postgres { server, owner } => {
                command
                    .env("BONDGENOOT_DATABASE_URL", server)
                    .env("BONDGENOOT_MIGRATION_DATABASE_URL", owner);
            }
        }
    }

    /// Runs `check` on a connection of its own (the server may be gone).
    pub(crate) fn check(&self, data: &Path, check: impl FnOnce(&mut dyn Checks)) {
        match self {
            Database::Sqlite => {
                let url = data.join("bondgenoot.sqlite").display().to_string();
                let mut conn = SqliteConnection::establish(&url).unwrap();
                let result: Vec<IntegrityCheck> = diesel::sql_query("PRAGMA integrity_check")
                    .load(&mut conn)
                    .unwrap();
                let result: Vec<&str> = result
                    .iter()
                    .map(|row| row.integrity_check.as_str())
                    .collect();
                assert_eq!(result, ["ok"], "the SQLite file is whole");
                check(&mut conn);
            }
            Database::Postgres { owner, .. } => check(&mut PgConnection::establish(owner).unwrap()),
        }
    }
}

#[derive(QueryableByName)]
struct IntegrityCheck {
    #[diesel(sql_type = diesel::sql_types::Text)]
    integrity_check: String,
}

/// What the crash tests read from the database, on either backend.
pub(crate) trait Checks {
    /// The rows a step writes, for one case: (timeline, mails, audit rows of steps).
    fn step_rows(&mut self, reference: &str) -> (i64, i64, i64);
    /// Every case whose state is not the one its timeline ends in (a case without a timeline
    /// must be a draft).
    fn unexplained_states(&mut self) -> Vec<String>;
    fn document_rows(&mut self) -> i64;
    /// Audit rows of `action` on the case `reference`.
    fn audit_rows(&mut self, reference: &str, action: &str) -> i64;
}

macro_rules! checks_for {
    ($conn:ty) => {
        impl Checks for $conn {
            fn step_rows(&mut self, reference: &str) -> (i64, i64, i64) {
                let steps = case_events::table
                    .inner_join(cases::table)
                    .filter(cases::reference.eq(reference))
                    .count()
                    .get_result(self)
                    .unwrap();
                let mails = outbox::table
                    .filter(outbox::case_ref.eq(reference))
                    .count()
                    .get_result(self)
                    .unwrap();
                let audit = audit_log::table
                    .filter(audit_log::case_ref.eq(reference))
                    .filter(audit_log::action.eq("stap_gezet"))
                    .count()
                    .get_result(self)
                    .unwrap();
                (steps, mails, audit)
            }

            fn unexplained_states(&mut self) -> Vec<String> {
                let all: Vec<(i64, String, String)> = cases::table
                    .select((cases::id, cases::reference, cases::status_key))
                    .load(self)
                    .unwrap();
                let mut wrong = Vec::new();
                for (id, reference, status) in all {
                    let last: Option<String> = case_events::table
                        .filter(case_events::case_id.eq(id))
                        .order(case_events::id.desc())
                        .select(case_events::to_status)
                        .first(self)
                        .optional()
                        .unwrap();
                    let explained = match last {
                        None => status == "concept",
                        Some(to) => {
                            let to: Value = serde_json::from_str(&to).unwrap();
                            to["status"] == status.as_str()
                        }
                    };
                    if !explained {
                        wrong.push(format!("{reference}: {status}"));
                    }
                }
                wrong
            }

            fn audit_rows(&mut self, reference: &str, action: &str) -> i64 {
                audit_log::table
                    .filter(audit_log::case_ref.eq(reference))
                    .filter(audit_log::action.eq(action))
                    .count()
                    .get_result(self)
                    .unwrap()
            }

            fn document_rows(&mut self) -> i64 {
                bondgenoot_server::store::schema::documents::table
                    .count()
                    .get_result(self)
                    .unwrap()
            }
        }
    };
}
checks_for!(SqliteConnection);
checks_for!(PgConnection);

/// The real server binary on a data directory, with demo data loaded once.
pub(crate) struct Server {
    pub(crate) child: Child,
    pub(crate) address: String,
    /// The lines the server writes after saying where it listens (its log).
    pub(crate) log: std::sync::mpsc::Receiver<String>,
}

impl Server {
    pub(crate) fn load_demo(data: &Path, database: &Database) {
        let mut demo = Command::new(SERVER);
        demo.args(["demo", "--data-dir"])
            .arg(data)
            .stdout(Stdio::null());
        database.configure(&mut demo);
        assert!(demo.status().unwrap().success(), "demo data loads");
    }

    pub(crate) fn start(
        data: &Path,
        dist: &Path,
        database: &Database,
        env: &[(&str, &str)],
    ) -> Server {
        let content =
            Path::new(&std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"))
                .join("../content");
        let mut command = Command::new(SERVER);
        command
            .env("BONDGENOOT_ADDR", "127.0.0.1:0")
            .env("BONDGENOOT_DATA_DIR", data)
            .env("BONDGENOOT_DIST", dist)
            .env("BONDGENOOT_CONTENT", &content)
            .env_remove("BONDGENOOT_SMTP")
            .env_remove("BONDGENOOT_FAULT")
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        database.configure(&mut command);
        let mut child = command.spawn().unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let address = loop {
            let line = lines
                .next()
                .expect("the server says where it listens")
                .unwrap();
            if let Some(address) = line.strip_prefix("Bondgenoot luistert op ") {
                break address.to_owned();
            }
        };
        let (lines_out, log) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                if lines_out.send(line).is_err() {
                    break;
                }
            }
        });
        Server {
            child,
            address,
            log,
        }
    }

    /// A client signed in to a demo account on this server.
    pub(crate) async fn sign_in(&self, email: &str) -> Client {
        Client::signed_in_at(&self.address, email, bondgenoot_server::demo::PASSWORD).await
    }

    /// SIGKILL: no clean-up of any kind.
    fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A data directory and a site to serve, removed when dropped.
pub(crate) struct Dirs {
    pub(crate) data: TempDir,
    pub(crate) dist: TempDir,
}

pub(crate) fn dirs() -> Dirs {
    let dist = TempDir::new().unwrap();
    write_dist(dist.path());
    Dirs {
        data: TempDir::new().unwrap(),
        dist,
    }
}

/// Runs `test` on SQLite, and on PostgreSQL when the tests have one (CI always does).
pub(crate) async fn on_both<F, Fut>(test: F)
where
    F: Fn(Database) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    test(Database::Sqlite).await;
    match Database::postgres() {
        Some(postgres) => test(postgres).await,
        None => assert!(
            std::env::var_os("CI").is_none(),
            "CI must run the PostgreSQL tests"
        ),
    }
}

#[tokio::test]
async fn a_step_killed_right_after_its_commit_keeps_its_mail_and_audit_row() {
    on_both(|database| async move {
        let dirs = dirs();
        Server::load_demo(dirs.data.path(), &database);
        let server = Server::start(
            dirs.data.path(),
            dirs.dist.path(),
            &database,
            &[("BONDGENOOT_FAULT", "stall-after-step-commit")],
        );
        let staff = server.sign_in(bondgenoot_server::demo::STAFF).await;
        let queue: Value = staff.get("/api/zaken").await.json().await.unwrap();
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
        let mut before = (0, 0, 0);
        database.check(dirs.data.path(), |conn| before = conn.step_rows(&reference));

        // The step's request never gets an answer: the server stalls right after the commit.
        let step = {
            let staff = staff.clone();
            let path = format!("/api/zaken/{reference}/stappen");
            tokio::spawn(async move {
                staff
                    .with_csrf(staff.http.post(format!("{}{path}", staff.address)))
                    .json(&json!({"stap": {"event": "escaleren", "detail": "directeur_generaal"},
                        "bericht_hulpverlener": "Voorgelegd aan de directeur-generaal.", "bericht_burger": "Voorgelegd."}))
                    .timeout(Duration::from_secs(60))
                    .send()
                    .await
            })
        };
        let started = Instant::now();
        loop {
            let mut now = (0, 0, 0);
            database.check(dirs.data.path(), |conn| now = conn.step_rows(&reference));
            if now.0 > before.0 {
                break;
            }
            assert!(started.elapsed() < Duration::from_secs(30), "the step commits");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        server.kill();
        assert!(step.await.unwrap().is_err(), "the request died with the server");

        database.check(dirs.data.path(), |conn| {
            let (steps, mails, audit) = conn.step_rows(&reference);
            assert_eq!(steps, before.0 + 1);
            assert_eq!(mails, before.1 + 1, "the helper's mail is queued");
            assert_eq!(audit, before.2 + 1, "the step is in the audit log");
            assert_eq!(conn.unexplained_states(), Vec::<String>::new());
        });
        let server = Server::start(dirs.data.path(), dirs.dist.path(), &database, &[]);
        let staff = server.sign_in(bondgenoot_server::demo::STAFF).await;
        let case = staff.case(&reference).await;
        assert_eq!(case["status"]["status"], "geescaleerd");
        assert_eq!(case["status"]["detail"], "directeur_generaal");
    })
    .await;
}

/// The files in the documents directory: (whole files, part files).
fn files_in(data: &Path) -> (Vec<String>, Vec<String>) {
    let mut whole = Vec::new();
    let mut parts = Vec::new();
    for entry in std::fs::read_dir(data.join("documenten"))
        .unwrap()
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".part") {
            parts.push(name);
        } else {
            whole.push(name);
        }
    }
    (whole, parts)
}

#[tokio::test]
async fn a_server_killed_during_a_big_upload_keeps_no_half_file() {
    on_both(|database| async move {
        let dirs = dirs();
        Server::load_demo(dirs.data.path(), &database);
        let limits = [("BONDGENOOT_MAX_FILE_MB", "60")];
        let server = Server::start(dirs.data.path(), dirs.dist.path(), &database, &limits);
        let helper = server.sign_in(bondgenoot_server::demo::HELPER).await;
        let reference = helper.create_draft(&complete_draft()).await;
        let path = format!("/api/zaken/{reference}/documenten");
        let (whole_before, _) = files_in(dirs.data.path());

        // 50 MB announced; 12 MB sent, then the server dies mid-stream.
        const SIZE: u64 = 50 * 1024 * 1024;
        let (sender, upload) =
            crate::helpers::streamed_upload(&helper, &path, SIZE, "Groot besluit", "groot.pdf");
        let mut chunk = vec![b'x'; 1024 * 1024];
        chunk[..9].copy_from_slice(b"%PDF-1.7\n");
        for _ in 0..12 {
            sender.send(Ok(chunk.clone())).await.unwrap();
            chunk[..9].copy_from_slice(b"xxxxxxxxx");
        }
        let started = Instant::now();
        let part_size = |data: &Path| -> u64 {
            files_in(data)
                .1
                .iter()
                .map(|name| {
                    std::fs::metadata(data.join("documenten").join(name)).map_or(0, |m| m.len())
                })
                .sum()
        };
        while part_size(dirs.data.path()) < 8 * 1024 * 1024 {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "the upload streams in"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        server.kill();
        drop(sender);
        assert!(
            upload.await.unwrap().is_err(),
            "the upload died with the server"
        );

        let (whole, parts) = files_in(dirs.data.path());
        assert_eq!(whole, whole_before, "no whole file was made");
        assert_eq!(parts.len(), 1, "the half file is a part file");
        let mut rows_before = 0;
        database.check(dirs.data.path(), |conn| {
            rows_before = conn.document_rows();
            assert_eq!(conn.unexplained_states(), Vec::<String>::new());
        });

        // After a restart the case has no document, and takes a new one.
        let server = Server::start(dirs.data.path(), dirs.dist.path(), &database, &limits);
        let helper = server.sign_in(bondgenoot_server::demo::HELPER).await;
        let listed: Value = helper.get(&path).await.json().await.unwrap();
        assert_eq!(listed, json!([]), "no document row for the broken upload");
        let small = crate::documents::pdf(10_000);
        let response = helper
            .upload(&path, "besluit", "Besluit", "klein.pdf", small, false)
            .await;
        assert_eq!(response.status(), 201);
        server.kill();

        // A part file older than the longest upload is a crash's: the next start removes it.
        let part = dirs.data.path().join("documenten").join(&parts[0]);
        let touched = Command::new("touch")
            .args(["-d", "2 hours ago"])
            .arg(&part)
            .status()
            .unwrap();
        assert!(touched.success());
        let server = Server::start(dirs.data.path(), dirs.dist.path(), &database, &limits);
        assert!(!part.exists(), "the part file is gone");
        assert_eq!(files_in(dirs.data.path()).0.len(), whole_before.len() + 1);
        database.check(dirs.data.path(), |conn| {
            assert_eq!(conn.document_rows(), rows_before + 1)
        });
        drop(server);
    })
    .await;
}

#[tokio::test]
async fn a_server_killed_during_a_burst_of_saves_and_submits_loses_no_answered_one() {
    on_both(|database| async move {
        let dirs = dirs();
        Server::load_demo(dirs.data.path(), &database);
        let server = Server::start(dirs.data.path(), dirs.dist.path(), &database, &[]);
        let helper = server.sign_in(bondgenoot_server::demo::HELPER).await;

        // Four writers save their draft over and over, each save numbered; two others make
        // drafts and submit them. Each remembers the last one that was answered.
        let mut saves = Vec::new();
        let mut writers = tokio::task::JoinSet::new();
        for _ in 0..4 {
            let reference = helper.create_draft(&complete_draft()).await;
            let answered = Arc::new(AtomicU64::new(0));
            saves.push((reference.clone(), answered.clone()));
            let helper = helper.clone();
            writers.spawn(async move {
                for n in 1.. {
                    let mut draft = complete_draft();
                    draft["wat_ging_mis"] = json!(format!("Versie {n}"));
                    let Ok(response) = helper
                        .with_csrf(
                            helper
                                .http
                                .put(format!("{}/api/zaken/{reference}/concept", helper.address)),
                        )
                        .json(&draft)
                        .send()
                        .await
                    else {
                        return;
                    };
                    assert_eq!(response.status(), 204, "saved");
                    answered.store(n, Ordering::SeqCst);
                }
            });
        }
        let submitted = Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
        for _ in 0..2 {
            let helper = helper.clone();
            let submitted = submitted.clone();
            writers.spawn(async move {
                loop {
                    let Ok(response) = helper
                        .with_csrf(helper.http.post(format!("{}/api/zaken", helper.address)))
                        .json(&complete_draft())
                        .send()
                        .await
                    else {
                        return;
                    };
                    assert_eq!(response.status(), 201);
                    let Ok(body) = response.json::<Value>().await else {
                        return;
                    };
                    let reference = body["referentie"].as_str().unwrap().to_owned();
                    let Ok(response) = helper
                        .with_csrf(
                            helper
                                .http
                                .post(format!("{}/api/zaken/{reference}/indienen", helper.address)),
                        )
                        .json(&json!({}))
                        .send()
                        .await
                    else {
                        return;
                    };
                    assert_eq!(response.status(), 200, "submitted");
                    submitted.lock().unwrap().push(reference);
                }
            });
        }
        let started = Instant::now();
        while saves
            .iter()
            .map(|(_, n)| n.load(Ordering::SeqCst))
            .sum::<u64>()
            < 40
            || submitted.lock().unwrap().len() < 4
        {
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "the burst gets going"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        server.kill();
        while let Some(writer) = writers.join_next().await {
            writer.expect("a writer saw only answers it expected");
        }

        database.check(dirs.data.path(), |conn| {
            assert_eq!(
                conn.unexplained_states(),
                Vec::<String>::new(),
                "every state has its step"
            );
        });
        let server = Server::start(dirs.data.path(), dirs.dist.path(), &database, &[]);
        let helper = server.sign_in(bondgenoot_server::demo::HELPER).await;
        for (reference, answered) in &saves {
            let case = helper.case(reference).await;
            let kept: u64 = case["concept"]["wat_ging_mis"]
                .as_str()
                .and_then(|text| text.strip_prefix("Versie "))
                .and_then(|n| n.parse().ok())
                .expect("the draft keeps a numbered save");
            let answered = answered.load(Ordering::SeqCst);
            // The save in flight at the kill may or may not have made it; none answered is lost.
            assert!(
                kept == answered || kept == answered + 1,
                "kept save {kept}, answered {answered}"
            );
        }
        let submitted = submitted.lock().unwrap().clone();
        for reference in &submitted {
            let case = helper.case(reference).await;
            assert_eq!(
                case["status"]["status"], "wacht_op_toestemming",
                "{reference} stays submitted"
            );
        }
        drop(server);
    })
    .await;
}
