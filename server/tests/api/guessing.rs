//! Limits on guessing per client address too (issue 18): someone who knows a staff address
//! cannot lock its owner out from their own address, one address spraying passwords over
//! many accounts is slowed, the back-off grows after each blocked guess, and
//! `X-Forwarded-For` counts only from a proxy the configuration trusts. The tests act as
//! that proxy (127.0.0.1) to play several client addresses.

use bondgenoot_server::store::db::Backend;
use model::lifecycle::Role;
use serde_json::json;

use crate::helpers::{spawn_app_on_with, Options, TestApp, PASSWORD};

async fn behind_proxy(backend: Backend) -> Option<TestApp> {
    if backend == Backend::Postgres && std::env::var("BONDGENOOT_TEST_POSTGRES").is_err() {
        assert!(
            std::env::var("CI").is_err(),
            "CI must run the PostgreSQL tests"
        );
        return None;
    }
    let options = Options {
        trusted_proxies: vec!["127.0.0.1".parse().unwrap()],
        ..Options::default()
    };
    Some(spawn_app_on_with(backend, options).await)
}

/// A sign-in as the client at `from` (through the trusted proxy); status and Retry-After.
async fn sign_in_from(
    app: &TestApp,
    from: &str,
    email: &str,
    password: &str,
) -> (u16, Option<i64>) {
    let response = app
        .anonymous()
        .http
        .post(format!("{}/api/sessies", app.address))
        .header("x-forwarded-for", from)
        .json(&json!({"email": email, "wachtwoord": password}))
        .send()
        .await
        .unwrap();
    let wait = response
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok());
    (response.status().as_u16(), wait)
}

async fn the_owner_signs_in_while_someone_else_is_blocked(app: TestApp) {
    app.account(Role::Behandelaar, None, "cm@bb.nl").await;
    for _ in 0..5 {
        assert_eq!(
            sign_in_from(&app, "198.51.100.1", "cm@bb.nl", "fout wachtwoord!")
                .await
                .0,
            401
        );
    }
    let (status, wait) = sign_in_from(&app, "198.51.100.1", "cm@bb.nl", "fout wachtwoord!").await;
    assert_eq!(status, 429, "the guesser is blocked");
    assert!(
        wait.is_some_and(|w| (25..=30).contains(&w)),
        "Retry-After {wait:?}"
    );
    assert_eq!(
        sign_in_from(&app, "198.51.100.1", "cm@bb.nl", PASSWORD)
            .await
            .0,
        429,
        "even with the right password"
    );
    // The owner, elsewhere, is not locked out: the password is accepted (202: the second
    // factor comes next).
    assert_eq!(
        sign_in_from(&app, "203.0.113.5", "cm@bb.nl", PASSWORD)
            .await
            .0,
        202
    );

    // After the block, one more wrong guess is checked, and the next block is twice as long.
    app.execute("UPDATE attempt_counters SET blocked_until = 0")
        .await
        .unwrap();
    assert_eq!(
        sign_in_from(&app, "198.51.100.1", "cm@bb.nl", "fout wachtwoord!")
            .await
            .0,
        401
    );
    let (status, wait) = sign_in_from(&app, "198.51.100.1", "cm@bb.nl", "fout wachtwoord!").await;
    assert_eq!(status, 429);
    assert!(
        wait.is_some_and(|w| (55..=60).contains(&w)),
        "Retry-After {wait:?}"
    );
}

async fn one_address_spraying_many_accounts_is_slowed(app: TestApp) {
    // Right passwords do not count against an address (an office signs in all day).
    app.account(Role::Behandelaar, None, "kantoor@bb.nl").await;
    for _ in 0..25 {
        assert_eq!(
            sign_in_from(&app, "198.51.100.2", "kantoor@bb.nl", PASSWORD)
                .await
                .0,
            202
        );
    }
    for n in 0..20 {
        let email = format!("iemand{n}@bb.nl");
        assert_eq!(
            sign_in_from(&app, "198.51.100.2", &email, "fout wachtwoord!")
                .await
                .0,
            401,
            "{n}"
        );
    }
    assert_eq!(
        sign_in_from(&app, "198.51.100.2", "nog-iemand@bb.nl", "fout wachtwoord!")
            .await
            .0,
        429
    );
    // Another address is not slowed by it.
    assert_eq!(
        sign_in_from(&app, "198.51.100.3", "nog-iemand@bb.nl", "fout wachtwoord!")
            .await
            .0,
        401
    );
}

