//! Choosing a password with the one-time link from an invitation or a reset mail
//! (`/account/uitnodiging#TOKEN`, `/account/herstellen#TOKEN`), and asking for a reset
//! (`/account/wachtwoord-vergeten`). The token travels after `#`: browsers never send that
//! part, so it is in no server log; the page removes it from the address bar once read.

use leptos::prelude::*;
use leptos::task::spawn_local;
use model::beheer::{ChoosePassword, ForgotPassword, LinkInfo, LinkPurpose};
use model::{Check, FieldError};

use crate::api::{self, ApiFailure};
use crate::components::error_summary::{error_of, summary_of, ErrorSummary};
use crate::components::fields::TextField;
use crate::components::notice::Problem;

/// The token from the link's `#` part; the address bar keeps only the path.
fn token_from_link() -> String {
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    crate::link_secret::take(&path, crate::link_secret::OnSwitch::Keep)
}

/// Says what makes a good password (the minimum is `model::beheer::PASSWORD_MIN`).
pub const PASSWORD_HINT: &str = t!(
    "Minstens 12 tekens. Een zin of drie losse woorden is sterk en goed te onthouden.",
    "At least 12 characters. A sentence or three separate words is strong and easy to remember."
);
const _: () = assert!(model::beheer::PASSWORD_MIN == 12, "update PASSWORD_HINT");

const LINK_GONE: &str = t!("Deze link werkt niet. Misschien is hij al gebruikt of ouder dan 72 uur. Vraag uw beheerder om een nieuwe uitnodiging, of vraag een nieuw wachtwoord aan.", "This link does not work. Maybe it was used already or is older than 72 hours. Ask your administrator for a new invitation, or ask for a new password.");

#[derive(Clone)]
enum Stage {
    Checking,
    Gone(String),
    Choose(LinkInfo),
    Done(LinkInfo),
}

/// `/account/uitnodiging` and `/account/herstellen`: one page, worded by the link's purpose.
#[component]
pub fn ChoosePasswordPage() -> impl IntoView {
    let token = token_from_link();
    let stage = RwSignal::new(Stage::Checking);
    {
        let token = token.clone();
        spawn_local(async move {
            if token.is_empty() {
                stage.set(Stage::Gone(LINK_GONE.into()));
                return;
            }
            stage.set(match api::account_link(&token).await {
                Ok(info) => Stage::Choose(info),
                Err(ApiFailure::Refused(_)) => Stage::Gone(LINK_GONE.into()),
                Err(other) => Stage::Gone(other.message()),
            });
        });
    }
    let password = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let input = ChoosePassword {
            token: token.clone(),
            wachtwoord: password.get_untracked(),
        };
        let mut found = input.check().err().unwrap_or_default();
        if repeat.get_untracked() != input.wachtwoord {
            found.push(FieldError {
                field: "herhaling".into(),
                message: t!(
                    "De twee wachtwoorden zijn niet gelijk. Typ hetzelfde wachtwoord twee keer.",
                    "The two passwords are not the same. Type the same password twice."
                )
                .into(),
            });
        }
        if !found.is_empty() {
            errors.set(found);
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match api::choose_password(&input).await {
                Ok(info) => {
                    errors.set(Vec::new());
                    stage.set(Stage::Done(info));
                }
                Err(ApiFailure::Refused(problem)) if !problem.errors.is_empty() => {
                    errors.set(problem.errors)
                }
                Err(ApiFailure::Refused(problem)) => stage.set(Stage::Gone(problem.detail)),
                Err(other) => errors.set(vec![FieldError {
                    field: "wachtwoord".into(),
                    message: other.message(),
                }]),
            }
            busy.set(false);
        });
    };
    let password_error = error_of(errors, "wachtwoord");
    let repeat_error = error_of(errors, "herhaling");
    let form = move |info: LinkInfo| {
        let intro = match info.doel {
            LinkPurpose::Uitnodiging => tf!("Welkom, {}. Er is een account voor u gemaakt met het e-mailadres {}. Kies een wachtwoord. Daarna kunt u inloggen.", "Welcome, {}. An account was made for you with the e-mail address {}. Choose a password. After that you can sign in.",
                info.naam, info.email
            ),
            LinkPurpose::Herstel => tf!("{}, kies een nieuw wachtwoord voor {}. Het oude wachtwoord werkt daarna niet meer. U wordt overal uitgelogd.", "{}, choose a new password for {}. After that the old password no longer works. You are signed out everywhere.",
                info.naam, info.email
            ),
        };
        view! {
            <p class="nl-paragraph">{intro}</p>
            <ErrorSummary items=summary_of(errors) />
            <form class="bg-form" on:submit=submit.clone() novalidate>
                // For password managers: the account the password belongs to.
                <input type="hidden" name="username" autocomplete="username" value=info.email.clone() />
                <TextField id="wachtwoord" label=t!("Nieuw wachtwoord", "New password") input_type="password" autocomplete="new-password"
                    hint=PASSWORD_HINT value=password.into() error=password_error
                    on_input=Callback::new(move |v| password.set(v)) />
                <TextField id="herhaling" label=t!("Typ het wachtwoord nog een keer", "Type the password once more") input_type="password" autocomplete="new-password"
                    value=repeat.into() error=repeat_error on_input=Callback::new(move |v| repeat.set(v)) />
                <button class="utrecht-button utrecht-button--primary-action" type="submit" disabled=busy>
                    {move || if busy.get() { t!("Bezig met opslaan", "Saving") } else { t!("Wachtwoord opslaan", "Save password") }}
                </button>
            </form>
        }
    };
    view! {
        <h1 class="nl-heading nl-heading--level-1">{t!("Wachtwoord kiezen", "Choose a password")}</h1>
        {move || match stage.get() {
            Stage::Checking => view! { <p class="nl-paragraph" role="status">{t!("Even geduld. We controleren de link.", "Please wait. We are checking the link.")}</p> }.into_any(),
            Stage::Gone(message) => view! {
                <Problem message />
                <p class="nl-paragraph"><a class="nl-link" href="/account/wachtwoord-vergeten">{t!("Nieuw wachtwoord aanvragen", "Ask for a new password")}</a></p>
            }.into_any(),
            Stage::Choose(info) => form(info).into_any(),
            Stage::Done(info) => view! {
                <div class="utrecht-alert utrecht-alert--ok bg-alert" role="status">
                    <div class="utrecht-alert__content">
                        <p class="utrecht-alert__message nl-paragraph">{tf!("Uw wachtwoord is opgeslagen, {}.", "Your password has been saved, {}.", info.naam)}</p>
                    </div>
                </div>
                <p class="nl-paragraph"><a class="nl-link" rel="external" href="/inloggen">{t!("Nu inloggen", "Sign in now")}</a></p>
            }.into_any(),
        }}
    }
}

