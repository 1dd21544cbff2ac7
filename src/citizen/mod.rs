//! The citizen's pages, used on a phone without an account: giving consent (`/toestemming`)
//! and following their case (`/status`). Part of the public app.

mod consent;
mod status;

pub use consent::ConsentPage;
pub use status::StatusPage;

use leptos::prelude::*;

/// A Unix time as a Dutch date, e.g. "3 maart 2026", in the browser's time zone.
fn dutch_date(seconds: i64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(seconds as f64 * 1000.0));
    model::domain::Date::new(
        u16::try_from(date.get_full_year()).unwrap_or(1970),
        u8::try_from(date.get_month() + 1).unwrap_or(1),
        u8::try_from(date.get_date()).unwrap_or(1),
    )
    .map(|d| d.to_dutch())
    .unwrap_or_default()
}

/// A box that tells the citizen something went wrong and what to do; read out at once.
#[component]
fn Problem(message: String) -> impl IntoView {
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
fn TermWarning(until: Option<model::domain::Date>) -> impl IntoView {
    view! {
        <div class="utrecht-alert utrecht-alert--warning bg-alert" role="note">
            <div class="utrecht-alert__content">
                <div class="utrecht-alert__message">
                    <h2 class="nl-heading nl-heading--level-3">"Let op: uw termijn loopt door"</h2>
                    <p class="nl-paragraph">
                        {until.map(|d| format!("Uw termijn voor bezwaar of beroep loopt tot {}. ", d.to_dutch()))}
                        "De termijn stopt niet door deze zaak. Doe op tijd wat nodig is."
                    </p>
                </div>
            </div>
        </div>
    }
}

/// A new stage replaces the page: move focus to its heading, as a page load would, so a
/// screen reader reads the new page and the view starts at the top.
fn focus_new_page() {
    request_animation_frame(|| {
        use wasm_bindgen::JsCast;
        let heading = document().query_selector("main h1").ok().flatten();
        if let Some(heading) = heading.and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = heading.set_attribute("tabindex", "-1");
            let _ = heading.focus();
        }
    });
}
