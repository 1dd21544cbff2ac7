//! `/status`: the citizen signs in with the case reference and their personal code, then
//! sees where the case is, what happens next, every step so far, and can withdraw consent.

use leptos::prelude::*;
use leptos::task::spawn_local;
use model::api::{CitizenCase, CitizenSignIn};
use model::{Check, FieldError};

use crate::api::{self, ApiFailure};
use crate::components::error_summary::{error_of, summary_of, ErrorSummary};
use crate::components::fields::TextField;
use crate::components::letters::Letters;
use crate::components::notice::{
    focus_new_page, FeedbackForm, Problem, ReadMore, StateExplanation, StepReasons, TermWarning,
};
use crate::components::upload::{DocumentList, Uploader};
use crate::today::date_in_words;
use model::access::{verdict, Act, Resource, Verdict};
use model::document::DocumentSoort;
use model::lifecycle::Role;

use super::messages::CitizenMessages;

#[derive(Clone)]
enum Stage {
    Loading,
    SignIn,
    Case(Box<CitizenCase>),
}

#[component]
pub fn StatusPage() -> impl IntoView {
    let stage = RwSignal::new(Stage::Loading);
    let problem = RwSignal::new(None::<String>);
    spawn_local(async move {
        match api::citizen_case().await {
            Ok(Some(case)) => stage.set(Stage::Case(Box::new(case))),
            Ok(None) => stage.set(Stage::SignIn),
            Err(failure) => {
                problem.set(Some(failure.message()));
                stage.set(Stage::SignIn);
            }
        }
    });
    // Until the server has answered, the sign-in form is already in its place, hidden: the
    // page comes with that view in its HTML (see `first_paint`), and neither the largest text
    // nor anything below it moves when the form appears. Loading and signing in are one
    // screen, so the form is not made again in between.
    let case = Memo::new(move |_| match stage.get() {
        Stage::Case(case) => Some(case),
        Stage::Loading | Stage::SignIn => None,
    });
    let pending = Signal::derive(move || matches!(stage.get(), Stage::Loading));
    move || match case.get() {
        None => view! { <SignInForm stage problem pending /> }.into_any(),
        Some(case) => view! { <CaseStatus case=*case stage problem /> }.into_any(),
    }
}

#[component]
fn Lead() -> impl IntoView {
    view! {
        <p class="nl-paragraph nl-paragraph--lead">
            {t!("Met uw zaaknummer en uw persoonlijke code ziet u hier hoe het gaat met uw zaak. ", "With your case number and your personal code you can see here how your case is going. ")}
            {t!("U kreeg ze toen u toestemming gaf.", "You got them when you gave consent.")}
        </p>
    }
}

#[component]
fn SignInForm(
    stage: RwSignal<Stage>,
    problem: RwSignal<Option<String>>,
    /// Whether the server has yet to say if the citizen is signed in: the form is there but
    /// hidden and out of reach, under the message that we are looking.
    pending: Signal<bool>,
) -> impl IntoView {
    let reference = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        errors.set(Vec::new());
        problem.set(None);
        let input = CitizenSignIn {
            referentie: reference.get_untracked(),
            toegangscode: code.get_untracked(),
        };
        if let Err(found) = input.check() {
            errors.set(found);
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match api::citizen_sign_in(&input).await {
                Ok(case) => {
                    stage.set(Stage::Case(Box::new(case)));
                    focus_new_page();
                }
                Err(ApiFailure::Refused(p)) if !p.errors.is_empty() => errors.set(p.errors),
                Err(failure) => problem.set(Some(failure.message())),
            }
            busy.set(false);
        });
    };
    let error_for = move |field: &'static str| error_of(errors, field);
    view! {
        <h1 class="nl-heading nl-heading--level-1">{t!("Uw zaak volgen", "Follow your case")}</h1>
        <Lead />
        <ErrorSummary items=summary_of(errors) />
        {move || problem.get().map(|message| view! { <Problem message /> })}
        <div class="bg-pending" class:bg-pending--waiting=pending>
            {move || pending.get().then(|| view! {
                <p class="nl-paragraph bg-pending__message" role="status">{t!("Even geduld. We halen uw zaak op.", "Please wait. We are getting your case.")}</p>
            })}
            <div class="bg-pending__content" inert=pending aria-hidden=move || pending.get().then_some("true")>
                <form class="bg-form" on:submit=submit novalidate>
                    <TextField id="referentie" label=t!("Zaaknummer", "Case number") hint=t!("Bijvoorbeeld BG-7KQ3-M9XP.", "For example BG-7KQ3-M9XP.")
                        value=reference.into() error=error_for("referentie") on_input=Callback::new(move |v| reference.set(v)) />
                    <TextField id="toegangscode" label=t!("Persoonlijke code", "Personal code") hint=t!("12 letters en cijfers. Bijvoorbeeld K7D3-FQ9M-X4TC.", "12 letters and digits. For example K7D3-FQ9M-X4TC.")
                        value=code.into() error=error_for("toegangscode") on_input=Callback::new(move |v| code.set(v)) />
                    <button class="utrecht-button utrecht-button--primary-action" type="submit" disabled=busy>{t!("Bekijk uw zaak", "View your case")}</button>
                </form>
                <p class="nl-paragraph">{t!("Bent u uw code kwijt? Vraag uw hulpverlener om hulp.", "Lost your code? Ask your social worker for help.")}</p>
            </div>
        </div>
    }
}

