//! Alerts about access (`/beheer/meldingen`): what the monitoring rules found in the audit
//! log, open ones first. The beheerder marks one seen, or handles it and writes what they
//! did. Below: the rules and their thresholds, and a button to run them now.

use leptos::prelude::*;
use leptos::task::spawn_local;
use model::monitoring::{Alert, AlertChange, AlertState, RuleInput, RuleSetting};
use model::Check;

use crate::api::{beheer, ApiFailure};
use crate::today::moment_in_words;

fn state_text(state: AlertState) -> &'static str {
    match state {
        AlertState::Open => t!("Open", "Open"),
        AlertState::Gezien => t!("Gezien", "Seen"),
        AlertState::Afgehandeld => t!("Afgehandeld", "Dealt with"),
    }
}

#[component]
pub fn Alerts() -> impl IntoView {
    let alerts = RwSignal::new(None::<Vec<Alert>>);
    let rules = RwSignal::new(Vec::<RuleSetting>::new());
    let notice = RwSignal::new(None::<String>);
    spawn_local(async move {
        match beheer::alerts().await {
            Ok(list) => alerts.set(Some(list)),
            Err(failure) => notice.set(Some(failure.message())),
        }
        if let Ok(list) = beheer::rules().await {
            rules.set(list);
        }
    });
    let check_now = move |_| {
        spawn_local(async move {
            match beheer::check_now().await {
                Ok(list) => {
                    let open = list.iter().filter(|a| a.stand == AlertState::Open).count();
                    notice.set(Some(tf!(
                        "De regels zijn nagelopen. Er staan {open} meldingen open.",
                        "The rules have been checked. {open} alerts are open."
                    )));
                    alerts.set(Some(list));
                }
                Err(failure) => notice.set(Some(failure.message())),
            }
        });
    };
    view! {
        <h1 class="nl-heading nl-heading--level-1">{t!("Meldingen", "Alerts")}</h1>
        <p class="nl-paragraph">{t!("Bondgenoot kijkt in het logboek of iemand zaken bekijkt op een manier die om uitleg vraagt. Dan komt hier een melding, en krijgen de beheerders een e-mail. Kijk wat er gebeurde en schrijf op wat u deed.", "Bondgenoot checks the log for someone looking at cases in a way that needs explaining. Then an alert appears here, and the administrators get an e-mail. Look at what happened and write down what you did.")}</p>
        <div role="status" data-testid="melding">{move || notice.get().map(|text| view! { <p class="nl-paragraph">{text}</p> })}</div>
        <div class="bg-actions">
            <button class="utrecht-button utrecht-button--secondary-action" type="button" on:click=check_now>{t!("Nu controleren", "Check now")}</button>
        </div>
        {move || match alerts.get() {
            None => view! { <p class="nl-paragraph" role="status">{t!("De meldingen worden geladen.", "The alerts are loading.")}</p> }.into_any(),
            Some(list) if list.is_empty() => view! { <p class="nl-paragraph">{t!("Er zijn geen meldingen.", "There are no alerts.")}</p> }.into_any(),
            Some(list) => view! {
                <ul class="bg-cases" data-testid="meldingen">
                    {list.into_iter().map(|alert| view! { <AlertLine alert alerts notice /> }).collect_view()}
                </ul>
            }.into_any(),
        }}
        <h2 class="nl-heading nl-heading--level-2">{t!("Regels", "Rules")}</h2>
        <p class="nl-paragraph">{t!("Bij elke regel kiest u vanaf hoeveel keer er een melding komt. Zet een regel uit als u hem niet wilt gebruiken.", "For each rule you choose from how many times an alert comes. Switch a rule off if you do not want to use it.")}</p>
        <ul class="bg-cases" data-testid="regels">
            {move || rules.get().into_iter().map(|rule| view! { <RuleLine rule rules notice /> }).collect_view()}
        </ul>
    }
}

