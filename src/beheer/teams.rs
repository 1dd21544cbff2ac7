//! The Belangenbehartiger's teams (`/beheer/teams`): triage, casusbehandeling, … A
//! behandelaar works in one or more of them.

use leptos::prelude::*;
use leptos::task::spawn_local;
use model::beheer::TeamInput;
use model::{Check, FieldError};

use super::{load_failed, loading, ChangeNotice};
use crate::api::{beheer, ApiFailure};
use crate::components::error_summary::{error_of, summary_of, ErrorSummary};
use crate::components::fields::TextField;

#[component]
pub fn Teams() -> impl IntoView {
    let version = RwSignal::new(0u32);
    let list = LocalResource::new(move || {
        version.track();
        beheer::teams()
    });
    let name = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let notice = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let input = TeamInput {
            naam: name.get_untracked(),
        };
        if let Err(found) = input.check() {
            errors.set(found);
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match beheer::create_team(&input).await {
                Ok(_) => {
                    errors.set(Vec::new());
                    name.set(String::new());
                    notice.set(Some(format!("Het team {} is gemaakt.", input.naam.trim())));
                    version.update(|v| *v += 1);
                }
                Err(ApiFailure::Refused(problem)) if !problem.errors.is_empty() => {
                    errors.set(problem.errors)
                }
                Err(failure) => errors.set(vec![FieldError {
                    field: "naam".into(),
                    message: failure.message(),
                }]),
            }
            busy.set(false);
        });
    };
    view! {
        <h1 class="nl-heading nl-heading--level-1">"Teams"</h1>
        <p class="nl-paragraph">"De teams van de Belangenbehartiger. Een behandelaar werkt in een of meer teams."</p>
        <ChangeNotice text=notice.into() />
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) if list.is_empty() => view! { <p class="nl-paragraph">"Er zijn nog geen teams."</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="bg-list" data-testid="teams">
                            {list.into_iter().map(|team| view! {
                                <li>{team.naam}{format!(" · {} behandelaar(s)", team.leden)}</li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(failure) => load_failed(failure),
                }
            })}
        </Suspense>
        <h2 class="nl-heading nl-heading--level-2">"Nieuw team"</h2>
        <ErrorSummary items=summary_of(errors) />
        <form class="bg-form" on:submit=submit novalidate>
            <TextField id="naam" label="Naam van het team" hint="Bijvoorbeeld: triage, of casusbehandeling Toeslagen."
                value=name.into() error=error_of(errors, "naam") on_input=Callback::new(move |v| name.set(v)) />
            <button class="utrecht-button utrecht-button--primary-action" type="submit" disabled=busy>"Team maken"</button>
        </form>
    }
}
