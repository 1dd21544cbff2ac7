//! About Bondgenoot and the Belangenbehartiger (sources: seed 004, lines 104-115 and 190-192).

use leptos::prelude::*;

#[component]
pub fn About() -> impl IntoView {
    view! {
        <h1 class="nl-heading nl-heading--level-1">"Over Bondgenoot"</h1>
        <p class="nl-paragraph nl-paragraph--lead">
            "Bondgenoot brengt vastgelopen zaken over belastingen en toeslagen bij de Belangenbehartiger."
        </p>

        <h2 class="nl-heading nl-heading--level-2">"Wat doet de Belangenbehartiger?"</h2>
        <p class="nl-paragraph">
            "De Belangenbehartiger Belastingplichtigen en Toeslaggerechtigden is een apart onderdeel van het Ministerie van Financiën. "
            "Hij helpt hulpverleners als een zaak vastzit bij de Belastingdienst of Dienst Toeslagen."
        </p>
        <p class="nl-paragraph">
            "De Belangenbehartiger beslist niet zelf over een zaak. Hij onderzoekt de zaak. "
            "Daarna kan hij een zienswijze sturen naar de Dienst. Een zienswijze is een advies met een mogelijke oplossing. "
            "De Dienst beslist. Neemt de Dienst het advies niet over? Dan moet de Dienst op papier uitleggen waarom."
        </p>
        <p class="nl-paragraph">
            "Soms past een zaak beter ergens anders. Dan stuurt de Belangenbehartiger de zaak door. U hoort dan waarom."
        </p>

        <h2 class="nl-heading nl-heading--level-2">"Waarom heet het Bondgenoot?"</h2>
        <p class="nl-paragraph">
            "De naam komt uit het verslag over de start van de Belangenbehartiger: "
            <q>"Een bondgenoot in burgerbelang"</q>"."
        </p>
    }
}
