//! The start page: what Bondgenoot is for, for whom, and whether the service works.

use leptos::prelude::*;
use model::api::{Health, HealthReport};

use crate::api;

#[component]
pub fn Home() -> impl IntoView {
    view! {
        <h1 class="nl-heading nl-heading--level-1">"Hulp bij een vastgelopen zaak"</h1>
        <p class="nl-paragraph nl-paragraph--lead">
            "Helpt u iemand met een probleem bij de Belastingdienst of Dienst Toeslagen? "
            "En komt u er samen niet meer uit? Dan kunt u de zaak met Bondgenoot voorleggen aan de Belangenbehartiger."
        </p>

        <h2 class="nl-heading nl-heading--level-2">"Wat kunt u met Bondgenoot doen?"</h2>
        <ul class="bg-list">
            <li>"Een zaak aanmelden. Dat doet u altijd met toestemming van de persoon om wie het gaat."</li>
            <li>"Volgen hoe het met de zaak gaat. U ziet ook waarom er iets besloten is."</li>
            <li>"Uitleg lezen in gewone taal. Bij elke stap."</li>
        </ul>

        <h2 class="nl-heading nl-heading--level-2">"Voor wie is Bondgenoot?"</h2>
        <ul class="bg-list">
            <li>"Voor hulpverleners. Bijvoorbeeld sociaal raadslieden, schuldhulpverleners en maatschappelijk werkers."</li>
            <li>"Voor de persoon om wie het gaat. Die kan op de telefoon zien hoe het met de zaak gaat."</li>
            <li>"Voor bewindvoerders en belastingadviseurs. Zij kunnen stukken toevoegen aan een zaak."</li>
        </ul>

        <h2 class="nl-heading nl-heading--level-2">"Gaat de zaak over u?"</h2>
        <p class="nl-paragraph">
            "Met uw zaaknummer en persoonlijke code ziet u hoe het met uw zaak gaat. "
            <a class="nl-link" href="/status" rel="external">"Volg uw zaak"</a>
        </p>

        <div class="utrecht-alert utrecht-alert--warning bg-alert" role="note">
            <div class="utrecht-alert__content">
                <div class="utrecht-alert__message">
                    <h2 class="nl-heading nl-heading--level-3">"Let op: termijnen lopen door"</h2>
                    <p class="nl-paragraph">
                        "Wilt u bezwaar maken of in beroep gaan? Doe dat op tijd. "
                        "De termijn voor bezwaar of beroep stopt niet als u een zaak aanmeldt."
                    </p>
                </div>
            </div>
        </div>

        <HealthStatus />
    }
}

/// Asks the server whether it and its database work, and says so in plain words.
#[component]
fn HealthStatus() -> impl IntoView {
    let report = LocalResource::new(api::health);
    view! {
        <section class="bg-health" aria-labelledby="werkt-kop">
            <h2 id="werkt-kop" class="nl-heading nl-heading--level-2">"Werkt Bondgenoot?"</h2>
            <p class="nl-paragraph" role="status" data-testid="health">
                <Suspense fallback=|| "We kijken of alles werkt.">
                    {move || Suspend::new(async move { health_sentence(report.await) })}
                </Suspense>
            </p>
        </section>
    }
}

fn health_sentence(report: Result<HealthReport, api::ApiFailure>) -> String {
    match report {
        Ok(HealthReport {
            status: Health::Ok,
            version,
            ..
        }) => {
            format!("Ja, alles werkt. Versie {version}.")
        }
        Ok(HealthReport { version, .. }) => {
            format!("Nee, er is nu een storing. Probeer het later opnieuw. Versie {version}.")
        }
        Err(failure) => failure.message().to_string(),
    }
}
