//! Boxes that tell the reader something: a problem and what to do, the warning that a
//! bezwaar or beroep term keeps running. And moving focus when a page changes in place.

use leptos::prelude::*;

use crate::components::error_summary::error_of;

/// Something went wrong and what to do; read out at once.
#[component]
pub fn Problem(message: String) -> impl IntoView {
    view! {
        <div class="utrecht-alert utrecht-alert--error bg-alert" role="alert">
            <div class="utrecht-alert__content">
                <p class="utrecht-alert__message nl-paragraph">{message}</p>
            </div>
        </div>
    }
}

/// The warning that a bezwaar or beroep term keeps running (brief §1.10; S004:592).
#[component]
pub fn TermWarning(until: Option<model::domain::Date>) -> impl IntoView {
    view! {
        <div class="utrecht-alert utrecht-alert--warning bg-alert" role="note">
            <div class="utrecht-alert__content">
                <div class="utrecht-alert__message">
                    <h2 class="nl-heading nl-heading--level-3">{t!("Let op: de termijn loopt door", "Note: the deadline keeps running")}</h2>
                    <p class="nl-paragraph">
                        {until.map(|d| tf!("De termijn voor bezwaar of beroep loopt tot {}. ", "The deadline for an objection or appeal runs until {}. ", d.in_words()))}
                        {t!("De termijn stopt niet door deze zaak. Doe op tijd wat nodig is.", "The deadline does not stop because of this case. Do what is needed in time.")}
                    </p>
                </div>
            </div>
        </div>
    }
}

/// A new stage replaces the page: move focus to its heading, as a page load would, so a
/// screen reader reads the new page and the view starts at the top.
pub fn focus_new_page() {
    // About three seconds of frames: a page that loads its data first shows its heading later.
    focus_heading_within(180);
}

fn focus_heading_within(frames: u16) {
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        let heading = document().query_selector("main h1").ok().flatten();
        match heading.and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok()) {
            Some(heading) => {
                let _ = heading.set_attribute("tabindex", "-1");
                let _ = heading.focus();
            }
            None if frames > 0 => focus_heading_within(frames - 1),
            None => {}
        }
    });
}

/// Links to knowledge articles (`/hulp/{slug}`), served by the server as plain pages.
#[component]
pub fn ReadMore(links: Vec<model::api::ArticleLink>) -> impl IntoView {
    (!links.is_empty()).then(|| {
        view! {
            <nav class="bg-read-more" aria-label=t!("Meer uitleg", "More explanation")>
                <p class="bg-read-more__title">{t!("Meer uitleg", "More explanation")}</p>
                <ul class="bg-list">
                    // A title in the other language (an article not yet translated) says so.
                    {links.into_iter().map(|link| {
                        let lang = (link.taal != crate::i18n::LANG).then_some(link.taal.code());
                        view! {
                            <li><a class="nl-link" rel="external" href=format!("/hulp/{}", link.slug) lang=lang>{link.titel}</a></li>
                        }
                    }).collect_view()}
                </ul>
            </nav>
        }
    })
}

