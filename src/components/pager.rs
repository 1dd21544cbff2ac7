//! Paging a list the server gives a page at a time: which page this is, and buttons to the
//! one before and the one after (shown only when there is more than one page).

use leptos::prelude::*;

#[component]
pub fn Pager(current: u32, more: bool, page: RwSignal<u32>) -> impl IntoView {
    (current > 1 || more).then(|| {
        view! {
            <nav class="bg-actions" aria-label=t!("Pagina's", "Pages")>
                <p class="nl-paragraph" role="status">{tf!("Pagina {current}", "Page {current}")}</p>
                {(current > 1).then(|| view! { <button class="utrecht-button utrecht-button--secondary-action" type="button" on:click=move |_| page.set(current - 1)>{t!("Vorige pagina", "Previous page")}</button> })}
                {more.then(|| view! { <button class="utrecht-button utrecht-button--secondary-action" type="button" on:click=move |_| page.set(current + 1)>{t!("Volgende pagina", "Next page")}</button> })}
            </nav>
        }
    })
}
