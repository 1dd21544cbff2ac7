//! Sign-in for helpers, staff and beheerders: the password, then — where the account has or
//! needs one — the second factor: setting up the authenticator app (QR code or typed secret,
//! then its code, then the recovery codes, shown once), or the code the app shows now.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;
use model::api::{Me, SignIn};
use model::lifecycle::Role;
use model::two_factor::CodeInput;
use model::{Check, FieldError};

use crate::api::{self, ApiFailure, NextStep, SignInAnswer};
use crate::components::error_summary::{error_of, summary_of, ErrorSummary};
use crate::components::fields::TextField;
use crate::components::notice::{focus_new_page, Problem};
use crate::components::second_factor::{AppSetUpSteps, RecoveryCodes};
use crate::session::{load_page, use_session, Session};

#[derive(Clone)]
enum Stage {
    Password,
    Second(NextStep),
    /// Signed in after the set-up: the recovery codes, before going on.
    Codes(Vec<String>),
}

/// Where a signed-in person goes: the way back they came from, or their role's home.
fn go_home(session: Session, me: Me, back: Option<String>) {
    let home = match me.rol {
        Role::Behandelaar => "/backoffice",
        Role::Beheerder => "/beheer",
        _ => "/zaken",
    };
    session.me.set(Some(Some(me)));
    // The way back may lie in another app (the case pages, the backoffice): load it as a
    // page, which also works within this app.
    load_page(&back.unwrap_or_else(|| home.into()));
}

