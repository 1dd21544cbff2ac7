//! Signing out, for helpers, staff and beheerders: ends the session on the server and goes
//! to the start page (in the public app, so a full page load). The session signal is left as
//! it is: cleared, it would make the page's sign-in guard send the browser to the sign-in
//! page instead, racing this page load.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::session::load_page;

#[component]
pub fn SignOutButton() -> impl IntoView {
    let sign_out = move |_| {
        spawn_local(async move {
            let _ = api::sign_out().await;
            load_page("/");
        });
    };
    view! {
        <button class="utrecht-button utrecht-button--secondary-action" type="button" on:click=sign_out>{t!("Uitloggen", "Sign out")}</button>
    }
}
