//! About Bondgenoot and the Belangenbehartiger (sources: seed 004, lines 104-115 and 190-192).

use leptos::prelude::*;

#[component]
pub fn About() -> impl IntoView {
    view! {
        <h1 class="nl-heading nl-heading--level-1">{t!("Over Bondgenoot", "About Bondgenoot")}</h1>
        <p class="nl-paragraph nl-paragraph--lead">
            {t!("Bondgenoot brengt vastgelopen zaken over belastingen en toeslagen bij de Belangenbehartiger.", "Bondgenoot brings stuck cases about taxes and benefits to the Belangenbehartiger.")}
        </p>

        <h2 class="nl-heading nl-heading--level-2">{t!("Wat doet de Belangenbehartiger?", "What does the Belangenbehartiger do?")}</h2>
        <p class="nl-paragraph">
            {t!("De Belangenbehartiger Belastingplichtigen en Toeslaggerechtigden is een apart onderdeel van het Ministerie van Financiën. ", "The Belangenbehartiger for taxpayers and benefit recipients is a separate part of the Ministry of Finance. ")}
            {t!("Hij helpt hulpverleners als een zaak vastzit bij de Belastingdienst of Dienst Toeslagen.", "It helps social workers when a case is stuck at the Tax Administration or the Benefits Service.")}
        </p>
        <p class="nl-paragraph">
            {t!("De Belangenbehartiger beslist niet zelf over een zaak. Hij onderzoekt de zaak. ", "The Belangenbehartiger does not decide on a case itself. It looks into the case. ")}
            {t!("Daarna kan hij een zienswijze sturen naar de Dienst. Een zienswijze is een advies met een mogelijke oplossing. ", "After that it can send a view (zienswijze) to the service. A view is advice with a possible solution. ")}
            {t!("De Dienst beslist. Neemt de Dienst het advies niet over? Dan moet de Dienst op papier uitleggen waarom.", "The service decides. Does the service not follow the advice? Then the service must explain why, in writing.")}
        </p>
        <p class="nl-paragraph">
            {t!("Soms past een zaak beter ergens anders. Dan stuurt de Belangenbehartiger de zaak door. U hoort dan waarom.", "Sometimes a case fits better somewhere else. Then the Belangenbehartiger passes the case on. You will hear why.")}
        </p>

        <h2 class="nl-heading nl-heading--level-2">{t!("Waarom heet het Bondgenoot?", "Why is it called Bondgenoot?")}</h2>
        <p class="nl-paragraph">
            {t!("De naam komt uit het verslag over de start van de Belangenbehartiger: ", "The name (Dutch for ally) comes from the report on the start of the Belangenbehartiger: ")}
            <q lang="nl">"Een bondgenoot in burgerbelang"</q>{t!(".", ". That means: an ally in the citizen's interest.")}
        </p>
    }
}
