//! Signals, in the backoffice bundle (it has room; the helper's bundle has not): the list
//! (`/signalen`: a helper's organisation's own, or every signal for staff), the form
//! (`/signalen/nieuw`) that warns about personal data before sending, and a signal's page
//! (`/signalen/:ref`) with its steps and terugkoppeling, and for staff the next step.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use model::case::Dienst;
use model::signal::wire::{NewSignal, SignalDetail, SignalStepRequest};
use model::signal::SignalEvent;
use model::FieldError;

use crate::api::{self, ApiFailure};
use crate::components::error_summary::{error_of, summary_of, ErrorSummary};
use crate::components::fields::{SelectField, TextField};
use crate::components::notice::{focus_new_page, Problem};
use crate::components::pager::Pager;
use crate::session::RequireSignIn;
use crate::today::date_in_words;

fn dienst_label(dienst: Dienst) -> &'static str {
    match dienst {
        Dienst::Belastingdienst => t!("Belastingdienst", "Tax Administration"),
        Dienst::DienstToeslagen => t!("Dienst Toeslagen", "Benefits Service"),
        Dienst::Beide => t!(
            "Belastingdienst en Dienst Toeslagen",
            "Tax Administration and Benefits Service"
        ),
    }
}

#[component]
pub fn SignalsPage() -> impl IntoView {
    view! { <RequireSignIn><SignalList /></RequireSignIn> }
}

