//! `/zaken/:ref`: where a sent case stands, for the helper's organisation and for the
//! Belangenbehartiger's staff. Both read the state in plain words, the timeline with who acted
//! and why, the flags and the conversation; staff also take the next step and keep notes.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use model::api::ProblemKind;
use model::assignment::BreakGlass as BreakGlassReason;
use model::case::{Onderwerp, SpoedReden};
use model::lifecycle::Role;
use model::Check;

use super::conversation::{Conversation, Notes};
use super::documents::{Documents, PaperConsent};
use super::reassign::ReassignForm;
use super::step_form::StepForm;
use crate::api::{self, CaseFollow, SubmissionView};
use crate::components::error_summary::error_of;
use crate::components::fields::{ChoiceGroup, TextField};
use crate::components::letters::Letters;
use crate::components::notice::{
    FeedbackForm, Problem, ReadMore, StateExplanation, StepReasons, TermWarning,
};
use crate::session::{load_page, use_session, RequireSignIn};
use crate::today::{date_in_words, days_since};

/// `/zaken/:ref` in the case app: the helper's view. Staff who land here (a link from the
/// helper) go to their own page in the backoffice app, which has their tools.
#[component]
pub fn HelperCasePage() -> impl IntoView {
    view! { <RequireSignIn><HelperCase /></RequireSignIn> }
}

#[component]
fn HelperCase() -> impl IntoView {
    let reference = use_params_map()
        .get_untracked()
        .get("ref")
        .unwrap_or_default();
    let is_staff = use_session()
        .me
        .get_untracked()
        .flatten()
        .is_some_and(|me| me.rol == Role::Behandelaar);
    if is_staff {
        load_page(&format!("/backoffice/zaken/{reference}"));
        return view! { <p class="nl-paragraph" role="status">{t!("U gaat naar de zaak in de backoffice.", "You are going to the case in the back office.")}</p> }.into_any();
    }
    let detail = load_case(&reference);
    let page = move || {
        with_case(detail, |case| {
            let reference = case.referentie.clone();
            view! {
                <CaseView case=case.clone() is_staff=false />
                <Conversation reference=reference.clone() is_staff=false open=case.status.accepts_additions() />
                <Documents reference=reference.clone() is_staff=false open=case.status.accepts_additions() frozen=case.status.is_frozen() />
                <Letters base=format!("/api/zaken/{reference}/brieven") status=case.status for_citizen=false />
                {(case.status == model::lifecycle::CaseStatus::WachtOpToestemming).then(|| view! { <PaperConsent reference=reference.clone() /> })}
                {case.status.citizen_has_code().then(|| view! { <NewCodeLink reference=reference.clone() /> })}
                {case.reactie_gevraagd.map(|milestone| view! { <FeedbackForm endpoint=format!("/api/zaken/{reference}/reactie") milestone /> })}
            }
            .into_any()
        })
    };
    page.into_any()
}

/// `/backoffice/zaken/:ref` in the backoffice app: the staff's view, with the next step and
/// the internal notes.
#[component]
pub fn StaffCasePage() -> impl IntoView {
    view! { <RequireSignIn><StaffCase /></RequireSignIn> }
}

