use model::lifecycle::Role;
use serde_json::{json, Value};

use crate::helpers::PASSWORD;
use crate::on_both_backends;

on_both_backends! {
    async fn signing_in_sets_a_strict_http_only_cookie_and_shows_who_you_are(app: TestApp) {
        let org = app.organisation("Sociaal Raadslieden Zuid").await;
        let hash = bondgenoot_server::crypto::hash_password(PASSWORD.into()).await.unwrap();
        bondgenoot_server::store::accounts::create_account(&app.db, Some(org), "Sam@Voorbeeld.nl", "Sam", Role::Hulpverlener, &hash).await.unwrap();
        let client = app.anonymous();

        let response = client.post_json("/api/sessies", &json!({"email": " sam@voorbeeld.NL ", "wachtwoord": PASSWORD})).await;

        assert_eq!(response.status(), 201);
        let cookie = response.headers()["set-cookie"].to_str().unwrap().to_owned();
        assert!(cookie.starts_with("bg_sessie="));
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/"));
        let me: Value = client.get("/api/sessies/huidig").await.json().await.unwrap();
        assert_eq!(me["rol"], "hulpverlener");
        assert_eq!(me["organisatie"], "Sociaal Raadslieden Zuid");
        assert_eq!(me["csrf_token"].as_str().unwrap().len(), 43);
    }

    async fn a_password_hashed_with_older_parameters_signs_in_and_is_hashed_anew(app: TestApp) {
        use argon2::password_hash::PasswordHasher;
        let org = app.organisation("Sociaal Raadslieden Zuid").await;
        // As releases before stored it: the crate's default, 19 MiB and two passes.
        let old = argon2::Argon2::default().hash_password(PASSWORD.as_bytes()).unwrap().to_string();
        assert!(!bondgenoot_server::crypto::is_current(&old));
        let id = bondgenoot_server::store::accounts::create_account(&app.db, Some(org), "oud@voorbeeld.nl", "Oud", Role::Hulpverlener, &old).await.unwrap();
        bondgenoot_server::store::accounts::exempt_from_second_factor(&app.db, id).await.unwrap();

        let response = app.anonymous().post_json("/api/sessies", &json!({"email": "oud@voorbeeld.nl", "wachtwoord": PASSWORD})).await;

        assert_eq!(response.status(), 201);
        let (_, stored) = bondgenoot_server::store::accounts::by_email(&app.db, "oud@voorbeeld.nl").await.unwrap().unwrap();
        assert_ne!(stored, old);
        assert!(bondgenoot_server::crypto::is_current(&stored), "{stored}");
        // The new hash holds the same password; a wrong one changes nothing.
        assert_eq!(app.anonymous().post_json("/api/sessies", &json!({"email": "oud@voorbeeld.nl", "wachtwoord": PASSWORD})).await.status(), 201);
        assert_eq!(app.anonymous().post_json("/api/sessies", &json!({"email": "oud@voorbeeld.nl", "wachtwoord": "fout"})).await.status(), 401);
        let (_, after) = bondgenoot_server::store::accounts::by_email(&app.db, "oud@voorbeeld.nl").await.unwrap().unwrap();
        assert_eq!(after, stored);
    }

    async fn a_wrong_password_gets_a_dutch_message_and_no_session(app: TestApp) {
        app.staff("staf@bb.nl").await;
        let client = app.anonymous();

        let response = client.post_json("/api/sessies", &json!({"email": "staf@bb.nl", "wachtwoord": "fout"})).await;

        assert_eq!(response.status(), 401);
        let problem: Value = response.json().await.unwrap();
        assert_eq!(problem["type"], "inloggen-mislukt");
        assert!(problem["detail"].as_str().unwrap().contains("wachtwoord klopt niet"));
        assert_eq!(client.get("/api/sessies/huidig").await.status(), 401);
    }

    async fn sign_in_is_rate_limited_per_address_even_with_the_right_password(app: TestApp) {
        app.staff("staf@bb.nl").await;
        let client = app.anonymous();
        for _ in 0..5 {
            let response = client.post_json("/api/sessies", &json!({"email": "staf@bb.nl", "wachtwoord": "fout"})).await;
            assert_eq!(response.status(), 401);
        }

        let response = client.post_json("/api/sessies", &json!({"email": "STAF@bb.nl", "wachtwoord": PASSWORD})).await;

        assert_eq!(response.status(), 429);
        let response_wait: i64 = response.headers()["retry-after"].to_str().unwrap().parse().unwrap();
        let problem: Value = response.json().await.unwrap();
        assert!(problem["detail"].as_str().unwrap().contains("Wacht even"));
        assert!(response_wait > 0, "Retry-After says how long");
        // Unknown addresses are limited the same way, so the limit does not reveal accounts.
        for _ in 0..5 {
            client.post_json("/api/sessies", &json!({"email": "niemand@bb.nl", "wachtwoord": "x"})).await;
        }
        let response = client.post_json("/api/sessies", &json!({"email": "niemand@bb.nl", "wachtwoord": "x"})).await;
        assert_eq!(response.status(), 429);
    }

    async fn signing_in_again_in_the_same_browser_ends_the_session_it_had(app: TestApp) {
        let org = app.organisation("Oost").await;
        app.account(Role::Hulpverlener, Some(org), "eerst@oost.nl").await;
        app.account(Role::Hulpverlener, Some(org), "daarna@oost.nl").await;
        let browser = app.anonymous();
        let first = browser.post_json("/api/sessies", &json!({"email": "eerst@oost.nl", "wachtwoord": PASSWORD})).await;
        let first_cookie = first.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_owned();
        assert_eq!(first.status(), 201);
        // Someone else signs in on the same browser: the first session is gone, not just hidden.
        let second = browser.post_json("/api/sessies", &json!({"email": "daarna@oost.nl", "wachtwoord": PASSWORD})).await;
        assert_eq!(second.status(), 201);
        let url = format!("{}/api/sessies/huidig", app.address);
        let with_first = reqwest::Client::new().get(&url).header("cookie", first_cookie).send().await.unwrap();
        assert_eq!(with_first.status(), 401);
    }

    async fn signing_out_ends_the_session(app: TestApp) {
        let client = app.staff("staf@bb.nl").await;

        assert_eq!(client.delete("/api/sessies/huidig").await.status(), 204);

        assert_eq!(client.get("/api/zaken").await.status(), 401);
    }

    async fn an_idle_session_expires(app: TestApp) {
        let client = app.staff("staf@bb.nl").await;
        assert_eq!(client.get("/api/sessies/huidig").await.status(), 200);

        {
            use bondgenoot_server::store::schema::sessions as s;
            use diesel::prelude::*;
            let idle = bondgenoot_server::store::accounts::IDLE_SECONDS + 1;
            app.db
                .run(move |conn| Ok(diesel::update(s::table).set(s::last_seen_at.eq(s::last_seen_at - idle)).execute(conn)?))
                .await
                .unwrap();
        }

        let response = client.get("/api/sessies/huidig").await;
        assert_eq!(response.status(), 401);
        let problem: Value = response.json().await.unwrap();
        assert!(problem["detail"].as_str().unwrap().contains("Wat u invulde, is bewaard"));
    }

    async fn a_changing_request_without_the_csrf_token_is_refused(app: TestApp) {
        let org = app.organisation("Org").await;
        let mut client = app.helper(org, "h@org.nl").await;
        let token = client.csrf.take();

        let without = client.post_json("/api/zaken", &json!({})).await;
        client.csrf = Some("verkeerd".into());
        let wrong = client.post_json("/api/zaken", &json!({})).await;
        client.csrf = token;
        let right = client.post_json("/api/zaken", &json!({})).await;

        assert_eq!(without.status(), 403);
        assert_eq!(wrong.status(), 403);
        let problem: Value = wrong.json().await.unwrap();
        assert_eq!(problem["type"], "verzoek-geweigerd");
        assert_eq!(right.status(), 201);
        assert_eq!(app.case_count().await, 1);
    }

    async fn sign_in_from_a_plain_form_post_is_refused(app: TestApp) {
        app.staff("staf@bb.nl").await;
        let response = app
            .anonymous()
            .http
            .post(format!("{}/api/sessies", app.address))
            .header("content-type", "text/plain")
            .body(format!(r#"{{"email":"staf@bb.nl","wachtwoord":"{PASSWORD}"}}"#))
            .send()
            .await
            .unwrap();
        assert!(response.status().is_client_error());
        assert!(response.headers().get("set-cookie").is_none());
    }
}

/// Served over HTTPS (the public address says so): every cookie is `Secure` with a prefix the
/// browser enforces, the session works with it, the old plain name does not, and every
/// answer asks for HTTPS from then on (HSTS). Over plain HTTP there is no HSTS.
#[tokio::test]
async fn over_https_the_cookies_are_secure_and_prefixed_and_hsts_is_sent() {
    use crate::helpers::{spawn_app_on_with, Options};
    use bondgenoot_server::store::db::Backend;
    let options = Options {
        public_url: Some("https://bondgenoot.example.nl".into()),
        ..Options::default()
    };
    let app = spawn_app_on_with(Backend::Sqlite, options).await;
    let org = app.organisation("Oost").await;
    app.account(Role::Hulpverlener, Some(org), "h@oost.nl")
        .await;
    let plain = app.anonymous();
    let response = plain
        .post_json(
            "/api/sessies",
            &json!({"email": "h@oost.nl", "wachtwoord": PASSWORD}),
        )
        .await;
    assert_eq!(response.status(), 201);
    assert_eq!(
        response.headers()["strict-transport-security"],
        "max-age=31536000"
    );
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cookie.starts_with("__Host-bg_sessie="), "{cookie}");
    assert!(
        cookie.contains("Secure") && cookie.contains("HttpOnly"),
        "{cookie}"
    );
    // The cookie is sent back only over HTTPS; here the test sends it by hand.
    let (name_value, _) = cookie.split_once(';').unwrap();
    let url = format!("{}/api/sessies/huidig", app.address);
    let ask = |value: String| {
        reqwest::Client::new()
            .get(&url)
            .header("cookie", value)
            .send()
    };
    assert_eq!(ask(name_value.to_owned()).await.unwrap().status(), 200);
    let old_name = name_value.replacen("__Host-bg_sessie", "bg_sessie", 1);
    assert_eq!(
        ask(old_name).await.unwrap().status(),
        401,
        "not under the plain name"
    );
    let http_app = crate::helpers::spawn_app().await;
    let health = http_app.anonymous().get("/api/health").await;
    assert!(health.headers().get("strict-transport-security").is_none());
}
