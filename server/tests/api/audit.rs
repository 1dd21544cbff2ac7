use serde_json::json;

use crate::helpers::TestApp;
use crate::helpers::{citizen, complete_draft, consented_case};
use crate::on_both_backends;

/// The trace ids of a case's audit rows of `action`, oldest first.
async fn trace_ids(app: &TestApp, reference: &str, action: &str) -> Vec<Option<String>> {
    use bondgenoot_server::store::schema::audit_log as a;
    use diesel::prelude::*;
    let (reference, action) = (reference.to_owned(), action.to_owned());
    app.db
        .run(move |conn| {
            Ok(a::table
                .filter(a::case_ref.eq(reference))
                .filter(a::action.eq(action))
                .order(a::id)
                .select(a::trace_id)
                .load(conn)?)
        })
        .await
        .unwrap()
}

on_both_backends! {
    async fn each_audit_row_carries_its_requests_trace_id(app: TestApp) {
        const PARENT: &str = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        let org = app.organisation("Org").await;
        let helper = app.helper(org, "h@org.nl").await;
        // A change (its row written in the change's transaction, on a blocking thread) and a
        // read (its row written by the batch writer), both from a proxy that sent a trace.
        let created = helper
            .with_csrf(helper.http.post(format!("{}/api/zaken", helper.address)))
            .header("traceparent", PARENT)
            .json(&complete_draft())
            .send()
            .await
            .unwrap();
        assert_eq!(created.status(), 201);
        let reference = created.json::<serde_json::Value>().await.unwrap()["referentie"]
            .as_str()
            .unwrap()
            .to_owned();
        let read = helper
            .http
            .get(format!("{}/api/zaken/{reference}", helper.address))
            .header("traceparent", PARENT)
            .send()
            .await
            .unwrap();
        assert_eq!(read.status(), 200);
        // Without a trace from outside, the server starts one per request.
        helper.get(&format!("/api/zaken/{reference}")).await;
        helper.get(&format!("/api/zaken/{reference}")).await;

        let ours = Some("4bf92f3577b34da6a3ce929d0e0e4736".to_owned());
        assert_eq!(trace_ids(&app, &reference, "concept_gemaakt").await, std::slice::from_ref(&ours));
        let reads = trace_ids(&app, &reference, "zaak_bekeken").await;
        assert_eq!(reads.len(), 3);
        assert_eq!(reads[0], ours);
        for made in &reads[1..] {
            let made = made.as_deref().expect("a trace id");
            assert_eq!(made.len(), 32);
            assert!(made.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
        }
        assert_ne!(reads[1], reads[2], "each request its own trace");
    }

    async fn reads_and_changes_of_a_case_are_audited(app: TestApp) {
        let org = app.organisation("Org").await;
        let helper = app.helper(org, "h@org.nl").await;
        let reference = helper.create_draft(&complete_draft()).await;
        helper.put_json(&format!("/api/zaken/{reference}/concept"), &complete_draft()).await;
        helper.get(&format!("/api/zaken/{reference}")).await;
        helper.get(&format!("/api/zaken/{reference}")).await;
        helper.post_json(&format!("/api/zaken/{reference}/indienen"), &json!({})).await;

        assert_eq!(app.audit_rows(&reference, "concept_gemaakt").await, 1);
        assert_eq!(app.audit_rows(&reference, "concept_bijgewerkt").await, 1);
        // Two reads, plus the read that answers the submit.
        assert_eq!(app.audit_rows(&reference, "zaak_bekeken").await, 3);
        assert_eq!(app.audit_rows(&reference, "zaak_ingediend").await, 1);
    }

    async fn a_refused_read_shows_nothing_and_the_audit_log_cannot_be_changed(app: TestApp) {
        let org = app.organisation("Org").await;
        let helper = app.helper(org, "h@org.nl").await;
        let reference = helper.create_draft(&complete_draft()).await;

        let update = app.execute("UPDATE audit_log SET action = 'x'").await;
        let delete = app.execute("DELETE FROM audit_log").await;

        assert!(update.is_err(), "UPDATE on audit_log must fail");
        assert!(delete.is_err(), "DELETE on audit_log must fail");
        assert_eq!(app.audit_rows(&reference, "concept_gemaakt").await, 1);
    }

    async fn every_one_of_many_reads_at_once_is_logged_before_it_is_answered(app: TestApp) {
        let (_helper, reference, access) = consented_case(&app, "h@org.nl").await;
        let (_, me) = citizen(&app, &reference, &access).await;
        let before = app.audit_rows(&reference, "zaak_bekeken").await;

        // Rows are written in batches; each request must still wait for its own.
        let mut reads = tokio::task::JoinSet::new();
        for _ in 0..64 {
            let me = me.clone();
            reads.spawn(async move { me.get("/api/burger/zaak").await.status() });
        }
        while let Some(status) = reads.join_next().await {
            assert_eq!(status.unwrap(), 200);
        }

        assert_eq!(app.audit_rows(&reference, "zaak_bekeken").await, before + 64);
    }
}

/// The status lookup makes its answer while its audit row is on its way: when the row cannot
/// be written, that answer is thrown away and nothing of the case is shown.
#[tokio::test]
async fn a_read_whose_audit_row_fails_shows_nothing_of_the_case() {
    let app = crate::helpers::spawn_app().await;
    let (_helper, reference, access) = consented_case(&app, "h@org.nl").await;
    let (_, me) = citizen(&app, &reference, &access).await;
    assert_eq!(me.get("/api/burger/zaak").await.status(), 200);

    app.execute(
        "CREATE TRIGGER audit_log_refuses BEFORE INSERT ON audit_log \
         BEGIN SELECT RAISE(ABORT, 'test: no audit rows'); END",
    )
    .await
    .unwrap();
    let refused = me.get("/api/burger/zaak").await;
    assert!(refused.status().is_server_error(), "{}", refused.status());
    let body = refused.text().await.unwrap();
    assert!(!body.contains(&reference), "the case leaked: {body}");
    assert!(!body.contains("tijdlijn"), "the case leaked: {body}");

    app.execute("DROP TRIGGER audit_log_refuses").await.unwrap();
    assert_eq!(me.get("/api/burger/zaak").await.status(), 200);
}

/// On PostgreSQL the server runs as a role of its own, which the migrations (run as the
/// owner) grant only SELECT and INSERT on the audit log: the log holds even without the
/// triggers, and the server cannot change the schema.
#[tokio::test]
async fn on_postgresql_the_server_role_may_only_read_and_add_to_the_audit_log() {
    use diesel::prelude::*;
    #[derive(QueryableByName, Debug, PartialEq)]
    struct Rights {
        #[diesel(sql_type = diesel::sql_types::Bool)]
        select: bool,
        #[diesel(sql_type = diesel::sql_types::Bool)]
        insert: bool,
        #[diesel(sql_type = diesel::sql_types::Bool)]
        update: bool,
        #[diesel(sql_type = diesel::sql_types::Bool)]
        delete: bool,
        #[diesel(sql_type = diesel::sql_types::Bool)]
        create: bool,
        #[diesel(sql_type = diesel::sql_types::Bool)]
        owner: bool,
    }
    let Some(app) = crate::helpers::spawn_postgres_app().await else {
        return;
    };
    let rights = |table: &'static str| {
        app.db.run(move |conn| {
            Ok(diesel::sql_query(format!(
                "SELECT has_table_privilege('{table}', 'SELECT') AS select, \
                        has_table_privilege('{table}', 'INSERT') AS insert, \
                        has_table_privilege('{table}', 'UPDATE') AS update, \
                        has_table_privilege('{table}', 'DELETE') AS delete, \
                        has_schema_privilege('public', 'CREATE') AS create, \
                        pg_has_role((SELECT tableowner FROM pg_tables WHERE tablename = '{table}'), 'MEMBER') AS owner"
            ))
            .get_result::<Rights>(conn)?)
        })
    };
    let log = rights("audit_log").await.unwrap();
    assert_eq!(
        (log.select, log.insert, log.update, log.delete, log.create, log.owner),
        (true, true, false, false, false, false)
    );
    let cases = rights("cases").await.unwrap();
    assert_eq!(
        (cases.select, cases.insert, cases.update, cases.delete),
        (true, true, true, true)
    );
    let refused = app
        .execute("UPDATE audit_log SET action = 'x'")
        .await
        .unwrap_err();
    assert!(refused.contains("permission denied"), "{refused}");
}