#[component]
fn SignalList() -> impl IntoView {
    let page = RwSignal::new(1u32);
    let signals = LocalResource::new(move || api::signals(page.get()));
    view! {
        <h1 class="nl-heading nl-heading--level-1">{t!("Signalen", "Signals")}</h1>
        <p class="nl-paragraph">{t!("Ziet u dat er in het systeem iets misgaat, niet alleen bij één burger? Meld het als signaal. De Belangenbehartiger zet signalen door naar het KSMS, waar de Belastingdienst en Dienst Toeslagen ze bespreken. U hoort wat er mee gebeurt.", "Do you see something going wrong in the system, not just for one citizen? Report it as a signal. The Belangenbehartiger passes signals on to the KSMS, where the Tax Administration and the Benefits Service discuss them. You will hear what happens with it.")}</p>
        <p class="nl-paragraph"><a class="utrecht-button utrecht-button--primary-action bg-button-link" href="/signalen/nieuw">{t!("Nieuw signaal", "New signal")}</a></p>
        <Suspense fallback=|| view! { <p class="nl-paragraph">{t!("De signalen worden geladen.", "The signals are loading.")}</p> }>
            {move || Suspend::new(async move {
                match signals.await {
                    Ok((list, _)) if list.is_empty() => view! { <p class="nl-paragraph">{t!("Er zijn nog geen signalen.", "There are no signals yet.")}</p> }.into_any(),
                    Ok((list, more)) => {
                        let current = page.get_untracked();
                        view! {
                            <ul class="bg-cases" data-testid="signalen">
                                {list.into_iter().map(|signal| view! {
                                    <li class="bg-case">
                                        <a class="nl-link" href=format!("/signalen/{}", signal.referentie)>{signal.thema.clone()}</a>
                                        <p class="nl-paragraph">{format!("{} · {} · {}", signal.referentie, dienst_label(signal.dienst), signal.status_titel)}</p>
                                        <p class="nl-paragraph">{tf!("Ingediend {}{}", "Submitted {}{}", date_in_words(signal.ingediend), signal.organisatie.map(|o| tf!(" door {o}", " by {o}")).unwrap_or_default())}
                                            {(signal.terugkoppelingen > 0).then(|| tf!(" · {} terugkoppeling(en)", " · {} response(s)", signal.terugkoppelingen))}</p>
                                    </li>
                                }).collect_view()}
                            </ul>
                            <Pager current more page />
                        }.into_any()
                    }
                    Err(failure) => view! { <p class="bg-field__error" role="alert">{failure.message()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn NewSignalPage() -> impl IntoView {
    view! { <RequireSignIn><SignalForm /></RequireSignIn> }
}

#[component]
fn SignalForm() -> impl IntoView {
    let dienst = RwSignal::new(String::new());
    let thema = RwSignal::new(String::new());
    let wat = RwSignal::new(String::new());
    let verhaal = RwSignal::new(String::new());
    let oplossing = RwSignal::new(String::new());
    let zaken = RwSignal::new(String::new());
    let bevestigd = RwSignal::new(false);
    // Shown once the server warned about personal data: then the writer may confirm.
    let warned = RwSignal::new(false);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let sent = RwSignal::new(None::<String>);
    let dienst_options = Signal::derive(|| {
        vec![
            (
                String::new(),
                t!("Kies een Dienst", "Choose a service").to_owned(),
            ),
            (
                "belastingdienst".to_owned(),
                t!("Belastingdienst", "Tax Administration").to_owned(),
            ),
            (
                "dienst_toeslagen".to_owned(),
                t!("Dienst Toeslagen", "Benefits Service").to_owned(),
            ),
            ("beide".to_owned(), t!("Allebei", "Both").to_owned()),
        ]
    });

    let send = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        errors.set(Vec::new());
        problem.set(None);
        let chosen = match dienst.get_untracked().as_str() {
            "belastingdienst" => Some(Dienst::Belastingdienst),
            "dienst_toeslagen" => Some(Dienst::DienstToeslagen),
            "beide" => Some(Dienst::Beide),
            _ => None,
        };
        let Some(chosen) = chosen else {
            errors.set(vec![FieldError {
                field: "dienst".into(),
                message: t!(
                    "Kies over welke Dienst het signaal gaat.",
                    "Choose which service the signal is about."
                )
                .into(),
            }]);
            return;
        };
        let form = NewSignal {
            dienst: chosen,
            thema: thema.get_untracked(),
            wat_gaat_mis: wat.get_untracked(),
            verhaal: verhaal.get_untracked(),
            oplossing: oplossing.get_untracked(),
            zaken: zaken
                .get_untracked()
                .split([',', ' ', '\n'])
                .filter(|r| !r.trim().is_empty())
                .map(|r| r.trim().to_owned())
                .collect(),
            bevestigd: bevestigd.get_untracked(),
        };
        busy.set(true);
        spawn_local(async move {
            match api::file_signal(&form).await {
                Ok(reference) => {
                    sent.set(Some(reference));
                    focus_new_page();
                }
                Err(ApiFailure::Refused(p)) if !p.errors.is_empty() => {
                    warned.set(true);
                    errors.set(p.errors);
                }
                Err(other) => problem.set(Some(other.message())),
            }
            busy.set(false);
        });
    };
    let error_for = move |field: &'static str| error_of(errors, field);

    move || {
        match sent.get() {
        Some(reference) => view! {
            <div class="bg-panel" role="status">
                <h1 class="nl-heading nl-heading--level-1">{t!("Bedankt. Uw signaal is verstuurd.", "Thank you. Your signal has been sent.")}</h1>
                <p class="nl-paragraph">{tf!("Het nummer is {reference}. Een medewerker van de Belangenbehartiger gaat het lezen. U krijgt een e-mail als er nieuws is.", "The number is {reference}. Someone from the Belangenbehartiger will read it. You get an e-mail when there is news.")}</p>
            </div>
            <p class="nl-paragraph"><a class="nl-link" href=format!("/signalen/{reference}")>{t!("Naar het signaal", "Go to the signal")}</a></p>
            <p class="nl-paragraph"><a class="nl-link" href="/signalen">{t!("Naar alle signalen", "Go to all signals")}</a></p>
        }
        .into_any(),
        None => view! {
            <h1 class="nl-heading nl-heading--level-1">{t!("Nieuw signaal", "New signal")}</h1>
            <p class="nl-paragraph nl-paragraph--lead">{t!("Een signaal gaat over wat er in het systeem misgaat. Niet over één burger.", "A signal is about what goes wrong in the system. Not about one citizen.")}</p>
            <div class="utrecht-alert bg-alert" role="note">
                <div class="utrecht-alert__content"><div class="utrecht-alert__message">
                    <p class="nl-paragraph">{t!("Uw verhaal gaat later naar het KSMS. Schrijf het daarom zonder persoonsgegevens: geen namen, geen BSN, geen adres of postcode, geen telefoonnummer of e-mailadres, en geen precieze bedragen of data. Schrijf bijvoorbeeld 'een moeder van twee kinderen' en 'in het voorjaar'.", "Your story goes to the KSMS later. So write it without personal data: no names, no BSN, no address or postcode, no phone number or e-mail address, and no exact amounts or dates. Write for example 'a mother of two children' and 'in the spring'.")}</p>
                </div></div>
            </div>
            <ErrorSummary items=summary_of(errors) />
            {move || problem.get().map(|message| view! { <Problem message /> })}
            <form class="bg-form" on:submit=send novalidate>
                <SelectField id="dienst" label=t!("Over welke Dienst gaat het?", "Which service is it about?") options=dienst_options
                    value=dienst.into() error=error_for("dienst") on_change=Callback::new(move |v| dienst.set(v)) />
                <TextField id="thema" label=t!("Waar gaat het over?", "What is it about?") hint=t!("In een paar woorden. Bijvoorbeeld: terugvordering na een verhuizing.", "In a few words. For example: claim to pay back after a move.")
                    value=thema.into() error=error_for("thema") on_input=Callback::new(move |v| thema.set(v)) />
                <TextField id="wat_gaat_mis" label=t!("Wat gaat er mis in het systeem?", "What goes wrong in the system?") multiline=true
                    value=wat.into() error=error_for("wat_gaat_mis") on_input=Callback::new(move |v| wat.set(v)) />
                <TextField id="verhaal" label=t!("Een voorbeeld, zonder persoonsgegevens", "An example, without personal data") multiline=true hint=t!("Vertel wat er gebeurde, zonder namen, nummers of data.", "Tell what happened, without names, numbers or dates.")
                    value=verhaal.into() error=error_for("verhaal") on_input=Callback::new(move |v| verhaal.set(v)) />
                <TextField id="oplossing" label=t!("Wat zou helpen?", "What would help?") multiline=true
                    value=oplossing.into() error=error_for("oplossing") on_input=Callback::new(move |v| oplossing.set(v)) />
                <TextField id="zaken" label=t!("Bij welke zaken zag u dit? (niet verplicht)", "In which cases did you see this? (optional)") hint=t!("Zaaknummers van uw organisatie, gescheiden door een komma. Alleen de Belangenbehartiger ziet ze. Ze gaan nooit mee naar het KSMS.", "Case numbers of your organisation, separated by a comma. Only the Belangenbehartiger sees them. They never go to the KSMS.")
                    value=zaken.into() error=error_for("zaken") on_input=Callback::new(move |v| zaken.set(v)) />
                {move || warned.get().then(|| view! {
                    <div class="bg-choice">
                        <input class="bg-choice__input" type="checkbox" id="bevestigd"
                            prop:checked=bevestigd on:change=move |_| bevestigd.update(|b| *b = !*b) />
                        <label class="bg-choice__label" for="bevestigd">{t!("Ik heb de tekst nagelezen. Er staan geen persoonsgegevens in.", "I have read the text again. It has no personal data.")}</label>
                    </div>
                })}
                <button class="utrecht-button utrecht-button--primary-action" type="submit" disabled=busy>{t!("Signaal versturen", "Send signal")}</button>
            </form>
        }
        .into_any(),
    }
    }
}

#[component]
pub fn SignalPage() -> impl IntoView {
    view! { <RequireSignIn><SignalView /></RequireSignIn> }
}

#[component]
fn SignalView() -> impl IntoView {
    let params = use_params_map();
    let reference = move || params.with(|p| p.get("ref").unwrap_or_default());
    let detail = RwSignal::new(None::<Result<SignalDetail, ApiFailure>>);
    Effect::new(move |_| {
        let reference = reference();
        spawn_local(async move { detail.set(Some(api::signal(&reference).await)) });
    });
    move || {
        match detail.get() {
        None => view! { <p class="nl-paragraph">{t!("Het signaal wordt geladen.", "The signal is loading.")}</p> }.into_any(),
        Some(Err(failure)) => view! {
            <h1 class="nl-heading nl-heading--level-1">{t!("Signaal", "Signal")}</h1>
            <p class="bg-field__error" role="alert">{failure.message()}</p>
        }
        .into_any(),
        Some(Ok(signal)) => {
            let staff = signal.zaken.is_some();
            let steps = signal.mogelijke_stappen.clone();
            view! {
                <h1 class="nl-heading nl-heading--level-1">{signal.thema.clone()}</h1>
                <p class="nl-paragraph">{tf!("Signaal {} · {}", "Signal {} · {}", signal.referentie, dienst_label(signal.dienst))}</p>
                <h2 class="nl-heading nl-heading--level-2">{tf!("Nu: {}", "Now: {}", signal.status_titel)}</h2>
                <p class="nl-paragraph">{signal.uitleg.clone()}</p>
                <h2 class="nl-heading nl-heading--level-2">{t!("Wat gebeurde er?", "What happened?")}</h2>
                <ol class="bg-timeline" data-testid="signaal-stappen">
                    <li class="bg-timeline__step"><p class="bg-timeline__when">{date_in_words(signal.ingediend)}{t!(" · Ingediend", " · Submitted")}</p></li>
                    {signal.stappen.iter().cloned().map(|step| view! {
                        <li class="bg-timeline__step">
                            <p class="bg-timeline__when">{date_in_words(step.tijd)}" · "{step.titel}{step.door.map(|d| format!(" · {d}"))}</p>
                            {step.tekst.map(|t| view! { <p class="nl-paragraph">{t}</p> })}
                        </li>
                    }).collect_view()}
                </ol>
                <h2 class="nl-heading nl-heading--level-2">{t!("Het signaal", "The signal")}</h2>
                <dl class="bg-facts">
                    <dt>{t!("Wat gaat er mis", "What goes wrong")}</dt><dd>{signal.wat_gaat_mis.clone()}</dd>
                    <dt>{t!("Voorbeeld", "Example")}</dt><dd>{signal.verhaal.clone()}</dd>
                    <dt>{t!("Wat zou helpen", "What would help")}</dt><dd>{signal.oplossing.clone()}</dd>
                    {signal.organisatie.clone().map(|o| view! { <dt>{t!("Van", "From")}</dt><dd>{o}</dd> })}
                    {signal.zaken.clone().filter(|z| !z.is_empty()).map(|z| view! { <dt>{t!("Gezien bij zaken (alleen voor medewerkers)", "Seen in cases (only for staff)")}</dt><dd>{z.join(", ")}</dd> })}
                    {signal.tekst_voor_ksms.clone().map(|t| view! { <dt>{t!("Tekst voor het KSMS", "Text for the KSMS")}</dt><dd data-testid="tekst-ksms">{t}</dd> })}
                    {signal.geschreven_door.clone().map(|t| view! { <dt>{t!("Geschreven door", "Written by")}</dt><dd>{t}</dd> })}
                    {signal.goedgekeurd_door.clone().map(|t| view! { <dt>{t!("Gecontroleerd door", "Checked by")}</dt><dd>{t}</dd> })}
                </dl>
                {(staff && !steps.is_empty()).then(|| view! { <SignalStepForm reference=signal.referentie.clone() steps detail /> })}
                <p class="nl-paragraph"><a class="nl-link" href="/signalen">{t!("Naar alle signalen", "Go to all signals")}</a></p>
            }
            .into_any()
        }
    }
    }
}

#[component]
fn SignalStepForm(
    reference: String,
    steps: Vec<SignalEvent>,
    detail: RwSignal<Option<Result<SignalDetail, ApiFailure>>>,
) -> impl IntoView {
    let chosen = RwSignal::new(None::<SignalEvent>);
    let text = RwSignal::new(String::new());
    let date = RwSignal::new(String::new());
    let other = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let busy = RwSignal::new(false);
    let reference = StoredValue::new(reference);
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(stap) = chosen.get_untracked() else {
            errors.set(vec![FieldError {
                field: "stap".into(),
                message: t!("Kies een stap.", "Choose a step.").into(),
            }]);
            return;
        };
        let request = SignalStepRequest {
            stap,
            tekst: stap.needs_text().then(|| text.get_untracked()),
            datum: stap.needs_date().then(|| date.get_untracked()),
            samen_met: (stap == SignalEvent::Samenvoegen).then(|| other.get_untracked()),
        };
        busy.set(true);
        spawn_local(async move {
            match api::signal_step(&reference.get_value(), &request).await {
                Ok(next) => detail.set(Some(Ok(next))),
                Err(ApiFailure::Refused(p)) if !p.errors.is_empty() => errors.set(p.errors),
                Err(failure) => errors.set(vec![FieldError {
                    field: "stap".into(),
                    message: failure.message(),
                }]),
            }
            busy.set(false);
        });
    };
    let needs = move |what: fn(SignalEvent) -> bool| chosen.get().is_some_and(what);
    view! {
        <h2 class="nl-heading nl-heading--level-2">{t!("Volgende stap", "Next step")}</h2>
        <ErrorSummary items=summary_of(errors) />
        <form class="bg-form" on:submit=save novalidate>
            <fieldset class="bg-fieldset" id="stap">
                <legend class="bg-legend">{t!("Wat is er gebeurd?", "What happened?")}</legend>
                {move || error_of(errors, "stap").get().map(|m| view! { <p class="bg-field__error">{m}</p> })}
                {steps.iter().copied().enumerate().map(|(i, step)| {
                    let id = format!("stap-{i}");
                    view! {
                        <div class="bg-choice">
                            <input class="bg-choice__input" type="radio" name="stap" id=id.clone()
                                prop:checked=move || chosen.get() == Some(step) on:change=move |_| chosen.set(Some(step)) />
                            <label class="bg-choice__label" for=id>{step.label()}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            {move || needs(SignalEvent::needs_text).then(|| view! {
                <TextField id="tekst" label=t!("Tekst", "Text") multiline=true hint=t!("De tekst voor het KSMS, de terugkoppeling, of de reden.", "The text for the KSMS, the response, or the reason.")
                    value=text.into() error=error_of(errors, "tekst") on_input=Callback::new(move |v| text.set(v)) />
            })}
            {move || needs(SignalEvent::needs_date).then(|| view! {
                <TextField id="datum" label=t!("Datum van doorzetten", "Date passed on") hint=t!("Dag, maand en jaar. Bijvoorbeeld 15-03-2026.", "Day, month and year. For example 15-03-2026.") inputmode="numeric"
                    value=date.into() error=error_of(errors, "datum") on_input=Callback::new(move |v| date.set(v)) />
            })}
            {move || (chosen.get() == Some(SignalEvent::Samenvoegen)).then(|| view! {
                <TextField id="samen_met" label=t!("Nummer van het andere signaal", "Number of the other signal") hint=t!("Bijvoorbeeld SG-K7D3-FQ9M.", "For example SG-K7D3-FQ9M.")
                    value=other.into() error=error_of(errors, "samen_met") on_input=Callback::new(move |v| other.set(v)) />
            })}
            <button class="utrecht-button utrecht-button--primary-action" type="submit" disabled=busy>{t!("Stap opslaan", "Save step")}</button>
        </form>
    }
}
