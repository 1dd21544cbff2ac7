//! English beside Dutch: each browser gets the pages, the problems, the field messages and the
//! help articles in the language it chose with the header's link; an account keeps its
//! choice; the consent a citizen gives records the version of the text they read.

use bondgenoot_server::store::{cases, consent};
use model::api::Problem;
use model::consent::{CONSENT_TEXT, CONSENT_TEXT_EN};
use serde_json::{json, Value};

use crate::helpers::{complete_draft, spawn_app, Client, TestApp, BIRTH_DATE};

/// A browser that chose `code` with the header's link (the real route: it sets the cookie).
async fn browser_in(app: &TestApp, code: &str) -> Client {
    let client = app.anonymous();
    let answer = client.get(&format!("/taal/{code}?terug=/over")).await;
    assert_eq!(answer.status(), 200, "the link leads back to the page");
    client
}

#[tokio::test]
async fn the_language_link_keeps_the_choice_and_leads_back_to_the_page() {
    let app = spawn_app().await;
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();

    let answer = http
        .get(format!("{}/taal/en?terug=/status", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 303);
    assert_eq!(answer.headers()["location"], "/status");
    let cookie = answer.headers()["set-cookie"].to_str().unwrap();
    assert!(
        cookie.starts_with("bg_taal=en;") && cookie.contains("Path=/"),
        "{cookie}"
    );
    assert!(
        !cookie.contains("HttpOnly"),
        "the app sets it too: {cookie}"
    );

    // Never to another site; an unknown language is not a language.
    for away in ["//elders.nl/x", "https://elders.nl", "/\\elders.nl"] {
        let answer = http
            .get(format!("{}/taal/en", app.address))
            .query(&[("terug", away)])
            .send()
            .await
            .unwrap();
        assert_eq!(answer.headers()["location"], "/", "{away}");
    }
    let unknown = http
        .get(format!("{}/taal/de", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);
}

#[tokio::test]
async fn each_page_comes_in_the_language_its_browser_chose() {
    let app = spawn_app().await;
    let dutch = app.anonymous();
    let english = browser_in(&app, "en").await;

    for path in ["/", "/status", "/zaken", "/backoffice", "/beheer"] {
        let answer = english.get(path).await;
        let vary = answer.headers()["vary"].to_str().unwrap().to_owned();
        assert!(vary.contains("cookie"), "{path}: {vary}");
        assert!(
            answer.text().await.unwrap().contains("<html lang=\"en\">"),
            "{path}"
        );
        let answer = dutch.get(path).await.text().await.unwrap();
        assert!(answer.contains("<html lang=\"nl\">"), "{path}");
    }
    // The first view in the HTML too.
    let over = english.get("/over").await.text().await.unwrap();
    assert!(over.contains("<h1>About Bondgenoot</h1>"), "{over}");
    let over = dutch.get("/over").await.text().await.unwrap();
    assert!(over.contains("<h1>Over Bondgenoot</h1>"));
    // Back to Dutch with the same link.
    let back = browser_in(&app, "nl").await;
    assert!(back
        .get("/")
        .await
        .text()
        .await
        .unwrap()
        .contains("<html lang=\"nl\">"));
}

#[tokio::test]
async fn problems_and_field_messages_speak_the_browsers_language() {
    let app = spawn_app().await;
    let english = browser_in(&app, "en").await;

    let missing: Problem = english.get("/api/bestaat-niet").await.json().await.unwrap();
    assert_eq!(missing.title, "Not found");
    assert!(
        missing.detail.contains("does not exist"),
        "{}",
        missing.detail
    );

    let refused = english
        .post_json(
            "/api/toestemming/controleren",
            &json!({"code": "", "geboortedatum": "31-02-1980"}),
        )
        .await;
    assert_eq!(refused.status(), 422);
    let refused: Problem = refused.json().await.unwrap();
    let messages: Vec<&str> = refused.errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "Fill in the code.",
            "Fill in a valid value for your date of birth. This date does not exist. Check the day, the month and the year."
        ]
    );
    // The same request from a Dutch browser, in Dutch.
    let dutch: Problem = app
        .anonymous()
        .post_json(
            "/api/toestemming/controleren",
            &json!({"code": "", "geboortedatum": "31-02-1980"}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(dutch.errors[0].message, "Vul de code in.");
}

/// A helper, signed in, who chose English (kept on the account).
async fn english_helper(app: &TestApp, email: &str) -> Client {
    let org = app.organisation(&format!("Organisatie van {email}")).await;
    let helper = app.helper(org, email).await;
    let saved = helper
        .put_json("/api/account/taal", &json!({"taal": "en"}))
        .await;
    assert_eq!(saved.status(), 204);
    helper
}

/// Signs `client` in to `email`'s account; the cookies the answer sets.
async fn sign_in_cookies(client: &Client, email: &str) -> Vec<String> {
    let answer = client
        .post_json(
            "/api/sessies",
            &json!({"email": email, "wachtwoord": crate::helpers::PASSWORD}),
        )
        .await;
    assert_eq!(answer.status(), 201);
    answer
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn an_account_keeps_its_language_and_gets_it_back_at_sign_in() {
    let app = spawn_app().await;
    let helper = english_helper(&app, "taal@example.org").await;
    // Not a language of the product: not understood, and nothing stored.
    let refused = helper
        .put_json("/api/account/taal", &json!({"taal": "de"}))
        .await;
    assert_eq!(refused.status(), 400);

    // Another browser, which never chose: signing in brings the account's language.
    let cookies = sign_in_cookies(&app.anonymous(), "taal@example.org").await;
    assert!(
        cookies.iter().any(|c| c.starts_with("bg_taal=en;")),
        "{cookies:?}"
    );
    assert!(
        cookies.iter().any(|c| c.starts_with("bg_sessie=")),
        "{cookies:?}"
    );

    // A browser that chose Dutch before signing in keeps Dutch, and the account follows
    // that latest choice.
    let cookies = sign_in_cookies(&browser_in(&app, "nl").await, "taal@example.org").await;
    assert!(
        cookies.iter().any(|c| c.starts_with("bg_taal=nl;")),
        "{cookies:?}"
    );
    let (account, _) = bondgenoot_server::store::accounts::by_email(&app.db, "taal@example.org")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        bondgenoot_server::store::own_account::language(&app.db, account.id)
            .await
            .unwrap(),
        model::Lang::Nl
    );

    // Not signed in: nothing to keep it on.
    let anonymous = app
        .anonymous()
        .put_json("/api/account/taal", &json!({"taal": "en"}))
        .await;
    assert_eq!(anonymous.status(), 401);
}

#[tokio::test]
async fn a_citizen_who_reads_the_english_text_consents_under_its_version() {
    let app = spawn_app().await;
    let org = app.organisation("Schuldhulp Zuid").await;
    let helper = app.helper(org, "hulp@example.org").await;
    let reference = helper.create_draft(&complete_draft()).await;
    helper.submit(&reference).await;
    let code = helper.consent_code(&reference).await;
    let citizen = browser_in(&app, "en").await;

    let request: Value = citizen
        .post_json(
            "/api/toestemming/controleren",
            &json!({"code": code, "geboortedatum": BIRTH_DATE}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(request["versie"], CONSENT_TEXT_EN.version);
    assert_ne!(CONSENT_TEXT_EN.version, CONSENT_TEXT.version);

    // A version nobody shows is refused, in English.
    let stale = citizen
        .post_json(
            "/api/toestemming/besluit",
            &json!({"code": code, "geboortedatum": BIRTH_DATE, "versie": "2020-01-01.1", "besluit": "gegeven"}),
        )
        .await;
    assert_eq!(stale.status(), 409);
    let stale: Problem = stale.json().await.unwrap();
    assert!(
        stale.detail.starts_with("The explanation about consent"),
        "{}",
        stale.detail
    );

    let answered = citizen
        .post_json(
            "/api/toestemming/besluit",
            &json!({"code": code, "geboortedatum": BIRTH_DATE, "versie": CONSENT_TEXT_EN.version, "besluit": "gegeven"}),
        )
        .await;
    assert_eq!(answered.status(), 200);
    let case = cases::by_reference(&app.db, &reference)
        .await
        .unwrap()
        .unwrap();
    let (decision, version, _, _) = consent::decision(&app.db, case.id).await.unwrap().unwrap();
    assert_eq!(
        (decision.as_str(), version.as_str()),
        ("gegeven", CONSENT_TEXT_EN.version)
    );

    // The citizen's status page explains the step in English; the helper's, in Dutch.
    let status: Value = citizen.get("/api/burger/zaak").await.json().await.unwrap();
    assert_eq!(status["uitleg"]["title"], "Submitted");
    let follow: Value = helper
        .get(&format!("/api/zaken/{reference}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(follow["uitleg"]["title"], "Aangemeld");
    // What is stored on the timeline stays Dutch, whatever language the step was taken in.
    let timeline = follow["tijdlijn"].to_string();
    assert!(timeline.contains("toestemming gegeven"), "{timeline}");
}

#[tokio::test]
async fn help_articles_are_in_english_where_translated_and_say_so_where_not() {
    let app = spawn_app().await;
    let english = browser_in(&app, "en").await;

    let article = english.get("/hulp/stella-team").await;
    assert_eq!(article.status(), 200);
    let article = article.text().await.unwrap();
    assert!(article.contains("<html lang=\"en\">"));
    assert!(article.contains("What does a Stella team do?"));
    assert!(article.contains(r#"<a class="bg-language" href="/taal/nl?terug=/hulp/stella-team" lang="nl" hreflang="nl">Nederlands</a>"#));

    // Not translated: said in English, the Dutch title marked as Dutch, the way to it.
    let only_dutch = english.get("/hulp/ibtd").await.text().await.unwrap();
    assert!(only_dutch.contains("Not in English yet"));
    assert!(only_dutch.contains(r#"<q lang="nl">"#));
    assert!(only_dutch.contains(r#"href="/taal/nl?terug=/hulp/ibtd""#));

    let index = english.get("/hulp").await.text().await.unwrap();
    assert!(index.contains("Explanations in plain language"));
    assert!(index.contains("Only in Dutch for now"));
    let found = english
        .get("/hulp/zoeken?q=deadline")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        found.contains("Your deadline for an objection or appeal keeps running"),
        "{found}"
    );

    // The Dutch reader still reads Dutch.
    let dutch = app.get("/hulp/stella-team").await.text().await.unwrap();
    assert!(dutch.contains("<html lang=\"nl\">") && dutch.contains("Wat doet een Stella-team?"));
}

/// The mails waiting for `recipient`: (subject, body).
async fn mails_to(app: &TestApp, recipient: &str) -> Vec<(String, String)> {
    use bondgenoot_server::store::schema::outbox;
    use diesel::prelude::*;
    let recipient = recipient.to_owned();
    app.db
        .run(move |conn| {
            Ok(outbox::table
                .filter(outbox::recipient.eq(recipient))
                .order(outbox::id.asc())
                .select((outbox::subject, outbox::body))
                .load(conn)?)
        })
        .await
        .unwrap()
}

#[tokio::test]
async fn every_mail_is_in_its_readers_language() {
    let app = spawn_app().await;
    let helper = english_helper(&app, "english@example.org").await;
    let reference = helper.create_draft(&complete_draft()).await;
    helper.submit(&reference).await;
    let code = helper.consent_code(&reference).await;

    // The first mail to the citizen: nobody knows their language yet, so both.
    let link = &mails_to(&app, "anna@example.org").await[0];
    assert!(link.0.contains("Vraag om toestemming") && link.0.contains("Request for consent"));
    assert!(link.1.contains("Open deze link") && link.1.contains("Open this link"));

    // The citizen reads the English text: their confirmation is in English.
    let citizen = browser_in(&app, "en").await;
    let answered = citizen
        .post_json(
            "/api/toestemming/besluit",
            &json!({"code": code, "geboortedatum": BIRTH_DATE, "versie": CONSENT_TEXT_EN.version, "besluit": "gegeven"}),
        )
        .await;
    assert_eq!(answered.status(), 200);
    let to_citizen = mails_to(&app, "anna@example.org").await;
    assert_eq!(
        to_citizen[1].0,
        format!("Consent given for case {reference}")
    );
    assert!(
        to_citizen[1].1.contains("Was that not you?"),
        "{}",
        to_citizen[1].1
    );
    assert!(to_citizen[1].1.ends_with("You cannot reply to it.\n"));

    // The helper chose English: the news of the consent is in English.
    let to_helper = mails_to(&app, "english@example.org").await;
    let news = to_helper.last().unwrap();
    assert_eq!(news.0, format!("News about case {reference}"));
    assert!(news.1.contains("The case is now: Submitted."), "{}", news.1);

    // A staff step, taken in Dutch: the citizen's news is in English, the helper's too.
    let staff = app.staff("behandelaar@bb.nl").await;
    crate::helpers::fire_step(
        &staff,
        &reference,
        model::lifecycle::CaseEvent::TriageStarten,
    )
    .await;
    let news = mails_to(&app, "anna@example.org").await.pop().unwrap();
    assert!(
        news.1.contains("Your case is now: Being looked at."),
        "{}",
        news.1
    );
    let news = mails_to(&app, "english@example.org").await.pop().unwrap();
    assert!(
        news.1.contains("The case is now: Being looked at."),
        "{}",
        news.1
    );
}