/// Each journey once on SQLite and once on PostgreSQL, behind the trusted proxy.
macro_rules! behind_proxy_on_both_backends {
    ($($journey:ident),*) => {
        mod sqlite {
            $(#[tokio::test] async fn $journey() {
                super::$journey(super::behind_proxy(super::Backend::Sqlite).await.unwrap()).await;
            })*
        }
        mod postgres {
            $(#[tokio::test] async fn $journey() {
                let Some(app) = super::behind_proxy(super::Backend::Postgres).await else { return };
                super::$journey(app).await;
            })*
        }
    };
}

behind_proxy_on_both_backends!(
    the_owner_signs_in_while_someone_else_is_blocked,
    one_address_spraying_many_accounts_is_slowed
);

#[tokio::test]
async fn x_forwarded_for_counts_only_from_a_trusted_proxy() {
    // No proxy is trusted: every made-up forwarded address is the same socket address.
    let app = crate::helpers::spawn_app().await;
    app.account(Role::Behandelaar, None, "cm@bb.nl").await;
    for n in 0..5 {
        let from = format!("192.0.2.{n}");
        assert_eq!(
            sign_in_from(&app, &from, "cm@bb.nl", "fout wachtwoord!")
                .await
                .0,
            401
        );
    }
    assert_eq!(
        sign_in_from(&app, "192.0.2.99", "cm@bb.nl", "fout wachtwoord!")
            .await
            .0,
        429
    );
}

