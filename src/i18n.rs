//! The bundle's language. Each bundle is built twice, in Dutch and, with the `en` feature, in
//! English (`scripts/lib.sh`, `build_app`); the server sends the one the person chose
//! (`model::lang::LANG_COOKIE`). A text is written once, in both languages, where it is
//! used: `t!("Dutch", "English")`. The macro keeps only the bundle's language, so neither
//! bundle carries the other's words (that keeps every first load within its budget).
//! `scripts/texts.mjs` checks every pair (both filled in, the same placeholders).

use model::Lang;
use wasm_bindgen::JsCast;

/// The language this bundle was built in.
pub const LANG: Lang = if cfg!(feature = "en") {
    Lang::En
} else {
    Lang::Nl
};

/// The text in the bundle's language: `t!("Inloggen", "Sign in")`.
macro_rules! t {
    ($nl:literal, $en:literal $(,)?) => {
        if cfg!(feature = "en") {
            $en
        } else {
            $nl
        }
    };
}

/// A formatted text in the bundle's language: `tf!("Zaak {n}", "Case {n}")`, or with
/// arguments after the two texts, as in `format!`.
macro_rules! tf {
    ($nl:literal, $en:literal $(, $arg:expr)* $(,)?) => {
        if cfg!(feature = "en") {
            format!($en $(, $arg)*)
        } else {
            format!($nl $(, $arg)*)
        }
    };
}

/// Switches to `lang`: kept in the browser's cookie for a year and, for someone signed in, on
/// their account (`save`, awaited first, so the next page is in the new language too); then
/// the page is loaded again in that language, at the same place (its `#` part included).
pub async fn switch_to(lang: Lang, save: bool) {
    if save {
        // Not saved (no connection, signed out meanwhile): the browser's choice still holds.
        let _ = crate::api::save_language(lang).await;
    }
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(document) = document.dyn_into::<web_sys::HtmlDocument>() {
        let secure = web_sys::window()
            .and_then(|w| w.location().protocol().ok())
            .is_some_and(|p| p == "https:");
        let cookie = format!(
            "{}={}; Path=/; Max-Age=31536000; SameSite=Lax{}",
            model::lang::LANG_COOKIE,
            lang.code(),
            if secure { "; Secure" } else { "" }
        );
        let _ = document.set_cookie(&cookie);
    }
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}
