//! Consent through a one-time link, the citizen's access code, the status page's API, and
//! withdrawal: the case reaches the Belangenbehartiger only after the citizen says yes.

use bondgenoot_server::jobs::expire_unanswered_consent;
use bondgenoot_server::store::{cases, consent};
use model::consent::CONSENT_TEXT;
use serde_json::{json, Value};

use crate::helpers::{
    citizen, citizen_answers, complete_draft, consented_case, Client, TestApp, BIRTH_DATE,
};
use crate::on_both_backends;

async fn check(app: &TestApp, code: &str, birth_date: &str) -> reqwest::Response {
    app.anonymous()
        .post_json(
            "/api/toestemming/controleren",
            &json!({"code": code, "geboortedatum": birth_date}),
        )
        .await
}

async fn submitted_case(app: &TestApp) -> (Client, String) {
    submitted_case_in(app, "Sociaal raadslieden Noord", "h@noord.nl").await
}

/// A sent case of a helper `email` of organisation `name`.
async fn submitted_case_in(app: &TestApp, name: &str, email: &str) -> (Client, String) {
    let org = app.organisation(name).await;
    let helper = app.helper(org, email).await;
    let reference = helper.create_draft(&complete_draft()).await;
    helper.submit(&reference).await;
    (helper, reference)
}

async fn helper_status(helper: &Client, reference: &str) -> Value {
    helper.case(reference).await["status"]["status"].clone()
}

async fn problem_type(response: reqwest::Response) -> (u16, String) {
    let status = response.status().as_u16();
    let body: Value = response.json().await.unwrap();
    (status, body["type"].as_str().unwrap_or_default().to_owned())
}

