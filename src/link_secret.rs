//! A secret that arrives in a link's `#` part (a consent code, a password link's token, an
//! invitation): read once, then taken out of the address bar and the history entry, so it is
//! not left on the screen or in the history. `#` never reaches a server, so no log holds it.

use std::cell::RefCell;

thread_local! {
    /// The secret this page took out of its address, for a reload in the other language.
    static TAKEN: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// What a page may do with the secret when the reader switches language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnSwitch {
    /// Give it back to the page after the reload (a code the page still needs).
    Keep,
    /// Leave it out: it worked once and is spent (an invitation that signed someone in).
    Drop,
}

/// The secret after `#` (empty without one); the address bar keeps only `path`.
pub fn take(path: &str, on_switch: OnSwitch) -> String {
    let Some(window) = web_sys::window() else {
        return String::new();
    };
    let secret = window
        .location()
        .hash()
        .unwrap_or_default()
        .trim_start_matches('#')
        .to_owned();
    if !secret.is_empty() {
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path));
        }
        if on_switch == OnSwitch::Keep {
            TAKEN.with(|taken| *taken.borrow_mut() = Some(secret.clone()));
        }
    }
    secret
}

/// Puts the secret this page took back after `#`, for the reload into the other language
/// (which takes it out again at once).
pub fn restore_for_reload() {
    let Some(secret) = TAKEN.with(|taken| taken.borrow().clone()) else {
        return;
    };
    let Some(window) = web_sys::window() else {
        return;
    };
    let path = window.location().pathname().unwrap_or_default();
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}#{secret}")),
        );
    }
}
