//! The header's language link without the app (a first-paint page before its Wasm has come,
//! or a browser without JavaScript): `GET /taal/en?terug=/status` keeps the choice in the
//! language cookie and sends the browser back to the page it came from, now in English.
//! The app itself sets the same cookie and reloads in place (`src/i18n.rs`).
//!
//! Every request is served in its browser's language: [`scope`] keeps it for the request's
//! task, and the model's texts (validation messages, status explanations) and the API's
//! problem texts are made in it (`model::lang::current`).

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use model::lang::LANG_COOKIE;
use model::Lang;
use serde::Deserialize;

use super::extract::CookiePolicy;
use crate::AppState;

tokio::task_local! {
    static REQUEST_LANGUAGE: Lang;
}

/// The language the request's browser chose with the header's link, if it chose one.
pub fn chosen(headers: &axum::http::HeaderMap) -> Option<Lang> {
    super::extract::cookie_value(headers, LANG_COOKIE).and_then(|code| Lang::from_code(&code))
}

/// Middleware: the rest of the request runs in the language its browser chose (Dutch when
/// it chose none).
pub async fn scope(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let lang = chosen(request.headers()).unwrap_or_default();
    REQUEST_LANGUAGE.scope(lang, next.run(request)).await
}

/// Tells the model where to find the language of the request being served.
pub fn install() {
    model::lang::set_source(|| REQUEST_LANGUAGE.try_with(|lang| *lang).ok());
}

pub fn router() -> Router<AppState> {
    Router::new().route("/taal/{code}", get(choose))
}

#[derive(Deserialize)]
struct Back {
    terug: Option<String>,
}

/// The `Set-Cookie` value that keeps `lang` in this browser for a year. Readable by the app
/// (not `HttpOnly`): the app sets it too. Not a secret and nobody's personal data.
pub fn language_cookie(lang: Lang, policy: CookiePolicy) -> String {
    cookie::Cookie::build((LANG_COOKIE, lang.code()))
        .path("/")
        .same_site(cookie::SameSite::Lax)
        .secure(policy.secure)
        .max_age(cookie::time::Duration::days(365))
        .build()
        .to_string()
}

/// Only a path on this site: never another site (`//elders.nl`, `/\elders.nl`), so the link
/// cannot be used to send people away.
fn local_path(back: Option<String>) -> String {
    back.filter(|path| {
        path.starts_with('/')
            && !path.starts_with("//")
            && !path.contains('\\')
            && !path.chars().any(char::is_control)
    })
    .unwrap_or_else(|| "/".to_owned())
}

async fn choose(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(back): Query<Back>,
) -> Response {
    let Some(lang) = Lang::from_code(&code) else {
        return (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "Deze taal is er niet. / This language does not exist.",
        )
            .into_response();
    };
    let to = local_path(back.terug);
    let mut response = StatusCode::SEE_OTHER.into_response();
    let headers = response.headers_mut();
    if let Ok(location) = HeaderValue::from_str(&to) {
        headers.insert(header::LOCATION, location);
    }
    if let Ok(cookie) = HeaderValue::from_str(&language_cookie(lang, state.cookies)) {
        headers.insert(header::SET_COOKIE, cookie);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_on_this_site_are_followed() {
        assert_eq!(local_path(Some("/status".into())), "/status");
        assert_eq!(
            local_path(Some("/hulp/stella-team".into())),
            "/hulp/stella-team"
        );
        assert_eq!(local_path(Some("//elders.nl/x".into())), "/");
        assert_eq!(local_path(Some("/\\elders.nl".into())), "/");
        assert_eq!(local_path(Some("https://elders.nl".into())), "/");
        assert_eq!(local_path(Some("/a\r\nSet-Cookie: x=y".into())), "/");
        assert_eq!(local_path(None), "/");
    }

    #[test]
    fn the_cookie_is_for_the_whole_site_and_readable_by_the_app() {
        let cookie = language_cookie(Lang::En, CookiePolicy { secure: true });
        assert!(cookie.starts_with("bg_taal=en"));
        assert!(cookie.contains("Path=/"));
        assert!(cookie.contains("Secure"));
        assert!(!cookie.contains("HttpOnly"));
    }
}
