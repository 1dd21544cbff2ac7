//! Sent (`/zaken/:ref/verstuurd`): the reference, what happens now, and the consent handover:
//! a QR code and a link with a one-time code that the citizen opens on their own phone.

use leptos::prelude::*;
use leptos::task::spawn_local;
use model::api::ConsentInvitation;
use model::lifecycle::{Audience, CaseStatus};

use super::use_wizard;
use crate::api;

#[component]
pub fn Confirmation() -> impl IntoView {
    let wizard = use_wizard();
    let text = CaseStatus::WachtOpToestemming.explain(Audience::Hulpverlener);
    view! {
        <div class="bg-panel" role="status">
            <h1 class="nl-heading nl-heading--level-1">"De zaak is verstuurd"</h1>
            <p class="nl-paragraph">"Het zaaknummer is"</p>
            <p class="bg-reference" data-testid="zaaknummer">{wizard.reference.get_value()}</p>
        </div>
        <h2 class="nl-heading nl-heading--level-2">"Wat gebeurt er nu?"</h2>
        <p class="nl-paragraph">{text.meaning}</p>
        <p class="nl-paragraph">{text.next}</p>
        <p class="nl-paragraph">"De termijn voor bezwaar of beroep loopt door. Ook nu de zaak is verstuurd."</p>
        <ConsentHandover />
        <p class="nl-paragraph"><a class="nl-link" rel="external" href="/zaken">"Naar uw zaken"</a></p>
    }
}

#[component]
fn ConsentHandover() -> impl IntoView {
    let wizard = use_wizard();
    let link = RwSignal::new(None::<ConsentInvitation>);
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let make = move |_| {
        busy.set(true);
        problem.set(None);
        let reference = wizard.reference.get_value();
        spawn_local(async move {
            match api::consent_link(&reference).await {
                Ok(made) => link.set(Some(made)),
                Err(failure) => problem.set(Some(failure.message())),
            }
            busy.set(false);
        });
    };
    view! {
        <h2 class="nl-heading nl-heading--level-2">"Vraag de burger om toestemming"</h2>
        <p class="nl-paragraph">"De burger geeft toestemming op de eigen telefoon. Laat de burger de QR-code scannen. Of stuur de link zelf, bijvoorbeeld in een e-mail of WhatsApp-bericht. Heeft de burger een e-mailadres opgegeven? Dan mailen wij de link ook daarheen."</p>
        <p class="nl-paragraph">"De burger vult ook de geboortedatum in. Alleen wie de link en de geboortedatum heeft, kan antwoorden."</p>
        {move || problem.get().map(|message| view! { <p class="bg-field__error" role="alert">{message}</p> })}
        {move || link.get().map(|made| view! {
            <div class="bg-handover" data-testid="toestemmingslink">
                {made.gemaild.then(|| view! { <p class="nl-paragraph" role="status">"Wij hebben deze link ook gemaild naar het e-mailadres van de burger."</p> })}
                <img class="bg-handover__qr" src=made.qr_svg width="240" height="240"
                    alt="QR-code met de link naar de pagina om toestemming te geven" />
                <dl class="bg-codes">
                    <dt>"Link"</dt>
                    <dd class="bg-handover__link">{made.link.clone()}</dd>
                    <dt>"Code (als de burger de link niet kan openen: ga naar /toestemming en typ de code)"</dt>
                    <dd class="bg-reference">{made.code}</dd>
                    <dt>"Geldig tot en met"</dt>
                    <dd>{made.geldig_tot.in_words()}</dd>
                </dl>
                <CopyLink link=made.link />
                <p class="nl-paragraph">"U ziet deze link maar één keer. Maakt u een nieuwe link? Dan werkt de oude niet meer."</p>
            </div>
        })}
        <div class="bg-actions">
            <button class="utrecht-button utrecht-button--secondary-action" type="button" disabled=busy on:click=make>
                {move || if link.get().is_some() { "Maak een nieuwe link" } else { "Maak de link voor de burger" }}
            </button>
        </div>
    }
}

/// Copies the link, so the helper can paste it in their own message to the citizen.
#[component]
fn CopyLink(link: String) -> impl IntoView {
    let copied = RwSignal::new(None::<bool>);
    let copy = move |_| {
        let Some(window) = web_sys::window() else {
            return;
        };
        let promise = window.navigator().clipboard().write_text(&link);
        spawn_local(async move {
            let done = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
            copied.set(Some(done));
        });
    };
    view! {
        <div class="bg-actions">
            <button class="utrecht-button utrecht-button--secondary-action" type="button" on:click=copy>"Kopieer de link"</button>
        </div>
        <p class="nl-paragraph" role="status">{move || match copied.get() {
            Some(true) => "De link is gekopieerd. Plak hem in uw bericht aan de burger.",
            Some(false) => "Kopiëren lukte niet. Selecteer de link hierboven en kopieer hem zelf.",
            None => "",
        }}</p>
    }
}