#[component]
fn CaseStatus(
    case: CitizenCase,
    stage: RwSignal<Stage>,
    problem: RwSignal<Option<String>>,
) -> impl IntoView {
    let confirming = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let may_withdraw = case.status.has_consent();
    let may_write = verdict(
        Role::Burger,
        Resource::CitizenMessage,
        Act::Write,
        case.status,
    ) == Verdict::Allowed;
    let withdraw = move |_| {
        busy.set(true);
        problem.set(None);
        spawn_local(async move {
            match api::citizen_withdraw().await {
                Ok(case) => {
                    stage.set(Stage::Case(Box::new(case)));
                    focus_new_page();
                }
                Err(ApiFailure::SignedOut) => stage.set(Stage::SignIn),
                Err(failure) => problem.set(Some(failure.message())),
            }
            busy.set(false);
        });
    };
    let sign_out = move |_| {
        spawn_local(async move {
            // Signed out or not, the page forgets the case.
            let _ = api::citizen_sign_out().await;
            stage.set(Stage::SignIn);
            focus_new_page();
        });
    };
    let mut steps = case.tijdlijn.clone();
    steps.reverse();
    view! {
        <h1 class="nl-heading nl-heading--level-1">{t!("Uw zaak", "Your case")}</h1>
        <p class="nl-paragraph">{tf!("Zaaknummer: {}", "Case number: {}", case.referentie)}</p>

        <StateExplanation explanation=case.uitleg.clone() />
        <ReadMore links=read_more(&case) />

        {case.termijn.map(|until| view! { <TermWarning until=Some(until) /> })}
        {case.pauzeknop_gevraagd.then(|| view! {
            <p class="nl-paragraph">{t!("U vroeg om de pauzeknop. Dat is een verzoek. Het zet niets stil. De Dienst kan ook gewoon doorgaan.", "You asked for the pause button. That is a request. It does not stop anything. The service can also just go on.")}</p>
        })}

        <h2 class="nl-heading nl-heading--level-2">{t!("Vragen over uw zaak?", "Questions about your case?")}</h2>
        <p class="nl-paragraph">{tf!("Neem contact op met uw hulpverlener bij {}.", "Contact your social worker at {}.", case.organisatie)}</p>
        {case.contact.clone().map(|line| view! {
            <p class="nl-paragraph" data-testid="contact">{tf!("Zo bereikt u uw hulpverlener: {line}", "This is how you reach your social worker: {line}")}</p>
        })}
        <CitizenMessages messages=case.berichten.clone() open=may_write casemanager=case.casemanager.clone() />

        {case.reactie_gevraagd.map(|milestone| view! { <FeedbackForm endpoint="/api/burger/reactie".to_owned() milestone /> })}
        <CitizenDocuments open=case.status.accepts_additions() />
        <Letters base="/api/burger/brieven".to_owned() status=case.status for_citizen=true />

        <h2 class="nl-heading nl-heading--level-2">{t!("Wat is er gebeurd?", "What happened?")}</h2>
        <ol class="bg-timeline" data-testid="tijdlijn">
            {steps.into_iter().map(|step| view! {
                <li class="bg-timeline__step">
                    <p class="bg-timeline__when">{date_in_words(step.tijd)}" · "{step.naar.title()}</p>
                    <p class="nl-paragraph">{step.bericht}</p>
                    <StepReasons reasons=step.reden />
                </li>
            }).collect_view()}
        </ol>

        {move || problem.get().map(|message| view! { <Problem message /> })}
        {may_withdraw.then(|| view! {
            <h2 class="nl-heading nl-heading--level-2">{t!("Toestemming intrekken", "Withdraw consent")}</h2>
            <p class="nl-paragraph">{t!("Wilt u niet meer dat de Belangenbehartiger aan uw zaak werkt? Dan kunt u uw toestemming intrekken.", "Do you no longer want the Belangenbehartiger to work on your case? Then you can withdraw your consent.")}</p>
            {move || if confirming.get() {
                view! {
                    <div class="utrecht-alert utrecht-alert--warning bg-alert" role="group" aria-labelledby="zeker-kop">
                        <div class="utrecht-alert__content"><div class="utrecht-alert__message">
                            <h3 id="zeker-kop" class="nl-heading nl-heading--level-3">{t!("Weet u het zeker?", "Are you sure?")}</h3>
                            <p class="nl-paragraph">{t!("Als u uw toestemming intrekt, stopt het werk aan uw zaak. Uw hulpverlener krijgt daarover bericht. Dit kunt u niet terugdraaien.", "If you withdraw your consent, the work on your case stops. Your social worker gets a message about it. You cannot undo this.")}</p>
                            <p class="nl-paragraph">{t!("Wilt u later toch hulp? Dan moet uw hulpverlener de zaak opnieuw aanmelden.", "Do you want help later after all? Then your social worker must submit the case again.")}</p>
                            <div class="bg-actions bg-actions--stacked">
                                <button class="utrecht-button utrecht-button--primary-action" type="button" disabled=busy on:click=withdraw>{t!("Ja, trek mijn toestemming in", "Yes, withdraw my consent")}</button>
                                <button class="utrecht-button utrecht-button--secondary-action" type="button" on:click=move |_| confirming.set(false)>{t!("Nee, ga terug", "No, go back")}</button>
                            </div>
                        </div></div>
                    </div>
                }.into_any()
            } else {
                view! {
                    <button class="utrecht-button utrecht-button--secondary-action" type="button" on:click=move |_| confirming.set(true)>{t!("Toestemming intrekken", "Withdraw consent")}</button>
                }.into_any()
            }}
        })}
        <p class="nl-paragraph bg-sign-out">
            <button class="utrecht-button utrecht-button--subtle" type="button" on:click=sign_out>{t!("Uitloggen", "Sign out")}</button>
        </p>
    }
}

