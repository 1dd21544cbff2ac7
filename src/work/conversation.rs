//! Messages between the helper's organisation and the Belangenbehartiger, with read status;
//! staff can mark a message for the citizen. And the staff's internal notes, which only
//! staff ever see (the server refuses them to anyone else).

use leptos::prelude::*;
use leptos::task::spawn_local;
use model::api::{Message, NewText, Note};

use crate::api;
use crate::components::fields::TextField;
use crate::today::date_in_words;

#[component]
pub fn Conversation(
    reference: String,
    is_staff: bool,
    /// False once the case has ended: nothing can be added any more.
    open: bool,
) -> impl IntoView {
    let list = RwSignal::new(Vec::<Message>::new());
    let problem = RwSignal::new(None::<String>);
    let text = RwSignal::new(String::new());
    let for_citizen = RwSignal::new(false);
    let reference = StoredValue::new(reference);
    spawn_local(async move {
        match api::messages(&reference.get_value()).await {
            Ok(messages) => list.set(messages),
            Err(failure) => problem.set(Some(failure.message())),
        }
    });
    let send = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let body = NewText {
            tekst: text.get_untracked(),
            voor_burger: for_citizen.get_untracked(),
        };
        spawn_local(async move {
            match api::add_message(&reference.get_value(), &body).await {
                Ok(messages) => {
                    list.set(messages);
                    text.set(String::new());
                    for_citizen.set(false);
                    problem.set(None);
                }
                Err(failure) => problem.set(Some(failure.message())),
            }
        });
    };
    let heading = if is_staff {
        t!(
            "Berichten met de hulpverlener",
            "Messages with the social worker"
        )
    } else {
        t!(
            "Berichten met de Belangenbehartiger",
            "Messages with the Belangenbehartiger"
        )
    };
    view! {
        <section class="bg-no-print" aria-labelledby="berichten-kop">
            <h2 id="berichten-kop" class="nl-heading nl-heading--level-2">{heading}</h2>
            {move || list.with(Vec::is_empty).then(|| view! { <p class="nl-paragraph">{t!("Er zijn nog geen berichten.", "There are no messages yet.")}</p> })}
            <ul class="bg-messages" data-testid="berichten">
                {move || list.get().into_iter().map(|m| view! {
                    <li class="bg-message" class:bg-message--mine=m.van_mij>
                        <p class="bg-message__meta">
                            {format!("{} · {}", date_in_words(m.tijd), m.door)}
                            {match (m.van_burger, m.alleen_casemanager, m.voor_burger) {
                                (true, true, _) => Some(t!(" · alleen voor de casemanager", " · only for the case manager")),
                                (false, _, true) => Some(t!(" · ook voor de burger", " · also for the citizen")),
                                _ => None,
                            }}
                            {m.van_mij.then_some(if m.gelezen { t!(" · gelezen", " · read") } else { t!(" · nog niet gelezen", " · not read yet") })}
                        </p>
                        <p class="nl-paragraph bg-message__text">{m.tekst}</p>
                    </li>
                }).collect_view()}
            </ul>
            {(!open).then(|| view! { <p class="nl-paragraph">{t!("Deze zaak is afgesloten. U kunt geen berichten meer sturen.", "This case is closed. You can no longer send messages.")}</p> })}
            <form class="bg-form" on:submit=send novalidate hidden=!open>
                <TextField id="bericht" label=t!("Nieuw bericht", "New message") multiline=true
                    value=text.into() error=problem.into() on_input=Callback::new(move |v| text.set(v)) />
                {is_staff.then(|| view! {
                    <div class="bg-choice">
                        <input class="bg-choice__input" type="checkbox" id="voor-burger"
                            prop:checked=for_citizen on:change=move |_| for_citizen.update(|v| *v = !*v) />
                        <label class="bg-choice__label" for="voor-burger">{t!("De burger mag dit bericht ook lezen", "The citizen may read this message too")}</label>
                    </div>
                })}
                <button class="utrecht-button utrecht-button--secondary-action" type="submit">{t!("Bericht versturen", "Send message")}</button>
            </form>
        </section>
    }
}

#[component]
pub fn Notes(
    reference: String,
    notes: Vec<Note>,
    /// False once the case has ended: nothing can be added any more.
    open: bool,
) -> impl IntoView {
    let list = RwSignal::new(notes);
    let text = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let reference = StoredValue::new(reference);
    let add = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let body = NewText {
            tekst: text.get_untracked(),
            voor_burger: false,
        };
        spawn_local(async move {
            match api::add_note(&reference.get_value(), &body).await {
                Ok(notes) => {
                    list.set(notes);
                    text.set(String::new());
                    problem.set(None);
                }
                Err(failure) => problem.set(Some(failure.message())),
            }
        });
    };
    view! {
        <section class="bg-notes bg-no-print" aria-labelledby="notities-kop">
            <h2 id="notities-kop" class="nl-heading nl-heading--level-2">{t!("Interne notities", "Internal notes")}</h2>
            <p class="nl-paragraph">{t!("Alleen medewerkers van de Belangenbehartiger zien deze notities.", "Only staff of the Belangenbehartiger see these notes.")}</p>
            <ul class="bg-messages" data-testid="notities">
                {move || list.get().into_iter().map(|n| view! {
                    <li class="bg-message">
                        <p class="bg-message__meta">{format!("{} · {}", date_in_words(n.tijd), n.door)}</p>
                        <p class="nl-paragraph bg-message__text">{n.tekst}</p>
                    </li>
                }).collect_view()}
            </ul>
            <form class="bg-form" on:submit=add novalidate hidden=!open>
                <TextField id="notitie" label=t!("Nieuwe notitie", "New note") multiline=true
                    value=text.into() error=problem.into() on_input=Callback::new(move |v| text.set(v)) />
                <button class="utrecht-button utrecht-button--secondary-action" type="submit">{t!("Notitie opslaan", "Save note")}</button>
            </form>
        </section>
    }
}
