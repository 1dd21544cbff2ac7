use serde_json::json;

use crate::helpers::{citizen, complete_draft, consented_case};
use crate::on_both_backends;

on_both_backends! {
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
