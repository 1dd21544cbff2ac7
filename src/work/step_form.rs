//! The staff's next step on a case. Only the steps the state machine allows from here are
//! offered (the server checks again). Every step carries the messages the helper and the
//! citizen will read: prefilled from the plain-language text of the next state, editable.

use leptos::prelude::*;
use leptos::task::spawn_local;
use model::api::StepRequest;
use model::lifecycle::{Audience, CaseEvent, CaseStatus, Role};
use model::step::StepContext;
use model::FieldError;

use crate::api::{self, ApiFailure, CaseFollow};
use crate::components::error_summary::{error_of, ErrorSummary, SummaryItem};
use crate::components::fields::TextField;
use crate::components::notice::focus_new_page;
use crate::today::{date_of, today};

#[component]
pub fn StepForm(
    status: CaseStatus,
    reference: String,
    /// When the case was made (Unix seconds): no step's date lies before it.
    created: i64,
    /// The case after the step; `None` when staff no longer see it.
    on_done: Callback<Option<CaseFollow>>,
) -> impl IntoView {
    let steps: Vec<(CaseEvent, CaseStatus)> = CaseEvent::staff_steps()
        .into_iter()
        .filter_map(|event| {
            status
                .apply(event, Role::Behandelaar)
                .ok()
                .map(|to| (event, to))
        })
        .collect();
    if steps.is_empty() {
        return view! {
            <h2 class="nl-heading nl-heading--level-2">{t!("Volgende stap", "Next step")}</h2>
            <p class="nl-paragraph">{t!("Bij deze zaak is geen stap meer mogelijk.", "No more steps are possible for this case.")}</p>
        }
        .into_any();
    }
    let chosen = RwSignal::new(None::<usize>);
    let for_helper = RwSignal::new(String::new());
    let for_citizen = RwSignal::new(String::new());
    let date = RwSignal::new(String::new());
    let reasons = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let steps = StoredValue::new(steps);

    let choose = move |index: usize| {
        chosen.set(Some(index));
        let (_, to) = steps.with_value(|s| s[index]);
        for_helper.set(to.explain(Audience::Hulpverlener).meaning);
        for_citizen.set(to.explain(Audience::Burger).meaning);
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(index) = chosen.get_untracked() else {
            errors.set(vec![FieldError {
                field: "stap-0".into(),
                message: t!("Kies de stap die u zet.", "Choose the step you take.").into(),
            }]);
            return;
        };
        let (event, _) = steps.with_value(|s| s[index]);
        let request = StepRequest {
            stap: event,
            bericht_hulpverlener: for_helper.get_untracked(),
            bericht_burger: for_citizen.get_untracked(),
            datum: event.needs_date().then(|| date.get_untracked()),
            reden: event.needs_reasons().then(|| reasons.get_untracked()),
        };
        // The same check the server makes, so every wrong field shows at once.
        let context = StepContext {
            today: today(),
            case_created: date_of(created),
        };
        if let Err(found) = request.check(context) {
            errors.set(found);
            return;
        }
        busy.set(true);
        errors.set(Vec::new());
        let reference = reference.clone();
        spawn_local(async move {
            match api::step(&reference, &request).await {
                Ok(next) => {
                    on_done.run(next);
                    focus_new_page();
                }
                Err(ApiFailure::Refused(p)) if !p.errors.is_empty() => errors.set(p.errors),
                Err(failure) => errors.set(vec![FieldError {
                    field: "stap-0".into(),
                    message: failure.message(),
                }]),
            }
            busy.set(false);
        });
    };
    let error_for = move |field: &'static str| error_of(errors, field);
    let needs_date = move || {
        chosen
            .get()
            .is_some_and(|i| steps.with_value(|s| s[i].0.needs_date()))
    };
    let reasons_label = move || {
        chosen.get().and_then(|i| {
            steps.with_value(|s| s[i].0.needs_reasons().then(|| s[i].0.reasons_title()))
        })
    };
    let field_id = |field: &str| match field {
        "bericht_hulpverlener" | "bericht_burger" | "datum" | "reden" => field.to_owned(),
        _ => "stap-0".to_owned(),
    };
    view! {
        <section class="bg-step bg-no-print" aria-labelledby="stap-kop">
            <h2 id="stap-kop" class="nl-heading nl-heading--level-2">{t!("Volgende stap", "Next step")}</h2>
            <ErrorSummary items=Signal::derive(move || errors.get().into_iter().map(|e| SummaryItem { href: format!("#{}", field_id(&e.field)), message: e.message }).collect()) />
            <form class="bg-form" on:submit=submit novalidate>
                <fieldset class="bg-fieldset bg-field" id="stap">
                    <legend class="bg-legend">{t!("Welke stap zet u?", "Which step do you take?")}</legend>
                    {move || error_for("stap-0").get().map(|m| view! { <p class="bg-field__error">{m}</p> })}
                    {steps.with_value(|s| s.iter().enumerate().map(|(i, (event, _))| {
                        let id = format!("stap-{i}");
                        view! {
                            <div class="bg-choice">
                                <input class="bg-choice__input" type="radio" name="stap" id=id.clone()
                                    prop:checked=move || chosen.get() == Some(i) on:change=move |_| choose(i) />
                                <label class="bg-choice__label" for=id>{event.label()}</label>
                            </div>
                        }
                    }).collect_view())}
                </fieldset>
                {move || needs_date().then(|| view! {
                    <TextField id="datum" label=t!("Datum", "Date") hint=t!("Dag, maand en jaar. Bijvoorbeeld 15-03-2026.", "Day, month and year. For example 15-03-2026.") inputmode="numeric"
                        value=date.into() error=error_for("datum") on_input=Callback::new(move |v| date.set(v)) />
                })}
                {move || reasons_label().map(|label| view! {
                    <TextField id="reden" label=label multiline=true
                        hint=t!("Helper en burger lezen dit onder de stap. Schrijf het in gewone woorden.", "Social worker and citizen read this under the step. Write it in ordinary words.")
                        value=reasons.into() error=error_for("reden") on_input=Callback::new(move |v| reasons.set(v)) />
                })}
                {move || chosen.get().is_some().then(|| view! {
                    <TextField id="bericht_hulpverlener" label=t!("Bericht voor de hulpverlener", "Message for the social worker") multiline=true
                        hint=t!("Zegt wat er gebeurd is.", "Says what happened.")
                        value=for_helper.into() error=error_for("bericht_hulpverlener") on_input=Callback::new(move |v| for_helper.set(v)) />
                    <TextField id="bericht_burger" label=t!("Bericht voor de burger", "Message for the citizen") multiline=true
                        hint=t!("In gewone woorden. De burger leest dit op de telefoon.", "In ordinary words. The citizen reads this on the phone.")
                        value=for_citizen.into() error=error_for("bericht_burger") on_input=Callback::new(move |v| for_citizen.set(v)) />
                })}
                <button class="utrecht-button utrecht-button--primary-action" type="submit" disabled=busy>{t!("Stap opslaan", "Save step")}</button>
            </form>
        </section>
    }
    .into_any()
}
