use base64::Engine;
use model::api::Problem;
use sha2::{Digest, Sha256};

use crate::helpers::{
    spawn_app, BACKOFFICE_INLINE_SCRIPT, BEHEER_INLINE_SCRIPT, CITIZEN_INLINE_SCRIPT,
    FORM_INLINE_SCRIPT, INLINE_SCRIPT, PUBLIC_INLINE_SCRIPT, STAFF_CASE_INLINE_SCRIPT,
    TOEZICHT_INLINE_SCRIPT, WORK_INLINE_SCRIPT,
};

#[tokio::test]
async fn an_unknown_api_path_is_a_dutch_problem_404() {
    let app = spawn_app().await;

    let response = app.get("/api/bestaat-niet").await;

    assert_eq!(response.status(), 404);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    let problem: Problem = response.json().await.unwrap();
    assert_eq!(problem.kind, model::api::ProblemKind::NietGevonden);
    assert_eq!(problem.status, 404);
    assert!(problem.detail.contains("bestaat niet"));
}

#[tokio::test]
async fn app_routes_get_their_apps_page_without_caching() {
    let app = spawn_app().await;

    for (path, loader) in [
        ("/", PUBLIC_INLINE_SCRIPT),
        ("/over", PUBLIC_INLINE_SCRIPT),
        ("/toestemming", CITIZEN_INLINE_SCRIPT),
        ("/status", CITIZEN_INLINE_SCRIPT),
        ("/status/", CITIZEN_INLINE_SCRIPT),
        ("/stukken", CITIZEN_INLINE_SCRIPT),
        ("/zaken/nieuw", FORM_INLINE_SCRIPT),
        ("/zaken/BG-7KQ3-M9XP/vraag/burger", FORM_INLINE_SCRIPT),
        ("/zaken", INLINE_SCRIPT),
        ("/inloggen", INLINE_SCRIPT),
        ("/statusx", INLINE_SCRIPT),
        ("/zaken/BG-7KQ3-M9XP", WORK_INLINE_SCRIPT),
        ("/backoffice", BACKOFFICE_INLINE_SCRIPT),
        ("/backoffice/zaken/BG-7KQ3-M9XP", STAFF_CASE_INLINE_SCRIPT),
        ("/beheer", BEHEER_INLINE_SCRIPT),
        ("/beheer/accounts/3", BEHEER_INLINE_SCRIPT),
        ("/beheer/bestaat-niet", BEHEER_INLINE_SCRIPT),
        ("/beheer/logboek", TOEZICHT_INLINE_SCRIPT),
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(response.headers()["cache-control"], "no-cache", "{path}");
        let page = response.text().await.unwrap();
        assert!(page.contains("<html lang=\"nl\">"));
        assert!(page.contains(loader), "{path}");
    }
}

