//! `/stukken#TOKEN`: an intermediair (a bewindvoerder, a belastingadviseur) invited by the
//! helper adds documents to one case. They see who they are invited as, until when, and
//! their own uploads: nothing else of the case.

use leptos::prelude::*;
use leptos::task::spawn_local;
use model::document::{DocumentSoort, IntermediaryView};

use crate::api;
use crate::components::notice::Problem;
use crate::components::upload::{DocumentList, Uploader};

/// The token from the link's `#` part, removed from the address bar once read. It signs the
/// intermediair in once: a reload in the other language goes on with the session instead.
fn token_from_link() -> String {
    crate::link_secret::take("/stukken", crate::link_secret::OnSwitch::Drop)
}

#[component]
pub fn IntermediaryPage() -> impl IntoView {
    // Who they are invited as: set once; the list of their documents is reloaded after each
    // upload without rebuilding the page (the upload rows keep their state).
    let invited = RwSignal::new(None::<Result<(String, String), String>>);
    let documents = RwSignal::new(Vec::new());
    let show = move |view: IntermediaryView| {
        invited.set(Some(Ok((view.naam, view.geldig_tot.in_words()))));
        documents.set(view.documenten);
    };
    let reload = move || {
        spawn_local(async move {
            match api::intermediary_view().await {
                Ok(Some(view)) => show(view),
                Ok(None) => invited.set(Some(Err(
                    t!("U bent niet (meer) toegelaten. De uitnodiging is verlopen of ingetrokken. Vraag de hulpverlener om een nieuwe link.", "You are not (or no longer) allowed in. The invitation has expired or was withdrawn. Ask the social worker for a new link.").into(),
                ))),
                Err(failure) => invited.set(Some(Err(failure.message()))),
            }
        });
    };
    let token = token_from_link();
    spawn_local(async move {
        // A fresh link opens a session; without one (a reload), the session cookie may still hold.
        if token.is_empty() {
            reload();
        } else {
            match api::intermediary_sign_in(&token).await {
                Ok(view) => show(view),
                // Already opened in this browser? Then the session still works.
                Err(_) => reload(),
            }
        }
    });
    let kinds: Vec<DocumentSoort> = DocumentSoort::ALL
        .into_iter()
        .filter(|k| !k.staff_only())
        .collect();
    // After signing out: a plain goodbye, not an error.
    let signed_out = RwSignal::new(false);
    let sign_out = move |_| {
        spawn_local(async move {
            match api::intermediary_sign_out().await {
                Ok(()) => signed_out.set(true),
                Err(failure) => invited.set(Some(Err(failure.message()))),
            }
        });
    };
    // A memo changes only when admission does, not on every reload of the list.
    let admitted =
        Memo::new(move |_| !signed_out.get() && invited.with(|i| matches!(i, Some(Ok(_)))));
    view! {
        <h1 class="nl-heading nl-heading--level-1">{t!("Stukken toevoegen", "Add documents")}</h1>
        {move || signed_out.get().then(|| view! {
            <p class="nl-paragraph" role="status">{t!("U bent uitgelogd. Wilt u later nog iets toevoegen? Vraag de hulpverlener om een nieuwe link.", "You are signed out. Do you want to add something later? Ask the social worker for a new link.")}</p>
        })}
        {move || if signed_out.get() { ().into_any() } else { match invited.get() {
            None => view! { <p class="nl-paragraph" role="status">{t!("Even geduld. We controleren de uitnodiging.", "Please wait. We are checking the invitation.")}</p> }.into_any(),
            Some(Err(message)) => view! { <Problem message /> }.into_any(),
            Some(Ok((name, until))) => view! {
                <p class="nl-paragraph nl-paragraph--lead">{tf!("U bent uitgenodigd als {name}. Uw uitnodiging werkt tot en met {until}.", "You were invited as {name}. Your invitation works up to and including {until}.")}</p>
                <p class="nl-paragraph">{t!("U kunt hier documenten toevoegen aan één zaak. U ziet alleen wat u zelf toevoegt.", "Here you can add documents to one case. You only see what you add yourself.")}</p>
            }.into_any(),
        }}}
        {move || admitted.get().then(|| view! {
            <Uploader endpoint="/api/intermediair/documenten".to_owned() kinds=kinds.clone() on_uploaded=Callback::new(move |()| reload()) />
            <h2 class="nl-heading nl-heading--level-2">{t!("Wat u heeft toegevoegd", "What you added")}</h2>
            <DocumentList documents=documents.into() download_base="/api/intermediair/documenten/" />
            <h2 class="nl-heading nl-heading--level-2">"Klaar?"</h2>
            <p class="nl-paragraph">{t!("Log uit als u klaar bent, zeker op een computer die u met anderen deelt. Daarna werkt deze link niet meer. Wilt u later nog iets toevoegen? Vraag de hulpverlener om een nieuwe link.", "Sign out when you are done, especially on a computer you share with others. After that this link no longer works. Do you want to add something later? Ask the social worker for a new link.")}</p>
            <button class="utrecht-button utrecht-button--secondary-action" type="button" on:click=sign_out>{t!("Uitloggen", "Sign out")}</button>
        })}
    }
}
