//! The citizen's conversation on the status page: the Belangenbehartiger's messages for them
//! and their own, and a message to the casemanager that the helper reads too unless the
//! citizen ticks "alleen voor de casemanager".

use leptos::prelude::*;
use leptos::task::spawn_local;
use model::api::{Message, NewCitizenMessage};

use crate::api::{self, ApiFailure};
use crate::components::fields::TextField;
use crate::today::date_in_words;

#[component]
pub fn CitizenMessages(
    messages: Vec<Message>,
    /// Whether the citizen may write now (not once the case has ended).
    open: bool,
    /// The casemanager's name, once someone took the case on.
    casemanager: Option<String>,
) -> impl IntoView {
    let list = RwSignal::new(messages);
    let text = RwSignal::new(String::new());
    let private = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let sent = RwSignal::new(false);
    let send = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        sent.set(false);
        let body = NewCitizenMessage {
            tekst: text.get_untracked(),
            alleen_casemanager: private.get_untracked(),
        };
        spawn_local(async move {
            match api::citizen_message(&body).await {
                Ok(messages) => {
                    list.set(messages);
                    text.set(String::new());
                    private.set(false);
                    problem.set(None);
                    sent.set(true);
                }
                Err(ApiFailure::Refused(p)) if !p.errors.is_empty() => {
                    problem.set(p.errors.into_iter().next().map(|e| e.message));
                }
                Err(failure) => problem.set(Some(failure.message())),
            }
        });
    };
    let to_whom = match casemanager {
        Some(name) => tf!(
            "Uw bericht gaat naar {name}, uw casemanager bij de Belangenbehartiger.",
            "Your message goes to {name}, your case manager at the Belangenbehartiger."
        ),
        None => t!("Uw bericht gaat naar de Belangenbehartiger. Zodra iemand uw zaak oppakt, leest uw casemanager het.", "Your message goes to the Belangenbehartiger. As soon as someone takes up your case, your case manager reads it.").to_owned(),
    };
    view! {
        <section aria-labelledby="berichten-kop">
            <h2 id="berichten-kop" class="nl-heading nl-heading--level-2">{t!("Berichten", "Messages")}</h2>
            {move || list.with(Vec::is_empty).then(|| view! { <p class="nl-paragraph">{t!("Er zijn nog geen berichten.", "There are no messages yet.")}</p> })}
            <ul class="bg-messages" data-testid="berichten">
                {move || list.get().into_iter().map(|m| view! {
                    <li class="bg-message" class:bg-message--mine=m.van_mij>
                        <p class="bg-message__meta">
                            {format!("{} · {}", date_in_words(m.tijd), m.door)}
                            {m.van_mij.then_some(if m.gelezen { t!(" · gelezen", " · read") } else { t!(" · nog niet gelezen", " · not read yet") })}
                            {m.alleen_casemanager.then_some(t!(" · alleen voor de casemanager", " · only for the case manager"))}
                        </p>
                        <p class="nl-paragraph bg-message__text">{m.tekst}</p>
                    </li>
                }).collect_view()}
            </ul>
            {open.then(|| view! {
                <h3 class="nl-heading nl-heading--level-3">{t!("Een bericht sturen", "Send a message")}</h3>
                <p class="nl-paragraph">{to_whom}</p>
                <form class="bg-form" on:submit=send novalidate>
                    <TextField id="bericht" label=t!("Uw bericht", "Your message") multiline=true
                        hint=t!("Zet hier geen BSN in. Heeft u een brief? Voeg die hieronder toe bij Documenten.", "Do not put a BSN here. Do you have a letter? Add it below under Documents.")
                        value=text.into() error=problem.into() on_input=Callback::new(move |v| text.set(v)) />
                    <div class="bg-choice">
                        <input class="bg-choice__input" type="checkbox" id="alleen-casemanager"
                            prop:checked=private on:change=move |_| private.update(|v| *v = !*v) />
                        <label class="bg-choice__label" for="alleen-casemanager">{t!("Alleen voor de casemanager. Uw hulpverlener leest dit bericht dan niet.", "Only for the case manager. Your social worker then does not read this message.")}</label>
                    </div>
                    <button class="utrecht-button utrecht-button--primary-action" type="submit">{t!("Bericht versturen", "Send message")}</button>
                    {move || sent.get().then(|| view! { <p class="nl-paragraph" role="status">{t!("Uw bericht is verstuurd.", "Your message has been sent.")}</p> })}
                </form>
            })}
        </section>
    }
}
