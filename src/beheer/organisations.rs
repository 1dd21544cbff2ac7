//! Partner organisations (`/beheer/organisaties`, one at `/beheer/organisaties/:id`): name,
//! kind, the contact line the citizen sees, and whether its helpers can sign in. An
//! organisation is never deleted (its cases refer to it); it is switched off.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use model::beheer::{Organisation, OrganisationInput, OrganisationKind};
use model::{Check, FieldError};

use super::{load_failed, loading, take_notice, ChangeNotice, Notice};
use crate::api::{beheer, ApiFailure};
use crate::components::error_summary::{error_of, summary_of, ErrorSummary};
use crate::components::fields::{ChoiceGroup, SelectField, TextField};

#[component]
pub fn Organisations() -> impl IntoView {
    let notice = RwSignal::new(take_notice());
    let version = RwSignal::new(0u32);
    let list = LocalResource::new(move || {
        version.track();
        beheer::organisations()
    });
    let created = Callback::new(move |message: String| {
        notice.set(Some(message));
        version.update(|v| *v += 1);
    });
    view! {
        <h1 class="nl-heading nl-heading--level-1">{t!("Organisaties", "Organisations")}</h1>
        <ChangeNotice text=notice.into() />
        <p class="nl-paragraph">{t!("De organisaties van de hulpverleners. Een hulpverlener ziet alleen de zaken van de eigen organisatie.", "The organisations of the social workers. A social worker only sees the cases of their own organisation.")}</p>
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) if list.is_empty() => view! { <p class="nl-paragraph">{t!("Er zijn nog geen organisaties. Maak hieronder de eerste.", "There are no organisations yet. Make the first one below.")}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="bg-cases" data-testid="organisaties">
                            {list.into_iter().map(|org| view! {
                                <li class="bg-case">
                                    <h2 class="nl-heading nl-heading--level-3 bg-case__title">
                                        <A href=format!("/beheer/organisaties/{}", org.id) attr:class="nl-link">{org.naam.clone()}</A>
                                    </h2>
                                    <p class="nl-paragraph bg-case__meta">
                                        {org.soort.label()}
                                        {tf!(" · {} zaken · {} accounts", " · {} cases · {} accounts", org.zaken, org.accounts)}
                                        {(!org.actief).then_some(t!(" · Uitgezet", " · Switched off"))}
                                    </p>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(failure) => load_failed(failure),
                }
            })}
        </Suspense>
        <h2 class="nl-heading nl-heading--level-2">{t!("Nieuwe organisatie", "New organisation")}</h2>
        <OrganisationForm existing=None on_created=created />
    }
}

#[component]
pub fn OrganisationPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let list = LocalResource::new(beheer::organisations);
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) => match list.into_iter().find(|org| Some(org.id) == id()) {
                        Some(org) => view! {
                            <h1 class="nl-heading nl-heading--level-1">{org.naam.clone()}</h1>
                            <p class="nl-paragraph">{tf!("{} zaken · {} accounts", "{} cases · {} accounts", org.zaken, org.accounts)}</p>
                            <OrganisationForm existing=Some(org) />
                            <p class="nl-paragraph"><A href="/beheer/organisaties" attr:class="nl-link">{t!("Terug naar de organisaties", "Back to the organisations")}</A></p>
                        }.into_any(),
                        None => view! {
                            <h1 class="nl-heading nl-heading--level-1">{t!("Deze organisatie bestaat niet", "This organisation does not exist")}</h1>
                            <p class="nl-paragraph"><A href="/beheer/organisaties" attr:class="nl-link">{t!("Terug naar de organisaties", "Back to the organisations")}</A></p>
                        }.into_any(),
                    },
                    Err(failure) => load_failed(failure),
                }
            })}
        </Suspense>
    }
}

