//! Staff steps through the API, validated by the model's state machine on the server.

use model::lifecycle::CaseStatus;
use serde_json::{json, Value};

use crate::helpers::{self, Client, TestApp};
use crate::on_both_backends;

/// A submitted case to which the citizen consented through the consent link.
async fn consented_case(app: &TestApp) -> (Client, Client, String) {
    let (helper, reference, _) = helpers::consented_case(app, "h@org.nl").await;
    let staff = app.staff("s@bb.nl").await;
    (helper, staff, reference)
}

async fn step(staff: &Client, reference: &str, event: Value) -> reqwest::Response {
    staff
        .post_json(
            &format!("/api/zaken/{reference}/stappen"),
            &json!({"stap": event, "bericht_hulpverlener": "Bericht voor de hulpverlener.", "bericht_burger": "Bericht voor u.", "datum": bondgenoot_server::clock::today().to_string(), "reden": "De reden voor deze stap."}),
        )
        .await
}

on_both_backends! {
    async fn staff_take_a_case_all_the_way_through_escalation_to_closed(app: TestApp) {
        let (helper, staff, reference) = consented_case(&app).await;
        let list: Value = staff.get("/api/zaken").await.json().await.unwrap();
        assert_eq!(list[0]["referentie"], reference.as_str());
        assert_eq!(list[0]["burger_naam"], Value::Null, "staff lists show no names");
        assert_eq!(list[0]["spoed"], true);

        let path = [
            (json!({"event": "triage_starten"}), "in_triage"),
            (json!({"event": "in_behandeling_nemen"}), "in_behandeling"),
            (json!({"event": "zienswijze_versturen"}), "zienswijze_verstuurd"),
            (json!({"event": "zienswijze_niet_overgenomen"}), "niet_overgenomen"),
            (json!({"event": "escaleren", "detail": "leidinggevende"}), "geescaleerd"),
            (json!({"event": "escaleren", "detail": "directeur_generaal"}), "geescaleerd"),
            (json!({"event": "afronden", "detail": "opgelost_na_escalatie"}), "afgerond"),
            (json!({"event": "eindgesprek_plannen"}), "eindgesprek"),
            (json!({"event": "sluiten"}), "gesloten"),
        ];
        for (event, expected) in path {
            let response = step(&staff, &reference, event.clone()).await;
            assert_eq!(response.status(), 200, "{event}");
            let detail: Value = response.json().await.unwrap();
            assert_eq!(detail["status"]["status"], expected, "{event}");
        }

        let detail: Value = helper.get(&format!("/api/zaken/{reference}")).await.json().await.unwrap();
        let timeline = detail["tijdlijn"].as_array().unwrap();
        assert_eq!(timeline.len(), 11);
        assert_eq!(timeline[10]["bericht"], "Bericht voor de hulpverlener.");
        assert_eq!(timeline[10]["naar"]["status"], "gesloten");
        let status: CaseStatus = serde_json::from_value(detail["status"].clone()).unwrap();
        assert!(status.is_end());
        // Nothing happens after the end.
        let after = step(&staff, &reference, json!({"event": "triage_starten"})).await;
        assert_eq!(after.status(), 409);
    }

    async fn triage_can_refer_a_case_with_a_route(app: TestApp) {
        let (_helper, staff, reference) = consented_case(&app).await;
        step(&staff, &reference, json!({"event": "triage_starten"})).await;

        let response = step(&staff, &reference, json!({"event": "doorverwijzen", "detail": "stella_team"})).await;

        let detail: Value = response.json().await.unwrap();
        assert_eq!(detail["status"], json!({"status": "doorverwezen", "detail": "stella_team"}));
        assert!(detail["uitleg"]["meaning"].as_str().unwrap().contains("het Stella-team"));
    }

    async fn a_step_that_does_not_fit_the_state_is_refused_with_a_reason(app: TestApp) {
        let (_helper, staff, reference) = consented_case(&app).await;

        let skip = step(&staff, &reference, json!({"event": "zienswijze_versturen"})).await;
        let citizens_step = step(&staff, &reference, json!({"event": "toestemming_intrekken"})).await;

        assert_eq!(skip.status(), 409);
        let problem: Value = skip.json().await.unwrap();
        assert!(problem["detail"].as_str().unwrap().contains("past niet bij de stand"));
        assert_eq!(citizens_step.status(), 409);
        let detail: Value = staff.get(&format!("/api/zaken/{reference}")).await.json().await.unwrap();
        assert_eq!(detail["status"]["status"], "aangemeld");
    }

    async fn every_step_needs_messages_for_helper_and_citizen(app: TestApp) {
        let (_helper, staff, reference) = consented_case(&app).await;

        let response = staff
            .post_json(&format!("/api/zaken/{reference}/stappen"), &json!({"stap": {"event": "triage_starten"}, "bericht_hulpverlener": " ", "bericht_burger": "x".repeat(2001)}))
            .await;

        assert_eq!(response.status(), 422);
        let problem: Value = response.json().await.unwrap();
        assert_eq!(problem["errors"][0]["field"], "bericht_hulpverlener");
        assert_eq!(problem["errors"][0]["message"], "Vul het bericht voor de hulpverlener in.");
        assert_eq!(problem["errors"][1]["field"], "bericht_burger");
        assert!(problem["errors"][1]["message"].as_str().unwrap().contains("niet meer dan 2000 tekens"));
    }
}
