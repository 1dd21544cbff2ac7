//! One question page of the case form (`/zaken/:ref/vraag/:stap`).

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use model::case::{CaseDraft, Dienst, Onderwerp, SpoedReden};
use model::domain::Date;
use model::FieldError;

use super::steps::{step_of_field, steps_for, Question, Step, TextKey, TextKind, STEPS};
use super::{use_wizard, SaveIndicator, Wizard};
use crate::components::error_summary::{error_of, summary_of, ErrorSummary};
use crate::components::fields::{ChoiceGroup, TextField};
use crate::components::notice::ReadMore;
use crate::pages::not_found::NotFound;
use crate::today::today;

/// The model's own check, narrowed to the fields on one page.
pub fn page_errors(draft: &CaseDraft, step: &Step) -> Vec<FieldError> {
    match draft.check(today()) {
        Ok(_) => Vec::new(),
        Err(errors) => errors
            .into_iter()
            .filter(|e| step.questions.iter().any(|q| q.field() == e.field))
            .collect(),
    }
}

#[component]
pub fn QuestionPage() -> impl IntoView {
    let params = use_params_map();
    move || {
        let slug = params.get().get("stap").unwrap_or_default();
        match STEPS.iter().find(|s| s.slug == slug) {
            Some(step) => view! { <StepForm step=step /> }.into_any(),
            None => view! { <NotFound /> }.into_any(),
        }
    }
}

#[component]
fn StepForm(step: &'static Step) -> impl IntoView {
    let wizard = use_wizard();
    let navigate = use_navigate();
    let query = use_query_map();
    let back_to_check = move || query.get().get("terug").as_deref() == Some("controleren");
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let reference = wizard.reference.get_value();

    let position = move || {
        let steps = steps_for(&wizard.draft.get());
        let index = steps.iter().position(|s| s.slug == step.slug).unwrap_or(0);
        (index, steps.len())
    };
    let summary = summary_of(errors);

    let next = {
        let reference = reference.clone();
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            let found = page_errors(&wizard.draft.get_untracked(), step);
            errors.set(found.clone());
            if !found.is_empty() {
                return;
            }
            let navigate = navigate.clone();
            let reference = reference.clone();
            let to_check = back_to_check();
            spawn_local(async move {
                if !wizard.save().await {
                    return; // The save indicator says what went wrong; the answers stay.
                }
                let steps = steps_for(&wizard.draft.get_untracked());
                let following = steps.iter().skip_while(|s| s.slug != step.slug).nth(1);
                let target = match following {
                    Some(next) if !to_check => format!("/zaken/{reference}/vraag/{}", next.slug),
                    _ => format!("/zaken/{reference}/controleren"),
                };
                navigate(&target, Default::default());
            });
        }
    };
    let previous = {
        let reference = reference.clone();
        move || {
            let steps = steps_for(&wizard.draft.get());
            let index = steps.iter().position(|s| s.slug == step.slug).unwrap_or(0);
            match index.checked_sub(1).and_then(|i| steps.get(i)) {
                Some(prev) => format!("/zaken/{reference}/vraag/{}", prev.slug),
                None => "/zaken".to_owned(),
            }
        }
    };

    view! {
        <p class="bg-progress">{move || { let (i, n) = position(); tf!("Stap {} van {}", "Step {} of {}", i + 1, n) }}</p>
        <h1 class="nl-heading nl-heading--level-1">{step.title}</h1>
        <ErrorSummary items=summary />
        <p class="nl-paragraph">{step.intro}</p>
        <ReadMore links=step.help.iter().map(|(slug, text)| model::api::ArticleLink { slug: slug.to_string(), titel: text.to_string(), taal: crate::i18n::LANG }).collect() />
        <form class="bg-form" novalidate on:submit=next>
            {step.questions.iter().map(|q| view! { <QuestionView question=*q errors=errors /> }).collect_view()}
            <SaveIndicator />
            <div class="bg-actions">
                <button class="utrecht-button utrecht-button--primary-action" type="submit">
                    {move || if back_to_check() { t!("Opslaan en terug naar het overzicht", "Save and go back to the overview") } else { t!("Opslaan en verder", "Save and continue") }}
                </button>
                <a class="nl-link bg-back" href=previous>{t!("Vorige stap", "Previous step")}</a>
            </div>
        </form>
    }
}