#[component]
fn StaffCase() -> impl IntoView {
    let reference = use_params_map()
        .get_untracked()
        .get("ref")
        .unwrap_or_default();
    let detail = load_case(&reference);
    move || {
        // Not this staff member's case: its queue line only, and where their team allows
        // it, a way to open it with a reason.
        if let Some(Err(api::ApiFailure::Refused(problem))) = detail.get() {
            if problem.kind == ProblemKind::NietUwZaakInzageMetReden {
                return view! { <BreakGlass reference=reference.clone() message=problem.detail detail=detail /> }.into_any();
            }
        }
        with_case(detail, |case| {
            let reference = case.referentie.clone();
            if model::access::tombstone_only(Role::Behandelaar, case.status) {
                return view! {
                    <CaseView case=case.clone() is_staff=true />
                    <div class="utrecht-alert bg-alert" role="note" data-testid="grafsteen">
                        <div class="utrecht-alert__content"><div class="utrecht-alert__message">
                            <h2 class="nl-heading nl-heading--level-3">{t!("Het werk aan deze zaak stopt", "The work on this case stops")}</h2>
                            <p class="nl-paragraph">{t!("De burger heeft de toestemming ingetrokken. U ziet alleen nog welke stappen er waren, wanneer, en wie ze zette. De gegevens van de burger, de berichten, de documenten en de notities ziet u niet meer.", "The citizen withdrew the consent. You only see which steps there were, when, and who took them. You no longer see the citizen's data, the messages, the documents and the notes.")}</p>
                        </div></div>
                    </div>
                }
                .into_any();
            }
            // Opened with a reason: everything to read, nothing to do.
            let acts = !case.alleen_inzien && case.status.accepts_additions();
            view! {
                {case.alleen_inzien.then(|| view! {
                    <div class="utrecht-alert bg-alert" role="note" data-testid="alleen-inzien">
                        <div class="utrecht-alert__content"><div class="utrecht-alert__message">
                            <p class="nl-paragraph">{model::access::ONLY_LOOKING.get()}{t!(" Uw reden staat in het logboek.", " Your reason is in the log.")}</p>
                        </div></div>
                    </div>
                })}
                <CaseView case=case.clone() is_staff=true />
                {(!case.alleen_inzien).then(|| view! {
                    <StepForm status=case.status reference=reference.clone() created=case.aangemaakt on_done=Callback::new(move |next: Option<CaseFollow>| match next {
                        Some(next) => detail.set(Some(Ok(next))),
                        // Out of sight after the step: back to the work list.
                        None => {
                            let _ = window().location().set_href("/backoffice");
                        }
                    }) />
                })}
                {(!case.alleen_inzien && case.status.is_taken_on()).then(|| {
                    let again = reference.clone();
                    view! {
                        <ReassignForm reference=reference.clone() on_done=Callback::new(move |()| {
                            let again = again.clone();
                            spawn_local(async move { detail.set(Some(api::case_detail(&again).await)) });
                        }) />
                    }
                })}
                <Conversation reference=reference.clone() is_staff=true open=acts />
                <Documents reference=reference.clone() is_staff=true open=acts frozen=case.status.is_frozen() />
                {(case.status == model::lifecycle::CaseStatus::Eindgesprek || case.eindgesprek.is_some()).then(|| view! {
                    <FinalTalkRecord reference=reference.clone() recorded=case.eindgesprek.clone()
                        open=acts && case.status == model::lifecycle::CaseStatus::Eindgesprek />
                })}
                <Notes reference=reference notes=case.notities.clone().unwrap_or_default() open=acts />
                <Feedback reference=case.referentie.clone() feedback=case.reacties.clone().unwrap_or_default() open=acts />
            }
            .into_any()
        })
    }
}

