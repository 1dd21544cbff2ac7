//! "Is Bondgenoot de juiste route?" (`/zaken/nieuw`): a few questions before the form. Each
//! answer can point to a better route (brief §3.2, with the seed lines the advice rests on).
//! The helper may always go on; nothing here invents phone numbers or terms.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use model::case::CaseDraft;
use model::route_check::{RouteAntwoord, RouteVraag};

use crate::api;
use crate::components::fields::ChoiceGroup;
use crate::session::RequireSignIn;

struct Advice {
    title: &'static str,
    text: &'static str,
    now: &'static str,
    source: &'static str,
}

struct RouteQuestion {
    vraag: RouteVraag,
    text: &'static str,
    /// The answer that points to the advice.
    advice_if: bool,
    advice: Advice,
    /// Asked only when an earlier question got this answer.
    only_if: Option<(RouteVraag, bool)>,
}

// Sources are named as their readers know them: the document's title and date.
const STAND_VAN_ZAKEN: &str = "Bron: Stand-van-zakenbrief Belastingdienst, 13 november 2025.";
const REISVERSLAG: &str =
    "Bron: Reisverslag 2.0, \u{201c}Een bondgenoot in burgerbelang\u{201d}, februari 2025.";

/// Urgency and running terms first: what must happen now comes before which route fits.
const QUESTIONS: [RouteQuestion; 9] = [
    RouteQuestion {
        vraag: RouteVraag::Spoed,
        text: "Dreigt er binnenkort iets ergs, zoals een uithuiszetting, of heeft de burger geen geld meer om van te leven?",
        advice_if: true,
        advice: Advice {
            title: "Dit is dringend: wacht niet",
            text: "Aanmelden bij de Belangenbehartiger zet niets stil. Een uithuiszetting of een invordering gaat gewoon door.",
            now: "Neem vandaag contact op met de Dienst en vraag naar uitstel van betaling of een betalingsregeling. Meld de zaak daarna hier aan en kies bij \u{201c}Is het dringend?\u{201d} wat er dreigt. Dan kijkt de Belangenbehartiger eerst naar deze zaak.",
            source: STAND_VAN_ZAKEN,
        },
        only_if: None,
    },
    RouteQuestion {
        vraag: RouteVraag::Contact,
        text: "Heeft de burger over dit probleem al contact gehad met de BelastingTelefoon of met de Dienst zelf?",
        advice_if: false,
        advice: Advice {
            title: "Neem eerst contact op met de Dienst",
            text: "Veel vragen lost de Dienst zelf op, via de BelastingTelefoon, Webcare of een afspraak aan de balie.",
            now: "Neem samen met de burger contact op met de BelastingTelefoon of de Dienst. Lukt het daar niet? Meld de zaak dan hier aan.",
            source: STAND_VAN_ZAKEN,
        },
        only_if: None,
    },
    RouteQuestion {
        vraag: RouteVraag::Bezwaar,
        text: "Is er een besluit waar de burger het niet mee eens is, en kan de burger daartegen nog bezwaar maken?",
        advice_if: true,
        advice: Advice {
            title: "Maak ook op tijd bezwaar",
            text: "Bezwaar is de eerste manier om een besluit te laten veranderen. De termijn voor bezwaar loopt door, ook als u de zaak hier aanmeldt.",
            now: "Maak bezwaar voordat de termijn afloopt. Staat de termijn niet in de brief? Vraag het na bij de Dienst.",
            source: REISVERSLAG,
        },
        only_if: None,
    },
    RouteQuestion {
        vraag: RouteVraag::Beroep,
        text: "Is een bezwaar van de burger al afgewezen, en kan de burger nog in beroep gaan?",
        advice_if: true,
        advice: Advice {
            title: "De termijn voor beroep loopt door",
            text: "Ook de termijn voor beroep stopt niet als u de zaak hier aanmeldt. De Belangenbehartiger kan geen termijn stilzetten.",
            now: "Ga op tijd in beroep. De termijn staat in de brief met de beslissing op het bezwaar. Vul die datum in het formulier in, bij \u{201c}Bezwaar of beroep\u{201d}.",
            source: REISVERSLAG,
        },
        only_if: Some((RouteVraag::Bezwaar, false)),
    },
    RouteQuestion {
        vraag: RouteVraag::Ondernemer,
        text: "Is de burger ondernemer of zzp'er, met problemen met inkomstenbelasting, omzetbelasting, toeslagen of invordering tegelijk?",
        advice_if: true,
        advice: Advice {
            title: "Het Stella-team past misschien beter",
            text: "Het Stella-team helpt bij dringende en ingewikkelde combinaties van problemen met inkomstenbelasting, omzetbelasting, toeslagen of invordering. De burger krijgt één vaste contactpersoon.",
            now: "Is de zaak nog niet bij een Stella-team geweest? Meld de burger daar dan eerst aan. Zit de zaak daar ook vast? Meld haar dan hier aan.",
            source: STAND_VAN_ZAKEN,
        },
        only_if: None,
    },
    RouteQuestion {
        vraag: RouteVraag::Stella,
        text: "Is de zaak al bij een Stella-team geweest?",
        advice_if: false,
        advice: Advice {
            title: "Probeer eerst het Stella-team",
            text: "Het Stella-team is er voor deze combinatie van problemen. De Belangenbehartiger is er voor zaken die daarna nog vastzitten.",
            now: "Meld de burger aan bij het Stella-team. Ook schuldhulpverleners en sociaal raadslieden mogen dat doen.",
            source: "Bron: Stand-van-zakenbrief Belastingdienst, 13 november 2025; Reisverslag 2.0, februari 2025.",
        },
        only_if: Some((RouteVraag::Ondernemer, true)),
    },
    RouteQuestion {
        vraag: RouteVraag::Herstel,
        text: "Is de burger (misschien) gedupeerd door de toeslagenaffaire?",
        advice_if: true,
        advice: Advice {
            title: "De UHT is er speciaal voor gedupeerden",
            text: "De Uitvoeringsorganisatie Herstel Toeslagen (UHT) helpt gedupeerden van de toeslagenaffaire. Elke ouder krijgt een eigen zaakbehandelaar.",
            now: "Neem contact op met de UHT, of met de zaakbehandelaar die de burger daar al heeft.",
            source: "Bron: \u{201c}Gezaghebbend heffen, innen, toekennen en controleren\u{201d}, Stichting Beroepseer, 2023.",
        },
        only_if: None,
    },
    RouteQuestion {
        vraag: RouteVraag::Schulden,
        text: "Gaat het vooral om rondkomen en schulden, zonder een besluit van de Dienst waar de burger het niet mee eens is?",
        advice_if: true,
        advice: Advice {
            title: "Hulp bij geldzorgen of schulden",
            text: "Voor hulp bij geldzorgen heeft de Belastingdienst een contract met Geldfit. Ook schuldhulpverlening bij de gemeente kan helpen. Bij invordering zijn er regelingen, zoals uitstel van betaling of een betalingsregeling.",
            now: "Verwijs de burger naar Geldfit of de schuldhulpverlening. Vraag bij de Dienst naar uitstel van betaling of een betalingsregeling.",
            source: STAND_VAN_ZAKEN,
        },
        only_if: None,
    },
    RouteQuestion {
        vraag: RouteVraag::Klacht,
        text: "Gaat het vooral om hoe de burger is behandeld, en niet om een besluit?",
        advice_if: true,
        advice: Advice {
            title: "Dien een klacht in bij de Dienst",
            text: "Over hoe iemand is behandeld, kan de burger een klacht indienen bij de Dienst. Hoe de Nationale ombudsman en de Belangenbehartiger hun werk verdelen, is nog niet vastgelegd.",
            now: "Dien eerst een klacht in bij de Dienst. Helpt dat niet? Meld de zaak dan hier aan, of vraag de Nationale ombudsman.",
            source: REISVERSLAG,
        },
        only_if: None,
    },
];

