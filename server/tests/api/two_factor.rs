//! Two-factor sign-in: set-up at the first sign-in, codes from the app (one step of drift,
//! never twice), recovery codes (once each), limits on guessing, and the beheerder's reset.

use bondgenoot_server::clock::now;
use bondgenoot_server::totp::code_at;
use model::lifecycle::Role;
use serde_json::{json, Value};

use crate::helpers::{Client, PASSWORD};
use crate::on_both_backends;

async fn send_code(client: &Client, code: &str) -> reqwest::Response {
    client
        .post_json("/api/sessies/code", &json!({"code": code}))
        .await
}

async fn field_error(response: reqwest::Response) -> String {
    assert_eq!(response.status(), 422);
    let problem: Value = response.json().await.unwrap();
    assert_eq!(problem["errors"][0]["field"], "code");
    problem["errors"][0]["message"].as_str().unwrap().to_owned()
}

on_both_backends! {
    async fn staff_set_up_the_app_at_the_first_sign_in_and_each_code_counts_once(app: TestApp) {
        app.account(Role::Behandelaar, None, "ria@bb.nl").await;
        let (client, step) = app.password_step("ria@bb.nl", PASSWORD).await;
        assert_eq!(step["stap"], "instellen");
        assert!(step["qr_svg"].as_str().unwrap().starts_with("data:image/svg+xml;base64,"));
        let secret = step["geheim"].as_str().unwrap().to_owned();
        // Not signed in yet: the step's cookie is not a session.
        assert_eq!(client.get("/api/sessies/huidig").await.status(), 401);
        assert!(field_error(send_code(&client, "12345").await).await.contains("6 cijfers"));
        let set_up_at = now();
        let wrong = code_at(&secret, set_up_at + 300).unwrap();
        assert!(field_error(send_code(&client, &wrong).await).await.contains("klopt niet"));

        let right = code_at(&secret, set_up_at).unwrap();
        let response = send_code(&client, &right).await;
        assert_eq!(response.status(), 201);
        let accepted: Value = response.json().await.unwrap();
        assert_eq!(accepted["ik"]["rol"], "behandelaar");
        let codes = accepted["herstelcodes"].as_array().unwrap();
        assert_eq!(codes.len(), 10);
        assert_eq!(client.get("/api/sessies/huidig").await.status(), 200);
        assert_eq!(app.audit_subject_rows("tweede_factor_ingesteld").await, 1);

        // The next sign-in asks for a code; the one used at set-up does not count again.
        let (client, step) = app.password_step("ria@bb.nl", PASSWORD).await;
        assert_eq!(step, json!({"stap": "code"}));
        assert!(field_error(send_code(&client, &right).await).await.contains("klopt niet"));
        // Three steps off is too far; one step ahead (a phone clock 30 s fast) is fine.
        let far = code_at(&secret, now() + 90).unwrap();
        assert!(field_error(send_code(&client, &far).await).await.contains("klopt niet"));
        let ahead = code_at(&secret, now() + 30).unwrap();
        let response = send_code(&client, &ahead).await;
        assert_eq!(response.status(), 201);
        let accepted: Value = response.json().await.unwrap();
        assert_eq!(accepted["herstelcodes"], json!([]), "codes are shown once");
        // The step is used up: the same cookie does not sign in twice.
        assert_eq!(send_code(&client, &ahead).await.status(), 401);
        // And that code does not work in a new sign-in either.
        let (client, _) = app.password_step("ria@bb.nl", PASSWORD).await;
        assert!(field_error(send_code(&client, &ahead).await).await.contains("klopt niet"));
    }

    async fn a_recovery_code_works_once(app: TestApp) {
        app.account(Role::Beheerder, None, "bea@bb.nl").await;
        let (_, _, codes) = app.sign_in_setting_up("bea@bb.nl", PASSWORD).await;
        let (client, _) = app.password_step("bea@bb.nl", PASSWORD).await;
        // Typed in lower case with spaces, as someone reads it off paper.
        let typed = codes[3].to_lowercase().replace('-', " ");
        assert_eq!(send_code(&client, &typed).await.status(), 201);
        assert_eq!(app.audit_subject_rows("herstelcode_gebruikt").await, 1);
        let (client, _) = app.password_step("bea@bb.nl", PASSWORD).await;
        assert!(field_error(send_code(&client, &codes[3]).await).await.contains("klopt niet"));
        assert_eq!(send_code(&client, &codes[4]).await.status(), 201);
    }

    async fn guessing_codes_is_limited_like_guessing_passwords(app: TestApp) {
        app.account(Role::Behandelaar, None, "gok@bb.nl").await;
        let (_, secret, _) = app.sign_in_setting_up("gok@bb.nl", PASSWORD).await;
        let (client, _) = app.password_step("gok@bb.nl", PASSWORD).await;
        let wrong = code_at(&secret, now() + 600).unwrap();
        for _ in 0..5 {
            field_error(send_code(&client, &wrong).await).await;
        }
        let right = code_at(&secret, now() + 30).unwrap();
        assert_eq!(send_code(&client, &right).await.status(), 429);
    }

    async fn a_beheerder_resets_a_lost_second_factor_and_the_sessions_end(app: TestApp) {
        let beheer = app.user(Role::Beheerder, None, "beheer@bb.nl").await;
        let id = app.account(Role::Behandelaar, None, "kwijt@bb.nl").await;
        let (staff, _, _) = app.sign_in_setting_up("kwijt@bb.nl", PASSWORD).await;
        // A helper may not.
        let org = app.organisation("Wijkteam Noord").await;
        let helper = app.helper(org, "help@noord.nl").await;
        let path = format!("/api/beheer/accounts/{id}/tweede-factor");
        assert_eq!(helper.delete(&path).await.status(), 403);

        assert_eq!(beheer.delete(&path).await.status(), 204);
        assert_eq!(staff.get("/api/sessies/huidig").await.status(), 401);
        assert_eq!(app.audit_subject_rows("tweede_factor_gewist").await, 1);
        let (_, step) = app.password_step("kwijt@bb.nl", PASSWORD).await;
        assert_eq!(step["stap"], "instellen");
        assert_eq!(beheer.delete("/api/beheer/accounts/99999/tweede-factor").await.status(), 404);
    }

    async fn a_deactivated_account_cannot_finish_its_sign_in(app: TestApp) {
        let beheer = app.user(Role::Beheerder, None, "beheer@bb.nl").await;
        let id = app.account(Role::Behandelaar, None, "weg@bb.nl").await;
        let (_, secret, _) = app.sign_in_setting_up("weg@bb.nl", PASSWORD).await;
        let (client, _) = app.password_step("weg@bb.nl", PASSWORD).await;
        let change = beheer
            .put_json(&format!("/api/beheer/accounts/{id}"), &json!({"rol": "behandelaar", "teams": [], "actief": false}))
            .await;
        // A behandelaar needs a team: make one, then switch the account off.
        assert_eq!(change.status(), 422);
        let teams: Value = beheer.post_json("/api/beheer/teams", &json!({"naam": "Triage"})).await.json().await.unwrap();
        let team = teams[0]["id"].as_i64().unwrap();
        let change = beheer
            .put_json(&format!("/api/beheer/accounts/{id}"), &json!({"rol": "behandelaar", "teams": [team], "actief": false}))
            .await;
        assert_eq!(change.status(), 200);
        let code = code_at(&secret, now() + 30).unwrap();
        assert_eq!(send_code(&client, &code).await.status(), 401);
    }

    async fn helpers_need_it_when_their_organisation_asks(app: TestApp) {
        let beheer = app.user(Role::Beheerder, None, "beheer@bb.nl").await;
        let org = app.organisation("Sociaal raadslieden Zuid").await;
        app.account(Role::Hulpverlener, Some(org), "zuid@srz.nl").await;
        // Not asked: a helper signs in with the password.
        app.sign_in("zuid@srz.nl", PASSWORD).await;
        let change = beheer
            .put_json(&format!("/api/beheer/organisaties/{org}"), &json!({"naam": "Sociaal raadslieden Zuid", "soort": "sociaal_raadslieden", "tweede_factor_verplicht": true}))
            .await;
        assert_eq!(change.status(), 200);
        let list: Value = change.json().await.unwrap();
        let zuid = list.as_array().unwrap().iter().find(|o| o["id"] == org).unwrap();
        assert_eq!(zuid["tweede_factor_verplicht"], true);
        let (_, step) = app.password_step("zuid@srz.nl", PASSWORD).await;
        assert_eq!(step["stap"], "instellen");
    }
}
