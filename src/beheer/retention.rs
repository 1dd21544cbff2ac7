//! Bewaren en vernietigen (`/beheer/vernietiging`): the destruction list — per case approve,
//! or keep with a reason; an approval can be taken back during the waiting period — then the
//! retention terms, the destruction report and the counts that stay.

use leptos::prelude::*;
use leptos::task::spawn_local;
use model::retention::{
    Beoordeling, Bewaarklasse, Candidate, DestructionOverview, Review, TermsInput,
};
use model::Check;

use super::alerts::Field;
use crate::api::{beheer, ApiFailure};
use crate::today::date_in_words;

#[component]
pub fn Retention() -> impl IntoView {
    let overview = RwSignal::new(None::<DestructionOverview>);
    let notice = RwSignal::new(None::<String>);
    let failed = RwSignal::new(None::<String>);
    spawn_local(async move {
        match beheer::destruction().await {
            Ok(found) => overview.set(Some(found)),
            Err(failure) => failed.set(Some(failure.message())),
        }
    });
    let check_now = move |_| {
        spawn_local(async move {
            match beheer::retention_now().await {
                Ok(found) => {
                    notice.set(Some(tf!(
                        "De bewaartermijnen zijn nagelopen. Op de lijst: {}.",
                        "The retention periods have been checked. On the list: {}.",
                        cases(found.lijst.len())
                    )));
                    overview.set(Some(found));
                }
                Err(failure) => notice.set(Some(failure.message())),
            }
        });
    };
    view! {
        <h1 class="nl-heading nl-heading--level-1">{t!("Bewaren en vernietigen", "Keeping and destroying")}</h1>
        <p class="nl-paragraph">{t!("Is een zaak klaar? Dan bewaart Bondgenoot de gegevens nog een tijd. Daarna komt de zaak op de vernietigingslijst. U keurt de vernietiging goed. Of u bewaart de zaak langer, met een reden. Na de wachttijd verwijdert Bondgenoot alle persoonlijke gegevens en documenten. Alleen cijfers zonder namen blijven over.", "Is a case done? Then Bondgenoot keeps the data for a while. After that the case goes on the destruction list. You approve the destruction. Or you keep the case longer, with a reason. After the waiting time Bondgenoot deletes all personal data and documents. Only figures without names are left.")}</p>
        <div role="status" data-testid="melding">{move || notice.get().map(|text| view! { <p class="nl-paragraph">{text}</p> })}</div>
        {move || failed.get().map(|text| view! { <p class="bg-field__error" role="alert">{text}</p> })}
        <div class="bg-actions">
            <button class="utrecht-button utrecht-button--secondary-action" type="button" on:click=check_now>{t!("Nu controleren", "Check now")}</button>
        </div>
        {move || overview.get().map(|found| view! { <Sections found overview notice /> })}
    }
}

/// t!("1 zaak", "1 case"), "3 zaken", t!("geen zaken", "no cases").
fn cases(count: usize) -> String {
    match count {
        0 => t!("geen zaken", "no cases").to_owned(),
        1 => t!("1 zaak", "1 case").to_owned(),
        n => tf!("{n} zaken", "{n} cases"),
    }
}

