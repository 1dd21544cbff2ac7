//! A database made by the release before typed storage (sqlx, the case status as JSON, flags
//! as 0/1; see `tests/fixtures/before-typed-storage`) opens with today's server: its
//! migration history is adopted, the new migrations convert the columns, and every case,
//! document and audit row is found again, through the API as well as in the tables.

use std::collections::BTreeMap;
use std::path::Path;

use bondgenoot_server::demo;
use bondgenoot_server::store::db::Db;
use bondgenoot_server::store::schema::{audit_log, case_facets, cases, documents};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text};
use serde_json::Value;
use tempfile::TempDir;

use crate::helpers::{new_postgres_database, spawn_app_with, TestApp};

fn fixture() -> std::path::PathBuf {
    Path::new(&std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/before-typed-storage")
}

/// A case as the old release stored it.
#[derive(QueryableByName, Debug)]
struct OldCase {
    #[diesel(sql_type = Text)]
    reference: String,
    #[diesel(sql_type = Text)]
    status: String,
    #[diesel(sql_type = BigInt)]
    spoed: i64,
}

#[derive(QueryableByName, Debug, PartialEq, Eq, Clone)]
struct AuditRow {
    #[diesel(sql_type = BigInt)]
    id: i64,
    #[diesel(sql_type = Text)]
    action: String,
    #[diesel(sql_type = Nullable<Text>)]
    case_ref: Option<String>,
}

/// What the old database holds: its cases, its document ids and its audit rows.
struct Before {
    cases: Vec<OldCase>,
    documents: Vec<String>,
    audit: Vec<AuditRow>,
}

#[derive(QueryableByName)]
struct Id {
    #[diesel(sql_type = Text)]
    id: String,
}

fn read_before<C>(conn: &mut C) -> Before
where
    C: Connection,
    C::Backend: diesel::backend::Backend,
    OldCase: QueryableByName<C::Backend>,
    AuditRow: QueryableByName<C::Backend>,
    Id: QueryableByName<C::Backend>,
    diesel::query_builder::SqlQuery: diesel::query_dsl::LoadQuery<'static, C, OldCase>
        + diesel::query_dsl::LoadQuery<'static, C, AuditRow>
        + diesel::query_dsl::LoadQuery<'static, C, Id>,
{
    let cases: Vec<OldCase> =
        diesel::sql_query("SELECT reference, status, spoed FROM cases ORDER BY id")
            .load(conn)
            .unwrap();
    let documents: Vec<Id> = diesel::sql_query("SELECT id FROM documents ORDER BY seq")
        .load(conn)
        .unwrap();
    let audit: Vec<AuditRow> =
        diesel::sql_query("SELECT id, action, case_ref FROM audit_log ORDER BY id")
            .load(conn)
            .unwrap();
    Before {
        cases,
        documents: documents.into_iter().map(|d| d.id).collect(),
        audit,
    }
}

/// Everything of `before` is there after the upgrade.
async fn everything_is_found(app: &TestApp, before: &Before, with_files: bool) {
    assert_eq!(
        before.cases.len(),
        4,
        "the fixture has the demo's four cases"
    );
    assert_eq!(before.documents.len(), 1);
    assert!(before.audit.len() >= 20, "the fixture has audit rows");

    let helper = app.sign_in(demo::HELPER, demo::PASSWORD).await;
    let list: Vec<Value> = helper.get("/api/zaken").await.json().await.unwrap();
    let listed: BTreeMap<String, (Value, bool)> = list
        .iter()
        .map(|c| {
            (
                c["referentie"].as_str().unwrap().to_owned(),
                (c["status"].clone(), c["spoed"].as_bool().unwrap()),
            )
        })
        .collect();
    for old in &before.cases {
        let status: Value = serde_json::from_str(&old.status).unwrap();
        assert_eq!(
            listed.get(&old.reference),
            Some(&(status.clone(), old.spoed == 1)),
            "case {} keeps its state and urgency",
            old.reference
        );
        let shown = helper.get(&format!("/api/zaken/{}", old.reference)).await;
        assert_eq!(shown.status(), 200);
        let shown: Value = shown.json().await.unwrap();
        assert_eq!(shown["status"], status);
        // A draft has no timeline yet; every sent case has at least its sending.
        assert_eq!(
            shown["tijdlijn"].as_array().unwrap().is_empty(),
            status["status"] == "concept",
            "case {} keeps its timeline",
            old.reference
        );
    }

    // The case that had ended gets its archiefactiedatum (retention, migration 0016): its last
    // step plus the default term for a referral; running cases get none.
    let archived: Vec<(String, String, i64, i64)> = app
        .db
        .run(|conn| {
            use bondgenoot_server::store::schema::{case_archive, case_events};
            let rows: Vec<(i64, String, String, i64)> = case_archive::table
                .inner_join(cases::table)
                .select((
                    cases::id,
                    cases::reference,
                    case_archive::nomination,
                    case_archive::action_at,
                ))
                .load(conn)?;
            let mut out = Vec::new();
            for (id, reference, nomination, at) in rows {
                let last: Option<i64> = case_events::table
                    .filter(case_events::case_id.eq(id))
                    .select(diesel::dsl::max(case_events::at))
                    .first(conn)?;
                out.push((reference, nomination, at, last.unwrap()));
            }
            Ok(out)
        })
        .await
        .unwrap();
    let ended: Vec<&OldCase> = before
        .cases
        .iter()
        .filter(|c| c.status.contains("doorverwezen"))
        .collect();
    assert_eq!(archived.len(), ended.len());
    assert_eq!(archived[0].0, ended[0].reference);
    assert_eq!(archived[0].1, "vernietigen");
    assert_eq!(archived[0].2 - archived[0].3, 365 * 86_400);

    // Every sent case got its Dienst and topics for the figures, from its submission.
    let (sent, facets) = app
        .db
        .run(|conn| {
            let sent: Vec<(i64, Option<String>)> = cases::table
                .filter(cases::submission.is_not_null())
                .select((cases::id, cases::submission))
                .load(conn)?;
            let facets: Vec<(i64, String, String)> = case_facets::table
                .order((case_facets::case_id, case_facets::kind, case_facets::value))
                .select((case_facets::case_id, case_facets::kind, case_facets::value))
                .load(conn)?;
            Ok((sent, facets))
        })
        .await
        .unwrap();
    assert!(!sent.is_empty(), "the fixture has sent cases");
    let mut expected: Vec<(i64, String, String)> = Vec::new();
    for (id, submission) in sent {
        let submission: Value = serde_json::from_str(&submission.unwrap()).unwrap();
        expected.push((
            id,
            "dienst".into(),
            submission["dienst"].as_str().unwrap().into(),
        ));
        for topic in submission["onderwerpen"].as_array().unwrap() {
            let mut key = topic["onderwerp"].as_str().unwrap().to_owned();
            if let Some(kind) = topic["soort"].as_str() {
                key = format!("{key}:{kind}");
            }
            expected.push((id, "onderwerp".into(), key));
        }
    }
    expected.sort();
    expected.dedup();
    assert_eq!(facets, expected);

    let (document, bytes_expected) = {
        let id = before.documents[0].clone();
        let stored = std::fs::read(fixture().join("sqlite/documenten").join(&id)).ok();
        (id, stored)
    };
    let rows: Vec<String> = app
        .db
        .run(|conn| {
            Ok(documents::table
                .order(documents::seq)
                .select(documents::id)
                .load(conn)?)
        })
        .await
        .unwrap();
    assert_eq!(rows, before.documents);
    let mut docs: Vec<Value> = Vec::new();
    for case in before
        .cases
        .iter()
        .filter(|c| !c.status.contains("concept"))
    {
        let listed: Vec<Value> = helper
            .get(&format!("/api/zaken/{}/documenten", case.reference))
            .await
            .json()
            .await
            .unwrap();
        docs.extend(listed);
    }
    assert_eq!(docs.len(), 1, "the document is listed on its case");
    assert_eq!(docs[0]["id"], document.as_str());
    assert_eq!(
        docs[0]["gedeeld_met_burger"], true,
        "the flag became a boolean"
    );
    if with_files {
        let download = helper.get(&format!("/api/documenten/{document}")).await;
        assert_eq!(download.status(), 200);
        assert_eq!(
            download.bytes().await.unwrap().to_vec(),
            bytes_expected.unwrap()
        );
    }

    let old_max = before.audit.last().unwrap().id;
    let kept: Vec<(i64, String, Option<String>)> = app
        .db
        .run(move |conn| {
            Ok(audit_log::table
                .filter(audit_log::id.le(old_max))
                .order(audit_log::id)
                .select((audit_log::id, audit_log::action, audit_log::case_ref))
                .load(conn)?)
        })
        .await
        .unwrap();
    let before_rows: Vec<(i64, String, Option<String>)> = before
        .audit
        .iter()
        .map(|r| (r.id, r.action.clone(), r.case_ref.clone()))
        .collect();
    assert_eq!(
        kept, before_rows,
        "every audit row is still there, unchanged"
    );
    assert!(
        app.execute("DELETE FROM audit_log").await.is_err(),
        "the audit log stays append-only"
    );
}

#[tokio::test]
async fn an_sqlite_database_of_the_release_before_opens_with_everything_in_it() {
    let data = TempDir::new().unwrap();
    let from = fixture().join("sqlite");
    std::fs::copy(
        from.join("bondgenoot.sqlite"),
        data.path().join("bondgenoot.sqlite"),
    )
    .unwrap();
    std::fs::create_dir(data.path().join("documenten")).unwrap();
    for file in std::fs::read_dir(from.join("documenten")).unwrap() {
        let file = file.unwrap();
        std::fs::copy(
            file.path(),
            data.path().join("documenten").join(file.file_name()),
        )
        .unwrap();
    }
    let path = data.path().join("bondgenoot.sqlite").display().to_string();
    let before = read_before(&mut SqliteConnection::establish(&path).unwrap());

    let db = Db::open_in_dir(data.path())
        .await
        .expect("the old database opens");
    let app = spawn_app_with(data, db).await;
    everything_is_found(&app, &before, true).await;
}

#[tokio::test]
async fn a_postgres_database_of_the_release_before_opens_with_everything_in_it() {
    if std::env::var("BONDGENOOT_TEST_POSTGRES").is_err() {
        assert!(
            std::env::var("CI").is_err(),
            "CI must run the PostgreSQL tests"
        );
        return;
    }
    let url = new_postgres_database();
    let dump = std::fs::read_to_string(fixture().join("postgres.sql")).unwrap();
    // The dump sets an empty search_path for its own session: load it on a connection of
    // its own, and read the old rows on another.
    PgConnection::establish(&url)
        .unwrap()
        .batch_execute(&dump)
        .unwrap();
    let before = read_before(&mut PgConnection::establish(&url).unwrap());

    let db = Db::connect(&url).await.expect("the old database opens");
    let app = spawn_app_with(TempDir::new().unwrap(), db).await;
    everything_is_found(&app, &before, false).await;
}
