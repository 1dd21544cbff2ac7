//! `/status/nieuwe-code#CODE`: the citizen lost the personal code; the helper made this link.
//! The citizen confirms with the date of birth and sees a new code (the old one stops), and
//! goes on to the case signed in. The code travels after `#`, as with the consent link.

use leptos::prelude::*;
use leptos::task::spawn_local;
use model::api::NewAccessCode;
use model::FieldError;

use super::consent::{code_from_link, identify, YourCodes};
use crate::api::{self, ApiFailure};
use crate::components::error_summary::{error_of, summary_of, ErrorSummary};
use crate::components::fields::TextField;
use crate::components::notice::{focus_new_page, Problem};

#[component]
pub fn NewCodePage() -> impl IntoView {
    let code = RwSignal::new(code_from_link("/status/nieuwe-code"));
    let birth_date = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let made = RwSignal::new(None::<NewAccessCode>);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(input) = identify(code, birth_date, errors, problem) else {
            return;
        };
        busy.set(true);
        spawn_local(async move {
            match api::citizen_new_code(&input).await {
                Ok(answer) => {
                    made.set(Some(answer));
                    focus_new_page();
                }
                Err(ApiFailure::Refused(p)) if !p.errors.is_empty() => errors.set(p.errors),
                Err(failure) => problem.set(Some(failure.message())),
            }
            busy.set(false);
        });
    };
    let error_for = move |field: &'static str| error_of(errors, field);
    move || {
        match made.get() {
        Some(NewAccessCode { referentie, toegangscode }) => view! {
            <div class="bg-panel" role="status">
                <h1 class="nl-heading nl-heading--level-1">{t!("Uw nieuwe code is klaar", "Your new code is ready")}</h1>
                <p class="nl-paragraph">{t!("Uw oude code werkt niet meer.", "Your old code no longer works.")}</p>
            </div>
            <YourCodes reference=referentie code=toegangscode />
        }
        .into_any(),
        None => view! {
            <h1 class="nl-heading nl-heading--level-1">{t!("Een nieuwe persoonlijke code", "A new personal code")}</h1>
            <p class="nl-paragraph nl-paragraph--lead">{t!("Bent u uw code kwijt? Met deze link maakt u een nieuwe. Uw oude code werkt daarna niet meer.", "Lost your code? With this link you make a new one. After that your old code no longer works.")}</p>
            <p class="nl-paragraph">{t!("Eerst controleren we of u het bent. Vul uw geboortedatum in.", "First we check that it is you. Fill in your date of birth.")}</p>
            <ErrorSummary items=summary_of(errors) />
            {move || problem.get().map(|message| view! { <Problem message /> })}
            <form class="bg-form" on:submit=submit novalidate>
                <TextField id="geboortedatum" label=t!("Uw geboortedatum", "Your date of birth") hint=t!("Dag, maand en jaar. Bijvoorbeeld 15-03-1984.", "Day, month and year. For example 15-03-1984.")
                    autocomplete="bday" inputmode="numeric"
                    value=birth_date.into() error=error_for("geboortedatum") on_input=Callback::new(move |v| birth_date.set(v)) />
                <button class="utrecht-button utrecht-button--primary-action" type="submit" disabled=busy>{t!("Maak mijn nieuwe code", "Make my new code")}</button>
            </form>
        }
        .into_any(),
    }
    }
}