#[component]
pub fn SignIn() -> impl IntoView {
    let session = use_session();
    let query = use_query_map();
    let back = move || {
        query
            .get_untracked()
            .get("terug")
            .filter(|b| b.starts_with('/') && !b.starts_with("//"))
    };
    let stage = RwSignal::new(Stage::Password);
    let signed_in = StoredValue::new(None::<Me>);
    let notice = RwSignal::new(None::<&'static str>);
    view! {
        {move || match stage.get() {
            Stage::Password => view! { <PasswordStep stage signed_in notice back=Callback::new(move |()| back()) /> }.into_any(),
            Stage::Second(step) => view! { <CodeStep step stage signed_in notice back=Callback::new(move |()| back()) /> }.into_any(),
            Stage::Codes(codes) => {
                let go_on = move |_| {
                    if let Some(me) = signed_in.get_value() {
                        go_home(session, me, back());
                    }
                };
                view! {
                    <h1 class="nl-heading nl-heading--level-1" tabindex="-1">{t!("Bewaar uw herstelcodes", "Keep your recovery codes")}</h1>
                    <p class="nl-paragraph">{t!("Het inloggen met de app werkt.", "Signing in with the app works.")}</p>
                    <RecoveryCodes codes />
                    <button class="utrecht-button utrecht-button--primary-action" type="button" on:click=go_on>{t!("Ik heb de codes bewaard. Verder", "I have kept the codes. Continue")}</button>
                }.into_any()
            }
        }}
    }
}

#[component]
fn PasswordStep(
    stage: RwSignal<Stage>,
    signed_in: StoredValue<Option<Me>>,
    notice: RwSignal<Option<&'static str>>,
    back: Callback<(), Option<String>>,
) -> impl IntoView {
    let session = use_session();
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
        spawn_local(async move {
            match api::sign_in(email.get_untracked(), password.get_untracked()).await {
                Ok(SignInAnswer::SignedIn(me)) => go_home(session, me, back.run(())),
                Ok(SignInAnswer::Next(step)) => {
                    signed_in.set_value(None);
                    stage.set(Stage::Second(step));
                    focus_new_page();
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
        <h1 class="nl-heading nl-heading--level-1">{t!("Inloggen", "Sign in")}</h1>
        <p class="nl-paragraph">{t!("Log in met het e-mailadres en wachtwoord van uw organisatie.", "Sign in with the e-mail address and password of your organisation.")}</p>
        {move || notice.get().map(|message| view! { <Problem message=message.to_owned() /> })}
        <ErrorSummary items=summary_of(errors) />
        <form class="bg-form" on:submit=submit novalidate>
            <div class="bg-field" class:bg-field--invalid=move || email_error.get().is_some()>
                <label class="bg-label" for="email">{t!("E-mailadres", "E-mail address")}</label>
                {move || email_error.get().map(|m| view! { <p class="bg-field__error" id="email-fout">{m}</p> })}
                <input class="bg-input" id="email" name="email" type="email" autocomplete="username" spellcheck="false"
                    aria-invalid=move || email_error.get().is_some().to_string()
                    aria-describedby=move || email_error.get().map(|_| "email-fout")
                    prop:value=email on:input=move |ev| email.set(event_target_value(&ev)) />
            </div>
            <div class="bg-field" class:bg-field--invalid=move || password_error.get().is_some()>
                <label class="bg-label" for="wachtwoord">{t!("Wachtwoord", "Password")}</label>
                {move || password_error.get().map(|m| view! { <p class="bg-field__error" id="wachtwoord-fout">{m}</p> })}
                <input class="bg-input" id="wachtwoord" name="wachtwoord" type="password" autocomplete="current-password"
                    aria-invalid=move || password_error.get().is_some().to_string()
                    aria-describedby=move || password_error.get().map(|_| "wachtwoord-fout")
                    prop:value=password on:input=move |ev| password.set(event_target_value(&ev)) />
            </div>
            <button class="utrecht-button utrecht-button--primary-action" type="submit" disabled=busy>
                {move || if busy.get() { t!("Bezig met inloggen", "Signing in") } else { t!("Inloggen", "Sign in") }}
            </button>
        </form>
        <p class="nl-paragraph"><a class="nl-link" rel="external" href="/account/wachtwoord-vergeten">{t!("Wachtwoord vergeten?", "Forgot your password?")}</a></p>
    }
}

#[component]
fn CodeStep(
    step: NextStep,
    stage: RwSignal<Stage>,
    signed_in: StoredValue<Option<Me>>,
    notice: RwSignal<Option<&'static str>>,
    back: Callback<(), Option<String>>,
) -> impl IntoView {
    let session = use_session();
    let code = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let setting_up = step.geheim.is_some();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let input = CodeInput {
            code: code.get_untracked(),
        };
        if let Err(found) = input.check() {
            errors.set(found);
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match api::sign_in_code(&input).await {
                Ok(accepted) if accepted.herstelcodes.is_empty() => {
                    go_home(session, accepted.ik, back.run(()))
                }
                Ok(accepted) => {
                    signed_in.set_value(Some(accepted.ik));
                    stage.set(Stage::Codes(accepted.herstelcodes));
                    focus_new_page();
                }
                // The step ran out (five minutes) or was used: start again.
                Err(ApiFailure::SignedOut) => {
                    notice.set(Some(t!("Het inloggen duurde te lang. Begin opnieuw met uw e-mailadres en wachtwoord.", "Signing in took too long. Start again with your e-mail address and password.")));
                    stage.set(Stage::Password);
                    focus_new_page();
                }
                Err(ApiFailure::Refused(problem)) if !problem.errors.is_empty() => {
                    errors.set(problem.errors)
                }
                Err(failure) => errors.set(vec![FieldError {
                    field: "code".into(),
                    message: failure.message(),
                }]),
            }
            busy.set(false);
        });
    };
    let intro = match (step.geheim, step.qr_svg) {
        (None, _) | (_, None) => view! {
            <h1 class="nl-heading nl-heading--level-1" tabindex="-1">{t!("Code uit de app", "Code from the app")}</h1>
            <p class="nl-paragraph">{t!("Open de app voor inlogcodes op uw telefoon. Typ de 6 cijfers die bij Bondgenoot staan.", "Open the app for sign-in codes on your phone. Type the 6 digits shown for Bondgenoot.")}</p>
        }
        .into_any(),
        (Some(geheim), Some(qr_svg)) => view! {
            <h1 class="nl-heading nl-heading--level-1" tabindex="-1">{t!("Inloggen met een app instellen", "Set up signing in with an app")}</h1>
            <p class="nl-paragraph">{t!("Voor uw account is inloggen met een code uit een app verplicht. Zo kan niemand anders inloggen met alleen uw wachtwoord.", "Your account must sign in with a code from an app. That way nobody else can sign in with just your password.")}</p>
            <AppSetUpSteps geheim qr_svg />
        }
        .into_any(),
    };
    view! {
        {intro}
        <ErrorSummary items=summary_of(errors) />
        <form class="bg-form" on:submit=submit novalidate>
            <TextField id="code" label=t!("Code", "Code") autocomplete="one-time-code" inputmode=if setting_up { "numeric" } else { "text" }
                hint=if setting_up { t!("6 cijfers, bijvoorbeeld 123456.", "6 digits, for example 123456.") } else { t!("6 cijfers uit de app. Telefoon kwijt? Typ dan een herstelcode.", "6 digits from the app. Lost your phone? Then type a recovery code.") }
                value=code.into() error=error_of(errors, "code") on_input=Callback::new(move |v| code.set(v)) />
            <button class="utrecht-button utrecht-button--primary-action" type="submit" disabled=busy>
                {move || if busy.get() { t!("Bezig met controleren", "Checking") } else { t!("Inloggen", "Sign in") }}
            </button>
        </form>
        <p class="nl-paragraph">{t!("Lukt het niet? Vraag de beheerder van Bondgenoot om de app opnieuw in te stellen.", "Not working? Ask the administrator of Bondgenoot to set up the app again.")}</p>
    }
}
