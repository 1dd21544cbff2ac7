//! `/account`: everyone's own account page (in the beheer app's bundle, which has the room):
//! who one is, a new password, the app for sign-in codes, and where one is signed in.

use leptos::prelude::*;
use leptos::task::spawn_local;
use model::own_account::{ChangePassword, FactorConfirm, FactorSetUp, FactorStart, OwnAccount};
use model::two_factor::CodeInput;
use model::{Check, FieldError};

use super::accounts::role_label;
use super::{load_failed, ChangeNotice};
use crate::api::{self, ApiFailure};
use crate::components::error_summary::{error_of, summary_of, ErrorSummary};
use crate::components::fields::TextField;
use crate::components::second_factor::{AppSetUpSteps, RecoveryCodes};
use crate::pages::account::PASSWORD_HINT;
use crate::session::{load_page, RequireSignIn};
use crate::today::{date_in_words, moment_in_words};

/// The account as last loaded, and a way to load it again after a change.
#[derive(Clone, Copy)]
struct Loaded {
    account: RwSignal<Option<Result<OwnAccount, ApiFailure>>>,
    notice: RwSignal<Option<String>>,
}

impl Loaded {
    fn reload(self) {
        spawn_local(async move { self.account.set(Some(api::own::account().await)) });
    }

    /// Says what a change did and shows the account as it is now.
    fn changed(self, message: impl Into<String>) {
        self.notice.set(Some(message.into()));
        self.reload();
    }
}

/// A failed request as the error of `field`: the server's own field errors where it gave them.
fn failure_at(errors: RwSignal<Vec<FieldError>>, field: &str, failure: ApiFailure) {
    match failure {
        ApiFailure::Refused(problem) if !problem.errors.is_empty() => errors.set(problem.errors),
        other => errors.set(vec![FieldError {
            field: field.into(),
            message: other.message(),
        }]),
    }
}

#[component]
pub fn OwnAccountPage() -> impl IntoView {
    view! {
        <RequireSignIn>
            <OwnAccountContent />
        </RequireSignIn>
    }
}

#[component]
fn OwnAccountContent() -> impl IntoView {
    let loaded = Loaded {
        account: RwSignal::new(None),
        notice: RwSignal::new(None),
    };
    loaded.reload();
    let details = move || {
        match loaded.account.get() {
        None => view! { <p class="nl-paragraph" role="status">{t!("Even geduld. We halen uw gegevens op.", "Please wait. We are getting your details.")}</p> }.into_any(),
        Some(Err(failure)) => load_failed(failure),
        Some(Ok(account)) => view! {
            <dl class="bg-facts">
                <dt>{t!("Naam", "Name")}</dt><dd>{account.naam}</dd>
                <dt>{t!("E-mailadres", "E-mail address")}</dt><dd>{account.email}</dd>
                <dt>{t!("Rol", "Role")}</dt><dd>{role_label(account.rol)}</dd>
                {account.organisatie.map(|name| view! { <dt>{t!("Organisatie", "Organisation")}</dt><dd>{name}</dd> })}
            </dl>
        }
        .into_any(),
    }
    };
    view! {
        <h1 class="nl-heading nl-heading--level-1">{t!("Mijn account", "My account")}</h1>
        <ChangeNotice text=loaded.notice.into() />
        {details}
        <PasswordForm loaded />
        <MessageMailsForm loaded />
        <SecondFactor loaded />
        <Sessions loaded />
    }
}

