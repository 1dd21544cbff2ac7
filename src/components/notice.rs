//! Boxes that tell the reader something: a problem and what to do, the warning that a
//! bezwaar or beroep term keeps running. And moving focus when a page changes in place.

use leptos::prelude::*;

/// Something went wrong and what to do; read out at once.
#[component]
pub fn Problem(message: String) -> impl IntoView {
    view! {
        <div class="utrecht-alert utrecht-alert--error bg-alert" role="alert">
            <div class="utrecht-alert__content">
                <p class="utrecht-alert__message nl-paragraph">{message}</p>
            </div>
        </div>
    }
}

/// The warning that a bezwaar or beroep term keeps running (brief §1.10; S004:592).
#[component]
pub fn TermWarning(until: Option<model::domain::Date>) -> impl IntoView {
    view! {
        <div class="utrecht-alert utrecht-alert--warning bg-alert" role="note">
            <div class="utrecht-alert__content">
                <div class="utrecht-alert__message">
                    <h2 class="nl-heading nl-heading--level-3">"Let op: de termijn loopt door"</h2>
                    <p class="nl-paragraph">
                        {until.map(|d| format!("De termijn voor bezwaar of beroep loopt tot {}. ", d.to_dutch()))}
                        "De termijn stopt niet door deze zaak. Doe op tijd wat nodig is."
                    </p>
                </div>
            </div>
        </div>
    }
}

/// A new stage replaces the page: move focus to its heading, as a page load would, so a
/// screen reader reads the new page and the view starts at the top.
pub fn focus_new_page() {
    request_animation_frame(|| {
        use wasm_bindgen::JsCast;
        let heading = document().query_selector("main h1").ok().flatten();
        if let Some(heading) = heading.and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = heading.set_attribute("tabindex", "-1");
            let _ = heading.focus();
        }
    });
}

/// Links to knowledge articles (`/hulp/{slug}`), served by the server as plain pages.
#[component]
pub fn ReadMore(links: Vec<(String, String)>) -> impl IntoView {
    (!links.is_empty()).then(|| {
        view! {
            <nav class="bg-read-more" aria-label="Meer uitleg">
                <p class="bg-read-more__title">"Meer uitleg"</p>
                <ul class="bg-list">
                    {links.into_iter().map(|(slug, text)| view! {
                        <li><a class="nl-link" rel="external" href=format!("/hulp/{slug}")>{text}</a></li>
                    }).collect_view()}
                </ul>
            </nav>
        }
    })
}
