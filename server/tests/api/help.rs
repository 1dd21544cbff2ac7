use crate::helpers::spawn_app;

#[tokio::test]
async fn the_index_lists_the_articles_with_the_apps_stylesheet() {
    let app = spawn_app().await;

    let response = app.get("/hulp").await;

    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let html = response.text().await.unwrap();
    assert!(html.contains(r#"<html lang="nl">"#));
    assert!(html.contains(r#"href="/app-0123456789abcdef.css""#));
    assert!(html.contains(r#"href="/hulp/stella-team""#));
    assert!(html.contains("Wat doet een Stella-team?"));
    assert!(html.contains(r#"<meta name="description" content="Uitleg in gewone taal"#));
    assert!(!html.contains("<script"), "no Wasm, no script");
}

#[tokio::test]
async fn an_article_shows_its_text_and_sources() {
    let app = spawn_app().await;

    let html = app
        .get("/hulp/termijnen-lopen-door")
        .await
        .text()
        .await
        .unwrap();

    assert!(html.contains("<h1 class=\"nl-heading nl-heading--level-1\">Uw termijn voor bezwaar of beroep loopt door</h1>"));
    assert!(html.contains("<li>Maak op tijd bezwaar. Wacht niet op de Belangenbehartiger.</li>"));
    assert!(
        html.contains(r#"<span lang="nl">Reisverslag Belangenbehartiger (2025)</span>, regel 586"#)
    );
    // Search engines show the article's summary; only a missing one says noindex.
    assert!(html.contains(
        r#"<meta name="description" content="Aanmelden bij de Belangenbehartiger stopt de termijn"#
    ));
    assert!(!html.contains("noindex"));
    let missing = app.get("/hulp/bestaat-niet").await;
    assert_eq!(missing.status(), 404);
    assert!(missing
        .text()
        .await
        .unwrap()
        .contains(r#"<meta name="robots" content="noindex">"#));
}

#[tokio::test]
async fn search_finds_word_forms_and_escapes_what_was_typed() {
    let app = spawn_app().await;

    let found = app
        .get("/hulp/zoeken?q=termijnen")
        .await
        .text()
        .await
        .unwrap();
    let nothing = app
        .get("/hulp/zoeken?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
        .await
        .text()
        .await
        .unwrap();

    assert!(found.contains(r#"href="/hulp/termijnen-lopen-door""#));
    assert!(found.contains("gevonden voor ‘termijnen’"));
    assert!(nothing.contains("Niets gevonden voor ‘&lt;script&gt;alert(1)&lt;/script&gt;’"));
    assert!(found.contains(r#"<meta name="robots" content="noindex">"#));
    assert!(!nothing.contains("<script>"));
}

#[tokio::test]
async fn the_consent_form_to_print_carries_the_versioned_text() {
    let app = crate::helpers::spawn_app().await;
    let response = app.get("/toestemmingsformulier").await;
    assert_eq!(response.status(), 200);
    let page = response.text().await.unwrap();
    assert!(page.contains(model::consent::CONSENT_TEXT.version));
    for section in model::consent::CONSENT_TEXT.sections {
        assert!(page.contains(section.heading), "{}", section.heading);
    }
    assert!(page.contains("Handtekening"));
}

crate::on_both_backends! {
    async fn a_search_without_results_says_what_to_do_and_lists_what_others_read(app: TestApp) {
        for _ in 0..3 {
            assert_eq!(app.get("/hulp/kwijtschelding").await.status(), 200);
        }
        assert_eq!(app.get("/hulp/pauzeknop").await.status(), 200);

        let nothing = app.get("/hulp/zoeken?q=qqqxyz").await.text().await.unwrap();

        assert!(nothing.contains("Niets gevonden voor ‘qqqxyz’"));
        assert!(nothing.contains("Wat kunt u nu doen?"));
        assert!(nothing.contains(r#"href="/zaken/nieuw""#), "the route check");
        assert!(nothing.contains("BelastingTelefoon"));
        let read = nothing.split("Veel gelezen").nth(1).unwrap();
        let first = read.find("/hulp/kwijtschelding").unwrap();
        let second = read.find("/hulp/pauzeknop").unwrap();
        assert!(first < second, "most read first");
        assert_eq!(read.matches("<li class=\"bg-case\">").count(), 5);
    }
}

#[tokio::test]
async fn helpers_words_find_articles_and_a_huge_query_is_answered_in_dutch() {
    let app = spawn_app().await;
    for (query, slug) in [
        ("huurtoeslag", "herstel-toeslagen"),
        ("deurwaarder", "betalen-later-of-in-delen"),
        ("beslag", "betalen-later-of-in-delen"),
        ("kinderopvangtoeslag", "herstel-toeslagen"),
    ] {
        let page = app
            .get(&format!("/hulp/zoeken?q={query}"))
            .await
            .text()
            .await
            .unwrap();
        assert!(page.contains(&format!("href=\"/hulp/{slug}\"")), "{query}");
    }
    let huge = "belasting ".repeat(3000);
    let response = app
        .get(&format!("/hulp/zoeken?q={}", huge.replace(' ', "+")))
        .await;
    assert_eq!(response.status(), 200);
    let page = response.text().await.unwrap();
    assert!(page.contains("gevonden voor"));
    assert!(
        page.len() < 60_000,
        "the query is not echoed whole: {} bytes",
        page.len()
    );
}