/// Mails on new messages: on or off. The mail names the case, never the message.
#[component]
fn MessageMailsForm(loaded: Loaded) -> impl IntoView {
    let on = RwSignal::new(true);
    let problem = RwSignal::new(None::<String>);
    // Follows the account as loaded (after a save too).
    Effect::new(move |_| {
        if let Some(Ok(account)) = loaded.account.get() {
            on.set(account.bericht_mails);
        }
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let choice = on.get_untracked();
        spawn_local(async move {
            match api::own::set_message_mails(choice).await {
                Ok(()) => {
                    problem.set(None);
                    loaded.changed(if choice {
                        t!(
                            "U krijgt weer een e-mail bij nieuwe berichten.",
                            "You will get an e-mail on new messages again."
                        )
                    } else {
                        t!(
                            "U krijgt geen e-mail meer bij nieuwe berichten.",
                            "You will no longer get an e-mail on new messages."
                        )
                    });
                }
                Err(failure) => problem.set(Some(failure.message())),
            }
        });
    };
    view! {
        <h2 class="nl-heading nl-heading--level-2">{t!("E-mail bij nieuwe berichten", "E-mail on new messages")}</h2>
        <form on:submit=submit novalidate>
            <p class="nl-paragraph">{t!("Bij een nieuw bericht op uw zaken sturen we een e-mail. Hooguit één per kwartier. In de e-mail staat alleen het zaaknummer, niet het bericht.", "On a new message on your cases we send an e-mail. At most one per quarter of an hour. The e-mail only has the case number, not the message.")}</p>
            <div class="utrecht-form-field utrecht-form-field--checkbox">
                <input class="utrecht-checkbox" type="checkbox" id="bericht-mails"
                    prop:checked=move || on.get() on:change=move |ev| on.set(event_target_checked(&ev)) />
                <label class="utrecht-form-label utrecht-form-label--checkbox" for="bericht-mails">{t!("Stuur mij een e-mail bij nieuwe berichten", "Send me an e-mail on new messages")}</label>
            </div>
            {move || problem.get().map(|message| view! { <p class="nl-paragraph" role="alert">{message}</p> })}
            <button class="utrecht-button utrecht-button--secondary-action" type="submit">{t!("Keuze opslaan", "Save choice")}</button>
        </form>
    }
}

#[component]
fn PasswordForm(loaded: Loaded) -> impl IntoView {
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let input = ChangePassword {
            huidig: current.get_untracked(),
            nieuw: new.get_untracked(),
        };
        if let Err(found) = input.check() {
            errors.set(found);
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match api::own::change_password(&input).await {
                Ok(()) => {
                    errors.set(Vec::new());
                    current.set(String::new());
                    new.set(String::new());
                    loaded.changed(t!(
                        "Uw wachtwoord is gewijzigd. Op andere apparaten bent u uitgelogd.",
                        "Your password has been changed. You are signed out on other devices."
                    ));
                }
                Err(failure) => failure_at(errors, "huidig", failure),
            }
            busy.set(false);
        });
    };
    view! {
        <h2 class="nl-heading nl-heading--level-2">{t!("Wachtwoord wijzigen", "Change password")}</h2>
        <ErrorSummary items=summary_of(errors) />
        <form class="bg-form" on:submit=submit novalidate>
            <TextField id="huidig" label=t!("Huidig wachtwoord", "Current password") input_type="password" autocomplete="current-password"
                value=current.into() error=error_of(errors, "huidig") on_input=Callback::new(move |v| current.set(v)) />
            <TextField id="nieuw" label=t!("Nieuw wachtwoord", "New password") input_type="password" autocomplete="new-password"
                hint=PASSWORD_HINT value=new.into() error=error_of(errors, "nieuw") on_input=Callback::new(move |v| new.set(v)) />
            <button class="utrecht-button utrecht-button--primary-action" type="submit" disabled=busy>
                {move || if busy.get() { t!("Bezig met opslaan", "Saving") } else { t!("Wachtwoord wijzigen", "Change password") }}
            </button>
        </form>
    }
}

/// Where setting up a (new) app stands on this page.
#[derive(Clone)]
enum SetUp {
    Idle,
    /// The password, asked again.
    Password,
    /// The new secret is shown; its first code is asked.
    Code(FactorSetUp),
    /// Done: the new recovery codes, this once.
    Codes(Vec<String>),
}