/// A case outside the staff member's own: say so, and ask why they want to open it. The
/// reason goes into the audit log; the case then opens for an hour, to read only.
#[component]
fn BreakGlass(
    reference: String,
    message: String,
    detail: RwSignal<Option<Result<CaseFollow, api::ApiFailure>>>,
) -> impl IntoView {
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let reference = StoredValue::new(reference);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let body = BreakGlassReason {
            reden: reason.get_untracked(),
        };
        if let Err(found) = body.check() {
            error.set(found.into_iter().next().map(|e| e.message));
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let reference = reference.get_value();
            match api::break_glass(&reference, &body).await {
                Ok(()) => detail.set(Some(api::case_detail(&reference).await)),
                Err(api::ApiFailure::Refused(problem)) if !problem.errors.is_empty() => {
                    error.set(problem.errors.into_iter().next().map(|e| e.message))
                }
                Err(failure) => error.set(Some(failure.message())),
            }
            busy.set(false);
        });
    };
    view! {
        <p class="nl-paragraph bg-no-print"><a href="/backoffice" class="nl-link" rel="external">{t!("Naar de werkvoorraad", "Go to the work list")}</a></p>
        <h1 class="nl-heading nl-heading--level-1">{tf!("Zaak {}", "Case {}", reference.get_value())}</h1>
        <p class="nl-paragraph" data-testid="niet-uw-zaak">{message}</p>
        <form class="bg-form" on:submit=submit novalidate>
            <TextField id="reden" label=t!("Waarom opent u deze zaak?", "Why do you open this case?") multiline=true
                hint=t!("Bijvoorbeeld: de burger belt en de casemanager is er niet. Minstens 10 tekens.", "For example: the citizen calls and the case manager is away. At least 10 characters.")
                value=reason.into() error=error.into() on_input=Callback::new(move |v| reason.set(v)) />
            <button class="utrecht-button utrecht-button--primary-action" type="submit" disabled=busy>{t!("Zaak openen om in te zien", "Open the case to look at it")}</button>
        </form>
    }
}

/// Asks for the case; a step answers with the case after it, which the page shows without
/// asking again.
fn load_case(reference: &str) -> RwSignal<Option<Result<CaseFollow, api::ApiFailure>>> {
    let detail = RwSignal::new(None);
    let reference = reference.to_owned();
    leptos::task::spawn_local(async move {
        detail.set(Some(api::case_detail(&reference).await));
    });
    detail
}

fn with_case(
    detail: RwSignal<Option<Result<CaseFollow, api::ApiFailure>>>,
    show: impl FnOnce(&CaseFollow) -> AnyView,
) -> AnyView {
    match detail.get() {
        None => {
            view! { <p class="nl-paragraph" role="status">{t!("De zaak wordt geladen.", "The case is loading.")}</p> }.into_any()
        }
        Some(Err(failure)) => view! {
            <h1 class="nl-heading nl-heading--level-1">{t!("Deze zaak kunnen we niet openen", "We cannot open this case")}</h1>
            <p class="nl-paragraph">{failure.message()}</p>
        }
        .into_any(),
        Some(Ok(case)) => show(&case),
    }
}

#[component]
fn CaseView(case: CaseFollow, is_staff: bool) -> impl IntoView {
    let open_days = case.ingediend_op.map(days_since);
    let mut steps = case.tijdlijn.clone();
    steps.reverse();
    let back = if is_staff {
        view! { <a href="/backoffice" class="nl-link" rel="external">{t!("Naar de werkvoorraad", "Go to the work list")}</a> }
            .into_any()
    } else {
        view! { <a class="nl-link" rel="external" href="/zaken">{t!("Naar uw zaken", "Go to your cases")}</a> }.into_any()
    };
    view! {
        <p class="nl-paragraph bg-no-print">{back}</p>
        <h1 class="nl-heading nl-heading--level-1">{tf!("Zaak {}", "Case {}", case.referentie)}</h1>
        <p class="nl-paragraph">{tf!("Aangemeld door {}", "Submitted by {}", case.organisatie)}</p>

        <StateExplanation explanation=case.uitleg.clone() />
        <ReadMore links=case.uitleg_artikelen.clone() />

        <dl class="bg-facts">
            {case.casemanager.clone().map(|name| view! {
                <dt>{t!("Vaste contactpersoon bij de Belangenbehartiger", "Fixed contact person at the Belangenbehartiger")}</dt>
                <dd data-testid="casemanager">{name}</dd>
            })}
            {open_days.map(|days| view! {
                <dt>{t!("Verstuurd", "Sent")}</dt>
                <dd>{format!("{} ({})", case.ingediend_op.map(date_in_words).unwrap_or_default(), model::domain::days_ago(days))}</dd>
            })}
            {case.mediaan_doorlooptijd_dagen.map(|median| view! {
                <dt>{t!("Zo lang duurt een zaak meestal", "This is how long a case usually takes")}</dt>
                <dd>{tf!("{median} dagen van versturen tot sluiten (de middelste waarde van de gesloten zaken in Bondgenoot)", "{median} days from sending to closing (the middle value of the closed cases in Bondgenoot)")}</dd>
            })}
            {case.bewaren_tot.map(|until| view! {
                <dt>{t!("Bewaren", "Keeping")}</dt>
                <dd data-testid="bewaren-tot">{tf!("Tot {}. Daarna verwijderen we de gegevens van deze zaak.", "Until {}. After that we delete the data of this case.", date_in_words(until))}</dd>
            })}
        </dl>

        {case.ingediend.clone().map(|submission| view! { <Facts submission /> })}

        <h2 class="nl-heading nl-heading--level-2">{t!("Wat is er gebeurd?", "What happened?")}</h2>
        <ol class="bg-timeline" data-testid="tijdlijn">
            {steps.into_iter().map(|step| view! {
                <li class="bg-timeline__step">
                    <p class="bg-timeline__when">{date_in_words(step.tijd)}" · "{step.naar.title()}</p>
                    <p class="bg-timeline__who">{step.door}{step.datum.map(|d| tf!(" · datum: {}", " · date: {}", d.in_words()))}</p>
                    {(!step.bericht.is_empty()).then(|| view! { <p class="nl-paragraph">{step.bericht}</p> })}
                    <StepReasons reasons=step.reden />
                </li>
            }).collect_view()}
        </ol>
        <div class="bg-actions bg-no-print">
            <button class="utrecht-button utrecht-button--secondary-action" type="button"
                on:click=|_| { if let Some(w) = web_sys::window() { let _ = w.print(); } }>{t!("Afdrukken", "Print")}</button>
        </div>
    }
}

