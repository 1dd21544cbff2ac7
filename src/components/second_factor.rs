//! What setting up the authenticator app looks like, at sign-in and on the own account
//! page: the steps with the QR code and the typed key, and the recovery codes shown once.

use leptos::prelude::*;

/// The steps to add Bondgenoot to an authenticator app, with the QR code and the key.
#[component]
pub fn AppSetUpSteps(geheim: String, qr_svg: String) -> impl IntoView {
    view! {
        <ol class="bg-list">
            <li>"Installeer een app voor inlogcodes op uw telefoon, als u die nog niet hebt. Bijvoorbeeld de app van Microsoft of Google voor inlogcodes (Authenticator)."</li>
            <li>"Kies in de app: account toevoegen. Scan de QR-code hieronder."</li>
            <li>"Typ daarna de 6 cijfers die de app laat zien."</li>
        </ol>
        <img class="bg-handover__qr" src=qr_svg alt="QR-code om Bondgenoot toe te voegen aan uw app" width="200" height="200" />
        <p class="nl-paragraph">"Lukt scannen niet? Typ dan deze sleutel in de app:"</p>
        <p class="nl-paragraph"><code class="bg-secret" data-testid="geheim">{geheim}</code></p>
    }
}

/// The recovery codes, this once, with what they are for and how to keep them.
#[component]
pub fn RecoveryCodes(codes: Vec<String>) -> impl IntoView {
    view! {
        <p class="nl-paragraph">"Bent u uw telefoon kwijt? Dan logt u in met een van deze codes. Elke code werkt één keer."</p>
        <p class="nl-paragraph">"Schrijf de codes op, of print deze pagina. Bewaar ze op een veilige plek, niet bij uw telefoon. U ziet ze maar één keer."</p>
        <ul class="bg-recovery" data-testid="herstelcodes">
            {codes.into_iter().map(|code| view! { <li><code>{code}</code></li> }).collect_view()}
        </ul>
    }
}
