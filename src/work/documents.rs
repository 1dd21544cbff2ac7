//! The documents of a case on the case page: the list, adding files, and (for the helper)
//! inviting an intermediair to add documents to this one case.

use leptos::prelude::*;
use leptos::task::spawn_local;
use model::document::{DocumentInfo, DocumentSoort, IntermediaryInvitation, InviteIntermediary};
use model::{Check, FieldError};

use crate::api;
use crate::components::fields::TextField;
use crate::components::upload::{DocumentList, Uploader};

#[component]
pub fn Documents(
    reference: String,
    is_staff: bool,
    /// False once the case has ended, or while consent is checked: nothing can be added.
    open: bool,
    /// Consent is being checked (why nothing can be added now).
    #[prop(optional)]
    frozen: bool,
) -> impl IntoView {
    let list = RwSignal::new(Vec::<DocumentInfo>::new());
    let problem = RwSignal::new(None::<String>);
    let reference = StoredValue::new(reference);
    let load = move || {
        spawn_local(async move {
            match api::case_documents(&reference.get_value()).await {
                Ok(documents) => list.set(documents),
                Err(failure) => problem.set(Some(failure.message())),
            }
        });
    };
    load();
    let kinds: Vec<DocumentSoort> = DocumentSoort::ALL
        .into_iter()
        .filter(|k| {
            if is_staff {
                !k.helper_only()
            } else {
                !k.staff_only()
            }
        })
        .collect();
    view! {
        <section class="bg-no-print" aria-labelledby="documenten-kop">
            <h2 id="documenten-kop" class="nl-heading nl-heading--level-2">{t!("Documenten", "Documents")}</h2>
            {move || problem.get().map(|m| view! { <p class="bg-field__error" role="alert">{m}</p> })}
            <DocumentList documents=list.into() download_base="/api/documenten/" />
            {if open {
                view! {
                    <h3 class="nl-heading nl-heading--level-3">{t!("Documenten toevoegen", "Add documents")}</h3>
                    <Uploader endpoint=format!("/api/zaken/{}/documenten", reference.get_value()) kinds may_share=true
                        on_uploaded=Callback::new(move |()| load()) />
                    {(!is_staff).then(|| view! { <Invitations reference=reference.get_value() /> })}
                }.into_any()
            } else {
                view! { <p class="nl-paragraph">{if frozen {
                    t!("De toestemming wordt eerst gecontroleerd. Tot dan kunt u geen documenten toevoegen.", "The consent is checked first. Until then you cannot add documents.")
                } else {
                    t!("Deze zaak is afgesloten. U kunt geen documenten meer toevoegen.", "This case is closed. You can no longer add documents.")
                }}</p> }.into_any()
            }}
        </section>
    }
}

