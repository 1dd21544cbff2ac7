//! Check your answers (`/zaken/:ref/controleren`), then send the case.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use model::case::{CaseDraft, Dienst, Onderwerp, SpoedReden};

use model::domain::Bsn;

use super::steps::{step_of_field, steps_for, Question, TextKey};
use super::{use_wizard, SaveIndicator};
use crate::api::{self, ApiFailure};
use crate::components::error_summary::{ErrorSummary, SummaryItem};

/// The answer to one question as the helper reads it back.
fn answer(question: Question, draft: &CaseDraft) -> String {
    let or_empty = |text: String| {
        if text.trim().is_empty() {
            t!("Niet ingevuld", "Not filled in").to_owned()
        } else {
            text
        }
    };
    let labels = |chosen: Vec<&str>| {
        if chosen.is_empty() {
            t!("Niets gekozen", "Nothing chosen").to_owned()
        } else {
            chosen.join(", ")
        }
    };
    match question {
        // The BSN is shown masked, as everywhere after it was entered.
        Question::Text {
            key: TextKey::BurgerBsn,
            ..
        } => match Bsn::parse(&TextKey::BurgerBsn.get(draft)) {
            Ok(bsn) => bsn.masked(),
            Err(_) => or_empty(TextKey::BurgerBsn.get(draft)),
        },
        Question::Text { key, .. } => or_empty(key.get(draft)),
        Question::Dienst => labels(
            Dienst::CHOICES
                .iter()
                .filter(|(d, _)| draft.dienst == Some(*d))
                .map(|(_, l)| l.get())
                .collect(),
        ),
        Question::Onderwerpen => labels(
            Onderwerp::CHOICES
                .iter()
                .filter(|(o, _)| draft.onderwerpen.contains(o))
                .map(|(_, l)| l.get())
                .collect(),
        ),
        Question::BezwaarOfBeroep => match draft.bezwaar_of_beroep {
            Some(true) => t!("Ja", "Yes").into(),
            Some(false) => t!("Nee", "No").into(),
            None => t!("Niet ingevuld", "Not filled in").into(),
        },
        Question::Spoed => labels(
            SpoedReden::CHOICES
                .iter()
                .filter(|(s, _)| draft.spoed.contains(s))
                .map(|(_, l)| l.get())
                .collect(),
        ),
        Question::Pauzeknop => if draft.pauzeknop_gevraagd {
            t!("Ja, geef de wens door", "Yes, pass on the wish")
        } else {
            t!("Nee", "No")
        }
        .into(),
    }
}

fn question_label(question: Question) -> &'static str {
    match question {
        Question::Text { label, .. } => label,
        Question::Dienst => t!("Dienst", "Service"),
        Question::Onderwerpen => t!("Onderwerp", "Subject"),
        Question::BezwaarOfBeroep => t!("Bezwaar of beroep", "Objection or appeal"),
        Question::Spoed => t!("Dringend", "Urgent"),
        Question::Pauzeknop => t!("Wens pauzeknop", "Wish for the pause button"),
    }
}

fn asked(question: Question, draft: &CaseDraft) -> bool {
    match question {
        Question::Text { key, .. }
            if matches!(key.name(), "besluitdatum" | "termijn_einddatum") =>
        {
            draft.bezwaar_of_beroep == Some(true)
        }
        _ => true,
    }
}

#[component]
pub fn CheckAnswers() -> impl IntoView {
    let wizard = use_wizard();
    let navigate = use_navigate();
    let reference = wizard.reference.get_value();
    let problems = RwSignal::new(Vec::<SummaryItem>::new());
    let busy = RwSignal::new(false);

    let send = {
        let reference = reference.clone();
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            busy.set(true);
            let navigate = navigate.clone();
            let reference = reference.clone();
            spawn_local(async move {
                if wizard.save().await {
                    match api::submit(&reference).await {
                        Ok(_) => {
                            navigate(&format!("/zaken/{reference}/verstuurd"), Default::default())
                        }
                        Err(ApiFailure::Refused(problem)) if !problem.errors.is_empty() => {
                            // The server's check, with links to the page of each field.
                            problems.set(
                                problem
                                    .errors
                                    .into_iter()
                                    .map(|e| SummaryItem {
                                        href: format!(
                                            "/zaken/{reference}/vraag/{}?terug=controleren#{}",
                                            step_of_field(&e.field).slug,
                                            e.field
                                        ),
                                        message: e.message,
                                    })
                                    .collect(),
                            );
                        }
                        Err(failure) => problems.set(vec![SummaryItem {
                            href: "#versturen".into(),
                            message: failure.message(),
                        }]),
                    }
                }
                busy.set(false);
            });
        }
    };

    view! {
        <h1 class="nl-heading nl-heading--level-1">{t!("Controleer de zaak", "Check the case")}</h1>
        <ErrorSummary items=problems.into() />
        <p class="nl-paragraph">{t!("Kijk of alles klopt. Daarna verstuurt u de zaak. We vragen de burger dan om toestemming.", "Check that everything is right. Then you send the case. We then ask the citizen for consent.")}</p>
        {move || {
            let draft = wizard.draft.get();
            steps_for(&draft).into_iter().map(|step| {
                let rows = step.questions.iter().filter(|q| asked(**q, &draft)).map(|q| {
                    let href = format!("/zaken/{}/vraag/{}?terug=controleren#{}", wizard.reference.get_value(), step.slug, q.field());
                    let label = question_label(*q);
                    view! {
                        <div class="bg-summary__row">
                            <dt class="bg-summary__key">{label}</dt>
                            <dd class="bg-summary__value">{answer(*q, &draft)}</dd>
                            <dd class="bg-summary__action"><a class="nl-link" href=href>{t!("Wijzigen", "Change")}<span class="bg-visually-hidden">{format!(" {}", label.to_lowercase())}</span></a></dd>
                        </div>
                    }
                }).collect_view();
                view! {
                    <h2 class="nl-heading nl-heading--level-2">{step.title}</h2>
                    <dl class="bg-summary">{rows}</dl>
                }
            }).collect_view()
        }}
        {move || {
            let answers = wizard.draft.with(|d| d.routecheck.clone());
            (!answers.is_empty()).then(|| view! {
                <h2 class="nl-heading nl-heading--level-2">{t!("Uit de routecheck", "From the route check")}</h2>
                <p class="nl-paragraph">{t!("Dit gaat mee met de zaak. Zo hoeft de Belangenbehartiger het niet opnieuw te vragen.", "This goes along with the case. So the Belangenbehartiger does not need to ask again.")}</p>
                <ul class="bg-list" data-testid="routecheck">
                    {answers.into_iter().map(|a| view! { <li>{a.vraag.summary(a.ja)}</li> }).collect_view()}
                </ul>
            })
        }}
        <form id="versturen" class="bg-form" on:submit=send>
            <SaveIndicator />
            <button class="utrecht-button utrecht-button--primary-action" type="submit" disabled=busy>{t!("Zaak versturen", "Send case")}</button>
        </form>
    }
}
