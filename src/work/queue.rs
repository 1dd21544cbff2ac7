//! `/backoffice`: the triage queue of the Belangenbehartiger. Only cases the citizen consented
//! to; urgent first, then the longest waiting (the server sorts). No search over names or BSN.

use leptos::prelude::*;
use leptos_router::components::A;
use model::api::CaseSummary;
use model::lifecycle::Role;

use crate::api;
use crate::components::sign_out::SignOutButton;
use crate::session::{use_session, RequireSignIn};
use crate::today::{days_since, dutch_date};

#[component]
pub fn Queue() -> impl IntoView {
    view! { <RequireSignIn><StaffOnly /></RequireSignIn> }
}

#[component]
fn StaffOnly() -> impl IntoView {
    let session = use_session();
    let is_staff = move || {
        session
            .me
            .get()
            .flatten()
            .is_some_and(|me| me.rol == Role::Behandelaar)
    };
    move || {
        if is_staff() {
            view! { <QueueList /> }.into_any()
        } else {
            view! {
                <h1 class="nl-heading nl-heading--level-1">"Alleen voor de Belangenbehartiger"</h1>
                <p class="nl-paragraph">"Deze pagina is voor medewerkers van de Belangenbehartiger. Uw eigen zaken vindt u bij Uw zaken."</p>
                <p class="nl-paragraph"><a class="nl-link" rel="external" href="/zaken">"Naar uw zaken"</a></p>
            }
            .into_any()
        }
    }
}

#[component]
fn QueueList() -> impl IntoView {
    let cases = LocalResource::new(api::cases);
    view! {
        <h1 class="nl-heading nl-heading--level-1">"Wachtrij"</h1>
        <p class="nl-paragraph">"Zaken met toestemming van de burger. Spoed staat bovenaan, daarna de zaak die het langst wacht."</p>
        <div class="bg-actions"><SignOutButton /></div>
        <Suspense fallback=|| view! { <p class="nl-paragraph" role="status">"De zaken worden geladen."</p> }>
            {move || Suspend::new(async move {
                match cases.await {
                    Ok(list) if list.is_empty() => view! { <p class="nl-paragraph">"Er zijn geen zaken."</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="bg-cases" data-testid="wachtrij">
                            {list.into_iter().map(|case| view! { <QueueItem case /> }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(failure) => view! { <p class="bg-field__error" role="alert">{failure.message()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn QueueItem(case: CaseSummary) -> impl IntoView {
    let waiting = case.ingediend.map(|at| {
        let waits = match days_since(at) {
            ..=0 => "sinds vandaag".to_owned(),
            1 => "1 dag".to_owned(),
            days => format!("{days} dagen"),
        };
        format!("Verstuurd op {} · wacht {waits}", dutch_date(at))
    });
    let mut flags = Vec::new();
    if case.spoed {
        flags.push("Spoed".to_owned());
    }
    if let Some(until) = case.termijn {
        flags.push(format!("Termijn loopt tot {}", until.to_dutch()));
    }
    if case.ongelezen > 0 {
        flags.push(format!("{} nieuw bericht(en)", case.ongelezen));
    }
    view! {
        <li class="bg-case">
            <h2 class="nl-heading nl-heading--level-3 bg-case__title">
                <A href=format!("/backoffice/zaken/{}", case.referentie) attr:class="nl-link">{case.referentie.clone()}</A>
            </h2>
            <p class="bg-case__meta">{case.status_titel.clone()}{waiting.map(|w| format!(" · {w}"))}</p>
            {(!flags.is_empty()).then(|| view! { <p class="bg-flags">{flags.join(" · ")}</p> })}
        </li>
    }
}
