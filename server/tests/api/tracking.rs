//! Following a case: casemanager, who acted, dated steps, messages with read status, and the
//! staff's internal notes that the helper and the citizen never see.

use serde_json::{json, Value};

use crate::helpers::{consented_case, Client};
use crate::on_both_backends;

async fn step(
    staff: &Client,
    reference: &str,
    event: Value,
    datum: Option<&str>,
) -> reqwest::Response {
    staff
        .post_json(
            &format!("/api/zaken/{reference}/stappen"),
            &json!({"stap": event, "bericht_hulpverlener": "Voor de hulpverlener.", "bericht_burger": "Voor u.", "datum": datum, "reden": "De reden voor deze stap."}),
        )
        .await
}

async fn detail(client: &Client, reference: &str) -> Value {
    client
        .get(&format!("/api/zaken/{reference}"))
        .await
        .json()
        .await
        .unwrap()
}

on_both_backends! {
    async fn what_the_route_check_learned_goes_with_the_case_to_triage(app: TestApp) {
        let org = app.organisation("Route Noord").await;
        let helper = app.helper(org, "h@route.nl").await;
        // The route check makes the draft with its answers; a repeated answer keeps the last.
        let mut draft = crate::helpers::complete_draft();
        draft["routecheck"] = json!([
            {"vraag": "stella", "ja": false},
            {"vraag": "spoed", "ja": true},
            {"vraag": "stella", "ja": true},
            {"vraag": "beroep", "ja": true},
        ]);
        let reference = helper.create_draft(&draft).await;
        let saved = detail(&helper, &reference).await;
        assert_eq!(saved["concept"]["routecheck"].as_array().unwrap().len(), 4, "the draft keeps what was sent");
        let unknown = helper.put_json(&format!("/api/zaken/{reference}/concept"), &json!({"routecheck": [{"vraag": "verzonnen", "ja": true}]})).await;
        assert_eq!(unknown.status(), 400, "an unknown question is refused, like any unknown value");
        helper.submit(&reference).await;
        let code = helper.consent_code(&reference).await;
        assert_eq!(crate::helpers::citizen_answers(&app, &code, "gegeven").await.status(), 200);
        let staff = app.staff("triage-route@bb.nl").await;
        let seen = detail(&staff, &reference).await;
        assert_eq!(
            seen["ingediend"]["routecheck"],
            json!([{"vraag": "stella", "ja": true}, {"vraag": "spoed", "ja": true}, {"vraag": "beroep", "ja": true}])
        );
    }

    async fn the_casemanager_is_named_and_dated_steps_need_a_date(app: TestApp) {
        let (helper, reference, _) = consented_case(&app, "h@oost.nl").await;
        let triage = app.staff("triage@bb.nl").await;
        let staff = app.staff("s@bb.nl").await;
        assert_eq!(step(&triage, &reference, json!({"event": "triage_starten"}), None).await.status(), 200);
        assert_eq!(step(&staff, &reference, json!({"event": "in_behandeling_nemen"}), None).await.status(), 200);

        let seen = detail(&helper, &reference).await;
        assert_eq!(seen["casemanager"], "Test Persoon");
        assert_eq!(seen["organisatie"], "Organisatie van h@oost.nl");
        assert_eq!(seen["mediaan_doorlooptijd_dagen"], Value::Null, "too few closed cases for a median");
        let timeline = seen["tijdlijn"].as_array().unwrap();
        assert_eq!(timeline[0]["door"], "Hulpverlener van Organisatie van h@oost.nl");
        assert_eq!(timeline[1]["door"], "De burger");
        assert_eq!(timeline[2]["door"], "De Belangenbehartiger", "a staff name only for the casemanager");
        assert_eq!(timeline[3]["door"], "Test Persoon, casemanager van de Belangenbehartiger");

        let undated = step(&staff, &reference, json!({"event": "zienswijze_versturen"}), None).await;
        assert_eq!(undated.status(), 422);
        let problem: Value = undated.json().await.unwrap();
        assert_eq!(problem["errors"][0]["field"], "datum");
        let future = step(&staff, &reference, json!({"event": "zienswijze_versturen"}), Some("01-01-2099")).await;
        assert_eq!(future.status(), 422);
        assert_eq!(detail(&helper, &reference).await["status"]["status"], "in_behandeling", "nothing changed");
        let before_the_case = step(&staff, &reference, json!({"event": "zienswijze_versturen"}), Some("02-11-2025")).await;
        assert_eq!(before_the_case.status(), 422, "a zienswijze cannot predate its case");
        let today = bondgenoot_server::clock::today();
        assert_eq!(step(&staff, &reference, json!({"event": "zienswijze_versturen"}), Some(&today.to_string())).await.status(), 200);
        let seen = detail(&helper, &reference).await;
        let stored = serde_json::to_value(today).unwrap();
        assert_eq!(seen["tijdlijn"].as_array().unwrap().last().unwrap()["datum"], stored);
    }

    async fn a_helper_never_reads_internal_notes(app: TestApp) {
        let (helper, reference, access) = consented_case(&app, "h@noord.nl").await;
        let staff = app.staff("s@bb.nl").await;
        let added = staff
            .post_json(&format!("/api/zaken/{reference}/notities"), &json!({"tekst": "Interne afweging: eerst navragen bij Toeslagen."}))
            .await;
        assert_eq!(added.status(), 201);
        assert_eq!(helper.get(&format!("/api/zaken/{reference}/notities")).await.status(), 403);
        assert_eq!(
            helper.post_json(&format!("/api/zaken/{reference}/notities"), &json!({"tekst": "x"})).await.status(),
            403
        );
        let helper_view = detail(&helper, &reference).await;
        assert!(helper_view.get("notities").is_none());
        assert!(!helper_view.to_string().contains("Interne afweging"));
        let staff_view = detail(&staff, &reference).await;
        assert_eq!(staff_view["notities"][0]["tekst"], "Interne afweging: eerst navragen bij Toeslagen.");
        assert_eq!(app.audit_rows(&reference, "notitie_geschreven").await, 1);

        let citizen = app.anonymous();
        let signed_in = citizen
            .post_json("/api/burger/sessie", &json!({"referentie": reference, "toegangscode": access}))
            .await;
        assert_eq!(signed_in.status(), 201);
        let text = signed_in.text().await.unwrap();
        assert!(!text.contains("Interne afweging"), "the citizen never sees notes");
    }

    async fn messages_show_who_wrote_them_and_whether_they_were_read(app: TestApp) {
        let (helper, reference, access) = consented_case(&app, "h@west.nl").await;
        let staff = app.staff("s@bb.nl").await;
        let sent = helper
            .post_json(&format!("/api/zaken/{reference}/berichten"), &json!({"tekst": "Is er al nieuws?"}))
            .await;
        assert_eq!(sent.status(), 201);
        let mine: Value = sent.json().await.unwrap();
        assert_eq!(mine[0]["van_mij"], true);
        assert_eq!(mine[0]["gelezen"], false);
        assert_eq!(
            helper.post_json(&format!("/api/zaken/{reference}/berichten"), &json!({"tekst": "x", "voor_burger": true})).await.status(),
            403,
            "only staff write to the citizen"
        );
        assert_eq!(helper.post_json(&format!("/api/zaken/{reference}/berichten"), &json!({"tekst": "  "})).await.status(), 422);

        let queue: Value = staff.get("/api/zaken").await.json().await.unwrap();
        assert_eq!(queue[0]["ongelezen"], 1);
        let read: Value = staff.get(&format!("/api/zaken/{reference}/berichten")).await.json().await.unwrap();
        assert_eq!(read[0]["door"], "Hulpverlener van Organisatie van h@west.nl");
        assert_eq!(read[0]["van_mij"], false);
        let queue: Value = staff.get("/api/zaken").await.json().await.unwrap();
        assert_eq!(queue[0]["ongelezen"], 0);
        let mine: Value = helper.get(&format!("/api/zaken/{reference}/berichten")).await.json().await.unwrap();
        assert_eq!(mine[0]["gelezen"], true, "the helper sees that staff read it");

        staff
            .post_json(&format!("/api/zaken/{reference}/berichten"), &json!({"tekst": "We bellen u morgen.", "voor_burger": true}))
            .await;
        staff
            .post_json(&format!("/api/zaken/{reference}/berichten"), &json!({"tekst": "Alleen voor de hulpverlener."}))
            .await;
        let list: Value = helper.get("/api/zaken").await.json().await.unwrap();
        let row = list.as_array().unwrap().iter().find(|c| c["referentie"] == reference.as_str()).unwrap().clone();
        assert_eq!(row["ongelezen"], 2);

        let citizen = app.anonymous();
        let case: Value = citizen
            .post_json("/api/burger/sessie", &json!({"referentie": reference, "toegangscode": access}))
            .await
            .json()
            .await
            .unwrap();
        let texts: Vec<&str> = case["berichten"].as_array().unwrap().iter().map(|m| m["tekst"].as_str().unwrap()).collect();
        assert_eq!(texts, ["We bellen u morgen."]);
    }
}

