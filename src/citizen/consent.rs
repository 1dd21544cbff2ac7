//! `/toestemming#CODE`: the citizen confirms it is them (date of birth), reads what consent
//! means, and answers. The code travels after `#`, so no server ever logs it; the page
//! removes it from the address bar once read.

use leptos::prelude::*;
use leptos::task::spawn_local;
use model::api::{ConsentAnswered, ConsentCheck, ConsentDecision, ConsentRequest};
use model::consent::{Besluit, CONSENT_TEXT};
use model::{Check, FieldError};

use crate::api::{self, ApiFailure};
use crate::components::error_summary::{error_of, summary_of, ErrorSummary};
use crate::components::fields::TextField;
use crate::components::notice::{focus_new_page, Problem, TermWarning};

#[derive(Clone)]
enum Stage {
    /// Who are you? Code (from the link) and date of birth.
    Identify,
    /// The question, with the text to read.
    Read(ConsentRequest),
    Answered(ConsentAnswered),
}

/// The code from the link's `#` part, removed from the address bar and the history entry
/// (`path`: the page's address without it).
pub(super) fn code_from_link(path: &str) -> String {
    let Some(window) = web_sys::window() else {
        return String::new();
    };
    let location = window.location();
    let code = location
        .hash()
        .unwrap_or_default()
        .trim_start_matches('#')
        .to_owned();
    if !code.is_empty() {
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path));
        }
    }
    code
}

/// The link's code and the date of birth as typed, checked here first: `None`, with the
/// errors shown, when one is wrong. Whether they belong together is the server's to say.
pub(super) fn identify(
    code: RwSignal<String>,
    birth_date: RwSignal<String>,
    errors: RwSignal<Vec<FieldError>>,
    problem: RwSignal<Option<String>>,
) -> Option<ConsentCheck> {
    errors.set(Vec::new());
    problem.set(None);
    let input = ConsentCheck {
        code: code.get_untracked(),
        geboortedatum: birth_date.get_untracked(),
    };
    match input.check() {
        Ok(_) => Some(input),
        Err(found) => {
            errors.set(found);
            None
        }
    }
}

