//! Handing a case to another casemanager: a recorded step with a reason. The reason is for
//! the staff (an internal note); helper and citizen read who their contact is now.

use leptos::prelude::*;
use leptos::task::spawn_local;
use model::assignment::{Colleague, Reassign};
use model::{Check, FieldError};

use crate::api::{self, ApiFailure};
use crate::components::error_summary::{error_of, ErrorSummary, SummaryItem};
use crate::components::fields::{SelectField, TextField};

/// The form's own ids: the step form on the same page has a `reden` too.
fn id_of(field: &str) -> &'static str {
    match field {
        "casemanager" => "toewijzen-casemanager",
        _ => "toewijzen-reden",
    }
}

#[component]
pub fn ReassignForm(reference: String, on_done: Callback<()>) -> impl IntoView {
    // A signal filled once (not a resource: its machinery would add to this bundle).
    let colleagues = RwSignal::new(Vec::new());
    spawn_local(async move {
        if let Ok(list) = api::colleagues().await {
            colleagues.set(list);
        }
    });
    let chosen = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let reference = StoredValue::new(reference);
    let options = Signal::derive(move || {
        let list: Vec<Colleague> = colleagues.get();
        let mut options = vec![(
            String::new(),
            t!("Kies een behandelaar", "Choose a handler").to_owned(),
        )];
        options.extend(list.into_iter().map(|c| {
            let teams = if c.teams.is_empty() {
                String::new()
            } else {
                format!(" ({})", c.teams.join(", "))
            };
            (c.id.to_string(), format!("{}{teams}", c.naam))
        }));
        options
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let body = Reassign {
            casemanager: chosen.get_untracked().parse().unwrap_or(0),
            reden: reason.get_untracked(),
        };
        if let Err(found) = body.check() {
            errors.set(found);
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match api::reassign(&reference.get_value(), &body).await {
                Ok(()) => {
                    errors.set(Vec::new());
                    on_done.run(());
                }
                Err(ApiFailure::Refused(p)) if !p.errors.is_empty() => errors.set(p.errors),
                Err(failure) => errors.set(vec![FieldError {
                    field: "casemanager".into(),
                    message: failure.message(),
                }]),
            }
            busy.set(false);
        });
    };
    view! {
        <section class="bg-step bg-no-print" aria-labelledby="toewijzen-kop">
            <h2 id="toewijzen-kop" class="nl-heading nl-heading--level-2">{t!("Toewijzen aan een andere casemanager", "Assign to another case manager")}</h2>
            <p class="nl-paragraph">{t!("De nieuwe casemanager en zijn of haar team kunnen de zaak daarna openen. De hulpverlener en de burger zien wie hun contact is. De reden lezen alleen medewerkers, bij de notities.", "The new case manager and their team can then open the case. The social worker and the citizen see who their contact is. Only staff read the reason, with the notes.")}</p>
            <ErrorSummary items=Signal::derive(move || errors.get().into_iter().map(|e| SummaryItem { href: format!("#{}", id_of(&e.field)), message: e.message }).collect()) />
            <form class="bg-form" on:submit=submit novalidate>
                <SelectField id="toewijzen-casemanager" label=t!("Nieuwe casemanager", "New case manager") options=options
                    value=chosen.into() error=error_of(errors, "casemanager") on_change=Callback::new(move |v| chosen.set(v)) />
                <TextField id="toewijzen-reden" label=t!("Waarom geeft u de zaak door?", "Why do you pass on the case?") multiline=true
                    hint=t!("Bijvoorbeeld: ik ben drie weken met verlof. Minstens 10 tekens.", "For example: I am on leave for three weeks. At least 10 characters.")
                    value=reason.into() error=error_of(errors, "reden") on_input=Callback::new(move |v| reason.set(v)) />
                <button class="utrecht-button utrecht-button--secondary-action" type="submit" disabled=busy>{t!("Zaak toewijzen", "Assign case")}</button>
            </form>
        </section>
    }
}