mod feedback {
    use super::*;
    use crate::on_both_backends;

    on_both_backends! {
        async fn helper_and_citizen_give_feedback_at_each_milestone_and_a_thumbs_down_asks_for_contact(app: TestApp) {
            let (helper, reference, access) = consented_case(&app, "h@einde.nl").await;
            let staff = app.staff("s@bb.nl").await;
            let feedback = |duim: &str, tekst: &str, contact: bool| json!({"duim": duim, "tekst": tekst, "contact": contact});
            let path = format!("/api/zaken/{reference}/reactie");
            let early = helper.post_json(&path, &feedback("omhoog", "Te vroeg", false)).await;
            assert_eq!(early.status(), 409, "not before the first milestone");
            assert!(detail(&helper, &reference).await.get("reactie_gevraagd").is_none());
            let today = bondgenoot_server::clock::today().to_string();
            for (event, datum) in [
                (json!({"event": "triage_starten"}), None),
                (json!({"event": "in_behandeling_nemen"}), None),
                (json!({"event": "zienswijze_versturen"}), Some(today.as_str())),
            ] {
                assert_eq!(step(&staff, &reference, event, datum).await.status(), 200);
            }
            let early_talk = staff.post_json(&format!("/api/zaken/{reference}/eindgesprek"), &json!({"met": "burger", "tevreden": true})).await;
            assert_eq!(early_talk.status(), 409, "only in the Eindgesprek step");
            // After the zienswijze: the helper is asked, answers once.
            assert_eq!(detail(&helper, &reference).await["reactie_gevraagd"], "zienswijze");
            let refused = helper.post_json(&path, &feedback("omhoog", "", true)).await;
            assert_eq!(refused.status(), 422, "only a thumbs down asks for contact");
            assert_eq!(helper.post_json(&path, &json!({"tekst": "Geen duim"})).await.status(), 422);
            assert_eq!(helper.post_json(&path, &feedback("omhoog", "Snel en duidelijk.", false)).await.status(), 204);
            assert_eq!(helper.post_json(&path, &feedback("omlaag", "", false)).await.status(), 409, "once per milestone");
            assert!(detail(&helper, &reference).await.get("reactie_gevraagd").is_none());

            // The citizen, on the Dienst's reaction: a thumbs down that asks for contact.
            assert_eq!(step(&staff, &reference, json!({"event": "zienswijze_overgenomen"}), None).await.status(), 200);
            let (page, citizen) = crate::helpers::citizen(&app, &reference, &access).await;
            let page: Value = page.json().await.unwrap();
            assert_eq!(page["reactie_gevraagd"], "reactie_dienst");
            let asked = citizen.post_json("/api/burger/reactie", &feedback("omlaag", "Ik begrijp de brief van de Dienst niet.", true)).await;
            assert_eq!(asked.status(), 204);
            let page: Value = citizen.get("/api/burger/zaak").await.json().await.unwrap();
            assert!(page["reactie_gevraagd"].is_null());

            // Staff see it, with the flag in the work list, until the contact is recorded.
            let seen = detail(&staff, &reference).await;
            let reacties = seen["reacties"].as_array().unwrap();
            assert_eq!(reacties.len(), 2);
            assert_eq!((reacties[0]["mijlpaal"].as_str(), reacties[0]["duim"].as_str()), (Some("zienswijze"), Some("omhoog")));
            assert_eq!(reacties[1]["door"], "De burger");
            assert_eq!(reacties[1]["contact_gevraagd"], true);
            let flagged = |list: Value| list["zaken"].as_array().unwrap().iter().find(|z| z["referentie"] == reference.as_str()).unwrap()["contact_gevraagd"].clone();
            assert_eq!(flagged(staff.get("/api/werkvoorraad").await.json().await.unwrap()), true);
            let contact = format!("/api/zaken/{reference}/contact");
            assert_eq!(helper.post_json(&contact, &json!({"tekst": "Gebeld"})).await.status(), 403, "only staff record it");
            assert_eq!(staff.post_json(&contact, &json!({"tekst": " "})).await.status(), 422);
            let recorded = staff.post_json(&contact, &json!({"tekst": "Gebeld met de burger; de brief uitgelegd."})).await;
            assert_eq!(recorded.status(), 201);
            let reacties: Value = recorded.json().await.unwrap();
            assert!(reacties[1]["contact_vastgelegd"].is_i64());
            assert_eq!(flagged(staff.get("/api/werkvoorraad").await.json().await.unwrap()), false);
            assert_eq!(staff.post_json(&contact, &json!({"tekst": "Nog eens"})).await.status(), 409, "nothing left to record");
            let notes: Value = staff.get(&format!("/api/zaken/{reference}/notities")).await.json().await.unwrap();
            assert!(notes[0]["tekst"].as_str().unwrap().contains("de brief uitgelegd"));
            assert_eq!(app.audit_rows(&reference, "contact_vastgelegd").await, 1);

            // At the end both are asked again.
            for (event, datum) in [
                (json!({"event": "afronden", "detail": "minnelijk_opgelost"}), None),
                (json!({"event": "eindgesprek_plannen"}), Some("15-12-2099")),
            ] {
                assert_eq!(step(&staff, &reference, event, datum).await.status(), 200);
            }
            assert_eq!(detail(&helper, &reference).await["reactie_gevraagd"], "einde");
            // The eindgesprek's outcome, recorded by staff, read by staff only.
            let talk = format!("/api/zaken/{reference}/eindgesprek");
            let held = json!({"met": "beiden", "tevreden": true, "notitie": "Blij met de verlaging."});
            assert_eq!(helper.post_json(&talk, &held).await.status(), 403);
            assert_eq!(staff.post_json(&talk, &json!({"notitie": "x"})).await.status(), 422);
            let recorded = staff.post_json(&talk, &held).await;
            assert_eq!(recorded.status(), 201);
            assert_eq!(detail(&staff, &reference).await["eindgesprek"]["met"], "beiden");
            assert!(detail(&helper, &reference).await.get("eindgesprek").is_none());
            assert_eq!(app.audit_rows(&reference, "eindgesprek_vastgelegd").await, 1);
            assert_eq!(helper.post_json(&path, &feedback("omhoog", "", false)).await.status(), 204);
            let seen = detail(&staff, &reference).await;
            assert_eq!(seen["reacties"][2]["tekst"], Value::Null, "thumbs only");
            assert!(detail(&helper, &reference).await.get("reacties").is_none(), "the helper does not read the citizen's feedback");
        }
    }
}