/// Documents shared with the citizen and those they added; adding more while the case runs,
/// with the phone's camera if they like.
#[component]
fn CitizenDocuments(open: bool) -> impl IntoView {
    let list = RwSignal::new(Vec::<model::document::DocumentInfo>::new());
    let load = move || {
        spawn_local(async move {
            if let Ok(documents) = api::citizen_documents().await {
                list.set(documents);
            }
        });
    };
    load();
    let kinds: Vec<DocumentSoort> = DocumentSoort::ALL
        .into_iter()
        .filter(|k| !k.staff_only())
        .collect();
    view! {
        <h2 class="nl-heading nl-heading--level-2">{t!("Documenten", "Documents")}</h2>
        <DocumentList documents=list.into() download_base="/api/burger/documenten/" />
        {open.then(|| view! {
            <h3 class="nl-heading nl-heading--level-3">{t!("Een document toevoegen", "Add a document")}</h3>
            <p class="nl-paragraph">{t!("Heeft u een brief of besluit over deze zaak? Maak een foto of kies een bestand.", "Do you have a letter or decision about this case? Take a photo or choose a file.")}</p>
            <Uploader endpoint="/api/burger/documenten".to_owned() kinds camera=true on_uploaded=Callback::new(move |()| load()) />
        })}
    }
}

/// Articles about the current step, and always how long things take.
fn read_more(case: &CitizenCase) -> Vec<model::api::ArticleLink> {
    let mut links = case.uitleg_artikelen.clone();
    if !links.iter().any(|a| a.slug == "hoe-lang-duurt-het") {
        links.push(model::api::ArticleLink {
            slug: "hoe-lang-duurt-het".into(),
            titel: t!("Hoe lang duurt het?", "How long does it take?").into(),
            taal: crate::i18n::LANG,
        });
    }
    links
}