#[component]
fn Sections(
    found: DestructionOverview,
    overview: RwSignal<Option<DestructionOverview>>,
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
    let waiting = found
        .lijst
        .iter()
        .filter(|c| c.stand == Beoordeling::Voorgesteld)
        .count();
    view! {
        <h2 class="nl-heading nl-heading--level-2">{t!("Vernietigingslijst", "Destruction list")}</h2>
        {if found.lijst.is_empty() {
            view! { <p class="nl-paragraph">{t!("Er staan geen zaken op de lijst.", "There are no cases on the list.")}</p> }.into_any()
        } else {
            view! {
                <p class="nl-paragraph">{tf!("Wacht op uw besluit: {}. Na goedkeuring duurt het nog {} dagen voordat de gegevens weg zijn. Zo lang kunt u de goedkeuring intrekken.", "Waiting for your decision: {}. After approval it takes {} more days before the data is gone. Until then you can withdraw the approval.", cases(waiting), found.termijnen.wachttijd)}</p>
                <ul class="bg-cases" data-testid="vernietigingslijst">
                    {found.lijst.into_iter().map(|candidate| view! { <CandidateLine candidate overview notice /> }).collect_view()}
                </ul>
            }.into_any()
        }}
        <Terms terms=TermsInput::of(&found.termijnen) overview notice />
        <h2 class="nl-heading nl-heading--level-2">{t!("Verslag van vernietiging", "Report of destruction")}</h2>
        <p class="nl-paragraph">{tf!("Vernietigd: {}. Een zaak staat hier met een code in plaats van het zaaknummer.", "Destroyed: {}. A case is listed here with a code instead of the case number.", cases(usize::try_from(found.verslag_totaal).unwrap_or(0)))}</p>
        {(!found.verslag.is_empty()).then(|| view! {
            <div class="bg-scroll" role="region" aria-label=t!("Verslag van vernietiging", "Report of destruction") tabindex="0">
                <table class="bg-table bg-table--wide" data-testid="verslag">
                    <thead><tr>
                        <th scope="col">{t!("Zaak (code)", "Case (code)")}</th><th scope="col">{t!("Soort", "Kind")}</th><th scope="col">{t!("Termijn voorbij", "Period passed")}</th>
                        <th scope="col">{t!("Goedgekeurd", "Approved")}</th><th scope="col">{t!("Vernietigd", "Destroyed")}</th>
                    </tr></thead>
                    <tbody>
                        {found.verslag.into_iter().map(|line| view! {
                            <tr>
                                <td><code>{line.zaak}</code></td>
                                <td>{line.klasse.label()}</td>
                                <td>{date_in_words(line.archiefactiedatum)}</td>
                                <td>{format!("{}, {}", line.goedgekeurd_door, date_in_words(line.goedgekeurd_op))}</td>
                                <td>{date_in_words(line.vernietigd_op)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        })}
        <h2 class="nl-heading nl-heading--level-2">{t!("Cijfers", "Figures")}</h2>
        <p class="nl-paragraph">{t!("Vernietigde zaken tellen mee in de cijfers. Daarvoor blijft alleen over wat geen persoon aanwijst.", "Destroyed cases count in the figures. For that, only what points to no person is left.")}</p>
        <div class="bg-scroll" role="region" aria-label=t!("Cijfers van vernietiging", "Figures of destruction") tabindex="0">
            <table class="bg-table" data-testid="cijfers">
                <thead><tr><th scope="col">{t!("Einde", "End")}</th><th scope="col">{t!("In Bondgenoot", "In Bondgenoot")}</th><th scope="col">{t!("Alleen als cijfer", "Only as a figure")}</th></tr></thead>
                <tbody>
                    {found.cijfers.into_iter().map(|count| view! {
                        <tr><td>{count.klasse.label()}</td><td>{count.bewaard}</td><td>{count.vernietigd}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// One case on the list, with what the beheerder can do with it now.
#[component]
fn CandidateLine(
    candidate: Candidate,
    overview: RwSignal<Option<DestructionOverview>>,
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    // Kept in the arena, so `decide` is `Copy` and serves every button.
    let reference = StoredValue::new(candidate.referentie.clone());
    let decide = move |stand: Beoordeling| {
        let body = Review {
            stand,
            reden: reason.get_untracked(),
        };
        if let Err(found) = body.check() {
            error.set(found.into_iter().next().map(|e| e.message));
            return;
        }
        let reference = reference.get_value();
        spawn_local(async move {
            match beheer::review(&reference, &body).await {
                Ok(found) => {
                    notice.set(Some(match stand {
                        Beoordeling::Goedgekeurd => {
                            tf!(
                                "Zaak {reference} is goedgekeurd voor vernietiging.",
                                "Case {reference} is approved for destruction."
                            )
                        }
                        Beoordeling::Bewaren => tf!(
                            "Zaak {reference} blijft bewaard.",
                            "Case {reference} is kept."
                        ),
                        Beoordeling::Voorgesteld => {
                            tf!(
                                "De goedkeuring voor zaak {reference} is ingetrokken.",
                                "The approval for case {reference} has been withdrawn."
                            )
                        }
                    }));
                    overview.set(Some(found));
                }
                Err(ApiFailure::Refused(p)) if !p.errors.is_empty() => {
                    error.set(p.errors.into_iter().next().map(|e| e.message))
                }
                Err(failure) => error.set(Some(failure.message())),
            }
        });
    };
    let by = candidate.beoordeeld_door.clone().unwrap_or_default();
    let until = candidate.tot.map(date_in_words).unwrap_or_default();
    let state = match candidate.stand {
        Beoordeling::Voorgesteld => {
            t!("Wacht op uw besluit.", "Waiting for your decision.").to_owned()
        }
        Beoordeling::Goedgekeurd => {
            tf!(
                "Goedgekeurd door {by}. De gegevens worden verwijderd vanaf {until}.",
                "Approved by {by}. The data is deleted from {until}."
            )
        }
        Beoordeling::Bewaren => tf!(
            "Bewaard door {by}, tot {until}.",
            "Kept by {by}, until {until}."
        ),
    };
    let field = format!("reden-{}", candidate.referentie);
    let ended = match candidate.klasse {
        Bewaarklasse::Concept => String::new(),
        class => tf!(
            "{} op {}",
            "{} on {}",
            class.label(),
            date_in_words(candidate.einde)
        ),
    };
    view! {
        <li class="bg-case">
            <h3 class="nl-heading nl-heading--level-3 bg-case__title">{tf!("Zaak {}", "Case {}", candidate.referentie)}</h3>
            <p class="bg-case__meta">{ended}{candidate.dienst.map(|d| format!(" · {d}"))}</p>
            <p class="bg-case__meta">{tf!("Bewaartermijn voorbij op {}", "Retention period passed on {}", date_in_words(candidate.archiefactiedatum))}</p>
            <p class="nl-paragraph">{state}</p>
            {candidate.reden.map(|text| view! { <p class="nl-paragraph">{tf!("Reden: {text}", "Reason: {text}")}</p> })}
            {match candidate.stand {
                Beoordeling::Voorgesteld => view! {
                    <div class="bg-form">
                        <div class="bg-actions">
                            <button class="utrecht-button utrecht-button--primary-action" type="button" on:click=move |_| decide(Beoordeling::Goedgekeurd)>{t!("Vernietiging goedkeuren", "Approve destruction")}</button>
                        </div>
                        <Field id=field.clone() label=t!("Langer bewaren? Schrijf waarom. De zaak komt na een jaar terug op de lijst.", "Keep it longer? Write why. The case comes back on the list after a year.") error=error>
                            <textarea class="bg-input bg-input--area" id=field.clone() rows="2"
                                aria-invalid=move || error.get().is_some().to_string()
                                prop:value=reason on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                        </Field>
                        <div class="bg-actions">
                            <button class="utrecht-button utrecht-button--secondary-action" type="button" on:click=move |_| decide(Beoordeling::Bewaren)>{t!("Langer bewaren", "Keep longer")}</button>
                        </div>
                    </div>
                }.into_any(),
                Beoordeling::Goedgekeurd => view! {
                    <div class="bg-actions">
                        {move || error.get().map(|message| view! { <p class="bg-field__error" role="alert">{message}</p> })}
                        <button class="utrecht-button utrecht-button--secondary-action" type="button" on:click=move |_| decide(Beoordeling::Voorgesteld)>{t!("Goedkeuring intrekken", "Withdraw approval")}</button>
                    </div>
                }.into_any(),
                Beoordeling::Bewaren => ().into_any(),
            }}
        </li>
    }
}

/// The terms, each in days: shorter than the default is allowed, longer is not.
#[component]
fn Terms(
    terms: TermsInput,
    overview: RwSignal<Option<DestructionOverview>>,
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
    let input = RwSignal::new(terms);
    let errors = RwSignal::new(Vec::<model::FieldError>::new());
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let body = input.get_untracked();
        if let Err(found) = body.check() {
            errors.set(found);
            return;
        }
        spawn_local(async move {
            match beheer::set_terms(&body).await {
                Ok(found) => {
                    errors.set(Vec::new());
                    notice.set(Some(t!("De bewaartermijnen zijn bewaard. Ze gelden voor zaken die vanaf nu klaar zijn.", "The retention periods have been saved. They apply to cases done from now on.").into()));
                    overview.set(Some(found));
                }
                Err(ApiFailure::Refused(p)) if !p.errors.is_empty() => errors.set(p.errors),
                Err(failure) => notice.set(Some(failure.message())),
            }
        });
    };
    let field = move |key: &'static str, label: &'static str, hint: String| {
        let id = format!("termijn-{key}");
        let error = move || {
            errors
                .get()
                .into_iter()
                .find(|e| e.field == key)
                .map(|e| e.message)
        };
        view! {
            <div class="bg-field" class:bg-field--invalid=move || error().is_some()>
                <label class="bg-label" for=id.clone()>{label}</label>
                <p class="bg-hint" id=format!("{id}-uitleg")>{hint}</p>
                {move || error().map(|message| view! { <p class="bg-field__error"><span class="bg-visually-hidden">"Fout: "</span>{message}</p> })}
                <input class="bg-input bg-input--short" id=id.clone() inputmode="numeric" autocomplete="off"
                    aria-describedby=format!("{id}-uitleg") aria-invalid=move || error().is_some().to_string()
                    prop:value=move || input.with(|i| i.value(key).to_owned())
                    on:input=move |ev| input.update(|i| *i.value_mut(key) = event_target_value(&ev)) />
            </div>
        }
    };
    view! {
        <h2 class="nl-heading nl-heading--level-2">{t!("Bewaartermijnen", "Retention periods")}</h2>
        <p class="nl-paragraph">{t!("Hoeveel dagen na het einde van een zaak komt zij op de lijst? Korter dan de standaard mag. Langer niet: de burger gaf toestemming met een tekst waarin de standaard staat. Een nieuwe termijn geldt voor zaken die vanaf nu klaar zijn.", "How many days after the end of a case does it go on the list? Shorter than the standard is allowed. Longer is not: the citizen gave consent with a text that states the standard. A new period applies to cases done from now on.")}</p>
        <form class="bg-form" on:submit=save novalidate data-testid="bewaartermijnen">
            {Bewaarklasse::ALL.into_iter().map(|class| {
                let hint = match class {
                    Bewaarklasse::Concept => tf!("Dagen dat een concept niet verandert. Daarna wordt het meteen verwijderd, zonder lijst. Standaard en hoogstens {} dagen.", "Days that a draft does not change. After that it is deleted at once, without a list. Standard and at most {} days.", class.default_days()),
                    _ => tf!("Standaard en hoogstens {} dagen.", "Standard and at most {} days.", class.default_days()),
                };
                field(class.key(), class.label(), hint)
            }).collect_view()}
            {field("wachttijd", t!("Wachttijd na goedkeuring", "Waiting time after approval"), tf!("Dagen tussen uw goedkeuring en het verwijderen. Standaard {} dagen.", "Days between your approval and the deletion. Standard {} days.", model::retention::WAITING_DEFAULT))}
            <button class="utrecht-button utrecht-button--primary-action" type="submit">{t!("Termijnen bewaren", "Save periods")}</button>
        </form>
    }
}