#[tokio::test]
async fn a_citizen_is_not_locked_out_by_guesses_at_their_reference_from_elsewhere() {
    let app = behind_proxy(Backend::Sqlite).await.unwrap();
    let (_, reference, access) = crate::helpers::consented_case(&app, "h@oost.nl").await;
    let try_code = |from: &'static str, code: String| {
        let client = app.anonymous();
        let url = format!("{}/api/burger/sessie", app.address);
        let reference = reference.clone();
        async move {
            client
                .http
                .post(url)
                .header("x-forwarded-for", from)
                .json(&json!({"referentie": reference, "toegangscode": code}))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    for _ in 0..5 {
        assert_eq!(try_code("198.51.100.9", "AAAA-AAAA-AAAA".into()).await, 401);
    }
    assert_eq!(try_code("198.51.100.9", access.clone()).await, 429);
    assert_eq!(
        try_code("203.0.113.77", access).await,
        201,
        "the citizen on their own phone"
    );
}

#[tokio::test]
async fn one_address_trying_consent_codes_is_slowed() {
    let app = behind_proxy(Backend::Sqlite).await.unwrap();
    let (helper, _, _) = crate::helpers::consented_case(&app, "h@oost.nl").await;
    let reference = helper.create_draft(&crate::helpers::complete_draft()).await;
    helper.submit(&reference).await;
    let code = helper.consent_code(&reference).await;
    let check = |from: &'static str, code: String| {
        let client = app.anonymous();
        let url = format!("{}/api/toestemming/controleren", app.address);
        async move {
            client
                .http
                .post(url)
                .header("x-forwarded-for", from)
                .json(&json!({"code": code, "geboortedatum": crate::helpers::BIRTH_DATE}))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    // Made-up codes name no link; the address is counted all the same.
    for n in 0..20 {
        let symbol = char::from(b"34679ACDEFGHJKMNPQRTWXY"[n]);
        let guess = format!("KKKK-KKKK-KKK{symbol}");
        assert_eq!(check("198.51.100.20", guess).await, 401, "{n}");
    }
    assert_eq!(
        check("198.51.100.20", code.clone()).await,
        429,
        "blocked, even with the right code"
    );
    assert_eq!(
        check("203.0.113.20", code).await,
        200,
        "the citizen on their own phone"
    );
}

/// A refused guess leaves no sooner than the refusal floor (the server's default, 1 s) after
/// it came in — a wrong password, one too many, a wrong code at a consent link, a wrong
/// current password — and guesses
/// wait side by side, not one after another. An answer that refuses no guess (not signed in)
/// does not wait.
#[tokio::test]
async fn refused_guesses_wait_for_the_floor_in_parallel() {
    use bondgenoot_server::listen::ClientLimits;
    use std::time::{Duration, Instant};

    let floor = ClientLimits::default().refusal_floor;
    assert_eq!(
        floor,
        Duration::from_secs(1),
        "the default the README gives"
    );
    let options = Options {
        limits: ClientLimits::default(),
        trusted_proxies: vec!["127.0.0.1".parse().unwrap()],
        ..Options::default()
    };
    let app = spawn_app_on_with(Backend::Sqlite, options).await;
    app.account(Role::Behandelaar, None, "vloer@bb.nl").await;

    let started = Instant::now();
    let (status, _) = sign_in_from(&app, "198.51.100.7", "vloer@bb.nl", "fout wachtwoord!").await;
    assert_eq!(status, 401);
    assert!(
        started.elapsed() >= floor,
        "a wrong password: {:?}",
        started.elapsed()
    );

    // Eight guessers at once, each from its own address: all refused, together in far less
    // than eight floors.
    let started = Instant::now();
    let guesses = (0..8).map(|n| {
        let app = &app;
        async move {
            let from = format!("198.51.100.{}", 20 + n);
            let started = Instant::now();
            let (status, _) =
                sign_in_from(app, &from, &format!("niemand{n}@bb.nl"), "geraden!").await;
            (status, started.elapsed())
        }
    });
    for (status, took) in futures_util::future::join_all(guesses).await {
        assert_eq!(status, 401);
        assert!(took >= floor, "each refusal waits: {took:?}");
    }
    assert!(
        started.elapsed() < 5 * floor,
        "the guesses waited one after another: {:?}",
        started.elapsed()
    );

    // One too many from the first address: 429, also after the floor.
    futures_util::future::join_all(
        (0..4).map(|_| sign_in_from(&app, "198.51.100.7", "vloer@bb.nl", "fout wachtwoord!")),
    )
    .await;
    let started = Instant::now();
    let (status, wait) =
        sign_in_from(&app, "198.51.100.7", "vloer@bb.nl", "fout wachtwoord!").await;
    assert_eq!(status, 429);
    assert!(wait.is_some(), "Retry-After is kept");
    assert!(
        started.elapsed() >= floor,
        "one too many: {:?}",
        started.elapsed()
    );

    // A wrong code at a consent link.
    let started = Instant::now();
    let response = app
        .anonymous()
        .http
        .post(format!("{}/api/toestemming/controleren", app.address))
        .header("x-forwarded-for", "198.51.100.50")
        .json(&json!({"code": "KKKK-KKKK-KKK3", "geboortedatum": crate::helpers::BIRTH_DATE}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status().as_u16(),
        401,
        "a made-up code names no link"
    );
    assert!(
        started.elapsed() >= floor,
        "a wrong consent code: {:?}",
        started.elapsed()
    );

    // A wrong current password is said at its field (422), and waits all the same.
    let org = app.organisation("Raadslieden Vloer").await;
    let client = app.helper(org, "vloer-hulp@bb.nl").await;
    let started = Instant::now();
    let wrong = client
        .put_json(
            "/api/account/nieuw-wachtwoord",
            &json!({"huidig": "geraden wachtwoord", "nieuw": "een heel nieuw wachtwoord"}),
        )
        .await;
    assert_eq!(wrong.status().as_u16(), 422);
    assert!(
        started.elapsed() >= floor,
        "a wrong current password: {:?}",
        started.elapsed()
    );

    // Not signed in is no guess: answered at once.
    let started = Instant::now();
    let response = app
        .anonymous()
        .http
        .get(format!("{}/api/sessies/huidig", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 401);
    assert!(
        started.elapsed() < floor,
        "not signed in waited: {:?}",
        started.elapsed()
    );
}
