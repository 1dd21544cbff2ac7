//! Sign-in for helpers and staff.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;
use model::api::SignIn;
use model::lifecycle::Role;
use model::{Check, FieldError};

use crate::api::{self, ApiFailure};
use crate::components::error_summary::{error_of, summary_of, ErrorSummary};
use crate::session::{load_page, use_session};

#[component]
pub fn SignIn() -> impl IntoView {
    let session = use_session();
    let query = use_query_map();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        // The server's own check, so both fields are named at once, in the same words.
        let input = SignIn {
            email: email.get_untracked(),
            wachtwoord: password.get_untracked(),
        };
        if let Err(found) = input.check() {
            errors.set(found);
            return;
        }
        busy.set(true);
        let back = query
            .get_untracked()
            .get("terug")
            .filter(|b| b.starts_with('/') && !b.starts_with("//"));
        spawn_local(async move {
            match api::sign_in(email.get_untracked(), password.get_untracked()).await {
                Ok(me) => {
                    let home = match me.rol {
                        Role::Behandelaar => "/backoffice",
                        Role::Beheerder => "/beheer",
                        _ => "/zaken",
                    };
                    session.me.set(Some(Some(me)));
                    // The way back may lie in another app (the case pages, the backoffice):
                    // load it as a page, which also works within this app.
                    load_page(&back.unwrap_or_else(|| home.into()));
                }
                Err(failure) => {
                    let field = match failure {
                        ApiFailure::Refused(_) => "wachtwoord",
                        _ => "email",
                    };
                    errors.set(vec![FieldError {
                        field: field.into(),
                        message: failure.message(),
                    }]);
                }
            }
            busy.set(false);
        });
    };
    let error_for = move |field: &'static str| error_of(errors, field);
    let email_error = error_for("email");
    let password_error = error_for("wachtwoord");

    view! {
        <h1 class="nl-heading nl-heading--level-1">"Inloggen"</h1>
        <p class="nl-paragraph">"Log in met het e-mailadres en wachtwoord van uw organisatie."</p>
        <ErrorSummary items=summary_of(errors) />
        <form class="bg-form" on:submit=submit novalidate>
            <div class="bg-field" class:bg-field--invalid=move || email_error.get().is_some()>
                <label class="bg-label" for="email">"E-mailadres"</label>
                {move || email_error.get().map(|m| view! { <p class="bg-field__error" id="email-fout">{m}</p> })}
                <input class="bg-input" id="email" name="email" type="email" autocomplete="username" spellcheck="false"
                    aria-invalid=move || email_error.get().is_some().to_string()
                    aria-describedby=move || email_error.get().map(|_| "email-fout")
                    prop:value=email on:input=move |ev| email.set(event_target_value(&ev)) />
            </div>
            <div class="bg-field" class:bg-field--invalid=move || password_error.get().is_some()>
                <label class="bg-label" for="wachtwoord">"Wachtwoord"</label>
                {move || password_error.get().map(|m| view! { <p class="bg-field__error" id="wachtwoord-fout">{m}</p> })}
                <input class="bg-input" id="wachtwoord" name="wachtwoord" type="password" autocomplete="current-password"
                    aria-invalid=move || password_error.get().is_some().to_string()
                    aria-describedby=move || password_error.get().map(|_| "wachtwoord-fout")
                    prop:value=password on:input=move |ev| password.set(event_target_value(&ev)) />
            </div>
            <button class="utrecht-button utrecht-button--primary-action" type="submit" disabled=busy>
                {move || if busy.get() { "Bezig met inloggen" } else { "Inloggen" }}
            </button>
        </form>
        <p class="nl-paragraph"><a class="nl-link" rel="external" href="/account/wachtwoord-vergeten">"Wachtwoord vergeten?"</a></p>
    }
}