/// At a milestone: thumbs up or down, a few words if the reader likes, and with a thumbs down
/// a request for contact (the case then shows "contact gevraagd" to staff).
#[component]
pub fn FeedbackForm(endpoint: String, milestone: model::feedback::Mijlpaal) -> impl IntoView {
    use model::feedback::{Duim, NewFeedback};
    let thumbs = RwSignal::new(None::<Duim>);
    let text = RwSignal::new(String::new());
    let contact = RwSignal::new(false);
    let errors = RwSignal::new(Vec::<model::FieldError>::new());
    let problem = RwSignal::new(None::<String>);
    let sent = RwSignal::new(None::<bool>);
    let endpoint = StoredValue::new(endpoint);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let down = thumbs.get_untracked() == Some(Duim::Omlaag);
        let body = NewFeedback {
            duim: thumbs.get_untracked(),
            tekst: text.get_untracked(),
            contact: down && contact.get_untracked(),
        };
        if let Err(found) = model::Check::check(&body) {
            errors.set(found);
            return;
        }
        errors.set(Vec::new());
        leptos::task::spawn_local(async move {
            match crate::api::send_feedback(&endpoint.get_value(), &body).await {
                Ok(()) => sent.set(Some(body.contact)),
                Err(crate::api::ApiFailure::Refused(p)) if !p.errors.is_empty() => {
                    errors.set(p.errors)
                }
                Err(failure) => problem.set(Some(failure.message())),
            }
        });
    };
    let error_for = move |field: &'static str| error_of(errors, field);
    view! {
        <section class="bg-no-print" aria-labelledby="reactie-kop" data-testid="reactie">
            <h2 id="reactie-kop" class="nl-heading nl-heading--level-2">{milestone.question()}</h2>
            {move || match sent.get() {
                Some(asked_contact) => view! {
                    <p class="nl-paragraph" role="status">
                        {t!("Dank u wel. De Belangenbehartiger leest uw reactie.", "Thank you. The Belangenbehartiger reads your response.")}
                        {asked_contact.then_some(t!(" Iemand van de Belangenbehartiger neemt contact met u op.", " Someone from the Belangenbehartiger will contact you."))}
                    </p>
                }.into_any(),
                None => view! {
                    <p class="nl-paragraph">{t!("Uw reactie helpt de Belangenbehartiger om beter te werken.", "Your response helps the Belangenbehartiger to work better.")}</p>
                    {move || problem.get().map(|message| view! { <Problem message /> })}
                    <form class="bg-form" on:submit=submit novalidate>
                        <crate::components::fields::ChoiceGroup id="duim" legend=t!("Hoe vindt u het gaan?", "How do you think it is going?")
                            options=vec![t!("Goed: duim omhoog", "Good: thumbs up").to_owned(), t!("Niet goed: duim omlaag", "Not good: thumbs down").to_owned()]
                            checked=Callback::new(move |i: usize| thumbs.get() == Some(if i == 0 { Duim::Omhoog } else { Duim::Omlaag }))
                            on_toggle=Callback::new(move |i: usize| thumbs.set(Some(if i == 0 { Duim::Omhoog } else { Duim::Omlaag })))
                            error=error_for("duim") />
                        <crate::components::fields::TextField id="reactie" label=t!("Wilt u iets uitleggen? (niet verplicht)", "Do you want to explain something? (optional)") multiline=true
                            value=text.into() error=error_for("tekst") on_input=Callback::new(move |v| text.set(v)) />
                        {move || (thumbs.get() == Some(Duim::Omlaag)).then(|| view! {
                            <div class="bg-choice">
                                <input class="bg-choice__input" type="checkbox" id="contact"
                                    prop:checked=contact on:change=move |_| contact.update(|v| *v = !*v) />
                                <label class="bg-choice__label" for="contact">{t!("Ik wil dat iemand van de Belangenbehartiger contact met mij opneemt.", "I want someone from the Belangenbehartiger to contact me.")}</label>
                            </div>
                        })}
                        <button class="utrecht-button utrecht-button--secondary-action" type="submit">{t!("Reactie versturen", "Send response")}</button>
                    </form>
                }.into_any(),
            }}
        </section>
    }
}

/// Where the case stands, in plain words: the state, what it means, what happens next and
/// who acts (one text per state and reader, from `model`).
#[component]
pub fn StateExplanation(explanation: model::lifecycle::Explanation) -> impl IntoView {
    view! {
        <section class="bg-panel" aria-labelledby="stand-kop" data-testid="stand">
            <h2 id="stand-kop" class="nl-heading nl-heading--level-2">{tf!("Nu: {}", "Now: {}", explanation.title)}</h2>
            {explanation.uitkomst.map(|text| view! { <p class="nl-paragraph bg-outcome" data-testid="uitkomst"><strong>{text}</strong></p> })}
            <p class="nl-paragraph">{explanation.meaning}</p>
            <h3 class="nl-heading nl-heading--level-3">{t!("Wat gebeurt er nu?", "What happens now?")}</h3>
            <p class="nl-paragraph">{explanation.next}</p>
            {explanation.verwacht.map(|text| view! { <p class="nl-paragraph" data-testid="verwacht">{text}</p> })}
            <h3 class="nl-heading nl-heading--level-3">{t!("Wie is aan de beurt?", "Whose turn is it?")}</h3>
            <p class="nl-paragraph">{explanation.who_acts}</p>
        </section>
    }
}

/// The reasons a step gave, under that step on the timeline (helper and citizen alike).
#[component]
pub fn StepReasons(reasons: Option<String>) -> impl IntoView {
    reasons.map(|reasons| {
        view! {
            <div class="bg-timeline__reasons">
                <p class="bg-timeline__reasons-title">{t!("De reden", "The reason")}</p>
                <p class="nl-paragraph">{reasons}</p>
            </div>
        }
    })
}