#[component]
fn Invitations(reference: String) -> impl IntoView {
    let list = RwSignal::new(Vec::<IntermediaryInvitation>::new());
    let made = RwSignal::new(None::<IntermediaryInvitation>);
    let name = RwSignal::new(String::new());
    let days = RwSignal::new("14".to_owned());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let reference = StoredValue::new(reference);
    let load = move || {
        spawn_local(async move {
            if let Ok(invitations) = api::invitations(&reference.get_value()).await {
                list.set(invitations);
            }
        });
    };
    load();
    let invite = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let input = InviteIntermediary {
            naam: name.get_untracked(),
            dagen: days.get_untracked().trim().parse().unwrap_or(0),
        };
        if let Err(found) = input.check() {
            errors.set(found);
            return;
        }
        spawn_local(async move {
            match api::invite(&reference.get_value(), &input).await {
                Ok(invitation) => {
                    errors.set(Vec::new());
                    name.set(String::new());
                    made.set(Some(invitation));
                    load();
                }
                Err(api::ApiFailure::Refused(p)) if !p.errors.is_empty() => errors.set(p.errors),
                Err(failure) => errors.set(vec![FieldError {
                    field: "uitnodiging-naam".into(),
                    message: failure.message(),
                }]),
            }
        });
    };
    let revoke = move |id: i64| {
        spawn_local(async move {
            let _ = api::revoke_invitation(&reference.get_value(), id).await;
            load();
        });
    };
    let error_for = move |field: &'static str| {
        Signal::derive(move || {
            errors
                .get()
                .into_iter()
                .find(|e| e.field == field || (field == "uitnodiging-naam" && e.field == "naam"))
                .map(|e| e.message)
        })
    };
    view! {
        <h3 class="nl-heading nl-heading--level-3">{t!("Iemand anders laten toevoegen", "Let someone else add documents")}</h3>
        <p class="nl-paragraph">{t!("Heeft een bewindvoerder of belastingadviseur stukken? Stuur een uitnodiging. Met de link kan die persoon alleen documenten toevoegen aan deze zaak. De rest van de zaak ziet die persoon niet.", "Does a financial administrator or tax adviser have documents? Send an invitation. With the link that person can only add documents to this case. That person does not see the rest of the case.")}</p>
        <form class="bg-form" on:submit=invite novalidate>
            <TextField id="uitnodiging-naam" label=t!("Wie nodigt u uit?", "Who do you invite?") hint=t!("Bijvoorbeeld: Bewindvoerder J. Jansen", "For example: Administrator J. Jansen")
                value=name.into() error=error_for("uitnodiging-naam") on_input=Callback::new(move |v| name.set(v)) />
            <TextField id="dagen" label=t!("Hoeveel dagen werkt de link?", "How many days does the link work?") hint=t!("1 tot 30 dagen.", "1 to 30 days.") inputmode="numeric"
                value=days.into() error=error_for("dagen") on_input=Callback::new(move |v| days.set(v)) />
            <button class="utrecht-button utrecht-button--secondary-action" type="submit">{t!("Uitnodiging maken", "Make invitation")}</button>
        </form>
        {move || made.get().and_then(|m| m.link).map(|link| view! {
            <div class="bg-handover" data-testid="uitnodigingslink">
                <p class="nl-paragraph">{t!("Stuur deze link naar de persoon die u uitnodigt. U ziet de link maar één keer. De link werkt één keer; daarna blijft die persoon ingelogd tot de einddatum.", "Send this link to the person you invite. You see the link only once. The link works once; after that the person stays signed in until the end date.")}</p>
                <p class="bg-handover__link">{link}</p>
            </div>
        })}
        <ul class="bg-documents">
            {move || list.get().into_iter().map(|i| {
                let state = if i.ingetrokken { "ingetrokken" } else if i.gebruikt { t!("in gebruik", "in use") } else { t!("nog niet geopend", "not opened yet") };
                let id = i.id;
                view! {
                    <li class="bg-document">
                        {tf!("{} · werkt tot en met {} · {state}", "{} · works up to and including {} · {state}", i.naam, i.geldig_tot.in_words())}
                        {(!i.ingetrokken).then(|| view! {
                            <button class="utrecht-button utrecht-button--subtle" type="button" on:click=move |_| revoke(id)>{tf!("Uitnodiging van {} intrekken", "Withdraw the invitation of {}", i.naam)}</button>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// Consent on paper, for a citizen without a phone or computer: print the form, have it
/// signed, add it as a document, then record it here. The access code is shown once, for
/// the helper to hand over on paper.
#[component]
pub fn PaperConsent(reference: String) -> impl IntoView {
    let answer = RwSignal::new(None::<Result<model::api::ConsentAnswered, String>>);
    let reference = StoredValue::new(reference);
    let record = move |_| {
        spawn_local(async move {
            let reference = reference.get_value();
            let forms = api::case_documents(&reference).await.unwrap_or_default();
            let document = forms
                .iter()
                .rev()
                .find(|d| d.soort == DocumentSoort::Toestemmingsformulier)
                .map(|d| d.id.clone())
                .unwrap_or_default();
            let result =
                api::paper_consent(&reference, &model::api::PaperConsent { document }).await;
            answer.set(Some(result.map_err(|failure| failure.message())));
        });
    };
    view! {
        <section class="bg-no-print" aria-labelledby="papier-kop">
            <h2 id="papier-kop" class="nl-heading nl-heading--level-2">{t!("Toestemming op papier", "Consent on paper")}</h2>
            <p class="nl-paragraph">{t!("Heeft de burger geen telefoon of computer? Dan kan de burger een formulier tekenen.", "Does the citizen have no phone or computer? Then the citizen can sign a form.")}</p>
            <ol class="bg-list">
                <li><a class="nl-link" rel="external" href="/toestemmingsformulier">{t!("Druk het toestemmingsformulier af", "Print the consent form")}</a>{t!(" en laat de burger het lezen en tekenen.", " and let the citizen read and sign it.")}</li>
                <li>{t!("Voeg het getekende formulier toe bij Documenten. Kies: Getekend toestemmingsformulier.", "Add the signed form under Documents. Choose: Signed consent form.")}</li>
                <li>{t!("Leg daarna de toestemming vast.", "Then record the consent.")}</li>
            </ol>
            {move || match answer.get() {
                Some(Ok(done)) => view! {
                    <div class="bg-handover" role="status" data-testid="papieren-toestemming">
                        <p class="nl-paragraph">{t!("Het formulier is verstuurd. Een medewerker van de Belangenbehartiger controleert het. Daarna wordt de zaak aangemeld. Geef de burger deze gegevens op papier. U ziet de code maar één keer.", "The form has been sent. Someone from the Belangenbehartiger checks it. After that the case is submitted. Give the citizen these details on paper. You see the code only once.")}</p>
                        <dl class="bg-codes">
                            <dt>{t!("Zaaknummer", "Case number")}</dt><dd class="bg-reference">{done.referentie}</dd>
                            <dt>{t!("Persoonlijke code", "Personal code")}</dt><dd class="bg-reference">{done.toegangscode.unwrap_or_default()}</dd>
                        </dl>
                    </div>
                }.into_any(),
                other => view! {
                    {other.and_then(Result::err).map(|message| view! { <p class="bg-field__error" role="alert">{message}</p> })}
                    <button class="utrecht-button utrecht-button--secondary-action" type="button" on:click=record>{t!("Toestemming vastleggen met het getekende formulier", "Record consent with the signed form")}</button>
                }.into_any(),
            }}
        </section>
    }
}
