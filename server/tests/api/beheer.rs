//! Beheer: organisations, teams and accounts by invitation; choosing a password with a
//! one-time link; resets; deactivation that works at once; the last beheerder kept.

use bondgenoot_server::store::schema::{accounts, outbox};
use diesel::prelude::*;
use model::lifecycle::Role;
use serde_json::{json, Value};

use crate::helpers::{Client, TestApp};
use crate::on_both_backends;

const NEW_PASSWORD: &str = "paars fietspomp boven Zwolle";

/// The token in the newest mail to `address` (the part after `#` in its link).
async fn link_token(app: &TestApp, address: &str) -> String {
    let address = address.to_owned();
    let body: String = app
        .db
        .run(move |conn| {
            Ok(outbox::table
                .filter(outbox::recipient.eq(address))
                .order(outbox::id.desc())
                .select(outbox::body)
                .first(conn)?)
        })
        .await
        .unwrap();
    let after = body.split_once('#').expect("a link with a token").1;
    after.split_whitespace().next().unwrap().to_owned()
}

async fn mails_to(app: &TestApp, address: &str) -> i64 {
    let address = address.to_owned();
    app.db
        .run(move |conn| {
            Ok(outbox::table
                .filter(outbox::recipient.eq(address))
                .count()
                .get_result(conn)?)
        })
        .await
        .unwrap()
}

async fn account_count(app: &TestApp) -> i64 {
    app.db
        .run(|conn| Ok(accounts::table.count().get_result(conn)?))
        .await
        .unwrap()
}

async fn beheerder(app: &TestApp) -> Client {
    app.user(Role::Beheerder, None, "beheer@bb.nl").await
}

async fn create_organisation(beheer: &Client, name: &str) -> i64 {
    let response = beheer
        .post_json("/api/beheer/organisaties", &json!({"naam": name, "soort": "schuldhulpverlening", "contact": "Bel 010-1234567 (ma–vr 9–17 uur)"}))
        .await;
    assert_eq!(response.status(), 201);
    let list: Value = response.json().await.unwrap();
    list.as_array()
        .unwrap()
        .iter()
        .find(|o| o["naam"] == name)
        .unwrap()["id"]
        .as_i64()
        .unwrap()
}

async fn create_team(beheer: &Client, name: &str) -> i64 {
    let response = beheer
        .post_json("/api/beheer/teams", &json!({"naam": name}))
        .await;
    assert_eq!(response.status(), 201);
    let list: Value = response.json().await.unwrap();
    list.as_array()
        .unwrap()
        .iter()
        .find(|t| t["naam"] == name)
        .unwrap()["id"]
        .as_i64()
        .unwrap()
}

async fn invite(beheer: &Client, body: Value) -> i64 {
    let email = body["email"].as_str().unwrap().to_lowercase();
    let response = beheer.post_json("/api/beheer/accounts", &body).await;
    assert_eq!(response.status(), 201, "{}", response.text().await.unwrap());
    let list: Value = beheer
        .get("/api/beheer/accounts")
        .await
        .json()
        .await
        .unwrap();
    let account = list
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["email"] == email.as_str())
        .unwrap()
        .clone();
    assert_eq!(account["stand"], "uitgenodigd");
    account["id"].as_i64().unwrap()
}

async fn choose_password(app: &TestApp, token: &str, password: &str) -> reqwest::Response {
    app.anonymous()
        .post_json(
            "/api/account/wachtwoord",
            &json!({"token": token, "wachtwoord": password}),
        )
        .await
}

