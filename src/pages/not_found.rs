//! Shown for every address the app does not know.

use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <h1 class="nl-heading nl-heading--level-1">"Deze pagina bestaat niet"</h1>
        <p class="nl-paragraph">
            "Misschien is het adres niet goed getypt. Of de pagina is weggehaald."
        </p>
        <p class="nl-paragraph">
            <A href="/" attr:class="nl-link">"Ga naar de startpagina"</A>
        </p>
    }
}
