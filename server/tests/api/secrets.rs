//! Codes and tokens are stored as HMAC with the server key (issue 18): the database holds
//! no plain SHA-256 of a session token or a consent code, so a copy of it alone gives
//! nothing to search offline. Links made before the key (stored as plain SHA-256) still
//! work until they end.

use bondgenoot_server::crypto::{secret_hash, sha256_hex};
use bondgenoot_server::store::schema::{consent_invitations, sessions};
use diesel::prelude::*;
use serde_json::json;

use crate::helpers::{citizen_answers, complete_draft, PASSWORD};
use crate::on_both_backends;

on_both_backends! {
    async fn sessions_and_consent_codes_are_stored_with_the_key(app: TestApp) {
        let org = app.organisation("Oost").await;
        app.account(model::lifecycle::Role::Hulpverlener, Some(org), "h@oost.nl").await;
        let response = app.anonymous().post_json("/api/sessies", &json!({"email": "h@oost.nl", "wachtwoord": PASSWORD})).await;
        assert_eq!(response.status(), 201);
        let cookie = response.headers()["set-cookie"].to_str().unwrap().to_owned();
        let token = cookie.split(';').next().unwrap().split_once('=').unwrap().1.to_owned();
        let stored: Vec<String> = app.db.run(|conn| Ok(sessions::table.select(sessions::token_hash).load(conn)?)).await.unwrap();
        assert!(stored.contains(&secret_hash(&token)));
        assert!(!stored.contains(&sha256_hex(&token)), "no plain hash of the token");

        let helper = app.helper(org, "h2@oost.nl").await;
        let reference = helper.create_draft(&complete_draft()).await;
        helper.submit(&reference).await;
        let code = helper.consent_code(&reference).await;
        let codes: Vec<String> = app.db.run(|conn| Ok(consent_invitations::table.select(consent_invitations::code_hash).load(conn)?)).await.unwrap();
        assert_eq!(codes, [secret_hash(&code)]);

        // A link made before the key: stored as plain SHA-256, and it still opens.
        let legacy = sha256_hex(&code);
        app.db.run(move |conn| Ok(diesel::update(consent_invitations::table).set(consent_invitations::code_hash.eq(legacy)).execute(conn)?)).await.unwrap();
        assert_eq!(citizen_answers(&app, &code, "gegeven").await.status(), 200);
    }
}
