//! Accounts: the list (`/beheer`), inviting someone (`/beheer/uitnodigen`) and one account
//! (`/beheer/accounts/:id`): what it is for, switching it off and on, the invitation.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use model::beheer::{
    AccountChange, AccountState, AccountView, InvitationInput, Organisation, Team,
};
use model::lifecycle::Role;
use model::{Check, FieldError};

use super::{load_failed, loading, LastChange, Notice};
use crate::api::{beheer, ApiFailure};
use crate::components::error_summary::{error_of, summary_of, ErrorSummary};
use crate::components::fields::{ChoiceGroup, SelectField, TextField};
use crate::components::notice::Problem;
use crate::components::sign_out::SignOutButton;

/// The roles a beheerder can give, in the order the form shows them.
const ROLES: [(Role, &str); 3] = [
    (
        Role::Hulpverlener,
        t!(
            "Hulpverlener bij een partnerorganisatie",
            "Social worker at a partner organisation"
        ),
    ),
    (
        Role::Behandelaar,
        t!(
            "Behandelaar bij de Belangenbehartiger",
            "Handler at the Belangenbehartiger"
        ),
    ),
    (
        Role::Beheerder,
        t!("Beheerder van Bondgenoot", "Administrator of Bondgenoot"),
    ),
];

pub(super) fn role_label(role: Role) -> &'static str {
    match role {
        Role::Hulpverlener => t!("Hulpverlener", "Social worker"),
        Role::Behandelaar => t!("Behandelaar", "Handler"),
        Role::Beheerder => t!("Beheerder", "Administrator"),
        _ => t!("Andere rol", "Other role"),
    }
}

fn state_label(state: AccountState) -> &'static str {
    match state {
        AccountState::Uitgenodigd => t!(
            "Uitgenodigd, nog geen wachtwoord",
            "Invited, no password yet"
        ),
        AccountState::Actief => t!("Actief", "Active"),
        AccountState::Gedeactiveerd => t!(
            "Uitgezet: kan niet inloggen",
            "Switched off: cannot sign in"
        ),
    }
}

