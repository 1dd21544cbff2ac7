//! The start page: what Bondgenoot is for, for whom, and whether the service works.

use leptos::prelude::*;
use model::api::{Health, HealthReport};

use crate::api;

#[component]
pub fn Home() -> impl IntoView {
    view! {
        <h1 class="nl-heading nl-heading--level-1">{t!("Hulp bij een vastgelopen zaak", "Help with a stuck case")}</h1>
        <p class="nl-paragraph nl-paragraph--lead">
            {t!("Helpt u iemand met een probleem bij de Belastingdienst of Dienst Toeslagen? ", "Do you help someone with a problem at the Tax Administration or the Benefits Service? ")}
            {t!("En komt u er samen niet meer uit? Dan kunt u de zaak met Bondgenoot voorleggen aan de Belangenbehartiger.", "And are you stuck together? Then you can use Bondgenoot to bring the case to the Belangenbehartiger.")}
        </p>

        <h2 class="nl-heading nl-heading--level-2">{t!("Wat kunt u met Bondgenoot doen?", "What can you do with Bondgenoot?")}</h2>
        <ul class="bg-list">
            <li>{t!("Een zaak aanmelden. Dat doet u altijd met toestemming van de persoon om wie het gaat.", "Submit a case. You always do this with the consent of the person it is about.")}</li>
            <li>{t!("Volgen hoe het met de zaak gaat. U ziet ook waarom er iets besloten is.", "Follow how the case is going. You also see why something was decided.")}</li>
            <li>{t!("Uitleg lezen in gewone taal. Bij elke stap.", "Read explanations in plain language. At every step.")}</li>
        </ul>

        <h2 class="nl-heading nl-heading--level-2">{t!("Voor wie is Bondgenoot?", "Who is Bondgenoot for?")}</h2>
        <ul class="bg-list">
            <li>{t!("Voor hulpverleners. Bijvoorbeeld sociaal raadslieden, schuldhulpverleners en maatschappelijk werkers.", "For social workers. For example social legal advisers, debt counsellors and social workers.")}</li>
            <li>{t!("Voor de persoon om wie het gaat. Die kan op de telefoon zien hoe het met de zaak gaat.", "For the person it is about. They can see on their phone how the case is going.")}</li>
            <li>{t!("Voor bewindvoerders en belastingadviseurs. Zij kunnen stukken toevoegen aan een zaak.", "For financial administrators and tax advisers. They can add documents to a case.")}</li>
        </ul>

        <h2 class="nl-heading nl-heading--level-2">{t!("Gaat de zaak over u?", "Is the case about you?")}</h2>
        <p class="nl-paragraph">
            {t!("Met uw zaaknummer en persoonlijke code ziet u hoe het met uw zaak gaat. ", "With your case number and personal code you can see how your case is going. ")}
            <a class="nl-link" href="/status" rel="external">{t!("Volg uw zaak", "Follow your case")}</a>
        </p>

        <div class="utrecht-alert utrecht-alert--warning bg-alert" role="note">
            <div class="utrecht-alert__content">
                <div class="utrecht-alert__message">
                    <h2 class="nl-heading nl-heading--level-3">{t!("Let op: termijnen lopen door", "Note: deadlines keep running")}</h2>
                    <p class="nl-paragraph">
                        {t!("Wilt u bezwaar maken of in beroep gaan? Doe dat op tijd. ", "Do you want to object or appeal? Do it in time. ")}
                        {t!("De termijn voor bezwaar of beroep stopt niet als u een zaak aanmeldt.", "The deadline for an objection or appeal does not stop when you submit a case.")}
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
            <h2 id="werkt-kop" class="nl-heading nl-heading--level-2">{t!("Werkt Bondgenoot?", "Does Bondgenoot work?")}</h2>
            <p class="nl-paragraph" role="status" data-testid="health">
                <Suspense fallback=|| t!("We kijken of alles werkt.", "We are checking if everything works.")>
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
            tf!(
                "Ja, alles werkt. Versie {version}.",
                "Yes, everything works. Version {version}."
            )
        }
        Ok(HealthReport { version, .. }) => {
            tf!(
                "Nee, er is nu een storing. Probeer het later opnieuw. Versie {version}.",
                "No, there is a fault now. Please try again later. Version {version}."
            )
        }
        Err(failure) => failure.message().to_string(),
    }
}