/// `/account/wachtwoord-vergeten`: the answer is the same whether or not the address is known.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let email = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let sent = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let input = ForgotPassword {
            email: email.get_untracked(),
        };
        if let Err(found) = input.check() {
            errors.set(found);
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match api::forgot_password(&input).await {
                Ok(()) => {
                    errors.set(Vec::new());
                    sent.set(true);
                }
                Err(ApiFailure::Refused(problem)) if !problem.errors.is_empty() => {
                    errors.set(problem.errors)
                }
                Err(other) => errors.set(vec![FieldError {
                    field: "email".into(),
                    message: other.message(),
                }]),
            }
            busy.set(false);
        });
    };
    let email_error = error_of(errors, "email");
    view! {
        <h1 class="nl-heading nl-heading--level-1">{t!("Wachtwoord vergeten", "Forgot your password")}</h1>
        {move || if sent.get() {
            view! {
                <div class="utrecht-alert utrecht-alert--ok bg-alert" role="status">
                    <div class="utrecht-alert__content">
                        <p class="utrecht-alert__message nl-paragraph">{t!("Als dit e-mailadres bij ons een account heeft, krijgt u een e-mail met een link. Met die link kiest u een nieuw wachtwoord. De link werkt 72 uur.", "If this e-mail address has an account with us, you get an e-mail with a link. With that link you choose a new password. The link works for 72 hours.")}</p>
                    </div>
                </div>
                <p class="nl-paragraph">{t!("Geen e-mail gekregen? Kijk ook bij uw ongewenste e-mail. Of vraag uw beheerder om hulp.", "No e-mail? Also look in your spam folder. Or ask your administrator for help.")}</p>
            }.into_any()
        } else {
            view! {
                <p class="nl-paragraph">{t!("Vul het e-mailadres van uw account in. U krijgt dan een link om een nieuw wachtwoord te kiezen.", "Fill in the e-mail address of your account. You then get a link to choose a new password.")}</p>
                <ErrorSummary items=summary_of(errors) />
                <form class="bg-form" on:submit=submit novalidate>
                    <TextField id="email" label=t!("E-mailadres", "E-mail address") input_type="email" autocomplete="username"
                        value=email.into() error=email_error on_input=Callback::new(move |v| email.set(v)) />
                    <button class="utrecht-button utrecht-button--primary-action" type="submit" disabled=busy>
                        {move || if busy.get() { t!("Bezig met versturen", "Sending") } else { t!("Stuur mij een link", "Send me a link") }}
                    </button>
                </form>
            }.into_any()
        }}
    }
}