/// A new organisation (`existing` is `None`) or a change to one.
#[component]
fn OrganisationForm(
    existing: Option<Organisation>,
    /// A new organisation was made (the message to show).
    #[prop(optional)]
    on_created: Option<Callback<String>>,
) -> impl IntoView {
    let id = existing.as_ref().map(|org| org.id);
    let name = RwSignal::new(
        existing
            .as_ref()
            .map(|org| org.naam.clone())
            .unwrap_or_default(),
    );
    let kind = RwSignal::new(
        existing
            .as_ref()
            .map(|org| org.soort.as_str().to_owned())
            .unwrap_or_default(),
    );
    let contact = RwSignal::new(
        existing
            .as_ref()
            .and_then(|org| org.contact.clone())
            .unwrap_or_default(),
    );
    let active = RwSignal::new(existing.as_ref().is_none_or(|org| org.actief));
    let two_factor = RwSignal::new(
        existing
            .as_ref()
            .is_some_and(|org| org.tweede_factor_verplicht),
    );
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let navigate = use_navigate();
    let notice = Notice::here();
    let mut kinds = vec![(
        String::new(),
        t!(
            "Kies het soort organisatie",
            "Choose the kind of organisation"
        )
        .to_owned(),
    )];
    kinds.extend(
        OrganisationKind::ALL
            .iter()
            .map(|k| (k.as_str().to_owned(), k.label().to_owned())),
    );
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(soort) = OrganisationKind::parse(&kind.get_untracked()) else {
            let mut found = OrganisationInput {
                naam: name.get_untracked(),
                soort: OrganisationKind::Anders,
                contact: None,
                actief: true,
                tweede_factor_verplicht: false,
            }
            .check()
            .err()
            .unwrap_or_default();
            found.push(FieldError {
                field: "soort".into(),
                message: t!(
                    "Kies het soort organisatie.",
                    "Choose the kind of organisation."
                )
                .into(),
            });
            errors.set(found);
            return;
        };
        let input = OrganisationInput {
            naam: name.get_untracked(),
            soort,
            contact: Some(contact.get_untracked()),
            actief: active.get_untracked(),
            tweede_factor_verplicht: two_factor.get_untracked(),
        };
        if let Err(found) = input.check() {
            errors.set(found);
            return;
        }
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            let saved = match id {
                Some(id) => beheer::update_organisation(id, &input).await,
                None => beheer::create_organisation(&input).await,
            };
            match saved {
                Ok(_) => {
                    let message = tf!(
                        "De organisatie {} is opgeslagen.",
                        "The organisation {} has been saved.",
                        input.naam.trim()
                    );
                    if id.is_some() {
                        notice.say(message);
                        navigate("/beheer/organisaties", Default::default());
                    } else {
                        // Made on the list's own page: the list reloads, the form empties.
                        errors.set(Vec::new());
                        name.set(String::new());
                        kind.set(String::new());
                        contact.set(String::new());
                        two_factor.set(false);
                        if let Some(saved) = on_created {
                            saved.run(message);
                        }
                    }
                }
                Err(ApiFailure::Refused(problem)) if !problem.errors.is_empty() => {
                    errors.set(problem.errors)
                }
                Err(failure) => errors.set(vec![FieldError {
                    field: "naam".into(),
                    message: failure.message(),
                }]),
            }
            busy.set(false);
        });
    };
    view! {
        <ErrorSummary items=summary_of(errors) />
        <form class="bg-form" on:submit=submit novalidate>
            <TextField id="naam" label=t!("Naam van de organisatie", "Name of the organisation") autocomplete="organization" value=name.into()
                error=error_of(errors, "naam") on_input=Callback::new(move |v| name.set(v)) />
            <SelectField id="soort" label=t!("Soort organisatie", "Kind of organisation") hint=t!("Voor de cijfers: hoeveel zaken komen van welk soort organisatie.", "For the figures: how many cases come from which kind of organisation.")
                options=Signal::stored(kinds) value=kind.into() error=error_of(errors, "soort")
                on_change=Callback::new(move |v| kind.set(v)) />
            <TextField id="contact" label=t!("Contact voor de burger (niet verplicht)", "Contact for the citizen (optional)")
                hint=t!("De burger ziet deze regel bij de eigen zaak, zoals u hem schrijft. Bijvoorbeeld: bel 030 123 45 67 op werkdagen van 9 tot 12 uur.", "The citizen sees this line with their own case, as you write it. For example: call 030 123 45 67 on working days from 9 to 12.")
                value=contact.into() error=error_of(errors, "contact") on_input=Callback::new(move |v| contact.set(v)) />
            <ChoiceGroup id="tweede_factor_verplicht" legend=t!("Moeten de hulpverleners inloggen met een code uit een app?", "Must the social workers sign in with a code from an app?")
                hint=t!("Na het wachtwoord typen ze dan ook een code uit een app op hun telefoon. Dat is veiliger.", "After the password they then also type a code from an app on their phone. That is safer.")
                options=vec![t!("Ja", "Yes").into(), t!("Nee, het wachtwoord is genoeg", "No, the password is enough").into()]
                checked=Callback::new(move |i: usize| two_factor.get() == (i == 0))
                on_toggle=Callback::new(move |i: usize| two_factor.set(i == 0))
                error=Signal::derive(|| None) />
            {id.is_some().then(|| view! {
                <ChoiceGroup id="actief" legend=t!("Kunnen de hulpverleners van deze organisatie inloggen?", "Can the social workers of this organisation sign in?")
                    hint=t!("Zet u dit op nee, dan worden ze meteen uitgelogd. De zaken blijven bewaard.", "If you set this to no, they are signed out at once. The cases are kept.")
                    options=vec![t!("Ja", "Yes").into(), t!("Nee, de organisatie is uitgezet", "No, the organisation is switched off").into()]
                    checked=Callback::new(move |i: usize| active.get() == (i == 0))
                    on_toggle=Callback::new(move |i: usize| active.set(i == 0))
                    error=Signal::derive(|| None) />
            })}
            <button class="utrecht-button utrecht-button--primary-action" type="submit" disabled=busy>
                {if id.is_some() { t!("Opslaan", "Save") } else { t!("Organisatie maken", "Make organisation") }}
            </button>
        </form>
    }
}
