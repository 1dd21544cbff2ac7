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
        Dienst::Belastingdienst => "Belastingdienst",
        Dienst::DienstToeslagen => "Dienst Toeslagen",
        Dienst::Beide => "Belastingdienst en Dienst Toeslagen",
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
        <h1 class="nl-heading nl-heading--level-1">"Signalen"</h1>
        <p class="nl-paragraph">"Ziet u dat er in het systeem iets misgaat, niet alleen bij één burger? Meld het als signaal. De Belangenbehartiger zet signalen door naar het KSMS, waar de Belastingdienst en Dienst Toeslagen ze bespreken. U hoort wat er mee gebeurt."</p>
        <p class="nl-paragraph"><a class="utrecht-button utrecht-button--primary-action bg-button-link" href="/signalen/nieuw">"Nieuw signaal"</a></p>
        <Suspense fallback=|| view! { <p class="nl-paragraph">"De signalen worden geladen."</p> }>
            {move || Suspend::new(async move {
                match signals.await {
                    Ok((list, _)) if list.is_empty() => view! { <p class="nl-paragraph">"Er zijn nog geen signalen."</p> }.into_any(),
                    Ok((list, more)) => {
                        let current = page.get_untracked();
                        view! {
                            <ul class="bg-cases" data-testid="signalen">
                                {list.into_iter().map(|signal| view! {
                                    <li class="bg-case">
                                        <a class="nl-link" href=format!("/signalen/{}", signal.referentie)>{signal.thema.clone()}</a>
                                        <p class="nl-paragraph">{format!("{} · {} · {}", signal.referentie, dienst_label(signal.dienst), signal.status_titel)}</p>
                                        <p class="nl-paragraph">{format!("Ingediend {}{}", date_in_words(signal.ingediend), signal.organisatie.map(|o| format!(" door {o}")).unwrap_or_default())}
                                            {(signal.terugkoppelingen > 0).then(|| format!(" · {} terugkoppeling(en)", signal.terugkoppelingen))}</p>
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
            (String::new(), "Kies een Dienst".to_owned()),
            ("belastingdienst".to_owned(), "Belastingdienst".to_owned()),
            ("dienst_toeslagen".to_owned(), "Dienst Toeslagen".to_owned()),
            ("beide".to_owned(), "Allebei".to_owned()),
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
                message: "Kies over welke Dienst het signaal gaat.".into(),
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
                <h1 class="nl-heading nl-heading--level-1">"Bedankt. Uw signaal is verstuurd."</h1>
                <p class="nl-paragraph">{format!("Het nummer is {reference}. Een medewerker van de Belangenbehartiger gaat het lezen. U krijgt een e-mail als er nieuws is.")}</p>
            </div>
            <p class="nl-paragraph"><a class="nl-link" href=format!("/signalen/{reference}")>"Naar het signaal"</a></p>
            <p class="nl-paragraph"><a class="nl-link" href="/signalen">"Naar alle signalen"</a></p>
        }
        .into_any(),
        None => view! {
            <h1 class="nl-heading nl-heading--level-1">"Nieuw signaal"</h1>
            <p class="nl-paragraph nl-paragraph--lead">"Een signaal gaat over wat er in het systeem misgaat. Niet over één burger."</p>
            <div class="utrecht-alert bg-alert" role="note">
                <div class="utrecht-alert__content"><div class="utrecht-alert__message">
                    <p class="nl-paragraph">"Uw verhaal gaat later naar het KSMS. Schrijf het daarom zonder persoonsgegevens: geen namen, geen BSN, geen adres of postcode, geen telefoonnummer of e-mailadres, en geen precieze bedragen of data. Schrijf bijvoorbeeld 'een moeder van twee kinderen' en 'in het voorjaar'."</p>
                </div></div>
            </div>
            <ErrorSummary items=summary_of(errors) />
            {move || problem.get().map(|message| view! { <Problem message /> })}
            <form class="bg-form" on:submit=send novalidate>
                <SelectField id="dienst" label="Over welke Dienst gaat het?" options=dienst_options
                    value=dienst.into() error=error_for("dienst") on_change=Callback::new(move |v| dienst.set(v)) />
                <TextField id="thema" label="Waar gaat het over?" hint="In een paar woorden. Bijvoorbeeld: terugvordering na een verhuizing."
                    value=thema.into() error=error_for("thema") on_input=Callback::new(move |v| thema.set(v)) />
                <TextField id="wat_gaat_mis" label="Wat gaat er mis in het systeem?" multiline=true
                    value=wat.into() error=error_for("wat_gaat_mis") on_input=Callback::new(move |v| wat.set(v)) />
                <TextField id="verhaal" label="Een voorbeeld, zonder persoonsgegevens" multiline=true hint="Vertel wat er gebeurde, zonder namen, nummers of data."
                    value=verhaal.into() error=error_for("verhaal") on_input=Callback::new(move |v| verhaal.set(v)) />
                <TextField id="oplossing" label="Wat zou helpen?" multiline=true
                    value=oplossing.into() error=error_for("oplossing") on_input=Callback::new(move |v| oplossing.set(v)) />
                <TextField id="zaken" label="Bij welke zaken zag u dit? (niet verplicht)" hint="Zaaknummers van uw organisatie, gescheiden door een komma. Alleen de Belangenbehartiger ziet ze. Ze gaan nooit mee naar het KSMS."
                    value=zaken.into() error=error_for("zaken") on_input=Callback::new(move |v| zaken.set(v)) />
                {move || warned.get().then(|| view! {
                    <div class="bg-choice">
                        <input class="bg-choice__input" type="checkbox" id="bevestigd"
                            prop:checked=bevestigd on:change=move |_| bevestigd.update(|b| *b = !*b) />
                        <label class="bg-choice__label" for="bevestigd">"Ik heb de tekst nagelezen. Er staan geen persoonsgegevens in."</label>
                    </div>
                })}
                <button class="utrecht-button utrecht-button--primary-action" type="submit" disabled=busy>"Signaal versturen"</button>
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
    move || match detail.get() {
        None => view! { <p class="nl-paragraph">"Het signaal wordt geladen."</p> }.into_any(),
        Some(Err(failure)) => view! {
            <h1 class="nl-heading nl-heading--level-1">"Signaal"</h1>
            <p class="bg-field__error" role="alert">{failure.message()}</p>
        }
        .into_any(),
        Some(Ok(signal)) => {
            let staff = signal.zaken.is_some();
            let steps = signal.mogelijke_stappen.clone();
            view! {
                <h1 class="nl-heading nl-heading--level-1">{signal.thema.clone()}</h1>
                <p class="nl-paragraph">{format!("Signaal {} · {}", signal.referentie, dienst_label(signal.dienst))}</p>
                <h2 class="nl-heading nl-heading--level-2">{format!("Nu: {}", signal.status_titel)}</h2>
                <p class="nl-paragraph">{signal.uitleg.clone()}</p>
                <h2 class="nl-heading nl-heading--level-2">"Wat gebeurde er?"</h2>
                <ol class="bg-timeline" data-testid="signaal-stappen">
                    <li class="bg-timeline__step"><p class="bg-timeline__when">{date_in_words(signal.ingediend)}" · Ingediend"</p></li>
                    {signal.stappen.iter().cloned().map(|step| view! {
                        <li class="bg-timeline__step">
                            <p class="bg-timeline__when">{date_in_words(step.tijd)}" · "{step.titel}{step.door.map(|d| format!(" · {d}"))}</p>
                            {step.tekst.map(|t| view! { <p class="nl-paragraph">{t}</p> })}
                        </li>
                    }).collect_view()}
                </ol>
                <h2 class="nl-heading nl-heading--level-2">"Het signaal"</h2>
                <dl class="bg-facts">
                    <dt>"Wat gaat er mis"</dt><dd>{signal.wat_gaat_mis.clone()}</dd>
                    <dt>"Voorbeeld"</dt><dd>{signal.verhaal.clone()}</dd>
                    <dt>"Wat zou helpen"</dt><dd>{signal.oplossing.clone()}</dd>
                    {signal.organisatie.clone().map(|o| view! { <dt>"Van"</dt><dd>{o}</dd> })}
                    {signal.zaken.clone().filter(|z| !z.is_empty()).map(|z| view! { <dt>"Gezien bij zaken (alleen voor medewerkers)"</dt><dd>{z.join(", ")}</dd> })}
                    {signal.tekst_voor_ksms.clone().map(|t| view! { <dt>"Tekst voor het KSMS"</dt><dd data-testid="tekst-ksms">{t}</dd> })}
                    {signal.geschreven_door.clone().map(|t| view! { <dt>"Geschreven door"</dt><dd>{t}</dd> })}
                    {signal.goedgekeurd_door.clone().map(|t| view! { <dt>"Gecontroleerd door"</dt><dd>{t}</dd> })}
                </dl>
                {(staff && !steps.is_empty()).then(|| view! { <SignalStepForm reference=signal.referentie.clone() steps detail /> })}
                <p class="nl-paragraph"><a class="nl-link" href="/signalen">"Naar alle signalen"</a></p>
            }
            .into_any()
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
                message: "Kies een stap.".into(),
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
        <h2 class="nl-heading nl-heading--level-2">"Volgende stap"</h2>
        <ErrorSummary items=summary_of(errors) />
        <form class="bg-form" on:submit=save novalidate>
            <fieldset class="bg-fieldset" id="stap">
                <legend class="bg-legend">"Wat is er gebeurd?"</legend>
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
                <TextField id="tekst" label="Tekst" multiline=true hint="De tekst voor het KSMS, de terugkoppeling, of de reden."
                    value=text.into() error=error_of(errors, "tekst") on_input=Callback::new(move |v| text.set(v)) />
            })}
            {move || needs(SignalEvent::needs_date).then(|| view! {
                <TextField id="datum" label="Datum van doorzetten" hint="Dag, maand en jaar. Bijvoorbeeld 15-03-2026." inputmode="numeric"
                    value=date.into() error=error_of(errors, "datum") on_input=Callback::new(move |v| date.set(v)) />
            })}
            {move || (chosen.get() == Some(SignalEvent::Samenvoegen)).then(|| view! {
                <TextField id="samen_met" label="Nummer van het andere signaal" hint="Bijvoorbeeld SG-K7D3-FQ9M."
                    value=other.into() error=error_of(errors, "samen_met") on_input=Callback::new(move |v| other.set(v)) />
            })}
            <button class="utrecht-button utrecht-button--primary-action" type="submit" disabled=busy>"Stap opslaan"</button>
        </form>
    }
}
