//! The audit log (`/beheer/logboek`): who did what, when, with which case, in which
//! session, and why where a reason was given. Filters by person, case, action and period;
//! a page at a time; the same rows as CSV. Reading it is logged too.

use leptos::prelude::*;
use leptos::task::spawn_local;
use model::audit_log::{AuditFilter, AuditPage};
use model::{Check, FieldError};

use crate::api::{beheer, ApiFailure};
use crate::components::error_summary::{error_of, summary_of, ErrorSummary};
use crate::components::fields::{SelectField, TextField};
use crate::today::moment_in_words;

/// The query string of `filter` (values encoded by the browser).
fn query_of(filter: &AuditFilter) -> String {
    let parts = [
        ("persoon", &filter.persoon),
        ("zaak", &filter.zaak),
        ("actie", &filter.actie),
        ("van", &filter.van),
        ("tot", &filter.tot),
        ("pagina", &filter.pagina),
    ];
    parts
        .iter()
        .filter_map(|(key, value)| {
            let value = value.as_deref().map(str::trim).filter(|v| !v.is_empty())?;
            let encoded = js_sys::encode_uri_component(value).as_string()?;
            Some(format!("{key}={encoded}"))
        })
        .collect::<Vec<_>>()
        .join("&")
}

#[component]
pub fn AuditLog() -> impl IntoView {
    let person = RwSignal::new(String::new());
    let case = RwSignal::new(String::new());
    let action = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let until = RwSignal::new(String::new());
    let page = RwSignal::new(None::<AuditPage>);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let problem = RwSignal::new(None::<String>);
    let people = RwSignal::new(vec![(String::new(), t!("Iedereen", "Everyone").to_owned())]);
    spawn_local(async move {
        if let Ok(accounts) = beheer::accounts().await {
            people.update(|list| {
                list.extend(
                    accounts
                        .into_iter()
                        .map(|a| (a.id.to_string(), format!("{} ({})", a.naam, a.email))),
                )
            });
        }
    });
    let filter = move |number: i64| AuditFilter {
        persoon: Some(person.get_untracked()),
        zaak: Some(case.get_untracked()),
        actie: Some(action.get_untracked()),
        van: Some(from.get_untracked()),
        tot: Some(until.get_untracked()),
        pagina: Some(number.to_string()),
    };
    let load = move |number: i64| {
        let filter = filter(number);
        if let Err(found) = filter.check() {
            errors.set(found);
            return;
        }
        errors.set(Vec::new());
        spawn_local(async move {
            match beheer::audit_log(&query_of(&filter)).await {
                Ok(found) => {
                    problem.set(None);
                    page.set(Some(found));
                }
                Err(ApiFailure::Refused(p)) if !p.errors.is_empty() => errors.set(p.errors),
                Err(failure) => problem.set(Some(failure.message())),
            }
        });
    };
    load(1);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        load(1);
    };
    let actions = Signal::derive(move || {
        let mut options = vec![(String::new(), t!("Alle acties", "All actions").to_owned())];
        if let Some(found) = page.get() {
            options.extend(found.acties);
        }
        options
    });
    let export = move || format!("/api/beheer/logboek.csv?{}", query_of(&filter(1)));
    let inzage_case = RwSignal::new(String::new());
    let inzage = move || {
        let reference = inzage_case.get();
        let reference = reference.trim();
        js_sys::encode_uri_component(reference)
            .as_string()
            .map(|r| format!("/api/beheer/inzage/{r}/pagina"))
            .unwrap_or_default()
    };
    view! {
        <h1 class="nl-heading nl-heading--level-1">{t!("Logboek", "Log")}</h1>
        <p class="nl-paragraph">{t!("Hier ziet u wie wat deed in Bondgenoot, en wanneer. Ook wie een zaak bekeek. Dat u dit logboek bekijkt, komt er ook in.", "Here you see who did what in Bondgenoot, and when. Also who looked at a case. That you look at this log is recorded in it too.")}</p>
        <ErrorSummary items=summary_of(errors) />
        <form class="bg-form" on:submit=submit novalidate>
            <SelectField id="persoon" label=t!("Persoon", "Person") options=people.into() value=person.into()
                error=error_of(errors, "persoon") on_change=Callback::new(move |v| person.set(v)) />
            <TextField id="zaak" label=t!("Zaaknummer", "Case number") hint=t!("Bijvoorbeeld BG-7KQ3-M9XP.", "For example BG-7KQ3-M9XP.") value=case.into()
                error=error_of(errors, "zaak") on_input=Callback::new(move |v| case.set(v)) />
            <SelectField id="actie" label=t!("Actie", "Action") options=actions value=action.into()
                error=error_of(errors, "actie") on_change=Callback::new(move |v| action.set(v)) />
            <TextField id="van" label=t!("Vanaf (dag)", "From (day)") hint=t!("Bijvoorbeeld 1-12-2026.", "For example 1-12-2026.") value=from.into()
                error=error_of(errors, "van") on_input=Callback::new(move |v| from.set(v)) />
            <TextField id="tot" label=t!("Tot en met (dag)", "Up to and including (day)") hint=t!("Bijvoorbeeld 31-12-2026.", "For example 31-12-2026.") value=until.into()
                error=error_of(errors, "tot") on_input=Callback::new(move |v| until.set(v)) />
            <div class="bg-actions">
                <button class="utrecht-button utrecht-button--primary-action" type="submit">{t!("Zoeken", "Search")}</button>
                <a class="nl-link" href=export download="logboek.csv">{t!("Download als CSV", "Download as CSV")}</a>
            </div>
        </form>
        {move || problem.get().map(|message| view! { <p class="bg-field__error" role="alert">{message}</p> })}
        {move || page.get().map(|found| {
            let (current, last) = (found.pagina, found.paginas);
            view! {
                <p class="nl-paragraph" role="status">{tf!("{} regels · pagina {current} van {last}", "{} rows · page {current} of {last}", found.totaal)}</p>
                <div class="bg-scroll" role="region" aria-label=t!("Regels van het logboek", "Rows of the log") tabindex="0">
                    <table class="bg-table bg-table--wide" data-testid="logboek">
                        <thead><tr>
                            <th scope="col">{t!("Wanneer", "When")}</th><th scope="col">{t!("Wie", "Who")}</th><th scope="col">{t!("Actie", "Action")}</th>
                            <th scope="col">{t!("Zaak", "Case")}</th><th scope="col">{t!("Over", "About")}</th><th scope="col">{t!("Sessie", "Session")}</th><th scope="col">{t!("Reden", "Reason")}</th>
                        </tr></thead>
                        <tbody>
                            {found.regels.into_iter().map(|line| view! {
                                <tr>
                                    <td>{moment_in_words(line.tijd)}</td>
                                    <td>{line.persoon.unwrap_or_else(|| line.rol.as_str().to_owned())}</td>
                                    <td>{line.actie_tekst}</td>
                                    <td>{line.zaak}</td>
                                    <td>{line.over}</td>
                                    <td>{line.sessie}</td>
                                    <td>{line.reden}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <nav class="bg-actions" aria-label=t!("Pagina's van het logboek", "Pages of the log")>
                    {(current > 1).then(|| view! { <button class="utrecht-button utrecht-button--secondary-action" type="button" on:click=move |_| load(current - 1)>{t!("Vorige pagina", "Previous page")}</button> })}
                    {(current < last).then(|| view! { <button class="utrecht-button utrecht-button--secondary-action" type="button" on:click=move |_| load(current + 1)>{t!("Volgende pagina", "Next page")}</button> })}
                </nav>
            }
        })}
        <h2 class="nl-heading nl-heading--level-2">{t!("Inzage voor een burger", "Access request of a citizen")}</h2>
        <p class="nl-paragraph">{t!("Vraagt een burger welke gegevens Bondgenoot over hem of haar heeft (AVG, artikel 15)? Vul het zaaknummer in. U krijgt een pagina met alles wat is opgeslagen, en wie de zaak bekeek. Ook dat komt in het logboek.", "Does a citizen ask which data Bondgenoot has about them (GDPR, article 15)? Fill in the case number. You get a page with everything that is stored, and who looked at the case. That is recorded in the log too.")}</p>
        <div class="bg-form">
            <TextField id="inzage-zaak" label=t!("Zaaknummer voor de inzage", "Case number for the access request") hint=t!("Bijvoorbeeld BG-7KQ3-M9XP.", "For example BG-7KQ3-M9XP.") value=inzage_case.into()
                error=Signal::derive(|| None) on_input=Callback::new(move |v| inzage_case.set(v)) />
            <p class="nl-paragraph"><a class="nl-link" href=inzage target="_blank" rel="noopener">{t!("Inzage maken (opent in een nieuw venster)", "Make the overview (opens in a new window)")}</a></p>
        </div>
    }
}
