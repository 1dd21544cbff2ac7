//! What setting up the authenticator app looks like, at sign-in and on the own account
//! page: the steps with the QR code and the typed key, and the recovery codes shown once.

use leptos::prelude::*;

/// The steps to add Bondgenoot to an authenticator app, with the QR code and the key.
#[component]
pub fn AppSetUpSteps(geheim: String, qr_svg: String) -> impl IntoView {
    view! {
        <ol class="bg-list">
            <li>{t!("Installeer een app voor inlogcodes op uw telefoon, als u die nog niet hebt. Bijvoorbeeld de app van Microsoft of Google voor inlogcodes (Authenticator).", "Install an app for sign-in codes on your phone, if you do not have one yet. For example the app of Microsoft or Google for sign-in codes (Authenticator).")}</li>
            <li>{t!("Kies in de app: account toevoegen. Scan de QR-code hieronder.", "In the app, choose: add account. Scan the QR code below.")}</li>
            <li>{t!("Typ daarna de 6 cijfers die de app laat zien.", "Then type the 6 digits the app shows.")}</li>
        </ol>
        <img class="bg-handover__qr" src=qr_svg alt=t!("QR-code om Bondgenoot toe te voegen aan uw app", "QR code to add Bondgenoot to your app") width="200" height="200" />
        <p class="nl-paragraph">{t!("Lukt scannen niet? Typ dan deze sleutel in de app:", "Scanning does not work? Then type this key in the app:")}</p>
        <p class="nl-paragraph"><code class="bg-secret" data-testid="geheim">{geheim}</code></p>
    }
}

/// The recovery codes, this once, with what they are for and how to keep them.
#[component]
pub fn RecoveryCodes(codes: Vec<String>) -> impl IntoView {
    view! {
        <p class="nl-paragraph">{t!("Bent u uw telefoon kwijt? Dan logt u in met een van deze codes. Elke code werkt één keer.", "Lost your phone? Then sign in with one of these codes. Each code works once.")}</p>
        <p class="nl-paragraph">{t!("Schrijf de codes op, of print deze pagina. Bewaar ze op een veilige plek, niet bij uw telefoon. U ziet ze maar één keer.", "Write the codes down, or print this page. Keep them in a safe place, not with your phone. You see them only once.")}</p>
        <ul class="bg-recovery" data-testid="herstelcodes">
            {codes.into_iter().map(|code| view! { <li><code>{code}</code></li> }).collect_view()}
        </ul>
    }
}
