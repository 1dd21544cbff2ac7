//! The audit log as the beheerder reads it: what is logged beyond reads and changes (failed
//! and locked sign-ins, refused reads, the session that acted, invitation lists), and the
//! viewer's filters, pages and CSV export — each read of the log logged too.

use bondgenoot_server::store::assignment::TeamRights;
use model::lifecycle::Role;
use serde_json::{json, Value};

use crate::helpers::{consented_case, fire_step, PASSWORD};
use crate::on_both_backends;

on_both_backends! {
    async fn failures_refusals_and_sessions_are_in_the_log(app: TestApp) {
        let (helper, reference, _) = consented_case(&app, "h@oost.nl").await;
        let staff = app.staff("cm@bb.nl").await;
        fire_step(&staff, &reference, model::lifecycle::CaseEvent::TriageStarten).await;
        fire_step(&staff, &reference, model::lifecycle::CaseEvent::InBehandelingNemen).await;
        let outsider = app
            .staff_in("vreemd@bb.nl", "Team Belastingen", TeamRights { triage: false, break_glass: false })
            .await;
        let other_org = app.organisation("West").await;
        let other_helper = app.helper(other_org, "h@west.nl").await;
        let beheerder = app.user(Role::Beheerder, None, "beheer@bb.nl").await;

        // A refused read of a case that exists: logged, answered as before.
        assert_eq!(outsider.get(&format!("/api/zaken/{reference}")).await.status(), 403);
        assert_eq!(other_helper.get(&format!("/api/zaken/{reference}")).await.status(), 404);
        assert_eq!(app.audit_rows(&reference, "inzage_geweigerd").await, 2);
        // A wrong password for an existing account, twice; a made-up address names nobody.
        for _ in 0..2 {
            let wrong = app.anonymous().post_json("/api/sessies", &json!({"email": "cm@bb.nl", "wachtwoord": "niet-het-wachtwoord"})).await;
            assert_eq!(wrong.status(), 401);
        }
        let nobody = app.anonymous().post_json("/api/sessies", &json!({"email": "niemand@bb.nl", "wachtwoord": PASSWORD})).await;
        assert_eq!(nobody.status(), 401);
        assert_eq!(app.audit_subject_rows("inloggen_mislukt").await, 2);
        // The helper lists the intermediair invitations: logged too.
        helper.get(&format!("/api/zaken/{reference}/uitnodigingen")).await;
        assert_eq!(app.audit_rows(&reference, "uitnodigingen_bekeken").await, 1);

        // The viewer: filter by case, newest first, with the session that acted.
        let page: Value = beheerder.get(&format!("/api/beheer/logboek?zaak={}", reference.to_lowercase())).await.json().await.unwrap();
        let lines = page["regels"].as_array().unwrap();
        assert!(lines.len() >= 6, "{page:#}");
        assert!(lines.iter().all(|l| l["zaak"] == reference.as_str()));
        let ids: Vec<i64> = lines.iter().map(|l| l["id"].as_i64().unwrap()).collect();
        assert!(ids.windows(2).all(|w| w[0] > w[1]), "newest first");
        let refused = lines.iter().find(|l| l["actie"] == "inzage_geweigerd").unwrap();
        assert_eq!(refused["actie_tekst"], "Inzage geweigerd");
        assert!(refused["persoon"].as_str().unwrap().contains("<"));
        assert_eq!(refused["sessie"].as_str().unwrap().len(), 20);
        // By person: what they did and what was aimed at them (the failed sign-ins).
        let cm_id: i64 = {
            use bondgenoot_server::store::schema::accounts;
            use diesel::prelude::*;
            app.db.run(|conn| Ok(accounts::table.filter(accounts::email.eq("cm@bb.nl")).select(accounts::id).first(conn)?)).await.unwrap()
        };
        let person: Value = beheerder.get(&format!("/api/beheer/logboek?persoon={cm_id}&actie=inloggen_mislukt")).await.json().await.unwrap();
        assert_eq!(person["totaal"], 2);
        // A period: today only, and a day without rows.
        let today = bondgenoot_server::clock::today();
        let on_day: Value = beheerder.get(&format!("/api/beheer/logboek?van={today}&tot={today}")).await.json().await.unwrap();
        assert!(on_day["totaal"].as_i64().unwrap() > 10);
        let yesterday = today.add_days(-1).unwrap();
        let before: Value = beheerder.get(&format!("/api/beheer/logboek?tot={yesterday}")).await.json().await.unwrap();
        assert_eq!(before["totaal"], 0);
        // Wrong filters are named.
        let wrong = beheerder.get("/api/beheer/logboek?persoon=piet&van=31-02-2026").await;
        assert_eq!(wrong.status(), 422);
        // Only for beheerders.
        assert_eq!(staff.get("/api/beheer/logboek").await.status(), 403);

        // The CSV export: a header, one row per line, quoted by the csv writer.
        let export = beheerder.get(&format!("/api/beheer/logboek.csv?zaak={reference}")).await;
        assert_eq!(export.status(), 200);
        assert!(export.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
        let text = export.text().await.unwrap();
        let mut rows = text.lines();
        assert_eq!(rows.next(), Some("tijd,rol,persoon,actie,zaak,over,sessie,reden"));
        assert_eq!(rows.count(), lines.len());
        // Reading and exporting the log are logged too.
        assert!(app.audit_subject_rows("logboek_bekeken").await >= 4);
        assert_eq!(app.audit_subject_rows("logboek_gedownload").await, 1);
    }

    async fn an_intermediairs_sign_in_and_reads_are_logged_with_the_invitation(app: TestApp) {
        let (helper, reference, _) = consented_case(&app, "h@oost.nl").await;
        let invited: Value = helper
            .post_json(&format!("/api/zaken/{reference}/uitnodigingen"), &json!({"naam": "Bewindvoerder Jansen", "dagen": 7}))
            .await
            .json()
            .await
            .unwrap();
        let token = invited["link"].as_str().unwrap().split('#').nth(1).unwrap().to_owned();
        let mut intermediary = app.anonymous();
        let signed_in = intermediary.post_json("/api/intermediair/sessie", &json!({"token": token})).await;
        assert_eq!(signed_in.status(), 201);
        let view: Value = signed_in.json().await.unwrap();
        intermediary.csrf = view["csrf_token"].as_str().map(str::to_owned);
        assert_eq!(intermediary.get("/api/intermediair").await.status(), 200);
        // The citizen signed in when consenting; the intermediair now.
        assert_eq!(app.audit_rows(&reference, "ingelogd").await, 2);
        assert_eq!(app.audit_rows(&reference, "documenten_bekeken").await, 2);
        let beheerder = app.user(Role::Beheerder, None, "beheer@bb.nl").await;
        let page: Value = beheerder.get(&format!("/api/beheer/logboek?zaak={reference}&actie=ingelogd")).await.json().await.unwrap();
        let line = page["regels"].as_array().unwrap().iter().find(|l| l["rol"] == "intermediair").unwrap();
        assert_eq!(line["rol"], "intermediair");
        assert!(line["sessie"].as_str().unwrap().starts_with("uitnodiging/"), "{line}");
    }

    async fn the_log_comes_in_pages_and_a_break_glass_reason_is_in_it(app: TestApp) {
        let (_, reference, _) = consented_case(&app, "h@oost.nl").await;
        let staff = app.staff("cm@bb.nl").await;
        fire_step(&staff, &reference, model::lifecycle::CaseEvent::TriageStarten).await;
        fire_step(&staff, &reference, model::lifecycle::CaseEvent::InBehandelingNemen).await;
        let emergency = app
            .staff_in("nood@bb.nl", "Noodteam", TeamRights { triage: false, break_glass: true })
            .await;
        let reason = "De burger belt, de casemanager is ziek, \"met spoed\".";
        assert_eq!(emergency.post_json(&format!("/api/zaken/{reference}/inzage"), &json!({"reden": reason})).await.status(), 204);
        for _ in 0..60 {
            emergency.get(&format!("/api/zaken/{reference}")).await;
        }
        let beheerder = app.user(Role::Beheerder, None, "beheer@bb.nl").await;
        let one: Value = beheerder.get(&format!("/api/beheer/logboek?zaak={reference}")).await.json().await.unwrap();
        assert_eq!(one["regels"].as_array().unwrap().len(), 50);
        assert_eq!(one["paginas"], 2);
        let two: Value = beheerder.get(&format!("/api/beheer/logboek?zaak={reference}&pagina=2")).await.json().await.unwrap();
        let glass = two["regels"].as_array().unwrap().iter().find(|l| l["actie"] == "zaak_geopend_met_reden").unwrap().clone();
        assert_eq!(glass["reden"], reason);
        let csv = beheerder.get(&format!("/api/beheer/logboek.csv?zaak={reference}&actie=zaak_geopend_met_reden")).await.text().await.unwrap();
        assert!(csv.contains("\"De burger belt, de casemanager is ziek, \"\"met spoed\"\".\""), "{csv}");
    }
}
