//! `/toestemming/niet-ik#CODE`: the link in the mail that confirms a consent, for a citizen
//! who did not give it. Opening the link changes nothing (mail scanners open links too); the
//! citizen presses the button, and the work on the case stops until staff found out who gave
//! the consent.

use leptos::prelude::*;
use leptos::task::spawn_local;
use model::api::{ConsentDispute, ConsentDisputed};
use model::{Check, FieldError};

use super::consent::code_from_link;
use crate::api::{self, ApiFailure};
use crate::components::error_summary::{error_of, summary_of, ErrorSummary};
use crate::components::fields::TextField;
use crate::components::notice::{focus_new_page, Problem};

#[component]
pub fn DisputePage() -> impl IntoView {
    let code = RwSignal::new(code_from_link("/toestemming/niet-ik"));
    let code_from_link = !code.get_untracked().is_empty();
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let done = RwSignal::new(None::<ConsentDisputed>);

    let report = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        errors.set(Vec::new());
        problem.set(None);
        let input = ConsentDispute {
            code: code.get_untracked(),
        };
        if let Err(found) = input.check() {
            errors.set(found);
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match api::consent_dispute(&input).await {
                Ok(answer) => {
                    done.set(Some(answer));
                    focus_new_page();
                }
                Err(ApiFailure::Refused(p)) if !p.errors.is_empty() => errors.set(p.errors),
                Err(other) => problem.set(Some(other.message())),
            }
            busy.set(false);
        });
    };

    move || {
        match done.get() {
        None => view! {
            <h1 class="nl-heading nl-heading--level-1">{t!("Gaf u geen toestemming?", "Did you not give consent?")}</h1>
            <p class="nl-paragraph nl-paragraph--lead">{t!("U kreeg een e-mail dat er toestemming is gegeven voor uw zaak. Was u dat niet? Meld het hier.", "You got an e-mail that consent was given for your case. Was that not you? Report it here.")}</p>
            <p class="nl-paragraph">{t!("Dan stopt het werk aan de zaak. Een medewerker van de Belangenbehartiger zoekt uit wie de toestemming gaf. Niemand kan intussen iets aan de zaak toevoegen.", "Then the work on the case stops. Someone from the Belangenbehartiger finds out who gave the consent. Meanwhile nobody can add anything to the case.")}</p>
            <p class="nl-paragraph">{t!("Was u het wel zelf? Dan hoeft u niets te doen. Sluit deze pagina.", "Was it you after all? Then you do not need to do anything. Close this page.")}</p>
            <ErrorSummary items=summary_of(errors) />
            {move || problem.get().map(|message| view! { <Problem message /> })}
            <form class="bg-form" on:submit=report novalidate>
                {(!code_from_link).then(|| view! {
                    <TextField id="code" label=t!("Code", "Code") hint=t!("De code staat aan het eind van de link in de e-mail. Bijvoorbeeld K7D3-FQ9M-X4TC.", "The code is at the end of the link in the e-mail. For example K7D3-FQ9M-X4TC.")
                        value=code.into() error=error_of(errors, "code") on_input=Callback::new(move |v| code.set(v)) />
                })}
                <button class="utrecht-button utrecht-button--primary-action" type="submit" disabled=busy>{t!("Ik gaf geen toestemming", "I did not give consent")}</button>
            </form>
        }
        .into_any(),
        Some(ConsentDisputed { referentie }) => view! {
            <div class="bg-panel" role="status">
                <h1 class="nl-heading nl-heading--level-1">{t!("Bedankt. Wij hebben uw melding.", "Thank you. We have your report.")}</h1>
                <p class="nl-paragraph">{tf!("Het werk aan zaak {referentie} staat stil. De Belangenbehartiger zoekt uit wie de toestemming gaf.", "The work on case {referentie} is on hold. The Belangenbehartiger finds out who gave the consent.")}</p>
            </div>
            <p class="nl-paragraph">{t!("U hoeft nu niets te doen. Wilt u toch hulp bij uw zaak? Vraag het aan een hulpverlener die u vertrouwt.", "You do not need to do anything now. Do you still want help with your case? Ask a social worker you trust.")}</p>
        }
        .into_any(),
    }
    }
}