on_both_backends! {
    async fn a_beheerder_invites_a_helper_and_a_behandelaar_who_choose_passwords_and_sign_in(app: TestApp) {
        let beheer = beheerder(&app).await;
        let org = create_organisation(&beheer, "Schuldhulp Oost").await;
        let team = create_team(&beheer, "Triage").await;
        invite(&beheer, json!({"naam": "Fatima el Idrissi", "email": "Fatima@Oost.nl", "rol": "hulpverlener", "organisatie_id": org})).await;
        invite(&beheer, json!({"naam": "Bram de Wit", "email": "bram@bb.nl", "rol": "behandelaar", "teams": [team]})).await;

        let token = link_token(&app, "fatima@oost.nl").await;
        let mail_count = mails_to(&app, "fatima@oost.nl").await;
        assert_eq!(mail_count, 1);
        let info: Value = app.anonymous().post_json("/api/account/link", &json!({"token": token})).await.json().await.unwrap();
        assert_eq!(info, json!({"naam": "Fatima el Idrissi", "email": "fatima@oost.nl", "rol": "hulpverlener", "doel": "uitnodiging"}));
        // Not signed in before a password is chosen.
        let early = app.anonymous().post_json("/api/sessies", &json!({"email": "fatima@oost.nl", "wachtwoord": "iets"})).await;
        assert_eq!(early.status(), 401);

        let weak = choose_password(&app, &token, "Wachtwoord123!").await;
        assert_eq!(weak.status(), 422);
        let problem: Value = weak.json().await.unwrap();
        assert_eq!(problem["errors"][0]["field"], "wachtwoord");
        assert!(problem["errors"][0]["message"].as_str().unwrap().contains("makkelijk te raden"));
        let short = choose_password(&app, &token, "kort").await;
        assert_eq!(short.status(), 422);

        assert_eq!(choose_password(&app, &token, NEW_PASSWORD).await.status(), 200);
        let helper = app.sign_in("fatima@oost.nl", NEW_PASSWORD).await;
        let me: Value = helper.get("/api/sessies/huidig").await.json().await.unwrap();
        assert_eq!(me["organisatie"], "Schuldhulp Oost");
        // The link works once.
        let again = choose_password(&app, &token, "nog een ander lang wachtwoord").await;
        assert_eq!(again.status(), 410);

        let staff_token = link_token(&app, "bram@bb.nl").await;
        assert_eq!(choose_password(&app, &staff_token, NEW_PASSWORD).await.status(), 200);
        // Staff set up the second factor at their first sign-in.
        let (staff, _, codes) = app.sign_in_setting_up("bram@bb.nl", NEW_PASSWORD).await;
        assert_eq!(codes.len(), 10);
        assert_eq!(staff.get("/api/zaken").await.status(), 200);
        let list: Value = beheer.get("/api/beheer/accounts").await.json().await.unwrap();
        let bram = list.as_array().unwrap().iter().find(|a| a["email"] == "bram@bb.nl").unwrap();
        assert_eq!(bram["stand"], "actief");
        assert_eq!(bram["teams"], json!([team]));
        let teams: Value = beheer.get("/api/beheer/teams").await.json().await.unwrap();
        assert_eq!(teams[0]["leden"], 1);
        // Every change is in the audit log, naming whom it was about.
        for action in ["organisatie_gemaakt", "team_gemaakt", "account_uitgenodigd", "wachtwoord_gekozen"] {
            let sql = format!("SELECT COUNT(*) AS n FROM audit_log WHERE action = '{action}' AND subject IS NOT NULL");
            assert!(count(&app, sql).await >= 1, "no audit row {action}");
        }
    }

    async fn expired_revoked_and_replaced_links_are_refused(app: TestApp) {
        let beheer = beheerder(&app).await;
        let org = create_organisation(&beheer, "Wijkteam Noord").await;
        let id = invite(&beheer, json!({"naam": "Kees", "email": "kees@noord.nl", "rol": "hulpverlener", "organisatie_id": org})).await;
        let first = link_token(&app, "kees@noord.nl").await;

        // Sent again: the old link stops, the new one works…
        assert_eq!(beheer.post_json(&format!("/api/beheer/accounts/{id}/uitnodiging"), &json!({})).await.status(), 204);
        let second = link_token(&app, "kees@noord.nl").await;
        assert_ne!(first, second);
        assert_eq!(app.anonymous().post_json("/api/account/link", &json!({"token": first})).await.status(), 410);
        // …until it is revoked.
        assert_eq!(beheer.delete(&format!("/api/beheer/accounts/{id}/uitnodiging")).await.status(), 204);
        assert_eq!(choose_password(&app, &second, NEW_PASSWORD).await.status(), 410);

        // An expired link: 72 hours have passed.
        beheer.post_json(&format!("/api/beheer/accounts/{id}/uitnodiging"), &json!({})).await;
        let third = link_token(&app, "kees@noord.nl").await;
        app.execute("UPDATE account_links SET expires_at = created_at - 1").await.unwrap();
        let gone = choose_password(&app, &third, NEW_PASSWORD).await;
        assert_eq!(gone.status(), 410);
        let problem: Value = gone.json().await.unwrap();
        assert!(problem["detail"].as_str().unwrap().contains("72 uur"));
        // The database holds only hashes of the tokens.
        let sql = format!("SELECT COUNT(*) AS n FROM account_links WHERE token_hash = '{third}'");
        assert_eq!(count(&app, sql).await, 0);
    }

    async fn a_deactivated_helper_is_signed_out_at_once_and_cannot_sign_in_or_reset(app: TestApp) {
        let beheer = beheerder(&app).await;
        let org = create_organisation(&beheer, "Raadslieden West").await;
        let id = invite(&beheer, json!({"naam": "Ilse", "email": "ilse@west.nl", "rol": "hulpverlener", "organisatie_id": org})).await;
        choose_password(&app, &link_token(&app, "ilse@west.nl").await, NEW_PASSWORD).await;
        let helper = app.sign_in("ilse@west.nl", NEW_PASSWORD).await;
        assert_eq!(helper.get("/api/zaken").await.status(), 200);

        let off = beheer.put_json(&format!("/api/beheer/accounts/{id}"), &json!({"rol": "hulpverlener", "organisatie_id": org, "actief": false})).await;
        assert_eq!(off.status(), 200);

        assert_eq!(helper.get("/api/zaken").await.status(), 401);
        let again = app.anonymous().post_json("/api/sessies", &json!({"email": "ilse@west.nl", "wachtwoord": NEW_PASSWORD})).await;
        assert_eq!(again.status(), 401);
        let before = mails_to(&app, "ilse@west.nl").await;
        let reset = app.anonymous().post_json("/api/account/wachtwoord-vergeten", &json!({"email": "ilse@west.nl"})).await;
        assert_eq!(reset.status(), 202);
        assert_eq!(mails_to(&app, "ilse@west.nl").await, before, "no reset link for a deactivated account");
        let list: Value = beheer.get("/api/beheer/accounts").await.json().await.unwrap();
        let ilse = list.as_array().unwrap().iter().find(|a| a["email"] == "ilse@west.nl").unwrap();
        assert_eq!(ilse["stand"], "gedeactiveerd");

        // Reactivated, the account signs in again.
        beheer.put_json(&format!("/api/beheer/accounts/{id}"), &json!({"rol": "hulpverlener", "organisatie_id": org, "actief": true})).await;
        app.sign_in("ilse@west.nl", NEW_PASSWORD).await;
        // A deactivated organisation signs its helpers out too.
        let helper = app.sign_in("ilse@west.nl", NEW_PASSWORD).await;
        let org_off = beheer.put_json(&format!("/api/beheer/organisaties/{org}"), &json!({"naam": "Raadslieden West", "soort": "sociaal_raadslieden", "actief": false})).await;
        assert_eq!(org_off.status(), 200);
        assert_eq!(helper.get("/api/zaken").await.status(), 401);
    }

    async fn a_reset_answers_alike_for_unknown_addresses_and_ends_every_session(app: TestApp) {
        let helper_org = app.organisation("Schuldhulp Zuid").await;
        let helper = app.helper(helper_org, "joost@zuid.nl").await;
        let unknown = app.anonymous().post_json("/api/account/wachtwoord-vergeten", &json!({"email": "niemand@zuid.nl"})).await;
        let known = app.anonymous().post_json("/api/account/wachtwoord-vergeten", &json!({"email": "Joost@zuid.nl"})).await;
        assert_eq!((unknown.status(), known.status()), (reqwest::StatusCode::ACCEPTED, reqwest::StatusCode::ACCEPTED));
        assert_eq!(unknown.text().await.unwrap(), known.text().await.unwrap());
        assert_eq!(mails_to(&app, "niemand@zuid.nl").await, 0);
        let token = link_token(&app, "joost@zuid.nl").await;
        let info: Value = app.anonymous().post_json("/api/account/link", &json!({"token": token})).await.json().await.unwrap();
        assert_eq!(info["doel"], "herstel");

        assert_eq!(choose_password(&app, &token, NEW_PASSWORD).await.status(), 200);
        assert_eq!(helper.get("/api/zaken").await.status(), 401, "the old session ended");
        app.sign_in("joost@zuid.nl", NEW_PASSWORD).await;
        let old = app.anonymous().post_json("/api/sessies", &json!({"email": "joost@zuid.nl", "wachtwoord": crate::helpers::PASSWORD})).await;
        assert_eq!(old.status(), 401);
    }

    async fn the_last_beheerder_cannot_be_demoted_or_deactivated(app: TestApp) {
        let beheer = beheerder(&app).await;
        let me: i64 = count(&app, "SELECT id AS n FROM accounts WHERE email = 'beheer@bb.nl'".into()).await;
        let team = create_team(&beheer, "Casusbehandeling Toeslagen").await;
        let demote = beheer.put_json(&format!("/api/beheer/accounts/{me}"), &json!({"rol": "behandelaar", "teams": [team], "actief": true})).await;
        assert_eq!(demote.status(), 409);
        let problem: Value = demote.json().await.unwrap();
        assert!(problem["detail"].as_str().unwrap().contains("laatste beheerder"));
        let off = beheer.put_json(&format!("/api/beheer/accounts/{me}"), &json!({"rol": "beheerder", "actief": false})).await;
        assert_eq!(off.status(), 409);
        // An invited beheerder who has not chosen a password does not count…
        invite(&beheer, json!({"naam": "Tweede Beheerder", "email": "twee@bb.nl", "rol": "beheerder"})).await;
        assert_eq!(beheer.put_json(&format!("/api/beheer/accounts/{me}"), &json!({"rol": "beheerder", "actief": false})).await.status(), 409);
        // …one who has, does.
        choose_password(&app, &link_token(&app, "twee@bb.nl").await, NEW_PASSWORD).await;
        let ok = beheer.put_json(&format!("/api/beheer/accounts/{me}"), &json!({"rol": "behandelaar", "teams": [team], "actief": true})).await;
        assert_eq!(ok.status(), 200);
        // A new role is a new session.
        assert_eq!(beheer.get("/api/beheer/accounts").await.status(), 401);
    }

    async fn only_a_beheerder_manages_and_bad_input_names_the_field_and_creates_nothing(app: TestApp) {
        let org = app.organisation("Vrijwilligers Centrum").await;
        let helper = app.helper(org, "h@vc.nl").await;
        let staff = app.staff("s@bb.nl").await;
        for client in [&helper, &staff] {
            assert_eq!(client.get("/api/beheer/accounts").await.status(), 403);
            assert_eq!(client.post_json("/api/beheer/organisaties", &json!({"naam": "X", "soort": "anders"})).await.status(), 403);
        }
        let beheer = beheerder(&app).await;
        let before = account_count(&app).await;
        let taken = beheer.post_json("/api/beheer/accounts", &json!({"naam": "Dubbel", "email": "H@vc.nl", "rol": "hulpverlener", "organisatie_id": org})).await;
        assert_eq!(taken.status(), 422);
        let problem: Value = taken.json().await.unwrap();
        assert_eq!(problem["errors"][0]["field"], "email");
        let no_org = beheer.post_json("/api/beheer/accounts", &json!({"naam": "Zonder", "email": "z@vc.nl", "rol": "hulpverlener", "organisatie_id": 999_999})).await;
        assert_eq!(no_org.status(), 422);
        let problem: Value = no_org.json().await.unwrap();
        assert_eq!(problem["errors"][0]["field"], "organisatie_id");
        let no_team = beheer.post_json("/api/beheer/accounts", &json!({"naam": "Zonder", "email": "z@bb.nl", "rol": "behandelaar", "teams": [999_999]})).await;
        assert_eq!(no_team.status(), 422);
        assert_eq!(account_count(&app).await, before, "nothing half-created");
        assert_eq!(mails_to(&app, "z@vc.nl").await + mails_to(&app, "z@bb.nl").await, 0);

        let twice = beheer.post_json("/api/beheer/organisaties", &json!({"naam": "Vrijwilligers Centrum", "soort": "vrijwilligersorganisatie"})).await;
        assert_eq!(twice.status(), 422);
        let problem: Value = twice.json().await.unwrap();
        assert_eq!(problem["errors"][0]["field"], "naam");
        assert!(problem["errors"][0]["message"].as_str().unwrap().contains("al een organisatie"));
        let list: Value = beheer.get("/api/beheer/organisaties").await.json().await.unwrap();
        assert_eq!(list.as_array().unwrap().len(), 1);
        // A body of the wrong shape on the public link route: a Dutch problem, not a crash.
        let wrong = app.anonymous().post_json("/api/account/link", &json!({"token": 5})).await;
        assert_eq!(wrong.status(), 400);
        let problem: Value = wrong.json().await.unwrap();
        assert_eq!(problem["type"], "ongeldig-verzoek");
        assert_eq!(list[0]["soort"], "anders");
    }

    async fn the_citizen_reads_the_contact_line_the_organisation_gave(app: TestApp) {
        let beheer = beheerder(&app).await;
        let org = create_organisation(&beheer, "Schuldhulp Contact").await;
        let helper = app.helper(org, "hulp@contact.nl").await;
        let (reference, access) = crate::helpers::consented_case_of(&app, &helper).await;
        let (response, citizen) = crate::helpers::citizen(&app, &reference, &access).await;
        let page: Value = response.json().await.unwrap();
        assert_eq!(page["organisatie"], "Schuldhulp Contact");
        assert_eq!(page["contact"], "Bel 010-1234567 (ma–vr 9–17 uur)");
        // Without a contact line, the page has none (and says to contact the organisation).
        let change = beheer
            .put_json(&format!("/api/beheer/organisaties/{org}"), &json!({"naam": "Schuldhulp Contact", "soort": "schuldhulpverlening"}))
            .await;
        assert_eq!(change.status(), 200);
        let page: Value = citizen.get("/api/burger/zaak").await.json().await.unwrap();
        assert_eq!(page["contact"], Value::Null);
    }
}

async fn count(app: &TestApp, sql: String) -> i64 {
    #[derive(QueryableByName)]
    struct N {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    app.db
        .run(move |conn| Ok(diesel::sql_query(sql).get_result::<N>(conn)?.n))
        .await
        .unwrap()
}
