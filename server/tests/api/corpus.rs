//! The bad-input corpus against **every** JSON endpoint the OpenAPI document names (issue
//! 18), as a helper, a behandelaar and a beheerder: invalid UTF-8, JSON nested 10,000 deep,
//! duplicate keys, NUL bytes and right-to-left overrides in every string, and (once per
//! endpoint) a 10 MB body. Each gets an answer below 500 — a Dutch problem document for every
//! 4xx — and nothing is stored half: the case count does not move.

use serde_json::{json, Value};

use crate::helpers::{complete_draft, Client, TestApp};
use crate::on_both_backends;

/// `(method, path)` of every endpoint that takes a JSON body, with its path filled in.
fn json_endpoints(document: &Value, reference: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for (path, operations) in document["paths"].as_object().unwrap() {
        for (method, operation) in operations.as_object().unwrap() {
            if operation["requestBody"]["content"]["application/json"].is_null() {
                continue;
            }
            let filled = path
                .replace("{referentie}", reference)
                .replace("{regel}", "veel_zaken_per_uur")
                .replace("{id}", "1");
            assert!(
                !filled.contains('{'),
                "a path parameter this test does not know: {path}"
            );
            found.push((method.to_uppercase(), filled));
        }
    }
    found
}

async fn send(
    app: &TestApp,
    client: &Client,
    method: &str,
    path: &str,
    body: Vec<u8>,
) -> Option<(u16, String)> {
    let url = format!("{}{path}", app.address);
    let request = match method {
        "POST" => client.http.post(url),
        "PUT" => client.http.put(url),
        "PATCH" => client.http.patch(url),
        "DELETE" => client.http.delete(url),
        other => panic!("method {other}"),
    };
    let request = match &client.csrf {
        Some(token) => request.header("x-csrf-token", token),
        None => request,
    };
    // A 10 MB body may be answered (413) before it is all sent: a cut connection then is
    // a refusal too, not a server error.
    let response = request
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .ok()?;
    let status = response.status().as_u16();
    let kind = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    Some((status, kind))
}

/// The corpus; the last entry is the 10 MB body.
fn corpus() -> Vec<(&'static str, Vec<u8>)> {
    let nested = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let strange = "A\u{0}B\u{202E}C";
    vec![
        ("invalid UTF-8", b"{\"naam\": \"\xff\xfe\xfd\"}".to_vec()),
        ("nested 10,000 deep", nested.into_bytes()),
        (
            "duplicate keys",
            br#"{"naam": "a", "naam": "b", "tekst": "x", "tekst": "y"}"#.to_vec(),
        ),
        (
            "NUL and right-to-left override in every string",
            json!({
                "naam": strange, "tekst": strange, "reden": strange, "email": strange,
                "wachtwoord": strange, "code": strange, "geboortedatum": strange,
                "burger_naam": strange, "referentie": strange, "toegangscode": strange,
                "notitie": strange, "drempel": strange, "stand": strange, "token": strange,
            })
            .to_string()
            .into_bytes(),
        ),
        (
            "10 MB",
            format!("{{\"tekst\": \"{}\"}}", "a".repeat(10 << 20)).into_bytes(),
        ),
    ]
}

on_both_backends! {
    async fn every_json_endpoint_answers_the_bad_input_corpus_below_500(app: TestApp) {
        let org = app.organisation("Oost").await;
        let helper = app.helper(org, "h@oost.nl").await;
        let reference = helper.create_draft(&complete_draft()).await;
        let staff = app.staff("cm@bb.nl").await;
        let beheerder = app.user(model::lifecycle::Role::Beheerder, None, "beheer@bb.nl").await;
        let document: Value = app.anonymous().get("/api/openapi.json").await.json().await.unwrap();
        let endpoints = json_endpoints(&document, &reference);
        assert!(endpoints.len() >= 25, "{} JSON endpoints", endpoints.len());
        let cases_before = app.case_count().await;
        let corpus = corpus();
        let (huge, small) = corpus.split_last().unwrap();
        let mut failures = Vec::new();
        for (method, path) in &endpoints {
            for client in [&helper, &staff, &beheerder] {
                for (name, body) in small {
                    match send(&app, client, method, path, body.clone()).await {
                        Some((status, _)) if status >= 500 => failures.push(format!("{method} {path} {name}: {status}")),
                        Some((status, kind)) if status >= 400 && kind != "application/problem+json" => {
                            failures.push(format!("{method} {path} {name}: {status} as {kind}"))
                        }
                        _ => {}
                    }
                }
            }
            if let Some((status, _)) = send(&app, &beheerder, method, path, huge.1.clone()).await {
                if status >= 500 || !(400..500).contains(&status) {
                    failures.push(format!("{method} {path} 10 MB: {status}"));
                }
            }
        }
        assert_eq!(failures, Vec::<String>::new());
        assert_eq!(app.case_count().await, cases_before, "nothing stored");
        // And the server still answers as before.
        assert_eq!(helper.get(&format!("/api/zaken/{reference}")).await.status(), 200);
    }
}
