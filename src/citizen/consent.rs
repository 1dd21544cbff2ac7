//! `/toestemming#CODE`: the citizen confirms it is them (date of birth), reads what consent
//! means, and answers. The code travels after `#`, so no server ever logs it; the page
//! removes it from the address bar once read.

use leptos::prelude::*;
use leptos::task::spawn_local;
use model::api::{ConsentAnswered, ConsentCheck, ConsentDecision, ConsentRequest};
use model::consent::{consent_text, Besluit};
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
    crate::link_secret::take(path, crate::link_secret::OnSwitch::Keep)
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
            versie: consent_text(crate::i18n::LANG).version.to_owned(),
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
            <h1 class="nl-heading nl-heading--level-1">{t!("Toestemming geven voor uw zaak", "Give consent for your case")}</h1>
            <p class="nl-paragraph nl-paragraph--lead">{t!("Uw hulpverlener wil uw zaak voorleggen aan de Belangenbehartiger. Dat mag alleen als u dat goed vindt.", "Your social worker wants to bring your case to the Belangenbehartiger. That is only allowed if you agree.")}</p>
            <p class="nl-paragraph">{t!("Eerst controleren we of u het bent. Vul uw geboortedatum in.", "First we check that it is you. Fill in your date of birth.")}</p>
            <ErrorSummary items=summary_of(errors) />
            {move || problem.get().map(|message| view! { <Problem message /> })}
            <form class="bg-form" on:submit=check novalidate>
                {(!code_from_link).then(|| view! {
                    <TextField id="code" label=t!("Code", "Code") hint=t!("Deze code kreeg u van uw hulpverlener. Bijvoorbeeld K7D3-FQ9M-X4TC.", "You got this code from your social worker. For example K7D3-FQ9M-X4TC.")
                        value=code.into() error=error_for("code") on_input=Callback::new(move |v| code.set(v)) />
                })}
                <TextField id="geboortedatum" label=t!("Uw geboortedatum", "Your date of birth") hint=t!("Dag, maand en jaar. Bijvoorbeeld 15-03-1984.", "Day, month and year. For example 15-03-1984.")
                    autocomplete="bday" inputmode="numeric"
                    value=birth_date.into() error=error_for("geboortedatum") on_input=Callback::new(move |v| birth_date.set(v)) />
                <button class="utrecht-button utrecht-button--primary-action" type="submit" disabled=busy>{t!("Verder", "Continue")}</button>
            </form>
        }
        .into_any(),
        Stage::Read(request) => {
            let consent = consent_text(crate::i18n::LANG);
            view! {
            <h1 class="nl-heading nl-heading--level-1">{t!("Geeft u toestemming?", "Do you give consent?")}</h1>
            <p class="nl-paragraph nl-paragraph--lead">{tf!("{} vraagt uw toestemming om uw zaak voor te leggen aan de Belangenbehartiger.", "{} asks for your consent to bring your case to the Belangenbehartiger.", request.organisatie)}</p>
            <p class="nl-paragraph">{tf!("Zaaknummer: {}", "Case number: {}", request.referentie)}</p>
            {request.termijn.map(|until| view! { <TermWarning until=Some(until) /> })}
            {request.pauzeknop_gevraagd.then(|| view! {
                <p class="nl-paragraph">{t!("U vroeg om de pauzeknop. Dat is een verzoek. Het zet niets stil. De Dienst kan ook gewoon doorgaan.", "You asked for the pause button. That is a request. It does not stop anything. The service can also just go on.")}</p>
            })}
            {consent.sections.iter().map(|section| view! {
                <h2 class="nl-heading nl-heading--level-2">{section.heading}</h2>
                {section.paragraphs.iter().map(|p| view! { <p class="nl-paragraph">{*p}</p> }).collect_view()}
            }).collect_view()}
            <p class="bg-hint">{tf!("Versie van deze tekst: {}", "Version of this text: {}", consent.version)}</p>
            {move || problem.get().map(|message| view! { <Problem message /> })}
            <div class="bg-actions bg-actions--stacked">
                <button class="utrecht-button utrecht-button--primary-action" type="button" disabled=busy
                    on:click=move |_| answer(Besluit::Gegeven)>{t!("Ik geef toestemming", "I give consent")}</button>
                <button class="utrecht-button utrecht-button--secondary-action" type="button" disabled=busy
                    on:click=move |_| answer(Besluit::Geweigerd)>{t!("Ik geef geen toestemming", "I do not give consent")}</button>
            </div>
            }
            .into_any()
        }
        Stage::Answered(ConsentAnswered { referentie, toegangscode: Some(access), .. }) => view! {
            <div class="bg-panel" role="status">
                <h1 class="nl-heading nl-heading--level-1">{t!("Bedankt. U heeft toestemming gegeven.", "Thank you. You gave consent.")}</h1>
                <p class="nl-paragraph">{t!("Uw zaak gaat nu naar de Belangenbehartiger.", "Your case now goes to the Belangenbehartiger.")}</p>
            </div>
            <YourCodes reference=referentie code=access />
        }
        .into_any(),
        Stage::Answered(_) => view! {
            <div class="bg-panel" role="status">
                <h1 class="nl-heading nl-heading--level-1">{t!("U heeft geen toestemming gegeven", "You did not give consent")}</h1>
                <p class="nl-paragraph">{t!("Uw zaak gaat niet naar de Belangenbehartiger. Uw hulpverlener krijgt daarover bericht.", "Your case does not go to the Belangenbehartiger. Your social worker gets a message about it.")}</p>
            </div>
            <p class="nl-paragraph">{t!("Wilt u toch hulp? Bespreek met uw hulpverlener wat u nu kunt doen.", "Do you still want help? Talk with your social worker about what you can do now.")}</p>
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
        <h2 class="nl-heading nl-heading--level-2">{t!("Uw gegevens om de zaak te volgen", "Your details to follow the case")}</h2>
        <p class="nl-paragraph">{t!("Met deze twee gegevens ziet u hoe het met uw zaak gaat. Schrijf ze op. Of maak een foto van dit scherm. U ziet de code maar één keer.", "With these two details you can see how your case is going. Write them down. Or take a photo of this screen. You see the code only once.")}</p>
        <dl class="bg-codes">
            <dt>{t!("Zaaknummer", "Case number")}</dt>
            <dd class="bg-reference" data-testid="zaaknummer">{reference}</dd>
            <dt>{t!("Persoonlijke code", "Personal code")}</dt>
            <dd class="bg-reference" data-testid="toegangscode">{code}</dd>
        </dl>
        <p class="nl-paragraph">{t!("Tip: zet de pagina Uw zaak volgen op het beginscherm van uw telefoon. Dan vindt u hem snel terug.", "Tip: put the page Follow your case on the home screen of your phone. Then you find it again quickly.")}</p>
        <p class="nl-paragraph"><a class="utrecht-button utrecht-button--primary-action bg-button-link" href="/status">{t!("Naar uw zaak", "Go to your case")}</a></p>
    }
}
