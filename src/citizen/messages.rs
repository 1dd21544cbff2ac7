//! The citizen's conversation on the status page: the Belangenbehartiger's messages for them
//! and their own, and a message to the casemanager that the helper reads too unless the
//! citizen ticks "alleen voor de casemanager".

use leptos::prelude::*;
use leptos::task::spawn_local;
use model::api::{Message, NewCitizenMessage};

use crate::api::{self, ApiFailure};
use crate::components::fields::TextField;
use crate::today::dutch_date;

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
        Some(name) => format!("Uw bericht gaat naar {name}, uw casemanager bij de Belangenbehartiger."),
        None => "Uw bericht gaat naar de Belangenbehartiger. Zodra iemand uw zaak oppakt, leest uw casemanager het.".to_owned(),
    };
    view! {
        <section aria-labelledby="berichten-kop">
            <h2 id="berichten-kop" class="nl-heading nl-heading--level-2">"Berichten"</h2>
            {move || list.with(Vec::is_empty).then(|| view! { <p class="nl-paragraph">"Er zijn nog geen berichten."</p> })}
            <ul class="bg-messages" data-testid="berichten">
                {move || list.get().into_iter().map(|m| view! {
                    <li class="bg-message" class:bg-message--mine=m.van_mij>
                        <p class="bg-message__meta">
                            {format!("{} · {}", dutch_date(m.tijd), m.door)}
                            {m.van_mij.then_some(if m.gelezen { " · gelezen" } else { " · nog niet gelezen" })}
                            {m.alleen_casemanager.then_some(" · alleen voor de casemanager")}
                        </p>
                        <p class="nl-paragraph bg-message__text">{m.tekst}</p>
                    </li>
                }).collect_view()}
            </ul>
            {open.then(|| view! {
                <h3 class="nl-heading nl-heading--level-3">"Een bericht sturen"</h3>
                <p class="nl-paragraph">{to_whom}</p>
                <form class="bg-form" on:submit=send novalidate>
                    <TextField id="bericht" label="Uw bericht" multiline=true
                        hint="Zet hier geen BSN in. Heeft u een brief? Voeg die hieronder toe bij Documenten."
                        value=text.into() error=problem.into() on_input=Callback::new(move |v| text.set(v)) />
                    <div class="bg-choice">
                        <input class="bg-choice__input" type="checkbox" id="alleen-casemanager"
                            prop:checked=private on:change=move |_| private.update(|v| *v = !*v) />
                        <label class="bg-choice__label" for="alleen-casemanager">"Alleen voor de casemanager. Uw hulpverlener leest dit bericht dan niet."</label>
                    </div>
                    <button class="utrecht-button utrecht-button--primary-action" type="submit">"Bericht versturen"</button>
                    {move || sent.get().then(|| view! { <p class="nl-paragraph" role="status">"Uw bericht is verstuurd."</p> })}
                </form>
            })}
        </section>
    }
}
