//! The helper's cases (`/zaken`): drafts to finish and cases sent, of their organisation.

use leptos::prelude::*;
use leptos::task::spawn_local;
use model::api::CaseSummary;
use model::lifecycle::CaseStatus;

use crate::api;
use crate::components::pager::Pager;
use crate::components::sign_out::SignOutButton;
use crate::session::{use_session, RequireSignIn};
use crate::today::date_in_words;

#[component]
pub fn Dashboard() -> impl IntoView {
    view! { <RequireSignIn><CaseList /></RequireSignIn> }
}

#[component]
fn CaseList() -> impl IntoView {
    let session = use_session();
    let version = RwSignal::new(0u32);
    // 50 cases a page, newest change first.
    let page = RwSignal::new(1u32);
    let cases = LocalResource::new(move || {
        version.track();
        api::cases(page.get())
    });
    let notice = RwSignal::new(None::<String>);
    let organisation = move || {
        session
            .me
            .get()
            .flatten()
            .and_then(|me| me.organisatie)
            .unwrap_or_default()
    };
    let delete = move |reference: String| {
        let confirmed = web_sys::window()
            .and_then(|w| {
                w.confirm_with_message(t!(
                    "Wilt u dit concept verwijderen? Dit kan niet ongedaan worden.",
                    "Do you want to delete this draft? This cannot be undone."
                ))
                .ok()
            })
            .unwrap_or(false);
        if confirmed {
            spawn_local(async move {
                match api::delete_draft(&reference).await {
                    Ok(()) => notice.set(Some(tf!(
                        "Het concept {reference} is verwijderd.",
                        "The draft {reference} has been deleted."
                    ))),
                    Err(failure) => notice.set(Some(failure.message())),
                }
                version.update(|v| *v += 1);
            });
        }
    };

    view! {
        <h1 class="nl-heading nl-heading--level-1">{t!("Uw zaken", "Your cases")}</h1>
        <p class="nl-paragraph">{organisation}</p>
        <div class="bg-actions">
            <a class="utrecht-button utrecht-button--primary-action bg-button-link" rel="external" href="/zaken/nieuw">{t!("Nieuwe zaak aanmelden", "Submit a new case")}</a>
            <SignOutButton />
        </div>
        <p role="status" class="nl-paragraph">{move || notice.get()}</p>
        <Suspense fallback=|| view! { <p class="nl-paragraph">{t!("De zaken worden geladen.", "The cases are loading.")}</p> }>
            {move || Suspend::new(async move {
                match cases.await {
                    Ok((list, _)) if list.is_empty() => view! { <p class="nl-paragraph">{t!("Uw organisatie heeft nog geen zaken.", "Your organisation has no cases yet.")}</p> }.into_any(),
                    Ok((list, more)) => {
                        let current = page.get_untracked();
                        view! {
                            <ul class="bg-cases">
                                {list.into_iter().map(|case| view! { <CaseCard case=case on_delete=Callback::new(delete) /> }).collect_view()}
                            </ul>
                            <Pager current more page />
                        }.into_any()
                    }
                    Err(failure) => view! { <p class="bg-field__error" role="alert">{failure.message()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CaseCard(case: CaseSummary, on_delete: Callback<String>) -> impl IntoView {
    let is_draft = case.status == CaseStatus::Concept;
    let waits_for_consent = case.status == CaseStatus::WachtOpToestemming;
    let unread = case.ongelezen;
    let reference = case.referentie.clone();
    let name = case
        .burger_naam
        .clone()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| t!("Naam nog niet ingevuld", "Name not filled in yet").into());
    view! {
        <li class="bg-case">
            <h2 class="nl-heading nl-heading--level-3 bg-case__title">{name}</h2>
            <p class="bg-case__meta">{format!("{} · {}", case.referentie, case.status_titel)}{case.spoed.then_some(t!(" · Spoed", " · Urgent"))}</p>
            {(unread > 0).then(|| view! { <p class="bg-unread">{tf!("{unread} nieuw bericht(en)", "{unread} new message(s)")}</p> })}
            {case.verwijderd_na.map(|at| view! { <p class="bg-case__meta">{tf!("Verandert er niets? Dan verwijderen we dit concept op {}.", "If nothing changes, we delete this draft on {}.", date_in_words(at))}</p> })}
            {(!is_draft).then(|| {
                let reference = reference.clone();
                // The case page is in the case app (its own bundle): a page load.
                view! {
                    <div class="bg-actions">
                        <a class="nl-link" rel="external" href=format!("/zaken/{reference}")>{t!("Bekijken", "View")}<span class="bg-visually-hidden">{format!(" {reference}")}</span></a>
                    </div>
                }
            })}
            {waits_for_consent.then(|| {
                let reference = reference.clone();
                view! {
                    <div class="bg-actions">
                        <a class="nl-link" rel="external" href=format!("/zaken/{reference}/verstuurd")>{t!("Link voor toestemming maken", "Make a consent link")}<span class="bg-visually-hidden">{format!(" {reference}")}</span></a>
                    </div>
                }
            })}
            {is_draft.then(|| {
                let reference = reference.clone();
                let delete_reference = reference.clone();
                view! {
                    <div class="bg-actions">
                        <a class="nl-link" rel="external" href=format!("/zaken/{reference}/vraag/burger")>{t!("Verder invullen", "Continue filling in")}<span class="bg-visually-hidden">{format!(" {reference}")}</span></a>
                        <button type="button" class="utrecht-button utrecht-button--secondary-action bg-button--small"
                            on:click=move |_| on_delete.run(delete_reference.clone())>{t!("Verwijderen", "Delete")}<span class="bg-visually-hidden">{format!(" {reference}")}</span></button>
                    </div>
                }
            })}
        </li>
    }
}
