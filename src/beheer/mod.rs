//! The beheer app (`/beheer`, its own bundle `src/bin/beheer.rs`): a beheerder invites
//! people, changes what their account is for, switches accounts off and on, and keeps the
//! partner organisations and the Belangenbehartiger's teams. A beheerder sees no cases.

mod accounts;
mod alerts;
mod audit_log;
mod organisations;
mod own_account;
mod retention;
mod teams;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use model::lifecycle::Role;

use crate::api;
use crate::components::layout::{Frame, Layout};
use crate::pages::not_found::NotFound;
use crate::session::{provide_session, use_session, RequireSignIn};

#[component]
pub fn BeheerApp() -> impl IntoView {
    provide_session();
    provide_context(Notice(RwSignal::new(None)));
    view! {
        <Router>
            <Layout frame=Frame::Beheer>
                <Routes fallback=NotFound>
                    <Route path=path!("/beheer") view=|| view! { <Only><accounts::Accounts /></Only> } />
                    <Route path=path!("/beheer/uitnodigen") view=|| view! { <Only><accounts::Invite /></Only> } />
                    <Route path=path!("/beheer/accounts/:id") view=|| view! { <Only><accounts::AccountPage /></Only> } />
                    <Route path=path!("/beheer/organisaties") view=|| view! { <Only><organisations::Organisations /></Only> } />
                    <Route path=path!("/beheer/organisaties/:id") view=|| view! { <Only><organisations::OrganisationPage /></Only> } />
                    <Route path=path!("/beheer/teams") view=|| view! { <Only><teams::Teams /></Only> } />
                    <Route path=path!("/account") view=own_account::OwnAccountPage />
                </Routes>
            </Layout>
        </Router>
    }
}

/// The supervision of access and retention (`/beheer/logboek`, `/beheer/meldingen`,
/// `/beheer/vernietiging`): a bundle of its own
/// (`src/bin/toezicht.rs`), so neither it nor the beheer pages outgrow a first load.
#[component]
pub fn ToezichtApp() -> impl IntoView {
    provide_session();
    view! {
        <Router>
            <Layout frame=Frame::Toezicht>
                <Routes fallback=NotFound>
                    <Route path=path!("/beheer/logboek") view=|| view! { <Only><audit_log::AuditLog /></Only> } />
                    <Route path=path!("/beheer/meldingen") view=|| view! { <Only><alerts::Alerts /></Only> } />
                    <Route path=path!("/beheer/vernietiging") view=|| view! { <Only><retention::Retention /></Only> } />
                </Routes>
            </Layout>
        </Router>
    }
}

/// What the last change did, said on the page the beheerder lands on after it.
#[derive(Clone, Copy)]
struct Notice(RwSignal<Option<String>>);

impl Notice {
    /// Take it while the component is built: the context is gone once a request returns.
    fn here() -> Notice {
        expect_context::<Notice>()
    }

    fn say(self, message: impl Into<String>) {
        self.0.set(Some(message.into()));
    }
}

/// The notice a change left for the page it went to, taken once.
fn take_notice() -> Option<String> {
    let notice = expect_context::<Notice>().0;
    let text = notice.get_untracked();
    notice.set(None);
    text
}

/// The notice of the last change (once), read out by screen readers.
#[component]
fn LastChange() -> impl IntoView {
    view! { <ChangeNotice text=Signal::stored(take_notice()) /> }
}

/// A change went through: said in a live region, so screen readers read it out.
#[component]
fn ChangeNotice(text: Signal<Option<String>>) -> impl IntoView {
    view! {
        <div role="status" data-testid="melding">
            {move || text.get().map(|message| view! {
                <div class="utrecht-alert utrecht-alert--ok bg-alert"><p class="nl-paragraph">{message}</p></div>
            })}
        </div>
    }
}

/// Only a signed-in beheerder sees these pages; anyone else is told where to go.
#[component]
fn Only(children: ChildrenFn) -> impl IntoView {
    let children = StoredValue::new(children);
    view! {
        <RequireSignIn>
            {move || {
                let me = use_session().me.get().flatten();
                match me.map(|me| me.rol) {
                    Some(Role::Beheerder) => children.with_value(|c| c()).into_any(),
                    _ => view! {
                        <h1 class="nl-heading nl-heading--level-1">{t!("Alleen voor beheerders", "Only for administrators")}</h1>
                        <p class="nl-paragraph">{t!("Deze pagina is voor de beheerders van Bondgenoot. Uw eigen werk vindt u op de pagina na het inloggen.", "This page is for the administrators of Bondgenoot. You find your own work on the page after signing in.")}</p>
                        <p class="nl-paragraph"><a class="nl-link" rel="external" href="/zaken">{t!("Naar uw zaken", "Go to your cases")}</a></p>
                    }.into_any(),
                }
            }}
        </RequireSignIn>
    }
}

/// A list failed to load: say so, with what to do.
fn load_failed(failure: api::ApiFailure) -> AnyView {
    view! { <p class="bg-field__error" role="alert">{failure.message()}</p> }.into_any()
}

/// While a list loads.
fn loading() -> impl IntoView {
    view! { <p class="nl-paragraph" role="status">{t!("Even geduld. De gegevens worden geladen.", "Please wait. The data is loading.")}</p> }
}