/// "Organisatie X" or "Teams A, B": where the account works.
fn works_at(account: &AccountView, teams: &[Team]) -> String {
    match account.rol {
        Role::Hulpverlener => account.organisatie.clone().unwrap_or_default(),
        Role::Behandelaar => teams
            .iter()
            .filter(|team| account.teams.contains(&team.id))
            .map(|team| team.naam.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        _ => String::new(),
    }
}

/// Everything the account pages show: accounts, organisations and teams.
async fn everything() -> Result<(Vec<AccountView>, Vec<Organisation>, Vec<Team>), ApiFailure> {
    Ok((
        beheer::accounts().await?,
        beheer::organisations().await?,
        beheer::teams().await?,
    ))
}

#[component]
pub fn Accounts() -> impl IntoView {
    let data = LocalResource::new(everything);
    view! {
        <h1 class="nl-heading nl-heading--level-1">{t!("Accounts", "Accounts")}</h1>
        <LastChange />
        <p class="nl-paragraph">{t!("Hier nodigt u mensen uit voor Bondgenoot. U ziet wie er een account heeft, en of het werkt.", "Here you invite people to Bondgenoot. You see who has an account, and whether it works.")}</p>
        <div class="bg-actions">
            <A href="/beheer/uitnodigen" attr:class="utrecht-button utrecht-button--primary-action bg-button-link">{t!("Iemand uitnodigen", "Invite someone")}</A>
            <SignOutButton />
        </div>
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((accounts, _, teams)) => view! {
                        <ul class="bg-cases" data-testid="accounts">
                            {accounts.into_iter().map(|account| {
                                let place = works_at(&account, &teams);
                                view! {
                                    <li class="bg-case">
                                        <h2 class="nl-heading nl-heading--level-3 bg-case__title">
                                            <A href=format!("/beheer/accounts/{}", account.id) attr:class="nl-link">{account.naam.clone()}</A>
                                        </h2>
                                        <p class="nl-paragraph bg-case__meta">{account.email.clone()}</p>
                                        <p class="nl-paragraph bg-case__meta">
                                            {role_label(account.rol)}
                                            {(!place.is_empty()).then(|| tf!(" · {place}", " · {place}"))}
                                            " · "{state_label(account.stand)}
                                        </p>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(failure) => load_failed(failure),
                }
            })}
        </Suspense>
    }
}

/// Role, organisation and teams, as the form holds them.
#[derive(Clone, Copy)]
struct AssignmentInput {
    role: RwSignal<Option<Role>>,
    organisation: RwSignal<String>,
    teams: RwSignal<Vec<i64>>,
}

impl AssignmentInput {
    fn new(role: Option<Role>, organisation: Option<i64>, teams: Vec<i64>) -> Self {
        AssignmentInput {
            role: RwSignal::new(role),
            organisation: RwSignal::new(organisation.map(|id| id.to_string()).unwrap_or_default()),
            teams: RwSignal::new(teams),
        }
    }

    fn organisation_id(&self) -> Option<i64> {
        self.organisation.get_untracked().parse().ok()
    }
}

/// The role choice, then the organisation (helpers) or the teams (behandelaars).
#[component]
fn AssignmentFields(
    input: AssignmentInput,
    organisations: Vec<Organisation>,
    teams: Vec<Team>,
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let mut choices = vec![(
        String::new(),
        t!("Kies een organisatie", "Choose an organisation").to_owned(),
    )];
    choices.extend(
        organisations
            .iter()
            .filter(|org| org.actief)
            .map(|org| (org.id.to_string(), org.naam.clone())),
    );
    let team_ids: Vec<i64> = teams.iter().map(|team| team.id).collect();
    let team_ids = StoredValue::new(team_ids);
    let team_names: Vec<String> = teams.into_iter().map(|team| team.naam).collect();
    let no_teams = team_names.is_empty();
    view! {
        <ChoiceGroup id="rol" legend=t!("Wat gaat deze persoon doen?", "What will this person do?")
            options=ROLES.iter().map(|(_, label)| label.to_string()).collect()
            checked=Callback::new(move |i: usize| input.role.get() == Some(ROLES[i].0))
            on_toggle=Callback::new(move |i: usize| input.role.set(Some(ROLES[i].0)))
            error=error_of(errors, "rol") />
        <Show when=move || input.role.get() == Some(Role::Hulpverlener)>
            <SelectField id="organisatie_id" label=t!("Organisatie", "Organisation")
                hint=t!("De hulpverlener ziet alleen de zaken van deze organisatie.", "The social worker only sees the cases of this organisation.")
                options=Signal::stored(choices.clone()) value=input.organisation.into()
                error=error_of(errors, "organisatie_id")
                on_change=Callback::new(move |v| input.organisation.set(v)) />
        </Show>
        <Show when=move || input.role.get() == Some(Role::Behandelaar)>
            {if no_teams {
                view! {
                    <p class="nl-paragraph">{t!("Er zijn nog geen teams. ", "There are no teams yet. ")}<A href="/beheer/teams" attr:class="nl-link">{t!("Maak eerst een team.", "Make a team first.")}</A></p>
                }.into_any()
            } else {
                view! {
                    <ChoiceGroup id="teams" legend=t!("In welke teams werkt deze behandelaar?", "Which teams does this handler work in?") multiple=true
                        hint=t!("Kies een of meer teams.", "Choose one or more teams.")
                        options=team_names.clone()
                        checked=Callback::new(move |i: usize| team_ids.with_value(|ids| input.teams.get().contains(&ids[i])))
                        on_toggle=Callback::new(move |i: usize| {
                            let id = team_ids.with_value(|ids| ids[i]);
                            input.teams.update(|chosen| {
                                if let Some(at) = chosen.iter().position(|t| *t == id) {
                                    chosen.remove(at);
                                } else {
                                    chosen.push(id);
                                }
                            });
                        })
                        error=error_of(errors, "teams") />
                }.into_any()
            }}
        </Show>
    }
}

/// A refused change: field messages go beside their fields, anything else in the summary.
fn refused(errors: RwSignal<Vec<FieldError>>, failure: ApiFailure, field: &str) {
    errors.set(match failure {
        ApiFailure::Refused(problem) if !problem.errors.is_empty() => problem.errors,
        other => vec![FieldError {
            field: field.to_owned(),
            message: other.message(),
        }],
    });
}

#[component]
pub fn Invite() -> impl IntoView {
    let data = LocalResource::new(everything);
    view! {
        <h1 class="nl-heading nl-heading--level-1">{t!("Iemand uitnodigen", "Invite someone")}</h1>
        <p class="nl-paragraph">{t!("De persoon krijgt een e-mail met een link. Met die link kiest hij of zij een wachtwoord. De link werkt 72 uur en één keer.", "The person gets an e-mail with a link. With that link they choose a password. The link works for 72 hours, once.")}</p>
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((_, organisations, teams)) => view! { <InviteForm organisations teams /> }.into_any(),
                    Err(failure) => load_failed(failure),
                }
            })}
        </Suspense>
    }
}

