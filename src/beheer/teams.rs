//! The Belangenbehartiger's teams (`/beheer/teams`): triage, casusbehandeling, … A
//! behandelaar works in one or more of them. What a team may is need-to-know: a triage team
//! sees every case nobody took on yet; a team may be allowed to open others' cases with a
//! stated reason.

use leptos::prelude::*;
use leptos::task::spawn_local;
use model::beheer::{Team, TeamInput};
use model::{Check, FieldError};

use super::{load_failed, loading, ChangeNotice};
use crate::api::{beheer, ApiFailure};
use crate::components::error_summary::{error_of, summary_of, ErrorSummary};
use crate::components::fields::{ChoiceGroup, TextField};

/// What a team may, as the form and the list say it.
const RIGHTS: [&str; 2] = [
    t!("Dit team doet de triage: het ziet alle nieuwe zaken die nog niemand in behandeling nam", "This team does the triage: it sees all new cases nobody has taken up yet"),
    t!("Leden mogen een zaak van een ander team openen, met een reden. De reden komt in het logboek.", "Members may open a case of another team, with a reason. The reason goes in the log."),
];

#[component]
pub fn Teams() -> impl IntoView {
    let version = RwSignal::new(0u32);
    let list = LocalResource::new(move || {
        version.track();
        beheer::teams()
    });
    let name = RwSignal::new(String::new());
    let rights = RwSignal::new([false, false]);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let notice = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let [triage, inzage_met_reden] = rights.get_untracked();
        let input = TeamInput {
            naam: name.get_untracked(),
            triage,
            inzage_met_reden,
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
                    rights.set([false, false]);
                    notice.set(Some(tf!(
                        "Het team {} is gemaakt.",
                        "The team {} has been made.",
                        input.naam.trim()
                    )));
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
        <h1 class="nl-heading nl-heading--level-1">{t!("Teams", "Teams")}</h1>
        <p class="nl-paragraph">{t!("De teams van de Belangenbehartiger. Een behandelaar werkt in een of meer teams.", "The teams of the Belangenbehartiger. A handler works in one or more teams.")}</p>
        <ChangeNotice text=notice.into() />
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(list) if list.is_empty() => view! { <p class="nl-paragraph">{t!("Er zijn nog geen teams.", "There are no teams yet.")}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="bg-list" data-testid="teams">
                            {list.into_iter().map(|team| view! { <TeamLine team=team notice=notice version=version /> }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(failure) => load_failed(failure),
                }
            })}
        </Suspense>
        <h2 class="nl-heading nl-heading--level-2">{t!("Nieuw team", "New team")}</h2>
        <ErrorSummary items=summary_of(errors) />
        <form class="bg-form" on:submit=submit novalidate>
            <TextField id="naam" label=t!("Naam van het team", "Name of the team") hint=t!("Bijvoorbeeld: triage, of casusbehandeling Toeslagen.", "For example: triage, or case handling Benefits.")
                value=name.into() error=error_of(errors, "naam") on_input=Callback::new(move |v| name.set(v)) />
            <ChoiceGroup id="rechten" legend=t!("Wat mag dit team?", "What may this team do?") multiple=true
                options=RIGHTS.map(String::from).to_vec()
                checked=Callback::new(move |i: usize| rights.get()[i])
                on_toggle=Callback::new(move |i: usize| rights.update(|r| r[i] = !r[i]))
                error=Signal::derive(|| None) />
            <button class="utrecht-button utrecht-button--primary-action" type="submit" disabled=busy>{t!("Team maken", "Make team")}</button>
        </form>
    }
}

/// One team in the list: its members and what it may, with a button to change each.
#[component]
fn TeamLine(team: Team, notice: RwSignal<Option<String>>, version: RwSignal<u32>) -> impl IntoView {
    let team = StoredValue::new(team);
    let toggle = move |which: usize| {
        let team = team.get_value();
        let mut input = TeamInput {
            naam: team.naam.clone(),
            triage: team.triage,
            inzage_met_reden: team.inzage_met_reden,
        };
        if which == 0 {
            input.triage = !input.triage;
        } else {
            input.inzage_met_reden = !input.inzage_met_reden;
        }
        spawn_local(async move {
            match beheer::update_team(team.id, &input).await {
                Ok(_) => {
                    notice.set(Some(tf!(
                        "Het team {} is gewijzigd.",
                        "The team {} has been changed.",
                        team.naam
                    )));
                    version.update(|v| *v += 1);
                }
                Err(failure) => notice.set(Some(failure.message())),
            }
        });
    };
    let t = team.get_value();
    let says = |on: bool, yes: &str, no: &str| if on { yes.to_owned() } else { no.to_owned() };
    view! {
        <li>
            <strong>{t.naam.clone()}</strong>{tf!(" · {} behandelaar(s)", " · {} handler(s)", t.leden)}
            <br />{says(t.triage, t!("Doet de triage.", "Does the triage."), t!("Doet geen triage.", "Does no triage."))}" "
            {says(t.inzage_met_reden, t!("Mag zaken van anderen openen met een reden.", "May open cases of others with a reason."), t!("Opent alleen eigen zaken.", "Opens only its own cases."))}
            <div class="bg-actions">
                <button class="utrecht-button utrecht-button--secondary-action" type="button" on:click=move |_| toggle(0)>
                    {says(t.triage, t!("Triage uitzetten", "Switch off triage"), t!("Triage aanzetten", "Switch on triage"))}<span class="bg-visually-hidden">{tf!(" voor {}", " for {}", t.naam)}</span>
                </button>
                <button class="utrecht-button utrecht-button--secondary-action" type="button" on:click=move |_| toggle(1)>
                    {says(t.inzage_met_reden, t!("Openen met reden uitzetten", "Switch off opening with a reason"), t!("Openen met reden aanzetten", "Switch on opening with a reason"))}<span class="bg-visually-hidden">{tf!(" voor {}", " for {}", t.naam)}</span>
                </button>
            </div>
        </li>
    }
}
