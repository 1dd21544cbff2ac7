//! The own account page: one's own sessions (listed, ended), a new password (needs the old
//! one, ends the other sessions), and setting up or changing the app for sign-in codes.

use bondgenoot_server::clock::now;
use bondgenoot_server::totp::code_at;
use model::lifecycle::Role;
use serde_json::{json, Value};

use crate::helpers::{Client, PASSWORD};
use crate::on_both_backends;

async fn account(client: &Client) -> Value {
    let response = client.get("/api/account").await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn field_of(response: reqwest::Response) -> String {
    assert_eq!(response.status(), 422);
    let problem: Value = response.json().await.unwrap();
    problem["errors"][0]["field"].as_str().unwrap().to_owned()
}

async fn change_password(client: &Client, current: &str, new: &str) -> reqwest::Response {
    client
        .put_json(
            "/api/account/nieuw-wachtwoord",
            &json!({"huidig": current, "nieuw": new}),
        )
        .await
}

/// Starts a set-up with the password; the answer's `stap`, `geheim` and `qr_svg`.
async fn start_set_up(client: &Client) -> Value {
    let response = client
        .post_json(
            "/api/account/tweede-factor",
            &json!({"wachtwoord": PASSWORD}),
        )
        .await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn confirm(client: &Client, stap: &Value, code: &str) -> reqwest::Response {
    client
        .put_json(
            "/api/account/tweede-factor",
            &json!({"stap": stap, "code": code}),
        )
        .await
}

on_both_backends! {
    async fn own_sessions_are_listed_and_one_can_be_ended(app: TestApp) {
        let org = app.organisation("Wijkteam Oost").await;
        let laptop = app.helper(org, "noor@oost.nl").await;
        let phone = app.sign_in("noor@oost.nl", PASSWORD).await;
        let other = app.helper(org, "sam@oost.nl").await;
        let seen = account(&laptop).await;
        assert_eq!(seen["email"], "noor@oost.nl");
        assert_eq!(seen["organisatie"], "Wijkteam Oost");
        let sessions = seen["sessies"].as_array().unwrap();
        assert_eq!(sessions.len(), 2, "only one's own sessions: {sessions:?}");
        assert_eq!(sessions.iter().filter(|s| s["deze"] == true).count(), 1);
        // The page holds a name for each session, never something that signs in.
        let phone_id = sessions.iter().find(|s| s["deze"] == false).unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        assert_eq!(phone_id.len(), 20);
        let path = format!("/api/account/sessies/{phone_id}");
        // Nobody ends another person's session.
        assert_eq!(other.delete(&path).await.status(), 404);
        assert_eq!(phone.get("/api/sessies/huidig").await.status(), 200);
        assert_eq!(laptop.delete(&path).await.status(), 204);
        assert_eq!(phone.get("/api/sessies/huidig").await.status(), 401);
        assert_eq!(laptop.get("/api/sessies/huidig").await.status(), 200);
        assert_eq!(laptop.delete(&path).await.status(), 404, "ended once");
        assert_eq!(app.audit_subject_rows("sessie_beeindigd").await, 1);
        assert_eq!(account(&laptop).await["sessies"].as_array().unwrap().len(), 1);
        // Without the CSRF token nothing ends.
        let mut no_token = app.sign_in("noor@oost.nl", PASSWORD).await;
        no_token.csrf = None;
        let id = account(&laptop).await["sessies"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["deze"] == false)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        assert_eq!(no_token.delete(&format!("/api/account/sessies/{id}")).await.status(), 403);
    }

    async fn a_new_password_needs_the_old_one_and_ends_the_other_sessions(app: TestApp) {
        let org = app.organisation("Schuldhulp West").await;
        let here = app.helper(org, "kim@west.nl").await;
        let elsewhere = app.sign_in("kim@west.nl", PASSWORD).await;
        let new = "paarse olifant danst op zolder";
        assert_eq!(field_of(change_password(&here, "niet mijn wachtwoord", new).await).await, "huidig");
        assert_eq!(field_of(change_password(&here, PASSWORD, "wachtwoord123!").await).await, "nieuw");
        assert_eq!(field_of(change_password(&here, PASSWORD, "kort").await).await, "nieuw");
        assert_eq!(field_of(change_password(&here, PASSWORD, PASSWORD).await).await, "nieuw");
        // Nothing changed so far.
        assert_eq!(elsewhere.get("/api/sessies/huidig").await.status(), 200);
        assert_eq!(change_password(&here, PASSWORD, new).await.status(), 204);
        assert_eq!(elsewhere.get("/api/sessies/huidig").await.status(), 401);
        assert_eq!(here.get("/api/sessies/huidig").await.status(), 200);
        assert_eq!(app.audit_subject_rows("wachtwoord_gewijzigd").await, 1);
        let old = app
            .anonymous()
            .post_json("/api/sessies", &json!({"email": "kim@west.nl", "wachtwoord": PASSWORD}))
            .await;
        assert_eq!(old.status(), 401);
        app.sign_in("kim@west.nl", new).await;
    }

    async fn guessing_the_old_password_is_limited(app: TestApp) {
        let org = app.organisation("Raadslieden Zuid").await;
        let client = app.helper(org, "gok@zuid.nl").await;
        for _ in 0..5 {
            let wrong = change_password(&client, "geraden wachtwoord", "een heel nieuw wachtwoord").await;
            assert_eq!(field_of(wrong).await, "huidig");
        }
        let right = change_password(&client, PASSWORD, "een heel nieuw wachtwoord").await;
        assert_eq!(right.status(), 429);
    }

    async fn staff_move_to_a_new_app_and_the_old_codes_stop_working(app: TestApp) {
        app.account(Role::Behandelaar, None, "ria@bb.nl").await;
        let (client, old_secret, old_codes) = app.sign_in_setting_up("ria@bb.nl", PASSWORD).await;
        let seen = account(&client).await;
        assert_eq!((seen["tweede_factor"].clone(), seen["tweede_factor_verplicht"].clone()), (json!(true), json!(true)));
        assert_eq!(seen["herstelcodes_over"], 10);

        let wrong = client
            .post_json("/api/account/tweede-factor", &json!({"wachtwoord": "niet het wachtwoord"}))
            .await;
        assert_eq!(field_of(wrong).await, "wachtwoord");
        let set_up = start_set_up(&client).await;
        assert!(set_up["qr_svg"].as_str().unwrap().starts_with("data:image/svg+xml;base64,"));
        let secret = set_up["geheim"].as_str().unwrap().to_owned();
        assert_ne!(secret, old_secret);
        // A code of the old app does not prove the new one.
        let old_code = code_at(&old_secret, now() + 30).unwrap();
        assert_eq!(field_of(confirm(&client, &set_up["stap"], &old_code).await).await, "code");
        // The step is no sign-in step: its token does not work as one.
        let first = code_at(&secret, now()).unwrap();
        let done = confirm(&client, &set_up["stap"], &first).await;
        assert_eq!(done.status(), 200);
        let done: Value = done.json().await.unwrap();
        let new_codes = done["herstelcodes"].as_array().unwrap();
        assert_eq!(new_codes.len(), 10);
        assert_eq!(confirm(&client, &set_up["stap"], &first).await.status(), 410, "used once");
        assert_eq!(app.audit_subject_rows("tweede_factor_ingesteld").await, 2);

        // Sign-in now wants the new app's codes; the old app and old recovery codes are gone.
        let (signing_in, step) = app.password_step("ria@bb.nl", PASSWORD).await;
        assert_eq!(step, json!({"stap": "code"}));
        for code in [old_code.as_str(), old_codes[0].as_str(), first.as_str()] {
            let response = signing_in.post_json("/api/sessies/code", &json!({"code": code})).await;
            assert_eq!(response.status(), 422, "{code} no longer signs in");
        }
        let next = code_at(&secret, now() + 30).unwrap();
        let response = signing_in.post_json("/api/sessies/code", &json!({"code": next})).await;
        assert_eq!(response.status(), 201);
        let recovery = new_codes[0].as_str().unwrap();
        let (signing_in, _) = app.password_step("ria@bb.nl", PASSWORD).await;
        let response = signing_in.post_json("/api/sessies/code", &json!({"code": recovery})).await;
        assert_eq!(response.status(), 201);
    }

    async fn a_helper_may_add_an_app_and_a_set_up_is_only_its_own(app: TestApp) {
        let org = app.organisation("Vrijwilligers Noord").await;
        let helper = app.helper(org, "jan@noord.nl").await;
        let other = app.helper(org, "els@noord.nl").await;
        let seen = account(&helper).await;
        assert_eq!((seen["tweede_factor"].clone(), seen["tweede_factor_verplicht"].clone()), (json!(false), json!(false)));
        let set_up = start_set_up(&helper).await;
        let secret = set_up["geheim"].as_str().unwrap().to_owned();
        let code = code_at(&secret, now()).unwrap();
        // Another account cannot finish it, nor can a made-up step.
        assert_eq!(confirm(&other, &set_up["stap"], &code).await.status(), 410);
        assert_eq!(confirm(&helper, &json!("verzonnen"), &code).await.status(), 410);
        assert_eq!(confirm(&helper, &set_up["stap"], &code).await.status(), 200);
        assert_eq!(account(&helper).await["tweede_factor"], true);
        let (_, step) = app.password_step("jan@noord.nl", PASSWORD).await;
        assert_eq!(step, json!({"stap": "code"}));
    }
}
