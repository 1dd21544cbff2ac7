//! Limits on guessing that hold under parallel requests: every guess is counted before it is
//! checked, so forty guesses at once get five checks (401), and the rest are refused (429).

use serde_json::json;
use tokio::task::JoinSet;

use crate::helpers::{consented_case, Client, TestApp, BIRTH_DATE};
use crate::on_both_backends;

const PARALLEL: usize = 40;

/// Sends `body` to `path` forty times at once; returns how many got each status.
async fn forty_at_once(app: &TestApp, path: &str, body: serde_json::Value) -> (usize, usize) {
    let mut all = JoinSet::new();
    for _ in 0..PARALLEL {
        let client: Client = app.anonymous();
        let path = path.to_owned();
        let body = body.clone();
        all.spawn(async move { client.post_json(&path, &body).await.status().as_u16() });
    }
    let (mut checked, mut refused) = (0, 0);
    while let Some(status) = all.join_next().await {
        match status.unwrap() {
            401 => checked += 1,
            429 => refused += 1,
            other => panic!("unexpected {other}"),
        }
    }
    (checked, refused)
}

on_both_backends! {
    async fn forty_parallel_wrong_passwords_get_five_checks(app: TestApp) {
        let org = app.organisation("Org").await;
        app.helper(org, "doelwit@org.nl").await;
        let (checked, refused) =
            forty_at_once(&app, "/api/sessies", json!({"email": "doelwit@org.nl", "wachtwoord": "fout fout fout"})).await;
        assert_eq!((checked, refused), (5, 35));
    }

    async fn forty_parallel_wrong_access_codes_get_five_checks(app: TestApp) {
        let (_, reference, _) = consented_case(&app, "h@org.nl").await;
        let (checked, refused) = forty_at_once(
            &app,
            "/api/burger/sessie",
            json!({"referentie": reference, "toegangscode": "KKKK-KKKK-KKKK"}),
        )
        .await;
        assert_eq!((checked, refused), (5, 35));
    }

    async fn forty_parallel_wrong_birth_dates_get_five_comparisons(app: TestApp) {
        let org = app.organisation("Org").await;
        let helper = app.helper(org, "h@org.nl").await;
        let reference = helper.create_draft(&crate::helpers::complete_draft()).await;
        helper.submit(&reference).await;
        let code = helper.consent_code(&reference).await;
        let (checked, refused) = forty_at_once(
            &app,
            "/api/toestemming/controleren",
            json!({"code": code, "geboortedatum": "01-01-1970"}),
        )
        .await;
        assert_eq!((checked, refused), (5, 35));
        // Locked now, even for the right date.
        let right = app
            .anonymous()
            .post_json("/api/toestemming/controleren", &json!({"code": code, "geboortedatum": BIRTH_DATE}))
            .await;
        assert_eq!(right.status(), 429);
    }
}