/// One alert, with what the beheerder can do with it now.
#[component]
fn AlertLine(
    alert: Alert,
    alerts: RwSignal<Option<Vec<Alert>>>,
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let id = alert.id;
    let change = move |stand: AlertState| {
        let body = AlertChange {
            stand,
            notitie: note.get_untracked(),
        };
        if let Err(found) = body.check() {
            error.set(found.into_iter().next().map(|e| e.message));
            return;
        }
        spawn_local(async move {
            match beheer::change_alert(id, &body).await {
                Ok(list) => {
                    notice.set(Some(tf!(
                        "De melding staat nu op: {}.",
                        "The alert is now: {}.",
                        state_text(stand).to_lowercase()
                    )));
                    alerts.set(Some(list));
                }
                Err(ApiFailure::Refused(p)) if !p.errors.is_empty() => {
                    error.set(p.errors.into_iter().next().map(|e| e.message))
                }
                Err(failure) => error.set(Some(failure.message())),
            }
        });
    };
    let field = format!("notitie-{id}");
    let person = alert
        .persoon
        .clone()
        .unwrap_or_else(|| t!("Onbekend account", "Unknown account").to_owned());
    let log = alert
        .persoon_id
        .map(|p| format!("/beheer/logboek?persoon={p}"));
    view! {
        <li class="bg-case">
            // Under the page's h1 (the rules below have an h2 of their own).
            <h2 class="nl-heading nl-heading--level-3 bg-case__title">{alert.titel.clone()}</h2>
            <p class="bg-case__meta">{format!("{} · {}", state_text(alert.stand), person)}</p>
            <p class="bg-case__meta">{tf!("{} keer (drempel {}), vanaf {}", "{} times (threshold {}), from {}", alert.aantal, alert.drempel, moment_in_words(alert.venster))}</p>
            {log.map(|href| view! { <p class="bg-case__meta"><a class="nl-link" href=href>{t!("Bekijk wat deze persoon deed in het logboek", "See what this person did in the log")}</a></p> })}
            {alert.notitie.clone().map(|text| view! { <p class="nl-paragraph">{tf!("Wat er is gedaan: {text}", "What was done: {text}")}{alert.afgehandeld_door.clone().map(|by| format!(" ({by})"))}</p> })}
            {(alert.stand != AlertState::Afgehandeld).then(|| view! {
                <div class="bg-form">
                    <Field id=field.clone() label=t!("Wat heeft u gedaan? Nodig om de melding af te handelen.", "What did you do? Needed to deal with the alert.") error=error>
                        <textarea class="bg-input bg-input--area" id=field.clone() rows="3"
                            aria-invalid=move || error.get().is_some().to_string()
                            prop:value=note on:input=move |ev| note.set(event_target_value(&ev))></textarea>
                    </Field>
                    <div class="bg-actions">
                        {(alert.stand == AlertState::Open).then(|| view! {
                            <button class="utrecht-button utrecht-button--secondary-action" type="button" on:click=move |_| change(AlertState::Gezien)>{t!("Gezien", "Seen")}</button>
                        })}
                        <button class="utrecht-button utrecht-button--primary-action" type="button" on:click=move |_| change(AlertState::Afgehandeld)>{t!("Afhandelen", "Deal with it")}</button>
                    </div>
                </div>
            })}
        </li>
    }
}

/// One rule: what it watches, its threshold, on or off.
#[component]
fn RuleLine(
    rule: RuleSetting,
    rules: RwSignal<Vec<RuleSetting>>,
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
    let threshold = RwSignal::new(rule.drempel.to_string());
    let active = RwSignal::new(rule.aan);
    let error = RwSignal::new(None::<String>);
    let which = rule.regel;
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let body = RuleInput {
            drempel: threshold.get_untracked(),
            aan: active.get_untracked(),
        };
        if let Err(found) = body.check() {
            error.set(found.into_iter().next().map(|e| e.message));
            return;
        }
        spawn_local(async move {
            match beheer::set_rule(which.key(), &body).await {
                Ok(list) => {
                    error.set(None);
                    notice.set(Some(tf!(
                        "De regel \u{201c}{}\u{201d} is bewaard.",
                        "The rule \u{201c}{}\u{201d} has been saved.",
                        which.title()
                    )));
                    rules.set(list);
                }
                Err(ApiFailure::Refused(p)) if !p.errors.is_empty() => {
                    error.set(p.errors.into_iter().next().map(|e| e.message))
                }
                Err(failure) => error.set(Some(failure.message())),
            }
        });
    };
    let field = format!("drempel-{}", which.key());
    let switch = format!("aan-{}", which.key());
    view! {
        <li class="bg-case">
            <h3 class="nl-heading nl-heading--level-3 bg-case__title">{rule.titel.clone()}</h3>
            <p class="nl-paragraph">{rule.uitleg.clone()}</p>
            <form class="bg-form" on:submit=save novalidate>
                <Field id=field.clone() label=t!("Melding vanaf (aantal keer)", "Alert from (number of times)") error=error>
                    <input class="bg-input" id=field.clone() inputmode="numeric" autocomplete="off"
                        aria-invalid=move || error.get().is_some().to_string()
                        prop:value=threshold on:input=move |ev| threshold.set(event_target_value(&ev)) />
                </Field>
                <div class="bg-choice">
                    <input class="bg-choice__input" type="checkbox" id=switch.clone() prop:checked=active
                        on:change=move |_| active.update(|a| *a = !*a) />
                    <label class="bg-choice__label" for=switch>{t!("Deze regel staat aan", "This rule is on")}</label>
                </div>
                <button class="utrecht-button utrecht-button--secondary-action" type="submit">{t!("Regel bewaren", "Save rule")}</button>
            </form>
        </li>
    }
}

/// A labelled field with its error, for lists (alerts, rules, the destruction list: their ids
/// are made at run time, where the form components take fixed ones).
#[component]
pub(super) fn Field(
    id: String,
    label: &'static str,
    error: RwSignal<Option<String>>,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="bg-field" class:bg-field--invalid=move || error.get().is_some()>
            <label class="bg-label" for=id>{label}</label>
            {move || error.get().map(|message| view! { <p class="bg-field__error"><span class="bg-visually-hidden">"Fout: "</span>{message}</p> })}
            {children()}
        </div>
    }
}
