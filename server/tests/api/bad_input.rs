//! Bad JSON, wrong types, unknown fields and huge bodies: a clear 4xx, never a 500, nothing stored.

use serde_json::Value;

use crate::helpers::TestApp;
use crate::on_both_backends;

async fn raw_post(
    app: &TestApp,
    client: &crate::helpers::Client,
    body: String,
) -> reqwest::Response {
    client
        .http
        .post(format!("{}/api/zaken", app.address))
        .header("content-type", "application/json")
        .header("x-csrf-token", client.csrf.clone().unwrap())
        .body(body)
        .send()
        .await
        .unwrap()
}

on_both_backends! {
    async fn malformed_bodies_get_a_dutch_4xx_and_store_nothing(app: TestApp) {
        let org = app.organisation("Org").await;
        let helper = app.helper(org, "h@org.nl").await;

        let cases = [
            ("{not json".to_owned(), 400),
            (r#"{"burger_naam": 12}"#.to_owned(), 400),
            (r#"{"dienst": "belastingkantoor"}"#.to_owned(), 400),
            (r#"{"burger_naam": "A", "is_admin": true}"#.to_owned(), 400),
            (r#"[1, 2, 3]"#.to_owned(), 400),
            (format!(r#"{{"wat_ging_mis": "{}"}}"#, "x".repeat(100 * 1024)), 413),
        ];
        for (body, status) in cases {
            let response = raw_post(&app, &helper, body.clone()).await;
            assert_eq!(response.status(), status, "{}", &body[..body.len().min(40)]);
            assert_eq!(response.headers()["content-type"], "application/problem+json");
            let problem: Value = response.json().await.unwrap();
            assert!(!problem["detail"].as_str().unwrap().is_empty());
        }
        assert_eq!(app.case_count().await, 0);
    }

    async fn a_wrong_reference_in_the_path_is_a_404(app: TestApp) {
        let org = app.organisation("Org").await;
        let helper = app.helper(org, "h@org.nl").await;
        for path in ["/api/zaken/onzin", "/api/zaken/BG-0000-0000", "/api/zaken/%00"] {
            assert_eq!(helper.get(path).await.status(), 404, "{path}");
        }
    }
}
