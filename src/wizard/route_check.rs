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
const STAND_VAN_ZAKEN: &str = t!("Bron: Stand-van-zakenbrief Belastingdienst, 13 november 2025.", "Source: Stand-van-zakenbrief Belastingdienst (progress letter on the Tax Administration), 13 November 2025.");
const REISVERSLAG: &str =
    t!("Bron: Reisverslag 2.0, \u{201c}Een bondgenoot in burgerbelang\u{201d}, februari 2025.", "Source: Reisverslag 2.0 (travel report), \u{201c}Een bondgenoot in burgerbelang\u{201d}, February 2025.");

/// Urgency and running terms first: what must happen now comes before which route fits.
const QUESTIONS: [RouteQuestion; 9] = [
    RouteQuestion {
        vraag: RouteVraag::Spoed,
        text: t!("Dreigt er binnenkort iets ergs, zoals een uithuiszetting, of heeft de burger geen geld meer om van te leven?", "Is something bad about to happen, such as an eviction, or does the citizen have no money left to live on?"),
        advice_if: true,
        advice: Advice {
            title: t!("Dit is dringend: wacht niet", "This is urgent: do not wait"),
            text: t!("Aanmelden bij de Belangenbehartiger zet niets stil. Een uithuiszetting of een invordering gaat gewoon door.", "Submitting to the Belangenbehartiger does not stop anything. An eviction or a collection just goes on."),
            now: t!("Neem vandaag contact op met de Dienst en vraag naar uitstel van betaling of een betalingsregeling. Meld de zaak daarna hier aan en kies bij \u{201c}Is het dringend?\u{201d} wat er dreigt. Dan kijkt de Belangenbehartiger eerst naar deze zaak.", "Contact the service today and ask for a delay of payment or a payment plan. Then submit the case here and choose at \u{201c}Is it urgent?\u{201d} what is about to happen. Then the Belangenbehartiger looks at this case first."),
            source: STAND_VAN_ZAKEN,
        },
        only_if: None,
    },
    RouteQuestion {
        vraag: RouteVraag::Contact,
        text: t!("Heeft de burger over dit probleem al contact gehad met de BelastingTelefoon of met de Dienst zelf?", "Has the citizen already contacted the BelastingTelefoon (tax helpline) or the service itself about this problem?"),
        advice_if: false,
        advice: Advice {
            title: t!("Neem eerst contact op met de Dienst", "Contact the service first"),
            text: t!("Veel vragen lost de Dienst zelf op, via de BelastingTelefoon, Webcare of een afspraak aan de balie.", "The service solves many questions itself, through the BelastingTelefoon, Webcare or an appointment at the desk."),
            now: t!("Neem samen met de burger contact op met de BelastingTelefoon of de Dienst. Lukt het daar niet? Meld de zaak dan hier aan.", "Together with the citizen, contact the BelastingTelefoon or the service. Does that not work? Then submit the case here."),
            source: STAND_VAN_ZAKEN,
        },
        only_if: None,
    },
    RouteQuestion {
        vraag: RouteVraag::Bezwaar,
        text: t!("Is er een besluit waar de burger het niet mee eens is, en kan de burger daartegen nog bezwaar maken?", "Is there a decision the citizen does not agree with, and can the citizen still object to it?"),
        advice_if: true,
        advice: Advice {
            title: t!("Maak ook op tijd bezwaar", "Also object in time"),
            text: t!("Bezwaar is de eerste manier om een besluit te laten veranderen. De termijn voor bezwaar loopt door, ook als u de zaak hier aanmeldt.", "An objection is the first way to have a decision changed. The deadline for an objection keeps running, also if you submit the case here."),
            now: t!("Maak bezwaar voordat de termijn afloopt. Staat de termijn niet in de brief? Vraag het na bij de Dienst.", "Object before the deadline ends. Is the deadline not in the letter? Ask the service."),
            source: REISVERSLAG,
        },
        only_if: None,
    },
    RouteQuestion {
        vraag: RouteVraag::Beroep,
        text: t!("Is een bezwaar van de burger al afgewezen, en kan de burger nog in beroep gaan?", "Has an objection of the citizen already been rejected, and can the citizen still appeal?"),
        advice_if: true,
        advice: Advice {
            title: t!("De termijn voor beroep loopt door", "The deadline for an appeal keeps running"),
            text: t!("Ook de termijn voor beroep stopt niet als u de zaak hier aanmeldt. De Belangenbehartiger kan geen termijn stilzetten.", "The deadline for an appeal also does not stop if you submit the case here. The Belangenbehartiger cannot stop a deadline."),
            now: t!("Ga op tijd in beroep. De termijn staat in de brief met de beslissing op het bezwaar. Vul die datum in het formulier in, bij \u{201c}Bezwaar of beroep\u{201d}.", "Appeal in time. The deadline is in the letter with the decision on the objection. Fill in that date in the form, at \u{201c}Objection or appeal\u{201d}."),
            source: REISVERSLAG,
        },
        only_if: Some((RouteVraag::Bezwaar, false)),
    },
    RouteQuestion {
        vraag: RouteVraag::Ondernemer,
        text: t!("Is de burger ondernemer of zzp'er, met problemen met inkomstenbelasting, omzetbelasting, toeslagen of invordering tegelijk?", "Is the citizen an entrepreneur or freelancer, with problems with income tax, VAT, benefits or collection at the same time?"),
        advice_if: true,
        advice: Advice {
            title: t!("Het Stella-team past misschien beter", "The Stella team may fit better"),
            text: t!("Het Stella-team helpt bij dringende en ingewikkelde combinaties van problemen met inkomstenbelasting, omzetbelasting, toeslagen of invordering. De burger krijgt één vaste contactpersoon.", "The Stella team helps with urgent and complex combinations of problems with income tax, VAT, benefits or collection. The citizen gets one fixed contact person."),
            now: t!("Is de zaak nog niet bij een Stella-team geweest? Meld de burger daar dan eerst aan. Zit de zaak daar ook vast? Meld haar dan hier aan.", "Has the case not been with a Stella team yet? Then submit the citizen there first. Is the case stuck there too? Then submit it here."),
            source: STAND_VAN_ZAKEN,
        },
        only_if: None,
    },
    RouteQuestion {
        vraag: RouteVraag::Stella,
        text: t!("Is de zaak al bij een Stella-team geweest?", "Has the case already been with a Stella team?"),
        advice_if: false,
        advice: Advice {
            title: t!("Probeer eerst het Stella-team", "Try the Stella team first"),
            text: t!("Het Stella-team is er voor deze combinatie van problemen. De Belangenbehartiger is er voor zaken die daarna nog vastzitten.", "The Stella team is there for this combination of problems. The Belangenbehartiger is there for cases that are still stuck after that."),
            now: t!("Meld de burger aan bij het Stella-team. Ook schuldhulpverleners en sociaal raadslieden mogen dat doen.", "Submit the citizen to the Stella team. Debt counsellors and social legal advisers may do that too."),
            source: t!("Bron: Stand-van-zakenbrief Belastingdienst, 13 november 2025; Reisverslag 2.0, februari 2025.", "Source: Stand-van-zakenbrief Belastingdienst, 13 November 2025; Reisverslag 2.0, February 2025."),
        },
        only_if: Some((RouteVraag::Ondernemer, true)),
    },
    RouteQuestion {
        vraag: RouteVraag::Herstel,
        text: t!("Is de burger (misschien) gedupeerd door de toeslagenaffaire?", "Was the citizen (perhaps) harmed by the childcare benefits scandal?"),
        advice_if: true,
        advice: Advice {
            title: t!("De UHT is er speciaal voor gedupeerden", "The UHT is there especially for those harmed"),
            text: t!("De Uitvoeringsorganisatie Herstel Toeslagen (UHT) helpt gedupeerden van de toeslagenaffaire. Elke ouder krijgt een eigen zaakbehandelaar.", "The Benefits Recovery Agency (UHT) helps those harmed by the benefits scandal. Each parent gets their own case handler."),
            now: t!("Neem contact op met de UHT, of met de zaakbehandelaar die de burger daar al heeft.", "Contact the UHT, or the case handler the citizen already has there."),
            source: t!("Bron: \u{201c}Gezaghebbend heffen, innen, toekennen en controleren\u{201d}, Stichting Beroepseer, 2023.", "Source: \u{201c}Gezaghebbend heffen, innen, toekennen en controleren\u{201d}, Stichting Beroepseer, 2023."),
        },
        only_if: None,
    },
    RouteQuestion {
        vraag: RouteVraag::Schulden,
        text: t!("Gaat het vooral om rondkomen en schulden, zonder een besluit van de Dienst waar de burger het niet mee eens is?", "Is it mainly about making ends meet and debts, without a decision of the service the citizen does not agree with?"),
        advice_if: true,
        advice: Advice {
            title: t!("Hulp bij geldzorgen of schulden", "Help with money worries or debts"),
            text: t!("Voor hulp bij geldzorgen heeft de Belastingdienst een contract met Geldfit. Ook schuldhulpverlening bij de gemeente kan helpen. Bij invordering zijn er regelingen, zoals uitstel van betaling of een betalingsregeling.", "For help with money worries the Tax Administration has a contract with Geldfit. Debt help from the municipality can also help. For collection there are arrangements, such as a delay of payment or a payment plan."),
            now: t!("Verwijs de burger naar Geldfit of de schuldhulpverlening. Vraag bij de Dienst naar uitstel van betaling of een betalingsregeling.", "Refer the citizen to Geldfit or debt help. Ask the service about a delay of payment or a payment plan."),
            source: STAND_VAN_ZAKEN,
        },
        only_if: None,
    },
    RouteQuestion {
        vraag: RouteVraag::Klacht,
        text: t!("Gaat het vooral om hoe de burger is behandeld, en niet om een besluit?", "Is it mainly about how the citizen was treated, and not about a decision?"),
        advice_if: true,
        advice: Advice {
            title: t!("Dien een klacht in bij de Dienst", "Make a complaint to the service"),
            text: t!("Over hoe iemand is behandeld, kan de burger een klacht indienen bij de Dienst. Hoe de Nationale ombudsman en de Belangenbehartiger hun werk verdelen, is nog niet vastgelegd.", "About how someone was treated, the citizen can make a complaint to the service. How the National Ombudsman and the Belangenbehartiger share their work has not been set yet."),
            now: t!("Dien eerst een klacht in bij de Dienst. Helpt dat niet? Meld de zaak dan hier aan, of vraag de Nationale ombudsman.", "First make a complaint to the service. Does that not help? Then submit the case here, or ask the National Ombudsman."),
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
        <h1 class="nl-heading nl-heading--level-1">{t!("Is de Belangenbehartiger de juiste route?", "Is the Belangenbehartiger the right route?")}</h1>
        <p class="nl-paragraph">{t!("Beantwoord eerst een paar korte vragen. Soms kan een andere plek de burger sneller helpen. U mag altijd verder met aanmelden.", "First answer a few short questions. Sometimes another place can help the citizen faster. You may always go on with submitting.")}</p>
        {QUESTIONS.iter().enumerate().map(|(i, q)| {
            let shown = move || asked(&answers.get(), q);
            view! {
                <Show when=shown>
                    <ChoiceGroup id=q.vraag.id() legend=q.text options=vec![t!("Ja", "Yes").into(), t!("Nee", "No").into()]
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
                            <h2 class="nl-heading nl-heading--level-2">{t!("De Belangenbehartiger lijkt de juiste route", "The Belangenbehartiger seems the right route")}</h2>
                            <p class="nl-paragraph">{t!("De zaak zit vast na de gewone routes. Meld haar aan.", "The case is stuck after the usual routes. Submit it.")}</p>
                        </div>
                    }).into_any()
                } else {
                    view! {
                        <h2 class="nl-heading nl-heading--level-2">{t!("Ons advies", "Our advice")}</h2>
                        {found.into_iter().map(|a| view! {
                            <section class="bg-advice">
                                <h3 class="nl-heading nl-heading--level-3">{a.title}</h3>
                                <p class="nl-paragraph">{a.text}</p>
                                <p class="nl-paragraph"><strong>{t!("Wat kunt u nu doen? ", "What can you do now? ")}</strong>{a.now}</p>
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
                {move || if advice().is_empty() { t!("Verder met aanmelden", "Go on with submitting") } else { t!("Toch aanmelden bij de Belangenbehartiger", "Submit to the Belangenbehartiger anyway") }}
            </button>
            <a class="nl-link bg-back" rel="external" href="/zaken">{t!("Terug naar uw zaken", "Back to your cases")}</a>
        </div>
    }
}