/// One question, bound to its part of the draft.
#[component]
fn QuestionView(question: Question, errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    let wizard = use_wizard();
    let field = question.field();
    let error = error_of(errors, field);
    match question {
        Question::Text { key, label, hint, kind, .. } => text_question(wizard, errors, key, label, hint, kind, error).into_any(),
        Question::Dienst => view! {
            <ChoiceGroup id="dienst" legend=t!("Bij welke Dienst zit de zaak vast?", "At which service is the case stuck?")
                options=Dienst::CHOICES.iter().map(|(_, l)| l.get().to_string()).collect()
                checked=Callback::new(move |i: usize| wizard.draft.with(|d| d.dienst == Some(Dienst::CHOICES[i].0)))
                on_toggle=Callback::new(move |i: usize| wizard.edit(|d| d.dienst = Some(Dienst::CHOICES[i].0)))
                error=error />
        }.into_any(),
        Question::Onderwerpen => view! {
            <ChoiceGroup id="onderwerpen" legend=t!("Waar gaat het over?", "What is it about?") hint=t!("Kies alles wat past.", "Choose everything that fits.") multiple=true
                options=Onderwerp::CHOICES.iter().map(|(_, l)| l.get().to_string()).collect()
                checked=Callback::new(move |i: usize| wizard.draft.with(|d| d.onderwerpen.contains(&Onderwerp::CHOICES[i].0)))
                on_toggle=Callback::new(move |i: usize| wizard.edit(|d| toggle(&mut d.onderwerpen, Onderwerp::CHOICES[i].0)))
                error=error />
        }.into_any(),
        Question::BezwaarOfBeroep => view! {
            <ChoiceGroup id="bezwaar_of_beroep" legend=t!("Loopt er een bezwaar of beroep, of wil de burger dat nog doen?", "Is there an objection or appeal, or does the citizen still want to make one?")
                options=vec![t!("Ja", "Yes").into(), t!("Nee", "No").into()]
                checked=Callback::new(move |i: usize| wizard.draft.with(|d| d.bezwaar_of_beroep == Some(i == 0)))
                on_toggle=Callback::new(move |i: usize| wizard.edit(|d| d.bezwaar_of_beroep = Some(i == 0)))
                error=error />
            <TermijnWarning />
        }.into_any(),
        Question::Spoed => view! {
            <ChoiceGroup id="spoed" legend=t!("Wat is er aan de hand?", "What is going on?") hint=t!("Niets hiervan? Laat alles leeg.", "None of these? Leave everything empty.") multiple=true
                options=SpoedReden::CHOICES.iter().map(|(_, l)| l.get().to_string()).collect()
                checked=Callback::new(move |i: usize| wizard.draft.with(|d| d.spoed.contains(&SpoedReden::CHOICES[i].0)))
                on_toggle=Callback::new(move |i: usize| wizard.edit(|d| toggle(&mut d.spoed, SpoedReden::CHOICES[i].0.clone())))
                error=error />
        }.into_any(),
        Question::Pauzeknop => view! {
            <ChoiceGroup id="pauzeknop_gevraagd" legend=t!("Wil de burger de pauzeknop vragen?", "Does the citizen want to ask for the pause button?") hint=t!("Dit is een wens. Er stopt niets door.", "This is a wish. It does not stop anything.")
                options=vec![t!("Ja, geef de wens door", "Yes, pass on the wish").into(), t!("Nee", "No").into()]
                checked=Callback::new(move |i: usize| wizard.draft.with(|d| d.pauzeknop_gevraagd == (i == 0)))
                on_toggle=Callback::new(move |i: usize| wizard.edit(|d| d.pauzeknop_gevraagd = i == 0))
                error=error />
        }.into_any(),
    }
}

fn toggle<T: PartialEq>(list: &mut Vec<T>, item: T) {
    if let Some(position) = list.iter().position(|x| *x == item) {
        list.remove(position);
    } else {
        list.push(item);
    }
}

fn text_question(
    wizard: Wizard,
    errors: RwSignal<Vec<FieldError>>,
    key: TextKey,
    label: &'static str,
    hint: &'static str,
    kind: TextKind,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let value = Signal::derive(move || wizard.draft.with(|d| key.get(d)));
    // Checked when the helper leaves the field, not on every key: only a filled-in field,
    // so nobody is scolded for a field they have not reached yet.
    let on_blur = Callback::new(move |()| {
        let draft = wizard.draft.get_untracked();
        let step = step_of_field(key.name());
        let mine: Vec<FieldError> = super::question::page_errors(&draft, step)
            .into_iter()
            .filter(|e| e.field == key.name() && !key.get(&draft).trim().is_empty())
            .collect();
        errors.update(|all| {
            all.retain(|e| e.field != key.name());
            all.extend(mine);
        });
    });
    let on_input = Callback::new(move |text: String| wizard.edit(|d| key.set(d, text)));
    let (autocomplete, inputmode, multiline) = match kind {
        TextKind::Line {
            autocomplete,
            inputmode,
        } => (autocomplete, inputmode, false),
        TextKind::Area => ("", "", true),
    };
    let shown = move || match key {
        // The dates belong to a bezwaar or beroep: asked only when there is one.
        TextKey::Besluitdatum | TextKey::TermijnEinddatum => {
            wizard.draft.with(|d| d.bezwaar_of_beroep == Some(true))
        }
        _ => true,
    };
    move || {
        shown().then(|| {
            view! {
                <TextField id=key.name() label=label hint=hint multiline=multiline autocomplete=autocomplete inputmode=inputmode
                    value=value error=error on_input=on_input on_blur=on_blur />
            }
        })
    }
}

/// A term that keeps running, shown as soon as its end date is known.
#[component]
fn TermijnWarning() -> impl IntoView {
    let wizard = use_wizard();
    let end = move || {
        wizard.draft.with(|d| {
            (d.bezwaar_of_beroep == Some(true))
                .then(|| {
                    d.termijn_einddatum
                        .as_deref()
                        .and_then(|t| Date::parse(t).ok())
                })
                .flatten()
        })
    };
    move || {
        end().map(|date| view! {
            <div class="utrecht-alert utrecht-alert--warning bg-alert" role="note">
                <div class="utrecht-alert__content"><div class="utrecht-alert__message">
                    <p class="nl-paragraph"><strong>{tf!("Let op: de termijn loopt door tot {}.", "Note: the deadline runs until {}.", date.in_words())}</strong></p>
                    <p class="nl-paragraph">{t!("Aanmelden bij de Belangenbehartiger stopt de termijn niet. Maak op tijd bezwaar of beroep.", "Submitting to the Belangenbehartiger does not stop the deadline. Object or appeal in time.")}</p>
                </div></div>
            </div>
        })
    }
}