#[component]
fn InviteForm(organisations: Vec<Organisation>, teams: Vec<Team>) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let assignment = AssignmentInput::new(None, None, Vec::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let navigate = use_navigate();
    let notice = Notice::here();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(rol) = assignment.role.get_untracked() else {
            errors.set(vec![FieldError {
                field: "rol".into(),
                message: t!(
                    "Kies wat deze persoon gaat doen.",
                    "Choose what this person will do."
                )
                .into(),
            }]);
            return;
        };
        let input = InvitationInput {
            naam: name.get_untracked(),
            email: email.get_untracked(),
            rol,
            organisatie_id: assignment.organisation_id(),
            teams: assignment.teams.get_untracked(),
        };
        if let Err(found) = input.check() {
            errors.set(found);
            return;
        }
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            match beheer::invite(&input).await {
                Ok(_) => {
                    notice.say(tf!(
                        "De uitnodiging is verstuurd naar {}.",
                        "The invitation was sent to {}.",
                        input.email.trim()
                    ));
                    navigate("/beheer", Default::default());
                }
                Err(failure) => refused(errors, failure, "email"),
            }
            busy.set(false);
        });
    };
    view! {
        <ErrorSummary items=summary_of(errors) />
        <form class="bg-form" on:submit=submit novalidate>
            <TextField id="naam" label=t!("Naam", "Name") autocomplete="off" value=name.into() error=error_of(errors, "naam")
                on_input=Callback::new(move |v| name.set(v)) />
            <TextField id="email" label=t!("E-mailadres", "E-mail address") input_type="email" autocomplete="off"
                hint=t!("Het werkadres van de persoon. Hier komt de uitnodiging.", "The person's work address. The invitation goes here.")
                value=email.into() error=error_of(errors, "email") on_input=Callback::new(move |v| email.set(v)) />
            <AssignmentFields input=assignment organisations teams errors />
            <div class="bg-actions">
                <button class="utrecht-button utrecht-button--primary-action" type="submit" disabled=busy>
                    {move || if busy.get() { t!("Bezig met versturen", "Sending") } else { t!("Uitnodiging versturen", "Send invitation") }}
                </button>
                <A href="/beheer" attr:class="nl-link">{t!("Terug naar de accounts", "Back to the accounts")}</A>
            </div>
        </form>
    }
}