/// What the case is about, and its flags: urgency, the running term, the pauzeknop wish.
#[component]
fn Facts(submission: SubmissionView) -> impl IntoView {
    let dienst = submission.dienst.label();
    let topics: Vec<&str> = Onderwerp::CHOICES
        .iter()
        .filter(|(o, _)| submission.onderwerpen.contains(o))
        .map(|(_, l)| l.get())
        .collect();
    let urgent: Vec<String> = submission
        .spoed
        .iter()
        .map(|reason| match reason {
            SpoedReden::TermijnVerloopt { datum } => {
                tf!(
                    "Een termijn verloopt op {}",
                    "A deadline ends on {}",
                    datum.in_words()
                )
            }
            SpoedReden::Anders { toelichting } => toelichting.as_str().to_owned(),
            other => SpoedReden::CHOICES
                .iter()
                .find(|(s, _)| s == other)
                .map_or(String::new(), |(_, l)| l.get().to_owned()),
        })
        .collect();
    view! {
        {(!urgent.is_empty()).then(|| view! {
            <div class="utrecht-alert utrecht-alert--error bg-alert" role="note">
                <div class="utrecht-alert__content"><div class="utrecht-alert__message">
                    <h2 class="nl-heading nl-heading--level-3">{t!("Spoed", "Urgent")}</h2>
                    <ul class="bg-list">{urgent.into_iter().map(|u| view! { <li>{u}</li> }).collect_view()}</ul>
                </div></div>
            </div>
        })}
        {submission.termijn_einddatum.map(|until| view! { <TermWarning until=Some(until) /> })}
        {submission.pauzeknop_gevraagd.then(|| view! {
            <p class="nl-paragraph">{t!("De burger wil graag de pauzeknop. Dat is een wens. Het zet niets stil.", "The citizen would like the pause button. That is a wish. It does not stop anything.")}</p>
        })}
        <h2 class="nl-heading nl-heading--level-2">{t!("Waar gaat het over?", "What is it about?")}</h2>
        <dl class="bg-facts">
            <dt>{t!("Burger", "Citizen")}</dt>
            <dd>{tf!("{}, geboren {}", "{}, born {}", submission.burger_naam, submission.burger_geboortedatum.in_words())}</dd>
            <dt>{t!("Dienst", "Service")}</dt>
            <dd>{dienst}</dd>
            <dt>{t!("Onderwerpen", "Subjects")}</dt>
            <dd>{topics.join(", ")}</dd>
            <dt>{t!("Wat ging er mis?", "What went wrong?")}</dt>
            <dd class="bg-pre">{submission.wat_ging_mis}</dd>
            {submission.wat_is_geprobeerd.map(|t| view! { <dt>{t!("Wat is al geprobeerd?", "What has been tried already?")}</dt><dd class="bg-pre">{t}</dd> })}
            <dt>{t!("Welke uitkomst is gewenst?", "Which outcome is wanted?")}</dt>
            <dd class="bg-pre">{submission.gewenste_uitkomst}</dd>
        </dl>
        <RouteCheckAnswers answers=submission.routecheck />
        <h2 class="nl-heading nl-heading--level-2">{t!("Contact", "Contact")}</h2>
        <dl class="bg-facts" data-testid="contactgegevens">
            <dt>{t!("Telefoon van de burger", "Citizen's phone")}</dt>
            <dd>{reachable(submission.burger_telefoon.as_deref(), true)}</dd>
            <dt>{t!("E-mail van de burger", "Citizen's e-mail")}</dt>
            <dd>{reachable(submission.burger_email.as_deref(), false)}</dd>
            <dt>{t!("Telefoon van de hulpverlener", "Social worker's phone")}</dt>
            <dd>{reachable(submission.hulpverlener_telefoon.as_deref(), true)}</dd>
        </dl>
    }
}

