//! Who is signed in, shared with every page through context. Asked of the server only when a
//! page needs it (public pages make no request that could fail with a 401 in the console);
//! such pages wait for it and send anyone else to the sign-in page, with the way back.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_location, use_navigate};
use model::api::Me;

use crate::api;

#[derive(Clone, Copy)]
pub struct Session {
    /// `None` until the server answered who is signed in.
    pub me: RwSignal<Option<Option<Me>>>,
    asked: StoredValue<bool>,
}

impl Session {
    /// Asks the server who is signed in, once.
    fn ensure_loaded(self) {
        if self.asked.get_value() {
            return;
        }
        self.asked.set_value(true);
        spawn_local(async move {
            // A network failure counts as "not signed in": the sign-in page says what is wrong.
            let me = api::current_session().await.unwrap_or(None);
            if self.me.get_untracked().is_none() {
                self.me.set(Some(me));
            }
        });
    }
}

pub fn provide_session() {
    provide_context(Session {
        me: RwSignal::new(None),
        asked: StoredValue::new(false),
    });
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// The path to come back to after signing in; only local paths, so it cannot send anyone away.
pub fn sign_in_path(back: &str) -> String {
    let back = if back.starts_with('/') && !back.starts_with("//") {
        back
    } else {
        "/zaken"
    };
    // The browser's own encoder: the path may hold `?` and `&` of its own.
    let encoded = String::from(js_sys::encode_uri_component(back));
    format!("/inloggen?terug={encoded}")
}

/// Marks an app whose router has the sign-in page; other apps load it as a new page.
#[derive(Clone, Copy)]
pub struct SignInHere;

/// Goes to `path` of another app (a separate bundle): a full page load, not a route change.
pub fn load_page(path: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().assign(path);
    }
}

/// Shows `children` to a signed-in helper; sends anyone else to sign in first.
#[component]
pub fn RequireSignIn(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    session.ensure_loaded();
    let location = use_location();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(None) = session.me.get() {
            let back = format!(
                "{}{}",
                location.pathname.get_untracked(),
                location.search.get_untracked()
            );
            if use_context::<SignInHere>().is_some() {
                navigate(&sign_in_path(&back), Default::default());
            } else {
                load_page(&sign_in_path(&back));
            }
        }
    });
    move || {
        match session.me.get() {
        Some(Some(_)) => children().into_any(),
        _ => view! { <p class="nl-paragraph" role="status">{t!("Even geduld. We kijken of u bent ingelogd.", "Please wait. We are checking whether you are signed in.")}</p> }.into_any(),
    }
    }
}
