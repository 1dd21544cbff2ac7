//! The helper's case form: a parent route that loads the draft once and keeps it while the
//! helper moves between its pages, saving as they type (debounced), at every step, and again
//! after a failure. Unsaved answers wait in this browser's storage until the server has them,
//! so a reload, a lost connection or an expired session loses nothing.

pub mod check;
pub mod confirmation;
pub mod question;
pub mod route_check;
pub mod steps;

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::Outlet;
use leptos_router::hooks::use_params_map;
use model::case::CaseDraft;

use crate::api::{self, ApiFailure};
use crate::session::RequireSignIn;

/// Where the latest answers are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveStatus {
    Saved,
    /// Typed, waiting for the pause before saving.
    Pending,
    Saving,
    Failed(ApiFailure),
}

#[derive(Clone, Copy)]
pub struct Wizard {
    pub reference: StoredValue<String>,
    pub draft: RwSignal<CaseDraft>,
    pub status: RwSignal<SaveStatus>,
    timer: StoredValue<Option<TimeoutHandle>>,
}

const DEBOUNCE: Duration = Duration::from_millis(700);
const RETRY: Duration = Duration::from_secs(5);

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

fn storage_key(reference: &str) -> String {
    format!("bondgenoot-onopgeslagen-{reference}")
}

impl Wizard {
    /// Changes the draft and schedules a save.
    pub fn edit(self, change: impl FnOnce(&mut CaseDraft)) {
        self.draft.update(change);
        self.keep_locally();
        self.status.set(SaveStatus::Pending);
        self.schedule(DEBOUNCE);
    }

    fn keep_locally(self) {
        if let (Some(storage), Some(json)) = (storage(), api::to_json(&self.draft.get_untracked()))
        {
            let _ = storage.set_item(&storage_key(&self.reference.get_value()), &json);
        }
    }

    fn schedule(self, after: Duration) {
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                spawn_local(async move {
                    self.save().await;
                })
            },
            after,
        )
        .ok();
        self.timer.set_value(handle);
    }

    /// Saves now; true when the server has the latest answers. A failure is shown and,
    /// unless the session ended, retried by itself.
    pub async fn save(self) -> bool {
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
        }
        if self.status.get_untracked() == SaveStatus::Saved {
            return true;
        }
        self.status.set(SaveStatus::Saving);
        let draft = self.draft.get_untracked();
        let reference = self.reference.get_value();
        match api::save_draft(&reference, &draft).await {
            Ok(()) => {
                // Typed again while saving? Then the newer answers still wait.
                if self.draft.get_untracked() == draft {
                    if let Some(storage) = storage() {
                        let _ = storage.remove_item(&storage_key(&reference));
                    }
                    self.status.set(SaveStatus::Saved);
                } else {
                    self.status.set(SaveStatus::Pending);
                    self.schedule(DEBOUNCE);
                }
                true
            }
            Err(failure) => {
                let retry = failure != ApiFailure::SignedOut;
                self.status.set(SaveStatus::Failed(failure));
                if retry {
                    self.schedule(RETRY);
                }
                false
            }
        }
    }
}

pub fn use_wizard() -> Wizard {
    expect_context::<Wizard>()
}

/// `/zaken/:ref`: loads the draft, then shows the page of the nested route.
#[component]
pub fn CaseWizard() -> impl IntoView {
    view! { <RequireSignIn><WizardLoader /></RequireSignIn> }
}

#[component]
fn WizardLoader() -> impl IntoView {
    let params = use_params_map();
    let reference = params.get_untracked().get("ref").unwrap_or_default();
    let wizard = Wizard {
        reference: StoredValue::new(reference.clone()),
        draft: RwSignal::new(CaseDraft::default()),
        status: RwSignal::new(SaveStatus::Saved),
        timer: StoredValue::new(None),
    };
    provide_context(wizard);
    let loaded = RwSignal::new(None::<Result<(), ApiFailure>>);
    spawn_local(async move {
        match api::case(&reference).await {
            Ok(case) => {
                // Answers that never reached the server win over the server's older copy.
                let unsaved = storage()
                    .and_then(|s| s.get_item(&storage_key(&reference)).ok().flatten())
                    .and_then(|json| api::from_json::<CaseDraft>(&json))
                    .filter(|local| *local != case.concept);
                match unsaved {
                    Some(local) => {
                        wizard.draft.set(local);
                        wizard.status.set(SaveStatus::Pending);
                        wizard.save().await;
                    }
                    None => wizard.draft.set(case.concept),
                }
                loaded.set(Some(Ok(())));
            }
            Err(failure) => loaded.set(Some(Err(failure))),
        }
    });
    move || {
        match loaded.get() {
        None => {
            view! { <p class="nl-paragraph" role="status">{t!("De zaak wordt geladen.", "The case is loading.")}</p> }.into_any()
        }
        Some(Ok(())) => view! { <Outlet /> }.into_any(),
        Some(Err(failure)) => view! {
            <h1 class="nl-heading nl-heading--level-1">{t!("Deze zaak kunnen we niet openen", "We cannot open this case")}</h1>
            <p class="nl-paragraph">{failure.message()}</p>
            <p class="nl-paragraph"><a class="nl-link" rel="external" href="/zaken">{t!("Naar uw zaken", "Go to your cases")}</a></p>
        }
        .into_any(),
    }
    }
}

/// Says where the answers are, and what to do when saving fails.
#[component]
pub fn SaveIndicator() -> impl IntoView {
    let wizard = use_wizard();
    let location = leptos_router::hooks::use_location();
    let retry = move |_| {
        spawn_local(async move {
            wizard.save().await;
        })
    };
    view! {
        <div class="bg-save" role="status" aria-live="polite" data-testid="opslaan-status">
            {move || match wizard.status.get() {
                SaveStatus::Saved => view! { <span>{t!("Uw antwoorden zijn opgeslagen.", "Your answers have been saved.")}</span> }.into_any(),
                SaveStatus::Pending | SaveStatus::Saving => view! { <span>{t!("Bezig met opslaan.", "Saving.")}</span> }.into_any(),
                SaveStatus::Failed(ApiFailure::SignedOut) => {
                    // Back to this very page after signing in; the answers wait in this browser.
                    let back = format!("{}{}", location.pathname.get_untracked(), location.search.get_untracked());
                    view! {
                        <span class="bg-save--failed">
                            {t!("U bent niet meer ingelogd. Uw antwoorden staan nog op dit apparaat. ", "You are no longer signed in. Your answers are still on this device. ")}
                            <a class="nl-link" rel="external" href=crate::session::sign_in_path(&back)>{t!("Log opnieuw in", "Sign in again")}</a>
                            {t!(" om ze op te slaan.", " to save them.")}
                        </span>
                    }.into_any()
                }
                SaveStatus::Failed(failure) => view! {
                    <span class="bg-save--failed">
                        {t!("Niet opgeslagen. ", "Not saved. ")} {failure.message()} {t!(" We proberen het zo opnieuw. Uw tekst blijft staan. ", " We will try again soon. Your text stays. ")}
                        <button type="button" class="utrecht-button utrecht-button--secondary-action bg-button--small" on:click=retry>{t!("Nu opnieuw proberen", "Try again now")}</button>
                    </span>
                }.into_any(),
            }}
        </div>
    }
}
