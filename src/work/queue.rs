//! `/backoffice`: the Belangenbehartiger's work list. Only cases the citizen consented to and
//! that have not ended (unless asked for); the term that ends first on top, then spoed, then
//! the longest waiting (the server filters, sorts and pages). No names, no search over BSN.

use leptos::prelude::*;
use model::domain::days_ago;
use model::lifecycle::Role;
use model::worklist::{term_is_near, WorkFilter, WorkItem, WorkOrder};

use crate::api;
use crate::components::fields::SelectField;
use crate::components::sign_out::SignOutButton;
use crate::session::{use_session, RequireSignIn};
use crate::today::{days_since, today};

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
                <h1 class="nl-heading nl-heading--level-1">{t!("Alleen voor de Belangenbehartiger", "Only for the Belangenbehartiger")}</h1>
                <p class="nl-paragraph">{t!("Deze pagina is voor medewerkers van de Belangenbehartiger. Uw eigen zaken vindt u bij Uw zaken.", "This page is for staff of the Belangenbehartiger. You find your own cases under Your cases.")}</p>
                <p class="nl-paragraph"><a class="nl-link" rel="external" href="/zaken">{t!("Naar uw zaken", "Go to your cases")}</a></p>
            }
            .into_any()
        }
    }
}

#[component]
fn QueueList() -> impl IntoView {
    let filter = RwSignal::new(WorkFilter::default());
    let order = RwSignal::new(WorkOrder::default());
    let page = RwSignal::new(1i64);
    let list = LocalResource::new(move || api::work_list(filter.get(), order.get(), page.get()));
    let filters = WorkFilter::ALL
        .iter()
        .map(|(f, label)| (f.key().to_owned(), label.get().to_owned()))
        .collect::<Vec<_>>();
    let orders = WorkOrder::ALL
        .iter()
        .map(|(o, label)| (o.key().to_owned(), label.get().to_owned()))
        .collect::<Vec<_>>();
    view! {
        <h1 class="nl-heading nl-heading--level-1">{t!("Werkvoorraad", "Work list")}</h1>
        <p class="nl-paragraph">{t!("Zaken met toestemming van de burger. Bovenaan staat de termijn die het eerst afloopt, daarna spoed, daarna de zaak die het langst wacht. Afgesloten zaken staan hier niet; kies daarvoor het filter Beëindigde zaken.", "Cases with the citizen's consent. At the top is the deadline that ends first, then urgency, then the case waiting longest. Closed cases are not here; for those, choose the filter Ended cases.")}</p>
        <div class="bg-actions"><SignOutButton /></div>
        <div class="bg-form bg-filters">
            <SelectField id="filter" label=t!("Welke zaken?", "Which cases?") options=Signal::stored(filters)
                value=Signal::derive(move || filter.get().key().to_owned()) error=Signal::derive(|| None)
                on_change=Callback::new(move |key: String| {
                    filter.set(WorkFilter::parse(&key).unwrap_or_default());
                    page.set(1);
                }) />
            <SelectField id="sortering" label=t!("Volgorde", "Order") options=Signal::stored(orders)
                value=Signal::derive(move || order.get().key().to_owned()) error=Signal::derive(|| None)
                on_change=Callback::new(move |key: String| {
                    order.set(WorkOrder::parse(&key).unwrap_or_default());
                    page.set(1);
                }) />
        </div>
        <Suspense fallback=|| view! { <p class="nl-paragraph" role="status">{t!("De zaken worden geladen.", "The cases are loading.")}</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) if list.zaken.is_empty() => view! {
                        <Withdrawn references=list.kort_geleden_ingetrokken />
                        <p class="nl-paragraph" role="status">{t!("Er zijn geen zaken bij dit filter.", "There are no cases with this filter.")}</p>
                    }.into_any(),
                    Ok(list) => {
                        let withdrawn = list.kort_geleden_ingetrokken.clone();
                        let (current, last) = (list.pagina, list.paginas);
                        view! {
                            <Withdrawn references=withdrawn />
                            <p class="nl-paragraph" role="status">{tf!("{} zaken · pagina {current} van {last}", "{} cases · page {current} of {last}", list.totaal)}</p>
                            <ul class="bg-cases" data-testid="wachtrij">
                                {list.zaken.into_iter().map(|case| view! { <WorkLine case /> }).collect_view()}
                            </ul>
                            <nav class="bg-actions" aria-label=t!("Pagina's", "Pages")>
                                {(current > 1).then(|| view! { <button class="utrecht-button utrecht-button--secondary-action" type="button" on:click=move |_| page.set(current - 1)>{t!("Vorige pagina", "Previous page")}</button> })}
                                {(current < last).then(|| view! { <button class="utrecht-button utrecht-button--secondary-action" type="button" on:click=move |_| page.set(current + 1)>{t!("Volgende pagina", "Next page")}</button> })}
                            </nav>
                        }.into_any()
                    }
                    Err(failure) => view! { <p class="bg-field__error" role="alert">{failure.message()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The reader's own cases whose citizen withdrew consent lately: the work on them stops.
#[component]
fn Withdrawn(references: Vec<String>) -> impl IntoView {
    (!references.is_empty()).then(|| {
        view! {
            <div class="utrecht-alert bg-alert" role="note" data-testid="ingetrokken">
                <div class="utrecht-alert__content"><div class="utrecht-alert__message">
                    <h2 class="nl-heading nl-heading--level-3">{t!("Toestemming ingetrokken", "Consent withdrawn")}</h2>
                    <p class="nl-paragraph">{tf!("De burger trok de toestemming in bij uw zaak {}. Het werk aan die zaak stopt. U ziet alleen nog de stappen en de data.", "The citizen withdrew the consent for your case {}. The work on that case stops. You only see the steps and the dates.", references.join(", "))}</p>
                </div></div>
            </div>
        }
    })
}

/// One case in the work list: what it is about, what makes it urgent, whose it is.
#[component]
fn WorkLine(case: WorkItem) -> impl IntoView {
    let in_state = days_ago(days_since(case.sinds));
    let term = case.termijn.map(|end| {
        if term_is_near(end, today()) {
            tf!(
                "Let op: de termijn loopt af op {}",
                "Note: the deadline ends on {}",
                end.in_words()
            )
        } else {
            tf!(
                "Termijn loopt tot {}",
                "Deadline runs until {}",
                end.in_words()
            )
        }
    });
    let near = case.termijn.is_some_and(|end| term_is_near(end, today()));
    let about = [case.dienst.clone(), case.onderwerpen.join(", ")]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    let mut flags = Vec::new();
    if !case.spoed.is_empty() {
        flags.push(tf!("Spoed: {}", "Urgent: {}", case.spoed.join(", ")));
    }
    if case.ongelezen > 0 {
        flags.push(tf!(
            "{} nieuw bericht(en)",
            "{} new message(s)",
            case.ongelezen
        ));
    }
    if case.contact_gevraagd {
        flags.push(t!("Contact gevraagd", "Contact asked for").to_owned());
    }
    let whose = match (&case.casemanager, case.eigen) {
        (Some(name), true) => tf!("Casemanager: {name}", "Case manager: {name}"),
        (Some(name), false) => tf!(
            "Casemanager: {name} · niet van u of uw team",
            "Case manager: {name} · not yours or your team's"
        ),
        (None, true) => t!(
            "Nog niemand in behandeling: voor uw triage",
            "Nobody handling it yet: for your triage"
        )
        .to_owned(),
        (None, false) => t!(
            "Nog niemand in behandeling · niet van u of uw team",
            "Nobody handling it yet · not yours or your team's"
        )
        .to_owned(),
    };
    view! {
        <li class="bg-case">
            <h2 class="nl-heading nl-heading--level-3 bg-case__title">
                // The case page is another bundle: a page load.
                <a href=format!("/backoffice/zaken/{}", case.referentie) class="nl-link" rel="external">{case.referentie.clone()}</a>
            </h2>
            <p class="bg-case__meta">{case.status_titel.clone()}{tf!(" · in deze stand sinds {in_state}", " · in this state since {in_state}")}</p>
            {(!about.is_empty()).then(|| view! { <p class="bg-case__meta">{about}</p> })}
            {term.map(|text| view! { <p class="bg-flags" class:bg-field__error=near>{text}</p> })}
            {(!flags.is_empty()).then(|| view! { <p class="bg-flags">{flags.join(" · ")}</p> })}
            <p class="bg-case__meta">{whose}</p>
        </li>
    }
}
