//! Monitoring of access: each rule, played as a pattern of real requests (or, for office
//! hours, rows at a chosen time), raises one alert that the beheerders are mailed about and
//! that a beheerder sees, then handles with a note.

use bondgenoot_server::store::assignment::TeamRights;
use bondgenoot_server::store::monitoring;
use bondgenoot_server::store::schema::{accounts, outbox};
use diesel::prelude::*;
use model::lifecycle::{CaseEvent, Role};
use serde_json::{json, Value};

use crate::helpers::{consented_case_of, fire_step, Client, TestApp};
use crate::on_both_backends;

async fn account_id(app: &TestApp, email: &'static str) -> i64 {
    app.db
        .run(move |conn| {
            Ok(accounts::table
                .filter(accounts::email.eq(email))
                .select(accounts::id)
                .first(conn)?)
        })
        .await
        .unwrap()
}

async fn check_now(beheerder: &Client) -> Vec<Value> {
    let response = beheerder
        .post_json("/api/beheer/bewaking/controleren", &json!({}))
        .await;
    assert_eq!(response.status(), 200);
    response
        .json::<Value>()
        .await
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn of_rule<'a>(alerts: &'a [Value], rule: &str) -> Vec<&'a Value> {
    alerts.iter().filter(|a| a["regel"] == rule).collect()
}

