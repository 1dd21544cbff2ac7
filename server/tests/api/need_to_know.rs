//! Need-to-know among the Belangenbehartiger's staff (issue 17): triage has what nobody took
//! on; the casemanager and their handling team have it afterwards; anyone else sees the queue
//! line only, and opens a case with a stated reason only where beheer allows it for their
//! team — a grant of an hour, with the reason in the audit log.

use bondgenoot_server::store::assignment::TeamRights;
use bondgenoot_server::store::schema::audit_log;
use diesel::prelude::*;
use model::lifecycle::CaseEvent;
use serde_json::{json, Value};

use crate::helpers::{consented_case, fire_step};
use crate::on_both_backends;

const HANDLING: TeamRights = TeamRights {
    triage: false,
    break_glass: false,
};
const EMERGENCY: TeamRights = TeamRights {
    triage: false,
    break_glass: true,
};

on_both_backends! {
    async fn taking_a_case_on_moves_it_from_triage_to_the_handling_team(app: TestApp) {
        let (_, reference, _) = consented_case(&app, "h@oost.nl").await;
        let staff = app.staff("cm@bb.nl").await;
        app.join("cm@bb.nl", "Team Toeslagen", HANDLING).await;
        let triage = app.staff("triage@bb.nl").await;
        let colleague = app.staff_in("collega@bb.nl", "Team Toeslagen", HANDLING).await;
        let stranger = app.staff_in("vreemd@bb.nl", "Team Belastingen", HANDLING).await;
        let case = format!("/api/zaken/{reference}");

        // Waiting for triage: the triage team's.
        assert_eq!(triage.get(&case).await.status(), 200);
        assert_eq!(colleague.get(&case).await.status(), 403);
        fire_step(&staff, &reference, CaseEvent::TriageStarten).await;
        fire_step(&staff, &reference, CaseEvent::InBehandelingNemen).await;

        // Taken on: the casemanager's and their handling team's; triage and others see the line.
        assert_eq!(staff.get(&case).await.status(), 200);
        assert_eq!(colleague.get(&case).await.status(), 200);
        for outsider in [&triage, &stranger] {
            let refused = outsider.get(&case).await;
            assert_eq!(refused.status(), 403);
            let problem: Value = refused.json().await.unwrap();
            assert_eq!(problem["type"], "niet-uw-zaak");
            assert!(problem["detail"].as_str().unwrap().contains("hoort niet bij u of uw team"));
            assert_eq!(outsider.get(&format!("{case}/notities")).await.status(), 403);
            let note = outsider.post_json(&format!("{case}/notities"), &json!({"tekst": "Ik kijk even."})).await;
            assert_eq!(note.status(), 403);
        }
        // Still on everyone's queue list, without names.
        let queue: Value = stranger.get("/api/zaken").await.json().await.unwrap();
        assert!(queue.as_array().unwrap().iter().any(|c| c["referentie"] == reference.as_str()));
        // Refusing does not open: no read was logged for the outsiders.
        assert_eq!(app.audit_rows(&reference, "zaak_geopend_met_reden").await, 0);
    }

    async fn breaking_the_glass_needs_a_team_that_allows_it_and_a_reason_and_is_logged(app: TestApp) {
        let (_, reference, _) = consented_case(&app, "h@oost.nl").await;
        let staff = app.staff("cm@bb.nl").await;
        app.join("cm@bb.nl", "Team Toeslagen", HANDLING).await;
        fire_step(&staff, &reference, CaseEvent::TriageStarten).await;
        fire_step(&staff, &reference, CaseEvent::InBehandelingNemen).await;
        let stranger = app.staff_in("vreemd@bb.nl", "Team Belastingen", HANDLING).await;
        let emergency = app.staff_in("nood@bb.nl", "Noodteam", EMERGENCY).await;
        let case = format!("/api/zaken/{reference}");
        let open = format!("{case}/inzage");
        let reason = json!({"reden": "De burger belt en de casemanager is ziek."});

        // A team that does not allow it: refused, whatever the reason.
        let refused = stranger.post_json(&open, &reason).await;
        assert_eq!(refused.status(), 403);
        assert_eq!(refused.json::<Value>().await.unwrap()["type"], "niet-uw-zaak");

        // A team that allows it: the refusal says so, and a reason must say something.
        let before = emergency.get(&case).await;
        assert_eq!(before.status(), 403);
        assert_eq!(before.json::<Value>().await.unwrap()["type"], "niet-uw-zaak-inzage-met-reden");
        let short = emergency.post_json(&open, &json!({"reden": "even"})).await;
        assert_eq!(short.status(), 422);
        let problem: Value = short.json().await.unwrap();
        assert_eq!(problem["errors"][0]["field"], "reden");
        assert_eq!(problem["errors"][0]["message"], "De reden is te kort. Gebruik minstens 10 tekens.");

        assert_eq!(emergency.post_json(&open, &reason).await.status(), 204);
        let shown = emergency.get(&case).await;
        assert_eq!(shown.status(), 200);
        let detail: Value = shown.json().await.unwrap();
        assert_eq!(detail["alleen_inzien"], true);
        assert_eq!(detail["ingediend"]["burger_naam"], "Anna de Vries");
        assert_eq!(emergency.get(&format!("{case}/notities")).await.status(), 200);
        // Reading only: every change is refused with what to do.
        let note = emergency.post_json(&format!("{case}/notities"), &json!({"tekst": "Ik kijk even."})).await;
        assert_eq!(note.status(), 409);
        assert!(note.json::<Value>().await.unwrap()["detail"].as_str().unwrap().contains("om in te zien"));
        let step = emergency
            .post_json(&format!("{case}/stappen"), &json!({"stap": {"event": "zienswijze_versturen"}, "bericht_hulpverlener": "x", "bericht_burger": "x", "datum": bondgenoot_server::clock::today().to_string()}))
            .await;
        assert_eq!(step.status(), 409);

        // The audit log holds the reason beside who opened the case, and the read after it.
        let reasons: Vec<Option<String>> = app
            .db
            .run({
                let reference = reference.clone();
                move |conn| {
                    Ok(audit_log::table
                        .filter(audit_log::case_ref.eq(reference))
                        .filter(audit_log::action.eq("zaak_geopend_met_reden"))
                        .select(audit_log::reason)
                        .load(conn)?)
                }
            })
            .await
            .unwrap();
        assert_eq!(reasons, vec![Some("De burger belt en de casemanager is ziek.".to_owned())]);
        assert!(app.audit_rows(&reference, "zaak_bekeken").await >= 2);

        // The opening lasts an hour; after that the case is closed to them again.
        app.execute("UPDATE case_access_grants SET expires_at = 0").await.unwrap();
        assert_eq!(emergency.get(&case).await.status(), 403);
    }

    async fn a_case_before_consent_stays_hidden_even_with_a_reason(app: TestApp) {
        let org = app.organisation("Oost").await;
        let helper = app.helper(org, "h@oost.nl").await;
        let reference = helper.create_draft(&crate::helpers::complete_draft()).await;
        helper.submit(&reference).await;
        let emergency = app.staff_in("nood@bb.nl", "Noodteam", EMERGENCY).await;
        let opened = emergency
            .post_json(&format!("/api/zaken/{reference}/inzage"), &json!({"reden": "De burger belt en de casemanager is ziek."}))
            .await;
        assert_eq!(opened.status(), 404);
        assert_eq!(app.audit_rows(&reference, "zaak_geopend_met_reden").await, 0);
    }

    async fn beheer_sets_which_teams_triage_and_which_may_open_with_a_reason(app: TestApp) {
        let beheerder = app.user(model::lifecycle::Role::Beheerder, None, "beheer@bb.nl").await;
        let made = beheerder
            .post_json("/api/beheer/teams", &json!({"naam": "Triage", "triage": true}))
            .await;
        assert_eq!(made.status(), 201);
        let teams: Value = made.json().await.unwrap();
        let team = &teams[0];
        assert_eq!(team["triage"], true);
        assert_eq!(team["inzage_met_reden"], false);
        let id = team["id"].as_i64().unwrap();
        let changed = beheerder
            .put_json(&format!("/api/beheer/teams/{id}"), &json!({"naam": "Triage en nood", "triage": true, "inzage_met_reden": true}))
            .await;
        assert_eq!(changed.status(), 200);
        let teams: Value = changed.json().await.unwrap();
        assert_eq!(teams[0]["naam"], "Triage en nood");
        assert_eq!(teams[0]["inzage_met_reden"], true);
        assert_eq!(app.audit_subject_rows("team_gewijzigd").await, 1);
        let unknown = beheerder
            .put_json("/api/beheer/teams/9999", &json!({"naam": "Niemand"}))
            .await;
        assert_eq!(unknown.status(), 404);
        let staff = app.staff("s@bb.nl").await;
        assert_eq!(staff.put_json(&format!("/api/beheer/teams/{id}"), &json!({"naam": "X"})).await.status(), 403);
    }
    async fn a_casemanager_hands_a_case_to_a_colleague_with_a_reason(app: TestApp) {
        use bondgenoot_server::store::schema::{accounts, outbox};
        let (helper, reference, access) = consented_case(&app, "h@oost.nl").await;
        let staff = app.staff("cm@bb.nl").await;
        app.join("cm@bb.nl", "Team Toeslagen", HANDLING).await;
        let next = app.staff_in("nieuw@bb.nl", "Team Belastingen", HANDLING).await;
        let case = format!("/api/zaken/{reference}");
        let hand_over = format!("{case}/toewijzing");
        let next_id: i64 = app
            .db
            .run(|conn| Ok(accounts::table.filter(accounts::email.eq("nieuw@bb.nl")).select(accounts::id).first(conn)?))
            .await
            .unwrap();
        let reason = json!({"casemanager": next_id, "reden": "Ik ben drie weken met verlof."});

        // Not before someone took it on.
        fire_step(&staff, &reference, CaseEvent::TriageStarten).await;
        assert_eq!(staff.post_json(&hand_over, &reason).await.status(), 409);
        fire_step(&staff, &reference, CaseEvent::InBehandelingNemen).await;

        // Who it can go to.
        let colleagues: Value = staff.get("/api/medewerkers").await.json().await.unwrap();
        let names: Vec<&str> = colleagues.as_array().unwrap().iter().flat_map(|c| c["teams"].as_array().unwrap()).map(|t| t.as_str().unwrap()).collect();
        assert!(names.contains(&"Team Belastingen"));
        assert_eq!(helper.get("/api/medewerkers").await.status(), 403);

        // A wrong choice and a missing reason are named; as a plain step it is refused.
        let wrong = staff.post_json(&hand_over, &json!({"casemanager": 0, "reden": ""})).await;
        assert_eq!(wrong.status(), 422);
        let fields: Vec<String> = wrong.json::<Value>().await.unwrap()["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_owned()).collect();
        assert_eq!(fields, ["casemanager", "reden"]);
        let unknown = staff.post_json(&hand_over, &json!({"casemanager": 99999, "reden": "Ik ben drie weken met verlof."})).await;
        assert_eq!(unknown.status(), 422);
        let plain = staff
            .post_json(&format!("{case}/stappen"), &json!({"stap": {"event": "toewijzen"}, "bericht_hulpverlener": "x", "bericht_burger": "x"}))
            .await;
        assert_eq!(plain.status(), 422);
        // Someone outside the case cannot hand it on.
        assert_eq!(next.post_json(&hand_over, &reason).await.status(), 403);

        assert_eq!(staff.post_json(&hand_over, &reason).await.status(), 204);
        // Now the colleague's (and their team's); the old casemanager's team sees the line.
        let shown: Value = next.get(&case).await.json().await.unwrap();
        assert_eq!(shown["casemanager"], "Test Persoon");
        assert_eq!(shown["status"]["status"], "in_behandeling");
        let last = shown["tijdlijn"].as_array().unwrap().last().unwrap().clone();
        assert!(last["bericht"].as_str().unwrap().contains("is nu de casemanager"));
        let notes = shown["notities"].as_array().unwrap();
        assert!(notes.iter().any(|n| n["tekst"].as_str().unwrap().ends_with("Reden: Ik ben drie weken met verlof.")));
        assert_eq!(staff.get(&case).await.status(), 403);
        // The helper and the citizen read who, never the internal reason.
        let seen_by_helper = helper.get(&case).await.text().await.unwrap();
        assert!(!seen_by_helper.contains("verlof"));
        let (_, citizen) = crate::helpers::citizen(&app, &reference, &access).await;
        let seen_by_citizen = citizen.get("/api/burger/zaak").await.text().await.unwrap();
        assert!(seen_by_citizen.contains("is nu uw vaste contact"));
        assert!(!seen_by_citizen.contains("verlof"));
        assert_eq!(app.audit_rows(&reference, "zaak_toegewezen").await, 1);
        let told: i64 = app
            .db
            .run(|conn| Ok(outbox::table.filter(outbox::recipient.eq("nieuw@bb.nl")).count().get_result(conn)?))
            .await
            .unwrap();
        assert_eq!(told, 1, "the new casemanager is mailed");
    }
}