#[tokio::test]
async fn a_page_made_with_its_first_view_is_sent_for_its_route_only() {
    let app = spawn_app().await;

    let over = app.get("/over").await;
    assert_eq!(over.status(), 200);
    assert_eq!(over.headers()["cache-control"], "no-cache");
    let page = over.text().await.unwrap();
    assert!(page.contains(r#"<main id="inhoud" data-first-paint=""><h1>Over Bondgenoot</h1>"#));
    assert!(page.contains(PUBLIC_INLINE_SCRIPT));
    // The start page has no such copy in this build: the app's bare page.
    let start = app.get("/").await.text().await.unwrap();
    assert!(!start.contains("data-first-paint"));
    // The copies are pages of their route, not files of their own.
    assert_eq!(app.get("/first-paint/over.html").await.status(), 404);
}

#[tokio::test]
async fn only_the_start_page_and_about_may_be_indexed() {
    let app = spawn_app().await;

    for path in ["/", "/over"] {
        let response = app.get(path).await;
        assert!(response.headers().get("x-robots-tag").is_none(), "{path}");
    }
    for path in [
        "/status",
        "/toestemming",
        "/stukken",
        "/inloggen",
        "/zaken",
        "/zaken/nieuw",
        "/account/uitnodiging",
        "/backoffice",
        "/beheer",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.headers()["x-robots-tag"], "noindex", "{path}");
    }
    let robots = app.get("/robots.txt").await;
    assert!(robots.headers().get("x-robots-tag").is_none());
}

#[tokio::test]
async fn a_missing_file_is_a_real_404() {
    let app = spawn_app().await;

    let response = app.get("/bestaat-niet.js").await;

    assert_eq!(response.status(), 404);
}

#[tokio::test]
async fn hashed_assets_are_cached_for_a_year_and_other_files_are_revalidated() {
    let app = spawn_app().await;

    let hashed = app.get("/app-0123456789abcdef.js").await;
    assert_eq!(hashed.status(), 200);
    assert_eq!(
        hashed.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let plain = app.get("/robots.txt").await;
    assert_eq!(plain.status(), 200);
    assert_eq!(plain.headers()["cache-control"], "no-cache");
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = spawn_app().await;

    for path in ["/", "/api/health", "/api/nope", "/robots.txt"] {
        let response = app.get(path).await;
        let headers = response.headers();
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(headers["referrer-policy"], "no-referrer", "{path}");
        assert_eq!(headers["x-frame-options"], "DENY", "{path}");
        let csp = headers["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}");
        assert!(!csp.contains("unsafe-inline"), "{path}");
    }
}

#[tokio::test]
async fn the_policy_allows_the_inline_loader_by_its_hash() {
    let app = spawn_app().await;

    let response = app.get("/").await;

    let csp = response.headers()["content-security-policy"]
        .to_str()
        .unwrap();
    let hash =
        |script: &str| base64::engine::general_purpose::STANDARD.encode(Sha256::digest(script));
    let loaders = [
        INLINE_SCRIPT,
        PUBLIC_INLINE_SCRIPT,
        CITIZEN_INLINE_SCRIPT,
        FORM_INLINE_SCRIPT,
        WORK_INLINE_SCRIPT,
        STAFF_CASE_INLINE_SCRIPT,
        BACKOFFICE_INLINE_SCRIPT,
        BEHEER_INLINE_SCRIPT,
        TOEZICHT_INLINE_SCRIPT,
    ];
    for loader in loaders {
        assert!(
            csp.contains(&format!("'sha256-{}'", hash(loader))),
            "every app's loader is allowed: {csp}"
        );
    }
    // Each once: the first-paint page of /over carries the public app's loader too.
    assert_eq!(csp.matches("'sha256-").count(), loaders.len(), "{csp}");
    assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"));
}

#[tokio::test]
async fn an_oversized_body_is_refused() {
    let app = spawn_app().await;

    let response = app
        .anonymous()
        .http
        .post(format!("{}/api/health", app.address))
        .body(vec![b'x'; 200 * 1024])
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 413);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
    let problem: Problem = response.json().await.unwrap();
    assert_eq!(problem.kind, model::api::ProblemKind::TeGroot);
}

#[tokio::test]
async fn built_files_come_from_memory_in_the_encoding_asked_for_and_revalidate() {
    let app = spawn_app().await;
    let client = app.anonymous().http;
    let url = format!("{}/app-0123456789abcdef.js", app.address);

    let brotli = client
        .get(&url)
        .header("accept-encoding", "gzip, br")
        .send()
        .await
        .unwrap();
    assert_eq!(brotli.status(), 200);
    assert_eq!(brotli.headers()["content-encoding"], "br");
    assert_eq!(brotli.headers()["content-type"], "text/javascript");
    assert_eq!(brotli.headers()["vary"], "accept-encoding");
    assert_eq!(
        brotli.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let etag = brotli.headers()["etag"].to_str().unwrap().to_owned();
    assert_eq!(brotli.text().await.unwrap(), "brotli bytes");

    let refused = client
        .get(&url)
        .header("accept-encoding", "br;q=0")
        .send()
        .await
        .unwrap();
    assert!(refused.headers().get("content-encoding").is_none());
    assert_eq!(refused.text().await.unwrap(), "export default 1;");

    let again = client
        .get(&url)
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304, "the browser's copy is still good");
    assert_eq!(
        client
            .get(format!("{}/app-0123456789abcdef.js.bak", app.address))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
}

#[tokio::test]
async fn a_large_bundle_is_sent_compressed_from_memory_and_plain_from_disk() {
    let app = spawn_app().await;
    let client = app.anonymous().http;
    let url = format!("{}/app-fedcba9876543210_bg.wasm", app.address);

    for (asked, encoding, body) in [("br", "br", "brotli wasm"), ("gzip", "gzip", "gzip wasm")] {
        let answer = client
            .get(&url)
            .header("accept-encoding", asked)
            .send()
            .await
            .unwrap();
        assert_eq!(answer.headers()["content-encoding"], encoding);
        assert_eq!(answer.headers()["content-type"], "application/wasm");
        assert_eq!(answer.text().await.unwrap(), body);
    }
    // A client that takes neither gets every byte, read from the built file.
    let plain = client
        .get(&url)
        .header("accept-encoding", "identity")
        .send()
        .await
        .unwrap();
    assert_eq!(plain.status(), 200);
    assert!(plain.headers().get("content-encoding").is_none());
    let bytes = plain.bytes().await.unwrap();
    let expected: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
    assert_eq!(bytes.as_ref(), expected.as_slice());
}
