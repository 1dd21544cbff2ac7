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
            <h1 class="nl-heading nl-heading--level-1">{t!("De zaak is verstuurd", "The case has been sent")}</h1>
            <p class="nl-paragraph">{t!("Het zaaknummer is", "The case number is")}</p>
            <p class="bg-reference" data-testid="zaaknummer">{wizard.reference.get_value()}</p>
        </div>
        <h2 class="nl-heading nl-heading--level-2">{t!("Wat gebeurt er nu?", "What happens now?")}</h2>
        <p class="nl-paragraph">{text.meaning}</p>
        <p class="nl-paragraph">{text.next}</p>
        <p class="nl-paragraph">{t!("De termijn voor bezwaar of beroep loopt door. Ook nu de zaak is verstuurd.", "The deadline for an objection or appeal keeps running. Also now that the case has been sent.")}</p>
        <ConsentHandover />
        <p class="nl-paragraph"><a class="nl-link" rel="external" href="/zaken">{t!("Naar uw zaken", "Go to your cases")}</a></p>
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
        <h2 class="nl-heading nl-heading--level-2">{t!("Vraag de burger om toestemming", "Ask the citizen for consent")}</h2>
        <p class="nl-paragraph">{t!("De burger geeft toestemming op de eigen telefoon. Laat de burger de QR-code scannen. Of stuur de link zelf, bijvoorbeeld in een e-mail of WhatsApp-bericht. Heeft de burger een e-mailadres opgegeven? Dan mailen wij de link ook daarheen.", "The citizen gives consent on their own phone. Let the citizen scan the QR code. Or send the link yourself, for example in an e-mail or WhatsApp message. Did the citizen give an e-mail address? Then we e-mail the link there too.")}</p>
        <p class="nl-paragraph">{t!("De burger vult ook de geboortedatum in. Alleen wie de link en de geboortedatum heeft, kan antwoorden.", "The citizen also fills in their date of birth. Only someone with the link and the date of birth can answer.")}</p>
        {move || problem.get().map(|message| view! { <p class="bg-field__error" role="alert">{message}</p> })}
        {move || link.get().map(|made| view! {
            <div class="bg-handover" data-testid="toestemmingslink">
                {made.gemaild.then(|| view! { <p class="nl-paragraph" role="status">{t!("Wij hebben deze link ook gemaild naar het e-mailadres van de burger.", "We also e-mailed this link to the citizen's e-mail address.")}</p> })}
                <img class="bg-handover__qr" src=made.qr_svg width="240" height="240"
                    alt=t!("QR-code met de link naar de pagina om toestemming te geven", "QR code with the link to the page for giving consent") />
                <dl class="bg-codes">
                    <dt>{t!("Link", "Link")}</dt>
                    <dd class="bg-handover__link">{made.link.clone()}</dd>
                    <dt>{t!("Code (als de burger de link niet kan openen: ga naar /toestemming en typ de code)", "Code (if the citizen cannot open the link: go to /toestemming and type the code)")}</dt>
                    <dd class="bg-reference">{made.code}</dd>
                    <dt>{t!("Geldig tot en met", "Valid up to and including")}</dt>
                    <dd>{made.geldig_tot.in_words()}</dd>
                </dl>
                <CopyLink link=made.link />
                <p class="nl-paragraph">{t!("U ziet deze link maar één keer. Maakt u een nieuwe link? Dan werkt de oude niet meer.", "You see this link only once. Do you make a new link? Then the old one no longer works.")}</p>
            </div>
        })}
        <div class="bg-actions">
            <button class="utrecht-button utrecht-button--secondary-action" type="button" disabled=busy on:click=make>
                {move || if link.get().is_some() { t!("Maak een nieuwe link", "Make a new link") } else { t!("Maak de link voor de burger", "Make the link for the citizen") }}
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
            <button class="utrecht-button utrecht-button--secondary-action" type="button" on:click=copy>{t!("Kopieer de link", "Copy the link")}</button>
        </div>
        <p class="nl-paragraph" role="status">{move || match copied.get() {
            Some(true) => t!("De link is gekopieerd. Plak hem in uw bericht aan de burger.", "The link has been copied. Paste it in your message to the citizen."),
            Some(false) => t!("Kopiëren lukte niet. Selecteer de link hierboven en kopieer hem zelf.", "Copying did not work. Select the link above and copy it yourself."),
            None => "",
        }}</p>
    }
}
