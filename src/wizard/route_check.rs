//! "Is Bondgenoot de juiste route?" (`/zaken/nieuw`): a few questions before the form. Each
//! answer can point to a better route (brief §3.2, with the seed lines the advice rests on).
//! The helper may always go on; nothing here invents phone numbers or terms.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use model::case::CaseDraft;

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
    id: &'static str,
    text: &'static str,
    /// The answer that points to the advice.
    advice_if: bool,
    advice: Advice,
    /// Asked only when an earlier question (index) got this answer.
    only_if: Option<(usize, bool)>,
}

const QUESTIONS: [RouteQuestion; 7] = [
    RouteQuestion {
        id: "contact",
        text: "Heeft de burger over dit probleem al contact gehad met de BelastingTelefoon of met de Dienst zelf?",
        advice_if: false,
        advice: Advice {
            title: "Neem eerst contact op met de Dienst",
            text: "Veel vragen lost de Dienst zelf op, via de BelastingTelefoon, Webcare of een afspraak aan de balie.",
            now: "Neem samen met de burger contact op met de BelastingTelefoon of de Dienst. Lukt het daar niet? Meld de zaak dan hier aan.",
            source: "Bron: Stand-van-zakenbrief Belastingdienst (seed 003, r. 560-562 en 8000-8016).",
        },
        only_if: None,
    },
    RouteQuestion {
        id: "bezwaar",
        text: "Is er een besluit waar de burger het niet mee eens is, en kan de burger daartegen nog bezwaar maken?",
        advice_if: true,
        advice: Advice {
            title: "Maak ook op tijd bezwaar",
            text: "Bezwaar is de eerste manier om een besluit te laten veranderen. De termijn voor bezwaar loopt door, ook als u de zaak hier aanmeldt.",
            now: "Maak bezwaar voordat de termijn afloopt. Staat de termijn niet in de brief? Vraag het na bij de Dienst.",
            source: "Bron: Reisverslag Belangenbehartiger (seed 004, r. 584-586).",
        },
        only_if: None,
    },
    RouteQuestion {
        id: "ondernemer",
        text: "Is de burger ondernemer of zzp'er, met problemen met inkomstenbelasting, omzetbelasting, toeslagen of invordering tegelijk?",
        advice_if: true,
        advice: Advice {
            title: "Het Stella-team past misschien beter",
            text: "Het Stella-team helpt bij dringende en ingewikkelde combinaties van problemen met inkomstenbelasting, omzetbelasting, toeslagen of invordering. De burger krijgt één vaste contactpersoon.",
            now: "Is de zaak nog niet bij een Stella-team geweest? Meld de burger daar dan eerst aan. Zit de zaak daar ook vast? Meld haar dan hier aan.",
            source: "Bron: Stand-van-zakenbrief Belastingdienst (seed 003, r. 1376-1387).",
        },
        only_if: None,
    },
    RouteQuestion {
        id: "stella",
        text: "Is de zaak al bij een Stella-team geweest?",
        advice_if: false,
        advice: Advice {
            title: "Probeer eerst het Stella-team",
            text: "Het Stella-team is er voor deze combinatie van problemen. De Belangenbehartiger is er voor zaken die daarna nog vastzitten.",
            now: "Meld de burger aan bij het Stella-team. Ook schuldhulpverleners en sociaal raadslieden mogen dat doen.",
            source: "Bron: seed 003, r. 1376-1379; seed 004, r. 248.",
        },
        only_if: Some((2, true)),
    },
    RouteQuestion {
        id: "herstel",
        text: "Is de burger (misschien) gedupeerd door de toeslagenaffaire?",
        advice_if: true,
        advice: Advice {
            title: "De UHT is er speciaal voor gedupeerden",
            text: "De Uitvoeringsorganisatie Herstel Toeslagen (UHT) helpt gedupeerden van de toeslagenaffaire. Elke ouder krijgt een eigen zaakbehandelaar.",
            now: "Neem contact op met de UHT, of met de zaakbehandelaar die de burger daar al heeft.",
            source: "Bron: Gezaghebbend heffen (seed 001, r. 2683-2692).",
        },
        only_if: None,
    },
    RouteQuestion {
        id: "schulden",
        text: "Gaat het vooral om rondkomen en schulden, zonder een besluit van de Dienst waar de burger het niet mee eens is?",
        advice_if: true,
        advice: Advice {
            title: "Hulp bij geldzorgen of schulden",
            text: "Voor hulp bij geldzorgen heeft de Belastingdienst een contract met Geldfit. Ook schuldhulpverlening bij de gemeente kan helpen. Bij invordering zijn er regelingen, zoals uitstel van betaling of een betalingsregeling.",
            now: "Verwijs de burger naar Geldfit of de schuldhulpverlening. Vraag bij de Dienst naar uitstel van betaling of een betalingsregeling.",
            source: "Bron: seed 003, r. 973-976 en 9520-9580.",
        },
        only_if: None,
    },
    RouteQuestion {
        id: "klacht",
        text: "Gaat het vooral om hoe de burger is behandeld, en niet om een besluit?",
        advice_if: true,
        advice: Advice {
            title: "Dien een klacht in bij de Dienst",
            text: "Over hoe iemand is behandeld, kan de burger een klacht indienen bij de Dienst. Hoe de Nationale ombudsman en de Belangenbehartiger hun werk verdelen, is nog niet vastgelegd.",
            now: "Dien eerst een klacht in bij de Dienst. Helpt dat niet? Meld de zaak dan hier aan, of vraag de Nationale ombudsman.",
            source: "Bron: seed 004, r. 308 en 478.",
        },
        only_if: None,
    },
];

fn asked(answers: &[Option<bool>], question: &RouteQuestion) -> bool {
    question
        .only_if
        .is_none_or(|(index, answer)| answers[index] == Some(answer))
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
            match api::create_draft(&CaseDraft::default()).await {
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
            .filter(|q| {
                asked(&given, q)
                    && given[QUESTIONS.iter().position(|x| x.id == q.id).unwrap_or(0)]
                        == Some(q.advice_if)
            })
            .map(|q| &q.advice)
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
                    <ChoiceGroup id=q.id legend=q.text options=vec!["Ja".into(), "Nee".into()]
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