#[component]
pub fn AccountPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let data = LocalResource::new(everything);
    view! {
        <Suspense fallback=loading>
            {move || Suspend::new(async move {
                let found = data.await;
                match found {
                    Ok((accounts, organisations, teams)) => {
                        match accounts.into_iter().find(|account| Some(account.id) == id()) {
                            Some(account) => view! { <AccountForm account organisations teams /> }.into_any(),
                            None => view! {
                                <h1 class="nl-heading nl-heading--level-1">{t!("Dit account bestaat niet", "This account does not exist")}</h1>
                                <p class="nl-paragraph"><A href="/beheer" attr:class="nl-link">{t!("Terug naar de accounts", "Back to the accounts")}</A></p>
                            }.into_any(),
                        }
                    }
                    Err(failure) => load_failed(failure),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AccountForm(
    account: AccountView,
    organisations: Vec<Organisation>,
    teams: Vec<Team>,
) -> impl IntoView {
    let id = account.id;
    let assignment = AssignmentInput::new(
        Some(account.rol),
        account.organisatie_id,
        account.teams.clone(),
    );
    let active = account.stand != AccountState::Gedeactiveerd;
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let navigate = StoredValue::new(use_navigate());
    let notice = Notice::here();
    let email = account.email.clone();
    let done = move |message: String| {
        notice.say(message);
        navigate.with_value(|go| go("/beheer", Default::default()));
    };
    // One change to the account: its assignment as the form holds it, and whether it may sign in.
    let save = move |actief: bool, message: String| {
        let Some(rol) = assignment.role.get_untracked() else {
            return;
        };
        let change = AccountChange {
            rol,
            organisatie_id: assignment.organisation_id(),
            teams: assignment.teams.get_untracked(),
            actief,
        };
        if let Err(found) = change.check() {
            errors.set(found);
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match beheer::change(id, &change).await {
                Ok(_) => done(message),
                Err(ApiFailure::Refused(p)) if p.errors.is_empty() => problem.set(Some(p.detail)),
                Err(failure) => refused(errors, failure, "rol"),
            }
            busy.set(false);
        });
    };
    let name = account.naam.clone();
    let submit = {
        let name = name.clone();
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            save(
                active,
                tf!(
                    "De gegevens van {name} zijn opgeslagen.",
                    "The details of {name} have been saved."
                ),
            );
        }
    };
    let switch = {
        let name = name.clone();
        move |_| {
            let message = if active {
                tf!(
                    "{name} kan niet meer inloggen. Alle sessies zijn beëindigd.",
                    "{name} can no longer sign in. All sessions have ended."
                )
            } else {
                tf!("{name} kan weer inloggen.", "{name} can sign in again.")
            };
            save(!active, message);
        }
    };
    let invitation = move |resend: bool| {
        let email = email.clone();
        busy.set(true);
        spawn_local(async move {
            let sent = if resend {
                beheer::resend_invitation(id).await
            } else {
                beheer::revoke_invitation(id).await
            };
            match sent {
                Ok(()) if resend => done(tf!("Er is een nieuwe uitnodiging verstuurd naar {email}. De oude link werkt niet meer.", "A new invitation was sent to {email}. The old link no longer works.")),
                Ok(()) => done(tf!("De uitnodiging voor {email} werkt niet meer.", "The invitation for {email} no longer works.")),
                Err(failure) => problem.set(Some(failure.message())),
            }
            busy.set(false);
        });
    };
    let invited = account.stand == AccountState::Uitgenodigd;
    let has_second_factor = account.tweede_factor;
    let reset = {
        let name = name.clone();
        move |_| {
            let name = name.clone();
            busy.set(true);
            spawn_local(async move {
                match beheer::reset_second_factor(id).await {
                    Ok(()) => done(tf!("De app van {name} is gewist. Bij de volgende keer inloggen stelt {name} een nieuwe app in.", "The app of {name} has been cleared. At the next sign-in {name} sets up a new app.")),
                    Err(failure) => problem.set(Some(failure.message())),
                }
                busy.set(false);
            });
        }
    };
    view! {
        <h1 class="nl-heading nl-heading--level-1">{account.naam.clone()}</h1>
        <dl class="bg-facts">
            <dt>{t!("E-mailadres", "E-mail address")}</dt><dd>{account.email.clone()}</dd>
            <dt>{t!("Stand", "State")}</dt><dd>{state_label(account.stand)}</dd>
            <dt>{t!("Inloggen met een app", "Signing in with an app")}</dt><dd>{if account.tweede_factor { t!("Ja", "Yes") } else { t!("Nee", "No") }}</dd>
        </dl>
        {move || problem.get().map(|message| view! { <Problem message /> })}
        <ErrorSummary items=summary_of(errors) />
        <form class="bg-form" on:submit=submit novalidate>
            <AssignmentFields input=assignment organisations teams errors />
            <button class="utrecht-button utrecht-button--primary-action" type="submit" disabled=busy>{t!("Opslaan", "Save")}</button>
        </form>
        <h2 class="nl-heading nl-heading--level-2">{if active { t!("Account uitzetten", "Switch off account") } else { t!("Account weer aanzetten", "Switch account on again") }}</h2>
        <p class="nl-paragraph">
            {if active {
                t!("Werkt deze persoon niet meer met Bondgenoot? Zet het account uit. De persoon wordt meteen uitgelogd. Het account blijft bewaard voor het logboek.", "Does this person no longer work with Bondgenoot? Switch off the account. The person is signed out at once. The account is kept for the log.")
            } else {
                t!("Het account is uitgezet. Zet het weer aan als deze persoon weer met Bondgenoot gaat werken.", "The account is switched off. Switch it on again if this person starts working with Bondgenoot again.")
            }}
        </p>
        <button class="utrecht-button utrecht-button--secondary-action" type="button" disabled=busy on:click=switch>
            {if active { t!("Account uitzetten", "Switch off account") } else { t!("Account weer aanzetten", "Switch account on again") }}
        </button>
        {invited.then(|| {
            let resend = invitation.clone();
            view! {
                <h2 class="nl-heading nl-heading--level-2">{t!("Uitnodiging", "Invitation")}</h2>
                <p class="nl-paragraph">{t!("Deze persoon heeft nog geen wachtwoord gekozen. Stuur een nieuwe link, of zorg dat de link niet meer werkt.", "This person has not chosen a password yet. Send a new link, or make sure the link no longer works.")}</p>
                <div class="bg-actions">
                    <button class="utrecht-button utrecht-button--secondary-action" type="button" disabled=busy on:click=move |_| resend(true)>{t!("Nieuwe uitnodiging sturen", "Send a new invitation")}</button>
                    <button class="utrecht-button utrecht-button--secondary-action" type="button" disabled=busy on:click=move |_| invitation(false)>{t!("Uitnodiging intrekken", "Withdraw invitation")}</button>
                </div>
            }
        })}
        {has_second_factor.then(|| view! {
            <h2 class="nl-heading nl-heading--level-2">{t!("Inloggen met de app", "Signing in with the app")}</h2>
            <p class="nl-paragraph">{t!("Is deze persoon de telefoon met de app kwijt, en ook de herstelcodes? Wis dan de app. De persoon wordt uitgelogd en stelt bij de volgende keer inloggen een nieuwe app in.", "Has this person lost the phone with the app, and the recovery codes too? Then clear the app. The person is signed out and sets up a new app at the next sign-in.")}</p>
            <button class="utrecht-button utrecht-button--secondary-action" type="button" disabled=busy on:click=reset>{t!("App wissen", "Clear app")}</button>
        })}
        <p class="nl-paragraph"><A href="/beheer" attr:class="nl-link">{t!("Terug naar de accounts", "Back to the accounts")}</A></p>
    }
}