#[component]
pub fn ConsentPage() -> impl IntoView {
    let code = RwSignal::new(code_from_link("/toestemming"));
    let code_from_link = !code.get_untracked().is_empty();
    let birth_date = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let stage = RwSignal::new(Stage::Identify);

    let fail = move |failure: ApiFailure| match failure {
        ApiFailure::Refused(p) if !p.errors.is_empty() => errors.set(p.errors),
        other => problem.set(Some(other.message())),
    };

    let check = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(input) = identify(code, birth_date, errors, problem) else {
            return;
        };
        busy.set(true);
        spawn_local(async move {
            match api::consent_check(&input).await {
                Ok(request) => {
                    stage.set(Stage::Read(request));
                    focus_new_page();
                }
                Err(failure) => fail(failure),
            }
            busy.set(false);
        });
    };

    let answer = move |besluit: Besluit| {
        problem.set(None);
        busy.set(true);
        let decision = ConsentDecision {
            code: code.get_untracked(),
            geboortedatum: birth_date.get_untracked(),
            versie: CONSENT_TEXT.version.to_owned(),
            besluit,
        };
        spawn_local(async move {
            match api::consent_decide(&decision).await {
                Ok(answered) => {
                    stage.set(Stage::Answered(answered));
                    focus_new_page();
                }
                Err(failure) => fail(failure),
            }
            busy.set(false);
        });
    };

    let error_for = move |field: &'static str| error_of(errors, field);

    move || {
        match stage.get() {
        Stage::Identify => view! {
            <h1 class="nl-heading nl-heading--level-1">"Toestemming geven voor uw zaak"</h1>
            <p class="nl-paragraph nl-paragraph--lead">"Uw hulpverlener wil uw zaak voorleggen aan de Belangenbehartiger. Dat mag alleen als u dat goed vindt."</p>
            <p class="nl-paragraph">"Eerst controleren we of u het bent. Vul uw geboortedatum in."</p>
            <ErrorSummary items=summary_of(errors) />
            {move || problem.get().map(|message| view! { <Problem message /> })}
            <form class="bg-form" on:submit=check novalidate>
                {(!code_from_link).then(|| view! {
                    <TextField id="code" label="Code" hint="Deze code kreeg u van uw hulpverlener. Bijvoorbeeld K7D3-FQ9M-X4TC."
                        value=code.into() error=error_for("code") on_input=Callback::new(move |v| code.set(v)) />
                })}
                <TextField id="geboortedatum" label="Uw geboortedatum" hint="Dag, maand en jaar. Bijvoorbeeld 15-03-1984."
                    autocomplete="bday" inputmode="numeric"
                    value=birth_date.into() error=error_for("geboortedatum") on_input=Callback::new(move |v| birth_date.set(v)) />
                <button class="utrecht-button utrecht-button--primary-action" type="submit" disabled=busy>"Verder"</button>
            </form>
        }
        .into_any(),
        Stage::Read(request) => view! {
            <h1 class="nl-heading nl-heading--level-1">"Geeft u toestemming?"</h1>
            <p class="nl-paragraph nl-paragraph--lead">{format!("{} vraagt uw toestemming om uw zaak voor te leggen aan de Belangenbehartiger.", request.organisatie)}</p>
            <p class="nl-paragraph">{format!("Zaaknummer: {}", request.referentie)}</p>
            {request.termijn.map(|until| view! { <TermWarning until=Some(until) /> })}
            {request.pauzeknop_gevraagd.then(|| view! {
                <p class="nl-paragraph">"U vroeg om de pauzeknop. Dat is een verzoek. Het zet niets stil. De Dienst kan ook gewoon doorgaan."</p>
            })}
            {CONSENT_TEXT.sections.iter().map(|section| view! {
                <h2 class="nl-heading nl-heading--level-2">{section.heading}</h2>
                {section.paragraphs.iter().map(|p| view! { <p class="nl-paragraph">{*p}</p> }).collect_view()}
            }).collect_view()}
            <p class="bg-hint">{format!("Versie van deze tekst: {}", CONSENT_TEXT.version)}</p>
            {move || problem.get().map(|message| view! { <Problem message /> })}
            <div class="bg-actions bg-actions--stacked">
                <button class="utrecht-button utrecht-button--primary-action" type="button" disabled=busy
                    on:click=move |_| answer(Besluit::Gegeven)>"Ik geef toestemming"</button>
                <button class="utrecht-button utrecht-button--secondary-action" type="button" disabled=busy
                    on:click=move |_| answer(Besluit::Geweigerd)>"Ik geef geen toestemming"</button>
            </div>
        }
        .into_any(),
        Stage::Answered(ConsentAnswered { referentie, toegangscode: Some(access), .. }) => view! {
            <div class="bg-panel" role="status">
                <h1 class="nl-heading nl-heading--level-1">"Bedankt. U heeft toestemming gegeven."</h1>
                <p class="nl-paragraph">"Uw zaak gaat nu naar de Belangenbehartiger."</p>
            </div>
            <YourCodes reference=referentie code=access />
        }
        .into_any(),
        Stage::Answered(_) => view! {
            <div class="bg-panel" role="status">
                <h1 class="nl-heading nl-heading--level-1">"U heeft geen toestemming gegeven"</h1>
                <p class="nl-paragraph">"Uw zaak gaat niet naar de Belangenbehartiger. Uw hulpverlener krijgt daarover bericht."</p>
            </div>
            <p class="nl-paragraph">"Wilt u toch hulp? Bespreek met uw hulpverlener wat u nu kunt doen."</p>
        }
        .into_any(),
    }
    }
}

/// The reference and the personal code, shown once, and the way on to the case (the citizen
/// is signed in already).
#[component]
pub(super) fn YourCodes(reference: String, code: String) -> impl IntoView {
    view! {
        <h2 class="nl-heading nl-heading--level-2">"Uw gegevens om de zaak te volgen"</h2>
        <p class="nl-paragraph">"Met deze twee gegevens ziet u hoe het met uw zaak gaat. Schrijf ze op. Of maak een foto van dit scherm. U ziet de code maar één keer."</p>
        <dl class="bg-codes">
            <dt>"Zaaknummer"</dt>
            <dd class="bg-reference" data-testid="zaaknummer">{reference}</dd>
            <dt>"Persoonlijke code"</dt>
            <dd class="bg-reference" data-testid="toegangscode">{code}</dd>
        </dl>
        <p class="nl-paragraph">"Tip: zet de pagina Uw zaak volgen op het beginscherm van uw telefoon. Dan vindt u hem snel terug."</p>
        <p class="nl-paragraph"><a class="utrecht-button utrecht-button--primary-action bg-button-link" href="/status">"Naar uw zaak"</a></p>
    }
}