/// How the eindgesprek went (with whom, satisfied or not, a note): recorded by staff in the
/// Eindgesprek step, read back afterwards.
#[component]
fn FinalTalkRecord(
    reference: String,
    recorded: Option<model::feedback::FinalTalk>,
    open: bool,
) -> impl IntoView {
    use model::feedback::{Gesprekspartner, NewFinalTalk};
    let shown = RwSignal::new(recorded);
    let with = RwSignal::new(None::<Gesprekspartner>);
    let satisfied = RwSignal::new(None::<bool>);
    let note = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<model::FieldError>::new());
    let problem = RwSignal::new(None::<String>);
    let reference = StoredValue::new(reference);
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        problem.set(None);
        let body = NewFinalTalk {
            met: with.get_untracked(),
            tevreden: satisfied.get_untracked(),
            notitie: note.get_untracked(),
        };
        if let Err(found) = body.check() {
            errors.set(found);
            return;
        }
        spawn_local(async move {
            match api::record_final_talk(&reference.get_value(), &body).await {
                Ok(talk) => {
                    shown.set(Some(talk));
                    errors.set(Vec::new());
                }
                Err(api::ApiFailure::Refused(p)) if !p.errors.is_empty() => errors.set(p.errors),
                Err(failure) => problem.set(Some(failure.message())),
            }
        });
    };
    let error_for = move |field: &'static str| error_of(errors, field);
    view! {
        <section class="bg-notes" aria-labelledby="eindgesprek-kop" data-testid="eindgesprek">
            <h2 id="eindgesprek-kop" class="nl-heading nl-heading--level-2">{t!("Eindgesprek", "Final talk")}</h2>
            {move || shown.get().map(|talk| view! {
                <p class="nl-paragraph">{tf!("Gehouden met: {}. {} {}", "Held with: {}. {} {}",
                    talk.met.label().to_lowercase(),
                    if talk.tevreden { t!("De burger was tevreden.", "The citizen was satisfied.") } else { t!("De burger was niet tevreden.", "The citizen was not satisfied.") },
                    talk.notitie.unwrap_or_default()
                )}</p>
            })}
            {move || problem.get().map(|message| view! { <Problem message /> })}
            {open.then(|| view! {
                <form class="bg-form" on:submit=save novalidate>
                    <ChoiceGroup id="met" legend=t!("Met wie was het eindgesprek?", "Who was the final talk with?")
                        options=Gesprekspartner::ALL.iter().map(|g| g.label().to_owned()).collect()
                        checked=Callback::new(move |i: usize| with.get() == Some(Gesprekspartner::ALL[i]))
                        on_toggle=Callback::new(move |i: usize| with.set(Some(Gesprekspartner::ALL[i])))
                        error=error_for("met") />
                    <ChoiceGroup id="tevreden" legend=t!("Was de burger tevreden?", "Was the citizen satisfied?")
                        options=vec![t!("Ja", "Yes").to_owned(), t!("Nee", "No").to_owned()]
                        checked=Callback::new(move |i: usize| satisfied.get() == Some(i == 0))
                        on_toggle=Callback::new(move |i: usize| satisfied.set(Some(i == 0)))
                        error=error_for("tevreden") />
                    <TextField id="eindgesprek-notitie" label=t!("Korte notitie (niet verplicht)", "Short note (optional)") multiline=true
                        value=note.into() error=error_for("notitie") on_input=Callback::new(move |v| note.set(v)) />
                    <button class="utrecht-button utrecht-button--secondary-action" type="submit">{t!("Eindgesprek vastleggen", "Record the final talk")}</button>
                </form>
            })}
        </section>
    }
}