on_both_backends! {
    async fn a_burst_of_reads_raises_one_alert_that_a_beheerder_handles(app: TestApp) {
        let org = app.organisation("Oost").await;
        let helper = app.helper(org, "h@oost.nl").await;
        let staff = app.staff("snel@bb.nl").await;
        let beheerder = app.user(Role::Beheerder, None, "beheer@bb.nl").await;
        let set = beheerder
            .put_json("/api/beheer/bewaking/veel_zaken_per_uur", &json!({"drempel": "3", "aan": true}))
            .await;
        assert_eq!(set.status(), 200);
        let settings: Value = set.json().await.unwrap();
        let rule = settings.as_array().unwrap().iter().find(|r| r["regel"] == "veel_zaken_per_uur").unwrap();
        assert_eq!(rule["uitleg"], "Iemand bekijkt 3 of meer verschillende zaken in een uur.");

        let mut references = Vec::new();
        for _ in 0..3 {
            references.push(consented_case_of(&app, &helper).await.0);
        }
        within_one_clock_hour(60).await;
        // Two cases, read again and again: below the threshold.
        for reference in &references[..2] {
            for _ in 0..3 {
                assert_eq!(staff.get(&format!("/api/zaken/{reference}")).await.status(), 200);
            }
        }
        // (The helper, who made the three cases and read each, is an account like any other.)
        let staff_id = account_id(&app, "snel@bb.nl").await;
        let of_staff = |alerts: &[Value]| -> Vec<Value> {
            of_rule(alerts, "veel_zaken_per_uur").into_iter().filter(|a| a["persoon_id"] == staff_id).cloned().collect()
        };
        assert!(of_staff(&check_now(&beheerder).await).is_empty());
        // The third different case: an alert, once, about this account.
        staff.get(&format!("/api/zaken/{}", references[2])).await;
        let alerts = check_now(&beheerder).await;
        let hits = of_staff(&alerts);
        assert_eq!(hits.len(), 1, "{alerts:#?}");
        let alert = hits[0].clone();
        assert_eq!(alert["aantal"], 3);
        assert_eq!(alert["stand"], "open");
        assert!(alert["persoon"].as_str().unwrap().contains("snel@bb.nl"));
        let mailed: Vec<String> = app
            .db
            .run(|conn| Ok(outbox::table.filter(outbox::recipient.eq("beheer@bb.nl")).select(outbox::body).load(conn)?))
            .await
            .unwrap();
        assert_eq!(mailed.len(), 2, "one for the helper's three cases, one for the staff member's");
        assert!(mailed[0].contains("/beheer/meldingen") && !mailed[0].contains("snel@bb.nl"));
        // Checking again raises nothing new.
        assert_eq!(of_staff(&check_now(&beheerder).await).len(), 1);

        // Seen, then handled with what was done; never back.
        let id = alert["id"].as_i64().unwrap();
        let path = format!("/api/beheer/meldingen/{id}");
        assert_eq!(beheerder.put_json(&path, &json!({"stand": "gezien"})).await.status(), 200);
        let bare = beheerder.put_json(&path, &json!({"stand": "afgehandeld"})).await;
        assert_eq!(bare.status(), 422);
        assert_eq!(bare.json::<Value>().await.unwrap()["errors"][0]["field"], "notitie");
        let handled = beheerder.put_json(&path, &json!({"stand": "afgehandeld", "notitie": "Navraag gedaan: ze deed de triage van drie zaken."})).await;
        assert_eq!(handled.status(), 200);
        let list: Value = handled.json().await.unwrap();
        let done = list.as_array().unwrap().iter().find(|a| a["id"] == id).unwrap();
        assert_eq!(done["stand"], "afgehandeld");
        assert!(done["afgehandeld_door"].as_str().unwrap().contains("beheer@bb.nl"));
        assert_eq!(beheerder.put_json(&path, &json!({"stand": "gezien"})).await.status(), 409);
        assert_eq!(app.audit_subject_rows("melding_behandeld").await, 2);
        assert_eq!(app.audit_subject_rows("bewaking_gewijzigd").await, 1);

        // Only beheerders; a wrong threshold is named; an unknown rule does not exist.
        assert_eq!(staff.get("/api/beheer/meldingen").await.status(), 403);
        let wrong = beheerder.put_json("/api/beheer/bewaking/veel_zaken_per_uur", &json!({"drempel": "nul", "aan": true})).await;
        assert_eq!(wrong.status(), 422);
        assert_eq!(beheerder.put_json("/api/beheer/bewaking/alles", &json!({"drempel": "3", "aan": true})).await.status(), 404);
    }

    async fn refused_reads_failed_sign_ins_and_opening_with_a_reason_each_raise_their_alert(app: TestApp) {
        let org = app.organisation("Oost").await;
        let helper = app.helper(org, "h@oost.nl").await;
        let staff = app.staff("cm@bb.nl").await;
        app.join("cm@bb.nl", "Team Toeslagen", TeamRights::default()).await;
        let (reference, _) = consented_case_of(&app, &helper).await;
        fire_step(&staff, &reference, CaseEvent::TriageStarten).await;
        fire_step(&staff, &reference, CaseEvent::InBehandelingNemen).await;
        let outsider = app.staff_in("vreemd@bb.nl", "Team Belastingen", TeamRights::default()).await;
        let emergency = app.staff_in("nood@bb.nl", "Noodteam", TeamRights { triage: false, break_glass: true }).await;
        let beheerder = app.user(Role::Beheerder, None, "beheer@bb.nl").await;

        // The hourly rules count per clock hour: all of the events below in one hour, or a
        // run that crosses the full hour counts them in two and raises nothing.
        within_one_clock_hour(60).await;
        for _ in 0..3 {
            assert_eq!(outsider.get(&format!("/api/zaken/{reference}")).await.status(), 403);
        }
        let reason = json!({"reden": "De burger belt en de casemanager is ziek."});
        assert_eq!(emergency.post_json(&format!("/api/zaken/{reference}/inzage"), &reason).await.status(), 204);
        for _ in 0..5 {
            let wrong = app.anonymous().post_json("/api/sessies", &json!({"email": "cm@bb.nl", "wachtwoord": "niet-het-goede-wachtwoord"})).await;
            assert_eq!(wrong.status(), 401);
        }
        let alerts = check_now(&beheerder).await;
        let who = |rule: &str| of_rule(&alerts, rule).iter().map(|a| a["persoon_id"].as_i64().unwrap()).collect::<Vec<_>>();
        assert_eq!(who("geweigerde_inzage"), [account_id(&app, "vreemd@bb.nl").await]);
        assert_eq!(who("buiten_eigen_zaken"), [account_id(&app, "nood@bb.nl").await]);
        assert_eq!(who("mislukte_inlogpogingen"), [account_id(&app, "cm@bb.nl").await]);

        // A rule switched off raises nothing.
        beheerder.put_json("/api/beheer/bewaking/geweigerde_inzage", &json!({"drempel": "1", "aan": false})).await;
        let other = app.staff_in("ander@bb.nl", "Team Belastingen", TeamRights::default()).await;
        other.get(&format!("/api/zaken/{reference}")).await;
        let again = check_now(&beheerder).await;
        assert_eq!(of_rule(&again, "geweigerde_inzage").len(), 1);
    }

    async fn reads_at_the_weekend_count_as_outside_office_hours(app: TestApp) {
        let org = app.organisation("Oost").await;
        let helper = app.helper(org, "h@oost.nl").await;
        let _staff = app.staff("weekend@bb.nl").await;
        let id = account_id(&app, "weekend@bb.nl").await;
        let (reference, _) = consented_case_of(&app, &helper).await;
        // Saturday 28 November 2026, 12:00 in the Netherlands (11:00 UTC), ten reads.
        let saturday_noon = bondgenoot_server::clock::day_start(model::domain::Date::parse("28-11-2026").unwrap()) + 12 * 3600;
        for i in 0..10 {
            let sql = format!(
                "INSERT INTO audit_log (at, actor_role, actor_account, action, case_ref) VALUES ({}, 'behandelaar', {id}, 'zaak_bekeken', '{reference}')",
                saturday_noon + i
            );
            app.execute(Box::leak(sql.into_boxed_str())).await.unwrap();
        }
        let raised = app
            .db
            .transaction(move |conn| monitoring::evaluate_in(conn, saturday_noon + 60, "http://127.0.0.1"))
            .await
            .unwrap();
        assert_eq!(raised, 1);
        let alerts = app.db.run(monitoring::alerts_in).await.unwrap();
        assert_eq!(alerts.len(), 1);
        assert_eq!(alerts[0].regel, model::monitoring::Rule::BuitenKantoortijd);
        assert_eq!(alerts[0].aantal, 10);
    }
}

/// Waits past the next full hour when it is less than `seconds` away, so what a test does in
/// the next `seconds` falls in one clock hour (the window of the hourly rules).
async fn within_one_clock_hour(seconds: i64) {
    let left = 3600 - bondgenoot_server::clock::now().rem_euclid(3600);
    if left < seconds {
        tokio::time::sleep(std::time::Duration::from_secs((left + 1) as u64)).await;
    }
}
