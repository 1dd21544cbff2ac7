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