fn asked(answers: &[Option<bool>], question: &RouteQuestion) -> bool {
    question.only_if.is_none_or(|(earlier, answer)| {
        QUESTIONS
            .iter()
            .position(|q| q.vraag == earlier)
            .is_some_and(|index| answers[index] == Some(answer))
    })
}

/// The answers to the questions that were asked, to keep with the draft.
fn answers_given(answers: &[Option<bool>]) -> Vec<RouteAntwoord> {
    QUESTIONS
        .iter()
        .zip(answers)
        .filter(|(q, _)| asked(answers, q))
        .filter_map(|(q, a)| a.map(|ja| RouteAntwoord { vraag: q.vraag, ja }))
        .collect()
}

#[component]
pub fn RouteCheck() -> impl IntoView {
    view! { <RequireSignIn><RouteCheckForm /></RequireSignIn> }
}

#[component]
fn RouteCheckForm() -> impl IntoView {
    let answers = RwSignal::new([None::<bool>; QUESTIONS.len()]);
    let navigate = use_navigate();
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let start = move |_| {
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            let draft = CaseDraft {
                routecheck: answers_given(&answers.get_untracked()),
                ..CaseDraft::default()
            };
            match api::create_draft(&draft).await {
                Ok(created) => navigate(
                    &format!("/zaken/{}/vraag/burger", created.referentie),
                    Default::default(),
                ),
                Err(err) => failure.set(Some(err.message())),
            }
            busy.set(false);
        });
    };
    let advice = move || {
        let given = answers.get();
        QUESTIONS
            .iter()
            .zip(given)
            .filter(|(q, a)| asked(&given, q) && *a == Some(q.advice_if))
            .map(|(q, _)| &q.advice)
            .collect::<Vec<_>>()
    };
    let all_answered = move || {
        let given = answers.get();
        QUESTIONS
            .iter()
            .enumerate()
            .all(|(i, q)| !asked(&given, q) || given[i].is_some())
    };

    view! {
        <h1 class="nl-heading nl-heading--level-1">"Is de Belangenbehartiger de juiste route?"</h1>
        <p class="nl-paragraph">"Beantwoord eerst een paar korte vragen. Soms kan een andere plek de burger sneller helpen. U mag altijd verder met aanmelden."</p>
        {QUESTIONS.iter().enumerate().map(|(i, q)| {
            let shown = move || asked(&answers.get(), q);
            view! {
                <Show when=shown>
                    <ChoiceGroup id=q.vraag.id() legend=q.text options=vec!["Ja".into(), "Nee".into()]
                        checked=Callback::new(move |o: usize| answers.with(|a| a[i] == Some(o == 0)))
                        on_toggle=Callback::new(move |o: usize| answers.update(|a| a[i] = Some(o == 0)))
                        error=Signal::derive(|| None) />
                </Show>
            }
        }).collect_view()}
        <div aria-live="polite">
            {move || {
                let found = advice();
                if found.is_empty() {
                    all_answered().then(|| view! {
                        <div class="bg-panel bg-panel--ok">
                            <h2 class="nl-heading nl-heading--level-2">"De Belangenbehartiger lijkt de juiste route"</h2>
                            <p class="nl-paragraph">"De zaak zit vast na de gewone routes. Meld haar aan."</p>
                        </div>
                    }).into_any()
                } else {
                    view! {
                        <h2 class="nl-heading nl-heading--level-2">"Ons advies"</h2>
                        {found.into_iter().map(|a| view! {
                            <section class="bg-advice">
                                <h3 class="nl-heading nl-heading--level-3">{a.title}</h3>
                                <p class="nl-paragraph">{a.text}</p>
                                <p class="nl-paragraph"><strong>"Wat kunt u nu doen? "</strong>{a.now}</p>
                                <p class="bg-source">{a.source}</p>
                            </section>
                        }).collect_view()}
                    }.into_any()
                }
            }}
        </div>
        {move || failure.get().map(|m| view! { <p class="bg-field__error" role="alert">{m}</p> })}
        <div class="bg-actions">
            <button class="utrecht-button utrecht-button--primary-action" type="button" on:click=start disabled=busy>
                {move || if advice().is_empty() { "Verder met aanmelden" } else { "Toch aanmelden bij de Belangenbehartiger" }}
            </button>
            <a class="nl-link bg-back" rel="external" href="/zaken">"Terug naar uw zaken"</a>
        </div>
    }
}