/// For a citizen who lost the personal code: a one-time link with which they make a new one
/// on their own phone (also mailed to them when they left an address).
#[component]
fn NewCodeLink(reference: String) -> impl IntoView {
    let made = RwSignal::new(None::<model::api::ConsentInvitation>);
    let problem = RwSignal::new(None::<String>);
    let reference = StoredValue::new(reference);
    let make = move |_| {
        spawn_local(async move {
            match api::new_code_link(&reference.get_value()).await {
                Ok(link) => made.set(Some(link)),
                Err(failure) => problem.set(Some(failure.message())),
            }
        });
    };
    view! {
        <section class="bg-no-print" aria-labelledby="nieuwe-code-kop">
            <h2 id="nieuwe-code-kop" class="nl-heading nl-heading--level-2">{t!("Is de burger de persoonlijke code kwijt?", "Has the citizen lost the personal code?")}</h2>
            <p class="nl-paragraph">{t!("Maak een link. De burger opent die op de eigen telefoon, vult de geboortedatum in en krijgt een nieuwe code. De oude code werkt dan niet meer.", "Make a link. The citizen opens it on their own phone, fills in their date of birth and gets a new code. The old code then no longer works.")}</p>
            {move || problem.get().map(|m| view! { <p class="bg-field__error" role="alert">{m}</p> })}
            {move || made.get().map(|link| view! {
                <div class="bg-handover" data-testid="nieuwe-code-link">
                    {link.gemaild.then(|| view! { <p class="nl-paragraph" role="status">{t!("Wij hebben deze link ook gemaild naar het e-mailadres van de burger.", "We also e-mailed this link to the citizen's e-mail address.")}</p> })}
                    <img class="bg-handover__qr" src=link.qr_svg width="240" height="240" alt=t!("QR-code met de link voor een nieuwe code", "QR code with the link for a new code") />
                    <p class="bg-handover__link">{link.link}</p>
                    <p class="nl-paragraph">{tf!("De link werkt tot en met {}.", "The link works up to and including {}.", link.geldig_tot.in_words())}</p>
                </div>
            })}
            <button class="utrecht-button utrecht-button--secondary-action" type="button" on:click=make>{t!("Maak een link voor een nieuwe code", "Make a link for a new code")}</button>
        </section>
    }
}

/// What the route check before the form learned (urgency and running terms first), so triage
/// does not ask again.
#[component]
pub fn RouteCheckAnswers(answers: Vec<model::route_check::RouteAntwoord>) -> impl IntoView {
    let mut answers = answers;
    answers.sort_by_key(|a| !a.vraag.needs_attention(a.ja));
    (!answers.is_empty()).then(|| {
        view! {
            <h2 class="nl-heading nl-heading--level-2">{t!("Uit de routecheck", "From the route check")}</h2>
            <ul class="bg-list" data-testid="routecheck">
                {answers.into_iter().map(|a| {
                    let line = a.vraag.summary(a.ja);
                    if a.vraag.needs_attention(a.ja) {
                        view! { <li><strong>{line}</strong></li> }.into_any()
                    } else {
                        view! { <li>{line}</li> }.into_any()
                    }
                }).collect_view()}
            </ul>
        }
    })
}

