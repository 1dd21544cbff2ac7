//! Shown for every address the app does not know.

use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <h1 class="nl-heading nl-heading--level-1">{t!("Deze pagina bestaat niet", "This page does not exist")}</h1>
        <p class="nl-paragraph">
            {t!("Misschien is het adres niet goed getypt. Of de pagina is weggehaald.", "Maybe the address was typed wrongly. Or the page was removed.")}
        </p>
        <p class="nl-paragraph">
            <a href="/" class="nl-link" rel="external">{t!("Ga naar de startpagina", "Go to the start page")}</a>
        </p>
    }
}
