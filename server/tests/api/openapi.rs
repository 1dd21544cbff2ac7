use serde_json::Value;

use crate::helpers::spawn_app;

#[tokio::test]
async fn the_openapi_document_describes_every_route_in_openapi_3_1() {
    let app = spawn_app().await;

    let response = app.get("/api/openapi.json").await;

    assert_eq!(response.status(), 200);
    let doc: Value = response.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    let paths: Vec<&String> = doc["paths"].as_object().unwrap().keys().collect();
    for path in [
        "/api/health",
        "/api/sessies",
        "/api/sessies/huidig",
        "/api/zaken",
        "/api/zaken/{referentie}",
        "/api/zaken/{referentie}/concept",
        "/api/zaken/{referentie}/indienen",
        "/api/zaken/{referentie}/stappen",
    ] {
        assert!(
            paths.iter().any(|p| *p == path),
            "{path} missing from {paths:?}"
        );
    }
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for schema in [
        "CaseDraft",
        "CaseStatus",
        "CaseEvent",
        "Problem",
        "FieldError",
    ] {
        assert!(schemas.contains_key(schema), "{schema}");
    }
}

/// Every route the API's routers declare (read from `server/src/http`, as `tests/layers.rs`
/// reads the source) is in the OpenAPI document with the same methods, and the document names
/// no route the routers lack. Left out: the document's own route, the help pages and the
/// printed consent form, which are HTML pages outside `/api`, and `/metrics`, which is served
/// on an address of its own (Prometheus text, for the operator).
#[tokio::test]
async fn the_openapi_document_and_the_routers_name_the_same_routes_and_methods() {
    use std::collections::BTreeSet;
    let app = spawn_app().await;
    let doc: Value = app.get("/api/openapi.json").await.json().await.unwrap();
    let mut documented = BTreeSet::new();
    for (path, operations) in doc["paths"].as_object().unwrap() {
        for method in operations.as_object().unwrap().keys() {
            documented.insert(format!("{} {path}", method.to_uppercase()));
        }
    }
    let dir = std::path::Path::new(
        &std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    )
    .join("src/http");
    let mut routed = BTreeSet::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if [
            "help.rs",
            "openapi.rs",
            "spa.rs",
            "mod.rs",
            "metrics.rs",
            "language.rs",
        ]
        .contains(&name.as_str())
        {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for part in text.split(".route(").skip(1) {
            let route = part
                .trim_start()
                .strip_prefix('"')
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            // The methods of this route: up to the next route, or the router's end.
            let span = part.split(".route(").next().unwrap();
            let span = span.split("\n}").next().unwrap();
            for method in ["get", "post", "put", "delete", "patch"] {
                if span.contains(&format!("{method}(")) {
                    routed.insert(format!("{} /api{route}", method.to_uppercase()));
                }
            }
        }
    }
    assert!(routed.len() >= 60, "{} routes read", routed.len());
    let missing: Vec<_> = routed.difference(&documented).collect();
    let unknown: Vec<_> = documented.difference(&routed).collect();
    assert!(
        missing.is_empty(),
        "routes without documentation: {missing:?}"
    );
    assert!(
        unknown.is_empty(),
        "documented routes no router has: {unknown:?}"
    );
}
