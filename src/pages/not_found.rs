//! Shown for every address the app does not know.

use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <h1 class="nl-heading nl-heading--level-1">"Deze pagina bestaat niet"</h1>
        <p class="nl-paragraph">
            "Misschien is het adres niet goed getypt. Of de pagina is weggehaald."
        </p>
        <p class="nl-paragraph">
            <a href="/" class="nl-link" rel="external">"Ga naar de startpagina"</a>
        </p>
    }
}