/// A phone number or address as a link to call or mail it; t!("Niet opgegeven", "Not given") when the form
/// left it empty.
fn reachable(value: Option<&str>, phone: bool) -> AnyView {
    match value {
        Some(value) => {
            let href = if phone {
                format!("tel:{value}")
            } else {
                format!("mailto:{value}")
            };
            view! { <a class="nl-link" href=href>{value.to_owned()}</a> }.into_any()
        }
        None => t!("Niet opgegeven", "Not given").into_any(),
    }
}

/// What the helper and the citizen said at the milestones, for staff; where a thumbs down
/// asked for contact, the form to record that contact was made.
#[component]
fn Feedback(
    reference: String,
    feedback: Vec<model::feedback::Feedback>,
    open: bool,
) -> impl IntoView {
    use model::feedback::Duim;
    let list = RwSignal::new(feedback);
    let text = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let reference = StoredValue::new(reference);
    let record = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let body = model::api::NewText {
            tekst: text.get_untracked(),
            voor_burger: false,
        };
        spawn_local(async move {
            match api::record_contact(&reference.get_value(), &body).await {
                Ok(feedback) => {
                    list.set(feedback);
                    text.set(String::new());
                    problem.set(None);
                }
                Err(failure) => problem.set(Some(failure.message())),
            }
        });
    };
    let waiting = move || {
        list.with(|l| {
            l.iter()
                .any(|f| f.contact_gevraagd && f.contact_vastgelegd.is_none())
        })
    };
    move || {
        (!list.with(Vec::is_empty)).then(|| view! {
        <section class="bg-notes" aria-labelledby="reacties-kop">
            <h2 id="reacties-kop" class="nl-heading nl-heading--level-2">{t!("Reacties van hulpverlener en burger", "Responses of social worker and citizen")}</h2>
            <ul class="bg-messages" data-testid="reacties">
                {list.get().into_iter().map(|f| view! {
                    <li class="bg-message">
                        <p class="bg-message__meta">
                            {format!("{} · {} · {}", date_in_words(f.tijd), f.door, f.mijlpaal.title())}
                            {f.duim.map(|d| if d == Duim::Omhoog { t!(" · duim omhoog", " · thumbs up") } else { t!(" · duim omlaag", " · thumbs down") })}
                        </p>
                        {f.tekst.map(|t| view! { <p class="nl-paragraph bg-message__text">{t}</p> })}
                        {f.contact_gevraagd.then(|| view! {
                            <p class="bg-flags">{match f.contact_vastgelegd {
                                Some(at) => tf!("Vroeg om contact · contact vastgelegd op {}", "Asked for contact · contact recorded on {}", date_in_words(at)),
                                None => t!("Vraagt om contact", "Asks for contact").to_owned(),
                            }}</p>
                        })}
                    </li>
                }).collect_view()}
            </ul>
            {move || (open && waiting()).then(|| view! {
                <form class="bg-form" on:submit=record novalidate>
                    <TextField id="contact-notitie" label=t!("Contact vastleggen", "Record contact") multiline=true
                        hint=t!("Met wie had u contact, en wat is er besproken? Dit wordt een interne notitie.", "Who did you have contact with, and what was discussed? This becomes an internal note.")
                        value=text.into() error=problem.into() on_input=Callback::new(move |v| text.set(v)) />
                    <button class="utrecht-button utrecht-button--secondary-action" type="submit">{t!("Contact vastleggen", "Record contact")}</button>
                </form>
            })}
        </section>
    })
    }
}