#[component]
fn SecondFactor(loaded: Loaded) -> impl IntoView {
    let stage = RwSignal::new(SetUp::Idle);
    let password = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let state = move || {
        loaded.account.get().and_then(Result::ok).map(|account| {
            let text = match (account.tweede_factor, account.tweede_factor_verplicht) {
                (true, _) => tf!("U logt in met een code uit een app. U hebt nog {} herstelcodes.", "You sign in with a code from an app. You have {} recovery codes left.",
                    account.herstelcodes_over
                ),
                (false, true) => t!("Voor uw account is inloggen met een app verplicht. U stelt de app in bij de volgende keer inloggen, of nu hier.", "Your account must sign in with an app. You set up the app at the next sign-in, or here now.").to_owned(),
                (false, false) => t!("U logt in met alleen uw wachtwoord. Met een code uit een app is uw account beter beveiligd.", "You sign in with just your password. With a code from an app your account is better protected.").to_owned(),
            };
            let button = if account.tweede_factor { t!("Een nieuwe app instellen", "Set up a new app") } else { t!("App instellen", "Set up app") };
            (text, button)
        })
    };
    let start = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let input = FactorStart {
            wachtwoord: password.get_untracked(),
        };
        if let Err(found) = input.check() {
            errors.set(found);
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match api::own::start_factor(&input).await {
                Ok(set_up) => {
                    errors.set(Vec::new());
                    password.set(String::new());
                    stage.set(SetUp::Code(set_up));
                }
                Err(failure) => failure_at(errors, "wachtwoord", failure),
            }
            busy.set(false);
        });
    };
    let confirm = move |stap: String| {
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            if let Err(found) = (CodeInput {
                code: code.get_untracked(),
            })
            .check()
            {
                errors.set(found);
                return;
            }
            let input = FactorConfirm {
                stap: stap.clone(),
                code: code.get_untracked(),
            };
            busy.set(true);
            spawn_local(async move {
                match api::own::confirm_factor(&input).await {
                    Ok(done) => {
                        errors.set(Vec::new());
                        code.set(String::new());
                        stage.set(SetUp::Codes(done.herstelcodes));
                        loaded.changed(
                            t!("De app is ingesteld. Vanaf nu logt u in met de codes uit deze app.", "The app has been set up. From now on you sign in with the codes from this app."),
                        );
                    }
                    // Ran out or was done elsewhere: start again.
                    Err(ApiFailure::Refused(problem)) if problem.errors.is_empty() => {
                        stage.set(SetUp::Idle);
                        loaded.notice.set(Some(problem.detail));
                    }
                    Err(failure) => failure_at(errors, "code", failure),
                }
                busy.set(false);
            });
        }
    };
    view! {
        <h2 class="nl-heading nl-heading--level-2">{t!("Inloggen met een app", "Signing in with an app")}</h2>
        {move || state().map(|(text, _)| view! { <p class="nl-paragraph" data-testid="tweede-factor">{text}</p> })}
        <ErrorSummary items=summary_of(errors) />
        {move || match stage.get() {
            SetUp::Idle => state().map(|(_, button)| view! {
                <button class="utrecht-button utrecht-button--secondary-action" type="button"
                    on:click=move |_| stage.set(SetUp::Password)>{button}</button>
            }).into_any(),
            SetUp::Password => view! {
                <form class="bg-form" on:submit=start novalidate>
                    <TextField id="wachtwoord" label=t!("Uw wachtwoord", "Your password") input_type="password" autocomplete="current-password"
                        hint=t!("Zo weten we dat u het bent, en niet iemand anders aan deze computer.", "That way we know it is you, and not someone else at this computer.")
                        value=password.into() error=error_of(errors, "wachtwoord") on_input=Callback::new(move |v| password.set(v)) />
                    <button class="utrecht-button utrecht-button--primary-action" type="submit" disabled=busy>{t!("Verder", "Continue")}</button>
                </form>
            }.into_any(),
            SetUp::Code(set_up) => view! {
                <AppSetUpSteps geheim=set_up.geheim qr_svg=set_up.qr_svg />
                <p class="nl-paragraph">{t!("Had u al een app ingesteld? Die werkt niet meer zodra deze nieuwe app werkt. Uw oude herstelcodes ook niet.", "Had you set up an app already? It stops working once this new app works. So do your old recovery codes.")}</p>
                <form class="bg-form" on:submit=confirm(set_up.stap) novalidate>
                    <TextField id="code" label=t!("Code uit de app", "Code from the app") autocomplete="one-time-code" inputmode="numeric"
                        hint=t!("6 cijfers, bijvoorbeeld 123456.", "6 digits, for example 123456.")
                        value=code.into() error=error_of(errors, "code") on_input=Callback::new(move |v| code.set(v)) />
                    <button class="utrecht-button utrecht-button--primary-action" type="submit" disabled=busy>{t!("App instellen", "Set up app")}</button>
                </form>
            }.into_any(),
            SetUp::Codes(codes) => view! {
                <h3 class="nl-heading nl-heading--level-3">{t!("Bewaar uw nieuwe herstelcodes", "Keep your new recovery codes")}</h3>
                <RecoveryCodes codes />
                <button class="utrecht-button utrecht-button--secondary-action" type="button"
                    on:click=move |_| stage.set(SetUp::Idle)>{t!("Ik heb de codes bewaard", "I have kept the codes")}</button>
            }.into_any(),
        }}
    }
}

#[component]
fn Sessions(loaded: Loaded) -> impl IntoView {
    let end = move |id: String, here: bool| {
        spawn_local(async move {
            match api::own::end_session(&id).await {
                // This device's own session: signed out here.
                Ok(()) | Err(ApiFailure::SignedOut) if here => load_page("/inloggen"),
                Ok(()) => loaded.changed(t!(
                    "U bent uitgelogd op dat apparaat.",
                    "You are signed out on that device."
                )),
                Err(failure) => loaded.notice.set(Some(failure.message())),
            }
        });
    };
    let list = move || {
        let account = loaded.account.get().and_then(Result::ok)?;
        Some(view! {
            <ul class="bg-sessions" data-testid="sessies">
                {account.sessies.into_iter().map(|session| {
                    let (id, here) = (session.id, session.deze);
                    let label = if here { t!("Hier uitloggen", "Sign out here") } else { t!("Uitloggen op dit apparaat", "Sign out on this device") };
                    view! {
                        <li class="bg-sessions__item">
                            <p class="nl-paragraph"><strong>{session.apparaat}</strong>{here.then_some(t!(" (dit apparaat)", " (this device)"))}</p>
                            <p class="nl-paragraph">{tf!("Ingelogd op {}. Laatst gebruikt op {}.", "Signed in on {}. Last used on {}.", date_in_words(session.begonnen), moment_in_words(session.laatst_gezien))}</p>
                            <button class="utrecht-button utrecht-button--secondary-action" type="button"
                                on:click=move |_| end(id.clone(), here)>{label}</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        })
    };
    view! {
        <h2 class="nl-heading nl-heading--level-2">{t!("Waar u bent ingelogd", "Where you are signed in")}</h2>
        <p class="nl-paragraph">{t!("Ziet u een apparaat dat u niet kent? Log daar uit en wijzig uw wachtwoord.", "Do you see a device you do not know? Sign out there and change your password.")}</p>
        {list}
    }
}