on_both_backends! {
    async fn the_citizen_consents_through_the_link_and_only_then_staff_see_the_case(app: TestApp) {
        let (helper, reference) = submitted_case(&app).await;
        let staff = app.staff("s@bb.nl").await;
        let hidden: Value = staff.get("/api/zaken").await.json().await.unwrap();
        assert_eq!(hidden.as_array().unwrap().len(), 0, "no consent, nothing for staff");

        let made = helper
            .post_json(&format!("/api/zaken/{reference}/toestemming"), &json!({}))
            .await;
        assert_eq!(made.status(), 201);
        let link: Value = made.json().await.unwrap();
        let code = link["code"].as_str().unwrap();
        assert_eq!(link["link"], format!("http://bondgenoot.test/toestemming#{code}").as_str());
        assert!(link["qr_svg"].as_str().unwrap().starts_with("data:image/svg+xml;base64,"));
        assert_eq!(app.audit_rows(&reference, "toestemmingslink_gemaakt").await, 1);

        // A wrong date of birth and an unknown code get the same answer.
        assert_eq!(problem_type(check(&app, code, "13-05-1980").await).await, (401, "klopt-niet".into()));
        assert_eq!(problem_type(check(&app, "KKKK-KKKK-KKKK", BIRTH_DATE).await).await, (401, "klopt-niet".into()));
        let bad = check(&app, "abc", "31-02-1980").await;
        assert_eq!(bad.status(), 422);
        let bad: Value = bad.json().await.unwrap();
        let fields: Vec<&str> = bad["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        assert_eq!(fields, ["code", "geboortedatum"]);

        let request = check(&app, &code.to_lowercase().replace('-', " "), BIRTH_DATE).await;
        assert_eq!(request.status(), 200);
        let request: Value = request.json().await.unwrap();
        assert_eq!(request["organisatie"], "Sociaal raadslieden Noord");
        assert_eq!(request["versie"], CONSENT_TEXT.version);
        assert_eq!(request["referentie"], reference.as_str());
        assert_eq!(helper_status(&helper, &reference).await, "wacht_op_toestemming");

        let answered = citizen_answers(&app, code, "gegeven").await;
        assert_eq!(answered.status(), 200);
        let answered: Value = answered.json().await.unwrap();
        let access = answered["toegangscode"].as_str().unwrap();
        assert_eq!(access.len(), 14, "twelve symbols in groups of four");
        assert_eq!(helper_status(&helper, &reference).await, "aangemeld");

        let case = cases::by_reference(&app.db, &reference).await.unwrap().unwrap();
        let (decision, version, method, withdrawn) = consent::decision(&app.db, case.id).await.unwrap().unwrap();
        assert_eq!((decision.as_str(), version.as_str(), method.as_str(), withdrawn), ("gegeven", CONSENT_TEXT.version, "eigen_apparaat", false));
        assert_eq!(app.audit_rows(&reference, "toestemming_gegeven").await, 1);
        let visible: Value = staff.get("/api/zaken").await.json().await.unwrap();
        assert_eq!(visible[0]["referentie"], reference.as_str());

        // The same link cannot be used twice; with a wrong date of birth it still says nothing.
        assert_eq!(problem_type(citizen_answers(&app, code, "geweigerd").await).await, (410, "werkt-niet-meer".into()));
        assert_eq!(problem_type(check(&app, code, "01-01-1990").await).await, (401, "klopt-niet".into()));
    }

    async fn a_refusal_ends_the_case_with_a_plain_message_to_the_helper(app: TestApp) {
        let (helper, reference) = submitted_case(&app).await;
        let code = helper.consent_code(&reference).await;
        let answered: Value = citizen_answers(&app, &code, "geweigerd").await.json().await.unwrap();
        assert_eq!(answered["toegangscode"], Value::Null, "no access code without consent");
        assert_eq!(helper_status(&helper, &reference).await, "vervallen");
        let detail: Value = helper.get(&format!("/api/zaken/{reference}")).await.json().await.unwrap();
        let last = detail["tijdlijn"].as_array().unwrap().last().unwrap().clone();
        assert_eq!(last["rol"], "burger");
        assert!(last["bericht"].as_str().unwrap().starts_with("De burger heeft geen toestemming gegeven."));
        assert_eq!(app.audit_rows(&reference, "toestemming_geweigerd").await, 1);
        let link = helper.post_json(&format!("/api/zaken/{reference}/toestemming"), &json!({})).await;
        assert_eq!(link.status(), 409, "no new link for a case that lapsed");
    }

    async fn a_new_link_replaces_the_old_one_and_wrong_birth_dates_lock_a_link(app: TestApp) {
        let (helper, reference) = submitted_case(&app).await;
        let first = helper.consent_code(&reference).await;
        let second = helper.consent_code(&reference).await;
        assert_ne!(first, second);
        let replaced: Value = check(&app, &first, BIRTH_DATE).await.json().await.unwrap();
        assert_eq!(replaced["status"], 410);
        assert!(replaced["detail"].as_str().unwrap().contains("nieuwere link"));

        for _ in 0..5 {
            assert_eq!(check(&app, &second, "01-01-1970").await.status(), 401);
        }
        let locked = check(&app, &second, BIRTH_DATE).await;
        assert_eq!(locked.status(), 429, "locked even with the right date of birth");
        let third = helper.consent_code(&reference).await;
        assert_eq!(check(&app, &third, BIRTH_DATE).await.status(), 200, "the helper can make a new link");
    }

    async fn an_answer_to_an_older_text_is_refused(app: TestApp) {
        let (helper, reference) = submitted_case(&app).await;
        let code = helper.consent_code(&reference).await;
        let response = app
            .anonymous()
            .post_json(
                "/api/toestemming/besluit",
                &json!({"code": code, "geboortedatum": BIRTH_DATE, "versie": "2020-01-01.1", "besluit": "gegeven"}),
            )
            .await;
        assert_eq!(response.status(), 409);
        assert_eq!(helper_status(&helper, &reference).await, "wacht_op_toestemming");
    }

    async fn without_an_answer_in_30_days_the_case_lapses_and_the_link_stops(app: TestApp) {
        let (helper, reference) = submitted_case(&app).await;
        let code = helper.consent_code(&reference).await;
        let now = bondgenoot_server::clock::now();
        assert_eq!(expire_unanswered_consent(&app.workflow, &app.db, now).await.unwrap(), 0, "not yet");
        let later = now + 31 * 24 * 3600;
        assert_eq!(expire_unanswered_consent(&app.workflow, &app.db, later).await.unwrap(), 1);
        assert_eq!(expire_unanswered_consent(&app.workflow, &app.db, later).await.unwrap(), 0, "once");
        assert_eq!(helper_status(&helper, &reference).await, "vervallen");
        let detail: Value = helper.get(&format!("/api/zaken/{reference}")).await.json().await.unwrap();
        let last = detail["tijdlijn"].as_array().unwrap().last().unwrap().clone();
        assert_eq!(last["rol"], "systeem");
        assert!(last["bericht"].as_str().unwrap().contains("niet binnen 30 dagen"));
        assert_eq!(check(&app, &code, BIRTH_DATE).await.status(), 410);
    }

    async fn the_citizen_follows_and_withdraws_with_the_access_code(app: TestApp) {
        let (helper, reference, access) = consented_case(&app, "h@zuid.nl").await;
        let staff = app.staff("s@bb.nl").await;

        assert_eq!(app.anonymous().get("/api/burger/sessie").await.status(), 204, "no session, no error");
        let (wrong, _) = citizen(&app, &reference, "KKKK-KKKK-KKKK").await;
        assert_eq!(problem_type(wrong).await, (401, "klopt-niet".into()));
        let (response, me) = citizen(&app, &reference, &access.to_lowercase()).await;
        assert_eq!(response.status(), 200);
        assert_eq!(me.get("/api/burger/sessie").await.status(), 200);
        let case: Value = response.json().await.unwrap();
        assert_eq!(case["status"]["status"], "aangemeld");
        assert_eq!(case["organisatie"], "Organisatie van h@zuid.nl");
        assert_eq!(case["termijn"], Value::Null, "no bezwaar or beroep in this draft");
        assert_eq!(case["pauzeknop_gevraagd"], false);
        assert!(case["uitleg"]["meaning"].as_str().unwrap().starts_with("U heeft toestemming gegeven."));
        let timeline = case["tijdlijn"].as_array().unwrap();
        assert_eq!(timeline.last().unwrap()["bericht"], "U heeft toestemming gegeven. Uw zaak is aangemeld bij de Belangenbehartiger.");
        assert!(case.get("concept").is_none() && case.get("ingediend").is_none(), "no case internals for the citizen");
        assert!(app.audit_rows(&reference, "zaak_bekeken").await >= 2, "every read is logged");

        // Staff message for the citizen shows on their page.
        let started = staff
            .post_json(&format!("/api/zaken/{reference}/stappen"), &json!({"stap": {"event": "triage_starten"}, "bericht_hulpverlener": "We bekijken de zaak.", "bericht_burger": "We kijken naar uw zaak."}))
            .await;
        assert_eq!(started.status(), 200);
        let case: Value = me.get("/api/burger/zaak").await.json().await.unwrap();
        assert_eq!(case["tijdlijn"].as_array().unwrap().last().unwrap()["bericht"], "We kijken naar uw zaak.");

        // Withdrawing needs the CSRF token.
        let mut forged = app.anonymous();
        forged.http = me.http.clone();
        assert_eq!(forged.post_json("/api/burger/intrekken", &json!({})).await.status(), 403);
        let withdrawn = me.post_json("/api/burger/intrekken", &json!({})).await;
        assert_eq!(withdrawn.status(), 200);
        let withdrawn: Value = withdrawn.json().await.unwrap();
        assert_eq!(withdrawn["status"]["status"], "ingetrokken");
        assert_eq!(helper_status(&helper, &reference).await, "ingetrokken");
        assert_eq!(app.audit_rows(&reference, "toestemming_ingetrokken").await, 1);
        let case = cases::by_reference(&app.db, &reference).await.unwrap().unwrap();
        assert!(consent::decision(&app.db, case.id).await.unwrap().unwrap().3, "withdrawal recorded");
        let refused = staff
            .post_json(&format!("/api/zaken/{reference}/stappen"), &json!({"stap": {"event": "in_behandeling_nemen"}, "bericht_hulpverlener": "x", "bericht_burger": "y"}))
            .await;
        assert_eq!(refused.status(), 409, "processing stops");
        assert_eq!(me.post_json("/api/burger/intrekken", &json!({})).await.status(), 409);

        assert_eq!(me.delete("/api/burger/sessie").await.status(), 204);
        assert_eq!(me.get("/api/burger/zaak").await.status(), 401);
    }

    async fn too_many_wrong_access_codes_lock_the_case_for_a_while(app: TestApp) {
        let (_, reference, access) = consented_case(&app, "h@west.nl").await;
        for _ in 0..5 {
            assert_eq!(citizen(&app, &reference, "KKKK-KKKK-KKKK").await.0.status(), 401);
        }
        let (locked, _) = citizen(&app, &reference, &access).await;
        assert_eq!(locked.status(), 429);
        let body: Value = locked.json().await.unwrap();
        assert!(body["detail"].as_str().unwrap().contains("Wacht even"));
        let (bad, _) = citizen(&app, "BG-12", "x").await;
        assert_eq!(bad.status(), 422);
    }

    async fn a_signed_paper_form_uploaded_by_the_helper_records_consent(app: TestApp) {
        let (helper, reference) = submitted_case(&app).await;
        let none = helper
            .post_json(&format!("/api/zaken/{reference}/toestemming/formulier"), &json!({"document": "bestaat-niet"}))
            .await;
        assert_eq!(none.status(), 422, "the form must be on the case first");
        let mut pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
        pdf.resize(4000, b' ');
        let other = helper
            .upload(&format!("/api/zaken/{reference}/documenten"), "besluit", "Een besluit", "besluit.pdf", pdf.clone(), false)
            .await;
        let other: Value = other.json().await.unwrap();
        let wrong_kind = helper
            .post_json(&format!("/api/zaken/{reference}/toestemming/formulier"), &json!({"document": other[0]["id"]}))
            .await;
        assert_eq!(wrong_kind.status(), 422, "a document of another kind is not a consent form");
        let uploaded: Value = helper
            .upload(&format!("/api/zaken/{reference}/documenten"), "toestemmingsformulier", "Getekend op 20 november", "formulier.pdf", pdf, false)
            .await
            .json()
            .await
            .unwrap();
        let form = uploaded.as_array().unwrap().iter().find(|d| d["soort"] == "toestemmingsformulier").unwrap()["id"].clone();
        let recorded = helper
            .post_json(&format!("/api/zaken/{reference}/toestemming/formulier"), &json!({"document": form}))
            .await;
        assert_eq!(recorded.status(), 200);
        let recorded: Value = recorded.json().await.unwrap();
        let access = recorded["toegangscode"].as_str().unwrap().to_owned();
        // Four-eyes: the form waits for a staff member's check before the case is aangemeld.
        assert_eq!(helper_status(&helper, &reference).await, "toestemming_controleren");
        let own_check = helper
            .post_json(&format!("/api/zaken/{reference}/stappen"), &json!({"stap": {"event": "toestemming_goedkeuren"}, "bericht_hulpverlener": "Klopt.", "bericht_burger": "Klopt."}))
            .await;
        assert_eq!(own_check.status(), 403, "the helper does not check their own form");
        let staff = app.staff("controle@bb.nl").await;
        let triage = staff
            .post_json(&format!("/api/zaken/{reference}/stappen"), &json!({"stap": {"event": "triage_starten"}, "bericht_hulpverlener": "We kijken.", "bericht_burger": "We kijken."}))
            .await;
        assert_eq!(triage.status(), 409, "no triage before the form is checked");
        let message = helper
            .post_json(&format!("/api/zaken/{reference}/berichten"), &json!({"tekst": "Nog iets."}))
            .await;
        assert_eq!(message.status(), 409, "nothing is added while the form is checked");
        let documents: Value = staff.get(&format!("/api/zaken/{reference}/documenten")).await.json().await.unwrap();
        assert!(documents.as_array().unwrap().iter().any(|d| d["soort"] == "toestemmingsformulier"), "staff see the form");
        let checked = crate::helpers::fire_step(&staff, &reference, model::lifecycle::CaseEvent::ToestemmingGoedkeuren).await;
        assert_eq!(checked["status"]["status"], "aangemeld");
        assert_eq!(helper_status(&helper, &reference).await, "aangemeld");
        // The record keeps who checked it.
        let checker: String = app.db.run({
            let reference = reference.clone();
            move |conn| {
                use bondgenoot_server::store::schema::{accounts, case_events, cases as case_table};
                use diesel::prelude::*;
                Ok(case_events::table
                    .inner_join(case_table::table)
                    .inner_join(accounts::table.on(case_events::actor_account.eq(accounts::id.nullable())))
                    .filter(case_table::reference.eq(reference))
                    .filter(case_events::event.like("%toestemming_goedkeuren%"))
                    .select(accounts::email)
                    .first(conn)?)
            }
        }).await.unwrap();
        assert_eq!(checker, "controle@bb.nl", "the checker is on the record");
        let case = cases::by_reference(&app.db, &reference).await.unwrap().unwrap();
        let (decision, version, method, _) = consent::decision(&app.db, case.id).await.unwrap().unwrap();
        assert_eq!((decision.as_str(), version.as_str(), method.as_str()), ("gegeven", CONSENT_TEXT.version, "getekend_formulier"));
        let detail: Value = helper.get(&format!("/api/zaken/{reference}")).await.json().await.unwrap();
        let steps = detail["tijdlijn"].as_array().unwrap();
        assert!(steps[steps.len() - 2]["bericht"].as_str().unwrap().contains("getekend formulier"));
        let (signed_in, _) = citizen(&app, &reference, &access).await;
        assert_eq!(signed_in.status(), 200, "the citizen gets the code on paper and can follow the case");
        let again = helper
            .post_json(&format!("/api/zaken/{reference}/toestemming/formulier"), &json!({"document": form}))
            .await;
        assert_eq!(again.status(), 409);
    }

    async fn after_withdrawal_the_casemanager_keeps_a_tombstone_and_is_mailed(app: TestApp) {
        use bondgenoot_server::store::schema::outbox;
        use diesel::prelude::*;
        let (helper, reference, access) = consented_case(&app, "h@oost.nl").await;
        let staff = app.staff("s@bb.nl").await;
        for event in ["triage_starten", "in_behandeling_nemen"] {
            let step = staff
                .post_json(&format!("/api/zaken/{reference}/stappen"), &json!({"stap": {"event": event}, "bericht_hulpverlener": "Ik bel Anna morgen.", "bericht_burger": "Wij helpen u, Anna."}))
                .await;
            assert_eq!(step.status(), 200);
        }
        let note = staff.post_json(&format!("/api/zaken/{reference}/notities"), &json!({"tekst": "Anna werkt bij de bakker."})).await;
        assert_eq!(note.status(), 201);
        let (_, me) = citizen(&app, &reference, &access).await;
        assert_eq!(me.post_json("/api/burger/intrekken", &json!({})).await.status(), 200);

        // Staff: the states, their dates and who acted; nothing about the citizen.
        let shown = staff.get(&format!("/api/zaken/{reference}")).await;
        assert_eq!(shown.status(), 200);
        let text = shown.text().await.unwrap();
        for private in ["Anna", "Vries", "111222333", "0612345678", "anna@example.org", "huurtoeslag is", "betalingsregeling", "bakker"] {
            assert!(!text.contains(private), "the tombstone holds {private:?}");
        }
        let case: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(case["status"]["status"], "ingetrokken");
        let states: Vec<&str> = case["tijdlijn"].as_array().unwrap().iter().map(|e| e["naar"]["status"].as_str().unwrap()).collect();
        assert_eq!(states.last(), Some(&"ingetrokken"));
        assert!(states.contains(&"in_behandeling"));
        for part in ["notities", "berichten", "documenten"] {
            assert_eq!(staff.get(&format!("/api/zaken/{reference}/{part}")).await.status(), 409, "{part}");
        }
        // The helper who sent the case still reads it whole.
        let own: Value = helper.get(&format!("/api/zaken/{reference}")).await.json().await.unwrap();
        assert_eq!(own["ingediend"]["burger_naam"], "Anna de Vries");

        // And above their work list, where the case itself no longer is.
        let list: Value = staff.get("/api/werkvoorraad").await.json().await.unwrap();
        assert_eq!(list["kort_geleden_ingetrokken"], json!([reference.clone()]));
        assert!(!list["zaken"].as_array().unwrap().iter().any(|c| c["referentie"] == reference.as_str()));

        // The casemanager is told by mail, without the citizen's name.
        let mails: Vec<String> = app
            .db
            .run(|conn| Ok(outbox::table.filter(outbox::recipient.eq("s@bb.nl")).select(outbox::body).load(conn)?))
            .await
            .unwrap();
        assert_eq!(mails.len(), 1, "{mails:?}");
        assert!(mails[0].contains(&format!("toestemming voor zaak {reference} ingetrokken")));
        assert!(!mails[0].contains("Anna"));
    }
    async fn the_consent_link_is_mailed_to_the_citizen_without_personal_data_and_not_without_an_address(app: TestApp) {
        use bondgenoot_server::store::schema::outbox;
        use diesel::prelude::*;
        let (helper, reference) = submitted_case(&app).await;
        let made = helper.post_json(&format!("/api/zaken/{reference}/toestemming"), &json!({})).await;
        assert_eq!(made.status(), 201);
        let made: Value = made.json().await.unwrap();
        assert_eq!(made["gemaild"], true);
        let link = made["link"].as_str().unwrap().to_owned();
        let mails: Vec<(String, String, Option<String>)> = app.db
            .run(|conn| Ok(outbox::table.filter(outbox::recipient.eq("anna@example.org")).select((outbox::subject, outbox::body, outbox::case_ref)).load(conn)?))
            .await
            .unwrap();
        assert_eq!(mails.len(), 1, "{mails:?}");
        let (subject, body, about) = &mails[0];
        // Before consent nobody knows the citizen's language: Dutch, then English.
        assert_eq!(subject, "Vraag om toestemming – Bondgenoot / Request for consent – Bondgenoot");
        assert!(body.contains(&link), "the link itself: {body}");
        assert!(body.contains("Sociaal raadslieden Noord") && body.contains("geboortedatum"));
        for personal in ["Anna", "de Vries", "111222333", BIRTH_DATE, "huurtoeslag", "toeslag"] {
            assert!(!body.contains(personal), "no {personal} in the mail: {body}");
        }
        assert_eq!(about.as_deref(), Some(reference.as_str()), "the mail goes with the case");

        // A new link replaces the old one, in the mail too; the old link no longer opens.
        let again: Value = helper.post_json(&format!("/api/zaken/{reference}/toestemming"), &json!({})).await.json().await.unwrap();
        let old_code = made["code"].as_str().unwrap();
        let check = app.anonymous().post_json("/api/toestemming/controleren", &json!({"code": old_code, "geboortedatum": BIRTH_DATE})).await;
        assert_eq!(check.status(), 410);
        let bodies: Vec<String> = app.db
            .run(|conn| Ok(outbox::table.filter(outbox::recipient.eq("anna@example.org")).select(outbox::body).load(conn)?))
            .await
            .unwrap();
        assert!(bodies[1].contains(again["link"].as_str().unwrap()));

        // Without an e-mail address nothing is mailed, and the answer says so.
        let mut draft = complete_draft();
        draft["burger_email"] = Value::Null;
        let other = helper.create_draft(&draft).await;
        helper.submit(&other).await;
        let made: Value = helper.post_json(&format!("/api/zaken/{other}/toestemming"), &json!({})).await.json().await.unwrap();
        assert_eq!(made["gemaild"], false);
        let about_other: i64 = app.db
            .run(move |conn| Ok(outbox::table.filter(outbox::case_ref.eq(other)).filter(outbox::subject.eq("Vraag om toestemming – Bondgenoot")).count().get_result(conn)?))
            .await
            .unwrap();
        assert_eq!(about_other, 0);
    }

    async fn who_just_consented_goes_on_to_the_case_signed_in_and_who_refused_does_not(app: TestApp) {
        let (helper, reference) = submitted_case(&app).await;
        let code = helper.consent_code(&reference).await;
        let phone = app.anonymous();
        let decision = json!({"code": code, "geboortedatum": BIRTH_DATE, "versie": CONSENT_TEXT.version, "besluit": "gegeven"});
        let answered = phone.post_json("/api/toestemming/besluit", &decision).await;
        assert_eq!(answered.status(), 200);
        let cookie = answered.headers()["set-cookie"].to_str().unwrap().to_owned();
        assert!(cookie.contains("HttpOnly") && cookie.contains("Path=/api/burger"), "{cookie}");
        let answer: Value = answered.json().await.unwrap();
        assert!(answer["toegangscode"].is_string(), "the code is still shown once");
        // "Naar uw zaak": the same phone reads its case without typing the code.
        let page = phone.get("/api/burger/sessie").await;
        assert_eq!(page.status(), 200);
        let page: Value = page.json().await.unwrap();
        assert_eq!(page["referentie"], reference.as_str());
        assert_eq!(app.audit_rows(&reference, "ingelogd").await, 1);

        let (helper, other) = submitted_case_in(&app, "Raadslieden West", "h@weigert.nl").await;
        let code = helper.consent_code(&other).await;
        let refusing = app.anonymous();
        let decision = json!({"code": code, "geboortedatum": BIRTH_DATE, "versie": CONSENT_TEXT.version, "besluit": "geweigerd"});
        let answered = refusing.post_json("/api/toestemming/besluit", &decision).await;
        assert_eq!(answered.status(), 200);
        assert!(answered.headers().get("set-cookie").is_none());
        assert_eq!(refusing.get("/api/burger/sessie").await.status(), 204);
    }

    async fn a_citizen_who_lost_the_code_makes_a_new_one_with_the_helpers_link_and_the_old_one_stops(app: TestApp) {
        use bondgenoot_server::store::schema::outbox;
        use diesel::prelude::*;
        let (helper, reference) = submitted_case(&app).await;
        let early = helper.post_json(&format!("/api/zaken/{reference}/nieuwe-code"), &json!({})).await;
        assert_eq!(early.status(), 409, "no code to replace before consent");
        let consent_code = helper.consent_code(&reference).await;
        let answered: Value = citizen_answers(&app, &consent_code, "gegeven").await.json().await.unwrap();
        let old_code = answered["toegangscode"].as_str().unwrap().to_owned();
        let (_, old_session) = citizen(&app, &reference, &old_code).await;

        let staff = app.staff("s@bb.nl").await;
        assert_eq!(staff.post_json(&format!("/api/zaken/{reference}/nieuwe-code"), &json!({})).await.status(), 403);
        let made = helper.post_json(&format!("/api/zaken/{reference}/nieuwe-code"), &json!({})).await;
        assert_eq!(made.status(), 201);
        let made: Value = made.json().await.unwrap();
        assert_eq!(made["gemaild"], true);
        let link = made["link"].as_str().unwrap();
        assert!(link.contains("/status/nieuwe-code#"), "{link}");
        let code = made["code"].as_str().unwrap().to_owned();
        let mails: Vec<String> = app.db
            .run(|conn| Ok(outbox::table.filter(outbox::subject.eq("Een nieuwe code voor uw zaak – Bondgenoot")).select(outbox::body).load(conn)?))
            .await
            .unwrap();
        assert_eq!(mails.len(), 1);
        assert!(mails[0].contains(link) && !mails[0].contains("Anna") && !mails[0].contains(&old_code));

        // The consent link's code opens nothing here, nor a wrong date of birth.
        let phone = app.anonymous();
        let wrong = phone.post_json("/api/burger/nieuwe-code", &json!({"code": consent_code, "geboortedatum": BIRTH_DATE})).await;
        assert_eq!(wrong.status(), 401);
        let wrong = phone.post_json("/api/burger/nieuwe-code", &json!({"code": code, "geboortedatum": "01-01-1990"})).await;
        assert_eq!(wrong.status(), 401);
        // In a browser where the helper is signed in, it is refused: the citizen does this.
        assert_eq!(helper.post_json("/api/burger/nieuwe-code", &json!({"code": code, "geboortedatum": BIRTH_DATE})).await.status(), 409);

        let renewed = phone.post_json("/api/burger/nieuwe-code", &json!({"code": code, "geboortedatum": BIRTH_DATE})).await;
        assert_eq!(renewed.status(), 201);
        assert!(renewed.headers()["set-cookie"].to_str().unwrap().contains("HttpOnly"));
        let renewed: Value = renewed.json().await.unwrap();
        let new_code = renewed["toegangscode"].as_str().unwrap().to_owned();
        assert_ne!(new_code, old_code);
        assert_eq!(renewed["referentie"], reference.as_str());
        // Signed in on the phone; the old code and its session stop; the new code works.
        assert_eq!(phone.get("/api/burger/sessie").await.status(), 200);
        assert_eq!(old_session.get("/api/burger/zaak").await.status(), 401);
        assert_eq!(citizen(&app, &reference, &old_code).await.0.status(), 401);
        assert_eq!(citizen(&app, &reference, &new_code).await.0.status(), 200, "signed in, the case read");
        let again = app.anonymous().post_json("/api/burger/nieuwe-code", &json!({"code": code, "geboortedatum": BIRTH_DATE})).await;
        assert_eq!(again.status(), 410, "one new code per link");
        assert_eq!(app.audit_rows(&reference, "link_nieuwe_code_gemaakt").await, 1);
        assert_eq!(app.audit_rows(&reference, "nieuwe_code_gemaakt").await, 1);
    }

    async fn a_consent_given_in_a_browser_where_the_helper_is_signed_in_is_refused(app: TestApp) {
        let (helper, reference) = submitted_case(&app).await;
        let code = helper.consent_code(&reference).await;
        let body = json!({"code": code, "geboortedatum": BIRTH_DATE});
        let looked = helper.post_json("/api/toestemming/controleren", &body).await;
        assert_eq!(looked.status(), 409);
        let problem: Value = looked.json().await.unwrap();
        assert!(problem["detail"].as_str().unwrap().contains("hulpverlener of medewerker ingelogd"));
        let decision = json!({"code": code, "geboortedatum": BIRTH_DATE, "versie": CONSENT_TEXT.version, "besluit": "gegeven"});
        let answered = helper.post_json("/api/toestemming/besluit", &decision).await;
        assert_eq!(answered.status(), 409, "the stand-in's answer is not recorded");
        assert_eq!(helper_status(&helper, &reference).await, "wacht_op_toestemming");
        // The citizen's own phone (no account signed in) answers with the same link.
        assert_eq!(citizen_answers(&app, &code, "gegeven").await.status(), 200);
        assert_eq!(helper_status(&helper, &reference).await, "aangemeld");
    }

    async fn dit_was_ik_niet_from_the_confirmation_mail_freezes_the_case_for_staff(app: TestApp) {
        use bondgenoot_server::store::schema::outbox;
        use diesel::prelude::*;
        let (helper, reference, access) = consented_case(&app, "h@zuid.nl").await;
        // The confirmation went to the address the citizen left; its link carries a code.
        let mails: Vec<String> = app.db.run(|conn| Ok(outbox::table.filter(outbox::recipient.eq("anna@example.org")).filter(outbox::subject.like("Toestemming gegeven%")).select(outbox::body).load(conn)?)).await.unwrap();
        assert_eq!(mails.len(), 1, "one confirmation: {mails:?}");
        let link = mails[0].split_whitespace().find(|w| w.contains("/toestemming/niet-ik#")).expect("the mail has the link");
        let code = link.rsplit('#').next().unwrap().to_owned();
        assert!(!mails[0].contains("Anna") && !mails[0].contains(BIRTH_DATE), "no personal data in the mail");

        let staff = app.staff("s@bb.nl").await;
        for event in [model::lifecycle::CaseEvent::TriageStarten, model::lifecycle::CaseEvent::InBehandelingNemen] {
            crate::helpers::fire_step(&staff, &reference, event).await;
        }
        let for_citizen = json!({"tekst": "Wij bellen u morgen over de toeslag.", "voor_burger": true});
        assert_eq!(staff.post_json(&format!("/api/zaken/{reference}/berichten"), &for_citizen).await.status(), 201);
        let anonymous = app.anonymous();
        let wrong = anonymous.post_json("/api/toestemming/niet-ik", &json!({"code": "KKKK-KKKK-KKKK"})).await;
        assert_eq!(wrong.status(), 401);
        let reported = anonymous.post_json("/api/toestemming/niet-ik", &json!({"code": code})).await;
        assert_eq!(reported.status(), 200);
        assert_eq!(helper_status(&helper, &reference).await, "toestemming_controleren");
        let again = anonymous.post_json("/api/toestemming/niet-ik", &json!({"code": code})).await;
        assert_eq!(again.status(), 410, "reported once");

        // Frozen: nobody adds anything; whoever holds the code reads no documents.
        let message = helper.post_json(&format!("/api/zaken/{reference}/berichten"), &json!({"tekst": "Hallo"})).await;
        assert_eq!(message.status(), 409);
        let note = staff.post_json(&format!("/api/zaken/{reference}/notities"), &json!({"tekst": "Bellen"})).await;
        assert_eq!(note.status(), 409);
        let (_, holder) = citizen(&app, &reference, &access).await;
        assert_eq!(holder.get("/api/burger/documenten").await.status(), 409);
        // Nor messages, on either way in to the status page, and they write none.
        let page: Value = holder.get("/api/burger/zaak").await.json().await.unwrap();
        assert_eq!(page["berichten"], json!([]), "the holder of the code may be the stand-in");
        let (signed_in, _) = citizen(&app, &reference, &access).await;
        let page: Value = signed_in.json().await.unwrap();
        assert_eq!(page["berichten"], json!([]));
        assert_eq!(holder.post_json("/api/burger/berichten", &json!({"tekst": "Hallo"})).await.status(), 409);
        // The casemanager is told.
        let told: Vec<String> = app.db.run(|conn| Ok(outbox::table.filter(outbox::recipient.eq("s@bb.nl")).select(outbox::body).load(conn)?)).await.unwrap();
        assert!(told.iter().any(|m| m.contains("niet van hem of haar kwam")), "{told:?}");

        // Staff found the consent was not the citizen's: the case ends as withdrawn.
        let ended = crate::helpers::fire_step(&staff, &reference, model::lifecycle::CaseEvent::ToestemmingAfkeuren).await;
        assert_eq!(ended["status"]["status"], "ingetrokken");
        assert_eq!(staff.get(&format!("/api/zaken/{reference}/documenten")).await.status(), 409, "a tombstone only");
    }

    async fn a_refused_paper_form_goes_back_to_the_helper(app: TestApp) {
        let (helper, reference) = submitted_case(&app).await;
        let mut pdf = b"%PDF-1.7\n".to_vec();
        pdf.resize(4000, b' ');
        let uploaded: Value = helper
            .upload(&format!("/api/zaken/{reference}/documenten"), "toestemmingsformulier", "Formulier", "formulier.pdf", pdf, false)
            .await.json().await.unwrap();
        let form = uploaded[0]["id"].clone();
        let recorded = helper.post_json(&format!("/api/zaken/{reference}/toestemming/formulier"), &json!({"document": form})).await;
        assert_eq!(recorded.status(), 200);
        let paper_code: Value = recorded.json().await.unwrap();
        let paper_code = paper_code["toegangscode"].as_str().unwrap().to_owned();
        let staff = app.staff("s@bb.nl").await;
        let refused = staff
            .post_json(&format!("/api/zaken/{reference}/stappen"), &json!({"stap": {"event": "toestemming_afkeuren"}, "bericht_hulpverlener": "De handtekening ontbreekt. Vraag opnieuw om toestemming.", "bericht_burger": "Het formulier is niet goed."}))
            .await;
        assert_eq!(refused.status(), 204, "done; the case is out of the staff's sight again");
        assert_eq!(staff.get(&format!("/api/zaken/{reference}")).await.status(), 404);
        assert_eq!(helper_status(&helper, &reference).await, "wacht_op_toestemming");
        assert_eq!(citizen(&app, &reference, &paper_code).await.0.status(), 401, "the code given with the form stops working");
        let case = cases::by_reference(&app.db, &reference).await.unwrap().unwrap();
        assert!(consent::decision(&app.db, case.id).await.unwrap().is_none(), "no consent on record");
        // The helper asks again, by link this time.
        let code = helper.consent_code(&reference).await;
        assert_eq!(citizen_answers(&app, &code, "gegeven").await.status(), 200);
        assert_eq!(helper_status(&helper, &reference).await, "aangemeld");
    }

}
